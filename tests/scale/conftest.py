"""Fixtures for the scale tests: the invented corpus on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scale_corpus import invented_articles, write_jsonl


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Path]:
    yield write_jsonl(tmp_path / "corpus.jsonl", invented_articles())
