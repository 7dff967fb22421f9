"""Build the cleaning fixture corpus from the seed texts (dev tool, run by hand).

    .venv/bin/python tools/build_fixtures.py [--seeds /work/shared/seeds] [--out tests/fixtures/pages]

Reads the five seed pages (visible text of real template pages), turns them
into structured speeches, and renders each fixture page with the CMS family
templates of `tools/cms_templates.py`. The page bytes and the ground truth
(`<slug>.json`, format in docs/ground-truth.md) come from the same structured
data, so the expected `extract --json` object is right by construction.
Its OUTPUT is committed; tests never read the seeds.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cms_templates import (  # noqa: E402
    Article, Block, Item, ListEntry, ListPage, NotFound, Site, make,
)

log = logging.getLogger("build_fixtures")

ROOT = Path(__file__).resolve().parent.parent
SPACES = " \u3000\xa0\t"

# ------------------------------------------------------------------ seeds


@dataclass
class Speech:
    """A speech from a seed: its paragraphs as structured blocks."""

    key: str
    title: str  # title used when the speech is a single page
    blocks: list[Block]  # body lines (kept text + empty lines), no lead, no teaser
    lead: str = ""  # "equal": first shown line is the title; "prefix": title glued before first line
    teaser: Block | None = None  # teaser paragraph with a promo sentence (whole paragraph is junk)
    tags: list[str] = field(default_factory=list)

    @property
    def paras(self) -> list[str]:
        return [b.kept for b in self.blocks if b.kept]


def line_block(line: str) -> Block | None:
    s = line.strip(SPACES)
    if s:
        return Block(line.rstrip(), s)
    if "\xa0" in line or "\u3000" in line:
        return Block("\xa0", None)  # an empty paragraph the page shows
    return None


def blocks_of(lines: list[str], split_spaces: bool = False) -> list[Block]:
    out: list[Block] = []
    for line in lines:
        if split_spaces and line.strip(SPACES):
            # seed 001 shows several paragraphs on one line, separated by runs of spaces
            for part in re.split(r" {2,}", line.strip(SPACES)):
                if part.strip(SPACES):
                    out.append(Block("\u3000\u3000" + part.strip(SPACES), part.strip(SPACES)))
            continue
        b = line_block(line)
        if b is not None:
            out.append(b)
    return out


def index_of(lines: list[str], pred) -> int:
    for i, line in enumerate(lines):
        if pred(line.strip(SPACES)):
            return i
    raise ValueError("seed line not found")


def split_teaser(blocks: list[Block]) -> tuple[Block | None, list[Block]]:
    """Seed 004 items open with a teaser paragraph carrying a promo sentence."""
    for i, b in enumerate(blocks):
        if b.kept is None:
            continue
        if "下面是" in b.kept:
            promo = b.kept[b.kept.index("下面是"):]
            return Block(b.shown, None, [promo]), blocks[:i] + blocks[i + 1:]
        return None, blocks
    return None, blocks


C3_TITLES = [
    "市长在市政府全体会议上的讲话",
    "市长在2019年市政府第一次全体会议上的讲话",
    "市长在全市科技创新大会上的讲话",
    "市长在全市旅游工作会议上的讲话",
    "市长在x届市政府第x次全体会议上的讲话",
    "副市长在市政府常务会议上的发言",
]
C4_TITLES = [
    "在2022年全市工业和信息化工作会议上的讲话",
    "在全市高质量发展推进会上的讲话",
    "在全市县域经济高质量发展工作会议上的讲话材料",
    "在2022年全市百城建设提质工程推动城市高质量发展三年工作会议上的讲话稿",
    "县委书记在全县县域经济高质量发展工作会议上的讲话",
    "在全市高质量发展工作会议上的讲话范文",
    "XX书记在全市县域经济高质量发展工作会议上的讲话",
    "在全市审计工作会议上的讲话",
    "区长在全区县域经济发展工作会议上的讲话",
]


def load_speeches(seed_dir: Path) -> dict[str, Speech]:
    files = sorted(seed_dir.glob("*.txt"))
    if len(files) < 5:
        raise SystemExit(f"expected 5 seed files in {seed_dir}, found {len(files)}")
    text = [f.read_text(encoding="utf-8").split("\n") for f in files[:5]]
    out: dict[str, Speech] = {}

    # seed 000: DedeCMS page of 77范文网, one speech, title repeated as first body line
    L = text[0]
    title0 = L[0].strip()
    promo = index_of(L, lambda s: s.startswith("下面是小编"))
    end = index_of(L, lambda s: s.startswith("推荐访问"))
    bl = blocks_of(L[promo + 1:end])
    assert bl[0].kept == title0
    tags0 = L[end].strip().split(":", 1)[1].split()
    out["S0"] = Speech("S0", title0, bl[1:], lead="equal", tags=tags0)

    # seed 001: PHPCMS page of 百花范文网, first body line starts with the title
    L = text[1]
    start = index_of(L, lambda s: s.endswith("同志们:") and "讲话" in s)
    end = index_of(L, lambda s: s.startswith("相关热词搜索"))
    title1 = L[start].strip(SPACES).split(" ")[0]
    first = L[start].strip(SPACES)[len(title1):].strip(SPACES)
    bl = [Block("\u3000\u3000" + first, first)] + blocks_of(L[start + 1:end], split_spaces=True)
    out["S1"] = Speech("S1", title1, bl, lead="prefix", tags=["项目建设", "百日攻坚", "脱贫攻坚", "市长讲话"])

    # seed 002: 77范文网 page without a visible title; the promo line names it
    L = text[2]
    m = re.match(r"下面是小编为大家整理的(.+?),供大家参考。", L[0].strip())
    assert m, "seed 002 promo line"
    end = index_of(L, lambda s: s.startswith("扩展阅读文章"))
    out["S2"] = Speech("S2", m.group(1), blocks_of(L[1:end]), tags=["稳中求进", "经济社会发展", "讲话稿"])

    # seed 003: compilation of 6 ("第1篇")
    L = text[3]
    heads = [i for i, l in enumerate(L) if re.fullmatch(r"市长在市政府全体经济会议上的讲话 第\d篇", l.strip())]
    end = index_of(L, lambda s: s.startswith("上一篇:"))
    for n, (a, b) in enumerate(zip(heads, heads[1:] + [end]), 1):
        bl = blocks_of(L[a + 1:b])
        sp = Speech(f"C3.{n}", C3_TITLES[n - 1], bl, tags=["市长讲话", "全体会议", "讲话稿"])
        if bl[0].kept == sp.title:
            sp.blocks, sp.lead = bl[1:], "equal"
        out[sp.key] = sp

    # seed 004: compilation of 9 ("篇1"), items open with teaser + promo
    L = text[4]
    heads = [i for i, l in enumerate(L) if re.fullmatch(r"在全市高质量发展工作会议上的讲话篇\d", l.strip())]
    end = index_of(L, lambda s: s.startswith("推荐访问"))
    tags4 = L[end].strip().split(":", 1)[1].split()
    for n, (a, b) in enumerate(zip(heads, heads[1:] + [end]), 1):
        teaser, bl = split_teaser(blocks_of(L[a + 1:b]))
        out[f"C4.{n}"] = Speech(f"C4.{n}", C4_TITLES[n - 1], bl, teaser=teaser, tags=tags4)
    return out


# ------------------------------------------------------------ title parsing

OFFICES = r"(?:书记|市长|区长|县长|省长|州长|主任|局长|部长|镇长|乡长|主席|厅长|旗长)"
MARKERS = [r"\s*第\d+篇$", r"篇\d+$", r"^【篇[一二三四五六七八九十]+】", r"^第[一二三四五六七八九十]+篇[::]"]


def strip_marker(title: str) -> str:
    for pat in MARKERS:
        title = re.sub(pat, "", title)
    return title.strip()


def speaker_of(title: str) -> str | None:
    m = re.match(r"^((?:XX|xx|X|x|\*\*)?[\u4e00-\u9fa5]{0,4}?" + OFFICES + r")在", strip_marker(title))
    return m.group(1) if m else None


def occasion_of(title: str) -> str | None:
    m = re.search(r"在(.+?)上(?:的)?(?:讲话|发言|致辞)", strip_marker(title))
    return m.group(1) if m else None


# ---------------------------------------------------------- page building

OFFTOPIC = [
    "我敬佩的人范文350", "宽容与感恩作文600字", "2024年学校安全工作计划范文", "大学生自我评价简短100字",
    "入党积极分子思想汇报2023年最新", "教师个人工作总结2024", "护士年度述职报告范文", "疫情防控心得体会800字",
    "读《红楼梦》有感1500字", "小学生国旗下讲话稿(通用5篇)", "家长会班主任发言稿", "房屋租赁合同范本(简单版)",
    "年终总结开头和结尾怎么写", "2024年党支部工作计划", "关于诚信的演讲稿3分钟", "幼儿园大班下学期工作计划",
    "销售个人年终总结范文", "员工辞职报告简单明了", "大学生职业生涯规划书范文", "初中生暑假学习计划表",
    "主题教育专题民主生活会对照检查材料", "2024年度组织生活会个人发言提纲", "村党支部书记述职报告",
    "学习二十大精神心得体会", "安全生产月活动总结", "优秀共青团员事迹材料", "春节慰问信范文",
    "新学期开学典礼校长讲话稿", "教师节致辞简短", "个人先进事迹材料1500字", "工会工作总结2024",
    "退休欢送会领导讲话", "婚礼新郎致辞简短大方", "企业年会主持词开场白", "员工转正申请书范文",
]

SITES = {
    "hanjia": Site("hanjia", "77范文网", "www.hanjia777.com", "dedecms", "粤ICP备15071480号-27", "2015-2024",
                   "baidu", "77范文网,提供各类范文下载"),
    "zhongxin": Site("zhongxin", "众鑫文档网", "www.zxwendang.com", "dedecms", "豫ICP备19023356号-1", "2019-2024",
                     "cnzz", "众鑫文档网 - 免费文档下载"),
    "baihua": Site("baihua", "百花范文网", "www.baihuafanwen.com", "phpcms", "京ICP备14045735号-3", "2014-2024", "cnzz"),
    "xingxing": Site("xingxing", "星星阅读网", "www.xingxingyuedu.com", "empirecms", "蜀ICP备2020031234号-1",
                     "2020-2024", "baidu"),
    "mingyue": Site("mingyue", "明月秘书网", "www.mingyuemishu.com", "empirecms", "湘ICP备17008823号", "2017-2024",
                    "51la"),
    "nizi": Site("nizi", "呢子范文网", "www.nizifanwen.com", "wordpress", "浙ICP备19012345号-2", "2019-2024", "baidu",
                 "分享好范文,写作更轻松"),
    "gongwenjia": Site("gongwenjia", "公文之家", "www.gongwenjia.com", "discuz", "鲁ICP备18012345号-1", "2018-2024",
                       "cnzz"),
    "m_hanjia": Site("m_hanjia", "77范文网", "m.hanjia777.com", "mobile", "粤ICP备15071480号-27", "2015-2024", "baidu"),
    "m_baihua": Site("m_baihua", "百花范文网", "m.baihuafanwen.com", "mobile", "京ICP备14045735号-3", "2014-2024",
                     "cnzz"),
}

CRUMBS = {
    "hanjia": [("首页", "/"), ("专题范文", "/zhuanti/"), ("公文范文", "/zhuanti/gongwen/"), ("文章内容", None)],
    "zhongxin": [("主页", "/"), ("讲话稿", "/jianghua/"), ("领导讲话", "/jianghua/lingdao/"), ("正文", None)],
    "baihua": [("百花范文网", "/"), ("实用", "/shiyong/"), ("学习计划", "/shiyong/xuexijihua/")],
    "xingxing": [("首页", "/"), ("讲话稿", "/jianghua/"), ("领导讲话", "/jianghua/lingdao/"), ("正文", None)],
    "mingyue": [("明月秘书网", "/"), ("范文大全", "/fanwen/"), ("讲话致辞", "/fanwen/jianghua/")],
    "nizi": [("首页", "/"), ("讲话稿", "/category/jianghua/")],
    "gongwenjia": [("公文之家", "./"), ("门户", "portal.php"), ("讲话稿", "portal.php?mod=list&catid=3"),
                   ("查看内容", None)],
    "m_hanjia": [("首页", "/"), ("讲话致辞", "/jianghua/"), ("正文", None)],
    "m_baihua": [("首页", "/"), ("实用范文", "/shiyong/"), ("正文", None)],
}

PROMO_LINES = {
    "hanjia": "下面是小编为大家整理的{t},供大家参考。",
    "zhongxin": "下面是众鑫文档网小编为大家整理的{t},供大家参考。",
    "baihua": "下面是小编为大家整理的{t},供大家参考。",
    "xingxing": "下面是星星阅读网小编为您推荐{t},欢迎阅读。",
    "mingyue": "下面是明月秘书网小编为您推荐{t}。",
    "nizi": "下面是呢子范文网小编为大家收集整理的{t},欢迎阅读与收藏。",
    "gongwenjia": "下面是小编为大家整理的{t},供大家参考。",
    "m_hanjia": "下面是小编为大家整理的{t},供大家参考。",
    "m_baihua": "以下是百花范文网为大家整理的{t},希望对大家有所帮助。",
}
GLUED = {
    "zhongxin": "下面是众鑫文档网小编给大家带来的{t},希望大家喜欢。",
    "baihua": "下面是百花范文网小编为大家整理的{t},供大家参考。",
    "mingyue": "下面是明月秘书网小编为您推荐{t}。",
    "nizi": "下面是呢子范文网小编为您推荐{t},希望对您有所帮助。",
    "gongwenjia": "以下是公文之家为大家整理的{t},仅供参考。",
    "m_hanjia": "下面是77范文网小编给大家带来的{t},希望大家喜欢。",
    "hanjia": "下面是小编为大家整理的{t},供大家参考。",
    "xingxing": "下面是星星阅读网小编为您推荐{t}",
}


def promo_block(site: str, title: str) -> Block:
    text = PROMO_LINES[site].format(t=title)
    return Block(text, None, [text])


def glue(blocks: list[Block], at: float, site: str, title: str) -> list[Block]:
    """Glue a promo sentence to the end of a later paragraph (never the first one)."""
    idx = [i for i, b in enumerate(blocks) if b.kept]
    i = idx[max(1, int(len(idx) * at))]
    promo = GLUED[site].format(t=title)
    out = list(blocks)
    out[i] = Block(blocks[i].shown.rstrip() + promo, blocks[i].kept, [promo])
    return out


def fill_masks(blocks: list[Block], subs: list[tuple[str, str]]) -> list[Block]:
    """Replace the first occurrence of each mask pattern (a near-duplicate with masks filled in)."""
    out = list(blocks)
    for old, new in subs:
        for i, b in enumerate(out):
            if b.kept and old in b.kept:
                out[i] = Block(b.shown.replace(old, new, 1), b.kept.replace(old, new, 1), b.junk)
                break
        else:
            raise ValueError(f"mask {old!r} not found")
    return out


def single_item(sp: Speech, title: str | None = None, blocks: list[Block] | None = None,
                teaser: bool = True, lead: bool = True) -> Item:
    title = title or sp.title
    bl = list(sp.blocks if blocks is None else blocks)
    shown: list[Block] = []
    if teaser and sp.teaser:
        shown.append(sp.teaser)
    if lead and sp.lead == "equal":
        shown.append(Block(title, None))
    elif lead and sp.lead == "prefix":
        first = next(i for i, b in enumerate(bl) if b.kept)
        bl[first] = Block("\u3000\u3000" + title + " " + bl[first].kept, bl[first].kept)
    return Item(title, shown + bl)


def comp_item(sp: Speech, heading: str) -> Item:
    """A compilation item: the speech's own first line stays (it is not the item heading)."""
    bl: list[Block] = []
    if sp.teaser:
        bl.append(sp.teaser)
    if sp.lead == "equal" and strip_marker(heading) != sp.title:
        bl.append(Block(sp.title, sp.title))
    bl.extend(sp.blocks)
    return Item(heading, bl, heading=heading)


CN_NUM = "一二三四五六七八九十"


def comp_headings(style: str, base: str, titles: list[str]) -> list[str]:
    if style == "di":
        return [f"{base} 第{n}篇" for n in range(1, len(titles) + 1)]
    if style == "pian":
        return [f"{base}篇{n}" for n in range(1, len(titles) + 1)]
    if style == "bracket":
        return [f"【篇{CN_NUM[n - 1]}】{t}" for n, t in enumerate(titles, 1)]
    if style == "diyi":
        return [f"第{CN_NUM[n - 1]}篇:{t}" for n, t in enumerate(titles, 1)]
    raise ValueError(style)


@dataclass
class Spec:
    slug: str
    family: str
    kind: str
    encoding: str  # what the bytes really are
    http_charset: str | None
    page: object  # Article | ListPage | NotFound
    bom: bool = False
    notes: str = ""
    next_page_url: str | None = None


def dedup(seq: list[str]) -> list[str]:
    out: list[str] = []
    for s in seq:
        if s not in out:
            out.append(s)
    return out


def related(rng: random.Random, n: int = 14, extra: list[tuple[str, str]] | None = None,
            prefix: str = "/a/") -> list[tuple[str, str]]:
    titles = rng.sample(OFFTOPIC, n)
    out = [(t, f"{prefix}{rng.randint(10000, 99999)}.html") for t in titles]
    if extra:
        out = extra + out
    return out[:n]


def summary_of(items: list[Item]) -> str:
    for it in items:
        for b in it.blocks:
            if b.kept and len(b.kept) > 30:
                return b.kept[:60] + "…"
    return ""


class Builder:
    """Holds the speeches and the deterministic random source; makes pages."""

    def __init__(self, speeches: dict[str, Speech]) -> None:
        self.sp = speeches
        self.rng = random.Random(20240707)
        self.specs: list[Spec] = []
        self.aid = 12000

    def next_aid(self) -> int:
        self.aid += self.rng.randint(3, 97)
        return self.aid

    def article(self, site_key: str, path: str, items: list[Item], title: str, h1: str | None = None,
                **kw) -> Article:
        site = SITES[site_key]
        aid = kw.pop("aid", None) or self.next_aid()
        path = path.format(aid=aid)
        crumbs = kw.pop("crumbs", None)
        if crumbs is None:
            crumbs = list(CRUMBS[site_key])
            if crumbs[-1][1] is not None:  # trail ends with the article title as plain text
                crumbs.append(((h1 or title), None))
        rel_prefix = "portal.php?mod=view&aid=" if site.family == "discuz" else "/a/"
        a = Article(
            site=site, path=path, title=title, h1=h1 or title, items=items,
            abs_url=f"http://{site.host}{path if path.startswith('/') else '/' + path}",
            crumbs=crumbs, aid=aid, hits=self.rng.randint(120, 9800),
            related=related(self.rng, 14, prefix=rel_prefix), hot=related(self.rng, 14, prefix=rel_prefix),
            prev=(self.rng.choice(OFFTOPIC), f"/a/{aid - 1}.html"), next=(self.rng.choice(OFFTOPIC), f"/a/{aid + 1}.html"),
            **kw)
        if site.family == "discuz":
            a.prev = (a.prev[0], f"portal.php?mod=view&aid={aid - 1}")
            a.next = (a.next[0], f"portal.php?mod=view&aid={aid + 1}")
        if not a.summary:
            a.summary = summary_of(items)
        return a

    def add(self, slug: str, kind: str, encoding: str, http_charset: str | None, page, notes: str = "",
            bom: bool = False, next_page_url: str | None = None) -> None:
        fam = page.site.family
        self.specs.append(Spec(slug, fam, kind, encoding, http_charset, page, bom, notes, next_page_url))

    def list_page(self, site_key: str, path: str, title: str, crumbs, page_no: int, page_count: int,
                  page_fmt: str, first_page: str | None = None, is_tag: bool = False, **kw) -> ListPage:
        site = SITES[site_key]
        pool = [s for s in self.sp.values()]
        entries = []
        for n in range(20):
            if n % 3 == 0:
                sp = pool[(n // 3 + page_no) % len(pool)]
                t, summ = sp.title, (sp.paras[1] if len(sp.paras) > 1 else sp.paras[0])[:50] + "…"
            else:
                t = self.rng.choice(OFFTOPIC)
                summ = t + "。" + self.rng.choice(OFFTOPIC) + "……"
            aid = self.next_aid()
            p = f"portal.php?mod=view&aid={aid}" if site.family == "discuz" else f"{path.rsplit('/', 1)[0]}/{aid}.html"
            entries.append(ListEntry(t, p, f"2022-0{self.rng.randint(1, 9)}-{self.rng.randint(10, 28)}", summ))
        lp = ListPage(site, path, title, entries, crumbs, page_no, page_count, page_fmt, first_page, is_tag,
                      hot=related(self.rng, 14), **kw)
        lp.abs_url = f"http://{site.host}{path if path.startswith('/') else '/' + path}"
        return lp

    def not_found(self, site_key: str, path: str, title: str, decl: str | None = "utf-8") -> NotFound:
        site = SITES[site_key]
        return NotFound(site, path, title, decl, f"http://{site.host}{path if path.startswith('/') else '/' + path}")


# ------------------------------------------------------------ the corpus


def build_corpus(sp: dict[str, Speech]) -> list[Spec]:
    B = Builder(sp)
    S0, S1, S2 = sp["S0"], sp["S1"], sp["S2"]

    # ----------------------------------------------------------- DedeCMS
    a = B.article("hanjia", "/zhuanti/gongwen/2022/0611/{aid}.html", [single_item(S0)], S0.title,
                  published="2022-06-11", shown_time="2022-06-11 19:24:01", author="网友投稿",
                  author_shown="网友投稿", tags=S0.tags, pre=[promo_block("hanjia", S0.title)], markup="p",
                  indent="u3000", charset_decl="utf-8")
    B.add("hanjia777-s0-diaodu", "single", "utf-8", None, a,
          "seed 000 as it was: title repeated as first body line, promo line, 推荐访问 tags")

    a = B.article("hanjia", "/zhuanti/gongwen/2022/0405/{aid}.html", [single_item(S2)], S2.title,
                  published="2022-04-05", shown_time="2022-04-05 10:12:45", author="网友投稿", author_shown="网友投稿",
                  tags=S2.tags, pre=[promo_block("hanjia", S2.title)], markup="br", indent="nbsp",
                  charset_decl="utf-8")
    B.add("hanjia777-s2-wenzhong", "single", "utf-8", "utf-8", a,
          "seed 002: <br>-separated body, heading lines of the speech stay, no visible title line in body")

    items = [comp_item(sp[f"C3.{n}"], h) for n, h in
             enumerate(comp_headings("di", "市长在市政府全体经济会议上的讲话", [""] * 6), 1)]
    a = B.article("hanjia", "/zhuanti/gongwen/2024/0707/{aid}.html", items, "市长在市政府全体经济会议上的讲话",
                  comp_heading="市长在市政府全体经济会议上的讲话(精选6篇)", published="2024-07-07",
                  shown_time="2024-07-07", tags=["市长讲话", "全体会议"], markup="p", indent="",
                  charset_decl="utf-8")
    a.prev, a.next = ("我敬佩的人范文350", "/a/10001.html"), ("宽容与感恩作文600字", "/a/10002.html")
    B.add("hanjia777-c3-jingxuan6", "compilation", "utf-8", None, a, "seed 003: 精选6篇 with 第1篇 headings")

    c34 = sp["C3.4"]
    a = B.article("hanjia", "/zhuanti/gongwen/2019/0302/{aid}.html", [single_item(c34)], c34.title,
                  published="2019-03-02", shown_time="2019-03-02 08:40:13", author="网友投稿", author_shown="网友投稿",
                  tags=["旅游工作", "市长讲话"], markup="table", indent="u3000", charset_decl="gb2312",
                  variant="old")
    B.add("hanjia777-old-gbk-lvyou", "single", "gbk", None, a, "old DedeCMS: nested tables, declared gb2312, GBK bytes")

    s0g = fill_masks(S0.blocks, [("今天我和X同志", "今天我和陈堃同志"), ("昨天上午X市长", "昨天上午朱镕喆市长"),
                                 ("刚刚荣任副省长X同志", "刚刚荣任副省长刘䶮同志")])
    a = B.article("hanjia", "/zhuanti/gongwen/2022/0612/{aid}.html", [single_item(S0, blocks=s0g)], S0.title,
                  published="2022-06-12", shown_time="2022-06-12 09:03:27", author="李喆", author_shown="李喆",
                  tags=S0.tags[:3], markup="p", indent="u3000", charset_decl="gb2312")
    B.add("hanjia777-gb18030-masks-filled", "single", "gb18030", None, a,
          "declared gb2312, bytes need GB18030 (镕 堃 喆 outside GB2312, 䶮 outside GBK); masks filled in")

    c48 = sp["C4.8"]
    half = len(c48.blocks) // 2
    p1 = "/zhuanti/gongwen/2022/0918/{aid}.html"
    aid = B.next_aid()
    paths = [p1.format(aid=aid), p1.format(aid=f"{aid}_2")]
    a = B.article("hanjia", p1, [single_item(c48, blocks=c48.blocks[:half])], c48.title, aid=aid,
                  published="2022-09-18", shown_time="2022-09-18 15:30:00", author="网友投稿", author_shown="网友投稿",
                  tags=["审计工作", "讲话稿"], markup="p", indent="u3000", page_no=1, page_count=2,
                  page_paths=paths)
    B.add("hanjia777-twopart-1", "single", "utf-8", None, a, "part 1 of 2: 下一页 links to _2.html",
          next_page_url=f"http://{SITES['hanjia'].host}{paths[1]}")
    a = B.article("hanjia", paths[1], [single_item(c48, blocks=c48.blocks[half:], teaser=False, lead=False)],
                  c48.title, aid=aid, published="2022-09-18", shown_time="2022-09-18 15:30:00", author="网友投稿",
                  author_shown="网友投稿", tags=["审计工作", "讲话稿"], markup="p", indent="u3000", page_no=2,
                  page_count=2, page_paths=paths)
    B.add("hanjia777-twopart-2", "single", "utf-8", None, a, "part 2 of 2 (its own page: the second half)")

    lp = B.list_page("hanjia", "/zhuanti/gongwen/list_3_2.html", "公文范文",
                     [("首页", "/"), ("专题范文", "/zhuanti/"), ("公文范文", "/zhuanti/gongwen/")], 2, 5,
                     "/zhuanti/gongwen/list_3_{n}.html", first_page="/zhuanti/gongwen/")
    B.add("hanjia777-list", "list", "utf-8", None, lp, "category list, 20 links with summaries and dates, pagination")

    B.add("hanjia777-404", "404", "utf-8", None, B.not_found("hanjia", "/zhuanti/gongwen/2022/0101/1.html", "页面不存在"),
          "404 page")

    c44 = sp["C4.4"]
    a = B.article("zhongxin", "/jianghua/lingdao/2022/0520/{aid}.html", [single_item(c44)], c44.title,
                  published="2022-05-20", shown_time="2022-05-20 16:05:51", author="众鑫文档", author_shown="众鑫文档",
                  tags=["百城提质", "城市高质量发展", "讲话稿"], markup="p", indent="ent3000", charset_decl=None,
                  ascii_prelude=9000)
    B.add("zxwendang-long-gbk-nometa", "single", "gbk", None, a,
          "GBK, no charset anywhere, ~9 KB ASCII CSS/JS before the first Chinese byte; seed-004 teaser with glued promo")

    # ------------------------------------------------------------ PHPCMS
    a = B.article("baihua", "/html/shiyong/xuexijihua/2020/1021/{aid}.html", [single_item(S1)], S1.title,
                  h1=S1.title + ":", published="2020-10-21", shown_time="2020-10-21 04:04:47", source="百花范文网",
                  tags=S1.tags, tags_label="相关热词搜索:", markup="br", indent="", charset_decl="gbk")
    B.add("baihua-s1-bairi", "single", "gbk", "gbk", a,
          "seed 001: h1 with trailing colon, first line starts with the title, 来源 is not an author, 本文已影响")

    c31, c33, c35 = sp["C3.1"], sp["C3.3"], sp["C3.5"]
    hs = comp_headings("bracket", "", [c31.title, c33.title, c35.title])
    items = [comp_item(c31, hs[0]), comp_item(c33, hs[1]), comp_item(c35, hs[2])]
    a = B.article("baihua", "/html/jianghua/2023/0815/{aid}.html", items, "市长讲话稿3篇",
                  comp_heading="市长讲话稿3篇", published="2023-08-15", shown_time="2023-08-15 11:20:02",
                  source="网络", tags=["市长讲话稿"], tags_label="相关热词搜索:", markup="p", indent="u3000",
                  charset_decl="gbk", crumbs=[("百花范文网", "/"), ("讲话致辞", "/jianghua/"), ("市长讲话稿3篇", None)])
    B.add("baihua-bracket-3", "compilation", "gbk", None, a, "【篇一】 style compilation, GBK declared gbk")

    a = B.article("baihua", "/html/jianghua/2021/0309/{aid}.html", [single_item(c35)], c35.title,
                  published="2021-03-09", shown_time="2021-03-09 17:45:10", source="百花范文网",
                  tags=["全体会议", "政府工作报告"], tags_label="相关热词搜索:", markup="div", indent="u3000",
                  charset_decl="utf-8", crumbs=[("百花范文网", "/"), ("讲话致辞", "/jianghua/"), (c35.title, None)])
    B.add("baihua-utf8-div", "single", "utf-8", "utf-8", a, "PHPCMS utf-8 edition, one <div> per paragraph")

    c42 = sp["C4.2"]
    a = B.article("baihua", "/html/jianghua/2022/0701/{aid}.html",
                  [single_item(c42, blocks=glue(c42.blocks, 0.5, "baihua", c42.title))], c42.title,
                  published="2022-07-01", shown_time="2022-07-01 09:09:09", source="百花范文网",
                  tags=["高质量发展", "推进会"], tags_label="相关热词搜索:", markup="p", indent="nbsp",
                  charset_decl="gbk", crumbs=[("百花范文网", "/"), ("讲话致辞", "/jianghua/"), (c42.title, None)])
    B.add("baihua-glued-promo", "single", "gbk", None, a,
          "promo sentence glued to the end of a middle paragraph: only the promo goes")

    lp = B.list_page("baihua", "/html/shiyong/xuexijihua/index.html", "学习计划",
                     [("百花范文网", "/"), ("实用", "/shiyong/"), ("学习计划", "/shiyong/xuexijihua/")], 1, 8,
                     "/html/shiyong/xuexijihua/{n}.html", charset_decl="gbk")
    B.add("baihua-list", "list", "gbk", "gbk", lp, "PHPCMS category list, GBK")

    lp = B.list_page("baihua", "/index.php?m=content&c=tag&a=lists&tag=高质量", "高质量",
                     [("百花范文网", "/"), ("标签", "/index.php?m=content&c=tag"), ("高质量", None)], 1, 3,
                     "/index.php?m=content&c=tag&a=lists&tag=高质量&page={n}", is_tag=True, charset_decl="gbk")
    B.add("baihua-tag", "list", "gbk", None, lp, "tag page")

    B.add("baihua-404", "404", "gbk", "gbk", B.not_found("baihua", "/html/2020/0101/404.html", "提示信息", "gbk"),
          "PHPCMS showMsg page: 您访问的页面不存在")

    c36 = sp["C3.6"]
    a = B.article("baihua", "/html/jianghua/2020/0718/{aid}.html", [single_item(c36)], c36.title,
                  published="2020-07-18", shown_time="2020-07-18 07:58:36", source="百花范文网",
                  tags=["常务会议", "分管工作"], tags_label="相关热词搜索:", markup="p", indent="u3000",
                  charset_decl="gb2312", crumbs=[("百花范文网", "/"), ("讲话致辞", "/jianghua/"), (c36.title, None)])
    B.add("baihua-utf8-declared-gb2312", "single", "utf-8", None, a,
          "UTF-8 bytes falsely declared gb2312 in <meta>: the bytes win")

    short = Speech("short", "在全市安全生产工作会议上的讲话", [Block("\u3000\u3000同志们:", "同志们:"),
                                                          Block("(内容整理中……)", None)])
    a = B.article("baihua", "/html/jianghua/2023/1101/{aid}.html", [Item(short.title, short.blocks)], short.title,
                  published="2023-11-01", shown_time="2023-11-01 10:00:00", source="百花范文网", markup="p",
                  charset_decl="gbk", crumbs=[("百花范文网", "/"), ("讲话致辞", "/jianghua/"), (short.title, None)])
    a.items = []
    a.pre = [Block("同志们:", None), Block("(内容整理中……)", None, ["(内容整理中……)"])]
    B.add("baihua-too-short", "single", "gbk", None, a, "article template with a too-short body: zero speeches")

    # --------------------------------------------------------- EmpireCMS
    c4 = [sp[f"C4.{n}"] for n in range(1, 10)]
    items = [comp_item(s, h) for s, h in zip(c4, comp_headings("pian", "在全市高质量发展工作会议上的讲话", [""] * 9))]
    a = B.article("xingxing", "/jianghua/lingdao/2022-05-10/{aid}.html", items, "在全市高质量发展工作会议上的讲话9篇",
                  comp_heading="在全市高质量发展工作会议上的讲话9篇", published="2022-05-10",
                  shown_time="2022-05-10 21:16:33", author="星星阅读", author_shown="星星阅读", source="网络整理",
                  tags=c4[0].tags, tags_label="推荐访问:", markup="p", indent="u3000", charset_decl="utf-8")
    B.add("xingxing-c4-9pian", "compilation", "utf-8", None, a,
          "seed 004: 9篇 with 篇1 headings, teaser+promo opening most items")

    a = B.article("xingxing", "/jianghua/lingdao/2022-03-01/{aid}.html", [single_item(c4[0])], c4[0].title,
                  published="2022-03-01", shown_time="2022-03-01 08:00:12", author="星星阅读", author_shown="星星阅读",
                  tags=["工业和信息化", "讲话稿"], tags_label="推荐访问:", markup="p", indent="u3000", og=True,
                  date_meta=True, iso_time="2022-03-01T08:00:12+08:00", charset_decl="utf-8")
    B.add("xingxing-c41-teaser", "single", "utf-8", None, a, "teaser ending in a truncated promo (…为您推荐)")

    c46 = c4[5]
    a = B.article("mingyue", "/fanwen/jianghua/2022-08-08/{aid}.html", [single_item(c46)], c46.title,
                  published="2022-08-08", shown_time="2022-08-08", author="明月", author_shown="明月",
                  tags=["高质量发展", "工作会议"], tags_label="标签:", markup="font", indent="", charset_decl="gbk")
    B.add("mingyue-gbk-font", "single", "gbk", "gbk", a, "明月秘书网, GBK, <font>/<span> soup splitting paragraphs")

    c47 = c4[6]
    c47b = fill_masks(c47.blocks, [("**县域面积", "堃县县域面积"), ("**高质量发展的基础在县域", "本市高质量发展的基础在县域")])
    a = B.article("mingyue", "/fanwen/jianghua/2022-08-09/{aid}.html", [single_item(c47, blocks=c47b)], c47.title,
                  published="2022-08-09", shown_time="2022-08-09", author="王堃", author_shown="王堃",
                  tags=["县域经济", "书记讲话"], tags_label="标签:", markup="p", indent="u3000", charset_decl="gbk")
    B.add("mingyue-gb18030-declared-gbk", "single", "gb18030", "gbk", a,
          "GB18030 bytes (堃 in author and text) declared gbk; a near-duplicate of 县域经济 speeches")

    s1soup = glue(S1.blocks, 0.35, "xingxing", S1.title)
    a = B.article("xingxing", "/jianghua/lingdao/2020-10-25/{aid}.html", [single_item(S1, blocks=s1soup)], S1.title,
                  published="2020-10-25", shown_time="2020-10-25 14:14:14", author="星星阅读", author_shown="星星阅读",
                  tags=S1.tags, tags_label="推荐访问:", markup="broken", indent="nbsp", charset_decl="utf-8")
    B.add("xingxing-s1-broken", "single", "utf-8", None, a,
          "repost of seed 001 with unclosed/broken tags and a glued truncated promo in a middle paragraph")

    hs = comp_headings("diyi", "", [c4[3].title, c4[5].title, c4[7].title])
    items = [comp_item(c4[3], hs[0]), comp_item(c4[5], hs[1]), comp_item(c4[7], hs[2])]
    a = B.article("mingyue", "/fanwen/jianghua/2022-10-10/{aid}.html", items, "全市高质量发展会议讲话稿三篇",
                  comp_heading="全市高质量发展会议讲话稿三篇", published="2022-10-10", shown_time="2022-10-10",
                  author="明月", author_shown="明月", tags=["高质量发展"], tags_label="标签:", markup="p", indent="u3000",
                  charset_decl="gbk", variant="strong")
    B.add("mingyue-diyi-3", "compilation", "gbk", None, a, "第一篇: style compilation, GBK")

    lp = B.list_page("xingxing", "/jianghua/lingdao/index_2.html", "领导讲话",
                     [("首页", "/"), ("讲话稿", "/jianghua/"), ("领导讲话", "/jianghua/lingdao/")], 2, 6,
                     "/jianghua/lingdao/index_{n}.html", first_page="/jianghua/lingdao/")
    B.add("xingxing-list", "list", "utf-8", None, lp, "EmpireCMS list with summaries")

    B.add("xingxing-404", "404", "utf-8", None, B.not_found("xingxing", "/jianghua/2021-01-01/1.html", "404错误页面"),
          "404 page")

    c32 = sp["C3.2"]
    a = B.article("xingxing", "/jianghua/lingdao/2019-02-20/{aid}.html", [single_item(c32)], c32.title,
                  published="2019-02-20", shown_time="2019-02-20 12:00:00", author="星星阅读", author_shown="星星阅读",
                  tags=["政府全体会议"], tags_label="推荐访问:", markup="p", indent="u3000", charset_decl="utf-8")
    B.add("xingxing-bom", "single", "utf-8", None, a, "UTF-8 with BOM; speaker's name 王少玄 in body is not the author",
          bom=True)

    # --------------------------------------------------------- WordPress
    c43 = c4[2]
    a = B.article("nizi", "/{aid}.html", [single_item(c43)], c43.title, published="2022-06-30",
                  shown_time="2022年6月30日", iso_time="2022-06-30T09:12:00+08:00", date_jsonld=True, og=True,
                  date_meta=True, author="呢子编辑", author_shown="呢子编辑", tags=["县域经济", "高质量发展", "讲话材料"],
                  tags_label="标签:", markup="p", indent="", charset_decl="UTF-8", category=("讲话稿", "/category/jianghua/"))
    B.add("nizi-c43-jsonld", "single", "utf-8", "utf-8", a, "WordPress + Yoast JSON-LD, og:, teaser with 呢子范文网 promo")

    a = B.article("nizi", "/{aid}.html", [single_item(S2)], S2.title, published="2022-04-06",
                  shown_time="2022年4月6日", iso_time="2022-04-06T20:01:00+08:00", og=True, date_meta=True,
                  author="呢子编辑", author_shown="呢子编辑", tags=S2.tags, tags_label="标签:",
                  pre=[promo_block("nizi", S2.title)], markup="p", indent="", charset_decl="UTF-8",
                  category=("讲话稿", "/category/jianghua/"))
    B.add("nizi-s2-repost", "single", "utf-8", "utf-8", a, "repost of seed 002 on WordPress with a promo line")

    c49 = c4[8]
    c45 = c4[4]
    hs = comp_headings("bracket", "", [c42.title, c45.title, c49.title])
    items = [comp_item(c42, hs[0]), comp_item(c45, hs[1]), comp_item(c49, hs[2])]
    a = B.article("nizi", "/{aid}.html", items, "高质量发展工作会议讲话稿【三篇】", published="2022-12-01",
                  shown_time="2022年12月1日", iso_time="2022-12-01T10:00:00+08:00", date_jsonld=True, author="呢子编辑",
                  author_shown="呢子编辑", tags=["高质量发展", "县域经济"], tags_label="标签:", markup="p",
                  comp_heading=None, charset_decl="UTF-8", category=("讲话稿", "/category/jianghua/"))
    B.add("nizi-bracket-3", "compilation", "utf-8", None, a, "【篇一】 compilation without a compilation heading")

    c33 = sp["C3.3"]
    a = B.article("nizi", "/{aid}.html", [single_item(c33)], c33.title, published="2011-01-20",
                  shown_time="2011年1月20日", iso_time="2011-01-20T15:00:00+08:00", author="呢子编辑",
                  author_shown="呢子编辑", tags=["科技创新"], tags_label="标签:", markup="br", indent="",
                  charset_decl="UTF-8", category=("讲话稿", "/category/jianghua/"))
    B.add("nizi-br-visible-time", "single", "utf-8", None, a, "date only in <time> text/datetime; <br> paragraphs")

    c31b = glue(c31.blocks, 0.6, "nizi", c31.title)
    a = B.article("nizi", "/{aid}.html", [single_item(c31, blocks=c31b)], c31.title, published="2021-08-02",
                  shown_time=None, iso_time="2021-08-02T07:30:00+08:00", date_meta=True, og=True,
                  author="呢子编辑", author_shown=None, tags=["全体会议"], tags_label="标签:", markup="p",
                  charset_decl="UTF-8", category=("讲话稿", "/category/jianghua/"))
    a.author = None
    B.add("nizi-glued-meta-date", "single", "utf-8", None, a,
          "date only in article:published_time meta, no byline; glued promo mid-speech")

    lp = B.list_page("nizi", "/category/jianghua/page/2/", "讲话稿", [("首页", "/"), ("讲话稿", None)], 2, 4,
                     "/category/jianghua/page/{n}/", first_page="/category/jianghua/", charset_decl="UTF-8")
    B.add("nizi-category", "list", "utf-8", "utf-8", lp, "WordPress category archive page 2")

    lp = B.list_page("nizi", "/tag/高质量发展/", "高质量发展", [("首页", "/"), ("高质量发展", None)], 1, 2,
                     "/tag/高质量发展/page/{n}/", first_page="/tag/高质量发展/", is_tag=True, charset_decl="UTF-8")
    B.add("nizi-tag", "list", "utf-8", None, lp, "WordPress tag archive")

    B.add("nizi-404", "404", "utf-8", "utf-8", B.not_found("nizi", "/2020/01/01/missing/", "未找到页面"),
          "WordPress 404")

    # ------------------------------------------------------------ Discuz
    a = B.article("gongwenjia", "portal.php?mod=view&aid={aid}", [single_item(S0)], S0.title,
                  published="2022-06-13", shown_time="2022-6-13 08:15", author="笔杆子", author_shown="笔杆子",
                  markup="p", indent="u3000", charset_decl="utf-8", category=("讲话稿", "portal.php?mod=list&catid=3"))
    B.add("gongwenjia-s0-repost", "single", "utf-8", None, a,
          "exact repost of seed 000 on a Discuz! portal; date 2022-6-13 unpadded; 摘要 block; GMT+8 footer date")

    a = B.article("gongwenjia", "portal.php?mod=view&aid={aid}", [single_item(c34)], c34.title,
                  published="2019-03-05", shown_time="2019-3-5 10:02", author="admin", author_shown="admin",
                  markup="br", indent="u3000", charset_decl="gbk", category=("讲话稿", "portal.php?mod=list&catid=3"))
    B.add("gongwenjia-gbk-lvyou", "single", "gbk", "gbk", a, "Discuz! GBK, <br> body")

    c32, c33b, c35 = sp["C3.2"], sp["C3.3"], sp["C3.5"]
    hs = comp_headings("diyi", "", [c32.title, c33b.title, c35.title])
    items = [comp_item(c32, hs[0]), comp_item(c33b, hs[1]), comp_item(c35, hs[2])]
    a = B.article("gongwenjia", "portal.php?mod=view&aid={aid}", items, "市长在政府全体会议上的讲话(三篇)",
                  comp_heading="市长在政府全体会议上的讲话(三篇)", published="2020-02-02", shown_time="2020-2-2 20:20",
                  author="笔杆子", author_shown="笔杆子", markup="p", indent="u3000", charset_decl="gbk",
                  category=("讲话稿", "portal.php?mod=list&catid=3"))
    B.add("gongwenjia-diyi-3", "compilation", "gbk", None, a, "第一篇: compilation on Discuz!, GBK")

    c49b = glue(c49.blocks, 0.45, "gongwenjia", c49.title)
    a = B.article("gongwenjia", "portal.php?mod=view&aid={aid}", [single_item(c49, blocks=c49b)], c49.title,
                  published="2022-11-11", shown_time="2022-11-11 11:11", author="笔杆子", author_shown="笔杆子",
                  markup="div", indent="u3000", charset_decl="gbk", category=("讲话稿", "portal.php?mod=list&catid=3"),
                  tags=["县域经济", "区长讲话"], tags_label="标签:")
    B.add("gongwenjia-glued-gbk", "single", "gbk", None, a, "glued promo mid-speech, one <div> per paragraph")

    s1f = fill_masks(S1.blocks, [("比如西山三乡镇", "比如西山区三个乡镇")])
    a = B.article("gongwenjia", "portal.php?mod=view&aid={aid}", [single_item(S1, blocks=s1f)], S1.title,
                  published="2020-10-22", shown_time="2020-10-22 06:30", author="笔杆子", author_shown="笔杆子",
                  source="百花范文网", markup="p", indent="nbsp", charset_decl="utf-8",
                  category=("讲话稿", "portal.php?mod=list&catid=3"))
    B.add("gongwenjia-s1-edited", "single", "utf-8", "utf-8", a, "near-duplicate of seed 001 (one phrase edited)")

    lp = B.list_page("gongwenjia", "portal.php?mod=list&catid=3&page=2", "讲话稿",
                     [("公文之家", "./"), ("门户", "portal.php"), ("讲话稿", None)], 2, 5,
                     "portal.php?mod=list&catid=3&page={n}", first_page="portal.php?mod=list&catid=3",
                     charset_decl="gbk")
    B.add("gongwenjia-list", "list", "gbk", None, lp, "Discuz! portal list")

    nf = B.not_found("gongwenjia", "portal.php?mod=view&aid=1", "提示信息", "gbk")
    nf.crumbs = [("公文之家", "./"), ("提示信息", None)]
    B.add("gongwenjia-404", "404", "gbk", "gbk", nf, "Discuz! 提示信息 page")

    a = B.article("gongwenjia", "portal.php?mod=view&aid={aid}", [single_item(c35, blocks=fill_masks(
        c35.blocks, [("今天,我们召开x届市政府第x次全体会议", "今天,我们召开十五届市政府第三次全体会议"),
                     ("xx同志就", "张喆同志就")]))], c35.title, published="2021-03-10",
        shown_time="2021-3-10 09:00", author="朱镕", author_shown="朱镕", markup="p", indent="u3000", charset_decl="gbk",
        category=("讲话稿", "portal.php?mod=list&catid=3"))
    B.add("gongwenjia-gb18030-http-gbk", "single", "gb18030", "gbk", a,
          "GBK-declared (meta + HTTP) page with 镕/喆 (GBK but not GB2312) and masks filled in")

    # ------------------------------------------------------------ mobile
    a = B.article("m_hanjia", "/jianghua/{aid}.html", [single_item(S2)], S2.title, published="2022-04-05",
                  shown_time="2022-04-05", source="77范文网", tags=S2.tags, tags_label="相关热词搜索:",
                  pre=[promo_block("m_hanjia", S2.title)], markup="p", indent="u3000", charset_decl="utf-8")
    B.add("m-hanjia-s2", "single", "utf-8", None, a, "mobile page of seed 002; 来源 only")

    hs = comp_headings("pian", "在全市高质量发展工作会议上的讲话", [""] * 3)
    items = [comp_item(s, h) for s, h in zip(c4[:3], hs)]
    a = B.article("m_hanjia", "/jianghua/{aid}.html", items, "在全市高质量发展工作会议上的讲话3篇",
                  comp_heading="在全市高质量发展工作会议上的讲话3篇", published="2022-05-11", shown_time="2022-05-11",
                  source="77范文网", tags=["高质量发展"], tags_label="相关热词搜索:", markup="p", indent="u3000",
                  charset_decl="utf-8", og=True, date_meta=True, iso_time="2022-05-11T10:00:00+08:00")
    B.add("m-hanjia-pian-3", "compilation", "utf-8", None, a, "mobile compilation, 篇1 headings")

    a = B.article("m_baihua", "/shiyong/{aid}.html", [single_item(c36)], c36.title, published="2020-07-19",
                  shown_time="2020-07-19 08:00", source="百花范文网", markup="p", indent="u3000", charset_decl="gbk")
    B.add("m-baihua-gbk", "single", "gbk", "gbk", a, "mobile GBK page")

    s0glued = glue(S0.blocks, 0.5, "m_hanjia", S0.title)
    a = B.article("m_hanjia", "/jianghua/{aid}.html", [single_item(S0, blocks=s0glued)], S0.title,
                  published="2022-06-11", shown_time="2022-06-11 19:24", author="网友投稿", author_shown="网友投稿",
                  tags=S0.tags, tags_label="相关热词搜索:", markup="div", indent="", charset_decl="utf-8",
                  date_jsonld=True, iso_time="2022-06-11T19:24:01+08:00")
    B.add("m-hanjia-s0-glued", "single", "utf-8", None, a, "mobile, glued promo mid-speech, JSON-LD date")

    lp = B.list_page("m_hanjia", "/jianghua/list_2.html", "讲话致辞", [("首页", "/"), ("讲话致辞", "/jianghua/")], 2, 9,
                     "/jianghua/list_{n}.html", first_page="/jianghua/")
    B.add("m-hanjia-list", "list", "utf-8", None, lp, "mobile list")

    B.add("m-hanjia-404", "404", "utf-8", None, B.not_found("m_hanjia", "/jianghua/1.html", "页面不存在"), "mobile 404")

    short = "在全市春季植树造林动员大会上的讲话"
    a = B.article("m_hanjia", "/jianghua/{aid}.html", [], short, published="2023-03-12", shown_time="2023-03-12",
                  source="77范文网", markup="p", charset_decl="utf-8", crumbs=[("首页", "/"), ("讲话致辞", "/jianghua/"),
                                                                               ("正文", None)])
    a.pre = [Block("同志们:今天的会议很重要。", None), Block("VIP会员可查看全文,开通会员>>", None, ["VIP会员可查看全文,开通会员>>"])]
    B.add("m-hanjia-too-short", "single", "utf-8", None, a, "paywalled stub: too short, zero speeches")

    c45 = c4[4]
    a = B.article("m_hanjia", "/jianghua/{aid}.html", [single_item(c45)], c45.title, published=None,
                  shown_time=None, source=None, tags=["县域经济"], tags_label="相关热词搜索:", markup="p", indent="u3000",
                  charset_decl="utf-8")
    B.add("m-hanjia-nodate", "single", "utf-8", None, a, "no date anywhere on the page: published null")

    c32 = sp["C3.2"]
    a = B.article("m_baihua", "/shiyong/{aid}.html", [single_item(c32)], c32.title, published="2019-02-21",
                  shown_time="2019-02-21 06:06", source="百花范文网", markup="br", indent="u3000", charset_decl="gb2312")
    B.add("m-baihua-gb2312-br", "single", "gbk", None, a, "mobile, declared gb2312, <br> body")

    return B.specs


# ----------------------------------------------------------- expectations


def expected_of(spec: Spec) -> dict:
    p = spec.page
    url = p.abs_url
    if isinstance(p, Article):
        speeches = []
        for it in p.items:
            body = "\n".join(b.kept for b in it.blocks if b.kept)
            if not body:
                continue
            speeches.append({"title": it.title, "body": body, "speaker": speaker_of(it.title),
                             "occasion": occasion_of(it.title)})
        return {"url": url, "site_name": p.site.name, "title": p.title, "published": p.published,
                "author": p.author, "breadcrumbs": [t for t, h in p.crumbs if h], "tags": dedup(p.tags),
                "speeches": speeches}
    if isinstance(p, ListPage):
        return {"url": url, "site_name": p.site.name, "title": p.title, "published": None, "author": None,
                "breadcrumbs": [t for t, h in p.crumbs if h], "tags": [], "speeches": []}
    return {"url": url, "site_name": p.site.name, "title": p.title, "published": None, "author": None,
            "breadcrumbs": [t for t, h in p.crumbs if h], "tags": [], "speeches": []}


def must_contain_of(expected: dict) -> list[str]:
    out: list[str] = []
    for s in expected["speeches"]:
        paras = [x for x in s["body"].split("\n") if len(x) >= 12]
        if not paras:
            continue
        picks = [paras[0][:20], paras[len(paras) // 2][-20:], paras[-1][-24:]]
        out.extend(dedup(picks))
    for ch in "镕堃喆䶮":
        for s in expected["speeches"]:
            i = s["body"].find(ch)
            if i >= 0:
                out.append(s["body"][max(0, i - 6):i + 6])
                break
    return dedup(out)


def render(spec: Spec, seed: int) -> tuple[str, list[str]]:
    fam = make(spec.family, seed)
    p = spec.page
    if isinstance(p, Article):
        text = fam.article(p)
        for it in p.items:
            for b in it.blocks:
                fam.junk.extend(b.junk)
    elif isinstance(p, ListPage):
        text = fam.listing(p)
    else:
        text = fam.not_found(p)
    return text, dedup(fam.junk)


def encode(text: str, encoding: str, bom: bool) -> bytes:
    codec = {"utf-8": "utf-8", "gbk": "gbk", "gb18030": "gb18030"}[encoding]
    data = text.encode(codec, errors="xmlcharrefreplace")
    if encoding == "gb18030":
        try:
            text.encode("gb2312")
        except UnicodeEncodeError:
            pass
        else:
            raise ValueError("a gb18030 page must hold characters outside GB2312")
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_corpus(specs: list[Spec], out: Path) -> dict[str, int]:
    for fam in {s.family for s in specs}:  # regenerate family dirs only; keep the integrity test
        if (out / fam).exists():
            shutil.rmtree(out / fam)
    counts: dict[str, int] = {}
    index: list[str] = ["# Fixture pages (generated by tools/build_fixtures.py — do not edit by hand)", "",
                        "| page | kind | bytes | http_charset | notes |", "|---|---|---|---|---|"]
    for n, spec in enumerate(specs):
        text, junk = render(spec, 1000 + n)
        exp = expected_of(spec)
        bodies = "\n".join(s["body"] for s in exp["speeches"])
        dropped = [j for j in junk if len(j) < 2 or j in bodies]
        if dropped:
            log.info("%s: %d junk strings also occur in the speech text, not listed: %s", spec.slug, len(dropped),
                     dropped[:6])
        junk = [j for j in junk if j not in dropped]
        data = encode(text, spec.encoding, spec.bom)
        # the bytes must show every expected paragraph and every junk string
        check = data.decode(spec.encoding if not spec.bom else "utf-8-sig")
        check = html_unescape_all(check)
        for s in exp["speeches"]:
            for para in s["body"].split("\n"):
                if para not in check:
                    raise AssertionError(f"{spec.slug}: paragraph not in page: {para[:40]}")
        fam_dir = out / spec.family
        fam_dir.mkdir(parents=True, exist_ok=True)
        (fam_dir / f"{spec.slug}.html").write_bytes(data)
        record = {"url": exp["url"], "family": spec.family, "encoding": spec.encoding,
                  "http_charset": spec.http_charset, "kind": spec.kind, "expected": exp,
                  "must_contain": must_contain_of(exp), "must_not_contain": junk}
        if spec.next_page_url:
            record["next_page_url"] = spec.next_page_url
        if spec.notes:
            record["notes"] = spec.notes
        (fam_dir / f"{spec.slug}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        key = f"{spec.family}/{spec.encoding}/{spec.kind}"
        counts[key] = counts.get(key, 0) + 1
        index.append(f"| {spec.family}/{spec.slug} | {spec.kind} | {spec.encoding}{' +BOM' if spec.bom else ''} | "
                     f"{spec.http_charset or ''} | {spec.notes} |")
    (out / "README.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return counts


def html_unescape_all(text: str) -> str:
    import html as _html
    text = re.sub(r"<[^>]+>", "", text)
    return _html.unescape(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "seeds")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "pages")
    ap.add_argument("--family", action="append", help="only these families (default: all)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    speeches = load_speeches(args.seeds)
    specs = build_corpus(speeches)
    if args.family:
        specs = [s for s in specs if s.family in args.family]
    counts = write_corpus(specs, args.out)
    for k in sorted(counts):
        log.info("%-32s %d", k, counts[k])
    log.info("total %d pages in %s", sum(counts.values()), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
