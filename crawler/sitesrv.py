"""A static site server for loopback: the demo sites and the crawler tests.

It behaves like the servers the crawler meets in the wild, on 127.0.0.1 only:
strong ETags and Last-Modified with 304 answers, robots.txt, a real 404 page,
and (with `hooks=True`) the bad answers a crawl must survive:

    /__hooks__/500            always 500
    /__hooks__/redirect-loop  302 to itself, forever
    /__hooks__/binary         PNG-like bytes labelled text/html
    /__hooks__/huge?mb=20     a 20 MB HTML page (streamed)
    /__hooks__/wrong-charset  GBK bytes labelled utf-8
    /__hooks__/broken         HTML cut off in the middle of a tag

Every request is logged in `SiteServer.requests` so tests can check what was
(and was not) fetched. Run one by hand: `python -m crawler.sitesrv DIR`.

A second state of a site (the demo's "night 2") is an overlay directory whose
files replace the root's files of the same path: `SiteServer(root,
overlay=DIR)`, or set `server.overlay` between two crawls
(`python -m crawler.sitesrv DIR --overlay DIR2`).
"""
from __future__ import annotations

import argparse
import hashlib
import ipaddress
import logging
import mimetypes
import socket
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

logger = logging.getLogger(__name__)

DEFAULT_ROBOTS = b"User-agent: *\nDisallow:\n"
NOT_FOUND_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>404 页面不存在</title></head>"
    "<body><h1>404</h1><p>您访问的页面不存在。</p><a href='/'>返回首页</a></body></html>"
).encode("utf-8")


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    status: int
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        logger.debug("%s %s", self.address_string(), format % args)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        site = self.server.site
        site._enter()
        try:
            if site.latency:
                time.sleep(site.latency)
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            if site.hooks and path.startswith("/__hooks__/"):
                self._hook(path[len("/__hooks__/"):], parse_qs(parts.query), head)
            else:
                self._static(path, head)
        finally:
            site._leave()

    def _record(self, status: int) -> None:
        # Logged before the body goes out, so a client that has its answer finds it in the log.
        self.server.site._log(LoggedRequest(self.command, self.path, status, dict(self.headers.items())))

    # -- static files ---------------------------------------------------
    def _static(self, path: str, head: bool) -> int:
        site = self.server.site
        if path in site.fail_paths:
            return self._send(500, b"<html><body>Internal Server Error</body></html>", head=head)
        if path == "/robots.txt":
            file = site.root / "robots.txt"
            body = file.read_bytes() if file.is_file() else DEFAULT_ROBOTS
            return self._send(200, body, "text/plain; charset=utf-8", head=head)
        file = self._resolve(path)
        if file is None:
            page = site.root / "404.html"
            body = page.read_bytes() if page.is_file() else NOT_FOUND_PAGE
            return self._send(404, body, self._content_type(Path("404.html")), head=head)
        body = file.read_bytes()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:20]
        mtime = self._mtime(file, path)
        validators = {"ETag": etag, "Last-Modified": formatdate(mtime, usegmt=True)}
        if self._not_modified(etag, mtime):
            return self._send(304, b"", extra=validators, head=True)
        return self._send(200, body, self._content_type(file), extra=validators, head=head)

    def _resolve(self, path: str) -> Path | None:
        overlay = self.server.site.overlay
        if overlay is not None:
            replaced = self._inside(overlay, path)
            if replaced is not None:
                return replaced
        return self._inside(self.server.site.root, path)

    def _mtime(self, file: Path, path: str) -> int:
        """An overlay file is newer than the file it replaces, whatever the checkout's times say."""
        mtime = int(file.stat().st_mtime)
        overlay = self.server.site.overlay
        if overlay is not None and overlay in file.parents:
            base = self._inside(self.server.site.root, path)
            if base is not None:
                mtime = max(mtime, int(base.stat().st_mtime) + 1)
        return mtime

    @staticmethod
    def _inside(root: Path, path: str) -> Path | None:
        candidate = (root / path.lstrip("/")).resolve()
        if root not in candidate.parents and candidate != root:
            return None  # ../ escapes
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_file() or candidate.name.startswith("."):
            return None
        return candidate

    def _not_modified(self, etag: str, mtime: int) -> bool:
        # RFC 9110 13.1.3: If-None-Match, when present, decides alone.
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return mtime <= int(parsedate_to_datetime(ims).timestamp())
            except (TypeError, ValueError):
                return False
        return False

    def _content_type(self, file: Path) -> str:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        charset = self.server.site.charset
        if kind.startswith("text/") and charset:
            return f"{kind}; charset={charset}"
        return kind

    # -- test hooks -----------------------------------------------------
    def _hook(self, name: str, query: dict[str, list[str]], head: bool) -> int:
        if name == "500":
            return self._send(500, b"<html><body>Internal Server Error</body></html>", head=head)
        if name == "redirect-loop":
            return self._send(302, b"", extra={"Location": "/__hooks__/redirect-loop"}, head=True)
        if name == "binary":
            body = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
            return self._send(200, body, "text/html", head=head)
        if name == "wrong-charset":
            text = "<html><head><title>市长在全市经济工作会议上的讲话</title></head><body><p>同志们:今天召开会议。</p></body></html>"
            return self._send(200, text.encode("gbk"), "text/html; charset=utf-8", head=head)
        if name == "broken":
            return self._send(200, b"<html><head><title>broken</title></head><body><div><p>\xe5\x90\x8c\xe5\xbf\x97\xe4\xbb\xac<a hr", "text/html", head=head)
        if name == "huge":
            return self._huge(int(query.get("mb", ["20"])[0]), head)
        return self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8", head=head)

    def _huge(self, megabytes: int, head: bool) -> int:
        chunk = ("<p>" + "很长的页面。" * 170 + "</p>\n").encode("utf-8")
        count = megabytes * 1024 * 1024 // len(chunk) + 1
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(chunk) * count))
        self._record(200)
        self.end_headers()
        if not head:
            try:
                for _ in range(count):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up at its size limit, as it should
        return 200

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              extra: dict[str, str] | None = None, head: bool = False) -> int:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(0 if status == 304 else len(body)))
        self._record(status)
        self.end_headers()
        if not head and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        return status


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: "SiteServer"


class SiteServer:
    """One static site on 127.0.0.1:<port> in a background thread."""

    def __init__(self, root: str | Path, port: int = 0, hooks: bool = False,
                 charset: str | None = None, latency: float = 0.0, host: str = "127.0.0.1",
                 overlay: str | Path | None = None) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"site root {self.root} is not a directory")
        self.overlay = overlay  # files that replace the root's (a second state of the site)
        self.hooks = hooks
        self.charset = charset
        self.latency = latency  # seconds slept before each answer (tests that need a slow site)
        self.fail_paths: set[str] = set()  # paths answered with 500 (tests)
        self.requests: list[LoggedRequest] = []
        self.in_flight = 0
        self.peak_in_flight = 0  # most requests answered at once: what a politeness limit must keep low
        self._lock = threading.Lock()
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"{host} is not a loopback address: this server is for 127.0.0.0/8 only")
        self.host = host
        self._httpd = _Server((host, port), _Handler)
        self._httpd.site = self
        self._thread: threading.Thread | None = None

    @property
    def overlay(self) -> Path | None:
        return self._overlay

    @overlay.setter
    def overlay(self, directory: str | Path | None) -> None:
        path = None if directory is None else Path(directory).resolve()
        if path is not None and not path.is_dir():
            raise FileNotFoundError(f"overlay {path} is not a directory")
        self._overlay = path

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "SiteServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"sitesrv-{self.port}", daemon=True)
        self._thread.start()
        logger.info("serving %s on %s", self.root, self.base_url)
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)

    def paths(self, status: int | None = None) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests if status is None or r.status == status]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()


def loopback_host(index: int) -> str:
    """127.0.0.<index+1> where the OS routes all of 127/8 to loopback (Linux), else 127.0.0.1.

    Separate addresses make the demo sites separate hosts, as they would be on
    the web (the archive keys sites by host name, not port).
    """
    candidate = f"127.0.0.{index + 1}"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((candidate, 0))
        except OSError:
            return "127.0.0.1"
    return candidate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a static site on 127.0.0.1 (ETag, 304, robots.txt, 404).")
    parser.add_argument("root")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--hooks", action="store_true", help="enable the /__hooks__/ bad answers")
    parser.add_argument("--charset", default=None)
    parser.add_argument("--overlay", default=None, help="a directory whose files replace the root's (a second state)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    server = SiteServer(args.root, port=args.port, hooks=args.hooks, charset=args.charset, overlay=args.overlay).start()
    logger.info("press Ctrl-C to stop %s", server.base_url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
