"""The engine's result types: plain dataclasses, no gRPC, no protobuf."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """Broad class of a quantity (mirrors quantspan.v1.Kind)."""

    COUNT = "COUNT"
    MONEY = "MONEY"
    PERCENTAGE = "PERCENTAGE"
    DURATION = "DURATION"
    MEASUREMENT = "MEASUREMENT"


class Modifier(StrEnum):
    """How the stated number bounds the true one (mirrors quantspan.v1.Modifier)."""

    EXACT = "EXACT"
    APPROXIMATE = "APPROXIMATE"
    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"
    MORE_THAN = "MORE_THAN"
    LESS_THAN = "LESS_THAN"
    NEARLY = "NEARLY"
    RANGE = "RANGE"
    TOLERANCE = "TOLERANCE"
    VAGUE = "VAGUE"


APPROXIMATE_MODIFIERS = frozenset({Modifier.APPROXIMATE, Modifier.NEARLY, Modifier.VAGUE})


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of measure, with what it takes to restate a number in its dimension's base unit.

    ``base_value = value * factor + offset`` (offset is non-zero only for temperature scales).
    """

    name: str
    symbol: str = ""
    dimension: str = "dimensionless"
    kind: Kind = Kind.COUNT
    currency_code: str = ""
    uri: str = ""
    factor: float = 1.0
    offset: float = 0.0
    base_name: str = ""
    base_symbol: str = ""

    def to_base(self, x: float | None) -> float | None:
        """Restate ``x`` (a number in this unit) in the base unit."""
        if x is None:
            return None
        return x * self.factor + self.offset

    @property
    def base(self) -> Unit:
        """The base unit of this unit's dimension, as a Unit of its own."""
        if not self.base_name or self.base_name == self.name:
            return self
        return Unit(
            name=self.base_name,
            symbol=self.base_symbol,
            dimension=self.dimension,
            kind=self.kind,
            currency_code=self.currency_code,
            base_name=self.base_name,
            base_symbol=self.base_symbol,
        )


COUNT_UNIT = Unit(name="", dimension="dimensionless", kind=Kind.COUNT)


@dataclass(slots=True)
class Quantity:
    """One quantity found in a text. ``text == source[start:end]`` always holds (code points)."""

    text: str
    start: int
    end: int
    kind: Kind
    modifier: Modifier
    value: float | None = None
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = False
    high_inclusive: bool = False
    approximate: bool = False
    unit: Unit = COUNT_UNIT
    quantified: str = ""
    rules: tuple[str, ...] = ()

    @property
    def normalized(self) -> tuple[float | None, float | None, float | None, Unit]:
        """(value, low, high, base unit): the numbers restated in the dimension's base unit."""
        u = self.unit
        return u.to_base(self.value), u.to_base(self.low), u.to_base(self.high), u.base


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate that looked like a quantity but is not one, with the rule that said so."""

    text: str
    start: int
    end: int
    rule: str
    reason: str


@dataclass(slots=True)
class Extraction:
    """Everything one call of the engine returns."""

    quantities: list[Quantity]
    rules_version: str
    rejections: list[Rejection] = field(default_factory=list)
