"""Plain dataclasses exchanged with the crawler: what was fetched, what was stored."""
from __future__ import annotations

from dataclasses import dataclass, field


# crawl_runs' count columns (added by archive/schema.py m001; never edited there).
RUN_COUNTERS = ("pages", "new_speeches", "new_sources", "new_versions", "unchanged_speeches",
                 "not_modified", "unchanged_pages", "gone", "errors")


@dataclass
class Fetch:
    """One HTTP response as the crawler received it (body undecoded)."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    fetched_at: str | None = None  # ISO 8601 UTC; None = now

    def header(self, name: str) -> str | None:
        """Case-insensitive header lookup."""
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return None


@dataclass
class IngestResult:
    page_id: int
    capture_id: int | None
    new_speeches: int = 0
    new_sources: int = 0
    new_versions: int = 0
    unchanged_speeches: int = 0
