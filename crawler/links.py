"""A page's same-host links, as the spider follows them: absolute, without fragment, in page order.

Run in the cleaning worker on the hrefs the cleaner read off its own parse
(cleaning.model.Page.links), so the crawl's main process never parses a page
for its links; the spider runs it itself only when no worker read the page.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from urllib.parse import urldefrag, urljoin, urlsplit

from w3lib.html import get_base_url

# hrefs that lead to no page
UNFOLLOWED_PREFIXES = ("javascript:", "mailto:", "#")
FOLLOWED_SCHEMES = ("http", "https")
# How far into a document a <base href> is looked for (Scrapy's own response.urljoin reads as far).
BASE_HREF_CHARS = 4096
_BASE_TAG_BYTES = re.compile(rb"<base", re.I)
# Codecs (codecs.lookup names) that decode an ASCII character only from that same byte, so a
# text spells "<base" only where its bytes do: UTF-8, single-byte codecs keeping ASCII, and the
# Chinese multi-byte ones (an ASCII trail byte is part of a character, or itself after a bad lead
# byte). Pages in any other codec are decoded to look for "<base".
ASCII_AS_IS_CODECS = frozenset({"utf-8", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "ascii", "iso8859-1",
                                "cp1252"})
# Characters with which urljoin rewrites an absolute path ("/a/b?x") rather than appending it to
# the base's scheme and host: urlsplit drops tabs and newlines, urlunparse an empty ";params",
# and "#" starts a fragment (urldefrag). Such hrefs, and those with a dot segment or an empty
# query, take urljoin itself.
REWRITTEN_PATH_CHARS = frozenset(";#\t\r\n")


def base_url(body: bytes, url: str, encoding: str | None) -> str:
    """What the page's relative links are relative to: its <base href>, else its own URL."""
    codec = encoding or "utf-8"
    head = body[: BASE_HREF_CHARS * 4]
    if _BASE_TAG_BYTES.search(head) is None and _ascii_as_is(codec):
        # No "<base" in the bytes, so none in their text: the page's own URL, as w3lib gives it (most pages).
        return get_base_url("", url, codec)
    return get_base_url(head.decode(codec, "replace"), url, codec)


def _ascii_as_is(codec: str) -> bool:
    """The codec decodes ASCII bytes as themselves and no other bytes into ASCII (so the
    text spells "<base" only where the bytes do)."""
    try:
        return codecs.lookup(codec).name in ASCII_AS_IS_CODECS
    except LookupError:
        return False


def _appended_as_is(href: str) -> bool:
    """urljoin(base, href) is the base's scheme://host followed by href unchanged (base http(s))."""
    if href[0] != "/" or href[1:2] == "/" or href[-1] == "?" or not REWRITTEN_PATH_CHARS.isdisjoint(href):
        return False
    return "/." not in href.partition("?")[0]  # no "." or ".." segment to resolve


def same_host_links(url: str, hrefs: Iterable[str], base: str | None = None) -> list[str]:
    """The hrefs that lead to an http(s) page on url's host (host:port), resolved against base, each once."""
    here = urlsplit(url).netloc
    base = base or url
    try:
        base_parts = urlsplit(base)
    except ValueError:
        base_parts = None  # urljoin raises for the first href, as before
    # Absolute paths ("/a/b.html", most of a page's links) resolve by appending them to this
    # (None: the base is no http(s) URL of this host, so they lead elsewhere or nowhere).
    origin = f"{base_parts.scheme}://{here}" if base_parts is not None and base_parts.netloc == here \
        and base_parts.scheme in FOLLOWED_SCHEMES else None
    links: dict[str, None] = {}
    for href in dict.fromkeys(hrefs):  # a link repeated on the page is resolved once
        href = href.strip()
        if not href or href.startswith(UNFOLLOWED_PREFIXES):
            continue
        if base_parts is not None and _appended_as_is(href):
            if origin is not None:
                links[origin + href] = None
            continue
        if "//" in href:
            netloc = urlsplit(href).netloc
            if netloc and netloc != here:  # urljoin keeps an href's own host: another site
                continue
        link = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(link)
        if parts.scheme in FOLLOWED_SCHEMES and parts.netloc == here:
            links[link] = None
    return list(links)
