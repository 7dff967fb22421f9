"""Which pages a crawl's site templates learn from (crawler.site_templates), and what they replace."""
from __future__ import annotations

import json
from pathlib import Path

from cleaning.template import Observation, SiteTemplate
from crawler.addons import ArchiveAddon
from crawler.site_templates import OBSERVE_ALL_PAGES, OBSERVE_EVERY, RunTemplates
from crawler.sitesrv import SiteServer, loopback_host
from tests.sqlite_rows import rows as _q
from tests.test_site_template import NIGHTS, SITE, build, run_crawl, site_config, template_lines

HOST = "example.org"


def _observation(page: int) -> Observation:
    return Observation(["站名"], {"fp-common", f"fp-own-{page}"}, {"div.side>p:first0": "每页都有的一句话"})


def _offer(run: RunTemplates, pages: int) -> list[int]:
    """Offer `pages` pages of HOST; the 1-based numbers of those observed."""
    observed = []
    for page in range(1, pages + 1):
        if run.wants_observation(HOST):
            run.observe(HOST, _observation(page))
            observed.append(page)
    return observed


def test_the_first_pages_are_all_observed_then_one_in_every() -> None:
    run = RunTemplates(observe_all=10, observe_every=3)
    run.start(HOST, None)
    assert _offer(run, 20) == [*range(1, 11), 12, 15, 18]
    entry = run.hosts[HOST]
    assert (entry.offered, entry.run.pages) == (20, 13)
    assert entry.run.lines["fp-common"] == 13 and entry.run.lines["fp-own-12"] == 1


def test_the_defaults_are_the_crawl_settings_defaults() -> None:
    defaults = RunTemplates()
    assert (defaults.observe_all, defaults.observe_every) == (OBSERVE_ALL_PAGES, OBSERVE_EVERY)
    assert ArchiveAddon.DEFAULTS["ARCHIVE_TEMPLATE_OBSERVE_ALL"] == OBSERVE_ALL_PAGES
    assert ArchiveAddon.DEFAULTS["ARCHIVE_TEMPLATE_OBSERVE_EVERY"] == OBSERVE_EVERY
    assert OBSERVE_ALL_PAGES >= 200 and OBSERVE_EVERY >= 1  # archive.site_templates.learn reads 200


def _stored(pages: int) -> SiteTemplate:
    stored = SiteTemplate(host=HOST)
    for page in range(pages):
        stored.add(_observation(page))
    return stored


def test_a_run_as_long_as_the_stored_one_replaces_it_though_it_observed_fewer_pages() -> None:
    # The stored template counted every page of a 40-page run (before the sampling, say).
    run = RunTemplates(observe_all=10, observe_every=4)
    run.start(HOST, _stored(40))
    _offer(run, 40)
    assert run.hosts[HOST].run.pages == 18 < 20  # 1-10, 12, 16 ... 40: under half the stored pages...
    assert [host for host, _ in run.to_store()] == [HOST]  # ...but as many offered: replaced

    short = RunTemplates(observe_all=10, observe_every=4)
    short.start(HOST, _stored(40))
    _offer(short, 19)
    assert short.to_store() == []  # a run of under half the stored pages keeps what they taught


def test_a_crawl_stores_what_its_sample_of_pages_taught(tmp_path: Path) -> None:
    """End to end: 9 pages offered, the first 4 and then every second one observed (6); the template
    from those still strips every template line and names the site."""
    root = tmp_path / "site"
    articles = build(root, NIGHTS[0])
    server = SiteServer(root, host=loopback_host(3)).start()
    try:
        db = tmp_path / "archive.db"
        run_crawl(db, site_config(tmp_path, server.base_url), "--site", "moxiang",
               "-s", "ARCHIVE_TEMPLATE_OBSERVE_ALL=4", "-s", "ARCHIVE_TEMPLATE_OBSERVE_EVERY=2")
        pages = len(articles) + 1  # and the list page
        assert _q(db, "select pages from site_templates") == [(4 + (pages - 4) // 2,)]
        template = SiteTemplate.from_json(_q(db, "select template_json from site_templates")[0][0])
        assert template.site_names == {SITE}
        bodies = [body for (body,) in _q(db, "select body from speeches")]
        assert len(bodies) == len(articles)
        for body in bodies:
            assert body.startswith("同志们：")
            assert not any(line in body for line in template_lines(NIGHTS[0]))
        counts = json.loads(_q(db, "select counts from crawl_runs")[0][0])
        assert counts["templates_learnt"] == 1
    finally:
        server.stop()
