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
    codes = [row["code"] for row in csv.DictReader(io.StringIO(as_csv.stdout))]
    assert codes == ["W-INGEST-002"]
    as_table = _ok(runner.invoke(main, ["events", "--db", db, "--rejections"]))
    assert "W-INGEST-002" in as_table.stdout


# --- events ------------------------------------------------------------------------------


EventKey = tuple[str, str, str]
AID_KEY = ("c-aid", "MILITARY_AID", "asserted")
AGREE_KEY = ("c-agree", "AGREEMENT", "asserted")
DRILL_KEY = ("c-drill", "EXERCISE", "asserted")
PLANNED_KEY = ("c-drill", "EXERCISE", "planned")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {AID_KEY, AGREE_KEY, DRILL_KEY, PLANNED_KEY}),
        (["--type", "EXERCISE"], {DRILL_KEY, PLANNED_KEY}),
        (["--type", "agreement"], {AGREE_KEY}),
        (["--actor", "UKR"], {AID_KEY}),  # a target counts
        (["--actor", "chn"], {DRILL_KEY, PLANNED_KEY}),
        (["--since", "2025"], {DRILL_KEY, PLANNED_KEY}),
        (["--until", "2024"], {AID_KEY, AGREE_KEY}),
        (["--since", "2024-01", "--until", "2025-06"], {AGREE_KEY}),
        (["--modality", "planned"], {PLANNED_KEY}),
        (["--type", "EXERCISE", "--modality", "asserted"], {DRILL_KEY}),
        (["--actor", "NATO"], set()),
    ],
)
def test_events_filters_select_the_right_events(
    runner: CliRunner, stored_corpus: tuple[Path, Path], args: list[str], expected: set[EventKey]
) -> None:
    db, _corpus = stored_corpus
    result = _ok(runner.invoke(main, ["events", "--db", str(db), "--format", "json", *args]))
    rows = json.loads(result.stdout)
    assert {(r["doc_id"], r["type"], r["modality"]) for r in rows} == expected


def test_events_limit_caps_the_rows(runner: CliRunner, stored_corpus: tuple[Path, Path]) -> None:
    db, _corpus = stored_corpus
    result = _ok(
        runner.invoke(main, ["events", "--db", str(db), "--limit", "1", "--format", "jsonl"])
    )
    rows = _parse_events(result.stdout, "jsonl")
    assert len(rows) == 1
    assert (rows[0]["doc_id"], rows[0]["type"], rows[0]["modality"]) == AID_KEY  # oldest first


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_events_formats_keep_exact_evidence(
    runner: CliRunner, stored_corpus: tuple[Path, Path], fmt: str
) -> None:
    db, corpus = stored_corpus
    result = _ok(runner.invoke(main, ["events", "--db", str(db), "--format", fmt]))
    rows = _parse_events(result.stdout, fmt)
    assert {DRILL, PLANNED_DRILL, AID, AGREE} <= _facts(rows)
    _assert_evidence_offsets(rows, _originals(corpus))


def test_events_table_shows_a_title_and_rows(
    runner: CliRunner, stored_corpus: tuple[Path, Path]
) -> None:
    db, _corpus = stored_corpus
    result = _ok(runner.invoke(main, ["events", "--db", str(db), "--type", "EXERCISE"]))
    assert "2 events" in result.stdout
    assert "Sea of Japan" in result.stdout


def test_events_rejections_of_a_clean_store_is_empty(
    runner: CliRunner, stored_corpus: tuple[Path, Path]
) -> None:
    db, _corpus = stored_corpus
    result = _ok(
        runner.invoke(main, ["events", "--db", str(db), "--rejections", "--format", "json"])
    )
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "args",
    [["--type", "PARADE"], ["--since", "last week"], ["--limit", "-1"], ["--modality", "maybe"]],
)
def test_events_bad_filter_is_a_usage_error(
    runner: CliRunner, stored_corpus: tuple[Path, Path], args: list[str]
) -> None:
    db, _corpus = stored_corpus
    result = runner.invoke(main, ["events", "--db", str(db), *args])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


def test_events_missing_db_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["events", "--db", str(tmp_path / "absent.duckdb")])
    _one_error_line(result, "error [")
    assert "absent.duckdb" in result.stderr
    assert not (tmp_path / "absent.duckdb").exists()


def test_debug_shows_the_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--debug", "events", "--db", str(tmp_path / "absent.duckdb")])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error [")


# --- eval --------------------------------------------------------------------------------


def test_eval_prints_a_score_table(runner: CliRunner) -> None:
    result = _ok(runner.invoke(main, ["eval", str(MINI_GOLD)]))
    for label in ("overall", "asserted", "speculation leak", "date accuracy"):
        assert label in result.stdout


def test_eval_json_has_the_scorer_keys(runner: CliRunner) -> None:
    result = _ok(runner.invoke(main, ["eval", str(MINI_GOLD), "--json"]))
    report = json.loads(result.stdout)
    keys = {"docs", "primary_prf", "asserted_prf", "speculation_leak", "attr_acc", "per_type_prf"}
    assert keys <= set(report)
    n_gold_docs = sum(1 for line in MINI_GOLD.read_text(encoding="utf-8").splitlines() if line)
    assert report["docs"] == n_gold_docs
    assert len(report["primary_prf"]) == 3
    assert all(0.0 <= value <= 1.0 for value in report["primary_prf"])


def test_eval_predictions_file_holds_event_rows(runner: CliRunner, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    _ok(runner.invoke(main, ["eval", str(MINI_GOLD), "--predictions", str(predictions)]))
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    gold = {
        json.loads(line)["doc_id"]: json.loads(line)["text"]
        for line in MINI_GOLD.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert rows
    assert all(set(row) == ONE_EVENT_KEYS for row in rows)
    _assert_evidence_offsets(rows, gold)


@pytest.mark.skipif(not REFERENCE_SCORER.is_file(), reason="shared score.py is not present")
def test_eval_json_equals_the_reference_scorer(runner: CliRunner, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    ours = _ok(
        runner.invoke(main, ["eval", str(MINI_GOLD), "--json", "--predictions", str(predictions)])
    )
    reference = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(MINI_GOLD), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(ours.stdout) == json.loads(reference.stdout)


def test_eval_missing_gold_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2


def test_eval_bad_gold_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("this is not json\n", encoding="utf-8")
    _one_error_line(runner.invoke(main, ["eval", str(gold)]), "error [W-EVAL-001]")


# --- demo --------------------------------------------------------------------------------


def test_demo_writes_the_store_and_prints_events_and_summary(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "demo.duckdb"
    result = _ok(runner.invoke(main, ["demo", "--db", str(db)]))
    n_samples = len(load_samples())
    assert f"Ingested {n_samples} sample articles" in result.stdout
    assert re.search(r"\b\d+ events\b", result.stdout)
    assert "Events per type and year" in result.stdout
    assert "EXERCISE" in result.stdout
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == n_samples
        assert store.counts()["events"] > 0


def test_demo_replaces_an_existing_store(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    _ok(runner.invoke(main, ["demo", "--db", str(db)]))
    with Store(db, read_only=True) as store:
        first = store.counts()
    _ok(runner.invoke(main, ["demo", "--db", str(db)]))
    with Store(db, read_only=True) as store:
        assert store.counts() == first


def test_demo_default_db_is_in_the_working_folder(runner: CliRunner, tmp_path: Path) -> None:
    _ok(runner.invoke(main, ["demo"]))
    assert (tmp_path / "whimbrel-demo.duckdb").is_file()


# --- config and global options -----------------------------------------------------------


def test_config_show_prints_every_section(runner: CliRunner) -> None:
    result = _ok(runner.invoke(main, ["config", "show"]))
    for section in ("[ingest]", "[annotate]", "[extract]", "[store]"):
        assert section in result.stdout
    assert "max_bytes = 5000000" in result.stdout


def test_config_show_reflects_set(runner: CliRunner) -> None:
    result = _ok(runner.invoke(main, ["--set", "ingest.max_bytes=123", "config", "show"]))
    assert "max_bytes = 123\n" in result.stdout


def test_config_show_reflects_the_environment(runner: CliRunner) -> None:
    result = _ok(runner.invoke(main, ["config", "show"], env={"WHIMBREL_INGEST__MAX_BYTES": "77"}))
    assert "max_bytes = 77\n" in result.stdout


def test_config_set_wins_over_environment_and_file(runner: CliRunner, tmp_path: Path) -> None:
    config_file = tmp_path / "mine.toml"
    config_file.write_text("[ingest]\nmax_bytes = 11\n\n[store]\nbatch_size = 9\n")
    result = _ok(
        runner.invoke(
            main,
            ["--config", str(config_file), "--set", "ingest.max_bytes=33", "config", "show"],
            env={"WHIMBREL_INGEST__MAX_BYTES": "22"},
        )
    )
    assert "max_bytes = 33\n" in result.stdout
    assert "batch_size = 9\n" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--set", "nosuch.key=1"],
        ["--set", "ingest.max_bytes=lots"],
        ["--set", "no-dot-here"],
    ],
)
def test_config_bad_setting_is_one_line_exit_1(runner: CliRunner, args: list[str]) -> None:
    _one_error_line(runner.invoke(main, [*args, "config", "show"]), "error [W-CONFIG-001]")


def test_config_unknown_env_key_is_one_line_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["config", "show"], env={"WHIMBREL_INGEST__NOSUCH": "1"})
    _one_error_line(result, "error [W-CONFIG-001]")


def test_config_unreadable_file_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\nmax_bytes = ", encoding="utf-8")
    result = runner.invoke(main, ["--config", str(bad), "config", "show"])
    _one_error_line(result, "error [W-CONFIG-001]")


def test_config_debug_shows_the_traceback(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--debug", "--set", "nosuch.key=1", "config", "show"])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr


def test_set_max_bytes_applies_to_ingest(
    runner: CliRunner, drill_txt: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "store.duckdb")
    result = runner.invoke(
        main, ["--set", "ingest.max_bytes=20", "ingest", str(drill_txt), "--db", db]
    )
    assert result.exit_code == 3
    assert "W-INGEST-004" in result.stderr


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "eval", "demo", "config"])
def test_cli_help_for_every_command(runner: CliRunner, command: str) -> None:
    result = _ok(runner.invoke(main, [command, "--help"]))
    assert "Usage:" in result.stdout


def test_cli_version_option(runner: CliRunner) -> None:
    result = _ok(runner.invoke(main, ["--version"]))
    assert whimbrel.__version__ in result.stdout


def test_cli_python_m_whimbrel_version() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHIMBREL_")}
    done = subprocess.run(
        [sys.executable, "-m", "whimbrel", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"whimbrel, version {whimbrel.__version__}"
