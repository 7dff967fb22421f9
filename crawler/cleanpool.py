"""Cleaning in worker processes, so the reactor keeps fetching and archiving meanwhile.

`clean_page` is CPU-bound Python; run inline it stalls downloads and the
archive for its whole duration. With ARCHIVE_CLEAN_WORKERS > 0 the pipeline
sends page bytes to a small process pool (spawned, so no reactor state is
forked) and awaits the Page, with what the same parse tells the crawl: the
page's same-host links (crawler.links) and the site-template observation
(pages the pipeline does not clean are only read for those). Workers ignore SIGINT/SIGTERM: a graceful stop is
the parent's business, and it waits for pages already being cleaned; they exit
by themselves when the parent dies (kill -9). If the pool breaks, cleaning
falls back to inline and the crawl goes on.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.links import base_url, same_host_links

logger = logging.getLogger(__name__)

# Calls per worker that may wait in the pool's queue before the workers count as behind (has_spare_time).
QUEUED_PER_WORKER = 2


@dataclass
class Cleaned:
    """What one trip to a worker brings back about a fetched page."""

    page: Any = None  # cleaning.model.Page; None when the page was only read
    observation: Any = None  # cleaning.template.Observation, when asked for
    links: list[str] = field(default_factory=list)  # same-host links to follow (crawler.links), when asked for
    # archive.prepare.Prepared of (fetch, page) - page None when it has no speech -, when asked for;
    # None for a multi-page article (prepared once stitched).
    prepared: Any = None


@dataclass(frozen=True)
class ShippedTemplate:
    """A site template on its way to the workers: pickled once into a file of the pool's
    directory, read and unpickled once per worker; each call carries only this.

    A learnt template is tens to hundreds of KB (an edge slot keeps a line per page:
    520 KB on the crawl benchmark's site) whose unpickling costs more than a
    millisecond, and sending its bytes with every page cost both processes about
    as much again. It changes only while a host's first pages are learnt, so each
    worker keeps the last ones it unpickled, by key.
    """

    key: int  # unique in the crawl: one per template object sent
    path: str  # the pickle, removed once no call needs it


# In each worker: the templates unpickled last, by ShippedTemplate.key.
_UNSHIPPED: dict[int, Any] = {}
# Templates kept per worker (and pickled ones in the crawl): one per host being learnt at the same time.
KEPT_TEMPLATES = 8


def _unshipped(template: Any) -> Any:
    if not isinstance(template, ShippedTemplate):
        return template  # None, or a template cleaned with inline
    found = _UNSHIPPED.get(template.key)
    if found is None:
        if len(_UNSHIPPED) >= KEPT_TEMPLATES:
            del _UNSHIPPED[next(iter(_UNSHIPPED))]  # the oldest
        found = _UNSHIPPED[template.key] = pickle.loads(Path(template.path).read_bytes())
    return found


def _init_worker(files: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # A crawl killed with kill -9 cannot shut its pool down: leave with it.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(), files), name="parent-watch", daemon=True).start()


def _exit_with_parent(parent: int, files: str) -> None:
    """Exit once the crawl is gone, removing the shipped templates' directory it could not."""
    while os.getppid() == parent:
        time.sleep(1.0)
    shutil.rmtree(files, ignore_errors=True)
    os._exit(0)


def _load_cleaner() -> None:
    import cleaning.pipeline  # noqa: F401 - imported for its load time
    import cleaning.template  # noqa: F401


def _clean(body: bytes, url: str | None, http_charset: str | None, profile: str | None,
           template: Any = None) -> Any:
    from cleaning import clean_page

    return clean_page(body, url=url, http_charset=http_charset, profile=profile, template=_unshipped(template))


def _clean_read(fetch: Any, http_charset: str | None, profile: str | None, template: Any,
                observe: bool, links: bool, prepare: bool) -> Cleaned:
    """The Page, and from the same parse what the template learner needs and the links to follow;
    then (if asked) what the archive's write of it needs computed, so the writer does only SQL."""
    from cleaning import clean_page

    body, url = fetch.body, fetch.url
    observed: list[Any] = []
    page = clean_page(body, url=url, http_charset=http_charset, profile=profile, template=_unshipped(template),
                      observed=observed if observe else None)
    found = same_host_links(url, page.links, base_url(body, url, page.encoding)) if links else []
    # The crawl reads the page's links as `found` only: every href as written would be pickled back for nothing.
    page.links = []
    prepared = None
    if prepare and not page.next_page_url:  # a multi-page article is prepared by the writer, once stitched
        prepared = _prepare(fetch, page if page.speeches else None)
    return Cleaned(page, observed[0] if observe else None, found, prepared)


def _read(fetch: Any, http_charset: str | None, observe: bool, links: bool, prepare: bool) -> Cleaned:
    """A page that is not cleaned (a list page, unchanged bytes): its observation and links, from one parse;
    (if asked) its capture prepared for the archive."""
    from lxml import etree

    from cleaning.html import NON_CONTENT_TAGS, read_page
    from cleaning.metadata import read_head
    from cleaning.pipeline import HREFS
    from cleaning.template import observe_tree

    prepared = _prepare(fetch, None) if prepare else None
    if not (observe or links):
        return Cleaned(prepared=prepared)
    body, url = fetch.body, fetch.url
    decoded, root = read_page(bytes(body), http_charset)
    found = same_host_links(url, HREFS(root), base_url(body, url, decoded.encoding)) if links else []
    observation = None
    if observe:
        title_tag = read_head(root, None).title_tag
        etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
        observation = observe_tree(root, title_tag)
    return Cleaned(None, observation, found, prepared)


def _prepare(fetch: Any, page: Any) -> Any:
    from archive.prepare import prepare

    return prepare(fetch, page)


class CleanPool:
    """`await pool.clean(...)`: in a worker process when there are workers, else inline."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None
        self.in_flight = 0  # calls sent to the workers and not yet answered
        self._shipping: dict[int, tuple[Any, ShippedTemplate]] = {}  # id(template) -> (template, shipped)
        self._keys = itertools.count()
        self._files: Path | None = None  # where shipped templates are pickled (made by start)
        self._calls_using: Counter[int] = Counter()  # shipped template key -> calls in flight with it
        self._retired: set[int] = set()  # keys no longer shipped whose files calls still read

    def _shipped(self, template: Any) -> Any:
        """What to send a worker for `template`: pickled once (ShippedTemplate); itself when cleaning inline."""
        if template is None or self._pool is None or self._files is None:
            return template
        found = self._shipping.get(id(template))
        if found is None or found[0] is not template:
            if len(self._shipping) >= KEPT_TEMPLATES:
                self._retire(self._shipping.pop(next(iter(self._shipping)))[1])
            key = next(self._keys)
            path = self._files / f"{key}.pickle"
            path.write_bytes(pickle.dumps(template))
            found = self._shipping[id(template)] = (template, ShippedTemplate(key, str(path)))
        return found[1]

    def _retire(self, shipped: ShippedTemplate) -> None:
        """`shipped` is sent no more: its file goes once no call in flight reads it."""
        if self._calls_using[shipped.key]:
            self._retired.add(shipped.key)
        else:
            Path(shipped.path).unlink(missing_ok=True)

    async def _run_shipping(self, shipped: Any, function: Any, *args: Any) -> Any:
        """`_run`, keeping a shipped template's file while the call may read it."""
        if not isinstance(shipped, ShippedTemplate):
            return await self._run(function, *args)
        self._calls_using[shipped.key] += 1
        try:
            return await self._run(function, *args)
        finally:
            self._calls_using[shipped.key] -= 1
            if not self._calls_using[shipped.key]:
                del self._calls_using[shipped.key]
                if shipped.key in self._retired:
                    self._retired.discard(shipped.key)
                    Path(shipped.path).unlink(missing_ok=True)

    @property
    def has_spare_time(self) -> bool:
        """The workers keep up with the pages sent (few wait): work given to them now costs the crawl no time.

        What the pipeline may move off its own process (archive.prepare); when the
        workers fall behind, the pipeline's writer does it instead, so the load
        balances between the two whatever the number of cores.
        """
        return self._pool is not None and self.in_flight < self.workers * QUEUED_PER_WORKER

    def start(self) -> None:
        if self.workers and self._pool is None:
            self._files = Path(tempfile.mkdtemp(prefix="speech-archive-templates-"))
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(str(self._files),))
            # The workers start and load the cleaner now, while the crawl fetches robots.txt and its
            # first pages: the first page's links (which the crawl waits for) are read without that delay.
            for _ in range(self.workers):
                self._pool.submit(_load_cleaner)

    async def clean(self, body: bytes, url: str | None = None, http_charset: str | None = None,
                    profile: str | None = None, template: Any = None) -> Any:
        shipped = self._shipped(template)
        return await self._run_shipping(shipped, _clean, body, url, http_charset, profile, shipped)

    async def clean_read(self, fetch: Any, http_charset: str | None = None, profile: str | None = None,
                         template: Any = None, observe: bool = False, links: bool = False,
                         prepare: bool = False) -> Cleaned:
        """fetch (archive.Fetch) cleaned, with (if asked) the template learner's Observation, the links to
        follow and the archive's prepared write, in one trip."""
        shipped = self._shipped(template)
        return await self._run_shipping(shipped, _clean_read, fetch, http_charset, profile, shipped, observe, links,
                                        prepare)

    async def read(self, fetch: Any, http_charset: str | None = None, observe: bool = False,
                   links: bool = False, prepare: bool = False) -> Cleaned:
        """A page not to clean: (if asked) its Observation, its links and its prepared capture, in one trip."""
        return await self._run(_read, fetch, http_charset, observe, links, prepare)

    async def _run(self, function: Any, *args: Any) -> Any:
        if self._pool is not None:
            loop = asyncio.get_running_loop()
            self.in_flight += 1
            try:
                return await loop.run_in_executor(self._pool, function, *args)
            except BrokenProcessPool:
                logger.warning("cleaning workers died; cleaning inline from now on")
                self._pool = None
            finally:
                self.in_flight -= 1
        return function(*args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._files is not None:
            shutil.rmtree(self._files, ignore_errors=True)
            self._files = None
            self._shipping.clear()
