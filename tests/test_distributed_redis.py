"""Distributed crawling end to end: real redis-server, real loopback site, real processes.

Two `speech-archive crawl --redis` workers share one frontier; one
`speech-archive ingest` writes the archive. Checked against the site's
access log and against a single-process crawl of the same site.
"""
from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from crawler.sitesrv import SiteServer
from tests.conftest_redis import redis_url  # noqa: F401

CLI = [sys.executable, "-c", "from cli import main; main()"]
ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 48
PER_LIST = 8
# Loopback only: no delay, no throttling; small concurrency so both workers get work.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False",
        "-s", "CONCURRENT_REQUESTS=4", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
# A dead worker is noticed after 2 s; a drained batch ends after 1 s.
DIST = ["-s", "DISTRIBUTED_HEARTBEAT_TTL=2", "-s", "DISTRIBUTED_IDLE_SECONDS=1"]
TIMEOUT = 180


# -- the site -----------------------------------------------------------------
def _paragraph(seed: int, index: int) -> str:
    """A clause-shaped run of CJK characters, distinct per article (the archive dedups near-duplicates)."""
    digest = b"".join(hashlib.sha256(f"{seed}-{index}-{k}".encode()).digest() for k in range(4))
    chars = [chr(0x4E00 + int.from_bytes(digest[i:i + 2], "big") % 0x5000) for i in range(0, 120, 2)]
    clauses = ["".join(chars[i:i + 10]) for i in range(0, 60, 10)]
    return "同志们，" + "，".join(clauses) + "。"


def _article(n: int) -> str:
    body = "".join(f"<p>{_paragraph(n, i)}</p>" for i in range(8))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>在第{n}次工作会议上的讲话_讲话稿</title>'
            f'</head><body><div class="nav"><a href="/">首页</a> <a href="/list_0.html">讲话稿</a></div>'
            f'<div class="article"><h1>在第{n}次工作会议上的讲话</h1><div class="content">{body}</div></div>'
            f'<div class="footer">Copyright 2024 讲话稿网 ICP备12345678号</div></body></html>')


def build_site(root: Path) -> set[str]:
    """index -> list pages (paginated) -> articles; article 0 reposted under /repost/. Returns article paths."""
    lists = (ARTICLES + PER_LIST - 1) // PER_LIST
    (root / "a").mkdir(parents=True)
    (root / "repost").mkdir()
    links = "".join(f'<li><a href="/list_{i}.html">第{i + 1}页</a></li>' for i in range(lists))
    (root / "index.html").write_text(f'<html><head><meta charset="utf-8"><title>讲话稿</title></head>'
                                     f'<body><ul>{links}</ul></body></html>', encoding="utf-8")
    paths = set()
    for i in range(lists):
        items = "".join(f'<li><a href="/a/{n}.html">在第{n}次工作会议上的讲话</a></li>'
                        for n in range(i * PER_LIST, min(ARTICLES, (i + 1) * PER_LIST)))
        nxt = f'<a href="/list_{i + 1}.html">下一页</a>' if i + 1 < lists else ""
        extra = '<a href="/repost/0.html">转载</a>' if i == lists - 1 else ""
        (root / f"list_{i}.html").write_text(f'<html><head><meta charset="utf-8"><title>讲话稿 第{i + 1}页</title>'
                                             f'</head><body><ul>{items}</ul>{nxt}{extra}</body></html>',
                                             encoding="utf-8")
    for n in range(ARTICLES):
        (root / "a" / f"{n}.html").write_text(_article(n), encoding="utf-8")
        paths.add(f"/a/{n}.html")
    (root / "repost" / "0.html").write_text(_article(0), encoding="utf-8")
    paths.add("/repost/0.html")
    return paths


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    root = tmp_path_factory.mktemp("site")
    return root, build_site(root)


# -- running the commands -------------------------------------------------------
def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def start(args: list[str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(CLI + args, cwd=cwd, env=_env(), stdout=open(log, "wb"), stderr=subprocess.STDOUT)


def finish(proc: subprocess.Popen[bytes], log: Path) -> str:
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"{proc.args} did not finish:\n{log.read_text(errors='replace')[-4000:]}")
    return log.read_text(errors="replace")


def worker(base_url: str, url: str, batch: str, cwd: Path, name: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = cwd / f"{name}.log"
    # -v: the INFO lines (who seeded the batch, heartbeats) are what these tests read.
    args = ["crawl", "-v", "--start-url", base_url + "/", "--redis", url, "--batch", batch, *FAST, *DIST]
    return start(args, cwd, log), log


def writer(url: str, batch: str, db: Path, cwd: Path) -> tuple[subprocess.Popen[bytes], Path]:
    log = cwd / "ingest.log"
    return start(["ingest", "--redis", url, "--batch", batch, "--db", str(db), "--idle-timeout", "60"], cwd, log), log


def wait_for_workers(url: str, batch: str, count: int, procs: list[subprocess.Popen[bytes]]) -> None:
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        keys = client.keys(f"speech-archive:{batch}:crawl:*:workers")
        if keys and client.scard(keys[0]) >= count:
            return
        if any(p.poll() is not None for p in procs):
            return  # the assertions on exit codes and logs will tell
        time.sleep(0.05)
    pytest.fail(f"{count} workers never joined batch {batch}")


def archived(db: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(speech title, body) pairs, and (body hash, source path) pairs."""
    con = sqlite3.connect(db)
    try:
        speeches = {(t, b) for t, b in con.execute("select title, body from speeches")}
        sources = set()
        for body, url in con.execute("select s.body, p.url from speech_sources ss join speeches s on s.id = ss.speech_id"
                                     " join pages p on p.id = ss.page_id"):
            path = "/" + url.split("/", 3)[3]
            sources.add((hashlib.sha1(body.encode()).hexdigest(), path))
        return speeches, sources
    finally:
        con.close()


def article_gets(server: SiteServer) -> Counter[str]:
    return Counter(r.path for r in server.requests if r.method == "GET"
                   and (r.path.startswith("/a/") or r.path.startswith("/repost/")))


@pytest.fixture(scope="module")
def single(site: tuple[Path, set[str]], tmp_path_factory: pytest.TempPathFactory) -> tuple[set, set]:
    """The same site crawled the ordinary way: one process, SQLite pipeline, no Redis."""
    root, _ = site
    work = tmp_path_factory.mktemp("single")
    with SiteServer(root) as server:
        log = work / "crawl.log"
        proc = start(["crawl", "--start-url", server.base_url + "/", "--db", str(work / "single.db"), *FAST],
                     work, log)
        out = finish(proc, log)
    assert proc.returncode == 0, out[-3000:]
    speeches, sources = archived(work / "single.db")
    assert len(speeches) == ARTICLES  # the repost is a source, not a speech
    return speeches, sources


# -- the tests ------------------------------------------------------------------
def test_two_workers_share_the_frontier_and_match_a_single_crawl(
        site: tuple[Path, set[str]], single: tuple[set, set], redis_url: str, tmp_path: Path) -> None:
    root, paths = site
    db = tmp_path / "dist.db"
    # The site answers slowly until both workers have joined, so neither can finish alone.
    with SiteServer(root, latency=1.0) as server:
        ingest_proc, ingest_log = writer(redis_url, "two", db, tmp_path)
        w1, log1 = worker(server.base_url, redis_url, "two", tmp_path, "w1")
        w2, log2 = worker(server.base_url, redis_url, "two", tmp_path, "w2")
        wait_for_workers(redis_url, "two", 2, [w1, w2])
        server.latency = 0.05
        out1, out2 = finish(w1, log1), finish(w2, log2)
        out_ingest = finish(ingest_proc, ingest_log)
        gets = article_gets(server)

    assert w1.returncode == 0, out1[-3000:]
    assert w2.returncode == 0, out2[-3000:]
    assert ingest_proc.returncode == 0, out_ingest[-3000:]
    # Every article fetched exactly once across both workers.
    assert set(gets) == paths
    assert [p for p, n in gets.items() if n != 1] == []
    # Both workers did part of the work, and one of them seeded the batch.
    assert "seeded batch two/" in out1 + out2
    fetched = [int(re.search(r": finished; fetched (\d+)", out).group(1)) for out in (out1, out2)]
    assert all(n > 0 for n in fetched), fetched
    assert sum(fetched) == len(gets) + ARTICLES // PER_LIST + 1  # articles, list pages, the index
    # The archive equals the single-process crawl's.
    speeches, sources = archived(db)
    assert speeches == single[0]
    assert sources == single[1]
    # The run is recorded like any other.
    con = sqlite3.connect(db)
    runs = con.execute("select trigger, status, counts from crawl_runs").fetchall()
    con.close()
    assert [(t, s) for t, s, _ in runs] == [("distributed", "ok")]
    assert '"new_speeches": %d' % ARTICLES in runs[0][2]
    # The writer cleaned up the batch's keys.
    assert redis.Redis.from_url(redis_url).keys("speech-archive:two:*") == []


def test_killed_worker_the_other_finishes_the_frontier(
        site: tuple[Path, set[str]], single: tuple[set, set], redis_url: str, tmp_path: Path) -> None:
    root, paths = site
    db = tmp_path / "dist.db"
    client = redis.Redis.from_url(redis_url)
    with SiteServer(root, latency=0.4) as server:
        ingest_proc, ingest_log = writer(redis_url, "kill", db, tmp_path)
        victim, victim_log = worker(server.base_url, redis_url, "kill", tmp_path, "victim")
        # Wait until the victim holds requests in flight, then start the survivor and kill the victim.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            inflight = [k for k in client.keys("speech-archive:kill:crawl:*:inflight:*") if client.hlen(k) > 0]
            if inflight and len(article_gets(server)) >= 3:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the first worker never got going:\n" + victim_log.read_text(errors="replace")[-3000:])
        survivor, survivor_log = worker(server.base_url, redis_url, "kill", tmp_path, "survivor")
        time.sleep(1.0)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        out = finish(survivor, survivor_log)
        out_ingest = finish(ingest_proc, ingest_log)
        gets = article_gets(server)

    assert survivor.returncode == 0, out[-3000:]
    assert ingest_proc.returncode == 0, out_ingest[-3000:]
    assert "stopped heartbeating" in out  # the survivor took over the victim's requests
    assert "lost 1" in out_ingest
    assert set(gets) == paths  # nothing lost; a requeued request may be fetched twice
    speeches, sources = archived(db)
    assert speeches == single[0]
    assert sources == single[1]
