"""Archive commands: stats, search, index, export, serve, reclean (thin wrappers over `archive`)."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import click

from cli import main
from cli.common import (Summary, db_option, finish, json_option, output_file, print_summary, progress, quiet,
                        refuse_overwriting_archive)

db_option = db_option("db_path")


def _read(db_path: str) -> Any:
    """An existing archive opened read-only (sqlite_utils.Database); one-line error otherwise.

    Creates nothing: an empty file, someone else's database or a newer schema
    is refused; an archive on a read-only mount is read as it is.
    """
    from archive.access import ArchiveError, open_for_reading

    try:
        return open_for_reading(db_path)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None


def _open(db_path: str) -> Any:
    """An existing archive opened for writing; never create one by mistake."""
    from archive import Archive
    from archive.access import ArchiveError

    _read(db_path).close()  # the same checks as a reader first: nothing is created or converted
    try:
        return Archive(db_path)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@db_option
@json_option("Print the figures as one JSON object.")
def stats(db_path: str, as_json: bool) -> None:
    """Counts of sites, pages, speeches, sources, versions, captures and runs.

    Example: speech-archive stats --db demo.db
    """
    from archive.access import writable
    from archive.stats import stats as archive_stats

    db = _read(db_path)
    try:
        if writable(db_path):
            with _open(db_path) as archive:
                archive.close_dead_runs()  # rows of crawls killed with kill -9 become 'killed'
        figures = archive_stats(db, db_path)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for key, value in figures.items():
        if key == "last_run":
            value = ", ".join(f"{k}={v}" for k, v in (value or {}).items()) or "none"
        click.echo(f"{key:32} {value}")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="At most this many speeches (0 = all).")
@json_option("One JSON object per line.")
def search(query: str, db_path: str, limit: int, as_json: bool) -> None:
    """Speeches containing every word of QUERY (space-separated words are ANDed), newest first.

    Words of any length work, including two-character Chinese words. Each hit
    shows a snippet around the match (--json: `snippet` and `marks`, the
    [start, end) offsets of the matches in it). A repeated word counts once;
    only the first MAX_QUERY_TERMS (12) distinct words are used.

    Example: speech-archive search "经济 高质量发展" --db demo.db
    """
    from archive.search import MAX_QUERY_TERMS, Snippet, plan, search as archive_search

    search_plan = plan(query)
    if search_plan.empty:
        raise click.BadParameter("the query has no searchable characters", param_hint="QUERY")
    if search_plan.dropped:
        click.echo(f"note: only the first {MAX_QUERY_TERMS} distinct words are used;"
                   f" {len(search_plan.dropped)} ignored", err=True)
    db = _read(db_path)
    found = 0
    try:
        for row in archive_search(db, search_plan, limit=limit or None):
            found += 1
            if as_json:
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                marked = Snippet(row["snippet"], row["marks"]).terminal(
                    lambda text: click.style(text, bold=True, underline=True))
                click.echo(f"{row['id']:>7}  {row['published'] or '          '}  {row['site'] or ''}"
                           f"  sites={row['site_count']} v{row['version_count']}  {row['title']}\n"
                           f"         {marked}")
    finally:
        db.close()
    if not as_json:
        click.echo(f"{found} speech(es)", err=True)


@main.command()
@db_option
@json_option()
def index(db_path: str, as_json: bool) -> None:
    """Bring the search index up to date (crawls do it at each run's end).

    Search is exact without it (the speeches the index has not reached are
    scanned); indexing keeps that scan short. Safe to interrupt: each batch
    of speeches is one transaction.

    Example: speech-archive index --db demo.db
    """
    from archive import indexer

    with _open(db_path) as archive:
        try:
            done = archive.index()
        except sqlite3.OperationalError as exc:  # e.g. locked by a writer for over 30 s
            raise click.ClickException(f"{db_path}: search index not updated ({exc});"
                                       " search stays exact, scanning what is not indexed") from None
        left = indexer.tail_size(archive.db)
    finish(Summary("index", db=db_path, counts={"speeches": done},
                   details={"indexed": done, "unindexed": left}), as_json)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-",
              help="Output file (default: standard output). Written whole or not at all.")
@json_option("Print the summary as one JSON object (on stderr).")
def export(db_path: str, fmt: str, output: str, as_json: bool) -> None:
    """Export every speech with its source URLs, streaming (constant memory).

    Example: speech-archive export --format csv -o speeches.csv --db demo.db
    """
    from archive.export import export as archive_export

    if output != "-":
        refuse_overwriting_archive(output, db_path)
    db = _read(db_path)
    try:
        with output_file(output) as out:
            count = archive_export(db, out, fmt)
    finally:
        db.close()
    # The summary goes to stderr: stdout may be the export itself.
    print_summary(Summary("export", db=db_path, counts={"speeches": count},
                          details={"output": output, "format": fmt}), as_json, err=True)


@main.command()
@db_option
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0 = any free port).")
def serve(db_path: str, port: int) -> None:
    """Start Datasette on 127.0.0.1 with the archive's metadata and search plugin.

    Example: speech-archive serve --db demo.db --port 8001
    """
    import yaml

    from archive.access import writable
    from archive.serve import datasette_argv, metadata_for

    _read(db_path).close()  # creates nothing; upgrades the schema if needed
    with tempfile.TemporaryDirectory(prefix="speech-archive-") as tmp:
        meta = Path(tmp) / "metadata.yml"
        meta.write_text(yaml.safe_dump(metadata_for(db_path), allow_unicode=True), encoding="utf-8")
        if not quiet():
            click.echo(f"Datasette on http://127.0.0.1:{port}/ (Ctrl-C stops)", err=True)
        proc = subprocess.Popen(datasette_argv(db_path, meta, port, immutable=not writable(db_path)))
        # A SIGTERM to us (service manager, test) stops Datasette too.
        signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            code = proc.wait()
    if code not in (0, -15):
        raise click.ClickException(f"datasette exited with status {code}")


@main.command()
@db_option
@click.option("--include-empty", is_flag=True,
              help="Also reclean pages that never held a speech (lists, rejected pages).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None,
              help="sites.toml whose cleaner_profile settings the crawl used (default: the crawl's default).")
@click.option("--learn/--no-learn", default=True, show_default=True,
              help="Learn each site's template from its stored captures first (--no-learn: use the stored ones).")
@json_option()
def reclean(db_path: str, include_empty: bool, config: str | None, learn: bool, as_json: bool) -> None:
    """Rerun the current cleaner over stored captures; new versions only where text changed.

    Each page is cleaned with its site's template (the lines its pages share),
    so sidebar and promo churn between captures makes no version.

    Example: speech-archive reclean --db demo.db
    """
    from urllib.parse import urlsplit

    from cleaning import ContentError, clean_page, stitch
    from cleaning.decode import charset_from_content_type
    from cleaning.template import site_key
    from crawler.profiles import ProfileError, load_profiles

    # Clean each page the way its crawl did: with the site profile's cleaner_profile,
    # or a changed extraction path would show up as spurious versions.
    try:
        profile_by_host = {host: site.cleaner_profile for site in load_profiles(config).values()
                           for host in site.hosts if site.cleaner_profile}
    except (OSError, ProfileError) as exc:
        raise click.ClickException(f"cannot read the site profiles: {exc}") from None

    templates: dict[str, Any] = {}

    def clean_one(fetch: Any) -> Any:
        return clean_page(fetch.body, url=fetch.url, http_charset=charset_from_content_type(fetch.header("Content-Type")),
                          profile=profile_by_host.get(urlsplit(fetch.url or "").netloc.lower()),
                          template=templates.get(site_key(fetch.url)))

    def clean(main_fetch: Any, parts: list[Any]) -> Any:
        try:
            page = clean_one(main_fetch)
            if parts:
                page = stitch([page] + [clean_one(p) for p in parts])
        except ContentError:
            return None
        return page

    with _open(db_path) as archive:
        for host in archive.template_hosts():
            template = archive.learn_template(host) if learn else archive.load_template(host)
            if template is not None and template.ready:
                templates[host] = template.compact()
        with progress(None, "reclean") as bar:
            totals = archive.reclean(clean, progress=bar.update, include_empty=include_empty)
        totals["templates"] = len(templates)
    summary = Summary("reclean", "ok" if not totals.get("failed") else "errors", db_path,
                      {"pages": totals.get("pages", 0), "new_speeches": totals.get("new_speeches", 0),
                       "new_sources": totals.get("new_sources", 0), "new_versions": totals.get("new_versions", 0),
                       "unchanged": totals.get("unchanged_speeches", 0), "errors": totals.get("failed", 0)},
                      details=totals)
    finish(summary, as_json)

