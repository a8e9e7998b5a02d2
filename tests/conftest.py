"""Shared fixtures: the engine is loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from quantspan.engine import Extractor

ROOT = Path(__file__).resolve().parents[1]

# parsed rule files are cached in a directory of this run, not in the user's cache (the servers
# the tests start inherit it), removed when the run ends
if "QUANTSPAN_CACHE_DIR" not in os.environ:
    _CACHE_DIR = tempfile.mkdtemp(prefix="quantspan-test-cache-")
    os.environ["QUANTSPAN_CACHE_DIR"] = _CACHE_DIR
    atexit.register(shutil.rmtree, _CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()
