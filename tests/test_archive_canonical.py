"""A reposted speech shows the same title, date and site whichever copy was archived first."""
from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

from archive import Archive, Fetch
from archive.search import search
from cleaning.model import Page, Speech

BODY = ["同志们:", "今年全市经济工作要稳字当头、稳中求进,招商引资要有新突破。",
        "各县区要压实责任,确保各项目标任务圆满完成。"]
# (url, site name, published, title): the same speech on three sites.
COPIES = [
    ("http://127.0.0.2/a/1.html", "百花范文网", "2023-03-02", "在全市经济工作会议上的讲话(百花)"),
    ("http://127.0.0.1/b/7.html", "77范文网", "2023-03-01", "在全市经济工作会议上的讲话"),
    ("http://127.0.0.3/c/9.html", "星星阅读网", "2023-03-01", "在全市经济工作会议上的讲话(星星)"),
]


def _shown(db: Path, order: tuple[int, ...]) -> tuple:
    with Archive(db) as archive:
        for i in order:
            url, site, published, title = COPIES[i]
            archive.ingest(Fetch(url, 200, {}, f"{url}{title}".encode()),
                           Page(url=url, title=title, site_name=site, published=published,
                                speeches=[Speech(title, BODY)]))
        rows = list(archive.db.query(
            "select s.title, s.published, s.year, st.name as site, s.source_count"
            " from speeches s join sites st on st.id = s.site_id"))
        found = [r["title"] for r in search(archive.db, "在全市经济工作会议上的讲话", limit=None)]
    conn = sqlite3.connect(db)  # re-indexed titles leave the index sound
    conn.execute("insert into speeches_bigrams(speeches_bigrams) values('integrity-check')")
    conn.close()
    return rows, found


def test_canonical_copy_does_not_depend_on_crawl_order(tmp_path: Path) -> None:
    results = {order: _shown(tmp_path / f"{''.join(map(str, order))}.db", order)
               for order in itertools.permutations(range(3))}
    assert len(set(map(repr, results.values()))) == 1, results
    rows, found = next(iter(results.values()))
    # Earliest date wins; on the same date the site name sorting first (77 < 星).
    assert rows == [{"title": "在全市经济工作会议上的讲话", "published": "2023-03-01",
                     "year": 2023, "site": "77范文网", "source_count": 3}]
    assert found == ["在全市经济工作会议上的讲话"]
