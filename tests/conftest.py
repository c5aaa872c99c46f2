"""Shared fixtures: one Pipeline (and one spaCy model load) for the whole run; paths to the
shared data beside the repository, which tests skip without."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.config import Config
from whimbrel.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Config.load(environ={}))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data" / "dev.jsonl").exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED
