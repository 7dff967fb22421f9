"""`Archive`: the one writer of the SQLite archive (see docs/architecture.md).

Every public write is one `BEGIN IMMEDIATE ... COMMIT` transaction in WAL
mode, so a kill -9 loses at most the page being written and readers
(Datasette) keep reading while a crawl writes. Inside `batch()` (group
commit) each write is a SAVEPOINT of the batch's one transaction instead: a
failing page rolls back alone, and a kill -9 loses at most the uncommitted
batch, never part of a page.

Search's index is not written here: a trigger records which indexed speeches
changed (`_search_stale`, schema m011); `archive.indexer` indexes in large
batches after a batch commit once the tail is long, and at a run's end.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

import sqlite_utils

from archive import schema, site_templates
from archive.access import ArchiveError, check_archive, writable
from archive.captures import body_sha256, link_capture, load_capture, store_capture
from archive.dedup import (LSH_MERGE_ROWS, Fingerprint, adopt_canonical, find_duplicate,
                           merge_pending_bands, minhash_bytes, pending_band_rows, register)
from archive.model import RUN_COUNTERS, Fetch, IngestResult
from archive import indexer
from archive.prepare import Prepared, PreparedSpeech, prepare, prepare_speech
from archive.versions import diff_summary, fields_changed
from cleaning.model import Page

logger = logging.getLogger(__name__)

# WAL pages (4 KB) written before a checkpoint copies them into the database file (80 MB).
WAL_CHECKPOINT_PAGES = 20000
# "killed": closed by `close_dead_runs`, never passed to finish_run.
RUN_STATUSES = {"running", "ok", "failed", "stopped", "timeout", "killed"}
# The counters `_count` accepts (archive.model.RUN_COUNTERS), as a set to check names against.
_RUN_COUNTER_NAMES = frozenset(RUN_COUNTERS)


def utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: str | datetime | None) -> datetime:
    if value is None:
        return datetime.now(timezone.utc)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _proc_stat(pid: int) -> list[bytes]:
    """Fields 3.. of /proc/<pid>/stat (raises OSError when there is no such file)."""
    with open(f"/proc/{pid}/stat", "rb") as fh:
        # The name (field 2) may hold spaces and ')': split after the last ')'.
        return fh.read().rsplit(b")", 1)[1].split()


def process_start(pid: int) -> int | None:
    """Start time of `pid` in clock ticks since boot (/proc/<pid>/stat field 22).

    None where there is no /proc (not Linux) or the process is gone.
    """
    try:
        return int(_proc_stat(pid)[19])
    except (OSError, IndexError, ValueError):
        return None


def process_alive(pid: int | None, start: int | None = None) -> bool:
    """Whether `pid` runs on this host and, if `start` is known, is the same process.

    A zombie (killed, not yet reaped by its parent) counts as dead. Without
    /proc a reused pid looks alive: the row then waits for the next check.
    """
    if pid is None or pid <= 0:  # os.kill(0, ...) would address our own process group
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, belongs to another user
    if not os.path.exists("/proc/self/stat"):
        return True
    try:
        fields = _proc_stat(pid)
    except FileNotFoundError:
        return False  # died after the kill(0)
    except OSError:
        return True
    if fields[0] in (b"Z", b"X"):
        return False
    return start is None or int(fields[19]) == start


@dataclass(frozen=True)
class RevisitPolicy:
    """Back-off for articles that keep coming back unchanged.

    An article is due `base` after its last visit, doubled for every unchanged
    visit in a row, never more than `maximum`. Pages without speeches (lists)
    and pages whose last visit failed are always due.
    """

    base: timedelta = timedelta(hours=20)
    maximum: timedelta = timedelta(days=30)

    def interval(self, unchanged_streak: int) -> timedelta:
        return min(self.base * (2 ** min(max(unchanged_streak, 0), 16)), self.maximum)


class Archive:
    def __init__(self, path: str | Path, revisit: RevisitPolicy = RevisitPolicy(),
                 timings: bool = False) -> None:
        self.path = Path(path)
        self.revisit = revisit
        if self.path.exists() and not writable(self.path):
            raise ArchiveError(f"{self.path}: read-only (file or mount); the archive cannot be written")
        try:
            self.db = sqlite_utils.Database(self.path, execute_plugins=False)
            self.db.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.OperationalError as exc:  # e.g. a missing or read-only directory
            raise ArchiveError(f"{self.path}: cannot open the archive ({exc})") from None
        try:
            # Someone else's database or a newer schema is refused before anything is written.
            check_archive(self.db, self.path, allow_empty=True)
            self.db.enable_wal()
        except sqlite3.OperationalError as exc:
            self.db.close()
            raise ArchiveError(f"{self.path}: cannot write the archive ({exc})") from None
        except ArchiveError:
            self.db.close()
            raise
        # NORMAL in WAL: a process crash (kill -9) never loses a commit; only a
        # power loss or OS crash can drop the last commits (never corrupts).
        self.db.execute("PRAGMA synchronous = NORMAL")
        # NORMAL syncs at each checkpoint: fewer, larger checkpoints (SQLite's default is 1,000
        # pages) cut the commit time at 100k speeches from 1.2-1.8 to 0.8 ms per page.
        self.db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        # FTS5 segment merges read back what they just wrote. Bigger caches and
        # mmap measured no faster at 3k pages and would grow the crawl's RSS.
        self.db.execute("PRAGMA cache_size = -16384")  # 16 MB
        self.db.execute("PRAGMA temp_store = MEMORY")
        self._batch_open = False
        self._batch_tx = False  # the batch's BEGIN IMMEDIATE ran (taken at its first write)
        # Inside a batch the crawl_runs counters are added up here and written once, just before
        # the batch's COMMIT (one UPDATE per batch instead of per page; what commits is the same):
        # the counts of the writes already released (run id -> counter -> delta), and those of the
        # write (savepoint) in progress, None outside one.
        self._run_deltas: dict[int, Counter[str]] = {}
        self._write_deltas: list[tuple[int, dict[str, int]]] | None = None
        # Run the indexer after a commit once this many speeches are unindexed (0 = never).
        self.index_tail = indexer.TAIL_LIMIT
        # Seconds spent per ingest stage (benchmarks); None = not measured.
        self.timings: Counter[str] | None = Counter() if timings else None
        # Bigram documents of the speeches this writer stored, for the indexer (speech id ->
        # (text digest, document)); prepared with the speech, so the writer never builds them.
        self._documents: dict[int, tuple[str, str]] = {}
        # `_lsh_pending` rows as far as this writer knows (None: not counted yet). Only decides
        # when they move to `_lsh_bands`; lookups read both tables, so it may be off.
        self._pending_bands: int | None = None
        if schema.migrations.pending(self.db):
            with self.transaction():  # IMMEDIATE: two processes never migrate at once
                schema.apply(self.db)

    # -- plumbing ---------------------------------------------------------
    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._batch_open:
            self.commit_batch()
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; sqlite-utils calls inside nest as savepoints.

        Inside an open batch it is a SAVEPOINT: all or nothing for this call,
        committed with the batch.
        """
        if self._batch_open:
            if not self._batch_tx:
                # The write lock is taken at the batch's first write, not when it opens:
                # an idle crawl never blocks other writers.
                self.db.execute("BEGIN IMMEDIATE")
                self._batch_tx = True
            self.db.execute("SAVEPOINT archive_write")
            outer, self._write_deltas = self._write_deltas, []
            try:
                yield self.db
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.execute("ROLLBACK TO archive_write")
                    self.db.execute("RELEASE archive_write")
                raise
            else:
                self.db.execute("RELEASE archive_write")
                if outer is not None:  # nested: counted with the enclosing write
                    outer += self._write_deltas
                else:
                    for run_id, deltas in self._write_deltas:
                        totals = self._run_deltas.get(run_id)
                        if totals is None:
                            totals = self._run_deltas[run_id] = Counter()
                        for name, value in deltas.items():  # Counter.update: 4x the time
                            totals[name] += value
            finally:
                self._write_deltas = outer
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self._merge_bands_if_many()
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        else:
            with self._stage("commit"):
                self.db.execute("COMMIT")

    def index(self, limit: int | None = None) -> int:
        """Bring the search index up to date now (archive.indexer); returns speeches indexed."""
        if self._batch_tx:
            raise RuntimeError("commit the open batch before indexing")
        with self._stage("index"):
            return indexer.index_pending(self.db, limit=limit, documents=self._documents)

    def _index_if_tail_long(self) -> None:
        if self.index_tail and not self._batch_tx and \
                indexer.tail_estimate(self.db) >= self.index_tail:
            self._index_after_commit()

    def _index_after_commit(self) -> None:
        """Index now; a failure loses nothing (search scans the tail), so it is logged, not raised."""
        try:
            self.index()
        except sqlite3.Error as exc:
            logger.warning("search index not brought up to date (%s); search scans the"
                           " unindexed speeches until `speech-archive index` runs", exc)

    # -- group commit -------------------------------------------------------
    def begin_batch(self) -> None:
        """Open a group commit: every write until `commit_batch` is one transaction.

        The write lock is taken at the first write inside the batch and held
        until `commit_batch`. Each page stays all-or-nothing (a savepoint); a kill -9 before
        `commit_batch` loses the whole batch, which a resumed crawl refetches.
        """
        if self._batch_open:
            raise RuntimeError("a batch is already open")
        self._batch_open = True
        self._batch_tx = False

    def commit_batch(self) -> None:
        """Commit the open batch (no-op without one)."""
        if not self._batch_open:
            return
        if not self._batch_tx:
            self._batch_open = False
            return
        self._batch_open = self._batch_tx = False
        run_deltas, self._run_deltas = self._run_deltas, {}
        try:
            for run_id, deltas in run_deltas.items():
                self._add_to_run(run_id, deltas)
            self._merge_bands_if_many()
            with self._stage("commit"):
                self.db.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self._index_if_tail_long()

    def _added_bands(self, rows: int) -> None:
        """`rows` band rows were just offered to `_lsh_pending` in the open transaction."""
        if self._pending_bands is None:
            self._pending_bands = pending_band_rows(self.db)  # counts these too
        else:
            self._pending_bands += rows

    def _merge_bands_if_many(self) -> None:
        """Inside the transaction, before its COMMIT: move the pending band rows once there are many."""
        if self._pending_bands is not None and self._pending_bands >= LSH_MERGE_ROWS:
            with self._stage("lsh merge"):
                merge_pending_bands(self.db)
            self._pending_bands = 0

    def rollback_batch(self) -> None:
        if not self._batch_open:
            return
        began, self._batch_open, self._batch_tx = self._batch_tx, False, False
        self._run_deltas = {}
        if began and self.db.conn.in_transaction:
            self.db.execute("ROLLBACK")

    @property
    def in_batch(self) -> bool:
        return self._batch_open

    @property
    def stores_prepared(self) -> bool:
        """`ingest(..., prepared=)` stores a write computed beforehand (in another process) as it is."""
        return True

    @contextmanager
    def batch(self) -> Iterator["Archive"]:
        """`with archive.batch(): ...` commits every write inside once, at the end.

        Nested use joins the outer batch. An exception rolls the batch back.
        """
        if self._batch_open:
            yield self
            return
        self.begin_batch()
        try:
            yield self
        except BaseException:
            self.rollback_batch()
            raise
        self.commit_batch()

    def ingest_many(self, items: Iterable[tuple[Fetch, Page | None]], run_id: int | None = None,
                    ) -> list[IngestResult]:
        """`ingest` each (fetch, page) in one group-commit transaction."""
        with self.batch():
            return [self.ingest(fetch, page, run_id) for fetch, page in items]

    def _stage(self, name: str) -> ContextManager[None]:
        return nullcontext() if self.timings is None else self._timed(name)

    @contextmanager
    def _timed(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            assert self.timings is not None
            self.timings[name] += time.perf_counter() - start

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        return next(self.db.query(sql, params), None)

    # -- runs -------------------------------------------------------------
    def start_run(self, trigger: str = "cli", sites: Sequence[str] = ()) -> int:
        """A new 'running' row owned by this process (pid, hostname, pid_start).

        Rows of this host whose process died first become 'killed'.
        """
        self.close_dead_runs()
        pid = os.getpid()
        with self.transaction():
            return int(self.db["crawl_runs"].insert(
                {"trigger": trigger, "sites": json.dumps(list(sites), ensure_ascii=False),
                 "started_at": utcnow(), "status": "running",
                 "pid": pid, "hostname": socket.gethostname(), "pid_start": process_start(pid)}
            ).last_pk)

    def close_dead_runs(self) -> list[int]:
        """Close this host's 'running' rows whose process is gone (kill -9) as 'killed'.

        Rows of other hosts and rows without a pid (written before the pid was
        recorded) are left alone: nothing here can tell whether they still run.
        Returns the ids closed.
        """
        host = socket.gethostname()
        rows = self.db.query(
            "select id, pid, pid_start from crawl_runs"
            " where status = 'running' and hostname = ? and pid is not null", [host])
        dead = [row for row in rows if not process_alive(row["pid"], row["pid_start"])]
        if not dead:
            return []
        ended = utcnow()
        with self.transaction():
            for row in dead:
                self.db.execute(
                    "update crawl_runs set status = 'killed', ended_at = ?, note = ?"
                    " where id = ? and status = 'running'",
                    [ended, f"crawl process {row['pid']} on {host} ended without finishing "
                            "its run (killed)", row["id"]])
        ids = [int(row["id"]) for row in dead]
        logger.warning("crawl runs %s closed as killed: their processes on %s are gone", ids, host)
        return ids

    def finish_run(self, run_id: int, status: str = "ok", counts: dict[str, int] | None = None,
                   errors: int = 0, note: str | None = None) -> None:
        if status not in RUN_STATUSES - {"running", "killed"}:
            raise ValueError(f"run status must be one of ok/failed/stopped/timeout, not {status!r}")
        with self.transaction():
            self.db["crawl_runs"].update(run_id, {
                "ended_at": utcnow(), "status": status, "errors": int(errors),
                "counts": json.dumps(counts or {}, ensure_ascii=False, sort_keys=True),
                "note": note,
            })
        if not self._batch_tx:  # the run's speeches become indexed, not scanned
            self._index_after_commit()

    def _count(self, run_id: int | None, **deltas: int) -> None:
        if run_id is None:
            return
        deltas = {k: v for k, v in deltas.items() if v}
        if not deltas:
            return
        unknown = deltas.keys() - _RUN_COUNTER_NAMES
        if unknown:
            raise ValueError(f"unknown run counters {sorted(unknown)}")
        if self._write_deltas is not None:  # inside a batch: written before its COMMIT
            self._write_deltas.append((run_id, deltas))
        else:
            self._add_to_run(run_id, deltas)

    def _add_to_run(self, run_id: int, deltas: dict[str, int]) -> None:
        sets = ", ".join(f"{k} = {k} + :{k}" for k in deltas)
        self.db.execute(f"update crawl_runs set {sets} where id = :id", {**deltas, "id": run_id})

    # -- conditional GET and back-off ---------------------------------------
    # What a conditional GET reads of a page (one query for `revisit_due` and `validators`).
    _REVISIT_COLUMNS = "last_seen, last_status, unchanged_streak, speech_count, etag, last_modified, gone_at"

    def _revisit_row(self, url: str) -> tuple[Any, ...] | None:
        return self.db.execute(f"select {self._REVISIT_COLUMNS} from pages where url = ?", [url]).fetchone()

    def validators(self, url: str) -> dict[str, str]:
        return _validators(self._revisit_row(url))

    def revisit_due(self, url: str, now: str | datetime | None = None) -> bool:
        return self._due(self._revisit_row(url), now)

    def conditional_get(self, url: str, now: str | datetime | None = None) -> tuple[bool, dict[str, str]]:
        """(`revisit_due(url, now)`, `validators(url)`) from one read of the page's row."""
        row = self._revisit_row(url)
        return self._due(row, now), _validators(row)

    def _due(self, row: tuple[Any, ...] | None, now: str | datetime | None) -> bool:
        if row is None or not row[0]:
            return True
        last_seen, last_status, unchanged_streak, speech_count = row[:4]
        if last_status not in (200, 304) or not speech_count:
            return True
        due_at = _parse_time(last_seen) + self.revisit.interval(unchanged_streak or 0)
        return _parse_time(now) >= due_at

    def is_unchanged(self, url: str, body: bytes) -> bool:
        row = self.db.execute(
            "select c.sha256 from pages p join captures c on c.id = p.last_capture_id"
            " where p.url = ?", [url],
        ).fetchone()
        return row is not None and row[0] == body_sha256(body)

    # -- outcomes without a new body -------------------------------------
    def record_not_modified(self, url: str, run_id: int | None = None) -> None:
        self._touch_unchanged(url, 304, run_id, "not_modified")

    def record_unchanged(self, url: str, status: int = 200, run_id: int | None = None) -> None:
        self._touch_unchanged(url, status, run_id, "unchanged_pages")

    def _touch_unchanged(self, url: str, status: int, run_id: int | None, counter: str) -> None:
        now = utcnow()
        with self.transaction():
            row = self._one("select id from pages where url = ?", [url])
            if row is None:
                logger.warning("%s for a page never archived: %s", status, url)
            else:
                self.db.execute(
                    "update pages set last_seen = ?, last_status = ?, gone_at = null,"
                    " unchanged_streak = unchanged_streak + 1 where id = ?",
                    [now, status, row["id"]],
                )
                self.db.execute("update speech_sources set last_seen = ? where page_id = ?",
                                [now, row["id"]])
            self._count(run_id, **{counter: 1})

    def record_gone(self, url: str, status: int = 404, run_id: int | None = None) -> None:
        """404/410: the page gets `gone_at`; its speeches and sources stay."""
        now = utcnow()
        with self.transaction():
            page_id = self._page_id(url)
            if page_id is None:
                page_id = self._insert_page(url, self._site_id(url, None), now, status)
            self.db.execute(
                "update pages set last_status = ?, gone_at = coalesce(gone_at, ?) where id = ?",
                [status, now, page_id],
            )
            self._count(run_id, gone=1)

    def record_error(self, url: str, message: str, status: int | None = None,
                     run_id: int | None = None) -> None:
        with self.transaction():
            self.db.execute(
                "insert into crawl_errors (run_id, url, status, message, at) values (?, ?, ?, ?, ?)",
                [run_id, url, status, message, utcnow()],
            )
            if status is not None:
                self.db.execute("update pages set last_status = ? where url = ?", [status, url])
            self._count(run_id, errors=1)

    # -- ingest -------------------------------------------------------------
    def ingest(self, fetch: Fetch, page: Page | None, run_id: int | None = None,
               parts: Sequence[Fetch] = (), prepared: Prepared | None = None) -> IngestResult:
        """Store one fetched page and its speeches in one transaction (a savepoint inside a batch).

        :param fetch: the main response; its body becomes a capture (once per sha256).
        :param page: the cleaned page, or None to store the capture and the page row only.
        :param run_id: the `crawl_runs` row whose counters this page adds to, or None.
        :param parts: the later pages of a multi-page article, stored as parts 1..n.
        :param prepared: `archive.prepare.prepare(fetch, page, parts)`, computed beforehand
            (e.g. in a worker process) so that this call does only SQL; computed here when None.
        :raises ValueError: `prepared` is not of this fetch, page and parts.
        """
        if prepared is None:
            with self._stage("prepare"):
                prepared = prepare(fetch, page, parts)
        else:
            _check_prepared(prepared, fetch, page, parts)
        fetched_at = fetch.fetched_at or utcnow()
        with self.transaction():
            with self._stage("capture"):
                capture_id = store_capture(self.db, fetch, fetched_at, prepared.capture)
            row = self.db.execute("select id, last_capture_id, site_id from pages where url = ?",
                                  [fetch.url]).fetchone()
            previous = None
            if row is None:
                site_name = page.site_name if page else None
                site_id = self._site_id(fetch.url, site_name)
                page_id = self._insert_page(fetch.url, site_id, fetched_at, fetch.status)
            else:
                page_id, previous, site_id = int(row[0]), {"last_capture_id": row[1]}, row[2]
            fetch_id = link_capture(self.db, page_id, capture_id, fetch, fetched_at, run_id)
            for number, (part, part_prepared) in enumerate(zip(parts, prepared.parts), start=1):
                part_at = part.fetched_at or fetched_at
                part_capture = store_capture(self.db, part, part_at, part_prepared)
                link_capture(self.db, page_id, part_capture, part, part_at, run_id,
                             part=number, main_id=fetch_id)
            result = IngestResult(page_id=page_id, capture_id=capture_id)
            if page is not None:
                self._resolve_speeches(result, page, prepared.speeches, capture_id, site_id,
                                       captured_at=fetched_at, changed_at=fetched_at,
                                       origin="crawl", touch=True, new_page=row is None)
            changed = result.new_speeches or result.new_sources or result.new_versions
            if page is None and (previous is None or previous["last_capture_id"] != capture_id):
                changed = True
            self._update_page(page_id, fetch, page, fetched_at, capture_id, fetch_id, bool(changed),
                              site_named=row is None)
            self._count(run_id, pages=1, new_speeches=result.new_speeches,
                        new_sources=result.new_sources, new_versions=result.new_versions,
                        unchanged_speeches=result.unchanged_speeches)
        if not self._batch_open:
            self._index_if_tail_long()
        logger.debug("ingested %s: %s", fetch.url, result)
        return result

    def _page_id(self, url: str) -> int | None:
        row = self.db.execute("select id from pages where url = ?", [url]).fetchone()
        return int(row[0]) if row else None

    def _site_id(self, url: str, name: str | None) -> int | None:
        host = (urlsplit(url).hostname or "").lower()
        if not host:
            return None
        row = self.db.execute("select id, name from sites where host = ?", [host]).fetchone()
        if row:
            if name and not row[1]:
                self.db.execute("update sites set name = ? where id = ?", [name, row[0]])
            return int(row[0])
        cursor = self.db.execute("insert into sites (host, name, first_seen) values (?, ?, ?)",
                                 [host, name, utcnow()])
        return int(cursor.lastrowid)

    def _insert_page(self, url: str, site_id: int | None, seen_at: str, status: int) -> int:
        cursor = self.db.execute(
            "insert into pages (url, site_id, first_seen, last_status) values (?, ?, ?, ?)",
            [url, site_id, seen_at, status],
        )
        return int(cursor.lastrowid)

    def _update_page(self, page_id: int, fetch: Fetch, page: Page | None, fetched_at: str,
                     capture_id: int, fetch_id: int, changed: bool, site_named: bool = False) -> None:
        """`site_named`: the site row already had its name from `page` (a page inserted now)."""
        values: dict[str, Any] = {
            "id": page_id, "last_seen": fetched_at, "last_status": fetch.status,
            "etag": fetch.header("ETag"), "last_modified": fetch.header("Last-Modified"),
            "capture": capture_id, "fetch": fetch_id, "changed": int(changed),
        }
        meta = ""
        if page is not None:
            values.update(title=page.title, canonical_url=page.canonical_url,
                          published=page.published, author=page.author, encoding=page.encoding,
                          speech_count=len(page.speeches), reason=page.no_speech_reason)
            meta = (", title = :title, canonical_url = :canonical_url, published = :published,"
                    " author = :author, encoding = :encoding, speech_count = :speech_count,"
                    " no_speech_reason = :reason")
            if page.site_name and not site_named:
                self._site_id(fetch.url, page.site_name)
        self.db.execute(
            "update pages set last_seen = :last_seen, last_status = :last_status, gone_at = null,"
            " etag = :etag, last_modified = :last_modified, last_capture_id = :capture,"
            " last_fetch_id = :fetch,"
            " last_changed = case when :changed then :last_seen else last_changed end,"
            " unchanged_streak = case when :changed then 0 else unchanged_streak + 1 end"
            + meta + " where id = :id",
            values,
        )

    # -- speeches: unchanged / new version / new source / new speech --------
    def _resolve_speeches(self, result: IngestResult, page: Page,
                          prepared: Sequence[PreparedSpeech | None], capture_id: int,
                          site_id: int | None, *, captured_at: str, changed_at: str, origin: str,
                          touch: bool, new_page: bool = False) -> None:
        """`new_page`: the page row was inserted in this transaction (it has no sources yet)."""
        page_id = result.page_id
        existing = [] if new_page else self.db.execute(
            "select id, speech_id, position, _content_hash from speech_sources where page_id = ?",
            [page_id],
        ).fetchall()
        used: set[int] = set()
        for position, (speech, ready) in enumerate(zip(page.speeches, prepared)):
            if ready is None:  # no letters or digits
                continue
            body = speech.body
            fp = ready.fingerprint(body)
            chash = ready.content_hash
            source = next((s for s in existing if s[0] not in used and s[3] == chash), None)
            if source is not None:  # same text as last time at this URL
                used.add(source[0])
                if touch:
                    self.db.execute(
                        "update speech_sources set last_seen = ?, position = ? where id = ?",
                        [captured_at, position, source[0]])
                result.unchanged_speeches += 1
                continue
            fields = {"title": speech.title, "body": body, "speaker": speech.speaker,
                      "occasion": speech.occasion, "published": page.published}
            source = next((s for s in existing if s[0] not in used and s[2] == position), None)
            if source is not None:  # the speech at this URL changed
                used.add(source[0])
                if self._new_version(source[1], fields, fp, chash, capture_id, page_id,
                                     captured_at, changed_at, origin):
                    result.new_versions += 1
                    self._keep_document(source[1], ready)
                else:
                    result.unchanged_speeches += 1
                self.db.execute(
                    "update speech_sources set _content_hash = ?, position = ?,"
                    " last_seen = coalesce(?, last_seen) where id = ?",
                    [chash, position, captured_at if touch else None, source[0]])
                continue
            with self._stage("dedup"):
                match = find_duplicate(self.db, fp)
            if match is not None:
                cursor = self.db.execute(
                    "insert or ignore into speech_sources (speech_id, page_id, position,"
                    " similarity, match, first_seen, last_seen, _content_hash)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [match.speech_id, page_id, position, match.similarity, match.kind,
                     captured_at, captured_at, chash])
                if cursor.rowcount:
                    self._refresh_counts(match.speech_id)
                    adopt_canonical(self.db, match.speech_id, page_id, fields)
                    result.new_sources += 1
                else:
                    result.unchanged_speeches += 1
                continue
            speech_id = self._new_speech(fields, fp, chash, page_id, site_id, position,
                                         capture_id, captured_at, origin)
            self._keep_document(speech_id, ready)
            result.new_speeches += 1

    def _keep_document(self, speech_id: int, ready: PreparedSpeech) -> None:
        """Hold the speech's bigram document for the indexer (it checks the text is still that one)."""
        self._documents[speech_id] = (ready.text_digest, ready.bigram_document)
        while len(self._documents) > indexer.INDEX_BATCH:  # memory bound: the oldest go
            del self._documents[next(iter(self._documents))]

    def _new_speech(self, fields: dict[str, Any], fp: Fingerprint, chash: str, page_id: int,
                    site_id: int | None, position: int, capture_id: int, captured_at: str,
                    origin: str) -> int:
        cursor = self.db.execute(
            "insert into speeches (title, body, speaker, occasion, published, year, site_id,"
            " first_seen, last_changed, version_count, source_count, site_count, chars,"
            " _text_hash, _content_hash, _minhash)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?, ?)",
            [fields["title"], fields["body"], fields["speaker"], fields["occasion"],
             fields["published"], _year(fields["published"]), site_id,
             captured_at, captured_at, len(fields["body"]), fp.text_hash, chash,
             minhash_bytes(fp)])
        speech_id = int(cursor.lastrowid)
        self._insert_version(speech_id, 1, fields, fp.text_hash, capture_id, page_id,
                             captured_at, list(fields), "first version", origin)
        self.db.execute(
            "insert into speech_sources (speech_id, page_id, position, similarity, match,"
            " first_seen, last_seen, _content_hash) values (?, ?, ?, 1.0, 'first', ?, ?, ?)",
            [speech_id, page_id, position, captured_at, captured_at, chash])
        self._added_bands(register(self.db, speech_id, fp, signature_stored=True))
        return speech_id

    def _new_version(self, speech_id: int, fields: dict[str, Any], fp: Fingerprint, chash: str,
                     capture_id: int, page_id: int, captured_at: str, changed_at: str, origin: str) -> bool:
        """`fp` and `chash` are the new body's fingerprint and content hash, computed once by the caller."""
        current = self._one("select * from speeches where id = ?", [speech_id])
        if current is None:
            raise LookupError(f"speech {speech_id} missing")
        changed = fields_changed(current, fields)
        if not changed:
            return False
        # Numbering comes from the database, never from memory.
        version = int(self.db.execute(
            "select coalesce(max(version), 0) + 1 from speech_versions where speech_id = ?",
            [speech_id]).fetchone()[0])
        summary = diff_summary(current["body"], fields["body"])
        # speeches first: its trigger gives the earlier versions their text
        # (schema m010) before the new version points at the new one.
        self.db.execute(
            "update speeches set title = ?, body = ?, speaker = ?, occasion = ?, published = ?,"
            " year = ?, last_changed = ?, version_count = ?, chars = ?, _text_hash = ?,"
            " _content_hash = ? where id = ?",
            [fields["title"], fields["body"], fields["speaker"], fields["occasion"],
             fields["published"], _year(fields["published"]), changed_at, version,
             len(fields["body"]), fp.text_hash, chash,
             speech_id])
        self._insert_version(speech_id, version, fields, fp.text_hash, capture_id, page_id,
                             captured_at, changed, summary, origin)
        self._added_bands(register(self.db, speech_id, fp))
        return True

    def _insert_version(self, speech_id: int, version: int, fields: dict[str, Any],
                        text_hash_: str, capture_id: int, page_id: int, captured_at: str,
                        changed: list[str], summary: str, origin: str) -> None:
        """A version row; its body is NULL: the speech's current body, which it is (schema m010)."""
        self.db.execute(
            "insert into speech_versions (speech_id, version, title, body, speaker, occasion,"
            " published, captured_at, capture_id, page_id, fields_changed, diff_summary, origin,"
            " _text_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [speech_id, version, fields["title"], None, fields["speaker"],
             fields["occasion"], fields["published"], captured_at, capture_id, page_id,
             _json_names(tuple(changed)), summary, origin, text_hash_])

    def _refresh_counts(self, speech_id: int) -> None:
        self.db.execute(
            "update speeches set"
            " source_count = (select count(*) from speech_sources where speech_id = :id),"
            " site_count = (select count(distinct p.site_id) from speech_sources ss"
            "   join pages p on p.id = ss.page_id where ss.speech_id = :id)"
            " where id = :id", {"id": speech_id})

    # -- reclean --------------------------------------------------------------
    def reclean(self, clean: Callable[[Fetch, list[Fetch]], Page | None],
                progress: Callable[[int], None] | None = None,
                include_empty: bool = False) -> dict[str, int]:
        """Run `clean(main_fetch, parts)` over every article page's latest capture again.

        New versions are recorded only where the clean text changed; a page
        whose capture the cleaner now rejects is counted and left alone.
        Pages that never held a speech (lists, rejected pages) are skipped
        unless `include_empty`.
        """
        totals = {"pages": 0, "new_speeches": 0, "new_sources": 0, "new_versions": 0,
                  "unchanged_speeches": 0, "failed": 0}
        last_id = 0
        while True:
            batch = list(self.db.query(
                "select id, url, site_id, last_capture_id, last_fetch_id from pages"
                " where id > ? and last_capture_id is not null"
                " and (? or exists (select 1 from speech_sources where page_id = pages.id))"
                " order by id limit 200", [last_id, int(include_empty)]))
            if not batch:
                break
            for row in batch:
                last_id = row["id"]
                self._reclean_page(row, clean, totals)
                if progress:
                    progress(1)
        if not self._batch_open:  # the changed speeches become indexed, not scanned
            self._index_after_commit()
        return totals

    def _reclean_page(self, row: dict[str, Any], clean: Callable[[Fetch, list[Fetch]], Page | None],
                      totals: dict[str, int]) -> None:
        main = load_capture(self.db, row["last_capture_id"], url=row["url"])
        parts = [load_capture(self.db, r["capture_id"], url=None) for r in self.db.query(
            "select capture_id from page_captures where main_id = ? order by part",
            [row["last_fetch_id"]])] if row["last_fetch_id"] else []
        try:
            page = clean(main, parts)
        except Exception as exc:  # the cleaner's verdict on one page never stops the rest
            logger.warning("reclean %s failed: %s", row["url"], exc)
            totals["failed"] += 1
            return
        totals["pages"] += 1
        if page is None:
            return
        result = IngestResult(page_id=row["id"], capture_id=row["last_capture_id"])
        prepared = [prepare_speech(speech.title, speech.body) for speech in page.speeches]
        with self.transaction():
            self._resolve_speeches(result, page, prepared, row["last_capture_id"], row["site_id"],
                                   captured_at=main.fetched_at or utcnow(), changed_at=utcnow(),
                                   origin="reclean", touch=False)
            self.db.execute(
                "update pages set title = ?, speech_count = ?, no_speech_reason = ? where id = ?",
                [page.title, len(page.speeches), page.no_speech_reason, row["id"]])
        for key in ("new_speeches", "new_sources", "new_versions", "unchanged_speeches"):
            totals[key] += getattr(result, key)

    # -- site templates (archive/site_templates.py) ----------------------------------
    def load_template(self, host: str) -> Any:
        """The stored `cleaning.template.SiteTemplate` of `host`, or None."""
        return site_templates.load(self.db, host)

    def save_template(self, host: str, template: Any) -> None:
        site_templates.save(self, host, template)

    def learn_template(self, host: str, limit: int = site_templates.LEARN_PAGES, save: bool = True) -> Any:
        """Learn `host`'s template from its latest stored captures (and store it, if any page was read)."""
        template = site_templates.learn(self.db, host, limit)
        if save and template.pages:
            self.save_template(host, template)
        return template

    def template_hosts(self) -> list[str]:
        return site_templates.hosts(self.db)

    def refit_page(self, page_id: int, run_id: int, page: Page) -> Counter[str]:
        """This run's text of the page replaced by `page`'s, without versions (site_templates.refit_page)."""
        return site_templates.refit_page(self, page_id, run_id, page)

    def page_fetches(self, page_id: int) -> tuple[Fetch, list[Fetch]] | None:
        """The page's latest capture and the parts fetched with it, or None."""
        row = self._one("select url, last_capture_id, last_fetch_id from pages where id = ?", [page_id])
        if row is None or row["last_capture_id"] is None:
            return None
        main = load_capture(self.db, row["last_capture_id"], url=row["url"])
        parts = [load_capture(self.db, r["capture_id"], url=None) for r in self.db.query(
            "select capture_id from page_captures where main_id = ? order by part",
            [row["last_fetch_id"]])] if row["last_fetch_id"] else []
        return main, parts


def _check_prepared(prepared: Prepared, fetch: Fetch, page: Page | None,
                    parts: Sequence[Fetch]) -> None:
    """A `Prepared` of another page would store wrong hashes: refuse it."""
    speeches = len(page.speeches) if page else 0
    if (prepared.url != fetch.url or len(prepared.speeches) != speeches
            or len(prepared.parts) != len(parts)):
        raise ValueError(
            f"prepared data of {prepared.url} ({len(prepared.speeches)} speeches,"
            f" {len(prepared.parts)} parts) given for {fetch.url} ({speeches} speeches,"
            f" {len(parts)} parts)")


def _validators(row: tuple[Any, ...] | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since of a page row (Archive._REVISIT_COLUMNS); none for a gone page."""
    if row is None or row[6]:
        return {}
    out = {}
    if row[4]:
        out["If-None-Match"] = row[4]
    if row[5]:
        out["If-Modified-Since"] = row[5]
    return out


@lru_cache(maxsize=64)
def _json_names(names: tuple[str, ...]) -> str:
    """`speech_versions.fields_changed`: few distinct lists, encoded once each."""
    return json.dumps(list(names))


def _year(published: str | None) -> int | None:
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


__all__ = ["Archive", "RevisitPolicy", "utcnow"]
