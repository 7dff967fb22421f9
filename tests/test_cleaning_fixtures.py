"""The fixture corpus: every page against its ground truth (docs/ground-truth.md).

Bodies are compared with the character-bigram F1 of the evaluation (whitespace
removed); junk strings must reach no body, must-have phrases must survive, and
title, date, speech count and the other fields must match.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cleaning import clean_page, stitch

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(PAGES.glob("*/*.json"))
# Per page; the corpus mean must reach the 0.98.
MIN_PAGE_F1 = 0.95
MIN_MEAN_F1 = 0.98
CODECS = {"utf-8": "utf-8", "gbk": "gb18030", "gb18030": "gb18030"}
_WS = re.compile(r"\s+")


def bigram_f1(got: str, want: str) -> float:
    a, b = _WS.sub("", got), _WS.sub("", want)
    ga = Counter(a[i : i + 2] for i in range(len(a) - 1))
    gb = Counter(b[i : i + 2] for i in range(len(b) - 1))
    if not ga or not gb:
        return float(ga == gb)
    overlap = sum((ga & gb).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(ga.values()), overlap / sum(gb.values())
    return 2 * precision * recall / (precision + recall)


def load(case: Path) -> tuple[dict, object]:
    truth = json.loads(case.read_text("utf-8"))
    body = case.with_suffix(".html").read_bytes()
    return truth, clean_page(body, url=truth["url"], http_charset=truth.get("http_charset"))


def test_the_fixture_corpus_is_there() -> None:
    assert len(CASES) >= 40, "tests/fixtures/pages should hold at least 40 pages"
    assert {p.parent.name for p in CASES} >= {"dedecms", "phpcms", "empirecms", "wordpress", "discuz", "mobile"}


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture_page(case: Path) -> None:
    truth, page = load(case)
    expected = truth["expected"]
    bodies = [s.body for s in page.speeches]
    for junk in truth.get("must_not_contain", []):
        assert not any(junk in body for body in bodies), f"junk {junk!r} leaked"
    for phrase in truth.get("must_contain", []):
        assert any(phrase in body for body in bodies), f"lost {phrase!r}"
    assert len(page.speeches) == len(expected["speeches"])
    if expected["speeches"]:
        want = "".join(s["body"] for s in expected["speeches"])
        assert bigram_f1("".join(bodies), want) >= MIN_PAGE_F1
        assert [s.title for s in page.speeches] == [s["title"] for s in expected["speeches"]]
        assert [s.speaker for s in page.speeches] == [s["speaker"] for s in expected["speeches"]]
        assert [s.occasion for s in page.speeches] == [s["occasion"] for s in expected["speeches"]]
        assert page.no_speech_reason is None
    else:
        assert page.no_speech_reason
    assert page.title == expected["title"]
    assert page.published == expected["published"]
    assert page.author == expected["author"]
    assert page.site_name == expected["site_name"]
    assert page.tags == expected["tags"]
    if truth["encoding"].split()[0] in CODECS:
        assert page.encoding == CODECS[truth["encoding"].split()[0]]
    if "next_page_url" in truth:
        assert page.next_page_url == truth["next_page_url"]


def test_fixture_bodies_reach_the_corpus_target() -> None:
    scores = []
    for case in CASES:
        truth, page = load(case)
        if truth["expected"]["speeches"]:
            want = "".join(s["body"] for s in truth["expected"]["speeches"])
            scores.append(bigram_f1("".join(s.body for s in page.speeches), want))
    assert scores and sum(scores) / len(scores) >= MIN_MEAN_F1


def test_breadcrumbs_match_on_article_pages() -> None:
    wrong = []
    for case in CASES:
        truth, page = load(case)
        if truth["kind"] in ("single", "compilation") and page.breadcrumbs != truth["expected"]["breadcrumbs"]:
            wrong.append((case.stem, page.breadcrumbs, truth["expected"]["breadcrumbs"]))
    assert not wrong


def test_multi_page_fixture_stitches_into_one_speech() -> None:
    parts = sorted(PAGES.glob("*/*-twopart-*.json"))
    if len(parts) < 2:
        pytest.fail("the two-part fixture is missing")
    (truth1, first), (truth2, second) = load(parts[0]), load(parts[1])
    assert first.next_page_url == truth2["url"]
    whole = stitch([first, second])
    assert len(whole.speeches) == 1
    body = whole.speeches[0].body
    for phrase in truth1["must_contain"] + truth2["must_contain"]:
        assert phrase in body
    want = truth1["expected"]["speeches"][0]["body"] + truth2["expected"]["speeches"][0]["body"]
    assert bigram_f1(body, want) >= MIN_PAGE_F1
