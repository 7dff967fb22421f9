"""Search latency at a million speeches (issue 12's target: p95 < 50 ms), run by hand.

    .venv/bin/python benchmarks/bench_search.py [-n 1000000] [--dir /tmp/bench_search] [--reuse]

Ingesting a million speeches through `Archive.ingest` takes hours on two cores
(benchmarks/bench_archive.py measures that path up to 100k), so this benchmark
builds its archive another way and says so: the `speeches` rows are written
straight into a fresh archive's table (same schema, same texts as
bench_archive.py's generator: seed-page clauses, lightly mutated, 10 % reposts
and near-copies, about 2,700 characters each), with no pages, captures or
dedup rows, which search never reads. The search index is then built by the
real indexer (`archive.indexer.index_pending`, the code a crawl runs), so the
index and the watermark are exactly what an archive of that size holds.

Prints, for the queries of bench_archive.py (two-character words,
four-character phrases, two-word ANDs), p50/p95/max through
`archive.search.search` (what the CLI and Datasette run) with everything
indexed and with `TAIL_LIMIT` speeches left to the scan; and, as the baseline
measured in the same run, one plain substring scan (`instr` over every title
and body) per query kind, with the ratio. `--reuse` skips the build and
measures the archive already in `--dir`.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tqdm import tqdm  # noqa: E402

from archive import Archive  # noqa: E402
from archive.indexer import INDEX_BATCH, index_pending, tail_size  # noqa: E402
from bench_archive import QUERIES, bench_fts, db_bytes, generate  # noqa: E402

# Speeches per transaction while the table is filled.
BUILD_BATCH = 20_000
# Speech text: paragraphs joined as cleaning.model.Speech.text joins them.
PARAGRAPH_JOIN = "\n"


def build(path: Path, n: int, clauses: int) -> float:
    """Fill a fresh archive at `path` with `n` speeches and index them; seconds taken."""
    start = time.perf_counter()
    with Archive(path) as archive:
        conn = archive.db.conn
        rows = []
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        for i, (_url, title, paras, published) in enumerate(
                tqdm(generate(n, clauses), total=n, desc="speeches", unit="sp", mininterval=5)):
            body = PARAGRAPH_JOIN.join(paras)
            rows.append((i + 1, title, body, "市长", published, int(published[:4]), stamp, stamp, len(body)))
            if len(rows) == BUILD_BATCH:
                _insert(conn, rows)
        _insert(conn, rows)
        with tqdm(total=tail_size(archive.db), desc="indexing", unit="sp", mininterval=5) as bar:
            while True:
                done = index_pending(archive.db, INDEX_BATCH, limit=INDEX_BATCH)
                if not done:
                    break
                bar.update(done)
    return time.perf_counter() - start


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    with conn:
        conn.executemany(
            "insert into speeches (id, title, body, speaker, published, year, first_seen,"
            " last_changed, chars) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    rows.clear()


def substring_scan_ms(path: Path) -> dict[str, float]:
    """The baseline: one full substring scan per query kind (every word must occur)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    try:
        for label, queries in QUERIES.items():
            words = queries[-1].split()
            where = " and ".join("(instr(title, ?) or instr(body, ?))" for _ in words)
            args = [w for word in words for w in (word, word)]
            t = time.perf_counter()
            conn.execute(f"select id from speeches where {where} order by id desc", args).fetchall()
            out[label] = 1000 * (time.perf_counter() - t)
    finally:
        conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("--clauses", type=int, default=60, help="clauses per speech (~25 chars each)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench_search"))
    parser.add_argument("--reuse", action="store_true", help="measure the archive already in --dir")
    args = parser.parse_args()
    path = args.dir / "archive.db"
    if not args.reuse:
        shutil.rmtree(args.dir, ignore_errors=True)
        args.dir.mkdir(parents=True)
        seconds = build(path, args.n, args.clauses)
        print(f"built {args.n:,} speeches and their index in {seconds / 60:.1f} min")
    fts = bench_fts(path)
    scan = substring_scan_ms(path)
    speeches = fts["matches"]["speeches"]
    print(f"archive: {speeches:,} speeches, {db_bytes(path) / 1e9:.1f} GB;"
          f" '经济' is in {fts['matches']['经济']:,} of them")
    print("\n| query | state | p50 ms | p95 ms | max ms | target p95 | substring scan ms (baseline) | scan / p95 |")
    print("|---|---|---|---|---|---|---|---|")
    for state in ("indexed", "tail"):
        for label, figures in fts[state].items():
            ratio = scan[label] / figures["p95"] if figures["p95"] else float("inf")
            print(f"| {label} | {state} | {figures['p50']:.1f} | {figures['p95']:.1f} | {figures['max']:.1f}"
                  f" | < 50 | {scan[label]:,.0f} | {ratio:,.0f}x |")


if __name__ == "__main__":
    main()
