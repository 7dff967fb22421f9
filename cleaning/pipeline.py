"""`clean_page`: the bytes of one page -> a `Page`, in one parse.

decode -> parse -> head metadata (JSON-LD needs the scripts) -> strip scripts ->
one block walk (main content + visible metadata) -> junk rules -> speeches.
"""
from __future__ import annotations

import logging
from urllib.parse import urlparse

from lxml import etree

from cleaning import comments
from cleaning import content as content_mod
from cleaning import linejudge
from cleaning import metadata as meta
from cleaning import pagetype, repeats
from cleaning.blocks import Block
from cleaning.html import NON_CONTENT_TAGS, landmarks, read_page
from cleaning.model import Page
from cleaning.options import CleanerOptions, default_options
from cleaning.pagination import next_page_url
from cleaning.rules import Profile
from cleaning import sitename
from cleaning.split import split_speeches
from cleaning.template import Observation, SiteTemplate, observe_tree, page_masks

logger = logging.getLogger(__name__)

# Every <a href> of a parsed page as written, read before anything leaves the tree:
# the crawler follows them, so no page is parsed a second time for its links. (From the
# root element, which holds every element: "//a" costs libxml2 a fifth more.)
HREFS = etree.XPath("descendant-or-self::a/@href", smart_strings=False)

def find_profile(name: str | None, url: str | None, root: etree._Element,
                 known: tuple[Profile, ...] | None = None) -> Profile | None:
    """The site profile named `name`, else the one among `known` (the default profiles when
    None) matching the URL's host, then the page."""
    known = default_options().profiles if known is None else known
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
    key = "".join(title.split())  # no white space (split() in C)
    for block in blocks[: max(start + 1, 1) + 200]:
        text = "".join(block.text.split())
        if text.startswith(key) or (len(text) >= 6 and key.startswith(text)):
            return block.index
    return -1


def _head_range(blocks: list[Block], title: str | None, content_start: int) -> range:
    """The blocks around the headline, where sites print date, source and uploader."""
    t = _title_index(blocks, title, content_start)
    if t >= 0:
        return range(max(0, t - 3), min(len(blocks), t + 12))
    return range(max(0, content_start - 8), min(len(blocks), content_start + 4))


def _head_lines(blocks: list[Block], title: str | None, content_start: int) -> list[str]:
    return [blocks[i].text for i in _head_range(blocks, title, content_start)]


def clean_page(
    body: bytes,
    url: str | None = None,
    http_charset: str | None = None,
    profile: str | None = None,
    template: SiteTemplate | None = None,
    site: pagetype.SiteContext | None = None,
    observed: list[Observation] | None = None,
    options: CleanerOptions | None = None,
) -> Page:
    """Clean one page. Raises ContentError only for empty or binary input.

    `template`: what was learnt from the site's other pages (cleaning.template);
    its lines leave the body and its site name is never the title.
    `site`: how the site links to this page (pagetype.SiteContext), when the caller knows.
    `observed`: a list that gets what the template learner needs from the page
    (cleaning.template.Observation), read off the same parse.
    `options`: the rules and the line judge's model (cleaning.options); the files in
    cleaning/rules/ when None.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"clean_page needs bytes, not {type(body).__name__}")
    decoded, root = read_page(bytes(body), http_charset)
    options = options or default_options()
    rules = options.junk
    page = Page(url=url, encoding=decoded.encoding, links=HREFS(root))

    head = meta.read_head(root, url)
    page.canonical_url = head.canonical
    site_profile = find_profile(profile, url, root, options.profiles)
    etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
    if observed is not None:
        observed.append(observe_tree(root, head.title_tag))

    site_names = template.site_names if template is not None else frozenset()
    # A <title> part the host spells in pinyin is the site's name, learnt or not.
    host_names = sitename.names_by_host(url, meta.title_parts(head.title_tag))
    site_names = site_names | host_names
    marks = landmarks(root)  # headings and <article>s, for the title and the article frame (until comments go)
    page.title = meta.choose_title(root, head, site_profile.title if site_profile else (), site_names=site_names,
                                   marks=marks)
    page.breadcrumbs = meta.breadcrumbs(root, head)
    page.tags = meta.tags(root)

    # The page's kind first, from its structure: a list or about page yields no speech.
    found, walk = content_mod.generic(root, rules, marks)
    groups = repeats.find_groups(root, hidden=lambda el: id(el) not in walk.element_index)
    # The evidence below is looked for only when the verdict needs it.
    shape = pagetype.classify(
        walk, groups, content_mod.block_weight, url, site,
        dated=bool(meta.date_from_head(head)),
        self_linked=lambda: pagetype.self_linked_from_chrome(root, url, options.url_shapes),
        dated_blocks=lambda: [i for i in _head_range(walk.blocks, page.title, found.start)
                              if meta.strong_date([walk.blocks[i].text])],
        article=lambda: content_mod.single_article(root, marks),
        shapes=options.url_shapes,
    )
    if shape.kind == "article":
        comments.add_dated_threads(shape, root, walk.element_index)  # posts stamped with a date alone
    if shape.comments:
        # Reader comments are never body and their dates never the page's: gone from the tree.
        comments.drop(shape.comments)
        if shape.comments_walked:
            found, walk = content_mod.generic(root, rules)
    content_start = found.start
    if site_profile is not None and shape.kind == "article":
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
    elif shape.kind == "article" and (
        sum(len(p) for p in found.paragraphs) < pagetype.MIN_BODY_CHARS
        and found.link_share <= pagetype.MAX_MAIN_LINK_SHARE
        and found.page_link_share <= pagetype.MAX_MAIN_LINK_SHARE
        and found.page_teasers < pagetype.MIN_TEASERS
    ):
        second = content_mod.from_trafilatura(root, rules)
        if sum(len(p) for p in second.paragraphs) > sum(len(p) for p in found.paragraphs):
            second.page_link_share, second.page_teasers = found.page_link_share, found.page_teasers
            found = second

    tail = " ".join(b.text for b in walk.blocks[-40:])
    page.site_name = meta.site_name(head, tail, page.title)
    if template is not None and template.site_names and page.site_name not in template.site_names \
            and not meta.site_name_declared(head):
        page.site_name = template.site_name  # the <title> part that changes from page to page is no site name
    if host_names and page.site_name not in host_names and not meta.site_name_declared(head):
        page.site_name = min(host_names, key=len)  # the <title> part the host spells
    if template is not None and template.template_lines:
        # The lines this site prints on page after page are its template, whatever their wording.
        headings = [meta.normalise_title("".join(h.itertext())) for h in root.iter("h1")]
        found.paragraphs = template.strip(found.paragraphs, page_masks(head.title_tag, headings))

    # Lines about the site, the document or the reader, whatever their wording.
    site_self = linejudge.site_of(url, (page.site_name, meta.site_name_declared(head), *site_names), head.title_tag, page.title,
                                  vocab=options.vocabulary)
    found.paragraphs = linejudge.judge_body(found.paragraphs, page.title, site_self,
                                            judge=options.model, vocab=options.vocabulary)
    main = pagetype.MainShape(found.link_share, found.linked_share, found.teasers)
    reason = pagetype.no_speech_reason(page.title, shape, found.paragraphs, main, found.page_link_share)
    if reason is None:
        page.speeches = [s for s in split_speeches(page.title or "", found.paragraphs, rules) if s.paragraphs]
        if not page.speeches:
            reason = "body too short"
    page.no_speech_reason = reason
    # A list, error or about page has no date or uploader of its own (the ones it shows
    # belong to the articles it lists): looked for only on the other pages (nothing
    # above changed the tree they are read from).
    if reason not in (pagetype.LIST_PAGE, pagetype.NOT_FOUND_PAGE, pagetype.ABOUT_PAGE):
        lines = _head_lines(walk.blocks, page.title, content_start)
        page.published = _published(root, head, site_profile, lines, walk.blocks, content_start)
        page.author = meta.author_from_lines(lines, head)
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
