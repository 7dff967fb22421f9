"""`crawl`, `recrawl` and `demo`: thin wrappers over crawler.run and crawler.demo."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from cli import main
from cli.common import json_option

DEFAULT_DB = "archive.db"


def _log_level() -> str:
    """Scrapy's log level: the one of -v/-q (cli/common.py), WARNING by default, terminal or not."""
    from cli.common import log_level

    return log_level()


def _progress(total: int | None, desc: str) -> Any:
    """A tqdm bar on a terminal; elsewhere a count every few seconds, never a line per page (cli/common.py)."""
    from cli.common import progress

    return progress(total, desc)


def _on_item(bar: Any):  # noqa: ANN202 - a signal handler
    def handler(item: Any, **_: Any) -> None:
        bar.update(1)
        bar.set_postfix_str(item.outcome, refresh=False)
    return handler


def _run(specs: list[Any], settings: Any, total: int | None, desc: str, sequential: bool = False) -> list[Any]:
    import logging

    from crawler.run import run_crawls

    # Scrapy installs its own root handler with LOG_LEVEL: drop the CLI's to avoid double lines.
    logging.getLogger().handlers.clear()
    with _progress(total, desc) as bar:
        return run_crawls(specs, settings, on_item=_on_item(bar), sequential=sequential)


@main.command("crawl")
@click.option("--site", "sites", multiple=True, metavar="NAME", help="A profile of sites.toml (repeatable).")
@click.option("--all", "all_sites", is_flag=True, help="Every profile of sites.toml.")
@click.option("--start-url", "start_urls", multiple=True, metavar="URL",
              help="Crawl a site without a profile from this URL (repeatable).")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="Archive database.",
              envvar="SPEECH_ARCHIVE_DB", show_envvar=True)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None,
              help="sites.toml to read (default: ./sites.toml, else crawler/sites.toml).")
@click.option("--max-pages", type=click.IntRange(min=0), default=None,
              help="Page budget: stop each crawl after N responses (0 = no limit; default: the profile's max_pages).")
@click.option("--max-depth", type=click.IntRange(min=0), default=None,
              help="Follow links at most N hops from a start URL (0 = no limit; default: the profile's max_depth).")
@click.option("--timeout", type=click.FloatRange(min=0), default=0, help="Stop each crawl after SECONDS (status 'timeout').")
@click.option("--trigger", default="cli", show_default=True, help="Recorded in crawl_runs.trigger (the scheduler passes 'schedule').")
@click.option("--jobdir", type=click.Path(file_okay=False), default=None,
              help="Where crawls keep resumable state (default: <db>.jobs/). A crawl that was stopped or killed resumes from it.")
@click.option("--no-resume", is_flag=True, help="Start afresh even if an interrupted job is waiting.")
@click.option("-s", "--set", "extra", multiple=True, metavar="NAME=VALUE", help="Extra Scrapy setting (repeatable).")
# -- distributed crawling (crawler/distributed/components.py) --
@click.option("--redis", "redis_url", default=None, metavar="URL",
              help="Be one of N workers sharing the frontier on this Redis; `speech-archive ingest` writes the archive.")
@click.option("--batch", default="default", show_default=True, help="With --redis: the batch workers and writer share.")
@json_option("Print the summary as one JSON object (cli/common.py).")
def crawl(sites: tuple[str, ...], all_sites: bool, start_urls: tuple[str, ...], db: str, config: str | None,
          max_pages: int | None, max_depth: int | None, timeout: float, trigger: str, jobdir: str | None, no_resume: bool, extra: tuple[str, ...],
          redis_url: str | None = None, batch: str = "default", as_json: bool = False) -> None:
    """Crawl sites by profile, or from start URLs, into the archive.

    Politeness is on: robots.txt, AutoThrottle, the profile's delay and
    concurrency, retries with back-off. SIGTERM or Ctrl-C stops at a page
    boundary; running the same command again resumes.

    Example: speech-archive crawl --site hanjia777 --db archive.db --max-pages 200

    Example: speech-archive crawl --all --redis redis://10.0.0.5:6379/0 --batch nightly-2025-01-31
    """
    from crawler.profiles import ProfileError, load_profiles
    from crawler.run import CrawlSpec, JobBusy, job_dir, lock_job, project_settings

    if not (sites or all_sites or start_urls):
        raise click.UsageError("say what to crawl: --site NAME, --all or --start-url URL")
    names = list(sites)
    if all_sites or sites:
        try:
            profiles = load_profiles(config)
        except ProfileError as exc:  # the file's fault, not the command line's: one line, no usage
            raise click.ClickException(str(exc)) from None
        unknown = [n for n in names if n not in profiles]
        if unknown:
            raise click.UsageError(f"unknown site(s) {unknown}; known: {', '.join(profiles)}")
        if all_sites:
            names = list(profiles)
    if not redis_url:
        from cli.common import open_for_writing

        open_for_writing(db)  # a read-only mount or a foreign database: one line, before Scrapy starts
    jobs = Path(jobdir) if jobdir else Path(f"{db}.jobs")
    specs = [CrawlSpec("site", name, kwargs={"site": name}) for name in names]
    specs += [CrawlSpec("start", url, kwargs={"start_url": url}) for url in start_urls]
    for spec in specs:
        directory = job_dir(jobs, spec.label)
        if not redis_url:  # distributed workers keep their frontier in Redis, not in this directory
            try:
                lock_job(directory)
            except JobBusy as exc:
                raise click.ClickException(f"{spec.label}: {exc}") from None
        if no_resume and directory.exists():
            import shutil

            shutil.rmtree(directory)
        spec.settings["JOBDIR"] = str(directory)
    settings = project_settings(db, trigger=trigger, config=config, max_pages=max_pages, max_depth=max_depth,
                                timeout=timeout,
                                log_level=_log_level(), extra=_parse_settings(extra))
    if redis_url:
        _distribute(specs, settings, redis_url, batch)
    outcomes = _run(specs, settings, None, "crawl")
    from cli.common import crawl_summary, finish

    finish(crawl_summary("crawl", db, outcomes), as_json)


def _distribute(specs: list[Any], settings: Any, redis_url: str, batch: str) -> None:
    """`crawl --redis`: this process becomes a worker of the batch (README: distributed)."""
    from crawler.distributed.components import distribute
    from crawler.distributed.frontier import connect

    try:
        connect(redis_url).close()
    except Exception as exc:  # redis.ConnectionError, a malformed URL
        raise click.ClickException(f"cannot reach Redis at {redis_url}: {exc}") from None
    # An explicit --db is read (conditional GET, known pages); the default one is not touched.
    read_db = click.get_current_context().get_parameter_source("db") is not click.core.ParameterSource.DEFAULT
    try:
        distribute(specs, settings, redis_url, batch, read_db=read_db)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--batch") from None


def _parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.UsageError(f"-s wants NAME=VALUE, got {pair!r}")
        parsed[name] = value
    return parsed


@main.command("recrawl")
@click.argument("urls", nargs=-1)
@click.option("--site", default=None, metavar="NAME", help="Recrawl the known pages of this profile.")
@click.option("--since", default=None, metavar="DATE", help="With --site: only pages first seen on or after DATE (YYYY-MM-DD).")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="Archive database.",
              envvar="SPEECH_ARCHIVE_DB", show_envvar=True)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="sites.toml to read.")
@click.option("--base-url", default=None, help="With --site: the profile's host is served here (demo sites).")
@click.option("-s", "--set", "extra", multiple=True, metavar="NAME=VALUE", help="Extra Scrapy setting (repeatable).")
@json_option("Print the summary as one JSON object (cli/common.py).")
def recrawl(urls: tuple[str, ...], site: str | None, since: str | None, db: str, config: str | None,
            base_url: str | None, extra: tuple[str, ...], as_json: bool = False) -> None:
    """Fetch pages again now, whatever their revisit schedule says.

    Conditional GET still applies: an unchanged page costs a 304 and no
    cleaning. Prints fetched, unchanged, new speeches, new versions, errors.

    Example: speech-archive recrawl --site hanjia777 --since 2024-01-01 --db archive.db
    """
    from crawler.profiles import ProfileError, load_profiles
    from crawler.run import CrawlSpec, project_settings, total
    from crawler.state import known_pages

    if bool(urls) == bool(site):
        raise click.UsageError("give either URLs or --site NAME")
    if since and not site:
        raise click.UsageError("--since goes with --site")
    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            raise click.UsageError(f"--since wants YYYY-MM-DD, got {since!r}") from None
    todo = list(urls)
    if site:
        try:
            profile = load_profiles(config).get(site)
        except ProfileError as exc:  # the file's fault, not the command line's: one line, no usage
            raise click.ClickException(str(exc)) from None
        if profile is None:
            raise click.UsageError(f"unknown site {site!r}")
        if base_url:
            profile = profile.rebased(base_url)
        if not Path(db).exists():
            raise click.UsageError(f"{db} does not exist: nothing known to recrawl")
        todo = known_pages(db, profile.hosts, since=since, articles_only=False)
        if not todo:
            click.echo(f"no known pages of {site} in {db}" + (f" first seen since {since}" if since else ""))
            return
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as listing:
        listing.write("\n".join(todo))
    try:
        settings = project_settings(db, trigger="recrawl", config=config, log_level=_log_level(),
                                    extra=_parse_settings(extra))
        spec = CrawlSpec("urls", site or "urls", kwargs={"urls_file": listing.name, "site": site})
        outcomes = _run([spec], settings, len(todo), "recrawl")
    finally:
        Path(listing.name).unlink(missing_ok=True)
    from cli.common import crawl_summary, print_summary

    # A recrawl asked for these pages: one that could not be fetched is a failure.
    summary = crawl_summary("recrawl", db, outcomes, errors_fail=True)
    print_summary(summary, as_json)
    failed = total(outcomes, "errors")
    if failed:
        click.echo(f"Error: {failed} of {len(todo)} page(s) failed (why: the crawl_errors table)", err=True)
    sys.exit(0 if summary.ok else 1)


@main.command("demo")
@click.option("--db", default="demo.db", show_default=True, type=click.Path(dir_okay=False),
              help="Database to create (replaced on every run).")
@click.option("--keep-serving", is_flag=True, help="Keep the demo sites up after the crawl until Ctrl-C.")
@click.option("--nights", type=click.IntRange(1, 2), default=2, show_default=True,
              help="1: crawl the sites as built; 2: then recrawl their second state (crawler/demo_sites/_night2).")
@json_option("Print only the summary, as one JSON object (cli/common.py).")
def demo(db: str, keep_serving: bool, nights: int = 2, as_json: bool = False) -> None:
    """Serve the bundled demo sites on 127.0.0.1, crawl them into a fresh demo.db, summarise.

    Night 2 serves the sites' second bundled state (rotated sidebars, reworded
    promos, one edited article) and recrawls every known page: the archive
    gains one version, of the edited article, and nothing from the churn.

    Example: speech-archive demo && speech-archive serve --db demo.db
    """
    from cli.common import command_hint, crawl_summary, finish, quiet
    from crawler.demo import DEMO_SITES, demo_profiles, demo_settings, demo_specs, fresh_db, serving, summarise

    def say(text: str) -> None:  # the demo's story; --json and -q print only the summary
        if not (as_json or quiet()):
            click.echo(text)

    profiles = demo_profiles()
    fresh_db(db)
    with serving(profiles) as servers:
        for name, server in servers.items():
            say(f"serving {name:<12} {server.base_url}/  ({profiles[name].title})")
        # One site after another, one page at a time: the same archive on every run (crawler/demo.py).
        settings = demo_settings(db, "demo", _log_level())
        outcomes = _run(demo_specs(profiles, servers, DEMO_SITES), settings, None, "demo", sequential=True)
        night1 = crawl_summary("demo", db, outcomes)
        night1.label = "night 1"
        say(night1.text())
        from crawler.close_reasons import SHUTDOWN

        if nights == 2 and any(o.reason == SHUTDOWN for o in outcomes):
            say("\nnight 2 skipped: the crawl was stopped")
        elif nights == 2:
            from crawler.demo_states import recrawl_night2

            say("\nnight 2: the sites' second state (rotated sidebars, reworded promos, one edited article)")
            night2 = recrawl_night2(db, profiles, servers, log_level=_log_level())
            second = crawl_summary("demo", db, night2)
            second.label = "night 2"
            say(second.text())
            outcomes += night2
        summary = summarise(db)
        say(f"\narchived into {db}:")
        for line in summary.lines():
            say(f"  {line}")
        # Commands the user's shell can run: by path when this venv is not on PATH.
        say(f"\nopen it in Datasette:  {command_hint('speech-archive')} serve --db {db}")
        say(f"or query it:           {command_hint('sqlite-utils')} {db} 'select title, speaker from speeches'")
        if keep_serving:
            _wait_forever(lambda: click.echo("demo sites still up; Ctrl-C to stop", err=as_json or quiet()))
    result = crawl_summary("demo", db, outcomes)
    if as_json:
        finish(result, as_json)
    sys.exit(0 if result.ok else 1)


def _wait_forever(on_ready: Any) -> None:
    from crawler.demo import wait_for_stop_signal

    name = wait_for_stop_signal(on_ready)  # Ctrl-C or SIGTERM; the servers stop when `serving` exits
    click.echo(f"{name}: demo sites stopped", err=True)
