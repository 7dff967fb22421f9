"""CleanerOptions (cleaning/options.py): everything clean_page reads besides the page,
handed down as one immutable value; cleaning/ keeps no mutable module state."""
from __future__ import annotations

import ast
import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from cleaning import clean_page, linejudge
from cleaning.options import CleanerOptions, default_options
from cleaning.rules import RULES_DIR

CLEANING = Path(__file__).resolve().parent.parent / "cleaning"
PAGE = Path(__file__).resolve().parent / "fixtures" / "pages" / "dedecms" / "hanjia777-c3-jingxuan6.html"
# A threshold no speech line stays under: the judge then drops lines the default keeps.
LOW_THRESHOLD = 0.01


def _clean(options: CleanerOptions | None = None, profile: str | None = None) -> dict:
    truth = json.loads(PAGE.with_suffix(".json").read_text(encoding="utf-8"))
    page = clean_page(PAGE.read_bytes(), url=truth.get("url"), http_charset=truth.get("http_charset"),
                      profile=profile, options=options)
    return page.to_full_dict()


def _body_chars(page: dict) -> int:
    return sum(len(s["body"]) for s in page["speeches"])


def test_a_model_with_another_threshold_changes_the_judgement_and_nothing_else() -> None:
    options = default_options()
    default = _clean()
    assert _clean(options) == default  # the default options are what clean_page uses without any
    strict = dataclasses.replace(options, model=dataclasses.replace(options.model, threshold=LOW_THRESHOLD))
    judged = _clean(strict)
    assert 0 < _body_chars(judged) < _body_chars(default)
    assert _clean() == default  # nothing of the variant stayed behind
    assert default_options().model.threshold == options.model.threshold > LOW_THRESHOLD


def test_a_rules_folder_without_a_profile_is_options_without_it(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    text = (rules / "profiles.toml").read_text(encoding="utf-8")
    # Each profile is a [[profile]] table; drop the one named wordpress.
    tables = re.split(r"(?m)^(?=\[\[profile\]\])", text)
    kept = [t for t in tables if not re.search(r'(?m)^name = "wordpress"$', t)]
    assert len(kept) == len(tables) - 1
    (rules / "profiles.toml").write_text("".join(kept), encoding="utf-8")

    loaded = CleanerOptions.load(rules)
    without = default_options().without_profile("wordpress")
    assert [p.name for p in loaded.profiles] == [p.name for p in without.profiles]
    assert "wordpress" in [p.name for p in default_options().profiles]
    assert _clean(loaded) == _clean(without)
    assert _clean(profile="wordpress")["speeches"]  # the default rules know the profile
    for options in (loaded, without):
        with pytest.raises(ValueError, match="unknown site profile 'wordpress'"):
            _clean(options, profile="wordpress")


def test_options_are_frozen_hashable_and_loaded_once() -> None:
    options = default_options()
    assert default_options() is options
    assert {options: 1}[options] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.model = options.model  # type: ignore[misc]
    variant = options.without_profile("dedecms")
    assert variant is not options and len(variant.profiles) == len(options.profiles) - 1
    assert options.without_profile("no such profile").profiles == options.profiles


def test_a_missing_rules_folder_fails_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="junk.toml"):
        CleanerOptions.load(tmp_path)


# Methods that change a list, dict or set in place.
_MUTATORS = {"append", "extend", "insert", "pop", "popitem", "remove", "clear", "update", "setdefault",
             "add", "discard", "difference_update", "intersection_update", "symmetric_difference_update"}
_CONTAINER_CALLS = {"list", "dict", "set", "defaultdict", "OrderedDict", "Counter", "deque"}


def _module_containers(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level to a list, dict or set."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        func = value.func if isinstance(value, ast.Call) else None
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)) or called in _CONTAINER_CALLS:
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _mutations(tree: ast.Module, names: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and isinstance(node.value, ast.Name) and node.value.id in names:
            found.append(f"line {node.lineno}: {node.value.id}[...] assigned")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in names:
            found.append(f"line {node.lineno}: {node.func.value.id}.{node.func.attr}()")
    return found


def test_cleaning_keeps_no_mutable_module_state() -> None:
    problems = []
    for path in sorted(CLEANING.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [f"{path.name} {p}" for p in _mutations(tree, _module_containers(tree))]
    assert problems == []
    # The line judge's model override is gone: the model is a parameter.
    for name in ("_override", "using", "model", "vocabulary"):
        assert not hasattr(linejudge, name), name
