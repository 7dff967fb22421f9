"""Simplified and traditional characters alike: one folding for matching, never for storage.

Every rule and the line model match against `fold(text)` (zhconv's
traditional-to-simplified tables), so "小編為大家準備" hits what "小编为大家准备"
hits. Stored and returned text stays as published. zhconv maps mostly one
character to one character; `fold_aligned` says when offsets found in the folded
text may be applied to the original.
"""
from __future__ import annotations

import functools

import zhconv

# Folding is cached per string: template lines repeat across a site's pages.
_CACHE_SIZE = 65536


# CJK code points that zhconv may change (the unified block and extension A).
_CJK_RANGE = range(0x3400, 0xA000)


@functools.cache
def _traditional() -> frozenset[str]:
    """The characters zhconv changes on their own, from its own tables (about 50 ms, once)."""
    return frozenset(c for c in map(chr, _CJK_RANGE) if zhconv.convert(c, "zh-hans") != c)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """`text` in simplified characters, for matching only."""
    # Most lines are simplified already: zhconv's phrase matching runs only when a
    # traditional character is there (a set test is ~100x cheaper than converting).
    if text.isascii() or _traditional().isdisjoint(text):
        return text
    return zhconv.convert(text, "zh-hans")


def fold_aligned(text: str) -> str | None:
    """The folded text when it has the original's length (offsets carry over), else None."""
    folded = fold(text)
    return folded if len(folded) == len(text) else None
