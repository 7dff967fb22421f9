"""Run crawls from Python (the CLI's library side): one CrawlerProcess, one crawler per site.

The Twisted reactor cannot be restarted in a process, so `run_crawls` is
called once per process; the CLI, the scheduler (a child process per crawl)
and the tests (subprocesses) all respect that. SIGTERM/SIGINT stop the crawls
gracefully at a page boundary (Scrapy's shutdown handlers), and the pipeline
finishes each run as "stopped".
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

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


def project_settings(db: str | Path | None = None, trigger: str = "cli", config: str | Path | None = None,
                     max_pages: int = 0, timeout: float = 0, polite: bool = True,
                     log_level: str = "INFO", extra: dict[str, Any] | None = None) -> Settings:
    """crawler/settings.py plus the command's options (at command-line priority)."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    overrides: dict[str, Any] = {"ARCHIVE_RUN_TRIGGER": trigger, "LOG_LEVEL": log_level}
    if db:
        overrides["ARCHIVE_DB_PATH"] = str(db)
    if config:
        overrides["SITES_CONFIG"] = str(config)
    if max_pages:
        overrides["CLOSESPIDER_PAGECOUNT"] = int(max_pages)
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


def run_crawls(specs: list[CrawlSpec], settings: Settings,
               on_item: Callable[[Any], None] | None = None) -> list[CrawlOutcome]:
    """Run the crawls side by side in this process; block until all are done."""
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
        process.crawl(crawler, **spec.kwargs)
    process.start()
    outcomes = []
    for spec, crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        counts = {k.split("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("archive/")}
        outcomes.append(CrawlOutcome(spec.label, str(stats.get("finish_reason", "not started")), counts))
    return outcomes


def format_summary(outcomes: list[CrawlOutcome]) -> str:
    lines = []
    for outcome in outcomes:
        shown = ", ".join(f"{k.replace('_', ' ')} {outcome.counts.get(k, 0)}" for k in SUMMARY_KEYS
                          if outcome.counts.get(k) or k in ("fetched", "new_speeches", "new_versions", "errors"))
        lines.append(f"{outcome.label}: {outcome.reason}; {shown}")
    return "\n".join(lines)


def total(outcomes: list[CrawlOutcome], key: str) -> int:
    return sum(o.counts.get(key, 0) for o in outcomes)
