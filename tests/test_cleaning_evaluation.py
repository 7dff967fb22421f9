"""The evaluation: its metrics, its corpus readers, and the quality floor it enforces.

The floor gate at the bottom runs the real cleaner over the committed fixture
corpus and fails when extraction quality drops below the targets of issue 2.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation import OVERALL, evaluate, load, metrics
from evaluation.corpora import CorpusError, detect
from evaluation.systems import Output, run

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PAGES = Path(__file__).parent / "fixtures" / "pages"

ARTICLE = (
    "<html><head><meta charset='utf-8'><title>在全市工作会议上的讲话_范文网</title></head><body>"
    "<div class='nav'>首页 | 公文 | 讲话稿</div><div class='article'><h1>在全市工作会议上的讲话</h1>"
    "<p>时间:2021-03-05 10:00:00</p>"
    + "".join(f"<p>同志们,这是第{i}段讲话正文,我们要坚持稳中求进工作总基调,推动高质量发展。</p>" for i in range(12))
    + "</div><div class='footer'>Copyright 范文网 ICP备12345678号</div></body></html>"
)


# --- metrics -------------------------------------------------------------------


def test_bigram_f1_counts_a_multiset_and_ignores_whitespace() -> None:
    ov = metrics.overlap("甲乙 丙\n丁", "甲乙丙丁")
    assert (ov.common, ov.predicted, ov.expected) == (3, 3, 3)
    assert ov.f1 == 1.0
    # "哈哈哈" has the bigram 哈哈 twice; the truth once: a multiset, not a set.
    ov = metrics.overlap("哈哈哈", "哈哈")
    assert (ov.common, ov.predicted, ov.expected) == (1, 2, 1)
    assert ov.precision == 0.5 and ov.recall == 1.0
    assert ov.f1 == pytest.approx(2 / 3)
    ov = metrics.overlap("甲乙丙丁戊己", "丙丁戊己庚辛")  # 3 of 5 bigrams shared each way
    assert ov.precision == pytest.approx(0.6) and ov.recall == pytest.approx(0.6)


def test_empty_sides() -> None:
    assert metrics.overlap("", "").f1 == 1.0
    assert metrics.overlap("", "正文内容").f1 == 0.0
    assert metrics.overlap("垃圾内容", "").f1 == 0.0
    assert metrics.overlap(" \u3000\n", "").f1 == 1.0  # whitespace only is empty


def test_micro_pooling_adds_counts() -> None:
    pooled = metrics.overlap("甲乙丙", "甲乙丙") + metrics.overlap("丁戊", "己庚")
    assert (pooled.common, pooled.predicted, pooled.expected) == (2, 3, 3)


@pytest.mark.parametrize(
    ("truth", "parsed"),
    [
        ("2005-5-7 21:23:57", (2005, 5, 7)),
        ("2022-02-13 07:00:00", (2022, 2, 13)),
        ("2023-11-17T00:00:00", (2023, 11, 17)),
        ("1998-3", (1998, 3)),
        ("2018", (2018,)),
        ("2005-06-14 03:25:55\n", (2005, 6, 14)),
        ("UNKNOWN", None),
        ("UNKNWON", None),
        ("", None),
        (None, None),
        ("刘涛", None),
        ("2005-13-01", None),
    ],
)
def test_truth_dates_keep_their_precision(truth: str | None, parsed: tuple[int, ...] | None) -> None:
    assert metrics.parse_truth_date(truth) == parsed


def test_date_compared_at_the_truths_precision() -> None:
    assert metrics.date_matches("2005-05-07", (2005, 5, 7))
    assert not metrics.date_matches("2005-05-08", (2005, 5, 7))
    assert metrics.date_matches("2018-08-23", (2018,))
    assert metrics.date_matches("1998-03-01", (1998, 3))
    assert not metrics.date_matches("1998-01-01", (1998, 3))
    assert not metrics.date_matches(None, (2018,))
    assert not metrics.date_matches("2018", (2018, 1, 1))  # a coarser answer is not a day


def test_leaks_and_missing_phrases_ignore_whitespace() -> None:
    bodies = ["第一段讲话。\n推荐 访问:讲话稿", "第二段"]
    assert metrics.find_leaks(bodies, ["推荐访问", "猜你喜欢"]) == ["推荐访问"]
    assert metrics.find_missing(bodies, ["第一段讲话", "第三段"]) == ["第三段"]


def test_titles_compare_after_whitespace_normalisation() -> None:
    assert metrics.normalise_title(" 话剧《约定无期限》河北各市巡演结束 ") == "话剧《约定无期限》河北各市巡演结束"
    assert metrics.normalise_title("a \u3000 b") == "a b"
    assert metrics.normalise_title("  ") is None


# --- corpus readers ----------------------------------------------------------------


def _write_fixture(root: Path, family: str, slug: str, html: str, expected: dict, **extra: object) -> None:
    folder = root / family
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.html").write_bytes(html.encode("gbk" if extra.get("encoding") == "gbk" else "utf-8"))
    meta = {"url": f"http://example.test/{slug}.html", "family": family, "encoding": "utf-8", "http_charset": None,
            "kind": "single", "expected": expected, "must_contain": [], "must_not_contain": []}
    meta.update(extra)
    (folder / f"{slug}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def test_fixture_reader_takes_truth_from_the_json(tmp_path: Path) -> None:
    expected = {"title": "标题", "published": None, "speeches": [{"title": "甲", "body": "一\n二"}, {"title": "乙", "body": "三"}]}
    _write_fixture(tmp_path, "dedecms", "a", ARTICLE, expected, kind="compilation", http_charset="gbk",
                   must_not_contain=["ICP备"])
    (case,) = load(tmp_path)
    assert detect(tmp_path) == "fixtures"
    assert (case.group, case.page_id, case.kind, case.http_charset) == ("dedecms", "dedecms/a.html", "compilation", "gbk")
    assert case.truth.body == "一\n二\n三"
    assert case.truth.speech_count == 2
    assert case.truth.date_given and case.truth.date is None  # a null date is an answer: expect null


def test_real_layouts_are_recognised_by_structure(tmp_path: Path) -> None:
    ia = tmp_path / "ia"
    for sub in ("original", "cleaned", "date"):
        (ia / sub).mkdir(parents=True)
    (ia / "original" / "x.html").write_bytes(ARTICLE.encode("gb18030"))
    (ia / "cleaned" / "x.txt").write_text("正文", encoding="utf-8")
    (ia / "date" / "x.txt").write_text("UNKNOWN", encoding="utf-8")
    magic = tmp_path / "magic"
    (magic / "htmls").mkdir(parents=True)
    (magic / "htmls" / "k1.html").write_text(ARTICLE, encoding="utf-8")
    (magic / "htmls" / "k2.html").write_text("<html><body><ul><li>a</li></ul></body></html>", encoding="utf-8")
    (magic / "base_zh.json").write_text(json.dumps({
        "k1": {"url": "http://m.test/1", "content": "正文", "remark": "article"},
        "k2": {"url": "http://m.test/2", "content": "", "remark": "列表页"},
    }), encoding="utf-8")
    cases = load(tmp_path)  # a directory of corpora: each one in turn
    by_id = {(c.corpus, c.page_id): c for c in cases}
    ia_case = by_id[("ia", "original/x.html")]
    assert ia_case.truth.body == "正文" and not ia_case.truth.date_given  # UNKNOWN: out of the date denominator
    assert by_id[("magic", "htmls/k2.html")].truth.speech_count == 0  # the list page: zero speeches is right
    assert by_id[("magic", "htmls/k1.html")].truth.speech_count is None
    assert by_id[("magic", "htmls/k1.html")].url == "http://m.test/1"


def test_not_a_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no corpus found"):
        load(tmp_path)


# --- running systems ----------------------------------------------------------------


def test_a_system_that_raises_is_an_error_scored_as_empty(tmp_path: Path) -> None:
    _write_fixture(tmp_path, "wordpress", "b", ARTICLE, {"title": "t", "published": None, "speeches": [{"title": "t", "body": "正文"}]})
    (case,) = load(tmp_path)

    def broken(data: bytes, case: object) -> Output:
        raise RuntimeError("boom on this page")

    out = run(broken, case)
    assert out.error == "RuntimeError: boom on this page"
    assert out.bodies == []


def test_a_system_that_hangs_is_stopped_and_counted(tmp_path: Path) -> None:
    _write_fixture(tmp_path, "mobile", "h", ARTICLE, {"title": "t", "published": None, "speeches": []})
    (case,) = load(tmp_path)

    def hangs(data: bytes, case: object) -> Output:
        while True:
            pass

    out = run(hangs, case, timeout=0.2)
    assert out.error is not None and out.error.startswith("PageTimeout")
    assert 0.2 <= out.seconds < 5


def test_baseline_runs_end_to_end_on_a_page(tmp_path: Path) -> None:
    body = "\n".join(f"同志们,这是第{i}段讲话正文,我们要坚持稳中求进工作总基调,推动高质量发展。" for i in range(12))
    expected = {"title": "在全市工作会议上的讲话", "published": "2021-03-05", "speeches": [{"title": "在全市工作会议上的讲话", "body": body}]}
    _write_fixture(tmp_path, "phpcms", "c", ARTICLE, expected, must_not_contain=["ICP备12345678号", "首页 | 公文"])
    evaluation = evaluate(load(tmp_path), ["trafilatura"])
    summary = evaluation.summary(f"{tmp_path.parent.name}/{tmp_path.name}", "phpcms", "trafilatura").to_dict()
    assert summary["pages"] == 1 and summary["errors"] == 0
    assert summary["f1"] > 0.9  # trafilatura finds this plain article
    assert summary["leak_checked"] == 1


def test_cli_prints_json_and_refuses_a_non_corpus(tmp_path: Path) -> None:
    _write_fixture(tmp_path / "corpus", "discuz", "d", ARTICLE, {"title": "t", "published": None, "speeches": []}, kind="404")
    done = subprocess.run(
        [sys.executable, "-m", "evaluation.evaluate", str(tmp_path / "corpus"), "--system", "trafilatura", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["systems"] == ["trafilatura"]
    (page,) = document["pages"]
    assert page["truth"]["speech_count"] == 0
    assert page["systems"]["trafilatura"]["count_ok"] is False  # truth: no speech; trafilatura returns the text
    (tmp_path / "empty").mkdir()
    done = subprocess.run([sys.executable, "-m", "evaluation.evaluate", str(tmp_path / "empty")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "no corpus found" in done.stderr


# --- the floor gate: issue 2's targets on the committed fixture corpus ----------------


@pytest.fixture(scope="module")
def fixture_evaluation():
    assert FIXTURE_PAGES.is_dir(), f"fixture corpus missing: {FIXTURE_PAGES}"
    return evaluate(load(FIXTURE_PAGES), ["cleaner"])


def _overall(evaluation) -> dict:
    corpus = f"{FIXTURE_PAGES.parent.name}/{FIXTURE_PAGES.name}"
    key = (corpus, OVERALL) if (corpus, OVERALL) in evaluation.summaries else next(iter(evaluation.summaries))
    return evaluation.summaries[key]["cleaner"].to_dict()


def _pages(evaluation, predicate) -> list[str]:
    return [r.case.page_id for r in evaluation.pages if predicate(r)]


def test_fixture_corpus_is_broad_enough(fixture_evaluation) -> None:
    cases = [r.case for r in fixture_evaluation.pages]
    assert len(cases) >= 40
    assert len({c.group for c in cases}) >= 6
    assert {"single", "compilation", "list", "404"} <= {c.kind for c in cases}


def test_cleaner_never_raises_on_the_fixtures(fixture_evaluation) -> None:
    failed = {r.case.page_id: r.outputs["cleaner"].error for r in fixture_evaluation.pages if r.outputs["cleaner"].error}
    assert not failed


def test_body_f1_floor(fixture_evaluation) -> None:
    overall = _overall(fixture_evaluation)
    worst = sorted(
        (r.scores["cleaner"].f1, r.case.page_id) for r in fixture_evaluation.pages if r.scores["cleaner"].f1 is not None
    )[:5]
    assert overall["f1"] >= 0.98, f"body F1 {overall['f1']:.3f} < 0.98; worst pages {worst}"


def test_no_junk_leaks(fixture_evaluation) -> None:
    leaks = {r.case.page_id: r.scores["cleaner"].leaks for r in fixture_evaluation.pages if r.scores["cleaner"].leaks}
    assert not leaks


def test_must_contain_phrases_survive(fixture_evaluation) -> None:
    lost = {r.case.page_id: r.scores["cleaner"].missing for r in fixture_evaluation.pages if r.scores["cleaner"].missing}
    assert not lost


@pytest.mark.parametrize("field", ["title", "date"])
def test_title_and_date_accuracy(fixture_evaluation, field: str) -> None:
    slot = _overall(fixture_evaluation)[field]
    wrong = _pages(fixture_evaluation, lambda r: getattr(r.scores["cleaner"], f"{field}_ok") is False)
    assert slot["total"] and slot["accuracy"] >= 0.95, f"{field} {slot['right']}/{slot['total']}; wrong on {wrong}"


def test_speech_count_exact_on_every_compilation(fixture_evaluation) -> None:
    compilations = [r for r in fixture_evaluation.pages if r.case.kind == "compilation"]
    assert compilations
    wrong = {r.case.page_id: (len(r.outputs["cleaner"].bodies), r.case.truth.speech_count)
             for r in compilations if not r.scores["cleaner"].count_ok}
    assert not wrong


def test_pages_without_speech_yield_none(fixture_evaluation) -> None:
    wrong = {r.case.page_id: len(r.outputs["cleaner"].bodies) for r in fixture_evaluation.pages
             if r.case.kind in ("list", "404") and r.outputs["cleaner"].bodies}
    assert not wrong


def test_the_gate_can_fail() -> None:
    """Bare trafilatura on the same corpus misses the targets: the gate is not vacuous."""
    evaluation = evaluate(load(FIXTURE_PAGES), ["trafilatura"])
    corpus = f"{FIXTURE_PAGES.parent.name}/{FIXTURE_PAGES.name}"
    overall = evaluation.summaries[(corpus, OVERALL)]["trafilatura"].to_dict()
    assert overall["leak_pages"] > 0
    assert overall["count"]["accuracy"] < 1.0
