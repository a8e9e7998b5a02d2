"""Benchmarks of quantspan: ``python -m bench.bench`` (engine) and ``python -m bench.loadtest`` (service)."""
