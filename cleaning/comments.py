"""Reader comments: repeated timed posts, never body, never the page's date.

A comment thread is a run of same-shaped siblings (cleaning.repeats) each
carrying a time (a time of day, "3小时前"), none of them cut off like a
teaser, and none led by an article title: what links a post has is a user
name or a reply button. Which such runs are comments is decided by the page
type (cleaning.pagetype): after an article's prose they are its comments; on
a page without article prose they are a feed of briefs (a list page).

Wording such as 网友/匿名/楼/回复 is not needed; the structure decides.

Many threads stamp a post with its date alone ("2025-11-20", "发表于 2025.06.12", "5月27日"),
which cleaning.repeats does not count as a time (a teaser's date is no post's
stamp). `dated_threads` finds those: a run of same-shaped sibling posts, each a
block with at least two parts holding text (a header with the name and the
stamp, as a block or as inline runs, then the text), the stamp in its own short
element, short posts, no article titles. A table row is data, never a post.
"""
from __future__ import annotations

import re
from collections.abc import Container, Iterator
from typing import Any

from lxml import etree

from cleaning import repeats
from cleaning.blocks import BLOCK_TAGS

# Share of a thread's items carrying a time.
TIMED_SHARE = 0.6
# Share of items led by a title link above which the run is a list, unless those
# "titles" are this short (user names).
TITLED_SHARE = 0.6
NAME_MAX_CHARS = 10
# A post this many times longer than the median post, and this long, is the article
# of a forum thread (its opening post); the posts after it are its replies.
OPENING_POST_RATIO = 4
OPENING_POST_MIN_CHARS = 300
# A post is short: the thread's median item holds at most this many characters.
POST_MAX_CHARS = 300
# A post's stamp is a text of its own (an element's, or what follows the name) holding a
# date or a time with at most a short label ("发表于"): at most this many characters.
STAMP_MAX_CHARS = 24
# A post is a block with at least this many parts that hold text (header, text; `is_post`).
POST_MIN_PARTS = repeats.POST_MIN_PARTS

# A date (with its year, or a month and day in Chinese: "5月27日") or a time of day.
_DATE_OR_TIME = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?<!\d)\d{1,2}:\d{2}(?!\d)"
                           r"|(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日")
# The texts that can be a stamp, found in C: a digit a year or a time holds (or 月), short even
# with the layout's white space around it (cut to STAMP_MAX_CHARS after stripping). The
# layout's white space between tags (most text nodes) is passed over by one test first.
_STAMP_TEXTS = etree.XPath(
    "descendant-or-self::text()[normalize-space()]"
    "[contains(., '1') or contains(., '2') or contains(., ':') or contains(., '月')][string-length() <= %d]"
    % (3 * STAMP_MAX_CHARS))
# Table rows are data (a schedule's dates), never posts.
_POST_TAGS = repeats.POST_TAGS


def is_thread(group: repeats.Group) -> bool:
    """Timed posts: a time on most items, nothing cut off, no article titles leading them."""
    # (group.timed, its items measured only until the share is known)
    return group.share_reaches(lambda i: i.timed, TIMED_SHARE) and _short_untitled_posts(group)


def dated_threads(
    root: etree._Element, known: list[repeats.Group] = (), scopes: list[etree._Element] | None = None
) -> list[repeats.Group]:
    """Threads of posts stamped with a date alone, outside the `known` groups: runs of at
    least MIN_THREAD_ITEMS same-shaped siblings, most of them posts (`is_post`), short,
    not cut off, not led by article titles. A forum thread's opening post
    (`opening_post`) is the article: it stays.

    Found from the stamps up: every short text holding a date or a time votes for the
    (parent, shape) of each of its ancestors; a shape of a parent with stamps in at least
    MIN_THREAD_ITEMS of its children is a candidate run. `scopes`: the subtrees that
    hold every such run (repeats.Groups.post_scopes, outermost, in document order): the
    stamps in them vote as in the whole tree, those outside for no run of posts."""
    taken = {id(el) for group in known for el in group.elements}
    parents: dict[tuple[int, tuple[str, str]], etree._Element] = {}
    stamped: dict[tuple[int, tuple[str, str]], set[int]] = {}
    # Nodes whose ancestors have voted already: a later stamp below one adds nothing above it
    # (the elements themselves, not ids: the set keeps lxml's proxies, and their ids, alive).
    voted: set[etree._Element] = set()
    for text in _stamp_texts(root if scopes is None else scopes):
        if len(text.strip()) > STAMP_MAX_CHARS or not _DATE_OR_TIME.search(text):
            continue
        node = text.getparent()
        while node is not None:
            if node in voted:
                break
            voted.add(node)
            parent = node.getparent()
            if parent is None:
                break
            if node.tag in _POST_TAGS:
                key = (id(parent), _shape(node))
                parents[key] = parent
                stamped.setdefault(key, set()).add(id(node))
            node = parent
    out = []
    for key, items in stamped.items():
        if len(items) < repeats.MIN_THREAD_ITEMS:
            continue
        parent, shape = parents[key], key[1]
        children = [child for child in parent.iterchildren(etree.Element) if _shape(child) == shape]
        if any(id(child) in taken for child in children) \
                or sum(map(is_post, children)) < max(repeats.MIN_THREAD_ITEMS, TIMED_SHARE * len(children)):
            continue
        group = repeats.Group(parent, [repeats.Item([child]) for child in children])
        if not _short_untitled_posts(group):
            continue
        opening = opening_post(group)
        if opening is not None:
            group = repeats.Group(parent, group.items[opening + 1:])
        if group.items:
            out.append(group)
    return out


def add_dated_threads(shape: Any, root: etree._Element, walked: Container[int]) -> None:
    """Add the `dated_threads` to an article's comments (a cleaning.pagetype.Shape, with
    the post scopes of the groups it was classified from); when some of their elements
    are in the block walk (ids in `walked`), it must be redone."""
    dated = dated_threads(root, shape.comments, getattr(shape, "post_scopes", None))
    shape.comments.extend(dated)
    if any(id(el) in walked for group in dated for el in group.elements):
        shape.comments_walked = True


def _stamp_texts(where: etree._Element | list[etree._Element]) -> Iterator[Any]:
    """The `_STAMP_TEXTS` below an element, or below each of several, in document order."""
    if isinstance(where, list):
        for scope in where:
            yield from _STAMP_TEXTS(scope)
    else:
        yield from _STAMP_TEXTS(where)


def _shape(el: etree._Element) -> tuple[str, str]:
    classes = (el.get("class") or "").split()
    return el.tag, classes[0] if classes else ""


def _short_untitled_posts(group: repeats.Group) -> bool:
    """What `is_thread` asks beside the stamps: nothing cut off, a short median item, and
    no article titles leading the items (user names may be links)."""
    # (the median first: the items' sizes are known, whether they are cut off may not be)
    if _median([item.chars for item in group.items]) > POST_MAX_CHARS or any(i.truncated for i in group.items):
        return False
    # (group.titled below TITLED_SHARE, decided as soon as known; then the titles' lengths)
    if not group.share_reaches(lambda i: i.led_by_title, TITLED_SHARE):
        return True
    return _median([len(i.title_link[0]) for i in group.items if i.title_link]) <= NAME_MAX_CHARS


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


def is_post(el: etree._Element) -> bool:
    """A post: at least POST_MIN_PARTS parts that hold text (a header, the text): its block
    children, and the inline runs outside them taken together as one (a header of spans:
    `<span>name</span><span>date</span><p>text</p>`); and a stamp: a short text of its own
    (an element's text or what follows a name) that holds a date or a time."""
    # Its text, serialised in C, first: a page's column is no post, and is never walked in Python.
    if len(etree.tostring(el, method="text", encoding="unicode", with_tail=False)) > repeats.ITEM_LIMIT_CHARS:
        return False
    parts = 0
    inline = el.text is not None and not el.text.isspace()  # text outside its blocks: a header of inline runs
    for child in el.iterchildren(etree.Element):
        holds_text = any(not text.isspace() for text in child.itertext())
        if child.tag in BLOCK_TAGS:
            parts += holds_text
        else:
            inline = inline or holds_text
        if child.tail is not None and not child.tail.isspace():
            inline = True
    if parts + inline < POST_MIN_PARTS:
        return False
    return any(len(text.strip()) <= STAMP_MAX_CHARS and _DATE_OR_TIME.search(text) for text in el.itertext())


def opening_post(group: repeats.Group) -> int | None:
    """The index of the post that is an article (a forum thread's opening post):
    many times longer than the median post, and long. The posts after it reply to it."""
    if len(group.items) < 2:
        return None
    sizes = [item.chars for item in group.items]
    longest = max(range(len(sizes)), key=sizes.__getitem__)
    median = sorted(sizes)[len(sizes) // 2]
    if sizes[longest] >= OPENING_POST_MIN_CHARS and sizes[longest] >= OPENING_POST_RATIO * median:
        return longest
    return None


def drop(groups: list[repeats.Group]) -> int:
    """Remove the threads' posts from the tree (their tails stay); returns how many."""
    removed = 0
    for group in groups:
        for el in group.elements:
            parent = el.getparent()
            if parent is None:
                continue  # already gone with an enclosing post
            _remove_keeping_tail(el, parent)
            removed += 1
    return removed


def _remove_keeping_tail(el: etree._Element, parent: etree._Element) -> None:
    if el.tail and el.tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
