"""The download handler: Scrapy's HTTP/1.1 handler with two bounds it lacks.

Per-host concurrency without a delay. In Scrapy 2.19 the downloader starts
each download as a scheduled coroutine, and a request counts as transferring
only once that coroutine first runs; with DOWNLOAD_DELAY = 0 its queue loop
therefore sees every transfer slot free and starts the whole queue of a host
at once, whatever CONCURRENT_REQUESTS_PER_DOMAIN says. (With a delay it
starts one request per pass, so polite crawls were never affected.) Here the
handler, where a download really begins, admits at most the slot's
concurrency at a time (the downloader's public `get_slot_key` and `slots`);
the others wait before their connection is opened, their DOWNLOAD_TIMEOUT not
yet running.

Response headers: see `BoundedHTTP11DownloadHandler`.
"""
from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

from crawler.addons import required

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class BoundedHTTP11DownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler with a per-host transfer limit and a header-size ceiling.

    Transfers: at most the downloader slot's concurrency (CONCURRENT_REQUESTS_PER_DOMAIN,
    DOWNLOAD_SLOTS) at a time per slot, with or without a delay (see the module).

    Headers: DOWNLOAD_MAXSIZE counts body bytes only, and Twisted's parser
    limits each header line (16 KB) but not their number: a server that sends
    header lines forever filled memory (1.1 GB in 10 s on loopback) until
    DOWNLOAD_TIMEOUT, which is the total-time bound. Here the bytes of a
    response before its blank line are counted as they arrive, and past
    MAX_RESPONSE_HEADER_BYTES the connection is aborted: the request fails
    (and is retried, then recorded as an error) like any dropped connection.
    Scrapy gives no hook for this; the handler wraps the protocol factory of
    its connection pool (`self._pool._factory`, which Scrapy itself sets, the
    one private attribute used). It refuses to start if that attribute is gone,
    rather than run unbounded.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.crawler = crawler
        self.transfers: dict[str, asyncio.Semaphore] = {}  # per downloader slot
        pool = getattr(self, "_pool", None)
        base = getattr(pool, "_factory", None)
        if base is None:
            raise RuntimeError("BoundedHTTP11DownloadHandler: Scrapy's HTTP/1.1 handler has no "
                               "_pool._factory any more; update crawler/downloader.py")
        limit = int(required(crawler.settings, "MAX_RESPONSE_HEADER_BYTES"))  # default: crawler.addons

        class HeaderLimitedFactory(base):  # type: ignore[misc, valid-type]
            def buildProtocol(self, addr: Any) -> Any:  # noqa: N802 - Twisted's name
                return limit_header_bytes(super().buildProtocol(addr), limit)

        pool._factory = HeaderLimitedFactory

    async def download_request(self, request: Request) -> Response:
        async with self.transfer_slot(request):
            return await super().download_request(request)

    def transfer_slot(self, request: Request) -> asyncio.Semaphore:
        """The semaphore of the request's downloader slot, as wide as the slot's concurrency."""
        downloader = self.crawler.engine.downloader  # type: ignore[union-attr]
        key = downloader.get_slot_key(request)
        semaphore = self.transfers.get(key)
        if semaphore is None:
            semaphore = self.transfers[key] = asyncio.Semaphore(downloader.slots[key].concurrency)
        return semaphore


def limit_header_bytes(protocol: Any, limit: int) -> Any:
    """Abort `protocol`'s connection when a response's header section exceeds `limit` bytes.

    Wraps the instance's `request` (a new response head starts) and
    `dataReceived` (count until the blank line that ends the head).
    """
    send_request = protocol.request
    receive = protocol.dataReceived
    state = {"in_head": False, "seen": 0, "tail": b"", "url": ""}

    def request(request: Any) -> Any:
        state.update(in_head=True, seen=0, tail=b"", url=getattr(request, "absoluteURI", b"").decode("latin-1"))
        return send_request(request)

    def data_received(data: bytes) -> None:
        if state["in_head"]:
            window = state["tail"] + data
            end = window.find(b"\r\n\r\n")
            if end >= 0:
                state["in_head"] = False
                state["seen"] += end + 4 - len(state["tail"])
            else:
                state["seen"] += len(data)
                state["tail"] = window[-3:]
            if state["seen"] > limit:
                logger.warning("response headers of %s exceed %d bytes: connection dropped", state["url"], limit)
                state["in_head"] = False
                protocol.transport.abortConnection()
                return
        receive(data)

    protocol.request = request
    protocol.dataReceived = data_received
    return protocol
