"""Pages per second of the full cleaner against bare trafilatura.extract.

Both are given the same raw bytes of the same pages, in the same process and
the same run: `cleaning.clean_page(bytes, url=..., http_charset=...)` (decode,
parse once, main content, junk removal, compilation split, metadata) and
`trafilatura.extract(bytes, url=...)` with its default options (text only),
and, as the floor no cleaner can beat, one bare lxml parse of the same bytes
(`lxml.html.document_fromstring(bytes)`, nothing else).
Pages are read into memory first; each repetition times one full pass per
system, the systems alternating which goes first; the figure is the median
pages/s over the repetitions. Time is the process's CPU time by default: on a
machine shared with other jobs, wall time counts their load too (`--clock wall`
for wall time). Targets: cleaner/trafilatura >= 3 (issue 9) and >= 5 on the
real corpus (issue 12); cleaner/lxml parse >= 0.2 (at most five parses' time).

    .venv/bin/python benchmarks/bench_cleaning.py [--reps 5] [--clock cpu|wall] [--fixtures DIR] [--real DIR] [--json]

Example: .venv/bin/python benchmarks/bench_cleaning.py --reps 5
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.corpora import Case, load  # noqa: E402

DEFAULT_FIXTURES = ROOT / "tests" / "fixtures" / "pages"
DEFAULT_REAL = ROOT.parent / "shared" / "corpus" / "real"

Page = tuple[bytes, Case]


def _cleaner() -> Callable[[bytes, Case], object]:
    from cleaning import clean_page

    return lambda data, case: clean_page(data, url=case.url, http_charset=case.http_charset)


def _trafilatura() -> Callable[[bytes, Case], object]:
    import trafilatura

    return lambda data, case: trafilatura.extract(data, url=case.url)


def _lxml_parse() -> Callable[[bytes, Case], object]:
    from lxml import html

    return lambda data, case: html.document_fromstring(data)


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def one_pass(func: Callable[[bytes, Case], object], pages: list[Page]) -> tuple[float, int]:
    """Seconds for one pass over `pages`, and how many pages raised (counted, not fatal)."""
    errors = 0
    start = clock()
    for data, case in pages:
        try:
            func(data, case)
        except Exception:  # noqa: BLE001 - a page that raises still took its time
            errors += 1
    return clock() - start, errors


def bench(pages: list[Page], reps: int, systems: dict[str, Callable[[bytes, Case], object]]) -> dict[str, dict]:
    names = list(systems)
    for name in names:  # warm-up: imports, rule files, lazy compiled patterns
        one_pass(systems[name], pages[: min(len(pages), 5)])
    times: dict[str, list[float]] = {n: [] for n in names}
    errors: dict[str, int] = {n: 0 for n in names}
    for rep in range(reps):
        order = names if rep % 2 == 0 else names[::-1]
        for name in order:
            seconds, errs = one_pass(systems[name], pages)
            times[name].append(seconds)
            errors[name] = max(errors[name], errs)
    result = {}
    for name in names:
        median = statistics.median(times[name])
        result[name] = {
            "pages": len(pages),
            "median_seconds": median,
            "pages_per_second": len(pages) / median if median else float("inf"),
            "runs_seconds": [round(t, 3) for t in times[name]],
            "errors": errors[name],
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="Example: .venv/bin/python benchmarks/bench_cleaning.py --reps 5")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per system (median is reported)")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES, help="fixture corpus directory")
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL, help="directory of real corpora")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                        help="cpu: this process's CPU time (default; other jobs' load does not count); wall: elapsed time")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
    logging.basicConfig(level=logging.WARNING)
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    sets: dict[str, list[Page]] = {}
    for label, root in (("fixtures", args.fixtures), ("real", args.real)):
        if root.is_dir():
            cases = load(root)
            sets[label] = [(c.read(), c) for c in cases]
        else:
            print(f"skipping {label}: {root} is not a directory", file=sys.stderr)
    if not sets:
        print("no pages to benchmark", file=sys.stderr)
        return 2
    systems = {"cleaner": _cleaner(), "trafilatura": _trafilatura(), "lxml_parse": _lxml_parse()}
    report = {}
    for label, pages in sets.items():
        size = sum(len(d) for d, _ in pages)
        report[label] = {"bytes": size, **bench(pages, args.reps, systems)}
        cleaner_pps = report[label]["cleaner"]["pages_per_second"]
        report[label]["ratio"] = cleaner_pps / report[label]["trafilatura"]["pages_per_second"]
        report[label]["parse_fraction"] = cleaner_pps / report[label]["lxml_parse"]["pages_per_second"]
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"{'corpus':10} {'pages':>6} {'MB':>6} {'cleaner p/s':>12} {'trafilatura p/s':>16} {'lxml parse p/s':>15} "
          f"{'ratio':>6} {'of parse':>9}  errors (cleaner/traf)")
    for label, r in report.items():
        c, t, x = r["cleaner"], r["trafilatura"], r["lxml_parse"]
        print(
            f"{label:10} {c['pages']:>6} {r['bytes'] / 1e6:>6.1f} {c['pages_per_second']:>12.1f} "
            f"{t['pages_per_second']:>16.1f} {x['pages_per_second']:>15.1f} {r['ratio']:>6.2f} {r['parse_fraction']:>9.3f}"
            f"  {c['errors']}/{t['errors']}"
        )
    print(f"median of {args.reps} passes per system, {args.clock} time; ratio = cleaner / trafilatura (targets: >= 3, issue 9; >= 5 on real pages, issue 12); "
          "of parse = cleaner / one bare lxml parse (target >= 0.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
