"""A real Datasette (`speech-archive serve`) on a free loopback port, queried over HTTP.

Searches are checked against Python's own substring test over every speech
and against `speech-archive search --json`: the same rows in the same order.
"""
from __future__ import annotations

import html as html_lib
import json
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import lxml.html
import pytest

from archive import Archive
from tests.datasette_server import (EDITED_TITLE, SECRET, OriginalSite, _ingest, build_archive,
                                    edited_speech_id, serve)

CLI = str(Path(sys.executable).parent / "speech-archive")


def _get(base: str, path: str, **params: str) -> Any:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read().decode("utf-8"))


def _html(base: str, path: str, **params: str) -> tuple[str, Any]:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read().decode("utf-8"), resp.headers


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("ds") / "speeches.db"
    origin = OriginalSite()
    build_archive(db, origin.base)
    try:
        with serve(db) as base:
            yield base, db
    finally:
        origin.close()


def _expected(db: Path, words: list[str]) -> set[int]:
    with Archive(db) as archive:
        return {row["id"] for row in archive.db.query("select id, title, body from speeches")
                if all(w in (row["title"] + "\n" + row["body"]) for w in words)}


def _search_rows(base: str, db: Path, query: str) -> list[int]:
    data = _get(base, f"/{db.stem}/speeches.json", _search=query, _shape="objects",
                _size="max", _col="title")
    return [row["id"] for row in data["rows"]]


def test_table_page_lists_every_speech(served) -> None:
    base, db = served
    data = _get(base, f"/{db.stem}/speeches.json", _shape="objects", _size="max")
    with Archive(db) as archive:
        ids = {r[0] for r in archive.db.execute("select id from speeches")}
    assert {row["id"] for row in data["rows"]} == ids and len(ids) >= 18
    html, _ = _html(base, f"/{db.stem}/speeches")
    assert "Speeches" in html and 'name="_search"' in html  # titled, with a search box


def test_internal_columns_hidden_on_the_table_page_unless_asked(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}/speeches")
    assert 'data-column="title"' in html
    for column in ("_text_hash", "_content_hash", "_minhash"):
        assert f'data-column="{column}"' not in html
    html, _ = _html(base, f"/{db.stem}/speeches", _col="_text_hash")
    assert 'data-column="_text_hash"' in html
    data = _get(base, f"/{db.stem}/speeches.json", _shape="objects", _size="1")
    assert "_text_hash" in data["rows"][0]  # the JSON API keeps every column


def test_database_page_lists_speeches_first_and_sql_box_opens_on_it(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}")
    tables = re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', html)
    assert tables[0] == "speeches" and "captures" in tables
    assert re.search(r'<textarea id="sql-editor" name="sql">select \* from speeches</textarea>', html)


def test_home_page_names_speeches_first(served) -> None:
    base, db = served
    html, _ = _html(base, "/")
    tables = re.findall(rf'<a href="/{db.stem}/([a-z_]+)"', html)
    assert tables[:2] == ["speeches", "speeches_latest"]


def test_speech_row_page_links_to_the_speech_page(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}/speeches/1")
    assert f'<a href="/{db.stem}/-/speech/1">Read this speech' in html
    assert 'data-column="title"' in html and 'data-column="_minhash"' not in html
    assert 'class="col-_text_hash' not in html


def test_facets_on_site_speaker_and_year(served) -> None:
    base, db = served
    data = _get(base, f"/{db.stem}/speeches.json", _facet="year", _size="0")
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # 0.65 and 1.0 shapes
    assert {"site_id", "speaker", "year"} <= set(facets)
    years = {item["value"]: item["count"] for item in facets["year"]["results"]}
    with Archive(db) as archive:
        truth = dict(archive.db.execute("select year, count(*) from speeches group by year").fetchall())
    assert years == truth
    sites = {item["label"] for item in facets["site_id"]["results"]}
    assert sites == {"77范文网", "百花范文网", "星星阅读网"}  # names, not hosts


@pytest.mark.parametrize("query", ["招商", "营商环境", "招商 安全", "经济 防汛", "高质量发展", "要"])
def test_search_box_returns_exactly_the_speeches_containing_the_words(served, query: str) -> None:
    base, db = served
    expected = _expected(db, query.split())
    assert set(_search_rows(base, db, query)) == expected
    if query in ("招商", "营商环境"):  # the two- and four-character cases must be informative
        with Archive(db) as archive:
            total = archive.db.execute("select count(*) from speeches").fetchone()[0]
        assert 0 < len(expected) < total


@pytest.mark.parametrize("query", ["招商", "经济 防汛", "高质量发展 要", "讲话", "的 的 的 了"])
def test_cli_and_datasette_give_the_same_rows_in_the_same_order(served, query: str) -> None:
    base, db = served
    out = subprocess.run([CLI, "search", query, "--db", str(db), "--limit", "0", "--json"],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    cli_rows = [json.loads(line)["id"] for line in out.splitlines() if line.strip()]
    assert cli_rows and cli_rows == _search_rows(base, db, query)


def test_raw_search_mode_takes_fts5_syntax(served) -> None:
    base, db = served
    data = _get(base, f"/{db.stem}/speeches.json", _search='"高质量发展" OR "营商环境"',
                _searchmode="raw", _shape="objects", _size="max", _col="title")
    expected = _expected(db, ["高质量发展"]) | _expected(db, ["营商环境"])
    assert {row["id"] for row in data["rows"]} == expected and expected


def test_search_results_show_a_highlighted_snippet(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}/speeches", _search="营商")
    cells = re.findall(r'<td class="col-body[^"]*"><span class="snippet">(.*?)</span></td>', html, re.S)
    assert len(cells) == len(_expected(db, ["营商"])) > 0
    assert all("<mark>营商</mark>" in cell for cell in cells)


def test_too_many_words_are_capped_and_said(served) -> None:
    base, db = served
    query = " ".join(chr(0x4E00 + i) + chr(0x4E01 + i) for i in range(40))
    html, _ = _html(base, f"/{db.stem}/speeches", _search=query)
    assert "only the first 12 distinct words are used; 28 ignored" in html


@pytest.mark.parametrize("query", ["招商", "营商环境", "经济 防汛", "高质量发展 要"])
def test_search_box_gives_the_same_rows_indexed_or_scanned(served, query: str) -> None:
    """archive.indexer: speeches above the watermark are scanned, with the same result."""
    base, db = served
    with Archive(db) as archive:
        archive.index()
        indexed = _search_rows(base, db, query)
        watermark = archive.db.execute("select indexed_to from search_index_state").fetchone()[0]
        with archive.transaction():  # as if nothing were indexed yet: all of it is tail
            archive.db.execute("update search_index_state set indexed_to = 0")
        try:
            scanned = _search_rows(base, db, query)
        finally:
            with archive.transaction():
                archive.db.execute("update search_index_state set indexed_to = ?", [watermark])
    assert indexed and scanned == indexed and set(indexed) == _expected(db, query.split())


def test_speech_page_has_text_sources_and_versions(served) -> None:
    base, db = served
    speech_id = edited_speech_id(db)
    html, _ = _html(base, f"/{db.stem}/-/speech/{speech_id}")
    assert f"<h1>{EDITED_TITLE}</h1>" in html
    assert html.count("<p>") >= 4 and "会后,各县区要迅速传达会议精神。" in html
    assert '<td class="site">77范文网</td>' in html
    assert f'href="/{db.stem}/-/speech/{speech_id}/diff?from=1&amp;to=2"' in html
    assert re.search(rf'href="/{db.stem}/-/capture/\d+">archived page', html)


def test_diff_page_marks_changed_characters(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}/-/speech/{edited_speech_id(db)}/diff", **{"from": "1", "to": "2"})
    assert "<ins>异常</ins>" in html
    assert '<p class="added"><span class="label">added</span><ins>会后,各县区要迅速传达会议精神。</ins>' in html
    assert "1 paragraph added, 0 removed, 1 changed" in html


def test_missing_speech_or_version_is_404(served) -> None:
    base, db = served
    for path in ("/-/speech/99999", f"/-/speech/{edited_speech_id(db)}/diff?from=1&to=9"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{base}/{db.stem}{path}", timeout=30)
        assert err.value.code == 404


def test_archived_page_is_inert_and_hides_secret_headers(served) -> None:
    base, db = served
    with Archive(db) as archive:
        capture_id = archive.db.execute("select max(id) from captures where url like '%555.html'"
                                        ).fetchone()[0]
    html, headers = _html(base, f"/{db.stem}/-/capture/{capture_id}")
    assert "default-src 'none'" in headers["content-security-policy"]
    assert SECRET not in html and "Set-Cookie" not in html and "X-Auth-Token" not in html
    frame = re.search(r'<iframe [^>]*sandbox=""[^>]*srcdoc="([^"]*)"', html)
    assert frame, "the capture is shown in a sandboxed srcdoc iframe"
    doc = lxml.html.document_fromstring(html_lib.unescape(frame.group(1)))
    assert "同志们" in doc.text_content()
    assert not doc.xpath("//script | //style | //link | //iframe | //form")
    for element in doc.iter():
        assert not [a for a in element.attrib if a.startswith("on")], element.tag
        assert not set(element.attrib) & {"href", "src", "srcset", "style", "action"}, element.tag
    assert doc.xpath("//a[@title]")  # a link's target survives only as its tooltip


def test_captures_table_never_shows_secret_headers(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}/captures")
    assert SECRET not in html


def test_canned_queries_link_to_speech_pages_with_site_names(served) -> None:
    base, db = served
    for name in ("latest_changes", "speeches_on_several_sites", "most_versions"):
        data = _get(base, f"/{db.stem}/{name}.json", _shape="objects")
        assert data["rows"], name
        html, _ = _html(base, f"/{db.stem}/{name}")
        speech_id = data["rows"][0]["speech_id"]
        link = f'<a href="/{db.stem}/-/speech/{speech_id}">'
        assert f'<td class="col-title">{link}' in html and f'<td class="col-speech_id">{link}' in html
        assert not re.search(r"<td[^>]*>[^<]*127\.0\.0\.\d", html), name  # site names, not hosts


def test_versions_link_to_their_diff_and_sql_results_keep_whole_bodies(served) -> None:
    base, db = served
    speech_id = edited_speech_id(db)
    html, _ = _html(base, f"/{db.stem}/latest_changes")
    assert f'href="/{db.stem}/-/speech/{speech_id}/diff?from=1&amp;to=2"' in html
    with Archive(db) as archive:
        longest = archive.db.execute("select id, body from speeches order by chars desc").fetchone()
    html, _ = _html(base, f"/{db.stem}/speeches")
    cells = re.findall(r'<td class="col-body[^"]*">(.*?)</td>', html, re.S)
    assert cells and max(len(html_lib.unescape(c)) for c in cells) <= 81  # excerpts
    html, _ = _html(base, f"/{db.stem}", sql=f"select body from speeches where id = {longest[0]}")
    # SQL results are not cut to the excerpt (only to Datasette's own truncate_cells_html).
    assert html_lib.escape(longest[1][100:400], quote=False) in html


def test_odd_speech_id_columns_in_custom_sql_do_not_break_the_page(served) -> None:
    base, db = served
    html, _ = _html(base, f"/{db.stem}", sql="select 'x' as speech_id, 'y' as title, 1.5 as capture_id")
    assert "<td class=\"col-speech_id\">x</td>" in html


def test_speeches_latest_view(served) -> None:
    base, db = served
    data = _get(base, f"/{db.stem}/speeches_latest.json", _shape="objects", _size="max")
    by_id = {row["speech_id"]: row for row in data["rows"]}
    edited = by_id[edited_speech_id(db)]
    assert edited["version"] == 2 and "会后" in edited["body"] and edited["site"] == "77范文网"
    several = [row for row in data["rows"] if row["site_count"] >= 2]
    assert several and all(len(row["urls"].split()) == row["source_count"] for row in several)
    assert all(" | " in row["sites"] for row in several)


def test_readers_see_a_write_made_while_serving(served) -> None:
    base, db = served
    before = _search_rows(base, db, "候鸟迁徙保护")
    assert before == []
    with Archive(db) as archive:  # the crawl writes while Datasette reads
        _ingest(archive, "http://127.0.0.3/a/999.html", "在候鸟迁徙保护工作会议上的讲话",
                ["同志们:", "今年候鸟迁徙保护形势严峻。"], None, "2024-07-01")
        new_id = archive.db.execute("select max(id) from speeches").fetchone()[0]
    assert _search_rows(base, db, "候鸟迁徙保护") == [new_id]
