"""The cleaner on the SECOND held-out set (issue 9 (c), tests/fixtures/heldout2).

tests/fixtures/heldout is now used to develop the cleaner, so it no longer
measures generalisation. tools/build_heldout2.py was written by an examiner who
read neither the cleaner's rules nor the first junk bank: three new layouts, new
junk wording (tools/heldout2_text.py, >= 6 synonyms per slot, both scripts), six
new list shapes, about/contact pages and comment threads. Run with `-s` for the
figures; `python -m evaluation.leaks tests/fixtures/heldout2` lists the leaks by kind.

- CEILINGS/FLOORS measured on the cleaner at commit time: it may get better, not worse.
- TARGETS of issue 9 that are not met yet are `xfail(strict=True)` with the measured
  figure in the reason; the day one is met the XPASS fails the run and the mark goes.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pytest
import zhconv

from evaluation.leaks import article_rows, leaks_by_kind
from tests.heldout_checks import article_means, assert_rebuilds

ROOT = Path(__file__).resolve().parent.parent
HELDOUT2 = ROOT / "tests" / "fixtures" / "heldout2"
NON_ARTICLE = ("list", "about")

# Measured 2026-11-26 (15:53 UTC) with `python -m evaluation.evaluate tests/fixtures/heldout2 --no-baseline`
# and `python -m evaluation.leaks tests/fixtures/heldout2`.
# 16:03 UTC: line judge tails/paywall spans narrowed so they no longer cut body text:
# leaked 101 -> 106 strings, recall 0.963 -> 0.979, pages missing a must_contain line 6 -> 2.
LEAKED_STRINGS_CEILING = 103  # of 1578 junk strings on the 30 articles (106 on 2026-11-26; 2026-11-27: page markers, bracketed notes)
LEAK_PAGES_CEILING = 29  # of 30 articles
NEVER_LEAKED_KINDS = ("chrome", "comment", "related", "share")  # 0 leaks at commit time: keep it so
F1_FLOOR = 0.84  # macro body F1 on the 30 articles: 0.862
RECALL_FLOOR = 0.97  # body recall: 0.979 (was 0.963: paragraphs cut by a glued paywall prompt were dropped whole)


@pytest.fixture(scope="module")
def measured():
    return leaks_by_kind(HELDOUT2)


@pytest.fixture(scope="module")
def scored():
    return article_rows(HELDOUT2)


# --- the corpus itself --------------------------------------------------------------


def _records() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HELDOUT2.glob("*/*.json"))]


def _bank(module) -> dict[str, list[str]]:
    """The junk slots of a bank module: its upper-case lists/dicts of strings, flattened per slot."""
    slots: dict[str, list[str]] = {}
    for name, value in vars(module).items():
        if not name.isupper() or "SPEECHES" in name or not isinstance(value, (list, dict)):
            continue
        items: list[str] = []
        for v in value.values() if isinstance(value, dict) else value:
            if isinstance(v, str):
                items.append(v)
            elif isinstance(v, (list, tuple)):
                for w in v:
                    items += [w] if isinstance(w, str) else [x for x in w if isinstance(x, str)]
        slots[name] = items
    return slots


def test_corpus_shape() -> None:
    records = _records()
    families = {r["family"] for r in records}
    assert len(families) == 3
    # New layouts: none of the CMS families nor of the first held-out set's layouts.
    assert not families & {"dedecms", "phpcms", "empirecms", "wordpress", "discuz", "mobile",
                           "card", "table", "amp", "blog"}
    kinds = [r["kind"] for r in records]
    assert kinds.count("list") >= 6 and kinds.count("about") >= 3 and kinds.count("single") >= 24
    notes = " ".join(r["note"] for r in records)
    for shape in ("document grid", "search results", "ranking table", "month archive", "account feed",
                  "topic page", "contact page", "comment thread"):
        assert shape in notes, shape
    # Both scripts: many junk strings in traditional characters, many in simplified.
    junk = [j for r in records for j in r["must_not_contain"] if re.search(r"[\u4e00-\u9fff]{4}", j)]
    traditional = [j for j in junk if zhconv.convert(j, "zh-cn") != j]
    simplified = [j for j in junk if zhconv.convert(j, "zh-tw") != j]
    assert len(traditional) >= 300 and len(simplified) >= 300, (len(traditional), len(simplified))
    assert {r["encoding"] for r in records} == {"utf-8", "big5", "gbk"}


def test_bank_is_new_and_wide() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import heldout2_text
        import heldout_text
    finally:
        sys.path.remove(str(ROOT / "tools"))
    new, old = _bank(heldout2_text), _bank(heldout_text)
    not_slots = {"ABOUT_PARAS", "CONTACT_LINES", "CITIES", "FIRST_FLOORS"}  # page texts and fixed pairs
    narrow = {k: len(v) for k, v in new.items() if k not in not_slots and len(v) < 6}
    assert not narrow, f"slots with fewer than 6 synonyms: {narrow}"
    old_phrases = {x for v in old.values() for x in v}
    generic = {"  ", " / ", "回复"}  # separators and the one button every comment thread has
    shared = {x for v in new.values() for x in v} & old_phrases - generic
    assert not shared, f"phrases copied from the first bank: {sorted(shared)}"


@pytest.mark.parametrize("path", sorted(HELDOUT2.glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_truth_agrees_with_the_bytes(path: Path) -> None:
    rec = json.loads(path.read_text(encoding="utf-8"))
    raw = path.with_suffix(".html").read_bytes().decode(rec["encoding"])
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)))
    bodies = "\n".join(s["body"] for s in rec["expected"]["speeches"])
    for para in bodies.split("\n") if bodies else []:
        assert para in text, para[:30]
    assert rec["must_not_contain"] and set(rec["junk_kinds"]) == set(rec["must_not_contain"])
    for junk in rec["must_not_contain"]:
        assert junk in text and junk not in bodies, junk
    if rec["kind"] in NON_ARTICLE:
        assert rec["expected"]["speeches"] == [] and rec["expected"]["published"] is None
    else:
        assert rec["expected"]["published"] not in rec["comment_dates"]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    assert_rebuilds("build_heldout2", HELDOUT2, tmp_path)


# --- gates (met at commit time) ---------------------------------------------------------


def test_no_speech_from_list_or_about_pages(measured) -> None:
    assert measured["non_article_speeches"] == []


def test_comments_never_in_bodies(scored) -> None:
    articles = [r for r in scored if r["kind"] == "single"]
    assert sum(bool(r["comment_dates"]) for r in articles) >= 8  # the set does have threads
    leaked = [(r["page"], c) for r in articles for c in r["comments"] if len(c) >= 4
              and any(c in b for b in r["bodies"])]
    assert leaked == []


def test_junk_leaks_do_not_regress(measured) -> None:
    print("\nheldout2 leaks:", measured["leaked"], "of", measured["junk"],
          {k: len(v) for k, v in measured["by_kind"].items()})
    pages = {p for hits in measured["by_kind"].values() for p, _ in hits}
    assert measured["leaked"] <= LEAKED_STRINGS_CEILING, measured["by_kind"]
    assert len(pages) <= LEAK_PAGES_CEILING
    for kind in NEVER_LEAKED_KINDS:
        assert measured["by_kind"].get(kind, []) == [], kind


def test_body_floors(scored) -> None:
    assert not [r["page"] for r in scored if r["error"]]
    f1, recall = article_means(scored)
    print(f"\nheldout2 articles: F1 {f1:.3f}, recall {recall:.3f}")
    assert f1 >= F1_FLOOR and recall >= RECALL_FLOOR, (f1, recall)


# --- targets of issue 9 not met yet ---------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="issue 9 target, measured 2026-11-27: 103 of 1578 junk strings leaked; "
                   "2026-11-26 19:05 UTC: 106, on 29 of 30 articles (paywall 20, promo 20, follow 10, page "
                   "separator 10, ad 8, summary box 8, info 7, self-ad 6, download 5, watermark 4, mobile prompt 3, "
                   "raw markup 3, disclaimer 1, tag line 1)")
def test_target_no_junk_leaks(measured) -> None:
    assert measured["leaked"] == 0, measured["by_kind"]


def test_target_comment_dates_never_taken(scored) -> None:
    # Met 2026-11-26: posts stamped with a date alone are comments too (cleaning.comments.dated_threads).
    taken = [(r["page"], r["published"]) for r in scored
             if r["published"] and str(r["published"])[:10] in r["comment_dates"]]
    assert taken == []
