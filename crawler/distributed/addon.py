"""The Scrapy add-on that makes a crawl one worker of a Redis batch (`crawl --redis URL`).

Like crawler.addons.ArchiveAddon, it states its settings' defaults once; the
components (crawler.distributed.components, .pipeline) read them with no
fallback values. It also wires the Redis components by settings: the
scheduler, the shared queue and fingerprint set of scrapy-redis, the seeding
middleware, and the Redis outbox as the archive pipeline's sink.

Enable it after ArchiveAddon (a higher number in ADDONS), since both set
ARCHIVE_* defaults at add-on priority and the later one wins:
`ADDONS = {ArchiveAddon: 0, DistributedAddon: 10}`, with REDIS_URL and
DISTRIBUTED_BATCH set. `distribute()` does that for the CLI.
"""
from __future__ import annotations

from typing import Any

from crawler.addons import required
from crawler.distributed.frontier import DEFAULT_CRAWL, HEARTBEAT_TTL, CrawlKeys, new_worker_id, validate_batch_name

ADDON = f"{__name__}.DistributedAddon"  # how ADDONS, and its errors, name it
ADDON_ORDER = 10  # after crawler.addons.ArchiveAddon (0): its ARCHIVE_SINK replaces the SQLite one
SEED_ONCE_MIDDLEWARE = "crawler.distributed.components.SeedOnceMiddleware"
SEED_ONCE_ORDER = 10  # next to the engine: it sees the spider's start requests first


class DistributedAddon:
    """Defaults of the DISTRIBUTED_* settings and the wiring of a distributed worker (see the comments).

    Every Scrapy component of a worker reads its DISTRIBUTED_* setting with no
    fallback value: this is the one place the defaults are written.
    """

    DEFAULTS: dict[str, Any] = {
        # Required, no default: REDIS_URL (redis://host:port/db) and DISTRIBUTED_BATCH (the batch's name).
        "DISTRIBUTED_CRAWL": DEFAULT_CRAWL,  # this crawl's keys inside the batch (one per spider and its arguments)
        # Seconds the whole batch must stay drained (queue empty, nothing in flight) before a worker closes.
        "DISTRIBUTED_IDLE_SECONDS": 3.0,
        # Seconds a worker's heartbeat lives; a worker silent this long is dead and its work requeued.
        "DISTRIBUTED_HEARTBEAT_TTL": HEARTBEAT_TTL,
    }
    # Other components' settings, as a worker needs them (at add-on priority too: -s still wins).
    WIRING: dict[str, Any] = {
        # scrapy-redis: the shared queue and fingerprint set; the queue outlives any one worker.
        "SCHEDULER": "crawler.distributed.components.DistributedScheduler",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        # The ArchivePipeline's pages go to the batch's Redis list; `speech-archive ingest` writes them.
        # Every push is final on its own: no group commit.
        "ARCHIVE_SINK": "crawler.distributed.pipeline.redis_outbox",
        "ARCHIVE_COMMIT_PAGES": 1,
    }

    def update_settings(self, settings: Any) -> None:
        required(settings, "REDIS_URL", addon=ADDON)
        batch = validate_batch_name(required(settings, "DISTRIBUTED_BATCH", addon=ADDON))
        for name, value in {**self.DEFAULTS, **self.WIRING}.items():
            settings.set(name, value, priority="addon")
        # One id per crawler unless the process gave all its crawlers one (distribute() does).
        settings.set("DISTRIBUTED_WORKER_ID", new_worker_id(), priority="addon")
        keys = CrawlKeys(batch, validate_batch_name(settings["DISTRIBUTED_CRAWL"]))
        settings.set("SCHEDULER_QUEUE_KEY", keys.requests, priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", keys.dupefilter, priority="addon")
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", SEED_ONCE_MIDDLEWARE, SEED_ONCE_ORDER)
