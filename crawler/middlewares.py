"""Downloader middlewares: conditional GET from the archive, retries with back-off,
the offsite filter on every request, robots.txt per RFC 9309."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from time import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object

from crawler.addons import required

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class RevisitLater(IgnoreRequest):
    """A known, unchanged article whose next visit is not due yet."""


class ConditionalGetMiddleware:
    """Adds If-None-Match / If-Modified-Since from the archive to article requests.

    List pages (request.meta["kind"] == "list") are always fetched in full: their
    links are what finds new articles. Known articles are also skipped until
    `archive.conditional_get(url)` says their back-off is over, unless the request
    carries meta["force"] (one-off recrawls).
    """

    def __init__(self, db_path: str, stats: StatsCollector, revisit_base_hours: float,
                 revisit_max_days: float) -> None:
        self.db_path = db_path
        self.stats = stats
        self.revisit_base_hours = revisit_base_hours
        self.revisit_max_days = revisit_max_days
        self.archive: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        settings = crawler.settings
        db_path = settings.get("ARCHIVE_DB_PATH")
        if not db_path:
            raise NotConfigured("ARCHIVE_DB_PATH not set")
        required(settings, "ARCHIVE_CONDITIONAL_GET")  # unset: the add-on is off, an error
        if not settings.getbool("ARCHIVE_CONDITIONAL_GET"):
            raise NotConfigured("ARCHIVE_CONDITIONAL_GET off")
        assert crawler.stats is not None
        # Defaults: crawler.addons.ArchiveAddon (from the archive's RevisitPolicy).
        mw = cls(db_path, crawler.stats, float(required(settings, "ARCHIVE_REVISIT_BASE_HOURS")),
                 float(required(settings, "ARCHIVE_REVISIT_MAX_DAYS")))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self) -> None:
        from datetime import timedelta

        from archive import Archive, RevisitPolicy

        policy = RevisitPolicy(base=timedelta(hours=self.revisit_base_hours),
                               maximum=timedelta(days=self.revisit_max_days))
        self.archive = Archive(self.db_path, revisit=policy)
        self.archive.__enter__()

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.__exit__(None, None, None)
            self.archive = None

    def process_request(self, request: Request) -> None:
        if self.archive is None or request.meta.get("kind") != "article" or request.meta.get("dont_condition"):
            return None
        due, validators = self.archive.conditional_get(request.url)
        if not request.meta.get("force") and not due:
            self.stats.inc_value("archive/revisit_later")
            raise RevisitLater(f"unchanged article not due for a revisit: {request.url}")
        for header, value in validators.items():
            if value and header not in request.headers:
                request.headers[header] = value
        if validators:
            self.stats.inc_value("archive/conditional_get")
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (RETRY_TIMES, RETRY_HTTP_CODES) with exponential back-off.

    Before a retry goes back to the scheduler it waits
    min(RETRY_BACKOFF_MAX, RETRY_BACKOFF_BASE * 2**n) seconds, or what a 429/503
    Retry-After header asks for (capped the same way). The wait holds no
    download slot: other requests go on meanwhile.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = float(required(settings, "RETRY_BACKOFF_BASE"))  # defaults: crawler.addons
        self.backoff_max = float(required(settings, "RETRY_BACKOFF_MAX"))

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(request, response)
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(request, None)
        return result

    def backoff(self, request: Request, response: Response | None) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = self.backoff_base * (2 ** attempt)
        if response is not None:
            delay = max(delay, _retry_after(response))
        return min(delay, self.backoff_max)

    async def _wait(self, request: Request, response: Response | None) -> None:
        delay = self.backoff(request, response)
        if delay > 0:
            self.crawler.stats.inc_value("retry/backoff_seconds", int(delay))  # type: ignore[union-attr]
            logger.info("backing off %.1fs before retrying %s", delay, request.url)
            await asyncio.sleep(delay)


def _retry_after(response: Response) -> float:
    value = response.headers.get(b"Retry-After")
    if not value:
        return 0.0
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time())
    except (TypeError, ValueError):
        return 0.0


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """The User-Agent names the crawler and CONTACT_URL (USER_AGENT_TEMPLATE), unless USER_AGENT is set."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        settings = crawler.settings
        agent = settings.get("USER_AGENT")
        template = settings.get("USER_AGENT_TEMPLATE")
        # Only a USER_AGENT set above project level overrides the template.
        if template and settings.getpriority("USER_AGENT") <= settings.getpriority("USER_AGENT_TEMPLATE"):
            agent = template.format(contact=settings.get("CONTACT_URL"))
        mw = cls(agent)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw


class RobotsUnavailable(IgnoreRequest):
    """robots.txt answered 5xx or not at all: RFC 9309 says crawl nothing of that host for now."""


class RobotsForbidden(IgnoreRequest):
    """The site's robots.txt disallows the URL for our User-Agent."""


@dataclass(frozen=True)
class UnavailableRobots:
    """Kept as a host's rules when its robots.txt could not be read (why, in words)."""

    why: str


# What is known of a host's robots.txt: its parser, "unavailable", or None (no rules: allow all).
HostRules = RobotParser | UnavailableRobots | None


class SafeRobotsTxtMiddleware:
    """robots.txt per RFC 9309, fetched once per host, its answer given to every request waiting for it.

    Stands in for Scrapy's RobotsTxtMiddleware (same settings: ROBOTSTXT_OBEY,
    ROBOTSTXT_PARSER, ROBOTSTXT_USER_AGENT; same meta key dont_obey_robotstxt
    and robotstxt/* stats) and is built on public API only:
    `crawler.engine.download_async`, the parser class named by ROBOTSTXT_PARSER.

    Why not Scrapy's: up to 2.19 it awaits one shared Deferred from every
    request that arrives while a host's robots.txt is still downloading; the
    first awaiter takes the result and the others get None, which reads as
    "allowed": a resumed crawl (a full queue) or a recrawl of many URLs then
    fetched disallowed pages. Here the fetch of a host's robots.txt is one
    asyncio task, which every waiting request awaits (shielded) and gets the
    result from.

    RFC 9309 (2.3.1.3, 2.3.1.4): a robots.txt answering 4xx means "no rules"
    (allow all), but a 5xx or no answer at all (timeout, refused, reset)
    means "disallow all" until it can be read again; Scrapy reads the body of
    a 5xx as rules and treats an unreachable robots.txt as allow-all. Here
    both close the host for the rest of this run (the rules are kept per host
    for the crawl's lifetime; the next run asks again), and every request to
    it fails with RobotsUnavailable, which the spiders record as an error:
    the page was not refused by the site's rules, it could not be asked for.
    """

    DOWNLOAD_PRIORITY = 1000  # robots.txt goes ahead of the pages waiting for it (Scrapy's value)

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY off")
        assert crawler.stats is not None
        self.crawler = crawler
        self.stats = crawler.stats
        self.default_user_agent: str = settings["USER_AGENT"]
        self.robots_user_agent: str | None = settings["ROBOTSTXT_USER_AGENT"]
        self.parser_class: Any = load_object(settings["ROBOTSTXT_PARSER"])
        build_from_crawler(self.parser_class, crawler, b"")  # a parser missing its library fails here, not later
        # One fetch per host, run as its own task: a cancelled first request does not leave the others waiting.
        self.hosts: dict[str, asyncio.Task[HostRules]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SafeRobotsTxtMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return None
        rules = await self.host_rules(request)
        if isinstance(rules, UnavailableRobots):
            self.stats.inc_value("robotstxt/unavailable_skipped")
            raise RobotsUnavailable(f"robots.txt of {urlparse_cached(request).netloc} unavailable ({rules.why}); "
                                    "RFC 9309: not fetched in this run")
        if rules is not None and not rules.allowed(request.url, self.user_agent(request)):
            logger.debug("Forbidden by robots.txt: %s", request)
            self.stats.inc_value("robotstxt/forbidden")
            raise RobotsForbidden("Forbidden by robots.txt")
        return None

    def user_agent(self, request: Request) -> str | bytes:
        return self.robots_user_agent or request.headers.get(b"User-Agent") or self.default_user_agent

    async def host_rules(self, request: Request) -> HostRules:
        """The rules of the request's host; the first request of a host fetches them, the others wait."""
        url = urlparse_cached(request)
        fetch = self.hosts.get(url.netloc)
        if fetch is None:
            fetch = self.hosts[url.netloc] = asyncio.ensure_future(self.fetch_rules(url.scheme, url.netloc, request))
        # shield: a waiting request that is cancelled must not cancel the host's answer for the others
        return await asyncio.shield(fetch)

    async def fetch_rules(self, scheme: str, netloc: str, request: Request) -> HostRules:
        robots = Request(f"{scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                         meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)
        try:
            response = await self.crawler.engine.download_async(robots)  # type: ignore[union-attr]
        except IgnoreRequest:  # e.g. robots.txt redirected off-site: no rules
            return None
        except Exception as exc:  # noqa: BLE001 - any failure to read it is RFC 9309's "unreachable"
            self.stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
            return self.unavailable(netloc, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        finally:
            self.stats.inc_value("robotstxt/request_count")
        self.stats.inc_value("robotstxt/response_count")
        self.stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500:
            return self.unavailable(netloc, f"HTTP {response.status}")
        if response.status >= 400:
            return None  # RFC 9309 2.3.1.3: no robots.txt, no rules (its body is an error page)
        parser = build_from_crawler(self.parser_class, self.crawler, response.body)
        await self.crawler.signals.send_catch_log_async(signal=signals.robots_parsed, robotparser=parser,
                                                        request=request)
        return parser

    def unavailable(self, netloc: str, why: str) -> UnavailableRobots:
        logger.warning("robots.txt of %s unavailable (%s): nothing of %s is fetched in this run (RFC 9309)",
                       netloc, why, netloc)
        self.stats.inc_value("robotstxt/unavailable")
        return UnavailableRobots(why)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def site_netloc(url: str) -> str:
    """host[:port] of a URL, lower case, without the scheme's default port (http://a:80 is http://a)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no site of ours
        return f"{host}:invalid"
    if port is None or port == _DEFAULT_PORTS.get(parts.scheme):
        return host
    return f"{host}:{port}"


class OffsiteRequest(IgnoreRequest):
    """A request (a link, a redirect, a later part) to a host the crawl may not fetch from."""


class SiteHostsOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's OffsiteMiddleware, applied to every request and its redirects, host and port.

    Our spiders send every request with `dont_filter` (their journal, not
    Scrapy's dupefilter, deduplicates, across restarts and Redis workers),
    which Scrapy's middleware reads as "allowed anywhere"; RedirectMiddleware
    copies it onto the redirected request, so a `/go` that 302s to another host
    was fetched. Here only the `allow_offsite` meta key bypasses the check.
    A spider's `allowed_hosts` (host[:port], see `site_netloc`) is the policy:
    the profile's hosts or the start URLs' hosts; spiders without it fall back
    to `allowed_domains`. The check runs at download time, not when the request
    is scheduled, so the request's errback sees the IgnoreRequest and the
    spider records the page as an error.
    """

    def request_scheduled(self, request: Request, spider: Any) -> None:
        return None  # checked in process_request, where the errback hears of it

    def process_request(self, request: Request, spider: Any = None) -> None:  # type: ignore[override]
        spider = self.crawler.spider
        if request.meta.get("allow_offsite") or self.should_follow(request, spider):
            return None
        netloc = site_netloc(request.url)
        if netloc not in self.domains_seen:
            self.domains_seen.add(netloc)
            self.stats.inc_value("offsite/domains")
            logger.info("not fetching %s: %s is not a host of this crawl", request.url, netloc)
        self.stats.inc_value("offsite/filtered")
        came_from = request.meta.get("redirect_urls") or []
        via = f" (redirected from {came_from[0]})" if came_from else ""
        raise OffsiteRequest(f"off-site request to {netloc}{via}: not one of the crawl's hosts")

    def should_follow(self, request: Request, spider: Any) -> bool:
        hosts = getattr(spider, "allowed_hosts", None)
        if hosts:
            return site_netloc(request.url) in hosts
        return super().should_follow(request, spider)
