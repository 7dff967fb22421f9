"""`urls`: fetch the given URLs once, follow nothing (what `speech-archive recrawl` runs).

    scrapy crawl urls -a urls=http://a/1.html,http://a/2.html -s ARCHIVE_DB_PATH=archive.db
    scrapy crawl urls -a urls_file=list.txt -s ARCHIVE_DB_PATH=archive.db
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from crawler.spiders.base import ArchiveSpider


class UrlsSpider(ArchiveSpider):
    name = "urls"
    follow_links = False

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

    def seeds(self) -> list[tuple[str, str]]:
        return [(url, "article") for url in self.url_list]

    def _request(self, url: str, kind: str, **meta: object):  # type: ignore[override]
        # A one-off recrawl fetches now, whatever the revisit back-off says; validators still apply.
        return super()._request(url, kind, force=True, **meta)
