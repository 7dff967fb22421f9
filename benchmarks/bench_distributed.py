"""Distributed crawl benchmark (run by hand): one worker vs two, and the writer's rate.

    .venv/bin/python benchmarks/bench_distributed.py            # 5,000 article pages
    .venv/bin/python benchmarks/bench_distributed.py --pages 1000
    .venv/bin/python benchmarks/bench_distributed.py --pages 1000 --latency 0.1 --concurrency 4

Builds a site of N article pages (+ list pages) in a temporary directory,
serves it from a separate process on 127.0.0.1 with politeness off, starts its
own redis-server on a free port, then for 1 and for 2 workers:

1. the workers crawl the whole site (`speech-archive crawl --redis`), writer
   not running, so the crawl phase is measured alone (fetch + clean + push);
2. `speech-archive ingest` drains the item list into a fresh archive, alone.

and first, for reference, the ordinary single-process crawl (`crawl --db`).

Prints pages/s of the crawl phase (whole wall time, and the steady rate
between 10 % and 90 % of the items, which leaves out start-up and the idle
wait at the end), the writer's items/s, and the ratio two/one. On a machine
with fewer than ~4 free cores the workers, the site server, Redis and the
writer compete for the same CPUs: read the ratio with `nproc` in mind.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from cli import main; main()"]
POLITENESS_OFF = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False",
        "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING"]
FAST = POLITENESS_OFF + ["-s", "DISTRIBUTED_IDLE_SECONDS=1"]
PER_LIST = 25


# -- the site ---------------------------------------------------------------------
def _paragraph(seed: int, index: int) -> str:
    digest = b"".join(hashlib.sha256(f"{seed}-{index}-{k}".encode()).digest() for k in range(4))
    chars = [chr(0x4E00 + int.from_bytes(digest[i:i + 2], "big") % 0x5000) for i in range(0, 120, 2)]
    return "同志们，" + "，".join("".join(chars[i:i + 10]) for i in range(0, 60, 10)) + "。"


_CHROME_TOP = ('<div class="header"><div class="logo">讲话稿范文网</div><ul class="nav">'
               + "".join(f'<li><a href="/list_{i}.html">栏目{i}</a></li>' for i in range(12))
               + '</ul></div><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/list_0.html">讲话稿</a></div>')
_CHROME_SIDE = ('<div class="side"><h3>猜你喜欢</h3><ul>'
                + "".join(f'<li><a href="/a/{i}.html">热门范文推荐第{i}篇</a></li>' for i in range(10))
                + '</ul><h3>相关热词搜索</h3><p>讲话稿 领导讲话 会议讲话 表态发言</p></div>')
_CHROME_FOOT = '<div class="footer">Copyright © 2015-2024 讲话稿范文网 版权所有 ICP备12345678号</div>'


def _article(n: int, pages: int) -> str:
    body = "".join(f"<p>{_paragraph(n, i)}</p>" for i in range(12))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>在第{n}次工作会议上的讲话_讲话稿范文网</title>'
            f'</head><body>{_CHROME_TOP}<div class="main"><div class="article"><h1>在第{n}次工作会议上的讲话</h1>'
            f'<div class="info">时间：2024-03-01 来源：网友投稿</div><div class="content">'
            f'<p>下面是小编为大家整理的在第{n}次工作会议上的讲话，供大家参考。</p>{body}</div>'
            f'<div class="page">上一篇：<a href="/a/{max(n - 1, 0)}.html">上一篇讲话</a> '
            f'下一篇：<a href="/a/{min(n + 1, pages - 1)}.html">下一篇讲话</a></div></div>{_CHROME_SIDE}</div>{_CHROME_FOOT}'
            f'</body></html>')


def build_site(root: Path, pages: int) -> int:
    """index -> paginated list pages -> `pages` articles. Returns the number of HTML pages."""
    lists = (pages + PER_LIST - 1) // PER_LIST
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text('<html><head><meta charset="utf-8"><title>讲话稿</title></head><body>'
                                     '<a href="/list_0.html">讲话稿</a></body></html>', encoding="utf-8")
    for i in range(lists):
        items = "".join(f'<li><a href="/a/{n}.html">在第{n}次工作会议上的讲话</a></li>'
                        for n in range(i * PER_LIST, min(pages, (i + 1) * PER_LIST)))
        nxt = f'<a href="/list_{i + 1}.html">下一页</a>' if i + 1 < lists else ""
        (root / f"list_{i}.html").write_text(f'<html><head><meta charset="utf-8"><title>讲话稿 第{i + 1}页</title>'
                                             f'</head><body><ul>{items}</ul>{nxt}</body></html>', encoding="utf-8")
    for n in range(pages):
        (root / "a" / f"{n}.html").write_text(_article(n, pages), encoding="utf-8")
    return pages + lists + 1


# -- processes --------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def crawl_phase(workers: int, base_url: str, redis_url: str, batch: str, work: Path,
                site_pid: int, extra: list[str]) -> dict[str, float]:
    client = redis.Redis.from_url(redis_url)
    items_key = f"speech-archive:{batch}:items"
    procs = []
    started = time.monotonic()
    for k in range(workers):
        log = open(work / f"{batch}-worker{k}.log", "wb")
        procs.append(subprocess.Popen(CLI + ["crawl", "--start-url", base_url + "/", "--redis", redis_url,
                                             "--batch", batch, *FAST, *extra], cwd=work, env=env(), stdout=log,
                                      stderr=subprocess.STDOUT))
    site_cpu = cpu_seconds(site_pid)
    samples: list[tuple[float, int]] = []
    running = {p.pid: p for p in procs}
    worker_cpu = 0.0
    while running:
        for pid in list(running):
            # wait4 gives the finished worker's own CPU time.
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                running.pop(pid).returncode = os.waitstatus_to_exitcode(status)
                worker_cpu += usage.ru_utime + usage.ru_stime
        samples.append((time.monotonic(), client.llen(items_key)))
        time.sleep(0.25)
    wall = time.monotonic() - started
    site_cpu = cpu_seconds(site_pid) - site_cpu
    failed = [p.args for p in procs if p.returncode != 0]
    if failed:
        raise RuntimeError(f"worker failed, see {work}/{batch}-worker*.log")
    total = client.llen(items_key)
    t10 = next(t for t, n in samples if n >= 0.1 * total)
    t90 = next(t for t, n in samples if n >= 0.9 * total)
    return {"items": total, "wall_s": wall, "pages_per_s": total / wall, "steady_pages_per_s": 0.8 * total / (t90 - t10),
            "worker_cpu_ms_per_page": 1000 * worker_cpu / total, "site_cpu_ms_per_page": 1000 * site_cpu / total}


def baseline_phase(base_url: str, work: Path, pages: int, extra: list[str]) -> dict[str, float]:
    """The ordinary single-process crawl (SQLite pipeline, no Redis) of the same site."""
    started = time.monotonic()
    out = subprocess.run(CLI + ["crawl", "--start-url", base_url + "/", "--db", str(work / "baseline.db"),
                                *POLITENESS_OFF, *extra],
                         cwd=work, env=env(), capture_output=True, text=True)
    wall = time.monotonic() - started
    if out.returncode != 0:
        raise RuntimeError(out.stdout[-2000:] + out.stderr[-2000:])
    return {"wall_s": wall, "pages_per_s": pages / wall}


def ingest_phase(redis_url: str, batch: str, work: Path) -> dict[str, float]:
    db = work / f"{batch}.db"
    items = redis.Redis.from_url(redis_url).llen(f"speech-archive:{batch}:items")
    started = time.monotonic()
    out = subprocess.run(CLI + ["ingest", "--redis", redis_url, "--batch", batch, "--db", str(db)], cwd=work,
                         env=env(), capture_output=True, text=True)
    wall = time.monotonic() - started
    if out.returncode != 0:
        raise RuntimeError(out.stdout + out.stderr)
    return {"items": items, "wall_s": wall, "items_per_s": items / wall, "summary": out.stdout.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=5000, help="article pages of the generated site")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, archives)")
    parser.add_argument("--latency", type=float, default=0.0,
                        help="seconds the site waits before each answer (a remote site instead of loopback)")
    parser.add_argument("--concurrency", type=int, default=16, help="CONCURRENT_REQUESTS(_PER_DOMAIN) of each worker")
    args = parser.parse_args()
    server_bin = shutil.which("redis-server")
    if server_bin is None:
        sys.exit("redis-server is not installed (apt-get install redis-server)")

    work = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    site_pages = build_site(work / "site", args.pages)
    redis_port, site_port = free_port(), free_port()
    redis_proc = subprocess.Popen([server_bin, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
    serve = ("import sys, time; from crawler.sitesrv import SiteServer; "
             "SiteServer(sys.argv[1], port=int(sys.argv[2]), latency=float(sys.argv[3])).start(); time.sleep(1e9)")
    site_proc = subprocess.Popen([sys.executable, "-c", serve, str(work / "site"), str(site_port), str(args.latency)],
                                 cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    extra = ["-s", f"CONCURRENT_REQUESTS={args.concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}"]
    try:
        wait_port(redis_port, redis_proc)
        wait_port(site_port, site_proc)
        redis_url, base_url = f"redis://127.0.0.1:{redis_port}/0", f"http://127.0.0.1:{site_port}"
        print(f"site: {args.pages} articles, {site_pages} pages, latency {args.latency:.2f} s; concurrency "
              f"{args.concurrency} per worker; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; work dir {work}")
        base = baseline_phase(base_url, work, site_pages, extra)
        print(f"single process, no Redis (crawl --db): {site_pages} pages in {base['wall_s']:.1f} s = "
              f"{base['pages_per_s']:.1f} pages/s end to end")
        results = {}
        for workers in (1, 2):
            batch = f"bench{workers}"
            crawl = crawl_phase(workers, base_url, redis_url, batch, work, site_proc.pid, extra)
            ingest = ingest_phase(redis_url, batch, work)
            results[workers] = (crawl, ingest)
            print(f"{workers} worker(s): crawl {crawl['items']} pages in {crawl['wall_s']:.1f} s = "
                  f"{crawl['pages_per_s']:.1f} pages/s (steady {crawl['steady_pages_per_s']:.1f}); "
                  f"writer {ingest['items']} items in {ingest['wall_s']:.1f} s = {ingest['items_per_s']:.1f} items/s")
            print(f"   CPU per page: workers {crawl['worker_cpu_ms_per_page']:.1f} ms, "
                  f"site server {crawl['site_cpu_ms_per_page']:.1f} ms")
            print("   " + ingest["summary"].replace("\n", "\n   "))
        one, two = results[1][0], results[2][0]
        print(f"one worker (crawl only) / single process (crawl + archive): "
              f"{one['pages_per_s'] / base['pages_per_s']:.2f}x")
        print(f"two workers / one worker: wall {two['pages_per_s'] / one['pages_per_s']:.2f}x, "
              f"steady {two['steady_pages_per_s'] / one['steady_pages_per_s']:.2f}x")
    finally:
        site_proc.terminate()
        redis_proc.terminate()
        site_proc.wait()
        redis_proc.wait()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
