"""Fixtures for the CLI tests: an isolated runner and small invented articles on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

# Invented security-news snippets, each with one clear event the rules should find.
DRILL_TEXT = (
    "Russian and Chinese warships began a joint naval exercise in the Sea of Japan on Monday, "
    "the defence ministry said.\n"
)
AID_HTML = (
    "<!doctype html><html><head><title>Air defence for Kyiv</title></head><body><article>"
    "<h1>Berlin sends more air defence</h1>"
    "<p>Germany delivered two more air defence systems to Ukraine on Thursday, officials in "
    "Berlin said.</p>"
    "<p>The systems will be used to protect power stations from drone strikes.</p>"
    "</article></body></html>\n"
)
# One article per line: an agreement, a drill with a planned follow-up, military aid.
CORPUS_JSONL = (
    '{"doc_id": "c-agree", "published": "2024-04-03", "text": "Japan and the Philippines '
    "signed a defence agreement in Manila on Tuesday, allowing troops to train on each "
    "other's soil.\"}\n"
    '{"doc_id": "c-drill", "published": "2025-07-15", "text": "Russian and Chinese warships '
    "began a joint naval exercise in the Sea of Japan on Monday, the defence ministry said. "
    "The navies of China and Russia will stage another joint drill in the East China Sea in "
    '2026."}\n'
    '{"doc_id": "c-aid", "published": "2023-02-10", "text": "Germany delivered two more air '
    'defence systems to Ukraine on Thursday, officials in Berlin said."}\n'
)


@pytest.fixture
def runner() -> CliRunner:
    """A runner that ignores any WHIMBREL_* settings of the surrounding environment."""
    return CliRunner(env={name: None for name in os.environ if name.startswith("WHIMBREL_")})


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every CLI test in its own folder, so default paths never land in the repo."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def drill_txt(tmp_path: Path) -> Path:
    path = tmp_path / "drill.txt"
    path.write_text(DRILL_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def aid_html(tmp_path: Path) -> Path:
    path = tmp_path / "aid.html"
    path.write_text(AID_HTML, encoding="utf-8")
    return path


@pytest.fixture
def corpus_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text(CORPUS_JSONL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stored_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, JSONL file): the corpus ingested once through the CLI for query tests."""
    from whimbrel.cli import main

    folder = tmp_path_factory.mktemp("stored")
    corpus = folder / "corpus.jsonl"
    corpus.write_text(CORPUS_JSONL, encoding="utf-8")
    db = folder / "store.duckdb"
    runner = CliRunner(env={name: None for name in os.environ if name.startswith("WHIMBREL_")})
    result = runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, corpus
