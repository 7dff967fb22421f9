"""Which archive write errors mean "the archive cannot be written any more" (stop the crawl).

A full disk, a read-only file system or an I/O error fails every following
write too: crawling on would fetch pages only to lose them and report them
as archived. Other errors (one page that cannot be cleaned or stored) stay
per-page errors.
"""
from __future__ import annotations

import errno
import sqlite3

# SQLite's messages for SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN.
_SQLITE_STORAGE_MESSAGES = ("disk is full", "disk i/o error", "readonly database", "unable to open database")
_STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}


def is_storage_failure(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        return any(m in message for m in _SQLITE_STORAGE_MESSAGES)
    if isinstance(exc, OSError):
        return exc.errno in _STORAGE_ERRNOS
    return False
