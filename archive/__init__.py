"""SQLite archive of speeches: captures, dedup, versions, search (see docs/architecture.md)."""
from __future__ import annotations

from archive.access import ArchiveError
from archive.model import Fetch, IngestResult
from archive.store import Archive, RevisitPolicy

__all__ = ["Archive", "ArchiveError", "Fetch", "IngestResult", "RevisitPolicy"]
