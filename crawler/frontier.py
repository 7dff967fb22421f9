"""The crawl's own journal of URLs, so a crawl killed with kill -9 can finish.

Scrapy's JOBDIR state (disk queue, `requests.seen`) is only consistent after a
clean shutdown: its queue index is written on close. This journal is an SQLite
file in the same JOBDIR, committed as URLs are discovered and as their pages
are archived, so after a crash the spider re-seeds exactly the URLs whose
pages never reached the archive. Without JOBDIR it lives in memory and only
deduplicates links.
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

FILENAME = "frontier.sqlite"
# Scrapy's own JOBDIR files, unusable after an unclean stop.
_SCRAPY_STATE = ("requests.queue", "requests.seen", "spider.state")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS job (key TEXT PRIMARY KEY, value TEXT);
"""


class Frontier:
    """Discovered and finished URLs of one crawl job."""

    def __init__(self, jobdir: str | Path | None = None) -> None:
        self.jobdir = Path(jobdir) if jobdir else None
        self._db: sqlite3.Connection | None = None
        self.resumed_after_crash = False
        self.resumed = False
        # URLs of this job already journaled: most links on a page are known ones,
        # and answering those from memory spares a write transaction per link.
        self._known: set[str] = set()
        # URLs finished but not yet marked (done_later): written together by flush_done.
        self._finished: list[str] = []

    def open(self) -> None:
        """Open the journal; decide between a fresh start, a resume and a crash recovery."""
        if self.jobdir is None:
            self._db = sqlite3.connect(":memory:", isolation_level=None)
            self._db.executescript(_SCHEMA)
            return
        self.jobdir.mkdir(parents=True, exist_ok=True)
        path = self.jobdir / FILENAME
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        state = self._get("state")
        if state == "complete" or state is None:
            # The last job finished (or none ran): this is a new job.
            self._reset_scrapy_state()
            self._db.execute("DELETE FROM frontier")
        elif state == "running":
            # The last process died without closing: Scrapy's queue is not trustworthy.
            self.resumed = self.resumed_after_crash = True
            self._reset_scrapy_state()
            logger.warning("resuming %s after an unclean stop: %d URLs still to do",
                           self.jobdir, self.count_pending())
        else:  # "paused": Scrapy saved its queue; it resumes it itself
            self.resumed = True
            logger.info("resuming paused job %s: %d URLs still to do", self.jobdir, self.count_pending())
        self._set("state", "running")
        self._known = {row[0] for row in self._db.execute("SELECT url FROM frontier")}

    def _reset_scrapy_state(self) -> None:
        assert self.jobdir is not None
        for name in _SCRAPY_STATE:
            target = self.jobdir / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()

    def close(self, finished: bool) -> None:
        """Mark the job complete (next run starts afresh) or paused (next run resumes)."""
        if self._db is None:
            return
        self.flush_done()
        if self.jobdir is not None:
            self._set("state", "complete" if finished else "paused")
        self._db.close()
        self._db = None

    def add(self, url: str, kind: str) -> bool:
        """Record a discovered URL; False if the job already knows it."""
        if url in self._known:
            return False
        self._known.add(url)
        cur = self._conn.execute("INSERT OR IGNORE INTO frontier (url, kind) VALUES (?, ?)", (url, kind))
        return cur.rowcount == 1

    def done(self, url: str) -> None:
        self._conn.execute("UPDATE frontier SET done = 1 WHERE url = ?", (url,))

    def done_later(self, url: str) -> None:
        """Mark `url` done at the next `flush_done` (or `close`): the pages of a group commit finish
        together, and one transaction for all of them spares a WAL commit per page. A crash before
        the flush loses only the marks: those pages are fetched again, never lost."""
        self._finished.append(url)

    def flush_done(self) -> None:
        """Write the marks of `done_later` in one transaction."""
        urls, self._finished = self._finished, []
        if not urls:
            return
        conn = self._conn
        conn.execute("BEGIN")
        try:
            conn.executemany("UPDATE frontier SET done = 1 WHERE url = ?", [(url,) for url in urls])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def is_done(self, url: str) -> bool:
        self.flush_done()
        row = self._conn.execute("SELECT done FROM frontier WHERE url = ?", (url,)).fetchone()
        return bool(row and row[0])

    def pending(self) -> list[tuple[str, str]]:
        self.flush_done()
        return [(u, k) for u, k in self._conn.execute("SELECT url, kind FROM frontier WHERE done = 0 ORDER BY rowid")]

    def count_pending(self) -> int:
        self.flush_done()
        return int(self._conn.execute("SELECT count(*) FROM frontier WHERE done = 0").fetchone()[0])

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("Frontier.open() was not called")
        return self._db

    def _get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM job WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO job (key, value) VALUES (?, ?)", (key, value))
