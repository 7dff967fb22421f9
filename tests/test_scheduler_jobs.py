"""Scheduler jobs: profiles -> cron triggers -> a real SQLAlchemy job store on SQLite.

These run APScheduler in this process (paused, so no crawl starts); the
tests that crawl run the scheduler as a subprocess (test_scheduler_crawl.py).
"""
from __future__ import annotations

import logging
import sqlite3
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

import scheduler as sched
from cli import main

SITES = """
[defaults]
delay = 0.0

[[site]]
name = "alpha"
start_urls = ["/"]
article_patterns = ['/a/\\d+\\.html$']
schedule = "15 2 * * *"

[[site]]
name = "beta"
start_urls = ["/"]
article_patterns = ['/b/\\d+\\.html$']
"""


def write_sites(path: Path, text: str = SITES) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_cfg(tmp_path: Path, sites: Path | None = None, **kw: object) -> sched.SchedulerConfig:
    config = sites or write_sites(tmp_path / "sites.toml")
    return sched.SchedulerConfig(config=config, db=tmp_path / "archive.db", jitter=0, **kw)


def stored_jobs(cfg: sched.SchedulerConfig) -> dict[str, float | None]:
    """job id -> next_run_time straight from the job store's SQLite table."""
    with sqlite3.connect(cfg.jobstore_path) as conn:
        return dict(conn.execute("SELECT id, next_run_time FROM apscheduler_jobs"))


def start_sync_stop(cfg: sched.SchedulerConfig) -> None:
    """What `schedule` does at start, minus running anything."""
    scheduler = sched.build_scheduler(cfg)
    scheduler.start(paused=True)
    try:
        sched.sync_jobs(scheduler, cfg, cfg.site_schedules())
    finally:
        scheduler.shutdown(wait=False)


def test_default_cron_is_nightly_stable_and_spread() -> None:
    names = [f"site{i}" for i in range(40)]
    crons = [sched.default_cron(n) for n in names]
    assert crons == [sched.default_cron(n) for n in names]  # same slot after a restart
    for cron in crons:
        minute, hour, *rest = cron.split()
        assert int(hour) in sched.NIGHTLY_HOURS and 0 <= int(minute) < 60 and rest == ["*"] * 3
    assert len(set(crons)) > 30  # not all at the same minute


def test_parse_cron_five_and_six_fields() -> None:
    start = datetime(2026, 1, 5, 12, 0, 0, tzinfo=timezone.utc)  # a Monday
    nightly = sched.parse_cron("30 2 * * *", tz=timezone.utc)
    assert nightly.get_next_fire_time(None, start) == datetime(2026, 1, 6, 2, 30, tzinfo=timezone.utc)
    every5 = sched.parse_cron("*/5 * * * * *", tz=timezone.utc)
    first = every5.get_next_fire_time(None, start + timedelta(seconds=1))
    assert first == start + timedelta(seconds=5)
    weekdays = sched.parse_cron("0 3 * * sat", tz=timezone.utc)
    assert weekdays.get_next_fire_time(None, start).weekday() == 5


@pytest.mark.parametrize("bad, message", [
    ("30 2 * *", "expected 5 cron fields"),
    ("30 2 * * 1", "by name"),
    ("99 2 * * *", "99"),
])
def test_parse_cron_rejects_bad_input(bad: str, message: str) -> None:
    with pytest.raises(sched.ScheduleError, match=message):
        sched.parse_cron(bad)


def test_schedules_from_profiles_defaults_and_overrides(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml")
    got = {s.site: s for s in sched.load_site_schedules(sites)}
    assert got["alpha"].cron == "15 2 * * *" and got["alpha"].from_profile
    assert got["beta"].cron == sched.default_cron("beta") and not got["beta"].from_profile
    over = {s.site: s.cron for s in sched.load_site_schedules(sites, {"*": "0 5 * * *", "beta": "*/3 * * * * *"})}
    assert over == {"alpha": "0 5 * * *", "beta": "*/3 * * * * *"}
    with pytest.raises(sched.ScheduleError, match="unknown site"):
        sched.load_site_schedules(sites, {"gamma": "0 5 * * *"})


def test_bad_profiles_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(sched.ScheduleError, match="no such sites file"):
        sched.load_site_schedules(tmp_path / "missing.toml")
    broken = write_sites(tmp_path / "broken.toml", SITES.replace('schedule = "15 2 * * *"', 'schedule = "15 2 *"'))
    with pytest.raises(sched.ScheduleError, match="alpha"):
        sched.load_site_schedules(broken)


def test_jobs_are_stored_by_reference_one_per_site(tmp_path: Path) -> None:
    cfg = make_cfg(tmp_path)
    start_sync_stop(cfg)
    assert cfg.jobstore_path == tmp_path / "archive.db.jobs.sqlite"
    assert set(stored_jobs(cfg)) == {"crawl:alpha", "crawl:beta"}
    scheduler = sched.build_scheduler(cfg)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job("crawl:alpha")
        assert job.func_ref == "scheduler:run_site_crawl"
        assert job.kwargs["site"] == "alpha" and job.kwargs["db"] == str(cfg.db)
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, cfg.misfire_grace)
        assert str(job.trigger) == "cron[month='*', day='*', day_of_week='*', hour='2', minute='15', second='0']"
    finally:
        scheduler.shutdown(wait=False)


def test_restart_keeps_missed_run_time_and_follows_profile_changes(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cfg = make_cfg(tmp_path)
    start_sync_stop(cfg)
    # The scheduler was down over alpha's slot: its stored next run is in the past.
    missed = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=1)
    scheduler = sched.build_scheduler(cfg)
    scheduler.start(paused=True)
    scheduler.modify_job("crawl:alpha", next_run_time=missed)
    scheduler.shutdown(wait=False)
    beta_before = stored_jobs(cfg)["crawl:beta"]

    with caplog.at_level(logging.WARNING, logger="scheduler"):
        start_sync_stop(cfg)  # a restart with the same profiles
    assert "crawl:alpha missed its run" in caplog.text
    after = stored_jobs(cfg)
    assert after["crawl:alpha"] == pytest.approx(missed.timestamp())  # still due: runs once on resume
    assert after["crawl:beta"] == pytest.approx(beta_before)

    # alpha's schedule changes, beta's profile goes away.
    changed = write_sites(tmp_path / "sites.toml", SITES.split("[[site]]\nname = \"beta\"")[0]
                          .replace("15 2 * * *", "45 4 * * *"))
    start_sync_stop(make_cfg(tmp_path, sites=changed))
    after = stored_jobs(cfg)
    assert set(after) == {"crawl:alpha"}
    next_run = datetime.fromtimestamp(after["crawl:alpha"], timezone.utc).astimezone()
    assert (next_run.hour, next_run.minute) == (4, 45) and next_run > datetime.now(timezone.utc)


def test_list_shows_stored_jobs_and_next_run(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml")
    db = tmp_path / "archive.db"
    runner = CliRunner()
    args = ["schedule", "--config", str(sites), "--db", str(db), "--list"]
    fresh = runner.invoke(main, args)
    assert fresh.exit_code == 0, fresh.output
    assert "not in the job store yet" in fresh.output
    assert not (tmp_path / "archive.db.jobs.sqlite").exists() or not stored_jobs(make_cfg(tmp_path, sites))

    start_sync_stop(make_cfg(tmp_path, sites))
    listed = runner.invoke(main, args)
    assert listed.exit_code == 0, listed.output
    lines = {line.split()[0]: line for line in listed.output.splitlines()}
    assert set(lines) == {"alpha", "beta"}
    assert "not in the job store" not in listed.output
    expected = datetime.fromtimestamp(stored_jobs(make_cfg(tmp_path, sites))["crawl:alpha"]).astimezone()
    assert expected.isoformat(timespec="seconds") in lines["alpha"]


def test_schedule_command_rejects_bad_override(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml")
    result = CliRunner().invoke(main, ["schedule", "--config", str(sites), "--db", str(tmp_path / "a.db"),
                                       "--list", "--schedule", "alpha"])
    assert result.exit_code == 2 and "SITE=CRON" in result.output


def test_jitter_is_part_of_the_stored_trigger(tmp_path: Path) -> None:
    cfg = sched.SchedulerConfig(config=write_sites(tmp_path / "sites.toml"), db=tmp_path / "archive.db")
    assert cfg.jitter == sched.DEFAULT_JITTER > 0
    start_sync_stop(cfg)
    scheduler = sched.build_scheduler(cfg)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job("crawl:alpha")
        assert job.trigger.jitter == sched.DEFAULT_JITTER
        slot = job.next_run_time.astimezone()
        assert (slot.hour, slot.minute) in ((2, 15), (2, 16), (2, 17), (2, 18), (2, 19), (2, 20))
    finally:
        scheduler.shutdown(wait=False)
    before = stored_jobs(cfg)
    start_sync_stop(cfg)  # same jittered trigger after a restart: the drawn time is kept
    assert stored_jobs(cfg) == before


def test_a_broken_job_store_is_a_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml")
    store = tmp_path / "jobs.sqlite"
    store.write_bytes(b"not an sqlite file " * 100)
    result = CliRunner().invoke(main, ["schedule", "--config", str(sites), "--db", str(tmp_path / "a.db"),
                                       "--jobstore", str(store), "--list"])
    assert result.exit_code == 1 and "cannot be opened" in result.output and str(store) in result.output
    assert store.read_bytes() == b"not an sqlite file " * 100
