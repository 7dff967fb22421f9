"""A site's template, learnt from its other pages (no DB, no Scrapy).

Pages of one host share a template: the lines of its menus, sidebars, promos
and footers recur on page after page, whatever their wording. `observe` turns
one page into the fingerprints of its visible lines (each normalised, with the
page's own title, dates and digits masked, so "本文《…》由…整理 2024-05-01"
is the same line on every page) and the parts of its `<title>`. `SiteTemplate`
counts on how many of a host's pages each fingerprint and each title part
occurs:

- a line seen on at least TEMPLATE_SHARE of the pages, and on at least
  TEMPLATE_MIN_PAGES of them, is template: `strip` drops the runs of such
  lines at either edge of a body (where promos, share bars and footers sit);
- the `<title>` part seen that often is the site name: it is never the title.

Some sites reword such a line on every page (a follow-us line drawn from a few
synonyms per slot): no two pages print the same sentence, so its fingerprint
never recurs. What recurs is its place and its characters. Each page also gives
the lines at the edges of its containers (the first and last EDGE_RANKS
same-tag children of an element, keyed by the element's tag-and-class path: an
`EdgeSlot`). A line at such a place whose letters overlap (Jaccard >=
NEAR_SHARE, after masking) with the lines at the same place on enough of the
host's pages is template too. Speech prose at the same place shares far fewer
letters across pages (at most 0.1 on the fixtures, against 0.3-0.5 between
rewordings).

Lines that structure a speech are never dropped, however common: a short line
ending in a colon (a salutation "同志们：" shared by many speeches) and the item
headings of a compilation ("【篇一】"). A template needs TEMPLATE_MIN_PAGES
observed pages before it says anything.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable

from cleaning.metadata import title_parts
from cleaning.script import nfkc

# A line on at least this share of a host's pages is template...
TEMPLATE_SHARE = 0.5
# ...and on at least this many of them (a template needs this many pages to say anything).
TEMPLATE_MIN_PAGES = 3
# A line ending in a colon and at most this long introduces what follows (a
# salutation, "会议议程："): speech structure, kept however common.
OPENER_MAX_CHARS = 20
# A masked line with fewer letters than this is no template wording (a bare date, a title).
MIN_WORDING_CHARS = 2
# `<title>` parts and title masks shorter than this are not trusted (a "首页" crumb).
MIN_TITLE_PART_CHARS = 2
MIN_MASK_CHARS = 4
# Stripping more than this share of a body's characters means the body itself recurs
# (a speech reposted on many pages of the site): it is kept whole.
MAX_STRIPPED_SHARE = 0.5
# Serialised templates keep the counts of lines seen on at least this many pages.
KEEP_MIN_COUNT = 2
# Edge slots: the first and last this many same-tag children of an element (a
# container needs this many such children to have edges).
EDGE_RANKS = 2
# Two lines are near-duplicates when their letter sets overlap this much (Jaccard).
NEAR_SHARE = 0.3
# Only short lines with enough letters are compared by their letters: a line with
# fewer distinct letters says too little, a longer one is prose.
NEAR_MIN_LETTERS = 8
NEAR_MAX_CHARS = 80
# A line this much inside links is a link list's item (titles of other pages look
# alike): compared by its fingerprint only.
NEAR_MAX_LINK_SHARE = 0.5
# An edge child's text is masked only up to this many characters: longer, it is prose or a
# whole column, never compared (masking the page's title shortens a line, not by that much).
EDGE_READ_MAX_CHARS = 2 * NEAR_MAX_CHARS
# An edge slot with this many distinct lines compares a line with all of them over arrays
# (numpy), not one by one (as fast from 64 lines of prose on, twice as fast at 1,000).
ARRAY_MIN_LINES = 128
FORMAT_VERSION = 3
# Format 1: no edge slots; 2: an edge slot's lines as a list, one per page; 3: each line once, with its pages.
READABLE_FORMATS = (1, 2, 3)

_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")
_DIGITS = re.compile(r"\d+")
# Whether a line holds any digit: one \d is found sooner than a run (no repeat to try at each place).
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_WORDING = re.compile(r"[^\W\d_]")
# MIN_WORDING_CHARS wording characters anywhere in a line.
_ENOUGH_WORDING = re.compile(r"[^\W\d_]" + r".*?[^\W\d_]" * (MIN_WORDING_CHARS - 1), re.S)
_OPENER_END = re.compile(r"[:：]\s*$")
TITLE_MASK = "\x01"
DATE_MASK = "\x02"


def _fold(text: str) -> str:
    text = nfkc(text)  # = unicodedata.normalize("NFKC", text), without its slow path for full-width marks
    if "\u200b" in text or "\ufeff" in text:  # the two _SPACE characters that are no str.isspace
        return _SPACE.sub("", text).lower()
    # Otherwise _SPACE is str.isspace: split() finds the same runs, in C, faster than a regex pass.
    return "".join(text.split()).lower()


def site_key(url: str | None) -> str:
    """What a template belongs to: the URL's host, with its port when it has one
    (two servers on one loopback address are two sites)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if host and port else host


def page_masks(title_tag: str | None, headings: Iterable[str] = ()) -> list[str]:
    """What a page says about itself (its `<title>` parts, its h1): masked before comparing."""
    masks = {_fold(p) for p in [*title_parts(title_tag), *headings]}
    return sorted((m for m in masks if len(m) >= MIN_MASK_CHARS), key=len, reverse=True)


def masked_line(text: str, masks: Iterable[str] = ()) -> str:
    """The line as the template sees it: folded, own title and dates masked, digits as 0."""
    line = _fold(text)
    for mask in masks:
        if mask in line:
            line = line.replace(mask, TITLE_MASK)
    if _DIGIT.search(line) is None:  # every date holds a digit: nothing to mask (most lines)
        return line
    line = _DATE.sub(DATE_MASK, line)
    return _DIGITS.sub("0", line)


def fingerprint(text: str, masks: Iterable[str] = ()) -> str | None:
    """A short stable hash of the masked line; None when nothing of it is wording."""
    return _masked_fingerprint(masked_line(text, masks))


def _masked_fingerprint(line: str) -> str | None:
    """`fingerprint` of a line masked already."""
    # The masks are no wording characters: searched for as they stand, without a list of every letter.
    if _ENOUGH_WORDING.search(line) is None:
        return None
    return hashlib.blake2b(line.encode("utf-8"), digest_size=8).hexdigest()


def letters(masked: str) -> frozenset[str]:
    """The distinct letters of a masked line (masks, digits and punctuation left out)."""
    return frozenset(_WORDING.findall(masked))


def comparable(masked: str) -> bool:
    """Short and wordy enough to be compared with other lines by its letters."""
    return _comparable_letters(masked) is not None


def _comparable(masked: str, mine: frozenset[str]) -> bool:
    """`comparable`, given the line's letters."""
    return len(masked) <= NEAR_MAX_CHARS and len(mine) >= NEAR_MIN_LETTERS


def _comparable_letters(masked: str) -> frozenset[str] | None:
    """The line's letters when it is `comparable`, else None."""
    if len(masked) > NEAR_MAX_CHARS:
        return None
    mine = letters(masked)
    return mine if len(mine) >= NEAR_MIN_LETTERS else None


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) >= NEAR_SHARE * len(a | b)


def is_speech_structure(text: str, index: int, headings: set[int]) -> bool:
    """Lines kept whatever the template says: short openers ending in a colon, item headings."""
    stripped = text.strip()
    return index in headings or (len(stripped) <= OPENER_MAX_CHARS and bool(_OPENER_END.search(stripped)))


@dataclass
class Observation:
    """One page as the template learner sees it."""

    title_parts: list[str]
    fingerprints: set[str]
    # Edge slot key -> the masked line there ("" when it is too long or too short to compare).
    edges: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"title_parts": self.title_parts, "fingerprints": sorted(self.fingerprints), "edges": self.edges}


def _slot_part(el: Any) -> str:
    """One step of a slot path: the element's tag and classes (digits left out)."""
    classes = _DIGITS.sub("", " ".join(sorted((el.get("class") or "").split())))
    return f"{el.tag}.{classes}" if classes else str(el.tag)


def _slot_path(el: Any, known: dict[Any, str] | None = None) -> str:
    """An element's place in the page: its ancestors' tags and classes (digits left out).
    `known`: paths found already on this page, by element (siblings share their parent's)."""
    known = {} if known is None else known
    if el is None or el.tag in ("body", "html"):
        return ""
    path = known.get(el)
    if path is None:
        parent = _slot_path(el.getparent(), known)
        path = known[el] = f"{parent}/{_slot_part(el)}" if parent else _slot_part(el)
    return path


def _children(walk: Any) -> dict[int, list[int]]:
    """Walk element index -> its children's indexes, in document order, from the walk's depths
    (no look at the tree: comments and processing instructions were never walked)."""
    children: dict[int, list[int]] = {}
    # The last element met at each depth: at depth d - 1, the parent of an element at depth d.
    last_at = [0] * (max(walk.depth, default=0) + 1)
    for i, depth in enumerate(walk.depth):
        if depth:
            children.setdefault(last_at[depth - 1], []).append(i)
        last_at[depth] = i
    return children


def edge_lines(walk: Any, masks: Iterable[str] = (), masked: dict[str, str] | None = None) -> dict[str, str]:
    """Edge slot key -> masked line, read off a block walk (cleaning.blocks.walk): for every
    element that is not mostly links and has at least EDGE_RANKS block children of one tag
    holding text, its first and last EDGE_RANKS such children.
    `masked`: text -> its masked_line with these masks, for the texts masked already on this page."""
    from cleaning.blocks import BLOCK_TAGS

    masks = list(masks)
    masked = {} if masked is None else masked
    elements, chars, link_chars = walk.elements, walk.chars, walk.link_chars
    paths: dict[Any, str] = {}
    out: dict[str, str] = {}
    for i, kids in _children(walk).items():
        if len(kids) < EDGE_RANKS or link_chars[i] > NEAR_MAX_LINK_SHARE * chars[i]:
            continue
        by_tag: dict[str, list[int]] = {}
        for j in kids:
            tag = elements[j].tag
            if tag in BLOCK_TAGS:
                by_tag.setdefault(tag, []).append(j)
        path = None
        for tag, children in by_tag.items():
            if len(children) < EDGE_RANKS:
                continue
            first = _edge_texts(walk, children)
            if len(first) < EDGE_RANKS:
                continue
            path = path or _slot_path(elements[i], paths)
            for side, edge in (("first", first), ("last", _edge_texts(walk, reversed(children)))):
                for rank, text in enumerate(edge):
                    line = masked.get(text) if text else ""
                    if line is None:
                        line = masked[text] = masked_line(text, masks)
                    out[f"{path}>{tag}:{side}{rank}"] = line if comparable(line) else ""
    return out


def _edge_texts(walk: Any, children: Iterable[int]) -> list[str]:
    """The texts of the first EDGE_RANKS `children` (walk element indexes) that hold text;
    "" for a text that is mostly links or too long to compare (the rest is never read).
    Sizes come from the walk's running sums (`Walk.size_upto`), not from adding up each span."""
    size_upto, links_upto = walk.size_upto, walk.links_upto
    out = []
    for j in children:
        a, b = walk.span_first[j], walk.span_last[j]
        size = size_upto[b] - size_upto[a]
        if not size:
            continue
        linked = links_upto[b] - links_upto[a] > NEAR_MAX_LINK_SHARE * size
        readable = not linked and size <= EDGE_READ_MAX_CHARS
        out.append("".join(block.text for block in walk.blocks[a:b]) if readable else "")
        if len(out) == EDGE_RANKS:
            break
    return out


def observe_tree(root: Any, title_tag: str | None) -> Observation:
    """Fingerprints of every visible line of a parsed page (scripts already stripped)."""
    from cleaning import blocks as blk
    from cleaning.metadata import normalise_title

    body = root.find("body")
    body = body if body is not None else root
    headings = [normalise_title("".join(h.itertext())) for h in body.iter("h1")]
    masks = page_masks(title_tag, headings)
    walk = blk.walk(body, None)  # lines and their places; no content score
    # Each text masked once: a page repeats some lines, and an edge line is often one block's text.
    masked = {text: masked_line(text, masks) for text in {b.text for b in walk.blocks}}
    prints = {fp for line in masked.values() if (fp := _masked_fingerprint(line))}
    return Observation(title_parts(title_tag), prints, edge_lines(walk, masks, masked))


def observe(body: bytes, http_charset: str | None = None) -> Observation:
    """Decode and parse one page's bytes, then `observe_tree` (raises ContentError on non-pages)."""
    from lxml import etree

    from cleaning.html import NON_CONTENT_TAGS, read_page
    from cleaning.metadata import read_head

    _, root = read_page(bytes(body), http_charset)
    title_tag = read_head(root, None).title_tag
    etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
    return observe_tree(root, title_tag)


class NearLines:
    """The distinct lines of an edge slot and the pages each was seen on, asked whether the
    lines near a given one (`near_duplicates`) were seen on enough pages.

    Comparing a line with every other one by one grows with the square of a crawl where each
    page has its own line here. Two exact bounds settle most lines at once: all the slot's
    pages, and the pages of the lines that hold the line's letters (`_letters_allow`). A line
    past both is compared with all lines in one pass over arrays when the slot holds many
    (ARRAY_MIN_LINES), else one by one, heaviest first, until its answer is sure either way.
    (Prefix filtering, the usual exact similarity join, is no help at NEAR_SHARE 0.3: it
    leaves 58-60 % of the pairs of speech-prose lines as candidates.)
    """

    def __init__(self, lines: Iterable[str]) -> None:
        heaviest = Counter(lines).most_common()
        self.index = {line: i for i, (line, _) in enumerate(heaviest)}  # line -> its place below
        self.letters = [letters(line) for line, _ in heaviest]
        self.counts = [count for _, count in heaviest]
        self.total = sum(self.counts)
        weight: dict[str, int] = {}  # letter -> pages of the lines holding it
        for mine, count in zip(self.letters, self.counts):
            for c in mine:
                weight[c] = weight.get(c, 0) + count
        self.weight = weight

    def __contains__(self, line: str) -> bool:
        return line in self.index

    def __getstate__(self) -> dict[str, Any]:
        # The arrays are rebuilt where they are needed, not shipped with a template.
        return {k: v for k, v in self.__dict__.items() if k != "_arrays"}

    def reach(self, mine: frozenset[str], need: int) -> bool:
        """Whether the lines near the letters `mine` were seen on at least `need` pages."""
        if need <= 0:
            return True
        if self.total < need:
            return False
        # The letter bound costs a look-up per letter: worth it when there are more lines than that.
        if len(self.counts) > len(mine) and not self._letters_allow(mine, need):
            return False
        if len(self.counts) >= ARRAY_MIN_LINES:
            return self._near_pages(mine) >= need
        near, possible = 0, self.total
        for other, count in zip(self.letters, self.counts):
            if near_duplicates(mine, other):
                near += count
                if near >= need:
                    return True
            else:
                possible -= count
                if possible < need:
                    return False
        return False

    def _letters_allow(self, mine: frozenset[str], need: int) -> bool:
        """Whether `need` pages could have lines near `mine`. The line of each such page holds
        `shared` = ceil(NEAR_SHARE * n) of the n letters of `mine` at least (the union of the
        two is n letters or more): the letters are on those pages `shared * need` times at
        least, while a letter is on `need` of them at most, and on no more than the pages
        whose lines hold it."""
        shared = math.ceil(NEAR_SHARE * len(mine))
        weight = self.weight
        return sum(min(weight.get(c, 0), need) for c in mine) >= shared * need

    def _near_pages(self, mine: frozenset[str]) -> int:
        """The pages of the lines near `mine`: `near_duplicates` with every line at once."""
        import numpy as np  # here, not at the top: only long slots need it, and the cleaner imports no numpy

        holding, sizes, counts = self._arrays
        found = [holding[c] for c in mine if c in holding]
        shared = np.bincount(np.concatenate(found), minlength=len(sizes)) if found else np.zeros_like(sizes)
        # The same float test as near_duplicates: |a & b| >= NEAR_SHARE * |a | b|.
        near = shared >= NEAR_SHARE * (len(mine) + sizes - shared)
        return int(counts[near].sum())

    @cached_property
    def _arrays(self) -> tuple[dict[str, Any], Any, Any]:
        """Letter -> the indexes of the lines holding it; each line's letter count and pages."""
        import numpy as np

        holding: dict[str, list[int]] = {}
        for i, mine in enumerate(self.letters):
            for c in mine:
                holding.setdefault(c, []).append(i)
        return ({c: np.array(ids, dtype=np.int64) for c, ids in holding.items()},
                np.array([len(mine) for mine in self.letters], dtype=np.int64), np.array(self.counts, dtype=np.int64))


@dataclass(frozen=True)
class EdgeSlot:
    """One edge place of a host's pages and the comparable lines seen there."""

    key: str
    pages: int  # pages that have this place
    lines: tuple[str, ...]  # masked, one per page that had a comparable line there

    @property
    def threshold(self) -> int:
        return max(TEMPLATE_MIN_PAGES, math.ceil(TEMPLATE_SHARE * self.pages))

    @cached_property
    def _near(self) -> NearLines:
        """Each distinct line once, with its pages: pages repeat a few wordings, so this grows
        with the wordings, not the pages (a set per page was 105 MB at 5,000 pages)."""
        return NearLines(self.lines)

    def holds(self, masked: str) -> bool:
        """Near-duplicated here on at least `threshold` pages, the line's own page included
        (a line seen here is its own page's; one not seen here adds its page)."""
        mine = _comparable_letters(masked)
        return mine is not None and self.holds_letters(masked, mine)

    def holds_letters(self, masked: str, mine: frozenset[str]) -> bool:
        """`holds` for a comparable line whose letters are `mine`."""
        return self._near.reach(mine, self.threshold - int(masked not in self._near))

    @cached_property
    def digest(self) -> str:
        """Changes whenever the slot's place, pages or lines change (for `SiteTemplate.signature`)."""
        data = f"{self.key}\x01{self.pages}\x01" + "\x01".join(sorted(self.lines))
        return hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()

    def is_template(self) -> bool:
        """Some line seen here is near-duplicated on enough pages (the heaviest tried first)."""
        near = self._near
        return any(near.reach(mine, self.threshold)
                   for line, mine in zip(near.index, near.letters) if _comparable(line, mine))


@dataclass
class SiteTemplate:
    """Document frequencies of one host's lines and `<title>` parts over `pages` pages."""

    host: str = ""
    pages: int = 0
    lines: Counter[str] = field(default_factory=Counter)
    title_parts: Counter[str] = field(default_factory=Counter)
    # Edge slot key -> the line there on each page that has it ("" where not comparable).
    edges: dict[str, list[str]] = field(default_factory=dict)

    # -- learning ---------------------------------------------------------
    def add(self, observation: Observation, kept_lines: dict[str, str] | None = None) -> None:
        """Count one more page. `kept_lines`: edge line -> the one string kept for it (pages
        repeat a few wordings: each is then kept once, not once a page)."""
        self.pages += 1
        self.lines.update(observation.fingerprints)
        self.title_parts.update(set(observation.title_parts))
        edges = self.edges
        for key, line in observation.edges.items():
            if kept_lines is not None:
                line = kept_lines.setdefault(line, line)
            seen = edges.get(key)  # no new list made for a slot seen before (nearly every one)
            if seen is None:
                edges[key] = [line]
            else:
                seen.append(line)
        learnt = self.__dict__
        if "template_lines" in learnt or "site_names" in learnt or "edge_slots" in learnt:
            for name in ("template_lines", "site_names", "edge_slots"):
                learnt.pop(name, None)

    @classmethod
    def learn(cls, host: str, observations: Iterable[Observation]) -> "SiteTemplate":
        template = cls(host=host)
        for observation in observations:
            template.add(observation)
        return template

    def merged(self, other: "SiteTemplate") -> "SiteTemplate":
        """Lines template in either (e.g. what was stored and what this run learnt)."""
        out = SiteTemplate(self.host or other.host)
        out.__dict__["template_lines"] = self.template_lines | other.template_lines
        out.__dict__["site_names"] = self.site_names | other.site_names
        out.__dict__["edge_slots"] = self.edge_slots + other.edge_slots
        out.title_parts = Counter({p: self.title_parts[p] + other.title_parts[p] for p in out.site_names})
        out.pages = max(self.pages, other.pages)
        return out

    # -- what was learnt --------------------------------------------------
    @property
    def threshold(self) -> int:
        return max(TEMPLATE_MIN_PAGES, math.ceil(TEMPLATE_SHARE * self.pages))

    @property
    def ready(self) -> bool:
        return self.pages >= TEMPLATE_MIN_PAGES or bool(self.__dict__.get("template_lines")) \
            or bool(self.__dict__.get("edge_slots"))

    @cached_property
    def template_lines(self) -> frozenset[str]:
        if self.pages < TEMPLATE_MIN_PAGES:
            return frozenset()
        threshold = self.threshold
        return frozenset(fp for fp, n in self.lines.items() if n >= threshold)

    @cached_property
    def edge_slots(self) -> tuple[EdgeSlot, ...]:
        """The edge places that hold template lines in other wordings: on at least `threshold`
        of the host's pages, with a line near-duplicated on enough of them."""
        if self.pages < TEMPLATE_MIN_PAGES:
            return ()
        slots = (EdgeSlot(key, len(lines), tuple(line for line in lines if line))
                 for key, lines in sorted(self.edges.items()) if len(lines) >= self.threshold)
        return tuple(slot for slot in slots if slot.is_template())

    def near_template(self, masked: str) -> bool:
        """A masked line in another wording of a template line at an edge slot."""
        mine = _comparable_letters(masked)  # once for every slot
        return mine is not None and any(slot.holds_letters(masked, mine) for slot in self.edge_slots)

    @cached_property
    def site_names(self) -> frozenset[str]:
        """The constant `<title>` parts: the site name (and a section name every page carries)."""
        if self.pages < TEMPLATE_MIN_PAGES:
            return frozenset()
        threshold = self.threshold
        return frozenset(p for p, n in self.title_parts.items() if n >= threshold and len(p) >= MIN_TITLE_PART_CHARS)

    @property
    def site_name(self) -> str | None:
        """The most common constant `<title>` part."""
        names = sorted(self.site_names, key=lambda p: (-self.title_parts.get(p, 0), p))
        return names[0] if names else None

    def signature(self) -> str:
        """Changes whenever what the template strips or names changes."""
        # Each slot by its digest: a stored slot keeps a line per page, and a crawl asks the
        # signature of every page's template until it settles (7 ms a page with 5,000 lines joined).
        edges = sorted(slot.digest for slot in self.edge_slots)
        data = "\n".join(sorted(self.template_lines)) + "\x00" + "\n".join(sorted(self.site_names)) \
            + "\x00" + "\n".join(edges)
        return hashlib.blake2b(data.encode("utf-8"), digest_size=8).hexdigest()

    # -- applying ---------------------------------------------------------
    def strip(self, paragraphs: list[str], masks: Iterable[str] = ()) -> list[str]:
        """The paragraphs without the template's lines at either edge of the body.

        Only the runs at the edges go: a common line in the middle is the
        speech's own (a paragraph the site repeats in several reposts). Speech
        structure stops the run. A body that would lose more than
        MAX_STRIPPED_SHARE of its text is a repost of a common speech, kept whole.
        """
        if not (self.template_lines or self.edge_slots) or not paragraphs:
            return paragraphs
        from cleaning.split import find_items

        masks = list(masks)
        headings = {i for i, _ in (find_items(paragraphs) or [])}

        def verdict(i: int) -> bool | None:
            """True: template; None: nothing to judge (the page's own title or date line); False: speech."""
            if is_speech_structure(paragraphs[i], i, headings):
                return False
            line = masked_line(paragraphs[i], masks)  # masked once for both tests
            fp = _masked_fingerprint(line)
            if fp is None:
                return None
            return fp in self.template_lines or self.near_template(line)

        dropped: set[int] = set()
        for order in (range(len(paragraphs)), range(len(paragraphs) - 1, -1, -1)):
            for i in order:
                said = verdict(i)
                if said is False:
                    break
                if said:
                    dropped.add(i)
        kept = [p for i, p in enumerate(paragraphs) if i not in dropped]
        if sum(map(len, kept)) < (1 - MAX_STRIPPED_SHARE) * sum(map(len, paragraphs)):
            return paragraphs
        return kept

    def compact(self) -> "SiteTemplate":
        """The same verdicts without the counts (small enough to send with every page)."""
        out = SiteTemplate(self.host, self.pages)
        out.__dict__["template_lines"] = self.template_lines
        out.__dict__["site_names"] = self.site_names
        out.__dict__["edge_slots"] = self.edge_slots
        out.title_parts = Counter({p: self.title_parts[p] for p in self.site_names})
        return out

    # -- JSON -------------------------------------------------------------
    def to_json(self) -> str:
        lines = self.lines or Counter({fp: self.threshold for fp in self.template_lines})
        parts = self.title_parts or Counter({p: self.threshold for p in self.site_names})
        return json.dumps({
            "format": FORMAT_VERSION,
            "host": self.host,
            "pages": self.pages,
            "share": TEMPLATE_SHARE,
            "min_pages": TEMPLATE_MIN_PAGES,
            # Unsorted here: sort_keys orders them (sorting every page's own lines first cost more).
            "lines": {fp: n for fp, n in lines.items() if n >= KEEP_MIN_COUNT},
            "title_parts": {p: n for p, n in parts.items() if n >= KEEP_MIN_COUNT},
            # Only the template's edge slots: what `strip` needs, not every page's lines; each
            # line once with its pages (a slot of one wording on 2,000 pages: 40 bytes, not 70 KB).
            "edges": {slot.key: {"pages": slot.pages, "lines": Counter(slot.lines)} for slot in self.edge_slots},
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "SiteTemplate":
        """Raises ValueError for anything that is not a stored template."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"site template is not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
            raise ValueError("not a site template of a known format")
        edges = {}
        # Each line once: a slot repeats a few wordings page after page, and the template is
        # pickled for the cleaning workers (a string object per page was 2 MB at 5,000 pages).
        kept: dict[str, str] = {}
        for key, slot in (data.get("edges") or {}).items():
            if not isinstance(slot, dict):
                raise ValueError(f"edge slot {key!r} of the site template is not an object")
            lines = _slot_lines(slot.get("lines") or [], kept)
            edges[str(key)] = lines + [""] * max(0, int(slot.get("pages") or 0) - len(lines))
        return cls(host=str(data.get("host") or ""), pages=int(data.get("pages") or 0),
                   lines=Counter({str(k): int(v) for k, v in (data.get("lines") or {}).items()}),
                   title_parts=Counter({str(k): int(v) for k, v in (data.get("title_parts") or {}).items()}),
                   edges=edges)


def _slot_lines(stored: Any, kept: dict[str, str]) -> list[str]:
    """A stored edge slot's lines, one per page (format 3: line -> pages; 2: a list), each
    string once (`kept`). Raises ValueError for anything else."""
    if isinstance(stored, dict):
        lines: list[str] = []
        for line, count in stored.items():
            if not isinstance(count, int) or count < 0:
                raise ValueError(f"edge line {line!r} of the site template has no page count")
            lines += [kept.setdefault(str(line), str(line))] * count
        return lines
    if isinstance(stored, list):
        return [kept.setdefault(line, line) for line in map(str, stored)]
    raise ValueError("the lines of an edge slot of the site template are neither an object nor a list")


__all__ = ["EdgeSlot", "Observation", "SiteTemplate", "TEMPLATE_MIN_PAGES", "TEMPLATE_SHARE", "fingerprint",
           "masked_line", "observe", "observe_tree", "page_masks", "site_key", "title_parts"]
