"""The crawler's parts one by one: profiles, the loopback server, the journal, the middlewares, the CLI."""
from __future__ import annotations

import http.client
import os
import re
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from click.testing import CliRunner
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from archive import Archive, Fetch
from cli import main
from crawler.addons import ArchiveAddon
from crawler.frontier import Frontier
from crawler.middlewares import BackoffRetryMiddleware, ConditionalGetMiddleware, ContactUserAgentMiddleware, RevisitLater
from crawler.pipelines import ArchivePipeline
from crawler.profiles import ProfileError, load_profiles, parse_profiles
from crawler.sitesrv import SiteServer

REPO = Path(__file__).resolve().parents[1]


# -- profiles -----------------------------------------------------------------

def test_example_sites_toml_loads_and_is_marked_untested() -> None:
    profiles = load_profiles(REPO / "crawler" / "sites.toml")
    assert {"hanjia777", "baihua", "xingxing"} <= set(profiles)
    hanjia = profiles["hanjia777"]
    assert hanjia.hosts == ("www.hanjia777.com",) and not hanjia.tested
    assert hanjia.classify("http://www.hanjia777.com/gongwen/2022/0611/12345.html") == "article"
    assert hanjia.classify("http://www.hanjia777.com/gongwen/") == "list"
    assert hanjia.classify("http://www.hanjia777.com/plus/search.php") is None
    assert all(p.schedule and len(p.schedule.split()) == 5 for p in profiles.values())


def _site(**overrides: object) -> dict:
    site = {"name": "s", "start_urls": ["http://a.example/"], "article_patterns": [r"/\d+\.html$"]}
    site.update(overrides)
    return {"site": [site]}


@pytest.mark.parametrize("overrides, message", [
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"article_patterns": ["("]}, "bad regular expression"),
    ({"start_urls": []}, "start_urls is empty"),
    ({"start_urls": ["ftp://a.example/"]}, "must be http(s)"),
    ({"start_urls": ["a.example/x"]}, "must be absolute or a path"),
    ({"hosts": ["b.example"]}, "is not on hosts"),
    ({"schedule": "nightly"}, "5-field cron"),
    ({"delay": "2"}, "delay must be a number"),
    ({"concurrency": 0}, "concurrency must be >= 1"),
    ({"name": "Bad Name"}, "must match"),
    ({"part_patterns": [r"_\d+\.html"]}, "needs a group"),
    ({"tested": 1}, "tested must be true or false"),
])
def test_profile_errors_name_the_problem(overrides: dict, message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)) as info:
        parse_profiles(_site(**overrides), source="x.toml")
    assert "x.toml [[site]] #1" in str(info.value)


def test_profile_missing_key_duplicates_and_defaults() -> None:
    with pytest.raises(ProfileError, match="missing required key 'article_patterns'"):
        parse_profiles({"site": [{"name": "s", "start_urls": ["/"]}]})
    with pytest.raises(ProfileError, match="duplicate site name"):
        parse_profiles({"site": [_site()["site"][0], _site()["site"][0]]})
    profiles = parse_profiles({"defaults": {"delay": 5, "concurrency": 2}, **_site()})
    assert profiles["s"].delay == 5.0 and profiles["s"].concurrency == 2 and profiles["s"].hosts == ("a.example",)
    with pytest.raises(ProfileError, match="unknown key 'name'"):
        parse_profiles({"defaults": {"name": "x"}, **_site()})


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "sites.toml"
    bad.write_text("[[site]\nname=", encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profiles(bad)
    with pytest.raises(ProfileError, match="no such sites file"):
        load_profiles(tmp_path / "none.toml")


def test_rebased_profile_and_parts() -> None:
    profile = parse_profiles(_site(start_urls=["/list/?page=1"]))["s"]
    assert profile.is_relative()
    moved = profile.rebased("http://127.0.0.1:8123")
    assert moved.start_urls == ("http://127.0.0.1:8123/list/?page=1",) and moved.hosts == ("127.0.0.1:8123",)
    assert moved.allows_host("http://127.0.0.1:8123/x") and not moved.allows_host("http://127.0.0.1:9/x")
    assert profile.part_number("http://a/a/12_2.html") == 2
    assert profile.part_number("http://a/a/12.html?page=3") == 3
    assert profile.part_number("http://a/a/12.html?page=1") is None
    assert profile.part_number("http://a/a/12.html") is None


# -- the loopback server ---------------------------------------------------------

def _get(server: SiteServer, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    con = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        con.request("GET", path, headers=headers or {})
        resp = con.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        con.close()


@pytest.fixture
def site(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.html").write_text("<html><body>一</body></html>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<html>首页</html>", encoding="utf-8")
    with SiteServer(tmp_path, hooks=True) as server:
        yield server


def test_server_validators_and_304(site: SiteServer) -> None:
    status, headers, body = _get(site, "/a/1.html")
    assert status == 200 and headers["ETag"] and headers["Last-Modified"] and "一".encode() in body
    assert _get(site, "/a/1.html", {"If-None-Match": headers["ETag"]})[0] == 304
    assert _get(site, "/a/1.html", {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    # If-None-Match decides alone: a stale ETag gets the page even with a fresh date.
    assert _get(site, "/a/1.html", {"If-None-Match": '"old"', "If-Modified-Since": headers["Last-Modified"]})[0] == 200
    page = site.root / "a" / "1.html"
    page.write_text("<html><body>二</body></html>", encoding="utf-8")
    os.utime(page, (time.time() + 5, time.time() + 5))
    status, changed, _ = _get(site, "/a/1.html", {"If-None-Match": headers["ETag"]})
    assert status == 200 and changed["ETag"] != headers["ETag"]
    assert _get(site, "/", {"If-Modified-Since": formatdate(0, usegmt=True)})[0] == 200
    assert [r.status for r in site.requests] == [200, 304, 304, 200, 200, 200]


def test_server_robots_404_and_escapes(site: SiteServer) -> None:
    status, _, body = _get(site, "/robots.txt")
    assert status == 200 and b"User-agent: *" in body
    status, _, body = _get(site, "/nope.html")
    assert status == 404 and "404".encode() in body
    assert _get(site, "/../../etc/passwd")[0] == 404


def test_server_hooks(site: SiteServer, tmp_path: Path) -> None:
    assert _get(site, "/__hooks__/500")[0] == 500
    status, headers, _ = _get(site, "/__hooks__/redirect-loop")
    assert status == 302 and headers["Location"] == "/__hooks__/redirect-loop"
    status, headers, body = _get(site, "/__hooks__/binary")
    assert status == 200 and body.startswith(b"\x89PNG")
    con = http.client.HTTPConnection(site.host, site.port, timeout=10)
    con.request("HEAD", "/__hooks__/huge?mb=20")
    assert int(con.getresponse().getheader("Content-Length")) >= 20 * 1024 * 1024
    con.close()
    with SiteServer(tmp_path) as plain:
        assert _get(plain, "/__hooks__/500")[0] == 404  # hooks are opt-in


def test_server_refuses_non_loopback(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SiteServer(tmp_path, host="0.0.0.0")


# -- the crash journal --------------------------------------------------------------

def test_frontier_states(tmp_path: Path) -> None:
    job = tmp_path / "job"
    frontier = Frontier(job)
    frontier.open()
    assert not frontier.resumed
    assert frontier.add("http://a/1", "list") and not frontier.add("http://a/1", "article")
    frontier.add("http://a/2", "article")
    frontier.done("http://a/1")
    frontier.close(finished=False)  # paused: Scrapy keeps its queue

    (job / "requests.seen").write_text("x")
    paused = Frontier(job)
    paused.open()
    assert paused.resumed and not paused.resumed_after_crash and (job / "requests.seen").exists()
    assert paused.pending() == [("http://a/2", "article")] and paused.is_done("http://a/1")
    paused._db.close()  # noqa: SLF001 - the process dies without close()

    crashed = Frontier(job)
    crashed.open()
    assert crashed.resumed_after_crash and not (job / "requests.seen").exists()
    assert crashed.pending() == [("http://a/2", "article")]
    crashed.close(finished=True)

    fresh = Frontier(job)
    fresh.open()
    assert not fresh.resumed and fresh.pending() == [] and fresh.add("http://a/1", "list")
    fresh.close(finished=True)


def test_frontier_in_memory_without_jobdir() -> None:
    frontier = Frontier(None)
    frontier.open()
    assert frontier.add("u", "page") and not frontier.add("u", "page") and not frontier.resumed
    frontier.close(finished=True)


# -- middlewares and pipeline ---------------------------------------------------------

def test_backoff_grows_and_honours_retry_after() -> None:
    crawler = get_crawler(settings_dict={"RETRY_BACKOFF_BASE": 1.5, "RETRY_BACKOFF_MAX": 10})
    mw = BackoffRetryMiddleware.from_crawler(crawler)
    request = Request("http://a/1")
    assert mw.backoff(request, None) == 1.5
    assert mw.backoff(request.replace(meta={"retry_times": 2}), None) == 6.0
    assert mw.backoff(request.replace(meta={"retry_times": 5}), None) == 10
    limited = Response("http://a/1", status=429, headers={"Retry-After": "7"})
    assert mw.backoff(request, limited) == 7.0


def test_user_agent_names_the_contact() -> None:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("CONTACT_URL", "https://example.org/contact", priority="cmdline")
    mw = ContactUserAgentMiddleware.from_crawler(Crawler(Spider, settings))
    assert mw.user_agent.startswith("speech-archive/") and "https://example.org/contact" in mw.user_agent
    settings.set("USER_AGENT", "custom/1", priority="cmdline")
    assert ContactUserAgentMiddleware.from_crawler(Crawler(Spider, settings)).user_agent == "custom/1"


def test_conditional_get_from_the_archive(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        archive.ingest(Fetch("http://a/1.html", 200, {"ETag": '"e1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
                             b"<html>x</html>"), None)
    crawler = get_crawler(settings_dict={"ADDONS": {ArchiveAddon: 0}, "ARCHIVE_DB_PATH": str(db),
                                         "ARCHIVE_REVISIT_BASE_HOURS": 0})
    mw = ConditionalGetMiddleware.from_crawler(crawler)
    mw.spider_opened()
    try:
        article = Request("http://a/1.html", meta={"kind": "article"})
        mw.process_request(article)
        assert article.headers[b"If-None-Match"] == b'"e1"' and article.headers[b"If-Modified-Since"]
        listing = Request("http://a/1.html", meta={"kind": "list"})
        mw.process_request(listing)
        assert b"If-None-Match" not in listing.headers
        unknown = Request("http://a/2.html", meta={"kind": "article"})
        mw.process_request(unknown)
        assert b"If-None-Match" not in unknown.headers
    finally:
        mw.spider_closed()
    with pytest.raises(NotConfigured):
        ConditionalGetMiddleware.from_crawler(get_crawler(settings_dict={}))
    with pytest.raises(NotConfigured):
        ArchivePipeline.from_crawler(get_crawler(settings_dict={"ADDONS": {ArchiveAddon: 0}}))  # no ARCHIVE_DB_PATH


def test_revisit_back_off_skips_fresh_articles(tmp_path: Path) -> None:
    from cleaning import Page, Speech

    db = tmp_path / "a.db"
    page = Page(url="http://a/1.html", title="t", speeches=[Speech("市长在全市会议上的讲话", ["同志们:" + "今天开会。" * 40])])
    with Archive(db) as archive:
        archive.ingest(Fetch("http://a/1.html", 200, {"ETag": '"e1"'}, b"<html>x</html>"), page)
    # The add-on's default back-off: 20 hours.
    crawler = get_crawler(settings_dict={"ADDONS": {ArchiveAddon: 0}, "ARCHIVE_DB_PATH": str(db)})
    mw = ConditionalGetMiddleware.from_crawler(crawler)
    mw.spider_opened()
    try:
        with pytest.raises(RevisitLater):
            mw.process_request(Request("http://a/1.html", meta={"kind": "article"}))
        forced = Request("http://a/1.html", meta={"kind": "article", "force": True})
        mw.process_request(forced)
        assert forced.headers[b"If-None-Match"] == b'"e1"'
    finally:
        mw.spider_closed()


# -- command line -----------------------------------------------------------------

@pytest.mark.parametrize("command", ["crawl", "recrawl", "demo"])
def test_commands_have_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_crawl_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["crawl", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "--site NAME, --all or --start-url" in result.output
    result = runner.invoke(main, ["crawl", "--site", "nosuch", "--config", str(REPO / "crawler" / "sites.toml")])
    assert result.exit_code == 2 and "unknown site(s) ['nosuch']" in result.output
    result = runner.invoke(main, ["recrawl", "--since", "yesterday", "--site", "hanjia777"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(main, ["recrawl"])
    assert result.exit_code == 2 and "either URLs or --site" in result.output


def test_scrapy_list_shows_the_spiders() -> None:
    import subprocess
    import sys

    scrapy = Path(sys.executable).parent / "scrapy"
    proc = subprocess.run([str(scrapy), "list"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["site", "start", "urls"]


def test_same_host_links_as_the_spider_follows_them() -> None:
    from crawler.links import base_url, same_host_links

    page = "http://127.0.0.1:8001/a/list.html"
    hrefs = ["1.html", " 2.html#top ", "1.html", "/b/3.html?x=1#f", "#top", "javascript:void(0)", "mailto:a@b.cn",
             "http://127.0.0.1:8002/other.html", "https://127.0.0.1:8001/s.html", "ftp://127.0.0.1:8001/f", ""]
    assert same_host_links(page, hrefs) == ["http://127.0.0.1:8001/a/1.html", "http://127.0.0.1:8001/a/2.html",
                                            "http://127.0.0.1:8001/b/3.html?x=1", "https://127.0.0.1:8001/s.html"]
    body = '<html><head><base href="/c/"></head><body><a href="4.html">四</a></body></html>'.encode("gbk")
    base = base_url(body, page, "gbk")
    assert base == "http://127.0.0.1:8001/c/"
    assert same_host_links(page, ["4.html"], base) == ["http://127.0.0.1:8001/c/4.html"]
    assert base_url(b"<html><a href='x'>x</a></html>", page, None) == page


def test_the_cleaner_reads_every_href_once() -> None:
    from cleaning import clean_page

    html = ('<html><head><title>t</title><script>var a = "<a href=x>";</script></head><body>'
            '<nav><a href="/n.html">导航</a></nav><p>正文<a href="a.html#p">链接</a></p>'
            '<noscript><a href="/ns.html">x</a></noscript></body></html>')
    assert clean_page(html.encode(), url="http://h/a/").links == ["/n.html", "a.html#p", "/ns.html"]


def test_links_nobody_read_are_read_by_the_spider() -> None:
    """An item whose links no pipeline handed over (no archive, a page the cleaner refused) still gets them."""
    import asyncio

    from scrapy.http import HtmlResponse

    from crawler.items import PageItem
    from crawler.spiders.start import StartSpider

    spider = StartSpider(start_url="http://127.0.0.1:8001/")
    body = '<html><body><a href="/a/1.html#x">一</a><a href="http://elsewhere/">外</a></body></html>'.encode()
    response = HtmlResponse("http://127.0.0.1:8001/list.html", body=body, encoding="utf-8")
    loop = asyncio.new_event_loop()
    try:
        item = PageItem(url=response.url, kind="page", outcome="fetched", links=loop.create_future())
        spider._links_unread(item, response)
        assert item.links is not None and item.links.result() == ["http://127.0.0.1:8001/a/1.html"]
        given = PageItem(url=response.url, kind="page", outcome="fetched", links=loop.create_future())
        given.links.set_result(["http://127.0.0.1:8001/b.html"])  # the pipeline's answer stays
        spider._links_unread(given, response)
        assert given.links.result() == ["http://127.0.0.1:8001/b.html"]
    finally:
        loop.close()
