"""The batch bookkeeping in Redis: in-flight, heartbeats, requeue, drained, seeding.

Against a real redis-server on loopback (tests/conftest_redis.py).
"""
from __future__ import annotations

import time

import pytest
import redis

from crawler.distributed.frontier import Batch, CrawlKeys, Frontier, validate_batch_name
from tests.conftest_redis import redis_client, redis_url  # noqa: F401


def _push(client: redis.Redis, keys: CrawlKeys, data: bytes, priority: int = 0) -> None:
    client.zadd(keys.requests, {data: -priority})


def test_pop_parks_request_in_flight_until_released(redis_client: redis.Redis) -> None:
    worker = Frontier(redis_client, "b1", worker="w1")
    worker.register()
    _push(redis_client, worker.keys, b"low", priority=0)
    _push(redis_client, worker.keys, b"high", priority=5)

    field, data = worker.pop()
    assert data == b"high"  # scrapy-redis order: highest priority first
    assert worker.queued() == 1 and worker.inflight_count() == 1
    worker.release([field])
    assert worker.inflight_count() == 0
    assert worker.pop()[1] == b"low"
    assert worker.pop() is None


def test_dead_worker_requests_go_back_with_their_priority(redis_client: redis.Redis) -> None:
    dead = Frontier(redis_client, "b2", worker="dead", heartbeat_ttl=0.2)
    alive = Frontier(redis_client, "b2", worker="alive")
    dead.register()
    alive.register()
    _push(redis_client, dead.keys, b"a", priority=3)
    _push(redis_client, dead.keys, b"b", priority=1)
    dead.pop()
    dead.pop()
    assert alive.reap_dead() == 0  # heartbeat still alive: nothing taken
    time.sleep(0.3)
    assert alive.reap_dead() == 2
    assert redis_client.zscore(alive.keys.requests, b"a") == -3
    assert alive.live_workers() == ["alive"]
    assert Batch(redis_client, "b2").stats()["requeued"] == 2
    assert alive.pop()[1] == b"a"


def test_drained_needs_seed_empty_queue_and_nothing_in_flight(redis_client: redis.Redis) -> None:
    one = Frontier(redis_client, "b3", worker="one")
    two = Frontier(redis_client, "b3", worker="two")
    one.register()
    two.register()
    assert not one.drained()  # not seeded yet
    assert one.claim_seeding()
    assert not two.claim_seeding()
    _push(redis_client, one.keys, b"start")
    assert not two.drained()  # seeding still in progress
    one.mark_seeded()
    assert not two.drained()  # queued
    field, _ = one.pop()
    assert not two.drained()  # in flight at `one`
    _push(redis_client, one.keys, b"child")  # `one` found a link before finishing
    one.release([field])
    assert not two.drained()
    field, _ = two.pop()
    two.release([field])
    assert one.drained() and two.drained()
    assert not Batch(redis_client, "b3").finished()
    one.mark_finished()
    assert two.finished() and Batch(redis_client, "b3").finished()


def test_dead_seeder_lets_another_worker_seed(redis_client: redis.Redis) -> None:
    seeder = Frontier(redis_client, "b4", worker="seeder", heartbeat_ttl=0.2)
    other = Frontier(redis_client, "b4", worker="other")
    seeder.register()
    other.register()
    assert seeder.claim_seeding()
    time.sleep(0.3)
    other.reap_dead()
    assert other.seed_state() is None
    assert other.claim_seeding()


def test_deregister_requeues_unfinished_work(redis_client: redis.Redis) -> None:
    worker = Frontier(redis_client, "b5", worker="w")
    worker.register()
    _push(redis_client, worker.keys, b"x")
    worker.pop()
    worker.deregister()
    assert worker.queued() == 1
    assert redis_client.smembers(worker.keys.workers) == set()


def test_batches_do_not_share_keys(redis_client: redis.Redis) -> None:
    a = Frontier(redis_client, "night-1", worker="w")
    b = Frontier(redis_client, "night-2", worker="w")
    _push(redis_client, a.keys, b"x")
    assert b.pop() is None
    assert Batch(redis_client, "night-1").delete() >= 1
    assert a.queued() == 0


@pytest.mark.parametrize("bad", ["", "a b", "x:y", "ü" * 3, "a" * 101])
def test_bad_batch_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="bad batch name"):
        validate_batch_name(bad)


def test_batch_is_finished_only_when_every_crawl_is(redis_client: redis.Redis) -> None:
    site_a = Frontier(redis_client, "b6", "site-a", worker="w")
    site_b = Frontier(redis_client, "b6", "site-b", worker="w")
    site_a.register()
    site_b.register()
    _push(redis_client, site_a.keys, b"only-a")
    assert site_b.pop() is None  # each crawl has its own queue
    site_a.mark_finished()
    assert not Batch(redis_client, "b6").finished()
    site_b.mark_finished()
    assert Batch(redis_client, "b6").finished()
