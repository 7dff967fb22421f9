"""kill -9 of a process ingesting in a loop: the database stays sound and complete.

The child prints the number of each page only after `ingest` returned (the
transaction committed), or, in group-commit mode, after `ingest_many` of its
batch returned. After SIGKILL at an arbitrary moment the database
must pass `PRAGMA integrity_check` and the FTS5 integrity checks, hold every
page the child reported, and hold no half page (a page without its speech,
a speech without its version, source, hash or LSH bands).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from archive.minhash import PARAMS
from archive.search import search

CHILD = r"""
import random, sys
from archive import Archive, Fetch
from cleaning.model import Page, Speech
db, start, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with Archive(db) as archive:
    run = archive.start_run("test", ["crash"])
    i = start
    while True:
        items = []
        for i in range(i, i + batch):
            url = f"http://crash.example/{i}.html"
            rng = random.Random(i)  # distinct texts, so dedup keeps one speech per page
            body = ["".join(chr(0x4E00 + rng.randrange(5000)) for _ in range(60)) for _ in range(8)]
            body[0] = "关于招商引资:" + body[0]
            page = Page(url=url, title=f"讲话{i}", speeches=[Speech(f"讲话{i}", body)])
            items.append((Fetch(url, 200, {}, ("<html>%d</html>" % i).encode() * 50), page))
        if batch == 1:
            archive.ingest(*items[0], run)
        else:
            archive.ingest_many(items, run)
        # One line per batch: a kill never lands between two pages of a batch's report.
        print(" ".join(fetch.url.rsplit("/", 1)[1].split(".")[0] for fetch, _ in items), flush=True)
        i += 1
"""


def _run_and_kill(db: Path, start: int, rng: random.Random, batch: int) -> list[int]:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(start), str(batch)],
                            stdout=subprocess.PIPE, text=True)
    committed: list[int] = []
    target = rng.randint(20, 60)
    assert proc.stdout is not None
    while len(committed) < target:
        line = proc.stdout.readline()
        assert line, "child died before being killed"
        committed.extend(int(x) for x in line.split())
    time.sleep(rng.random() * 0.05)  # land somewhere inside a later transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed.extend(int(line) for line in proc.stdout.read().split())
    return committed


@pytest.mark.parametrize("batch", [1, 7], ids=["page-per-commit", "group-commit"])
def test_kill_9_leaves_a_sound_and_complete_database(tmp_path: Path, batch: int) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(1234)
    committed: list[int] = []
    for _ in range(3):  # kill, reopen, continue, kill again
        committed += _run_and_kill(db, (max(committed) + 1) if committed else 0, rng, batch)

    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")
    urls = {r[0] for r in conn.execute("select url from pages")}
    assert {f"http://crash.example/{i}.html" for i in committed} <= urls
    # Every page present is whole: one speech with one version, one source, its bands.
    pages = conn.execute("select count(*) from pages").fetchone()[0]
    assert pages >= len(committed)
    for table in ("speeches", "speech_versions", "speech_sources", "_speech_hashes"):
        assert conn.execute(f"select count(*) from {table}").fetchone()[0] == pages, table
    # Band rows live in `_lsh_bands` or, not yet moved, `_lsh_pending` (schema m013).
    bands = "(select band_key, speech_id from _lsh_bands union select band_key, speech_id from _lsh_pending)"
    assert conn.execute(f"select count(*) from {bands}").fetchone()[0] <= pages * PARAMS.bands
    assert conn.execute(f"select count(distinct speech_id) from {bands}").fetchone()[0] == pages
    hits = len(list(search(sqlite_utils.Database(conn), "招商引资", limit=None)))
    assert hits == pages
    # Run counters commit with their page: one counted page per fetch row. (A page
    # committed but killed before its print is ingested again by the next child.)
    runs = conn.execute("select count(*), sum(pages) from crawl_runs").fetchone()
    fetches = conn.execute("select count(*) from page_captures").fetchone()[0]
    # A batch is all or nothing: pages of a killed batch are absent, never partly there.
    assert pages % batch == 0
    assert runs[0] == 3 and runs[1] == fetches and pages <= fetches <= pages + 3 * batch
