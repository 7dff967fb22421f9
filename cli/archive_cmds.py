"""Archive commands: stats, search, export, serve, reclean (thin wrappers over `archive`)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from cli import main

db_option = click.option(
    "--db", "db_path", default="archive.db", show_default=True, envvar="SPEECH_ARCHIVE_DB",
    type=click.Path(dir_okay=False), help="Archive database file (env SPEECH_ARCHIVE_DB).",
)


def _open(db_path: str) -> Any:
    """Open an existing archive; never create one by mistake."""
    import sqlite_utils

    from archive import Archive

    path = Path(db_path)
    if not path.exists():
        raise click.ClickException(f"{db_path}: no such archive (crawl into it first)")
    try:
        names = set(sqlite_utils.Database(path, execute_plugins=False).table_names())
    except Exception as exc:  # sqlite3.DatabaseError: not a database file
        raise click.ClickException(f"{db_path}: not an SQLite database ({exc})") from exc
    if "speeches" not in names and names:
        raise click.ClickException(f"{db_path}: not a speech archive (no speeches table)")
    return Archive(path)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def stats(db_path: str, as_json: bool) -> None:
    """Counts of sites, pages, speeches, sources, versions, captures and runs.

    Example: speech-archive stats --db demo.db
    """
    from archive.stats import stats as archive_stats

    with _open(db_path) as archive:
        archive.close_dead_runs()  # rows of crawls killed with kill -9 become 'killed'
        figures = archive_stats(archive.db, db_path)
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
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def search(query: str, db_path: str, limit: int, as_json: bool) -> None:
    """Speeches containing every word of QUERY (space-separated words are ANDed).

    Words of any length work, including two-character Chinese words.

    Example: speech-archive search "经济 高质量发展" --db demo.db
    """
    from archive.search import plan, search as archive_search

    if plan(query).empty:
        raise click.BadParameter("the query has no searchable characters", param_hint="QUERY")
    with _open(db_path) as archive:
        found = 0
        for row in archive_search(archive.db, query, limit=limit or None):
            found += 1
            if as_json:
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                click.echo(f"{row['id']:>7}  {row['published'] or '          '}  "
                           f"sites={row['site_count']} v{row['version_count']}  {row['title']}")
    if not as_json:
        click.echo(f"{found} speech(es)", err=True)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-",
              help="Output file (default: standard output).")
def export(db_path: str, fmt: str, output: str) -> None:
    """Export every speech with its source URLs, streaming (constant memory).

    Example: speech-archive export --format csv -o speeches.csv --db demo.db
    """
    from archive.export import export as archive_export

    with _open(db_path) as archive:
        if output == "-":
            count = archive_export(archive.db, sys.stdout, fmt)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = archive_export(archive.db, out, fmt)
    click.echo(f"exported {count} speech(es)", err=True)


@main.command()
@db_option
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0 = any free port).")
def serve(db_path: str, port: int) -> None:
    """Start Datasette on 127.0.0.1 with the archive's metadata and search plugin.

    Example: speech-archive serve --db demo.db --port 8001
    """
    import yaml

    from archive.serve import datasette_argv, metadata_for

    _open(db_path).close()  # creates nothing; upgrades the schema if needed
    with tempfile.TemporaryDirectory(prefix="speech-archive-") as tmp:
        meta = Path(tmp) / "metadata.yml"
        meta.write_text(yaml.safe_dump(metadata_for(db_path), allow_unicode=True), encoding="utf-8")
        click.echo(f"Datasette on http://127.0.0.1:{port}/ (Ctrl-C stops)", err=True)
        proc = subprocess.Popen(datasette_argv(db_path, meta, port))
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
def reclean(db_path: str, include_empty: bool, config: str | None) -> None:
    """Rerun the current cleaner over stored captures; new versions only where text changed.

    Example: speech-archive reclean --db demo.db
    """
    from urllib.parse import urlsplit

    from tqdm import tqdm

    from cleaning import ContentError, clean_page, stitch
    from cleaning.decode import charset_from_content_type
    from crawler.profiles import ProfileError, load_profiles

    # Clean each page the way its crawl did: with the site profile's cleaner_profile,
    # or a changed extraction path would show up as spurious versions.
    try:
        profile_by_host = {host: site.cleaner_profile for site in load_profiles(config).values()
                           for host in site.hosts if site.cleaner_profile}
    except (OSError, ProfileError) as exc:
        raise click.ClickException(f"cannot read the site profiles: {exc}") from None

    def clean_one(fetch: Any) -> Any:
        return clean_page(fetch.body, url=fetch.url, http_charset=charset_from_content_type(fetch.header("Content-Type")),
                          profile=profile_by_host.get(urlsplit(fetch.url or "").netloc.lower()))

    def clean(main_fetch: Any, parts: list[Any]) -> Any:
        try:
            page = clean_one(main_fetch)
            if parts:
                page = stitch([page] + [clean_one(p) for p in parts])
        except ContentError:
            return None
        return page

    with _open(db_path) as archive:
        with tqdm(desc="reclean", unit="page", disable=not sys.stderr.isatty()) as bar:
            totals = archive.reclean(clean, progress=bar.update, include_empty=include_empty)
    click.echo(" ".join(f"{k}={v}" for k, v in totals.items()))

