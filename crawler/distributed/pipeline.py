"""The item pipeline of a distributed worker: clean here, archive elsewhere.

`RedisItemPipeline` is the project's `ArchivePipeline` (same cleaning, same
multi-page stitching, same counts) with its archive swapped for
`RedisArchiveOutbox`, which turns every archive call into a message on the
batch's Redis item list. The CPU-heavy cleaning is spread over the workers;
`speech-archive ingest` is the only process that writes SQLite.

Workers do not read the archive: "same bytes as last time" is decided by the
writer, which turns such an ingest into `record_unchanged`.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from archive import Fetch, IngestResult
from cleaning.model import Page
from crawler.addons import required
from crawler.distributed.components import frontier_from_crawler
from crawler.pipelines import ArchivePipeline, clean_workers_setting, run_sites
from crawler.distributed.frontier import Frontier
from crawler.distributed.items import Message, encode

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


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
    def start_run(self, trigger: str = "distributed", sites: Sequence[str] = ()) -> None:
        self.frontier.add_sites([s for s in sites if s])
        return None

    def finish_run(self, run_id: int | None, status: str = "ok", counts: dict[str, int] | None = None,
                   errors: int = 0, note: str | None = None) -> None:
        self.frontier.add_stats({f"crawl_{k}": v for k, v in (counts or {}).items()})

    def is_unchanged(self, url: str, body: bytes) -> bool:
        return False  # decided by the writer, which holds the archive

    def ingest(self, fetch: Fetch, page: Page | None, run_id: int | None = None,
               parts: Sequence[Fetch] = ()) -> IngestResult:
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

    def __exit__(self, *exc: object) -> None:
        return None


class RedisItemPipeline(ArchivePipeline):
    """Settings: REDIS_URL, DISTRIBUTED_BATCH (set by `crawl --redis`), ARCHIVE_MAX_PARTS,
    ARCHIVE_CLEAN_WORKERS."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisItemPipeline:
        from scrapy import signals

        settings = crawler.settings
        pipeline = cls(settings.get("ARCHIVE_DB_PATH") or "", "distributed", int(required(settings, "ARCHIVE_MAX_PARTS")),
                       crawler, clean_workers=clean_workers_setting(settings))
        pipeline.frontier = frontier_from_crawler(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        # As ArchivePipeline.open_spider, with the outbox for the archive; the one
        # "writer" thread keeps Redis round trips off the reactor.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="redis-outbox")
        self.archive = RedisArchiveOutbox(self.frontier)
        self.cleaner.start()
        spider = self.crawler.spider if self.crawler else None
        self.run_id = self.archive.start_run(sites=run_sites(spider))
        logger.info("pushing cleaned pages to %s", self.archive.key)
