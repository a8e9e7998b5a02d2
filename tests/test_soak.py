"""No leak: the server's RSS after many requests stays within 1.2x of its RSS after a warm-up.
A small run of tests/soak.py (``make soak`` runs 100,000 requests)."""

from __future__ import annotations

import pytest

from .soak import soak

REQUESTS = 4_000
WARMUP = 1_500
MAX_GROWTH = 1.2


@pytest.mark.slow
def test_rss_does_not_grow_under_a_mixed_load() -> None:
    result = soak(REQUESTS, WARMUP, threads=4)
    print("\n" + result.report())
    assert result.outcomes.get("OK", 0) > REQUESTS * 0.9, result.outcomes
    assert set(result.outcomes) <= {"OK", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED"}, result.outcomes
    assert result.growth <= MAX_GROWTH, result.report()
