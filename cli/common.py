"""What every command shares: the --db option, -v/-q, --json, the run summary, opening files.

Said once here so each command behaves the same way:
- `--db` defaults to archive.db and reads SPEECH_ARCHIVE_DB;
- `-v` (more log, -vv debug) and `-q` (errors only) work before or after the
  command name (`speech-archive -v crawl …` = `speech-archive crawl -v …`);
- a command that does work ends with one summary: the same fields for all, one
  line of text, or one JSON object with `--json`.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DB_ENV = "SPEECH_ARCHIVE_DB"
DEFAULT_DB = "archive.db"
# Key of ctx.meta (shared by a group and its commands) holding [verbose, quiet].
_VERBOSITY = "speech_archive.verbosity"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


# -- --db ----------------------------------------------------------------------------------
def db_option(param: str = "db", path_type: type | None = None, default: str = DEFAULT_DB,
              help: str = "Archive database file.", envvar: str | None = DB_ENV) -> Callable[[F], F]:
    """The archive's `--db` option; reads SPEECH_ARCHIVE_DB unless `envvar` is None."""
    return click.option(
        "--db", param, default=default, show_default=True, envvar=envvar, show_envvar=bool(envvar),
        type=click.Path(dir_okay=False, path_type=path_type), help=help,
    )


# -- -v / -q ---------------------------------------------------------------------------------
def _record(kind: int) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        counts = ctx.meta.setdefault(_VERBOSITY, [0, 0])
        counts[kind] += int(value or 0)
        configure_logging()
    return callback


def verbosity_options(func: F) -> F:
    """-v/--verbose (repeatable) and -q/--quiet, on the group and on every command."""
    func = click.option("-q", "--quiet", count=True, expose_value=False, callback=_record(1),
                        help="Only errors (no progress, no summary text; --json still prints).")(func)
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=_record(0),
                        help="More log output (-vv for debug).")(func)


def verbosity() -> int:
    """-1 quiet, 0 default, 1 -v, 2 -vv (the sum of every -v and -q given)."""
    ctx = click.get_current_context(silent=True)
    verbose, quiet = ctx.meta.get(_VERBOSITY, [0, 0]) if ctx else (0, 0)
    return -1 if quiet else min(verbose, 2)


def quiet() -> bool:
    return verbosity() < 0


def log_level() -> str:
    """The level of our logs and Scrapy's: WARNING by default, terminal or not.

    Progress is a bar on a terminal and a count every few seconds elsewhere
    (see `progress`), never a line per page.
    """
    return {-1: "ERROR", 0: "WARNING", 1: "INFO", 2: "DEBUG"}[verbosity()]


def configure_logging() -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format=LOG_FORMAT)
    root.setLevel(log_level())


def json_option(help: str = "Print the summary as one JSON object.") -> Callable[[F], F]:
    return click.option("--json", "as_json", is_flag=True, help=help)


# -- the run summary ------------------------------------------------------------------------
# The fields every summary has, in this order; 0 where a command has nothing to count.
# pages: pages fetched (crawls) or recleaned; speeches: speeches the command read or
# wrote (exported, indexed, or seen on the fetched pages); new_*: rows it added;
# unchanged: pages answered 304 / same bytes (crawls) or speeches left as they were
# (reclean); errors: pages or items that failed. Anything else goes to `details`.
SUMMARY_FIELDS = ("pages", "speeches", "new_speeches", "new_sources", "new_versions",
                  "unchanged", "errors")


@dataclass
class Summary:
    """What a command did: status ('ok' or why not), the shared counts, and its own details."""

    command: str
    status: str = "ok"
    db: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    label: str | None = None  # what the text line names instead of the command (a site)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        return {"command": self.command, "status": self.status, "db": self.db,
                **{name: int(self.counts.get(name, 0)) for name in SUMMARY_FIELDS},
                "details": self.details}

    def line(self) -> str:
        counts = ", ".join(f"{name.replace('_', ' ')} {int(self.counts.get(name, 0))}" for name in SUMMARY_FIELDS)
        where = f" ({self.db})" if self.db else ""
        return f"{self.label or self.command}: {self.status}; {counts}{where}"

    def text(self) -> str:
        """The summary line, then the details indented: a line per nested group (site), one for the rest."""
        lines = [self.line()]
        flat = {k: v for k, v in self.details.items() if not isinstance(v, dict)}
        for group in (v for v in self.details.values() if isinstance(v, dict)):
            for name, values in group.items():
                if isinstance(values, dict) and "reason" in values:  # a crawl: "site: finished; fetched 3, …; note"
                    rest = {k: v for k, v in values.items() if k not in ("reason", "notes")}
                    notes = "".join(f"; {note}" for note in values.get("notes", ()))
                    lines.append(f"  {name}: {values['reason']}; {_words(rest)}{notes}")
                else:
                    lines.append(f"  {name}: " + (_words(values) if isinstance(values, dict) else str(values)))
        if flat:
            lines.append("  " + _words(flat))
        return "\n".join(lines)


def _words(values: dict[str, Any]) -> str:
    return ", ".join(f"{str(k).replace('_', ' ')} {v}" for k, v in values.items())


def print_summary(summary: Summary, as_json: bool, err: bool = False) -> None:
    """One JSON object with --json, else one line (nothing with -q). `err`: stdout carries data."""
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False), err=err)
    elif not quiet():
        click.echo(summary.text(), err=err)


def finish(summary: Summary, as_json: bool, err: bool = False) -> None:
    """Print the summary and exit: 0 when it is ok, 1 otherwise (a failure is never a success)."""
    print_summary(summary, as_json, err=err)
    sys.exit(0 if summary.ok else 1)


def crawl_summary(command: str, db: str | Path | None, outcomes: list[Any], errors_fail: bool = False) -> Summary:
    """A Summary of crawler.run outcomes (one per crawled site); details per site.

    The run fails when a crawl ended abnormally, and with `errors_fail` (a
    recrawl of named pages) also when any page failed.
    """
    from crawler.close_reasons import RUN_STATUS
    from crawler.run import SUMMARY_KEYS

    totals: dict[str, int] = {}
    for outcome in outcomes:
        for key, value in outcome.counts.items():
            totals[key] = totals.get(key, 0) + int(value)
    counts = {
        "pages": totals.get("fetched", 0),
        "speeches": totals.get("new_speeches", 0) + totals.get("new_versions", 0) + totals.get("unchanged_speeches", 0),
        "new_speeches": totals.get("new_speeches", 0), "new_sources": totals.get("new_sources", 0),
        "new_versions": totals.get("new_versions", 0),
        "unchanged": totals.get("not_modified", 0) + totals.get("unchanged_pages", 0),
        "errors": totals.get("errors", 0),
    }
    bad = [o.reason for o in outcomes if o.reason not in RUN_STATUS]  # a reason that fails the run
    status = bad[0] if bad else ("errors" if errors_fail and counts["errors"] else "ok")
    always = ("fetched", "new_speeches", "new_versions", "errors")
    details = {"sites": {o.label: {"reason": o.reason, **{k: o.counts.get(k, 0) for k in SUMMARY_KEYS
                                                          if o.counts.get(k) or k in always},
                                   "notes": list(getattr(o, "notes", []))}
                         for o in outcomes}}
    return Summary(command, status, str(db) if db else None, counts, details)


# -- progress -------------------------------------------------------------------------------
# Off a terminal, progress is one count line at most this often (a log, not a page per line).
PROGRESS_LOG_SECONDS = 30.0


class CountLog:
    """Progress off a terminal: a count line on stderr at most every PROGRESS_LOG_SECONDS."""

    def __init__(self, total: int | None, desc: str, unit: str, enabled: bool = True) -> None:
        import time

        self.total, self.desc, self.unit, self.enabled = total, desc, unit, enabled
        self.done = 0
        self._clock = time.monotonic
        self._last = self._clock()

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.enabled and self._clock() - self._last >= PROGRESS_LOG_SECONDS:
            self._last = self._clock()
            of = f"/{self.total}" if self.total else ""
            click.echo(f"{self.desc}: {self.done}{of} {self.unit}s so far", err=True)

    def set_postfix_str(self, _text: str, refresh: bool = False) -> None:
        """tqdm's signature; a count log has no postfix."""


@contextmanager
def progress(total: int | None, desc: str, unit: str = "page") -> Iterator[Any]:
    """A tqdm bar on a terminal, else a CountLog (nothing with -q); both have update(n)."""
    if not quiet() and sys.stderr.isatty():
        from tqdm import tqdm

        with tqdm(total=total, desc=desc, unit=unit, dynamic_ncols=True) as bar:
            yield bar
        return
    yield CountLog(total, desc, unit, enabled=not quiet())


# -- files ----------------------------------------------------------------------------------
def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether `a` is `b` (same inode, or the same resolved path when one does not exist yet)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_overwriting_archive(output: str | Path, db: str | Path) -> None:
    """`-o` must name neither the archive nor its -wal/-shm/-journal files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if same_file(output, f"{db}{suffix}"):
            raise click.ClickException(f"-o {output} is the archive{' ' + suffix[1:] + ' file' if suffix else ''} "
                                   f"({db}); choose another output file")


@contextmanager
def output_file(path: str, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Write `path` all or nothing: a regular file is written beside and renamed at the end.

    '-' is standard output; a device or FIFO is written directly. Errors
    (missing directory, disk full, /dev/full) become one-line ClickExceptions.
    """
    if path == "-":
        yield sys.stdout
        return
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise click.ClickException(f"{path}: no such directory {parent}")
    special = target.exists() and not target.is_file()
    try:
        if special:
            with open(target, "w", encoding=encoding, newline="") as out:
                yield out
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would differ from a plain open()
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write: {exc.strerror or exc}"
                                   + (" (disk full)" if exc.errno == errno.ENOSPC else "")) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def open_for_writing(db: str | Path) -> None:
    """Fail early, in one line, when `db` cannot be the archive a crawl writes (created if missing).

    Catches a read-only mount, someone else's database or a newer schema
    before Scrapy starts, instead of a traceback from inside the crawl.
    """
    from archive import Archive, ArchiveError

    try:
        Archive(db).close()
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None


def command_hint(name: str) -> str:
    """How the user can type command `name` of this installation: bare when the shell finds
    this venv's copy on PATH, else its path (e.g. `.venv/bin/speech-archive`)."""
    import shutil

    ours = Path(sys.executable).parent / name
    found = shutil.which(name)
    if found and ours.exists() and same_file(found, ours):
        return name
    try:
        return str(ours.relative_to(Path.cwd()))
    except ValueError:
        return str(ours)
