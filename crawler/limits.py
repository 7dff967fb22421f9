"""What a crawl's safety limits did, in words: for the summary line and the crawl_runs note.

The limits themselves are Scrapy settings (CLOSESPIDER_PAGECOUNT for the page
budget, DEPTH_LIMIT for the depth), set from the site profile or the command
line (crawler/spiders/base.py `apply_limits`); Scrapy's CloseSpider and
DepthMiddleware enforce them and leave their traces in the close reason and
the stats, read here.
"""
from __future__ import annotations

from typing import Any

from crawler.close_reasons import PAGE_BUDGET

DEPTH_IGNORED_STAT = "depth/request_ignored_count"


def limit_notes(reason: str, stats: dict[str, Any], settings: Any) -> list[str]:
    """One phrase per limit that was hit in this run, e.g. 'page budget of 500 reached'."""
    notes = []
    if reason == PAGE_BUDGET:
        notes.append(f"page budget of {settings.getint('CLOSESPIDER_PAGECOUNT')} pages reached")
    skipped = int(stats.get(DEPTH_IGNORED_STAT) or 0)
    if skipped:
        notes.append(f"depth limit {settings.getint('DEPTH_LIMIT')} reached: {skipped} links not followed")
    return notes
