"""Which `<title>` part is the site's name: the one its host spells in pinyin.

Chinese template sites name their host after the site, syllable by syllable,
often shortening the last syllables to their initials: 墨香文苑 → moxiangwy,
笔杆子范文网 → biganzi-fw, 华文公文网 → huawengw. A `<title>` part whose
characters spell one of the host's own labels that way is the site name, so the
other part is the headline, on the first page of a site as on any other (no
learnt template needed). pypinyin gives every reading of each character.
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from cleaning.script import fold

# A host label spelling fewer characters than this is no evidence (two letters match much).
MIN_SPELLED_CHARS = 2
# Host labels shorter than this name no site ("m", "bj").
MIN_LABEL_CHARS = 4
# Title parts longer than this are headlines, not site names.
MAX_NAME_CHARS = 12

_CJK = re.compile(r"^[\u3400-\u9fff]+$")


# pypinyin's documented memory switches, read once when it is imported: no phrase dictionary
# (44 MB and 0.13 s in every process that cleans) and no copy of the character one.
_PYPINYIN_LEAN = ("PYPINYIN_NO_PHRASES", "PYPINYIN_NO_DICT_COPY")


@functools.cache
def _normal_pinyin() -> Callable[[str], list[list[str]]]:
    """pypinyin's `pinyin` of one text, every reading without tones; imported on first use,
    without its phrase dictionary unless something imported pypinyin before. Phrases only
    choose among a character's readings in context, and only single characters are read
    here: all 27,648 of U+3400-U+9FFF read the same either way (tests/test_cleaning_linejudge.py)."""
    switched = [name for name in _PYPINYIN_LEAN if name not in os.environ]
    os.environ.update(dict.fromkeys(switched, "1"))
    try:
        from pypinyin import Style, pinyin
    finally:
        for name in switched:  # the process's environment as it was (child processes inherit it)
            os.environ.pop(name, None)
    return functools.partial(pinyin, style=Style.NORMAL, heteronym=True)


@functools.lru_cache(maxsize=4096)
def _readings(char: str) -> tuple[str, ...]:
    """Every pinyin of the character without tones, and each one's first letter."""
    full = {r for r in _normal_pinyin()(char)[0] if r.isascii() and r.isalpha()}
    return tuple(sorted(full | {r[0] for r in full}))


def spells(label: str, name: str) -> bool:
    """`label` (a host label, dashes ignored) is `name`'s leading characters in pinyin,
    each character written in full or by its initial, the label used up."""
    label = label.replace("-", "").lower()
    chars = fold(name)
    if not _CJK.match(chars):
        return False

    @functools.cache
    def match(at: int, index: int) -> bool:
        if at == len(label):
            return index >= MIN_SPELLED_CHARS
        if index == len(chars):
            return False
        return any(label.startswith(r, at) and match(at + len(r), index + 1) for r in _readings(chars[index]))

    return match(0, 0)


def host_labels(url: str | None) -> list[str]:
    host = (urlsplit(url or "").hostname or "").lower()
    return [label for label in host.split(".") if len(label) >= MIN_LABEL_CHARS and not label.isdigit()]


def names_by_host(url: str | None, parts: list[str]) -> set[str]:
    """The `<title>` parts that the URL's host spells in pinyin: the site's names."""
    labels = host_labels(url)
    if not labels:
        return set()
    out = set()
    for part in parts:
        name = part.strip()
        if 2 <= len(name) <= MAX_NAME_CHARS and any(spells(label, name) for label in labels):
            out.add(name)
    return out
