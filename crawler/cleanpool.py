"""Cleaning in worker processes, so the reactor keeps fetching and archiving meanwhile.

`clean_page` is CPU-bound Python; run inline it stalls downloads and the
archive for its whole duration. With ARCHIVE_CLEAN_WORKERS > 0 the pipeline
sends page bytes to a small process pool (spawned, so no reactor state is
forked) and awaits the Page. Workers ignore SIGINT/SIGTERM: a graceful stop is
the parent's business, and it waits for pages already being cleaned; they exit
by themselves when the parent dies (kill -9). If the pool breaks, cleaning
falls back to inline and the crawl goes on.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

logger = logging.getLogger(__name__)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # A crawl killed with kill -9 cannot shut its pool down: leave with it.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="parent-watch", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _clean(body: bytes, url: str | None, http_charset: str | None, profile: str | None,
           template: Any = None) -> Any:
    from cleaning import clean_page

    return clean_page(body, url=url, http_charset=http_charset, profile=profile, template=template)


def _clean_observe(body: bytes, url: str | None, http_charset: str | None, profile: str | None,
                   template: Any = None) -> tuple[Any, Any]:
    """The Page, and what the site-template learner needs from the page (cleaning.template), from one parse."""
    from cleaning import clean_page

    observed: list[Any] = []
    page = clean_page(body, url=url, http_charset=http_charset, profile=profile, template=template, observed=observed)
    return page, observed[0]


def _observe(body: bytes, http_charset: str | None) -> Any:
    from cleaning.template import observe

    return observe(body, http_charset)


class CleanPool:
    """`await pool.clean(...)`: in a worker process when there are workers, else inline."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.workers and self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker)

    async def clean(self, body: bytes, url: str | None = None, http_charset: str | None = None,
                    profile: str | None = None, template: Any = None) -> Any:
        return await self._run(_clean, body, url, http_charset, profile, template)

    async def clean_observe(self, body: bytes, url: str | None = None, http_charset: str | None = None,
                            profile: str | None = None, template: Any = None) -> tuple[Any, Any]:
        """(Page, cleaning.template.Observation) in one trip to a worker."""
        return await self._run(_clean_observe, body, url, http_charset, profile, template)

    async def observe(self, body: bytes, http_charset: str | None = None) -> Any:
        return await self._run(_observe, body, http_charset)

    async def _run(self, function: Any, *args: Any) -> Any:
        if self._pool is not None:
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(self._pool, function, *args)
            except BrokenProcessPool:
                logger.warning("cleaning workers died; cleaning inline from now on")
                self._pool = None
        return function(*args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
