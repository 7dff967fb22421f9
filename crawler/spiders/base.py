"""What the three spiders share: one item per request, same-host link following, the journal."""
from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure

from archive.store import utcnow
from cleaning.decode import charset_from_content_type
from crawler.close_reasons import JOURNAL_FAILURE, ends_job
from crawler.frontier import Frontier
from crawler.items import PageItem
from crawler.links import same_host_links
from crawler.middlewares import RevisitLater, RobotsUnavailable, site_netloc
from crawler.storage_failure import is_storage_failure
from crawler.profiles import DEFAULT_MAX_DEPTH, DEFAULT_MAX_PAGES, DEFAULT_PART_PATTERNS, part_number

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# Statuses the spider wants to see itself (to archive a 304, a 404 or an error)
# rather than have HttpErrorMiddleware drop them. 3xx other than 304 stay with
# RedirectMiddleware; 5xx reach the spider only after the retries gave up.
HANDLED_STATUSES = [304, 400, 401, 403, 404, 405, 408, 410, 429, 451, 500, 502, 503, 504, 520, 521, 522, 524]
GONE_STATUSES = (404, 410)
_IGNORED_SUFFIX = re.compile(r"\.(%s)$" % "|".join(re.escape(e) for e in IGNORED_EXTENSIONS), re.I)
_DEFAULT_PARTS = tuple(re.compile(p) for p in DEFAULT_PART_PATTERNS)
# A response's output is one item, then its links. Scrapy starts CONCURRENT_ITEMS tasks for every
# response's output (100 by default: an eighth of the crawl's main process on loopback); a few
# let the links go to the scheduler while the item waits for its batch to commit.
OUTPUT_CONCURRENCY = 4
# Links whose verdict (not followed, or the kind the journal is asked for) is remembered: most links of
# a page are on every page of its site, and each verdict costs a few regexes and URL splits. Forgotten
# all at once when full, so the memory stays bounded on any crawl.
LINK_VERDICTS_KEPT = 100_000
_UNSEEN = object()


class ArchiveRequest(scrapy.Request):
    """A spider request that names its callback and errback itself when it goes to the JOBDIR queue.

    Scrapy's `Request.to_dict` finds a spider method's name by scanning every member of the
    spider (`inspect.getmembers`, ~50 us per request queued); a bound method of the spider
    has its name at hand. The dict is Scrapy's own, so `request_from_dict` reads it back.
    """

    def to_dict(self, *, spider: scrapy.Spider | None = None) -> dict[str, Any]:
        callback, errback = self.callback, self.errback
        self.callback, self.errback = _method_name(spider, callback), _method_name(spider, errback)
        try:
            return super().to_dict(spider=spider)
        finally:
            self.callback, self.errback = callback, errback


def _method_name(spider: Any, method: Any) -> Any:
    """The name `spider.<name>` gives back `method` by (a bound method of the spider), else `method`."""
    name = getattr(method, "__name__", None)
    if spider is None or name is None or getattr(method, "__self__", None) is not spider:
        return method
    found = getattr(spider, name, None)
    return name if getattr(found, "__func__", None) is getattr(method, "__func__", _UNSEEN) else method


class ArchiveSpider(scrapy.Spider):
    """Base of `site`, `start` and `urls`: turns every request's fate into one PageItem."""

    site_name: str | None = None
    cleaner_profile: str | None = None
    part_patterns: tuple[re.Pattern[str], ...] = _DEFAULT_PARTS
    follow_links = True
    frontier: Frontier
    # host[:port] of every URL this crawl may fetch, redirects included (SiteHostsOffsiteMiddleware).
    allowed_hosts: frozenset[str] = frozenset()
    custom_settings = {"CONCURRENT_ITEMS": OUTPUT_CONCURRENCY}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._link_verdicts: dict[str, str | None] = {}  # url -> classify's answer (see _follow)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArchiveSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.db_path = crawler.settings.get("ARCHIVE_DB_PATH")
        spider.configure(crawler)  # settings are not frozen yet: profiles may set politeness
        spider.frontier = Frontier(crawler.settings.get("JOBDIR"))
        spider.frontier.open()
        crawler.signals.connect(spider._close_frontier, signal=signals.spider_closed)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._links_unread, signal=signal)
        return spider

    def configure(self, crawler: Crawler) -> None:
        """Subclasses: read arguments and profiles, adjust crawler.settings."""

    def _close_frontier(self, reason: str) -> None:
        try:
            self.frontier.close(finished=ends_job(reason))
        except Exception as exc:
            if not is_storage_failure(exc):
                raise
            # Left "running": the next run recovers from the journal as after a crash.
            self.logger.error("could not close the job journal: %s: %s", type(exc).__name__, exc)

    # -- requests ---------------------------------------------------------
    def seeds(self) -> list[tuple[str, str]]:
        """(url, kind) pairs a fresh job starts from."""
        return []

    async def start(self) -> Any:
        if self.frontier.resumed_after_crash:
            todo = self.frontier.pending()
            self.logger.info("crash recovery: re-queueing %d unfinished URLs", len(todo))
            for url, kind in todo:
                yield self._request(url, kind)
            return
        if self.frontier.resumed:
            return  # Scrapy resumes its own saved queue
        # Journal every seed first, so links found later never re-queue one of them under another kind.
        fresh = [(url, kind) for url, kind in self.seeds() if self.frontier.add(url, kind)]
        for url, kind in fresh:
            yield self._request(url, kind)

    def follow(self, url: str, kind: str) -> scrapy.Request | None:
        """A request for a newly discovered URL, or None if the job already has it."""
        try:
            added = self.frontier.add(url, kind)
        except Exception as exc:
            if is_storage_failure(exc):  # the job dir's disk is full: the crawl cannot go on
                self.logger.error("job journal write failed: %s: %s; stopping the crawl", type(exc).__name__, exc)
                raise CloseSpider(JOURNAL_FAILURE) from None
            raise
        if not added:
            return None
        return self._request(url, kind)

    def _request(self, url: str, kind: str, **meta: Any) -> scrapy.Request:
        return ArchiveRequest(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            dont_filter=True,  # the journal deduplicates, across restarts too
            meta={"kind": kind, "handle_httpstatus_list": HANDLED_STATUSES, **meta},
        )

    # -- responses --------------------------------------------------------
    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        kind = response.meta.get("kind", "page")
        item = self._item_for(response, kind)
        follow = self.follow_links and response.status == 200 and isinstance(response, TextResponse)
        if follow:
            # Filled by the pipeline from the cleaning worker's parse; by _links_unread if nobody did.
            item.links = asyncio.get_running_loop().create_future()
        yield item
        if not follow:
            return
        assert item.links is not None
        for url in await item.links:
            request = self._follow(url)
            if request is not None:
                yield request

    def _item_for(self, response: Response, kind: str) -> PageItem:
        base = {"url": response.url, "kind": kind, "site": self.site_name, "status": response.status,
                "fetched_at": utcnow(), "is_part": self.is_part(response.url)}
        if response.status == 304:
            return PageItem(outcome="not_modified", **base)
        if response.status in GONE_STATUSES:
            return PageItem(outcome="gone", **base)
        if response.status >= 400:
            return PageItem(outcome="error", error=f"HTTP {response.status}", **base)
        return PageItem(outcome="fetched", headers=response_headers(response), body=response.body,
                        http_charset=header_charset(response),
                        cleaner_profile=self.cleaner_profile, **base)

    def _links_unread(self, item: Any, response: Response, **kwargs: Any) -> None:
        """Once the pipelines are done with an item whose links nobody read (no archive pipeline,
        a page the cleaner refused, a crawl stopping): read them here, in this process."""
        if not isinstance(item, PageItem) or item.links is None or item.links.done():
            return
        try:
            links = same_host_links(response.url, response.xpath("//a/@href").getall(), get_base_url(response))
        except Exception as exc:  # noqa: BLE001 - parse_page awaits an answer: never leave it without one
            self.logger.warning("links of %s not read: %s: %s", response.url, type(exc).__name__, exc)
            links = []
        item.links.set_result(links)

    def _follow(self, url: str) -> scrapy.Request | None:
        """The request for a same-host link of a page, if its kind is followed and the job lacks it."""
        link_kind = self._link_verdicts.get(url, _UNSEEN)
        if link_kind is _UNSEEN:  # classify is a function of the URL: asked once per link
            link_kind = None if _IGNORED_SUFFIX.search(urlsplit(url).path) else self.classify(url)
            if len(self._link_verdicts) >= LINK_VERDICTS_KEPT:
                self._link_verdicts.clear()
            self._link_verdicts[url] = link_kind
        if link_kind is None:
            return None
        return self.follow(url, link_kind)

    def classify(self, url: str) -> str | None:
        """'article', 'list', 'page' or None (do not follow). Subclasses narrow it."""
        return "page"

    def is_part(self, url: str) -> bool:
        return part_number(url, self.part_patterns) is not None

    def on_error(self, failure: Failure) -> Iterator[PageItem]:
        request = failure.request  # type: ignore[attr-defined]
        base = {"url": request.url, "kind": request.meta.get("kind", "page"), "site": self.site_name,
                "fetched_at": utcnow(), "is_part": self.is_part(request.url)}
        exc = failure.value
        if isinstance(exc, RevisitLater):
            yield PageItem(outcome="revisit_later", **base)
        elif isinstance(exc, IgnoreRequest) and not isinstance(exc, RobotsUnavailable) and "robots.txt" in str(exc):
            yield PageItem(outcome="robots", **base)
        else:
            message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            self.logger.warning("failed %s: %s", request.url, message)
            yield PageItem(outcome="error", error=message, **base)


def hosts_of(urls: Any, hosts: Any = (), scheme: str = "http") -> frozenset[str]:
    """The allowed host[:port] set of URLs and bare profile hosts ("www.a.cn", "127.0.0.1:8001")."""
    return frozenset({site_netloc(u) for u in urls} | {site_netloc(f"{scheme}://{h}") for h in hosts})


def apply_limits(settings: Any, max_pages: int = DEFAULT_MAX_PAGES, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    """A site's page budget and depth limit, unless the command line said otherwise (cmdline wins)."""
    settings.set("CLOSESPIDER_PAGECOUNT", max_pages, priority="spider")
    settings.set("DEPTH_LIMIT", max_depth, priority="spider")


def apply_politeness(settings: Any, profile: Any) -> None:
    """A profile's delay and concurrency, unless the command line said otherwise (cmdline priority wins)."""
    settings.set("DOWNLOAD_DELAY", profile.delay, priority="spider")
    settings.set("AUTOTHROTTLE_START_DELAY", max(profile.delay, 1.0), priority="spider")
    settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", profile.concurrency, priority="spider")
    settings.set("AUTOTHROTTLE_TARGET_CONCURRENCY", float(profile.concurrency), priority="spider")


def header_charset(response: Response) -> str | None:
    return charset_from_content_type(response.headers.get(b"Content-Type"))


def response_headers(response: Response) -> dict[str, str]:
    """Scrapy's multi-valued byte headers as the plain dict the archive stores."""
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
