"""`speech-archive`: one entry point, a thin click wrapper over library calls.

Each command group lives in its own module and registers itself on `main`;
heavy imports (Scrapy, Datasette) happen inside the commands, not here.
"""
from __future__ import annotations

import logging

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="speech-archive")
def main(verbose: int) -> None:
    """Archive public speeches from Chinese template sites.

    Example: speech-archive demo
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _register() -> None:
    # Imported for their side effect of adding commands to `main`.
    from cli import archive_cmds, crawl_cmds, extract_cmd, ingest_cmd, schedule_cmd  # noqa: F401


_register()
