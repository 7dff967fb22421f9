"""Versions, page life cycle, conditional-GET state and runs, on real SQLite files.

Version numbering is checked across processes: each later text is ingested
by a new Python process, so numbers can only come from the database.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from archive import Archive, Fetch
from cleaning.model import Page, Speech

URL = "http://www.hanjia777.com/gongwen/2022/0611/12345.html"
PARAS = [
    "同志们:",
    "今天召开全市经济工作会议,主要任务是总结去年工作,安排部署今年经济工作。",
    "一、充分肯定成绩。过去一年,全市上下牢固树立项目为王理念,新签约项目XX个,总投资XX亿元。",
    "二、准确把握形势。当前区域竞争日趋激烈,各地都在抢项目、抢资金、抢人才。",
    "三、强化工作措施。要健全领导包抓机制,优化营商环境,做到项目签约一个、落地一个。",
]
TITLE = "在全市经济工作会议上的讲话"

CHILD = r"""
import json, sys
from archive import Archive, Fetch
from cleaning.model import Page, Speech
db, url, title, body, raw = sys.argv[1:6]
with Archive(db) as archive:
    page = Page(url=url, title=title, published="2022-06-11",
                speeches=[Speech(title, body.split("\n"), "市长", "全市经济工作会议")])
    result = archive.ingest(Fetch(url, 200, {"ETag": '"' + raw + '"'}, raw.encode()), page)
print(json.dumps(result.__dict__))
"""


def _page(paras: list[str], title: str = TITLE, url: str = URL) -> Page:
    return Page(url=url, title=title, published="2022-06-11",
                speeches=[Speech(title, list(paras), "市长", "全市经济工作会议")])


def _fetch(raw: str, url: str = URL, headers: dict[str, str] | None = None, at: str | None = None) -> Fetch:
    return Fetch(url, 200, headers or {"ETag": f'"{raw}"'}, raw.encode(), at)


def _in_child(db: Path, paras: list[str], raw: str) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(db), URL, TITLE, "\n".join(paras), raw],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def test_versions_continue_across_processes(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        first = archive.ingest(_fetch("<p>v1</p>"), _page(PARAS))
    assert (first.new_speeches, first.new_versions) == (1, 0)

    changed = PARAS[:2] + [PARAS[2].replace("XX个", "36个")] + PARAS[3:]
    assert _in_child(db, changed, "<p>v2</p>")["new_versions"] == 1
    assert _in_child(db, changed, "<p>v2 with a new ad</p>")["new_versions"] == 0  # churn only
    longer = changed + ["四、加强组织领导。各级各部门要把经济工作摆上重要议事日程。"]
    assert _in_child(db, longer, "<p>v3</p>")["new_versions"] == 1

    with Archive(db) as archive:
        versions = list(archive.db.query(
            "select version, body, fields_changed, diff_summary, origin from speech_versions"
            " where speech_id = 1 order by version"))
        speech = next(archive.db.query("select * from speeches where id = 1"))
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert json.loads(versions[1]["fields_changed"]) == ["body"]
    assert versions[1]["diff_summary"].startswith("+0 -0 paragraphs, 1 changed")
    assert versions[2]["diff_summary"].startswith("+1 -0 paragraphs")
    assert speech["body"] == "\n".join(longer) and speech["version_count"] == 3
    assert {v["origin"] for v in versions} == {"crawl"}


def test_unchanged_recrawl_and_page_churn_write_no_version(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        run = archive.start_run("cli", ["77范文网"])
        archive.ingest(_fetch("<html>1</html>"), _page(PARAS), run)
        # Same speech, other page bytes (view counter, related list), other whitespace.
        spaced = ["\u3000\u3000" + p + " " for p in PARAS]
        result = archive.ingest(_fetch("<html>1 views=9</html>"), _page(spaced), run)
        assert (result.new_versions, result.unchanged_speeches, result.new_speeches) == (0, 1, 0)
        archive.record_unchanged(URL, 200, run)
        archive.record_not_modified(URL, run)
        archive.finish_run(run, "ok", {"fetched": 4}, errors=0)
        assert archive.db.execute("select count(*) from speech_versions").fetchone()[0] == 1
        assert archive.db.execute("select count(*) from captures").fetchone()[0] == 2
        assert archive.db.execute("select count(*) from page_captures").fetchone()[0] == 2
        page = next(archive.db.query("select * from pages"))
        assert page["unchanged_streak"] == 3 and page["last_status"] == 304
        row = next(archive.db.query("select * from crawl_runs where id = ?", [run]))
        assert (row["pages"], row["new_speeches"], row["unchanged_speeches"],
                row["unchanged_pages"], row["not_modified"], row["status"]) == (2, 1, 1, 1, 1, "ok")
        assert json.loads(row["counts"]) == {"fetched": 4} and row["ended_at"]


def test_same_bytes_are_stored_once(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        for url in (URL, URL.replace("12345", "12346")):
            archive.ingest(_fetch("<html>same</html>", url=url), _page(PARAS, url=url))
        assert archive.db.execute("select count(*) from captures").fetchone()[0] == 1
        assert archive.db.execute("select count(*) from page_captures").fetchone()[0] == 2
        assert archive.is_unchanged(URL, b"<html>same</html>")
        assert not archive.is_unchanged(URL, b"<html>other</html>")
        assert not archive.is_unchanged("http://x.example/never", b"")


def test_gone_page_keeps_its_speeches(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        archive.ingest(_fetch("<html>1</html>"), _page(PARAS))
        archive.record_gone(URL, 404)
        page = next(archive.db.query("select * from pages"))
        assert page["gone_at"] and page["last_status"] == 404
        assert archive.validators(URL) == {}
        assert archive.db.execute("select count(*) from speeches").fetchone()[0] == 1
        assert archive.db.execute("select count(*) from speech_sources").fetchone()[0] == 1
        archive.record_gone(URL, 410)
        assert next(archive.db.query("select gone_at from pages"))["gone_at"] == page["gone_at"]
        archive.ingest(_fetch("<html>back</html>"), _page(PARAS))  # it came back
        assert next(archive.db.query("select gone_at from pages"))["gone_at"] is None
        archive.record_gone("http://www.hanjia777.com/never-seen.html", 404)
        assert archive.db.execute("select count(*) from pages where gone_at is not null").fetchone()[0] == 1


def test_validators_and_revisit_back_off(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        assert archive.validators(URL) == {} and archive.revisit_due(URL)
        t0 = datetime(2024, 5, 1, 2, 0, tzinfo=timezone.utc)
        headers = {"etag": '"abc"', "Last-Modified": "Wed, 01 May 2024 00:00:00 GMT"}
        archive.ingest(_fetch("<p>1</p>", headers=headers, at=t0.strftime("%Y-%m-%dT%H:%M:%SZ")),
                       _page(PARAS))
        assert archive.validators(URL) == {"If-None-Match": '"abc"',
                                           "If-Modified-Since": "Wed, 01 May 2024 00:00:00 GMT"}
        assert not archive.revisit_due(URL, now=t0 + timedelta(hours=10))
        assert archive.revisit_due(URL, now=t0 + timedelta(hours=21))
        archive.db.execute("update pages set unchanged_streak = 3")  # three quiet visits
        assert not archive.revisit_due(URL, now=t0 + timedelta(days=6))
        assert archive.revisit_due(URL, now=t0 + timedelta(days=7))
        archive.db.execute("update pages set unchanged_streak = 50")
        assert archive.revisit_due(URL, now=t0 + timedelta(days=30))  # capped


def test_errors_are_recorded_and_bad_status_rejected(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        run = archive.start_run("schedule", ["a", "b"])
        archive.record_error("http://a.example/x", "500 Internal Server Error", status=500, run_id=run)
        with pytest.raises(ValueError):
            archive.finish_run(run, "done", {}, 0)
        archive.finish_run(run, "failed", {"error": 1}, errors=1, note="close reason: shutdown")
        err = next(archive.db.query("select * from crawl_errors"))
        assert (err["run_id"], err["status"], err["message"]) == (run, 500, "500 Internal Server Error")
        row = next(archive.db.query("select * from crawl_runs"))
        assert (row["status"], row["errors"], json.loads(row["sites"])) == ("failed", 1, ["a", "b"])


def test_list_page_and_multi_page_parts(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        result = archive.ingest(_fetch("<ul>list</ul>", url="http://a.example/list/"), None)
        assert result.new_speeches == 0 and result.capture_id
        parts = [_fetch("<p>part 2</p>", url=URL.replace(".html", "_2.html"))]
        result = archive.ingest(_fetch("<p>part 1</p>"), _page(PARAS), parts=parts)
        rows = list(archive.db.query(
            "select part, main_id from page_captures where page_id = ? order by part", [result.page_id]))
        assert [r["part"] for r in rows] == [0, 1] and rows[1]["main_id"] is not None


def test_schema_is_migrated_once_and_recorded(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Archive(db).close()
    Archive(db).close()
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("select name from _sqlite_migrations order by id")]
    assert names[:6] == ["m001_core_tables", "m002_views", "m003_bigrams_detail_none",
                         "m004_speech_signatures", "m005_fts_hashsize", "m006_run_process"]
    assert "m008_reading_views" in names and len(names) == len(set(names))
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("select name from sqlite_master")}
    assert {"sites", "pages", "captures", "page_captures", "speeches", "speech_versions",
            "speech_sources", "crawl_runs", "crawl_errors", "_lsh_bands", "speeches_bigrams",
            "search_index_state", "_search_stale"} <= tables
