"""List the junk strings the cleaner leaks into bodies on a fixture folder, grouped by kind.

    .venv/bin/python -m evaluation.leaks tests/fixtures/heldout2 [--json]

A leak is a `must_not_contain` string found in a speech body (whitespace ignored,
the evaluator's rule). The kind comes from the fixture's optional `junk_kinds`
map (tools/build_heldout2.py writes it); without it every leak is "unlabelled".
Also lists non-article pages (kind list/about) that yielded a speech, and
wrong publication dates.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from evaluation import evaluate, load


def leaks_by_kind(folder: Path) -> dict:
    """{"by_kind": {kind: [(page, string)]}, "junk": n, "leaked": n, "non_article_speeches": [...], "dates_wrong": [...]}."""
    ev = evaluate(load(folder), ["cleaner"])
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    non_article, dates_wrong = [], []
    for rec in ev.pages:
        case, out, score = rec.case, rec.outputs["cleaner"], rec.scores["cleaner"]
        meta = json.loads(case.path.with_suffix(".json").read_text(encoding="utf-8"))
        kinds = meta.get("junk_kinds") or {}
        if case.kind == "single":
            for junk in case.truth.must_not_contain:
                totals[kinds.get(junk, "unlabelled")] += 1
            leaked = score.leaks or []
            # A short string counts once: not again when it is part of a longer leaked string ("回复" in a follow line).
            for junk in [j for j in leaked if not any(j != k and j in k for k in leaked)]:
                by_kind[kinds.get(junk, "unlabelled")].append((case.page_id, junk))
        elif out.bodies:
            non_article.append(case.page_id)
        if score.date_ok is False:
            dates_wrong.append((case.page_id, str(out.published), case.truth.date_raw))
    return {"by_kind": dict(by_kind), "totals": dict(totals), "junk": sum(totals.values()),
            "leaked": sum(len(v) for v in by_kind.values()), "non_article_speeches": non_article,
            "dates_wrong": dates_wrong}


def article_rows(folder: Path) -> list[dict]:
    """One row per page of a fixture folder: what the cleaner gave and how it scored (for the held-out tests)."""
    ev = evaluate(load(folder), ["cleaner"])
    rows = []
    for rec in ev.pages:
        out, score = rec.outputs["cleaner"], rec.scores["cleaner"]
        meta = json.loads(rec.case.path.with_suffix(".json").read_text(encoding="utf-8"))
        rows.append({"page": rec.case.page_id, "kind": rec.case.kind, "error": out.error, "bodies": out.bodies,
                     "f1": score.f1, "recall": score.overlap.recall if score.overlap else None,
                     "published": out.published, "comment_dates": meta.get("comment_dates") or [],
                     "comments": [j for j, k in (meta.get("junk_kinds") or {}).items() if k.startswith("comment")]})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder}: not a directory", file=sys.stderr)
        return 2
    result = leaks_by_kind(args.folder)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{args.folder}: {result['leaked']} of {result['junk']} junk strings leaked on article pages")
    for kind in sorted(result["totals"], key=lambda k: (-len(result["by_kind"].get(k, [])), k)):
        hits = result["by_kind"].get(kind, [])
        print(f"\n[{kind}] {len(hits)}/{result['totals'][kind]}")
        for page, junk in hits:
            print(f"  {page}: {junk}")
    print(f"\nnon-article pages with a speech: {result['non_article_speeches'] or 'none'}")
    print(f"wrong dates (page, got, truth): {result['dates_wrong'] or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
