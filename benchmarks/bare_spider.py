"""The floor of any Scrapy crawl: a spider that fetches the bench site and does nothing else.

benchmarks/bench_crawl.py runs it beside `speech-archive crawl`, on the same
site, with the same politeness settings, as its own process:

    scrapy runspider benchmarks/bare_spider.py -a start=URL -s DOWNLOAD_DELAY=0 ...

It follows the list pages and fetches every article page the crawl fetches
(the same URL patterns as the crawl's site entry in bench_crawl), and yields
one small item per article and no pipeline stores it: no cleaning, no archive,
no link judging. Its pages/s and CPU per page are what Scrapy and Twisted cost
on this machine before the archive's work begins.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

import scrapy
from scrapy.http import Response

# The bench site's article and list pages (bench_crawl's site entry: the same patterns).
ARTICLE = re.compile(r"/gongwen/\d{4}/\d{4}/\d+\.html$")
LIST = re.compile(r"/gongwen/list_\d+\.html$")


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        if ARTICLE.search(response.url):
            yield {"url": response.url}
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if ARTICLE.search(url) or LIST.search(url):
                yield scrapy.Request(url)
