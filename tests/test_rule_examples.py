"""Every example of every rule file, as one parametrized test: adding a rule needs no test code."""

from __future__ import annotations

import pytest

from quantspan.engine import Extractor
from quantspan.engine.examples import Example, check, collect

_EXTRACTOR = Extractor.load()
EXAMPLES = list(collect(_EXTRACTOR))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_rule_example(example: Example) -> None:
    errors = check(_EXTRACTOR, example)
    assert not errors, "\n".join(errors)


def test_enough_examples() -> None:
    positives = sum(len(e.expect) > 0 for e in EXAMPLES if e.expect is not None)
    negatives = sum(e.expect is None for e in EXAMPLES)
    assert positives >= 300, positives
    assert negatives >= 100, negatives
