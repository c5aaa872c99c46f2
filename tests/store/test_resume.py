"""An ingest killed with SIGKILL half-way, then run again, yields exactly a clean run's store;
a second writer gets a clear message."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

_PAIRS = [
    ("Chinese", "Russian"),
    ("Indian", "French"),
    ("Japanese", "American"),
    ("British", "Norwegian"),
    ("Turkish", "Azerbaijani"),
]
_PLACES = ["the Sea of Japan", "the Baltic Sea", "the Arabian Sea", "the Black Sea"]
_MONTHS = ["March", "April", "May", "June", "July"]
N_DOCS = 150


def _corpus(path: Path) -> None:
    """Invented drill reports; every tenth one is a syndicated copy of the one before."""
    lines = []
    text = ""
    for i in range(N_DOCS):
        if i % 10 == 9:
            record = {"url": f"https://mirror.invalid/{i}", "text": text}
        else:
            a, b = _PAIRS[i % len(_PAIRS)]
            place = _PLACES[i % len(_PLACES)]
            month = _MONTHS[i % len(_MONTHS)]
            text = (
                f"{a} and {b} warships held a joint naval exercise in {place} on "
                f"{month} {1 + i % 27}, {2015 + i % 10}, officials said. Report number {i}."
            )
            record = {"url": f"https://news.invalid/{i}", "published": "2025-01-01", "text": text}
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHIMBREL_")}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "whimbrel",
            "--set",
            "store.batch_size=5",
            *extra,
            "ingest",
            str(corpus),
            "--db",
            str(db),
            "--no-progress",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


_TABLES = {
    "articles": "SELECT doc_id, title, url, published, lang, source, text FROM articles",
    "events": "SELECT * FROM events",
    "mentions": "SELECT * FROM mentions",
    "cluster_members": "SELECT * FROM cluster_members",
    "sources": "SELECT doc_id, url, source FROM sources",
    "rejections": "SELECT source, stage, code, reason, doc_id FROM rejections",
}


def _dump(db: Path) -> dict[str, list[Any]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in _TABLES.items()
        }


def test_resume_after_sigkill_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    clean = _ingest(corpus, clean_db)
    out, err = clean.communicate(timeout=300)
    assert clean.returncode == 0, err
    assert f"{N_DOCS} documents read" in out

    # --debug makes the store log each committed batch; kill right after the first one.
    victim = _ingest(corpus, killed_db, "--debug")
    assert victim.stderr is not None
    for line in victim.stderr:
        if "stored 5 new articles" in line:
            victim.send_signal(signal.SIGKILL)
            break
    victim.wait(timeout=60)
    victim.communicate()
    assert victim.returncode == -signal.SIGKILL
    with duckdb.connect(str(killed_db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    assert row is not None
    half = int(row[0])
    assert 5 <= half < N_DOCS - N_DOCS // 10  # killed half-way: some batches, not all

    again = _ingest(corpus, killed_db)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{N_DOCS - N_DOCS // 10 - half} added" in out  # the rest, nothing twice
    resumed, reference = _dump(killed_db), _dump(clean_db)
    assert {k: len(v) for k, v in resumed.items()} == {k: len(v) for k, v in reference.items()}
    assert resumed == reference
    assert len(reference["articles"]) == N_DOCS - N_DOCS // 10
    assert len(reference["sources"]) == N_DOCS  # every syndicated URL recorded


def test_resume_second_writer_gets_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom whimbrel.store import Store\n"
            f"s = Store({str(db)!r})\nprint('ready', flush=True)\nsys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        corpus = tmp_path / "one.jsonl"
        corpus.write_text(json.dumps({"text": "Nothing happened today."}) + "\n", "utf-8")
        second = _ingest(corpus, db)
        _out, err = second.communicate(timeout=120)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    assert second.returncode == 1
    assert "Traceback" not in err
    message = f"database {db} is in use by another process (pid {holder.pid})"
    assert f"error [W-STORE-002]: {message}" in err
