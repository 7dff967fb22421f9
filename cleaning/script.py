"""Simplified and traditional characters alike: one folding for matching, never for storage.

Every rule and the line model match against `fold(text)` (zhconv's
traditional-to-simplified tables), so "小編為大家準備" hits what "小编为大家准备"
hits. Stored and returned text stays as published. zhconv maps mostly one
character to one character; `fold_aligned` says when offsets found in the folded
text may be applied to the original.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import zhconv

# Folding is cached per string: template lines repeat across a site's pages and stay
# in an LRU this size, while a speech's own lines pass through. A cleaning worker
# holds ~0.55 KB per entry: 65,536 grew it 7.5 MB per 1,000 pages up to 37 MB; at
# 4,096 (2.2 MB) about 3 more misses per page (of ~144 calls), each a regex search.
_CACHE_SIZE = 4096


# CJK code points that zhconv may change (the unified block and extension A).
_CJK_RANGE = range(0x3400, 0xA000)


@functools.cache
def _traditional() -> frozenset[str]:
    """The characters zhconv changes on their own, from its own tables (about 50 ms, once)."""
    return frozenset(c for c in map(chr, _CJK_RANGE) if zhconv.convert(c, "zh-hans") != c)


@functools.cache
def _traditional_char() -> re.Pattern[str]:
    """Any one of `_traditional()`'s characters: searched in C (a set test makes a string
    object of every character of the text; this is ~10x cheaper on Chinese lines)."""
    return re.compile("[%s]" % "".join(map(re.escape, sorted(_traditional()))))


def fold_uncached(text: str) -> str:
    """`fold(text)` without its cache: for a string made just now (a line normalised)
    that nothing else folds, whose entry would only push out lines asked for again."""
    # Most lines are simplified already: zhconv's phrase matching runs only when a
    # traditional character is there (a search is ~1000x cheaper than converting).
    if text.isascii() or _traditional_char().search(text) is None:
        return text
    return zhconv.convert(text, "zh-hans")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """`text` in simplified characters, for matching only."""
    return fold_uncached(text)


def fold_aligned(text: str) -> str | None:
    """The folded text when it has the original's length (offsets carry over), else None."""
    folded = fold(text)
    return folded if len(folded) == len(text) else None


@functools.cache
def _compatibility_chars() -> tuple[dict[str, str], re.Pattern[str]]:
    """BMP characters NFKC changes on their own (full-width forms, ideographic space...)
    whose decomposition holds no combining mark, and a pattern finding them (about 10 ms, once)."""
    table = {}
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue  # surrogates
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        if normal != char and not any(map(unicodedata.combining, char + unicodedata.normalize("NFKD", char))):
            table[char] = normal
    return table, re.compile("[%s]" % "".join(map(re.escape, table)))


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, faster on Chinese text.

    Its full-width marks ("，：（）") each take their NFKC form first, one by one: a
    character whose decomposition holds only starters can be replaced by its own
    NFKC form without changing the string's NFKD, hence its NFKC. What is left
    usually passes normalize's quick check."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    # The marks of Chinese text (98 % of the replacements in real pages) by str.replace:
    # a call per mark, not a Python call per occurrence.
    for mark, plain in _common_marks():
        text = text.replace(mark, plain)
    if unicodedata.is_normalized("NFKC", text):
        return text
    table, pattern = _compatibility_chars()
    return unicodedata.normalize("NFKC", pattern.sub(lambda m: table[m.group()], text))


@functools.cache
def _common_marks() -> tuple[tuple[str, str], ...]:
    """The full-width marks most frequent in Chinese text, each with its NFKC form."""
    table, _ = _compatibility_chars()
    return tuple((mark, table[mark]) for mark in "，：（）；？！")
