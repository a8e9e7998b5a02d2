"""Shared fixtures: the engine is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from quantspan.engine import Extractor

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()
