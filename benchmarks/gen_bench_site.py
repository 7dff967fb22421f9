"""Generate a DedeCMS-like site of N article pages for benchmarks/bench_crawl.py.

Pages are rendered with the fixture corpus' templates (tools/cms_templates.py:
full chrome, related links, footers, ~20-40 KB each); their speech text is
sentences drawn at random from the seed pages, so every article is a distinct
speech for the archive's deduplication. List pages of 50 entries chain with
"下一页".

    python benchmarks/gen_bench_site.py OUT_DIR --pages 5000
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tools.cms_templates import Article, Block, Item, ListEntry, ListPage, Site, make  # noqa: E402

# ../shared/seeds beside the checkout (read by benchmarks only, never by tests)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PER_LIST = 50
SITE = Site("bench", "77范文网", "www.hanjia777.com", "dedecms", "粤ICP备15071480号-27", "2015-2024", "baidu")
OFFICES = ("市长", "区长", "县长", "XX书记", "副市长", "局长")
MEETINGS = ("全市经济工作会议", "全区项目建设推进会", "全县安全生产工作会议", "全市高质量发展大会",
            "全市审计工作会议", "全区招商引资工作会议", "全市乡村振兴工作会议", "全市营商环境优化大会")


def sentence_pool(seeds: Path = SEEDS) -> list[str]:
    """Sentences of the seed pages' speech text (lines long enough to be prose)."""
    pool: list[str] = []
    for file in sorted(seeds.glob("*.txt")):
        for line in file.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) < 40:
                continue
            pool += [s + "。" for s in re.split(r"。", line) if len(s) >= 12]
    if len(pool) < 200:
        raise SystemExit(f"too few seed sentences in {seeds} ({len(pool)})")
    return pool


def article_path(n: int) -> str:
    return f"/gongwen/{2015 + n % 9}/{1 + n % 12:02d}{1 + n % 28:02d}/{10000 + n}.html"


def build(out: Path, pages: int, seed: int = 7) -> list[str]:
    """Write the site; return the article paths."""
    rng = random.Random(seed)
    pool = sentence_pool()
    out.mkdir(parents=True, exist_ok=True)
    paths = [article_path(n) for n in range(pages)]
    titles = [f"{OFFICES[n % len(OFFICES)]}在{2015 + n % 9}年{MEETINGS[n % len(MEETINGS)]}上的讲话({n + 1})"
              for n in range(pages)]
    crumbs = [("首页", "/"), ("公文范文", "/gongwen/list_1.html"), ("文章内容", None)]
    for n, (path, title) in enumerate(zip(paths, titles)):
        paragraphs = ["同志们:"] + ["".join(rng.sample(pool, rng.randint(2, 5))) for _ in range(rng.randint(8, 16))]
        paragraphs.append("谢谢大家!")
        item = Item(title=title, blocks=[Block(shown=p, kept=p) for p in paragraphs])
        related = [(titles[(n + k) % pages], paths[(n + k) % pages]) for k in (1, 2, 3, 5, 8)]
        date = f"{2015 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        page = Article(site=SITE, path=path, title=title, h1=title, items=[item], published=date,
                       shown_time=f"{date} 10:{n % 60:02d}:00", author="网友投稿", author_shown="网友投稿",
                       crumbs=crumbs, aid=10000 + n, hits=100 + n % 900, related=related,
                       prev=(titles[n - 1], paths[n - 1]) if n else None,
                       next=(titles[n + 1], paths[n + 1]) if n + 1 < pages else None,
                       tags=["讲话稿", MEETINGS[n % len(MEETINGS)]], markup="p", indent="u3000")
        _write(out, path, make("dedecms", n).article(page))
    count = (pages + PER_LIST - 1) // PER_LIST
    for number in range(1, count + 1):
        chunk = range((number - 1) * PER_LIST, min(number * PER_LIST, pages))
        entries = [ListEntry(titles[i], paths[i], f"{2015 + i % 9}-01-01") for i in chunk]
        listing = ListPage(site=SITE, path=f"/gongwen/list_{number}.html", title="公文范文", entries=entries,
                           crumbs=[("首页", "/"), ("公文范文", None)], page_no=number, page_count=count,
                           page_fmt="list_{n}.html", first_page="list_1.html")
        _write(out, listing.path, make("dedecms", 10**6 + number).listing(listing))
    (out / "index.html").write_text('<html><head><meta charset="utf-8"><title>77范文网</title></head><body>'
                                    '<a href="/gongwen/list_1.html">公文范文</a></body></html>', encoding="utf-8")
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /member/\n", encoding="ascii")
    return paths


def _write(root: Path, path: str, html: str) -> None:
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=5000)
    args = parser.parse_args()
    paths = build(args.out, args.pages)
    print(f"{len(paths)} article pages under {args.out}")


if __name__ == "__main__":
    main()
