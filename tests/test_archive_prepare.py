"""`archive.prepare`: the CPU part of an ingest, run in another process, stores exactly what
`Archive.ingest` alone stores; a `Prepared` of another page is refused."""
from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import sqlite_utils

from archive import Archive, Fetch
from archive.prepare import Prepared, prepare
from archive.search import search
from cleaning.model import Page, Speech
from tests.sqlite_rows import rows

AT = "2024-05-01T08:00:00Z"
# Every table ingest writes, with the columns that do not hold the wall clock.
TABLES = {
    "captures": "id, sha256, url, status, headers, fetched_at, content_type, size, content",
    "pages": "id, url, site_id, title, published, speech_count, last_status, last_capture_id,"
             " last_fetch_id, unchanged_streak",
    "page_captures": "id, page_id, capture_id, part, main_id, status, fetched_at",
    "speeches": "id, title, body, published, site_id, version_count, source_count, site_count,"
                " chars, _text_hash, _content_hash, _minhash, _canonical_page_id",
    "speech_versions": "id, speech_id, version, title, body, fields_changed, diff_summary, _text_hash",
    "speech_sources": "id, speech_id, page_id, position, similarity, match, _content_hash",
    "_speech_hashes": "text_hash, speech_id",
    "_lsh_bands": "band_key, speech_id",
    "_lsh_pending": "band_key, speech_id",
}


def _text(seed: int, chars: int = 400) -> list[str]:
    rng = random.Random(seed)
    return ["".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(chars // 4)) + "。"
            for _ in range(4)]


def _page(url: str, title: str, paras: list[str], published: str = "2024-04-30") -> tuple[Fetch, Page]:
    body = ("<html>" + "".join(paras) + "</html>").encode("utf-8")
    return (Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8", "Set-Cookie": "s=1"}, body,
                  fetched_at=AT),
            Page(url=url, title=title, published=published, speeches=[Speech(title, paras, "市长")]))


def _pages() -> list[tuple[Fetch, Page, list[Fetch]]]:
    """New speeches, a repost, a near copy, a new version at a known URL, parts, a list page."""
    a, b = _text(1), _text(2)
    near = a[:3] + ["下面是小编整理的讲话稿。"]
    changed = b[:3] + _text(3)[:1]
    part = Fetch("http://p.example/b_2.html", 200, {}, b"<html>part two</html>", fetched_at=AT)
    items = [_page("http://p.example/a.html", "招商引资工作会议讲话", a),
             _page("http://p.example/b.html", "营商环境大会讲话", b),
             _page("http://q.example/a-copy.html", "招商引资工作会议讲话", a, "2024-04-01"),
             _page("http://q.example/a-near.html", "招商讲话", near),
             _page("http://p.example/b.html", "营商环境大会讲话", changed)]
    out = [(fetch, page, []) for fetch, page in items]
    out[1] = (*items[1], [part])
    out[4] = (*items[4], [part])
    out.append((Fetch("http://p.example/list.html", 200, {}, b"<html>list</html>", fetched_at=AT),
                None, []))
    return out


def _prepare_in_worker(item: tuple[Fetch, Page | None, list[Fetch]]) -> Prepared:
    fetch, page, parts = item
    return prepare(fetch, page, parts)


def _dump(path: Path) -> dict[str, list[tuple]]:
    return {table: rows(path, f"select {cols} from {table} order by 1, 2") for table, cols in TABLES.items()}


def test_prepared_in_another_process_stores_what_ingest_alone_stores(tmp_path: Path) -> None:
    items = _pages()
    with ProcessPoolExecutor(1) as pool:
        prepared = list(pool.map(_prepare_in_worker, items))
    alone, split = tmp_path / "alone.db", tmp_path / "split.db"
    with Archive(alone) as archive:
        plain = [archive.ingest(fetch, page, parts=parts) for fetch, page, parts in items]
    with Archive(split) as archive:
        given = [archive.ingest(fetch, page, parts=parts, prepared=ready)
                 for (fetch, page, parts), ready in zip(items, prepared)]
    assert given == plain
    assert [(r.new_speeches, r.new_sources, r.new_versions) for r in given] == [
        (1, 0, 0), (1, 0, 0), (0, 1, 0), (0, 1, 0), (0, 0, 1), (0, 0, 0)]
    assert _dump(split) == _dump(alone)
    for path in (alone, split):
        with Archive(path) as archive:
            archive.index()
            found = {q: sorted(r["id"] for r in search(archive.db, q, limit=None))
                     for q in ("招商", "营商", "讲话")}
        assert found == {"招商": [1], "营商": [2], "讲话": [1, 2]}
        assert rows(path, "insert into speeches_bigrams(speeches_bigrams) values('integrity-check')") == []


def test_a_prepared_document_is_not_indexed_for_a_text_changed_since(tmp_path: Path) -> None:
    fetch, page = _page("http://p.example/a.html", "招商引资工作会议讲话", _text(1))
    with Archive(tmp_path / "a.db") as archive:
        archive.index_tail = 0  # index only when asked
        archive.ingest(fetch, page, prepared=prepare(fetch, page))
        # Another writer retitles the speech before the indexer runs.
        with archive.transaction():
            archive.db.execute("update speeches set title = '防汛抗旱会议讲话' where id = 1")
        archive.index()
        assert [r["id"] for r in search(archive.db, "防汛", limit=None)] == [1]
        assert list(search(archive.db, "招商", limit=None)) == []
    assert rows(tmp_path / "a.db",
                "insert into speeches_bigrams(speeches_bigrams) values('integrity-check')") == []


@pytest.mark.parametrize("other", ["url", "speeches", "parts"])
def test_a_prepared_of_another_page_is_refused_and_nothing_is_written(tmp_path: Path, other: str) -> None:
    fetch, page = _page("http://p.example/a.html", "讲话", _text(1))
    part = Fetch("http://p.example/a_2.html", 200, {}, b"two")
    if other == "url":
        wrong = prepare(Fetch("http://p.example/b.html", 200, {}, fetch.body), page)
    elif other == "speeches":
        wrong = prepare(fetch, Page(url=fetch.url, speeches=page.speeches * 2))
    else:
        wrong = prepare(fetch, page, [part])
    with Archive(tmp_path / "a.db") as archive:
        with pytest.raises(ValueError, match="prepared data of"):
            archive.ingest(fetch, page, prepared=wrong)
        assert sqlite_utils.Database(archive.db.conn)["pages"].count == 0


# Title/body pairs where folding apart could differ from folding together: a
# combining mark or a final sigma at the seam, full-width text, NFKC expansions.
SEAM_CASES = [
    ("ΟΔΟΣ", "Σοφία"), ("café", "\u0301e"), ("ＧＤＰ增长６．５％", "ｆｉ ﬁ ㈱ ½"),
    ("", "经济"), ("讲话", ""), (None, "Ⅻ 個 ＩＩ"), ("标题\n第二行", "正文\r\n第二行 \u3000全角空格"),
    ("한국어 ᄀ", "\u1161 각"), ("ǅ", "Ǆ ǆ"),
]


@pytest.mark.parametrize("title,body", SEAM_CASES)
def test_the_prepared_bigram_document_is_the_one_folded_together(title: str | None, body: str) -> None:
    """prepare hands dedup's folded body to `bigram_document`: the same document as folding title and body together."""
    from archive.dedup import Fingerprint
    from archive.prepare import prepare_speech
    from archive.search import bigram_document

    together = _tokens_folded_together(title, body)
    ready = prepare_speech(title, body)
    if ready is not None:
        assert set(ready.bigram_document.split()) == together
    assert set(bigram_document(title, body, Fingerprint(body).folded).split()) == together
    assert set(bigram_document(title, body).split()) == together


def _tokens_folded_together(title: str | None, body: str) -> set[str]:
    """The plain computation: title and body joined by a newline, folded as one text, then tokenised."""
    from archive.textnorm import bigram_tokens

    return set(bigram_tokens((title or "") + "\n" + body).split())


def test_bigram_documents_folded_apart_equal_folded_together_on_random_mixes() -> None:
    from archive.search import bigram_document
    from archive.textnorm import fold

    rng = random.Random(7)
    alphabet = "经济ＡＢａｂΣσς\u0301\u0308\u3000\n ﬁ½㈱ᄀ\u1161ǅİ．，。" + "".join(map(chr, range(0x41, 0x5B)))
    for _ in range(2000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
        body = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        assert set(bigram_document(title, body, fold(body)).split()) == _tokens_folded_together(title, body)
