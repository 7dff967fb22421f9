"""Readers for the corpora the evaluation scores: one `Case` per page.

A directory is recognised by its layout, not its name:

- fixture corpus (docs/ground-truth.md): `<family>/<slug>.html` + `<slug>.json`
- chinese-web-content-extraction-dataset: `original/*.html`, `cleaned/*.txt`, `date/*.txt`
- magic-html-benchmark-zh: `base_zh.json` + `htmls/`
- trafilatura-eval-zh: `ground_truth.json` + `html/` (snippets and metadata, no body)
- newspaper4k-zh: `html/*.html`, `txt/*.txt`, `metadata/*.json`
- gne-tests: `html/**.html` + `gne_reference_output.json` (no human truth: no-crash run only)
- a directory holding several of these (e.g. shared/corpus/real): each one in turn.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.metrics import parse_truth_date

logger = logging.getLogger(__name__)


class CorpusError(ValueError):
    """A directory that is no corpus the evaluation knows, or a broken truth file."""


@dataclass
class Truth:
    """What is known about one page; a field left at None (or False) is not scored."""

    body: str | None = None  # speeches' bodies joined by "\n"; "" = the page holds no article
    title: str | None = None
    title_given: bool = False
    date: tuple[int, ...] | None = None  # (year[, month[, day]])
    date_given: bool = False  # True with date None: the right answer is "no date" (fixtures)
    date_raw: str | None = None
    speech_count: int | None = None  # exact count, where the truth fixes it
    speeches: list[dict] = field(default_factory=list)  # fixture speeches (title, speaker, occasion)
    metadata: dict = field(default_factory=dict)  # fixture author, site_name, breadcrumbs, tags
    must_contain: list[str] = field(default_factory=list)
    must_not_contain: list[str] = field(default_factory=list)


@dataclass
class Case:
    corpus: str  # the corpus directory's name
    group: str  # fixture family, or the real corpus folder
    page_id: str  # path relative to the corpus directory
    path: Path
    url: str | None = None
    http_charset: str | None = None
    truth: Truth = field(default_factory=Truth)
    kind: str | None = None  # fixture kind: single / compilation / list / 404

    def read(self) -> bytes:
        return self.path.read_bytes()


def detect(root: Path) -> str | None:
    """The layout name of `root`, or None if it is not a corpus itself."""
    if (root / "base_zh.json").is_file() and (root / "htmls").is_dir():
        return "magic-html"
    if (root / "original").is_dir() and (root / "cleaned").is_dir():
        return "immortal-autumn"
    if (root / "ground_truth.json").is_file() and (root / "html").is_dir():
        return "trafilatura-eval"
    if (root / "txt").is_dir() and (root / "html").is_dir():
        return "newspaper4k"
    if (root / "gne_reference_output.json").is_file() and (root / "html").is_dir():
        return "no-truth"
    if any(p.with_suffix(".html").is_file() for p in root.glob("*/*.json")):
        return "fixtures"
    return None


def load(root: Path) -> list[Case]:
    """Every case under `root` (a corpus, or a directory of corpora), in a stable order."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a directory")
    layout = detect(root)
    if layout is None:
        children = [c for c in sorted(root.iterdir()) if c.is_dir() and detect(c)]
        if not children:
            raise CorpusError(f"{root}: no corpus found (see docs/ground-truth.md for the fixture layout)")
        return [case for child in children for case in load(child)]
    cases = list(_READERS[layout](root))
    logger.info("%s: %d pages (%s layout)", root, len(cases), layout)
    return cases


def _read_text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8-sig") if path.is_file() else None


def _fixtures(root: Path) -> Iterator[Case]:
    for meta_path in sorted(root.glob("*/*.json")):
        html = meta_path.with_suffix(".html")
        if not html.is_file():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            expected = meta["expected"]
        except (ValueError, KeyError) as exc:
            raise CorpusError(f"{meta_path}: not a ground-truth file ({exc})") from exc
        speeches = expected.get("speeches") or []
        published = expected.get("published")
        truth = Truth(
            body="\n".join(s.get("body") or "" for s in speeches),
            title=expected.get("title"),
            title_given=True,
            date=parse_truth_date(published),
            date_given=True,
            date_raw=published,
            speech_count=len(speeches),
            speeches=[{k: s.get(k) for k in ("title", "speaker", "occasion")} for s in speeches],
            metadata={k: expected.get(k) for k in ("author", "site_name", "breadcrumbs", "tags")},
            must_contain=list(meta.get("must_contain") or []),
            must_not_contain=list(meta.get("must_not_contain") or []),
        )
        yield Case(
            corpus=f"{root.parent.name}/{root.name}",  # "fixtures/pages"
            group=meta.get("family") or meta_path.parent.name,
            page_id=str(html.relative_to(root)),
            path=html,
            url=meta.get("url") or expected.get("url"),
            http_charset=meta.get("http_charset"),
            truth=truth,
            kind=meta.get("kind"),
        )


def _immortal_autumn(root: Path) -> Iterator[Case]:
    for html in sorted((root / "original").glob("*.html")):
        body = _read_text(root / "cleaned" / f"{html.stem}.txt")
        date_raw = _read_text(root / "date" / f"{html.stem}.txt")
        date = parse_truth_date(date_raw)
        yield Case(
            corpus=root.name,
            group=root.name,
            page_id=str(html.relative_to(root)),
            path=html,
            truth=Truth(body=body, date=date, date_given=date is not None, date_raw=date_raw),
        )


def _magic_html(root: Path) -> Iterator[Case]:
    entries = json.loads((root / "base_zh.json").read_text(encoding="utf-8"))
    for key in sorted(entries):
        entry = entries[key]
        html = root / "htmls" / f"{key}.html"
        if not html.is_file():
            logger.warning("%s: listed in base_zh.json but missing", html)
            continue
        content = entry.get("content") or ""
        truth = Truth(body=content)
        if not content.strip():  # the list page: the right answer is zero speeches
            truth.speech_count = 0
        yield Case(root.name, root.name, str(html.relative_to(root)), html, url=entry.get("url"), truth=truth)


def _trafilatura_eval(root: Path) -> Iterator[Case]:
    entries = json.loads((root / "ground_truth.json").read_text(encoding="utf-8"))
    for url in sorted(entries):
        entry = entries[url]
        html = root / "html" / entry["file"]
        date = parse_truth_date(entry.get("date"))
        truth = Truth(
            title=entry.get("title") or None,
            title_given=bool(entry.get("title")),
            date=date,
            date_given=date is not None,
            date_raw=entry.get("date"),
            must_contain=list(entry.get("with") or []),
            must_not_contain=list(entry.get("without") or []),
        )
        yield Case(root.name, root.name, str(html.relative_to(root)), html, url=url, truth=truth)


def _newspaper4k(root: Path) -> Iterator[Case]:
    for html in sorted((root / "html").glob("*.html")):
        truth = Truth(body=_read_text(root / "txt" / f"{html.stem}.txt"))
        url = None
        meta_path = root / "metadata" / f"{html.stem}.json"
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            url = meta.get("url") or None
            truth.title, truth.title_given = meta.get("title") or None, bool(meta.get("title"))
            truth.date_raw = meta.get("publish_date")
            truth.date = parse_truth_date(truth.date_raw)
            truth.date_given = truth.date is not None
        yield Case(root.name, root.name, str(html.relative_to(root)), html, url=url, truth=truth)


def _no_truth(root: Path) -> Iterator[Case]:
    for html in sorted((root / "html").rglob("*.html")):
        yield Case(root.name, root.name, str(html.relative_to(root)), html)


_READERS = {
    "fixtures": _fixtures,
    "immortal-autumn": _immortal_autumn,
    "magic-html": _magic_html,
    "trafilatura-eval": _trafilatura_eval,
    "newspaper4k": _newspaper4k,
    "no-truth": _no_truth,
}
