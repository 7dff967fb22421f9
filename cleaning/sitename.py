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
import re
from urllib.parse import urlsplit

from pypinyin import Style, pinyin

from cleaning.script import fold

# A host label spelling fewer characters than this is no evidence (two letters match much).
MIN_SPELLED_CHARS = 2
# Host labels shorter than this name no site ("m", "bj").
MIN_LABEL_CHARS = 4
# Title parts longer than this are headlines, not site names.
MAX_NAME_CHARS = 12

_CJK = re.compile(r"^[\u3400-\u9fff]+$")


@functools.lru_cache(maxsize=4096)
def _readings(char: str) -> tuple[str, ...]:
    """Every pinyin of the character without tones, and each one's first letter."""
    full = {r for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0] if r.isascii() and r.isalpha()}
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
