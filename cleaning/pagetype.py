"""What kind of page this is, decided from its structure before any speech is cut.

- **list**: its text is a river of repeated items (a linked title, an excerpt
  cut off with "…" or a read-more link, a date) or of links, with no article
  prose outweighing them: paged category lists, tag and search pages, home
  pages, news-portal homes of timestamped briefs.
- **about**: a short page without a dated article head that the site's own
  template links to (from every page, or from the page's own footer/menu), or
  whose URL says so ("/about.html").
- **article**: anything else. Repeated timed posts after its prose (reader
  comments) are not its body.

"Not found" and the body checks (too short, not Chinese, no sentences) come
after extraction, in `no_speech_reason`. A list or about page never yields a
speech. URL shapes (rules/pagetypes.toml) are weak evidence: they lower a bar,
they never decide alone.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree

from cleaning import blocks as blk
from cleaning import comments, repeats
from cleaning.rules import RULES_DIR, RuleError, read_toml
from cleaning.script import fold

# Verdicts (Page.no_speech_reason); the crawler and the tests rely on these strings.
LIST_PAGE = "list page"
ABOUT_PAGE = "about page"
NOT_FOUND_PAGE = "not found page"

# -- list evidence from repeated items --------------------------------------
# Share of a group's items led by a title link for the group to be a list.
TITLED_SHARE = 0.6
# Share of a list's items with an excerpt or cut off for it to be a teaser river.
TEASING_SHARE = 0.5
# The list's text outweighs the article prose this many times: a list page.
LIST_OVER_PROSE = 2.0
# ... or this many times when the URL has a list shape (list_2.html, /tag/, ?page=).
LIST_OVER_PROSE_LIST_URL = 0.5
# Article prose weaker than this (block weights, about characters) is no article:
# repeated items around it make a list page.
MIN_ARTICLE_WEIGHT = 150.0
# -- list evidence from the main element (the link-share counters) ----------
# Share of the main element's text that is link text above which it is a list.
MAX_MAIN_LINK_SHARE = 0.5
# Share of the main element's text blocks holding a link above which it is a list of teasers.
LIST_LINKED_SHARE = 0.9
# This many clipped teasers, a quarter of the blocks or more, make a list page.
MIN_TEASERS = 3
# Blocks of a teaser list average fewer characters than this.
TEASER_MAX_CHARS = 120
# A list page shows a screenful of teasers, not hundreds of blocks (a wiki article).
TEASER_MAX_COUNT = 80
# -- about evidence ---------------------------------------------------------
# An about page is short: its prose weighs less than this.
ABOUT_MAX_WEIGHT = 1500.0
# A URL linked from this share of a site's pages is linked from its template...
TEMPLATE_LINK_SHARE = 0.8
# ...once the site has shown at least this many pages.
TEMPLATE_MIN_PAGES = 3
# A self-link in the page's chrome reads like a menu entry: at most this many characters.
MENU_LABEL_MAX_CHARS = 8

# Evidence of an error page: an HTTP-404-like token standing alone ("404",
# "404 Not Found", "错误404") or an error phrase. "第404次常务会议" is no evidence:
# a bare 404 touching a digit, letter or CJK character is part of other text.
_NOT_FOUND = re.compile(
    r"((?<![0-9A-Za-z\u3400-\u9fff])404(?![0-9A-Za-z\u3400-\u9fff])|404\s*(错误|页面|not\s+found|error)|(错误|error)\s*(代码)?\s*[:：]?\s*404"
    r"|页面不存在|页面未找到|找不到(该|此|您要的)?页面|not\s+found|文章不存在|已被删除|内容不存在|该页面已删除|指定的(文章|主题|页面)不存在)",
    re.I,
)
# A not-found verdict needs a short page: an article may quote "404".
NOT_FOUND_MAX_CHARS = 500
# A body shorter than this is no speech (a stub, an excerpt, an error page).
MIN_BODY_CHARS = 100
# Below this share of CJK characters the body is not Chinese text.
MIN_CJK_SHARE = 0.05
MIN_CJK_CHARS = 50
# Speech text is sentences: at least one sentence mark per this many CJK characters
# (CJK only: code or tables in a Chinese article have their own punctuation).
# A run of menu labels and link texts glued into one paragraph has none.
MAX_CHARS_PER_MARK = 80
_SENTENCE_MARKS = "，。！？；、,!?;"

# A block cut off like a teaser: an ellipsis and at most a short word after it
# ("…阅读全文»", "...(详情)"), or a "[详细]"-like bracketed word. A closing quote
# after an ellipsis ends a quoted sentence, not a teaser.
_CUT_END = re.compile(
    r"(?:…+|\.{3,}|。{3,}|⋯+)\s*(?:[\[【(（<]?[^\W\d_]{1,%d}[\]】)）>]?\s*[>»]*)?$|\[[^\]\d]{1,6}\]$" % repeats.MARKER_MAX_CHARS
)
# An ellipsis at the very end (then only white space): "…+|\.{3,}|。{3,}|⋯+" spelled as endings.
_ELLIPSIS_TAILS = ("…", "⋯", "...", "。。。")
_TRAILING_INFO = re.compile(r"[\s\d\-:/.|｜·()（）年月日]+$")


@dataclass(frozen=True)
class SiteContext:
    """What the crawl knows about the page's site (optional; filled from the site's pages)."""

    inbound_links: int | None = None  # pages of the site that link to this URL
    site_pages: int | None = None  # pages of the site seen

    @property
    def template_linked(self) -> bool:
        if not self.inbound_links or not self.site_pages or self.site_pages < TEMPLATE_MIN_PAGES:
            return False
        return self.inbound_links >= TEMPLATE_LINK_SHARE * self.site_pages


@dataclass
class Shape:
    kind: str  # "article", "list", "about"
    why: str = ""
    prose_weight: float = 0.0  # the strongest run of article prose outside repeated items
    list_chars: int = 0  # text in repeated list items inside the page's content
    # Repeated timed posts after the article (reader comments): never body, never its date.
    comments: list[repeats.Group] = field(default_factory=list)
    comments_walked: bool = False  # some of them are in the block walk (it must be redone)
    # Where threads of posts can be (repeats.Groups.post_scopes, while the tree is as
    # find_groups saw it; None: anywhere).
    post_scopes: list[etree._Element] | None = None

    @property
    def reason(self) -> str | None:
        return {"list": LIST_PAGE, "about": ABOUT_PAGE}.get(self.kind)


@dataclass(frozen=True)
class UrlShapes:
    list_urls: tuple[re.Pattern[str], ...]
    about_urls: tuple[re.Pattern[str], ...]
    chrome_tokens: frozenset[str] = frozenset()


URL_SHAPES_FILE = RULES_DIR / "pagetypes.toml"


def load_url_shapes(path: Path = URL_SHAPES_FILE) -> UrlShapes:
    """The page-type rules file read and checked (cleaning.options keeps the default one)."""
    data = read_toml(path)
    compiled = {}
    for key in ("list_urls", "about_urls"):
        values = data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RuleError(f"{path}: {key} must be a list of strings")
        try:
            compiled[key] = tuple(re.compile(v) for v in values)
        except re.error as err:
            raise RuleError(f"{path}: {key}: bad pattern: {err}") from err
    tokens = data.get("chrome_tokens")
    if not isinstance(tokens, list) or not all(isinstance(v, str) for v in tokens):
        raise RuleError(f"{path}: chrome_tokens must be a list of strings")
    return UrlShapes(**compiled, chrome_tokens=frozenset(t.lower() for t in tokens))


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return (parts.path or "/").lower() + (f"?{parts.query.lower()}" if parts.query else "")


def _default_shapes() -> UrlShapes:
    from cleaning.options import default_options  # late: options loads this module's rules

    return default_options().url_shapes


def list_url(url: str | None, shapes: UrlShapes | None = None) -> bool:
    """The URL has a list shape (list_2.html, /tag/, ?page=); `shapes`: the default rules when None."""
    key = _url_key(url)
    return key is not None and any(p.search(key) for p in (shapes or _default_shapes()).list_urls)


def about_url(url: str | None, shapes: UrlShapes | None = None) -> bool:
    """The URL has an about shape: its path ("/about.html") or a query value that names
    the page a script shows ("misc.php?action=contact"); `shapes`: the default rules when None."""
    key = _url_key(url)
    if key is None:
        return False
    path, _, query = key.partition("?")
    named = [path, *(value for _, value in parse_qsl(query))]
    return any(p.search(text) for p in (shapes or _default_shapes()).about_urls for text in named)


def ends_cut(text: str, strict: bool = False) -> bool:
    """The block ends like a clipped teaser ("…", "...阅读全文»", "[详细]").
    `strict`: only an ellipsis at its very end (what a block of unknown structure proves)."""
    if strict:
        # What the pattern asks, without a search from every position of a long block.
        return text.rstrip().endswith(_ELLIPSIS_TAILS)
    return bool(_CUT_END.search(_TRAILING_INFO.sub("", text)) or _CUT_END.search(text))


@dataclass
class MainShape:
    """Link-share counters of the main element's blocks (list evidence after extraction)."""

    link_share: float = 0.0  # share of the main element's text that is link text
    linked_share: float = 0.0  # share of its text blocks that hold a link (short blocks only)
    teasers: int = 0  # blocks that end cut off


def main_shape(items: list[blk.Block]) -> MainShape:
    size = sum(b.size for b in items) or 1
    texts = [b for b in items if b.size >= 10]
    linked = 0.0
    # Teasers are short and each carries its link; article paragraphs with links are long.
    if 4 <= len(texts) <= TEASER_MAX_COUNT and sum(b.size for b in texts) / len(texts) < TEASER_MAX_CHARS:
        linked = sum(1 for b in texts if b.links) / len(texts)
    return MainShape(
        link_share=sum(b.links for b in items) / size,
        linked_share=linked,
        teasers=sum(1 for b in texts if ends_cut(b.text, strict=True)),
    )


def _is_list(group: repeats.Group) -> bool:
    """Items opened by title links to different pages."""
    # (group.titled, its items measured only until the share is known)
    titled = group.share_reaches(lambda i: i.led_by_title, TITLED_SHARE)
    return titled and group.distinct_targets >= min(len(group.items), repeats.MIN_ITEMS)


def _block_ranges(walk: blk.Walk, elements: list[etree._Element]) -> set[int]:
    """The walk's blocks that hold the elements' text."""
    index = walk.element_index
    out: set[int] = set()
    for el in elements:
        i = index.get(id(el))
        if i is not None:
            out.update(range(walk.span_first[i], walk.span_last[i]))
    return out


def page_key(url: str) -> str:
    """A URL as link counting compares it: absolute, no fragment, no trailing slash."""
    return urlsplit(url)._replace(fragment="").geturl().rstrip("/")


def link_targets(root: etree._Element, url: str) -> set[str]:
    """The same-host pages this page links to (`page_key`s): what a crawl counts per
    host to fill `SiteContext.inbound_links` (a URL every page links to is template)."""
    host = urlsplit(url).hostname
    out = set()
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        target = urljoin(url, href)
        if urlsplit(target).hostname == host:
            out.add(page_key(target))
    return out


_TOKEN_SPLIT = re.compile(r"[\s_\-\d]+")


def is_chrome(el: etree._Element, shapes: UrlShapes) -> bool:
    """The site's template frame: header, menu, footer (by tag or class/id token)."""
    if el.tag in ("header", "nav", "footer"):
        return True
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(attrs.strip()) and bool(set(_TOKEN_SPLIT.split(attrs)) & shapes.chrome_tokens)


def self_linked_from_chrome(root: etree._Element, url: str | None, shapes: UrlShapes) -> bool:
    """The page's own menu or footer links to it with a short label ("关于我们"):
    it is one of the pages the site template points to."""
    if not url:
        return False
    here = page_key(url)
    last_segment = here.rsplit("/", 1)[-1]
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "javascript:")) or last_segment not in href:
            continue  # (a link to this page names its last path segment: a cheap test first)
        label = "".join(a.itertext()).strip()
        if not label or len(label) > MENU_LABEL_MAX_CHARS:
            continue
        if page_key(urljoin(url, href.strip())) != here:
            continue
        if any(is_chrome(el, shapes) for el in a.iterancestors()):
            return True
    return False


def classify(
    walk: blk.Walk,
    groups: list[repeats.Group],
    weight: Callable[[blk.Block], float],
    url: str | None = None,
    site: SiteContext | None = None,
    dated: bool = False,
    self_linked: Callable[[], bool] = lambda: False,
    dated_blocks: Callable[[], Collection[int]] = lambda: (),
    article: Callable[[], etree._Element | None] = lambda: None,
    *,
    shapes: UrlShapes,
) -> Shape:
    """The page's kind from its repeated items, its article prose and how the site links it.

    `weight` scores a block as article (positive) or chrome (negative); `dated`: the
    page's head metadata dates it; `dated_blocks`: blocks near its headline that carry
    a labelled date (those inside list items date the items, not the page);
    `self_linked`: its own menu/footer links to it; `article`: the publisher's own
    frame around the story (the one <article> holding the one <h1>), if any.
    These three are asked (called) only when the verdict needs them.
    `shapes`: the URL shapes of list and about pages (rules/pagetypes.toml).
    """
    is_thread = [comments.is_thread(g) for g in groups]  # each group asked once
    lists = [g for g, thread in zip(groups, is_thread) if not thread and _is_list(g)]
    threads = [g for g, thread in zip(groups, is_thread) if thread]
    in_list = _block_ranges(walk, [el for g in lists for el in g.elements])
    weights = [-float(b.size) if i in in_list else weight(b) for i, b in enumerate(walk.blocks)]
    run_first, run_last, prose = blk.densest_run(weights)

    def prose_in(indices) -> float:
        return sum(max(0.0, weights[i]) for i in indices)

    # Timed posts: after an article's prose (little of it follows them) they are its
    # comments; with no article prose before or after them they are the page (a feed
    # of briefs); between stretches of prose they are the article's own lines (an agenda).
    feed = 0.0
    shape = Shape("article", post_scopes=getattr(groups, "post_scopes", None))
    frame = article() if threads else None
    for group in threads:
        opening = comments.opening_post(group)
        if opening is not None:
            # A forum thread: the opening post is the article, the replies its comments.
            group = repeats.Group(group.parent, group.items[opening + 1 :])
            if not group.items:
                continue
        blocks = _block_ranges(walk, group.elements)
        if not blocks:  # hidden from the walk by its class: never body, still dated
            shape.comments.append(group)
            continue
        if frame is not None and frame is not group.parent and frame not in group.parent.iterancestors():
            continue  # beside the publisher's own story frame: a news river the extractor leaves out
        own = prose_in(blocks)
        before = prose_in(i for i in range(run_first, min(blocks)) if i not in blocks)
        after = prose_in(i for i in range(max(blocks) + 1, max(run_last, max(blocks) + 1)) if i not in blocks)
        if before < MIN_ARTICLE_WEIGHT and after < MIN_ARTICLE_WEIGHT:
            feed += own
        elif after < own or after < MIN_ARTICLE_WEIGHT:
            shape.comments.append(group)
            shape.comments_walked = True
        else:
            continue
        prose -= prose_in(i for i in blocks if run_first <= i < run_last)
    prose = max(prose, 0.0)
    dated = dated or any(i not in in_list for i in dated_blocks())
    # Under a dated article head, only teasers make a list (bare link lists are menus and sidebars).
    counted = [g for g in lists if not dated or g.share_reaches(lambda i: i.teases, TEASING_SHARE)]
    in_counted = _block_ranges(walk, [el for g in counted for el in g.elements])
    list_chars = sum(walk.blocks[i].size for i in in_counted)
    list_items = sum(len(g.items) for g in counted if _block_ranges(walk, g.elements))
    shape.prose_weight, shape.list_chars = prose, list_chars

    listy_url = list_url(url, shapes)
    ratio = LIST_OVER_PROSE_LIST_URL if listy_url else LIST_OVER_PROSE
    # The last page of a paged list may hold two items: enough where the URL says list.
    enough = list_items >= (repeats.MIN_THREAD_ITEMS if listy_url else repeats.MIN_ITEMS)
    # Under a dated article head, prose of article length is the article, whatever lists follow it.
    if enough and (prose < MIN_ARTICLE_WEIGHT or (not dated and list_chars >= ratio * prose)):
        shape.kind, shape.why = "list", f"{list_items} list items, {list_chars} chars against prose {prose:.0f}"
    elif feed and prose < MIN_ARTICLE_WEIGHT:
        shape.kind, shape.why = "list", f"a feed of timed items (weight {feed:.0f}), prose {prose:.0f}"
    else:
        if not dated and prose < ABOUT_MAX_WEIGHT:
            template_linked = (site is not None and site.template_linked) or self_linked()
            if template_linked or about_url(url, shapes):
                shape.kind = "about"
                shape.why = f"undated, prose {prose:.0f}, template-linked={template_linked}, url={url}"
    if shape.kind != "article":
        shape.comments, shape.comments_walked = [], False
    return shape


def no_speech_reason(
    title: str | None, shape: Shape, paragraphs: list[str], main: MainShape, page_link_share: float
) -> str | None:
    """Why the page yields no speech: its kind, then what its extracted body lacks."""
    body = "".join(paragraphs)
    # Phrases in simplified characters: traditional pages are folded for matching.
    if len(body) < NOT_FOUND_MAX_CHARS and ((title and _NOT_FOUND.search(fold(title))) or _NOT_FOUND.search(fold(body))):
        return NOT_FOUND_PAGE
    if shape.reason:
        return shape.reason
    # Mostly link text, teasers that each carry a link, or a run of clipped teasers.
    if main.link_share > MAX_MAIN_LINK_SHARE:
        return LIST_PAGE
    # Teaser counters of the main element are evidence only where the structure saw
    # no list: when it did and weighed it lighter than the prose, they are a related list.
    if not shape.list_chars and (
        main.linked_share >= LIST_LINKED_SHARE or (main.teasers >= MIN_TEASERS and main.teasers * 4 >= len(paragraphs))
    ):
        return LIST_PAGE
    if not body and page_link_share > MAX_MAIN_LINK_SHARE:
        return LIST_PAGE
    if len(body) < MIN_BODY_CHARS:
        return "body too short"
    # Counted once: the CJK characters, then the characters that are no space.
    cjk = blk.cjk_count(body)
    size = len(body) - body.count(" ")
    if cjk < MIN_CJK_CHARS or (cjk / size if size else 0.0) < MIN_CJK_SHARE:
        return "body not Chinese"
    if sum(map(body.count, _SENTENCE_MARKS)) * MAX_CHARS_PER_MARK < cjk:
        return "body has no sentences"
    return None
