"""The bundled demo sites crawled for real and checked against crawler/demo_sites/expected.json."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo import DEMO_ROOT, demo_profiles, serving
from tests.sqlite_rows import rows as _rows

EXE = str(Path(sys.executable).parent / "speech-archive")
EXPECTED = json.loads((DEMO_ROOT / "expected.json").read_text(encoding="utf-8"))


def _site_of_host(db: Path) -> dict[str, str]:
    """host -> demo site key, through the site names the cleaner read off the pages."""
    by_name = {v["site_name"]: k for k, v in EXPECTED["sites"].items()}
    return {host: by_name[name] for host, name in _rows(db, "select host, name from sites")}


def _check_archive(db: Path) -> None:
    site_of = _site_of_host(db)
    assert sorted(site_of.values()) == sorted(EXPECTED["sites"])
    assert _rows(db, "select count(*) from speeches")[0][0] == EXPECTED["distinct_speeches"]

    # Every expected speech on exactly the pages that carry it, across sites.
    sources: dict[int, set[tuple[str, str]]] = {}
    for speech_id, url in _rows(db, "select s.speech_id, p.url from speech_sources s join pages p on p.id = s.page_id"):
        parts = urlsplit(url)
        sources.setdefault(speech_id, set()).add((site_of[parts.hostname], parts.path))
    expected_sets = [{(site, path) for site, paths in sp["sites"].items() for path in paths}
                     for sp in EXPECTED["speeches"].values()]
    for key, speech in EXPECTED["speeches"].items():
        rows = _rows(db, "select id from speeches where body like ?", f"%{speech['phrase']}%")
        assert len(rows) == 1, f"speech {key} ({speech['title']}): {len(rows)} archived speeches hold its phrase"
        want = {(site, path) for site, paths in speech["sites"].items() for path in paths}
        assert sources[rows[0][0]] == want, f"speech {key}"
    # A compilation is handed through whole: each of its items a speech sourced from its page.
    for comp in EXPECTED["compilations"]:
        ids = _rows(db, "select count(distinct s.speech_id) from speech_sources s join pages p on p.id = s.page_id"
                        " where p.url like ?", f"%{comp['path']}")
        assert ids == [(comp["speeches"],)]
    # One speech_sources row per (speech, page), nothing more (compilation items are in the map).
    assert sum(len(s) for s in expected_sets) == _rows(db, "select count(*) from speech_sources")[0][0]

    # Comment threads under the fourth site's articles are never body.
    for site in EXPECTED["sites"].values():
        for text in site.get("comment_texts", []):
            assert _rows(db, "select count(*) from speeches where body like ?", f"%{text}%")[0][0] == 0, text

    # robots.txt: nothing under /member/ archived, none of its speeches anywhere.
    assert _rows(db, "select count(*) from pages where url like '%/member/%'")[0][0] == 0
    for hidden in EXPECTED["disallowed"]:
        assert _rows(db, "select count(*) from speeches where body like ?", f"%{hidden['phrase']}%")[0][0] == 0

    # The two-page article: one speech holding a phrase of each part; part 2 no page of its own.
    two = EXPECTED["two_page_article"]
    like = " and ".join(["body like ?"] * len(two["phrases"]))
    assert _rows(db, f"select count(*) from speeches where {like}", *[f"%{p}%" for p in two["phrases"]])[0][0] == 1
    assert _rows(db, "select count(*) from pages where url like ?", f"%{two['parts'][1]}")[0][0] == 0


def test_demo_command(tmp_path: Path) -> None:
    # Night 1 only: the sites as built (the second state is tests/test_demo_states.py).
    proc = subprocess.run([EXE, "demo", "--db", "demo.db", "--nights", "1"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    db = tmp_path / "demo.db"
    _check_archive(db)
    out = proc.stdout
    assert f"speeches         {EXPECTED['distinct_speeches']} distinct" in out
    assert "speech-archive serve --db demo.db" in out
    runs = _rows(db, "select trigger, status, errors from crawl_runs")
    assert runs == [("demo", "ok", 0)] * len(EXPECTED["sites"])

    # Fresh each run: a second demo starts from an empty database, same result.
    proc = subprocess.run([EXE, "demo", "--db", "demo.db", "--nights", "1"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert len(_rows(db, "select id from crawl_runs")) == len(EXPECTED["sites"])
    _check_archive(db)


@pytest.fixture(scope="module")
def start_url_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The demo sites crawled without profiles, from their home pages."""
    profiles = demo_profiles()
    db = tmp_path_factory.mktemp("start") / "archive.db"
    with serving(profiles) as servers:
        starts = [arg for s in servers.values() for arg in ("--start-url", f"{s.base_url}/")]
        proc = subprocess.run([EXE, "crawl", "--db", str(db), *starts, "-s", "DOWNLOAD_DELAY=0",
                               "-s", "AUTOTHROTTLE_ENABLED=0"], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
        requested = [p for s in servers.values() for p in s.paths()]
    return db, requested


def test_start_url_crawl_of_the_demo_sites(start_url_crawl: tuple[Path, list[str]]) -> None:
    """No profiles: same-host links followed, the cleaner tells articles from lists, robots obeyed."""
    db, requested = start_url_crawl
    assert not [p for p in requested if p.startswith("/member/")]
    assert "/robots.txt" in requested
    # Every article page found, with the speeches expected.json says it carries.
    site_of = _site_of_host(db)
    for key, speech in EXPECTED["speeches"].items():
        rows = _rows(db, "select s.speech_id, p.url from speech_sources s join pages p on p.id = s.page_id"
                         " join speeches sp on sp.id = s.speech_id where sp.body like ?", f"%{speech['phrase']}%")
        assert len({r[0] for r in rows}) == 1, f"speech {key}"
        found = {(site_of[urlsplit(u).hostname], urlsplit(u).path) for _, u in rows}
        assert found == {(site, path) for site, paths in speech["sites"].items() for path in paths}, f"speech {key}"
    for hidden in EXPECTED["disallowed"]:
        assert _rows(db, "select count(*) from speeches where body like ?", f"%{hidden['phrase']}%")[0][0] == 0
    two = EXPECTED["two_page_article"]
    assert _rows(db, "select count(*) from pages where url like ?", f"%{two['parts'][1]}")[0][0] == 0


def test_start_url_crawl_keeps_list_pages_speechless(start_url_crawl: tuple[Path, list[str]]) -> None:
    """No profile: the cleaner alone must give teaser rivers, paged lists and the about page no speech."""
    db, _ = start_url_crawl
    for site in EXPECTED["sites"].values():
        for path in [site["home"], *site["list_paths"], *([site["about_path"]] if "about_path" in site else [])]:
            # "/" is every site's home: all rows it matches must be speechless.
            assert {n for (n,) in _rows(db, "select speech_count from pages where url like ?", f"%:%{path}")} <= {0}, path
    assert _rows(db, "select count(*) from speeches")[0][0] == EXPECTED["distinct_speeches"]


def test_start_url_crawl_archives_no_comment(start_url_crawl: tuple[Path, list[str]]) -> None:
    """The fourth site's comment threads (names, times, short replies) are never body."""
    db, _ = start_url_crawl
    texts = [t for site in EXPECTED["sites"].values() for t in site.get("comment_texts", [])]
    assert texts
    leaked = [t for t in texts if _rows(db, "select count(*) from speeches where body like ?", f"%{t}%")[0][0]]
    assert leaked == []


@pytest.mark.parametrize("name", sorted(EXPECTED["sites"]))
def test_demo_profiles_classify_the_expected_paths(name: str) -> None:
    profile = demo_profiles()[name]
    site = EXPECTED["sites"][name]
    for path in site["article_paths"]:
        assert profile.classify(f"http://h{path}") == "article", path
    for path in site["list_paths"]:
        assert profile.classify(f"http://h{path}") == "list", path


def test_scrapy_crawl_site_spider(tmp_path: Path) -> None:
    """The plain Scrapy way: `scrapy crawl site -a site=NAME -s ARCHIVE_DB_PATH=...` from the project root."""
    profiles = demo_profiles()
    db = tmp_path / "scrapy.db"
    repo = DEMO_ROOT.parents[1]
    with serving({"xingxing": profiles["xingxing"]}) as servers:
        proc = subprocess.run([str(Path(sys.executable).parent / "scrapy"), "crawl", "site", "-a", "site=xingxing",
                               "-a", f"base_url={servers['xingxing'].base_url}",
                               "-s", f"SITES_CONFIG={DEMO_ROOT / 'sites.toml'}", "-s", f"ARCHIVE_DB_PATH={db}",
                               "-s", "ARCHIVE_RUN_TRIGGER=scrapy"],
                              cwd=repo, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "'archive/article_page': 6" in proc.stderr
    runs = _rows(db, "select trigger, status, sites from crawl_runs")
    assert runs == [("scrapy", "ok", '["xingxing"]')]
    expected = {key for key, sp in EXPECTED["speeches"].items() if "xingxing" in sp["sites"]}
    assert _rows(db, "select count(*) from speeches")[0][0] == len(expected)
