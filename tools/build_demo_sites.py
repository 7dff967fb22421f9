"""Build the bundled demo sites of `speech-archive demo` (dev tool, run by hand).

    .venv/bin/python tools/build_demo_sites.py [--seeds /work/shared/seeds] [--out crawler/demo_sites]

Writes three small static sites of different CMS families (DedeCMS UTF-8,
PHPCMS GBK, EmpireCMS UTF-8) with the templates of `tools/cms_templates.py`,
a fourth of no CMS family (the card layout of `tools/heldout_layouts.py`, with
teaser-river lists, an about page and comment threads), the demo's second
state `_night2/` (an overlay of replaced files), and `expected.json`: what a
correct crawl of them must archive. All links are root-relative, so the sites
work on any loopback port. Its OUTPUT is
committed as package data; `crawler/demo_sites/sites.toml` is not written here.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_fixtures import (  # noqa: E402
    Speech, comp_headings, comp_item, expected_of, fill_masks, glue, load_speeches, promo_block, single_item,
    Spec,
)
from cms_templates import Article, Block, Item, ListEntry, ListPage, NotFound, Site, make  # noqa: E402

log = logging.getLogger("build_demo_sites")
ROOT = Path(__file__).resolve().parent.parent

SITES = {
    "fanwen77": Site("fanwen77", "77范文网", "www.hanjia777.com", "dedecms", "粤ICP备15071480号-27", "2015-2024",
                     "baidu", "77范文网,提供各类范文下载"),
    "baihua": Site("baihua", "百花范文网", "www.baihuafanwen.com", "phpcms", "京ICP备14045735号-3", "2014-2024", "cnzz"),
    "xingxing": Site("xingxing", "星星阅读网", "www.xingxingyuedu.com", "empirecms", "蜀ICP备2020031234号-1",
                     "2020-2024", "baidu"),
}
ENCODING = {"fanwen77": "utf-8", "baihua": "gbk", "xingxing": "utf-8"}
PROMO_KEY = {"fanwen77": "hanjia", "baihua": "baihua", "xingxing": "xingxing"}
LIST_DIR = {"fanwen77": "/gongwen/", "baihua": "/html/jianghua/", "xingxing": "/jianghua/"}
LIST_NAME = {"fanwen77": "公文范文", "baihua": "讲话致辞", "xingxing": "讲话稿"}


@dataclass
class DemoArticle:
    site: str
    path: str
    speech_ids: list[str]  # which distinct speech each item of the page is
    article: Article
    on_list_page: int = 1  # which list page links it
    parts: list[str] = field(default_factory=list)  # paths of all parts of a multi-page article


@dataclass
class DemoSite:
    key: str
    articles: list[DemoArticle] = field(default_factory=list)
    member: list[DemoArticle] = field(default_factory=list)


def crumbs_for(site: str) -> list[tuple[str, str | None]]:
    name = SITES[site].name
    if site == "fanwen77":
        return [("首页", "/"), (LIST_NAME[site], LIST_DIR[site] + "list_1.html"), ("文章内容", None)]
    if site == "baihua":
        return [(name, "/"), (LIST_NAME[site], LIST_DIR[site] + "list_1.html")]
    return [("首页", "/"), (LIST_NAME[site], LIST_DIR[site] + "list_1.html"), ("正文", None)]


def art(site: str, path: str, items: list[Item], title: str, date: str, aid: int, **kw) -> Article:
    s = SITES[site]
    crumbs = crumbs_for(site)
    h1 = kw.pop("h1", None) or title
    if crumbs[-1][1] is not None:
        crumbs = crumbs + [(h1, None)]
    author = {"fanwen77": "网友投稿", "baihua": None, "xingxing": "星星阅读"}[site]
    return Article(site=s, path=path, title=title, h1=h1, items=items, published=date,
                   shown_time=f"{date} {8 + aid % 12:02d}:{aid % 60:02d}:{(aid * 7) % 60:02d}",
                   author=author, author_shown=author, source=("百花范文网" if site == "baihua" else None),
                   crumbs=crumbs, aid=aid, hits=100 + aid % 900, charset_decl=ENCODING[site],
                   tags_label={"fanwen77": "推荐访问:", "baihua": "相关热词搜索:", "xingxing": "推荐访问:"}[site],
                   markup=kw.pop("markup", "p"), indent=kw.pop("indent", "u3000"), **kw)


def build(sp: dict[str, Speech]) -> dict[str, DemoSite]:
    S0, S1, S2 = sp["S0"], sp["S1"], sp["S2"]
    c3 = [sp[f"C3.{n}"] for n in range(1, 7)]
    sites = {k: DemoSite(k) for k in SITES}

    # ------------------------------------------------ 77范文网 (DedeCMS, UTF-8)
    f = sites["fanwen77"]
    f.articles.append(DemoArticle("fanwen77", "/a/2022/0611/12093.html", ["A"], art(
        "fanwen77", "/a/2022/0611/12093.html", [single_item(S0)], S0.title, "2022-06-11", 12093,
        tags=S0.tags, pre=[promo_block("hanjia", S0.title)])))
    f.articles.append(DemoArticle("fanwen77", "/a/2022/0405/11021.html", ["C"], art(
        "fanwen77", "/a/2022/0405/11021.html", [single_item(S2)], S2.title, "2022-04-05", 11021,
        tags=S2.tags, pre=[promo_block("hanjia", S2.title)], markup="br", indent="nbsp")))
    heads = comp_headings("di", "市长在市政府全体经济会议上的讲话", [""] * 6)
    f.articles.append(DemoArticle("fanwen77", "/a/2024/0707/13001.html", [f"E{n}" for n in range(1, 7)], art(
        "fanwen77", "/a/2024/0707/13001.html", [comp_item(s, h) for s, h in zip(c3, heads)],
        "市长在市政府全体经济会议上的讲话", "2024-07-07", 13001,
        comp_heading="市长在市政府全体经济会议上的讲话(精选6篇)", tags=["市长讲话", "全体会议"])))
    d = sp["C4.8"]
    half = len(d.blocks) // 2
    parts = ["/a/2022/0918/12500.html", "/a/2022/0918/12500_2.html"]
    p1 = art("fanwen77", parts[0], [single_item(d, blocks=d.blocks[:half])], d.title, "2022-09-18", 12500,
             tags=["审计工作"], page_no=1, page_count=2, page_paths=parts)
    p2 = art("fanwen77", parts[1], [single_item(d, blocks=d.blocks[half:], teaser=False, lead=False)], d.title,
             "2022-09-18", 12500, tags=["审计工作"], page_no=2, page_count=2, page_paths=parts)
    f.articles.append(DemoArticle("fanwen77", parts[0], ["D"], p1, 1, parts))
    f.articles.append(DemoArticle("fanwen77", parts[1], ["D"], p2, 0, parts))  # reached through 下一页 only
    f.articles.append(DemoArticle("fanwen77", "/a/2021/0309/11800.html", ["E5"], art(
        "fanwen77", "/a/2021/0309/11800.html", [single_item(c3[4])], c3[4].title, "2021-03-09", 11800,
        tags=["全体会议"]), 2))
    c44 = sp["C4.4"]
    f.articles.append(DemoArticle("fanwen77", "/a/2022/0520/12020.html", ["F"], art(
        "fanwen77", "/a/2022/0520/12020.html", [single_item(c44)], c44.title, "2022-05-20", 12020,
        tags=["百城提质"]), 2))
    c42 = sp["C4.2"]
    f.member.append(DemoArticle("fanwen77", "/member/2022/0301/vip_1.html", ["M1"], art(
        "fanwen77", "/member/2022/0301/vip_1.html", [single_item(c42)], c42.title, "2022-03-01", 11001)))

    # ------------------------------------------------ 百花范文网 (PHPCMS, GBK)
    b = sites["baihua"]
    b.articles.append(DemoArticle("baihua", "/html/jianghua/2022/0612/2001.html", ["A"], art(
        "baihua", "/html/jianghua/2022/0612/2001.html", [single_item(S0)], S0.title, "2022-06-12", 2001,
        tags=S0.tags[:3], markup="p", indent="nbsp")))
    b.articles.append(DemoArticle("baihua", "/html/jianghua/2020/1021/2002.html", ["B"], art(
        "baihua", "/html/jianghua/2020/1021/2002.html", [single_item(S1)], S1.title, "2020-10-21", 2002,
        h1=S1.title + ":", tags=S1.tags, markup="br", indent="")))
    b.articles.append(DemoArticle("baihua", "/html/jianghua/2019/0302/2003.html", ["E4"], art(
        "baihua", "/html/jianghua/2019/0302/2003.html", [single_item(c3[3])], c3[3].title, "2019-03-02", 2003,
        tags=["旅游工作"], markup="div")))
    c46 = sp["C4.6"]
    b.articles.append(DemoArticle("baihua", "/html/jianghua/2022/0808/2004.html", ["H"], art(
        "baihua", "/html/jianghua/2022/0808/2004.html", [single_item(c46)], c46.title, "2022-08-08", 2004,
        tags=["高质量发展"], markup="font", indent=""), 2))
    b.articles.append(DemoArticle("baihua", "/html/jianghua/2022/0405/2005.html", ["C"], art(
        "baihua", "/html/jianghua/2022/0405/2005.html",
        [single_item(S2, blocks=glue(S2.blocks, 0.5, "baihua", S2.title))], S2.title, "2022-04-05", 2005,
        tags=S2.tags), 2))
    b.articles.append(DemoArticle("baihua", "/html/jianghua/2021/0720/2006.html", ["E6"], art(
        "baihua", "/html/jianghua/2021/0720/2006.html", [single_item(c3[5])], c3[5].title, "2021-07-20", 2006,
        tags=["常务会议"]), 2))
    c49 = sp["C4.9"]
    b.member.append(DemoArticle("baihua", "/member/tougao/3001.html", ["M2"], art(
        "baihua", "/member/tougao/3001.html", [single_item(c49)], c49.title, "2022-11-11", 3001)))

    # ------------------------------------------------ 星星阅读网 (EmpireCMS, UTF-8)
    x = sites["xingxing"]
    s0m = fill_masks(S0.blocks, [("今天我和X同志", "今天我和陈立同志"), ("昨天上午X市长", "昨天上午王强市长"),
                                 ("刚刚荣任副省长X同志", "刚刚荣任副省长张华同志")])
    x.articles.append(DemoArticle("xingxing", "/jianghua/2022-06-15/3101.html", ["A"], art(
        "xingxing", "/jianghua/2022-06-15/3101.html", [single_item(S0, blocks=s0m)], S0.title, "2022-06-15", 3101,
        tags=S0.tags[:2])))
    kept_idx = [i for i, bl in enumerate(S1.blocks) if bl.kept]
    drop = kept_idx[len(kept_idx) // 3]
    s1d = S1.blocks[:drop] + S1.blocks[drop + 1:]
    x.articles.append(DemoArticle("xingxing", "/jianghua/2020-10-25/3102.html", ["B"], art(
        "xingxing", "/jianghua/2020-10-25/3102.html", [single_item(S1, blocks=s1d)], S1.title, "2020-10-25", 3102,
        tags=S1.tags, markup="broken", indent="nbsp")))
    x.articles.append(DemoArticle("xingxing", "/jianghua/2022-04-07/3103.html", ["C"], art(
        "xingxing", "/jianghua/2022-04-07/3103.html",
        [single_item(S2, blocks=glue(S2.blocks, 0.7, "xingxing", S2.title))], S2.title, "2022-04-07", 3103,
        tags=S2.tags, pre=[promo_block("xingxing", S2.title)])))
    x.articles.append(DemoArticle("xingxing", "/jianghua/2022-05-20/3104.html", ["F"], art(
        "xingxing", "/jianghua/2022-05-20/3104.html", [single_item(c44)], c44.title, "2022-05-20", 3104,
        tags=["百城提质"]), 2))
    c41 = sp["C4.1"]
    x.articles.append(DemoArticle("xingxing", "/jianghua/2022-03-01/3105.html", ["G"], art(
        "xingxing", "/jianghua/2022-03-01/3105.html", [single_item(c41)], c41.title, "2022-03-01", 3105,
        tags=["工业和信息化"]), 2))
    x.articles.append(DemoArticle("xingxing", "/jianghua/2019-02-20/3106.html", ["E2"], art(
        "xingxing", "/jianghua/2019-02-20/3106.html", [single_item(c3[1])], c3[1].title, "2019-02-20", 3106,
        tags=["政府全体会议"]), 2))
    c45 = sp["C4.5"]
    x.member.append(DemoArticle("xingxing", "/member/vip/3201.html", ["M3"], art(
        "xingxing", "/member/vip/3201.html", [single_item(c45)], c45.title, "2022-07-07", 3201)))
    return sites


# ------------------------------------------------------------------ writing


def link_articles(site: DemoSite) -> None:
    """Related / hot / prev / next links between the site's own pages (list-1 articles only)."""
    first = [a for a in site.articles if a.on_list_page == 1]
    for a in site.articles:
        others = [(o.article.title, o.path) for o in first if o.path != a.path and o.on_list_page]
        a.article.related = others
        a.article.hot = others
        a.article.prev = a.article.next = None
    for i, a in enumerate(first):
        if i > 0:
            a.article.prev = (first[i - 1].article.title, first[i - 1].path)
        if i + 1 < len(first):
            a.article.next = (first[i + 1].article.title, first[i + 1].path)


def list_pages(site: DemoSite) -> dict[str, ListPage]:
    s = SITES[site.key]
    base = LIST_DIR[site.key]
    out: dict[str, ListPage] = {}
    crumbs = [("首页", "/"), (LIST_NAME[site.key], base + "list_1.html")]
    for n in (1, 2):
        entries = [ListEntry(a.article.title, a.path, a.article.published or "", summary_line(a.article))
                   for a in site.articles if a.on_list_page == n]
        lp = ListPage(s, f"{base}list_{n}.html", LIST_NAME[site.key], entries, crumbs, n, 2, base + "list_{n}.html",
                      charset_decl=ENCODING[site.key])
        out[lp.path] = lp
    home_entries = [ListEntry(a.article.title, a.path, a.article.published or "", summary_line(a.article))
                    for a in site.articles if a.on_list_page == 1][:3]
    home = ListPage(s, "/index.html", s.name + "首页", home_entries, [("首页", "/")], 1, 1, base + "list_{n}.html",
                    charset_decl=ENCODING[site.key],
                    extra_links=[("会员专区", "/member/index.html")] + [(m.article.title, m.path) for m in site.member],
                    hot=[(LIST_NAME[site.key], base + "list_1.html"), ("更多" + LIST_NAME[site.key], base + "list_2.html")])
    out["/index.html"] = home
    member_entries = [ListEntry(m.article.title, m.path, m.article.published or "", "会员专享内容") for m in site.member]
    out["/member/index.html"] = ListPage(s, "/member/index.html", "会员中心", member_entries,
                                         [("首页", "/"), ("会员中心", "/member/index.html")], 1, 1,
                                         "/member/list_{n}.html", charset_decl=ENCODING[site.key])
    return out


def summary_line(a: Article) -> str:
    for it in a.items:
        for b in it.blocks:
            if b.kept and len(b.kept) > 20:
                return b.kept[:40] + "…"
    return ""


HREF = re.compile(r'href=(["\'])(/[^"\']*)\1')


def fix_links(text: str, existing: set[str]) -> str:
    """Internal links to pages the demo does not have point home instead (no dead links)."""

    def repl(m: re.Match) -> str:
        path = m.group(2).split("#")[0]
        if path in existing:
            return m.group(0)
        return f"href={m.group(1)}/{m.group(1)}"

    return HREF.sub(repl, text)


def write(sites: dict[str, DemoSite], out: Path) -> dict:
    keep = out / "sites.toml"
    saved = keep.read_bytes() if keep.exists() else None
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if saved is not None:
        keep.write_bytes(saved)
    expected: dict = {"sites": {}, "speeches": {}, "distinct_speeches": 0, "disallowed": [], "two_page_article": None,
                      "compilations": []}
    bodies: dict[str, list[str]] = {}  # speech id -> list of expected bodies (per source)
    n = 0
    for key, site in sites.items():
        link_articles(site)
        lists = list_pages(site)
        pages: dict[str, tuple[str, object]] = {}
        for a in site.articles + site.member:
            pages[a.path] = ("article", a.article)
        for path, lp in lists.items():
            pages[path] = ("list", lp)
        nf = NotFound(SITES[key], "/404.html", "页面不存在", ENCODING[key])
        pages["/404.html"] = ("404", nf)
        existing = set(pages) | {"/", "/member/"}
        for path, (kind, page) in pages.items():
            n += 1
            fam = make(SITES[key].family, 500 + n)
            html = fam.article(page) if kind == "article" else fam.listing(page) if kind == "list" else fam.not_found(page)
            html = fix_links(html, existing)
            dest = out / key / path.lstrip("/")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(html.encode(ENCODING[key], errors="xmlcharrefreplace"))
        (out / key / "robots.txt").write_text(
            "User-agent: *\nDisallow: /member/\nDisallow: /plus/\nDisallow: /e/\n", encoding="ascii")
        # what a crawl must find
        art_paths = [a.path for a in site.articles if not (a.parts and a.path != a.parts[0])]
        expected["sites"][key] = {
            "family": SITES[key].family, "encoding": ENCODING[key], "site_name": SITES[key].name,
            "home": "/", "list_paths": [LIST_DIR[key] + "list_1.html", LIST_DIR[key] + "list_2.html"],
            "article_paths": art_paths,
            "only_via_pagination": [a.path for a in site.articles if a.on_list_page == 2],
            "robots_disallow": ["/member/"],
            "disallowed_paths": ["/member/index.html"] + [m.path for m in site.member],
            "not_found_path": "/404.html",
            "non_article_paths": ["/index.html"] + [LIST_DIR[key] + f"list_{i}.html" for i in (1, 2)] + ["/404.html"],
        }
        for a in site.articles:
            exp = expected_of(Spec("", SITES[key].family, "single", ENCODING[key], None, a.article))
            if a.parts and a.path != a.parts[0]:
                continue
            texts = [s["body"] for s in exp["speeches"]]
            titles = [s["title"] for s in exp["speeches"]]
            if a.parts:  # stitched: the parts' paragraphs appended to the last speech
                p2 = next(o for o in site.articles if o.path == a.parts[1])
                e2 = expected_of(Spec("", SITES[key].family, "single", ENCODING[key], None, p2.article))
                texts = [texts[0] + "\n" + e2["speeches"][0]["body"]]
            for sid, body, title in zip(a.speech_ids, texts, titles):
                bodies.setdefault(sid, [])
                entry = expected["speeches"].setdefault(sid, {"sites": {}, "title": title})
                entry["sites"].setdefault(key, []).append(a.path)
                bodies[sid].append(body)
            if len(a.speech_ids) > 1:
                expected["compilations"].append({"site": key, "path": a.path, "speeches": len(a.speech_ids),
                                                 "titles": [s["title"] for s in exp["speeches"]]})
        for m in site.member:
            exp = expected_of(Spec("", SITES[key].family, "single", ENCODING[key], None, m.article))
            bodies[m.speech_ids[0]] = [exp["speeches"][0]["body"]]
            expected["disallowed"].append({"site": key, "path": m.path, "speech": m.speech_ids[0], "phrase": None})
        for a in site.articles:
            if a.parts and a.path == a.parts[0]:
                expected["two_page_article"] = {"site": key, "path": a.path, "parts": a.parts, "phrases": []}
    # distinctive phrases: in every source of the speech, in no other speech
    for sid, texts in bodies.items():
        others = "\n".join(t for k, ts in bodies.items() if k != sid for t in ts)
        phrase = pick_phrase(texts, others)
        if sid.startswith("M"):
            for d in expected["disallowed"]:
                if d["speech"] == sid:
                    d["phrase"] = phrase
        else:
            expected["speeches"][sid]["phrase"] = phrase
    tp = expected["two_page_article"]
    site = sites[tp["site"]]
    for part in tp["parts"]:
        a = next(o for o in site.articles if o.path == part)
        text = "\n".join(b.kept for it in a.article.items for b in it.blocks if b.kept)
        others = "\n".join(t for k, ts in bodies.items() if k != "D" for t in ts)
        tp["phrases"].append(pick_phrase([text], others))
    write_qingfeng(out, expected, "\n".join(t for ts in bodies.values() for t in ts))
    expected["distinct_speeches"] = len(expected["speeches"])
    expected["speeches"] = dict(sorted(expected["speeches"].items()))
    expected["notes"] = (
        "Paths are root-relative; each site is served on its own 127.0.0.1 port. 'speeches' maps a speech id to "
        "the sites and article paths that carry it (reposts: exact, masks filled in, a paragraph dropped, a promo "
        "line left in); a correct crawl archives exactly distinct_speeches speeches and one speech_sources row per "
        "(speech, page). Nothing under robots_disallow may be fetched or archived: the 'disallowed' phrases must "
        "not appear in any archived body. The two-page article is one page with both phrases in one speech.")
    (out / "README.md").write_text(README, encoding="utf-8")
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return expected


README = """# Demo sites (generated by tools/build_demo_sites.py — do not edit by hand)

Four small static template sites served on 127.0.0.1 by `speech-archive demo` and the
crawler's end-to-end tests. Every link is root-relative.

| dir | family | bytes | articles |
|---|---|---|---|
| fanwen77/ | DedeCMS (77范文网) | UTF-8 | /a/YYYY/MMDD/ID.html, lists /gongwen/list_1.html, list_2.html |
| baihua/ | PHPCMS v9 (百花范文网) | GBK (meta charset=gbk) | /html/jianghua/YYYY/MMDD/ID.html, lists /html/jianghua/list_N.html |
| xingxing/ | EmpireCMS (星星阅读网) | UTF-8 | /jianghua/YYYY-MM-DD/ID.html, lists /jianghua/list_N.html |
| qingfeng/ | no CMS family: a Bootstrap-like card site (清风范文网) | UTF-8 | /jianghua/YYYY/MMDD/ID.html, teaser-river lists /jianghua/index.html, list_2.html |

Each of the first three: `index.html` (home: 3 latest articles, links to list_1/list_2 and to
/member/), two list pages with pagination (some articles are reachable only through
list_2.html), 6 article pages, `robots.txt` disallowing `/member/` (whose pages hold
speeches that must never be archived), `404.html`. fanwen77 also has a 6-speech compilation
(/a/2024/0707/13001.html) and a two-page article (/a/2022/0918/12500.html with 下一页 ->
12500_2.html and a page-number bar). The same speeches are reposted across the sites:
exactly, with masks filled in, with a paragraph dropped, with a promo line left in.

qingfeng (issue 9, original speeches from tools/heldout_text.py): home and lists are teaser
rivers (linked title, excerpt cut with "…", 阅读全文»), an about page (/about.html), comment
threads (names, times, short replies) under four of its five articles, promo and follow-us
lines inside the article column, sidebars with a hot list, tags and a self-ad.

`_night2/` is the demo's second state: files that replace state-1 files of the same path
(`crawler.sitesrv.SiteServer(overlay=...)`). In it qingfeng's sidebars are re-ranked, its
promos reworded, a view counter moves and a comment is added; one article
(/jianghua/2023/1020/503.html) is edited: a sentence changed, a paragraph added. The three
CMS sites have no overlay: they are byte-identical in both states.

`expected.json` says what a correct crawl archives: per site the article paths, list paths,
robots-disallowed paths (and for qingfeng its about page and comment texts);
`distinct_speeches`; per speech the sites/paths that carry it and a distinctive phrase; the
disallowed speeches' phrases; the two-page article's parts and a phrase from each part; the
compilation and its item titles; `night2`: the overlay's changed paths and the edit.
"""


def pick_phrase(texts: list[str], others: str, size: int = 18) -> str:
    paras = [p for p in texts[0].split("\n") if len(p) >= size + 10]
    order = paras[len(paras) // 2:] + paras[:len(paras) // 2]
    for p in order:
        for start in range(4, len(p) - size, 7):
            cand = p[start:start + size]
            if all(cand in t for t in texts) and cand not in others:
                return cand
    raise ValueError("no distinctive phrase")


# ------------------------------------------------------------------ the fourth site (issue 9) and night 2
#
# 清风范文网: a Bootstrap-like card site (tools/heldout_layouts.py), not one of the CMS families,
# with original speeches (tools/heldout_text.py): teaser-river lists, an about page, comment
# threads under the articles, promo lines in the article column, rotating sidebars. Night 2
# (`_night2/<site>/`, files that replace state-1 files): its sidebars rotated, its promos
# reworded, one comment added, and ONE article edited (a sentence changed, a paragraph added).

from heldout_layouts import Chrome, LAYOUTS, View  # noqa: E402
from heldout_text import SPEECHES, JunkMaker, esc  # noqa: E402

NIGHT2 = "_night2"
Q_KEY, Q_NAME, Q_HOST = "qingfeng", "清风范文网", "www.qingfengfw.com"
Q_ARTICLES = [  # speech key, path, date, id in expected.json, has comments
    ("anquan", "/jianghua/2023/0612/501.html", "2023-06-12", "Q1", True),
    ("kaixue", "/jianghua/2023/0901/502.html", "2023-09-01", "Q2", True),
    ("xiangcun", "/jianghua/2023/1020/503.html", "2023-10-20", "Q3", False),
    ("shengtai", "/jianghua/2024/0305/504.html", "2024-03-05", "Q4", True),
    ("zhiyuan", "/jianghua/2024/0415/505.html", "2024-04-15", "Q5", True),
]
Q_MEMBER = ("fangxun", "/member/2024/vip_601.html", "2024-05-20", "M4")
Q_LISTS = ["/jianghua/index.html", "/jianghua/list_2.html"]
Q_ON_PAGE2 = {"/jianghua/2023/0612/501.html", "/jianghua/2023/0901/502.html"}  # older: only on list_2
Q_EDIT = {  # the article edited on night 2
    "path": "/jianghua/2023/1020/503.html",
    "old": "完成投资三十二亿元",
    "new": "完成投资三十五亿元",
    "added": "第五，要持续改进工作作风。各级干部要多到项目一线走一走、看一看，帮助基层解决实际困难，决不能坐在办公室里听汇报、看材料。",
}
Q_NEW_COMMENT = ("/jianghua/2024/0305/504.html", "夜读人", "2024-06-02 22:15", "第二次来看，又学到了新的提法")


def _q_speech(key: str):
    return next(s for s in SPEECHES if s.key == key)


def _q_paras(key: str, path: str, night: int) -> list[str]:
    paras = list(_q_speech(key).paras)
    if night == 2 and path == Q_EDIT["path"]:
        paras = [p.replace(Q_EDIT["old"], Q_EDIT["new"]) for p in paras]
        paras.insert(len(paras) - 1, Q_EDIT["added"])
    return paras


def _q_chrome(rng: random.Random, jm: JunkMaker, night: int, exclude: str | None) -> Chrome:
    titles = [(_q_speech(k).title, p) for k, p, *_ in Q_ARTICLES if p != exclude]
    rng.shuffle(titles)  # the "hot" list is re-ranked every night
    hot_head = rng.choice(["热门文章", "本周热榜", "点击排行", "大家都在看"])
    hot = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for t, p in titles[:3])
    tags = rng.sample(["讲话稿", "开学典礼", "安全生产", "乡村振兴", "志愿服务", "生态环境", "致辞"], 4)
    side = [f"<h4>{esc(hot_head)}</h4><ul>{hot}</ul>",
            "<h4>热门标签</h4>" + " ".join(f'<a href="/jianghua/index.html">{esc(t)}</a>' for t in tags),
            f'<div class="ad">{esc(jm.self_ad())}</div>']
    nav = [("首页", "/"), ("讲话致辞", "/jianghua/index.html"), ("关于我们", "/about.html"), ("会员专区", "/member/index.html")]
    return Chrome(Q_NAME, Q_HOST, "utf-8", nav, ["Copyright © 2019-2024 清风范文网 版权所有", "浙ICP备19043210号-2"], side)


def _q_article(key: str, path: str, day: str, comments: bool, night: int, related: list[tuple[str, str]]) -> tuple[str, dict]:
    layout = LAYOUTS["card"](random.Random(path))
    page_rng = random.Random(f"{path}#{night}")  # junk and sidebars: reworded every night
    jm = JunkMaker(page_rng, Q_NAME, Q_HOST)
    s = _q_speech(key)
    paras = _q_paras(key, path, night)
    items = [("line", jm.promo(s.title))] + [("para", p, "") for p in paras] + [("line", jm.follow())]
    items.append(("block", jm.share().html))
    after = [jm.related(related).html]
    comment_texts: list[str] = []
    if comments:
        c_rng = random.Random(f"{path}#comments")  # comments stay; night 2 adds one
        cjm = JunkMaker(c_rng, Q_NAME, Q_HOST)
        published = date.fromisoformat(day)
        chtml, strings, _ = cjm.comments(published, 3)
        if night == 2 and path == Q_NEW_COMMENT[0]:
            _, name, stamp, text = Q_NEW_COMMENT
            chtml = chtml.replace("</ol></div>", f'<li class="c-item"><div class="c-user"><b>{name}</b> <i>{stamp}</i></div>'
                                                 f'<div class="c-text">{text}</div><a href="#" class="c-reply">回复</a></li></ol></div>')
        after.append(chtml)
        comment_texts = strings[1:]
    hits = 100 + sum(map(ord, path)) % 900 + (37 if night == 2 else 0)  # a view counter that moves
    info = f"发布时间：{day} · 来源：清风范文网 · 阅读 {hits}"
    view = View(f"{s.title} - {Q_NAME}", s.title, [("首页", "/"), ("讲话致辞", "/jianghua/index.html"), (s.title, "")],
                info, items, after)
    html = layout.render(_q_chrome(page_rng, jm, night, path), view)
    return html, {"title": s.title, "body": "\n".join(paras), "comments": comment_texts}


def _q_river(path: str, entries: list[tuple[str, str, str]], night: int, h1: str, next_path: str | None) -> str:
    layout = LAYOUTS["card"](random.Random(path))
    page_rng = random.Random(f"{path}#{night}")
    jm = JunkMaker(page_rng, Q_NAME, Q_HOST)
    items = []
    for key, p, day in entries:
        s = _q_speech(key)
        excerpt = "".join(x for x in s.paras if len(x) > 20)[:72] + "…"
        items.append(f'<div class="item mb-3"><h3 class="h5"><a href="{p}">{esc(s.title)}</a></h3>'
                     f'<p class="excerpt">{esc(excerpt)}<a href="{p}">阅读全文»</a></p><p class="text-muted small">{day}</p></div>')
    if next_path:
        items.append(f'<nav class="pages"><a href="{next_path}">下一页</a></nav>')
    view = View(f"{h1}_{Q_NAME}", h1, [("首页", "/"), (h1, "")], None, [("block", "\n".join(items))], kind="list")
    return layout.render(_q_chrome(page_rng, jm, night, None), view)


def _q_about(night: int) -> str:
    layout = LAYOUTS["card"](random.Random("/about.html"))
    page_rng = random.Random(f"/about.html#{night}")
    jm = JunkMaker(page_rng, Q_NAME, Q_HOST)
    paras = ["清风范文网创办于2019年，是一家专注于公文写作与范文分享的资料网站，收录讲话稿、致辞、总结等各类文档。",
             "本站内容来源于网友投稿和公开资料整理，仅供学习交流使用。我们的宗旨是为机关干部、企业员工和学生提供实用的写作参考。",
             "如本站内容侵犯了您的权益，请与我们联系，我们将在核实后第一时间删除。商务合作请发送邮件至service@qingfengfw.com。"]
    view = View(f"关于我们 - {Q_NAME}", "关于我们", [("首页", "/"), ("关于我们", "")], None,
                [("para", p, "") for p in paras], kind="about")
    return layout.render(_q_chrome(page_rng, jm, night, None), view)


def qingfeng_pages(night: int) -> tuple[dict[str, str], dict[str, dict]]:
    """Every page of the fourth site on `night` (1 or 2): path -> HTML, and path -> article truth."""
    pages: dict[str, str] = {}
    truth: dict[str, dict] = {}
    links = [(_q_speech(k).title, p) for k, p, *_ in Q_ARTICLES]
    for key, path, day, _, comments in Q_ARTICLES:
        related = [lp for lp in links if lp[1] != path]
        pages[path], truth[path] = _q_article(key, path, day, comments, night, related)
    mkey, mpath, mday, _ = Q_MEMBER
    pages[mpath], truth[mpath] = _q_article(mkey, mpath, mday, False, night, links)
    newest = [(k, p, d) for k, p, d, *_ in reversed(Q_ARTICLES)]
    page1 = [e for e in newest if e[1] not in Q_ON_PAGE2]
    page2 = [e for e in newest if e[1] in Q_ON_PAGE2]
    pages["/index.html"] = _q_river("/index.html", page1[:3], night, "最新范文", "/jianghua/list_2.html")
    pages[Q_LISTS[0]] = _q_river(Q_LISTS[0], page1, night, "讲话致辞", Q_LISTS[1])
    pages[Q_LISTS[1]] = _q_river(Q_LISTS[1], page2, night, "讲话致辞", None)
    pages["/about.html"] = _q_about(night)
    member = [f'<li><a href="{mpath}">{esc(_q_speech(mkey).title)}</a> 会员专享</li>']
    view = View(f"会员专区_{Q_NAME}", "会员专区", [("首页", "/")], None, [("block", "<ul>" + "".join(member) + "</ul>")],
                kind="list")
    pages["/member/index.html"] = LAYOUTS["card"](random.Random("m")).render(
        _q_chrome(random.Random(f"m#{night}"), JunkMaker(random.Random(night), Q_NAME, Q_HOST), night, None), view)
    pages["/404.html"] = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>404 页面不存在 - 清风范文网</title></head>"
                          "<body><h1>404</h1><p>抱歉，您访问的页面不存在或已被删除。</p><a href='/'>返回首页</a></body></html>")
    return pages, truth


def write_qingfeng(out: Path, expected: dict, other_bodies: str) -> None:
    """The fourth site (state 1), its night-2 overlay, and its part of expected.json."""
    night1, truth = qingfeng_pages(1)
    night2, truth2 = qingfeng_pages(2)
    for path, html in night1.items():
        dest = out / Q_KEY / path.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(html.encode("utf-8"))
    changed = sorted(p for p in night2 if night2[p] != night1[p])
    for path in changed:
        dest = out / NIGHT2 / Q_KEY / path.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(night2[path].encode("utf-8"))
    (out / Q_KEY / "robots.txt").write_text("User-agent: *\nDisallow: /member/\n", encoding="ascii")
    articles = [p for _, p, *_ in Q_ARTICLES]
    expected["sites"][Q_KEY] = {
        "family": "card", "encoding": "utf-8", "site_name": Q_NAME, "home": "/", "list_paths": Q_LISTS,
        "article_paths": articles, "only_via_pagination": sorted(Q_ON_PAGE2), "robots_disallow": ["/member/"],
        "disallowed_paths": ["/member/index.html", Q_MEMBER[1]], "not_found_path": "/404.html",
        "non_article_paths": ["/index.html", *Q_LISTS, "/about.html", "/404.html"], "about_path": "/about.html",
        "comment_texts": sorted({c for p in articles for c in truth[p]["comments"]}),
    }
    bodies = {p: t["body"] for p, t in truth.items()}
    for key, path, _, sid, _ in Q_ARTICLES:
        others = "\n".join(b for p, b in bodies.items() if p != path) + "\n" + other_bodies
        expected["speeches"][sid] = {"sites": {Q_KEY: [path]}, "title": truth[path]["title"],
                                     "phrase": pick_phrase([bodies[path]], others)}
    mpath = Q_MEMBER[1]
    expected["disallowed"].append({"site": Q_KEY, "path": mpath, "speech": Q_MEMBER[3],
                                   "phrase": pick_phrase([bodies[mpath]], "\n".join(b for p, b in bodies.items() if p != mpath))})
    edited = Q_EDIT["path"]
    expected["night2"] = {
        "overlay": NIGHT2,
        "notes": ("State 2 of the demo: the files under _night2/<site>/ replace the state-1 files. The fourth site's "
                  "sidebars are re-ranked, its promo/follow lines reworded, a view counter moves and one comment is "
                  "added; one article is edited. A recrawl of state 2 must make exactly one new version."),
        "changed_paths": {Q_KEY: changed},
        "edited": {"site": Q_KEY, "path": edited, "speech": next(sid for _, p, _, sid, _ in Q_ARTICLES if p == edited),
                   "old_phrase": Q_EDIT["old"], "new_phrase": Q_EDIT["new"], "added_phrase": Q_EDIT["added"][:24]},
        "new_comment": Q_NEW_COMMENT[3],
    }
    assert truth2[edited]["body"] != truth[edited]["body"]
    assert all(truth2[p]["body"] == truth[p]["body"] for p in truth if p != edited)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "seeds")
    ap.add_argument("--out", type=Path, default=ROOT / "crawler" / "demo_sites")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sites = build(load_speeches(args.seeds))
    exp = write(sites, args.out)
    for key, s in exp["sites"].items():
        log.info("%-9s %-9s %-5s %d articles, %d disallowed pages", key, s["family"], s["encoding"],
                 len(s["article_paths"]), len(s["disallowed_paths"]))
    log.info("distinct speeches: %d", exp["distinct_speeches"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
