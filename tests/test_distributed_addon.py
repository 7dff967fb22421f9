"""The distributed add-on: the settings a worker ends with, and what it refuses (no Redis needed)."""
from __future__ import annotations

from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from crawler.addons import ArchiveAddon
from crawler.distributed.addon import SEED_ONCE_MIDDLEWARE, DistributedAddon
from crawler.distributed.components import distribute
from crawler.distributed.frontier import DEFAULT_CRAWL, CrawlKeys
from crawler.run import CrawlSpec, project_settings

WORKER = {"REDIS_URL": "redis://127.0.0.1:1/0", "DISTRIBUTED_BATCH": "nightly"}
# What distribute() sets for a crawler (get_crawler builds the rest from Scrapy's defaults).
PASSED_ON = ("ADDONS", "REDIS_URL", "DISTRIBUTED_BATCH", "DISTRIBUTED_WORKER_ID", "DISTRIBUTED_CRAWL", "ARCHIVE_DB_PATH")


def _crawler(settings: dict[str, Any]) -> Crawler:
    return get_crawler(settings_dict={"ADDONS": {ArchiveAddon: 0, DistributedAddon: 10}, **settings})


def test_the_addon_wires_a_worker_and_states_its_defaults() -> None:
    settings = _crawler(WORKER).settings
    keys = CrawlKeys("nightly", DEFAULT_CRAWL)
    assert settings["SCHEDULER"] == "crawler.distributed.components.DistributedScheduler"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert (settings["SCHEDULER_QUEUE_KEY"], settings["SCHEDULER_DUPEFILTER_KEY"]) == (keys.requests, keys.dupefilter)
    # Enabled after ArchiveAddon: its sink and commit size replace the SQLite ones.
    assert settings["ARCHIVE_SINK"] == "crawler.distributed.pipeline.redis_outbox"
    assert settings.getint("ARCHIVE_COMMIT_PAGES") == 1
    assert settings.getdict("SPIDER_MIDDLEWARES")[SEED_ONCE_MIDDLEWARE] == 10
    for name, value in {**DistributedAddon.DEFAULTS, **DistributedAddon.WIRING}.items():
        assert settings[name] == value, name
    assert settings["DISTRIBUTED_WORKER_ID"]


def test_settings_outrank_the_addon() -> None:
    settings = _crawler({**WORKER, "DISTRIBUTED_IDLE_SECONDS": 1, "DISTRIBUTED_CRAWL": "site-b"}).settings
    assert settings.getfloat("DISTRIBUTED_IDLE_SECONDS") == 1
    assert settings["SCHEDULER_QUEUE_KEY"] == CrawlKeys("nightly", "site-b").requests


@pytest.mark.parametrize("missing", ["REDIS_URL", "DISTRIBUTED_BATCH"])
def test_a_worker_without_redis_or_batch_is_an_error(missing: str) -> None:
    with pytest.raises(ValueError, match=missing):
        _crawler({k: v for k, v in WORKER.items() if k != missing})


def test_bad_batch_name_is_refused() -> None:
    with pytest.raises(ValueError, match="bad batch name"):
        _crawler({**WORKER, "DISTRIBUTED_BATCH": "a b"})


def test_distribute_gives_each_crawl_its_keys_and_the_process_one_worker_id(tmp_path: Any) -> None:
    settings = project_settings(tmp_path / "a.db")
    specs = [CrawlSpec("site", "a", settings={"JOBDIR": str(tmp_path / "a")}),
             CrawlSpec("start", "http://x.test/", settings={"JOBDIR": str(tmp_path / "b")})]
    distribute(specs, settings, "redis://127.0.0.1:1/0", "nightly", read_db=False)
    crawlers = []
    for spec in specs:
        own = settings.copy()
        own.setdict(spec.settings, priority="cmdline")
        crawlers.append(get_crawler(settings_dict={name: own[name] for name in PASSED_ON}).settings)
    assert all("JOBDIR" not in spec.settings for spec in specs)
    assert crawlers[0]["SCHEDULER_QUEUE_KEY"] != crawlers[1]["SCHEDULER_QUEUE_KEY"]
    assert crawlers[0]["DISTRIBUTED_WORKER_ID"] == crawlers[1]["DISTRIBUTED_WORKER_ID"]
    assert all(s["ARCHIVE_SINK"] == "crawler.distributed.pipeline.redis_outbox" for s in crawlers)
    assert all(s["ARCHIVE_DB_PATH"] is None for s in crawlers)  # without read_db the worker opens no archive
