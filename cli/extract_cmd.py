"""`speech-archive extract`: clean one page (a file or a URL) and print the Page."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import click

from cli import main
from cli.common import json_option

logger = logging.getLogger(__name__)

# A page bigger than this is refused before reading: the cleaner caps its own
# work, but there is no reason to pull gigabytes into memory for one page.
MAX_INPUT_BYTES = 64 * 1024 * 1024
FETCH_TIMEOUT = 30
# `extract -` and `extract URL` give up when the input has not ended after this many seconds in all (--timeout).
TOTAL_READ_TIMEOUT = 60.0


def _fetch(url: str, timeout: float = TOTAL_READ_TIMEOUT) -> tuple[bytes, str | None, str]:
    """GET a page with urllib; (body, charset from Content-Type, final URL).

    Bounded in all: at most MAX_INPUT_BYTES, and `timeout` seconds from connect to the
    last byte. urllib's own timeout is per socket operation, so a server that drips a
    byte a second (headers or body) would hold it forever; the download runs in a
    daemon thread that is abandoned at the deadline (the command exits right after).
    """
    import threading
    from urllib.request import Request, urlopen

    outcome: dict[str, Any] = {}

    def download() -> None:
        request = Request(url, headers={"User-Agent": "speech-archive/0.1 (+extract)"})
        try:
            with urlopen(request, timeout=min(FETCH_TIMEOUT, timeout)) as response:  # noqa: S310 - the user's URL
                outcome["page"] = (response.read(MAX_INPUT_BYTES + 1), response.headers.get_content_charset(),
                                   response.geturl())
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = err

    worker = threading.Thread(target=download, name="extract-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise click.ClickException(f"{url}: no complete answer within {timeout:g} s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]
    body, charset, final = outcome["page"]
    if len(body) > MAX_INPUT_BYTES:
        raise click.ClickException(f"{url}: page larger than {MAX_INPUT_BYTES} bytes")
    return body, charset, final


def _read_file(path: Path) -> bytes:
    """A saved page: a regular file of at most MAX_INPUT_BYTES (read no further than that)."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise click.ClickException(f"{path}: no such file") from None
    except OSError as err:
        raise click.ClickException(f"{path}: {err.strerror or err}") from None
    if stat.S_ISDIR(mode):
        raise click.ClickException(f"{path}: is a directory, not a page")
    if not stat.S_ISREG(mode):
        # /dev/zero never ends, a FIFO may never close: pipe them in with `extract -` (bounded).
        raise click.ClickException(f"{path}: not a regular file (a device, FIFO or socket); "
                                   f"use `extract - < {path}` to read a stream")
    try:
        with open(path, "rb") as fh:
            body = fh.read(MAX_INPUT_BYTES + 1)  # a file growing while we read stays bounded
    except OSError as err:
        raise click.ClickException(f"{path}: {err.strerror or err}") from err
    if len(body) > MAX_INPUT_BYTES:
        raise click.ClickException(f"{path}: file larger than {MAX_INPUT_BYTES} bytes")
    return body


def _read_stdin(fd: int = 0, limit: int = MAX_INPUT_BYTES, timeout: float = TOTAL_READ_TIMEOUT) -> bytes:
    """`extract -`: standard input up to EOF, bounded by `limit` bytes and `timeout` seconds in all."""
    import os
    import select
    import time

    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise click.ClickException(f"standard input: no end of input within {timeout:g} s")
        try:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        except OSError as err:
            raise click.ClickException(f"standard input: {err.strerror or err}") from err
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise click.ClickException(f"standard input: larger than {limit} bytes")


def _human(page) -> str:
    lines = [
        f"url:         {page.url or '-'}",
        f"title:       {page.title or '-'}",
        f"site:        {page.site_name or '-'}",
        f"published:   {page.published or '-'}",
        f"author:      {page.author or '-'}",
        f"breadcrumbs: {' > '.join(page.breadcrumbs) or '-'}",
        f"tags:        {', '.join(page.tags) or '-'}",
        f"encoding:    {page.encoding or '-'}",
    ]
    if page.canonical_url:
        lines.append(f"canonical:   {page.canonical_url}")
    if page.next_page_url:
        lines.append(f"next page:   {page.next_page_url}")
    if not page.speeches:
        lines.append(f"speeches:    none ({page.no_speech_reason or 'no reason given'})")
    for number, speech in enumerate(page.speeches, 1):
        lines.append("")
        lines.append(f"== speech {number}/{len(page.speeches)}: {speech.title}")
        if speech.speaker or speech.occasion:
            lines.append(f"   speaker: {speech.speaker or '-'}   occasion: {speech.occasion or '-'}")
        lines.append(f"   {len(speech.paragraphs)} paragraphs, {len(speech.body)} characters")
        lines.append("")
        lines.extend(speech.paragraphs)
    return "\n".join(lines)


def _sibling_files(siblings: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for name in siblings:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".html", ".htm") and p.is_file())
            if not found:
                raise click.ClickException(f"{path}: no .html files in this directory")
            files.extend(found)
        else:
            files.append(path)
    return files


def _site_template(body: bytes, http_charset: str | None, page_url: str | None, db_path: str | None,
                   siblings: tuple[str, ...]) -> Any:
    """The site's template from --db and/or --sibling pages (None without either)."""
    if not db_path and not siblings:
        return None
    from cleaning.errors import ContentError
    from cleaning.template import SiteTemplate, observe, site_key

    host = site_key(page_url)
    learnt = None
    if siblings:
        observations = [observe(body, http_charset)]
        for path in _sibling_files(siblings):
            try:
                observations.append(observe(_read_file(path)))
            except ContentError as err:
                raise click.ClickException(f"{path}: sibling is not a web page: {err}") from err
        learnt = SiteTemplate.learn(host, observations)
    if not db_path:
        return learnt
    if not host:
        raise click.ClickException("--db needs the page's URL (give --url) to know its site")
    stored = _db_template(Path(db_path), host)
    if stored is None:
        logger.info("no pages of %s in %s: its template is unknown", host, db_path)
        return learnt
    return stored if learnt is None else stored.compact().merged(learnt.compact())


def _db_template(path: Path, host: str) -> Any:
    """The host's stored template, else one learnt from its stored captures (read only)."""
    import sqlite3

    import sqlite_utils

    from archive import site_templates

    if not path.is_file():
        raise click.ClickException(f"{path}: no such archive")
    try:
        db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
        if "pages" not in db.table_names():
            raise click.ClickException(f"{path}: not a speech archive (no pages table)")
        stored = site_templates.load(db, host)
        if stored is None or not stored.ready:
            learnt = site_templates.learn(db, host)
            stored = learnt if learnt.ready else None
        return stored
    except sqlite3.DatabaseError as err:
        raise click.ClickException(f"{path}: not an SQLite database ({err})") from err


@main.command("extract")
@click.argument("source")
@click.option("--url", "page_url", help="The page's URL (for a saved file): resolves links, picks a site profile.")
@click.option("--charset", "http_charset", help="Charset the server declared (Content-Type), if known.")
@click.option("--profile", help="Force a site profile from cleaning/rules/profiles.toml.")
@click.option("--timeout", "total_timeout", type=click.FloatRange(min=0.1), default=TOTAL_READ_TIMEOUT,
              show_default=True, help="Give up reading standard input (-) or fetching a URL after SECONDS in all.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="Archive whose template of the page's site (stored, or learnt from its captures) cleans the page.")
@click.option("--sibling", "siblings", multiple=True, type=click.Path(),
              help="Another page of the same site (a FILE or a directory of .html files; repeatable): "
                   "the site's template is learnt from them.")
@json_option("Print the Page object (docs/design.md) as JSON instead of text.")
def extract(source: str, page_url: str | None, http_charset: str | None, profile: str | None, total_timeout: float,
            db_path: str | None, siblings: tuple[str, ...], as_json: bool) -> None:
    """Clean one page (a saved FILE, a URL, or - for standard input) and print its speeches and metadata.

    Without --db or --sibling only the single-page rules apply; with them, the
    lines the site's pages share leave the body and the site's name is never the title.

    Example: speech-archive extract saved/page.html --url http://www.example.com/a/1.html --json
    """
    from cleaning import ContentError, clean_page

    scheme = urlparse(source).scheme.lower()
    if scheme in ("http", "https"):
        try:
            body, charset, final = _fetch(source, total_timeout)
        except click.ClickException:
            raise
        except Exception as err:  # urllib raises URLError, HTTPError, socket errors, ValueError
            raise click.ClickException(f"{source}: could not fetch: {err}") from err
        page_url = page_url or final
        http_charset = http_charset or charset
    elif source == "-":
        body = _read_stdin(timeout=total_timeout)
    else:
        body = _read_file(Path(source))
    try:
        template = _site_template(body, http_charset, page_url, db_path, siblings)
        page = clean_page(body, url=page_url, http_charset=http_charset, profile=profile, template=template)
    except ContentError as err:
        raise click.ClickException(f"{source}: not a web page: {err}") from err
    except ValueError as err:  # an unknown --profile
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_human(page))
    if not page.speeches:
        logger.info("no speech in %s: %s", source, page.no_speech_reason)
        sys.stderr.flush()
