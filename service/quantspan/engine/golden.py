"""A stable, readable record of a quantity, for golden files."""

from __future__ import annotations

from typing import Any

from quantspan.engine.model import Quantity


def quantity_record(q: Quantity) -> dict[str, Any]:
    """Every field of ``q`` as plain JSON values."""
    nv, nl, nh, base = q.normalized
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "kind": str(q.kind),
        "modifier": str(q.modifier),
        "approximate": q.approximate,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "low_inclusive": q.low_inclusive,
        "high_inclusive": q.high_inclusive,
        "unit": {
            "name": q.unit.name,
            "symbol": q.unit.symbol,
            "dimension": q.unit.dimension,
            "currency_code": q.unit.currency_code,
        },
        "normalized": {"value": nv, "low": nl, "high": nh, "unit": base.name},
        "quantified": q.quantified,
        "rules": list(q.rules),
    }
