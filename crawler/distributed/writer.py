"""The single archive writer of a distributed batch (no Scrapy here).

Moves each message from the batch's item list to a processing list (BLMOVE),
applies it to the archive in one transaction, then drops it from the
processing list: a writer killed mid-message finds it there on restart and
applies it again (ingesting the same page twice changes nothing). Messages it
cannot read go to `items:bad`, untouched, and are counted as errors.

The batch is over when a worker has marked it finished (the frontier was
drained, so every item is already on the list) and the list is empty. If no
worker has been alive for `idle_timeout` seconds before that, the writer
stops with what it has; starting workers again resumes the batch.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from archive import Archive
from crawler.distributed.frontier import Batch
from crawler.distributed.items import BadMessage, Message, decode

logger = logging.getLogger(__name__)


@dataclass
class WriterResult:
    status: str  # "ok" (batch finished) or "timeout" (no live worker for idle_timeout)
    counts: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    note: str | None = None


class BatchWriter:
    def __init__(self, batch: Batch, archive: Archive, run_id: int | None, *,
                 idle_timeout: float = 120.0, poll_seconds: float = 1.0,
                 on_message: Callable[[Message | None], None] | None = None) -> None:
        self.batch = batch
        self.client = batch.client
        self.keys = batch.keys
        self.archive = archive
        self.run_id = run_id
        self.idle_timeout = idle_timeout
        self.poll_seconds = poll_seconds
        self.on_message = on_message
        self.result = WriterResult(status="ok")

    def recover(self) -> int:
        """Put back messages a previous writer had taken but not finished."""
        moved = 0
        while self.client.lmove(self.keys.items_processing, self.keys.items, "RIGHT", "LEFT") is not None:
            moved += 1
        if moved:
            logger.warning("re-applying %s messages a previous writer left unfinished", moved)
        return moved

    def run(self) -> WriterResult:
        self.recover()
        last_alive = time.monotonic()
        while True:
            raw = self.client.blmove(self.keys.items, self.keys.items_processing, self.poll_seconds,
                                     "LEFT", "RIGHT")
            if raw is not None:
                self._handle(raw)
                self.client.lrem(self.keys.items_processing, 1, raw)
                continue
            # Nothing to write right now: is the batch over?
            if self.batch.finished() and self.client.llen(self.keys.items) == 0:
                self._wait_for_workers_to_leave()
                break
            if self.batch.live_workers():
                last_alive = time.monotonic()
            elif time.monotonic() - last_alive > self.idle_timeout:
                queued = self.batch.queued()
                self.result.status = "timeout"
                self.result.note = (f"no crawl worker alive for {self.idle_timeout:.0f}s; {queued} requests "
                                    f"left in the frontier (start workers with the same --batch to resume)")
                logger.warning("%s", self.result.note)
                break
        return self.result

    def _wait_for_workers_to_leave(self, limit: float = 15.0) -> None:
        """Workers add their final counts to the batch stats as they close; wait for them (briefly)."""
        deadline = time.monotonic() + limit
        while self.batch.live_workers() and time.monotonic() < deadline:
            time.sleep(0.2)

    def _handle(self, raw: bytes) -> None:
        try:
            message = decode(raw)
        except BadMessage as exc:
            self.client.rpush(self.keys.items_bad, raw)
            self.result.counts["bad_messages"] += 1
            self.result.errors += 1
            logger.error("unreadable message moved to %sitems:bad: %s", self.keys.prefix, exc)
            if self.on_message:
                self.on_message(None)
            return
        try:
            self.apply(message)
        except Exception as exc:  # one bad page must not stop the batch
            logger.exception("could not archive %s", message.url)
            self.result.errors += 1
            self.result.counts["write_errors"] += 1
            self.archive.record_error(message.url, f"writer: {type(exc).__name__}: {exc}", status=message.status,
                                      run_id=self.run_id)
        if self.on_message:
            self.on_message(message)

    def apply(self, message: Message) -> None:
        counts, run_id = self.result.counts, self.run_id
        counts["messages"] += 1
        if message.op == "ingest":
            assert message.fetch is not None  # checked by Message
            # Workers do not read the archive: "same bytes as last time" is decided here.
            if self.archive.is_unchanged(message.fetch.url, message.fetch.body):
                self.archive.record_unchanged(message.url, message.fetch.status, run_id)
                counts["unchanged"] += 1
                return
            result = self.archive.ingest(message.fetch, message.page, run_id=run_id, parts=message.parts)
            counts["pages"] += 1
            if message.page is not None and message.page.speeches:
                counts["articles"] += 1
            counts["new_speeches"] += result.new_speeches
            counts["new_sources"] += result.new_sources
            counts["new_versions"] += result.new_versions
            counts["unchanged_speeches"] += result.unchanged_speeches
        elif message.op == "not_modified":
            self.archive.record_not_modified(message.url, run_id)
            counts["not_modified"] += 1
        elif message.op == "unchanged":
            self.archive.record_unchanged(message.url, message.status or 200, run_id)
            counts["unchanged"] += 1
        elif message.op == "gone":
            self.archive.record_gone(message.url, message.status or 404, run_id)
            counts["gone"] += 1
        elif message.op == "error":
            self.archive.record_error(message.url, message.error or "error", status=message.status, run_id=run_id)
            counts["errors"] += 1
            self.result.errors += 1
