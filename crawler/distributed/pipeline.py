"""The archive sink of a distributed worker: clean here, archive elsewhere.

A distributed crawl runs the project's `ArchivePipeline` (same cleaning, same
multi-page stitching, same counts) with `ARCHIVE_SINK` set to `redis_outbox`
(crawler.distributed.addon.DistributedAddon sets it): its
`RedisArchiveOutbox` implements `crawler.sink.ArchiveSink` by turning every
archive call into a message on the batch's Redis item list. The CPU-heavy
cleaning is spread over the workers; `speech-archive ingest` is the only
process that writes SQLite.

Workers do not read the archive: "same bytes as last time" is decided by the
writer, which turns such an ingest into `record_unchanged`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from archive import Fetch, IngestResult
from cleaning.model import Page
from crawler.distributed.components import frontier_from_crawler
from crawler.distributed.frontier import Frontier
from crawler.distributed.items import Message, encode
from crawler.sink import ArchiveSink

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from archive.prepare import Prepared

logger = logging.getLogger(__name__)


def redis_outbox(crawler: Crawler) -> Callable[[], ArchiveSink]:
    """ARCHIVE_SINK of a distributed worker (settings REDIS_URL, DISTRIBUTED_BATCH: `crawl --redis`)."""
    frontier = frontier_from_crawler(crawler)

    def open_outbox() -> ArchiveSink:
        outbox = RedisArchiveOutbox(frontier)
        logger.info("pushing cleaned pages to %s", outbox.key)
        return outbox

    return open_outbox


class RedisArchiveOutbox:
    """The `Archive` calls a crawl makes, pushed to Redis instead of applied."""

    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier
        self.client = frontier.client
        self.key = frontier.batch.items

    def _push(self, message: Message) -> None:
        message.worker = self.frontier.worker
        self.client.rpush(self.key, encode(message))

    # Run bookkeeping belongs to the writer; the worker's counts go to the batch stats.
    def start_run(self, trigger: str, sites: Sequence[str] = ()) -> None:
        self.frontier.add_sites([s for s in sites if s])
        return None

    def finish_run(self, run_id: int | None, status: str = "ok", counts: dict[str, int] | None = None,
                   errors: int = 0, note: str | None = None) -> None:
        self.frontier.add_stats({f"crawl_{k}": v for k, v in (counts or {}).items()})

    def is_unchanged(self, url: str, body: bytes) -> bool:
        return False  # decided by the writer, which holds the archive

    def ingest(self, fetch: Fetch, page: Page | None, run_id: int | None = None,
               parts: Sequence[Fetch] = (), prepared: Prepared | None = None) -> IngestResult:
        # `prepared` is not carried: messages are JSON for any writer, and the writer,
        # on its own machine, prepares the page itself (archive.Archive.ingest does).
        self._push(Message("ingest", fetch.url, fetch=fetch, page=page, parts=list(parts), status=fetch.status))
        # What the speeches turn out to be is only known when the writer dedups them.
        return IngestResult(page_id=0, capture_id=None)

    def record_not_modified(self, url: str, run_id: int | None = None) -> None:
        self._push(Message("not_modified", url, status=304))

    def record_unchanged(self, url: str, status: int = 200, run_id: int | None = None) -> None:
        self._push(Message("unchanged", url, status=status))

    def record_gone(self, url: str, status: int = 404, run_id: int | None = None) -> None:
        self._push(Message("gone", url, status=status))

    def record_error(self, url: str, message: str, status: int | None = None, run_id: int | None = None) -> None:
        self._push(Message("error", url, status=status, error=message))

    # Every push is final on its own: a message list has no transaction to group, commit or drop.
    def begin_batch(self) -> None:
        return None

    def commit_batch(self) -> None:
        return None

    def rollback_batch(self) -> None:
        return None

    @property
    def in_batch(self) -> bool:
        return False

    @property
    def stores_prepared(self) -> bool:
        return False  # see ingest: the writer prepares each page itself

    def close(self) -> None:
        return None  # the Redis client belongs to the frontier
