"""The scheduler's bookkeeping in crawl_runs, on a real archive: runs its child could not close."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import scheduler as sched
from archive import Archive


def row(db: Path, run_id: int) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM crawl_runs WHERE id = ?", (run_id,)).fetchone())
    finally:
        conn.close()


def start(db: Path, site: str, trigger: str = "schedule", pages: int = 0) -> int:
    with Archive(db) as archive:
        run_id = archive.start_run(trigger=trigger, sites=[site])
        with archive.transaction():  # what the crawl's pipeline counts as it goes
            archive.db.execute("UPDATE crawl_runs SET pages = ? WHERE id = ?", [pages, run_id])
    return run_id


def outcome(reason: str, code: int, killed: bool = False) -> sched.ChildOutcome:
    return sched.ChildOutcome(returncode=code, reason=reason, killed=killed, seconds=1.0)


def test_killed_child_leaves_its_row_closed_as_timeout_with_its_counts(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    start(db, "other")  # another site's run: not ours to touch
    before = sched.last_run_id(db)
    run_id = start(db, "alpha", pages=7)
    status = sched._record_outcome(db, "alpha", before, outcome("timeout", -9, killed=True))
    got = row(db, run_id)
    assert status == "timeout" and got["status"] == "timeout"
    assert got["pages"] == 7 and got["ended_at"] and "SIGKILL" in got["note"]
    assert row(db, 1)["status"] == "running"


def test_backstop_sigterm_turns_stopped_into_timeout(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    run_id = start(db, "alpha", pages=3)
    with Archive(db) as archive:
        archive.finish_run(run_id, status="stopped", counts={"pages": 3})  # what the crawl wrote on SIGTERM
    assert sched._record_outcome(db, "alpha", 0, outcome("timeout", 0)) == "timeout"
    assert row(db, run_id)["status"] == "timeout"


def test_a_finished_row_is_left_as_the_crawl_wrote_it(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    run_id = start(db, "alpha")
    with Archive(db) as archive:
        archive.finish_run(run_id, status="ok", counts={"pages": 5}, note="fine")
    assert sched._record_outcome(db, "alpha", 0, outcome("exited", 0)) == "ok"
    assert (row(db, run_id)["status"], row(db, run_id)["note"]) == ("ok", "fine")


def test_a_child_that_died_before_its_run_gets_a_failed_row(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert sched._record_outcome(db, "alpha", 0, outcome("exited", 2)) == "failed"
    (only,) = sched.site_runs(db, "alpha")
    assert only.status == "failed" and only.trigger == "schedule" and "code 2" in only.note


@pytest.mark.parametrize("trigger, age_limit, expect_closed", [
    ("schedule", 3600, True),  # with the lock free, nobody runs it: a leftover of a kill
    ("cli", 3600, False),  # a young manual crawl (no lock): still running, skip the site
    ("cli", 0, True),  # a manual crawl older than any crawl may run: a leftover too
])
def test_running_rows_found_at_start(tmp_path: Path, trigger: str, age_limit: float, expect_closed: bool) -> None:
    db = tmp_path / "archive.db"
    run_id = start(db, "alpha", trigger=trigger)
    live = sched._close_stale_runs(db, "alpha", fresh_within=age_limit)
    if expect_closed:
        assert live is None and row(db, run_id)["status"] == "failed"
    else:
        assert live is not None and live.id == run_id and row(db, run_id)["status"] == "running"


def test_run_site_crawl_skips_a_site_a_manual_crawl_is_running(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    start(db, "alpha", trigger="cli")
    assert sched.run_site_crawl("alpha", str(db), None, timeout=60, stop_grace=1) == "skipped"
    assert len(sched.site_runs(db, "alpha")) == 1  # no crawl started
