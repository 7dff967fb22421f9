"""Distributed crawling on Redis: the Scrapy components of a worker of `crawl --redis URL`.

Built on scrapy-redis (its request queue, fingerprint set and request
serialisation), with three additions that make a crawl a bounded batch:

- `DistributedScheduler`: pops through `Frontier.pop`, so a popped request
  sits in the worker's in-flight hash until Scrapy is done with it (its new
  links and its items are in Redis by then); heartbeats; requeues the work of
  dead workers; closes the spider only when the whole batch is drained
  (scrapy-redis spiders idle forever, plain spiders close as soon as their
  own view of the queue is empty while another worker is still producing).
- `SeedOnceMiddleware`: the start requests are pushed by one worker per batch.
- `ARCHIVE_SINK` = `crawler.distributed.pipeline.redis_outbox` (in place of the SQLite
  archive behind `ArchivePipeline`): workers clean pages and push them to a Redis list; one
  `speech-archive ingest` process writes them, so SQLite keeps one writer.

crawler.distributed.addon.DistributedAddon wires them by settings and states
their defaults; `distribute()` enables it. Without `--redis` none of this is loaded.
"""
from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy.utils.request import request_from_dict
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import task

from crawler.addons import required
from crawler.distributed.addon import ADDON, ADDON_ORDER
from crawler.distributed.frontier import Frontier, connect, crawl_name, new_worker_id, validate_batch_name

logger = logging.getLogger(__name__)

# Scrapy stats a worker adds to the batch's stats hash when it closes.
_WORKER_STATS = {
    "downloader/response_count": "responses",
    "downloader/exception_count": "download_errors",
    "item_scraped_count": "items",
    "spider_exceptions/count": "spider_errors",
    "log_count/ERROR": "logged_errors",
}


def frontier_from_crawler(crawler: Crawler) -> Frontier:
    """The batch handle for this worker; every component gets the same worker id."""
    settings = crawler.settings
    # Defaults and the required ones: crawler.distributed.addon.DistributedAddon.
    url, batch, crawl, worker = (required(settings, name, addon=ADDON) for name in
                                 ("REDIS_URL", "DISTRIBUTED_BATCH", "DISTRIBUTED_CRAWL", "DISTRIBUTED_WORKER_ID"))
    return Frontier(connect(url), batch, crawl, worker,
                    heartbeat_ttl=float(required(settings, "DISTRIBUTED_HEARTBEAT_TTL", addon=ADDON)))


class RedisJournal:
    """The spiders' URL journal (`crawler.frontier.Frontier`), shared through Redis.

    The spiders deduplicate links with their journal and send requests with
    `dont_filter`; in a distributed crawl the journal must be the batch's, so
    "have we seen this URL" is answered by scrapy-redis's fingerprint set,
    with the same fingerprint its dupefilter gives a GET of that URL. Crash
    recovery is the in-flight hash's job, so there is nothing to resume here.
    """

    resumed = False
    resumed_after_crash = False

    def __init__(self, dupefilter: Any) -> None:
        self.df = dupefilter
        # While a worker re-seeds for a dead seeder, the seeds it had recorded must pass.
        self.reseeding = False

    def open(self) -> None:
        return None

    def close(self, finished: bool) -> None:
        return None

    def add(self, url: str, kind: str) -> bool:
        return not self.df.request_seen(Request(url)) or self.reseeding

    def done(self, url: str) -> None:
        return None

    def pending(self) -> list[tuple[str, str]]:
        return []

    def count_pending(self) -> int:
        return 0


class DistributedScheduler(RedisScheduler):
    """scrapy-redis's scheduler with in-flight tracking and a batch end."""

    SWEEP_SECONDS = 0.5

    def __init__(self, server: Any, *, crawler: Crawler, frontier: Frontier, idle_seconds: float,
                 **kwargs: Any) -> None:
        super().__init__(server, **kwargs)
        self.crawler = crawler
        self.frontier = frontier
        self.idle_seconds = idle_seconds
        self._inflight: dict[str, Request] = {}
        self._drained_since: float | None = None
        self._last_heartbeat = 0.0
        self._sweeper: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedScheduler:
        base = RedisScheduler.from_settings(crawler.settings)
        if not base.persist:
            raise NotConfigured("SCHEDULER_PERSIST must be True: workers share one queue")
        instance = cls(
            base.server,
            crawler=crawler,
            frontier=frontier_from_crawler(crawler),
            idle_seconds=float(required(crawler.settings, "DISTRIBUTED_IDLE_SECONDS", addon=ADDON)),
            persist=True,
            queue_key=base.queue_key,
            queue_cls=base.queue_cls,
            dupefilter=base.df,
            dupefilter_key=base.dupefilter_key,
            dupefilter_cls=base.dupefilter_cls,
            serializer=base.serializer,
        )
        instance.stats = crawler.stats
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(instance.spider_closed, signal=signals.spider_closed)
        return instance

    # -- Scrapy scheduler interface ------------------------------------------
    def open(self, spider: Spider) -> None:
        if self.queue_key != self.frontier.keys.requests:
            raise NotConfigured(f"SCHEDULER_QUEUE_KEY must be {self.frontier.keys.requests!r}")
        if getattr(self.crawler.engine, "_slot", None) is None:
            # We read the engine's in-progress set to know when a request is done.
            raise NotConfigured("this Scrapy version's engine has no _slot; cannot track in-flight requests")
        super().open(spider)
        if hasattr(spider, "frontier"):
            # Before start() runs: the engine iterates it only after the scheduler is open.
            spider.frontier = RedisJournal(self.df)
        self.frontier.register()
        self.frontier.reap_dead()
        logger.info("worker %s joined batch %s (%s requests queued)", self.frontier.worker,
                    self.frontier.name, self.frontier.queued())
        self._sweeper = task.LoopingCall(self._sweep)
        self._sweeper.start(self.SWEEP_SECONDS, now=False)

    def close(self, reason: str) -> None:
        if self._sweeper is not None and self._sweeper.running:
            self._sweeper.stop()
        self._release_done()
        counts = {name: self.crawler.stats.get_value(stat, 0) for stat, name in _WORKER_STATS.items()}
        self.frontier.add_stats(counts)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        # Last of all (after the pipeline has pushed its counts): the writer waits for this.
        # Anything Scrapy did not finish goes back on the queue for the others.
        self.frontier.deregister()
        self.frontier.add_stats({"workers_closed": 1})
        logger.info("worker %s left batch %s (%s)", self.frontier.worker, self.frontier.name, reason)

    def next_request(self) -> Request | None:
        popped = self.frontier.pop()
        if popped is None:
            return None
        field, data = popped
        # As the scrapy-redis queue decodes (its serializer, Scrapy's public request_from_dict).
        request = request_from_dict(self.queue.serializer.loads(data), spider=self.spider)
        self._inflight[field] = request
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # -- the batch ------------------------------------------------------------
    def _engine_inprogress(self) -> set[Request]:
        slot = getattr(self.crawler.engine, "_slot", None)
        return slot.inprogress if slot is not None else set()

    def _release_done(self) -> None:
        busy = self._engine_inprogress()
        done = [field for field, request in self._inflight.items() if request not in busy]
        if done:
            self.frontier.release(done)
            for field in done:
                del self._inflight[field]

    def _sweep(self) -> None:
        try:
            self._release_done()
            now = time.monotonic()
            if now - self._last_heartbeat >= self.frontier.heartbeat_ttl_ms / 3000:
                self.frontier.heartbeat()
                self._last_heartbeat = now
            # Idle engines look at the queue every 5 s; others' links should not wait that long.
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None and slot.closing is None:
                slot.nextcall.schedule()
        except Exception:  # a Redis hiccup must not stop the loop
            logger.exception("distributed scheduler sweep failed")

    def spider_idle(self, spider: Spider) -> None:
        """Close only when the whole batch is drained for `idle_seconds`."""
        self._release_done()
        if self.frontier.finished():
            return
        requeued = self.frontier.reap_dead()
        if requeued:
            logger.info("took over %s requests from a dead worker", requeued)
        if not self.frontier.drained():
            self._drained_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._drained_since is None:
            self._drained_since = now
        if now - self._drained_since < self.idle_seconds:
            raise DontCloseSpider
        self.frontier.mark_finished()
        logger.info("batch %s drained: worker %s closes", self.frontier.name, self.frontier.worker)


class SeedOnceMiddleware:
    """Start requests enter the shared queue once per batch, from one worker.

    Start requests are `dont_filter`, so the fingerprint set would not stop
    every worker from fetching them again. The other workers leave their
    start() untouched and run it only if the seeding worker died before it
    had queued every start request (its heartbeat expired, the seed claim was
    cleared by whoever reaped it).
    """

    def __init__(self, crawler: Crawler, frontier: Frontier) -> None:
        self.crawler = crawler
        self.frontier = frontier
        self._unused_start: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeedOnceMiddleware:
        middleware = cls(crawler, frontier_from_crawler(crawler))
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        return middleware

    async def process_start(self, start: Any) -> Any:
        if self.frontier.finished():
            logger.warning("batch %s is already finished; nothing to crawl (use a new --batch, or run "
                           "`speech-archive ingest` to archive and clear it)", self.frontier.name)
            return
        if not self.frontier.claim_seeding():
            self._unused_start = start
            logger.info("batch %s is seeded by another worker; joining", self.frontier.name)
            return
        count = 0
        async for item in start:
            count += 1
            yield item
        # Resumed only after the engine has queued the last one.
        self.frontier.mark_seeded()
        logger.info("seeded batch %s with %s start requests", self.frontier.name, count)

    def spider_idle(self, spider: Spider) -> None:
        if self._unused_start is None or self.frontier.seed_state() is not None:
            return
        if self.frontier.claim_seeding():
            logger.warning("the seeding worker died; seeding batch %s again", self.frontier.name)
            start, self._unused_start = self._unused_start, None
            deferred_from_coro(self._seed(start))

    async def _seed(self, start: Any) -> None:
        journal = getattr(self.crawler.spider, "frontier", None)
        if isinstance(journal, RedisJournal):
            journal.reseeding = True
        try:
            async for item in start:
                if isinstance(item, Request):
                    self.crawler.engine.crawl(item)
        finally:
            if isinstance(journal, RedisJournal):
                journal.reseeding = False
        self.frontier.mark_seeded()


def distribute(specs: list[Any], settings: Any, redis_url: str, batch: str, *, read_db: bool) -> None:
    """Turn `crawl`'s crawler specs and settings into distributed workers of `batch`.

    Enables `DistributedAddon` (after ArchiveAddon) with this process's Redis,
    batch and worker id (one id for all its crawlers). Each spec gets its own
    crawl inside the batch (DISTRIBUTED_CRAWL: its keys) and no JOBDIR (the
    frontier is in Redis). Without `read_db` the worker does not open the
    archive at all (no conditional GET, no known-page seeds); with it the
    archive is only read, the writer is `speech-archive ingest`.
    """
    validate_batch_name(batch)
    settings.setdict({"REDIS_URL": redis_url, "DISTRIBUTED_BATCH": batch, "DISTRIBUTED_WORKER_ID": new_worker_id()},
                     priority="cmdline")
    settings.set_in_component_priority_dict("ADDONS", ADDON, ADDON_ORDER)
    load_object(ADDON)  # fail here, not inside the reactor
    if not read_db:
        settings.set("ARCHIVE_DB_PATH", None, priority="cmdline")
    for spec in specs:
        spec.settings.pop("JOBDIR", None)
        # Per crawler, not in the process-wide settings: CrawlerProcess.create_crawler() lays
        # those over each crawler's own at equal priority, which would give every crawl the same keys.
        spec.settings["DISTRIBUTED_CRAWL"] = crawl_name(spec.label)
