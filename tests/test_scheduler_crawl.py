"""The scheduler end to end: a real `speech-archive schedule` process, the real crawl
command as its child, a demo site served on 127.0.0.1, a real SQLite archive.

Seconds-level triggers come from `--schedule SITE=CRON` (6 fields, seconds
first); signals go to the scheduler process exactly as systemd sends them.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crawler.sitesrv import SiteServer

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "crawler" / "demo_sites"
EXE = Path(sys.executable).parent / "speech-archive"
SITE = "scheduled"  # the profile name the tests give the demo site


# --------------------------------------------------------------------------
# helpers


def write_profiles(path: Path, base_url: str) -> Path:
    """A sites.toml with one profile: the fanwen77 demo site (DedeCMS layout) on the loopback server."""
    host = base_url.split("://", 1)[1]
    path.write_text(textwrap.dedent(f"""\
        [[site]]
        name = "{SITE}"
        hosts = ["{host}"]
        start_urls = ["{base_url}/"]
        article_patterns = ['^/a/\\d{{4}}/\\d{{4}}/\\d+(?:_\\d+)?\\.html$']
        list_patterns = ['^/$', '^/gongwen/list_\\d+\\.html$']
        deny_patterns = ['^/member/']
        delay = 0.0
        """), encoding="utf-8")
    return path


def cron_at(when: datetime) -> str:
    """A 6-field cron string that fires once a day, at `when` (local time, to the second)."""
    when = when.astimezone()
    return f"{when.second} {when.minute} {when.hour} * * *"


def query(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        conn.close()


def runs(db: Path) -> list[sqlite3.Row]:
    return query(db, "SELECT * FROM crawl_runs ORDER BY id")


def wait_for(what: str, check: Callable[[], object], timeout: float = 90, every: float = 0.2) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@dataclass
class Scheduler:
    """A `speech-archive schedule` process; its output goes to a log file."""

    proc: subprocess.Popen[bytes]
    log_path: Path

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def terminate(self, timeout: float = 90, sig: int = signal.SIGTERM) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)

    def child_pids(self) -> list[int]:
        pids = []
        for line in self.log.splitlines():
            if "started (pid " in line:
                pids.append(int(line.split("started (pid ", 1)[1].split(")", 1)[0]))
        return pids


class Env:
    """One test's profiles, archive and scheduler processes."""

    def __init__(self, tmp_path: Path, server: SiteServer) -> None:
        self.tmp = tmp_path
        self.server = server
        self.config = write_profiles(tmp_path / "sites.toml", server.base_url)
        self.db = tmp_path / "archive.db"
        # Run from elsewhere: the crawl child must get the profiles from --config, not the cwd.
        self.cwd = tmp_path / "cwd"
        self.cwd.mkdir()
        self.started: list[Scheduler] = []

    def args(self, *extra: str) -> list[str]:
        return [str(EXE), "-v", "schedule", "--config", str(self.config), "--db", str(self.db),
                "--jitter", "0", "--stop-grace", "30", *extra]

    def start(self, *extra: str) -> Scheduler:
        log_path = self.tmp / f"scheduler-{len(self.started) + 1}.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(self.args(*extra), stdout=log, stderr=subprocess.STDOUT, cwd=self.cwd)
        sched = Scheduler(proc, log_path)
        self.started.append(sched)
        wait_for("the scheduler to start", lambda: "scheduler running" in sched.log or proc.poll() is not None)
        assert proc.poll() is None, sched.log
        return sched

    def run(self, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.args(*extra), capture_output=True, text=True, cwd=self.cwd, timeout=timeout)

    def cleanup(self) -> None:
        for sched in self.started:
            if sched.proc.poll() is None:
                sched.proc.kill()
                sched.proc.wait()
            for pid in sched.child_pids():  # a crawl child of a scheduler that failed the test
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def assert_consistent(db: Path) -> None:
    """SQLite's own check, and no page left with part of its speeches."""
    assert [tuple(r) for r in query(db, "PRAGMA integrity_check")] == [("ok",)]
    assert [tuple(r) for r in query(db, "PRAGMA foreign_key_check")] == []
    half = query(db, """
        SELECT p.url, p.speech_count, count(DISTINCT s.speech_id) AS stored
        FROM pages p LEFT JOIN speech_sources s ON s.page_id = p.id
        GROUP BY p.id HAVING stored != coalesce(p.speech_count, 0)""")
    assert [dict(r) for r in half] == []
    unversioned = query(db, """SELECT s.id FROM speeches s
        WHERE NOT EXISTS (SELECT 1 FROM speech_versions v WHERE v.speech_id = s.id)""")
    assert [dict(r) for r in unversioned] == []


def site_lock_is_free(db: Path) -> bool:
    import scheduler

    with scheduler.site_lock(db, SITE) as fd:
        return fd is not None


# --------------------------------------------------------------------------
# fixtures


@pytest.fixture
def demo_root() -> Path:
    if not EXE.exists():
        pytest.fail(f"{EXE} missing: install the project (make install)")
    return DEMO / "fanwen77"


@pytest.fixture
def env(tmp_path: Path, demo_root: Path) -> Iterator[Env]:
    with SiteServer(demo_root) as server:
        e = Env(tmp_path, server)
        try:
            yield e
        finally:
            e.cleanup()


@pytest.fixture
def slow_env(tmp_path: Path, demo_root: Path) -> Iterator[Env]:
    """The demo site answering each request after a pause: a crawl that lasts a while."""
    with SiteServer(demo_root, latency=0.4) as server:
        e = Env(tmp_path, server)
        try:
            yield e
        finally:
            e.cleanup()


# --------------------------------------------------------------------------
# tests


def test_scheduled_job_crawls_the_site_and_records_the_run(env: Env) -> None:
    sched = env.start("--schedule", f"{SITE}=*/2 * * * * *")  # every two seconds
    wait_for("a finished scheduled run", lambda: [r for r in runs(env.db) if r["status"] not in (None, "running")])
    assert sched.terminate() == 0, sched.log

    run, *later = runs(env.db)
    assert run["trigger"] == "schedule" and run["status"] == "ok", dict(run)
    assert json.loads(run["sites"]) == [SITE]
    assert run["pages"] > 0 and run["new_speeches"] > 0, dict(run)
    # The next trigger may have started one more run before the SIGTERM: it stopped cleanly.
    assert len(later) <= 1 and all(r["status"] in ("ok", "stopped") for r in later), [dict(r) for r in later]
    assert query(env.db, "SELECT count(*) FROM speeches")[0][0] >= run["new_speeches"]
    assert any(p.startswith("/a/") for p in env.server.paths(200))
    log = sched.log
    assert f"crawl of {SITE} started (pid " in log and f"--config {env.config}" in log
    assert f"crawl of {SITE} ended: ok" in log and f"new_speeches={run['new_speeches']}" in log
    assert_consistent(env.db)


def test_second_trigger_while_running_starts_no_second_crawl(slow_env: Env) -> None:
    env = slow_env
    sched = env.start("--schedule", f"{SITE}=* * * * * *")  # fires every second
    wait_for("the first crawl to be running", lambda: runs(env.db))
    # Meanwhile a second trigger from another process: refused by the site lock.
    other = env.run("--run-now", SITE)
    assert other.returncode == 75, other.stdout + other.stderr
    assert "skipped" in other.stdout + other.stderr
    first_done = wait_for("the first crawl to finish",
                          lambda: [r for r in runs(env.db) if r["status"] not in (None, "running")])
    rows_when_done = runs(env.db)
    assert sched.terminate() == 0, sched.log

    assert len(rows_when_done) <= 2  # the first run, maybe the next one just started
    assert rows_when_done[0]["status"] == "ok"
    rows = runs(env.db)
    for earlier, later in zip(rows, rows[1:]):  # never two at once
        assert later["started_at"] >= earlier["ended_at"], [dict(r) for r in rows]
    assert "skipped: its previous crawl is still running" in sched.log
    assert_consistent(env.db)
    assert first_done


def test_restarted_scheduler_finds_its_jobs_and_runs_a_missed_one_once(env: Env) -> None:
    fire = datetime.now().astimezone() + timedelta(seconds=10)  # once a day, at this second
    cron = cron_at(fire)
    first = env.start("--schedule", f"{SITE}={cron}")
    assert datetime.now().astimezone() < fire - timedelta(seconds=1), "machine too slow for this test's timing"
    assert first.terminate(sig=signal.SIGINT) == 0, first.log  # Ctrl-C, before the run was due
    assert "SIGINT received" in first.log
    assert runs(env.db) == []

    listed = env.run("--list", "--schedule", f"{SITE}={cron}")
    assert listed.returncode == 0, listed.stderr
    assert SITE in listed.stdout and "not in the job store" not in listed.stdout
    assert fire.replace(microsecond=0).isoformat() in listed.stdout

    wait_for("the run time to pass", lambda: datetime.now().astimezone() > fire + timedelta(seconds=2))
    second = env.start("--schedule", f"{SITE}={cron}")
    assert "job store" in second.log and "holds 1 job(s)" in second.log
    assert f"crawl:{SITE} missed its run" in second.log
    wait_for("the missed run", lambda: [r for r in runs(env.db) if r["status"] not in (None, "running")])
    time.sleep(2)  # a second, wrong run would start now
    assert second.terminate() == 0, second.log
    (run,) = runs(env.db)
    assert run["trigger"] == "schedule" and run["status"] == "ok"

    relisted = env.run("--list", "--schedule", f"{SITE}={cron}")
    assert (fire + timedelta(days=1)).replace(microsecond=0).isoformat() in relisted.stdout


def test_sigterm_during_a_crawl_stops_it_cleanly(slow_env: Env) -> None:
    env = slow_env
    sched = env.start("--schedule", f"{SITE}=* * * * * *")
    wait_for("some pages archived mid-crawl",
             lambda: query(env.db, "SELECT count(*) FROM pages WHERE speech_count > 0")[0][0] >= 2
             if runs(env.db) else False)
    assert runs(env.db)[0]["status"] == "running"
    assert sched.terminate() == 0, sched.log

    (run,) = runs(env.db)
    assert run["status"] == "stopped", dict(run)
    assert run["ended_at"] and run["pages"] > 0
    assert "SIGTERM received" in sched.log and "scheduler stopped" in sched.log
    for pid in sched.child_pids():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert site_lock_is_free(env.db)
    assert_consistent(env.db)


def test_run_now_crawls_once_and_a_time_limit_is_recorded(slow_env: Env) -> None:
    env = slow_env
    limited = env.run("--run-now", SITE, "--timeout", "3")
    assert limited.returncode == 1, limited.stdout + limited.stderr
    (run,) = runs(env.db)
    assert run["trigger"] == "schedule" and run["status"] == "timeout", dict(run)
    assert_consistent(env.db)

    full = env.run("--run-now", SITE, timeout=300)
    assert full.returncode == 0, full.stdout + full.stderr
    assert f"{SITE}: ok" in full.stdout
    assert [r["status"] for r in runs(env.db)] == ["timeout", "ok"]
    assert f"crawl of {SITE} ended: ok" in full.stderr


def test_a_crawl_left_by_a_killed_scheduler_blocks_its_site_after_restart(slow_env: Env) -> None:
    env = slow_env
    first = env.start("--schedule", f"{SITE}=* * * * * *")
    wait_for("a crawl to be running", lambda: runs(env.db))
    first.proc.kill()  # kill -9: no forwarding, the crawl child lives on holding the site lock
    first.proc.wait()
    (orphan,) = first.child_pids()
    os.kill(orphan, 0)  # still alive

    second = env.start("--schedule", f"{SITE}=* * * * * *")
    wait_for("the restarted scheduler to meet the lock",
             lambda: "skipped: another crawl of it holds" in second.log)
    assert len(runs(env.db)) == 1  # no second crawl beside the orphan
    wait_for("the orphan crawl to finish", lambda: runs(env.db)[0]["status"] != "running")
    assert runs(env.db)[0]["status"] == "ok"
    wait_for("the next scheduled crawl, once the site is free", lambda: len(runs(env.db)) >= 2)
    assert second.terminate() == 0, second.log
    rows = runs(env.db)
    for earlier, later in zip(rows, rows[1:]):
        assert later["started_at"] >= earlier["ended_at"], [dict(r) for r in rows]
    assert_consistent(env.db)
