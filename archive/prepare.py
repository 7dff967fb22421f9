"""`prepare`: the CPU work of one ingest, done before (and away from) the writer.

`Archive.ingest` is SQL around a few values that depend only on the fetched
bytes and the cleaned page: the capture's sha256 and zlib body, and per speech
its normal-form hashes, shingles, MinHash signature, LSH band keys and the
bigram document the search index stores. `prepare` computes them without a
database, so a crawler can run it in its cleaning worker processes and hand
the picklable `Prepared` to the one writer (docs/architecture.md, archive).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from archive.captures import PreparedCapture, prepare_capture
from archive.dedup import Fingerprint
from archive.model import Fetch
from archive.search import bigram_document
from archive.textnorm import content_hash
from cleaning.model import Page


@dataclass(frozen=True)
class PreparedSpeech:
    """What dedup, versioning and the search index need of one speech's text."""

    text_hash: str  # sha256 of the normalised body (exact duplicates)
    content_hash: str  # sha256 of normalised title and body (the same speech at a URL)
    shingles: np.ndarray  # sorted unique uint32 shingle hashes (exact Jaccard)
    signature: np.ndarray  # uint32[num_perm] MinHash
    band_keys: tuple[int, ...]  # LSH band keys
    bigram_document: str  # `archive.search.bigram_document(title, body)`
    text_digest: str  # `text_digest(title, body)`: which text `bigram_document` is of

    def fingerprint(self, body: str) -> Fingerprint:
        return Fingerprint.from_prepared(body, self.text_hash, self.shingles, self.signature,
                                         list(self.band_keys))


@dataclass(frozen=True)
class Prepared:
    """`prepare(fetch, page, parts)`'s result: everything `Archive.ingest` computes but SQL."""

    url: str  # fetch.url, checked by `Archive.ingest`
    capture: PreparedCapture
    parts: tuple[PreparedCapture, ...]
    # One per page.speeches, in order; None for a speech without letters or digits (not stored).
    speeches: tuple[PreparedSpeech | None, ...]


def text_digest(title: str | None, body: str | None) -> str:
    """A short digest of a speech's title and body as stored (not normalised)."""
    return hashlib.blake2b(((title or "") + "\x00" + (body or "")).encode("utf-8"),
                           digest_size=16).hexdigest()


def prepare_speech(title: str | None, body: str) -> PreparedSpeech | None:
    """Hashes, MinHash and bigram document of one speech; None when it has no letters or digits.

    :param title: the speech's title as it will be stored.
    :param body: its body (paragraphs joined by newlines, `Speech.body`).
    """
    fp = Fingerprint(body)
    if not fp.normal:
        return None
    return PreparedSpeech(
        text_hash=fp.text_hash, content_hash=content_hash(title, body, fp.normal),
        shingles=fp.shingles, signature=fp.signature, band_keys=tuple(fp.band_keys),
        bigram_document=bigram_document(title, body, fp.folded), text_digest=text_digest(title, body))


def prepare(fetch: Fetch, page: Page | None, parts: Sequence[Fetch] = ()) -> Prepared:
    """Everything CPU-bound of `Archive.ingest(fetch, page, parts=parts)`, without a database.

    Pure: reads only its arguments, so it can run in any process; the result
    pickles. Pass it as `Archive.ingest(..., prepared=...)` with the same
    fetch, page and parts.

    :param fetch: the main response (`Fetch`); its body is hashed and compressed.
    :param page: the cleaned page, or None (a list page, an error): only the capture is prepared.
    :param parts: the later pages of a multi-page article, in order, as given to `ingest`.
    :returns: a `Prepared` (frozen dataclass of str, bytes, ints and numpy arrays).
    """
    speeches = tuple(prepare_speech(s.title, s.body) for s in page.speeches) if page else ()
    return Prepared(url=fetch.url, capture=prepare_capture(fetch),
                    parts=tuple(prepare_capture(p) for p in parts), speeches=speeches)


__all__ = ["Prepared", "PreparedCapture", "PreparedSpeech", "prepare", "prepare_capture",
           "prepare_speech", "text_digest"]
