"""The search indexer (archive.indexer) and search while it lags: real processes, a real file.

Search must equal a substring scan of the committed speeches at every moment:
while another process ingests (and indexes in batches as it goes), and after
a kill -9 of the ingesting process or of the indexer, before and after the
index is brought up to date again.
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

import sqlite_utils

from archive import Archive
from archive.search import search
from archive.textnorm import fold

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["经济", "招商引资", "营商 环境", "汛", "gdp", "6.5", "高质量发展 安全", "ＧＤＰ增长", "不存在的词"]

# Ingests pages in batches; every fifth page rewrites an earlier page (a new
# version: the speech becomes stale in the index). `index_tail` small, so the
# indexer runs many times during the ingest. Prints each batch once committed.
INGEST = r"""
import random, sys
from archive import Archive, Fetch
from cleaning.model import Page, Speech
db, start, count, tail = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
PHRASES = ["经济工作要稳字当头", "招商引资要有新突破", "营商环境持续优化", "防汛抗旱责任重大",
           "GDP增长6.5%", "ＧＤＰ增长", "高质量发展是首要任务", "确保安全度汛", "乡村振兴", "环境保护"]
rng = random.Random(start)
with Archive(db) as archive:
    archive.index_tail = tail
    for first in range(start, start + count, 10):
        items = []
        for i in range(first, min(first + 10, start + count)):
            n = rng.randrange(max(i, 1)) if i % 5 == 4 else i  # a rewrite of an earlier page
            filler = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(80))
            paras = [f"第{i}稿。" + "，".join(rng.sample(PHRASES, 3)) + "。", filler + "。"]
            url = f"http://idx.example/{n}.html"
            title = f"在第{n}次会议上的讲话"
            items.append((Fetch(url, 200, {}, f"{url}{i}".encode()),
                          Page(url=url, title=title, speeches=[Speech(title, paras)])))
        archive.ingest_many(items)
        print(first, flush=True)
"""

# Brings the index up to date in small transactions, printing after each.
INDEX = r"""
import sys
from archive import Archive
from archive.indexer import index_pending
with Archive(sys.argv[1]) as archive:
    while index_pending(archive.db, batch=int(sys.argv[2]), limit=int(sys.argv[2])):
        print("batch", flush=True)
"""


def _child(script: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def _compare(db: sqlite_utils.Database) -> tuple[int, int]:
    """Search vs a substring scan, in one read transaction (one snapshot). Returns (speeches, tail)."""
    db.execute("BEGIN")
    try:
        texts = [(r[0], fold(r[1] + "\n" + r[2])) for r in
                 db.execute("select id, title, body from speeches")]
        for query in QUERIES:
            words = fold(query).split()
            truth = {i for i, text in texts if all(w in text for w in words)}
            found = {r["id"] for r in search(db, query, limit=None)}
            assert found == truth, (query, sorted(found ^ truth))
        tail = db.execute("select (select count(*) from speeches where id > (select indexed_to"
                          " from search_index_state)) + (select count(*) from _search_stale)").fetchone()[0]
    finally:
        db.execute("COMMIT")
    return len(texts), tail


def _reader(path: Path) -> sqlite_utils.Database:
    return sqlite_utils.Database(sqlite3.connect(path, isolation_level=None, timeout=30))


def _sound(path: Path) -> None:
    conn = sqlite3.connect(path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")
    conn.close()


def test_search_equals_a_substring_scan_at_every_moment_of_a_running_ingest(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    Archive(path).close()
    child = _child(INGEST, path, 0, 400, 40)
    reader = _reader(path)
    seen: list[tuple[int, int]] = []
    try:
        while child.poll() is None:
            seen.append(_compare(reader))
        assert child.returncode == 0, child.stderr.read()
        seen.append(_compare(reader))
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    # The comparisons saw the archive grow, with a tail scanned and an index in use.
    assert len(seen) >= 5 and seen[-1][0] > seen[0][0]
    assert any(tail > 0 for _, tail in seen) and any(n > tail for n, tail in seen)
    _sound(path)


def test_kill_9_of_the_ingest_and_of_the_indexer_leaves_search_exact(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    rng = random.Random(7)
    # kill -9 an ingest mid-way (no indexing on commit: everything stays tail).
    child = _child(INGEST, path, 0, 100000, 0)
    assert child.stdout.readline()
    time.sleep(rng.uniform(0.3, 1.0))
    child.send_signal(signal.SIGKILL)
    child.wait()
    _sound(path)
    reader = _reader(path)
    speeches, tail = _compare(reader)
    assert speeches > 10 and tail >= speeches  # every speech unindexed (stale rows count too)
    # kill -9 the indexer several times, each mid-way through its batches.
    tails = [tail]
    for _ in range(3):
        indexer = _child(INDEX, path, 3)
        assert indexer.stdout.readline() == "batch\n", indexer.stderr.read()
        time.sleep(rng.uniform(0.0, 0.01))
        indexer.send_signal(signal.SIGKILL)
        indexer.wait()
        _sound(path)
        count, tail = _compare(reader)
        assert count == speeches
        tails.append(tail)
    assert tails[0] > tails[1] > tails[2] > tails[3] > 0  # each kill left part of the index built
    # Another ingest on top (new speeches and new versions of indexed ones), killed too.
    child = _child(INGEST, path, 5000, 100000, 0)
    assert child.stdout.readline()
    time.sleep(rng.uniform(0.2, 0.6))
    child.send_signal(signal.SIGKILL)
    child.wait()
    _sound(path)
    speeches, tail = _compare(reader)
    # Restart: the index catches up completely and search still equals the scan.
    with Archive(path) as archive:
        assert archive.index() == tail
    _sound(path)
    assert _compare(reader) == (speeches, 0)


def test_an_archive_of_the_previous_schema_migrates(tmp_path: Path) -> None:
    """m009-m014 on an archive written before them: bodies stored once, search exact, index settings new."""
    from archive import Fetch, schema
    from archive.textnorm import bigram_tokens
    from cleaning.model import Page, Speech

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    schema.migrations.apply(old, stop_before="m009_search_index_off_commit_path")
    texts = {1: ("在经济工作会议上的讲话", "招商引资要有新突破。\n营商环境持续优化。"),
             2: ("在防汛会议上的讲话", "防汛抗旱责任重大。")}
    for sid, (title, body) in texts.items():  # what the previous code wrote: v1 a copy of the body
        old.execute("insert into pages (id, url) values (?, ?)", [sid, f"http://old.example/{sid}.html"])
        old.execute("insert into speeches (id, title, body, chars) values (?, ?, ?, ?)",
                    [sid, title, body, len(body)])
        old.execute("insert into speech_versions (speech_id, version, title, body) values (?, 1, ?, ?)",
                    [sid, title, body])
        old.execute("insert into speech_sources (speech_id, page_id, position, match, _content_hash)"
                    " values (?, ?, 0, 'first', 'old')", [sid, sid])
        old.execute("insert into speeches_fts (rowid, title, body) values (?, ?, ?)", [sid, title, body])
        old.execute("insert into speeches_bigrams (rowid, grams) values (?, ?)",
                    [sid, bigram_tokens(title) + " " + bigram_tokens(body)])
    old.conn.commit()
    old.close()
    with Archive(path) as archive:
        db = archive.db
        assert "speeches_fts" not in db.table_names()
        # m012 rebuilt the index with another tokenizer: it starts empty, search scans.
        assert db.execute("select indexed_to from search_index_state").fetchone()[0] == 0
        # m014: FTS5's own config holds the buffer and merge settings every writer then uses.
        assert dict(db.execute("select k, v from speeches_bigrams_config where k in ('hashsize', 'automerge')")) \
            == {"hashsize": 2097152, "automerge": 8}
        assert db.execute("select count(*) from speech_versions where body is null").fetchone()[0] == 2
        assert [r[0] for r in db.execute("select body from speech_versions_full order by speech_id")] \
            == [texts[1][1], texts[2][1]]
        assert [r["id"] for r in search(db, "营商环境")] == [1]
        # A new version of a speech the old code indexed: its old tokens leave the index.
        url, title = "http://old.example/1.html", texts[1][0]
        result = archive.ingest(Fetch(url, 200, {}, b"v2"),
                                Page(url=url, title=title, speeches=[Speech(title, ["乡村振兴战略全面推进。"])]))
        assert result.new_versions == 1
        assert [r["id"] for r in search(db, "营商环境")] == [] and [r["id"] for r in search(db, "乡村振兴")] == [1]
        assert archive.index() >= 1
        versions = list(db.execute("select version, body from speech_versions where speech_id = 1 order by version"))
        assert versions == [(1, texts[1][1]), (2, None)]  # v1 got its text back; v2 is the current body
        assert [r["id"] for r in search(db, "营商环境")] == [] and [r["id"] for r in search(db, "乡村振兴")] == [1]
    _sound(path)
    _compare(_reader(path))


def test_any_writer_changing_or_deleting_a_speech_keeps_search_exact(tmp_path: Path) -> None:
    """The schema's triggers, not the writer's code, record what the index no longer matches."""
    path = tmp_path / "foreign.db"
    child = _child(INGEST, path, 0, 60, 0)
    assert child.wait() == 0, child.stderr.read()
    with Archive(path) as archive:
        archive.index()
    conn = sqlite3.connect(path, isolation_level=None)  # plain SQL, no archive code
    conn.execute("update speeches set body = '乡村振兴与防汛并重。GDP增长6.5%' where id = 3")
    conn.execute("update speeches set title = '营商环境' where id = 5")
    conn.execute("delete from speech_sources where speech_id = 7")
    conn.execute("delete from speech_versions where speech_id = 7")
    conn.execute("delete from speeches where id = 7")
    assert {r[0] for r in conn.execute("select speech_id from _search_stale")} == {3, 5, 7}
    reader = _reader(path)
    _compare(reader)
    with Archive(path) as archive:
        assert archive.index() == 3
    _sound(path)
    assert _compare(reader)[1] == 0
