"""One helper the tests share: read rows straight from an archive file with the
standard library, so a test sees exactly what any SQLite client would."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def rows(db: Path | str, sql: str, *params: object) -> list[tuple]:
    """All rows of one query on a fresh connection (closed before returning)."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
