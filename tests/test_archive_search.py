"""Search over both FTS5 indexes on a real file: every query checked against Python's `in`."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive import Archive, Fetch
from archive.search import plan, search
from cleaning.model import Page, Speech

TEXTS = {
    "http://a.example/1.html": ("在全市经济工作会议上的讲话", ["同志们:", "今年经济工作要稳字当头,招商引资要有新突破。", "GDP增长6.5%。"]),
    "http://a.example/2.html": ("在防汛工作会议上的讲话", ["汛期将至,防汛抗旱责任重大。", "各县区要压实责任,确保安全度汛。"]),
    "http://b.example/3.html": ("在招商推介会上的致辞", ["欢迎各位客商来我市投资兴业。", "我市营商环境持续优化,经济发展势头良好。"]),
}


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "s.db") as arch:
        for url, (title, paras) in TEXTS.items():
            arch.ingest(Fetch(url, 200, {}, url.encode()),
                        Page(url=url, title=title, speeches=[Speech(title, paras)]))
        yield arch


def _truth(archive: Archive, query: str) -> set[int]:
    words = query.lower().split()
    return {r["id"] for r in archive.db.query("select id, title, body from speeches")
            if all(w in (r["title"] + "\n" + r["body"]).lower() for w in words)}


@pytest.mark.parametrize("query", [
    "经济", "招商", "汛", "营商环境", "安全度汛", "经济 招商", "经济 营商环境", "防汛 经济",
    "gdp", "GDP增长", "讲话", "致辞 投资", "不存在", "6.5",
])
def test_search_matches_substring_truth(archive: Archive, query: str) -> None:
    assert {r["id"] for r in search(archive.db, query, limit=None)} == _truth(archive, query)


def test_plan_routes_by_length() -> None:
    p = plan("经济 高质量发展 汛 ，")
    assert p.trigram == ['"高质量发展"'] and p.bigram == ['"经济"', '"汛" *']
    assert plan("  ").empty and plan("!!").empty


def test_indexes_follow_new_versions(archive: Archive) -> None:
    url = "http://a.example/2.html"
    title, paras = TEXTS[url]
    new = [p.replace("防汛抗旱", "森林防火") for p in paras]
    result = archive.ingest(Fetch(url, 200, {}, b"v2"),
                            Page(url=url, title=title, speeches=[Speech(title, new)]))
    assert result.new_versions == 1
    assert {r["id"] for r in search(archive.db, "抗旱")} == set()
    assert {r["id"] for r in search(archive.db, "森林防火")} == {2}
    assert {r["id"] for r in search(archive.db, "防火")} == {2}
    conn = sqlite3.connect(archive.path)
    conn.execute("insert into speeches_fts(speeches_fts) values('integrity-check')")
    conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")
