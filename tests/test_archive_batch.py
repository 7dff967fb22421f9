"""Group commit: several whole pages per transaction, never half a page, search always in step."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from archive import Archive, Fetch
from archive.search import search
from cleaning.model import Page, Speech


def _item(i: int, phrase: str = "招商引资") -> tuple[Fetch, Page]:
    url = f"http://batch.example/{i}.html"
    title = f"在第{i}次会议上的讲话"
    rng = random.Random(i)  # distinct texts: dedup keeps one speech per page
    filler = "".join(chr(0x4E00 + rng.randrange(5000)) for _ in range(120))
    paras = [f"第{i}号讲话:{phrase}要有新突破。", filler + "。"]
    return Fetch(url, 200, {}, url.encode() * 10), Page(url=url, title=title, speeches=[Speech(title, paras)])


def _reader(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    pages = conn.execute("select count(*) from pages").fetchone()[0]
    speeches = conn.execute("select count(*) from speeches").fetchone()[0]
    found = len(list(search(sqlite_utils.Database(conn), "招商引资", limit=None)))
    return pages, speeches, found


def test_ingest_many_commits_once_and_readers_see_fts_in_step(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with Archive(path) as archive:
        reader = _reader(path)
        archive.begin_batch()
        for i in range(5):
            archive.ingest(*_item(i))
        # Another connection (Datasette) sees nothing of the open batch...
        assert _counts(reader) == (0, 0, 0)
        archive.commit_batch()
        # ...and every page, speech and FTS row of it at once after the commit.
        assert _counts(reader) == (5, 5, 5)
        results = archive.ingest_many([_item(i) for i in range(5, 9)])
        assert [r.new_speeches for r in results] == [1, 1, 1, 1]
        assert _counts(reader) == (9, 9, 9)
        # The bigram index too (two-character words).
        assert len(list(search(archive.db, "招商 突破", limit=None))) == 9
    conn = _reader(path)
    conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_failing_page_rolls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with Archive(path) as archive:
        with archive.batch():
            archive.ingest(*_item(0))
            fetch, page = _item(1, phrase="营商环境")
            bad = Page(url=page.url, title=page.title, speeches=[Speech(page.title, page.speeches[0].paragraphs),
                                                                 "not a speech"])  # type: ignore[list-item]
            with pytest.raises(AttributeError):
                archive.ingest(fetch, bad)  # fails after its capture, page and first speech were written
            archive.ingest(*_item(2))
        conn = _reader(path)
        urls = [r[0] for r in conn.execute("select url from pages order by id")]
        assert urls == ["http://batch.example/0.html", "http://batch.example/2.html"]
        assert conn.execute("select count(*) from speeches").fetchone()[0] == 2
        # Nothing of the failed page anywhere, search and its staleness record included.
        assert conn.execute("select count(*) from _search_stale").fetchone()[0] == 0
        assert conn.execute("select count(*) from captures").fetchone()[0] == 2
        assert list(search(archive.db, "营商环境")) == []
        conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")


def test_an_exception_in_the_batch_rolls_it_back_and_frees_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with Archive(path) as archive:
        with pytest.raises(RuntimeError, match="stop"):
            with archive.batch():
                archive.ingest(*_item(0))
                raise RuntimeError("stop")
        assert not archive.in_batch
        assert _counts(_reader(path)) == (0, 0, 0)
        # An open batch that has not written yet holds no lock: another writer gets through.
        archive.begin_batch()
        with Archive(path) as other:
            other.ingest(*_item(1))
        archive.ingest(*_item(2))
        archive.commit_batch()
    assert _counts(_reader(path)) == (2, 2, 2)


def test_versions_inside_one_batch_keep_fts_in_step(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    fetch, page = _item(0)
    changed = Page(url=page.url, title=page.title,
                   speeches=[Speech(page.title, ["第0号讲话:乡村振兴要有新突破。", "各部门要压实责任。"])])
    with Archive(path) as archive:
        results = archive.ingest_many([(fetch, page), (Fetch(fetch.url, 200, {}, b"v2"), changed)])
        assert [r.new_versions for r in results] == [0, 1]
        conn = _reader(path)
        assert _counts(conn)[2] == 0  # the old text is no longer found
        assert len(list(search(archive.db, "振兴"))) == 1 and list(search(archive.db, "招商")) == []
        archive.index()  # and once indexed, the index holds only the new text
        assert len(list(search(archive.db, "乡村振兴"))) == 1 and list(search(archive.db, "招商")) == []
        conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")
