"""Reading the archive in a real headless Chromium (the Debian package, driven by playwright)
against a real `speech-archive serve` on loopback.

Set SPEECH_ARCHIVE_SCREENSHOTS=1 to also write docs/speech-page.png,
docs/version-diff.png and docs/search.png (the README shows them).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import sync_playwright

from archive import Archive
from tests.datasette_server import (EDITED_TITLE, SECRET, OriginalSite, build_archive,
                                    edited_speech_id, serve)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DOCS = Path(__file__).resolve().parent.parent / "docs"
SCREENSHOTS = os.environ.get("SPEECH_ARCHIVE_SCREENSHOTS") == "1"

if not os.access(CHROMIUM, os.X_OK):
    pytest.fail(f"{CHROMIUM} missing: run tools/ensure-system-deps.sh (Debian package chromium)",
                pytrace=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("browser") / "speeches.db"
    origin = OriginalSite()
    build_archive(db, origin.base)
    try:
        with serve(db) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield {"base": base, "db": db, "name": db.stem, "origin": origin,
                       "browser": browser}
            finally:
                browser.close()
    finally:
        origin.close()


@pytest.fixture
def page(site: dict[str, Any]) -> Iterator[Any]:
    context = site["browser"].new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


def _shot(tab: Any, name: str) -> None:
    if SCREENSHOTS:
        tab.screenshot(path=str(DOCS / name), full_page=False)


def test_speech_page_shows_paragraphs_sources_and_versions(site, page) -> None:
    speech_id = edited_speech_id(site["db"])
    page.goto(f"{site['base']}/{site['name']}/-/speech/{speech_id}")
    assert page.locator("h1").inner_text() == EDITED_TITLE
    paragraphs = page.locator(".speech-body p").all_inner_texts()
    assert paragraphs[-1] == "会后,各县区要迅速传达会议精神。" and len(paragraphs) == 4
    # A readable measure: the text column is far narrower than the 1,400 px window.
    width = page.locator(".speech-body").evaluate("e => e.getBoundingClientRect().width")
    assert 300 < width < 800
    assert page.locator("table.sources td.site").all_inner_texts() == ["77范文网"]
    assert page.locator("table.versions tbody tr").count() == 2
    assert page.locator("a.diff-link").get_attribute("href").endswith("/diff?from=1&to=2")
    _shot(page, "speech-page.png")


def test_reposted_speech_lists_every_site_by_name(site, page) -> None:
    with Archive(site["db"]) as archive:
        speech_id = archive.db.execute("select id from speeches where site_count = 2").fetchone()[0]
    page.goto(f"{site['base']}/{site['name']}/-/speech/{speech_id}")
    sites = page.locator("table.sources td.site").all_inner_texts()
    assert sorted(sites) == sorted(["77范文网", "星星阅读网"]) or sorted(sites) == sorted(
        ["百花范文网", "星星阅读网"])
    assert page.locator("table.sources a.capture").count() == 2


def test_diff_view_marks_the_edited_characters(site, page) -> None:
    speech_id = edited_speech_id(site["db"])
    page.goto(f"{site['base']}/{site['name']}/-/speech/{speech_id}")
    page.click("a.diff-link")
    page.wait_for_url("**/diff*")  # loaded: count() below does not wait for the new page
    changed = page.locator(".diff p.changed")
    assert changed.count() == 1
    assert changed.locator("ins").all_inner_texts() == ["异常"]
    assert changed.locator("del").count() == 0
    assert page.locator(".diff p.added ins").all_inner_texts() == ["会后,各县区要迅速传达会议精神。"]
    # The mark is visible: a background colour other than the paragraph's.
    colour = changed.locator("ins").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "version-diff.png")


def test_archived_page_renders_without_running_its_scripts(site, page) -> None:
    speech_id = edited_speech_id(site["db"])
    page.goto(f"{site['base']}/{site['name']}/-/speech/{speech_id}")
    page.click("table.sources a.capture")
    frame = page.frame_locator("iframe.capture-frame")
    assert frame.locator("h1").inner_text() == EDITED_TITLE
    assert "会后,各县区要迅速传达会议精神。" in frame.locator("body").inner_text()
    assert "ONLOAD-RAN" not in frame.locator("body").inner_text()
    inner = page.frames[1]
    assert inner.evaluate("document.title") != "SCRIPT-RAN"
    page.wait_for_timeout(500)  # give a stray beacon or image time to arrive
    assert site["origin"].requests == []  # nothing loaded from the original site
    assert SECRET not in page.content()


def test_search_box_finds_a_two_character_word_with_a_highlighted_snippet(site, page) -> None:
    page.goto(f"{site['base']}/{site['name']}/speeches")
    page.fill('input[name="_search"]', "营商")
    page.press('input[name="_search"]', "Enter")
    page.wait_for_url("**_search=*")
    with Archive(site["db"]) as archive:
        truth = {r[0] for r in archive.db.execute(
            "select id from speeches where instr(title || body, '营商')")}
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == len(truth) > 0
    marks = page.locator("td.col-body mark").all_inner_texts()
    assert marks and set(marks) == {"营商"}
    assert page.locator("td.col-body mark").first.is_visible()
    _shot(page, "search.png")


@pytest.mark.parametrize("query", ["latest_changes", "speeches_on_several_sites", "most_versions"])
def test_each_canned_query_links_to_speech_pages(site, page, query: str) -> None:
    page.goto(f"{site['base']}/{site['name']}/{query}")
    links = page.locator("td.col-title a")
    assert links.count() > 0
    title = links.first.inner_text()
    links.first.click()
    page.wait_for_url("**/-/speech/*")
    assert page.locator("h1").inner_text() == title
    assert page.locator("table.sources td.site").count() >= 1
