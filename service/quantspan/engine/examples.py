"""Run the examples that every rule carries: positives must give exactly the stated
quantities, negatives must give none."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from quantspan.engine.extractor import Extractor
from quantspan.engine.model import Quantity


@dataclass(frozen=True, slots=True)
class Example:
    """One example of one rule."""

    language: str
    file: str
    rule: str
    text: str
    expect: tuple[dict[str, Any], ...] | None  # None: a negative example

    @property
    def id(self) -> str:
        """A readable test id."""
        sign = "neg" if self.expect is None else "pos"
        return f"{self.language}/{self.file}:{self.rule}:{sign}:{self.text[:40]}"


def collect(extractor: Extractor) -> Iterator[Example]:
    """Every example of every rule of every loaded language, in file order."""
    for tag in extractor.languages:
        lang = extractor.language(tag)
        for rule in lang.ruleset.all_rules():
            for ex in rule.examples:
                yield Example(tag, rule.file, rule.name, ex["text"], tuple(ex.get("expect") or ()))
            for neg in rule.negatives:
                yield Example(tag, rule.file, rule.name, neg, None)
        for entry, ex in lang.units.examples:
            yield Example(tag, "units.yaml", entry, ex["text"], tuple(ex.get("expect") or ()))


def _unit_matches(want: str, q: Quantity) -> bool:
    w = want.lower()
    u = q.unit
    return w in {u.name.lower(), u.symbol.lower(), u.currency_code.lower()}


def check(extractor: Extractor, ex: Example) -> list[str]:
    """The ways ``ex`` fails (empty when it passes)."""
    got = extractor.extract(ex.text, language=ex.language).quantities
    if ex.expect is None:
        return [f"expected nothing, got {q.text!r} ({q.kind}, {q.modifier})" for q in got]
    errors: list[str] = []
    if len(got) != len(ex.expect):
        found = ", ".join(repr(q.text) for q in got) or "nothing"
        return [f"expected {len(ex.expect)} quantities, got {len(got)}: {found}"]
    for want, q in zip(ex.expect, got, strict=True):
        for key, value in want.items():
            if key == "unit":
                ok = _unit_matches(str(value), q)
                have: Any = f"{q.unit.name}/{q.unit.symbol}/{q.unit.currency_code}"
            elif key in ("value", "low", "high"):
                have = getattr(q, key)
                ok = have is not None and math.isclose(have, float(value), rel_tol=1e-9, abs_tol=1e-12)
            elif key == "rules":
                have = q.rules
                ok = all(r in q.rules for r in value)
            else:
                have = getattr(q, key)
                ok = str(have) == str(value) if key in ("kind", "modifier") else have == value
            if not ok:
                errors.append(f"{want['text']!r}: {key} expected {value!r}, got {have!r}")
    return errors


def run_all(extractor: Extractor) -> list[str]:
    """Check every example; one line per failure."""
    failures = []
    for ex in collect(extractor):
        for err in check(extractor, ex):
            failures.append(f"{ex.file}:{ex.rule}: {ex.text!r}: {err}")
    return failures
