"""A folder of mixed good and bad input through ``whimbrel ingest``, end to end.

Good documents are stored, each bad one becomes a stored rejection with its error code, the
run ends with exit code 3 and a summary of the partial result, and nothing raises. Running
again over the same folder adds nothing and does not duplicate the rejections.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from whimbrel.cli import main
from whimbrel.config import Config
from whimbrel.store import Store

MAX_BYTES = int(Config.load(environ={}).get("ingest.max_bytes"))
BIG_BYTES = 50 * 1024 * 1024
SUMMARY_RE = re.compile(
    r"(\d+) documents read: (\d+) added, (\d+) already stored, (\d+) rejected; "
    r"(\d+) events stored in "
)
GOOD_LINE_1 = {
    "doc_id": "feed-agreement",
    "published": "2024-04-03",
    "text": "Japan and the Philippines signed a defence agreement in Manila on Tuesday.",
}
BAD_LINE = '{"doc_id": "feed-broken", "text": "Germany delivered more air defence systems"\n'
GOOD_LINE_3 = {
    "doc_id": "feed-drill",
    "published": "2025-07-15",
    "text": "Russian and Chinese warships began a joint naval exercise in the Sea of Japan "
    "on Monday, the defence ministry said.",
}
LATIN_TEXT = (
    "The French defence minister met his Indian counterpart in New Delhi on Monday to discuss "
    "a fighter jet contract, the Élysée said after the talks.\n"
)
GOOD_TEXT = "Norway and Sweden held a joint air exercise over the Arctic on Tuesday.\n"
N_GOOD = 4  # two JSONL lines, the Latin-1 file, the plain text file
N_READ = 8  # + the malformed line, the empty, binary and oversized files


@dataclass(frozen=True)
class BadFolder:
    folder: Path
    db: Path


@pytest.fixture
def bad_folder(tmp_path: Path) -> Iterator[BadFolder]:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        json.dumps(GOOD_LINE_1) + "\n" + BAD_LINE + json.dumps(GOOD_LINE_3) + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "latin.txt").write_bytes(LATIN_TEXT.encode("latin-1"))
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    big = folder / "huge.txt"
    with big.open("w", encoding="utf-8") as out:
        out.write("Norway and Sweden held a joint naval exercise off Bergen on Monday. ")
        out.write(" " * BIG_BYTES)
    assert big.stat().st_size > MAX_BYTES
    yield BadFolder(folder, tmp_path / "store.duckdb")
    big.unlink()  # do not keep 50 MB around in pytest's retained temp folders


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={name: None for name in os.environ if name.startswith("WHIMBREL_")})


def _ingest(runner: CliRunner, case: BadFolder) -> Result:
    result = runner.invoke(main, ["ingest", str(case.folder), "--db", str(case.db)])
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def _summary(stdout: str) -> tuple[int, ...]:
    found = SUMMARY_RE.search(stdout)
    assert found is not None, stdout
    return tuple(int(n) for n in found.groups())


def _rejections(runner: CliRunner, db: Path) -> dict[str, dict[str, str]]:
    """Stored rejections as listed by the CLI, keyed by the file name part of their source."""
    result = runner.invoke(main, ["events", "--db", str(db), "--rejections", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return {Path(row["source"]).name: row for row in json.loads(result.stdout)}


def test_bad_input_run_stores_good_documents_and_rejects_bad_ones(
    runner: CliRunner, bad_folder: BadFolder
) -> None:
    result = _ingest(runner, bad_folder)
    assert result.exit_code == 3, (result.stdout, result.stderr)
    read, added, skipped, rejected, n_events = _summary(result.stdout)
    assert (read, added, skipped, rejected) == (N_READ, N_GOOD, 0, 4)
    with Store(bad_folder.db, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] == N_GOOD
    assert counts["events"] == n_events
    assert counts["rejections"] == 4

    rejections = _rejections(runner, bad_folder.db)
    assert {name: row["code"] for name, row in rejections.items()} == {
        "empty.txt": "W-INGEST-002",
        "blob.txt": "W-INGEST-003",
        "huge.txt": "W-INGEST-004",
        "feed.jsonl:2": "W-INGEST-005",  # the malformed line, by its line number
    }
    assert all(row["stage"] == "ingest" and row["reason"] for row in rejections.values())
    for code in ("W-INGEST-002", "W-INGEST-003", "W-INGEST-004", "W-INGEST-005"):
        assert code in result.stderr


def test_bad_input_run_decodes_latin1_text(runner: CliRunner, bad_folder: BadFolder) -> None:
    _ingest(runner, bad_folder)
    with duckdb.connect(str(bad_folder.db), read_only=True) as con:
        rows = con.execute("SELECT text FROM articles WHERE text LIKE '%Élysée%'").fetchall()
    assert [row[0] for row in rows] == [LATIN_TEXT]


def test_bad_input_run_again_adds_nothing(runner: CliRunner, bad_folder: BadFolder) -> None:
    _ingest(runner, bad_folder)
    with Store(bad_folder.db, read_only=True) as store:
        before = store.counts()
    first_rejections = _rejections(runner, bad_folder.db)

    again = _ingest(runner, bad_folder)
    assert again.exit_code == 3, (again.stdout, again.stderr)
    assert _summary(again.stdout) == (N_READ, 0, N_GOOD, 4, 0)
    with Store(bad_folder.db, read_only=True) as store:
        assert store.counts() == before
    assert _rejections(runner, bad_folder.db) == first_rejections


def test_bad_input_run_good_documents_already_stored(
    runner: CliRunner, bad_folder: BadFolder, tmp_path: Path
) -> None:
    """A store that already holds the good documents (ingested on their own) gains no
    articles from the mixed folder, only its rejections."""
    good_only = tmp_path / "good-only"
    good_only.mkdir()
    (good_only / "feed.jsonl").write_text(
        json.dumps(GOOD_LINE_1) + "\n" + json.dumps(GOOD_LINE_3) + "\n", encoding="utf-8"
    )
    (good_only / "latin.txt").write_bytes(LATIN_TEXT.encode("latin-1"))
    (good_only / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    first = runner.invoke(main, ["ingest", str(good_only), "--db", str(bad_folder.db)])
    assert first.exit_code == 0, (first.stdout, first.stderr)
    with Store(bad_folder.db, read_only=True) as store:
        before = store.counts()
    assert before["articles"] == N_GOOD

    result = _ingest(runner, bad_folder)
    assert result.exit_code == 3
    assert _summary(result.stdout) == (N_READ, 0, N_GOOD, 4, 0)
    with Store(bad_folder.db, read_only=True) as store:
        after = store.counts()
    assert after == {**before, "rejections": 4}
