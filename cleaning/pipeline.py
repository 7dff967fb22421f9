"""`clean_page`: the bytes of one page -> a `Page`, in one parse.

decode -> parse -> head metadata (JSON-LD needs the scripts) -> strip scripts ->
one block walk (main content + visible metadata) -> junk rules -> speeches.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlparse

from lxml import etree

from cleaning import content as content_mod
from cleaning import linejudge
from cleaning import metadata as meta
from cleaning.blocks import Block, cjk_count, cjk_share
from cleaning.decode import decode_html
from cleaning.errors import ContentError
from cleaning.html import NON_CONTENT_TAGS, parse
from cleaning.model import Page
from cleaning.pagination import next_page_url
from cleaning.rules import Profile, junk_rules, profiles
from cleaning.split import split_speeches
from cleaning.template import SiteTemplate, page_masks

logger = logging.getLogger(__name__)

# A body shorter than this is no speech (a stub, an excerpt, an error page).
MIN_BODY_CHARS = 100
# Below this share of CJK characters the body is not Chinese text.
MIN_CJK_SHARE = 0.05
MIN_CJK_CHARS = 50
# Share of the content's text blocks holding a link above which it is a list of teasers.
LIST_LINKED_SHARE = 0.9
# This many clipped teasers, a quarter of the blocks or more, make a list page.
MIN_TEASERS = 3
# Evidence of an error page: an HTTP-404-like token standing alone ("404",
# "404 Not Found", "错误404") or an error phrase. "第404次常务会议" is no evidence:
# a bare 404 touching a digit, letter or CJK character is part of other text.
_NOT_FOUND = re.compile(
    r"((?<![0-9A-Za-z\u3400-\u9fff])404(?![0-9A-Za-z\u3400-\u9fff])|404\s*(错误|页面|not\s+found|error)|(错误|error)\s*(代码)?\s*[:：]?\s*404"
    r"|页面不存在|页面未找到|找不到(该|此|您要的)?页面|not\s+found|文章不存在|已被删除|内容不存在|该页面已删除|指定的(文章|主题|页面)不存在)",
    re.I,
)
# Speech text is sentences: at least one sentence mark per this many CJK characters
# (CJK only: code or tables in a Chinese article have their own punctuation).
# A run of menu labels and link texts glued into one paragraph has none.
MAX_CHARS_PER_MARK = 80
_SENTENCE_MARK = re.compile(r"[，。！？；、,!?;]")


def find_profile(name: str | None, url: str | None, root: etree._Element) -> Profile | None:
    known = profiles()
    if name:
        for profile in known:
            if profile.name == name:
                return profile
        raise ValueError(f"unknown site profile {name!r}; known: {', '.join(p.name for p in known)}")
    host = (urlparse(url).hostname or "").lower() if url else ""
    for profile in known:
        if profile.matches_host(host):
            return profile
    for profile in known:
        if profile.matches_page(root):
            return profile
    return None


def _title_index(blocks: list[Block], title: str | None, start: int) -> int:
    if not title:
        return -1
    key = re.sub(r"\s+", "", title)
    for block in blocks[: max(start + 1, 1) + 200]:
        text = re.sub(r"\s+", "", block.text)
        if text.startswith(key) or (len(text) >= 6 and key.startswith(text)):
            return block.index
    return -1


def _head_lines(blocks: list[Block], title: str | None, content_start: int) -> list[str]:
    """The text around the headline, where sites print date, source and uploader."""
    t = _title_index(blocks, title, content_start)
    if t >= 0:
        return [b.text for b in blocks[max(0, t - 3) : t + 12]]
    return [b.text for b in blocks[max(0, content_start - 8) : content_start + 4]]


def _no_speech_reason(title: str | None, found: content_mod.Content) -> str | None:
    body = "".join(found.paragraphs)
    if len(body) < 500 and ((title and _NOT_FOUND.search(title)) or _NOT_FOUND.search(body)):
        return "not found page"
    # A list or tag page: mostly link text, teasers that each carry a link, or
    # a run of clipped teasers ("…全力完成经济社会发展工作…").
    if found.link_share > 0.5 or found.linked_share >= LIST_LINKED_SHARE:
        return "list page"
    if found.teasers >= MIN_TEASERS and found.teasers * 4 >= len(found.paragraphs):
        return "list page"
    if not found.paragraphs and found.page_link_share > 0.5:
        return "list page"
    if len(body) < MIN_BODY_CHARS:
        return "body too short"
    if cjk_count(body) < MIN_CJK_CHARS or cjk_share(body) < MIN_CJK_SHARE:
        return "body not Chinese"
    if len(_SENTENCE_MARK.findall(body)) * MAX_CHARS_PER_MARK < cjk_count(body):
        return "body has no sentences"
    return None


def clean_page(
    body: bytes,
    url: str | None = None,
    http_charset: str | None = None,
    profile: str | None = None,
    template: SiteTemplate | None = None,
) -> Page:
    """Clean one page. Raises ContentError only for empty or binary input.

    `template`: what was learnt from the site's other pages (cleaning.template);
    its lines leave the body and its site name is never the title.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"clean_page needs bytes, not {type(body).__name__}")
    decoded = decode_html(bytes(body), http_charset)
    root = parse(decoded.text)
    if root is None:
        raise ContentError("no HTML in the document")
    rules = junk_rules()
    page = Page(url=url, encoding=decoded.encoding)

    head = meta.read_head(root, url)
    page.canonical_url = head.canonical
    site_profile = find_profile(profile, url, root)
    etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)

    site_names = template.site_names if template is not None else frozenset()
    page.title = meta.choose_title(root, head, site_profile.title if site_profile else (), site_names=site_names)
    page.breadcrumbs = meta.breadcrumbs(root, head)
    page.tags = meta.tags(root)

    found, walk = content_mod.generic(root, rules)
    content_start = found.start
    if site_profile is not None:
        chosen = content_mod.from_profile(root, site_profile, rules)
        generic_size = sum(len(p) for p in found.paragraphs)
        # A profile's selector that misses most of what the generic search found is
        # stale (the site changed its template): trust the generic result then.
        if chosen is not None and sum(len(p) for p in chosen.paragraphs) * 2 >= generic_size:
            # The page-shape signals (list page or not) come from the whole-page walk.
            chosen.start, chosen.teasers, chosen.page_link_share = found.start, found.teasers, found.page_link_share
            chosen.link_share, chosen.linked_share = found.link_share, found.linked_share
            chosen.page_teasers = found.page_teasers
            found = chosen
        else:
            logger.debug("profile %s found no content at %s; generic search used", site_profile.name, url)
    elif (
        sum(len(p) for p in found.paragraphs) < MIN_BODY_CHARS
        and found.link_share <= 0.5
        and found.page_link_share <= 0.5
        and found.page_teasers < MIN_TEASERS
    ):
        second = content_mod.from_trafilatura(root, rules)
        if sum(len(p) for p in second.paragraphs) > sum(len(p) for p in found.paragraphs):
            second.page_link_share, second.page_teasers = found.page_link_share, found.page_teasers
            found = second

    lines = _head_lines(walk.blocks, page.title, content_start)
    page.published = _published(root, head, site_profile, lines, walk.blocks, content_start)
    page.author = meta.author_from_lines(lines, head)
    tail = " ".join(b.text for b in walk.blocks[-40:])
    page.site_name = meta.site_name(head, tail)
    if template is not None and template.site_names and page.site_name not in template.site_names \
            and not meta.site_name_declared(head):
        page.site_name = template.site_name  # the <title> part that changes from page to page is no site name
    if template is not None and template.template_lines:
        # The lines this site prints on page after page are its template, whatever their wording.
        headings = [meta.normalise_title("".join(h.itertext())) for h in root.iter("h1")]
        found.paragraphs = template.strip(found.paragraphs, page_masks(head.title_tag, headings))

    # Lines about the site, the document or the reader, whatever their wording.
    found.paragraphs = linejudge.judge_body(found.paragraphs, page.title)
    reason = _no_speech_reason(page.title, found)
    if reason is None:
        page.speeches = [s for s in split_speeches(page.title or "", found.paragraphs, rules) if s.paragraphs]
        if not page.speeches:
            reason = "body too short"
    page.no_speech_reason = reason
    if reason in ("list page", "not found page"):
        # A list or error page has no date or uploader of its own (the ones it shows
        # belong to the articles it lists).
        page.published = None
        page.author = None
    if page.speeches:
        page.next_page_url = next_page_url(root, url)
    logger.debug("cleaned %s: %s speeches via %s (%s)", url, len(page.speeches), found.method, reason)
    return page


def _published(
    root: etree._Element,
    head: meta.Head,
    site_profile: Profile | None,
    lines: list[str],
    blocks: list[Block],
    content_start: int,
) -> str | None:
    """Cheapest reliable evidence first: profile, JSON-LD/meta, the headline's
    date line, htmldate's quick mode, then any date near the article."""
    found = _profile_date(root, site_profile) or meta.date_from_head(head) or meta.strong_date(lines)
    if found:
        return found
    found = meta.date_by_htmldate(root)
    if found:
        return found
    low = max(0, content_start - 30)
    window = [b.text for b in blocks[low : content_start + 40]]
    return meta.nearest_strong_date(window, content_start - low) or meta.date_from_lines(lines)


def _profile_date(root: etree._Element, profile: Profile | None) -> str | None:
    if profile is None:
        return None
    for xpath in profile.date:
        for value in xpath(root):
            text = value if isinstance(value, str) else "".join(value.itertext())
            found = meta.parse_date(text)
            if found:
                return found
    return None
