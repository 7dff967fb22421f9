"""What changed between two texts of a speech: field list, paragraph diff and summary.

Paragraphs are aligned with difflib; inside a changed paragraph the
characters are compared one by one (Chinese has no spaces to split words on).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
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


@dataclass
class ParagraphChange:
    """One paragraph of a diff.

    kind: "same" | "added" | "removed" | "changed". `pieces` (changed only) is
    the character diff: ("same" | "removed" | "added", text) in reading order.
    """

    kind: str
    old: str = ""
    new: str = ""
    pieces: list[tuple[str, str]] = field(default_factory=list)


def paragraphs(body: str | None) -> list[str]:
    return [p for p in (body or "").split("\n") if p.strip()]


def char_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level diff of two paragraphs as ("same"|"removed"|"added", text) pieces."""
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("same", old[i1:i2]))
            continue
        if i2 > i1:
            pieces.append(("removed", old[i1:i2]))
        if j2 > j1:
            pieces.append(("added", new[j1:j2]))
    return pieces


def paragraph_diff(old_body: str | None, new_body: str | None) -> list[ParagraphChange]:
    """Paragraphs of `new_body` against `old_body`: same, added, removed or changed.

    In a block of replaced paragraphs the first min(n, m) are paired as
    changed (compared by character); the rest are added or removed.
    """
    a, b = paragraphs(old_body), paragraphs(new_body)
    out: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [ParagraphChange("same", p, p) for p in a[i1:i2]]
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for old, new in zip(a[i1:i1 + common], b[j1:j1 + common]):
            out.append(ParagraphChange("changed", old, new, char_diff(old, new)))
        out += [ParagraphChange("removed", old=p) for p in a[i1 + common:i2]]
        out += [ParagraphChange("added", new=p) for p in b[j1 + common:j2]]
    return out


def diff_summary(old_body: str, new_body: str) -> str:
    """e.g. "+1 -0 paragraphs, 2 changed; +35 -0 chars"."""
    changes = paragraph_diff(old_body, new_body)
    count = {kind: sum(c.kind == kind for c in changes) for kind in ("added", "removed", "changed")}
    len_a, len_b = sum(map(len, paragraphs(old_body))), sum(map(len, paragraphs(new_body)))
    return (f"+{count['added']} -{count['removed']} paragraphs, {count['changed']} changed;"
            f" {len_b - len_a:+d} chars ({len_a} -> {len_b})")
