"""Freeze the cleaner's outputs, or compare them with a frozen set: a speed change
must not change a single output.

    .venv/bin/python -m evaluation.snapshot before.json
    ... edit cleaning/ ...
    .venv/bin/python -m evaluation.snapshot after.json --compare before.json

Every page of the corpora (default: tests/fixtures/pages, heldout, heldout2 and
../shared/corpus/real) goes through `cleaning.clean_page`; its `to_full_dict()`
(or the error it raised) is stored per page. `--compare` lists each page whose
output differs, field by field, and exits 1 when any does.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from cleaning import clean_page
from evaluation.corpora import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = [
    ROOT / "tests" / "fixtures" / "pages",
    ROOT / "tests" / "fixtures" / "heldout",
    ROOT / "tests" / "fixtures" / "heldout2",
    ROOT.parent / "shared" / "corpus" / "real",
]
# Characters of a differing value shown per field.
SHOWN_CHARS = 200


def snapshot(corpora: list[Path]) -> dict[str, dict]:
    """page key (corpus directory / page id) -> the cleaner's full output, or its error."""
    out: dict[str, dict] = {}
    for root in corpora:
        for case in load(root):
            key = f"{root.name}/{case.corpus}/{case.page_id}"
            try:
                out[key] = clean_page(case.read(), url=case.url, http_charset=case.http_charset).to_full_dict()
            except Exception as err:  # noqa: BLE001 - an error is an output too
                out[key] = {"error": f"{type(err).__name__}: {err}"}
    return out


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    lines = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        lines.append(f"{key}: " + ("missing" if new is None else "new" if old is None else "differs"))
        for field in sorted(set(old or {}) | set(new or {})) if old and new else []:
            if old.get(field) != new.get(field):
                lines.append(f"  {field}: {repr(old.get(field))[:SHOWN_CHARS]} -> {repr(new.get(field))[:SHOWN_CHARS]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="JSON file to write the outputs to")
    parser.add_argument("corpora", type=Path, nargs="*", help="corpus directories (default: fixtures and real)")
    parser.add_argument("--compare", type=Path, help="a snapshot to compare with")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    corpora = args.corpora or [p for p in DEFAULT_CORPORA if p.is_dir()]
    outputs = snapshot(corpora)
    args.out.write_text(json.dumps(outputs, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    print(f"{len(outputs)} pages -> {args.out}")
    if args.compare is None:
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    lines = differences(before, outputs)
    print("\n".join(lines) if lines else "identical")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
