"""Each default, close reason and counter list is written in one module (issue 13).

The source tree is read as Python syntax (ast), not imported: what is checked is
where a value is *written*. A second copy of a default, of a close-reason string
or of the run-counter list fails here, with the module and line of the copy.
archive/schema.py is left out of the counter check: its applied migrations are
history (m001 lists the count columns it created) and must never be edited.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Iterator

import pytest

from archive.model import RUN_COUNTERS
from crawler import close_reasons
from crawler.addons import ArchiveAddon
from crawler.distributed.addon import DistributedAddon

ROOT = Path(__file__).resolve().parent.parent
SOURCE = [*(p for package in ("archive", "cleaning", "crawler", "cli") for p in (ROOT / package).rglob("*.py")),
          ROOT / "scheduler.py"]

DEFAULTS_HOME = "crawler/addons.py"
# The add-ons, each the home of its settings' defaults.
DEFAULTS_HOMES = {DEFAULTS_HOME: ArchiveAddon.DEFAULTS, "crawler/distributed/addon.py": DistributedAddon.DEFAULTS}
# RevisitPolicy is where the back-off numbers live; the add-on derives its settings from it.
REVISIT_HOME = "archive/store.py"
REASONS_HOME = "crawler/close_reasons.py"
COUNTERS_HOME = "archive/model.py"
MIGRATIONS = "archive/schema.py"

CLOSE_REASONS = {value for name, value in vars(close_reasons).items() if name.isupper() and isinstance(value, str)
                 and name != "FAILED_STATUS"}
# Reasons no other word of the code is spelt like: any literal of them is a copy.
OWN_REASONS = {r for r in CLOSE_REASONS if r.startswith("closespider_") or r.endswith("_failed")}
_GETTERS = {"get", "getint", "getfloat", "getbool", "getlist", "getdict", "getwithbase"}


def _modules(paths: list[Path] = SOURCE) -> Iterator[tuple[str, ast.Module]]:
    for path in paths:
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path))


def _strings(node: ast.AST) -> list[str]:
    """The string elements of a tuple/list/set literal, or the string keys of a dict literal."""
    items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", [])
    return [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


def _setting_suffix(name: str) -> str:
    """ARCHIVE_MAX_PARTS -> max_parts, RETRY_BACKOFF_BASE -> backoff_base, DISTRIBUTED_IDLE_SECONDS ->
    idle_seconds: how a parameter is named."""
    return name.lower().removeprefix("archive_").removeprefix("retry_").removeprefix("distributed_")


def _same(a: Any, b: Any) -> bool:
    return type(a) in (int, float) and type(b) in (int, float) and a == b or type(a) is type(b) and a == b


# -- the finders (each also run on a planted copy below, so they can fail) ---------------------

def default_copies(module: str, tree: ast.Module) -> list[str]:
    """Second statements of an add-on's default: a fallback in settings.get*(NAME, value),
    a module-level NAME = value (a settings module), a parameter named after it defaulting to it."""
    defaults = {name: value for home, stated in DEFAULTS_HOMES.items() if home != module
                for name, value in stated.items()}
    by_param = {_setting_suffix(name): value for name, value in defaults.items() if value is not None}
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _GETTERS
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in defaults
                and (len(node.args) > 1 or node.keywords)):
            found.append(f"{module}:{node.lineno}: fallback for {node.args[0].value}")
        elif isinstance(node, ast.arguments):
            params = [*node.posonlyargs, *node.args]
            pairs = [*zip(params[len(params) - len(node.defaults):], node.defaults),
                     *zip(node.kwonlyargs, node.kw_defaults)]
            for arg, default in pairs:
                if (isinstance(default, ast.Constant) and arg.arg in by_param
                        and _same(default.value, by_param[arg.arg])):
                    found.append(f"{module}:{arg.lineno}: parameter {arg.arg}={default.value!r}")
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and target.id in defaults:
                found.append(f"{module}:{node.lineno}: {target.id} assigned")
    return found


def revisit_copies(module: str, tree: ast.Module) -> list[str]:
    """The back-off numbers written as a timedelta(hours=20) / timedelta(days=30) outside RevisitPolicy."""
    if module == REVISIT_HOME:
        return []
    from archive.store import RevisitPolicy

    wanted = {"hours": RevisitPolicy.base.total_seconds() / 3600, "days": RevisitPolicy.maximum.total_seconds() / 86400}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "timedelta":
            for keyword in node.keywords:
                if (keyword.arg in wanted and isinstance(keyword.value, ast.Constant)
                        and _same(keyword.value.value, wanted[keyword.arg])):
                    found.append(f"{module}:{node.lineno}: timedelta({keyword.arg}={keyword.value.value})")
    return found


def reason_copies(module: str, tree: ast.Module) -> list[str]:
    """Close reasons written outside crawler/close_reasons.py: a literal of the project's own or
    closespider_* reasons, a collection holding two reasons, a `reason == "..."` test."""
    if module == REASONS_HOME:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in OWN_REASONS:
            found.append(f"{module}:{node.lineno}: {node.value!r}")
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            named = set(_strings(node)) & CLOSE_REASONS
            if len(named) >= 2:
                found.append(f"{module}:{node.lineno}: close reasons {sorted(named)}")
        elif isinstance(node, ast.Compare) and "reason" in ast.unparse(node.left).lower():
            for other in node.comparators:
                if isinstance(other, ast.Constant) and other.value in CLOSE_REASONS:
                    found.append(f"{module}:{node.lineno}: {ast.unparse(node)}")
    return found


def counter_copies(module: str, tree: ast.Module) -> list[str]:
    """A literal list holding all the run counters, or all but one (the scheduler's copy left
    "errors" out): a second statement of RUN_COUNTERS."""
    if module in (COUNTERS_HOME, MIGRATIONS):
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            held = set(_strings(node)) & set(RUN_COUNTERS)
            if len(held) >= len(RUN_COUNTERS) - 1:
                found.append(f"{module}:{node.lineno}: run counters {sorted(held)}")
    return found


FINDERS = [default_copies, revisit_copies, reason_copies, counter_copies]


@pytest.mark.parametrize("finder", FINDERS, ids=lambda f: f.__name__)
def test_stated_once(finder: Any) -> None:
    copies = [copy for module, tree in _modules() for copy in finder(module, tree)]
    assert not copies, "stated again outside its home:\n" + "\n".join(copies)


def test_the_homes_hold_them() -> None:
    """The scan sees the source tree, and each home still states what the others read."""
    modules = dict(_modules())
    assert {DEFAULTS_HOME, REVISIT_HOME, REASONS_HOME, COUNTERS_HOME, MIGRATIONS, "scheduler.py"} <= set(modules)
    assert len(modules) > 50
    for home, defaults in DEFAULTS_HOMES.items():
        assert all(repr(name) in ast.unparse(modules[home]) for name in defaults), home
    assert {"finished", "shutdown", "closespider_timeout", "closespider_pagecount", "archive_write_failed",
            "journal_write_failed"} <= CLOSE_REASONS
    assert "errors" in RUN_COUNTERS and len(RUN_COUNTERS) >= 8


# Copies as they stood before issue 13, planted in a throw-away module: each finder must see its own.
PLANTED = {
    default_copies: ['ARCHIVE_MAX_PARTS = 20',
                     'def f(s):\n    return s.getint("ARCHIVE_COMMIT_PAGES", 50)',
                     'def f(db, revisit_base_hours: float = 20.0): ...',
                     'class P:\n    def __init__(self, max_parts: int = 20): ...',
                     'def f(s):\n    return s.getfloat("DISTRIBUTED_IDLE_SECONDS", IDLE_SECONDS)',
                     'def f(batch, idle_seconds: float = 3.0): ...'],
    revisit_copies: ['from datetime import timedelta\nBASE = timedelta(hours=20)'],
    reason_copies: ['STORAGE = "archive_write_failed"',
                    'OK = {"finished", "shutdown"}',
                    'def f(reason):\n    return reason == "finished"'],
    counter_copies: ['COUNT_COLUMNS = ("pages", "new_speeches", "new_sources", "new_versions", "unchanged_speeches",'
                     ' "not_modified", "unchanged_pages", "gone")'],
}


@pytest.mark.parametrize("finder", FINDERS, ids=lambda f: f.__name__)
def test_finders_see_a_planted_copy(finder: Any, tmp_path: Path) -> None:
    for source in PLANTED[finder]:
        tree = ast.parse(source)
        assert finder("crawler/copy.py", tree), source
        # ... and not in the one home of the value.
    assert not finder({default_copies: DEFAULTS_HOME, revisit_copies: REVISIT_HOME, reason_copies: REASONS_HOME,
                       counter_copies: COUNTERS_HOME}[finder], ast.parse(PLANTED[finder][0]))
