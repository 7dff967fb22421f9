"""`speech-archive schedule`: the nightly scheduler in the foreground (a thin wrapper over scheduler.py)."""
from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli import main
from cli.common import Summary, db_option, finish, json_option, print_summary, verbosity

if TYPE_CHECKING:
    from scheduler import JobInfo

# Exit status of `--run-now` when the site is already being crawled (EX_TEMPFAIL).
EXIT_BUSY = 75


@main.command("schedule")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Site profiles file; each profile's optional `schedule` is a cron string "
                   "[default: ./sites.toml, else crawler/sites.toml].")
@db_option(path_type=Path)
@click.option("--jobstore", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite job store [default: <db>.jobs.sqlite beside the archive].")
@click.option("--list", "list_only", is_flag=True, help="Print each job and its next run time, then exit.")
@click.option("--run-now", "run_now", metavar="SITE", default=None,
              help="Crawl SITE at once (same lock and limits as a job) and exit when it is done.")
@click.option("--schedule", "overrides", metavar="SITE=CRON", multiple=True,
              help="Override a profile's schedule (SITE may be '*' for all); repeatable.")
@click.option("--timeout", type=click.FloatRange(min=1), default=None,
              help="Run time limit of one crawl in seconds [default: 10800].")
@click.option("--stop-grace", type=click.FloatRange(min=0), default=None,
              help="Seconds a crawl gets after SIGTERM before SIGKILL [default: 60].")
@click.option("--jitter", type=click.IntRange(min=0), default=None,
              help="Random delay of up to N seconds on each run [default: 300].")
@click.option("--misfire-grace", type=click.IntRange(min=1), default=None,
              help="A run missed by less than N seconds (scheduler down) still runs once [default: 21600].")
@click.option("--max-parallel", type=click.IntRange(min=1), default=None,
              help="Crawls of different sites running at the same time [default: 2].")
@json_option("With --run-now: print the summary as one JSON object.")
def schedule(config: Path | None, db: Path, jobstore: Path | None, list_only: bool,
             run_now: str | None, overrides: tuple[str, ...], timeout: float | None, stop_grace: float | None, jitter: int | None,
             misfire_grace: int | None, max_parallel: int | None, as_json: bool) -> None:
    """Run the nightly crawls: one job per site profile, kept in a SQLite job store.

    Runs in the foreground the way systemd or a container runs it; SIGTERM or
    Ctrl-C stops it cleanly (running crawls stop at a page boundary, exit 0).
    A profile without `schedule` gets a nightly slot between 01:00 and 05:00
    derived from its name. Cron strings have 5 fields, or 6 with seconds first.

    Example: speech-archive schedule --config sites.toml --db archive.db --list

    Example: speech-archive schedule --db archive.db --run-now hanjia777
    """
    import scheduler as sched  # APScheduler and SQLAlchemy load only for this command

    if verbosity() == 0:
        # A service's log must say when each crawl started and ended, even without -v.
        logging.getLogger("scheduler").setLevel(logging.INFO)

    limits = {
        "timeout": timeout, "stop_grace": stop_grace, "jitter": jitter,
        "misfire_grace": misfire_grace, "max_parallel": max_parallel,
    }
    cfg = sched.SchedulerConfig(config=_profiles_file(config), db=db.resolve(),
                                jobstore=jobstore.resolve() if jobstore else None,
                                overrides=tuple(_split_override(o) for o in overrides),
                                **{k: v for k, v in limits.items() if v is not None})
    try:
        if list_only:
            _print_jobs(sched.list_jobs(cfg))
            return
        if run_now is not None:
            status = sched.run_now(cfg, run_now)
            summary = Summary("schedule", status, str(db), _last_run_counts(db, status, run_now),
                              details={"site": run_now}, label=run_now)
            if status == "skipped":  # the site is being crawled already: try again later
                print_summary(summary, as_json)
                sys.exit(EXIT_BUSY)
            if status in ("stopped", "not-started"):
                summary.details["status"] = status
                summary.status = "ok"  # asked to stop, or nothing to do: not a failure
            finish(summary, as_json)
        sys.exit(sched.run_forever(cfg))
    except sched.ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc


def _last_run_counts(db: Path, status: str, site: str) -> dict[str, int]:
    """The shared summary counts of the site's newest crawl_runs row (the crawl child wrote it)."""
    from archive.access import ArchiveError, open_read_only

    if status in ("skipped", "not-started"):
        return {}
    try:
        archive = open_read_only(db)
    except ArchiveError:
        return {}
    try:
        row = next(archive.query("select * from crawl_runs where instr(sites, ?) > 0 order by id desc limit 1", [site]), None)
    finally:
        archive.close()
    if row is None:
        return {}
    return {"pages": row.get("pages") or 0, "new_speeches": row.get("new_speeches") or 0,
            "new_sources": row.get("new_sources") or 0, "new_versions": row.get("new_versions") or 0,
            "unchanged": (row.get("not_modified") or 0) + (row.get("unchanged_pages") or 0),
            "errors": row.get("errors") or 0}


def _profiles_file(config: Path | None) -> Path:
    """The profiles file the crawl would read, made absolute so the child reads the same one."""
    if config is not None:
        return config.resolve()
    from crawler.profiles import DEFAULT_SITES_PATHS

    return next((p for p in DEFAULT_SITES_PATHS if p.exists()), DEFAULT_SITES_PATHS[-1]).resolve()


def _split_override(text: str) -> tuple[str, str]:
    site, sep, cron = text.partition("=")
    if not sep or not site.strip() or not cron.strip():
        raise click.BadParameter(f"{text!r} is not SITE=CRON", param_hint="--schedule")
    return site.strip(), cron.strip()


def _print_jobs(infos: list[JobInfo]) -> None:
    if not infos:
        click.echo("no site profiles")
        return
    now = datetime.now(timezone.utc)
    width = max(len(info.site) for info in infos)
    for info in infos:
        when = info.next_run.isoformat(timespec="seconds") if info.next_run else "paused"
        mark = "" if info.stored else "  (not in the job store yet)"
        if info.next_run is not None and info.next_run < now:
            mark += "  (missed: runs at the next start if within the misfire grace)"
        click.echo(f"{info.site:<{width}}  next run {when}  cron {info.cron!r}{mark}")
