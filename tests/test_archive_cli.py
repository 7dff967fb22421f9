"""`speech-archive stats | search | export | reclean` run as real commands on real files."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive import Archive, Fetch
from archive.indexer import tail_size
from archive.search import search
from cleaning import clean_page
from cleaning.model import Page, Speech

EXE = str(Path(sys.executable).parent / "speech-archive")

HTML = """<html><head><meta charset="utf-8"><title>{title}_77范文网</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/gw/">公文范文</a></div>
<div class="position">位置: <a href="/">首页</a> &gt; <a href="/gw/">公文范文</a> &gt; 文章内容</div>
<h1>{title}</h1><div class="info">时间:2021-03-05 10:00:00 投稿作者:网友投稿</div>
<div class="content">
<p>下面是小编为大家整理的{title},供大家参考。</p>
<p>同志们:</p>{paras}
</div>
<div class="tags">推荐访问:{title}</div>
<div class="related">猜你喜欢 <a href="/1.html">某某讲话</a></div>
<div class="footer">Copyright © 2015-2024 77范文网 版权所有 ICP备12345678号</div>
</body></html>"""

SPEECHES = {
    "在全市招商引资工作会议上的讲话": [
        "今天召开全市招商引资工作会议,主要任务是总结去年招商引资工作,安排部署今年重点任务。刚才,X同志通报了去年全市招商引资完成情况,几个县区作了交流发言。",
        "一、充分肯定成绩,进一步增强做好招商引资工作的信心。过去一年,全市上下牢固树立项目为王理念,全年新签约项目XX个,总投资XX亿元,为经济稳定增长提供了有力支撑。",
        "二、准确把握形势,进一步明确招商引资工作的方向。当前区域竞争日趋激烈,各地都在抢项目、抢资金、抢人才,我们必须增强紧迫感,在产业链招商上下功夫。",
    ],
    "在全市安全生产工作会议上的讲话": [
        "这次会议的主要任务是深入贯彻上级安全生产工作部署,分析当前形势,安排今年全市安全生产工作。安全生产事关人民群众生命财产安全,是不可逾越的红线。",
        "一、清醒认识形势。去年全市安全生产形势总体平稳,但事故总量仍然偏大,道路交通、建筑施工、危化品等领域风险隐患依然突出,防汛形势不容乐观。",
        "二、压实各方责任。各级党委政府要落实属地管理责任,行业部门要落实监管责任,企业要落实主体责任,层层签订责任书,做到横向到边、纵向到底。",
    ],
}


def _html(title: str, paras: list[str]) -> bytes:
    return HTML.format(title=title, paras="".join(f"<p>{p}</p>" for p in paras)).encode("utf-8")


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120, check=check)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    with Archive(path) as archive:
        for n, (title, paras) in enumerate(SPEECHES.items()):
            url = f"http://www.hanjia777.com/gw/{n}.html"
            body = _html(title, paras)
            archive.ingest(Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"}, body),
                           clean_page(body, url=url))
    return path


def test_stats(db: Path) -> None:
    figures = json.loads(_run("stats", "--db", str(db), "--json").stdout)
    assert (figures["speeches"], figures["pages"], figures["captures"], figures["speech_versions"]) == (2, 2, 2, 2)
    assert figures["capture_stored_bytes"] < figures["capture_raw_bytes"]
    assert "speeches" in _run("stats", "--db", str(db)).stdout


def test_search_two_char_phrase_and_and(db: Path) -> None:
    def titles(query: str) -> set[str]:
        out = _run("search", query, "--db", str(db), "--json").stdout
        return {json.loads(line)["title"] for line in out.splitlines()}

    both = set(SPEECHES)
    assert titles("会议") == both
    assert titles("招商") == {"在全市招商引资工作会议上的讲话"}
    assert titles("防汛") == {"在全市安全生产工作会议上的讲话"}
    assert titles("项目为王") == {"在全市招商引资工作会议上的讲话"}
    assert titles("招商 防汛") == set()
    assert titles("会议 防汛") == {"在全市安全生产工作会议上的讲话"}
    assert _run("search", "!!", "--db", str(db), check=False).returncode == 2


def test_export_jsonl_and_csv(db: Path, tmp_path: Path) -> None:
    lines = _run("export", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == [1, 2] and rows[0]["urls"] == ["http://www.hanjia777.com/gw/0.html"]
    out = tmp_path / "s.csv"
    _run("export", "--db", str(db), "--format", "csv", "-o", str(out))
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["title"] for r in table] == [r["title"] for r in rows]
    assert table[1]["body"] == rows[1]["body"]  # newlines survive CSV quoting


def test_missing_or_foreign_database_is_a_clear_error(tmp_path: Path) -> None:
    missing = _run("stats", "--db", str(tmp_path / "nope.db"), check=False)
    assert missing.returncode == 1 and "no such archive" in missing.stderr
    assert not (tmp_path / "nope.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    bad = _run("search", "经济", "--db", str(junk), check=False)
    assert bad.returncode == 1 and "not an SQLite database" in bad.stderr


def test_reclean_records_versions_only_where_the_clean_text_changed(tmp_path: Path) -> None:
    """Page 0 was archived by an older, worse cleaner (junk left in); page 1 by today's."""
    path = tmp_path / "r.db"
    items = list(SPEECHES.items())
    with Archive(path) as archive:
        for n, (title, paras) in enumerate(items):
            url = f"http://www.hanjia777.com/gw/{n}.html"
            body = _html(title, paras)
            page = clean_page(body, url=url)
            if n == 0:  # what a cleaner that missed the junk would have stored
                page = Page(url=url, title=page.title, published=page.published,
                            speeches=[Speech(s.title, s.paragraphs + ["猜你喜欢 某某讲话"],
                                             s.speaker, s.occasion) for s in page.speeches])
            archive.ingest(Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"}, body), page)
    first = json.loads(_run("reclean", "--db", str(path), "--json").stdout)
    assert (first["new_versions"], first["pages"]) == (1, 2)
    with Archive(path) as archive:
        rows = list(archive.db.query(
            "select speech_id, version, body, origin from speech_versions_full order by speech_id, version"))
        assert [(r["speech_id"], r["version"], r["origin"]) for r in rows] == [
            (1, 1, "crawl"), (1, 2, "reclean"), (2, 1, "crawl")]
        current = clean_page(_html(*items[0]), url="http://www.hanjia777.com/gw/0.html")
        assert rows[1]["body"] == current.speeches[0].body and "猜你喜欢" not in rows[1]["body"]
        # reclean ends with the search index up to date: the old text is no longer found.
        assert tail_size(archive.db) == 0 and list(search(archive.db, "猜你喜欢")) == []
    again = json.loads(_run("reclean", "--db", str(path), "--json").stdout)
    assert (again["new_versions"], again["new_speeches"]) == (0, 0)


def test_every_command_has_help_with_an_example() -> None:
    for command in ("stats", "search", "export", "serve", "reclean"):
        assert "Example:" in _run(command, "--help").stdout, command


def test_reclean_cleans_with_the_sites_cleaner_profile(tmp_path: Path) -> None:
    """reclean uses the cleaner_profile the crawl used for the page's host (from sites.toml)."""
    path = tmp_path / "p.db"
    title, paras = next(iter(SPEECHES.items()))
    url = "http://www.hanjia777.com/gw/0.html"
    body = _html(title, paras)
    with Archive(path) as archive:
        archive.ingest(Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"}, body), clean_page(body, url=url))
    config = tmp_path / "sites.toml"
    config.write_text('[[site]]\nname = "h"\nhosts = ["www.hanjia777.com"]\n'
                      'start_urls = ["http://www.hanjia777.com/gw/"]\narticle_patterns = [\'^/gw/\\d+\\.html$\']\n'
                      'cleaner_profile = "no-such-profile"\n',
                      encoding="utf-8")
    # The unknown profile reaches the cleaner, which refuses it: counted, nothing written, exit 1.
    failed = _run("reclean", "--db", str(path), "--config", str(config), "--json", check=False)
    out = json.loads(failed.stdout)
    assert failed.returncode == 1 and (out["errors"], out["new_versions"], out["status"]) == (1, 0, "errors")
    # A host without a profile entry is cleaned as the crawl cleaned it: unchanged.
    config.write_text(config.read_text(encoding="utf-8").replace("www.hanjia777.com", "www.example.org"),
                      encoding="utf-8")
    out = json.loads(_run("reclean", "--db", str(path), "--config", str(config), "--json").stdout)
    assert (out["errors"], out["new_versions"], out["pages"]) == (0, 0, 1)
