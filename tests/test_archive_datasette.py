"""A real Datasette (`speech-archive serve`) on a free loopback port, queried over HTTP JSON.

Searches are checked against Python's own substring test over every speech:
the JSON must return exactly the speeches that contain all the words.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from archive import Archive, Fetch
from cleaning.model import Page, Speech

DEDUP = Path(__file__).parent / "fixtures" / "dedup" / "originals.json"
EXTRA = [  # short speeches so that each query has hits and misses
    ("在招商引资推进会上的讲话", "市长", "同志们:\n今天专题研究招商工作,各县区要把招商引资作为一号工程。\n要优化营商环境。"),
    ("在全市安全生产会议上的讲话", "副市长", "同志们:\n安全生产是底线,各单位要压实责任。\n汛期将至,防汛工作要抓细抓实。"),
    ("在经济运行调度会上的讲话", None, "上半年全市经济运行总体平稳,招商引资成效明显。\n下半年要稳增长、促改革。"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str, **params: str) -> Any:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read().decode("utf-8"))


def _ingest(archive: Archive, n: int, title: str, body: str, speaker: str | None,
            published: str, host: str) -> None:
    url = f"http://{host}/a/{n}.html"
    page = Page(url=url, title=title, site_name=host, published=published,
                speeches=[Speech(title, body.split("\n"), speaker)])
    archive.ingest(Fetch(url, 200, {}, f"<html>{n}{title}</html>".encode()), page)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("ds") / "speeches.db"
    originals = json.loads(DEDUP.read_text(encoding="utf-8"))
    with Archive(db) as archive:
        for n, orig in enumerate(originals):
            _ingest(archive, n, orig["title"], orig["body"], "市长" if n % 3 == 0 else None,
                    f"{2020 + n % 4}-06-01", "www.hanjia777.com" if n % 2 else "www.baihua.example")
        for n, (title, speaker, body) in enumerate(EXTRA, start=100):
            _ingest(archive, n, title, body, speaker, "2024-03-01", "www.xingxing.example")
    port = _free_port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "speech-archive"), "serve", "--db", str(db),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(base, "/-/versions.json")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"datasette did not start: {out}")
            time.sleep(0.3)
    try:
        yield base, db
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _expected(db: Path, words: list[str]) -> set[int]:
    with Archive(db) as archive:
        return {row["id"] for row in archive.db.query("select id, title, body from speeches")
                if all(w in (row["title"] + "\n" + row["body"]) for w in words)}


def _search_ids(base: str, db: Path, query: str) -> set[int]:
    data = _get(base, f"/{db.stem}/speeches.json", _search=query, _shape="objects",
                _size="max", _col="title")
    return {row["id"] for row in data["rows"]}


def test_table_page_lists_every_speech(served) -> None:
    base, db = served
    data = _get(base, f"/{db.stem}/speeches.json", _shape="objects", _size="max")
    with Archive(db) as archive:
        ids = {r[0] for r in archive.db.execute("select id from speeches")}
    assert {row["id"] for row in data["rows"]} == ids and len(ids) >= 18
    html = urllib.request.urlopen(f"{base}/{db.stem}/speeches", timeout=30).read().decode()
    assert "Speeches" in html and 'name="_search"' in html  # titled, with a search box


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
    assert sites == {"www.hanjia777.com", "www.baihua.example", "www.xingxing.example"}
    speakers = {item["value"]: item["count"] for item in facets["speaker"]["results"]}
    assert speakers["市长"] == 6


@pytest.mark.parametrize("query", ["招商", "营商环境", "招商 安全", "经济 防汛", "高质量发展"])
def test_search_box_returns_exactly_the_speeches_containing_the_words(served, query: str) -> None:
    base, db = served
    words = query.split()
    expected = _expected(db, words)
    assert _search_ids(base, db, query) == expected
    if query in ("招商", "营商环境"):  # the two- and four-character cases must be informative
        with Archive(db) as archive:
            total = archive.db.execute("select count(*) from speeches").fetchone()[0]
        assert 0 < len(expected) < total


def test_two_character_word_is_invisible_to_trigram_alone(served) -> None:
    """Why the plugin exists: FTS5 trigram finds nothing for a two-character word."""
    base, db = served
    data = _get(base, f"/{db.stem}.json", sql="select count(*) as n from speeches_fts "
                "where speeches_fts match '\"招商\"'", _shape="array")
    assert data[0]["n"] == 0 and _expected(db, ["招商"])


def test_canned_queries_answer(served) -> None:
    base, db = served
    for name in ("latest_changes", "speeches_on_several_sites", "most_versions"):
        data = _get(base, f"/{db.stem}/{name}.json", _shape="objects")
        assert "rows" in data, name


def test_readers_see_a_write_made_while_serving(served) -> None:
    base, db = served
    assert _search_ids(base, db, "防汛抗旱") == set()
    with Archive(db) as archive:  # the crawl writes while Datasette reads
        _ingest(archive, 999, "在防汛抗旱工作会议上的讲话", "同志们:\n今年防汛抗旱形势严峻。", None,
                "2024-07-01", "www.xingxing.example")
        new_id = archive.db.execute("select max(id) from speeches").fetchone()[0]
    assert _search_ids(base, db, "防汛抗旱") == {new_id}
