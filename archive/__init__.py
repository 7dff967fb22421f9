"""SQLite archive of speeches: captures, dedup, versions, search (see docs/architecture.md)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archive.access import ArchiveError
    from archive.model import Fetch, IngestResult
    from archive.store import Archive, RevisitPolicy

__all__ = ["Archive", "ArchiveError", "Fetch", "IngestResult", "RevisitPolicy"]
# Loaded on first use (PEP 562): `import archive.search` alone does not pull in
# the writer, dedup and numpy, so read commands start quickly.
_HOMES = {"Archive": "archive.store", "RevisitPolicy": "archive.store",
          "ArchiveError": "archive.access", "Fetch": "archive.model", "IngestResult": "archive.model"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'archive' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
