"""Repeated sibling items: the structure of lists, teaser rivers and comment threads.

A list page prints the same small unit again and again: a linked title with a
short excerpt, a date, a "more" link; a comment thread prints a user name, a
timestamp and a short text per post. Either way the unit is a run of siblings
under one parent that share a shape (tag and class). `find_groups` finds such
runs on the tree, whatever their wording, and measures each item: its text,
its link text, its title link, whether it is cut off ("…", a read-more link),
whether it carries a timestamp.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from cleaning import blocks as blk

# A group needs this many items: two of a kind is a pair, not a list...
MIN_ITEMS = 3
# ...but two timed posts are already a thread, two cut-off teasers a short list.
MIN_THREAD_ITEMS = 2
# An item is a teaser, a brief or a post, not a chapter: the group's median item
# is at most this many characters.
ITEM_MAX_CHARS = 600
# No item holds an article: an item longer than this makes the run no list.
ITEM_LIMIT_CHARS = 2000
# A title link: at least this many characters of link text.
TITLE_MIN_CHARS = 5
# A title link opens its item: at most this many characters (a date, a bullet) before it.
LEAD_MAX_CHARS = 12
# An excerpt: at least this many characters of an item outside its links.
EXCERPT_MIN_CHARS = 15
# A read-more token after the excerpt ("阅读全文»", "[详细]", "more"): at most this many characters.
MARKER_MAX_CHARS = 8
# The tags a post of a thread can have (cleaning.comments): blocks, but table rows are
# data (a schedule's dates), paragraphs and headings are an article's own.
POST_TAGS = blk.BLOCK_TAGS - {"tr", "td", "th", "tbody", "thead", "tfoot", "table", "p", "h1", "h2", "h3", "h4", "h5", "h6"}
# A post is a block with at least this many block children that hold text (header, text).
POST_MIN_PARTS = 2
# Items looked at before all of a long run are measured for timestamps.
EVIDENCE_SAMPLE = 6
# A post's or brief's timestamp sits within this many characters of its start or end.
TIME_EDGE_CHARS = 40
# This share of a group's items must carry a link or a timestamp to be items at all.
MIN_ITEM_EVIDENCE = 0.6

_ELLIPSIS = r"(?:…+|\.{3,}|。{3,}|⋯+|\.\.\.)"
# Cut off: an ellipsis, then at most a short word (a read-more label in any wording,
# in brackets, with arrows); a closing quote after it ends a quoted sentence instead.
_TRUNCATED = re.compile(_ELLIPSIS + r"\s*(?:[\[【(（<]?[^\W\d_]{1,%d}[\]】)）>]?\s*[>»]*)?$" % MARKER_MAX_CHARS)
# What trails an item after its excerpt and says nothing: dates, times, counts, separators
# (the run r"[\s\d\-:/.|｜·()（）\[\]【】年月日]+$"), as str.rstrip's characters: the
# space and the ASCII digits spelled out; other white space and digits (\d: "０") are
# stripped one by one.
_TRAILING_CHARS = " 0123456789-:/.|｜·()（）[]【】年月日"
_BRACKETED_TOKEN = re.compile(r"[\[【(（<《]\s*[^\]】)）>》]{1,%d}\s*[\]】)）>》]$" % MARKER_MAX_CHARS)
# A timestamp of a post or a brief: a time of day, a date with a time, a relative time.
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_AGO = re.compile(r"\d+\s*(?:秒|分钟|分鐘|小时|小時|天|日)前")
_RELATIVE_WORDS = ("刚刚", "剛剛", "昨天", "今天")
_RELATIVE_TIME = re.compile("|".join((_AGO.pattern, *_RELATIVE_WORDS)))
# Either stamp, in one search.
_STAMP = re.compile(f"{_TIME_OF_DAY.pattern}|{_RELATIVE_TIME.pattern}")
# A character every stamp holds: found in one scan, where the stamp's alternatives try
# every position (most items hold none, and are done with it).
_STAMP_CHAR = re.compile("[:前刚剛昨今]")
# What any stamp holds wherever it is cut (no look-around, "12:30" holds "2:3"): a text
# without it (nor a relative time) has no timed item inside.
_DIGIT_COLON_DIGIT = re.compile(r"\d:\d")
_IGNORED_HREF = re.compile(r"^(#|javascript:|mailto:|tel:)", re.I)


# A link as measured: (text, href) and the text's size.
_Link = tuple[tuple[str, str], int]


class _cached:
    """`functools.cached_property` without the lock it takes on every access before
    Python 3.12: the value lands in the instance's __dict__, which wins from then on."""

    def __init__(self, func):
        self.func, self.__doc__ = func, func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def _squeezed(raw: str) -> str:
    """White space runs as one space, stripped (re's \\s is str.isspace: split() finds the
    same runs, in C, several times faster than a regex pass)."""
    return " ".join(raw.split())


def _raw_text(elements: list[etree._Element]) -> str:
    """The text of the siblings with the tails between them, as lxml's text serialiser
    gives it (in C; an element without children needs none)."""
    if len(elements) == 1:  # the common item: one element
        el = elements[0]
        return (etree.tostring(el, method="text", encoding="unicode", with_tail=False) if len(el) else el.text) or ""
    last = len(elements) - 1
    return "".join(
        etree.tostring(el, method="text", encoding="unicode", with_tail=i < last) for i, el in enumerate(elements)
    )


def _size(text: str) -> int:
    return len(text) - text.count(" ")


def _without_trailing_info(text: str) -> str:
    """The text without its trailing info (`_TRAILING_CHARS`): looked for from its end,
    where a regex ending in "+$" tries every position of the text."""
    end = text.rstrip(_TRAILING_CHARS)
    while end and (end[-1].isdecimal() or end[-1].isspace()):  # \d and \s beyond rstrip's
        end = end[:-1].rstrip(_TRAILING_CHARS)
    return end


@dataclass
class Item:
    elements: list[etree._Element]
    # The links measured so far ((text, href) and size), shared by the items
    # of one page: the items of a page's runs overlap (nested lists, a flat layout's two shapes).
    measured: dict[etree._Element, _Link] = field(default_factory=dict, repr=False, compare=False)

    @_cached
    def text(self) -> str:
        return " ".join(_raw_text(self.elements).split())

    @_cached
    def chars(self) -> int:
        text = self.text
        return len(text) - text.count(" ")

    @_cached
    def links(self) -> list[tuple[str, str]]:
        """(text, href) of the item's links, in order."""
        self._measure_links()
        return self.__dict__["links"]

    @_cached
    def link_chars(self) -> int:
        self._measure_links()
        return self.__dict__["link_chars"]

    @_cached
    def title_link(self) -> tuple[str, str] | None:
        """The longest link that leads somewhere and reads like a title."""
        self._measure_links()
        return self.__dict__["title_link"]

    def _measure_links(self) -> None:
        """`links`, `link_chars` and `title_link` in one pass over the links (each is asked
        for with the others), each link measured once per page."""
        measured = self.measured
        links = []
        total = 0
        title, title_size = None, TITLE_MIN_CHARS - 1
        for el in self.elements:
            for a in el.iter("a"):
                known = measured.get(a)
                if known is None:
                    href = a.get("href")
                    href = href.strip() if href else ""
                    # Its own text (serialised in C only when it has children), squeezed.
                    text = a.text if not len(a) else etree.tostring(a, method="text", encoding="unicode", with_tail=False)
                    text = " ".join(text.split()) if text else ""
                    known = measured[a] = ((text, href), len(text) - text.count(" "))
                link, size = known
                links.append(link)
                total += size
                if size > title_size and link[1] and not _IGNORED_HREF.match(link[1]):  # the first of the longest
                    title, title_size = link, size
        self.__dict__.update(links=links, link_chars=total, title_link=title)

    @_cached
    def led_by_title(self) -> bool:
        """Its main link opens it (after at most a date, a bullet or a label): a list
        entry or a teaser, not a table row with links in its cells."""
        title_link = self.title_link
        if title_link is None or _size(title_link[0]) * 3 < self.link_chars:
            return False
        return 0 <= self.text.find(title_link[0]) <= LEAD_MAX_CHARS

    @property
    def excerpt_chars(self) -> int:
        return self.chars - self.link_chars

    @property
    def teases(self) -> bool:
        """It teases an article: an excerpt beside the link, or cut off."""
        return self.truncated or self.excerpt_chars >= EXCERPT_MIN_CHARS

    @_cached
    def truncated(self) -> bool:
        """Cut off: an ellipsis at its end, or a short closing token after its excerpt
        (a bracketed "[详细]", or a last link repeating the title link's target)."""
        end = _without_trailing_info(self.text)
        # Every ellipsis holds one of these: most texts are done without the search.
        if ("…" in end or "." in end or "。" in end or "⋯" in end) and _TRUNCATED.search(end):
            return True
        if self.excerpt_chars < TITLE_MIN_CHARS or len(self.links) < 2 or self.title_link is None:
            return False
        last_text, last_href = self.links[-1]
        if _size(last_text) > MARKER_MAX_CHARS or not end.endswith(last_text.strip()):
            return False
        return last_href == self.title_link[1] or bool(_BRACKETED_TOKEN.search(last_text))

    @_cached
    def timed(self) -> bool:
        """Stamped with a time (of day, or relative: "3小时前") at its head or its end,
        where posts and briefs carry it; a time inside a sentence is no stamp."""
        text = self.__dict__.get("text")
        if text is None:  # asked before its text (a run's evidence): most items hold no stamp at all
            raw = _raw_text(self.elements)
            if _STAMP_CHAR.search(raw) is None:
                return False
            text = self.__dict__["text"] = _squeezed(raw)
        head = text[:TIME_EDGE_CHARS]
        if _STAMP_CHAR.search(head) and _STAMP.search(head):
            return True
        if len(text) <= TIME_EDGE_CHARS:  # a short item is its own head and end: looked at once
            return False
        end = text[-TIME_EDGE_CHARS:]
        return _STAMP_CHAR.search(end) is not None and _STAMP.search(end) is not None



@dataclass
class Group:
    parent: etree._Element
    items: list[Item] = field(default_factory=list)

    def share(self, test) -> float:
        return sum(1 for item in self.items if test(item)) / len(self.items)

    def share_reaches(self, test: Callable[[Item], bool], share: float) -> bool:
        """`self.share(test) >= share`, the items left untested once that is known."""
        return _share_reaches(self.items, test, share)

    @_cached
    def titled(self) -> float:
        """Share of items led by a title link (teasers, list entries)."""
        return sum([item.led_by_title for item in self.items]) / len(self.items)

    @_cached
    def teasing(self) -> float:
        """Share of items that tease an article: an excerpt beside the link, or cut off."""
        return self.share(lambda i: i.teases)

    @_cached
    def truncated(self) -> int:
        return sum(1 for item in self.items if item.truncated)

    @_cached
    def timed(self) -> float:
        return sum([item.timed for item in self.items]) / len(self.items)

    @_cached
    def chars(self) -> int:
        return sum(item.chars for item in self.items)

    @_cached
    def distinct_targets(self) -> int:
        return len({item.title_link[1] for item in self.items if item.title_link})

    @property
    def elements(self) -> list[etree._Element]:
        return [el for item in self.items for el in item.elements]


class Groups(list):
    """`find_groups`'s answer: the groups (a list), and `post_scopes`: the elements
    whose subtrees hold every run a thread's posts can make (POST_TAGS siblings of one
    shape, at least MIN_THREAD_ITEMS of them with POST_MIN_PARTS element children),
    outermost first, in document order."""

    post_scopes: list[etree._Element]


def _items(children: list[etree._Element], positions: list[int], measured: dict[etree._Element, _Link]) -> list[Item]:
    """One item per occurrence of the repeated shape, with the siblings up to the next
    one (flat layouts: <h3><a>title</a></h3><p>excerpt…</p> pairs); the last item gets
    as many siblings as the others have."""
    if positions[-1] - positions[0] == len(positions) - 1:  # next to each other: one element each
        return [Item([children[a]], measured) for a in positions]
    spans = [b - a for a, b in zip(positions, positions[1:])]
    typical = sorted(spans)[len(spans) // 2] if spans else 1
    ends = positions[1:] + [min(len(children), positions[-1] + typical)]
    return [Item(children[a:b], measured) for a, b in zip(positions, ends)]


def _linked(root: etree._Element) -> set[etree._Element]:
    """The elements holding a link (its ancestors-or-self): climbed once per link, up to
    the first element an earlier link marked. The set keeps lxml's proxies alive, so
    the children listed later are these very objects."""
    linked: set[etree._Element] = set()
    for a in root.iter("a"):
        node = a
        while node is not None and node not in linked:
            linked.add(node)
            node = node.getparent()
    return linked


def _evidenced(items: list[Item], linked: set[etree._Element] | None) -> bool:
    """Most items hold a link (an element in `linked`) or a timestamp (only a timestamp
    when `linked` is None). Cheapest test first (links), and a few items sampled before
    every one is measured (an article's paragraphs)."""
    count = len(items)
    need = MIN_ITEM_EVIDENCE * count
    if linked is None:
        anchored = [False] * count
    else:
        # Each item's test once (a set's isdisjoint, in C), all of them: cheaper than stopping early.
        anchored = [not linked.isdisjoint(item.elements) for item in items]
        if sum(anchored) >= need:
            return True
    sample = range(0, count, max(1, count // EVIDENCE_SAMPLE))
    if sum(1 for i in sample if anchored[i] or items[i].timed) < MIN_ITEM_EVIDENCE * len(sample) / 2:
        return False
    return _at_least((anchored[i] or items[i].timed for i in range(count)), need)


def _at_least(tests, need: float) -> bool:
    """At least `need` of the tests are true; the rest are not run once that is known."""
    if need <= 0:
        return True
    hits = 0
    for passed in tests:
        if passed:
            hits += 1
            if hits >= need:
                return True
    return False


# The tags an item can have: blocks and links; inline runs (spans, fonts) are text, not
# items, and rules, breaks, images and form fields never are.
_ITEM_TAGS = (blk.BLOCK_TAGS | {"a"}) - {"br", "hr", "img", "option", "input"}
# The parents of an element that is some element's MIN_THREAD_ITEMS-th child, in document
# order (= descendant-or-self::*[*[N]], which libxml2 evaluates a fifth slower).
_PARENTS = etree.XPath("descendant-or-self::*/*[%d]/.." % MIN_THREAD_ITEMS)
# How many of them lie below an element (its descendants among them).
_PARENTS_BELOW = etree.XPath("count(descendant::*/*[%d]/..)" % MIN_THREAD_ITEMS)


def find_groups(root: etree._Element, hidden: Callable[[etree._Element], bool] | None = None) -> Groups:
    """Every run of at least MIN_ITEMS same-shaped siblings that carry links or timestamps
    (two, when they are timed posts or cut-off teasers). Under a `hidden` parent (one
    no reader's text comes from: menus, sidebars skipped by class) only timed runs
    count: they may be comments whose times must not date the page; its link lists
    say nothing about the page's kind.

    Its `post_scopes` spare cleaning.comments a search of the whole tree: the children's
    shapes are known here (a hidden parent's below one without a stamp are not: that
    parent is a scope)."""
    groups = Groups()
    scopes: list[etree._Element] = []
    scoped_end = 0  # the parents before it lie inside the last scope
    # The parents come in document order, each one's descendants right after it: those
    # before `unstamped_end` lie inside a hidden parent whose text holds no stamp, so
    # no timed run either.
    unstamped_end = 0
    linked: set[etree._Element] | None = None  # the elements holding a link, found at the first run that asks
    measured: dict[etree._Element, _Link] = {}  # the links the items measured
    # Only elements with MIN_THREAD_ITEMS element children can hold a run: found in C,
    # in document order, instead of a Python look at every element of the page.
    for index, parent in enumerate(_PARENTS(root)):
        timed_only = hidden is not None and hidden(parent)
        if timed_only and index < unstamped_end:
            continue  # only timed runs count here, and nothing here is timed
        children = list(parent)  # (comments and PIs too, if the parser kept any)
        shapes = _shapes(children)
        if shapes is None:  # a comment or a PI among them: items are elements
            children = list(parent.iterchildren(etree.Element))
            shapes = _shapes(children)
        judged = False
        scoped = index < scoped_end
        for shape, positions in shapes.items():
            if len(positions) < MIN_THREAD_ITEMS:
                continue
            if not scoped and (shape if shape.__class__ is str else shape[0]) in POST_TAGS \
                    and _post_run(children, positions):
                scoped = True
                scopes.append(parent)
                scoped_end = index + 1 + int(_PARENTS_BELOW(parent))
            if timed_only and not judged:
                judged = True
                if not _stamp_inside(etree.tostring(parent, method="text", encoding="unicode", with_tail=False)):
                    # Nothing here is timed: neither in the parents below it, whose shapes stay unknown.
                    unstamped_end = index + 1 + int(_PARENTS_BELOW(parent))
                    if not scoped:
                        scopes.append(parent)
                        scoped_end = unstamped_end
                    break  # only timed runs count here, and nothing here is timed
            items = _items(children, positions, measured)
            if not timed_only and linked is None:
                linked = _linked(root)
            if not _evidenced(items, None if timed_only else linked):
                continue
            items = [item for item in items if item.chars]
            if not items:
                continue
            sizes = sorted([item.chars for item in items])
            if sizes[len(sizes) // 2] > ITEM_MAX_CHARS or sizes[-1] > ITEM_LIMIT_CHARS:  # the median, the largest
                continue
            if len(items) < MIN_ITEMS and (
                len(items) < MIN_THREAD_ITEMS or not (all(i.timed for i in items) or all(i.truncated for i in items))
            ):
                continue
            if not _share_reaches(items, _timed if timed_only else _timed_or_titled, MIN_ITEM_EVIDENCE):
                continue
            groups.append(Group(parent, items))
    groups.post_scopes = scopes
    return groups


def _timed(item: Item) -> bool:
    return item.timed


def _timed_or_titled(item: Item) -> bool:
    return item.timed or item.title_link is not None


def _share_reaches(items: list[Item], test: Callable[[Item], bool], share: float) -> bool:
    """`Group.share(test) >= share`, decided as soon as the items left cannot change it
    (a rejected run's last links are never measured)."""
    count = len(items)
    need = math.ceil(share * count)  # the fewest passing items whose share (hits / count) reaches it
    while need > 0 and (need - 1) / count >= share:
        need -= 1
    while need <= count and need / count < share:
        need += 1
    hits, left = 0, count
    for item in items:
        left -= 1
        if test(item):
            hits += 1
            if hits >= need:
                return True
        elif hits + left < need:
            return False
    return hits >= need


def _post_run(children: list[etree._Element], positions: list[int]) -> bool:
    """At least MIN_THREAD_ITEMS of the run have POST_MIN_PARTS children (len() counts
    comments too: a scope more, never one less)."""
    found = 0
    for i in positions:
        if len(children[i]) >= POST_MIN_PARTS:
            found += 1
            if found >= MIN_THREAD_ITEMS:
                return True
    return False


def _shapes(children: list[etree._Element]) -> dict[str | tuple[str, str], list[int]] | None:
    """The positions of each shape (tag and first class; the tag alone for an element
    without a class) among the children, in one pass; None when a child is no element."""
    shapes: dict[str | tuple[str, str], list[int]] = {}
    i = 0
    for child in children:
        tag = child.tag
        if tag in _ITEM_TAGS:  # only these can repeat as items: no shape for the rest
            classes = child.get("class")
            shape = (tag, classes.split(None, 1)[0]) if classes and not classes.isspace() else tag
            positions = shapes.get(shape)
            if positions is None:
                shapes[shape] = [i]
            else:
                positions.append(i)
        elif tag.__class__ is not str:  # a comment's or a PI's tag is a function
            return None
        i += 1
    return shapes


def _stamp_inside(text: str) -> bool:
    """Some stamp's part (`_DIGIT_COLON_DIGIT`) or a relative time in the text: each looked
    for alone, a regex only where the character it needs is found (this searches a
    parent's whole text, where one regex of all of them tries each position)."""
    if any(word in text for word in _RELATIVE_WORDS):
        return True
    if ":" in text and _DIGIT_COLON_DIGIT.search(text):
        return True
    return "前" in text and _AGO.search(text) is not None
