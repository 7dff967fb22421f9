"""The download layer: per-host concurrency without a delay, and bounded response headers.

SlotSafeDownloader: Scrapy's Downloader with the per-host concurrency limit
enforced when there is no delay.

In Scrapy 2.19 `Downloader._process_queue` starts each download as a scheduled
coroutine, and the request joins `slot.transferring` only when that coroutine
first runs. With DOWNLOAD_DELAY = 0 the loop therefore sees every transfer
slot free and starts the whole queue at once, whatever
CONCURRENT_REQUESTS_PER_DOMAIN says. (With a delay it starts one request per
pass, so polite crawls were never affected.) Here a request counts as
transferring from the moment it leaves the queue; Scrapy's `_download` adds it
again (a set) and removes it when the response is in.

HeaderLimitedHTTP11DownloadHandler: see its docstring.
"""
from __future__ import annotations

import logging
from time import monotonic
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader import Downloader, Slot
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.defer import deferred_from_coro

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SlotSafeDownloader(Downloader):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # Downloads started here, held until done (the event loop keeps only weak references).
        self._started: set[Any] = set()

    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall or slot.download_delay():
            super()._process_queue(slot)
            return
        now = monotonic()
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)
            started = deferred_from_coro(self._wait_for_download(slot, request, queue_dfd))
            self._started.add(started)
            started.addBoth(self._forget, started)

    def _forget(self, result: Any, started: Any) -> Any:
        self._started.discard(started)
        return result


class HeaderLimitedHTTP11DownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler with a ceiling on the size of a response's headers.

    DOWNLOAD_MAXSIZE counts body bytes only, and Twisted's parser limits each
    header line (16 KB) but not their number: a server that sends header
    lines forever filled memory (1.1 GB in 10 s on loopback) until
    DOWNLOAD_TIMEOUT, which is the total-time bound. Here the bytes of a
    response before its blank line are counted as they arrive, and past
    MAX_RESPONSE_HEADER_BYTES the connection is aborted: the request fails
    (and is retried, then recorded as an error) like any dropped connection.

    Scrapy gives no hook for this; the handler wraps the protocol factory of
    its connection pool (`self._pool._factory`, which Scrapy itself sets).
    It refuses to start if that attribute is gone, rather than run unbounded.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        pool = getattr(self, "_pool", None)
        base = getattr(pool, "_factory", None)
        if base is None:
            raise RuntimeError("HeaderLimitedHTTP11DownloadHandler: Scrapy's HTTP/1.1 handler has no "
                               "_pool._factory any more; update crawler/downloader.py")
        limit = crawler.settings.getint("MAX_RESPONSE_HEADER_BYTES", 64 * 1024)

        class HeaderLimitedFactory(base):  # type: ignore[misc, valid-type]
            def buildProtocol(self, addr: Any) -> Any:  # noqa: N802 - Twisted's name
                return limit_header_bytes(super().buildProtocol(addr), limit)

        pool._factory = HeaderLimitedFactory


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
