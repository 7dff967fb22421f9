"""crawl_runs rows of crawls killed with kill -9: real processes, real SQLite file."""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

import scheduler as sched
from archive import Archive
from archive.store import process_alive, process_start

ROOT = Path(__file__).resolve().parent.parent

# A crawl stand-in: opens the archive, starts a run, reports its id, then stays alive.
CHILD = """
import sys, time
from archive import Archive
archive = Archive(sys.argv[1])
print(archive.start_run(trigger="cli", sites=[sys.argv[2]]), flush=True)
time.sleep(600)
"""


def row(db: Path, run_id: int) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM crawl_runs WHERE id = ?", (run_id,)).fetchone())
    finally:
        conn.close()


def execute(db: Path, sql: str, params: list) -> None:
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def spawn(children: list[subprocess.Popen[str]], db: Path, site: str) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), site], stdout=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    children.append(proc)
    line = proc.stdout.readline() if proc.stdout else ""
    assert line.strip().isdigit(), f"child did not start a run (exit {proc.poll()})"
    return proc, int(line)


def sigkill(proc: subprocess.Popen[str], reap: bool = True) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    if reap:
        proc.wait(timeout=30)
    else:  # stays a zombie until waited for; wait until the kernel has made it one
        for _ in range(500):
            if Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return
            time.sleep(0.01)
        raise AssertionError("killed child never became a zombie")


def test_start_run_records_its_process(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    proc, run_id = spawn(children, db, "alpha")
    got = row(db, run_id)
    assert got["status"] == "running"
    assert got["pid"] == proc.pid and got["hostname"] == socket.gethostname()
    assert got["pid_start"] == process_start(proc.pid) is not None


def test_sigkilled_crawl_is_closed_as_killed_and_a_live_one_is_left(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    dead, dead_id = spawn(children, db, "alpha")
    live, live_id = spawn(children, db, "beta")
    execute(db, "UPDATE crawl_runs SET pages = 4 WHERE id = ?", [dead_id])  # counted before the kill
    sigkill(dead)

    with Archive(db) as archive:
        new_id = archive.start_run(trigger="cli", sites=["alpha"])

    got = row(db, dead_id)
    assert got["status"] == "killed" and got["ended_at"]
    assert f"process {dead.pid}" in got["note"] and got["pages"] == 4
    assert row(db, live_id)["status"] == "running" and row(db, live_id)["ended_at"] is None
    assert row(db, new_id)["status"] == "running"
    assert live.poll() is None


def test_an_unreaped_zombie_counts_as_dead(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    proc, run_id = spawn(children, db, "alpha")
    sigkill(proc, reap=False)
    with Archive(db) as archive:
        assert archive.close_dead_runs() == [run_id]
    assert row(db, run_id)["status"] == "killed"


def test_a_reused_pid_is_told_apart_by_its_start_time(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    proc, run_id = spawn(children, db, "alpha")
    assert process_alive(proc.pid, process_start(proc.pid))
    # Same pid, other start time: what a dead crawl's row looks like once its pid is reused.
    execute(db, "UPDATE crawl_runs SET pid_start = pid_start - 1 WHERE id = ?", [run_id])
    with Archive(db) as archive:
        assert archive.close_dead_runs() == [run_id]
    assert row(db, run_id)["status"] == "killed"
    assert proc.poll() is None


def test_rows_of_other_hosts_and_rows_without_pid_are_left_alone(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    proc, other_host = spawn(children, db, "alpha")
    _, no_pid = spawn(children, db, "beta")
    execute(db, "UPDATE crawl_runs SET hostname = 'elsewhere.example' WHERE id = ?", [other_host])
    execute(db, "UPDATE crawl_runs SET pid = NULL WHERE id = ?", [no_pid])  # a row from before m006
    for child in children:
        sigkill(child)
    with Archive(db) as archive:
        assert archive.close_dead_runs() == []
    assert row(db, other_host)["status"] == row(db, no_pid)["status"] == "running"


def test_stats_command_closes_killed_runs(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    proc, run_id = spawn(children, db, "alpha")
    sigkill(proc)
    out = subprocess.run([str(Path(sys.executable).parent / "speech-archive"), "stats", "--db", str(db)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "status=killed" in out.stdout
    assert row(db, run_id)["status"] == "killed"


def test_scheduler_ignores_a_killed_manual_crawl_but_not_a_live_one(tmp_path: Path, children: list) -> None:
    db = tmp_path / "archive.db"
    live, live_id = spawn(children, db, "beta")
    dead, dead_id = spawn(children, db, "alpha")
    sigkill(dead)

    assert sched._close_stale_runs(db, "alpha", fresh_within=3600) is None
    assert row(db, dead_id)["status"] == "killed"
    busy = sched._close_stale_runs(db, "beta", fresh_within=3600)
    assert busy is not None and busy.id == live_id
    assert row(db, live_id)["status"] == "running"


def test_finish_run_does_not_take_killed(tmp_path: Path) -> None:
    with Archive(tmp_path / "archive.db") as archive:
        run_id = archive.start_run()
        with pytest.raises(ValueError):
            archive.finish_run(run_id, status="killed")
