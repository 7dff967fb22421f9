"""Both archive sinks implement crawler.sink.ArchiveSink, and ARCHIVE_SINK picks one (issue 13).

The SQLite `archive.Archive` (a real file) and the Redis `RedisArchiveOutbox`
(a real redis-server on loopback) are checked at run time (runtime_checkable
isinstance: every member is there) and statically: each protocol method's
parameters, by `inspect.signature`, are the implementation's first ones with the
same names and kinds, and whatever the implementation adds has a default.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import redis
from scrapy.utils.test import get_crawler

from archive import Archive, Fetch
from crawler.addons import ArchiveAddon
from crawler.distributed.addon import DistributedAddon
from crawler.distributed.frontier import Frontier
from crawler.distributed.pipeline import RedisArchiveOutbox
from crawler.pipelines import ArchivePipeline
from crawler.sink import ArchiveSink, TemplateStore
from tests.conftest_redis import redis_client, redis_url  # noqa: F401

SINKS = [Archive, RedisArchiveOutbox]


def _members(protocol: type) -> dict[str, Any]:
    return {name: value for name, value in vars(protocol).items()
            if not name.startswith("_") and (callable(value) or isinstance(value, property))}


def signature_mismatches(protocol: type, implementation: type) -> list[str]:
    """How `implementation` differs from `protocol`, member by member (empty: it conforms)."""
    problems = []
    for name, member in _members(protocol).items():
        found = inspect.getattr_static(implementation, name, None)
        if isinstance(member, property):
            if not isinstance(found, property):
                problems.append(f"{name}: not a property")
            continue
        if not callable(found):
            problems.append(f"{name}: missing")
            continue
        wanted = list(inspect.signature(member).parameters.values())
        given = list(inspect.signature(found).parameters.values())
        if len(given) < len(wanted):
            problems.append(f"{name}: takes {len(given)} parameters, the protocol passes {len(wanted)}")
            continue
        for want, give in zip(wanted, given):
            if (want.name, want.kind) != (give.name, give.kind):
                problems.append(f"{name}: parameter {give.name} ({give.kind}) where the protocol has "
                                f"{want.name} ({want.kind})")
            elif want.default is not inspect.Parameter.empty and want.default != give.default:
                problems.append(f"{name}: {give.name} defaults to {give.default!r}, not {want.default!r}")
        problems += [f"{name}: extra parameter {extra.name} has no default" for extra in given[len(wanted):]
                     if extra.default is inspect.Parameter.empty
                     and extra.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)]
    return problems


@pytest.mark.parametrize("sink", SINKS, ids=lambda c: c.__name__)
def test_signatures_match_the_protocol(sink: type) -> None:
    assert signature_mismatches(ArchiveSink, sink) == []


def test_the_protocol_covers_what_the_pipeline_calls() -> None:
    members = set(_members(ArchiveSink))
    assert {"start_run", "finish_run", "ingest", "is_unchanged", "record_error", "record_gone", "record_unchanged",
            "record_not_modified", "begin_batch", "commit_batch", "rollback_batch", "in_batch", "stores_prepared",
            "close"} <= members
    source = Path(inspect.getfile(ArchivePipeline)).read_text(encoding="utf-8")
    assert '_db("' not in source  # archive calls are bound methods of the sink, not method-name strings


def test_only_a_sink_that_stores_prepared_writes_asks_the_workers_for_them(tmp_path: Path) -> None:
    # The Redis outbox sends JSON and its writer prepares each page itself: a prepared write would be lost work.
    with Archive(tmp_path / "a.db") as archive:
        assert archive.stores_prepared is True
    assert object.__new__(RedisArchiveOutbox).stores_prepared is False


def test_the_check_sees_a_sink_that_does_not_conform() -> None:
    class Renamed(RedisArchiveOutbox):
        def record_gone(self, address: str, status: int = 404, run_id: int | None = None) -> None: ...

        def ingest(self, fetch: Fetch, page: Any, run: int | None = None, parts: Any = (),  # type: ignore[override]
                   extra: int = 0, required: int = 1) -> Any: ...

    class Bare:
        def start_run(self, trigger: str, sites: Any) -> None: ...

    problems = signature_mismatches(ArchiveSink, Renamed)
    assert any(p.startswith("record_gone: parameter address") for p in problems)
    assert any(p.startswith("ingest: parameter run ") for p in problems)
    assert any("in_batch" in p for p in signature_mismatches(ArchiveSink, Bare))
    assert not isinstance(Bare(), ArchiveSink)


def test_both_sinks_are_archive_sinks(tmp_path: Path, redis_client: redis.Redis) -> None:  # noqa: F811
    with Archive(tmp_path / "a.db") as archive:
        assert isinstance(archive, ArchiveSink) and isinstance(archive, TemplateStore)
    outbox = RedisArchiveOutbox(Frontier(redis_client, "sink-check", worker="w"))
    assert isinstance(outbox, ArchiveSink)
    assert not isinstance(outbox, TemplateStore)  # a worker learns no templates: it holds no archive
    assert not outbox.in_batch


def _opened(settings: dict[str, Any]) -> ArchiveSink:
    """The sink an ArchivePipeline built by Scrapy opens with these settings (closed again)."""
    crawler = get_crawler(settings_dict={"ADDONS": {ArchiveAddon: 0}, **settings})
    pipeline = ArchivePipeline.from_crawler(crawler)
    opener: Callable[[], ArchiveSink] = pipeline.open_sink
    sink = opener()
    sink.close()
    return sink


def test_archive_sink_setting_selects_the_sink(tmp_path: Path, redis_url: str) -> None:  # noqa: F811
    assert type(_opened({"ARCHIVE_DB_PATH": str(tmp_path / "a.db")})) is Archive  # the add-on's default
    assert (tmp_path / "a.db").exists()
    outbox = _opened({"ADDONS": {ArchiveAddon: 0, DistributedAddon: 10}, "REDIS_URL": redis_url,
                      "DISTRIBUTED_BATCH": "sink-setting"})  # the distributed add-on's sink
    assert type(outbox) is RedisArchiveOutbox and "sink-setting" in str(outbox.key)
