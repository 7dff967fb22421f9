"""End to end: real loopback HTTP servers, real `speech-archive crawl` child processes, real SQLite.

Crawls run in subprocesses because the Twisted reactor cannot restart within
one process. The sites are generated into tmp_path so tests can change and
delete pages between crawls; two sites on two loopback hosts share one speech.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.sitesrv import SiteServer, loopback_host
from tests.sqlite_rows import rows as q

EXE = str(Path(sys.executable).parent / "speech-archive")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_BACKOFF_BASE=0.05",
        "-s", "RETRY_BACKOFF_MAX=0.2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
# Recrawl every article on every run (the back-off is tested by the archive's own tests).
EVERY_RUN = ["-s", "ARCHIVE_REVISIT_BASE_HOURS=0"]

_REGIONS = ("东城区", "西城区", "南湖区", "北山县", "江北新区", "河西区", "城南县", "滨海新区", "高新区")
_POOL = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def _text(rng: random.Random, sentences: int) -> str:
    return "".join("".join(rng.choice(_POOL) for _ in range(rng.randint(14, 28))) + "。" for _ in range(sentences))


@dataclass
class Art:
    path: str
    title: str
    paragraphs: list[str]
    next_page: str | None = None


def _page(site_title: str, title: str, content: str, encoding: str = "utf-8") -> bytes:
    html = f"""<!DOCTYPE html><html><head><meta charset="{encoding}"><title>{title}_{site_title}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/list/">公文范文</a> <a href="/private/">会员专区</a></div>
<div class="position">位置: <a href="/">首页</a> &gt; <a href="/list/">公文范文</a> &gt; 文章内容</div>
<div class="article"><h1>{title}</h1><div class="info">2022-06-11 19:24:01 投稿作者:网友投稿</div>
<div class="content">{content}</div></div>
<div class="copyright">Copyright &copy; 2022 {site_title} 版权所有 ICP备12345678号</div></body></html>"""
    return html.encode(encoding)


def _paras(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def build_site(root: Path, site_title: str, articles: list[Art], hooks: bool = False, gbk: set[str] = frozenset()) -> None:
    """A small DedeCMS-like site: a list with pagination, articles, robots.txt closing /private/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    firsts = [a for a in articles if not a.path.rsplit("/", 1)[-1].split(".")[0].count("_")]
    half = (len(firsts) + 1) // 2
    bad = ["/__hooks__/500", "/__hooks__/redirect-loop", "/__hooks__/binary", "/__hooks__/huge?mb=20",
           "/__hooks__/wrong-charset", "/__hooks__/broken"] if hooks else []
    for number, chunk in ((1, firsts[:half]), (2, firsts[half:])):
        links = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in chunk)
        if number == 1:
            links += "".join(f'<li><a href="{u}">坏页面</a></li>' for u in bad)
            links += '<li><a href="/private/secret.html">内部讲话</a></li><li><a href="/a/missing.html">旧文章</a></li>'
            pager = '<a href="/list/list_2.html">下一页</a>'
        else:
            pager = '<a href="/list/">上一页</a>'
        page = (f'<html><head><meta charset="utf-8"><title>公文范文_{site_title}</title></head><body>'
                f'<h1>公文范文</h1><ul>{links}</ul><div class="pages">{pager}</div></body></html>')
        target = root / "list" / ("index.html" if number == 1 else "list_2.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    (root / "index.html").write_text(
        f'<html><head><meta charset="utf-8"><title>{site_title}</title></head><body>'
        f'<a href="/list/">公文范文</a></body></html>', encoding="utf-8")
    for art in articles:
        content = _paras(art.paragraphs)
        if art.next_page:
            content += f'<div class="pagebreak"><a href="{art.next_page}">下一页</a></div>'
        encoding = "gbk" if art.path in gbk else "utf-8"
        target = root / art.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_page(site_title, art.title, content, encoding))
    private = root / "private" / "secret.html"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_bytes(_page(site_title, "不应抓取的内部讲话", _paras([_text(random.Random(99), 6)])))


def make_articles(seed: int, count: int, offices: tuple[str, ...] = ("市长", "区长", "县委书记", "副市长")) -> list[Art]:
    rng = random.Random(seed)
    arts = []
    for i in range(1, count + 1):
        office = offices[i % len(offices)]
        # No digits like "404" in titles: the cleaner rightly reads those as error pages.
        title = f"{office}在{_REGIONS[seed % len(_REGIONS)]}第{i}次工作会议上的讲话"
        arts.append(Art(f"/a/{seed}{i:03d}.html", title, ["同志们:"] + [_text(rng, 3) for _ in range(5)] + ["谢谢大家。"]))
    return arts


def write_config(path: Path, sites: dict[str, tuple[str, str]]) -> Path:
    lines = []
    for name, (base_url, title) in sites.items():
        lines += ["[[site]]", f'name = "{name}"', f'title = "{title}"', f'start_urls = ["{base_url}/list/"]',
                  "article_patterns = ['^/a/[0-9_]+\\.html$', '^/a/missing\\.html$', '^/private/', '^/__hooks__/']",
                  "list_patterns = ['^/list/']", "delay = 0.0", "concurrency = 4", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def crawl(db: Path, config: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    cmd = [EXE, "crawl", "--db", str(db), "--config", str(config), *FAST, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def one(db: Path, sql: str, *params: object) -> object:
    return q(db, sql, *params)[0][0]


@dataclass
class TwoSites:
    a: SiteServer
    b: SiteServer
    a_root: Path
    config: Path
    shared: Art
    two_page: Art
    part2: Art
    a_articles: list[Art]


@pytest.fixture
def two_sites(tmp_path: Path):
    a_articles = make_articles(1, 5)
    shared = make_articles(7, 1)[0]
    shared.path = "/a/1900.html"
    rng = random.Random(5)
    two_page = Art("/a/1500.html", "在全市项目建设推进会上的讲话",
                   ["同志们:", "第一部分开头" + _text(rng, 3), _text(rng, 3)], next_page="/a/1500_2.html")
    part2 = Art("/a/1500_2.html", "在全市项目建设推进会上的讲话", ["第二部分开头" + _text(rng, 3)] + [_text(rng, 3) for _ in range(3)] + ["最后一段结束语。"])
    gbk_art = make_articles(3, 1)[0]
    build_site(tmp_path / "a", "甲范文网", a_articles + [shared, two_page, part2, gbk_art], hooks=True, gbk={gbk_art.path})
    b_articles = make_articles(2, 3)
    b_shared = Art("/a/2900.html", shared.title, list(shared.paragraphs))  # the same speech, reposted
    build_site(tmp_path / "b", "乙阅读网", b_articles + [b_shared])
    a = SiteServer(tmp_path / "a", hooks=True, host=loopback_host(0)).start()
    b = SiteServer(tmp_path / "b", host=loopback_host(1)).start()
    config = write_config(tmp_path / "sites.toml", {"a": (a.base_url, "甲范文网"), "b": (b.base_url, "乙阅读网")})
    try:
        yield TwoSites(a, b, tmp_path / "a", config, shared, two_page, part2, a_articles + [gbk_art])
    finally:
        a.stop()
        b.stop()


def test_first_crawl_archives_both_sites(tmp_path: Path, two_sites: TwoSites) -> None:
    db = tmp_path / "archive.db"
    crawl(db, two_sites.config, "--site", "a", "--site", "b", "--trigger", "test")

    # 6 singles on a + the stitched two-page article + 3 on b; the shared speech once.
    assert one(db, "select count(*) from speeches") == 6 + 1 + 3 + 1
    shared_sources = q(db, "select count(distinct p.site_id), count(*) from speech_sources s join pages p on p.id = s.page_id"
                           " join speeches sp on sp.id = s.speech_id where sp.title = ?", two_sites.shared.title)
    if loopback_host(1) != "127.0.0.1":  # two hosts only where the OS routes all of 127/8
        assert shared_sources == [(2, 2)]
    else:
        assert shared_sources[0][1] == 2

    # The two-page article: one speech holding both parts, part 2 never archived alone.
    bodies = [r[0] for r in q(db, "select body from speeches where body like '%第一部分开头%' or body like '%第二部分开头%'")]
    assert len(bodies) == 1 and "第一部分开头" in bodies[0] and "最后一段结束语。" in bodies[0]
    assert "/a/1500_2.html" in two_sites.a.paths(200)

    # robots.txt: /private/ never requested, never archived.
    assert not [p for p in two_sites.a.paths() if p.startswith("/private/")]
    assert one(db, "select count(*) from pages where url like '%/private/%'") == 0

    # The GBK page decoded.
    gbk = two_sites.a_articles[-1]
    assert one(db, "select count(*) from speeches where title = ?", gbk.title) == 1

    # Bad pages logged and counted, the crawl went on: 500, redirect loop, binary, 20 MB.
    runs = q(db, "select sites, status, errors, trigger, gone from crawl_runs order by id")
    assert [(json.loads(r[0]), r[1], r[3]) for r in runs] == [(["a"], "ok", "test"), (["b"], "ok", "test")]
    assert runs[0][2] == 4 and runs[1][2] == 0
    errors = {r[0].rsplit("/", 1)[-1]: r[1] for r in q(db, "select url, message from crawl_errors")}
    assert set(errors) == {"500", "redirect-loop", "binary", "huge?mb=20"}
    assert "max size" in errors["huge?mb=20"] or "maxsize" in errors["huge?mb=20"].lower()
    assert one(db, "select count(*) from speeches where body like '%很长的页面%'") == 0
    # The mislabelled-charset and broken pages stored no garbage.
    assert one(db, "select count(*) from speeches where body like '%' || char(65533) || '%'") == 0
    # The dead link: a page row with gone_at, no speech.
    assert q(db, "select last_status, gone_at is not null from pages where url = ?",
             f"{two_sites.a.base_url}/a/missing.html") == [(404, 1)]


def test_recrawl_unchanged_changed_removed(tmp_path: Path, two_sites: TwoSites) -> None:
    db = tmp_path / "archive.db"
    crawl(db, two_sites.config, "--site", "a")
    speeches = one(db, "select count(*) from speeches")
    assert one(db, "select count(*) from speech_versions") == speeches

    # Unchanged: conditional GETs answered 304, nothing cleaned, no new version.
    two_sites.a.clear_log()
    crawl(db, two_sites.config, "--site", "a", *EVERY_RUN)
    article_requests = [r for r in two_sites.a.requests if r.path.startswith("/a/") and "missing" not in r.path
                        and "_2" not in r.path]
    assert article_requests and all(r.status == 304 for r in article_requests)
    assert all("If-None-Match" in r.headers for r in article_requests)
    run = q(db, "select new_versions, new_speeches, not_modified, unchanged_pages from crawl_runs order by id desc limit 1")[0]
    assert run[0] == 0 and run[1] == 0 and run[2] == len(article_requests)
    # List pages come in full every run (their links matter) but identical bytes cost no cleaning.
    assert run[3] >= 2
    assert one(db, "select count(*) from speech_versions") == speeches

    # One article changed: exactly one new version of that speech, nothing else new.
    changed = two_sites.a_articles[0]
    changed_file = two_sites.a_root / changed.path.lstrip("/")
    changed.paragraphs[2] = changed.paragraphs[2][:-1] + ",并补充了新的一句话。"
    changed_file.write_bytes(_page("甲范文网", changed.title, _paras(changed.paragraphs)))
    crawl(db, two_sites.config, "--site", "a", *EVERY_RUN)
    assert one(db, "select count(*) from speech_versions") == speeches + 1
    assert one(db, "select count(*) from speeches") == speeches
    assert one(db, "select new_versions from crawl_runs order by id desc limit 1") == 1
    versions = q(db, "select v.version, v.body like '%并补充了新的一句话%' from speech_versions_full v join speeches s"
                     " on s.id = v.speech_id where s.title = ? order by v.version", changed.title)
    assert versions == [(1, 0), (2, 1)]

    # One article removed: its page gets gone_at, its speech stays.
    removed = two_sites.a_articles[1]
    (two_sites.a_root / removed.path.lstrip("/")).unlink()
    crawl(db, two_sites.config, "--site", "a", *EVERY_RUN)
    assert q(db, "select last_status, gone_at is not null from pages where url like ?", f"%{removed.path}") == [(404, 1)]
    assert one(db, "select count(*) from speeches where title = ?", removed.title) == 1
    assert one(db, "select gone from crawl_runs order by id desc limit 1") >= 1


def test_start_url_crawl_uses_the_cleaners_verdict(tmp_path: Path, two_sites: TwoSites) -> None:
    db = tmp_path / "archive.db"
    crawl(db, two_sites.config, "--start-url", f"{two_sites.b.base_url}/")
    # 3 articles + the shared one; list pages archived without speeches.
    assert one(db, "select count(*) from speeches") == 4
    assert one(db, "select count(*) from pages where url like '%/list/%' and speech_count = 0") == 2
    runs = q(db, "select status, sites from crawl_runs")
    assert len(runs) == 1 and runs[0][0] == "ok"


def test_recrawl_command_prints_a_summary(tmp_path: Path, two_sites: TwoSites) -> None:
    db = tmp_path / "archive.db"
    crawl(db, two_sites.config, "--site", "b")
    urls = [f"{two_sites.b.base_url}/a/2001.html", f"{two_sites.b.base_url}/a/2002.html"]
    (two_sites.b.root / "a" / "2002.html").unlink()
    two_sites.b.clear_log()
    # All URLs queue at once while robots.txt loads: the disallowed one must still wait for it.
    private = [f"{two_sites.b.base_url}/private/secret.html", f"{two_sites.b.base_url}/private/"]
    proc = subprocess.run([EXE, "recrawl", *urls, *private, "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "recrawl: ok; pages 2, " in proc.stdout  # the shared summary (cli/common.py)
    assert "new speeches 0, new sources 0, new versions 0, unchanged 1, errors 0" in proc.stdout
    assert not [p for p in two_sites.b.paths() if p.startswith("/private/")]
    assert one(db, "select trigger from crawl_runs order by id desc limit 1") == "recrawl"
    assert one(db, "select count(*) from pages where gone_at is not null and url like '%/a/2002.html'") == 1

    # --site: every known page of the profile that is not gone; --since filters by first_seen.
    two_sites.b.clear_log()
    proc = subprocess.run([EXE, "recrawl", "--site", "b", "--config", str(two_sites.config), "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    known = one(db, "select count(*) from pages where gone_at is null and url like ?", f"{two_sites.b.base_url}/%")
    assert f"recrawl: ok; pages {known}, " in proc.stdout
    assert f"new speeches 0, new sources 0, new versions 0, unchanged {known}, errors 0" in proc.stdout
    assert sorted(set(two_sites.b.paths()) - {"/robots.txt"}) == sorted(
        r[0].split(two_sites.b.base_url, 1)[1] for r in q(db, "select url from pages where gone_at is null and url like ?",
                                                          f"{two_sites.b.base_url}/%"))
    proc = subprocess.run([EXE, "recrawl", "--site", "b", "--since", "2999-01-01", "--config", str(two_sites.config),
                           "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "no known pages of b" in proc.stdout


# -- interruption --------------------------------------------------------------------


@pytest.fixture
def slow_site(tmp_path: Path):
    articles = make_articles(4, 40)
    build_site(tmp_path / "slow", "慢速范文网", articles)
    server = SiteServer(tmp_path / "slow", latency=0.08).start()
    config = write_config(tmp_path / "sites.toml", {"slow": (server.base_url, "慢速范文网")})
    try:
        yield server, config, articles
    finally:
        server.stop()


def _start(db: Path, config: Path, jobdir: Path, tmp: Path | None = None) -> subprocess.Popen[str]:
    cmd = [EXE, "crawl", "--site", "slow", "--db", str(db), "--config", str(config), "--jobdir", str(jobdir), *FAST,
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
    env = None if tmp is None else {**os.environ, "TMPDIR": str(tmp)}  # where the crawl's temporary files go
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _wait_for_articles(db: Path, proc: subprocess.Popen[str], at_least: int, limit: float = 60) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the crawl ended before it could be interrupted"
        if db.exists():
            try:
                n = one(db, "select count(*) from speech_sources")
            except sqlite3.OperationalError:
                n = 0
            if n >= at_least:
                return int(n)
        time.sleep(0.05)
    raise AssertionError("the crawl made no progress")


def _children(pid: int) -> list[int]:
    """Child processes of pid (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _archived_paths(db: Path) -> set[str]:
    rows = q(db, "select p.url from pages p join speech_sources s on s.page_id = p.id")
    return {"/" + r[0].split("/", 3)[3] for r in rows}


def test_kill9_then_resume_loses_and_duplicates_nothing(tmp_path: Path, slow_site) -> None:
    server, config, articles = slow_site
    db, jobdir, tmp = tmp_path / "archive.db", tmp_path / "jobs", tmp_path / "tmp"
    tmp.mkdir()
    proc = _start(db, config, jobdir, tmp)
    _wait_for_articles(db, proc, 8)
    assert list(tmp.iterdir()), "the workers' site templates are shipped through a temporary directory"
    workers = _children(proc.pid)
    assert workers, "cleaning runs in worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    # The cleaning workers leave with their parent instead of lingering as orphans.
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    assert not list(tmp.iterdir()), "the workers removed the shipped templates the killed crawl left"
    before = _archived_paths(db)
    assert 8 <= len(before) < len(articles)
    server.clear_log()

    proc = _start(db, config, jobdir)
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-3000:]
    assert "unclean stop" in err

    # Nothing lost, nothing twice.
    assert _archived_paths(db) == {a.path for a in articles}
    assert one(db, "select count(*) from speeches") == len(articles)
    assert one(db, "select count(*) from speech_sources") == len(articles)
    assert one(db, "select count(*) from speech_versions") == len(articles)
    # Pages archived before the kill were not fetched again (one may have been mid-way).
    refetched = [p for p in server.paths(200) if p in before]
    assert len(refetched) <= 1, refetched
    statuses = [r[0] for r in q(db, "select status from crawl_runs order by id")]
    # The killed run never finished its row; the next run found its process dead and closed it.
    assert statuses == ["killed", "ok"]


def test_sigterm_stops_at_a_page_boundary_and_resumes(tmp_path: Path, slow_site) -> None:
    server, config, articles = slow_site
    db, jobdir = tmp_path / "archive.db", tmp_path / "jobs"
    proc = _start(db, config, jobdir)
    _wait_for_articles(db, proc, 5)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 0
    stopped = q(db, "select status, errors from crawl_runs")
    assert stopped == [("stopped", 0)]
    partial = len(_archived_paths(db))
    assert partial < len(articles)

    proc = _start(db, config, jobdir)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-3000:]
    assert _archived_paths(db) == {a.path for a in articles}
    assert one(db, "select count(*) from speeches") == len(articles)
    assert [r[0] for r in q(db, "select status from crawl_runs order by id")] == ["stopped", "ok"]


def test_timeout_finishes_the_run_as_timeout(tmp_path: Path, slow_site) -> None:
    server, config, articles = slow_site
    db = tmp_path / "archive.db"
    # One request at a time at 0.08 s each: the 40 articles alone take 3.2 s, so a 3 s limit
    # always stops the crawl early, and leaves a loaded machine time to start it (at 1.5 s,
    # with load 5 on two cores, only the list page was fetched).
    proc = subprocess.run([EXE, "crawl", "--site", "slow", "--db", str(db), "--config", str(config), *FAST,
                           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--timeout", "3", "--no-resume"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert q(db, "select status from crawl_runs") == [("timeout",)]
    assert 0 < one(db, "select count(*) from speech_sources") < len(articles)
    # One request at a time, as CONCURRENT_REQUESTS_PER_DOMAIN=1 says, even with no delay.
    assert server.peak_in_flight == 1


def test_per_host_concurrency_is_a_ceiling(tmp_path: Path, slow_site) -> None:
    server, config, articles = slow_site
    db = tmp_path / "archive.db"
    proc = subprocess.run([EXE, "crawl", "--site", "slow", "--db", str(db), "--config", str(config), *FAST,
                           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=3"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert one(db, "select count(*) from speeches") == len(articles)
    assert 2 <= server.peak_in_flight <= 3
