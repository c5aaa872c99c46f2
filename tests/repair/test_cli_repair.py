"""``whimbrel repair FILE``: highlighted text, or JSON changes with original offsets."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from whimbrel.cli import main

NOISY = "Teh APL navy sailed near Taiwan,marking a shift &amp; more.\n"


def test_cli_repair_json_lists_changes_with_original_offsets(tmp_path: Path) -> None:
    path = tmp_path / "noisy.txt"
    path.write_text(NOISY, encoding="utf-8")
    result = CliRunner().invoke(main, ["repair", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["text"] == "The PLA navy sailed near Taiwan, marking a shift & more.\n"
    assert data["warnings"] == []
    assert {(c["old"], c["new"]) for c in data["changes"]} == {
        ("Teh", "The"),
        ("APL", "PLA"),
        ("", " "),
        ("&amp;", "&"),
    }
    for change in data["changes"]:
        assert NOISY[change["start"] : change["end"]] == change["old"]


def test_cli_repair_text_reads_stdin_and_counts_changes() -> None:
    result = CliRunner().invoke(main, ["repair", "-"], input=NOISY)
    assert result.exit_code == 0, result.output
    assert "The PLA navy sailed near Taiwan, marking" in result.stdout
    assert "4 change(s)" in result.stderr


def test_cli_repair_clean_text_has_no_changes(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("China and Russia held drills on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["repair", str(path)])
    assert result.exit_code == 0
    assert result.stdout.startswith("China and Russia held drills on Monday.")
    assert "0 change(s)" in result.stderr


def test_cli_repair_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["repair", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
