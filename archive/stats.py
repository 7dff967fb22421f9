"""Summary figures of an archive, for `speech-archive stats`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlite_utils


def _scalar(db: sqlite_utils.Database, sql: str) -> Any:
    return db.execute(sql).fetchone()[0]


def stats(db: sqlite_utils.Database, path: str | Path | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "sites": _scalar(db, "select count(*) from sites"),
        "pages": _scalar(db, "select count(*) from pages"),
        "pages_gone": _scalar(db, "select count(*) from pages where gone_at is not null"),
        "speeches": _scalar(db, "select count(*) from speeches"),
        "speeches_on_several_sites": _scalar(db, "select count(*) from speeches where site_count > 1"),
        "speech_sources": _scalar(db, "select count(*) from speech_sources"),
        "near_duplicate_sources": _scalar(db, "select count(*) from speech_sources where match = 'near'"),
        "speech_versions": _scalar(db, "select count(*) from speech_versions"),
        "speeches_with_several_versions": _scalar(db, "select count(*) from speeches where version_count > 1"),
        "captures": _scalar(db, "select count(*) from captures"),
        "capture_raw_bytes": _scalar(db, "select coalesce(sum(size), 0) from captures"),
        "capture_stored_bytes": _scalar(db, "select coalesce(sum(length(content)), 0) from captures"),
        "fetches": _scalar(db, "select count(*) from page_captures"),
        "crawl_runs": _scalar(db, "select count(*) from crawl_runs"),
        "crawl_errors": _scalar(db, "select count(*) from crawl_errors"),
    }
    last = next(db.query(
        "select id, trigger, started_at, ended_at, status, pages, new_speeches, new_versions,"
        " errors from crawl_runs order by id desc limit 1"), None)
    out["last_run"] = last
    if path is not None:
        out["db_bytes"] = sum(
            os.path.getsize(str(path) + suffix) for suffix in ("", "-wal")
            if os.path.exists(str(path) + suffix)
        )
    return out
