"""The shared state of one distributed crawl batch in Redis (no Scrapy here).

scrapy-redis gives the shared request queue (a sorted set) and the shared
fingerprint set. It pops a request with ZRANGE+ZREM, so a worker killed
after the pop loses that request for good, and its spiders either idle
forever or close as soon as *their* view of the queue is empty. This module
adds what a bounded batch needs on top of the same keys:

- every pop moves the request into the worker's in-flight hash in one Lua
  call; the worker deletes the entry once Scrapy has finished with it (its
  links and items are in Redis by then);
- each worker refreshes a heartbeat key with a TTL; any worker that finds a
  registered worker without heartbeat puts that worker's in-flight requests
  back on the queue (at-least-once, never lost);
- "drained" means: seeded, queue empty, no in-flight request anywhere. Only
  then may a worker close, and the first to see it sets `finished`, which
  tells the others and the archive writer that the batch is over.

Keys of a batch (prefix `speech-archive:<batch>:`): items, items:processing,
items:bad (lists), crawls, sites (sets), stats (hash); and of each crawl in it
(one spider with its arguments, prefix `speech-archive:<batch>:crawl:<name>:`):
requests (zset), dupefilter (set), workers (set), hb:<worker>,
inflight:<worker> (hash "token:score" -> request), seed, finished.
Standalone Redis only: the Lua scripts touch keys they compute.
"""
from __future__ import annotations

import logging
import os
import re
import socket
import time
import uuid
from dataclasses import dataclass

import redis

logger = logging.getLogger(__name__)

KEY_ROOT = "speech-archive"

# Pop the best request and park it in this worker's in-flight hash, atomically.
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
local field = ARGV[1] .. ':' .. r[2]
redis.call('HSET', KEYS[2], field, r[1])
return {field, r[1]}
"""

# Requeue a dead worker's in-flight requests (no-op while its heartbeat lives).
# KEYS: workers, requests, inflight:<w>, hb:<w>, seed; ARGV: worker id
_REAP = """
if redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
local h = redis.call('HGETALL', KEYS[3])
for i = 1, #h, 2 do
  local score = string.match(h[i], ':([^:]*)$')
  redis.call('ZADD', KEYS[2], score, h[i + 1])
end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[5]) == 'seeding:' .. ARGV[1] then
  redis.call('DEL', KEYS[5])
end
return #h / 2
"""

# KEYS: seed, requests, workers; ARGV: inflight key prefix. 1 when drained.
_DRAINED = """
if redis.call('GET', KEYS[1]) ~= 'seeded' then return 0 end
if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('HLEN', ARGV[1] .. w) > 0 then return 0 end
end
return 1
"""


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class BatchKeys:
    """Keys shared by every crawl of a batch: the item list, stats, the crawl registry."""

    batch: str

    @property
    def prefix(self) -> str:
        return f"{KEY_ROOT}:{self.batch}:"

    @property
    def items(self) -> str:
        return self.prefix + "items"

    @property
    def items_processing(self) -> str:
        return self.prefix + "items:processing"

    @property
    def items_bad(self) -> str:
        return self.prefix + "items:bad"

    @property
    def crawls(self) -> str:
        return self.prefix + "crawls"

    @property
    def sites(self) -> str:
        return self.prefix + "sites"

    @property
    def stats(self) -> str:
        return self.prefix + "stats"


@dataclass(frozen=True)
class CrawlKeys:
    """Keys of one crawl (one spider with its arguments) inside a batch."""

    batch: str
    crawl: str

    @property
    def prefix(self) -> str:
        return f"{KEY_ROOT}:{self.batch}:crawl:{self.crawl}:"

    @property
    def requests(self) -> str:
        return self.prefix + "requests"

    @property
    def dupefilter(self) -> str:
        return self.prefix + "dupefilter"

    @property
    def workers(self) -> str:
        return self.prefix + "workers"

    @property
    def seed(self) -> str:
        return self.prefix + "seed"

    @property
    def finished(self) -> str:
        return self.prefix + "finished"

    def heartbeat(self, worker: str) -> str:
        return f"{self.prefix}hb:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}inflight:{worker}"


def crawl_name(label: str) -> str:
    """A key-safe name for a crawl label (a site name, a start URL)."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("_")
    return name[:100] or "crawl"


def validate_batch_name(batch: str) -> str:
    """Batch names become key parts: keep them to a safe alphabet."""
    if not batch or len(batch) > 100 or not all(c.isascii() and (c.isalnum() or c in "-_.") for c in batch):
        raise ValueError(f"bad batch name {batch!r}: use ASCII letters, digits, '-', '_' or '.' (1-100 chars)")
    return batch


def connect(url: str) -> redis.Redis:
    """A client for `url` (redis://host:port/db); fails early if unreachable."""
    client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
    client.ping()
    return client


# Seconds a worker's heartbeat lives (renewed every third of it): a worker silent this long is
# dead and its in-flight work is requeued. DISTRIBUTED_HEARTBEAT_TTL overrides it in a crawl.
HEARTBEAT_TTL = 15.0
# The crawl of a batch when there is only one (DISTRIBUTED_CRAWL names the others).
DEFAULT_CRAWL = "main"


class Frontier:
    """One worker's (or the writer's) handle on a batch's shared state."""

    def __init__(self, client: redis.Redis, batch: str, crawl: str = DEFAULT_CRAWL, worker: str | None = None,
                 heartbeat_ttl: float = HEARTBEAT_TTL) -> None:
        self.client = client
        self.batch = BatchKeys(validate_batch_name(batch))
        self.keys = CrawlKeys(batch, validate_batch_name(crawl))
        self.worker = worker or new_worker_id()
        self.heartbeat_ttl_ms = int(heartbeat_ttl * 1000)
        self._pop = client.register_script(_POP)
        self._reap = client.register_script(_REAP)
        self._drained = client.register_script(_DRAINED)
        self._seq = 0

    @property
    def name(self) -> str:
        """batch/crawl, for log lines."""
        return f"{self.keys.batch}/{self.keys.crawl}"

    # -- workers ----------------------------------------------------------
    def register(self) -> None:
        self.heartbeat()
        self.client.sadd(self.keys.workers, self.worker)
        self.client.sadd(self.batch.crawls, self.keys.crawl)
        self.client.hincrby(self.batch.stats, "workers_started", 1)

    def heartbeat(self) -> None:
        self.client.set(self.keys.heartbeat(self.worker), "1", px=self.heartbeat_ttl_ms)

    def deregister(self) -> None:
        """Leave the batch cleanly; whatever is still in flight goes back on the queue."""
        pipe = self.client.pipeline()
        pipe.delete(self.keys.heartbeat(self.worker))
        pipe.execute()
        requeued = self.reap(self.worker)
        if requeued > 0:
            logger.warning("worker %s left with %s requests in flight; requeued them", self.worker, requeued)

    def live_workers(self) -> list[str]:
        workers = sorted(w.decode() for w in self.client.smembers(self.keys.workers))
        pipe = self.client.pipeline()
        for w in workers:
            pipe.exists(self.keys.heartbeat(w))
        return [w for w, alive in zip(workers, pipe.execute()) if alive]

    def reap(self, worker: str) -> int:
        """Requeue `worker`'s in-flight requests if its heartbeat has expired.

        Returns how many were requeued, or -1 if the worker is alive.
        """
        keys = [self.keys.workers, self.keys.requests, self.keys.inflight(worker),
                self.keys.heartbeat(worker), self.keys.seed]
        return int(self._reap(keys=keys, args=[worker]))

    def reap_dead(self) -> int:
        """Reap every registered worker whose heartbeat has expired."""
        total = 0
        for raw in self.client.smembers(self.keys.workers):
            worker = raw.decode()
            if worker == self.worker:
                continue
            n = self.reap(worker)
            if n >= 0:
                logger.warning("worker %s stopped heartbeating; requeued its %s in-flight requests", worker, n)
                self.client.hincrby(self.batch.stats, "requeued", n)
                self.client.hincrby(self.batch.stats, "workers_lost", 1)
                total += n
        return total

    # -- requests ---------------------------------------------------------
    def pop(self) -> tuple[str, bytes] | None:
        """Pop the best queued request into our in-flight hash: (field, data)."""
        self._seq += 1
        found = self._pop(keys=[self.keys.requests, self.keys.inflight(self.worker)], args=[str(self._seq)])
        if not found:
            return None
        field, data = found
        return field.decode(), data

    def release(self, fields: list[str]) -> None:
        """Forget finished requests: their links and items are in Redis by now."""
        if fields:
            self.client.hdel(self.keys.inflight(self.worker), *fields)

    def inflight_count(self) -> int:
        return int(self.client.hlen(self.keys.inflight(self.worker)))

    def queued(self) -> int:
        return int(self.client.zcard(self.keys.requests))

    # -- seeding and the end of the batch ---------------------------------
    def claim_seeding(self) -> bool:
        """True for exactly one worker per batch (until a dead seeder is reaped)."""
        return bool(self.client.set(self.keys.seed, f"seeding:{self.worker}", nx=True))

    def mark_seeded(self) -> None:
        self.client.set(self.keys.seed, "seeded")

    def seed_state(self) -> str | None:
        raw = self.client.get(self.keys.seed)
        return raw.decode() if raw is not None else None

    def drained(self) -> bool:
        keys = [self.keys.seed, self.keys.requests, self.keys.workers]
        return bool(self._drained(keys=keys, args=[self.keys.prefix + "inflight:"]))

    def mark_finished(self) -> None:
        self.client.set(self.keys.finished, str(time.time()), nx=True)

    def finished(self) -> bool:
        return bool(self.client.exists(self.keys.finished))

    def add_sites(self, names: list[str]) -> None:
        if names:
            self.client.sadd(self.batch.sites, *names)

    def add_stats(self, counts: dict[str, int]) -> None:
        pipe = self.client.pipeline()
        for name, value in counts.items():
            if value:
                pipe.hincrby(self.batch.stats, name, int(value))
        pipe.execute()

    def stats(self) -> dict[str, int]:
        return Batch(self.client, self.batch.batch).stats()


class Batch:
    """The writer's view of a batch: every crawl in it, the items, the stats."""

    def __init__(self, client: redis.Redis, batch: str) -> None:
        self.client = client
        self.keys = BatchKeys(validate_batch_name(batch))

    def crawls(self) -> list[Frontier]:
        names = sorted(c.decode() for c in self.client.smembers(self.keys.crawls))
        return [Frontier(self.client, self.keys.batch, name, worker="writer") for name in names]

    def finished(self) -> bool:
        """Every crawl that joined the batch has drained its frontier."""
        crawls = self.crawls()
        return bool(crawls) and all(c.finished() for c in crawls)

    def live_workers(self) -> list[str]:
        return [w for c in self.crawls() for w in c.live_workers()]

    def queued(self) -> int:
        return sum(c.queued() for c in self.crawls())

    def sites(self) -> list[str]:
        return sorted(s.decode() for s in self.client.smembers(self.keys.sites))

    def stats(self) -> dict[str, int]:
        return {k.decode(): int(v) for k, v in self.client.hgetall(self.keys.stats).items()}

    def delete(self) -> int:
        """Remove every key of the batch (after the writer has archived it all)."""
        keys = list(self.client.scan_iter(match=self.keys.prefix + "*", count=500))
        if keys:
            self.client.delete(*keys)
        return len(keys)
