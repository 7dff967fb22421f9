"""What the archive pipeline writes to: the `ArchiveSink` protocol and the setting that picks one.

`ARCHIVE_SINK` names (for `scrapy.utils.misc.load_object`) an opener: called with
the crawler when the pipeline is built, it checks the settings and returns the
function that opens the sink on the pipeline's writer thread (SQLite connections
stay on the thread that made them). Two sinks implement the protocol:

- `archive.Archive`, the SQLite archive (opener `crawler.sink.sqlite_archive`, the default);
- `crawler.distributed.pipeline.RedisArchiveOutbox`, which pushes each call to a
  Redis batch for `speech-archive ingest` (opener `crawler.distributed.pipeline.redis_outbox`).

tests/test_archive_sink.py checks that both satisfy the protocol, signatures included.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from archive.model import Fetch, IngestResult
    from archive.prepare import Prepared
    from cleaning.model import Page


@runtime_checkable
class ArchiveSink(Protocol):
    """The archive calls of one crawl, in the order the pipeline makes them."""

    def start_run(self, trigger: str, sites: Sequence[str]) -> int | None:
        """Open the crawl_runs row of this crawl; its id (None: the sink keeps no runs)."""

    def finish_run(self, run_id: int, status: str, counts: dict[str, int] | None, errors: int,
                   note: str | None) -> None:
        """Close the run with its status and every count."""

    def is_unchanged(self, url: str, body: bytes) -> bool:
        """The URL's last capture holds these very bytes."""

    def ingest(self, fetch: Fetch, page: Page | None, run_id: int | None, parts: Sequence[Fetch],
               prepared: Prepared | None = None) -> IngestResult:
        """Store one fetched page (and the later parts of a multi-page article) with its speeches.

        `prepared` is `archive.prepare.prepare(fetch, page, parts)`, computed beforehand (in a cleaning
        worker); None: the sink computes what it needs itself."""

    def record_not_modified(self, url: str, run_id: int | None) -> None:
        """A 304 answer to a conditional GET."""

    def record_unchanged(self, url: str, status: int, run_id: int | None) -> None:
        """A full answer with the bytes of the last capture."""

    def record_gone(self, url: str, status: int, run_id: int | None) -> None:
        """A 404/410: the page is gone (its speeches are kept)."""

    def record_error(self, url: str, message: str, status: int | None, run_id: int | None) -> None:
        """A page that could not be fetched or archived."""

    def begin_batch(self) -> None:
        """Group the next writes into one transaction (group commit)."""

    def commit_batch(self) -> None:
        """Make the open batch durable."""

    def rollback_batch(self) -> None:
        """Drop the open batch."""

    @property
    def in_batch(self) -> bool:
        """A batch is open."""

    @property
    def stores_prepared(self) -> bool:
        """`ingest` uses a given `prepared` as it is, so computing it in a cleaning worker saves the
        writer work; False: the sink prepares each page on its own side and ignores one."""

    def close(self) -> None:
        """Release the sink; nothing is written after."""


@runtime_checkable
class TemplateStore(Protocol):
    """What learning site templates during a crawl needs besides the sink (only the SQLite archive has it)."""

    def load_template(self, host: str) -> object: ...

    def save_template(self, host: str, template: object) -> None: ...

    def refit_page(self, page_id: int, run_id: int | None, page: Page) -> dict[str, int]: ...

    def page_fetches(self, page_id: int) -> tuple[Fetch, list[Fetch]] | None: ...


SinkOpener = Callable[["Crawler"], Callable[[], ArchiveSink]]


def sqlite_archive(crawler: Crawler) -> Callable[[], ArchiveSink]:
    """ARCHIVE_SINK default: the SQLite archive at ARCHIVE_DB_PATH."""
    db_path = crawler.settings.get("ARCHIVE_DB_PATH")
    if not db_path:
        raise NotConfigured("ARCHIVE_DB_PATH is not set: pages are fetched but not archived")

    def open_archive() -> ArchiveSink:
        from archive import Archive

        return Archive(db_path)

    return open_archive
