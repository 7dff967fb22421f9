"""Opening an archive safely: is this file a speech archive this code can read or write?

Read commands open the file read-only (`mode=ro`, or `immutable=1` on a
read-only mount where SQLite cannot create the WAL index), so they never
create, convert or change a file that is not an archive. Writers call
`check_archive` before migrating, so an unrelated database or one written by a
newer speech-archive is refused instead of half-upgraded.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from archive import schema

# The tables m001 creates that every archive has; a file holding some but not
# the migration record is someone else's database.
CORE_TABLES = ("speeches", "pages", "captures", "crawl_runs")


class ArchiveError(Exception):
    """A file that cannot be used as the archive; str() is one line for the user."""


def known_migrations() -> set[str]:
    """Names of every migration this code knows (all are pending on an empty database)."""
    return {m.name for m in schema.migrations.pending(sqlite_utils.Database(memory=True))}


def _applied(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in schema.migrations.applied(db)]


def check_archive(db: sqlite_utils.Database, path: str | Path, *, allow_empty: bool) -> None:
    """Raise ArchiveError unless `db` is an archive this code understands.

    An SQLite file without tables passes only with `allow_empty` (a writer
    about to create the schema there).
    """
    try:
        names = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: not an SQLite database ({exc})") from None
    if not names:
        if allow_empty:
            return
        raise ArchiveError(f"{path}: an empty SQLite database, not an archive (crawl into it first)")
    try:
        applied = _applied(db)
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: unreadable migration record ({exc})") from None
    if not applied:
        theirs = ", ".join(sorted(n for n in names if n in CORE_TABLES)) or ", ".join(sorted(names)[:5])
        raise ArchiveError(f"{path}: not a speech archive (tables {theirs} without speech-archive's schema record)")
    newer = [name for name in applied if name not in known_migrations()]
    if newer:
        raise ArchiveError(f"{path}: written by a newer speech-archive (schema {newer[-1]}); upgrade speech-archive to use it")


def _ro_uri(path: Path, immutable: bool) -> str:
    flag = "immutable=1" if immutable else "mode=ro"
    return f"file:{quote(str(path.resolve()))}?{flag}"


def writable(path: str | Path) -> bool:
    """Whether this process could write the archive and its -wal/-shm files."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


def _connect(path: Path, immutable: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(_ro_uri(path, immutable), uri=True, check_same_thread=False)
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """mode=ro; `immutable=1` only where nobody can write the file (a read-only mount)."""
    try:
        return _connect(path, immutable=False)
    except sqlite3.DatabaseError as exc:
        # A WAL file without its -shm on a read-only mount cannot be opened mode=ro.
        if writable(path) or "file is not a database" in str(exc):
            raise ArchiveError(f"{path}: not an SQLite database, or unreadable ({exc})") from None
    try:
        return _connect(path, immutable=True)
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: not an SQLite database, or unreadable ({exc})") from None


def _validate(path: Path) -> None:
    """check_archive, on a connection that leaves nothing behind when the file is refused.

    With no -wal beside it the main file holds every commit, so it is probed
    `immutable=1`: SQLite then creates no -wal/-shm beside someone else's file.
    """
    if Path(f"{path}-wal").exists():
        conn = _connect_read_only(path)
    else:
        try:
            conn = _connect(path, immutable=True)
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{path}: not an SQLite database, or unreadable ({exc})") from None
    db = sqlite_utils.Database(conn, execute_plugins=False)
    try:
        check_archive(db, path, allow_empty=False)
        if schema.migrations.pending(db):
            raise _PendingUpgrade(path)
    finally:
        db.close()


def open_read_only(path: str | Path) -> sqlite_utils.Database:
    """An existing archive opened read-only; ArchiveError (one line) for anything else.

    Nothing is created beside a file that is refused, and nothing is ever
    written. On a read-only mount a WAL archive whose -shm is gone is opened
    `immutable=1` (nobody can change it there).
    """
    path = Path(path)
    if not path.exists():
        raise ArchiveError(f"{path}: no such archive (crawl into it first)")
    if path.is_dir():
        raise ArchiveError(f"{path}: is a directory, not an archive")
    if path.stat().st_size == 0:
        raise ArchiveError(f"{path}: an empty file, not an archive (crawl into it first)")
    _validate(path)
    return sqlite_utils.Database(_connect_read_only(path), execute_plugins=False)


class _PendingUpgrade(ArchiveError):
    """An archive of an older schema: a writer must upgrade it before reads."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: archive of an older schema, not upgradable here (read-only); "
                         "open it once where it is writable (e.g. speech-archive stats) to upgrade it")
        self.path = path


def open_for_reading(path: str | Path) -> sqlite_utils.Database:
    """`open_read_only`, upgrading an older archive's schema first when the file is writable."""
    try:
        return open_read_only(path)
    except _PendingUpgrade:
        if not writable(path):
            raise
    from archive.store import Archive

    Archive(path).close()  # applies the pending migrations in one IMMEDIATE transaction
    return open_read_only(path)
