"""Archive benchmark: ingest N synthetic speeches into a fresh archive (run by hand).

    .venv/bin/python benchmarks/bench_archive.py [--large | -n 20000] [--batch 100] [--clauses 60] [--dir /tmp/bench]

`--large` = `-n 100000`. 1,000,000 speeches (the issue's search target) is
`-n 1000000`, hours on two cores: by hand only.

Speeches are built from the clauses of the seed pages (../shared/seeds),
shuffled and lightly mutated, so their vocabulary and length look like the
real thing; 10% are reposts or near-duplicates of a recent speech (so the
dedup paths run). Prints:

- ingest speeches/s (`Archive.ingest` in `Archive.batch()`, `--batch` pages per
  group-commit transaction, `--batch 1` = one transaction per page; the CPU
  work `archive.prepare` done first in `--workers` processes, as the crawler's
  cleaning workers do, or by `ingest` itself with `--workers 0`; timed around the calls
  and the run's end, so the search indexer, which runs after a commit once
  `indexer.TAIL_LIMIT` speeches are unindexed and at the run's end, is
  included), per tenth of N (sustained?), against a baseline measured in the
  same run: the same rows written with plain sqlite-utils, one `insert` per
  transaction, WAL; then the ingest time split by stage (capture, dedup,
  index, commit, the rest), and the bytes the writer wrote per page (WAL and
  checkpoints: a figure the machine's load does not move); and the share of the
  machine other jobs took meanwhile (benchmarks/machine_load.py): past
  BUSY_SHARE the speeches/s are the load's, while the writer's own CPU rate
  and the bytes written still compare;
- near-duplicate lookup per speech at N (MinHash of the text, then LSH
  candidates and the Jaccard check), for unseen texts and for near-copies;
- search p50/p95 at N for two-character words, four-character phrases and
  two-word ANDs, through `archive.search.search` (what the CLI and Datasette
  run), with everything indexed and again with the longest tail the indexer
  leaves (`TAIL_LIMIT` speeches scanned);
- database bytes per speech (and for the baseline), split by table (dbstat);
- a closing table: each figure, its target, the baseline.
"""
from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import time
from collections import deque
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402
from machine_load import BUSY_SHARE, OtherJobs  # noqa: E402
from tqdm import tqdm  # noqa: E402

from archive import Archive, Fetch  # noqa: E402
from archive.dedup import Fingerprint, find_duplicate  # noqa: E402
from archive.indexer import TAIL_LIMIT  # noqa: E402
from archive.prepare import Prepared, prepare  # noqa: E402
from archive.search import search  # noqa: E402
from cleaning.model import Page, Speech  # noqa: E402

# ../shared/seeds beside the checkout (read by benchmarks only, never by tests)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PROMO = "下面是小编为大家整理的讲话稿,供大家参考。"


def clause_pool() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    clauses = {c.strip() for c in re.split(r"[。;;!?\n]", text)}
    return sorted(c for c in clauses if 8 <= len(c) <= 120)


def make_speech(rng: random.Random, pool: list[str], clauses: int) -> list[str]:
    picked = rng.sample(pool, clauses)
    # Mutate a few characters per clause so that speeches are distinct texts.
    out = []
    for c in picked:
        chars = list(c)
        for _ in range(max(1, len(chars) // 12)):
            chars[rng.randrange(len(chars))] = chr(0x4E00 + rng.randrange(6000))
        out.append("".join(chars) + "。")
    return ["".join(out[i : i + 5]) for i in range(0, len(out), 5)]


def variant(rng: random.Random, paras: list[str]) -> list[str]:
    kind = rng.randrange(3)
    if kind == 0:
        return list(paras)  # repost
    if kind == 1 and len(paras) > 3:
        drop = rng.randrange(1, len(paras) - 1)
        return [p for i, p in enumerate(paras) if i != drop]
    return [PROMO] + list(paras)


def page_html(title: str, paras: list[str]) -> bytes:
    nav = "".join(f'<a href="/c{i}/">栏目{i}</a>' for i in range(30))
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head><title>{title}_77范文网</title></head><body><div>{nav}</div>"
            f"<h1>{title}</h1><div class=content>{body}</div><div>猜你喜欢 推荐访问 "
            f"Copyright © 77范文网</div></body></html>").encode("utf-8")


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def generate(n: int, clauses: int, seed: int = 1):
    rng = random.Random(seed)
    pool = clause_pool()
    recent: deque[list[str]] = deque(maxlen=1000)
    for i in range(n):
        if recent and rng.random() < 0.10:
            paras = variant(rng, rng.choice(recent))
        else:
            paras = make_speech(rng, pool, clauses)
            recent.append(paras)
        title = f"在第{i}次全市工作会议上的讲话"
        url = f"http://site{i % 50}.example/a/{i}.html"
        yield url, title, paras, f"{2015 + i % 10}-0{1 + i % 9}-1{i % 10}"


def page_items(n: int, clauses: int) -> Iterator[tuple[Fetch, Page]]:
    for url, title, paras, published in generate(n, clauses):
        page = Page(url=url, title=title, published=published,
                    speeches=[Speech(title, paras, "市长")])
        fetch = Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"},
                      page_html(title, paras))
        yield fetch, page


# Pages handed to the prepare workers at a time.
PREPARE_CHUNK = 1000


def prepared_item(item: tuple[Fetch, Page]) -> tuple[Fetch, Page, Prepared]:
    """In a worker process: what the crawler's cleaning workers do before the writer."""
    return (*item, prepare(*item))


def prepared_items(n: int, clauses: int, workers: int) -> Iterator[tuple[Fetch, Page, Prepared | None]]:
    """(fetch, page, prepared) in order; prepared in `workers` processes (0: None, ingest prepares)."""
    if not workers:
        yield from ((fetch, page, None) for fetch, page in page_items(n, clauses))
        return
    items = page_items(n, clauses)
    with multiprocessing.get_context("forkserver").Pool(workers) as pool:
        # Two chunks in flight at most (Pool.imap would read every page ahead into memory).
        ahead = None
        while chunk := list(itertools.islice(items, PREPARE_CHUNK)):
            started = pool.map_async(prepared_item, chunk, chunksize=32)
            if ahead is not None:
                yield from ahead.get()
            ahead = started
        if ahead is not None:
            yield from ahead.get()


def written_bytes() -> int | None:
    """Bytes this process has passed to write() so far (/proc/self/io `wchar`); None without /proc.

    Around the writer's calls: its WAL appends and checkpoints. Unlike time, it
    does not depend on the machine's load.
    """
    try:
        with open("/proc/self/io", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("wchar:"))
    except (OSError, StopIteration, ValueError):
        return None


def bench_ingest(path: Path, n: int, clauses: int, batch: int = 100, workers: int = 0) -> dict:
    totals = {"new_speeches": 0, "new_sources": 0}
    spent = cpu = 0.0  # seconds in the writer's calls: wall clock, and its own CPU time
    written = 0  # bytes the writer's calls wrote (None: not measurable here)
    done = 0
    tenths: list[float] = []  # seconds spent per tenth of n
    wall = time.perf_counter()
    others = OtherJobs(own_children=True)  # the prepare workers are this process's own
    with Archive(path, timings=True) as archive:
        run = archive.start_run("benchmark", ["synthetic"])
        pending: list[tuple[Fetch, Page, Prepared | None]] = []

        def flush() -> None:
            nonlocal spent, done, cpu, written
            t, c, w = time.perf_counter(), time.process_time(), written_bytes()
            with archive.batch():
                results = [archive.ingest(fetch, page, run, prepared=prepared)
                           for fetch, page, prepared in pending]
            spent += time.perf_counter() - t
            cpu += time.process_time() - c
            after = written_bytes()
            written = None if w is None or after is None or written is None else written + after - w
            done += len(pending)
            while done * 10 >= n * (len(tenths) + 1) and len(tenths) < 10:
                tenths.append(spent - sum(tenths))
            for result in results:
                totals["new_speeches"] += result.new_speeches
                totals["new_sources"] += result.new_sources
            pending.clear()

        for item in tqdm(prepared_items(n, clauses, workers), total=n, desc="archive",
                         disable=not sys.stderr.isatty(), mininterval=2):
            pending.append(item)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
        t, c, w = time.perf_counter(), time.process_time(), written_bytes()
        archive.finish_run(run, "ok", totals, 0)  # indexes what is left
        spent += time.perf_counter() - t
        cpu += time.process_time() - c
        after = written_bytes()
        written = None if w is None or after is None or written is None else written + after - w
        stages = dict(archive.timings or {})
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    others.done()
    return {"seconds": spent, "cpu": cpu, "written": written, "wall": time.perf_counter() - wall,
            "stages": stages, "others_share": others.share,
            "tenths": tenths, **totals}


def bench_baseline(path: Path, n: int, clauses: int) -> dict[str, float]:
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    table = db["speeches"]
    table.create({"id": int, "url": str, "title": str, "body": str, "published": str,
                  "html": bytes}, pk="id")
    spent = 0.0
    for url, title, paras, published in tqdm(generate(n, clauses), total=n, desc="baseline",
                                             disable=not sys.stderr.isatty(), mininterval=2):
        row = {"url": url, "title": title, "body": "\n".join(paras), "published": published,
               "html": page_html(title, paras)}
        t = time.perf_counter()
        table.insert(row)  # its own transaction, like one ingest per page
        spent += time.perf_counter() - t
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"seconds": spent}


def bench_lookup(path: Path, clauses: int, samples: int = 500) -> dict[str, float]:
    rng = random.Random(99)
    pool = clause_pool()
    fresh = [make_speech(rng, pool, clauses) for _ in range(samples)]
    with Archive(path) as archive:
        ids = [r[0] for r in archive.db.execute("select id from speeches order by random() limit ?",
                                                [samples])]
        stored = [archive.db.execute("select body from speeches where id = ?", [i]).fetchone()[0]
                  for i in ids]
        near = ["\n".join(variant(rng, body.split("\n"))[:-1]) for body in stored]
        out: dict[str, float] = {}
        Fingerprint("预热").band_keys  # noqa: B018 - draws the MinHash permutations once, untimed
        for label, texts in (("unseen", ["\n".join(p) for p in fresh]), ("near-copy", near)):
            fp_time = look_time = 0.0
            found = 0
            for text in texts:
                t0 = time.perf_counter()
                fp = Fingerprint(text)
                fp.band_keys  # noqa: B018 - MinHash + band keys
                t1 = time.perf_counter()
                match = find_duplicate(archive.db, fp)
                t2 = time.perf_counter()
                fp_time += t1 - t0
                look_time += t2 - t1
                found += match is not None
            out[f"{label}_minhash_ms"] = 1000 * fp_time / len(texts)
            out[f"{label}_lookup_ms"] = 1000 * look_time / len(texts)
            out[f"{label}_found"] = found / len(texts)
    return out


QUERIES = {
    "2-char word": ["经济", "招商", "项目", "发展", "改革", "安全", "防汛", "脱贫"],
    "4-char phrase": ["营商环境", "招商引资", "项目建设", "脱贫攻坚", "乡村振兴", "安全生产"],
    "two words": ["经济 招商", "项目 改革", "营商环境 安全", "脱贫攻坚 乡村振兴"],
}


def _time_queries(db: sqlite_utils.Database, rounds: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for label, qs in QUERIES.items():
        times = []
        for _ in range(rounds):
            for q in qs:
                t = time.perf_counter()
                list(search(db, q, limit=20))
                times.append(1000 * (time.perf_counter() - t))
        times.sort()
        out[label] = {"p50": statistics.median(times),
                      "p95": times[min(len(times) - 1, int(0.95 * len(times)))],
                      "max": times[-1]}
    return out


def bench_fts(path: Path, rounds: int = 3) -> dict[str, dict]:
    """Search latency indexed, then with TAIL_LIMIT speeches left to the scan."""
    with Archive(path) as archive:
        archive.index()
        t = time.perf_counter()  # once per process: the text check's table of folds
        list(search(archive.db, "营商环境", limit=20))
        out: dict[str, dict] = {"first query": {"ms": 1000 * (time.perf_counter() - t)},
                                "indexed": _time_queries(archive.db, rounds)}
        # The longest tail a crawl leaves: the watermark moved back in a
        # transaction that is rolled back (nothing is written).
        archive.db.execute("BEGIN IMMEDIATE")
        try:
            archive.db.execute("update search_index_state set indexed_to = indexed_to - ?",
                               [TAIL_LIMIT])
            out["tail"] = _time_queries(archive.db, rounds)
        finally:
            archive.db.execute("ROLLBACK")
        total = archive.db.execute("select count(*) from speeches").fetchone()[0]
        matches = len(list(search(archive.db, "经济", limit=None)))
        out["matches"] = {"经济": matches, "speeches": total}
    return out


def table_bytes(path: Path) -> dict[str, int]:
    """Bytes per table with its indexes (FTS5 shadow tables under their index), from dbstat."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "select coalesce(m.tbl_name, d.name), sum(d.pgsize) from dbstat d"
            " left join sqlite_master m on m.name = d.name group by 1").fetchall()
    finally:
        conn.close()
    out: dict[str, int] = {}
    for name, size in rows:
        for fts in ("speeches_bigrams", "speeches_fts"):
            if name.startswith(fts + "_"):
                name = fts
        out[name] = out.get(name, 0) + size
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--large", action="store_true", help="-n 100000")
    parser.add_argument("--batch", type=int, default=100,
                        help="pages per group-commit transaction (1 = one transaction per page)")
    parser.add_argument("--clauses", type=int, default=60, help="clauses per speech (~25 chars each)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes running archive.prepare before the writer, as the crawler's"
                             " cleaning workers do (0 = Archive.ingest prepares, one process)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench_archive"))
    parser.add_argument("--measure-only", action="store_true",
                        help="reuse the archive in --dir (migrating it); only lookup, FTS and size")
    args = parser.parse_args()
    if args.large:
        args.n = 100_000
    arch_path, base_path = args.dir / "archive.db", args.dir / "baseline.db"
    if args.measure_only:
        Archive(arch_path).close()  # apply pending migrations before timing anything
        lookup = bench_lookup(arch_path, args.clauses)
        fts = bench_fts(arch_path)
        report(args, arch_path, base_path, None, None, lookup, fts)
        return
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    ingest = bench_ingest(arch_path, args.n, args.clauses, args.batch, args.workers)
    base = bench_baseline(base_path, args.n, args.clauses)
    lookup = bench_lookup(arch_path, args.clauses)
    fts = bench_fts(arch_path)
    report(args, arch_path, base_path, ingest, base, lookup, fts)


def report(args: argparse.Namespace, arch_path: Path, base_path: Path, ingest: dict | None,
           base: dict | None, lookup: dict, fts: dict) -> None:
    with Archive(arch_path) as archive:
        speeches = archive.db.execute("select count(*) from speeches").fetchone()[0]
        chars = archive.db.execute("select avg(chars) from speeches").fetchone()[0]
        null_bodies = archive.db.execute(
            "select count(*) from speech_versions where body is null").fetchone()[0]
    closing: list[tuple[str, str, str, str]] = []  # figure, measured, target, baseline
    if ingest and base:
        rate, base_rate = args.n / ingest["seconds"], args.n / base["seconds"]
        print(f"N={args.n} pages, {speeches} speeches after dedup "
              f"({ingest['new_sources']} merged as sources), mean {chars:.0f} chars per speech")
        where = (f"archive.prepare in {args.workers} worker processes, the writer's time"
                 if args.workers else "Archive.ingest prepares, one process")
        print(f"ingest:   {rate:,.0f} speeches/s ({where}; wall {args.n / ingest['wall']:,.0f}/s"
              f" incl. text generation)   target >= 1,000 (goal 2,000)")
        print(f"baseline: {base_rate:,.0f} rows/s plain sqlite-utils insert per transaction;"
              f" archive/baseline = {rate / base_rate:.2f}")
        unindexed = args.n / (ingest["seconds"] - ingest["stages"].get("index", 0.0))
        print(f"          {args.n / ingest['cpu']:,.0f} speeches/s of the writer's own CPU time"
              f" (other processes on the cores excluded); {unindexed:,.0f} speeches/s without the"
              f" search indexer's work (search scans what is not indexed)")
        busy = ingest["others_share"] > BUSY_SHARE
        print(f"          other jobs took {ingest['others_share']:.0%} of the machine during the ingest"
              + (f" (over {BUSY_SHARE:.0%}: the speeches/s above are the load's, not comparable;"
                 " the writer's own CPU rate and the KB written are)" if busy else ""))
        if ingest["written"] is not None:
            print(f"          the writer wrote {ingest['written'] / args.n / 1024:,.0f} KB per page"
                  " (WAL appends and checkpoints, /proc/self/io; independent of the machine's load)")
        per_tenth = [args.n / 10 / t for t in ingest["tenths"] if t > 0]
        print("ingest per tenth of N, speeches/s: " + " ".join(f"{r:,.0f}" for r in per_tenth))
        stages = dict(ingest["stages"])
        stages["rest (pages, speeches, versions, sources rows)"] = (
            ingest["seconds"] - sum(stages.values()))
        print(f"ingest stages, ms per page (--batch {args.batch} pages per commit):")
        for name, seconds in stages.items():
            print(f"  {name:48} {1000 * seconds / args.n:6.3f} ms"
                  f"  ({seconds / ingest['seconds']:.0%})")
        closing.append((f"ingest speeches/s at {args.n:,}", f"{rate:,.0f}"
                        f" (tenths {min(per_tenth):,.0f}-{max(per_tenth):,.0f};"
                        f" writer CPU {args.n / ingest['cpu']:,.0f}; no indexer {unindexed:,.0f})",
                        ">= 1,000 (2,000)", f"{base_rate:,.0f} plain insert ({rate / base_rate:.2f})"))
    else:
        print(f"existing archive: {speeches} speeches, mean {chars:.0f} chars per speech")
    for label in ("unseen", "near-copy"):
        print(f"near-dup {label:9}: MinHash {lookup[label + '_minhash_ms']:.2f} ms + LSH lookup and"
              f" Jaccard check {lookup[label + '_lookup_ms']:.2f} ms per speech"
              f" (found {lookup[label + '_found']:.0%})   target < 2 ms")
    for state in ("indexed", "tail"):
        what = "all indexed" if state == "indexed" else f"{TAIL_LIMIT:,} unindexed speeches scanned"
        for label, figures in fts[state].items():
            print(f"search {label:13} ({what}): p50 {figures['p50']:.1f} ms"
                  f"  p95 {figures['p95']:.1f} ms  max {figures['max']:.1f} ms   target p95 < 50 ms")
            closing.append((f"search p95 {label}, {what}", f"{figures['p95']:.1f} ms",
                            "< 50 ms", ""))
    print(f"search: first query of the process (builds the fold table) {fts['first query']['ms']:.0f} ms")
    print(f"search: '经济' matches {fts['matches']['经济']} of {fts['matches']['speeches']} speeches")
    a_bytes = db_bytes(arch_path)
    line = f"size: {a_bytes / speeches:,.0f} bytes per speech ({a_bytes / 1e6:,.1f} MB)"
    base_line = ""
    if base_path.exists():
        b_bytes = db_bytes(base_path)
        base_line = f"{b_bytes / args.n / 1024:,.1f} KB per plain row"
        line += f"; baseline {b_bytes / args.n:,.0f} bytes per row; ratio {a_bytes / b_bytes:.2f}"
    print(line)
    tables = table_bytes(arch_path)
    print("size by table, bytes per speech: " + ", ".join(
        f"{name} {size / speeches:,.0f}" for name, size in
        sorted(tables.items(), key=lambda kv: -kv[1]) if size / speeches >= 50))
    print(f"version rows holding no body copy (their text is the speech's current one): {null_bodies}")
    closing.append(("database KB per speech", f"{a_bytes / speeches / 1024:,.1f}", "<= 25", base_line))
    print("\n| figure | measured | target | baseline (same run) |\n|---|---|---|---|")
    for row in closing:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
