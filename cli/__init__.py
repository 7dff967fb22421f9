"""`speech-archive`: one entry point, a thin click wrapper over library calls.

Each command group lives in its own module and registers itself on `main`;
heavy imports (Scrapy, Datasette) happen inside the commands, not here. The
options every command shares (-v, -q) are added by `SharedOptionsGroup`, so
no command can forget them (cli/common.py says what they do).
"""
from __future__ import annotations

import click

from cli.common import configure_logging, verbosity_options


class SharedOptionsGroup(click.Group):
    """A group that gives every command it registers the shared -v/-q options."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        have = {opt for param in cmd.params for opt in getattr(param, "opts", ())}
        if not have & {"-v", "--verbose", "-q", "--quiet"}:
            verbosity_options(cmd)
        super().add_command(cmd, name)


@click.group(cls=SharedOptionsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@verbosity_options
@click.version_option(package_name="speech-archive")
def main() -> None:
    """Archive public speeches from Chinese template sites.

    Example: speech-archive demo
    """
    configure_logging()


def _register() -> None:
    # Imported for their side effect of adding commands to `main`.
    from cli import archive_cmds, crawl_cmds, extract_cmd, ingest_cmd, schedule_cmd  # noqa: F401


_register()
