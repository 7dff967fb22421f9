"""Shared by the Datasette and browser tests: an archive with reposts, versions and a
hostile capture, and a real `speech-archive serve` on a free loopback port."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from archive import Archive, Fetch
from cleaning.model import Page, Speech

DEDUP = Path(__file__).parent / "fixtures" / "dedup" / "originals.json"
SITES = {"127.0.0.1": "77范文网", "127.0.0.2": "百花范文网", "127.0.0.3": "星星阅读网"}
EXTRA = [  # short speeches so that each query has hits and misses
    ("在招商引资推进会上的讲话", "市长", "同志们:\n今天专题研究招商工作,各县区要把招商引资作为一号工程。\n要优化营商环境。"),
    ("在全市安全生产会议上的讲话", "副市长", "同志们:\n安全生产是底线,各单位要压实责任。\n汛期将至,防汛工作要抓细抓实。"),
    ("在经济运行调度会上的讲话", None, "上半年全市经济运行总体平稳,招商引资成效明显。\n下半年要稳增长、促改革。"),
]
# The speech edited between two captures (version 1 -> 2).
EDITED_URL = "http://127.0.0.1/gongwen/2024/0301/555.html"
EDITED_TITLE = "在全市防汛抗旱工作会议上的讲话"
EDITED_V1 = ["同志们:", "今年汛期气候形势复杂,全市防汛抗旱任务十分艰巨。",
             "各级各部门要压实责任,确保人民群众生命财产安全。"]
EDITED_V2 = ["同志们:", "今年汛期气候形势异常复杂,全市防汛抗旱任务十分艰巨。",
             "各级各部门要压实责任,确保人民群众生命财产安全。",
             "会后,各县区要迅速传达会议精神。"]
SECRET = "session=TOPSECRET"


class OriginalSite:
    """The 'original site' of the hostile capture: records every request made to it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def hostile_html(paragraphs: list[str], origin: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><meta charset='utf-8'><title>{EDITED_TITLE}</title>"
            f"<link rel='stylesheet' href='{origin}/style.css'>"
            f"<script>document.title = 'SCRIPT-RAN'; new Image().src = '{origin}/beacon';</script>"
            f"</head><body onload=\"document.body.innerHTML='ONLOAD-RAN'\"><h1>{EDITED_TITLE}</h1>"
            f"{body}<img src='{origin}/pixel.png' alt='pixel'>"
            f"<a href='{origin}/next.html'>下一篇</a></body></html>").encode("utf-8")


def _ingest(archive: Archive, url: str, title: str, paragraphs: list[str], speaker: str | None,
            published: str, body: bytes | None = None, fetched_at: str | None = None) -> None:
    host = url.split("/")[2]
    page = Page(url=url, title=title, site_name=SITES.get(host, host), published=published,
                speeches=[Speech(title, paragraphs, speaker)])
    archive.ingest(Fetch(url, 200, {"Content-Type": "text/html; charset=utf-8"},
                         body or f"<html>{url}{title}</html>".encode(), fetched_at), page)


def build_archive(db: Path, origin: str) -> None:
    """Reposts on three named sites, one speech with two versions, a hostile capture."""
    originals = json.loads(DEDUP.read_text(encoding="utf-8"))
    hosts = list(SITES)
    with Archive(db) as archive:
        for n, orig in enumerate(originals):
            _ingest(archive, f"http://{hosts[n % 2]}/a/{n}.html", orig["title"],
                    orig["body"].split("\n"), "市长" if n % 3 == 0 else None, f"{2020 + n % 4}-06-01")
        for n, (title, speaker, body) in enumerate(EXTRA, start=100):
            _ingest(archive, f"http://127.0.0.3/a/{n}.html", title, body.split("\n"), speaker,
                    "2024-03-01")
        # A repost of the first original on the third site, a day later.
        first = originals[0]
        _ingest(archive, "http://127.0.0.3/repost/1.html", first["title"],
                first["body"].split("\n"), None, "2020-06-02")
        _ingest(archive, EDITED_URL, EDITED_TITLE, EDITED_V1, "市长", "2024-03-01",
                hostile_html(EDITED_V1, origin), "2024-03-01T22:00:00Z")
        _ingest(archive, EDITED_URL, EDITED_TITLE, EDITED_V2, "市长", "2024-03-01",
                hostile_html(EDITED_V2, origin), "2024-03-02T22:00:00Z")
        # An archive written before secret headers were dropped still holds one.
        archive.db.execute("update captures set headers = ? where url = ?",
                           [json.dumps({"Content-Type": "text/html; charset=utf-8",
                                        "Set-Cookie": SECRET, "X-Auth-Token": SECRET}), EDITED_URL])
        archive.db.conn.commit()


def edited_speech_id(db: Path) -> int:
    with Archive(db) as archive:
        return int(archive.db.execute("select id from speeches where title = ?",
                                      [EDITED_TITLE]).fetchone()[0])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """`speech-archive serve --db DB` on a free port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "speech-archive"), "serve", "--db", str(db),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=5).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"datasette did not start: {out}")
            time.sleep(0.3)
    try:
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
