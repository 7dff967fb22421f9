"""Multi-page articles: find the next part's URL, and stitch parts together."""
from __future__ import annotations

import copy
import re
from urllib.parse import parse_qs, urljoin, urlparse

from lxml import etree

from cleaning.blocks import clean_text
from cleaning.model import Page
from cleaning.split import drop_title_lines

_NEXT_TEXT = re.compile(r"^(下一页|下页|下一頁|后一页|next\s*page|next|›|»|>|>>)$", re.I)
# The longest text _NEXT_TEXT matches once clean_text made each white space run one space ("next page").
_NEXT_TEXT_MAX_CHARS = 9
_PART = re.compile(r"^(?P<stem>.+?)(?:_(?P<n>\d{1,3}))?(?P<ext>\.s?html?|\.php|\.aspx?)?$", re.I)
_PART_SUFFIX = re.compile(r"_\d+\.s?html?$")
_PAGE_PARAM = ("page", "p", "pn", "pageno", "page_no", "pg")


def _part_of(path: str) -> tuple[str, int, str]:
    match = _PART.match(path)
    if not match:
        return path, 1, ""
    return match.group("stem"), int(match.group("n") or 1), match.group("ext") or ""


def _query_page(query: str) -> int | None:
    params = parse_qs(query)
    for key in _PAGE_PARAM:
        if key in params and params[key][0].isdigit():
            return int(params[key][0])
    return None


def is_next_part(current: str, candidate: str) -> bool:
    """`candidate` is part n+1 of the article at `current` ("x.html" -> "x_2.html", "?page=2")."""
    cur, nxt = urlparse(current), urlparse(candidate)
    if nxt.netloc and cur.netloc and nxt.netloc.lower() != cur.netloc.lower():
        return False
    if cur.path == nxt.path:
        page_now = _query_page(cur.query) or 1
        page_next = _query_page(nxt.query)
        return page_next == page_now + 1
    stem_now, n_now, ext_now = _part_of(cur.path)
    stem_next, n_next, ext_next = _part_of(nxt.path)
    return stem_now == stem_next and ext_now == ext_next and n_next == n_now + 1


def next_page_url(root: etree._Element, url: str | None) -> str | None:
    """The "下一页" link of the article itself, absolute when the page URL is known."""
    base = url or "http://localhost/"
    fallback = None
    # A next part's href holds a "_" (its part suffix, "x_2.html", which urljoin takes from
    # the href as written) or a "=" (its page parameter): a third of the links, told by the
    # cheapest test. Only after a page numbered "_0" may the next part ("x.html") hold neither.
    marked_only = url is None or _part_of(urlparse(url).path)[1] != 0
    for a in root.iter("a"):
        href = a.get("href")
        if not href or (marked_only and "_" not in href and "=" not in href):
            continue
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        # The link's text next: resolving and comparing URLs costs far more, and
        # only a "下一页" or a page number can be the next part.
        # A link without children is its text; else lxml's serialiser in C (= itertext()).
        text = clean_text(etree.tostring(a, method="text", encoding="unicode", with_tail=False) if len(a) else a.text or "")
        is_next = len(text) <= _NEXT_TEXT_MAX_CHARS and _NEXT_TEXT.match(text) is not None
        if url is None:
            # Without the page's own URL only the link's shape and text can tell.
            if is_next and (_PART_SUFFIX.search(href) or _query_page(urlparse(href).query)):
                return href
            continue
        if not is_next and (fallback is not None or not text.isdigit()):
            continue
        absolute = urljoin(base, href)
        if not is_next_part(url, absolute):
            continue
        if is_next:
            return absolute
        fallback = absolute
    return fallback


def stitch(parts: list[Page]) -> Page:
    """Join the parts of a multi-page article: the first part's metadata, every
    later part's paragraphs appended to the last speech (its repeated title dropped)."""
    if not parts:
        raise ValueError("stitch needs at least one part")
    page = copy.deepcopy(parts[0])
    for part in parts[1:]:
        speeches = copy.deepcopy(part.speeches)
        if not speeches:
            continue
        if not page.speeches:
            page.speeches = speeches
            continue
        last = page.speeches[-1]
        first, rest = speeches[0], speeches[1:]
        if rest and first.title != last.title and first.title != (part.title or ""):
            page.speeches.extend(speeches)
            continue
        last.paragraphs.extend(drop_title_lines(last.title, first.paragraphs))
        page.speeches.extend(rest)
    page.next_page_url = None
    if page.speeches:
        page.no_speech_reason = None
    return page
