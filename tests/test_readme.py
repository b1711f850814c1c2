"""The README's promises: CI runs exactly the README's test command."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> list[str]:
    lines = ROOT.joinpath("README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:6] if line.startswith("    ")]


def test_the_readme_opens_with_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("ziping --demo")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_test_command():
    assert setup_commands()[1] in ROOT.joinpath(".ci", "run").read_text(encoding="utf-8")
