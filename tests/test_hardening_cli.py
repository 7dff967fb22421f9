"""Issue 10, command-line hardening: bad input gets one clear line and a non-zero exit, nothing is
created or changed, and every command shares --db/SPEECH_ARCHIVE_DB, -v/-q and one summary format.

Real processes (`.venv/bin/speech-archive`), real files, a real read-only bind mount (as root),
a real HTTP server on 127.0.0.1 and real signals.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from archive import Archive, Fetch
from cleaning import clean_page

EXE = str(Path(sys.executable).parent / "speech-archive")
ROOT = Path(__file__).resolve().parents[1]

TITLE = "在全市招商引资工作会议上的讲话"
PARAS = "".join(f"<p>{p}</p>" for p in (
    "同志们:今天召开全市招商引资工作会议,主要任务是总结去年招商引资工作,安排部署今年重点任务。",
    "刚才,X同志通报了去年全市招商引资完成情况,几个县区作了交流发言,讲得都很好,我完全同意。",
    "一、充分肯定成绩,进一步增强做好招商引资工作的信心。过去一年,全市上下牢固树立项目为王理念,"
    "全年新签约项目XX个,总投资XX亿元,为经济稳定增长提供了有力支撑。",
    "二、准确把握形势,进一步明确招商引资工作的方向。当前区域竞争日趋激烈,各地都在抢项目、抢资金、"
    "抢人才,我们必须增强紧迫感,在产业链招商上下功夫。",
    "三、强化工作举措,进一步提升招商引资的质量和效益。要健全领导挂帅、部门协同的工作机制,"
    "完善项目跟踪服务,确保签约项目早落地、早投产、早见效。",
    "同志们,招商引资是经济工作的生命线。让我们坚定信心、真抓实干,奋力开创全市招商引资工作新局面!",
))


def page_html(body: str = f"<h1>{TITLE}</h1>{PARAS}", head: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{TITLE}_77范文网</title>{head}</head>"
            f"<body>{body}</body></html>")


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SPEECH_ARCHIVE_DB"}
    full_env.update(env or {})
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout, env=full_env, **kw)


def one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 1, stderr exactly one `Error: …` line naming `words`, no traceback."""
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def fingerprint(directory: Path) -> dict[str, tuple[int, str]]:
    """Every file in `directory`: size and sha256 (what 'nothing created or changed' compares)."""
    return {p.name: (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.fixture
def archive_db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        url = "http://www.hanjia777.com/gw/1.html"
        body = page_html().encode("utf-8")
        archive.ingest(Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"}, body), clean_page(body, url=url))
    return path


# -- row 1: export onto the archive ------------------------------------------------------------
def test_export_onto_the_archive_is_refused_and_nothing_written(archive_db: Path, tmp_path: Path) -> None:
    # A writer holds the archive open so its -wal and -shm exist too.
    holder = sqlite3.connect(archive_db)
    holder.execute("pragma journal_mode=wal")
    holder.execute("create table if not exists _probe (x)")
    holder.commit()
    (tmp_path / "link.db").symlink_to(archive_db)
    os.link(archive_db, tmp_path / "hard.db")
    try:
        before = fingerprint(tmp_path)
        assert {"a.db-wal", "a.db-shm"} <= set(before)
        for target in (archive_db, tmp_path / "a.db-wal", tmp_path / "a.db-shm", tmp_path / "link.db",
                       tmp_path / "hard.db", Path(os.path.relpath(archive_db))):
            proc = run("export", "--db", str(archive_db), "-o", str(target))
            one_line_error(proc, "is the archive")
            assert fingerprint(tmp_path) == before, target
    finally:
        holder.close()


# -- row 9: /dev/zero, a FIFO, a stdin that never ends --------------------------------------------
# Linux carries a process's peak RSS across fork and exec, so a command started
# straight from this (large, long-lived) pytest process would report pytest's own
# peak. A small launcher forks the command instead and writes its peak (KB) to
# the file descriptor named by its first argument.
_LAUNCHER = (
    "import os, sys\n"
    "report = int(sys.argv[1])\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.close(report)\n"
    "    os.execv(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "os.write(report, str(usage.ru_maxrss).encode())\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def _run_measured(args: list[str], stdin=None, timeout: float = 60) -> tuple[int, str, float, int]:
    """(status, stderr, seconds, peak RSS in MB) of one real process."""
    start = time.monotonic()
    peak_read, peak_write = os.pipe()
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(peak_write), EXE, *args], stdin=stdin,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=(peak_write,))
    os.close(peak_write)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        err = proc.stderr.read().decode()
        proc.wait()
        with os.fdopen(peak_read, "rb") as peak:
            peak_kb = int(peak.read() or 0)
    finally:
        timer.cancel()
    return proc.returncode, err, time.monotonic() - start, peak_kb // 1024


def test_extract_dev_zero_and_a_fifo_are_refused_at_once(tmp_path: Path) -> None:
    for path in ("/dev/zero", "/dev/urandom"):
        one_line_error(run("extract", path, timeout=30), path, "not a regular file")
    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)  # nobody ever writes it: opening it would block forever
    started = time.monotonic()
    one_line_error(run("extract", str(fifo), timeout=30), "not a regular file")
    assert time.monotonic() - started < 20


def test_extract_stdin_is_bounded_by_size_and_total_time() -> None:
    with open("/dev/zero", "rb") as zero:
        status, err, _, peak_mb = _run_measured(["extract", "-"], stdin=zero)
    assert status == 1 and "larger than" in err and "Traceback" not in err
    assert peak_mb < 400, f"{peak_mb} MB read from an endless stdin"
    # A writer that never closes the pipe: the total timeout ends it.
    never = subprocess.Popen(["sleep", "60"], stdout=subprocess.PIPE)
    try:
        status, err, seconds, _ = _run_measured(["extract", "-", "--timeout", "1"], stdin=never.stdout)
    finally:
        never.kill()
        never.wait()
    assert status == 1 and "no end of input within 1 s" in err
    assert seconds < 15


def test_extract_dash_reads_stdin() -> None:
    proc = run("extract", "-", "--json", input=page_html())
    assert proc.returncode == 0, proc.stderr
    page = json.loads(proc.stdout)
    assert [s["title"] for s in page["speeches"]] == [TITLE]


# -- rows 10 and 11: pathological nesting keeps the article -----------------------------------
def test_json_ld_thousands_of_levels_deep_keeps_the_article(tmp_path: Path) -> None:
    depth = 50_000
    deep = '{"@type":"Article","author":' + '{"a":[' * depth + "1" + "]}" * depth + "}"
    saved = tmp_path / "deep-ld.html"
    saved.write_text(page_html(head=f"<script type='application/ld+json'>{deep}</script>"), encoding="utf-8")
    proc = run("extract", str(saved), "--json")
    assert proc.returncode == 0 and "RecursionError" not in proc.stderr, proc.stderr[-2000:]
    assert [s["title"] for s in json.loads(proc.stdout)["speeches"]] == [TITLE]


@pytest.mark.parametrize("depth", [300, 1500])
def test_article_nested_deep_is_kept(tmp_path: Path, depth: int) -> None:
    saved = tmp_path / "deep.html"
    saved.write_text(page_html("<div>" * depth + f"<h1>{TITLE}</h1>{PARAS}" + "</div>" * depth), encoding="utf-8")
    proc = run("extract", str(saved), "--json")
    assert proc.returncode == 0, proc.stderr
    page = json.loads(proc.stdout)
    assert [s["title"] for s in page["speeches"]] == [TITLE]
    assert len(page["speeches"][0]["body"].splitlines()) == 6


# -- rows 12 and 13: files that are not (our) archives -----------------------------------------
READ_COMMANDS = (("stats",), ("search", "招商"), ("export",), ("serve", "--port", "0"))


def _foreign(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("create table speeches (id integer primary key, words text)")
    con.execute("insert into speeches (words) values ('someone else''s data')")
    con.commit()
    con.close()


def _newer(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("insert into _sqlite_migrations (migration_set, name, applied_at)"
                " values ('speech_archive', 'm999_from_the_future', '2030-01-01')")
    con.commit()
    con.close()


@pytest.mark.parametrize("kind,words", [("empty", "empty file"), ("empty_sqlite", "empty SQLite database"),
                                        ("foreign", "not a speech archive"), ("newer", "newer speech-archive")])
def test_read_commands_refuse_what_is_not_an_archive(tmp_path: Path, archive_db: Path, kind: str, words: str) -> None:
    path = tmp_path / "x.db"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "empty_sqlite":
        con = sqlite3.connect(path)
        con.execute("pragma user_version = 1")
        con.close()
    elif kind == "foreign":
        _foreign(path)
    else:
        shutil.copy(archive_db, path)
        _newer(path)
    archive_db.unlink()
    before = fingerprint(tmp_path)
    for command in READ_COMMANDS:
        one_line_error(run(*command, "--db", str(path), timeout=60), str(path), words)
        assert fingerprint(tmp_path) == before, command


@pytest.mark.parametrize("kind", ["foreign", "newer"])
def test_writers_refuse_a_foreign_or_newer_database(tmp_path: Path, archive_db: Path, kind: str) -> None:
    if kind == "foreign":
        archive_db.unlink()
        _foreign(archive_db)
    else:
        _newer(archive_db)
    before = fingerprint(tmp_path)
    one_line_error(run("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(archive_db)), str(archive_db))
    one_line_error(run("reclean", "--db", str(archive_db)), str(archive_db))
    assert fingerprint(tmp_path) == before


# -- row 14: a read-only mount -------------------------------------------------------------------
@pytest.fixture
def read_only_copy(archive_db: Path, tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root and mount(8)")
    source = tmp_path / "rw"
    source.mkdir()
    shutil.copy(archive_db, source / "a.db")  # closed cleanly: no -wal/-shm beside it
    mountpoint = tmp_path / "ro"
    mountpoint.mkdir()
    bind = subprocess.run(["mount", "--bind", str(source), str(mountpoint)], capture_output=True, text=True)
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.strip()}")
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(mountpoint)], capture_output=True, text=True)
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {ro.stderr.strip()}")
        yield mountpoint / "a.db"
    finally:
        subprocess.run(["umount", str(mountpoint)], check=False)


def test_archive_on_a_read_only_mount_is_read_and_never_written(read_only_copy: Path) -> None:
    with pytest.raises(OSError):
        (read_only_copy.parent / "probe").write_text("x")  # the mount really is read-only
    stats = run("stats", "--db", str(read_only_copy), "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["speeches"] == 1
    found = run("search", "招商", "--db", str(read_only_copy), "--json")
    assert found.returncode == 0 and json.loads(found.stdout.splitlines()[0])["title"] == TITLE
    exported = run("export", "--db", str(read_only_copy))
    assert exported.returncode == 0 and TITLE in exported.stdout
    # Datasette too: served immutable (-i), since SQLite cannot keep a WAL index there.
    from tests.datasette_server import serve

    with serve(read_only_copy) as base:
        with urllib.request.urlopen(f"{base}/a.json?sql=select+count(*)+as+n+from+speeches&_shape=array",
                                    timeout=30) as response:
            assert json.loads(response.read()) == [{"n": 1}]
    crawl = run("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(read_only_copy))
    one_line_error(crawl, "read-only")
    one_line_error(run("reclean", "--db", str(read_only_copy)), "read-only")
    assert sorted(p.name for p in read_only_copy.parent.iterdir()) == ["a.db"]


# -- row 15: a config that is not UTF-8, outputs that cannot be written ----------------------------
def test_sites_toml_not_utf8_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "sites.toml"
    config.write_bytes('[[site]]\nname = "范文"\n'.encode("gb18030"))
    db = tmp_path / "new.db"
    for args in (("crawl", "--all", "--db", str(db)), ("schedule", "--list", "--db", str(db)),
                 ("recrawl", "--site", "x", "--db", str(db))):
        one_line_error(run(*args, "--config", str(config)), "not UTF-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sites.toml"]


def test_export_into_a_missing_directory_or_a_full_disk(archive_db: Path, tmp_path: Path) -> None:
    one_line_error(run("export", "--db", str(archive_db), "-o", str(tmp_path / "no" / "such" / "x.jsonl")),
                   "no such directory")
    one_line_error(run("export", "--db", str(archive_db), "-o", "/dev/full"), "/dev/full")
    # An existing output is replaced whole or not at all.
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    ok = run("export", "--db", str(archive_db), "-o", str(out), "--json")
    assert ok.returncode == 0 and json.loads(ok.stderr)["speeches"] == 1
    assert TITLE in out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_export_on_a_full_tmpfs_keeps_the_old_output(archive_db: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(small)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        out = small / "speeches.jsonl"
        out.write_text("the previous export\n", encoding="utf-8")
        filler = os.open(small / "filler", os.O_WRONLY | os.O_CREAT)  # the rest of the tmpfs, to the last block
        try:
            while os.write(filler, b"\0" * 512):
                pass
        except OSError:
            pass
        finally:
            os.close(filler)
        one_line_error(run("export", "--db", str(archive_db), "-o", str(out)), "disk full")
        assert out.read_text(encoding="utf-8") == "the previous export\n"
        assert sorted(p.name for p in small.iterdir()) == ["filler", "speeches.jsonl"]
    finally:
        subprocess.run(["umount", str(small)], check=False)


# -- row 17: demo --keep-serving stops on Ctrl-C and SIGTERM ----------------------------------------
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_demo_keep_serving_stops_within_two_seconds(tmp_path: Path, signum: int) -> None:
    proc = subprocess.Popen([EXE, "demo", "--db", str(tmp_path / "demo.db"), "--keep-serving"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err_lines: list[str] = []
    drain = threading.Thread(target=lambda: err_lines.extend(proc.stderr), daemon=True)
    drain.start()
    try:
        deadline = time.monotonic() + 300
        out = []
        for line in proc.stdout:
            out.append(line)
            if "still up" in line or time.monotonic() > deadline:
                break
        assert any("still up" in line for line in out), "".join(out) + "".join(err_lines)[-3000:]
        started = time.monotonic()  # at once: the handlers are in place before "still up" is printed
        proc.send_signal(signum)
        proc.wait(timeout=10)
        assert time.monotonic() - started < 2.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    drain.join(timeout=5)
    # Off a terminal: counts, not a log line per page.
    assert len(err_lines) < 40, "".join(err_lines)[-3000:]
    # Next steps name commands the shell can run (this venv's, by path when not on PATH).
    text = "".join(out)
    assert f"{Path(EXE).parent}" in text or "speech-archive serve" in text


# -- row 18: cookie and auth headers are never stored ----------------------------------------------
SECRETS = {"Set-Cookie": "session=s3cr3t; HttpOnly", "Authorization": "Bearer s3cr3t",
           "Proxy-Authorization": "Basic s3cr3t", "X-Auth-Token": "s3cr3t", "X-Api-Token": "s3cr3t",
           "X-CSRFToken": "s3cr3t", "Cookie": "s3cr3t=1"}


class _SecretsHandler(BaseHTTPRequestHandler):
    def log_message(self, *_: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        if self.path == "/robots.txt":
            body, status = b"User-agent: *\nAllow: /\n", 200
        else:
            body, status = page_html().encode("utf-8"), 200
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECRETS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def test_captures_never_store_cookie_or_auth_headers(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SecretsHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    db = tmp_path / "c.db"
    try:
        proc = run("crawl", "--start-url", f"http://127.0.0.1:{server.server_port}/gw/1.html", "--max-pages", "3",
                   "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "--db", str(db), "--json",
                   cwd=tmp_path, timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    # The crawl's summary: the shared fields, one JSON object (the only line on stdout).
    summary = json.loads(proc.stdout)
    assert (summary["command"], summary["status"], summary["new_speeches"]) == ("crawl", "ok", 1), proc.stdout
    con = sqlite3.connect(db)
    rows = con.execute("select headers from captures").fetchall()
    con.close()
    assert rows, proc.stdout + proc.stderr[-3000:]
    for (headers,) in rows:
        stored = {k.lower() for k in json.loads(headers)}
        assert "content-type" in stored
        assert not stored & {k.lower() for k in SECRETS}, stored
        assert "s3cr3t" not in headers


# -- new users: SPEECH_ARCHIVE_DB, schedule --list, -v/-q, one summary ------------------------------
def test_every_command_with_a_db_reads_speech_archive_db(tmp_path: Path, archive_db: Path) -> None:
    from cli import main

    env = {"SPEECH_ARCHIVE_DB": str(archive_db)}
    for name, command in main.commands.items():
        if name == "demo":
            continue  # the demo replaces its db on every run: never the archive named in the environment
        db_params = [p for p in command.params if "--db" in getattr(p, "opts", ())]
        if name == "extract":  # --db is an opt-in there (site templates): no default, no environment
            assert db_params and not db_params[0].envvar
            continue
        assert db_params and db_params[0].envvar == "SPEECH_ARCHIVE_DB", name
    assert json.loads(run("stats", "--json", env=env).stdout)["speeches"] == 1
    missing = {"SPEECH_ARCHIVE_DB": str(tmp_path / "missing.db")}
    recrawl = run("recrawl", "--site", "hanjia777", env=missing)
    assert recrawl.returncode != 0 and "missing.db" in recrawl.stderr
    # The writers open the archive the environment names (someone else's database here: refused).
    foreign = tmp_path / "foreign.db"
    _foreign(foreign)
    for args in (("crawl", "--start-url", "http://127.0.0.1:9/"), ("reclean",), ("ingest", "--redis", "redis://127.0.0.1:9/0")):
        proc = run(*args, env={"SPEECH_ARCHIVE_DB": str(foreign)}, cwd=tmp_path)
        assert proc.returncode != 0, args
        if args[0] != "ingest":  # ingest first needs its Redis, absent here
            one_line_error(proc, "foreign.db", "not a speech archive")
    assert not (tmp_path / "archive.db").exists()


def test_schedule_list_creates_no_job_store(tmp_path: Path) -> None:
    db = tmp_path / "nothing-here.db"
    proc = run("schedule", "--list", env={"SPEECH_ARCHIVE_DB": str(db)}, cwd=tmp_path)
    assert proc.returncode == 0 and "hanjia777" in proc.stdout, proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_verbosity_options_are_the_same_everywhere(archive_db: Path) -> None:
    from cli import main

    for name, command in main.commands.items():
        opts = {o for p in command.params for o in getattr(p, "opts", ())}
        assert {"-v", "--verbose", "-q", "--quiet"} <= opts, name
    before = run("-q", "reclean", "--db", str(archive_db))
    after = run("reclean", "-q", "--db", str(archive_db))
    assert (before.returncode, before.stdout, after.returncode, after.stdout) == (0, "", 0, "")
    assert run("stats", "-v", "--db", str(archive_db)).returncode == 0


def test_one_summary_format(archive_db: Path, tmp_path: Path) -> None:
    from cli.common import SUMMARY_FIELDS

    reclean = json.loads(run("reclean", "--db", str(archive_db), "--json").stdout)
    export = json.loads(run("export", "--db", str(archive_db), "-o", str(tmp_path / "x.csv"), "--json").stderr)
    for summary, command in ((reclean, "reclean"), (export, "export")):
        assert summary["command"] == command and summary["status"] == "ok"
        assert set(SUMMARY_FIELDS) <= set(summary)
    assert (reclean["pages"], export["speeches"]) == (1, 1)
    text = run("reclean", "--db", str(archive_db)).stdout.splitlines()[0]
    assert text.startswith("reclean: ok; pages 1, speeches 0, new speeches 0")


def test_readme_first_screen_says_how_to_run_the_commands() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    assert ".venv/bin/speech-archive" in first_screen
    assert "source .venv/bin/activate" in first_screen
