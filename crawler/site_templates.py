"""Site templates during a crawl: learnt as pages arrive, no Scrapy, no SQLite.

Per host, the template a page is cleaned with is what the archive had stored
(learnt by earlier runs), joined with what this run has learnt from its own
pages once it saw TEMPLATE_MIN_PAGES of them. Each stored page remembers the
signature of the template it was cleaned with; at the end of the run the pages
cleaned with another template than the final one are cleaned again and their
text replaced in place (`Archive.refit_page`: no versions). So a new site's first
pages, cleaned before anything was known, are not left with its template lines,
and a night of reworded promos creates no versions.

After RUN_SETTLE_PAGES pages of a host the template stops changing for the rest
of the run: it bounds the pages cleaned twice. The run's counts are what is
stored, replacing the stored template when the run saw at least STORE_MIN_SHARE
as many of the host's pages.

Those counts come from the first OBSERVE_ALL_PAGES pages of a host in a run and
then from one page in OBSERVE_EVERY (`wants_observation`; the crawl's settings
ARCHIVE_TEMPLATE_OBSERVE_ALL and ARCHIVE_TEMPLATE_OBSERVE_EVERY; 0 or 1 observes every
page). Observing is about a quarter of a cleaning worker's time per page, and a
thousand pages teach a template well (`archive.site_templates.learn` reads 200; on the
crawl benchmark's 5,100 pages, the 2,025 observed taught the same lines, site name and
edge places as all of them). The shares the template is cut at are shares of the pages
observed: a long run's later pages weigh less than its first ones.

Memory stays flat with the run's length: a host's edge lines (the same few
wordings on every page) are kept once each, a page stored with the settled
template is not remembered (it is never stale), and edge slots weigh each
distinct line once (`cleaning.template.EdgeSlot`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from cleaning.template import TEMPLATE_MIN_PAGES, Observation, SiteTemplate

# A run's template replaces the stored one when it saw at least this share of the stored one's
# pages (a recrawl of two URLs does not replace what hundreds of pages taught).
STORE_MIN_SHARE = 0.5
# After this many pages of a host in one run, its template stays as it is until the run ends.
RUN_SETTLE_PAGES = 50
# A host's first this many pages in one run are observed for its template, then one in OBSERVE_EVERY
# (the defaults of the crawl's ARCHIVE_TEMPLATE_OBSERVE_ALL and ARCHIVE_TEMPLATE_OBSERVE_EVERY).
OBSERVE_ALL_PAGES = 1000
OBSERVE_EVERY = 4


@dataclass
class StoredPage:
    page_id: int
    signature: str | None  # of the template the page was cleaned with (None: none)
    profile: str | None  # the cleaner profile it was cleaned with


@dataclass
class HostTemplates:
    stored: SiteTemplate | None
    run: SiteTemplate
    pages: list[StoredPage] = field(default_factory=list)
    _effective: SiteTemplate | None = None
    _settled: bool = False
    # Pages of the host this run offered to the learner (observed or passed over by the sampling).
    offered: int = 0
    # Each edge line once: the run template holds one reference per page, not one string.
    _lines: dict[str, str] = field(default_factory=dict)

    def effective(self) -> SiteTemplate | None:
        """The compact template to clean the next page with (None: nothing known yet)."""
        return self._effective

    def __post_init__(self) -> None:
        self._effective = self._compute()

    def _compute(self) -> SiteTemplate | None:
        stored = self.stored.compact() if self.stored is not None and self.stored.ready else None
        if self.run.pages < TEMPLATE_MIN_PAGES:
            return stored
        run = self.run.compact()
        return run if stored is None else stored.merged(run)

    def wants_observation(self, observe_all: int, observe_every: int) -> bool:
        """Whether to observe the host's next page (each call counts one page offered), the run's
        first `observe_all` pages and then one in `observe_every`."""
        self.offered += 1
        return self.offered <= observe_all or self.offered % max(1, observe_every) == 0

    def add(self, observation: Observation) -> None:
        self.run.add(observation, self._lines)  # counted for what is stored even once settled
        if not self._settled:
            self._effective = self._compute()
            self._settled = self.run.pages >= RUN_SETTLE_PAGES

    def stored_page(self, page_id: int, template: SiteTemplate | None, profile: str | None) -> None:
        if self._settled and template is not None and template is self._effective:
            return  # cleaned with the template the run ends with: never stale
        self.pages.append(StoredPage(page_id, template.signature() if template else None, profile))


class RunTemplates:
    """Every host's templates in one crawl run."""

    def __init__(self, observe_all: int = OBSERVE_ALL_PAGES, observe_every: int = OBSERVE_EVERY) -> None:
        self.hosts: dict[str, HostTemplates] = {}
        self.observe_all = observe_all
        self.observe_every = observe_every

    def known(self, host: str) -> bool:
        return host in self.hosts

    def start(self, host: str, stored: SiteTemplate | None) -> None:
        if host not in self.hosts:
            self.hosts[host] = HostTemplates(stored, SiteTemplate(host=host))

    def effective(self, host: str) -> SiteTemplate | None:
        entry = self.hosts.get(host)
        return entry.effective() if entry else None

    def wants_observation(self, host: str) -> bool:
        """Observe this page of the host (after `start`)? Asked once a page."""
        return self.hosts[host].wants_observation(self.observe_all, self.observe_every)

    def observe(self, host: str, observation: Observation) -> None:
        self.hosts[host].add(observation)

    def stored_page(self, host: str, page_id: int, template: SiteTemplate | None, profile: str | None) -> None:
        self.hosts[host].stored_page(page_id, template, profile)

    def stale(self) -> list[tuple[str, SiteTemplate, list[StoredPage]]]:
        """Per host, the final template and the pages cleaned with another one."""
        out = []
        for host, entry in self.hosts.items():
            final = entry.effective()
            if final is None:
                continue
            signature = final.signature()
            pages = [p for p in entry.pages if p.signature != signature]
            if pages:
                out.append((host, final, pages))
        return out

    def to_store(self) -> list[tuple[str, SiteTemplate]]:
        """The run's templates worth storing: ready, and from enough pages next to the stored one
        (the pages the run offered: a stored template of every page of a run before the sampling
        is replaced by a run as long)."""
        out = []
        for host, entry in self.hosts.items():
            run = entry.run
            seen = max(entry.offered, run.pages)
            if run.ready and (entry.stored is None or seen >= STORE_MIN_SHARE * entry.stored.pages):
                out.append((host, run))
        return out


__all__ = ["OBSERVE_ALL_PAGES", "OBSERVE_EVERY", "RUN_SETTLE_PAGES", "RunTemplates"]
