"""The cleaner on the FOURTH held-out set (tests/fixtures/heldout4).

heldout3 has been looked at while the cleaner was worked on. tools/build_heldout4.py was written by an
examiner who read neither the cleaner's code nor its rules nor the earlier builders and fixtures: four
new site families (an old ASP site, a Bootstrap-like grid, a Discuz-like thread, a document viewer),
junk labelled `type/position`, simplified and traditional (zh-Hant, Taiwan, Hong Kong) pages, GBK/GB18030
and UTF-8 with wrong ISO-8859-1 headers, ten pages without a speech, comment threads and reply floors.
Run with `-s` for the figures; `python -m evaluation.leaks tests/fixtures/heldout4` lists the leaks by kind.

- CEILINGS/FLOORS measured on the cleaner: it may get better, not worse.
- TARGETS not met yet are `xfail(strict=True)` with the measured figure.

Made on 2026-11-27 and measured on 1e63508 first: 102 of 1347 junk strings leaked on 30 of 32
articles, F1 0.938, recall 0.973, the jinshi titles 0/11 (the site name kept before "»"), one
related link set into a speech cutting off its last five paragraphs, the forum's contact page
giving a speech, one document's ratings in its body. Those failures were then worked on, so
this set is a development set now: the figures below are after that work, and
tests/fixtures/heldout5 (made later, by another examiner) measures what generalises.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.leaks import article_rows, leaks_by_kind
from tests.heldout_checks import (assert_body_floors, assert_leaks_within, assert_rebuilds, comment_dates_taken,
                                  comment_leaks)

ROOT = Path(__file__).resolve().parent.parent
HELDOUT4 = ROOT / "tests" / "fixtures" / "heldout4"

# Measured 2026-11-27 with `python -m evaluation.leaks tests/fixtures/heldout4` and
# `python -m evaluation.evaluate tests/fixtures/heldout4 --no-baseline`.
LEAKED_STRINGS_CEILING = 51  # of 1347 junk strings on the 32 articles (102 when the set was made)
# Positions with 0 leaks now (outside 3/826, top 2/53).
NEVER_LEAKED_POSITIONS = ("hidden", "after")
F1_FLOOR = 0.955  # macro body F1 on the 32 articles: 0.965 (0.938 when the set was made)
RECALL_FLOOR = 0.98  # body recall: 0.989 (0.973)


@pytest.fixture(scope="module")
def measured() -> dict:
    return leaks_by_kind(HELDOUT4)


@pytest.fixture(scope="module")
def scored() -> list[dict]:
    return article_rows(HELDOUT4)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    assert_rebuilds("build_heldout4", HELDOUT4, tmp_path)


# --- gates ----------------------------------------------------------------------------------


def test_no_speech_from_list_about_or_not_found_pages(measured, scored) -> None:
    assert sum(r["kind"] != "single" for r in scored) >= 10
    assert measured["non_article_speeches"] == []


def test_comments_never_in_bodies(scored) -> None:
    assert comment_leaks(scored) == []


def test_dates_right_and_comment_dates_never_taken(measured, scored) -> None:
    # 0 wrong dates when the set was made, the article without a date of its own included
    # (wenku/doc-38329e5f6e57: truth null, its ratings dated).
    assert comment_dates_taken(scored) == [] and measured["dates_wrong"] == []


def test_junk_leaks_do_not_regress(measured) -> None:
    assert_leaks_within("heldout4", measured, LEAKED_STRINGS_CEILING, NEVER_LEAKED_POSITIONS)


def test_body_floors(scored) -> None:
    assert_body_floors("heldout4", scored, F1_FLOOR, RECALL_FLOOR)


# --- targets not met yet ---------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="measured 2026-11-27: 51 of 1347 junk strings leaked (102 when the set was "
                   "made), lines mid-body 26/105, glued in a paragraph 14/47, bottom edge 6/119, outside the column "
                   "3/826, top edge 2/53; page-break markers 3/28 (25/28 when made)")
def test_target_no_junk_leaks(measured) -> None:
    assert measured["leaked"] == 0, measured["by_kind"]
