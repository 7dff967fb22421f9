"""Crawl throughput and memory on loopback, against the cleaner alone (run by hand).

For each size (default 1,000 and 5,000 article pages) it generates a site
(benchmarks/gen_bench_site.py), serves it on 127.0.0.1 (crawler.sitesrv), then

1. times the cleaner alone: `clean_page` over every article page's bytes, in this process
   (again after steps 2 and 3: the ratio's denominator is the mean of the two timings, and
   past MAX_DRIFT between them the machine's speed moved and there is no verdict);
2. runs `speech-archive crawl` on it in a child process with politeness off
   (no delay, no AutoThrottle, 16 connections; robots.txt still read), into a
   fresh archive: fetch + clean + archive, end to end;
3. runs a bare Scrapy spider (benchmarks/bare_spider.py) on the same site
   with the same settings, in its own process: it fetches the same pages and
   does nothing else, so its rate and CPU per page are what Scrapy alone costs
   here, the ceiling of any Scrapy crawl (a baseline, not a target);
4. reports pages/s of all three, the ratios, and peak RSS: of the crawl's whole
   process tree (the crawl and its cleaning workers, sampled every 0.1 s from
   /proc, Linux only) and of the crawl process alone;
5. reports CPU milliseconds per page (user + system, /proc) of the cleaner
   alone, of the bare spider, of the crawl's main process and of its cleaning workers: unlike the
   rates, they hold whatever else runs on the machine, and they bound the
   rate: on C free cores the crawl cannot beat C / (main + workers) pages/ms,
   nor 1 / main;
6. reports how much of the machine other jobs took meanwhile (/proc/stat's busy
   time less this process's and the child's), and the share of a core the
   cleaner alone got. Past BUSY_SHARE or under MIN_CORE_SHARE the rates are the
   load's, not the code's, and the benchmark gives no PASS/BELOW verdict.

Targets (issues 4 and 12): end-to-end >= 70 % of the cleaner's rate; peak RSS < 400 MB
and flat from 1k to 5k pages.

    .venv/bin/python benchmarks/bench_crawl.py                 # 1000 and 5000 pages
    .venv/bin/python benchmarks/bench_crawl.py --sizes 500     # quick look
    .venv/bin/python benchmarks/bench_crawl.py --sizes 1000 --keep /tmp/crawl_rss   # where the memory goes

`--keep` writes each crawl's RSS samples (wall-clock time, crawl process, its
workers) and its log with millisecond times, to set the RSS beside what the
crawl was doing (the run's end: templates refit, last index catch-up).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from gen_bench_site import build  # noqa: E402
from machine_load import BUSY_SHARE, SAMPLE_EVERY_S, OtherJobs, sample_tree  # noqa: E402

from archive import Archive, Fetch  # noqa: E402
from cleaning import clean_page  # noqa: E402
from crawler.sitesrv import SiteServer  # noqa: E402

EXE = str(Path(sys.executable).parent / "speech-archive")
SCRAPY = str(Path(sys.executable).parent / "scrapy")
IMPOLITE = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY_JITTER=0",
            "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=INFO"]

# Beyond this, other jobs on the machine moved the rates: the ratio gets no verdict
# (and beyond machine_load.BUSY_SHARE of the machine used by other processes).
MIN_CORE_SHARE = 0.85  # of a core the cleaner alone got while it was timed
# The cleaner alone is timed before and after the crawls (the ratio's denominator is the mean);
# when the two differ by more than this share, the machine's speed moved: no verdict either.
MAX_DRIFT = 0.10


def _run_sampled(cmd: list[str], timeline: Path | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], int, int, float, float]:
    """Run cmd, sampling its process tree every SAMPLE_EVERY_S (each sample written to `timeline` if given:
    wall-clock time, the main process's RSS, its children's RSS, in MB).

    Returns (result, peak tree RSS KB, peak main RSS KB, CPU s of the main process, CPU s of its children).
    """
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True, cwd=cwd, env=env)
        peak_tree = peak_main = 0
        cpu: dict[int, float] = {}
        samples = []
        while proc.poll() is None:
            sample = sample_tree(proc.pid)
            peak_tree = max(peak_tree, sum(sample.rss_kb.values()))
            peak_main = max(peak_main, sample.rss_kb.get(proc.pid, 0))
            cpu.update(sample.cpu_s)
            main_kb = sample.rss_kb.get(proc.pid, 0)
            samples.append(f"{time.time():.2f}\t{main_kb / 1024:.1f}\t{(sum(sample.rss_kb.values()) - main_kb) / 1024:.1f}")
            time.sleep(SAMPLE_EVERY_S)
        if timeline is not None:
            timeline.write_text("time\tmain_mb\tchildren_mb\n" + "\n".join(samples) + "\n", encoding="utf-8")
        err.seek(0)
        main_cpu = cpu.pop(proc.pid, 0.0)
        return (subprocess.CompletedProcess(cmd, proc.returncode, "", err.read()), peak_tree, peak_main,
                main_cpu, sum(cpu.values()))


def article_pages(root: Path, base_url: str, paths: list[str]) -> list[tuple[str, bytes]]:
    """(url, bytes) of the article pages, read before any clock starts."""
    return [(base_url + p, (root / p.lstrip("/")).read_bytes()) for p in paths]


def time_cleaner(pages: list[tuple[str, bytes]]) -> tuple[float, float, float, list]:
    """Cleaner alone: pages/s, CPU ms per page, the share of a core it got meanwhile (CPU time /
    wall time: under 1 when other jobs ran), and the Pages."""
    clean_page(pages[0][1], url=pages[0][0])  # rules and lxml warmed, as in a crawl
    start, cpu_start = time.perf_counter(), time.process_time()
    cleaned = [clean_page(body, url=url) for url, body in pages]
    clean_wall = time.perf_counter() - start
    clean_cpu_ms = (time.process_time() - cpu_start) * 1000 / len(pages)
    return len(pages) / clean_wall, clean_cpu_ms, clean_cpu_ms * len(pages) / 1000 / clean_wall, cleaned


def standalone(pages: list[tuple[str, bytes]], scratch: Path) -> tuple[float, float, int, float, float]:
    """Cleaner alone (`time_cleaner`) and the number of speeches it found.

    Also the archive alone (not a target, an explanation): the same Pages ingested
    into a fresh archive, one transaction each, as the crawl does.
    """
    clean_rate, clean_cpu_ms, core_share, cleaned = time_cleaner(pages)
    with Archive(scratch / "archive-alone.db") as archive:
        start = time.perf_counter()
        for (url, body), page in zip(pages, cleaned):
            archive.ingest(Fetch(url, 200, {"ETag": '"x"'}, body), page)
        archive_rate = len(pages) / (time.perf_counter() - start)
    return clean_rate, clean_cpu_ms, sum(len(p.speeches) for p in cleaned), archive_rate, core_share


def end_to_end(work: Path, base_url: str, keep: Path | None = None) -> dict[str, float]:
    config = work / "sites.toml"
    config.write_text(
        "[[site]]\nname = \"bench\"\n"
        f"start_urls = [\"{base_url}/gongwen/list_1.html\"]\n"
        "article_patterns = ['^/gongwen/\\d{4}/\\d{4}/\\d+\\.html$']\n"
        "list_patterns = ['^/gongwen/list_\\d+\\.html$']\n", encoding="utf-8")
    db = work / "bench.db"
    cmd = [EXE, "crawl", "--site", "bench", "--db", str(db), "--config", str(config), "--no-resume", *IMPOLITE]
    start = time.perf_counter()
    if keep is not None:  # log lines with milliseconds, to set beside the RSS timeline
        cmd += ["-s", "LOG_FORMAT=%(asctime)s.%(msecs)03d [%(name)s] %(levelname)s: %(message)s"]
    others = OtherJobs()
    proc, tree_kb, main_kb, main_cpu, workers_cpu = _run_sampled(cmd, keep / "rss.tsv" if keep else None)
    others.done(main_cpu + workers_cpu)
    if keep is not None:
        (keep / "crawl.log").write_text(proc.stderr, encoding="utf-8")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    match = re.search(r"'elapsed_time_seconds': ([\d.]+)", proc.stderr)
    con = sqlite3.connect(db)
    archived = con.execute("select count(distinct page_id) from speech_sources").fetchone()[0]
    speeches = con.execute("select count(*) from speeches").fetchone()[0]
    errors = con.execute("select coalesce(sum(errors), 0) from crawl_runs").fetchone()[0]
    con.close()
    crawl_seconds = float(match.group(1)) if match else wall
    return {"wall": wall, "crawl": crawl_seconds, "archived": archived, "speeches": speeches, "errors": errors,
            "rss_mb": tree_kb / 1024, "main_rss_mb": main_kb / 1024,
            "main_cpu_ms": main_cpu * 1000 / max(archived, 1), "workers_cpu_ms": workers_cpu * 1000 / max(archived, 1),
            "others_share": others.share}


def bare_scrapy(work: Path, base_url: str) -> dict[str, float]:
    """The bare spider on the same site and settings: pages/s (Scrapy's elapsed time) and CPU ms per page.

    Run from `work`, outside the repository, so that scrapy.cfg's project
    settings (the archive's pipelines) are not loaded.
    """
    cmd = [SCRAPY, "runspider", str(REPO / "benchmarks" / "bare_spider.py"),
           "-a", f"start={base_url}/gongwen/list_1.html", *IMPOLITE]
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    others = OtherJobs()
    proc, _, _, cpu, children_cpu = _run_sampled(cmd, cwd=work, env=env)
    others.done(cpu + children_cpu)
    if proc.returncode != 0:
        raise SystemExit(f"bare spider failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    pages = int(re.search(r"'item_scraped_count': (\d+)", proc.stderr).group(1))
    seconds = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", proc.stderr).group(1))
    return {"bare_rate": pages / seconds, "bare_cpu_ms": cpu * 1000 / pages, "bare_pages": pages,
            "bare_others_share": others.share}


def run(size: int, scratch: Path, keep: Path | None = None) -> dict[str, float]:
    root = scratch / f"site{size}"
    paths = build(root, size)
    server = SiteServer(root).start()
    try:
        pages = article_pages(root, server.base_url, paths)
        clean_rate, clean_cpu_ms, clean_speeches, archive_rate, core_share = standalone(pages, scratch)
        work = scratch / f"run{size}"
        work.mkdir()
        kept = None
        if keep is not None:
            kept = keep / str(size)
            kept.mkdir(parents=True, exist_ok=True)
        result = end_to_end(work, server.base_url, kept)
        result.update(bare_scrapy(work, server.base_url))
        # The cleaner alone once more, after the crawls: the machine's speed drifts by minutes,
        # and a ratio is only the code's when the speed held between the two timings.
        clean_rate_after = time_cleaner(pages)[0]
    finally:
        server.stop()
    clean_rate_before = clean_rate
    drift = abs(clean_rate_after - clean_rate_before) / max(clean_rate_before, clean_rate_after)
    clean_rate = (clean_rate_before + clean_rate_after) / 2
    result.update(size=size, clean_rate=clean_rate, clean_cpu_ms=clean_cpu_ms, clean_speeches=clean_speeches,
                  clean_rate_before=clean_rate_before, clean_rate_after=clean_rate_after, drift=drift,
                  archive_rate=archive_rate, clean_core_share=core_share,
                  bound=1 / (1 / clean_rate + 1 / archive_rate),
                  e2e_rate=result["archived"] / result["crawl"], e2e_wall_rate=result["archived"] / result["wall"])
    result["ratio"] = result["e2e_rate"] / clean_rate
    result["bare_ratio"] = result["e2e_rate"] / result["bare_rate"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="crawl throughput and memory on loopback")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--keep", type=Path, help="write each crawl's RSS timeline (rss.tsv) and its log"
                        " (crawl.log, times to the millisecond) under KEEP/<size>/")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench_crawl_") as tmp:
        for size in args.sizes:
            print(f"-- {size} article pages ...", flush=True)
            results.append(run(size, Path(tmp), args.keep))
    print()
    print(f"{'pages':>6} {'cleaner p/s':>11} {'e2e p/s':>8} {'(wall)':>7} {'ratio':>6} {'RSS all':>8} {'(main)':>7} "
          f"{'archived':>8} {'speeches':>8} {'errors':>6} | {'archive alone':>13} {'clean+archive':>13} "
          f"{'bare Scrapy':>11} {'e2e/bare':>8}")
    for r in results:
        print(f"{r['size']:>6} {r['clean_rate']:>11.1f} {r['e2e_rate']:>8.1f} {r['e2e_wall_rate']:>7.1f} "
              f"{r['ratio']:>6.0%} {r['rss_mb']:>6.0f}MB {r['main_rss_mb']:>5.0f}MB {r['archived']:>8} {r['speeches']:>8} {r['errors']:>6} | "
              f"{r['archive_rate']:>13.1f} {r['bound']:>13.1f} {r['bare_rate']:>11.1f} {r['bare_ratio']:>8.0%}")
    print(f"\n{'pages':>6} {'CPU ms per archived page:':<26} {'cleaner alone':>13} {'bare Scrapy':>11} "
          f"{'crawl main':>10} {'workers':>8}")
    for r in results:
        print(f"{r['size']:>6} {'':<26} {r['clean_cpu_ms']:>13.1f} {r['bare_cpu_ms']:>11.1f} "
              f"{r['main_cpu_ms']:>10.1f} {r['workers_cpu_ms']:>8.1f}")
    print("\nratio = e2e / cleaner alone. 'archive alone' ingests the cleaned pages into a fresh archive;"
          "\n'clean+archive' = both in sequence on one core, what the crawl does per page before fetching counts."
          "\n'bare Scrapy' = benchmarks/bare_spider.py on the same site: fetching and following links, nothing"
          "\nelse (no cleaning, no archive), in one process; e2e/bare = what the archive's work leaves of it."
          "\nCPU ms per page (user + system, from /proc): what each part costs whatever else runs on the machine;"
          "\nthe crawl's main process (fetching, Scrapy, the archive writer) and its cleaning workers.")
    print(f"\n{'pages':>6} {'other jobs, share of the machine:':<34} {'cleaner alone got':>17} {'crawl':>6} {'bare':>6}"
          f" | {'cleaner alone before / after the crawls':>40}")
    for r in results:
        print(f"{r['size']:>6} {'':<34} {r['clean_core_share']:>13.0%} core {r['others_share']:>6.0%} "
              f"{r['bare_others_share']:>6.0%} | {r['clean_rate_before']:>15.1f} / "
              f"{r['clean_rate_after']:.1f} p/s (drift {r['drift']:.0%})")
    print("\ntargets: ratio >= 70%, peak RSS < 400 MB and flat with size")
    ok = all(r["ratio"] >= 0.7 and r["rss_mb"] < 400 for r in results)
    if len(results) > 1:
        growth = results[-1]["rss_mb"] / results[0]["rss_mb"]
        print(f"RSS {results[0]['size']} -> {results[-1]['size']} pages: x{growth:.2f}")
        ok = ok and growth < 1.25
    busy = [r["size"] for r in results if r["clean_core_share"] < MIN_CORE_SHARE
            or max(r["others_share"], r["bare_others_share"]) > BUSY_SHARE or r["drift"] > MAX_DRIFT]
    if busy:  # the rates are not the code's: no verdict either way
        print(f"NO VERDICT: other jobs took more than {BUSY_SHARE:.0%} of the machine, the cleaner alone less than"
              f" {MIN_CORE_SHARE:.0%} of a core, or its rate moved more than {MAX_DRIFT:.0%} between before and"
              f" after the crawls, during the runs of {busy} pages; rates and ratios are not"
              " comparable (the CPU ms per page are)")
    else:
        print("PASS" if ok else "BELOW TARGET")
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
