"""Text table and JSON document of an `Evaluation`."""
from __future__ import annotations

from typing import Any

from evaluation import scoring
from evaluation.runner import OVERALL, Evaluation, badness, page_dict
from evaluation.scoring import Summary

LEGEND = """\
P/R/F1: character-bigram multiset precision/recall/F1, all whitespace removed, speeches'
  bodies joined; mean over the pages whose truth has a non-empty body (macro);
  uF1 pools the bigram counts of those pages (micro). Empty-truth pages (list/404)
  are scored by `count` only.
leak: pages with a must_not_contain string in a body / pages that have such a list.
miss: pages with a must_contain string in no body / pages that have such a list.
title, date, count: exact-match accuracy where the truth gives the field (date at
  the truth's precision; unknown truth dates are left out; fixture null = expect null).
err: pages on which the system raised (scored as empty output); empty: pages with no speech."""


def _num(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def _frac(right: int | None, total: int) -> str:
    return "-" if not total or right is None else f"{right}/{total}"


def _acc(slot: dict[str, Any]) -> str:
    if not slot["total"]:
        return "-"
    return f"{100 * slot['accuracy']:.0f}% {slot['right']}/{slot['total']}"


def _label(corpus: str, group: str) -> str:
    if corpus == OVERALL:
        return "ALL PAGES"
    if group == OVERALL:
        return f"{corpus} (all)"
    return group


HEADER = ("group", "system", "pages", "err", "empty", "P", "R", "F1", "uF1", "leak", "miss", "title", "date", "count")


def table(evaluation: Evaluation) -> str:
    rows: list[tuple[str, ...]] = [HEADER]
    corpus_seen = None
    for corpus, group in evaluation.rows():
        if corpus != corpus_seen and corpus not in (OVERALL, group):
            rows.append((f"[{corpus}]",) + ("",) * (len(HEADER) - 1))
        corpus_seen = corpus
        for i, system in enumerate(evaluation.systems):
            s = evaluation.summary(corpus, group, system).to_dict()
            rows.append(
                (
                    _label(corpus, group) if i == 0 else "",
                    system,
                    str(s["pages"]),
                    str(s["errors"]),
                    str(s["empty"]),
                    _num(s["precision"]),
                    _num(s["recall"]),
                    _num(s["f1"]),
                    _num(s["micro_f1"]),
                    _frac(s["leak_pages"], s["leak_checked"]),
                    _frac(s["missing_pages"], s["missing_checked"]),
                    _acc(s["title"]),
                    _acc(s["date"]),
                    _acc(s["count"]),
                )
            )
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def field_table(evaluation: Evaluation) -> str:
    """Per-speech and page metadata fields (fixture corpora only), per corpus."""
    lines = []
    for corpus, group in evaluation.rows():
        if group != OVERALL and (corpus, OVERALL) in evaluation.rows():
            continue  # one line per corpus
        if corpus == OVERALL and len(lines) <= len(evaluation.systems):
            continue  # a single corpus has fields: its line is the total
        for system in evaluation.systems:
            s: Summary = evaluation.summary(corpus, group, system)
            if not s.speech_fields and not s.meta_fields:
                continue
            d = s.to_dict()
            cells = [f"speech.{k} {_acc(v)}" for k, v in d["speech_fields"].items()]
            cells += [f"{k} {_acc(v)}" for k, v in d["meta_fields"].items()]
            lines.append(f"{_label(corpus, group) if corpus != OVERALL else 'ALL'} [{system}]: " + ", ".join(cells))
    return "\n".join(lines)


def _some(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(repr(i[:40]) for i in items[:limit])
    return shown + (", ..." if len(items) > limit else "")


def worst(evaluation: Evaluation, system: str, count: int) -> str:
    flawed = [r for r in evaluation.pages if badness(r, system) < 0.9995 or r.scores[system].missing_lines]
    scored = sorted(flawed, key=lambda r: badness(r, system))[:count]
    lines = [f"Worst {len(scored)} pages for {system}:"]
    for record in scored:
        p = page_dict(record)
        s = p["systems"][system]
        head = f"- {p['corpus']}/{p['page']}"
        facts = []
        if s["error"]:
            facts.append(f"ERROR {s['error']}")
        if s["f1"] is not None:
            facts.append(f"F1 {s['f1']:.3f} (P {s['precision']:.3f} R {s['recall']:.3f})")
        if s["leaks"]:
            facts.append(f"leaked {len(s['leaks'])}: {_some(s['leaks'])}")
        if s["missing"]:
            facts.append(f"missing {len(s['missing'])}: {_some(s['missing'])}")
        if s["count_ok"] is False:
            facts.append(f"speeches {s['speech_count']} != {p['truth']['speech_count']} ({s['no_speech_reason']})")
        if s["title_ok"] is False:
            facts.append(f"title {s['title']!r} != {p['truth']['title']!r}")
        if s["date_ok"] is False:
            facts.append(f"date {s['published']!r} != {p['truth']['date']!r}")
        lines.append(head + ": " + "; ".join(facts))
        for line in s["missing_lines"][:3]:
            lines.append(f"    lost : {line[:90]}")
        for line in s["extra_lines"][:3]:
            lines.append(f"    extra: {line[:90]}")
    return "\n".join(lines)


def to_json(evaluation: Evaluation) -> dict[str, Any]:
    groups = []
    for corpus, group in evaluation.rows() or list(evaluation.summaries):
        groups.append(
            {
                "corpus": corpus,
                "group": group,
                "systems": {n: evaluation.summary(corpus, group, n).to_dict() for n in evaluation.systems},
            }
        )
    return {
        "definitions": scoring.__doc__,
        "systems": evaluation.systems,
        "groups": groups,
        "pages": [page_dict(r) for r in evaluation.pages],
    }
