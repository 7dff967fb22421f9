"""The cleaner on the THIRD held-out set (issue 9 (c), tests/fixtures/heldout3).

heldout2 has been read while the cleaner was worked on, so it measures less than
it did. tools/build_heldout3.py was written by an examiner who read neither the
cleaner's code nor its rules nor the earlier junk banks: four new layouts, junk
labelled `type/position`, both scripts, six list shapes, about and not-found pages,
comment threads. Run with `-s` for the figures;
`python -m evaluation.leaks tests/fixtures/heldout3` lists the leaks by kind.

- CEILINGS/FLOORS measured on the cleaner at commit time: it may get better, not worse.
- TARGETS of issue 9 not met yet are `xfail(strict=True)` with the measured figure.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.leaks import article_rows, leaks_by_kind
from tests.heldout_checks import (assert_body_floors, assert_leaks_within, assert_rebuilds, comment_dates_taken,
                                  comment_leaks)

ROOT = Path(__file__).resolve().parent.parent
HELDOUT3 = ROOT / "tests" / "fixtures" / "heldout3"

# Measured 2026-11-26 with `python -m evaluation.leaks tests/fixtures/heldout3` and
# `python -m evaluation.evaluate tests/fixtures/heldout3 --no-baseline`.
LEAKED_STRINGS_CEILING = 100  # of 1122 junk strings on the 31 articles (111 on 2026-11-26; 2026-11-27: page markers, bracketed notes)
# Positions outside the text column and after the article: 0 leaks at commit time, keep it so.
NEVER_LEAKED_POSITIONS = ("outside", "after", "hidden")
F1_FLOOR = 0.93  # macro body F1 on the 31 articles: 0.942
RECALL_FLOOR = 0.985  # body recall: 0.992


@pytest.fixture(scope="module")
def measured() -> dict:
    return leaks_by_kind(HELDOUT3)


@pytest.fixture(scope="module")
def scored() -> list[dict]:
    return article_rows(HELDOUT3)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    assert_rebuilds("build_heldout3", HELDOUT3, tmp_path)


# --- gates (met at commit time) ---------------------------------------------------------


def test_no_speech_from_list_about_or_not_found_pages(measured, scored) -> None:
    assert sum(r["kind"] != "single" for r in scored) >= 10
    assert measured["non_article_speeches"] == []


def test_comments_never_in_bodies(scored) -> None:
    assert comment_leaks(scored) == []


def test_comment_dates_never_taken(measured, scored) -> None:
    # Measured 1 wrong (a comment's date on the article with none of its own) when the set was made;
    # 0 after the date-stamped comment threads of cleaning/comments.py, developed on heldout2.
    assert comment_dates_taken(scored) == [] and measured["dates_wrong"] == []


def test_junk_leaks_do_not_regress(measured) -> None:
    assert_leaks_within("heldout3", measured, LEAKED_STRINGS_CEILING, NEVER_LEAKED_POSITIONS)


def test_body_floors(scored) -> None:
    assert_body_floors("heldout3", scored, F1_FLOOR, RECALL_FLOOR)


# --- targets of issue 9 not met yet ---------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="issue 9 target, measured 2026-11-27: 100 of 1122 junk strings leaked "
                   "(111 on 2026-11-26: glued in a paragraph 25/32, lines mid-body 34/58, bottom edge 41/168, "
                   "top edge 11/68), on 31 of 31 articles, all inside the text column")
def test_target_no_junk_leaks(measured) -> None:
    assert measured["leaked"] == 0, measured["by_kind"]
