"""Paragraphs of a page -> speeches: compilations split, titles and promos trimmed.

A compilation ("…(精选6篇)") numbers its items with headings ("…第1篇", "…篇1",
"【篇一】…", "第一篇:…"); each item becomes its own Speech titled with its
heading verbatim, and the compilation's own heading and intro belong to none.
Per speech, a leading line repeating the title goes, and a promo sentence glued
to a paragraph goes (the whole paragraph in the teaser position, else from the
promo to the paragraph's end).
"""
from __future__ import annotations

import re

from cleaning.model import Speech
from cleaning.rules import JunkRules
from cleaning.script import fold_aligned

# The characters numbers are written with (a regex class body).
NUMERALS = "0-9０-９一二三四五六七八九十百"
# Each pattern: the item heading, with the number in group "n".
_ITEM_PATTERNS = (
    ("suffix-di", re.compile(rf"^(?P<t>.{{2,100}}?)\s*[（(]?第(?P<n>[{NUMERALS}]+)篇[)）]?$")),
    ("suffix-pian", re.compile(rf"^(?P<t>.{{2,100}}?)\s*篇(?P<n>[{NUMERALS}]+)$")),
    ("bracket", re.compile(rf"^[【\[]\s*篇(?P<n>[{NUMERALS}]+)\s*[】\]]\s*(?P<t>.*)$")),
    ("bracket-di", re.compile(rf"^[【\[]\s*第(?P<n>[{NUMERALS}]+)篇\s*[】\]]\s*(?P<t>.*)$")),
    ("prefix-di", re.compile(rf"^第(?P<n>[{NUMERALS}]+)篇\s*[:：、.]?\s*(?P<t>.*)$")),
    ("prefix-pian", re.compile(rf"^篇(?P<n>[{NUMERALS}]+)\s*[:：、.]\s*(?P<t>.*)$")),
)
# Every item heading above names its "篇": a paragraph without it is no heading.
_ITEM_MARK = "篇"
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_OFFICES = (
    "书记|副书记|市长|副市长|区长|副区长|县长|副县长|省长|副省长|州长|旗长|盟长|局长|副局长|主任|副主任|部长|"
    "乡长|镇长|厅长|院长|校长|董事长|总经理|经理|主席|副主席|处长|科长|秘书长|行长|会长|社长|所长|组长|"
    "队长|站长|总裁|委员|常委|司令员|政委|检察长|庭长|馆长|台长|署长|主委"
)
_SPEAKER = re.compile(
    rf"^(?:\d{{4}}年度?)?\s*(?P<s>[^\s在的,，:：、（(]{{0,10}}?(?:{_OFFICES}))(?=在|同志|讲话|的讲话|致辞|发言|[:：\s]|$)"
)
_OCCASION = re.compile(r"在(?P<o>.+?)(?:上的讲话|上讲话|上的发言|上的致辞|上的致词)")


def _number(text: str) -> int | None:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def find_items(paragraphs: list[str]) -> list[tuple[int, str]] | None:
    """(index, heading) of the items of a compilation, or None if it is not one.

    Items must be numbered 1, 2, 3… in order with one heading style, and there must
    be at least two of them.
    """
    candidates = [(i, text) for i, text in enumerate(paragraphs) if len(text) <= 120 and _ITEM_MARK in text]
    if len(candidates) < 2:
        return None
    for _, pattern in _ITEM_PATTERNS:
        found: list[tuple[int, str]] = []
        expected = 1
        for i, text in candidates:
            match = pattern.match(text)
            if not match:
                continue
            number = _number(match.group("n"))
            if number == expected:
                found.append((i, text))
                expected += 1
        if len(found) >= 2:
            return found
    return None


def strip_marker(title: str) -> str:
    """An item heading without its "第1篇" / "篇1" / "【篇一】" marker."""
    for _, pattern in _ITEM_PATTERNS:
        match = pattern.match(title)
        if match:
            rest = match.group("t").strip()
            return rest or title
    return title


def speaker_of(title: str) -> str | None:
    # Matched on the simplified folding (市長 is 市长), returned as published.
    match = _SPEAKER.match(fold_aligned(title) or title)
    return title[match.start("s") : match.end("s")] if match else None


def occasion_of(title: str) -> str | None:
    match = _OCCASION.search(fold_aligned(title) or title)
    return title[match.start("o") : match.end("o")].strip() if match else None


def _compact(text: str) -> str:
    return re.sub(r"[\s:：]+", "", text)


def drop_title_lines(title: str, paragraphs: list[str]) -> list[str]:
    """Leading lines equal to the title go; one that starts with it keeps the rest."""
    key = _compact(title)
    out = list(paragraphs)
    while out and key:
        first = _compact(out[0])
        if first == key:
            out.pop(0)
            continue
        if first.startswith(key) and out[0].lstrip().startswith(title.rstrip(" :：")):
            rest = out[0].lstrip()[len(title.rstrip(" :：")) :].lstrip(" :：\u3000")
            if rest:
                out[0] = rest
            else:
                out.pop(0)
        break
    return out


def strip_promos(paragraphs: list[str], rules: JunkRules) -> list[str]:
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        match = rules.find_promo(text)
        if match is None:
            out.append(text)
            continue
        if not out:  # the teaser position: the whole paragraph is the site's blurb
            continue
        kept = text[: match.start()].rstrip(" ,，;；")
        if kept:
            out.append(kept)
    return out


def make_speech(title: str, paragraphs: list[str], rules: JunkRules, bare_title: str | None = None) -> Speech:
    body = strip_promos(drop_title_lines(title, paragraphs), rules)
    base = bare_title or title
    return Speech(title=title, paragraphs=body, speaker=speaker_of(base), occasion=occasion_of(base))


def split_speeches(title: str, paragraphs: list[str], rules: JunkRules) -> list[Speech]:
    items = find_items(paragraphs)
    if not items:
        return [make_speech(title, paragraphs, rules)]
    speeches = []
    bounds = [i for i, _ in items] + [len(paragraphs)]
    for (start, heading), end in zip(items, bounds[1:]):
        speeches.append(make_speech(heading, paragraphs[start + 1 : end], rules, strip_marker(heading)))
    return speeches
