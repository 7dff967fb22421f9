"""Chinese full-text search over two FTS5 indexes, shared by the CLI and Datasette.

- `speeches_fts` (trigram): terms of three characters or more, as substrings.
- `speeches_bigrams` (unicode61 over space-separated character bigrams):
  two-character words as one token, one character as a prefix query. FTS5's
  trigram tokenizer silently matches nothing for terms shorter than three.

Several terms are ANDed. Both indexes are plain FTS5, so any SQLite 3.34+
opens the database without an extension.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

import sqlite_utils

from archive.textnorm import bigram_tokens, search_terms, word_chars


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass
class SearchPlan:
    trigram: list[str] = field(default_factory=list)  # FTS5 phrases for speeches_fts
    bigram: list[str] = field(default_factory=list)  # FTS5 phrases for speeches_bigrams

    @property
    def empty(self) -> bool:
        return not (self.trigram or self.bigram)

    def where(self, id_column: str = "id", prefix: str = "sa") -> tuple[list[str], dict[str, str]]:
        """SQL conditions on `id_column` and their named parameters."""
        clauses: list[str] = []
        params: dict[str, str] = {}
        if self.trigram:
            params[f"{prefix}_tri"] = " AND ".join(self.trigram)
            clauses.append(
                f"{id_column} in (select rowid from speeches_fts"
                f" where speeches_fts match :{prefix}_tri)"
            )
        if self.bigram:
            params[f"{prefix}_bi"] = " AND ".join(self.bigram)
            clauses.append(
                f"{id_column} in (select rowid from speeches_bigrams"
                f" where speeches_bigrams match :{prefix}_bi)"
            )
        return clauses, params


def plan(query: str) -> SearchPlan:
    """Route each whitespace-separated term to the index that can find it."""
    result = SearchPlan()
    for term in search_terms(query):
        if len(term) >= 3:
            result.trigram.append(_quote(term))
            continue
        chars = word_chars(term)
        if len(chars) == 2:
            result.bigram.append(_quote(chars))
        elif len(chars) == 1:
            result.bigram.append(_quote(chars) + " *")
    return result


def index_speech(db: sqlite_utils.Database, speech_id: int, title: str, body: str,
                 old: tuple[str, str] | None = None) -> None:
    """Keep both indexes in step with `speeches` (call inside the write transaction)."""
    if old is not None:
        db.execute(
            "insert into speeches_fts(speeches_fts, rowid, title, body) values('delete', ?, ?, ?)",
            [speech_id, old[0], old[1]],
        )
        db.execute(
            "insert into speeches_bigrams(speeches_bigrams, rowid, grams) values('delete', ?, ?)",
            [speech_id, bigram_document(*old)],
        )
    db.execute("insert into speeches_fts(rowid, title, body) values (?, ?, ?)",
               [speech_id, title, body])
    db.execute("insert into speeches_bigrams(rowid, grams) values (?, ?)",
               [speech_id, bigram_document(title, body)])


def bigram_document(title: str, body: str) -> str:
    """What `speeches_bigrams` indexes for one speech."""
    return bigram_tokens(title or "") + " " + bigram_tokens(body or "")


def search(db: sqlite_utils.Database, query: str, limit: int | None = 20) -> Iterator[dict[str, Any]]:
    """Speeches containing every term of `query`, newest first.

    One FTS index drives the query in rowid order so that `limit` stops it
    early even for words found in most speeches; the other, if needed, is a
    membership test.
    """
    p = plan(query)
    if p.empty:
        return iter(())
    params: dict[str, Any] = {}
    if p.trigram:
        driver, params["m"] = "speeches_fts", " AND ".join(p.trigram)
    else:
        driver, params["m"] = "speeches_bigrams", " AND ".join(p.bigram)
    sql = (
        "select s.id, s.title, s.speaker, s.occasion, s.published, s.site_count,"
        " s.version_count, s.last_changed, substr(s.body, 1, 120) as excerpt"
        f" from {driver} f join speeches s on s.id = f.rowid where {driver} match :m"
    )
    if p.trigram and p.bigram:
        params["bi"] = " AND ".join(p.bigram)
        # "+": a membership test only; as an index constraint SQLite would
        # re-run the trigram MATCH once per bigram hit (seconds at 100k).
        sql += (" and +f.rowid in (select rowid from speeches_bigrams"
                " where speeches_bigrams match :bi)")
    sql += " order by f.rowid desc"
    if limit:
        sql += " limit :limit"
        params["limit"] = limit
    return db.query(sql, params)
