"""ArchivePipeline: each PageItem cleaned (when needed) and archived, every outcome counted.

One crawl = one `crawl_runs` row: started when the spider opens, finished with
all counts when it closes ("ok", "stopped" on SIGTERM/SIGINT, "timeout", or
"failed"). Each page is all or nothing (`Archive.ingest`), so a kill never
leaves half a page. Pages are group-committed: one transaction every
ARCHIVE_COMMIT_PAGES pages or ARCHIVE_COMMIT_MS milliseconds, whichever comes
first; a page is marked done in the crawl journal only after its batch
committed, so a kill -9 loses at most the open batch, which a resumed crawl
fetches again.
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy import Request, signals
from scrapy.utils.misc import load_object
from scrapy.utils.defer import maybe_deferred_to_future

from crawler.addons import required
from crawler.cleanpool import Cleaned, CleanPool
from crawler.close_reasons import FINISHED, STORAGE_FAILURE, run_status
from crawler.sink import ArchiveSink, SinkOpener, TemplateStore
from crawler.site_templates import OBSERVE_ALL_PAGES, OBSERVE_EVERY, RunTemplates
from crawler.items import PageItem
from crawler.storage_failure import is_storage_failure
from archive.model import Fetch
from archive.store import utcnow
from cleaning.errors import ContentError
from cleaning.template import site_key
from crawler.spiders.base import HANDLED_STATUSES, header_charset, response_headers

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _PageState:
    """The page being processed (one asyncio task per item): its counts, held until its writes
    commit, and the group-commit generation its last archive call ran in (None: no call yet)."""

    counts: Counter[str] = field(default_factory=Counter)
    generation: int | None = None


_PAGE: ContextVar[_PageState | None] = ContextVar("page_state", default=None)


def default_clean_workers() -> int:
    """One cleaning process per spare core (up to 4); none on a single core."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def clean_workers_setting(settings: Any) -> int:
    """ARCHIVE_CLEAN_WORKERS: a number, or "auto"/unset for one per spare core."""
    workers = settings.get("ARCHIVE_CLEAN_WORKERS")
    return default_clean_workers() if workers in (None, "", "auto") else int(workers)


def run_sites(spider: Any) -> list[str]:
    """What a crawl_runs row names as the run's site: the profile, else the hosts."""
    site = getattr(spider, "site_name", None) or ",".join(getattr(spider, "hosts", ()) or ()) if spider else ""
    return [site] if site else []


class StorageFailure(Exception):
    """The archive could not be written; the pages of the open batch are lost."""


class PartError(Exception):
    """A later part of a multi-page article could not be fetched."""


class ArchivePipeline:
    """Settings: ARCHIVE_SINK (where pages go, crawler.sink), ARCHIVE_DB_PATH (the SQLite sink's file),
    ARCHIVE_RUN_TRIGGER, ARCHIVE_MAX_PARTS, ARCHIVE_CLEAN_WORKERS, ARCHIVE_COMMIT_PAGES, ARCHIVE_COMMIT_MS
    (group commit; 1 page = one transaction per page), ARCHIVE_TEMPLATE_OBSERVE_ALL and
    ARCHIVE_TEMPLATE_OBSERVE_EVERY (which pages site templates learn from). Their defaults:
    crawler.addons.ArchiveAddon."""

    def __init__(self, open_sink: Callable[[], ArchiveSink], trigger: str, max_parts: int,
                 crawler: Crawler | None = None, clean_workers: int = 0, commit_pages: int = 1,
                 commit_ms: float = 0.0, sink_name: str = "archive",
                 observe_all: int = OBSERVE_ALL_PAGES, observe_every: int = OBSERVE_EVERY) -> None:
        self.open_sink = open_sink
        self.sink_name = sink_name
        self.commit_pages = max(1, commit_pages)
        self.commit_ms = commit_ms
        self._group = False  # a batch is kept open on the writer thread
        self._uncommitted: list[tuple[asyncio.Future[None], int]] = []
        # Bumped by every successful batch commit (on the writer thread): a page whose archive
        # calls ran in generation g is stored once the generation is past g.
        self._generation = 0
        self._flush_timer: asyncio.TimerHandle | None = None
        self.trigger = trigger
        self.max_parts = max_parts
        self.crawler = crawler
        self.cleaner = CleanPool(clean_workers)
        self.archive: ArchiveSink | None = None
        self.run_id: int | None = None
        self.counts: Counter[str] = Counter()
        self.storage_failure: str | None = None  # set when the archive cannot be written any more
        self.failed_url: str | None = None
        # Each host's template, learnt as its pages arrive (all of the first pages, then a sample).
        self.templates = RunTemplates(observe_all, observe_every)
        self._prepares = False  # the sink stores prepared writes (set when it opens)
        self._learns = False  # the sink is a TemplateStore (set when it opens)
        self._marks_due = False  # a flush of the journal's done marks is scheduled

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        settings = crawler.settings
        sink_name = required(settings, "ARCHIVE_SINK")
        opener: SinkOpener = load_object(sink_name)
        pipeline = cls(opener(crawler), required(settings, "ARCHIVE_RUN_TRIGGER"),
                       int(required(settings, "ARCHIVE_MAX_PARTS")), crawler,
                       clean_workers=clean_workers_setting(settings),
                       commit_pages=int(required(settings, "ARCHIVE_COMMIT_PAGES")),
                       commit_ms=float(required(settings, "ARCHIVE_COMMIT_MS")), sink_name=sink_name,
                       observe_all=int(required(settings, "ARCHIVE_TEMPLATE_OBSERVE_ALL")),
                       observe_every=int(required(settings, "ARCHIVE_TEMPLATE_OBSERVE_EVERY")))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    # -- life cycle -------------------------------------------------------
    def open_spider(self) -> None:
        # Every archive call runs on one writer thread (SQLite connections stay on the
        # thread that made them): the reactor fetches while a page's transaction commits.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="archive-writer")
        archive = self.archive = self._writer.submit(self.open_sink).result()
        # Writes are prepared in the cleaning workers for a sink that stores them as they are.
        self._prepares = archive.stores_prepared
        # Asked once: an isinstance of a runtime-checkable Protocol inspects every member (~5 us a page).
        self._learns = isinstance(archive, TemplateStore)
        self.cleaner.start()
        spider = self.crawler.spider if self.crawler else None
        self.run_id = self._writer.submit(archive.start_run, self.trigger, run_sites(spider)).result()
        if self.commit_pages > 1:
            self._writer.submit(archive.begin_batch).result()
            self._group = True
        logger.info("archiving through %s (crawl run %s)", self.sink_name, self.run_id)

    @property
    def sink(self) -> ArchiveSink:
        """The open sink (between open_spider and the close)."""
        if self.archive is None:
            raise RuntimeError("the archive sink is not open")
        return self.archive

    async def spider_closed(self, reason: str) -> None:
        # Finished here, not in close_spider: only the spider_closed signal carries the reason.
        if self.archive is None:
            return
        status = run_status(reason)
        from crawler.limits import limit_notes

        notes = [] if reason == FINISHED else [f"close reason: {reason}"]
        if self.crawler is not None and self.crawler.stats is not None:
            notes += limit_notes(reason, self.crawler.stats.get_stats(), self.crawler.settings)
        spider = self.crawler.spider if self.crawler else None
        if status == "ok" and self.counts["errors"] and getattr(spider, "fail_on_page_errors", False):
            status = "failed"  # a recrawl of given pages: any page that failed fails the run
            notes.append(f"{self.counts['errors']} page(s) failed")
        if self.storage_failure:
            status = "failed"
            notes.append(self.storage_failure)
        note = "; ".join(notes) or None
        # The closing writes wait on a thread, not on the reactor: another crawler of this
        # process may hold SQLite's write lock in an open batch that only the reactor's
        # commit timer releases (the demo runs four crawlers in one process).
        from twisted.internet.threads import deferToThread

        waiting: list[tuple[asyncio.Future[None], int]] = []
        commit = self._group
        if self._group:
            self._group = False
            if self._flush_timer is not None:
                self._flush_timer.cancel()
                self._flush_timer = None
            waiting, self._uncommitted = self._uncommitted, []
        error = await maybe_deferred_to_future(deferToThread(self._close_run, status, note, commit))
        self._settle(waiting, error)
        logger.info("crawl run %s %s: %s", self.run_id, status, dict(sorted(self.counts.items())))

    def _close_run(self, status: str, note: str | None, commit: bool) -> BaseException | None:
        """On a thread: commit the last batch (if grouped), close the run row and the archive; the commit's error."""
        archive = self.sink
        error: BaseException | None = None
        try:
            if commit:
                error = self._commit_on_writer()
            if self.storage_failure:
                self._writer.submit(self._close_failed_run, note).result()
            else:
                self._writer.submit(archive.finish_run, self.run_id, status=status, counts=dict(self.counts),
                                    errors=self.counts["errors"], note=note).result()
        finally:
            self._writer.submit(archive.close).result()
            self._writer.shutdown(wait=True)
            self.archive = None
            self.cleaner.close()
        return error

    def _close_failed_run(self, note: str | None, record: bool = False, hold: bool = False) -> None:
        """On the writer thread: drop the open batch, close the run as failed (and record the error).

        Runs once right after the failure, while the space the rolled-back
        batch held in the WAL is still there to reuse, and again when the
        spider closes, with the final counts. If the archive takes neither
        write, the row stays 'running' and the next run closes it as 'killed'.
        `hold` opens a new batch that is never committed: the writes of pages
        still in flight are dropped with it, as they are counted as errors.
        """
        archive = self.sink
        try:
            if archive.in_batch:
                archive.rollback_batch()
            if record:
                archive.record_error(self.failed_url, self.storage_failure, run_id=self.run_id)
            archive.finish_run(self.run_id, status="failed", counts=dict(self.counts),
                               errors=self.counts["errors"], note=note)
        except Exception as exc:  # noqa: BLE001 - the disk is still full
            logger.error("could not close crawl run %s as failed: %s: %s", self.run_id, type(exc).__name__, exc)
        if hold and self._group and not archive.in_batch:
            archive.begin_batch()

    # -- items ------------------------------------------------------------
    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        if self.storage_failure:
            self._add_counts(Counter(errors=1))  # the archive cannot be written: fetched, not stored
            return item
        # The page's counts wait for its batch to commit: a lost batch must not be reported as archived.
        page = _PageState()
        token = _PAGE.set(page)
        try:
            try:
                await self._handle(item)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the crawl
                if is_storage_failure(exc):
                    self._storage_failed(item.url, exc)
                    self._add_counts(Counter(errors=1))
                    return item
                logger.exception("archiving %s failed", item.url)
                self._count("errors")
                await self._record_error(item.url, f"{type(exc).__name__}: {exc}", item.status)
            if self._group:
                try:
                    await self._committed()
                except Exception as exc:  # noqa: BLE001 - the batch is lost; not marked done, so a resume refetches it
                    if isinstance(exc, StorageFailure):
                        pass  # said once, by _storage_failed
                    elif is_storage_failure(exc):
                        self._storage_failed(item.url, exc)
                    else:
                        logger.exception("committing the batch holding %s failed", item.url)
                    self._add_counts(Counter(errors=1))
                    return item
        finally:
            _PAGE.reset(token)
        self._add_counts(page.counts)
        spider = self.crawler.spider if self.crawler else None
        frontier = getattr(spider, "frontier", None)
        if frontier is not None:
            # After the archive committed: a crash before the mark is written refetches, never loses.
            if hasattr(frontier, "done_later"):
                self._mark_done_later(frontier, item.url)
            else:
                self._mark_done(partial(frontier.done, item.url), item.url)
        return item

    def _mark_done_later(self, frontier: Any, url: str) -> None:
        """The pages a batch commit settles resume in one loop turn: their journal marks are written
        together in the next one (one SQLite transaction on the reactor thread instead of ~50)."""
        frontier.done_later(url)
        if not self._marks_due:
            self._marks_due = True
            asyncio.get_running_loop().call_soon(self._flush_marks, frontier, url)

    def _flush_marks(self, frontier: Any, url: str) -> None:
        """A loop callback: nobody above it to raise to, so an unexpected error is logged here."""
        self._marks_due = False
        try:
            self._mark_done(frontier.flush_done, url)
        except Exception:  # noqa: BLE001 - the marks are lost: a resumed crawl refetches those pages
            logger.exception("could not mark archived pages done in the job journal (%s and those after it)", url)

    def _mark_done(self, mark: Callable[[], None], url: str) -> None:
        """mark(); a journal that cannot be written (its disk is the archive's) stops the crawl like the archive."""
        try:
            mark()
        except Exception as exc:  # noqa: BLE001 - the job dir shares the archive's full disk
            if not is_storage_failure(exc):
                raise
            self._storage_failed(url, exc)

    # -- group commit -------------------------------------------------------
    def _committed(self) -> asyncio.Future[None]:
        """A future resolved when the batch holding this page's writes has committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        page = _PAGE.get()
        generation = page.generation if page is not None else None
        if generation is None or generation < self._generation:
            future.set_result(None)  # nothing written, or a commit already took it
            return future
        self._uncommitted.append((future, generation))
        if len(self._uncommitted) >= self.commit_pages:
            self._flush()
        elif self._flush_timer is None:
            self._flush_timer = loop.call_later(self.commit_ms / 1000, self._flush)
        return future

    def _flush(self) -> None:
        """Commit on the writer thread (after every write already queued there), open the next batch."""
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        waiting, self._uncommitted = self._uncommitted, []
        if not waiting:
            return
        loop = asyncio.get_running_loop()
        done = asyncio.wrap_future(self._writer.submit(self._commit_and_reopen), loop=loop)

        done.add_done_callback(lambda task: self._settle(waiting, task.exception()))

    def _settle(self, waiting: list[tuple[asyncio.Future[None], int]], error: BaseException | None) -> None:
        """Resolve each page by what was committed: a commit may have taken pages queued after it was asked for."""
        for future, generation in waiting:
            if future.done():
                continue
            if generation < self._generation:
                future.set_result(None)
            else:
                future.set_exception(error or StorageFailure("the batch was not committed"))

    def _commit_batch(self) -> None:
        """Commit the open batch; after a storage failure its writes were rolled back, so its pages are lost."""
        if self.storage_failure:
            raise StorageFailure(self.storage_failure)
        self.sink.commit_batch()
        self._generation += 1

    def _commit_and_reopen(self) -> None:
        try:
            self._commit_batch()
        finally:
            if not self.sink.in_batch:
                self.sink.begin_batch()

    def _commit_now(self) -> None:
        """Commit synchronously (spider closing): resolves every waiting page."""
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        waiting, self._uncommitted = self._uncommitted, []
        self._settle(waiting, self._commit_on_writer())

    def _commit_on_writer(self) -> BaseException | None:
        """Commit the open batch on the writer thread and wait; the error, if it failed."""
        try:
            self._writer.submit(self._commit_batch).result()
        except StorageFailure as exc:
            return exc
        except Exception as exc:  # noqa: BLE001
            logger.exception("committing the last batch failed")
            return exc
        return None

    def _count(self, key: str, n: int = 1) -> None:
        if not n:
            return
        page = _PAGE.get()
        if page is not None and self._group:
            page.counts[key] += n  # applied by process_item once the page's batch committed
        else:
            self._add_counts(Counter({key: n}))

    def _add_counts(self, counts: Counter[str]) -> None:
        stats = self.crawler.stats if self.crawler else None
        for key, n in counts.items():
            self.counts[key] += n
            if stats:
                stats.inc_value(f"archive/{key}", n)

    def _storage_failed(self, url: str, exc: BaseException) -> None:
        """The archive cannot be written (disk full, read-only, I/O error): stop the crawl, fail the run."""
        if self.storage_failure:
            return
        self.storage_failure = f"archive write failed: {type(exc).__name__}: {exc}"
        self.failed_url = url
        logger.error("%s (at %s); stopping the crawl", self.storage_failure, url)
        self._writer.submit(self._close_failed_run, f"{self.storage_failure}; stopping the crawl", record=True,
                            hold=True)
        if self.crawler is not None and self.crawler.engine is not None:
            self._closing = asyncio.get_running_loop().create_task(
                self.crawler.engine.close_spider_async(reason=STORAGE_FAILURE))

    async def _db(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """method(...) (a sink's) on the writer thread; notes the commit generation it ran in for the page."""
        loop = asyncio.get_running_loop()
        call = partial(method, *args, **kwargs)
        result, generation = await loop.run_in_executor(self._writer, lambda: (call(), self._generation))
        page = _PAGE.get()
        if page is not None:
            page.generation = generation
        return result

    async def _record_error(self, url: str, message: str, status: int | None) -> None:
        try:
            await self._db(self.sink.record_error, url, message, status, self.run_id)
        except Exception:  # noqa: BLE001
            logger.exception("could not record the error of %s", url)

    async def _handle(self, item: PageItem) -> None:
        db, sink = self._db, self.sink
        outcome = item.outcome
        if outcome == "robots":
            self._count("robots_forbidden")
            return
        if outcome == "revisit_later":
            self._count("revisit_later")
            return
        if outcome == "error":
            self._count("errors")
            logger.warning("error on %s: %s", item.url, item.error)
            await self._record_error(item.url, item.error or "error", item.status)
            return
        self._count("fetched")
        if outcome == "not_modified":
            self._count("not_modified")
            await db(sink.record_not_modified, item.url, self.run_id)
            return
        if outcome == "gone":
            self._count("gone")
            await db(sink.record_gone, item.url, item.status, self.run_id)
            return
        wants_links = item.links is not None
        fetch = self._fetch(item.url, item.status, item.headers, item.body, item.fetched_at)
        if await db(sink.is_unchanged, item.url, item.body):
            self._count("unchanged_pages")
            if wants_links:
                await self._read(item, fetch, observe=False, prepare=False)
            await db(sink.record_unchanged, item.url, item.status, self.run_id)
            return
        host = site_key(item.url)
        template = await self._template(host)
        if item.kind == "list":
            self._count("list_page")
            read = await self._read(item, fetch, observe=self._observes(host, template),
                                    prepare=self._prepare_in_worker)
            if read.observation is not None:
                self.templates.observe(host, read.observation)
            await self._ingest(fetch, None, prepared=read.prepared)
            return

        try:
            cleaned = await self.cleaner.clean_read(fetch, item.http_charset, item.cleaner_profile, template or None,
                                                    observe=self._observes(host, template), links=wants_links,
                                                    prepare=self._prepare_in_worker and not item.is_part)
            self._give_links(item, cleaned.links)
            page = cleaned.page
            if cleaned.observation is not None:
                self.templates.observe(host, cleaned.observation)
        except ContentError as exc:
            self._count("errors")
            self._count("not_a_page")
            logger.warning("not a web page: %s: %s", item.url, exc)
            await self._record_error(item.url, f"not a web page: {exc}", item.status)
            return
        if not page.speeches:
            self._count("no_speech_page")
            logger.debug("no speech on %s: %s", item.url, page.no_speech_reason)
            await self._ingest(fetch, None, prepared=cleaned.prepared)
            return
        if item.is_part:
            # Part 2+ reached by a link: archived whole with its first part, never alone.
            self._count("part_skipped")
            return
        parts: list[Any] = []
        if page.next_page_url:
            try:
                page, parts = await self._stitch(page, item, template or None)
            except PartError as exc:
                # Nothing stored: the next run retries the whole article instead of keeping half.
                self._count("errors")
                logger.warning("multi-page article %s incomplete: %s", item.url, exc)
                await self._record_error(item.url, f"incomplete multi-page article: {exc}", item.status)
                return
        result = await self._ingest(fetch, page, parts, None if parts else cleaned.prepared)
        if template is not False:
            self.templates.stored_page(host, result.page_id, template, item.cleaner_profile)
        self._count("article_page")
        self._count("speeches_seen", len(page.speeches))
        self._count("new_speeches", result.new_speeches)
        self._count("new_sources", result.new_sources)
        self._count("new_versions", result.new_versions)
        self._count("unchanged_speeches", result.unchanged_speeches)

    def _observes(self, host: str, template: Any) -> bool:
        """Whether this page is observed for the host's template (False: templates are off)."""
        return template is not False and self.templates.wants_observation(host)

    async def _read(self, item: PageItem, fetch: Any, observe: bool, prepare: bool) -> Cleaned:
        """A page not cleaned: its links to the spider (if it awaits them); its Observation and its
        prepared capture if asked for (nothing of what cannot be read)."""
        if not (observe or prepare or item.links is not None):
            return Cleaned()
        try:
            read = await self.cleaner.read(fetch, item.http_charset, observe=observe, links=item.links is not None,
                                           prepare=prepare)
        except ContentError:
            return Cleaned()  # stored as it is; nothing to learn from it, no links (the spider looks once more)
        self._give_links(item, read.links)
        return read

    async def _ingest(self, fetch: Any, page: Any, parts: Sequence[Any] = (), prepared: Any = None) -> Any:
        """sink.ingest on the writer thread; `prepared` (archive.prepare, computed in a cleaning worker)
        leaves it only SQL to do."""
        extra = {"prepared": prepared} if prepared is not None else {}
        return await self._db(self.sink.ingest, fetch, page, self.run_id, parts, **extra)

    @property
    def _prepare_in_worker(self) -> bool:
        """Ask the cleaning worker for the page's prepared write (archive.prepare) while the workers keep up;
        else the writer prepares it (the load balances between them, CleanPool.has_spare_time)."""
        return self._prepares and self.cleaner.has_spare_time

    @staticmethod
    def _give_links(item: PageItem, links: list[str]) -> None:
        """Hand the spider the page's links as soon as they are read, not once the page is stored."""
        if item.links is not None and not item.links.done():
            item.links.set_result(links)

    async def _stitch(self, first: Any, item: PageItem, template: Any = None) -> tuple[Any, list[Any]]:
        from cleaning import ContentError, stitch

        pages, fetches, seen = [first], [], {item.url}
        next_url = first.next_page_url
        while next_url:
            if next_url in seen:
                break  # a "下一页" that points back: the article is complete
            if len(pages) >= self.max_parts:
                raise PartError(f"more than {self.max_parts} parts")
            seen.add(next_url)
            response = await self._download(next_url)
            if response.status != 200:
                raise PartError(f"part {len(pages) + 1} {next_url}: HTTP {response.status}")
            try:
                part = await self.cleaner.clean(response.body, response.url, header_charset(response),
                                                item.cleaner_profile, template)
            except ContentError as exc:
                raise PartError(f"part {len(pages) + 1} {next_url}: {exc}") from None
            if not part.speeches:
                # stitch() would drop it silently; say so, the article is then stored without it.
                self._count("part_without_speech")
                logger.warning("part %d of %s has no speech text (%s)", len(pages) + 1, item.url, part.no_speech_reason)
            pages.append(part)
            fetches.append(self._fetch(response.url, response.status, response_headers(response), response.body,
                                       utcnow()))
            self._count("part_fetched")
            next_url = part.next_page_url
        return stitch(pages), fetches

    # -- site templates (cleaning.template, crawler.site_templates) ---------------
    def _learning(self) -> bool:
        """Templates are learnt where the archive itself is at hand (not through a distributed outbox)."""
        return self.archive is not None and self._learns

    @property
    def _templates_store(self) -> TemplateStore:
        archive = self.sink
        assert isinstance(archive, TemplateStore), "templates are learnt only where _learning()"
        return archive

    async def _template(self, host: str) -> Any:
        """The template to clean the host's next page with: None while nothing is known, False when not learning."""
        if not self._learning() or not host:
            return False
        if not self.templates.known(host):
            stored = await self._db(self._templates_store.load_template, host)
            self.templates.start(host, stored)
        return self.templates.effective(host)

    async def close_spider(self) -> None:
        """Every item is processed; the last batch is still open (spider_closed commits it)."""
        if self.archive is not None and self._learning() and not self.storage_failure:
            await self._finish_templates()

    async def _finish_templates(self) -> None:
        """Clean again the pages stored with an earlier template than the final one (in place,
        no versions), then keep what was learnt.

        Cleaning is awaited in the pool; the writes are one call on the writer thread that
        commits at once: the write lock is never held across reactor turns, so a crawler of
        the same process closing meanwhile (which blocks the reactor on its own writes)
        cannot wait on us.
        """
        from cleaning import ContentError, stitch
        from cleaning.decode import charset_from_content_type

        async def clean(fetch: Any, profile: str | None, template: Any) -> Any:
            return await self.cleaner.clean(fetch.body, fetch.url, charset_from_content_type(fetch.header("Content-Type")),
                                            profile, template)

        refits = []
        for host, template, pages in self.templates.stale():
            for stored in pages:
                try:
                    fetches = await self._db(self._templates_store.page_fetches, stored.page_id)  # a read: no lock
                    if fetches is None:
                        continue
                    main, parts = fetches
                    page = await clean(main, stored.profile, template)
                    if parts:
                        page = stitch([page] + [await clean(part, stored.profile, template) for part in parts])
                except (ContentError, ValueError, LookupError) as exc:
                    logger.warning("re-cleaning page %s with %s's template failed: %s", stored.page_id, host, exc)
                    continue
                if page.speeches:  # else what the run stored stays; a reclean decides
                    refits.append((stored.page_id, page))
        learnt = self.templates.to_store()

        def write() -> list[Counter[str]]:
            store = self._templates_store
            results = [store.refit_page(page_id, self.run_id, page) for page_id, page in refits]
            for host, template in learnt:
                store.save_template(host, template)
            if self.sink.in_batch:
                self._commit_and_reopen()
            return results

        loop = asyncio.get_running_loop()
        for result in await asyncio.wrap_future(self._writer.submit(write), loop=loop):
            self._count("template_refit_pages")
            self._count("template_replaced", result["replaced"])
            self._count("template_versions_undone", result["undone"])
            self._count("new_versions", -result["undone"])
            self._count("unchanged_speeches", result["undone"])
        self._count("templates_learnt", len(learnt))
        logger.info("site templates learnt this run, pages observed of pages offered: %s",
                    {h: f"{e.run.pages} of {e.offered}" for h, e in self.templates.hosts.items()})

    async def _download(self, url: str) -> Any:
        assert self.crawler is not None and self.crawler.engine is not None
        # Through the downloader middlewares (robots, retries, delay), without conditional headers:
        # the pipeline needs the part's body.
        request = Request(url, dont_filter=True,
                          meta={"kind": "part", "dont_condition": True, "handle_httpstatus_list": HANDLED_STATUSES})
        try:
            return await self.crawler.engine.download_async(request)
        except Exception as exc:  # noqa: BLE001
            raise PartError(f"{url}: {type(exc).__name__}: {exc}") from None

    @staticmethod
    def _fetch(url: str, status: int | None, headers: dict[str, str], body: bytes, fetched_at: str | None) -> Any:
        return Fetch(url=url, status=status or 200, headers=headers, body=body, fetched_at=fetched_at)
