"""Dedup against the committed set built from the seed speeches (tools/build_dedup_set.py).

Every original must stay its own speech (the compilation items are different
speeches on one topic); every variant (repost, paragraph dropped, masks
filled, promo left in, the seeds' own repeats) must become a source of its
original with its similarity recorded.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from archive import Archive, Fetch
from archive.minhash import PARAMS, SEED, jaccard, shingle_hashes, signature
from archive.textnorm import normalize, text_hash
from cleaning.model import Page, Speech


def _page(url: str, title: str, body: str) -> Page:
    return Page(url=url, title=title, speeches=[Speech(title, body.split("\n"))])


def _ingest(archive: Archive, url: str, title: str, body: str):
    fetch = Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"},
                  f"<html><title>{title}</title><body>{body}</body></html>".encode())
    return archive.ingest(fetch, _page(url, title, body))


DEDUP_DIR = Path(__file__).parent / "fixtures" / "dedup"


@pytest.fixture(scope="module")
def dedup_set() -> tuple[list[dict], list[dict]]:
    base = DEDUP_DIR
    originals = json.loads((base / "originals.json").read_text(encoding="utf-8"))
    variants = json.loads((base / "variants.json").read_text(encoding="utf-8"))
    return originals, variants


def test_signature_equals_datasketch_minhash() -> None:
    hashes = shingle_hashes("今天我和X同志把大家邀请到这里召开会议,目的就是传达学习全省会议精神。" * 3)
    reference = MinHash(num_perm=PARAMS.num_perm, seed=SEED, scheme="affine32", hashfunc=int)
    reference.update_batch([int(h) for h in hashes])
    assert np.array_equal(signature(hashes), reference.hashvalues)


def test_normal_form_ignores_whitespace_and_width() -> None:
    assert normalize("经济 发展,\u3000ＧＤＰ增长。") == normalize("经济发展,GDP增长")
    assert text_hash("同志们:\n今天") == text_hash("同志们: 今天")
    assert text_hash("今天X同志") != text_hash("今天张同志")  # masks are text


def test_dedup_set_precision_and_recall(tmp_path: Path, dedup_set, capsys) -> None:
    originals, variants = dedup_set
    assert len(originals) >= 10 and len(variants) >= 5 * len(originals)
    tp = fp = fn = tn = 0
    speech_of: dict[str, int] = {}
    with Archive(tmp_path / "dedup.db") as archive:
        for n, orig in enumerate(originals):
            result = _ingest(archive, f"http://orig{n}.example/a.html", orig["title"], orig["body"])
            if result.new_speeches == 1:
                tn += 1
            else:
                fp += 1  # merged two different speeches
            speech_of[orig["id"]] = archive.db.execute(
                "select speech_id from speech_sources where page_id = ?", [result.page_id]
            ).fetchone()[0]
        by_kind: dict[str, list[int]] = {}
        for n, var in enumerate(variants):
            result = _ingest(archive, f"http://copy{n}.example/b.html", var["title"], var["body"])
            got = archive.db.execute(
                "select speech_id, similarity, match from speech_sources where page_id = ?",
                [result.page_id]).fetchone()
            ok = result.new_sources == 1 and got[0] == speech_of[var["of"]]
            if ok:
                tp += 1
                expected = jaccard(shingle_hashes(var["body"]),
                                   shingle_hashes(next(o for o in originals if o["id"] == var["of"])["body"]))
                assert got[1] == pytest.approx(1.0 if got[2] == "exact" else expected, abs=1e-3)
            else:
                fn += 1
                if result.new_sources == 1:
                    fp += 1  # merged into the wrong speech
            by_kind.setdefault(var["kind"], []).append(int(ok))
        n_speeches = archive.db.execute("select count(*) from speeches").fetchone()[0]
        multi = archive.db.execute("select count(*) from speeches where site_count > 1").fetchone()[0]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    with capsys.disabled():
        print(f"\ndedup set: {len(originals)} originals, {len(variants)} variants; "
              f"precision={precision:.3f} recall={recall:.3f} (tp={tp} fp={fp} fn={fn} tn={tn})")
        for kind, hits in sorted(by_kind.items()):
            print(f"  {kind:18} {sum(hits)}/{len(hits)} merged")
    assert precision >= 0.98 and recall >= 0.98
    assert n_speeches == len(originals) + fn
    assert multi == len(originals)  # every original got at least one copy on another site


def test_exact_repost_is_a_source_not_a_speech(tmp_path: Path, dedup_set) -> None:
    orig = dedup_set[0][0]
    with Archive(tmp_path / "a.db") as archive:
        _ingest(archive, "http://a.example/1.html", orig["title"], orig["body"])
        result = _ingest(archive, "http://b.example/2.html", "另一个标题", orig["body"].replace("\n", "\n\n"))
        assert (result.new_speeches, result.new_sources) == (0, 1)
        row = next(archive.db.query("select * from speech_sources where page_id = ?", [result.page_id]))
        assert row["match"] == "exact" and row["similarity"] == 1.0
        speech = next(archive.db.query("select * from speeches"))
        assert speech["site_count"] == 2 and speech["source_count"] == 2
        assert speech["title"] == orig["title"]  # the first text stays current


def test_lsh_bands_are_indexed_and_persist(tmp_path: Path, dedup_set) -> None:
    """Near-duplicates are found by a new process: nothing is rebuilt in memory."""
    orig = dedup_set[0][1]
    path = tmp_path / "p.db"
    with Archive(path) as archive:
        _ingest(archive, "http://a.example/1.html", orig["title"], orig["body"])
        bands = archive.db.execute("select (select count(*) from _lsh_bands)"
                                   " + (select count(*) from _lsh_pending)").fetchone()[0]
        assert bands == PARAMS.bands
        for table in ("_lsh_bands", "_lsh_pending"):
            plan = " ".join(r[3] for r in archive.db.execute(
                f"explain query plan select speech_id from {table} where band_key in (1, 2)"))
            assert "USING PRIMARY KEY" in plan or "USING INDEX" in plan
    paras = orig["body"].split("\n")
    with Archive(path) as archive:  # a fresh connection, as a new crawl would have
        result = _ingest(archive, "http://c.example/3.html", orig["title"], "\n".join(paras[:-1]))
        assert result.new_sources == 1
        assert archive.db.execute("select match from speech_sources where page_id = ?",
                                  [result.page_id]).fetchone()[0] == "near"


def _dedup_outcome(path: Path, originals: list[dict], variants: list[dict]) -> tuple[list, list]:
    """Every source row after ingesting the set, and the candidates of every variant at the end."""
    from archive.dedup import Fingerprint, candidates
    with Archive(path) as archive:
        for n, orig in enumerate(originals):
            _ingest(archive, f"http://orig{n}.example/a.html", orig["title"], orig["body"])
        for n, var in enumerate(variants):
            _ingest(archive, f"http://copy{n}.example/b.html", var["title"], var["body"])
        sources = list(archive.db.execute(
            "select speech_id, page_id, similarity, match from speech_sources order by id"))
        found = [candidates(archive.db, Fingerprint(var["body"])) for var in variants]
    return sources, found


def test_moving_pending_band_rows_changes_no_result(tmp_path: Path, dedup_set, monkeypatch) -> None:
    """Band rows move from `_lsh_pending` to `_lsh_bands` (schema m013) without changing a lookup."""
    import archive.store
    from archive.dedup import Fingerprint, candidates, merge_pending_bands

    originals, variants = dedup_set
    never = _dedup_outcome(tmp_path / "never.db", originals, variants)  # every row stays pending
    with closing(sqlite3.connect(tmp_path / "never.db")) as conn:
        assert conn.execute("select count(*) from _lsh_bands").fetchone()[0] == 0
    monkeypatch.setattr(archive.store, "LSH_MERGE_ROWS", 3 * PARAMS.bands)  # every few pages
    often = _dedup_outcome(tmp_path / "often.db", originals, variants)
    with closing(sqlite3.connect(tmp_path / "often.db")) as conn:
        moved, pending = conn.execute("select (select count(*) from _lsh_bands),"
                                      " (select count(*) from _lsh_pending)").fetchone()
    assert moved > 0 and pending < 3 * PARAMS.bands + PARAMS.bands
    assert often == never
    with Archive(tmp_path / "never.db") as archive:  # all moved at once: the same candidates
        with archive.transaction():
            assert merge_pending_bands(archive.db) > 0
        assert archive.db.execute("select count(*) from _lsh_pending").fetchone()[0] == 0
        assert [candidates(archive.db, Fingerprint(var["body"])) for var in variants] == never[1]


def test_an_archive_before_m013_keeps_its_bands_and_finds_near_copies(tmp_path: Path, dedup_set) -> None:
    """m013 on an archive whose bands are all in `_lsh_bands`: they stay there and are still found."""
    import sqlite_utils
    from archive import schema

    orig = dedup_set[0][1]
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    schema.migrations.apply(old, stop_before="m013_lsh_pending")
    old.close()
    with Archive(path) as archive:  # migrates; then what the old code wrote: bands in _lsh_bands
        _ingest(archive, "http://a.example/1.html", orig["title"], orig["body"])
        with archive.transaction():
            archive.db.execute("insert into _lsh_bands select * from _lsh_pending")
            archive.db.execute("delete from _lsh_pending")
    with Archive(path) as archive:
        paras = orig["body"].split("\n")
        result = _ingest(archive, "http://c.example/3.html", orig["title"], "\n".join(paras[:-1]))
        assert result.new_sources == 1
        names = [r[0] for r in archive.db.execute("select name from _sqlite_migrations order by id")]
        assert names.count("m013_lsh_pending") == 1  # applied once (later migrations may follow)
