"""Docs are tested: every command has --help with an example and is in the README."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_every_design_command_exists() -> None:
    # The command line fixed by docs/design.md.
    for name in ("demo", "extract", "crawl", "recrawl", "schedule", "stats", "search", "export", "serve"):
        assert name in main.commands, name


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name: str) -> None:
    assert f"speech-archive {name}" in README, f"README does not show `speech-archive {name}`"


def test_readme_gives_the_two_setup_commands() -> None:
    assert "make demo" in README and "make test" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
