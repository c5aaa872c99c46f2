"""The docs stay honest: CI runs the README's test command, every command and setting is
documented."""

from __future__ import annotations

import re
from pathlib import Path

from click import Group

from whimbrel.cli import main
from whimbrel.config import Config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_quick_start_has_exactly_two_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert commands[0].endswith("whimbrel demo")
    assert "pytest" in commands[1]


def test_ci_runs_readme_test_command_verbatim() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _quick_start_commands()[1] in ci_lines


def test_every_cli_command_is_in_readme() -> None:
    names: list[str] = []
    for name, command in main.commands.items():
        if isinstance(command, Group):
            names.extend(f"{name} {sub}" for sub in command.commands)
        else:
            names.append(name)
    missing = [n for n in names if f"whimbrel {n}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_every_setting_is_commented_in_default_toml() -> None:
    text = (ROOT / "src" / "whimbrel" / "default.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for section, items in Config.load(environ={}).values.items():
        for key in items:
            index = next(i for i, line in enumerate(lines) if line.startswith(f"{key} ="))
            assert lines[index - 1].startswith("#"), f"{section}.{key} has no comment"


def test_changelog_mentions_current_version() -> None:
    from whimbrel import __version__

    assert __version__ in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
