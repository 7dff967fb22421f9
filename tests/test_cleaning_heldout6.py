"""The cleaner on the SIXTH held-out set (tests/fixtures/heldout6).

tools/build_heldout6.py was written by an examiner who read neither the cleaner's code nor its rules nor the earlier
builders and fixtures: four new site families (a Q&A site whose best answer is the speech, a pdf2htmlEX conversion
of absolutely positioned line `<div>`s with page footers and a cut preview, a news-portal article with a reporter's
lead, photo captions, a video placeholder and an editor box, a mobile AMP page with JSON-LD), junk labelled
`type/position`, simplified and traditional (zh-Hant, Taiwan, Hong Kong) pages, GBK/GB18030 and UTF-8 with wrong
ISO-8859-1 headers, ten pages without a speech, dated comment threads. Run with `-s` for the figures;
`python -m evaluation.leaks tests/fixtures/heldout6` lists the leaks by kind.

The examiner wrote it while heldout5's failures were being fixed, without seeing those fixes, so it measures the
whole of that session's cleaning work: on 1e63508 (before it) 114 of 912 junk strings leaked, F1 0.935, recall
0.983; when the set was made (both rounds in) 100, 0.940, 0.984. One thing was then looked at: 10 of its 14 lost
body lines were closing date lines, which a junk pattern cut before the line judge's own-date rule could keep them.
With that mended: 100, 0.942, 0.989 (the figures below). Nothing else was developed on it: keep it so.

- CEILINGS/FLOORS measured on the cleaner when the set was made: it may get better, not worse.
- Gates the cleaner did not meet when the set was made are kept from regressing (the measured
  failures are named) and their full form is an `xfail(strict=True)` target with the measured figure.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.leaks import article_rows, leaks_by_kind
from tests.heldout_checks import (assert_body_floors, assert_leaks_within, assert_rebuilds, comment_dates_taken,
                                  comment_leaks)

ROOT = Path(__file__).resolve().parent.parent
HELDOUT6 = ROOT / "tests" / "fixtures" / "heldout6"

# Measured when the set was made (2026-11-27 ~09:50 UTC, while cleaning/ was being changed by someone else)
# with `python -m evaluation.leaks tests/fixtures/heldout6` and
# `python -m evaluation.evaluate tests/fixtures/heldout6 --no-baseline`.
LEAKED_STRINGS_CEILING = 100  # of 912 junk strings on the 32 articles
# Positions with 0 leaks when the set was made: the display:none spans (0/16) and the comments and other answers
# after the article (0/172). (top 4/18, glued 14/28, bottom 9/73, inside 57/88, outside 16/517.)
NEVER_LEAKED_POSITIONS = ("hidden", "after")
F1_FLOOR = 0.935  # macro body F1 on the 32 articles: 0.942 (0.940 when the set was made)
RECALL_FLOOR = 0.98  # body recall: 0.989 (0.984)
# Failures of the gates when the set was made: they may go away, no new ones may come.
KNOWN_NON_ARTICLE_SPEECHES = {"yanbang/index.html"}  # the home page's topic counts and teaser card became a speech
KNOWN_DATES_WRONG = {"wenda/tag-zhuchici.html"}  # a tag page (truth: no date) was dated by one of its questions
KNOWN_COMMENT_LEAKS: set[str] = set()  # none: no comment, other answer or rating reached a body


@pytest.fixture(scope="module")
def measured() -> dict:
    return leaks_by_kind(HELDOUT6)


@pytest.fixture(scope="module")
def scored() -> list[dict]:
    return article_rows(HELDOUT6)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    assert_rebuilds("build_heldout6", HELDOUT6, tmp_path)


# --- gates ----------------------------------------------------------------------------------


def test_no_speech_from_list_about_or_not_found_pages(measured, scored) -> None:
    assert sum(r["kind"] != "single" for r in scored) >= 10
    assert set(measured["non_article_speeches"]) <= KNOWN_NON_ARTICLE_SPEECHES, measured["non_article_speeches"]


def test_no_new_comments_in_bodies(scored) -> None:
    leaked = comment_leaks(scored)
    assert {page for page, _ in leaked} <= KNOWN_COMMENT_LEAKS, leaked


def test_dates_right_and_comment_dates_never_taken(measured, scored) -> None:
    # comment dates never taken, the article without a date of its own included (yanbang/a-30644: truth null,
    # its comments dated); the one wrong date when the set was made is a list page's.
    assert comment_dates_taken(scored) == []
    assert {page for page, _, _ in measured["dates_wrong"]} <= KNOWN_DATES_WRONG, measured["dates_wrong"]


def test_junk_leaks_do_not_regress(measured) -> None:
    assert_leaks_within("heldout6", measured, LEAKED_STRINGS_CEILING, NEVER_LEAKED_POSITIONS)


def test_body_floors(scored) -> None:
    assert_body_floors("heldout6", scored, F1_FLOOR, RECALL_FLOOR)


# --- targets not met when the set was made --------------------------------------------------


@pytest.mark.xfail(strict=True, reason="measured when heldout6 was made: 100 of 912 junk strings leaked, on all 32 "
                   "articles (lines mid-body 57/88, glued to a paragraph 14/28, bottom edge 9/73, top edge 4/18, "
                   "outside the column 16/517, hidden 0/16, after the article 0/172); page-break markers and pdf "
                   "page footers 19/31, single related links 15/15, photo captions 8/8, AMP ad fallbacks 8/8")
def test_target_no_junk_leaks(measured) -> None:
    assert measured["leaked"] == 0, measured["by_kind"]


@pytest.mark.xfail(strict=True, reason="measured when heldout6 was made: yanbang/index (a home page mixing blocks) "
                   "gave a speech")
def test_target_no_speech_from_any_non_article_page(measured) -> None:
    assert measured["non_article_speeches"] == []


@pytest.mark.xfail(strict=True, reason="measured when heldout6 was made: wenda/tag-zhuchici (a tag page, truth "
                   "null) was dated 2024-01-10 from its list")
def test_target_all_dates_right(measured) -> None:
    assert measured["dates_wrong"] == []
