"""Scoring primitives of the cleaning evaluation.

Body text is scored on the multiset of character bigrams with all whitespace
removed (docs/ground-truth.md): the measure ignores line breaks and
indentation, which differ between annotators, and needs no Chinese word
segmentation. Dates are compared at the precision the truth gives.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")
# "2005-5-7 21:23:57", "2018", "1998-3", "2023-11-17T00:00:00": year, then optional month, day.
_TRUTH_DATE = re.compile(r"^\s*(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?")


def squeeze(text: str) -> str:
    """The text with every whitespace character removed (U+3000 and NBSP included)."""
    return _WHITESPACE.sub("", text)


def bigrams(text: str) -> Counter[str]:
    """Multiset of character bigrams of `text` once whitespace is removed.

    A one-character text counts as one unigram so that it is not scored as empty.
    """
    chars = squeeze(text)
    if len(chars) == 1:
        return Counter([chars])
    return Counter(chars[i : i + 2] for i in range(len(chars) - 1))


@dataclass(frozen=True)
class Overlap:
    """Bigram counts of one prediction against one truth."""

    common: int  # size of the multiset intersection
    predicted: int  # bigrams in the prediction
    expected: int  # bigrams in the truth

    @property
    def precision(self) -> float:
        return _ratio(self.common, self.predicted, self.expected)

    @property
    def recall(self) -> float:
        return _ratio(self.common, self.expected, self.predicted)

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(
            self.common + other.common,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )


def _ratio(common: int, denominator: int, other: int) -> float:
    # Both sides empty is a perfect answer; one side empty scores 0 on both measures.
    if denominator == 0:
        return 1.0 if other == 0 else 0.0
    return common / denominator


def f1_of(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def overlap(predicted: str, expected: str) -> Overlap:
    """Bigram-multiset overlap of a predicted body against the true body."""
    pred, truth = bigrams(predicted), bigrams(expected)
    common = sum((pred & truth).values())
    return Overlap(common, sum(pred.values()), sum(truth.values()))


def normalise_title(title: str | None) -> str | None:
    """Whitespace runs collapsed to one space, ends stripped; None and "" are None."""
    if title is None:
        return None
    text = _WHITESPACE.sub(" ", title).strip()
    return text or None


def parse_truth_date(text: str | None) -> tuple[int, ...] | None:
    """(year[, month[, day]]) of a loose truth date, None if it holds no date.

    "UNKNOWN", its typo "UNKNWON", an empty file and a name written in the date
    field all return None: such pages are left out of the date denominator.
    """
    if not text:
        return None
    match = _TRUTH_DATE.match(text)
    if not match:
        return None
    parts = tuple(int(p) for p in match.groups() if p is not None)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def date_matches(predicted: str | None, truth: tuple[int, ...]) -> bool:
    """True if the predicted date agrees with the truth at the truth's precision."""
    parsed = parse_truth_date(predicted)
    if parsed is None or len(parsed) < len(truth):
        return False
    return parsed[: len(truth)] == truth


def find_leaks(bodies: list[str], junk: list[str]) -> list[str]:
    """The junk strings found in any body (whitespace ignored on both sides)."""
    squeezed = [squeeze(b) for b in bodies]
    return [j for j in junk if squeeze(j) and any(squeeze(j) in b for b in squeezed)]


def find_missing(bodies: list[str], phrases: list[str]) -> list[str]:
    """The phrases found in no body (whitespace ignored on both sides)."""
    squeezed = [squeeze(b) for b in bodies]
    return [p for p in phrases if squeeze(p) and not any(squeeze(p) in b for b in squeezed)]


def line_diff(predicted: str, expected: str, limit: int = 5) -> tuple[list[str], list[str]]:
    """Truth lines absent from the prediction and predicted lines absent from the truth.

    Used only to explain a score (worst pages), never to compute one.
    """
    pred_all, truth_all = squeeze(predicted), squeeze(expected)
    missing = [ln.strip() for ln in expected.splitlines() if squeeze(ln) and squeeze(ln) not in pred_all]
    extra = [ln.strip() for ln in predicted.splitlines() if squeeze(ln) and squeeze(ln) not in truth_all]
    return missing[:limit], extra[:limit]
