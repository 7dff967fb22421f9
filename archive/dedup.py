"""Exact and near-duplicate lookup against the speeches already archived.

Exact: `_speech_hashes` maps the sha256 of every normalised text a speech has
had to the speech. Near: MinHash LSH band keys live in `_lsh_bands`
(band_key, speech_id) with a primary-key index, so a lookup is one indexed
`IN` query; each candidate is then confirmed by the exact Jaccard of the two
shingle sets, so a band collision never merges two different speeches.

New band rows go to `_lsh_pending` first (schema m013) and move to
`_lsh_bands` in one sorted pass once `LSH_MERGE_ROWS` are pending: 32 random
keys per speech into the big table dirty one page each, most of the WAL a
commit writes (measured: 70 of 107 KB per page at 20k speeches). A lookup
reads both tables, so when the rows move changes no result.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import sqlite_utils

from archive.minhash import (PARAMS, LshParams, band_keys, jaccard, normal_shingle_hashes,
                             shingle_hashes, signature)
from archive.textnorm import fold, hash_normalized, normalize_folded


@dataclass
class Fingerprint:
    """Everything dedup needs from one text, computed lazily once."""

    body: str
    params: LshParams = PARAMS
    _hash: str | None = field(default=None, repr=False)

    @classmethod
    def from_prepared(cls, body: str, text_hash: str, shingles: np.ndarray, signature: np.ndarray,
                      band_keys: list[int]) -> "Fingerprint":
        """A fingerprint whose hashes were computed elsewhere (`archive.prepare`)."""
        fp = cls(body, _hash=text_hash)
        # The cached properties' values, as if computed here.
        fp.__dict__.update(shingles=shingles, signature=signature, band_keys=band_keys)
        return fp

    @cached_property
    def folded(self) -> str:
        """The body folded (`fold`): its normal form's start, and what the search index reads."""
        return fold(self.body)

    @cached_property
    def normal(self) -> str:
        """The body in normal form (computed once for hash, shingles and content hash)."""
        return normalize_folded(self.folded)

    @property
    def text_hash(self) -> str:
        if self._hash is None:
            self._hash = hash_normalized(self.normal)
        return self._hash

    @cached_property
    def shingles(self) -> np.ndarray:
        return normal_shingle_hashes(self.normal, self.params.shingle)

    @cached_property
    def signature(self) -> np.ndarray:
        return signature(self.shingles, self.params.num_perm)

    @cached_property
    def band_keys(self) -> list[int]:
        return band_keys(self.signature, self.params)


@dataclass
class Match:
    speech_id: int
    similarity: float
    kind: str  # "exact" | "near"


def find_duplicate(db: sqlite_utils.Database, fp: Fingerprint) -> Match | None:
    row = db.execute("select speech_id from _speech_hashes where text_hash = ?",
                     [fp.text_hash]).fetchone()
    if row:
        return Match(int(row[0]), 1.0, "exact")
    return find_near_duplicate(db, fp)


# Band rows pending (`_lsh_pending`) at which they move to `_lsh_bands`: 2,000
# speeches, ~1 MB, small enough that a commit dirties few of its pages.
LSH_MERGE_ROWS = 64_000


def candidates(db: sqlite_utils.Database, fp: Fingerprint) -> list[int]:
    """Speeches sharing at least one LSH band, most shared bands first."""
    keys = fp.band_keys
    rows = db.execute(_candidates_query(len(keys)),
                      [*keys, *keys, fp.params.max_candidates]).fetchall()
    return [int(r[0]) for r in rows]


@lru_cache(maxsize=4)
def _candidates_query(keys: int) -> str:
    marks = ",".join("?" * keys)
    # UNION, not UNION ALL: a (band, speech) row in both tables counts once, as in one table.
    return (f"select speech_id from (select band_key, speech_id from _lsh_bands where band_key in ({marks})"
            f" union select band_key, speech_id from _lsh_pending where band_key in ({marks}))"
            " group by speech_id order by count(*) desc, speech_id limit ?")


# A candidate whose signature estimate is this far below the threshold is
# skipped without the exact check (96 permutations: ~4 standard errors).
_ESTIMATE_MARGIN = 0.2


def find_near_duplicate(db: sqlite_utils.Database, fp: Fingerprint) -> Match | None:
    best: Match | None = None
    for speech_id in candidates(db, fp):
        row = db.execute("select body, _minhash from speeches where id = ?", [speech_id]).fetchone()
        if row is None:
            continue
        if row[1] is not None and len(row[1]) == 4 * fp.params.num_perm:
            estimate = float(np.mean(np.frombuffer(row[1], dtype=np.uint32) == fp.signature))
            if estimate < fp.params.threshold - _ESTIMATE_MARGIN:
                continue
        sim = jaccard(fp.shingles, shingle_hashes(row[0], fp.params.shingle))
        if sim >= fp.params.threshold and (best is None or sim > best.similarity):
            best = Match(speech_id, round(sim, 4), "near")
    return best


def minhash_bytes(fp: Fingerprint) -> bytes:
    """`speeches._minhash`: the signature of the current text, for the cheap pre-check of candidates."""
    return np.asarray(fp.signature, dtype=np.uint32).tobytes()  # no copy when uint32 already


def register(db: sqlite_utils.Database, speech_id: int, fp: Fingerprint,
             signature_stored: bool = False) -> int:
    """Make this text of the speech findable (exact hash and LSH bands); returns band rows offered.

    `signature_stored`: the caller wrote `minhash_bytes(fp)` into the speech row itself.
    The bands go to `_lsh_pending`; `merge_pending_bands` moves them on.
    """
    db.execute("insert or ignore into _speech_hashes (text_hash, speech_id) values (?, ?)",
               [fp.text_hash, speech_id])
    if not signature_stored:
        db.execute("update speeches set _minhash = ? where id = ?", [minhash_bytes(fp), speech_id])
    keys = fp.band_keys
    if not keys:
        return 0
    # One statement of len(keys) rows: executemany binds and steps each row from
    # Python, twice the time (0.054 against 0.028 ms for 32 rows).
    db.conn.execute(_pending_insert(len(keys)), [speech_id, *keys])
    return len(keys)


@lru_cache(maxsize=4)
def _pending_insert(rows: int) -> str:
    """INSERT of `rows` band rows of one speech: parameter 1 the speech id, 2.. the band keys."""
    values = ",".join(f"(?{number}, ?1)" for number in range(2, rows + 2))
    return f"insert or ignore into _lsh_pending (band_key, speech_id) values {values}"


def pending_band_rows(db: sqlite_utils.Database) -> int:
    return int(db.execute("select count(*) from _lsh_pending").fetchone()[0])


def merge_pending_bands(db: sqlite_utils.Database) -> int:
    """Move every `_lsh_pending` row to `_lsh_bands` (inside the caller's transaction); returns rows moved.

    In key order, so each page of `_lsh_bands` is written once per merge.
    """
    moved = db.execute("insert or ignore into _lsh_bands (band_key, speech_id)"
                       " select band_key, speech_id from _lsh_pending order by band_key, speech_id"
                       ).rowcount
    db.execute("delete from _lsh_pending")
    return int(moved)


def _copy_rank(db: sqlite_utils.Database, page_id: int | None,
               published: str | None) -> tuple[bool, str, str, str]:
    """Sort key of one copy: earliest published date (undated last), then site name, then URL."""
    row = db.execute(
        "select coalesce(st.name, st.host, ''), p.url from pages p"
        " left join sites st on st.id = p.site_id where p.id = ?", [page_id]).fetchone()
    site, url = (row[0], row[1]) if row else ("", "")
    return (not published, published or "", site, url)


def adopt_canonical(db: sqlite_utils.Database, speech_id: int, page_id: int,
                    fields: dict[str, str | None]) -> tuple[str, str] | None:
    """Let the copy on `page_id` give the speech its title, date and site if it ranks first.

    A reposted speech shows its canonical copy: the earliest published, then
    the first by site name, then by URL, so what the archive shows does not
    depend on which site was crawled first. The text stays (changes of text
    are versions). Returns the (title, body) it had when the title changed,
    else None (the search index learns of the change by a trigger, schema m011).
    """
    row = db.execute(
        "select title, body, published, coalesce(_canonical_page_id, (select page_id"
        " from speech_sources where speech_id = speeches.id and match = 'first'"
        " order by id limit 1)) from speeches where id = ?", [speech_id]).fetchone()
    if row is None or row[3] == page_id:
        return None
    if _copy_rank(db, page_id, fields["published"]) >= _copy_rank(db, row[3], row[2]):
        return None
    published = fields["published"]
    db.execute(
        "update speeches set title = ?, speaker = ?, occasion = ?, published = ?,"
        " year = case when ? glob '[0-9][0-9][0-9][0-9]*' then cast(substr(?, 1, 4) as integer) end,"
        " site_id = (select site_id from pages where id = ?), _canonical_page_id = ? where id = ?",
        [fields["title"], fields["speaker"], fields["occasion"], published, published or "",
         published, page_id, page_id, speech_id])
    return (row[0], row[1]) if row[0] != fields["title"] else None
