"""What the held-out fixture tests share: the rebuild check and the article averages."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_rebuilds(builder: str, committed: Path, tmp_path: Path) -> None:
    """tools/<builder>.py writes exactly the committed fixture folder (it is seeded, no clock, no network)."""
    sys.path.insert(0, str(TOOLS))
    try:
        module = importlib.import_module(builder)
    finally:
        sys.path.remove(str(TOOLS))
    out = tmp_path / committed.name
    module.main(["--out", str(out)])
    assert _files(out) == _files(committed), f"{committed} is not what tools/{builder}.py writes"


def article_means(rows: list[dict]) -> tuple[float, float]:
    """Macro body F1 and recall over the article pages of `evaluation.leaks.article_rows`."""
    articles = [r for r in rows if r["kind"] == "single"]
    return (sum(r["f1"] for r in articles) / len(articles), sum(r["recall"] for r in articles) / len(articles))
