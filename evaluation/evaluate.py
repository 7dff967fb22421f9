"""`python -m evaluation.evaluate CORPUS_DIR ...`: score the cleaner against ground truth.

Prints per group (fixture family, real corpus folder) and overall the body
precision/recall/F1, junk leaks, title/date/speech-count accuracy of the cleaner
and, in the same run, of bare trafilatura.extract as the baseline.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click
from tqdm import tqdm

from evaluation import CorpusError, evaluate, load, report
from evaluation.systems import SYSTEMS


@click.command(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: python -m evaluation.evaluate tests/fixtures/pages ../shared/corpus/real --worst 10",
)
@click.argument("corpus_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (figures and every page) instead of the table.")
@click.option("--baseline/--no-baseline", default=True, show_default=True, help="Also run bare trafilatura.extract as the baseline.")
@click.option(
    "--decoded-baseline",
    is_flag=True,
    help="Add trafilatura given the text cleaning.decode produced (isolates its decoding errors).",
)
@click.option(
    "--system",
    "candidate",
    type=click.Choice(sorted(SYSTEMS)),
    default="cleaner",
    show_default=True,
    help="The system under test (trafilatura here scores the baseline alone).",
)
@click.option(
    "--page-timeout",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds a system may spend on one page before it counts as an error (0: no limit).",
)
@click.option("--worst", type=int, default=0, help="Also list the N worst pages of the system under test.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Also write the JSON document to this file.")
@click.option("-v", "--verbose", is_flag=True, help="Log every page error as it happens.")
def main(
    corpus_dirs: tuple[Path, ...],
    as_json: bool,
    baseline: bool,
    decoded_baseline: bool,
    candidate: str,
    page_timeout: float,
    worst: int,
    output: Path | None,
    verbose: bool,
) -> None:
    """Score the cleaner on fixture and real corpora; CORPUS_DIR may hold several corpora."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        # trafilatura and htmldate log a warning for every odd page; the scores tell the story.
        for name in ("trafilatura", "htmldate", "courlan", "justext", "evaluation.runner"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        cases = [case for root in corpus_dirs for case in load(root)]
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from exc
    systems = [candidate]
    for name, wanted in (("trafilatura", baseline), ("trafilatura-decoded", decoded_baseline)):
        if wanted and name not in systems:
            systems.append(name)
    with tqdm(total=len(cases) * len(systems), unit="run", disable=not sys.stderr.isatty(), leave=False) as bar:
        evaluation = evaluate(cases, systems, progress=bar.update, timeout=page_timeout or None)
    document = report.to_json(evaluation)
    if output:
        output.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    click.echo(report.table(evaluation))
    fields = report.field_table(evaluation)
    if fields:
        click.echo("\nFields (fixtures; speech fields on pages whose speech count is right):\n" + fields)
    if worst:
        click.echo("\n" + report.worst(evaluation, candidate, worst))
    click.echo("\n" + report.LEGEND)


if __name__ == "__main__":
    main()
