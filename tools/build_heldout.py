"""Build the held-out cleaning fixtures of issue 9 (c) (dev tool, run by hand; output committed).

    .venv/bin/python tools/build_heldout.py [--out tests/fixtures/heldout]
    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout

Written after the cleaner's rules, by someone who did not read them: four
page layouts that are none of the six CMS families (`heldout_layouts.py`),
original speeches and a junk generator with many synonyms per slot in both
scripts (`heldout_text.py`), list pages of four shapes (teaser river, paged
category list and its page 2, tag page, portal home of timestamped briefs),
about pages and comment threads. Same format as tests/fixtures/pages
(docs/ground-truth.md), so the evaluator scores it as it is. Deterministic:
one seeded RNG, the same bytes on every run.
"""
from __future__ import annotations

import argparse
import html as htmllib
import json
import logging
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout_layouts import LAYOUTS, Chrome, Layout, View  # noqa: E402
from heldout_text import SPEECHES, JunkMaker, SpeechText, esc, to_script  # noqa: E402

log = logging.getLogger("build_heldout")
ROOT = Path(__file__).resolve().parent.parent
SEED = 20261126


@dataclass(frozen=True)
class SiteDef:
    layout: str
    name: str
    domain: str
    encoding: str  # what the bytes are
    charset_decl: str  # what <meta> says
    script: str  # "s" simplified, "t"/"h" traditional
    category: str
    comment_rate: float
    http_charsets: tuple = (None,)  # what a server header says, drawn per page


SITES = [
    SiteDef("card", "笔杆子范文网", "www.biganzi-fw.cn", "utf-8", "utf-8", "s", "讲话致辞", 0.5),
    SiteDef("table", "华文公文网", "www.huawengw.com", "gbk", "gb2312", "s", "领导讲话", 0.2,
            (None, "gbk", "iso-8859-1")),
    SiteDef("amp", "掌上讲话稿", "m.zhangshangjh.com", "utf-8", "utf-8", "s", "讲话稿", 0.4),
    SiteDef("blog", "墨香文苑", "www.moxiangwy.tw", "utf-8", "utf-8", "t", "演講致辭", 1.0),
]

ABOUT_PARAS = [
    "{site}创办于{year}年，是一家专注于公文写作与范文分享的综合性资料网站。",
    "本站收录了讲话稿、工作总结、心得体会、计划方案等各类文档，内容来源于网友投稿和公开资料整理，每天更新。",
    "我们的宗旨是为广大机关干部、企业员工和学生提供实用的写作参考，帮助大家提高写作效率。",
    "本站所有文章仅供学习交流使用，如有侵犯您的权益，请及时与我们联系，我们将在核实后第一时间删除。",
    "商务合作与投稿请发送邮件至{mail}，我们会在三个工作日内回复。",
]
BRIEF_VERBS = ["召开", "举行", "部署", "推进", "启动"]


@dataclass
class Page:
    path: str
    kind: str  # single | list | about
    html: str
    title: str
    published: str | None
    author: str | None
    crumbs: list[str]
    tags: list[str]
    speeches: list[dict]
    junk: list[str]
    http_charset: str | None
    note: str
    must_contain: list[str] = field(default_factory=list)


def page_title(rng: random.Random, site: str, title: str, cat: str) -> str:
    return rng.choice([f"{site}--{title}", f"{site}- {title}", f"{title}_{cat}_{site}", f"{title} - {site}",
                       f"{title}|{site}"])


class SiteBuilder:
    """All pages of one held-out site, drawn from one RNG."""

    def __init__(self, sd: SiteDef, rng: random.Random, speeches: list[SpeechText]) -> None:
        self.sd, self.rng = sd, rng
        self.layout: Layout = LAYOUTS[sd.layout](rng)
        self.jm = JunkMaker(rng, sd.name, sd.domain, script=sd.script, mixed=sd.script == "s")
        self.t = lambda text: to_script(text, sd.script)
        self.speeches = speeches
        start = date(2021, 3, 1)
        self.dates = {s.key: start + timedelta(days=rng.randint(0, 1200)) for s in speeches}
        self.paths = {s.key: self.article_path(i, s) for i, s in enumerate(speeches)}
        self.titles = {s.key: self.t(s.title) for s in speeches}
        cat = self.t(sd.category)
        self.cat = cat
        self.nav = [(self.t("首页"), "/"), (cat, "/list/12_1.html"), (self.t("工作总结"), "/list/13_1.html"),
                    (self.t("心得体会"), "/list/14_1.html"), (self.t("关于我们"), "/about.html")]
        self.footer = [self.t(f"Copyright © 2016-2024 {sd.name} 版权所有"), f"ICP备{rng.randint(10000000, 99999999)}号",
                       self.t(f"联系我们：admin@{sd.domain.split('.', 1)[1]}")]

    def article_path(self, i: int, s: SpeechText) -> str:
        d = date(2021, 1, 1) + timedelta(days=37 * i)
        return {"card": f"/jianghua/{1000 + i * 7}.html", "table": f"/Article/{d:%Y%m}/{2400 + i}.htm",
                "amp": f"/a/{d:%Y%m%d}/{88100 + i}.html", "blog": f"/post/{s.key}.html"}[self.sd.layout]

    # -- chrome ---------------------------------------------------------------
    def sidebar(self, exclude: str | None) -> tuple[list[str], list[str]]:
        """Sidebar blocks and their visible strings: a hot list (some with dates), tags, an ad."""
        rng, jm = self.rng, self.jm
        others = [s for s in self.speeches if s.key != exclude]
        hot = rng.sample(others, min(5, len(others)))
        head = jm.conv(rng.choice(["热门文章", "点击排行", "本周热榜", "推荐阅读", "最新发布"]))
        with_dates = rng.random() < 0.5
        items, strings = [], [head]
        for s in hot:
            t = self.titles[s.key]
            strings.append(t)
            stamp = f' <span class="d">{self.dates[s.key]:%m-%d}</span>' if with_dates else ""
            items.append(f'<li><a href="{self.paths[s.key]}">{esc(t)}</a>{stamp}</li>')
        blocks = [f"<h4>{esc(head)}</h4><ul>{''.join(items)}</ul>"]
        tag_head = jm.conv(rng.choice(["热门标签", "标签云", "热搜词", "关键词"]))
        tags = [self.t(x) for x in rng.sample(["讲话稿", "开学典礼", "安全生产", "乡村振兴", "表彰大会", "致辞",
                                               "座谈会", "志愿服务"], 5)]
        blocks.append(f"<h4>{esc(tag_head)}</h4>" + " ".join(f'<a href="/tag/{i}.html">{esc(x)}</a>'
                                                            for i, x in enumerate(tags)))
        ad = jm.self_ad()
        blocks.append(f'<div class="ad">{esc(ad)}</div>')
        strings += [tag_head, ad] + [x for x in tags if len(x) > 2]
        return blocks, strings

    def chrome(self, exclude: str | None = None) -> tuple[Chrome, list[str]]:
        side, strings = self.sidebar(exclude)
        lang = "zh-TW" if self.sd.script != "s" else "zh-CN"
        chrome = Chrome(self.sd.name, self.sd.domain, self.sd.charset_decl, self.nav, self.footer, side, lang)
        fixed = {"amp": ["打开APP，阅读体验更佳"], "blog": ["记录写作的点滴"]}.get(self.sd.layout, [])
        return chrome, strings + [t for t, _ in self.nav if len(t) > 2] + self.footer + fixed

    # -- article --------------------------------------------------------------
    def article(self, s: SpeechText) -> Page:
        rng, jm, sd = self.rng, self.jm, self.sd
        title = self.titles[s.key]
        published = self.dates[s.key]
        paras = [self.t(p) for p in s.paras]
        if len(paras) > 5 and rng.random() < 0.3:
            del paras[rng.randrange(1, len(paras) - 1)]
        junk: list[str] = []
        notes: list[str] = []
        items: list[tuple] = []

        def line(text: str, why: str) -> None:
            items.append(("line", text))
            junk.append(text)
            notes.append(why)

        if rng.random() < 0.25:
            box = jm.lead_box(title)
            items.append(("block", box.html))
            junk.extend(box.strings)
            notes.append("导读 box restating the title")
        if rng.random() < 0.7:
            line(jm.promo(title), "promo lead-in")
        if rng.random() < 0.3:
            line(jm.info(published), "info line in the body")
        if rng.random() < 0.35:
            line(jm.watermark(), "watermark")
        kept: list[str] = []
        glue_at = rng.randrange(1, len(paras) - 1) if rng.random() < 0.3 else -1
        raw_at = rng.randrange(1, len(paras)) if rng.random() < 0.3 else -1
        paywall_cut = rng.random() < 0.3
        cut_at = rng.randrange(3, len(paras)) if paywall_cut else len(paras)
        for i, p in enumerate(paras[:cut_at]):
            if i == raw_at:
                line(jm.raw_markup(), "raw markup")
            suffix = ""
            if i == glue_at:
                suffix = rng.choice([jm.promo(title), jm.follow(), jm.watermark()])
                junk.append(suffix)
                notes.append("junk glued to a paragraph's end")
            if paywall_cut and i == cut_at - 1:
                suffix = jm.paywall_glued()
                junk.append(suffix)
                notes.append("paywall prompt glued to the last visible paragraph")
            items.append(("para", p, suffix))
            kept.append(p)
        if paywall_cut or rng.random() < 0.2:
            line(jm.paywall(), "paywall/truncation line")
        if rng.random() < 0.5:
            line(jm.follow(), "follow-us line")
        if rng.random() < 0.35:
            line(jm.self_ad(), "self-ad")
        if rng.random() < 0.35:
            line(jm.watermark(), "watermark")
        if rng.random() < 0.4:
            box = jm.download()
            items.append(("block", box.html))
            junk += box.strings
            notes.append("download box")
        if rng.random() < 0.5:
            sh = jm.share()
            items.append(("block", sh.html))
            junk += sh.strings
            notes.append("share widget")
        after: list[str] = []
        if rng.random() < 0.6:
            rel = jm.related([(self.titles[o.key], self.paths[o.key]) for o in self.speeches if o.key != s.key])
            after.append(rel.html)
            junk += rel.strings
            notes.append("related list")
        comment_dates: list[str] = []
        if rng.random() < sd.comment_rate:
            chtml, cstrings, comment_dates = jm.comments(published, rng.randint(2, 5))
            after.append(chtml)
            junk += cstrings
            notes.append(f"comment thread ({len(comment_dates)} comments, later dates)")
        author = rng.choice([None, None, self.t("王晓东"), self.t("网友投稿"), self.t("李静")])
        info = jm.info(published, author=author)
        chrome, chrome_junk = self.chrome(exclude=s.key)
        crumbs = [(self.t("首页"), "/"), (self.cat, "/list/12_1.html")]
        tags = [(self.t(x), f"/tag/{i}.html") for i, x in enumerate(rng.sample(["讲话稿", "会议讲话", "致辞", "范文"], 2))] \
            if rng.random() < 0.5 else []
        view = View(page_title(rng, sd.name, title, self.cat), title, crumbs + [(title, "")], info, items, after,
                    meta_date=published.isoformat() if rng.random() < 0.3 else None, tags=tags)
        html = self.layout.render(chrome, view)
        speech = {"title": title, "body": "\n".join(kept), "speaker": s.speaker and self.t(s.speaker),
                  "occasion": s.occasion and self.t(s.occasion)}
        assert all(d[:10] != published.isoformat() for d in comment_dates)
        return Page(self.paths[s.key], "single", html, title, published.isoformat(), author,
                    [c for c, _ in crumbs], [t for t, _ in tags], [speech],
                    junk + [info] + chrome_junk, rng.choice(sd.http_charsets),
                    "; ".join(notes) or "plain", [kept[1][:16], kept[-1][-14:]])

    # -- non-articles ---------------------------------------------------------
    def excerpt(self, s: SpeechText, size: int) -> str:
        text = "".join(self.t(p) for p in s.paras if len(p) > 20)
        return text[:size]

    def list_page(self, path: str, shape: str, entries: list[SpeechText], h1: str, page_no: int = 1) -> Page:
        rng, jm = self.rng, self.jm
        items, junk = [], []
        more = jm.conv(rng.choice(["阅读全文»", "查看全文>>", "[详细]", "继续阅读→", "更多>>", "全文»"]))
        for s in entries:
            t, d, p = self.titles[s.key], self.dates[s.key], self.paths[s.key]
            if shape == "river":
                ex = self.excerpt(s, rng.randint(60, 110)) + rng.choice(["…", "...", "……"])
                items.append(f'<div class="item"><h3><a href="{p}">{esc(t)}</a></h3>'
                             f'<p class="excerpt">{esc(ex)}<a href="{p}" class="more">{esc(more)}</a></p>'
                             f'<p class="meta">{d:%Y-%m-%d} · {esc(self.cat)}</p></div>')
                junk += [t, ex]
            elif shape == "paged":
                items.append(f'<li><span class="date">[{d:%Y-%m-%d}]</span><a href="{p}">{esc(t)}</a></li>')
                junk.append(t)
            elif shape == "tag":
                ex = self.excerpt(s, rng.randint(40, 70)) + "…"
                items.append(f'<dl><dt><a href="{p}">{esc(t)}</a></dt><dd>{esc(ex)}</dd></dl>')
                junk += [t, ex]
        body = "\n".join(items)
        if shape == "paged":
            body = f'<ul class="list">{body}</ul>'
            pages = " ".join(f'<a href="/list/12_{n}.html">{n}</a>' if n != page_no else f"<b>{n}</b>" for n in (1, 2, 3))
            body += f'<div class="pages">{esc(self.t("上一页"))} {pages} <a href="/list/12_{page_no + 1}.html">{esc(self.t("下一页"))}</a></div>'
        if shape == "river":
            body += f'<div class="pages"><a href="{path}?page=2">{esc(self.t("下一页"))}</a></div>'
        chrome, chrome_junk = self.chrome()
        view = View(f"{h1}_{self.sd.name}" + (f"_第{page_no}页" if page_no > 1 else ""), h1,
                    [(self.t("首页"), "/"), (h1, "")], None, [("block", body)], kind="list")
        note = {"river": "teaser river: linked titles and excerpts cut with an ellipsis and a read-more link",
                "paged": f"paged category list, page {page_no}", "tag": "tag page: titles and excerpts"}[shape]
        return Page(path, "list", self.layout.render(chrome, view), h1, None, None, [self.t("首页")], [], [],
                    junk + chrome_junk, None, note)

    def portal_home(self, path: str) -> Page:
        """A news-portal home: timestamped one-sentence briefs, a few teasers."""
        rng = self.rng
        items, junk = [], []
        day = date(2024, 3, 18)
        for i, s in enumerate(self.speeches):
            occasion = self.t(s.occasion or s.title)
            brief = self.t(f"{occasion}{rng.choice(BRIEF_VERBS)}，会议强调要{rng.choice(['压实责任', '狠抓落实', '提高认识', '加强领导', '凝聚合力'])}，确保各项工作取得实效。")
            stamp = f"{day:%m-%d} {8 + i % 12:02d}:{(i * 13) % 60:02d}"
            items.append(f'<li><em>{stamp}</em> <a href="{self.paths[s.key]}">{esc(brief)}</a></li>')
            junk.append(brief)
        lead = self.speeches[0]
        ex = self.excerpt(lead, 120) + "……"
        top = (f'<div class="headline"><h2><a href="{self.paths[lead.key]}">{esc(self.titles[lead.key])}</a></h2>'
               f'<p>{esc(ex)}</p></div>')
        junk += [ex]
        body = top + f'<h3>{esc(self.t("滚动快讯"))}</h3><ul class="briefs">' + "".join(items) + "</ul>"
        chrome, chrome_junk = self.chrome()
        h1 = self.t("要闻快讯")
        view = View(f"{self.sd.name}-{h1}", h1, [], None, [("block", body)], kind="list")
        return Page(path, "list", self.layout.render(chrome, view), h1, None, None, [], [], [], junk + chrome_junk,
                    rng.choice(self.sd.http_charsets), "portal home: a headline teaser and timestamped briefs")

    def about(self) -> Page:
        rng = self.rng
        paras = [self.t(p.format(site=self.sd.name, year=rng.randint(2010, 2018), mail=f"service@{self.sd.domain[4:]}"))
                 for p in ABOUT_PARAS]
        h1 = self.t("关于我们")
        chrome, chrome_junk = self.chrome()
        view = View(f"{h1} - {self.sd.name}", h1, [(self.t("首页"), "/"), (h1, "")], None,
                    [("para", p, "") for p in paras], kind="about")
        return Page("/about.html", "about", self.layout.render(chrome, view), h1, None, None, [self.t("首页")], [], [],
                    paras + chrome_junk, None, "about page: sentences about the site, not an article")


def build(seed: int = SEED) -> list[tuple[SiteDef, list[Page]]]:
    rng = random.Random(seed)
    out = []
    for sd in SITES:
        speeches = rng.sample(SPEECHES, 8)
        b = SiteBuilder(sd, rng, speeches)
        pages = [b.article(s) for s in speeches]
        cat = b.cat
        if sd.layout == "card":
            pages.append(b.list_page("/index.html", "river", speeches, cat))
            pages.append(b.list_page("/tag/3.html", "tag", speeches[2:7], b.t("标签：安全生产")))
        elif sd.layout == "table":
            pages.append(b.portal_home("/index.html"))
            pages.append(b.list_page("/list/12_1.html", "paged", speeches[:4], cat, 1))
            pages.append(b.list_page("/list/12_2.html", "paged", speeches[4:], cat, 2))
        elif sd.layout == "amp":
            pages.append(b.list_page("/index.html", "river", speeches[:5], cat))
            pages.append(b.list_page("/list/2.html", "river", speeches[5:], cat, 2))
        else:
            pages.append(b.list_page("/index.html", "river", speeches, b.sd.name))
            pages.append(b.list_page("/tag/2.html", "tag", speeches[1:6], b.t("標籤：致辭")))
            pages.append(b.list_page("/archives/2023-09.html", "paged", speeches[3:], b.t("2023年9月的文章"), 1))
        pages.append(b.about())
        out.append((sd, pages))
    return out


def visible(raw: bytes, encoding: str) -> str:
    text = raw.decode(encoding)
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", text))


def record(sd: SiteDef, page: Page, raw: bytes) -> dict:
    bodies = "\n".join(s["body"] for s in page.speeches)
    text = visible(raw, sd.encoding)
    junk: list[str] = []
    for j in page.junk:
        j = j.strip()
        if len(j) >= 2 and j not in junk and j not in bodies and j in text:
            junk.append(j)
    for s in page.speeches:
        for para in s["body"].split("\n"):
            assert para in text, (page.path, para[:20])
    url = f"http://{sd.domain}{page.path}"
    return {
        "url": url, "family": sd.layout, "encoding": sd.encoding, "http_charset": page.http_charset,
        "kind": page.kind, "note": page.note,
        "expected": {"url": url, "site_name": sd.name, "title": page.title, "published": page.published,
                     "author": page.author, "breadcrumbs": page.crumbs, "tags": page.tags, "speeches": page.speeches},
        "must_contain": [m for m in page.must_contain if m],
        "must_not_contain": junk,
    }


README = """# Held-out cleaning fixtures (generated by tools/build_heldout.py — do not edit by hand)

Issue 9 (c): pages the cleaner's rules were not written for. Four layouts that are
none of the six CMS families of tests/fixtures/pages (card: Bootstrap-like; table:
table-era GBK, some served as ISO-8859-1; amp: mobile AMP-like; blog: a personal
blog in traditional characters with comment threads), original speeches, and junk
drawn from slots of many synonyms in both scripts. Format: docs/ground-truth.md, plus
`kind` "about" (zero speeches) and a `note` per page. Scored by

    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout
    .venv/bin/pytest -q tests/test_cleaning_heldout.py -s

| page | kind | http_charset | note |
|---|---|---|---|
"""


def write_fixtures(out: Path, readme: str,
                   entries: Iterable[tuple[str, str, Page, bytes, dict]]) -> dict[str, int]:
    """Write (layout, slug, page, raw bytes, truth record) entries as a fixture folder
    with its README table; returns the page count per kind. Shared by both held-out sets."""
    if out.exists():
        shutil.rmtree(out)
    counts: dict[str, int] = {}
    rows = []
    for layout, slug, page, raw, rec in entries:
        (out / layout).mkdir(parents=True, exist_ok=True)
        (out / layout / f"{slug}.html").write_bytes(raw)
        (out / layout / f"{slug}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        counts[page.kind] = counts.get(page.kind, 0) + 1
        rows.append(f"| {layout}/{slug} | {page.kind} | {page.http_charset or ''} | {page.note} |")
    (out / "README.md").write_text(readme + "\n".join(rows) + "\n", encoding="utf-8")
    return counts


def write(sites: list[tuple[SiteDef, list[Page]]], out: Path) -> dict[str, int]:
    def entries() -> Iterator[tuple[str, str, Page, bytes, dict]]:
        for sd, pages in sites:
            for page in pages:
                slug = page.path.strip("/").replace("/", "-").rsplit(".", 1)[0]
                raw = page.html.encode(sd.encoding, errors="xmlcharrefreplace")
                yield sd.layout, slug, page, raw, record(sd, page, raw)

    return write_fixtures(out, README, entries())


def run_cli(argv: list[str] | None, description: str, default_out: Path, seed: int,
            build: Callable[[int], Any], write: Callable[[Any, Path], dict[str, int]]) -> int:
    """The command line both held-out generators share: --out, --seed, a count line."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--out", type=Path, default=default_out)
    ap.add_argument("--seed", type=int, default=seed)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = write(build(args.seed), args.out)
    log.info("%s: %s", args.out, ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_cli(argv, __doc__.split("\n\n")[0], ROOT / "tests" / "fixtures" / "heldout", SEED, build, write)


if __name__ == "__main__":
    sys.exit(main())
