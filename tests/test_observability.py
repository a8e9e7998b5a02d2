"""Metrics, access logs and scale-out: Prometheus scrapes, JSON log lines, and one client
channel balancing over three servers with round_robin. Everything on 127.0.0.1."""

from __future__ import annotations

import collections
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families

from quantspan import metrics
from quantspan.cli import JsonFormatter
from quantspan.engine import Extractor
from quantspan.server import SERVICE_NAME, instance_name
from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .test_service import _read_line, _wait_serving, open_channel, serving, small_config, start_serve

SECRET = "Zebra-7f3c"  # a marker that must never reach the logs unless --log-text


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(args: list[str]) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``quantspan serve --host 127.0.0.1 --port 0 ARGS`` in a subprocess, SERVING; yields
    (target, process). Stops it with SIGTERM; the caller may read ``process.stderr`` after."""
    proc = start_serve(["--host", "127.0.0.1", "--port", "0", "--grace-seconds", "2", *args])
    try:
        line = _read_line(proc.stdout, timeout=60)
        assert line.startswith("listening on 127.0.0.1:"), line
        target = line.split()[-1]
        _wait_serving(target, timeout=60)
        yield target, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of http://127.0.0.1:PORT/metrics, by (name, sorted labels)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert response.status == 200
        body = response.read().decode("utf-8")
    samples = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def handled(method: str, code: str, rpc_type: str = "unary") -> tuple[str, tuple[tuple[str, str], ...]]:
    labels = {"grpc_code": code, "grpc_method": method, "grpc_service": SERVICE_NAME, "grpc_type": rpc_type}
    return ("grpc_server_handled_total", tuple(sorted(labels.items())))


# --- Metrics -----------------------------------------------------------------------------------


def test_metrics_are_off_by_default() -> None:
    assert small_config().metrics_port == 0
    assert not metrics.enabled()
    metrics.record_rules_reload(ok=True)  # a no-op, not an error
    metrics.worker_serving()


def test_metrics_of_two_workers_are_summed_by_the_supervisor() -> None:
    metrics_port = free_port()
    with served(["--workers", "2", "--metrics-port", str(metrics_port)]) as (target, _):
        ok = 6
        for i in range(ok):  # a new connection each time: the kernel spreads them over the workers
            with open_channel(target) as ch:
                response = pb_grpc.QuantityServiceStub(ch).Extract(
                    pb.ExtractRequest(text="at least 3,800 troops walked 12 km", request_id=f"m{i}"),
                    timeout=10,
                )
                assert len(response.quantities) == 2
        pids = set()
        for _ in range(20):
            with open_channel(target) as ch:
                pids.add(pb_grpc.QuantityServiceStub(ch).GetInfo(pb.GetInfoRequest(), timeout=10).instance)
        with open_channel(target) as ch:
            stub = pb_grpc.QuantityServiceStub(ch)
            with pytest.raises(grpc.RpcError) as caught:
                stub.Extract(pb.ExtractRequest(text="3 km", kinds=[0]), timeout=10)
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            stream = [pb.ExtractRequest(text="3 km"), pb.ExtractRequest(text="5 kg and 7 m")]
            assert len(list(stub.ExtractStream(iter(stream), timeout=10))) == 2

        samples = scrape(metrics_port)
        assert samples[handled("Extract", "OK")] == ok
        assert samples[handled("Extract", "INVALID_ARGUMENT")] == 1
        assert samples[handled("GetInfo", "OK")] == 20
        assert samples[handled("ExtractStream", "OK", "bidi_stream")] == 1
        latency = (
            "grpc_server_handling_seconds_count",
            (("grpc_method", "Extract"), ("grpc_service", SERVICE_NAME), ("grpc_type", "unary")),
        )
        assert samples[latency] == ok + 1
        assert samples[("quantspan_request_text_chars_count", (("grpc_method", "Extract"),))] == ok + 1
        assert samples[("quantspan_request_text_chars_sum", (("grpc_method", "Extract"),))] == ok * 34 + 4
        assert samples[("quantspan_response_quantities_sum", (("grpc_method", "Extract"),))] == 2 * ok
        assert samples[("quantspan_response_quantities_sum", (("grpc_method", "ExtractStream"),))] == 3
        assert samples[("quantspan_workers_alive", ())] == 2
        assert samples[("quantspan_rules_reloads_total", ())] == 0
        assert samples[("quantspan_rules_reload_failures_total", ())] == 0
        if len(pids) == 2:  # both workers served: the counts above are sums over processes
            assert all(p.rsplit(":", 1)[1].isdigit() for p in pids)


@pytest.fixture
def in_process_metrics() -> Iterator[Any]:
    registry = metrics.setup(multiprocess=False)
    try:
        yield registry
    finally:
        metrics.reset_for_tests()


def test_metrics_interceptor_in_process(in_process_metrics: Any, extractor: Extractor) -> None:
    registry = in_process_metrics

    def value(name: str, **labels: str) -> float | None:
        return registry.get_sample_value(name, labels)

    with serving(small_config(), extractor) as target, open_channel(target) as ch:
        assert value("quantspan_workers_alive") == 1
        stub = pb_grpc.QuantityServiceStub(ch)
        stub.Extract(pb.ExtractRequest(text="3 km and 5 kg"), timeout=10)
        items = [pb.ExtractRequest(text="3 km", request_id="a"), pb.ExtractRequest(text="x" * 20_000)]
        with pytest.raises(grpc.RpcError):
            list(stub.ExtractStream(iter(items), timeout=10))
        health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
        unary = {"grpc_service": SERVICE_NAME, "grpc_type": "unary"}
        assert value("grpc_server_handled_total", grpc_method="Extract", grpc_code="OK", **unary) == 1
        bidi = {"grpc_service": SERVICE_NAME, "grpc_type": "bidi_stream"}
        assert (
            value(
                "grpc_server_handled_total", grpc_method="ExtractStream", grpc_code="INVALID_ARGUMENT", **bidi
            )
            == 1
        )
        health = {"grpc_service": "grpc.health.v1.Health", "grpc_type": "unary", "grpc_method": "Check"}
        assert value("grpc_server_handled_total", grpc_code="OK", **health) == 1
        assert value("quantspan_request_text_chars_sum", grpc_method="ExtractStream") == 20_004
        assert value("quantspan_response_quantities_sum", grpc_method="Extract") == 2
        assert value("quantspan_response_quantities_count", grpc_method="ExtractStream") == 1

    metrics.record_rules_reload(ok=True)
    metrics.record_rules_reload(ok=True)
    metrics.record_rules_reload(ok=False)
    assert value("quantspan_rules_reloads_total") == 2
    assert value("quantspan_rules_reload_failures_total") == 1


# --- Access logs -------------------------------------------------------------------------------


def test_json_access_log_has_no_text() -> None:
    text = f"{SECRET}: at least 3,800 troops"
    with served(["--workers", "1", "--log-format", "json"]) as (target, proc):
        with open_channel(target) as ch:
            stub = pb_grpc.QuantityServiceStub(ch)
            stub.Extract(pb.ExtractRequest(text=text, request_id="log-1"), timeout=10)
            with pytest.raises(grpc.RpcError):
                stub.Extract(pb.ExtractRequest(text=SECRET, language="xx", request_id="log-2"), timeout=10)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        _, stderr = proc.communicate(timeout=10)
    lines = [json.loads(line) for line in stderr.splitlines() if line.strip()]  # every line is JSON
    rpcs = {e["request_id"]: e for e in lines if e.get("event") == "rpc"}
    ok = rpcs["log-1"]
    assert ok["logger"] == "quantspan.access" and ok["level"] == "INFO"
    assert ok["method"] == f"/{SERVICE_NAME}/Extract"
    assert ok["code"] == "OK"
    assert ok["text_chars"] == len(text)
    assert ok["quantities"] == 1
    assert isinstance(ok["duration_ms"], float) and ok["duration_ms"] >= 0
    assert ok["pid"] == proc.pid
    assert rpcs["log-2"]["code"] == "INVALID_ARGUMENT"
    assert SECRET not in stderr
    assert all("text" not in e and "texts" not in e for e in rpcs.values())


def test_access_log_texts_only_with_log_text(extractor: Extractor, caplog: pytest.LogCaptureFixture) -> None:
    formatter = JsonFormatter()
    for log_text in (False, True):
        caplog.clear()
        with (
            caplog.at_level(logging.INFO, logger="quantspan.access"),
            serving(small_config(log_text=log_text), extractor) as target,
            open_channel(target) as ch,
        ):
            stub = pb_grpc.QuantityServiceStub(ch)
            stub.Extract(pb.ExtractRequest(text=f"{SECRET} 3 km", request_id="u1"), timeout=10)
            items = [pb.ExtractRequest(text=f"{SECRET} {i} kg", request_id=f"s{i}") for i in range(2)]
            assert len(list(stub.ExtractStream(iter(items), timeout=10))) == 2
        entries = [json.loads(formatter.format(r)) for r in caplog.records if r.name == "quantspan.access"]
        by_method = {e["method"].rsplit("/", 1)[1]: e for e in entries}
        unary, stream = by_method["Extract"], by_method["ExtractStream"]
        assert unary["request_id"] == "u1" and unary["requests"] == 1
        assert stream["request_id"] == "s1" and stream["requests"] == 2  # the last item read
        assert stream["text_chars"] == 2 * len(f"{SECRET} 0 kg")
        if log_text:
            assert unary["text"] == f"{SECRET} 3 km"
            assert stream["texts"] == [f"{SECRET} 0 kg", f"{SECRET} 1 kg"]
        else:
            assert not any(SECRET in formatter.format(r) for r in caplog.records)


# --- Scale-out -----------------------------------------------------------------------------


def test_get_info_names_the_instance(extractor: Extractor) -> None:
    with serving(small_config(), extractor) as target, open_channel(target) as ch:
        info = pb_grpc.QuantityServiceStub(ch).GetInfo(pb.GetInfoRequest(), timeout=5)
    assert info.instance == instance_name() == f"{socket.gethostname()}:{os.getpid()}"


def test_round_robin_spreads_requests_over_three_servers() -> None:
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(served(["--workers", "1"])) for _ in range(3)]
        ports = [target.rsplit(":", 1)[1] for target, _ in servers]
        pids = {str(proc.pid) for _, proc in servers}
        target = "ipv4:" + ",".join(f"127.0.0.1:{p}" for p in ports)
        options = [("grpc.lb_policy_name", "round_robin")]
        with grpc.insecure_channel(target, options=options) as channel:
            stub = pb_grpc.QuantityServiceStub(channel)
            # round_robin only picks connected backends: wait until all three have answered.
            seen: set[str] = set()
            for _ in range(60):
                seen.add(stub.GetInfo(pb.GetInfoRequest(), timeout=10, wait_for_ready=True).instance)
                if len(seen) == 3:
                    break
            assert {s.rsplit(":", 1)[1] for s in seen} == pids
            counts = collections.Counter(
                stub.GetInfo(pb.GetInfoRequest(), timeout=10).instance.rsplit(":", 1)[1] for _ in range(30)
            )
    assert set(counts) == pids
    assert all(n == 10 for n in counts.values()), counts  # one each, in turn
