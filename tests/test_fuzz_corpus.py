"""Replays the fuzz corpus (fuzz/corpus: seeds and interesting inputs) and every input a fuzz run
found failing (fuzz/regressions) through the fuzz target's checks, on every test run: atheris is
not needed for this."""

from __future__ import annotations

from pathlib import Path

import pytest

from quantspan.engine import Extractor

from .conftest import ROOT
from .invariants import fuzz_problems

FUZZ = ROOT / "fuzz"
INPUTS = sorted(
    p
    for folder in ("corpus", "regressions")
    for p in (FUZZ / folder).glob("*")
    if p.is_file() and not p.name.startswith(".")
)


def test_there_is_a_corpus() -> None:
    assert len(INPUTS) >= 20


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_fuzz_input(extractor: Extractor, path: Path) -> None:
    problems = fuzz_problems(extractor, path.read_bytes())
    assert not problems, problems[:5]
