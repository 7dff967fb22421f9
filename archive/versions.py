"""What changed between two texts of a speech: field list and a short diff summary."""
from __future__ import annotations

import difflib
from typing import Any, Mapping

from archive.textnorm import normalize

VERSIONED_FIELDS = ("title", "body", "speaker", "occasion", "published")
# Title and body compare in normal form (whitespace/punctuation churn is no change).
_NORMALISED = {"title", "body"}


def fields_changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in VERSIONED_FIELDS:
        a, b = old.get(name), new.get(name)
        if name in _NORMALISED:
            a, b = normalize(a or ""), normalize(b or "")
        if (a or None) != (b or None):
            changed.append(name)
    return changed


def diff_summary(old_body: str, new_body: str) -> str:
    """e.g. "+1 -0 paragraphs, 2 changed; +35 -0 chars"."""
    a = [p for p in (old_body or "").split("\n") if p.strip()]
    b = [p for p in (new_body or "").split("\n") if p.strip()]
    added = removed = changed = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            added += j2 - j1
        elif tag == "delete":
            removed += i2 - i1
        elif tag == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            removed += (i2 - i1) - common
            added += (j2 - j1) - common
    len_a, len_b = sum(map(len, a)), sum(map(len, b))
    return (f"+{added} -{removed} paragraphs, {changed} changed;"
            f" {len_b - len_a:+d} chars ({len_a} -> {len_b})")
