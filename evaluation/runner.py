"""Run the systems over the cases and collect per-page and per-group scores."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evaluation.corpora import Case
from evaluation.scoring import PageScore, Summary, score_page
from evaluation.systems import SYSTEMS, Output, run, system

if TYPE_CHECKING:
    from cleaning.options import CleanerOptions

logger = logging.getLogger(__name__)

OVERALL = "overall"


@dataclass
class PageRecord:
    case: Case
    outputs: dict[str, Output] = field(default_factory=dict)
    scores: dict[str, PageScore] = field(default_factory=dict)


@dataclass
class Evaluation:
    systems: list[str]
    pages: list[PageRecord] = field(default_factory=list)
    # (corpus, group) -> system -> Summary; group OVERALL is the corpus total,
    # corpus OVERALL the total of everything.
    summaries: dict[tuple[str, str], dict[str, Summary]] = field(default_factory=dict)

    def summary(self, corpus: str, group: str, system: str) -> Summary:
        return self.summaries[(corpus, group)][system]

    def rows(self) -> list[tuple[str, str]]:
        """(corpus, group) keys in display order: groups, then the corpus total, then the grand total."""
        corpora: dict[str, list[str]] = {}
        for corpus, group in self.summaries:
            if corpus != OVERALL and group != OVERALL:
                corpora.setdefault(corpus, []).append(group)
        keys: list[tuple[str, str]] = []
        for corpus, groups in corpora.items():
            keys.extend((corpus, g) for g in groups)
            if len(groups) > 1:
                keys.append((corpus, OVERALL))
        if len(corpora) > 1:
            keys.append((OVERALL, OVERALL))
        return keys


def evaluate(
    cases: Iterable[Case],
    systems: list[str],
    progress: Callable[[int], None] | None = None,
    timeout: float | None = None,
    options: CleanerOptions | None = None,
) -> Evaluation:
    """Score every system on every case; a system raising on a page counts as an error there.
    `options`: the cleaner systems' rules and model (cleaning.options); the default files when None."""
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise ValueError(f"unknown system(s) {unknown}; known: {sorted(SYSTEMS)}")
    result = Evaluation(systems=list(systems))
    extractors = {name: system(name, options) for name in systems}
    for case in cases:
        record = PageRecord(case)
        for name in systems:
            out = run(extractors[name], case, timeout=timeout)
            if out.error:
                logger.warning("%s on %s/%s: %s", name, case.corpus, case.page_id, out.error)
            record.outputs[name] = out
            record.scores[name] = score_page(case, out)
            for key in ((case.corpus, case.group), (case.corpus, OVERALL), (OVERALL, OVERALL)):
                result.summaries.setdefault(key, {s: Summary() for s in systems})[name].add(out, record.scores[name])
            if progress:
                progress(1)
        result.pages.append(record)
    logger.info("evaluated %d pages with %s", len(result.pages), ", ".join(systems))
    return result


def badness(record: PageRecord, system: str) -> float:
    """How bad a page went for `system`: lower F1, errors, leaks and wrong fields rank first."""
    out, score = record.outputs[system], record.scores[system]
    value = 1.0 if score.f1 is None else score.f1
    value -= 1.0 if out.error else 0.0
    value -= 0.5 if score.leaks else 0.0
    value -= 0.3 if score.missing else 0.0
    value -= 0.3 if score.count_ok is False else 0.0
    value -= 0.1 if score.title_ok is False else 0.0
    value -= 0.1 if score.date_ok is False else 0.0
    return value


def page_dict(record: PageRecord) -> dict[str, Any]:
    case = record.case
    data: dict[str, Any] = {
        "corpus": case.corpus,
        "group": case.group,
        "page": case.page_id,
        "url": case.url,
        "kind": case.kind,
        "truth": {
            "title": case.truth.title if case.truth.title_given else None,
            "date": case.truth.date_raw,
            "speech_count": case.truth.speech_count,
        },
        "systems": {},
    }
    for name, out in record.outputs.items():
        score = record.scores[name]
        ov = score.overlap
        lines = [ln for body in out.bodies for ln in body.splitlines() if ln.strip()]
        data["systems"][name] = {
            "error": out.error,
            "seconds": round(out.seconds, 4),
            "encoding": out.encoding,
            "precision": ov.precision if ov else None,
            "recall": ov.recall if ov else None,
            "f1": ov.f1 if ov else None,
            "leaks": score.leaks,
            "missing": score.missing,
            "title": out.title,
            "title_ok": score.title_ok,
            "published": out.published,
            "date_ok": score.date_ok,
            "speech_count": len(out.bodies),
            "count_ok": score.count_ok,
            "no_speech_reason": out.no_speech_reason,
            "speech_titles": [s.get("title") for s in out.speeches],
            "meta_fields": score.meta_fields,
            "missing_lines": score.missing_lines,
            "extra_lines": score.extra_lines,
            # the ends of the output, where junk usually sits; read them where no truth exists
            "first_lines": [ln[:120] for ln in lines[:2]],
            "last_lines": [ln[:120] for ln in lines[-3:]] if len(lines) > 2 else [],
        }
    return data
