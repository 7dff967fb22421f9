"""Read-only questions the spiders ask the archive database.

Only the table names and columns fixed in docs/design.md are used (`pages`,
`speech_sources`); everything that writes goes through `archive.Archive`.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path


def _connect(db_path: str | Path) -> sqlite3.Connection | None:
    path = Path(db_path)
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


def _has_tables(db: sqlite3.Connection, *names: str) -> bool:
    found = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    return all(n in found for n in names)


def known_pages(db_path: str | Path, hosts: tuple[str, ...] | list[str], since: str | None = None,
                articles_only: bool = True) -> list[str]:
    """URLs the archive holds for these hosts (articles: pages carrying a speech), not gone.

    `since` (YYYY-MM-DD) keeps pages first seen on or after that day.
    """
    db = _connect(db_path)
    if db is None:
        return []
    try:
        if not _has_tables(db, "pages", "speech_sources"):
            return []
        urls: list[str] = []
        for host in hosts:
            for scheme in ("http", "https"):
                prefix = f"{scheme}://{host}/"
                sql = ("SELECT url FROM pages WHERE substr(url, 1, ?) = ? AND gone_at IS NULL"
                       + (" AND first_seen >= ?" if since else "")
                       + (" AND id IN (SELECT page_id FROM speech_sources)" if articles_only else "")
                       + " ORDER BY id")
                params: list[object] = [len(prefix), prefix] + ([since] if since else [])
                urls.extend(row["url"] for row in db.execute(sql, params))
        return urls
    finally:
        db.close()

