"""Raw captures: every fetched body kept zlib-compressed, once per sha256."""
from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from archive.model import Fetch

# zlib level of stored captures. Level 1 compresses a real page in 0.86 ms where the
# default (6) takes 1.96, for 13 % more bytes (ratio 0.275 against 0.243 on the real
# corpus; 0.33 against 0.42 ms on the crawl benchmark's pages): the writer's CPU is what
# bounds a crawl, the disk is not. Any level reads back the same.
COMPRESSION_LEVEL = 1

# Response headers that carry credentials or session state: never stored, since
# captures are shown in Datasette. Matched case-insensitively on the whole name.
SECRET_HEADERS = re.compile(
    r"set-cookie2?|cookie|authorization|proxy-authorization"
    r"|x-[a-z0-9-]*(?:token|secret|api-key|auth)[a-z0-9-]*|x-csrftoken|x-xsrf-token",
    re.IGNORECASE,
)


def storable_headers(headers: dict[str, str]) -> dict[str, str]:
    """`headers` without the credential and session headers of SECRET_HEADERS."""
    return {name: value for name, value in headers.items() if not SECRET_HEADERS.fullmatch(name.strip())}


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body or b"").hexdigest()


@dataclass(frozen=True)
class PreparedCapture:
    """One fetched body as the `captures` table stores it (`prepare_capture`)."""

    sha256: str
    size: int
    headers_json: str  # the storable headers (no credentials), JSON
    content: bytes  # zlib of the body


def prepare_capture(fetch: Fetch) -> PreparedCapture:
    """The `captures` row values of `fetch`'s body: no database, any process (archive.prepare).

    :param fetch: the response as received (its `body` undecoded bytes).
    """
    body = fetch.body or b""
    return PreparedCapture(
        sha256=body_sha256(body), size=len(body),
        headers_json=json.dumps(storable_headers(dict(fetch.headers)), ensure_ascii=False),
        content=zlib.compress(body, COMPRESSION_LEVEL))


def store_capture(db: sqlite_utils.Database, fetch: Fetch, fetched_at: str,
                  prepared: PreparedCapture | None = None) -> int:
    """Id of the capture holding `fetch.body`, inserting it if these bytes are new.

    Status, headers and time are those of the first fetch that produced the
    bytes; every later fetch is a `page_captures` row pointing here.
    `prepared`: `archive.prepare.prepare_capture(fetch)`, computed beforehand.
    """
    if prepared is None:
        prepared = prepare_capture(fetch)
    # Insert first: a crawl stores mostly new bytes (unchanged ones are `record_unchanged`),
    # so the lookup runs only when the unique sha256 index turned the row away.
    cursor = db.execute(
        "insert into captures (sha256, url, status, headers, fetched_at, content_type, size,"
        " compression, content) values (?, ?, ?, ?, ?, ?, ?, 'zlib', ?)"
        " on conflict (sha256) do nothing",
        [prepared.sha256, fetch.url, fetch.status, prepared.headers_json, fetched_at,
         fetch.header("Content-Type"), prepared.size, prepared.content],
    )
    if cursor.rowcount == 1:
        return int(cursor.lastrowid)
    return int(db.execute("select id from captures where sha256 = ?", [prepared.sha256]).fetchone()[0])


def link_capture(db: sqlite_utils.Database, page_id: int, capture_id: int, fetch: Fetch,
                 fetched_at: str, run_id: int | None, part: int = 0,
                 main_id: int | None = None) -> int:
    cursor = db.execute(
        "insert into page_captures (page_id, capture_id, part, main_id, status, fetched_at, run_id)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [page_id, capture_id, part, main_id, fetch.status, fetched_at, run_id],
    )
    return int(cursor.lastrowid)


def load_capture(db: sqlite_utils.Database, capture_id: int, url: str | None = None) -> Fetch:
    """Rebuild the Fetch a capture came from (body decompressed)."""
    row: dict[str, Any] | None = next(
        db.query("select * from captures where id = ?", [capture_id]), None
    )
    if row is None:
        raise KeyError(f"no capture {capture_id}")
    if row["compression"] != "zlib":
        raise ValueError(f"capture {capture_id}: unknown compression {row['compression']!r}")
    return Fetch(
        url=url or row["url"],
        status=row["status"],
        headers=json.loads(row["headers"] or "{}"),
        body=zlib.decompress(row["content"]),
        fetched_at=row["fetched_at"],
    )
