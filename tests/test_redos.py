"""ReDoS: the adversarial-input check of the rule patterns (quantspan.engine.redos, run by
``quantspan rules check`` / ``make check-rules``), and the per-request time budget that bounds
whatever slips through: a request over budget gets DEADLINE_EXCEEDED and the worker stays
healthy."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
import regex
from grpc_health.v1 import health_pb2, health_pb2_grpc

from quantspan.engine import Extractor, default_rules_dir, redos
from quantspan.server import SERVICE_NAME
from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .conftest import ROOT
from .test_service import error_info, open_channel, serving, small_config

#: Small inputs keep these unit tests fast; the real check uses redos.SMALL_CHARS.
SMALL_CHARS = 500
#: The super-linear cases need inputs long enough that the long one stays above redos.MIN_SECONDS
#: on a fast machine (a quadratic pattern takes about 0.04 s on 8 x 500 characters).
SUPER_LINEAR_CHARS = 1_000


@pytest.mark.parametrize(
    ("pattern", "how"),
    [
        (r"(a+)+$", "match"),  # exponential
        (r"\d*\s*\d*[a-z]", "match"),  # quadratic at least
        (r"(?:\d+\s?)+[a-z]", "match"),  # exponential over digits and spaces
        (r"[\d ]*\d[a-z]", "finditer"),  # quadratic when searched
    ],
)
def test_super_linear_patterns_are_found(pattern: str, how: str) -> None:
    target = redos.Target("test", regex.compile(pattern), how)
    findings = redos.check_target(target, small_chars=SUPER_LINEAR_CHARS)
    assert findings, f"{pattern} was not found super-linear"
    (finding,) = findings
    assert finding.ratio > redos.MAX_RATIO
    assert "super-linear" in str(finding) and "test" in str(finding)


@pytest.mark.parametrize(
    ("pattern", "how"),
    [
        (r"\d+", "match"),
        (r"\d{1,3}(?:,\d{3})+(?!\d)", "finditer"),
        (r"(?<![\w-])(?i:tens)[ \t]+of[ \t]+(?:thousands|millions)(?![\w])", "finditer"),
        (r"[^\W\d_][-‐/]?$", "finditer"),
    ],
)
def test_linear_patterns_pass(pattern: str, how: str) -> None:
    assert (
        redos.check_target(redos.Target("test", regex.compile(pattern), how), small_chars=SMALL_CHARS) == []
    )


def test_targets_cover_every_rule_regex(extractor: Extractor) -> None:
    found = {t.where for t in redos.targets(extractor)}
    lang = extractor.language("en")
    for rule in lang.ruleset.all_rules():
        for key, value in rule.compiled.items():
            if key == "pattern" or isinstance(value, regex.Pattern):
                assert f"en:{rule.file}:{rule.name}:{key}" in found
    assert any(":trigger:" in w or w.endswith(":scan") for w in found)  # the engine's own scan
    assert redos.describe(extractor)["patterns"] == len(found)


BAD_RULE = """\
family: exclusions
rules:
  - name: "catastrophic shape"
    shape: '(?:\\d+\\s?)+[a-z]'
    reason: a test of the ReDoS check
"""


def test_rules_check_fails_on_a_super_linear_pattern(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "en" / "zz_redos.yaml").write_text(BAD_RULE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "quantspan.cli", "rules", "check", "--rules", str(rules)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL redos")]
    assert len(fails) == 1, result.stdout
    assert "zz_redos.yaml:catastrophic shape:shape" in fails[0]
    assert "super-linear" in result.stdout.splitlines()[-1]


# --- The time budget of a request ------------------------------------------------------------

BUDGET_MS = 300
#: A text whose full extraction takes far longer than BUDGET_MS (tens of seconds).
HEAVY = "1-" * 200_000


def test_request_over_budget_is_deadline_exceeded_and_the_worker_stays_healthy(extractor: Extractor) -> None:
    config = small_config(max_text_chars=1_000_000, max_deadline_ms=BUDGET_MS, max_concurrent_rpcs=2)
    with serving(config, extractor) as target, open_channel(target) as channel:
        stub = pb_grpc.QuantityServiceStub(channel)
        health = health_pb2_grpc.HealthStub(channel)
        for i in range(3):  # more than the worker's threads: none stays stuck
            started = time.monotonic()
            with pytest.raises(grpc.RpcError) as caught:
                stub.Extract(pb.ExtractRequest(text=HEAVY, request_id=f"heavy-{i}"), timeout=60)
            elapsed = time.monotonic() - started
            error = caught.value
            assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, error.details()
            assert f"max_deadline_ms={BUDGET_MS}" in error.details()
            assert error_info(error).reason == "DEADLINE_EXCEEDED"
            assert elapsed < BUDGET_MS / 1000 + 5, (
                f"the budget was {BUDGET_MS} ms, the answer took {elapsed:.1f}s"
            )
        status = health.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=5).status
        assert status == health_pb2.HealthCheckResponse.SERVING
        started = time.monotonic()
        response = stub.Extract(pb.ExtractRequest(text="at least 3,800 troops"), timeout=10)
        assert [q.text for q in response.quantities] == ["at least 3,800"]
        assert time.monotonic() - started < 5


def test_client_deadline_shorter_than_the_cap_bounds_the_work(extractor: Extractor) -> None:
    config = small_config(max_text_chars=1_000_000, max_deadline_ms=30_000)
    with serving(config, extractor) as target, open_channel(target) as channel:
        stub = pb_grpc.QuantityServiceStub(channel)
        started = time.monotonic()
        with pytest.raises(grpc.RpcError) as caught:
            stub.Extract(pb.ExtractRequest(text=HEAVY), timeout=0.5)
        assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        # the engine stopped too: the next request is not queued behind the abandoned one
        response = stub.Extract(pb.ExtractRequest(text="12 km"), timeout=10)
        assert [q.text for q in response.quantities] == ["12 km"]
        assert time.monotonic() - started < 8
