"""Raw captures: every fetched body kept zlib-compressed, once per sha256."""
from __future__ import annotations

import hashlib
import json
import re
import zlib
from typing import Any

import sqlite_utils

from archive.model import Fetch

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


def store_capture(db: sqlite_utils.Database, fetch: Fetch, fetched_at: str) -> int:
    """Id of the capture holding `fetch.body`, inserting it if these bytes are new.

    Status, headers and time are those of the first fetch that produced the
    bytes; every later fetch is a `page_captures` row pointing here.
    """
    sha = body_sha256(fetch.body)
    row = db.execute("select id from captures where sha256 = ?", [sha]).fetchone()
    if row:
        return int(row[0])
    cursor = db.execute(
        "insert into captures (sha256, url, status, headers, fetched_at, content_type, size,"
        " compression, content) values (?, ?, ?, ?, ?, ?, ?, 'zlib', ?)",
        [sha, fetch.url, fetch.status, json.dumps(storable_headers(dict(fetch.headers)), ensure_ascii=False),
         fetched_at, fetch.header("Content-Type"), len(fetch.body or b""),
         zlib.compress(fetch.body or b"", 6)],
    )
    return int(cursor.lastrowid)


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
