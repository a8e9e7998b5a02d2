"""Prometheus metrics of the service, served over HTTP on ``--metrics-port`` (off by default).

What is measured:

- ``grpc_server_handled_total{grpc_type,grpc_service,grpc_method,grpc_code}``: RPCs finished,
  by method and status code (the names of go-grpc-prometheus, so existing dashboards work);
- ``grpc_server_handling_seconds{grpc_type,grpc_service,grpc_method}``: RPC latency histogram;
- ``quantspan_request_text_chars{grpc_method}``: text length of each ExtractRequest, in code points;
- ``quantspan_response_quantities{grpc_method}``: quantities in each ExtractResponse;
- ``quantspan_rules_reloads_total`` and ``quantspan_rules_reload_failures_total``: incremented by
  the rules reload code through :func:`record_rules_reload`;
- ``quantspan_workers_alive``: worker processes serving (1 with ``--workers 1``).

RPCs that gRPC turns away before any handler runs (over ``max_concurrent_rpcs``, a message over
``max_message_bytes``) are not counted: no interceptor sees them.

With ``--workers N`` (N > 1) every worker is its own process with its own counters, and they all
share one gRPC port, so scraping a worker would give a random one's numbers. The metrics use
prometheus_client's multiprocess mode instead: each process writes its values into files under
``PROMETHEUS_MULTIPROC_DIR`` (a fresh temporary directory, removed on exit, unless the variable
is set; a directory given that way is emptied of ``*.db`` files at start), and the supervisor
alone serves ``/metrics``, summing every worker's counters and histograms. The workers-alive
gauge sums the gauges of the processes still alive, so a worker that dies stops counting even
when nothing could clean up after it. With ``--workers 1`` the one process serves its own.

The functions here are safe to call whether or not metrics are on: they do nothing when off.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import glob
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Final

import grpc
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server, values
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

#: Environment variable of prometheus_client's multiprocess mode.
MULTIPROC_ENV: Final = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS: Final = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
TEXT_CHARS_BUCKETS: Final = (0, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000)
QUANTITIES_BUCKETS: Final = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000)


# --- One RPC, as the interceptors see it ------------------------------------------------------


@dataclasses.dataclass(slots=True)
class RpcRecord:
    """What an interceptor learned about one RPC; handed to ``ObservingInterceptor.finished``."""

    method: str  # "/quantspan.v1.QuantityService/Extract"
    service: str  # "quantspan.v1.QuantityService"
    name: str  # "Extract"
    rpc_type: str  # unary, client_stream, server_stream, bidi_stream
    started: float = dataclasses.field(default_factory=time.perf_counter)
    code: str = "OK"  # a grpc.StatusCode name
    duration: float = 0.0  # seconds
    requests: int = 0  # request messages read
    text_chars: int = 0  # code points of every ExtractRequest.text read
    quantities: int = 0  # quantities in every ExtractResponse sent
    request_id: str = ""  # of the last ExtractRequest read (for a stream that failed: the culprit)
    texts: list[str] = dataclasses.field(default_factory=list)  # only when kept (keep_texts)


def _rpc_type(handler: grpc.RpcMethodHandler) -> str:
    if handler.request_streaming:
        return "bidi_stream" if handler.response_streaming else "client_stream"
    return "server_stream" if handler.response_streaming else "unary"


def _final_code(context: grpc.ServicerContext, error: BaseException | None) -> str:
    """The status code the call ends with, as far as the server knows."""
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code.name
    if code is not None:  # set as an int
        return next((c.name for c in grpc.StatusCode if c.value[0] == code), "UNKNOWN")
    if isinstance(error, GeneratorExit):  # a response stream closed early: the client went away
        return "CANCELLED"
    if error is not None:
        return "UNKNOWN"  # what gRPC answers for an exception without a status
    if not context.is_active():
        remaining = context.time_remaining()
        return "DEADLINE_EXCEEDED" if remaining is not None and remaining <= 0 else "CANCELLED"
    return "OK"


class ObservingInterceptor(grpc.ServerInterceptor):
    """Wraps every method handler to build an :class:`RpcRecord`, then calls :meth:`finished`.

    Reads the requests and responses as they pass: ``text`` and ``request_id`` of each
    ExtractRequest, ``quantities`` of each ExtractResponse; any other message only counts.
    """

    keep_texts = False

    def finished(self, record: RpcRecord) -> None:
        raise NotImplementedError

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(handler_call_details)
        if handler is None or not hasattr(handler, "_replace"):
            return handler
        method = handler_call_details.method
        service, _, name = method.lstrip("/").rpartition("/")
        rpc_type = _rpc_type(handler)

        def new_record() -> RpcRecord:
            return RpcRecord(method=method, service=service, name=name, rpc_type=rpc_type)

        if not handler.request_streaming and not handler.response_streaming:
            return handler._replace(unary_unary=self._wrap_unary(handler.unary_unary, new_record))
        if not handler.request_streaming:
            return handler._replace(
                unary_stream=self._wrap_streaming(handler.unary_stream, new_record, False)
            )
        if not handler.response_streaming:
            return handler._replace(stream_unary=self._wrap_unary(handler.stream_unary, new_record, True))
        return handler._replace(stream_stream=self._wrap_streaming(handler.stream_stream, new_record, True))

    # -- reading the messages

    def _saw_request(self, record: RpcRecord, request: Any) -> None:
        record.requests += 1
        text = getattr(request, "text", None)
        if isinstance(text, str):
            record.text_chars += len(text)
            if self.keep_texts:
                record.texts.append(text)
        request_id = getattr(request, "request_id", None)
        if isinstance(request_id, str):
            record.request_id = request_id

    def _saw_response(self, record: RpcRecord, response: Any) -> None:
        quantities = getattr(response, "quantities", None)
        if quantities is not None:
            record.quantities += len(quantities)
        self.observe_response(record, response)

    def observe_response(self, record: RpcRecord, response: Any) -> None:
        """Hook for a subclass: one response message, before it is sent."""

    def _requests(self, record: RpcRecord, requests: Iterator[Any]) -> Iterator[Any]:
        for request in requests:
            self._saw_request(record, request)
            yield request

    def _done(self, record: RpcRecord, context: grpc.ServicerContext, error: BaseException | None) -> None:
        record.duration = time.perf_counter() - record.started
        record.code = _final_code(context, error)
        self.finished(record)

    # -- wrapping the behaviours

    def _wrap_unary(
        self, behavior: Callable[..., Any], new_record: Callable[[], RpcRecord], streaming_in: bool = False
    ) -> Callable[[Any, grpc.ServicerContext], Any]:
        def wrapped(request_or_iterator: Any, context: grpc.ServicerContext) -> Any:
            record = new_record()
            if streaming_in:
                request_or_iterator = self._requests(record, request_or_iterator)
            else:
                self._saw_request(record, request_or_iterator)
            try:
                response = behavior(request_or_iterator, context)
            except BaseException as error:
                self._done(record, context, error)
                raise
            self._saw_response(record, response)
            self._done(record, context, None)
            return response

        return wrapped

    def _wrap_streaming(
        self, behavior: Callable[..., Any], new_record: Callable[[], RpcRecord], streaming_in: bool
    ) -> Callable[[Any, grpc.ServicerContext], Iterator[Any]]:
        def wrapped(request_or_iterator: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            record = new_record()
            if streaming_in:
                request_or_iterator = self._requests(record, request_or_iterator)
            else:
                self._saw_request(record, request_or_iterator)
            error: BaseException | None = None
            try:
                for response in behavior(request_or_iterator, context):
                    self._saw_response(record, response)
                    yield response
            except BaseException as e:
                error = e
                raise
            finally:
                self._done(record, context, error)

        return wrapped


# --- The metrics ---------------------------------------------------------------------------


class _Metrics:
    def __init__(self, registry: CollectorRegistry | None) -> None:
        rpc_labels = ("grpc_type", "grpc_service", "grpc_method")
        self.handled = Counter(
            "grpc_server_handled_total",
            "RPCs finished on the server, by method and status code.",
            (*rpc_labels, "grpc_code"),
            registry=registry,
        )
        self.handling_seconds = Histogram(
            "grpc_server_handling_seconds",
            "Time from the start of an RPC to its status, in seconds.",
            rpc_labels,
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.text_chars = Histogram(
            "quantspan_request_text_chars",
            "Length of each ExtractRequest text, in Unicode code points.",
            ("grpc_method",),
            buckets=TEXT_CHARS_BUCKETS,
            registry=registry,
        )
        self.quantities = Histogram(
            "quantspan_response_quantities",
            "Quantities in each ExtractResponse.",
            ("grpc_method",),
            buckets=QUANTITIES_BUCKETS,
            registry=registry,
        )
        self.reloads = Counter("quantspan_rules_reloads", "Rules reloads that succeeded.", registry=registry)
        self.reload_failures = Counter(
            "quantspan_rules_reload_failures", "Rules reloads that failed.", registry=registry
        )
        self.workers_alive = Gauge(
            "quantspan_workers_alive",
            "Worker processes serving gRPC.",
            registry=registry,
            multiprocess_mode="livesum",
        )


class _LiveMultiProcessCollector(MultiProcessCollector):
    """MultiProcessCollector that first forgets the live-gauge files of dead processes, so a
    worker that died without cleaning up (SIGKILL, crash) no longer counts as alive."""

    def collect(self) -> Any:
        for path in glob.glob(os.path.join(self._path, "gauge_live*_*.db")):
            pid = os.path.basename(path).rsplit("_", 1)[-1].removesuffix(".db")
            if pid.isdigit() and not _alive(int(pid)):
                mark_process_dead(int(pid), self._path)
        return super().collect()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) is not serving.
    with contextlib.suppress(OSError):
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    return True


@dataclasses.dataclass(slots=True)
class _State:
    metrics: _Metrics
    registry: CollectorRegistry  # what /metrics serves
    multiprocess_dir: str | None
    http_server: Any = None


_state: _State | None = None
_lock = threading.Lock()


def enabled() -> bool:
    return _state is not None


def setup(*, multiprocess: bool) -> CollectorRegistry:
    """Create the metrics (once per process tree, before forking workers); returns the registry
    to expose. ``multiprocess`` selects prometheus_client's multiprocess mode (see the module)."""
    global _state
    with _lock:
        if _state is not None:
            return _state.registry
        multiprocess_dir: str | None = None
        if multiprocess:
            multiprocess_dir = _prepare_multiprocess_dir()
            # prometheus_client picks the value class at import time from the environment, and
            # uses it again for every labelled child: switch it for the whole process.
            values.ValueClass = values.MultiProcessValue()
            metrics = _Metrics(registry=None)  # collected from the files, not registered
            registry = CollectorRegistry()
            _LiveMultiProcessCollector(registry, path=multiprocess_dir)
        else:
            registry = CollectorRegistry()
            metrics = _Metrics(registry=registry)
        _state = _State(metrics=metrics, registry=registry, multiprocess_dir=multiprocess_dir)
        return registry


def _prepare_multiprocess_dir() -> str:
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        os.makedirs(given, exist_ok=True)
        for stale in glob.glob(os.path.join(given, "*.db")):
            os.remove(stale)
        return given
    path = tempfile.mkdtemp(prefix="quantspan-metrics-")
    os.environ[MULTIPROC_ENV] = path
    owner = os.getpid()

    def remove() -> None:
        if os.getpid() == owner:  # not in a forked worker
            shutil.rmtree(path, ignore_errors=True)

    atexit.register(remove)
    return path


def start(host: str, port: int, *, multiprocess: bool) -> int:
    """Set the metrics up and serve them on ``http://host:port/metrics`` from a daemon thread of
    this process; returns the port bound. Raises OSError if the port cannot be bound.

    Call it in the process that stays (the supervisor) before forking the workers: a forked
    worker closes its copy of the listening socket.
    """
    registry = setup(multiprocess=multiprocess)
    assert _state is not None
    http_server, _ = start_http_server(port, addr=host, registry=registry)
    _state.http_server = http_server
    return int(http_server.server_address[1])


def _close_inherited_http_socket() -> None:
    state = _state
    if state is not None and state.http_server is not None:
        with contextlib.suppress(OSError):
            state.http_server.socket.close()
        state.http_server = None


os.register_at_fork(after_in_child=_close_inherited_http_socket)


def reset_for_tests() -> None:
    """Forget the metrics set up in this process (tests only)."""
    global _state
    with _lock:
        if _state is not None and _state.http_server is not None:
            _state.http_server.shutdown()
            _state.http_server.server_close()
        _state = None


# --- What the rest of the service calls ------------------------------------------------------


def record_rules_reload(*, ok: bool) -> None:
    """Count one rules reload, successful or not. No-op when metrics are off."""
    state = _state
    if state is not None:
        (state.metrics.reloads if ok else state.metrics.reload_failures).inc()


def worker_serving() -> None:
    """Count this process as a serving worker (until it exits). No-op when metrics are off."""
    state = _state
    if state is not None:
        state.metrics.workers_alive.set(1)


def worker_exited(pid: int) -> None:
    """Forget a worker that exited (optional: dead workers are noticed at scrape time anyway)."""
    state = _state
    if state is not None and state.multiprocess_dir is not None:
        mark_process_dead(pid, state.multiprocess_dir)


class MetricsInterceptor(ObservingInterceptor):
    """Records every RPC in the metrics; counts its process as a serving worker when made."""

    def __init__(self) -> None:
        worker_serving()

    def observe_response(self, record: RpcRecord, response: Any) -> None:
        state = _state
        quantities = getattr(response, "quantities", None)
        if state is not None and quantities is not None:
            state.metrics.quantities.labels(record.name).observe(len(quantities))

    def _saw_request(self, record: RpcRecord, request: Any) -> None:
        before = record.text_chars
        super()._saw_request(record, request)
        state = _state
        if state is not None and isinstance(getattr(request, "text", None), str):
            state.metrics.text_chars.labels(record.name).observe(record.text_chars - before)

    def finished(self, record: RpcRecord) -> None:
        state = _state
        if state is None:
            return
        labels = (record.rpc_type, record.service, record.name)
        state.metrics.handled.labels(*labels, record.code).inc()
        state.metrics.handling_seconds.labels(*labels).observe(record.duration)


def server_interceptors() -> list[grpc.ServerInterceptor]:
    """The metrics interceptor when metrics are on, else nothing."""
    return [MetricsInterceptor()] if enabled() else []
