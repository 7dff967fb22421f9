"""Find the main content of a page: the paragraphs of its article.

Two ways in: a site profile's XPath selectors when one applies, otherwise a
generic search. The generic search scores every block of the single tree walk
(long, punctuated, link-free text counts for the article; link lists and short
labels count against it) and keeps the element whose blocks score highest — the
smallest subtree holding the article and as little else as possible. When that
finds no article, trafilatura runs on the same tree as a second opinion.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import islice

from lxml import etree

from cleaning import blocks as blk
from cleaning import pagetype
from cleaning.html import is_junk_container
from cleaning.rules import JunkRules, Profile

logger = logging.getLogger(__name__)

# Below this many characters the generic search found no article; ask trafilatura.
_WEAK_RESULT = 120
# A contiguous run of blocks this many times stronger than the best subtree,
# outside it, is the article the subtree search missed.
_RESCUE_RATIO = 2.0
# The one <article> of a page wins when the chosen element holds this many times its text.
_SCOPE_RATIO = 3
_SCOPE_MIN_SCORE = 50.0
# Article weight a post needs before its footer line closes it.
_POST_MIN_WEIGHT = 100.0
# A "相关文章" line followed by a block this weighty (a paragraph of text, about as
# many characters, no link) sits inside the article and does not close it.
PROSE_AFTER_STOP_WEIGHT = 40.0


@dataclass
class Content:
    paragraphs: list[str]
    method: str  # "profile:<name>", "density", "trafilatura", "none"
    link_share: float = 0.0  # share of the main element's text that is link text
    linked_share: float = 0.0  # share of the main element's text blocks that hold a link
    teasers: int = 0  # blocks that end like a teaser ("…", "[详细]", "阅读全文")
    page_link_share: float = 0.0  # share of the whole page's text that is link text
    page_teasers: int = 0  # teaser-ending blocks anywhere on the page
    start: int = 0  # index of the first block of the main element


def block_weight(block: blk.Block) -> float:
    """How much a block says "article here" (positive) or "page chrome" (negative).
    Weighed once per block (the walk, the run search, the filters all ask)."""
    weight = block.weight
    if weight is None:
        weight = block.weight = _weigh(block)
    return weight


def _weigh(block: blk.Block) -> float:
    size = block.size
    if not size:
        return 0.0
    links = block.links
    if links * 2 >= size:
        return -float(size)
    plain = size - links
    if block.punctuated:
        weight = float(plain)
    else:
        # Unpunctuated short text: labels, menu entries, headings. Headings sit
        # among paragraphs and are outweighed by them; chrome is not.
        weight = plain * 0.3 - 3.0
    if block.tag in blk.HEADING_TAGS:
        weight = min(weight, 0.0)
    return weight - links * 1.5


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


# Chrome tags: skipped by the walk itself (blk.walk's skip_tags), without a call per element.
_CHROME_TAGS = frozenset(("nav", "aside", "footer"))


def _skipper(rules: JunkRules):
    """What a walk skips besides the chrome tags: elements hidden inline (anti-copy
    text) and junk containers by class/id."""
    judged: dict[tuple[str | None, str | None], bool] = {}  # a page repeats its class/id strings: judge each once

    def skip(el: etree._Element) -> bool:
        # This runs once per element of the page.
        style = el.get("style")
        if style and _HIDDEN_STYLE.search(style):
            return True
        attrs = el.get("class")
        ident = el.get("id")
        if attrs or ident:
            key = (attrs, ident)  # (a tuple is made faster than the string judged)
            junk = judged.get(key)
            if junk is None:
                junk = judged[key] = is_junk_container(f"{attrs or ''} {ident or ''}", rules)
            return junk
        return False

    return skip


def element_score(walk: blk.Walk, idx: int) -> float:
    """Blocks' sum, discounted by the element's link density (lists of teasers)."""
    chars = walk.chars[idx]
    if not chars:
        return 0.0
    density = walk.link_chars[idx] / chars
    return walk.scores[idx] * (1.0 - density) ** 2


def best_element(walk: blk.Walk) -> int:
    best, best_score = -1, 0.0
    depth = walk.depth
    # element_score spelled out: this runs once per element of the page.
    for idx, (chars, links, total) in enumerate(zip(walk.chars, walk.link_chars, walk.scores)):
        score = total * (1.0 - links / chars) ** 2 if chars else 0.0
        if score > best_score or (score == best_score and best >= 0 and depth[idx] > depth[best]):
            best, best_score = idx, score
    return best


def single_article(root: etree._Element, marks: list[etree._Element] | None = None) -> etree._Element | None:
    """The page's one <article> when it holds the page's one <h1>: the publisher's own
    frame around the story (news portals put a news river beside it).

    `marks`: html.landmarks() of the tree as it is, when the caller has them."""
    if marks is not None:
        articles = [el for el in marks if el.tag == "article"]
        if len(articles) != 1:
            return None
        h1s = [el for el in marks if el.tag == "h1"]
        if len(h1s) != 1 or articles[0] not in h1s[0].iterancestors():
            return None
        return articles[0]
    # Whole document, as "//article" would; iteration in C that stops at a second one.
    document = root.getroottree()
    articles = list(islice(document.iter("article"), 2))
    if len(articles) != 1:
        return None
    h1s = list(islice(document.iter("h1"), 2))
    if len(h1s) != 1 or articles[0] not in h1s[0].iterancestors():
        return None
    return articles[0]


def best_inside(walk: blk.Walk, best: int, scope: etree._Element) -> int:
    """The best element inside `scope` when `scope` sits in `best` and is much smaller:
    the subtree search took the article together with a heavier river of teasers."""
    members = {id(el) for el in scope.iter()}
    inner = [i for i, el in enumerate(walk.elements) if id(el) in members]
    if not inner or walk.chars[inner[0]] * _SCOPE_RATIO > walk.chars[best]:
        return best
    if not walk.first[best] <= walk.first[inner[0]] < walk.last[best]:
        return best
    top, top_score = best, 0.0
    for i in inner:
        score = element_score(walk, i)
        if score > top_score:
            top, top_score = i, score
    return top if top_score >= _SCOPE_MIN_SCORE else best


def densest_run(items: list[blk.Block], start: int, end: int) -> tuple[int, int, float]:
    """The contiguous run of blocks [i, j) within [start, end) with the highest total weight."""
    return blk.densest_run([block_weight(items[i]) for i in range(start, end)], start)


def first_post(items: list[blk.Block], rules: JunkRules) -> list[blk.Block]:
    """A page of several posts, each closed by a footer line: the first post only."""
    footers = [i for i, b in enumerate(items) if rules.is_post_footer(b.text)]
    if len(footers) < 2:
        return items
    for i in footers:
        # A footer closes a post only when post text lies before it (forums print
        # their "发表于" line above the post).
        if sum(max(0.0, block_weight(b)) for b in items[:i]) >= _POST_MIN_WEIGHT:
            return items[:i]
    return items


def _prose_follows(items: list[blk.Block], i: int) -> bool:
    """The block after a "相关文章" line is a paragraph of text, not a link: the line is
    one item set into the article, not the head of the list that closes it."""
    following = items[i + 1] if i + 1 < len(items) else None
    return following is not None and block_weight(following) >= PROSE_AFTER_STOP_WEIGHT


def filter_paragraphs(items: list[blk.Block], rules: JunkRules) -> list[str]:
    """Drop link lists and junk lines; cut at the first block that opens a junk list."""
    # Article weight still ahead of each block: a "相关文章" line ends the article
    # only when less of it lies ahead than was read already.
    ahead = [0.0] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        ahead[i] = ahead[i + 1] + max(0.0, block_weight(items[i]))
    out: list[str] = []
    kept = 0
    for i, block in enumerate(items):
        text = block.text
        if rules.is_stop_line(text):
            if kept and kept >= ahead[i + 1] and not _prose_follows(items, i):
                break
            continue
        if block.links and block.links * 2 >= block.size:
            continue
        if rules.is_junk_line(text):
            continue
        out.append(text)
        kept += block.size
    return out


def _body(root: etree._Element) -> etree._Element:
    body = root.find("body")
    return body if body is not None else root


def generic(root: etree._Element, rules: JunkRules,
            marks: list[etree._Element] | None = None) -> tuple[Content, blk.Walk]:
    """`marks`: html.landmarks() of the tree as it is, when the caller has them."""
    document = root
    root = _body(root)  # <title> and friends are metadata, never paragraphs
    walk = blk.walk(root, block_weight, _skipper(rules), _CHROME_TAGS)
    best = best_element(walk)
    if best < 0 or element_score(walk, best) < _WEAK_RESULT:
        # The class/id rules may have hidden the article itself, or the page hides it
        # until a script shows it; look again without them.
        retry = blk.walk(root, block_weight, skip_tags=_CHROME_TAGS)
        rbest = best_element(retry)
        if rbest >= 0 and (best < 0 or element_score(retry, rbest) > element_score(walk, best)):
            walk, best = retry, rbest
    page_links = walk.link_chars[0] / walk.chars[0] if walk.chars and walk.chars[0] else 0.0
    page_teasers = sum(1 for b in walk.blocks if b.size >= 10 and pagetype.ends_cut(b.text, strict=True))
    if best < 0:
        return Content([], "none", page_link_share=page_links, page_teasers=page_teasers), walk
    scope = single_article(document, marks)
    scoped = scope is not None and (best != (best := best_inside(walk, best, scope)))
    first, last = walk.first[best], walk.last[best]
    # The smallest subtree can miss an article whose container also holds
    # heavy link lists (old table layouts); the densest run of blocks cannot.
    run_first, run_last, run_score = densest_run(walk.blocks, 0, len(walk.blocks))
    if not scoped and run_score > _RESCUE_RATIO * max(walk.scores[best], 1.0) and not first <= run_first < last:
        first, last = run_first, run_last
    else:
        # Trim the subtree's chrome at both ends (toolbars, "关注", counters, comments
        # after a stretch of buttons): keep its densest run, and the headings that
        # open it ("【篇一】…" items of a compilation).
        low = first
        first, last, _ = densest_run(walk.blocks, first, last)
        while first > low and walk.blocks[first - 1].tag in blk.HEADING_TAGS and not walk.blocks[first - 1].links:
            first -= 1
    items = walk.blocks[first:last]
    shape = pagetype.main_shape(items)
    return (
        Content(
            filter_paragraphs(first_post(items, rules), rules),
            "density",
            link_share=shape.link_share,
            linked_share=shape.linked_share,
            start=first,
            teasers=shape.teasers,
            page_link_share=page_links,
            page_teasers=page_teasers,
        ),
        walk,
    )


def from_profile(root: etree._Element, profile: Profile, rules: JunkRules) -> Content | None:
    for xpath in profile.content:
        found = [el for el in xpath(root) if isinstance(el, etree._Element)]
        if not found:
            continue
        for el in found:
            for remove in profile.remove:
                for doomed in remove(el):
                    if doomed.getparent() is not None:
                        doomed.getparent().remove(doomed)
        items: list[blk.Block] = []
        for el in found:
            items.extend(blk.walk(el, block_weight, _skipper(rules), _CHROME_TAGS).blocks)
        paragraphs = filter_paragraphs(items, rules)
        if paragraphs:
            return Content(paragraphs, f"profile:{profile.name}")
    return None


def from_trafilatura(root: etree._Element, rules: JunkRules) -> Content:
    """trafilatura on the same tree (it copies it); paragraphs from its XML output."""
    import trafilatura  # heavy import, only needed on the fallback path

    try:
        document = trafilatura.bare_extraction(
            root, fast=True, include_comments=False, include_tables=True, with_metadata=False
        )
    except Exception as err:  # trafilatura raises a variety of errors on odd trees
        logger.debug("trafilatura failed: %s", err)
        return Content([], "none")
    if document is None or document.body is None:
        return Content([], "none")
    items = []
    for el in document.body.iter("p", "head", "item", "cell", "quote", "code"):
        text = "".join(el.itertext())
        for piece in blk.split_indented(text):
            items.append(blk.Block(piece, 0, "p"))
    paragraphs = filter_paragraphs(items, rules)
    teasers = sum(1 for p in paragraphs if pagetype.ends_cut(p, strict=True))
    return Content(paragraphs, "trafilatura", teasers=teasers)
