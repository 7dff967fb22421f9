"""Why a crawl closed (Scrapy's close reasons and the project's two) and what each means.

The one list: the pipeline turns a reason into the crawl_runs status, the CLI
judges a run by it, the spider's journal ends or pauses its job by it.
"""
from __future__ import annotations

FINISHED = "finished"  # Scrapy: nothing left to fetch
SHUTDOWN = "shutdown"  # Scrapy: SIGTERM/SIGINT, stopped at a page boundary
TIMEOUT = "closespider_timeout"  # CLOSESPIDER_TIMEOUT
PAGE_BUDGET = "closespider_pagecount"  # CLOSESPIDER_PAGECOUNT (the profile's max_pages)
ITEM_BUDGET = "closespider_itemcount"  # CLOSESPIDER_ITEMCOUNT
STORAGE_FAILURE = "archive_write_failed"  # the archive cannot be written (crawler.pipelines)
JOURNAL_FAILURE = "journal_write_failed"  # the job dir cannot be written (crawler.spiders.base)

FAILED_STATUS = "failed"
# Close reason -> crawl_runs.status; every other reason fails the run.
RUN_STATUS = {FINISHED: "ok", SHUTDOWN: "stopped", TIMEOUT: "timeout", PAGE_BUDGET: "ok", ITEM_BUDGET: "ok"}


def run_status(reason: str) -> str:
    """The crawl_runs status a close reason gives."""
    return RUN_STATUS.get(reason, FAILED_STATUS)


def ends_job(reason: str) -> bool:
    """A finished or budget-limited crawl ends its job; a signal or a timeout pauses it
    (Scrapy also closes with "closespider_pagecount_no_item": a budget too)."""
    return reason == FINISHED or reason.startswith((PAGE_BUDGET, ITEM_BUDGET))
