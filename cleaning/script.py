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


@functools.lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """`text` in simplified characters, for matching only."""
    if text.isascii():
        return text
    return zhconv.convert(text, "zh-hans")


def fold_aligned(text: str) -> str | None:
    """The folded text when it has the original's length (offsets carry over), else None."""
    folded = fold(text)
    return folded if len(folded) == len(text) else None
