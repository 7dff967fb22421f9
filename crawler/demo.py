"""The bundled demo: serve crawler/demo_sites on loopback, crawl them, summarise the archive."""
from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from crawler.profiles import SiteProfile, load_profiles
from crawler.run import CrawlSpec, project_settings
from crawler.sitesrv import SiteServer, loopback_host

logger = logging.getLogger(__name__)

DEMO_ROOT = Path(__file__).parent / "demo_sites"
DEMO_SITES = DEMO_ROOT / "sites.toml"

# The demo's archive is the same on every run (speech ids, which copy of a repost is kept):
# its crawls run one after another in sites.toml order (run_crawls(sequential=True)) and
# each site is crawled one page at a time, from request to archive, breadth-first
# (crawler/settings.py), so pages reach the archive in one fixed order. Real crawls stay parallel.
REPEATABLE_SETTINGS = {
    "CONCURRENT_REQUESTS": 1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    # Scrapy requests nothing new while a response and its items are still being processed
    # (a soft limit in bytes; every response counts at least 1 KB).
    "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 1,
    # Each page then waits for its commit before the next is fetched: commit per page,
    # not a group-commit timer per page.
    "ARCHIVE_COMMIT_PAGES": 1,
    "ARCHIVE_CLEAN_WORKERS": 0,  # one page at a time: no worker processes to start per crawl
}


def demo_profiles(config: str | Path = DEMO_SITES) -> dict[str, SiteProfile]:
    """The demo profiles; each site's tree is demo_sites/<name>/."""
    profiles = load_profiles(config)
    missing = [name for name in profiles if not (Path(config).parent / name).is_dir()]
    if missing:
        raise FileNotFoundError(f"demo site trees missing under {Path(config).parent}: {missing}")
    return profiles


@contextmanager
def serving(profiles: dict[str, SiteProfile], root: Path = DEMO_ROOT, hooks: bool = True) -> Iterator[dict[str, SiteServer]]:
    """One loopback server per demo site (own address and port: separate hosts) for the block's duration."""
    servers: dict[str, SiteServer] = {}
    try:
        for index, name in enumerate(profiles):
            servers[name] = SiteServer(root / name, hooks=hooks, host=loopback_host(index)).start()
        yield servers
    finally:
        # In parallel: each stop waits up to one serve_forever poll (0.5 s), and Ctrl-C must end the demo at once.
        stoppers = [threading.Thread(target=server.stop) for server in servers.values()]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join()


def demo_specs(profiles: dict[str, SiteProfile], servers: dict[str, SiteServer], config: Path = DEMO_SITES) -> list[CrawlSpec]:
    return [CrawlSpec("site", name, kwargs={"site": name, "base_url": servers[name].base_url,
                                            "sites_config": str(config)})
            for name in profiles]


def demo_settings(db: str | Path, trigger: str, log_level: str, config: str | Path | None = None) -> Any:
    """The settings of the demo's crawls (both nights): loopback speed, repeatable order."""
    return project_settings(db, trigger=trigger, config=config, polite=False, log_level=log_level,
                            extra=REPEATABLE_SETTINGS)


def fresh_db(db: str | Path) -> Path:
    """Remove an earlier demo database (and its WAL files): every demo starts empty."""
    path = Path(db)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


@dataclass
class ArchiveSummary:
    sites: int
    pages: int
    article_pages: int
    speeches: int
    sources: int
    cross_site_speeches: int  # speeches carried by pages of two or more sites
    versions: int
    gone_pages: int
    errors: int

    def lines(self) -> list[str]:
        return [
            f"sites            {self.sites}",
            f"pages            {self.pages} ({self.article_pages} with speeches, {self.gone_pages} gone)",
            f"speeches         {self.speeches} distinct",
            f"sources          {self.sources} (speech on a page); {self.cross_site_speeches} speeches found on 2+ sites",
            f"versions         {self.versions}",
            f"errors           {self.errors} (logged in crawl_errors)",
        ]


def summarise(db: str | Path) -> ArchiveSummary:
    """Counts read straight from the archive's tables (names fixed in docs/design.md)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        one = lambda sql: int(con.execute(sql).fetchone()[0] or 0)  # noqa: E731
        return ArchiveSummary(
            sites=one("select count(*) from sites"),
            pages=one("select count(*) from pages"),
            article_pages=one("select count(distinct page_id) from speech_sources"),
            speeches=one("select count(*) from speeches"),
            sources=one("select count(*) from speech_sources"),
            cross_site_speeches=one(
                "select count(*) from (select s.speech_id from speech_sources s join pages p on p.id = s.page_id"
                " group by s.speech_id having count(distinct p.site_id) > 1)"),
            versions=one("select count(*) from speech_versions"),
            gone_pages=one("select count(*) from pages where gone_at is not null"),
            errors=one("select coalesce(sum(errors), 0) from crawl_runs"),
        )
    finally:
        con.close()


def wait_for_stop_signal(on_ready: Callable[[], None] | None = None) -> str:
    """Block until SIGINT (Ctrl-C) or SIGTERM; return the signal's name.

    `on_ready` runs once the handlers are in place (say "Ctrl-C to stop" only
    then: a signal sent on reading it is never lost).

    Our own handlers, installed here: the crawl that ran before left Scrapy's
    shutdown handlers in place, and they only ask a reactor that has already
    stopped to stop, so the signal would be swallowed and the demo never end.
    """
    import signal

    stop = threading.Event()
    received: list[str] = []

    def handler(signum: int, _frame: object) -> None:
        received.append(signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if on_ready is not None:
            on_ready()
        while not stop.wait(0.5):  # a timed wait lets the handler run promptly on every platform
            pass
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    return received[0]
