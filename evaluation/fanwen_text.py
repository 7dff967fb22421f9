"""Score the cleaner's line judgement on fanwen-text (real 范文 page texts labelled line by line).

    .venv/bin/python -m evaluation.fanwen_text [CORPUS_DIR] [--show] [--json]

Each page is rendered exactly as the corpus README says: `<title>` = its first
`title` line (its host when it has none), then one `<p>` per line (junk
included) inside one `<div class="content">`, so the figure measures the line
judgement, not the layout. The output is the speeches' bodies joined. With
whitespace removed, a junk line (length >= 4) or a mixed line's junk part
(length >= 4) *leaks* when it is a substring of the output; a body line
(length >= 6) is *lost* when it is not. A page is clean with no leak and no
loss; on pages with two or more `item` lines the speech count should equal them.

Only evaluation code reads ../shared; the cleaner never does.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaning.options import CleanerOptions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fanwen-text"

# Scored lengths, after whitespace is removed (the corpus README's rule).
MIN_JUNK_CHARS = 4
MIN_BODY_CHARS = 6
_SPACE = re.compile(r"\s+")


class CorpusError(ValueError):
    """The corpus folder or one of its records is unreadable."""


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class PageScore:
    id: str
    host: str
    junk: int = 0
    body: int = 0
    leaked: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    items: int = 0
    speeches: int = 0
    error: str | None = None

    @property
    def clean(self) -> bool:
        return not self.leaked and not self.lost and self.error is None

    @property
    def count_right(self) -> bool | None:
        return self.speeches == self.items if self.items >= 2 else None


def load_pages(corpus: Path) -> list[dict]:
    path = corpus / "pages.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise CorpusError(f"{path}: {err}") from err
    pages = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            page = json.loads(line)
            page["lines"], page["id"], page["host"]
        except (ValueError, KeyError, TypeError) as err:
            raise CorpusError(f"{path}:{number}: not a fanwen-text record ({err})") from err
        pages.append(page)
    return pages


def render(page: dict) -> bytes:
    """The minimal HTML the README prescribes: title, then one <p> per line in one content div."""
    title = next((line["text"] for line in page["lines"] if line["label"] == "title"), page["host"])
    paragraphs = "\n".join(f"<p>{html.escape(line['text'])}</p>" for line in page["lines"])
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title.strip())}</title></head>"
        f'<body><div class="content">\n{paragraphs}\n</div></body></html>'
    ).encode("utf-8")


def junk_strings(line: dict) -> list[str]:
    """The scored junk strings of one labelled line."""
    if line["label"] == "junk":
        parts = [line["text"]]
    elif line["label"] == "mixed":
        part = line.get("junk_part") or []
        parts = [part] if isinstance(part, str) else list(part)
    else:
        return []
    return [p for p in parts if len(squeeze(p)) >= MIN_JUNK_CHARS]


def score_page(page: dict, output: str, speeches: int) -> PageScore:
    out = squeeze(output)
    score = PageScore(page["id"], page["host"], speeches=speeches)
    for line in page["lines"]:
        for junk in junk_strings(line):
            score.junk += 1
            if squeeze(junk) in out:
                score.leaked.append(junk)
        if line["label"] == "body" and len(squeeze(line["text"])) >= MIN_BODY_CHARS:
            score.body += 1
            if squeeze(line["text"]) not in out:
                score.lost.append(line["text"])
        if line["label"] == "item":
            score.items += 1
    return score


def clean_with_cleaner(page: dict, options: CleanerOptions | None = None) -> tuple[str, int]:
    """`options`: the cleaner's rules and model (cleaning.options); the default files when None."""
    from cleaning import clean_page

    result = clean_page(render(page), url=page.get("url"), options=options)
    return "\n".join(s.body for s in result.speeches), len(result.speeches)


def evaluate(pages: Iterable[dict], clean: Callable[[dict], tuple[str, int]] = clean_with_cleaner) -> list[PageScore]:
    scores = []
    for page in pages:
        try:
            output, speeches = clean(page)
        except Exception as err:  # one failing page is scored as empty output, the run goes on
            score = score_page(page, "", 0)
            score.error = f"{type(err).__name__}: {err}"
        else:
            score = score_page(page, output, speeches)
        scores.append(score)
    return scores


def summary(scores: list[PageScore]) -> dict:
    junk = sum(s.junk for s in scores)
    body = sum(s.body for s in scores)
    leaked = sum(len(s.leaked) for s in scores)
    lost = sum(len(s.lost) for s in scores)
    counted = [s for s in scores if s.count_right is not None]
    return {
        "pages": len(scores),
        "clean_pages": sum(s.clean for s in scores),
        "junk_strings": junk,
        "leaked": leaked,
        "leaked_share": leaked / junk if junk else 0.0,
        "body_lines": body,
        "lost": lost,
        "lost_share": lost / body if body else 0.0,
        "item_pages": len(counted),
        "item_count_right": sum(bool(s.count_right) for s in counted),
        "errors": sum(s.error is not None for s in scores),
    }


def table(figures: dict) -> str:
    rows = [
        ("pages", f"{figures['pages']}"),
        ("clean pages (no leak, no loss)", f"{figures['clean_pages']}/{figures['pages']}"),
        ("junk strings leaked", f"{figures['leaked']}/{figures['junk_strings']} ({figures['leaked_share']:.1%})"),
        ("body lines lost", f"{figures['lost']}/{figures['body_lines']} ({figures['lost_share']:.1%})"),
        ("speech count = items", f"{figures['item_count_right']}/{figures['item_pages']} pages with >= 2 items"),
        ("errors", f"{figures['errors']}"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def details(scores: list[PageScore]) -> str:
    out = []
    for s in scores:
        if s.clean and s.count_right is not False:
            continue
        out.append(f"{s.id} {s.host}")
        if s.error:
            out.append(f"  ERROR {s.error}")
        out.extend(f"  LEAK {text[:140]}" for text in s.leaked)
        out.extend(f"  LOST {text[:140]}" for text in s.lost)
        if s.count_right is False:
            out.append(f"  COUNT {s.speeches} speeches for {s.items} items")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="Example: python -m evaluation.fanwen_text --show")
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder holding pages.jsonl")
    parser.add_argument("--show", action="store_true", help="also list every leaked and lost line")
    parser.add_argument("--json", action="store_true", help="print the figures and every page as JSON")
    args = parser.parse_args(argv)
    try:
        pages = load_pages(args.corpus)
    except CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    scores = evaluate(pages)
    figures = summary(scores)
    if args.json:
        document = {"figures": figures, "pages": [dict(vars(s), clean=s.clean) for s in scores]}
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return 0
    print(table(figures))
    if args.show:
        print("\n" + details(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
