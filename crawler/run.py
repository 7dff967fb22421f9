"""Run crawls from Python (the CLI's library side): one CrawlerProcess, one crawler per site.

Crawlers run side by side, or with `sequential=True` one after another in the
given order (the demo: which site's copy of a repost is archived first must
not depend on timing). Sequential runs chain the crawls in one reactor, the
way Scrapy documents for running spiders one after another in a process.

The Twisted reactor cannot be restarted in a process, so `run_crawls` is
called once per process; the CLI, the scheduler (a child process per crawl)
and the tests (subprocesses) all respect that. SIGTERM/SIGINT stop the crawls
gracefully at a page boundary (Scrapy's shutdown handlers), and the pipeline
finishes each run as "stopped".
"""
from __future__ import annotations

import fcntl
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generator

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from twisted.internet.defer import inlineCallbacks

from crawler import close_reasons

logger = logging.getLogger(__name__)

# What a summary shows, in order (keys of the pipeline's counts).
SUMMARY_KEYS = ("fetched", "not_modified", "unchanged_pages", "article_page", "list_page", "no_speech_page",
                "new_speeches", "new_sources", "new_versions", "gone", "robots_forbidden", "revisit_later", "errors")


@dataclass
class CrawlSpec:
    """One crawler: a spider name, its arguments and its own settings."""

    spider: str
    label: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrawlOutcome:
    label: str
    reason: str
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)  # safety limits hit (crawler.limits)


def project_settings(db: str | Path | None = None, trigger: str = "cli", config: str | Path | None = None,
                     max_pages: int | None = None, timeout: float = 0, polite: bool = True,
                     max_depth: int | None = None,
                     log_level: str = "INFO", extra: dict[str, Any] | None = None) -> Settings:
    """crawler/settings.py plus the command's options (at command-line priority).

    max_pages / max_depth: None keeps each site's own limits (its profile, else
    the defaults of crawler.profiles); a number (0 = no limit) overrides them.
    """
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    overrides: dict[str, Any] = {"ARCHIVE_RUN_TRIGGER": trigger, "LOG_LEVEL": log_level}
    if db:
        overrides["ARCHIVE_DB_PATH"] = str(db)
    if config:
        overrides["SITES_CONFIG"] = str(config)
    if max_pages is not None:
        overrides["CLOSESPIDER_PAGECOUNT"] = int(max_pages)
    if max_depth is not None:
        overrides["DEPTH_LIMIT"] = int(max_depth)
    if timeout:
        overrides["CLOSESPIDER_TIMEOUT"] = float(timeout)
    if not polite:
        overrides.update(impolite_overrides())
    overrides.update(extra or {})
    settings.setdict(overrides, priority="cmdline")
    return settings


def impolite_overrides() -> dict[str, Any]:
    """For loopback only (the benchmark, the demo): no delay, no throttling, many connections."""
    return {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_DELAY_JITTER": 0,
            "RETRY_BACKOFF_BASE": 0.2, "RETRY_BACKOFF_MAX": 1.0}


def job_dir(base: str | Path, label: str) -> Path:
    """A JOBDIR per crawl: <base>/<label> with the label made filename-safe."""
    return Path(base) / re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("_")


class JobBusy(RuntimeError):
    """Another process is running the crawl job of this job directory."""


def lock_job(directory: str | Path) -> int:
    """Hold `<directory>.lock` (flock) for the rest of this process; JobBusy names the holder's pid.

    Two processes crawling from one JOBDIR interleave Scrapy's disk queue and
    the journal (lost pages, queue tracebacks), so the second one must not
    start. The lock sits beside the directory, so `--no-resume` may delete the
    directory while holding it; the kernel drops it when the process ends,
    kill -9 included. Returns the descriptor (kept open on purpose).
    """
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    path = directory.with_name(directory.name + ".lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise JobBusy(f"a crawl (pid {holder}) is already running the job in {directory}; "
                      "wait for it, stop it, or give this crawl another --jobdir") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd


def run_crawls(specs: list[CrawlSpec], settings: Settings,
               on_item: Callable[[Any], None] | None = None, sequential: bool = False) -> list[CrawlOutcome]:
    """Run the crawls in this process, side by side (or one after another); block until all are done."""
    if not specs:
        return []
    process = CrawlerProcess(settings)
    crawlers: list[tuple[CrawlSpec, Crawler]] = []
    for index, spec in enumerate(specs):
        own = settings.copy()
        own.setdict(spec.settings, priority="cmdline")
        spidercls = process.spider_loader.load(spec.spider)
        crawler = Crawler(spidercls, own, init_reactor=index == 0)
        if on_item is not None:
            from scrapy import signals

            crawler.signals.connect(on_item, signal=signals.item_scraped)
        crawlers.append((spec, crawler))
        if not sequential:
            process.crawl(crawler, **spec.kwargs)
    finished: list[Crawler] = [crawler for _, crawler in crawlers]
    if sequential:
        finished = []
        _one_after_another(process, crawlers, finished)  # the first crawl starts now and installs the reactor, as above
    process.start(stop_after_crawl=not sequential)
    from crawler.limits import limit_notes

    outcomes = []
    for spec, crawler in crawlers:
        # A crawl never started has no stats (Scrapy raises on reading them): "not started" below.
        stats = _stats(crawler) if crawler in finished else {}
        counts = {k.split("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("archive/")}
        reason = str(stats.get("finish_reason", "not started"))
        outcomes.append(CrawlOutcome(spec.label, reason, counts, limit_notes(reason, stats, crawler.settings)))
    return outcomes


def _stats(crawler: Crawler) -> dict[str, Any]:
    try:
        return crawler.stats.get_stats() if crawler.stats else {}
    except RuntimeError:  # "Crawler.stats is not set yet": the crawl failed before it started
        return {}


@inlineCallbacks
def _one_after_another(process: CrawlerProcess, crawlers: list[tuple[CrawlSpec, Crawler]],
                       finished: list[Crawler]) -> Generator[Any, Any, None]:
    """Each crawl starts when the one before has finished (then joins `finished`); the reactor stops after the last.

    A graceful stop (Ctrl-C, SIGTERM) ends the running crawl as "shutdown" and
    starts no more: those crawls are reported as not started.
    """
    try:
        for spec, crawler in crawlers:
            try:
                yield process.crawl(crawler, **spec.kwargs)
            except Exception:  # noqa: BLE001 - the next site still runs, as it would side by side
                logger.exception("crawl %s failed", spec.label)
            finished.append(crawler)
            if _stats(crawler).get("finish_reason") == close_reasons.SHUTDOWN:
                break
    finally:
        from twisted.internet import reactor
        from twisted.internet.error import ReactorNotRunning

        if not reactor.running:  # every crawl failed before the reactor started
            reactor.callWhenRunning(reactor.stop)
        else:
            try:
                reactor.stop()
            except ReactorNotRunning:
                pass  # a signal has stopped it already


def total(outcomes: list[CrawlOutcome], key: str) -> int:
    return sum(o.counts.get(key, 0) for o in outcomes)
