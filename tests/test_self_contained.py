"""The project explains and runs itself: the library, the CLI and the tests never
reach outside the repository. Only benchmarks/, evaluation/ and the fixture
generators in tools/ may read the shared evaluation corpora."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELF_CONTAINED = ["archive", "cleaning", "crawler", "cli", "scheduler.py", "tests", "docs/architecture.md",
                  "docs/design.md", "docs/ground-truth.md", "scrapy.cfg", "Makefile", ".ci"]
OUTSIDE = ("../shared", "DESIGN.md")


def _files(entry: str):
    path = ROOT / entry
    if path.is_file():
        yield path
        return
    for file in path.rglob("*"):
        if file.is_file() and file.suffix in {".py", ".md", ".toml", ".yml", ".html", ".cfg", ".txt", ""}:
            yield file


def test_no_file_points_outside_the_repository() -> None:
    offenders = []
    for entry in SELF_CONTAINED:
        for file in _files(entry):
            if file == Path(__file__).resolve() or "fixtures" in file.parts or "demo_sites" in file.parts:
                continue
            text = file.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{file.relative_to(ROOT)}: {needle}" for needle in OUTSIDE if needle in text]
    assert offenders == []
