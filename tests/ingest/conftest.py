"""Fixtures for the ingest tests."""

from __future__ import annotations

import pytest

from whimbrel.config import Config


@pytest.fixture
def config() -> Config:
    """Packaged defaults only, whatever WHIMBREL_* variables the environment holds."""
    return Config.load(environ={})
