"""What the held-out fixture tests share: the rebuild check, the article averages and the gates' checks."""
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


def comment_leaks(rows: list[dict]) -> list[tuple[str, str]]:
    """(page, comment) for every reader comment (4+ characters) found in an article's body."""
    articles = [r for r in rows if r["kind"] == "single"]
    assert sum(bool(r["comments"]) for r in articles) >= 10  # the set does have threads
    return [(r["page"], c) for r in articles for c in r["comments"] if len(c) >= 4 and any(c in b for b in r["bodies"])]


def comment_dates_taken(rows: list[dict]) -> list[tuple[str, str]]:
    """(page, date) for every page dated by one of its comments."""
    return [(r["page"], r["published"]) for r in rows if r["published"] and str(r["published"])[:10] in r["comment_dates"]]


def assert_leaks_within(name: str, measured: dict, ceiling: int, never_leaked_positions: tuple[str, ...]) -> None:
    """At most `ceiling` junk strings leak, none at the positions that had none (`type/position` kinds)."""
    print(f"\n{name} leaks:", measured["leaked"], "of", measured["junk"], {k: len(v) for k, v in measured["by_kind"].items()})
    assert measured["leaked"] <= ceiling, measured["by_kind"]
    for kind, hits in measured["by_kind"].items():
        assert not (hits and kind.endswith(never_leaked_positions)), (kind, hits)


def assert_body_floors(name: str, rows: list[dict], f1_floor: float, recall_floor: float) -> None:
    """No page raised, and the article pages' macro body F1 and recall reach their floors."""
    assert not [r["page"] for r in rows if r["error"]]
    f1, recall = article_means(rows)
    print(f"\n{name} articles: F1 {f1:.3f}, recall {recall:.3f}")
    assert f1 >= f1_floor and recall >= recall_floor, (f1, recall)
