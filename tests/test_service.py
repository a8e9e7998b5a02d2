"""The gRPC service end to end: real gRPC clients against servers on 127.0.0.1, port 0.

The engine is the real one (the session ``extractor`` fixture). The few fakes below wrap it and
only misbehave on purpose, to provoke faults the real engine does not produce on demand.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pool
from google.rpc import code_pb2, error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_status import rpc_status

import quantspan
from quantspan import convert
from quantspan.client import RETRY_SERVICE_CONFIG, QuantspanClient, error_details
from quantspan.engine import Extraction, ExtractionTimeout, Extractor, Kind
from quantspan.server import SERVICE_NAME, ServerConfig, create_server
from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .conftest import ROOT

SEED = ROOT / "seeds" / "000_d0e80a7b2713b16c.txt"
MAX_TEXT_CHARS = 10_000
EXTRACT = f"/{SERVICE_NAME}/Extract"
EXTRACT_STREAM = f"/{SERVICE_NAME}/ExtractStream"
GET_INFO = f"/{SERVICE_NAME}/GetInfo"


# --- Helpers and fixtures --------------------------------------------------------------------


@contextlib.contextmanager
def serving(config: ServerConfig, extractor: Any) -> Iterator[str]:
    """A started server on 127.0.0.1:<free port>; yields its target."""
    server, port = create_server(config, extractor)
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(None).wait(10)


@contextlib.contextmanager
def open_channel(target: str, options: Sequence[tuple[str, str | int]] = ()) -> Iterator[grpc.Channel]:
    channel = grpc.insecure_channel(target, options=options)
    try:
        yield channel
    finally:
        channel.close()


def small_config(**overrides: Any) -> ServerConfig:
    values: dict[str, Any] = {"host": "127.0.0.1", "port": 0, "max_text_chars": MAX_TEXT_CHARS}
    values.update(overrides)
    return ServerConfig(**values)


@pytest.fixture(scope="module")
def target(extractor: Extractor) -> Iterator[str]:
    with serving(small_config(max_concurrent_rpcs=8), extractor) as t:
        yield t


@pytest.fixture(scope="module")
def channel(target: str) -> Iterator[grpc.Channel]:
    with open_channel(target) as ch:
        yield ch


@pytest.fixture(scope="module")
def stub(channel: grpc.Channel) -> pb_grpc.QuantityServiceStub:
    return pb_grpc.QuantityServiceStub(channel)


def expected_response(
    extractor: Extractor, text: str, request_id: str = "", **kwargs: Any
) -> pb.ExtractResponse:
    """What the service must answer: the engine's own result, converted."""
    return convert.extraction_to_pb(extractor.extract(text, **kwargs), text, request_id=request_id)


def rich_status(error: grpc.RpcError) -> Any:
    status = rpc_status.from_call(error)
    assert status is not None, "the status carries no google.rpc.Status details"
    return status


def error_info(error: grpc.RpcError) -> error_details_pb2.ErrorInfo:
    infos = [d for d in error_details(error) if isinstance(d, error_details_pb2.ErrorInfo)]
    assert len(infos) == 1, error_details(error)
    return infos[0]


def violations(error: grpc.RpcError) -> dict[str, str]:
    """The BadRequest field violations of a failed call, field -> description."""
    requests = [d for d in error_details(error) if isinstance(d, error_details_pb2.BadRequest)]
    assert len(requests) == 1, error_details(error)
    return {v.field: v.description for v in requests[0].field_violations}


def call_fails(call: Any, *args: Any, **kwargs: Any) -> grpc.RpcError:
    """The error a unary call fails with."""
    with pytest.raises(grpc.RpcError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- Fakes that provoke faults ---------------------------------------------------------------


class _WrappedEngine:
    """The real engine behind a fake: what the service reads besides ``extract``."""

    def __init__(self, real: Extractor) -> None:
        self._real = real
        self.rules_version = real.rules_version
        self.languages = real.languages


class ExplodingExtractor(_WrappedEngine):
    """The real engine, except that a text containing "boom" raises an unexpected exception."""

    def extract(self, text: str, **kwargs: Any) -> Extraction:
        if "boom" in text:
            raise RuntimeError("engine bug")
        return self._real.extract(text, **kwargs)


class DeadlineBoundExtractor(_WrappedEngine):
    """The real engine, except that a text containing "slow" runs until its deadline, then
    raises ExtractionTimeout as the engine does; it records when and whether it stopped."""

    def __init__(self, real: Extractor) -> None:
        super().__init__(real)
        self.entered = threading.Event()
        self.stopped = threading.Event()
        self.deadlines: list[float | None] = []

    def extract(self, text: str, deadline: float | None = None, **kwargs: Any) -> Extraction:
        if "slow" not in text:
            return self._real.extract(text, deadline=deadline, **kwargs)
        self.deadlines.append(deadline)
        self.entered.set()
        assert deadline is not None, "the service must always pass a deadline"
        threading.Event().wait(max(0.0, deadline - time.monotonic()))
        self.stopped.set()
        raise ExtractionTimeout("deadline reached")


class BlockingExtractor(_WrappedEngine):
    """The real engine, except that a text containing "block" waits until released."""

    def __init__(self, real: Extractor) -> None:
        super().__init__(real)
        self.entered = threading.Event()
        self.release = threading.Event()

    def extract(self, text: str, **kwargs: Any) -> Extraction:
        if "block" in text:
            self.entered.set()
            assert self.release.wait(20), "never released"
        return self._real.extract(text, **kwargs)


# --- Extract ---------------------------------------------------------------------------------


@pytest.mark.engine
def test_extract_seed_article_is_exactly_what_the_engine_gives(
    stub: pb_grpc.QuantityServiceStub, extractor: Extractor
) -> None:
    text = SEED.read_text(encoding="utf-8")
    response = stub.Extract(pb.ExtractRequest(text=text, request_id="seed"), timeout=30)
    assert response == expected_response(extractor, text, "seed")
    assert response.request_id == "seed"
    assert response.rules_version == extractor.rules_version
    assert len(response.quantities) >= 10
    assert not response.rejections  # only with explain
    raw8, raw16 = text.encode("utf-8"), text.encode("utf-16-le")
    for q in response.quantities:
        assert text[q.span.start : q.span.end] == q.text
        assert raw8[q.span.utf8_start : q.span.utf8_end].decode("utf-8") == q.text
        assert raw16[2 * q.span.utf16_start : 2 * q.span.utf16_end].decode("utf-16-le") == q.text


def test_extract_non_ascii_offsets(stub: pb_grpc.QuantityServiceStub, extractor: Extractor) -> None:
    text = "Naïve 😀 émigrés — 😀😀 at least 3,800 troops walked 12 km, 𝒳 18% more."
    response = stub.Extract(pb.ExtractRequest(text=text), timeout=10)
    assert response == expected_response(extractor, text)
    assert response.quantities
    raw8, raw16 = text.encode("utf-8"), text.encode("utf-16-le")
    for q in response.quantities:
        s = q.span
        assert text[s.start : s.end] == q.text
        assert raw8[s.utf8_start : s.utf8_end].decode("utf-8") == q.text
        assert raw16[2 * s.utf16_start : 2 * s.utf16_end].decode("utf-16-le") == q.text
        assert s.utf8_start > s.start and s.utf16_start > s.start  # the emoji come first


def test_extract_empty_text_is_zero_quantities(
    stub: pb_grpc.QuantityServiceStub, extractor: Extractor
) -> None:
    response = stub.Extract(pb.ExtractRequest(text="", request_id="empty"), timeout=10)
    assert list(response.quantities) == []
    assert response.request_id == "empty"
    assert response.rules_version == extractor.rules_version


def test_extract_kinds_language_and_explain(stub: pb_grpc.QuantityServiceStub, extractor: Extractor) -> None:
    text = "Prices rose 18% to $2.5 billion after 3 hours; 12,000 troops, call 555-1234 on June 18."
    request = pb.ExtractRequest(text=text, language="en", kinds=[pb.MONEY, pb.PERCENTAGE], explain=True)
    response = stub.Extract(request, timeout=10)
    assert response == expected_response(
        extractor, text, language="en", kinds=(Kind.MONEY, Kind.PERCENTAGE), explain=True
    )
    assert {q.kind for q in response.quantities} <= {pb.MONEY, pb.PERCENTAGE}
    assert response.quantities


def test_extract_optional_numbers_are_absent_when_unset(stub: pb_grpc.QuantityServiceStub) -> None:
    text = "between 10,000 and 12,000 troops, at least 3,800 killed"
    response = stub.Extract(pb.ExtractRequest(text=text), timeout=10)
    by_modifier = {q.modifier: q for q in response.quantities}
    ranged = by_modifier[pb.RANGE]
    assert not ranged.HasField("value") and ranged.low == 10_000 and ranged.high == 12_000
    at_least = by_modifier[pb.AT_LEAST]
    assert at_least.HasField("low") and not at_least.HasField("high")
    assert not at_least.normalized.HasField("high")


# --- ExtractStream ---------------------------------------------------------------------------


def test_extract_stream_keeps_order_and_ids_for_1000_texts(
    stub: pb_grpc.QuantityServiceStub, extractor: Extractor
) -> None:
    texts = [
        f"Item {i}: at least {i * 7 + 1} troops walked {i % 50 + 1} km, up {i % 90}%." for i in range(1000)
    ]
    requests = (pb.ExtractRequest(text=t, request_id=f"id-{i}") for i, t in enumerate(texts))
    responses = list(stub.ExtractStream(requests, timeout=120))
    assert [r.request_id for r in responses] == [f"id-{i}" for i in range(1000)]
    assert responses == [expected_response(extractor, t, f"id-{i}") for i, t in enumerate(texts)]
    assert all(r.quantities for r in responses[:5])


def test_extract_stream_with_no_requests(stub: pb_grpc.QuantityServiceStub) -> None:
    assert list(stub.ExtractStream(iter(()), timeout=10)) == []


def test_extract_stream_aborts_at_the_failing_item(stub: pb_grpc.QuantityServiceStub) -> None:
    requests = [
        pb.ExtractRequest(text="3 km", request_id="a"),
        pb.ExtractRequest(text="5 kg", request_id="b"),
        pb.ExtractRequest(text="x" * (MAX_TEXT_CHARS + 1), request_id="too-long"),
        pb.ExtractRequest(text="7 m", request_id="never"),
    ]
    call = stub.ExtractStream(iter(requests), timeout=10)
    received = []
    with pytest.raises(grpc.RpcError) as caught:
        for response in call:
            received.append(response.request_id)
    assert received == ["a", "b"]
    error = caught.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "item 2" in error.details() and "'too-long'" in error.details()
    info = error_info(error)
    assert dict(info.metadata) == {"request_id": "too-long", "index": "2"}
    assert set(violations(error)) == {"text"}


# --- GetInfo, health, reflection -------------------------------------------------------------


def test_get_info(stub: pb_grpc.QuantityServiceStub, extractor: Extractor) -> None:
    info = stub.GetInfo(pb.GetInfoRequest(), timeout=5)
    assert info.server_version == quantspan.__version__
    assert info.rules_version == extractor.rules_version and info.rules_version
    assert list(info.languages) == list(extractor.languages)
    assert "en" in info.languages
    assert list(info.kinds) == [pb.COUNT, pb.MONEY, pb.PERCENTAGE, pb.DURATION, pb.MEASUREMENT]
    assert info.limits == pb.Limits(
        max_text_chars=MAX_TEXT_CHARS,
        max_concurrent_rpcs=8,
        max_message_bytes=4 * MAX_TEXT_CHARS + 64 * 1024,
        max_deadline_ms=30_000,
    )
    assert info.last_rules_error == ""


def test_health_reports_serving(channel: grpc.Channel) -> None:
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", SERVICE_NAME):
        response = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert response.status == health_pb2.HealthCheckResponse.SERVING
    with pytest.raises(grpc.RpcError) as caught:
        health.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=5)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


def test_health_turns_not_serving_when_draining(extractor: Extractor) -> None:
    blocking = BlockingExtractor(extractor)
    server, port = create_server(small_config(grace_seconds=10), blocking)
    server.start()
    try:
        with open_channel(f"127.0.0.1:{port}") as ch:
            watch = health_pb2_grpc.HealthStub(ch).Watch(
                health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=20
            )
            assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
            in_flight = pb_grpc.QuantityServiceStub(ch).Extract.future(
                pb.ExtractRequest(text="block 3 km"), timeout=20
            )
            assert blocking.entered.wait(10)
            stopped = server.stop(10)
            assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
            watch.cancel()  # an open Watch would hold the server for the whole grace period
            blocking.release.set()
            # the in-flight call finished within the grace
            assert in_flight.result() == expected_response(extractor, "block 3 km")
            assert stopped.wait(10)
    finally:
        blocking.release.set()
        server.stop(None)


def test_reflection_lists_and_describes_the_service(channel: grpc.Channel) -> None:
    database = ProtoReflectionDescriptorDatabase(channel)
    services = set(database.get_services())
    assert {SERVICE_NAME, "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"} <= services
    pool = descriptor_pool.DescriptorPool(database)
    service = pool.FindServiceByName(SERVICE_NAME)
    assert [m.name for m in service.methods] == ["Extract", "ExtractStream", "GetInfo"]
    assert pool.FindMessageTypeByName("quantspan.v1.Quantity").fields_by_name["span"]


# --- Errors ----------------------------------------------------------------------------------


def test_text_over_the_limit_is_invalid_argument_with_bad_request(stub: pb_grpc.QuantityServiceStub) -> None:
    error = call_fails(
        stub.Extract, pb.ExtractRequest(text="9" * (MAX_TEXT_CHARS + 1), request_id="r1"), timeout=5
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    status = rich_status(error)
    assert status.code == code_pb2.INVALID_ARGUMENT
    found = violations(error)
    assert list(found) == ["text"]
    assert f"max_text_chars={MAX_TEXT_CHARS}" in found["text"]
    info = error_info(error)
    assert (info.reason, info.domain, dict(info.metadata)) == (
        "INVALID_REQUEST",
        "quantspan",
        {"request_id": "r1"},
    )
    # exactly at the limit is fine
    assert stub.Extract(pb.ExtractRequest(text="é" * MAX_TEXT_CHARS), timeout=10) is not None


def test_unsupported_language_is_invalid_argument(stub: pb_grpc.QuantityServiceStub) -> None:
    error = call_fails(stub.Extract, pb.ExtractRequest(text="3 km", language="xx-YY"), timeout=5)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert list(violations(error)) == ["language"]
    assert "xx-YY" in violations(error)["language"]
    assert error_info(error).reason == "UNSUPPORTED_LANGUAGE"


@pytest.mark.parametrize(
    ("kinds", "fields"),
    [
        ([pb.KIND_UNSPECIFIED], {"kinds[0]"}),
        ([pb.MONEY, 42], {"kinds[1]"}),
        ([0, pb.COUNT, 99], {"kinds[0]", "kinds[2]"}),
    ],
)
def test_bad_kind_filters_are_invalid_argument(
    stub: pb_grpc.QuantityServiceStub, kinds: list[int], fields: set[str]
) -> None:
    error = call_fails(stub.Extract, pb.ExtractRequest(text="3 km", kinds=kinds), timeout=5)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    found = violations(error)
    assert set(found) == fields
    assert all("not a valid filter" in d for d in found.values())


def test_invalid_utf8_is_invalid_argument_not_internal(channel: grpc.Channel) -> None:
    # Serialized by hand: field 1 (text) = b"3 km \xff", field 3 (request_id) = b"bad-utf8".
    payload = b"\x0a\x063 km \xff" + b"\x1a\x08bad-utf8"
    with pytest.raises(UnicodeDecodeError):  # what the server's parser trips on
        payload[2:8].decode("utf-8")
    raw_extract = channel.unary_unary(EXTRACT)  # no serializers: bytes in, bytes out
    error = call_fails(raw_extract, payload, timeout=5)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert list(violations(error)) == ["text"]
    assert "not valid UTF-8" in violations(error)["text"]
    info = error_info(error)
    assert info.reason == "MALFORMED_REQUEST" and info.metadata["request_id"] == "bad-utf8"

    # The same bytes with valid UTF-8 go through.
    good = b"\x0a\x063 km \x21" + b"\x1a\x02ok"
    assert pb.ExtractResponse.FromString(raw_extract(good, timeout=5)).request_id == "ok"


def test_unparsable_request_bytes_are_invalid_argument(channel: grpc.Channel) -> None:
    truncated = b"\x0a\x50only a few bytes"  # declares 80 bytes of text
    for method in (EXTRACT, GET_INFO):
        error = call_fails(channel.unary_unary(method), truncated, timeout=5)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, method
        assert "not a valid" in error.details()
        assert error_info(error).reason == "MALFORMED_REQUEST"


def test_invalid_utf8_in_a_stream_names_the_item(channel: grpc.Channel) -> None:
    items = [
        pb.ExtractRequest(text="3 km", request_id="first").SerializeToString(),
        b"\x0a\x02\xc3\x28" + b"\x1a\x06second",
    ]
    call = channel.stream_stream(EXTRACT_STREAM)(iter(items), timeout=5)
    received = []
    with pytest.raises(grpc.RpcError) as caught:
        for raw in call:
            received.append(pb.ExtractResponse.FromString(raw).request_id)
    assert received == ["first"]
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert dict(error_info(caught.value).metadata) == {"request_id": "second", "index": "1"}
    assert list(violations(caught.value)) == ["text"]


def test_message_over_max_message_bytes_is_resource_exhausted(extractor: Extractor) -> None:
    # gRPC enforces max_receive_message_length itself, before the servicer sees the request.
    with serving(small_config(max_message_bytes=2_000), extractor) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        error = call_fails(stub.Extract, pb.ExtractRequest(text="1 " * 2_000), timeout=5)
        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "larger than max" in error.details()
        assert stub.Extract(pb.ExtractRequest(text="3 km"), timeout=5) == expected_response(extractor, "3 km")


def test_client_deadline_is_deadline_exceeded_and_the_work_stops(extractor: Extractor) -> None:
    slow = DeadlineBoundExtractor(extractor)
    with serving(small_config(), slow) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        started = time.monotonic()
        error = call_fails(stub.Extract, pb.ExtractRequest(text="slow 3 km"), timeout=0.5)
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert slow.stopped.wait(5), "the extraction went on past the client's deadline"
        assert time.monotonic() - started < 3
        # the deadline handed to the engine was the client's (~0.5 s), not the 30 s server cap
        (deadline,) = slow.deadlines
        assert deadline is not None and deadline - started < 2
        assert stub.Extract(pb.ExtractRequest(text="3 km"), timeout=5) == expected_response(extractor, "3 km")


def test_server_max_deadline_caps_the_extraction(extractor: Extractor) -> None:
    slow = DeadlineBoundExtractor(extractor)
    with serving(small_config(max_deadline_ms=200), slow) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        started = time.monotonic()
        error = call_fails(stub.Extract, pb.ExtractRequest(text="slow", request_id="s1"), timeout=20)
        assert time.monotonic() - started < 5
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert "max_deadline_ms=200" in error.details()
        assert rich_status(error).code == code_pb2.DEADLINE_EXCEEDED
        info = error_info(error)
        assert info.reason == "DEADLINE_EXCEEDED" and info.metadata["request_id"] == "s1"


def test_too_many_concurrent_rpcs_is_resource_exhausted(extractor: Extractor) -> None:
    blocking = BlockingExtractor(extractor)
    with serving(small_config(max_concurrent_rpcs=1), blocking) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        try:
            first = stub.Extract.future(pb.ExtractRequest(text="block 3 km"), timeout=20)
            assert blocking.entered.wait(10)
            error = call_fails(stub.Extract, pb.ExtractRequest(text="5 kg", request_id="r2"), timeout=5)
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert "max_concurrent_rpcs=1" in error.details()
            info = error_info(error)
            assert info.reason == "OVERLOADED" and info.metadata["request_id"] == "r2"
        finally:
            blocking.release.set()
        assert first.result() == expected_response(extractor, "block 3 km")
        assert stub.Extract(pb.ExtractRequest(text="5 kg"), timeout=5) == expected_response(extractor, "5 kg")


class OverlapCountingExtractor(_WrappedEngine):
    """The real engine, recording how many extractions ran at the same time."""

    def __init__(self, real: Extractor) -> None:
        super().__init__(real)
        self._lock = threading.Lock()
        self.running = 0
        self.most = 0

    def extract(self, text: str, **kwargs: Any) -> Extraction:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.01)  # long enough for the other calls to arrive while this one runs
            return self._real.extract(text, **kwargs)
        finally:
            with self._lock:
                self.running -= 1


def test_one_extraction_at_a_time_per_worker_the_others_wait_their_turn(extractor: Extractor) -> None:
    counting = OverlapCountingExtractor(extractor)
    with serving(small_config(max_concurrent_rpcs=16), counting) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        texts = [f"{n} km and {n} kg" for n in range(1, 13)]
        calls = [stub.Extract.future(pb.ExtractRequest(text=x, request_id=x), timeout=30) for x in texts]
        for x, call in zip(texts, calls, strict=True):
            assert call.result() == expected_response(extractor, x, x)  # every admitted call is answered
    assert counting.most == 1  # and never two extractions at once (see server.EXTRACT_THREADS)


def test_a_call_whose_deadline_passes_while_it_waits_its_turn_is_deadline_exceeded(
    extractor: Extractor,
) -> None:
    blocking = BlockingExtractor(extractor)
    # the server's cap (300 ms) runs out long before the client's own deadline (10 s): the
    # status is the server's, with its ErrorInfo
    config = small_config(max_concurrent_rpcs=4, max_deadline_ms=300)
    with serving(config, blocking) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        try:
            first = stub.Extract.future(pb.ExtractRequest(text="block 3 km"), timeout=20)
            assert blocking.entered.wait(10)
            started = time.monotonic()
            error = call_fails(stub.Extract, pb.ExtractRequest(text="5 kg", request_id="w1"), timeout=10)
            assert time.monotonic() - started < 5
            assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            info = error_info(error)
            assert info.reason == "DEADLINE_EXCEEDED" and info.metadata["request_id"] == "w1"
        finally:
            blocking.release.set()
        first.exception(10)  # (the blocked call outlived the cap too: its outcome is not the point)
        assert stub.Extract(pb.ExtractRequest(text="5 kg"), timeout=5) == expected_response(extractor, "5 kg")


def test_unexpected_error_is_internal_logged_once_and_the_server_keeps_serving(
    extractor: Extractor, caplog: pytest.LogCaptureFixture
) -> None:
    exploding = ExplodingExtractor(extractor)
    with serving(small_config(), exploding) as t, open_channel(t) as ch:
        stub = pb_grpc.QuantityServiceStub(ch)
        with caplog.at_level(logging.INFO):
            error = call_fails(stub.Extract, pb.ExtractRequest(text="boom", request_id="req-42"), timeout=5)
        assert error.code() == grpc.StatusCode.INTERNAL
        assert "engine bug" not in error.details()  # no internals leak to the client
        info = error_info(error)
        assert info.reason == "INTERNAL" and info.metadata["request_id"] == "req-42"
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1, [r.getMessage() for r in errors]
        assert "req-42" in errors[0].getMessage() and errors[0].exc_info is not None
        # still serving, unary and streaming
        assert stub.Extract(pb.ExtractRequest(text="3 km"), timeout=5) == expected_response(extractor, "3 km")
        requests = [
            pb.ExtractRequest(text="3 km", request_id="ok"),
            pb.ExtractRequest(text="boom", request_id="bad"),
        ]
        stream = stub.ExtractStream(iter(requests), timeout=5)
        assert next(stream).request_id == "ok"
        with pytest.raises(grpc.RpcError) as caught:
            next(stream)
        assert caught.value.code() == grpc.StatusCode.INTERNAL
        assert dict(error_info(caught.value).metadata) == {"request_id": "bad", "index": "1"}
        assert stub.GetInfo(pb.GetInfoRequest(), timeout=5).rules_version


# --- The Python client -----------------------------------------------------------------------


def test_python_client(target: str, extractor: Extractor) -> None:
    with QuantspanClient(target, timeout=10) as client:
        response = client.extract("at least 3,800 troops", request_id="c1", kinds=["COUNT"])
        assert response == expected_response(extractor, "at least 3,800 troops", "c1", kinds=(Kind.COUNT,))
        texts = ["3 km", "", "$2.5 billion", "18%"]
        many = list(client.extract_many(texts))
        assert [r.request_id for r in many] == ["0", "1", "2", "3"]
        assert many == [expected_response(extractor, t, str(i)) for i, t in enumerate(texts)]
        assert client.info().rules_version == extractor.rules_version
        with pytest.raises(grpc.RpcError) as caught:
            client.extract("3 km", kinds=[0])
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_retry_service_config_retries_unavailable() -> None:
    config = json.loads(RETRY_SERVICE_CONFIG)
    (method,) = config["methodConfig"]
    assert method["name"] == [{"service": SERVICE_NAME}]
    assert method["retryPolicy"]["retryableStatusCodes"] == ["UNAVAILABLE", "CANCELLED"]


# --- quantspan serve, in subprocesses --------------------------------------------------------


def _read_line(stream: Any, timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError("no line on stdout in time")
    return stream.readline()


def _wait_serving(target: str, timeout: float) -> None:
    """Block until the health service says SERVING (Watch streams every status change)."""
    with open_channel(target) as ch:
        watch = health_pb2_grpc.HealthStub(ch).Watch(
            health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=timeout, wait_for_ready=True
        )
        for response in watch:
            if response.status == health_pb2.HealthCheckResponse.SERVING:
                watch.cancel()
                return
    raise AssertionError("health watch ended without SERVING")


def start_serve(args: Iterable[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "quantspan.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=Path(__file__).resolve().parents[1],
    )


@pytest.mark.parametrize("workers", [2, 1])
def test_serve_subprocess_lifecycle(workers: int, extractor: Extractor) -> None:
    proc = start_serve(
        ["--host", "127.0.0.1", "--port", "0", "--workers", str(workers), "--grace-seconds", "5"]
    )
    try:
        line = _read_line(proc.stdout, timeout=60)
        assert line.startswith("listening on 127.0.0.1:"), line
        target = line.split()[-1]
        assert int(target.rsplit(":", 1)[1]) > 0
        _wait_serving(target, timeout=60)
        with QuantspanClient(target, timeout=10) as client:
            for _ in range(4):  # new connections may land on any worker
                text = "at least 3,800 troops"
                assert client.extract(text) == expected_response(extractor, text)
            assert client.info().limits.max_text_chars == 1_000_000
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        _, stderr = proc.communicate(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert f"workers={workers}" in stderr
    if workers > 1:
        for slot in range(workers):
            assert f"worker {slot} serving" in stderr, stderr
            assert f"worker {slot} stopped" in stderr, stderr
