"""Scrapy's Downloader with the per-host concurrency limit enforced when there is no delay.

In Scrapy 2.19 `Downloader._process_queue` starts each download as a scheduled
coroutine, and the request joins `slot.transferring` only when that coroutine
first runs. With DOWNLOAD_DELAY = 0 the loop therefore sees every transfer
slot free and starts the whole queue at once, whatever
CONCURRENT_REQUESTS_PER_DOMAIN says. (With a delay it starts one request per
pass, so polite crawls were never affected.) Here a request counts as
transferring from the moment it leaves the queue; Scrapy's `_download` adds it
again (a set) and removes it when the response is in.
"""
from __future__ import annotations

from time import monotonic

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.defer import _schedule_coro


class SlotSafeDownloader(Downloader):
    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall or slot.download_delay():
            super()._process_queue(slot)
            return
        now = monotonic()
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
