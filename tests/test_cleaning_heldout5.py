"""The cleaner on the FIFTH held-out set (tests/fixtures/heldout5).

heldout4 has been looked at while the cleaner was worked on. tools/build_heldout5.py was written by an
examiner who read neither the cleaner's code nor its rules nor the earlier builders and fixtures: four
new site families (a Vue/Nuxt-rendered page of `data-v-` div soup, a government-portal-like table site
with a print view, a WeChat-article mirror of inline-styled `<section>`s, a Markdown-rendered Hexo blog
with the site name in its `<h1>`), junk labelled `type/position`, simplified and traditional (zh-Hant,
Taiwan, Hong Kong) pages, GBK/GB18030 and UTF-8 with wrong ISO-8859-1 headers, ten pages without a speech,
dated comment threads. Run with `-s` for the figures; `python -m evaluation.leaks tests/fixtures/heldout5`
lists the leaks by kind.

The examiner wrote it while heldout4's failures were being fixed, without seeing those fixes; it
measured them: on 1e63508 (before them) 128 of 1053 junk strings leaked, F1 0.938, recall 0.988;
after them 121, 0.940, 0.989. Then its lost body lines and its comment threads were looked at
and fixed (the speaker's "我…供大家参考", a paragraph keeping its text before a junk last
sentence, the speech's own date line, month-day comment stamps): 103, 0.950, 0.996, the
figures below. It is a development set now; tests/fixtures/heldout6 measures that round.

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
HELDOUT5 = ROOT / "tests" / "fixtures" / "heldout5"

# Measured 2026-11-27 with `python -m evaluation.leaks tests/fixtures/heldout5` and
# `python -m evaluation.evaluate tests/fixtures/heldout5 --no-baseline`.
LEAKED_STRINGS_CEILING = 103  # of 1053 junk strings on the 32 articles (121 when made, 128 on 1e63508)
# Only the display:none spans have 0 leaks.
NEVER_LEAKED_POSITIONS = ("hidden",)
F1_FLOOR = 0.945  # macro body F1 on the 32 articles: 0.950 (0.940 when made)
RECALL_FLOOR = 0.99  # body recall: 0.996 (0.989)
# Failures of the gates when the set was made: they may go away, no new ones may come.
KNOWN_NON_ARTICLE_SPEECHES: set[str] = set()  # none: no list/about/404 page gave a speech
KNOWN_COMMENT_LEAKS = {
    # the star-rating line heading the comment box of four Vue pages reaches their bodies
    # (the 精选留言 of four WeChat-mirror pages did too when the set was made)
    "yunfan/article-54309.html", "yunfan/article-76116.html",
    "yunfan/article-82659.html", "yunfan/article-96128.html",
}


@pytest.fixture(scope="module")
def measured() -> dict:
    return leaks_by_kind(HELDOUT5)


@pytest.fixture(scope="module")
def scored() -> list[dict]:
    return article_rows(HELDOUT5)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    assert_rebuilds("build_heldout5", HELDOUT5, tmp_path)


# --- gates ----------------------------------------------------------------------------------


def test_no_speech_from_list_about_or_not_found_pages(measured, scored) -> None:
    assert sum(r["kind"] != "single" for r in scored) >= 10
    assert set(measured["non_article_speeches"]) <= KNOWN_NON_ARTICLE_SPEECHES, measured["non_article_speeches"]


def test_no_new_comments_in_bodies(scored) -> None:
    leaked = comment_leaks(scored)
    assert {page for page, _ in leaked} <= KNOWN_COMMENT_LEAKS, leaked


def test_dates_right_and_comment_dates_never_taken(measured, scored) -> None:
    # 0 wrong dates when the set was made, the article without a date of its own included
    # (yunfan/article-76116: truth null, its comments dated).
    assert comment_dates_taken(scored) == [] and measured["dates_wrong"] == []


def test_junk_leaks_do_not_regress(measured) -> None:
    assert_leaks_within("heldout5", measured, LEAKED_STRINGS_CEILING, NEVER_LEAKED_POSITIONS)


def test_body_floors(scored) -> None:
    assert_body_floors("heldout5", scored, F1_FLOOR, RECALL_FLOOR)


# --- targets not met yet ---------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="measured 2026-11-27: 103 of 1053 junk strings leaked, on all 32 articles "
                   "(lines mid-body 41/89, bottom edge 23/144, outside the column 21/624, top edge 8/38, glued in a "
                   "paragraph 6/40, comments after the article 4/94, hidden 0/24); page-break markers 11/20. When "
                   "made: 121, comments 15/94")
def test_target_no_junk_leaks(measured) -> None:
    assert measured["leaked"] == 0, measured["by_kind"]


@pytest.mark.xfail(strict=True, reason="measured 2026-11-27: the star-rating line heading the comment box of 4 "
                   "of 20 articles with comments reaches their bodies (yunfan/article-54309, article-76116, "
                   "article-82659, article-96128); when made, also the 精选留言 of 4 WeChat-mirror pages")
def test_target_comments_never_in_bodies(scored) -> None:
    assert comment_leaks(scored) == []
