"""Overload, a worker killed, a graceful redeploy: what clients see.

- more concurrent extractions than max_concurrent_rpcs: the excess gets RESOURCE_EXHAUSTED at
  once, admitted calls succeed, health stays SERVING, and the server recovers;
- a worker killed with SIGKILL is replaced by the supervisor; clients without retries lose at
  most their calls in flight on it (UNAVAILABLE; calls made while their channel reconnects wait
  for it, gRPC's wait-for-ready), clients with RETRY_SERVICE_CONFIG lose none;
- SIGTERM while a client streams: every item the server read is answered, the stream ends with
  UNAVAILABLE (reason DRAINING), in-flight unary calls finish, and the process exits 0 within
  the grace period.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from quantspan.client import channel_options
from quantspan.engine import Extractor
from quantspan.server import SERVICE_NAME
from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .procs import Served, wait_serving
from .test_service import (
    BlockingExtractor,
    error_info,
    expected_response,
    open_channel,
    serving,
    small_config,
)

TEXT = "At least 3,800 of the 12,000 troops walked about 12 km in 3 hours."


# --- Overload --------------------------------------------------------------------------------


def test_overload_is_turned_away_at_once_health_stays_serving_and_it_recovers(extractor: Extractor) -> None:
    limit = 4
    blocking = BlockingExtractor(extractor)
    with (
        serving(small_config(max_concurrent_rpcs=limit), blocking) as target,
        open_channel(target) as channel,
        concurrent.futures.ThreadPoolExecutor(16) as pool,
    ):
        stub = pb_grpc.QuantityServiceStub(channel)
        health = health_pb2_grpc.HealthStub(channel)
        admitted = []
        try:
            for i in range(limit):
                admitted.append(stub.Extract.future(pb.ExtractRequest(text=f"block {i} km"), timeout=30))
                deadline = time.monotonic() + 10
                while blocking.entered.is_set() is False and time.monotonic() < deadline:
                    time.sleep(0.01)
            time.sleep(0.3)  # all four are in the engine now

            def excess(i: int) -> tuple[grpc.StatusCode, float, str]:
                started = time.monotonic()
                try:
                    stub.Extract(pb.ExtractRequest(text="5 kg", request_id=f"x{i}"), timeout=10)
                except grpc.RpcError as error:
                    return error.code(), time.monotonic() - started, error_info(error).reason
                return grpc.StatusCode.OK, time.monotonic() - started, ""

            results = list(pool.map(excess, range(12)))
            assert {code for code, _, _ in results} == {grpc.StatusCode.RESOURCE_EXHAUSTED}, results
            assert {reason for _, _, reason in results} == {"OVERLOADED"}
            assert max(elapsed for _, elapsed, _ in results) < 2.0, "turned away, not queued"
            # a stream is an extraction RPC too
            with pytest.raises(grpc.RpcError) as caught:
                list(stub.ExtractStream(iter([pb.ExtractRequest(text="3 km")]), timeout=10))
            assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            # health checks and GetInfo have their own slots
            for service in ("", SERVICE_NAME):
                status = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5).status
                assert status == health_pb2.HealthCheckResponse.SERVING
            assert stub.GetInfo(pb.GetInfoRequest(), timeout=5).limits.max_concurrent_rpcs == limit
        finally:
            blocking.release.set()
        for i, future in enumerate(admitted):
            assert future.result() == expected_response(extractor, f"block {i} km")
        # load dropped: everything goes through again, up to the limit at once
        texts = [f"{i} km" for i in range(limit)] * 3
        with concurrent.futures.ThreadPoolExecutor(limit) as within_limit:
            answers = list(
                within_limit.map(lambda t: stub.Extract(pb.ExtractRequest(text=t), timeout=10), texts)
            )
        assert answers == [expected_response(extractor, t) for t in texts]


# --- A worker killed -------------------------------------------------------------------------


class Load:
    """Threads that call Extract in a loop, each on its own channel (so its own connection,
    which the kernel gives to one of the workers), counting outcomes."""

    def __init__(
        self,
        target: str,
        threads: int,
        retry: bool,
        options: list[tuple[str, str | int]] | None = None,
        wait_for_ready: bool | None = None,
    ) -> None:
        self.target = target
        self.retry = retry
        self.wait_for_ready = wait_for_ready
        self.options = [*channel_options(retry), *(options or [])]
        self.outcomes: Counter[str] = Counter()
        # (thread, call number, monotonic time the call ended, outcome) of every call
        self.calls: list[tuple[int, int, float, str]] = []
        self.wrong: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(30)

    def _run(self, index: int) -> None:
        with grpc.insecure_channel(self.target, options=self.options) as channel:
            stub = pb_grpc.QuantityServiceStub(channel)
            for n in itertools.count():
                if self._stop.is_set():
                    return
                request_id = f"{index}-{n}"
                try:
                    response = stub.Extract(
                        pb.ExtractRequest(text=TEXT, request_id=request_id),
                        timeout=20,
                        wait_for_ready=self.wait_for_ready,
                    )
                except grpc.RpcError as error:
                    outcome = error.code().name
                else:
                    outcome = "OK"
                    if response.request_id != request_id or len(response.quantities) < 3:
                        with self._lock:
                            self.wrong.append(request_id)
                with self._lock:
                    self.outcomes[outcome] += 1
                    self.calls.append((index, n, time.monotonic(), outcome))

    def total(self) -> int:
        with self._lock:
            return sum(self.outcomes.values())


def _tcp_migrate_req() -> bool:
    try:
        return Path("/proc/sys/net/ipv4/tcp_migrate_req").read_text().strip() == "1"
    except OSError:
        return False


def _wait_for_more(load: Load, count: int, timeout: float) -> None:
    target = load.total() + count
    deadline = time.monotonic() + timeout
    while load.total() < target:
        assert time.monotonic() < deadline, f"load stalled at {load.total()} calls: {load.outcomes}"
        time.sleep(0.05)


@pytest.mark.slow
def test_sigkill_worker_is_replaced_and_retrying_clients_lose_nothing() -> None:
    with Served(["--workers", "2", "--grace-seconds", "5"]) as served:
        wait_serving(served.target, 60)
        plain_threads = 4
        with (
            Load(served.target, 4, retry=True) as retrying,
            Load(served.target, plain_threads, retry=False, wait_for_ready=True) as plain,
        ):
            _wait_for_more(retrying, 50, 60)
            _wait_for_more(plain, 50, 60)
            victim = served.worker_pids()[0]
            log_mark = len(served.lines)
            served_before = plain.total()
            killed_at = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            m = served.wait_for_log(r"worker 0 started \(pid (\d+)\)", 60, start=log_mark)
            assert int(m.group(1)) != victim
            assert "was killed by SIGKILL; starting a new one" in served.log()
            wait_serving(served.target, 60)
            _wait_for_more(retrying, 100, 60)
            _wait_for_more(plain, 100, 60)
        assert served.proc.poll() is None, "the supervisor must keep running"
        print(
            f"\nSIGKILL of a worker under load: retrying client {dict(retrying.outcomes)}, "
            f"plain client {dict(plain.outcomes)} ({plain.total() - served_before} calls after the kill)"
        )
        assert retrying.outcomes.keys() == {"OK"}, retrying.outcomes
        assert not retrying.wrong and not plain.wrong
        failed = {k: v for k, v in plain.outcomes.items() if k != "OK"}
        assert set(failed) <= {"UNAVAILABLE"}, plain.outcomes
        # A plain client loses only the calls it had put on a connection to the killed worker:
        # the one in flight, and at times the next one, written before the client saw the socket
        # close ("sendmsg: Broken pipe" within milliseconds). So every failure ends within a
        # second of the kill, and every thread is answered again after it. That holds when the
        # kernel migrates connections queued on a closing SO_REUSEPORT listener to the others
        # (net.ipv4.tcp_migrate_req=1, Linux 5.14+; .ci/run turns it on); without it a thread
        # that reconnects in that instant is queued on the dying listener and loses calls the
        # server never saw (0 to 17 measured on this 2-core machine), so only the status code
        # is checked then.
        if _tcp_migrate_req():
            late = [c for c in plain.calls if c[3] != "OK" and not killed_at <= c[2] < killed_at + 1.0]
            assert not late, f"calls lost outside the moment of the kill: {late}"
            for thread in range(plain_threads):
                mine = sorted(c for c in plain.calls if c[0] == thread)
                lost = [c[1] for c in mine if c[3] != "OK"]
                # then it is answered again: ten calls in a row at least after its last loss
                assert not lost or sum(c[1] > lost[-1] for c in mine) >= 10, mine[-20:]
        assert served.stop() == 0


# --- Graceful redeploy -----------------------------------------------------------------------


@pytest.mark.slow
def test_sigterm_answers_every_accepted_request_and_exits_0_within_grace() -> None:
    grace = 5.0
    with Served(["--workers", "2", "--grace-seconds", str(grace)]) as served:
        wait_serving(served.target, 60)
        sent: list[str] = []
        stop_sending = threading.Event()

        def requests() -> Iterator[pb.ExtractRequest]:
            for n in itertools.count():
                if stop_sending.is_set():
                    return
                request_id = f"s{n}"
                sent.append(request_id)
                yield pb.ExtractRequest(text=f"{n} km and {TEXT}", request_id=request_id)
                time.sleep(0.002)

        unary_outcomes: list[str] = []

        def unary_calls(channel: grpc.Channel) -> None:
            stub = pb_grpc.QuantityServiceStub(channel)
            for n in itertools.count():
                if stop_sending.is_set():
                    return
                try:
                    response = stub.Extract(pb.ExtractRequest(text=f"{n} kg", request_id=f"u{n}"), timeout=20)
                except grpc.RpcError as error:
                    unary_outcomes.append(error.code().name)
                    if error.code() == grpc.StatusCode.UNAVAILABLE:
                        return  # the server is going away; nothing more to send
                else:
                    unary_outcomes.append(
                        "OK" if [q.text for q in response.quantities] == [f"{n} kg"] else "WRONG"
                    )

        with (
            grpc.insecure_channel(served.target) as stream_channel,
            grpc.insecure_channel(served.target) as unary_channel,
        ):
            stub = pb_grpc.QuantityServiceStub(stream_channel)
            unary = threading.Thread(target=unary_calls, args=(unary_channel,), daemon=True)
            unary.start()
            answered: list[pb.ExtractResponse] = []
            call = stub.ExtractStream(requests(), timeout=60)
            final: grpc.RpcError | None = None
            sigterm_at = None
            try:
                for response in call:
                    answered.append(response)
                    if len(answered) == 200 and sigterm_at is None:
                        sigterm_at = time.monotonic()
                        served.signal(signal.SIGTERM)
            except grpc.RpcError as error:
                final = error
            stop_sending.set()
            unary.join(30)
            code = served.proc.wait(timeout=grace + 15)
            exited_after = time.monotonic() - (sigterm_at or time.monotonic())
        assert sigterm_at is not None, f"only {len(answered)} answers before the stream ended"
        # every answer is the right one, in order, with nothing skipped
        ids = [r.request_id for r in answered]
        assert ids == sent[: len(ids)]
        for r in answered[:5] + answered[-5:]:
            n = int(r.request_id[1:])
            assert r.quantities[0].text == f"{n} km"
        # the stream ended on purpose, telling how many items the server read: all answered
        assert final is not None and final.code() == grpc.StatusCode.UNAVAILABLE, final
        info = error_info(final)
        assert info.reason == "DRAINING"
        assert int(info.metadata["answered"]) == len(answered)
        # in-flight unary calls finished; later ones were refused before being accepted
        # (UNAVAILABLE, or CANCELLED for a call that reached gRPC as it shut down: both retried by
        # RETRY_SERVICE_CONFIG)
        assert set(unary_outcomes) <= {"OK", "UNAVAILABLE", "CANCELLED"}, Counter(unary_outcomes)
        assert unary_outcomes.count("OK") > 0
        print(
            f"\nSIGTERM during a stream: {len(answered)} items answered, {len(sent) - len(answered)} "
            f"sent but not read; unary {dict(Counter(unary_outcomes))}; exit {code} after {exited_after:.1f}s"
        )
        assert code == 0, served.log()
        assert exited_after < grace + 2, f"exited {exited_after:.1f}s after SIGTERM (grace {grace}s)"


@pytest.mark.slow
def test_redeploy_behind_two_servers_loses_no_request_with_retries() -> None:
    """A rolling redeploy as a client sees it: two servers behind one round-robin channel, one
    is stopped with SIGTERM under load. Calls it refuses while draining or shutting down are
    retried on the other by RETRY_SERVICE_CONFIG: none is lost."""
    with Served(["--workers", "1", "--grace-seconds", "5"]) as first, Served(["--workers", "1"]) as second:
        wait_serving(first.target, 60)
        wait_serving(second.target, 60)
        target = f"ipv4:{first.target},{second.target}"
        with Load(target, 6, retry=True, options=[("grpc.lb_policy_name", "round_robin")]) as load:
            _wait_for_more(load, 100, 60)
            first.signal(signal.SIGTERM)
            assert first.proc.wait(timeout=20) == 0
            _wait_for_more(load, 200, 60)
        print(f"\nredeploy of one of two servers under load: {dict(load.outcomes)}")
        assert load.outcomes.keys() == {"OK"}, load.outcomes
        assert not load.wrong
