"""Reader comments: repeated timed posts, never body, never the page's date.

A comment thread is a run of same-shaped siblings (cleaning.repeats) each
carrying a time (a time of day, "3小时前"), none of them cut off like a
teaser, and none led by an article title: what links a post has is a user
name or a reply button. Which such runs are comments is decided by the page
type (cleaning.pagetype): after an article's prose they are its comments; on
a page without article prose they are a feed of briefs (a list page).

Wording such as 网友/匿名/楼/回复 is not needed; the structure decides.
"""
from __future__ import annotations

from lxml import etree

from cleaning import repeats

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


def is_thread(group: repeats.Group) -> bool:
    """Timed posts: a time on most items, nothing cut off, no article titles leading them."""
    if group.timed < TIMED_SHARE or group.truncated:
        return False
    sizes = sorted(item.chars for item in group.items)
    if sizes[len(sizes) // 2] > POST_MAX_CHARS:
        return False
    titles = sorted(len(i.title_link[0]) for i in group.items if i.title_link)
    return group.titled < TITLED_SHARE or titles[len(titles) // 2] <= NAME_MAX_CHARS


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
