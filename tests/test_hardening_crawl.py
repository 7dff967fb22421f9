"""Issue 10, the crawl side: hostile servers on loopback against real `speech-archive` processes.

Each test starts its own misbehaving server (http.server or a raw socket in a
thread), runs the real command in a child process (the Twisted reactor cannot
restart in one process) and reads the real SQLite file it wrote.

    row 2   off-site redirects           test_offsite_redirect_is_an_error_not_a_fetch
    row 3   disk full                    test_disk_full_fails_the_run_with_true_counts
    row 4   two crawls, one job dir      test_second_crawl_on_the_same_job_refuses_to_start
    row 5   remote control               test_no_remote_control_listener_or_job_file
    row 6   link trap                    test_link_trap_ends_at_the_page_budget / _depth_limit
    row 7   robots.txt 5xx / timeout     test_robots_txt_unreachable_disallows_all
    row 8   endless response headers     test_endless_headers_are_cut_off (size),
                                         test_crawl_slow_drip_is_bounded_in_total_time (time)
    row 9   slow-drip URL for extract    test_extract_slow_drip_url_is_bounded
    row 16  recrawl of a dead URL        test_recrawl_of_a_dead_url_fails_fast
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

import pytest

from tests.test_crawler_e2e import build_site
from tests.sqlite_rows import rows as q

EXE = str(Path(sys.executable).parent / "speech-archive")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_BACKOFF_BASE=0.05",
        "-s", "RETRY_BACKOFF_MAX=0.2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "ARCHIVE_CLEAN_WORKERS=0"]


def article_html(title: str, seed: int) -> bytes:
    import random

    rng = random.Random(seed)
    pool = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    paras = "".join("<p>" + "".join(rng.choice(pool) for _ in range(60)) + "。</p>" for _ in range(6))
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><div class="article">'
            f'<h1>{title}</h1><div class="content"><p>同志们:</p>{paras}<p>谢谢大家。</p></div></div>'
            f'</body></html>').encode("utf-8")


def list_html(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{u}">第{i}篇</a></li>' for i, u in enumerate(links))
    return f'<html><head><meta charset="utf-8"><title>列表</title></head><body><ul>{items}</ul></body></html>'.encode()


Route = Callable[[BaseHTTPRequestHandler], None]


class Hostile:
    """A loopback HTTP server whose answers are Python functions per path; logs every path asked."""

    def __init__(self, routes: dict[str, Route], default: Route | None = None) -> None:
        self.routes = routes
        self.default = default
        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer.paths.append(self.path)
                route = outer.routes.get(self.path.split("?")[0]) or outer.default
                if route is None:
                    send(self, 404, b"not here")
                else:
                    route(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def page(body: bytes) -> Route:
    return lambda h: send(h, 200, body)


def robots_allow(h: BaseHTTPRequestHandler) -> None:
    send(h, 200, b"User-agent: *\nDisallow:\n", "text/plain")


@pytest.fixture
def servers() -> Iterator[list[Hostile]]:
    started: list[Hostile] = []
    yield started
    for server in started:
        server.close()


def serve(servers: list[Hostile], routes: dict[str, Route], default: Route | None = None) -> Hostile:
    server = Hostile(routes, default)
    servers.append(server)
    return server


def run(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def write_profile(path: Path, base_url: str, **extra: object) -> Path:
    lines = ['[[site]]', 'name = "t"', f'start_urls = ["{base_url}/"]',
             "article_patterns = ['^/a/']", "list_patterns = ['^/$', '^/go$', '^/t/']", "delay = 0.0",
             "concurrency = 4"]
    lines += [f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"' for k, v in extra.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- row 2 -------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["start-url", "site"])
def test_offsite_redirect_is_an_error_not_a_fetch(tmp_path: Path, servers: list[Hostile], mode: str) -> None:
    elsewhere = serve(servers, {"/robots.txt": robots_allow, "/stolen.html": page(article_html("别人的讲话", 2))})
    home = serve(servers, {})
    home.routes.update({
        "/robots.txt": robots_allow,
        "/": page(list_html(["/a/1.html", "/go"])),
        "/a/1.html": page(article_html("本站的讲话", 1)),
        # Another port of the same host is another site.
        "/go": lambda h: send(h, 302, b"", headers={"Location": f"{elsewhere.base_url}/stolen.html"}),
    })
    db = tmp_path / "a.db"
    what = (["--start-url", f"{home.base_url}/"] if mode == "start-url"
            else ["--site", "t", "--config", str(write_profile(tmp_path / "sites.toml", home.base_url))])
    proc = run("crawl", "--db", str(db), *what, *FAST)
    assert "/go" in home.paths and "/a/1.html" in home.paths, proc.stderr[-2000:]
    assert elsewhere.paths == [], "the off-site target was fetched"
    assert q(db, "select count(*) from pages where url like ?", f"{elsewhere.base_url}%") == [(0,)]
    errors = q(db, "select url, message from crawl_errors")
    assert any("off-site" in message and "/go" in message for _, message in errors), errors
    assert q(db, "select count(*) from speeches where title = '别人的讲话'") == [(0,)]
    assert q(db, "select count(*) from speeches where title = '本站的讲话'") == [(1,)]


# -- row 3 -------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB tmpfs (root only): the archive's disk fills in the middle of a crawl."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def big_site(tmp_path: Path) -> Iterator[str]:
    """300 articles of ~2,000 characters each: about 7 MB once archived, more than the tmpfs holds."""
    import random

    from crawler.sitesrv import SiteServer
    from tests.test_crawler_e2e import Art, _text

    articles = [Art(f"/a/{i:04d}.html", f"市长在第{i}次全市工作会议上的讲话",
                    ["同志们:"] + [_text(random.Random(i), 8) for _ in range(12)] + ["谢谢大家。"])
                for i in range(1, 301)]
    build_site(tmp_path / "site", "甲范文网", articles)
    server = SiteServer(tmp_path / "site").start()
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.mark.parametrize("jobdir_on_the_full_disk", [False, True], ids=["archive-full", "archive-and-jobdir-full"])
def test_disk_full_fails_the_run_with_true_counts(tmp_path: Path, small_disk: Path, big_site: str,
                                                  jobdir_on_the_full_disk: bool) -> None:
    db = small_disk / "a.db"
    jobdir = [] if jobdir_on_the_full_disk else ["--jobdir", str(tmp_path / "jobs")]
    proc = run("crawl", "--db", str(db), "--start-url", f"{big_site}/list/", *jobdir, *FAST, timeout=120)
    assert proc.returncode != 0, proc.stdout
    assert "archive_write_failed" in proc.stdout or "journal_write_failed" in proc.stdout, proc.stdout
    status, note, run_speeches, run_pages = q(db, "select status, note, new_speeches, pages from crawl_runs")[0]
    if jobdir_on_the_full_disk and status == "running":
        # Scrapy's queue and the journal took the last bytes too: not even the run row can be
        # written. The command says so; the next run closes the row as 'killed'.
        assert "could not close crawl run 1 as failed" in proc.stderr, proc.stderr[-3000:]
    else:
        assert status == "failed"
        assert "disk is full" in note or "journal" in note
    if not jobdir_on_the_full_disk:
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
        assert [m for (m,) in q(db, "select message from crawl_errors")] == [
            "archive write failed: OperationalError: database or disk is full"]
    # The counts are what was committed, in the summary and in the run row
    # (`fetched` also counts the dead link /a/missing.html, stored as a gone page).
    stored_speeches = q(db, "select count(*) from speeches")[0][0]
    stored_pages = q(db, "select count(*) from pages")[0][0]
    live_pages = q(db, "select count(*) from pages where gone_at is null")[0][0]
    assert f"new speeches {stored_speeches}," in proc.stdout, (proc.stdout, stored_speeches)
    assert f"fetched {stored_pages}," in proc.stdout, (proc.stdout, stored_pages)
    assert (run_speeches, run_pages) == (stored_speeches, live_pages)
    assert stored_speeches < 300


# -- row 4 -------------------------------------------------------------------
def test_second_crawl_on_the_same_job_refuses_to_start(tmp_path: Path, servers: list[Hostile]) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(0.3)
        send(h, 200, article_html("慢页面" + h.path, len(h.path)))

    links = [f"/a/{i}.html" for i in range(25)]
    home = serve(servers, {"/robots.txt": robots_allow, "/": page(list_html(links))}, default=slow)
    db = tmp_path / "a.db"
    args = ["crawl", "--db", str(db), "--start-url", f"{home.base_url}/", *FAST,
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
    first = subprocess.Popen([EXE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not any(p.startswith("/a/") for p in home.paths) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert first.poll() is None, "the first crawl ended before the second could start"
        started = time.monotonic()
        second = run(*args, timeout=60)
        assert time.monotonic() - started < 15
        assert second.returncode != 0
        assert f"pid {first.pid}" in second.stderr, second.stderr[-2000:]
        assert "Traceback" not in second.stderr
        out, err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err[-2000:]
    assert q(db, "select count(*) from crawl_runs") == [(1,)]
    assert q(db, "select count(*) from pages where url like '%/a/%'") == [(25,)]


# -- row 5 -------------------------------------------------------------------
def _listening_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def _sockets_of(pid: int) -> set[str]:
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:["):-1])
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc to see listening sockets")
def test_no_remote_control_listener_or_job_file(tmp_path: Path, servers: list[Hostile]) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(0.2)
        send(h, 200, article_html("页面" + h.path, len(h.path)))

    home = serve(servers, {"/robots.txt": robots_allow, "/": page(list_html([f"/a/{i}.html" for i in range(20)]))},
                 default=slow)
    state = tmp_path / "state"
    env = {**os.environ, "XDG_STATE_HOME": str(state), "HOME": str(tmp_path)}
    proc = subprocess.Popen([EXE, "crawl", "--db", str(tmp_path / "a.db"), "--start-url", f"{home.base_url}/", *FAST,
                             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    listening: set[str] = set()
    try:
        deadline = time.monotonic() + 30
        while len([p for p in home.paths if p.startswith("/a/")]) < 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None
        listening = _sockets_of(proc.pid) & _listening_inodes()
        job_files = list(state.rglob("*.json")) if state.exists() else []
        proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert listening == set(), "the crawl listens on a port (telnet console or remote control)"
    assert job_files == [], f"remote-control job files written: {job_files}"


# -- row 6 -------------------------------------------------------------------
def trap(h: BaseHTTPRequestHandler) -> None:
    """/t/N links three new URLs, forever."""
    n = int(h.path.rsplit("/", 1)[1] or 0)
    send(h, 200, list_html([f"/t/{3 * n + k}" for k in (1, 2, 3)]))


def test_link_trap_ends_at_the_page_budget(tmp_path: Path, servers: list[Hostile]) -> None:
    home = serve(servers, {"/robots.txt": robots_allow, "/": trap}, default=trap)
    config = write_profile(tmp_path / "sites.toml", home.base_url, max_pages=30)
    db = tmp_path / "a.db"
    proc = run("crawl", "--db", str(db), "--site", "t", "--config", str(config), *FAST, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "page budget of 30 pages reached" in proc.stdout
    assert len(home.paths) < 60
    status, note = q(db, "select status, note from crawl_runs")[0]
    assert status == "ok" and "page budget of 30 pages reached" in note

    # The command line overrides the profile.
    home.paths.clear()
    proc = run("crawl", "--db", str(db), "--site", "t", "--config", str(config), "--max-pages", "8", *FAST, timeout=90)
    assert "page budget of 8 pages reached" in proc.stdout, proc.stdout + proc.stderr[-2000:]
    assert len(home.paths) < 30


def test_link_trap_ends_at_the_depth_limit(tmp_path: Path, servers: list[Hostile]) -> None:
    home = serve(servers, {"/robots.txt": robots_allow, "/": trap}, default=trap)
    db = tmp_path / "a.db"
    # No profile (--start-url): the default budget applies; the depth comes from the command line.
    proc = run("crawl", "--db", str(db), "--start-url", f"{home.base_url}/", "--max-depth", "2", *FAST, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    fetched = {p for p in home.paths if p.startswith("/t/")}
    # depth 1: /t/1-3, depth 2: their 9 children; depth 3 is never asked for.
    assert fetched == {f"/t/{n}" for n in range(1, 13)}, sorted(fetched)
    assert "depth limit 2 reached: 27 links not followed" in proc.stdout
    assert "depth limit 2 reached" in q(db, "select note from crawl_runs")[0][0]


def test_profiles_have_a_default_page_budget_and_depth(tmp_path: Path) -> None:
    from crawler.profiles import DEFAULT_MAX_DEPTH, DEFAULT_MAX_PAGES, load_profiles

    profile = load_profiles(write_profile(tmp_path / "sites.toml", "http://127.0.0.1:1"))["t"]
    assert profile.max_pages == DEFAULT_MAX_PAGES > 0 and profile.max_depth == DEFAULT_MAX_DEPTH > 0
    shipped = load_profiles(Path(__file__).parent.parent / "crawler" / "sites.toml")
    assert all(p.max_pages > 0 and p.max_depth > 0 for p in shipped.values())


# -- row 7 -------------------------------------------------------------------
def _hang(h: BaseHTTPRequestHandler) -> None:
    time.sleep(5)


@pytest.mark.parametrize("robots, allowed", [
    (lambda h: send(h, 503, b"busy", "text/plain"), False),
    (lambda h: send(h, 500, b"User-agent: *\nDisallow:\n", "text/plain"), False),
    (_hang, False),
    (lambda h: send(h, 404, b"none", "text/plain"), True),
    (lambda h: send(h, 403, b"none", "text/plain"), True),
], ids=["503", "500-with-rules", "timeout", "404", "403"])
def test_robots_txt_unreachable_disallows_all(tmp_path: Path, servers: list[Hostile], robots: Route,
                                              allowed: bool) -> None:
    home = serve(servers, {"/robots.txt": robots, "/": page(list_html(["/a/1.html"])),
                           "/a/1.html": page(article_html("讲话", 1))})
    db = tmp_path / "a.db"
    proc = run("crawl", "--db", str(db), "--start-url", f"{home.base_url}/", *FAST, "-s", "DOWNLOAD_TIMEOUT=1",
               "-s", "RETRY_TIMES=1", timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    fetched = [p for p in home.paths if p != "/robots.txt"]
    if allowed:
        assert fetched == ["/", "/a/1.html"]
    else:
        assert fetched == [], fetched
        # Not the site's rule: a page that could not be asked for, so an error naming robots.txt.
        assert "errors 1" in proc.stdout
        assert [m for (m,) in q(db, "select message from crawl_errors")] == [
            m for (m,) in q(db, "select message from crawl_errors") if "robots.txt" in m and "unavailable" in m] != []


# -- rows 8 and 9: servers that never finish their answer ----------------------
class Drip:
    """A raw-socket server: each connection reads the request, then `talk(conn)` writes what it likes."""

    def __init__(self, talk: Callable[[socket.socket], None]) -> None:
        self.talk = talk
        self.sent = 0
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.base_url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                self.talk(conn)
            except OSError:
                pass  # the client gave up: what the tests want

    def send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        self.sent += len(data)

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()


@pytest.fixture
def drip() -> Iterator[Callable[[Callable[[Drip, socket.socket], None]], Drip]]:
    servers: list[Drip] = []

    def start(talk: Callable[[Drip, socket.socket], None]) -> Drip:
        server = Drip(lambda conn: talk(server, conn))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def _drip_body(server: Drip, conn: socket.socket) -> None:
    server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 1000000\r\n\r\n")
    while not server.stopped.is_set():
        server.send(conn, b"<p>")
        time.sleep(0.2)


def _drip_headers(server: Drip, conn: socket.socket) -> None:
    server.send(conn, b"HTTP/1.1 200 OK\r\n")
    while not server.stopped.is_set():
        server.send(conn, b"X-Slow: a\r\n")
        time.sleep(0.2)


def _flood_headers(server: Drip, conn: socket.socket) -> None:
    server.send(conn, b"HTTP/1.1 200 OK\r\n")
    line = b"X-Flood: " + b"a" * 1000 + b"\r\n"
    while not server.stopped.is_set():
        server.send(conn, line)


def test_endless_headers_are_cut_off(tmp_path: Path, drip, servers: list[Hostile]) -> None:
    flood = drip(_flood_headers)
    db = tmp_path / "a.db"
    started = time.monotonic()
    # Default DOWNLOAD_TIMEOUT (30 s) and retries: only the header ceiling can end this early.
    proc = run("crawl", "--db", str(db), "--start-url", f"{flood.base_url}/", "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_BACKOFF_BASE=0.05", "-s", "ROBOTSTXT_OBEY=0",
               timeout=120)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert elapsed < 20, f"{elapsed:.1f}s"
    # Three attempts of 64 KB each, plus what the kernel's socket buffers took: megabytes, not gigabytes.
    assert flood.sent < 32 * 1024 * 1024, flood.sent
    assert "exceed 65536 bytes" in proc.stderr
    assert q(db, "select count(*) from crawl_errors where url = ?", f"{flood.base_url}/") == [(1,)]


@pytest.mark.parametrize("talk", [_drip_body, _drip_headers], ids=["body", "headers"])
def test_crawl_slow_drip_is_bounded_in_total_time(tmp_path: Path, drip, talk) -> None:
    """The total-time half of row 8: DOWNLOAD_TIMEOUT bounds a download from request to last byte."""
    server = drip(talk)
    db = tmp_path / "a.db"
    started = time.monotonic()
    proc = run("crawl", "--db", str(db), "--start-url", f"{server.base_url}/", "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "ROBOTSTXT_OBEY=0", "-s", "DOWNLOAD_TIMEOUT=2",
               "-s", "RETRY_TIMES=0", timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert time.monotonic() - started < 15
    assert [m for (m,) in q(db, "select message from crawl_errors")] == [
        m for (m,) in q(db, "select message from crawl_errors") if "took longer than 2" in m] != []


@pytest.mark.parametrize("talk", [_drip_body, _drip_headers], ids=["body", "headers"])
def test_extract_slow_drip_url_is_bounded(drip, talk) -> None:
    server = drip(talk)
    started = time.monotonic()
    proc = run("extract", f"{server.base_url}/a/1.html", "--timeout", "2", timeout=60)
    elapsed = time.monotonic() - started
    assert proc.returncode != 0
    assert elapsed < 10, f"{elapsed:.1f}s"
    assert "no complete answer within 2 s" in proc.stderr, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


# -- row 16 ------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_recrawl_of_a_dead_url_fails_fast(tmp_path: Path, servers: list[Hostile]) -> None:
    home = serve(servers, {"/robots.txt": robots_allow, "/a/1.html": page(article_html("讲话", 1))})
    db = tmp_path / "a.db"
    assert run("recrawl", f"{home.base_url}/a/1.html", "--db", str(db)).returncode == 0
    dead = f"http://127.0.0.1:{_free_port()}/a/2.html"
    started = time.monotonic()
    proc = run("recrawl", dead, "--db", str(db), timeout=60)
    elapsed = time.monotonic() - started
    assert proc.returncode != 0
    assert elapsed < 15, f"{elapsed:.1f}s"
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "errors 1" in proc.stdout
    status = q(db, "select status from crawl_runs order by id desc limit 1")[0][0]
    assert status == "failed"
    assert q(db, "select count(*) from crawl_errors where url = ?", dead) == [(1,)]
