"""What a spider hands to the pipeline: one item per request, whatever happened."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

# kind: how the spider sees the URL.
#   "list"    a list/category page: archived without cleaning, links followed
#   "article" an article page by the profile, or a known article of the archive
#   "page"    unknown (no profile): the cleaner's verdict decides
# outcome: what the download gave.
#   "fetched"       a body to (maybe) clean and archive
#   "not_modified"  304 to a conditional GET
#   "gone"          404/410
#   "error"         anything else that failed (5xx after retries, redirect loop, too big, network)
#   "robots"        forbidden by robots.txt (not an error, nothing stored)
#   "revisit_later" an unchanged known article not due yet (not fetched)
KINDS = ("list", "article", "page")
OUTCOMES = ("fetched", "not_modified", "gone", "error", "robots", "revisit_later")


@dataclass
class PageItem:
    url: str
    kind: str
    outcome: str
    site: str | None = None  # profile name, None for --start-url crawls
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    fetched_at: str | None = None
    http_charset: str | None = None
    cleaner_profile: str | None = None
    error: str | None = None
    is_part: bool = False  # the URL looks like part 2+ of a multi-page article
    # The spider awaits the page's same-host links here: the pipeline reads them off the cleaner's parse
    # (None: the spider follows nothing from this page).
    links: asyncio.Future[list[str]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown item kind {self.kind!r}")
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown item outcome {self.outcome!r}")
