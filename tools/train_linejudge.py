"""Train the line judge's weights and write cleaning/rules/linejudge_model.toml.

    .venv/bin/python tools/train_linejudge.py [--corpus ../shared/corpus/fanwen-text] [--output FILE] [--no-heldout] [--show] [--no-fixtures]
    .venv/bin/python tools/train_linejudge.py --lofo   # leave-one-family-out table, writes nothing

Training lines are the lines of the fanwen-text development set as the judge
sees them: each page rendered as the corpus README says, its main content found
by `cleaning.content.generic` without the phrase rules (so the model learns
every junk line, not only those the phrases miss), each paragraph labelled by
the labelled line it came from. junk = 1; body and item = 0; title, mixed and
cut lines are not used (unscored, or junk only in part).

Model: scikit-learn's LogisticRegression (L2) over `cleaning.linejudge.features`.
The threshold is the highest junk probability of any training body line plus
BODY_MARGIN, so no training body line is dropped.

Held-out figure: leave-one-host-out. For each host, a model is trained (weights
and threshold) on the other hosts' pages and the held-out page is cleaned by the
full cleaner with it; the pages are then scored as evaluation/fanwen_text.py
scores them. Pages here come from 50 hosts, one page each.

Leave-one-family-out (--lofo): for each CMS family of tests/fixtures/pages, a
model (weights and threshold) is trained without that family's lines, and the
family's pages are cleaned with it and scored with evaluation.evaluate's measures
(body F1, leaking pages, titles, speech counts), without the family's site
profile (profiles.toml) either. Nothing is written.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from cleaning import content, linejudge  # noqa: E402
from cleaning.decode import decode_html  # noqa: E402
from cleaning.html import NON_CONTENT_TAGS, parse  # noqa: E402
from cleaning.options import CleanerOptions, default_options  # noqa: E402
from evaluation import fanwen_text  # noqa: E402

# L2 strength (sklearn's C: smaller = simpler weights); few lines, so keep it simple.
REGULARISATION_C = 1.0
# Body lines are worth more than junk lines: losing a line of a speech is worse than a leak.
BODY_CLASS_WEIGHT = 2.0
# The threshold sits this far above the most junk-like training body line.
BODY_MARGIN = 0.03
# Never judge a line junk below this probability, whatever the training lines say.
MIN_THRESHOLD = 0.35
MAX_THRESHOLD = 0.97

LABELS = {"junk": 1, "body": 0, "item": 0}
# A fixture paragraph sharing less than this share of its bigrams with the true body is junk.
JUNK_BODY_OVERLAP = 0.3
FIXTURES = ROOT / "tests" / "fixtures" / "pages"


@dataclasses.dataclass
class Line:
    host: str
    x: list[float]
    y: int


def page_lines(page: dict, options: CleanerOptions) -> list[Line]:
    """The page's paragraphs as the judge sees them, with their labels."""
    root = parse(fanwen_text.render(page).decode("utf-8"))
    etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
    rules = dataclasses.replace(options.junk, line_patterns=())
    found, _ = content.generic(root, rules)
    title = next((line["text"] for line in page["lines"] if line["label"] == "title"), page["host"])
    labelled = [(fanwen_text.squeeze(line["text"]), line["label"]) for line in page["lines"]]
    names = linejudge.feature_names()
    out = []
    # The judge sees paragraphs with their glued prompts and markup already cut.
    paragraphs = [p for p in (linejudge.strip_glued(text, options.vocabulary) for text in found.paragraphs) if p]
    for i, text in enumerate(paragraphs):
        key = fanwen_text.squeeze(text)
        label = next((lab for line, lab in labelled if key and key in line), None)
        if label not in LABELS:
            continue
        feats = linejudge.features(text, i, len(paragraphs), title, options.vocabulary)
        out.append(Line(page["host"], [feats[n] for n in names], LABELS[label]))
    return out


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def fixture_lines(folder: Path, options: CleanerOptions) -> list[Line]:
    """Lines of the project's own fixture articles (tests/fixtures/pages): a paragraph of the
    true body is body; one sharing under JUNK_BODY_OVERLAP of its bigrams with it is junk;
    anything between (a paragraph with junk glued to it) is not used."""
    out = []
    names = linejudge.feature_names()
    for truth_file in sorted(folder.glob("*/*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if truth.get("kind") not in ("single", "compilation"):
            continue
        html_file = truth_file.with_suffix(".html")
        text = decode_html(html_file.read_bytes(), truth.get("http_charset")).text
        root = parse(text)
        etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
        found, _ = content.generic(root, dataclasses.replace(options.junk, line_patterns=()))
        expected = truth["expected"]
        body = fanwen_text.squeeze("".join(s["title"] + s["body"] for s in expected["speeches"]))
        body_grams = _bigrams(body)
        paragraphs = [p for p in (linejudge.strip_glued(t, options.vocabulary) for t in found.paragraphs) if p]
        for i, paragraph in enumerate(paragraphs):
            key = fanwen_text.squeeze(paragraph)
            if len(key) < fanwen_text.MIN_JUNK_CHARS:
                continue
            if key in body:
                label = 0
            elif len(_bigrams(key) & body_grams) < JUNK_BODY_OVERLAP * len(_bigrams(key)):
                label = 1
            else:
                continue
            feats = linejudge.features(paragraph, i, len(paragraphs), expected["title"], options.vocabulary)
            out.append(Line(f"fixture:{truth['family']}", [feats[n] for n in names], label))
    return out


def fit(lines: list[Line]) -> linejudge.Model:
    names = linejudge.feature_names()
    clf = LogisticRegression(C=REGULARISATION_C, class_weight={0: BODY_CLASS_WEIGHT, 1: 1.0}, max_iter=5000)
    clf.fit([line.x for line in lines], [line.y for line in lines])
    weights = {n: round(float(w), 4) for n, w in zip(names, clf.coef_[0])}
    model = linejudge.Model(weights, round(float(clf.intercept_[0]), 4), 0.5)
    body = [model.probability(dict(zip(names, line.x))) for line in lines if line.y == 0]
    threshold = min(max(max(body, default=0.0) + BODY_MARGIN, MIN_THRESHOLD), MAX_THRESHOLD)
    return dataclasses.replace(model, threshold=round(threshold, 4))


def cleaned_with(options: CleanerOptions) -> Callable[[dict], tuple[str, int]]:
    """fanwen_text's cleaner call (its `evaluate`'s `clean`) with these options."""
    return functools.partial(fanwen_text.clean_with_cleaner, options=options)


def held_out(pages: list[dict], lines: list[Line], options: CleanerOptions) -> dict:
    scores = []
    for page in pages:
        model = fit([line for line in lines if line.host != page["host"]])
        scores.extend(fanwen_text.evaluate([page], cleaned_with(dataclasses.replace(options, model=model))))
    return fanwen_text.summary(scores), scores


FAMILIES = ("dedecms", "phpcms", "empirecms", "mobile", "wordpress", "discuz")


def leave_one_family_out(lines: list[Line], options: CleanerOptions) -> list[dict]:
    """One row per fixture family: the family scored by a model trained without its lines,
    and without the family's site profile (profiles.toml), when it has one: the held-out
    family is then a CMS the rules were not written for."""
    from evaluation import evaluate, load

    cases = load(FIXTURES)
    rows = []
    for family in FAMILIES:
        model = fit([line for line in lines if line.host != f"fixture:{family}"])
        own = [case for case in cases if case.group == family]
        held_out_options = dataclasses.replace(options.without_profile(family), model=model)
        result = evaluate(own, ["cleaner"], options=held_out_options)
        summary = result.summary(own[0].corpus, family, "cleaner")
        rows.append({
            "family": family, "pages": summary.pages, "threshold": model.threshold,
            "f1": summary.f1_sum / summary.body_pages if summary.body_pages else None,
            "leaks": (summary.leak_pages, summary.leak_checked), "titles": tuple(summary.title),
            "counts": tuple(summary.count),
            "leaked": [f"{r.case.page_id}: {', '.join(r.scores['cleaner'].leaks)}" for r in result.pages if r.scores["cleaner"].leaks],
            "wrong_titles": [f"{r.case.page_id}: {r.outputs['cleaner'].title!r}" for r in result.pages if r.scores["cleaner"].title_ok is False],
        })  # fmt: skip
    return rows


def lofo_table(rows: list[dict]) -> str:
    out = [f"{'family (held out)':<18} {'pages':>5} {'thresh':>7} {'F1':>6} {'leak':>7} {'title':>7} {'count':>7}"]
    for r in rows:
        f1 = "-" if r["f1"] is None else f"{r['f1']:.3f}"
        out.append(f"{r['family']:<18} {r['pages']:>5} {r['threshold']:>7.3f} {f1:>6} {'%d/%d' % r['leaks']:>7} {'%d/%d' % r['titles']:>7} {'%d/%d' % r['counts']:>7}")
    total = lambda key: tuple(map(sum, zip(*(r[key] for r in rows))))  # noqa: E731
    out.append(f"{'all':<18} {sum(r['pages'] for r in rows):>5} {'':>7} {'':>6} {'%d/%d' % total('leaks'):>7} {'%d/%d' % total('titles'):>7} {'%d/%d' % total('counts'):>7}")
    for r in rows:
        out += [f"  {r['family']} leak  {x}" for x in r["leaked"]] + [f"  {r['family']} title {x}" for x in r["wrong_titles"]]
    return "\n".join(out)


def write_model(model: linejudge.Model, path: Path, note: str) -> None:
    rows = [
        "# Written by tools/train_linejudge.py: do not edit by hand, rerun the tool.",
        *(f"# {line}" for line in note.splitlines()),
        "",
        "[model]",
        f"bias = {model.bias}",
        f"threshold = {model.threshold}",
        "",
        "[model.weights]",
        *(f"{name} = {weight}" for name, weight in model.weights.items()),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=fanwen_text.DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=linejudge.MODEL_FILE)
    parser.add_argument("--no-heldout", action="store_true", help="skip the leave-one-host-out figure")
    parser.add_argument("--show", action="store_true", help="list the held-out leaks and losses")
    parser.add_argument("--no-fixtures", action="store_true", help="train on fanwen-text lines only")
    parser.add_argument("--lofo", action="store_true", help="print the leave-one-family-out table of the fixture families; write nothing")
    args = parser.parse_args(argv)
    try:
        pages = fanwen_text.load_pages(args.corpus)
    except fanwen_text.CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    options = default_options()
    lines = [line for page in pages for line in page_lines(page, options)]
    own = [] if args.no_fixtures else fixture_lines(FIXTURES, options)
    if args.lofo:
        print("leave-one-family-out (each family cleaned by a model trained without its lines):")
        print(lofo_table(leave_one_family_out(lines + own, options)))
        return 0
    model = fit(lines + own)
    note = (
        f"Trained {datetime.now(timezone.utc):%Y-%m-%d} on {len(lines)} lines ({sum(x.y for x in lines)} junk) of "
        f"{len(pages)} fanwen-text pages from {len({p['host'] for p in pages})} hosts"
        f" and {len(own)} lines ({sum(x.y for x in own)} junk) of the fixture articles in tests/fixtures/pages."
    )
    print(note)
    in_sample = fanwen_text.summary(fanwen_text.evaluate(pages, cleaned_with(dataclasses.replace(options, model=model))))
    print("in-sample (trained on every page):\n" + fanwen_text.table(in_sample))
    note += f"\nIn-sample: {in_sample['leaked']}/{in_sample['junk_strings']} junk strings leaked, {in_sample['lost']}/{in_sample['body_lines']} body lines lost."
    if not args.no_heldout:
        figures, scores = held_out(pages, lines + own, options)
        print("\nleave-one-host-out (each page cleaned by a model trained without its host):\n" + fanwen_text.table(figures))
        if args.show:
            print(fanwen_text.details(scores))
        note += f"\nLeave-one-host-out: {figures['leaked']}/{figures['junk_strings']} leaked, {figures['lost']}/{figures['body_lines']} lost."
    write_model(model, args.output, note)
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
