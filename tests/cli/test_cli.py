"""The click commands end to end, in process (CliRunner), on small invented articles."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import whimbrel
from whimbrel.cli import main
from whimbrel.config import Config
from whimbrel.evaluate.samples import load_samples
from whimbrel.ingest import iter_documents
from whimbrel.records import Article
from whimbrel.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
MINI_GOLD = REPO_ROOT / "tests" / "data" / "mini_gold.jsonl"
REFERENCE_SCORER = REPO_ROOT.parent / "shared" / "tools" / "score.py"
SUMMARY_RE = re.compile(
    r"(\d+) documents read: (\d+) added, (\d+) already stored, (\d+) rejected; "
    r"(\d+) events stored in "
)
ONE_EVENT_KEYS = {
    "event_id",
    "doc_id",
    "type",
    "actors",
    "target",
    "modality",
    "date",
    "date_precision",
    "location",
    "name",
    "count",
    "evidence",
    "trigger",
    "plover",
    "cameo",
    "confidence",
    "extractor",
    "n_mentions",
}
ENV_FREE = Config.load(environ={})


# --- helpers -----------------------------------------------------------------------------


def _ok(result: Result, code: int = 0) -> Result:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def _originals(path: Path) -> dict[str, str]:
    """doc_id -> the text each document of ``path`` was ingested as."""
    return {
        item.doc_id: item.text
        for item in iter_documents([path], config=ENV_FREE)
        if isinstance(item, Article)
    }


def _parse_events(stdout: str, fmt: str) -> list[dict[str, Any]]:
    """Events printed as json, jsonl or csv, back in the JSON form."""
    if fmt == "json":
        rows: list[dict[str, Any]] = json.loads(stdout)
        return rows
    if fmt == "jsonl":
        return [json.loads(line) for line in stdout.splitlines() if line.strip()]
    parsed = []
    for row in csv.DictReader(io.StringIO(stdout)):
        parsed.append(
            {
                "doc_id": row["doc_id"],
                "type": row["type"],
                "actors": row["actors"].split(";") if row["actors"] else [],
                "target": row["target"].split(";") if row["target"] else [],
                "modality": row["modality"],
                "evidence": {
                    "text": row["evidence_text"],
                    "start": int(row["evidence_start"]),
                    "end": int(row["evidence_end"]),
                },
            }
        )
    return parsed


def _facts(rows: list[dict[str, Any]]) -> set[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    return {(r["type"], tuple(r["actors"]), tuple(r["target"]), r["modality"]) for r in rows}


def _assert_evidence_offsets(rows: list[dict[str, Any]], originals: dict[str, str]) -> None:
    assert rows
    for row in rows:
        evidence = row["evidence"]
        original = originals[row["doc_id"]]
        assert original[evidence["start"] : evidence["end"]] == evidence["text"]


def _summary(stdout: str) -> tuple[int, ...]:
    found = SUMMARY_RE.search(stdout)
    assert found is not None, stdout
    return tuple(int(n) for n in found.groups())


def _one_error_line(result: Result, prefix: str) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix), lines[0]
    assert "Traceback" not in result.stderr


# --- extract -----------------------------------------------------------------------------

DRILL = ("EXERCISE", ("CHN", "RUS"), (), "asserted")
AID = ("MILITARY_AID", ("DEU",), ("UKR",), "asserted")
AGREE = ("AGREEMENT", ("JPN", "PHL"), (), "asserted")
PLANNED_DRILL = ("EXERCISE", ("CHN", "RUS"), (), "planned")

# input name -> (fixture, read from stdin?, facts that must be among the events)
EXTRACT_INPUTS: dict[str, tuple[str, bool, set[Any]]] = {
    "text": ("drill_txt", False, {DRILL}),
    "html": ("aid_html", False, {AID}),
    "jsonl": ("corpus_jsonl", False, {AGREE, DRILL, PLANNED_DRILL, AID}),
    "stdin-text": ("drill_txt", True, {DRILL}),
    "stdin-html": ("aid_html", True, {AID}),
    "stdin-jsonl": ("corpus_jsonl", True, {AGREE, DRILL, PLANNED_DRILL, AID}),
}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
@pytest.mark.parametrize("name", sorted(EXTRACT_INPUTS))
def test_extract_formats_carry_facts_and_exact_evidence(
    runner: CliRunner, request: pytest.FixtureRequest, name: str, fmt: str
) -> None:
    fixture, from_stdin, expected = EXTRACT_INPUTS[name]
    path: Path = request.getfixturevalue(fixture)
    if from_stdin:
        result = runner.invoke(main, ["extract", "-", "--format", fmt], input=path.read_bytes())
    else:
        result = runner.invoke(main, ["extract", str(path), "--format", fmt])
    _ok(result)
    rows = _parse_events(result.stdout, fmt)
    assert expected <= _facts(rows)
    _assert_evidence_offsets(rows, _originals(path))
    if fmt != "csv":
        assert all(set(row) == ONE_EVENT_KEYS for row in rows)


@pytest.mark.parametrize("name", sorted(EXTRACT_INPUTS))
def test_extract_table_lists_the_events(
    runner: CliRunner, request: pytest.FixtureRequest, name: str
) -> None:
    fixture, from_stdin, expected = EXTRACT_INPUTS[name]
    path: Path = request.getfixturevalue(fixture)
    args = ["extract", "-" if from_stdin else str(path)]
    result = _ok(runner.invoke(main, args, input=path.read_bytes() if from_stdin else None))
    assert re.search(r"\b\d+ events\b", result.stdout)
    for etype, actors, _target, _modality in expected:
        assert etype in result.stdout
        assert ",".join(actors) in result.stdout


def test_extract_input_format_overrides_the_extension(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "aid.txt"  # HTML under a .txt name
    path.write_text(
        "<html><body><p>Germany delivered two more air defence systems to Ukraine on "
        "Thursday.</p></body></html>",
        encoding="utf-8",
    )
    result = _ok(
        runner.invoke(main, ["extract", str(path), "--input-format", "html", "--format", "json"])
    )
    rows = _parse_events(result.stdout, "json")
    assert AID in _facts(rows)
    assert all("<p>" not in row["evidence"]["text"] for row in rows)


def test_extract_nothing_found_prints_an_empty_list(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("Heavy rain is expected across the north of the country this weekend.\n")
    result = _ok(runner.invoke(main, ["extract", str(path), "--format", "json"]))
    assert json.loads(result.stdout) == []


def test_extract_rejected_document_gives_exit_3(
    runner: CliRunner, drill_txt: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _ok(
        runner.invoke(main, ["extract", str(drill_txt), str(empty), "--format", "jsonl"]), 3
    )
    assert DRILL in _facts(_parse_events(result.stdout, "jsonl"))
    assert "W-INGEST-002" in result.stderr
    assert "W-INGEST-002" not in result.stdout


def test_extract_requires_a_path(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract"])
    assert result.exit_code == 2


# --- ingest ------------------------------------------------------------------------------


def test_ingest_stores_articles_and_reports_a_summary(
    runner: CliRunner, corpus_jsonl: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    result = _ok(runner.invoke(main, ["ingest", str(corpus_jsonl), "--db", str(db)]))
    read, added, skipped, rejected, n_events = _summary(result.stdout)
    assert (read, added, skipped, rejected) == (3, 3, 0, 0)
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] == 3
    assert counts["events"] == n_events >= 4
    assert counts["rejections"] == 0


def test_ingest_again_adds_nothing(runner: CliRunner, corpus_jsonl: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "store.duckdb")
    _ok(runner.invoke(main, ["ingest", str(corpus_jsonl), "--db", db]))
    with Store(db, read_only=True) as store:
        before = store.counts()
    again = _ok(runner.invoke(main, ["ingest", str(corpus_jsonl), "--db", db]))
    assert _summary(again.stdout) == (3, 0, 3, 0, 0)
    assert "3 already stored" in again.stdout
    with Store(db, read_only=True) as store:
        assert store.counts() == before


def test_ingest_default_db_is_in_the_working_folder(
    runner: CliRunner, drill_txt: Path, tmp_path: Path
) -> None:
    _ok(runner.invoke(main, ["ingest", str(drill_txt)]))
    assert (tmp_path / "whimbrel.duckdb").is_file()


def test_ingest_store_path_setting_moves_the_default_db(
    runner: CliRunner, drill_txt: Path, tmp_path: Path
) -> None:
    db = tmp_path / "elsewhere.duckdb"
    _ok(runner.invoke(main, ["--set", f"store.path={db}", "ingest", str(drill_txt)]))
    assert db.is_file()
    assert not (tmp_path / "whimbrel.duckdb").exists()


def test_ingest_reads_stdin(runner: CliRunner, corpus_jsonl: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "store.duckdb")
    result = _ok(runner.invoke(main, ["ingest", "-", "--db", db], input=corpus_jsonl.read_bytes()))
    assert _summary(result.stdout)[:4] == (3, 3, 0, 0)


def test_ingest_rejection_gives_exit_3_and_is_listed(
    runner: CliRunner, corpus_jsonl: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    db = str(tmp_path / "store.duckdb")
    result = _ok(runner.invoke(main, ["ingest", str(corpus_jsonl), str(empty), "--db", db]), 3)
    assert _summary(result.stdout)[:4] == (4, 3, 0, 1)
    assert "W-INGEST-002" in result.stderr
    listed = _ok(runner.invoke(main, ["events", "--db", db, "--rejections", "--format", "json"]))
    rows = json.loads(listed.stdout)
    assert [(Path(r["source"]).name, r["code"]) for r in rows] == [("empty.txt", "W-INGEST-002")]
    as_csv = _ok(runner.invoke(main, ["events", "--db", db, "--rejections", "--format", "csv"]))
    assert list(csv.DictReader(io.StringIO(as_csv.stdout)))[0]["code"] == "W-INGEST-002"
    as_table = _ok(runner.invoke(main, ["events", "--db", db, "--rejections"]))
    assert "W-INGEST-002" in as_table.stdout


# --- events ------------------------------------------------------------------------------


