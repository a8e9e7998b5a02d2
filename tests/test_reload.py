"""Rules reloads without a restart: ``--watch-rules`` and SIGHUP.

A valid change swaps the engine atomically (rules_version changes in responses and GetInfo; no
request fails or mixes old and new rules, even under load); an invalid one (bad YAML, an unknown
key, a regex that does not compile, a failing rule example) is rejected: the previous rules keep
serving, the error is logged and GetInfo.last_rules_error names its file:rule:field until a good
version loads. Every test serves a copy of rules/ from a temporary directory.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest

from quantspan import convert
from quantspan.client import QuantspanClient
from quantspan.engine import Extractor, default_rules_dir
from quantspan.reload import EngineSlot, RulesReloader
from quantspan.server import create_server
from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .procs import Served, wait_serving
from .test_service import open_channel, small_config

TEXT = "The zorblax 42 apples and 3 km."
RULE_FILE = "zz_reload_test.yaml"
#: A valid change: "zorblax" before a number makes it no quantity.
GOOD = """\
family: exclusions
lexicons:
  reload_test_prev: [zorblax]
rules:
  - name: "after zorblax"
    prev: reload_test_prev
    reason: a reload test
    negatives: ["zorblax 42 apples"]
"""
#: Invalid changes, and the file:rule:field their error must name.
BAD = {
    "bad YAML": ("family: exclusions\nrules: [\n  {name: oops\n", f"{RULE_FILE}"),
    "unknown key": (
        GOOD.replace("    reason:", "    colour: red\n    reason:"),
        f"{RULE_FILE}:after zorblax:colour",
    ),
    "regex that does not compile": (
        GOOD.replace("    prev: reload_test_prev", "    next_regex: '(unclosed'"),
        f"{RULE_FILE}:after zorblax:next_regex",
    ),
    "failing example": (GOOD.replace("[zorblax]", "[flurb]"), f"{RULE_FILE}:after zorblax"),
}


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    return rules


def texts_of(response: pb.ExtractResponse) -> list[str]:
    return [q.text for q in response.quantities]


def counts_42(response: pb.ExtractResponse) -> bool:
    """Whether "42" (after "zorblax") is a quantity: with the old rules, not with GOOD."""
    return any(q.text.startswith("42") for q in response.quantities)


# --- In process: the swap under load ---------------------------------------------------------


@pytest.fixture
def reloading(rules_dir: Path) -> Iterator[tuple[str, EngineSlot, RulesReloader]]:
    slot = EngineSlot(Extractor.load(rules_dir))
    server, port = create_server(small_config(max_concurrent_rpcs=8), slot)
    server.start()
    try:
        yield f"127.0.0.1:{port}", slot, RulesReloader(rules_dir, slot)
    finally:
        server.stop(None).wait(10)


@pytest.mark.slow
def test_valid_change_swaps_atomically_under_load(
    reloading: tuple[str, EngineSlot, RulesReloader], rules_dir: Path
) -> None:
    target, slot, reloader = reloading
    old = slot.engine
    expected_old = convert.extraction_to_pb(old.extract(TEXT), TEXT)
    assert counts_42(expected_old)
    seen: list[tuple[str, pb.ExtractResponse]] = []
    failures: list[str] = []
    latencies: list[float] = []
    stop = threading.Event()
    lock = threading.Lock()

    def hammer() -> None:
        with open_channel(target) as channel:
            stub = pb_grpc.QuantityServiceStub(channel)
            while not stop.is_set():
                started = time.monotonic()
                try:
                    response = stub.Extract(pb.ExtractRequest(text=TEXT), timeout=30)
                except grpc.RpcError as error:
                    with lock:
                        failures.append(f"{error.code().name}: {error.details()}")
                    continue
                with lock:
                    seen.append((response.rules_version, response))
                    latencies.append(time.monotonic() - started)

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(6)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    (rules_dir / "en" / RULE_FILE).write_text(GOOD, encoding="utf-8")
    reload_started = time.monotonic()
    assert reloader.reload("test"), slot.last_error
    reload_seconds = time.monotonic() - reload_started
    before_swap = len(seen)
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(30)

    new = slot.engine
    assert new is not old and new.rules_version != old.rules_version
    expected_new = convert.extraction_to_pb(new.extract(TEXT), TEXT)
    assert not counts_42(expected_new) and "3 km" in texts_of(expected_new)
    assert not failures, failures[:5]
    versions = Counter(version for version, _ in seen)
    assert set(versions) == {old.rules_version, new.rules_version}, versions
    for version, response in seen:  # each answer wholly old or wholly new
        assert response == (expected_old if version == old.rules_version else expected_new)
    with open_channel(target) as channel:
        info = pb_grpc.QuantityServiceStub(channel).GetInfo(pb.GetInfoRequest(), timeout=5)
    assert info.rules_version == new.rules_version and info.last_rules_error == ""
    latencies.sort()
    print(
        f"\nreload under load: {len(seen)} requests ({before_swap} while the new rules loaded), 0 failed, "
        f"versions {dict(versions)}; reload took {reload_seconds:.2f}s; "
        f"p50 {1000 * latencies[len(latencies) // 2]:.1f} ms, max {1000 * latencies[-1]:.1f} ms"
    )


@pytest.mark.slow
def test_invalid_changes_are_rejected_and_reported_until_a_good_version_loads(
    reloading: tuple[str, EngineSlot, RulesReloader], rules_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target, slot, reloader = reloading
    good_version = slot.engine.rules_version
    with open_channel(target) as channel:
        stub = pb_grpc.QuantityServiceStub(channel)
        for name, (content, where) in BAD.items():
            (rules_dir / "en" / RULE_FILE).write_text(content, encoding="utf-8")
            assert not reloader.reload("test"), name
            info = stub.GetInfo(pb.GetInfoRequest(), timeout=5)
            assert info.rules_version == good_version, name
            assert info.last_rules_error.startswith(where) or f" {where}:" in info.last_rules_error, (
                name,
                info.last_rules_error,
            )
            assert any(where in r.getMessage() for r in caplog.records), name
            response = stub.Extract(pb.ExtractRequest(text=TEXT), timeout=10)  # still the old rules
            assert counts_42(response) and response.rules_version == good_version
        (rules_dir / "en" / RULE_FILE).unlink()  # back to a valid version
        assert reloader.reload("test")
        assert stub.GetInfo(pb.GetInfoRequest(), timeout=5).last_rules_error == ""
    assert reloader.failures == len(BAD)


# --- quantspan serve: --watch-rules, SIGHUP, and a replaced worker ---------------------------


def _wait_info(
    client: QuantspanClient, predicate: Callable[[pb.GetInfoResponse], bool], timeout: float
) -> pb.GetInfoResponse:
    deadline = time.monotonic() + timeout
    while True:
        info = client.info()
        if predicate(info):
            return info
        assert time.monotonic() < deadline, f"GetInfo never matched; last: {info}"
        time.sleep(0.2)


@pytest.mark.slow
def test_serve_watch_rules_reloads_without_a_restart(rules_dir: Path) -> None:
    with Served(["--workers", "1", "--rules", str(rules_dir), "--watch-rules"]) as served:
        wait_serving(served.target, 60)
        with QuantspanClient(served.target, timeout=10) as client:
            first = client.info().rules_version
            assert counts_42(client.extract(TEXT))
            (rules_dir / "en" / RULE_FILE).write_text(GOOD, encoding="utf-8")
            second = _wait_info(client, lambda i: i.rules_version != first, 30).rules_version
            response = client.extract(TEXT)
            assert not counts_42(response) and response.rules_version == second
            content, where = BAD["regex that does not compile"]
            (rules_dir / "en" / RULE_FILE).write_text(content, encoding="utf-8")
            info = _wait_info(client, lambda i: i.last_rules_error != "", 30)
            assert info.last_rules_error.startswith(where) and info.rules_version == second
            assert not counts_42(client.extract(TEXT))
            served.wait_for_log(f"rules reload rejected .*{where}", 10)
            (rules_dir / "en" / RULE_FILE).write_text(GOOD, encoding="utf-8")
            _wait_info(client, lambda i: i.last_rules_error == "", 30)
        assert served.proc.poll() is None and served.log().count("serving on") == 1  # never restarted
        assert served.stop() == 0


@pytest.mark.slow
def test_sighup_reloads_every_worker_and_a_replacement_starts_with_the_new_rules(rules_dir: Path) -> None:
    with Served(["--workers", "2", "--rules", str(rules_dir)]) as served:
        wait_serving(served.target, 60)

        def versions(n: int = 8) -> Counter[str]:
            seen: Counter[str] = Counter()
            for _ in range(n):  # new connections: the kernel spreads them over the workers
                with QuantspanClient(served.target, timeout=10) as client:
                    seen[client.info().rules_version] += 1
            return seen

        (first,) = versions()
        (rules_dir / "en" / RULE_FILE).write_text(GOOD, encoding="utf-8")
        time.sleep(0.2)
        assert set(versions()) == {first}, "nothing reloads before SIGHUP"
        served.signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while set(seen := versions()) == {first} or len(seen) > 1:
            assert time.monotonic() < deadline, seen
            time.sleep(0.3)
        (second,) = seen
        assert served.wait_for_log("rules reloaded", 10)
        # a worker that dies now is replaced with the new rules, not the ones it was forked with
        victim = served.worker_pids()[1]
        mark = len(served.lines)
        os.kill(victim, signal.SIGKILL)
        served.wait_for_log(r"worker 1 started", 60, start=mark)
        wait_serving(served.target, 60)
        assert set(versions(12)) == {second}
        assert served.stop() == 0
