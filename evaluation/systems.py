"""The two extractors the evaluation compares, behind one call shape.

Both receive the page's raw bytes, never a string we decoded for them:

- `cleaner`: `cleaning.clean_page(bytes, url=..., http_charset=...)`. The
  http_charset is the fixture's simulated server header (None on real pages,
  whose headers were not saved); the url is the page's own where the corpus
  records one.
- `trafilatura`: bare `trafilatura.extract(bytes, url=...)` with its default
  options (comments and tables included, fallbacks on), which decodes the bytes
  itself (`trafilatura.utils.decode_file`: UTF-8, then a detector); its metadata
  from `trafilatura.extract_metadata(trafilatura.load_html(bytes), default_url=url)`,
  the same decoding. It never sees the http_charset, as no such parameter exists.
- `trafilatura-decoded` (optional, `--decoded-baseline`): the same calls given the
  text that `cleaning.decode.decode_html(bytes, http_charset)` produced, so the
  baseline's extraction is compared without its decoding errors (its strict
  gb2312 decode fails on GBK-only characters and falls back to UTF-8 with
  replacement characters).
"""
from __future__ import annotations

import functools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evaluation.corpora import Case

if TYPE_CHECKING:
    from cleaning.options import CleanerOptions


@dataclass
class Output:
    """What one system returned for one page (empty when it raised)."""

    bodies: list[str] = field(default_factory=list)  # one per speech
    speeches: list[dict[str, Any]] = field(default_factory=list)  # title, speaker, occasion
    title: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # author, site_name, breadcrumbs, tags
    encoding: str | None = None
    no_speech_reason: str | None = None
    error: str | None = None  # "ExceptionType: message" if the system raised
    seconds: float = 0.0


Extractor = Callable[[bytes, Case], Output]


def run_cleaner(data: bytes, case: Case, options: CleanerOptions | None = None) -> Output:
    """`options`: the cleaner's rules and model (cleaning.options); the default files when None."""
    from cleaning import clean_page  # imported late: the cleaner may be absent while it is written

    page = clean_page(data, url=case.url, http_charset=case.http_charset, options=options)
    return Output(
        bodies=[s.body for s in page.speeches],
        speeches=[{"title": s.title, "speaker": s.speaker, "occasion": s.occasion} for s in page.speeches],
        title=page.title,
        published=page.published,
        metadata={
            "author": page.author,
            "site_name": page.site_name,
            "breadcrumbs": list(page.breadcrumbs),
            "tags": list(page.tags),
        },
        encoding=page.encoding,
        no_speech_reason=page.no_speech_reason,
    )


def run_cleaner_template(data: bytes, case: Case, options: CleanerOptions | None = None) -> Output:
    """The cleaner with the site template learnt from the pages of the case's host in its folder."""
    from cleaning import clean_page

    page = clean_page(data, url=case.url, http_charset=case.http_charset, template=_sibling_template(case),
                      options=options)
    return Output(
        bodies=[s.body for s in page.speeches],
        speeches=[{"title": s.title, "speaker": s.speaker, "occasion": s.occasion} for s in page.speeches],
        title=page.title,
        published=page.published,
        metadata={"author": page.author, "site_name": page.site_name,
                  "breadcrumbs": list(page.breadcrumbs), "tags": list(page.tags)},
        encoding=page.encoding,
        no_speech_reason=page.no_speech_reason,
    )


_TEMPLATES: dict[tuple[Path, str], Any] = {}


def _sibling_template(case: Case) -> Any:
    """SiteTemplate of the case's host, learnt from the fixture pages beside it (cached)."""
    import json

    from cleaning.template import SiteTemplate, observe, site_key

    host = site_key(case.url)
    if not host:
        return None
    key = (case.path.parent, host)
    if key not in _TEMPLATES:
        observations = []
        for truth in sorted(case.path.parent.glob("*.json")):
            meta = json.loads(truth.read_text(encoding="utf-8"))
            page = truth.with_suffix(".html")
            if not isinstance(meta, dict) or not page.exists():
                continue
            if site_key(meta.get("url")) == host:
                observations.append(observe(page.read_bytes(), meta.get("http_charset")))
        _TEMPLATES[key] = SiteTemplate.learn(host, observations)
    return _TEMPLATES[key]


def run_trafilatura(data: bytes, case: Case) -> Output:
    return _trafilatura(data, case)


def run_trafilatura_decoded(data: bytes, case: Case) -> Output:
    from cleaning.decode import decode_html

    decoded = decode_html(data, http_charset=case.http_charset)
    output = _trafilatura(decoded.text, case)
    output.encoding = decoded.encoding
    return output


def _trafilatura(data: bytes | str, case: Case) -> Output:
    import trafilatura

    text = trafilatura.extract(data, url=case.url)
    tree = trafilatura.load_html(data)
    meta = trafilatura.extract_metadata(tree, default_url=case.url) if tree is not None else None
    bodies = [text] if text and text.strip() else []
    return Output(
        bodies=bodies,
        speeches=[{"title": meta.title if meta else None, "speaker": None, "occasion": None}] if bodies else [],
        title=meta.title if meta else None,
        published=meta.date if meta else None,
        metadata={
            "author": meta.author if meta else None,
            "site_name": meta.sitename if meta else None,
            "breadcrumbs": [],
            "tags": list(meta.tags or []) if meta else [],
        },
    )


SYSTEMS: dict[str, Extractor] = {
    "cleaner": run_cleaner,
    "cleaner-template": run_cleaner_template,
    "trafilatura": run_trafilatura,
    "trafilatura-decoded": run_trafilatura_decoded,
}
# The systems that take the cleaner's options (`system(name, options)`).
CLEANER_SYSTEMS = frozenset({"cleaner", "cleaner-template"})


def system(name: str, options: CleanerOptions | None = None) -> Extractor:
    """The extractor called `name`; a cleaner system runs with `options` when given."""
    extractor = SYSTEMS[name]
    if options is None or name not in CLEANER_SYSTEMS:
        return extractor
    return functools.partial(extractor, options=options)


class PageTimeout(Exception):
    """A system spent longer than the per-page limit on one page."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    # SIGALRM works only in the main thread of the main interpreter; elsewhere no limit.
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PageTimeout(f"no result after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(extractor: Extractor, case: Case, timeout: float | None = None) -> Output:
    """Run one system on one page; an exception or a timeout becomes an `Output` with `error` set."""
    data = case.read()
    start = time.perf_counter()
    try:
        with _time_limit(timeout):
            output = extractor(data, case)
    except Exception as exc:  # noqa: BLE001 - any failure of a system on a page is a scored error
        output = Output(error=f"{type(exc).__name__}: {exc}"[:500])
    output.seconds = time.perf_counter() - start
    return output
