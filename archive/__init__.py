"""SQLite archive of speeches: captures, dedup, versions, search (see docs/architecture.md)."""
from __future__ import annotations

from archive.model import Fetch, IngestResult
from archive.store import Archive, RevisitPolicy

__all__ = ["Archive", "Fetch", "IngestResult", "RevisitPolicy"]
