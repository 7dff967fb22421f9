"""The project's own Scrapy settings and their defaults, stated once (a Scrapy add-on).

Scrapy's own components read their settings with no fallback value because
scrapy/settings/default_settings.py states every default; `ArchiveAddon` is
that place for the settings this project adds. crawler/settings.py enables it
(`ADDONS`); a test or script that builds a bare crawler enables it the same way:
`get_crawler(settings_dict={"ADDONS": {ArchiveAddon: 0}, ...})`.
Settings from crawler/settings.py, `-s` or a spider outrank the add-on's priority.
"""
from __future__ import annotations

from typing import Any

from archive.store import RevisitPolicy
from crawler.site_templates import OBSERVE_ALL_PAGES, OBSERVE_EVERY

_HOUR = 3600.0
_DAY = 24 * _HOUR


class ArchiveAddon:
    """Defaults of the ARCHIVE_*, RETRY_BACKOFF_* and MAX_RESPONSE_HEADER_BYTES settings (see the comments)."""

    DEFAULTS: dict[str, Any] = {
        # Where the pipeline's pages go (crawler.sink): the SQLite archive at ARCHIVE_DB_PATH;
        # a distributed crawl sets crawler.distributed.pipeline.redis_outbox.
        "ARCHIVE_SINK": "crawler.sink.sqlite_archive",
        "ARCHIVE_DB_PATH": None,  # required by the SQLite sink: -s ARCHIVE_DB_PATH=archive.db
        "ARCHIVE_RUN_TRIGGER": "cli",  # recorded in crawl_runs.trigger
        "ARCHIVE_MAX_PARTS": 20,  # pages of one multi-page article, at most
        # Group commit: one archive transaction per 50 pages or per 500 ms, whichever first
        # (1 page = one transaction per page).
        "ARCHIVE_COMMIT_PAGES": 50,
        "ARCHIVE_COMMIT_MS": 500.0,
        "ARCHIVE_CONDITIONAL_GET": True,
        # Cleaning runs in this many worker processes ("auto": one per spare core, at most 4; 0: inline).
        "ARCHIVE_CLEAN_WORKERS": "auto",
        # An unchanged article is revisited BASE hours after its last visit, doubled for each
        # unchanged visit in a row, at most MAX days; 0 revisits every run. Lists: every run.
        # The archive's own RevisitPolicy holds the numbers (Archive() without a crawl uses them too).
        "ARCHIVE_REVISIT_BASE_HOURS": RevisitPolicy.base.total_seconds() / _HOUR,
        "ARCHIVE_REVISIT_MAX_DAYS": RevisitPolicy.maximum.total_seconds() / _DAY,
        # Site templates learn from a host's first OBSERVE_ALL pages of a run, then from one in
        # OBSERVE_EVERY (crawler.site_templates holds the numbers).
        "ARCHIVE_TEMPLATE_OBSERVE_ALL": OBSERVE_ALL_PAGES,
        "ARCHIVE_TEMPLATE_OBSERVE_EVERY": OBSERVE_EVERY,
        # Retries (crawler.middlewares.BackoffRetryMiddleware): seconds before the first one,
        # doubled for each next one, at most MAX.
        "RETRY_BACKOFF_BASE": 2.0,
        "RETRY_BACKOFF_MAX": 120.0,
        # Bytes of a response's header section, at most (crawler.downloader: an endless one is cut off).
        "MAX_RESPONSE_HEADER_BYTES": 64 * 1024,
    }

    def update_settings(self, settings: Any) -> None:
        for name, value in self.DEFAULTS.items():
            settings.set(name, value, priority="addon")


def required(settings: Any, name: str, addon: str = "crawler.addons.ArchiveAddon") -> Any:
    """A setting an add-on (`addon`) gives a default or asks for, read with no fallback of its own
    (as Scrapy's components read theirs); unset means the add-on is not enabled, or the setting it
    needs was not given: a clear error, not a guess."""
    value = settings.get(name)
    if value is None:
        raise ValueError(f"{name} is not set: enable {addon} in ADDONS, or set {name}")
    return value
