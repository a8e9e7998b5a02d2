"""Coverage-guided fuzzing of the extraction engine with atheris (libFuzzer).

    make fuzz                      # FUZZ_SECONDS=60 by default; not part of CI
    make fuzz FUZZ_SECONDS=600

Each input is a flag byte (lone surrogates allowed, explain, a kind filter) and a text in UTF-8
(see tests/invariants.py: fuzz_request). The target fails on any invariant broken: an exception
escaping the engine, a span that does not slice the text to its ``text`` in code points, UTF-8
or UTF-16, a number that is not finite, a result that differs on a second run, or the deadline
overrun. Seeds are in fuzz/corpus (committed); what the fuzzer adds goes to fuzz/corpus-local
(ignored by git), crashes to fuzz/crashes. A crash found is made a regression test by copying
its input into fuzz/regressions/ under a telling name: tests/test_fuzz_corpus.py replays every
file of fuzz/corpus and fuzz/regressions on every test run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "service")]

with atheris.instrument_imports(include=["quantspan"]):
    from quantspan.engine import Extractor

from tests.invariants import fuzz_problems  # noqa: E402

EXTRACTOR = Extractor.load()


def test_one_input(data: bytes) -> None:
    problems = fuzz_problems(EXTRACTOR, data)
    if problems:
        raise AssertionError(f"{data[:200]!r}: {problems[:5]}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
