"""Nightly crawls that run themselves and survive restarts.

APScheduler 3 (a BackgroundScheduler driven by a main loop that owns the
signals) keeps one job per site profile in an SQLAlchemy job store on an
SQLite file beside the archive, so a restart finds its jobs and knows which
runs it missed. Each job runs ``speech-archive crawl --site NAME --trigger
schedule`` in a child process (Twisted's reactor cannot be restarted inside
one process) under a time limit, while holding a per-site lock file that the
child inherits: no two crawls of one site run at once, even across a
scheduler restart or a ``--run-now`` from another shell.

Outcomes and counts are the child's own ``crawl_runs`` row; the scheduler
only reads it for its log, and closes it when the child could not (killed
after the grace period, or gone before it recorded anything).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobEvent,
    JobExecutionEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.cron import CronTrigger

logger = logging.getLogger(__name__)

JOB_ID_PREFIX = "crawl:"
DEFAULT_TIMEOUT = 3 * 3600  # a nightly crawl longer than this is stuck, not slow
DEFAULT_STOP_GRACE = 60.0  # seconds a child gets after SIGTERM before SIGKILL
DEFAULT_JITTER = 300  # seconds of random delay added to every fire time
DEFAULT_MISFIRE_GRACE = 6 * 3600  # a run missed by less than this still runs (once) after a restart
DEFAULT_MAX_PARALLEL = 2  # crawls of different sites at the same time
NIGHTLY_HOURS = (1, 2, 3, 4)  # default schedules are spread over 01:00-04:59
_DOW_NUMBER = re.compile(r"\d")

# Process-wide crawl state. Job functions are stored in the job store by
# reference ("scheduler:run_site_crawl"), so they cannot be handed an object;
# the signal-owning main loop reaches the running children through these.
_STOPPING = threading.Event()
_CHILDREN: dict[str, subprocess.Popen[bytes]] = {}
_CHILDREN_LOCK = threading.Lock()


class ScheduleError(ValueError):
    """A site profile's schedule (or the profiles file) cannot be used."""


# --------------------------------------------------------------------------
# Site profiles -> cron triggers


@dataclass(frozen=True)
class SiteSchedule:
    """When to crawl one site: its profile name and a cron expression."""

    site: str
    cron: str
    from_profile: bool  # False: the default nightly slot derived from the name

    @property
    def job_id(self) -> str:
        return JOB_ID_PREFIX + self.site


def default_cron(site: str) -> str:
    """A nightly slot derived from the site name: stable across restarts, spread over the night."""
    digest = int.from_bytes(hashlib.sha256(site.encode("utf-8")).digest()[:4], "big")
    minute = digest % 60
    hour = NIGHTLY_HOURS[(digest // 60) % len(NIGHTLY_HOURS)]
    return f"{minute} {hour} * * *"


def parse_cron(expr: str, jitter: int | None = None, tz: Any = None) -> CronTrigger:
    """Build a CronTrigger from a 5-field crontab or a 6-field one with seconds first.

    ``"30 2 * * *"`` is 02:30 every day; ``"*/10 * * * * *"`` is every ten
    seconds (the form the tests use). Day-of-week must be given by name
    (``mon-fri``): APScheduler 3 counts 0 as Monday where cron counts it as
    Sunday, so a number would silently shift the day.
    """
    fields = expr.split()
    if len(fields) == 5:
        second, (minute, hour, day, month, dow) = "0", fields
    elif len(fields) == 6:
        second, minute, hour, day, month, dow = fields
    else:
        raise ScheduleError(
            f"schedule {expr!r}: expected 5 cron fields (min hour day month dow) "
            f"or 6 (sec min hour day month dow), got {len(fields)}"
        )
    if _DOW_NUMBER.search(dow):
        raise ScheduleError(
            f"schedule {expr!r}: give the day of week by name (mon,tue,...,sun), not by number"
        )
    try:
        return CronTrigger(
            second=second, minute=minute, hour=hour, day=day, month=month,
            day_of_week=dow, jitter=jitter or None, timezone=tz,
        )
    except ValueError as exc:
        raise ScheduleError(f"schedule {expr!r}: {exc}") from exc


def load_site_schedules(config: Path | None,
                        overrides: Mapping[str, str] | None = None) -> list[SiteSchedule]:
    """Each site profile's schedule: ``--schedule`` override, else the profile's, else a nightly slot.

    Profiles are read and validated by ``crawler.profiles`` (the same loader
    the crawl uses, so a file the crawl rejects never gets scheduled).
    ``overrides`` maps a site name, or ``"*"`` for every site, to a cron string.
    """
    from crawler.profiles import ProfileError, load_profiles  # pure data, no Scrapy

    try:
        profiles = load_profiles(config)
    except ProfileError as exc:
        raise ScheduleError(str(exc)) from exc
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(profiles) - {"*"}
    if unknown:
        raise ScheduleError(f"--schedule for unknown site(s) {', '.join(sorted(unknown))} "
                            f"(profiles: {', '.join(profiles)})")
    schedules = []
    for name, profile in profiles.items():
        cron = overrides.get(name, overrides.get("*", profile.schedule))
        if cron is None:
            schedules.append(SiteSchedule(name, default_cron(name), from_profile=False))
            continue
        parse_cron(cron)  # validate now, not at 3 a.m.
        schedules.append(SiteSchedule(name, cron, from_profile=True))
    return schedules


# --------------------------------------------------------------------------
# Per-site lock


def lock_path(db: Path, site: str) -> Path:
    """The lock file of one site's crawls: beside the archive, one per site."""
    return db.parent / f"{db.name}.locks" / f"{site}.lock"


@contextmanager
def site_lock(db: Path, site: str) -> Iterator[int | None]:
    """Hold the site's flock while the body runs; yield its fd, or None if someone else holds it.

    flock belongs to the open file description, so a child given the fd
    (``pass_fds``) keeps the site locked even if the scheduler dies first,
    and the kernel drops it when the last holder exits: no stale locks.
    """
    path = lock_path(db, site)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield fd
    finally:
        os.close(fd)


# --------------------------------------------------------------------------
# crawl_runs (read through sqlite3; written only through archive.Archive)


@dataclass
class RunRow:
    """The parts of a crawl_runs row the scheduler logs and checks."""

    id: int
    status: str | None
    trigger: str | None
    started: str | None
    counts: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    note: str | None = None


def _connect_ro(db: Path) -> sqlite3.Connection | None:
    if not db.exists():
        return None
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def _row_sites(row: sqlite3.Row) -> list[str]:
    raw = row["sites"] if "sites" in row.keys() else None
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return [s.strip() for s in str(raw).split(",") if s.strip()]
    return [str(s) for s in value] if isinstance(value, list) else [str(value)]


def _to_run(row: sqlite3.Row) -> RunRow:
    keys = row.keys()
    counts: dict[str, int] = {}
    raw_counts = row["counts"] if "counts" in keys else None
    if raw_counts:
        try:
            counts = {str(k): int(v) for k, v in json.loads(raw_counts).items()}
        except (TypeError, ValueError, AttributeError):
            counts = {}
    from archive.model import RUN_COUNTERS  # plain data: no writer, no numpy

    for column in RUN_COUNTERS:  # the archive's own count columns win over the JSON
        if column == "errors":
            continue  # its own field below
        if column in keys and row[column] is not None:
            counts[column] = int(row[column])
    return RunRow(
        id=int(row["id"]),
        status=row["status"] if "status" in keys else None,
        trigger=row["trigger"] if "trigger" in keys else None,
        started=row["started_at"] if "started_at" in keys else None,
        counts=counts,
        errors=int(row["errors"] or 0) if "errors" in keys else 0,
        note=row["note"] if "note" in keys else None,
    )


def last_run_id(db: Path) -> int:
    """The highest crawl_runs id so far (0 if there is no archive or no run yet)."""
    conn = _connect_ro(db)
    if conn is None:
        return 0
    try:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM crawl_runs").fetchone()[0])
    except sqlite3.OperationalError:  # archive not created yet
        return 0
    finally:
        conn.close()


def site_runs(db: Path, site: str, after_id: int = 0, status: str | None = None) -> list[RunRow]:
    """crawl_runs rows of one site with id > after_id (optionally only those in one status)."""
    conn = _connect_ro(db)
    if conn is None:
        return []
    try:
        query = "SELECT * FROM crawl_runs WHERE id > ?"
        params: list[Any] = [after_id]
        if status is not None:
            query += " AND status = ?"
            params.append(status)
        rows = conn.execute(query + " ORDER BY id", params).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()
    return [_to_run(row) for row in rows if site in _row_sites(row)]


def _close_run(db: Path, run_id: int | None, site: str, status: str, note: str,
               counts: dict[str, int] | None = None, errors: int = 0) -> None:
    """Record an outcome the child could not record itself (it was killed, or never started)."""
    from archive import Archive  # one small arrow scheduler -> archive, for writes only

    with Archive(db) as archive:
        if run_id is None:
            run_id = archive.start_run(trigger="schedule", sites=[site])
        archive.finish_run(run_id, status=status, counts=counts or {}, errors=errors, note=note)
    logger.warning("crawl run %s of %s recorded as %s: %s", run_id, site, status, note)


# --------------------------------------------------------------------------
# The child process


@dataclass(frozen=True)
class ChildOutcome:
    """How a crawl child ended, seen from the scheduler."""

    returncode: int
    reason: str  # "exited" | "timeout" | "stopped"
    killed: bool  # needed SIGKILL after the grace period
    seconds: float


def crawl_command(site: str, db: Path, timeout: float, config: Path | None) -> list[str]:
    """The argv of one scheduled crawl: the `speech-archive` beside this interpreter."""
    exe = Path(sys.executable).parent / "speech-archive"
    program = str(exe) if exe.exists() else shutil.which("speech-archive")
    if program is None:
        raise RuntimeError("speech-archive executable not found beside the interpreter nor on PATH")
    argv = [program, "crawl", "--site", site, "--db", str(db), "--trigger", "schedule",
            "--timeout", str(int(timeout))]
    if config is not None:
        argv += ["--config", str(config)]
    return argv


def supervise(argv: Sequence[str], *, name: str, limit: float, stop_grace: float,
              pass_fds: Sequence[int] = (), stop: threading.Event | None = None,
              poll: float = 0.25) -> ChildOutcome:
    """Run a child to its end; past ``limit`` seconds or when ``stop`` is set, SIGTERM, then SIGKILL.

    The child gets its own session so a terminal's Ctrl-C reaches only the
    scheduler, which forwards it as SIGTERM (the crawl then stops at a page
    boundary) instead of both racing to shut down.
    """
    stop = stop if stop is not None else _STOPPING
    started = time.monotonic()
    proc = subprocess.Popen(list(argv), pass_fds=tuple(pass_fds), start_new_session=True)
    logger.info("crawl of %s started (pid %s): %s", name, proc.pid, " ".join(argv))
    with _CHILDREN_LOCK:
        _CHILDREN[name] = proc
    reason, killed, term_at = "exited", False, None
    try:
        while True:
            try:
                proc.wait(timeout=poll)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if term_at is None and (now - started > limit or stop.is_set()):
                reason = "stopped" if stop.is_set() else "timeout"
                logger.info("crawl %s (pid %s): %s, sending SIGTERM", name, proc.pid,
                            "scheduler stopping" if reason == "stopped" else f"past {limit:.0f}s")
                _signal(proc, signal.SIGTERM)
                term_at = now
            elif term_at is not None and not killed and now - term_at > stop_grace:
                logger.warning("crawl %s (pid %s) still running %.0fs after SIGTERM, sending SIGKILL",
                               name, proc.pid, stop_grace)
                _signal(proc, signal.SIGKILL)
                killed = True
    finally:
        with _CHILDREN_LOCK:
            _CHILDREN.pop(name, None)
        if proc.poll() is None:  # only on an exception in this thread: never leave an orphan
            _signal(proc, signal.SIGKILL)
            proc.wait()
    return ChildOutcome(proc.returncode, reason, killed, time.monotonic() - started)


def _signal(proc: subprocess.Popen[bytes], sig: int) -> None:
    try:
        proc.send_signal(sig)
    except ProcessLookupError:
        pass


def running_crawls() -> list[str]:
    """Names of the crawls whose child is alive now."""
    with _CHILDREN_LOCK:
        return sorted(_CHILDREN)


# --------------------------------------------------------------------------
# The job


def run_site_crawl(site: str, db: str, config: str | None = None,
                   timeout: float = DEFAULT_TIMEOUT,
                   stop_grace: float = DEFAULT_STOP_GRACE) -> str:
    """One scheduled crawl of one site; returns its final crawl_runs status.

    Module-level and with plain arguments: the job store pickles it by
    reference. Returns "skipped" when the site is already being crawled and
    "not-started" when the scheduler is stopping.
    """
    db_path = Path(db)
    if _STOPPING.is_set():
        logger.info("crawl of %s not started: scheduler is stopping", site)
        return "not-started"
    with site_lock(db_path, site) as fd:
        if fd is None:
            logger.warning("crawl of %s skipped: another crawl of it holds %s",
                           site, lock_path(db_path, site))
            return "skipped"
        busy = _close_stale_runs(db_path, site, fresh_within=timeout + stop_grace)
        if busy is not None:
            logger.warning("crawl of %s skipped: run %s (trigger %s) is still running",
                           site, busy.id, busy.trigger)
            return "skipped"
        before = last_run_id(db_path)
        argv = crawl_command(site, db_path, timeout, Path(config) if config else None)
        # The child stops itself at --timeout; our own limit is a backstop for a hung child.
        outcome = supervise(argv, name=site, limit=timeout + stop_grace, stop_grace=stop_grace,
                            pass_fds=(fd,))
        return _record_outcome(db_path, site, before, outcome)


def _close_stale_runs(db: Path, site: str, fresh_within: float) -> RunRow | None:
    """Close 'running' rows nobody is running any more; return a live one if there is one.

    Called with the site lock held, so a 'running' schedule row is a leftover
    of a killed scheduler or child. A 'running' row with another trigger (a
    manual crawl, which takes no lock) counts as live while it is young.
    """
    live = None
    running = site_runs(db, site, status="running")
    if running:  # rows whose crawl process died on this host become 'killed' first
        from archive import Archive

        with Archive(db) as archive:
            if archive.close_dead_runs():
                running = site_runs(db, site, status="running")
    for run in running:
        age = _age_seconds(run.started)
        if run.trigger == "schedule" or age is None or age > fresh_within:
            _close_run(db, run.id, site, "failed", "crawl process gone before it finished "
                       "(found unfinished by the scheduler)", run.counts, run.errors)
        else:
            live = run
    return live


def _age_seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - when).total_seconds()


def _record_outcome(db: Path, site: str, before: int, outcome: ChildOutcome) -> str:
    runs = site_runs(db, site, after_id=before)
    run = runs[-1] if runs else None
    if run is None:
        _close_run(db, None, site, outcome.reason if outcome.reason != "exited" else "failed",
                   f"crawl exited with code {outcome.returncode} before recording a run")
        status = "failed" if outcome.reason == "exited" else outcome.reason
    elif run.status in (None, "running"):
        # Killed before it could finish its own row: record why it ended.
        status = outcome.reason if outcome.reason != "exited" else "failed"
        _close_run(db, run.id, site, status,
                   f"crawl child ended ({_describe(outcome)}) without finishing its run",
                   run.counts, run.errors)
    elif outcome.reason == "timeout" and run.status == "stopped":
        # Our backstop's SIGTERM looks like any stop to the child: say why it stopped.
        status = "timeout"
        _close_run(db, run.id, site, status, f"stopped by the scheduler's time limit ({_describe(outcome)})",
                   run.counts, run.errors)
    else:
        status = run.status
    counts = ", ".join(f"{k}={v}" for k, v in sorted(run.counts.items()) if v and k != "errors") if run else ""
    logger.info("crawl of %s ended: %s in %.1fs (run %s, exit %s): %s; errors=%s",
                site, status, outcome.seconds, run.id if run else "-", outcome.returncode,
                counts or "nothing archived", run.errors if run else 0)
    return status


def _describe(outcome: ChildOutcome) -> str:
    how = "SIGKILL" if outcome.killed else f"exit {outcome.returncode}"
    return f"{outcome.reason}, {how}"


# --------------------------------------------------------------------------
# The scheduler


@dataclass(frozen=True)
class SchedulerConfig:
    """Everything `speech-archive schedule` passes in."""

    config: Path
    db: Path
    jobstore: Path | None = None
    overrides: tuple[tuple[str, str], ...] = ()  # (site or "*", cron) from --schedule
    timeout: float = DEFAULT_TIMEOUT
    stop_grace: float = DEFAULT_STOP_GRACE
    jitter: int = DEFAULT_JITTER
    misfire_grace: int = DEFAULT_MISFIRE_GRACE
    max_parallel: int = DEFAULT_MAX_PARALLEL

    def site_schedules(self) -> list[SiteSchedule]:
        return load_site_schedules(self.config, dict(self.overrides))

    @property
    def jobstore_path(self) -> Path:
        return self.jobstore or self.db.with_name(self.db.name + ".jobs.sqlite")


@dataclass(frozen=True)
class JobInfo:
    """One line of `schedule --list`."""

    site: str
    cron: str
    next_run: datetime | None
    stored: bool  # False: in the profiles but the scheduler never stored it yet


class CrawlScheduler(BackgroundScheduler):
    """BackgroundScheduler that processes jobs only while running.

    APScheduler 3.11's loop wakes once more during ``shutdown()`` with the
    state already STOPPED (not PAUSED), tries to submit every due job to the
    executor it has just shut down ("cannot schedule new futures after
    shutdown", agronholm/apscheduler#285) and moves those jobs' next run time
    on: a paused ``--list`` or a SIGTERM at a job's due time would silently
    drop a run that was missed and still due.
    """

    def _process_jobs(self) -> float | None:
        if self.state != STATE_RUNNING:
            return None
        return super()._process_jobs()


def build_scheduler(cfg: SchedulerConfig, persistent: bool = True) -> CrawlScheduler:
    """A scheduler on the SQLite job store with the crawl job defaults (in memory if not `persistent`)."""
    if persistent:
        cfg.jobstore_path.parent.mkdir(parents=True, exist_ok=True)
    return CrawlScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{cfg.jobstore_path}" if persistent else "sqlite://")},
        executors={"default": ThreadPoolExecutor(max_workers=cfg.max_parallel)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": cfg.misfire_grace},
    )


def start_paused(scheduler: CrawlScheduler, cfg: SchedulerConfig) -> None:
    """Open the job store without running anything; a broken store is a clear error."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        scheduler.start(paused=True)
    except SQLAlchemyError as exc:
        raise ScheduleError(f"job store {cfg.jobstore_path} cannot be opened: {exc.__class__.__name__}: "
                            f"{getattr(exc, 'orig', exc)}") from exc


def sync_jobs(scheduler: CrawlScheduler, cfg: SchedulerConfig,
              schedules: Sequence[SiteSchedule]) -> None:
    """Make the started (paused) scheduler's stored jobs match the profiles.

    A job whose trigger did not change keeps its stored next run time, so a
    run missed while the scheduler was down is still due (and coalesced into
    one); a changed schedule starts afresh; jobs of removed profiles go.
    """
    stored = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(JOB_ID_PREFIX)}
    now = datetime.now(scheduler.timezone)
    for sched in schedules:
        trigger = parse_cron(sched.cron, cfg.jitter, scheduler.timezone)
        old = stored.pop(sched.job_id, None)
        extra: dict[str, Any] = {}
        if old is not None and repr(old.trigger) == repr(trigger):
            extra["next_run_time"] = old.next_run_time
            if old.next_run_time is not None and old.next_run_time < now:
                logger.warning("job %s missed its run at %s while the scheduler was down: "
                               "it runs once now if within %ss, else waits for its next slot",
                               sched.job_id, old.next_run_time.isoformat(timespec="seconds"),
                               cfg.misfire_grace)
        elif old is not None:
            logger.info("job %s: schedule changed to %r", sched.job_id, sched.cron)
        scheduler.add_job(
            run_site_crawl, trigger, id=sched.job_id, name=f"crawl {sched.site}",
            kwargs={"site": sched.site, "db": str(cfg.db), "config": str(cfg.config),
                    "timeout": cfg.timeout, "stop_grace": cfg.stop_grace},
            replace_existing=True, **extra,
        )
    for job_id in stored:
        logger.info("job %s removed: its profile is gone from %s", job_id, cfg.config)
        scheduler.remove_job(job_id)


def list_jobs(cfg: SchedulerConfig) -> list[JobInfo]:
    """Stored jobs and their next run times, without changing the store.

    Profiles the scheduler has not stored yet are listed with the time they
    would first run.
    """
    schedules = cfg.site_schedules()
    # No job store yet: list from an empty one in memory rather than create a file (beside a
    # database that may not exist either).
    scheduler = build_scheduler(cfg, persistent=cfg.jobstore_path.exists())
    start_paused(scheduler, cfg)
    try:
        stored = {job.id: job for job in scheduler.get_jobs()}
        now = datetime.now(scheduler.timezone)
        infos = []
        for sched in schedules:
            job = stored.pop(sched.job_id, None)
            if job is not None:
                infos.append(JobInfo(sched.site, sched.cron, job.next_run_time, True))
            else:
                trigger = parse_cron(sched.cron, None, scheduler.timezone)
                infos.append(JobInfo(sched.site, sched.cron, trigger.get_next_fire_time(None, now), False))
        for job in stored.values():  # stored, but its profile is gone: removed at next start
            site = job.kwargs.get("site", job.id)
            infos.append(JobInfo(site, "(profile removed)", job.next_run_time, True))
        return infos
    finally:
        scheduler.shutdown(wait=False)


def _on_event(event: JobEvent) -> None:
    if event.code == EVENT_JOB_MAX_INSTANCES:
        logger.warning("job %s skipped: its previous crawl is still running", event.job_id)
    elif event.code == EVENT_JOB_MISSED and isinstance(event, JobExecutionEvent):
        logger.warning("job %s missed its run at %s (past the misfire grace time)",
                       event.job_id, event.scheduled_run_time)
    elif event.code == EVENT_JOB_ERROR and isinstance(event, JobExecutionEvent):
        logger.error("job %s failed: %s", event.job_id, event.exception)


def install_signal_handlers(stop: threading.Event) -> None:
    """First SIGTERM/SIGINT: stop (children get SIGTERM); a second one: kill the children now."""

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set():
            logger.warning("second %s: killing running crawls", signal.Signals(signum).name)
            with _CHILDREN_LOCK:
                for proc in _CHILDREN.values():
                    _signal(proc, signal.SIGKILL)
            return
        logger.info("%s received: no new crawls; running ones stop at a page boundary",
                    signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def run_forever(cfg: SchedulerConfig) -> int:
    """Run the scheduler in the foreground until SIGTERM/SIGINT; returns the exit code."""
    schedules = cfg.site_schedules()
    _STOPPING.clear()
    install_signal_handlers(_STOPPING)
    scheduler = build_scheduler(cfg)
    scheduler.add_listener(_on_event, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED | EVENT_JOB_ERROR)
    start_paused(scheduler, cfg)
    logger.info("job store %s holds %d job(s)", cfg.jobstore_path, len(scheduler.get_jobs()))
    sync_jobs(scheduler, cfg, schedules)
    for job in scheduler.get_jobs():
        logger.info("job %s: %s, next run %s", job.id, job.trigger, job.next_run_time)
    scheduler.resume()
    logger.info("scheduler running: %d site(s), archive %s", len(schedules), cfg.db)
    try:
        while not _STOPPING.wait(1.0):
            pass
    finally:
        scheduler.pause()  # no new runs from here on
        busy = running_crawls()
        if busy:
            logger.info("stopping: waiting for %s to stop at a page boundary", ", ".join(busy))
        # Each job's supervise() sees _STOPPING, forwards SIGTERM and waits (SIGKILL after the grace).
        scheduler.shutdown(wait=True)
        logger.info("scheduler stopped")
    return 0


def run_now(cfg: SchedulerConfig, site: str) -> str:
    """Crawl one site at once, in the foreground, under the same lock and limits as a job."""
    names = {s.site for s in cfg.site_schedules()}
    if site not in names:
        raise ScheduleError(f"no profile named {site!r} in {cfg.config} (have: {', '.join(sorted(names))})")
    _STOPPING.clear()
    install_signal_handlers(_STOPPING)
    return run_site_crawl(site, str(cfg.db), str(cfg.config), cfg.timeout, cfg.stop_grace)
