"""The demo's two bundled states: night 1 (crawler/demo_sites/<site>/) and night 2.

Night 2 is an overlay, `demo_sites/_night2/<site>/`: files that replace the
state-1 files of the same path (crawler.sitesrv serves either state). On it the
fourth site's sidebars are re-ranked and its promos reworded, and one article
is edited, so a recrawl shows what the archive keeps: exactly one new version.

The Twisted reactor cannot be restarted in a process, so the night-2 recrawl
runs in a spawned child process while this one keeps serving the sites on the
same addresses (the archive keys pages by URL).
"""
from __future__ import annotations

import multiprocessing
import tempfile
from pathlib import Path

from crawler.demo import DEMO_ROOT, DEMO_SITES
from crawler.profiles import SiteProfile
from crawler.run import CrawlOutcome, CrawlSpec
from crawler.sitesrv import SiteServer

NIGHT2_ROOT = DEMO_ROOT / "_night2"
NIGHT2_TRIGGER = "demo-night2"  # crawl_runs.trigger of the recrawl of state 2


def set_state(servers: dict[str, SiteServer], state: int, overlay_root: Path = NIGHT2_ROOT) -> list[str]:
    """Serve state 1 (the sites as built) or 2 (with the overlay); the sites an overlay changes."""
    if state not in (1, 2):
        raise ValueError(f"the demo has states 1 and 2, not {state}")
    changed = []
    for name, server in servers.items():
        overlay = overlay_root / name
        server.overlay = overlay if state == 2 and overlay.is_dir() else None
        if server.overlay is not None:
            changed.append(name)
    return changed


def recrawl_specs(db: str | Path, profiles: dict[str, SiteProfile], servers: dict[str, SiteServer],
                  workdir: Path) -> list[CrawlSpec]:
    """What `speech-archive recrawl --site NAME` runs, for every demo site: its known pages, fetched now."""
    from crawler.state import known_pages

    specs = []
    for name, profile in profiles.items():
        urls = known_pages(db, profile.rebased(servers[name].base_url).hosts, articles_only=False)
        if not urls:
            continue
        listing = workdir / f"{name}.urls"
        listing.write_text("\n".join(urls), encoding="utf-8")
        specs.append(CrawlSpec("urls", name, kwargs={"urls_file": str(listing), "site": name}))
    return specs


def _crawl_child(specs: list[CrawlSpec], db: str, trigger: str, log_level: str, config: str, conn) -> None:
    from crawler.demo import demo_settings
    from crawler.run import run_crawls

    try:
        settings = demo_settings(db, trigger, log_level, config)
        conn.send(("ok", run_crawls(specs, settings, sequential=True)))
    except BaseException as exc:  # reported to the parent, which fails the demo with it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def recrawl_night2(db: str | Path, profiles: dict[str, SiteProfile], servers: dict[str, SiteServer],
                   log_level: str = "WARNING", config: Path = DEMO_SITES) -> list[CrawlOutcome]:
    """Switch the servers to state 2 and recrawl every known page of the demo in a child process."""
    set_state(servers, 2)
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="demo-night2-") as tmp:
        specs = recrawl_specs(db, profiles, servers, Path(tmp))
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_crawl_child, args=(specs, str(db), NIGHT2_TRIGGER, log_level, str(config), send))
        child.start()
        send.close()
        try:
            status, payload = receive.recv()
        except EOFError:
            status, payload = "error", f"the night-2 crawl process died (exit code {child.join() or child.exitcode})"
        child.join()
    if status != "ok":
        raise RuntimeError(payload)
    return payload
