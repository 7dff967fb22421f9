"""Print a pip constraints file pinning every direct dependency at its declared minimum.

    python tools/min_constraints.py [--extra test] > build/min-constraints.txt

`make test-min` installs under it and runs the fast tests, so the lower bounds
in pyproject.toml are checked, not just written down.
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def minimum_pins(extras: list[str]) -> list[str]:
    """`name==X` for each requirement with a `>=X` bound (an error for one without)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    pins = []
    for spec in specs:
        req = Requirement(spec)
        lows = [s.version for s in req.specifier if s.operator == ">="]
        if not lows:
            raise SystemExit(f"pyproject.toml: {spec!r} has no '>=' minimum")
        pins.append(f"{req.name}=={lows[0]}")
    return pins


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="also pin this optional-dependency group")
    args = parser.parse_args()
    sys.stdout.write("\n".join(minimum_pins(args.extra)) + "\n")


if __name__ == "__main__":
    main()
