"""`speech-archive ingest --redis URL`: the one archive writer of a distributed crawl."""
from __future__ import annotations

from pathlib import Path

import click

from cli import main
from cli.common import Summary, db_option, finish, json_option, progress


@main.command("ingest")
@click.option("--redis", "redis_url", required=True, metavar="URL",
              help="Redis server the crawl workers share, e.g. redis://10.0.0.5:6379/0.")
@db_option(path_type=Path, help="Archive database (this process is its only writer).")
@click.option("--batch", default="default", show_default=True,
              help="Batch name, the same as the workers' `crawl --redis URL --batch NAME`.")
@click.option("--idle-timeout", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="Stop (status timeout) when no crawl worker has been alive for this many seconds.")
@click.option("--keep", is_flag=True,
              help="Keep the batch's Redis keys after a finished batch (default: delete them).")
@json_option()
def ingest(redis_url: str, db: Path, batch: str, idle_timeout: float, keep: bool, as_json: bool) -> None:
    """Write what distributed crawl workers found into the archive, then exit.

    Start it beside (before or after) any number of `speech-archive crawl
    --redis URL` workers of the same batch. It drains the batch's item list
    into DB, one transaction per page, and exits when the workers have drained
    the shared frontier and every item is archived. The run is recorded in
    `crawl_runs` with trigger "distributed".

    Example: speech-archive ingest --redis redis://127.0.0.1:6379/0 --db archive.db --batch nightly-2025-01-31
    """
    import logging

    from archive import Archive, ArchiveError
    from crawler.distributed.frontier import Batch, connect
    from crawler.distributed.writer import BatchWriter

    log = logging.getLogger(__name__)
    try:
        shared = Batch(connect(redis_url), batch)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--batch") from exc
    except Exception as exc:  # redis.ConnectionError and friends
        raise click.ClickException(f"cannot reach Redis at {redis_url}: {exc}") from exc

    try:
        archive = Archive(db)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    with archive, progress(None, f"ingest {batch}", unit="item") as bar:
        run_id = archive.start_run(trigger="distributed", sites=shared.sites())
        writer = BatchWriter(shared, archive, run_id, idle_timeout=idle_timeout,
                             on_message=lambda _m: bar.update(1))
        try:
            result = writer.run()
        except KeyboardInterrupt:
            archive.finish_run(run_id, status="stopped", counts=dict(writer.result.counts),
                               errors=writer.result.errors, note=f"batch {batch}: interrupted")
            raise click.ClickException("interrupted; run the same command again to continue") from None
        stats = shared.stats()
        counts = dict(result.counts)
        counts.update(stats)  # the workers' own counts: responses, crawl_*, workers_*, requeued
        sites = shared.sites()
        note = f"batch {batch}" + (f" ({', '.join(sites)})" if sites else "") + (f": {result.note}" if result.note else "")
        archive.finish_run(run_id, status=result.status, counts=counts, errors=result.errors, note=note)
    if result.status == "ok" and not keep:
        removed = shared.delete()
        log.info("batch %s finished; removed its %s Redis keys", batch, removed)

    c = result.counts
    summary = Summary(
        "ingest", result.status, str(db),
        {"pages": c["pages"], "new_speeches": c["new_speeches"], "new_sources": c["new_sources"],
         "new_versions": c["new_versions"], "unchanged": c["not_modified"] + c["unchanged"],
         "errors": result.errors},
        details={"batch": batch, "run_id": run_id, "articles": c["articles"], "gone": c["gone"],
                 "workers": stats.get("workers_started", 0), "workers_lost": stats.get("workers_lost", 0),
                 "requeued": stats.get("requeued", 0)},
        label=f"batch {batch}")
    finish(summary, as_json)
