"""`urls`: fetch the given URLs once, follow nothing (what `speech-archive recrawl` runs).

    scrapy crawl urls -a urls=http://a/1.html,http://a/2.html -s ARCHIVE_DB_PATH=archive.db
    scrapy crawl urls -a urls_file=list.txt -s ARCHIVE_DB_PATH=archive.db
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from crawler.profiles import ProfileError, load_profiles
from crawler.spiders.base import ArchiveSpider, apply_politeness, hosts_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


# Not retried in a recrawl (Scrapy retries them in crawls): the host is down, not busy.
HOST_DOWN_ERRORS = ("scrapy.exceptions.CannotResolveHostError", "scrapy.exceptions.DownloadConnectionRefusedError",
                    "twisted.internet.error.ConnectError")


class UrlsSpider(ArchiveSpider):
    name = "urls"
    follow_links = False
    fail_on_page_errors = True  # the run fails when a listed page could not be fetched (the pipeline reads it)

    def __init__(self, urls: str | None = None, urls_file: str | None = None, site: str | None = None,
                 *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        listed = [u.strip() for u in (urls or "").split(",") if u.strip()]
        if urls_file:
            listed += [line.strip() for line in Path(urls_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        bad = [u for u in listed if urlsplit(u).scheme not in ("http", "https")]
        if bad:
            raise UsageError(f"not http(s) URLs: {bad[:3]}")
        if not listed:
            raise UsageError("the urls spider needs -a urls=URL[,URL...] or -a urls_file=PATH")
        self.url_list = list(dict.fromkeys(listed))
        self.site_name = site

    def configure(self, crawler: Crawler) -> None:
        # The listed URLs' hosts (and the profile's): a listed page that redirects elsewhere is an error.
        self.allowed_hosts = hosts_of(self.url_list)
        # Someone is waiting for this answer: a host that refuses or does not resolve fails at once.
        retried = [e for e in crawler.settings.getlist("RETRY_EXCEPTIONS") if e not in HOST_DOWN_ERRORS]
        crawler.settings.set("RETRY_EXCEPTIONS", retried, priority="spider")
        if not self.site_name:
            return
        try:
            profile = load_profiles(crawler.settings.get("SITES_CONFIG")).get(self.site_name)
        except ProfileError as exc:
            raise UsageError(str(exc)) from None
        if profile is not None:  # a recrawl of a site is as polite as its crawl
            apply_politeness(crawler.settings, profile)
            self.allowed_hosts |= hosts_of(profile.start_urls, profile.hosts)
            self.cleaner_profile = profile.cleaner_profile
            self.part_patterns = profile.part_patterns

    def seeds(self) -> list[tuple[str, str]]:
        return [(url, "article") for url in self.url_list]

    def _request(self, url: str, kind: str, **meta: object):  # type: ignore[override]
        # A one-off recrawl fetches now, whatever the revisit back-off says; validators still apply.
        return super()._request(url, kind, force=True, **meta)
