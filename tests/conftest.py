"""Shared fixtures: the engine is loaded once per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from quantspan.engine import Extractor

ROOT = Path(__file__).resolve().parents[1]

# parsed rule files are cached in a directory of this run, not in the user's cache (the servers
# the tests start inherit it)
os.environ.setdefault("QUANTSPAN_CACHE_DIR", tempfile.mkdtemp(prefix="quantspan-test-cache-"))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()
