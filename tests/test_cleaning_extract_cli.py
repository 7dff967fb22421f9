"""`speech-archive extract` on files and on URLs served from loopback."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.test_cleaning_junk import PARAS, TITLE, build_page, paragraphs_html

HTML = build_page(paragraphs_html(PARAS), charset="gbk")


@pytest.fixture
def gbk_page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("gb18030"))
    return path


def test_json_output_is_the_design_object(gbk_page: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(gbk_page), "--url", "http://www.hanjia777.com/a/1.html", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["url", "site_name", "title", "published", "author", "breadcrumbs", "tags", "speeches"]
    assert data["title"] == TITLE and data["url"] == "http://www.hanjia777.com/a/1.html"
    assert data["speeches"][0]["body"] == "\n".join(PARAS)
    assert TITLE in result.output  # ensure_ascii=False: Chinese as is, not \\u escapes


def test_human_output(gbk_page: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(gbk_page)])
    assert result.exit_code == 0
    assert f"title:       {TITLE}" in result.output
    assert "encoding:    gb18030" in result.output
    assert PARAS[0] in result.output


@pytest.mark.parametrize("content, message", [(None, "no such file"), (b"", "empty document"), (b"\x00\x01\x02\x03" * 100, "binary")])
def test_bad_input_gets_one_line_error_and_non_zero_exit(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "input.html"
    if content is not None:
        path.write_bytes(content)
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "speech-archive"), "extract", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path.startswith("/gongwen/12345.html"):
            body = HTML.replace('charset=gbk', 'charset=utf-8').encode("gb18030")  # the header is right, the meta wrong
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=GBK")
        else:
            body = b"not here"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_extract_a_url_uses_the_http_charset_and_the_final_url(server: str) -> None:
    result = CliRunner().invoke(main, ["extract", f"{server}/gongwen/12345.html", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["url"] == f"{server}/gongwen/12345.html"
    assert data["speeches"][0]["body"] == "\n".join(PARAS)


def test_extract_a_missing_url_fails_cleanly(server: str) -> None:
    result = CliRunner().invoke(main, ["extract", f"{server}/nothing.html"])
    assert result.exit_code != 0
    assert "could not fetch" in result.output and "404" in result.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
