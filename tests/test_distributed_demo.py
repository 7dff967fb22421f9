"""The bundled demo sites (three CMS families, GBK, reposts, robots, a two-page article,
a compilation) crawled by two Redis workers and one writer, against a single-process crawl.

Three start URLs make three crawls per worker process: each has its own queue
and fingerprints inside one batch, and the batch ends when all three are drained.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from crawler.demo import demo_profiles, serving
from crawler.sitesrv import SiteServer
from tests.conftest_redis import redis_url  # noqa: F401
from tests.test_distributed_redis import DIST, FAST, finish, start


def _gets(servers: dict[str, SiteServer]) -> Counter[tuple[str, str]]:
    """(site, path) -> GET count, robots.txt left out (each worker reads it once per host)."""
    return Counter((name, r.path) for name, server in servers.items() for r in server.requests
                   if r.method == "GET" and r.path != "/robots.txt")


def _archive(db: Path) -> tuple[int, set[frozenset[str]], set[str]]:
    """Number of speeches; which pages carry the same speech (order-independent); article URLs."""
    con = sqlite3.connect(db)
    try:
        groups: dict[int, set[str]] = {}
        for speech_id, url in con.execute("select ss.speech_id, p.url from speech_sources ss"
                                          " join pages p on p.id = ss.page_id"):
            groups.setdefault(speech_id, set()).add(url)
        count = con.execute("select count(*) from speeches").fetchone()[0]
        return count, {frozenset(g) for g in groups.values()}, set().union(*groups.values())
    finally:
        con.close()


def test_demo_sites_distributed_equals_single_process(redis_url: str, tmp_path: Path) -> None:
    profiles = demo_profiles()
    with serving(profiles) as servers:
        starts = [arg for server in servers.values() for arg in ("--start-url", server.base_url + "/")]

        log = tmp_path / "single.log"
        proc = start(["crawl", *starts, "--db", str(tmp_path / "single.db"), *FAST], tmp_path, log)
        out = finish(proc, log)
        assert proc.returncode == 0, out[-3000:]
        single_gets = _gets(servers)
        for server in servers.values():
            server.clear_log()

        db = tmp_path / "dist.db"
        writer = start(["ingest", "--redis", redis_url, "--batch", "demo", "--db", str(db)], tmp_path,
                       tmp_path / "ingest.log")
        # -v: the INFO line "seeded batch ..." is what the seeding check below reads.
        workers = [start(["crawl", "-v", *starts, "--redis", redis_url, "--batch", "demo", *FAST, *DIST], tmp_path,
                         tmp_path / f"w{k}.log") for k in range(2)]
        outs = [finish(w, tmp_path / f"w{k}.log") for k, w in enumerate(workers)]
        out_ingest = finish(writer, tmp_path / "ingest.log")
        dist_gets = _gets(servers)

    for w, out in zip(workers, outs):
        assert w.returncode == 0, out[-3000:]
    assert writer.returncode == 0, out_ingest[-3000:]
    # One crawl per demo site, seeded once each, whichever worker got there first.
    assert sum(o.count("seeded batch demo/") for o in outs) == len(profiles)
    # Same pages fetched as often as by one process: nothing twice because two workers crawl,
    # and nothing under robots.txt's /member/.
    assert dist_gets == single_gets
    assert not [p for _, p in dist_gets if p.startswith("/member/")]
    # The same archive: as many speeches, the same pages carrying each one.
    single, dist = _archive(tmp_path / "single.db"), _archive(db)
    assert single[0] > 0 and len(single[2]) > 0
    assert dist == single
