"""The cleaner on held-out pages it was not written for (issue 9 (c), tests/fixtures/heldout).

The fixtures come from tools/build_heldout.py: four layouts that are none of the
CMS families the rules were tuned on, original speeches, junk drawn from slots of
many synonyms in simplified and traditional characters, four shapes of list page,
about pages and comment threads. Run with `-s` to see the figures:

    .venv/bin/pytest -q tests/test_cleaning_heldout.py -s

Since 15:50 UTC 2026-11-26 the line judge (cleaning/linejudge.py) has been tuned
while measuring this set, so it is a development set now; tests/fixtures/heldout2
(another examiner's) is the held-out one.

Two kinds of assertion:
- FLOORS measured on the cleaner as it is (no regression below them);
- TARGETS of issue 9 (0 leaks, 0 speeches from list/about pages, every title and
  date right). While the cleaner misses a target its test is
  `xfail(strict=True)`: the suite stays green, and the day the target is met the
  XPASS fails the run, so the mark is removed and the target becomes a gate.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from evaluation import evaluate, load
from tests.heldout_checks import assert_rebuilds

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
NON_ARTICLE = ("list", "about")

# Floors: measured 2026-11-26 on the cleaner at commit time (figures in the comments),
# set a little under them so that noise does not fail the run but a regression does.
F1_FLOOR = 0.98  # macro body F1 on the 32 article pages: 0.933 at 15:50 UTC, 0.996 at 15:52 (line judge)
RECALL_FLOOR = 0.99  # body recall: 1.000 (junk removal must not eat speech text)
DATE_FLOOR = 0.85  # publication dates right: 0.91 (42/46)
TITLE_FLOOR = 0.80  # titles right: 0.87 (40/46)


@pytest.fixture(scope="module")
def scored():
    cases = load(HELDOUT)
    ev = evaluate(cases, ["cleaner"])
    rows = []
    for rec in ev.pages:
        out, score = rec.outputs["cleaner"], rec.scores["cleaner"]
        rows.append({"page": rec.case.page_id, "kind": rec.case.kind, "group": rec.case.group,
                     "error": out.error, "speeches": len(out.bodies), "f1": score.f1,
                     "recall": score.overlap.recall if score.overlap else None,
                     "leaks": score.leaks or [], "junk": len(rec.case.truth.must_not_contain),
                     "title_ok": score.title_ok, "date_ok": score.date_ok, "published": out.published,
                     "reason": out.no_speech_reason})
    articles = [r for r in rows if r["kind"] == "single"]
    others = [r for r in rows if r["kind"] in NON_ARTICLE]
    figures = {
        "pages": len(rows), "articles": len(articles), "list_about": len(others),
        "errors": sum(bool(r["error"]) for r in rows),
        "f1": sum(r["f1"] for r in articles) / len(articles),
        "recall": sum(r["recall"] for r in articles) / len(articles),
        "leak_pages": sum(bool(r["leaks"]) for r in articles),
        "leaked_strings": sum(len(r["leaks"]) for r in articles),
        "junk_strings": sum(r["junk"] for r in articles),
        "non_article_with_speech": [r["page"] for r in others if r["speeches"]],
        "titles_wrong": [r["page"] for r in rows if r["title_ok"] is False],
        "dates_wrong": [(r["page"], r["published"]) for r in rows if r["date_ok"] is False],
    }
    print("\nheld-out figures:", json.dumps({k: v for k, v in figures.items()}, ensure_ascii=False, indent=1))
    return rows, figures


# --- the corpus itself --------------------------------------------------------------


def visible_text(raw: bytes, encoding: str) -> str:
    text = raw.decode(encoding)
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_corpus_shape() -> None:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HELDOUT.glob("*/*.json"))]
    assert len({r["family"] for r in records}) >= 3
    assert not {r["family"] for r in records} & {"dedecms", "phpcms", "empirecms", "wordpress", "discuz", "mobile"}
    kinds = [r["kind"] for r in records]
    assert kinds.count("list") >= 5 and kinds.count("about") >= 1 and kinds.count("single") >= 24
    notes = " ".join(r["note"] for r in records)
    for shape in ("teaser river", "paged category list, page 2", "tag page", "portal home", "comment thread"):
        assert shape in notes, shape
    # Both scripts: traditional junk (and whole traditional pages) are in the set.
    junk = "".join(j for r in records for j in r["must_not_contain"])
    assert "編" in junk and "关注" in junk and "關注" in junk


@pytest.mark.parametrize("path", sorted(HELDOUT.glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_truth_agrees_with_the_bytes(path: Path) -> None:
    rec = json.loads(path.read_text(encoding="utf-8"))
    text = visible_text(path.with_suffix(".html").read_bytes(), rec["encoding"])
    bodies = "\n".join(s["body"] for s in rec["expected"]["speeches"])
    for para in bodies.split("\n") if bodies else []:
        assert para in text, para[:30]
    assert rec["must_not_contain"]
    for junk in rec["must_not_contain"]:
        assert junk in text and junk not in bodies, junk
    if rec["kind"] in NON_ARTICLE:
        assert rec["expected"]["speeches"] == [] and rec["expected"]["published"] is None


def test_generator_is_deterministic(tmp_path: Path) -> None:
    assert_rebuilds("build_heldout", HELDOUT, tmp_path)


# --- floors (measured) ----------------------------------------------------------------


def test_floors(scored) -> None:
    _, f = scored
    assert f["errors"] == 0
    assert f["f1"] >= F1_FLOOR, f["f1"]
    assert f["recall"] >= RECALL_FLOOR, f["recall"]
    dates_right = 1 - len(f["dates_wrong"]) / f["pages"]
    titles_right = 1 - len(f["titles_wrong"]) / f["pages"]
    assert dates_right >= DATE_FLOOR, f["dates_wrong"]
    assert titles_right >= TITLE_FLOOR, f["titles_wrong"]


# --- targets of issue 9 -------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="issue 9 target, measured 2026-11-26: junk leaks on 28/32 articles at 15:50 UTC, on 4/32 at 15:52 (one promo lead-in each, 3 of them in traditional characters), on 3/32 at 15:58 (lead-ins without the title or a salutation, one glued to a paragraph's end)")
def test_target_no_junk_leaks(scored) -> None:
    rows, f = scored
    # TARGET: 0 leaked junk strings on any held-out article.
    assert f["leak_pages"] == 0, [(r["page"], r["leaks"][:3]) for r in rows if r["leaks"]]


def test_target_no_speech_from_list_or_about_pages(scored) -> None:
    _, f = scored
    # TARGET: 0 speeches from any list, tag, portal-home or about page.
    assert f["non_article_with_speech"] == []


def test_target_every_date_right(scored) -> None:
    _, f = scored
    # TARGET: every publication date right; a comment's date is never taken.
    assert f["dates_wrong"] == []


def test_target_every_title_right(scored) -> None:
    _, f = scored
    # TARGET: every title right ("站名--标题" / "站名- 标题" heads included).
    assert f["titles_wrong"] == []
