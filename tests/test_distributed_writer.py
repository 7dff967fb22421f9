"""The archive writer of a distributed batch: messages in Redis -> a real SQLite archive."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import redis

from archive import Archive, Fetch
from cleaning.model import Page, Speech
from crawler.distributed.frontier import Batch, Frontier
from crawler.distributed.items import BadMessage, Message, decode, encode
from crawler.distributed.writer import BatchWriter
from tests.conftest_redis import redis_client, redis_url  # noqa: F401

BODY = "<html><body><h1>在全市工作会议上的讲话</h1><p>同志们：今天召开会议。</p></body></html>".encode()


def _page(url: str, text: str = "同志们：今天我们召开全市工作会议，研究部署下一阶段的重点任务。") -> Page:
    return Page(url=url, title="在全市工作会议上的讲话", site_name="测试站",
                speeches=[Speech(title="在全市工作会议上的讲话", paragraphs=[text, "第二段，  空格照旧保留。"])])


def test_message_round_trip_is_lossless() -> None:
    fetch = Fetch("http://127.0.0.1/a/1.html", 200, {"Content-Type": "text/html"}, b"\x00\xffbytes", "2025-01-01T00:00:00Z")
    part = Fetch("http://127.0.0.1/a/1_2.html", 200, {}, b"part two", None)
    message = Message("ingest", fetch.url, fetch=fetch, page=_page(fetch.url), parts=[part], status=200, worker="w")
    back = decode(encode(message))
    assert back == message


@pytest.mark.parametrize("raw", [b"not json", b'{"v": 99, "op": "ingest"}', b'{"v": 1, "op": "explode", "url": "x"}',
                                 b'{"v": 1, "op": "ingest", "url": "x"}',
                                 b'{"v": 1, "op": "ingest", "url": "x", "fetch": {"url": "x", "status": 200, "body": "!!"}}'])
def test_unreadable_messages_are_refused(raw: bytes) -> None:
    with pytest.raises(BadMessage):
        decode(raw)


def _finish_batch(client: redis.Redis, batch: str) -> None:
    crawl = Frontier(client, batch, worker="w")
    crawl.register()
    crawl.claim_seeding()
    crawl.mark_seeded()
    crawl.deregister()
    crawl.mark_finished()


def test_writer_archives_every_message_and_keeps_bad_ones(redis_client: redis.Redis, tmp_path: Path) -> None:
    keys = Batch(redis_client, "w1").keys
    urls = [f"http://127.0.0.1:9/a/{n}.html" for n in range(3)]
    for n, url in enumerate(urls):
        page = _page(url, text=f"同志们：第{n}篇讲话的正文，内容各不相同，编号{n * 7919}。" * 3)
        redis_client.rpush(keys.items, encode(Message("ingest", url, fetch=Fetch(url, 200, {}, BODY + bytes([n])), page=page)))
    # The same speech again on another site: a new source, not a new speech.
    repost = "http://127.0.0.2:9/b/0.html"
    page0 = decode(redis_client.lindex(keys.items, 0)).page
    redis_client.rpush(keys.items, encode(Message("ingest", repost, fetch=Fetch(repost, 200, {}, BODY + b"r"), page=page0)))
    redis_client.rpush(keys.items, b"garbage")
    redis_client.rpush(keys.items, encode(Message("error", "http://127.0.0.1:9/x", status=500, error="HTTP 500")))
    redis_client.rpush(keys.items, encode(Message("gone", urls[2], status=404)))
    _finish_batch(redis_client, "w1")

    with Archive(tmp_path / "a.db") as archive:
        run_id = archive.start_run(trigger="distributed")
        result = BatchWriter(Batch(redis_client, "w1"), archive, run_id, poll_seconds=0.1).run()
        archive.finish_run(run_id, status=result.status, counts=dict(result.counts), errors=result.errors)

    assert result.status == "ok"
    assert result.counts["new_speeches"] == 3 and result.counts["new_sources"] == 1
    assert result.counts["bad_messages"] == 1 and result.errors == 2
    assert redis_client.lrange(keys.items_bad, 0, -1) == [b"garbage"]  # kept, not lost
    assert redis_client.llen(keys.items) == 0 and redis_client.llen(keys.items_processing) == 0
    con = sqlite3.connect(tmp_path / "a.db")
    assert con.execute("select count(*) from speeches").fetchone()[0] == 3
    assert con.execute("select count(*) from speech_sources").fetchone()[0] == 4
    assert con.execute("select gone_at is not null from pages where url = ?", [urls[2]]).fetchone()[0] == 1
    assert con.execute("select count(*) from crawl_errors").fetchone()[0] >= 1
    con.close()


def test_writer_reapplies_what_a_killed_writer_left_and_skips_unchanged_bytes(
        redis_client: redis.Redis, tmp_path: Path) -> None:
    keys = Batch(redis_client, "w2").keys
    url = "http://127.0.0.1:9/a/1.html"
    message = encode(Message("ingest", url, fetch=Fetch(url, 200, {}, BODY), page=_page(url)))
    # A previous writer took this message and died before finishing it.
    redis_client.rpush(keys.items_processing, message)
    # A requeued request fetched the same page twice: same bytes, no second capture.
    redis_client.rpush(keys.items, message)
    _finish_batch(redis_client, "w2")
    with Archive(tmp_path / "b.db") as archive:
        result = BatchWriter(Batch(redis_client, "w2"), archive, None, poll_seconds=0.1).run()
    assert result.counts["new_speeches"] == 1
    assert result.counts["unchanged"] == 1
    assert redis_client.llen(keys.items_processing) == 0


def test_writer_gives_up_when_no_worker_is_alive(redis_client: redis.Redis, tmp_path: Path) -> None:
    crawl = Frontier(redis_client, "w3", worker="gone", heartbeat_ttl=0.1)
    crawl.register()
    redis_client.zadd(crawl.keys.requests, {b"left-over": 0})
    with Archive(tmp_path / "c.db") as archive:
        result = BatchWriter(Batch(redis_client, "w3"), archive, None, idle_timeout=0.5, poll_seconds=0.1).run()
    assert result.status == "timeout"
    assert "1 requests left" in (result.note or "")
