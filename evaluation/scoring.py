"""Per-page scores and their aggregation per group (family / corpus folder).

Definitions (also printed under the table):

- body P/R/F1: bigram-multiset measures of `metrics.overlap` on the speeches'
  bodies joined by "\n" against the true body. Only pages whose truth has a
  non-empty body count; pages whose true body is empty (list and 404 pages)
  are scored by the speech count instead. `F1` is the macro average (mean of
  per-page F1); `microF1` pools the bigram counts of all pages.
- leaks: pages where any `must_not_contain` string is in any body.
- missing: pages where any `must_contain` string is in no body.
- title / date / count: exact-match accuracy over the pages whose truth gives
  that field. A date counts when the predicted date agrees at the precision
  the truth gives; real pages with an unknown or unusable truth date are out
  of the denominator, fixtures with a null date expect null.
- errors: pages on which the system raised; they are scored as empty output.
- empty: pages for which the system returned no speech (no body) at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evaluation import metrics
from evaluation.corpora import Case
from evaluation.systems import Output

SPEECH_FIELDS = ("title", "speaker", "occasion")
META_FIELDS = ("author", "site_name", "breadcrumbs", "tags")


@dataclass
class PageScore:
    overlap: metrics.Overlap | None = None  # None: no body truth
    leaks: list[str] | None = None  # None: no junk list
    missing: list[str] | None = None  # None: no must-contain list
    title_ok: bool | None = None
    date_ok: bool | None = None
    count_ok: bool | None = None
    speech_fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (right, total)
    meta_fields: dict[str, bool] = field(default_factory=dict)
    missing_lines: list[str] = field(default_factory=list)
    extra_lines: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float | None:
        return None if self.overlap is None else self.overlap.f1


def score_page(case: Case, out: Output) -> PageScore:
    truth = case.truth
    result = PageScore()
    predicted = "\n".join(out.bodies)
    if truth.body is not None and metrics.squeeze(truth.body):
        result.overlap = metrics.overlap(predicted, truth.body)
        result.missing_lines, result.extra_lines = metrics.line_diff(predicted, truth.body)
    if truth.must_not_contain:
        result.leaks = metrics.find_leaks(out.bodies, truth.must_not_contain)
    if truth.must_contain:
        result.missing = metrics.find_missing(out.bodies, truth.must_contain)
    if truth.title_given:
        result.title_ok = metrics.normalise_title(out.title) == metrics.normalise_title(truth.title)
    if truth.date_given:
        if truth.date is None:
            result.date_ok = out.published is None
        else:
            result.date_ok = metrics.date_matches(out.published, truth.date)
    if truth.speech_count is not None:
        result.count_ok = len(out.bodies) == truth.speech_count
    if truth.speeches and len(truth.speeches) == len(out.speeches):
        for name in SPEECH_FIELDS:
            right = sum(
                metrics.normalise_title(t.get(name)) == metrics.normalise_title(p.get(name))
                for t, p in zip(truth.speeches, out.speeches)
            )
            result.speech_fields[name] = (right, len(truth.speeches))
    for name in META_FIELDS:
        if name in truth.metadata:
            result.meta_fields[name] = _same(truth.metadata[name], out.metadata.get(name))
    return result


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, list) or isinstance(got, list):
        return list(expected or []) == list(got or [])
    return metrics.normalise_title(expected) == metrics.normalise_title(got)


@dataclass
class Summary:
    """Aggregated figures of one system over a set of pages."""

    pages: int = 0
    errors: int = 0
    empty: int = 0
    seconds: float = 0.0
    body_pages: int = 0
    precision_sum: float = 0.0
    recall_sum: float = 0.0
    f1_sum: float = 0.0
    pooled: metrics.Overlap = field(default_factory=lambda: metrics.Overlap(0, 0, 0))
    leak_pages: int = 0
    leak_checked: int = 0
    missing_pages: int = 0
    missing_checked: int = 0
    title: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    count: list[int] = field(default_factory=lambda: [0, 0])
    speech_fields: dict[str, list[int]] = field(default_factory=dict)
    meta_fields: dict[str, list[int]] = field(default_factory=dict)

    def add(self, out: Output, page: PageScore) -> None:
        self.pages += 1
        self.errors += out.error is not None
        self.empty += not out.bodies
        self.seconds += out.seconds
        if page.overlap is not None:
            self.body_pages += 1
            self.precision_sum += page.overlap.precision
            self.recall_sum += page.overlap.recall
            self.f1_sum += page.overlap.f1
            self.pooled = self.pooled + page.overlap
        if page.leaks is not None:
            self.leak_checked += 1
            self.leak_pages += bool(page.leaks)
        if page.missing is not None:
            self.missing_checked += 1
            self.missing_pages += bool(page.missing)
        for slot, ok in ((self.title, page.title_ok), (self.date, page.date_ok), (self.count, page.count_ok)):
            if ok is not None:
                slot[0] += ok
                slot[1] += 1
        for name, (right, total) in page.speech_fields.items():
            slot = self.speech_fields.setdefault(name, [0, 0])
            slot[0] += right
            slot[1] += total
        for name, ok in page.meta_fields.items():
            slot = self.meta_fields.setdefault(name, [0, 0])
            slot[0] += ok
            slot[1] += 1

    def _mean(self, total: float) -> float | None:
        return total / self.body_pages if self.body_pages else None

    def to_dict(self) -> dict[str, Any]:
        def acc(slot: list[int]) -> dict[str, Any]:
            return {"right": slot[0], "total": slot[1], "accuracy": slot[0] / slot[1] if slot[1] else None}

        return {
            "pages": self.pages,
            "errors": self.errors,
            "empty": self.empty,
            "seconds": round(self.seconds, 3),
            "body_pages": self.body_pages,
            "precision": self._mean(self.precision_sum),
            "recall": self._mean(self.recall_sum),
            "f1": self._mean(self.f1_sum),
            "micro_precision": self.pooled.precision if self.body_pages else None,
            "micro_recall": self.pooled.recall if self.body_pages else None,
            "micro_f1": self.pooled.f1 if self.body_pages else None,
            "leak_pages": self.leak_pages if self.leak_checked else None,
            "leak_checked": self.leak_checked,
            "missing_pages": self.missing_pages if self.missing_checked else None,
            "missing_checked": self.missing_checked,
            "title": acc(self.title),
            "date": acc(self.date),
            "count": acc(self.count),
            "speech_fields": {k: acc(v) for k, v in self.speech_fields.items()},
            "meta_fields": {k: acc(v) for k, v in self.meta_fields.items()},
        }
