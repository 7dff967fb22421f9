"""`start`: crawl a site nobody wrote a profile for.

    scrapy crawl start -a start_url=http://127.0.0.1:8001/ -s ARCHIVE_DB_PATH=archive.db

Same-host links are followed; whether a page is an article or a list page is
the cleaner's verdict (speeches or none), taken in the pipeline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from crawler.spiders.base import ArchiveSpider, apply_limits, hosts_of
from crawler.state import known_pages

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class StartSpider(ArchiveSpider):
    name = "start"

    def __init__(self, start_url: str | None = None, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        urls = [u.strip() for u in (start_url or "").split(",") if u.strip()]
        if not urls:
            raise UsageError("the start spider needs -a start_url=URL[,URL...]")
        for url in urls:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
                raise UsageError(f"start_url {url!r} is not an absolute http(s) URL")
        self.start_url_list = urls
        self.hosts = tuple(sorted({urlsplit(u).netloc.lower() for u in urls}))
        self.site_name = None

    def configure(self, crawler: Crawler) -> None:
        self.allowed_domains = sorted({h.split(":")[0] for h in self.hosts})
        self.allowed_hosts = hosts_of(self.start_url_list)
        apply_limits(crawler.settings)  # no profile: the default budget and depth

    def seeds(self) -> list[tuple[str, str]]:
        seeds = [(url, "page") for url in self.start_url_list]
        if self.db_path:
            seeds += [(url, "article") for url in known_pages(self.db_path, self.hosts)]
        return seeds

    def classify(self, url: str) -> str | None:
        return "page" if urlsplit(url).netloc.lower() in self.hosts else None
