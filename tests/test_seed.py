"""The user's seed article: exactly the 13 quantities of the contract, and a full golden file."""

from __future__ import annotations

import json

import pytest

from quantspan.engine import Extractor, Kind, Modifier
from quantspan.engine.golden import quantity_record

from .conftest import ROOT

SEED = ROOT / "seeds" / "000_d0e80a7b2713b16c.txt"
GOLDEN = ROOT / "seeds" / "000_d0e80a7b2713b16c.expected.json"

# surface contains, kind, modifier, numbers, unit (currency code or name), quantified contains
TABLE = [
    ("12,000", Kind.COUNT, Modifier.EXACT, {"value": 12000}, "", "troops"),
    ("at least 3,800", Kind.COUNT, Modifier.AT_LEAST, {"low": 3800}, "", "troops"),
    ("up to 40,000", Kind.COUNT, Modifier.AT_MOST, {"high": 40000}, "", "troops"),
    ("three-hour", Kind.DURATION, Modifier.EXACT, {"value": 3}, "hour", ""),
    ("3.7 million", Kind.COUNT, Modifier.EXACT, {"value": 3_700_000}, "", "shells"),
    ("between 10,000 and 12,000", Kind.COUNT, Modifier.RANGE, {"low": 10000, "high": 12000}, "", "troops"),
    ("thousands", Kind.COUNT, Modifier.VAGUE, {"low": 2000}, "", "containers"),
    ("nearly two weeks", Kind.DURATION, Modifier.NEARLY, {"value": 2}, "week", ""),
    ("over 1,000", Kind.COUNT, Modifier.MORE_THAN, {"low": 1000}, "", "casualties"),
    ("Roughly 15,000", Kind.COUNT, Modifier.APPROXIMATE, {"value": 15000}, "", "troops"),
    ("23,000", Kind.COUNT, None, {"value": 23000}, "", "troops"),
    ("$2.5 billion", Kind.MONEY, Modifier.EXACT, {"value": 2.5e9}, "USD", ""),
    ("$3.5 billion", Kind.MONEY, Modifier.EXACT, {"value": 3.5e9}, "USD", ""),
]


@pytest.fixture(scope="module")
def seed_result(extractor: Extractor):
    text = SEED.read_text(encoding="utf-8")
    return text, extractor.extract(text).quantities


def test_seed_has_exactly_the_13_quantities(seed_result) -> None:
    text, qs = seed_result
    assert len(qs) == len(TABLE), [q.text for q in qs]
    for q, (surface, kind, modifier, numbers, unit, quantified) in zip(qs, TABLE, strict=True):
        assert surface in q.text, (surface, q.text)
        assert text[q.start : q.end] == q.text
        assert q.kind is kind, (surface, q.kind)
        if modifier is not None:
            assert q.modifier is modifier, (surface, q.modifier)
        for key, want in numbers.items():
            assert getattr(q, key) == pytest.approx(want), (surface, key)
        if unit:
            assert unit in (q.unit.currency_code, q.unit.name), (surface, q.unit)
        assert quantified in q.quantified, (surface, q.quantified)


def test_seed_dates_are_not_quantities(seed_result) -> None:
    text, qs = seed_result
    for date in ("June 18", "Dec. 27", "Dec. 30"):
        at = text.index(date)
        assert not any(q.start < at + len(date) and at < q.end for q in qs), date


def test_seed_golden(seed_result) -> None:
    _, qs = seed_result
    assert [quantity_record(q) for q in qs] == json.loads(GOLDEN.read_text(encoding="utf-8"))
