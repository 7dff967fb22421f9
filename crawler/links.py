"""A page's same-host links, as the spider follows them: absolute, without fragment, in page order.

Run in the cleaning worker on the hrefs the cleaner read off its own parse
(cleaning.model.Page.links), so the crawl's main process never parses a page
for its links; the spider runs it itself only when no worker read the page.
"""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urldefrag, urljoin, urlsplit

from w3lib.html import get_base_url

# hrefs that lead to no page
UNFOLLOWED_PREFIXES = ("javascript:", "mailto:", "#")
FOLLOWED_SCHEMES = ("http", "https")
# How far into a document a <base href> is looked for (Scrapy's own response.urljoin reads as far).
BASE_HREF_CHARS = 4096


def base_url(body: bytes, url: str, encoding: str | None) -> str:
    """What the page's relative links are relative to: its <base href>, else its own URL."""
    head = body[: BASE_HREF_CHARS * 4].decode(encoding or "utf-8", "replace")
    return get_base_url(head, url, encoding or "utf-8")


def same_host_links(url: str, hrefs: Iterable[str], base: str | None = None) -> list[str]:
    """The hrefs that lead to an http(s) page on url's host (host:port), resolved against base, each once."""
    here = urlsplit(url).netloc
    base = base or url
    links: dict[str, None] = {}
    for href in dict.fromkeys(hrefs):  # a link repeated on the page is resolved once
        href = href.strip()
        if not href or href.startswith(UNFOLLOWED_PREFIXES):
            continue
        link = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(link)
        if parts.scheme in FOLLOWED_SCHEMES and parts.netloc == here:
            links[link] = None
    return list(links)
