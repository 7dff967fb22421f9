"""The search indexer: brings `speeches_bigrams` up to date in large batches.

Pages are committed without touching the index (archive.store). Two things
say what the index lacks (schema m009):

- the watermark `search_index_state.indexed_to`: every speech with a higher
  id is not indexed yet;
- `_search_stale`: indexed speeches whose title or body changed since, with
  the text the index still holds.

`index_pending` takes up to `batch` of them per transaction: it removes the
old tokens of the stale ones, adds the current text, deletes their stale rows
and moves the watermark, all in one `BEGIN IMMEDIATE ... COMMIT`. A kill -9
loses at most that batch, which the next run does again; search scans what is
not indexed (archive.search), so results never depend on when this runs.
Run at a batch's end when the tail is long (`Archive.commit_batch`), at a
run's end (`Archive.finish_run`) and by `speech-archive index`.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

import sqlite_utils

from archive.prepare import text_digest
from archive.search import bigram_document

logger = logging.getLogger(__name__)

# Speeches per indexer transaction: one FTS5 segment each, and how much a
# kill -9 can make the next run redo.
INDEX_BATCH = 2000
# Tail (not yet indexed speeches) at which a batch commit runs the indexer:
# what a search scans is at most this many texts plus one batch of pages.
# Scanning costs ~20-40 us per 2,600-character speech (2,000: 80-100 ms).
TAIL_LIMIT = 500


def tail_size(db: sqlite_utils.Database) -> int:
    """Speeches search has to scan: above the watermark, or stale."""
    return int(db.execute(
        "select (select count(*) from speeches where id >"
        " (select indexed_to from search_index_state where id = 1))"
        " + (select count(*) from _search_stale)").fetchone()[0])


def tail_estimate(db: sqlite_utils.Database) -> int:
    """`tail_size` from the highest id (cheap; exact while no speech is deleted)."""
    return int(db.execute(
        "select coalesce((select max(id) from speeches), 0)"
        " - (select indexed_to from search_index_state where id = 1)"
        " + (select count(*) from _search_stale)").fetchone()[0])


def _document(speech_id: int, title: str | None, body: str | None,
              documents: dict[int, tuple[str, str]]) -> str:
    """The bigram document of this text: the prepared one if it is of this very text."""
    kept = documents.pop(speech_id, None)
    if kept is not None and kept[0] == text_digest(title, body):
        return kept[1]
    return bigram_document(title, body)


def _index_one_batch(db: sqlite_utils.Database, batch: int,
                     documents: dict[int, tuple[str, str]]) -> int:
    """One transaction (the caller's BEGIN IMMEDIATE): at most `batch` speeches. Returns how many."""
    watermark = int(db.execute(
        "select indexed_to from search_index_state where id = 1").fetchone()[0])
    stale = db.execute("select speech_id, title, body from _search_stale order by speech_id"
                       " limit ?", [batch]).fetchall()
    for speech_id, old_title, old_body in stale:
        if speech_id <= watermark:  # the index holds its old text: take it out
            db.execute("insert into speeches_bigrams(speeches_bigrams, rowid, grams)"
                       " values('delete', ?, ?)", [speech_id, bigram_document(old_title, old_body)])
            row = db.execute("select title, body from speeches where id = ?", [speech_id]).fetchone()
            if row is not None:
                db.execute("insert into speeches_bigrams(rowid, grams) values (?, ?)",
                           [speech_id, _document(speech_id, row[0], row[1], documents)])
        # Above the watermark: indexed below with the new speeches.
        db.execute("delete from _search_stale where speech_id = ?", [speech_id])
    fresh = db.execute("select id, title, body from speeches where id > ? order by id limit ?",
                       [watermark, max(batch - len(stale), 0)]).fetchall()
    db.conn.executemany("insert into speeches_bigrams(rowid, grams) values (?, ?)",
                        [(speech_id, _document(speech_id, title, body, documents))
                         for speech_id, title, body in fresh])
    if fresh:
        db.execute("update search_index_state set indexed_to = ?, updated_at = ? where id = 1",
                   [fresh[-1][0], datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")])
    return len(stale) + len(fresh)


def index_pending(db: sqlite_utils.Database, batch: int = INDEX_BATCH,
                  limit: int | None = None, documents: dict[int, tuple[str, str]] | None = None) -> int:
    """Index the tail, `batch` speeches per transaction, until none is left (or `limit` done).

    Must not be called inside an open transaction (it opens its own). Returns
    the number of speeches indexed. `documents`: speech id -> (`text_digest`
    of a text, its bigram document), prepared beforehand (archive.prepare);
    an entry is used only when the speech still has that text, and is removed.
    """
    documents = {} if documents is None else documents
    if db.conn.in_transaction:
        raise RuntimeError("index_pending opens its own transaction; commit first")
    done = 0
    start = time.perf_counter()
    while limit is None or done < limit:
        db.execute("BEGIN IMMEDIATE")
        try:
            count = _index_one_batch(db, batch if limit is None else min(batch, limit - done),
                                     documents)
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        if not count:
            break
        done += count
    if done:
        logger.info("search index: %d speeches indexed in %.1f s", done, time.perf_counter() - start)
    return done


__all__ = ["INDEX_BATCH", "TAIL_LIMIT", "index_pending", "tail_estimate", "tail_size"]
