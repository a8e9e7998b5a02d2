"""The gRPC service: QuantityService, the standard health service and server reflection.

The servicer is thin: convert the request, call the engine, convert the result. Every error is
turned into a gRPC status in one place, :func:`status_for`, as a ``google.rpc.Status`` whose
details carry a ``google.rpc.ErrorInfo`` (reason, request_id, stream index) and, for invalid
requests, a ``google.rpc.BadRequest`` listing the offending fields.
"""

from __future__ import annotations

import gc
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NoReturn, Protocol, TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from grpc_status import rpc_status

import quantspan
from quantspan import accesslog, convert, metrics
from quantspan.engine import (
    Extraction,
    ExtractionTimeout,
    Extractor,
    InvalidRequest,
    Kind,
    UnsupportedLanguage,
    default_rules_dir,
)
from quantspan.reload import EngineSlot
from quantspan.v1 import quantspan_pb2 as pb

log = logging.getLogger(__name__)

SERVICE_NAME: Final = pb.DESCRIPTOR.services_by_name["QuantityService"].full_name
HEALTH_SERVICE_NAME: Final = health_pb2.DESCRIPTOR.services_by_name["Health"].full_name
#: The ``domain`` of every google.rpc.ErrorInfo the service sends.
ERROR_DOMAIN: Final = "quantspan"
#: ErrorInfo reasons.
REASON_INVALID_REQUEST: Final = "INVALID_REQUEST"
REASON_MALFORMED_REQUEST: Final = "MALFORMED_REQUEST"
REASON_UNSUPPORTED_LANGUAGE: Final = "UNSUPPORTED_LANGUAGE"
REASON_DEADLINE_EXCEEDED: Final = "DEADLINE_EXCEEDED"
REASON_INTERNAL: Final = "INTERNAL"
REASON_OVERLOADED: Final = "OVERLOADED"
REASON_DRAINING: Final = "DRAINING"
INT32_MAX: Final = 2**31 - 1
#: RPC slots (and threads) beyond max_concurrent_rpcs, kept for health checks, reflection and
#: GetInfo, so that they are answered while every extraction slot is taken.
CONTROL_RPCS: Final = 8
#: Extractions that run at once in one worker process. The engine is CPU-bound Python under
#: the GIL, so more than one at a time adds no throughput; and the `regex` module lets go of
#: the GIL around every match, so threads extracting side by side hand it back and forth at
#: each of the thousands of matches of a text (16 such threads did a fifth of the work of one).
#: Admitted RPCs beyond this wait their turn here, within their deadline; threads waiting on
#: the gate do not contend for the GIL. Add workers (processes) to use more cores.
EXTRACT_THREADS: Final = 1

WARM_UP_TEXT: Final = (
    "At least 3,800 of the 12,000 troops walked about 12 km in 3 hours; costs rose 18% to $2.5 billion."
)

T = TypeVar("T")


class Engine(Protocol):
    """What the service needs from an extractor (``quantspan.engine.Extractor`` or a test double)."""

    @property
    def rules_version(self) -> str: ...

    @property
    def languages(self) -> tuple[str, ...]: ...

    def extract(
        self,
        text: str,
        language: str = ...,
        kinds: Sequence[Kind] = ...,
        explain: bool = ...,
        deadline: float | None = ...,
    ) -> Extraction: ...


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything ``quantspan serve`` can be told. ``max_message_bytes=0`` derives it from
    ``max_text_chars`` (4 bytes per code point plus 64 KiB), so the text limit is the one that
    binds and answers INVALID_ARGUMENT with a BadRequest."""

    host: str = "127.0.0.1"
    port: int = 50051
    workers: int = 1
    rules_dir: Path | None = None
    max_text_chars: int = 1_000_000
    max_concurrent_rpcs: int = 64
    grace_seconds: float = 10.0
    log_format: str = "text"
    max_message_bytes: int = 0
    max_deadline_ms: int = 30_000
    metrics_port: int = 0  # 0: no metrics
    log_text: bool = False  # put request texts in the access log
    tls_cert: Path | None = None  # PEM certificate chain of the server: serve TLS
    tls_key: Path | None = None  # PEM private key of tls_cert
    tls_client_ca: Path | None = None  # PEM CA bundle: require client certificates it signed (mTLS)
    watch_rules: bool = False  # reload the rules when their files change (SIGHUP always does)

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port must be in 0..65535, not {self.port}")
        for name in ("workers", "max_text_chars", "max_concurrent_rpcs", "max_deadline_ms"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.grace_seconds < 0:
            raise ValueError(f"grace_seconds must not be negative, not {self.grace_seconds}")
        if not 0 <= self.metrics_port <= 65535:
            raise ValueError(f"metrics_port must be in 0..65535, not {self.metrics_port}")
        if self.log_format not in ("text", "json"):
            raise ValueError(f"log_format must be 'text' or 'json', not {self.log_format!r}")
        if not 0 <= self.max_message_bytes <= INT32_MAX:
            raise ValueError(f"max_message_bytes must be in 0..{INT32_MAX}, not {self.max_message_bytes}")
        if self.max_message_bytes == 0:
            derived = min(4 * self.max_text_chars + 64 * 1024, INT32_MAX)
            object.__setattr__(self, "max_message_bytes", derived)
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("tls_cert and tls_key go together: give both or neither")
        if self.tls_client_ca is not None and self.tls_cert is None:
            raise ValueError("tls_client_ca (mutual TLS) needs tls_cert and tls_key")

    @property
    def max_deadline_seconds(self) -> float:
        return self.max_deadline_ms / 1000.0

    def address(self, port: int | None = None) -> str:
        """``host:port``, with brackets around an IPv6 host."""
        return format_address(self.host, self.port if port is None else port)

    def summary(self) -> dict[str, object]:
        """The effective configuration, for the start-up log line."""
        return {
            "host": self.host,
            "port": self.port,
            "workers": self.workers,
            "rules_dir": str(self.rules_dir or default_rules_dir()),
            "max_text_chars": self.max_text_chars,
            "max_concurrent_rpcs": self.max_concurrent_rpcs,
            "grace_seconds": self.grace_seconds,
            "log_format": self.log_format,
            "max_message_bytes": self.max_message_bytes,
            "max_deadline_ms": self.max_deadline_ms,
            "metrics_port": self.metrics_port,
            "log_text": self.log_text,
            "tls": "mutual" if self.tls_client_ca else "on" if self.tls_cert else "off",
            "watch_rules": self.watch_rules,
        }

    def tls_files(self) -> tuple[bytes, bytes, bytes | None] | None:
        """(certificate chain, private key, client CA or None) read from their PEM files, or None
        without TLS. Raises OSError naming the file that cannot be read."""
        if self.tls_cert is None or self.tls_key is None:
            return None

        def read(path: Path, what: str) -> bytes:
            try:
                data = Path(path).read_bytes()
            except OSError as e:
                raise OSError(f"cannot read the {what} {path}: {e.strerror or e}") from e
            if b"-----BEGIN " not in data:
                raise OSError(f"the {what} {path} is not PEM")
            return data

        return (
            read(self.tls_cert, "TLS certificate (--tls-cert)"),
            read(self.tls_key, "TLS key (--tls-key)"),
            None if self.tls_client_ca is None else read(self.tls_client_ca, "client CA (--tls-client-ca)"),
        )


def instance_name() -> str:
    """``HOSTNAME:PID`` of this process, as GetInfo reports it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def format_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def warm_up(extractor: Engine) -> None:
    """Run one extraction so lazy state is built before the first real request, then move
    everything alive to the collector's permanent generation: the rules and unit tables are
    never garbage, so full collections need not walk them (and forked workers keep sharing
    their pages). Called again in a forked worker, it leaves what the parent froze frozen: a
    full collection over it would write to every shared page. (A rules reload unfreezes the
    rules it replaces itself.)"""
    language = "en" if "en" in extractor.languages else extractor.languages[0]
    extractor.extract(WARM_UP_TEXT, language=language)
    gc.collect()
    gc.freeze()


# --- Errors -> status, the one place ---------------------------------------------------------


class Overloaded(Exception):
    """Every extraction slot of the worker is taken (``max_concurrent_rpcs``)."""


class Draining(Exception):
    """The server is stopping: an ExtractStream ends once the items it read are answered."""

    def __init__(self, answered: int) -> None:
        super().__init__(
            f"the server is shutting down; this stream's first {answered} item(s) were answered, "
            "send the rest again"
        )
        self.answered = answered


def _pack(message: Any) -> any_pb2.Any:
    detail = any_pb2.Any()
    detail.Pack(message)
    return detail


def status_for(
    exc: BaseException,
    *,
    request_id: str,
    index: int | None = None,
    method: str = "",
    capped: bool = False,
    max_deadline_ms: int = 0,
) -> status_pb2.Status:
    """The google.rpc.Status answering a request that raised ``exc``.

    ``index`` is the position of the failing item in an ExtractStream; ``capped`` says the
    server's max_deadline_ms, not the client's deadline, bounded the extraction. Unexpected
    exceptions are logged here, once, with the request id.
    """
    violations: Sequence[tuple[str, str]] = ()
    if isinstance(exc, InvalidRequest):
        code = code_pb2.INVALID_ARGUMENT
        if isinstance(exc, convert.MalformedRequest):
            reason = REASON_MALFORMED_REQUEST
        elif isinstance(exc, UnsupportedLanguage):
            reason = REASON_UNSUPPORTED_LANGUAGE
        else:
            reason = REASON_INVALID_REQUEST
        if isinstance(exc, convert.RequestViolations):
            violations = exc.violations
        else:
            violations = ((exc.field, exc.description),)
        message = "; ".join(d for _, d in violations)
    elif isinstance(exc, Overloaded):
        code, reason, message = code_pb2.RESOURCE_EXHAUSTED, REASON_OVERLOADED, str(exc)
    elif isinstance(exc, Draining):
        code, reason, message = code_pb2.UNAVAILABLE, REASON_DRAINING, str(exc)
    elif isinstance(exc, ExtractionTimeout):
        code, reason = code_pb2.DEADLINE_EXCEEDED, REASON_DEADLINE_EXCEEDED
        message = (
            f"extraction stopped after max_deadline_ms={max_deadline_ms}"
            if capped
            else "extraction stopped at the client's deadline"
        )
    else:
        code, reason = code_pb2.INTERNAL, REASON_INTERNAL
        where = f" (item {index})" if index is not None else ""
        log.error("internal error in %s%s request_id=%r", method or "rpc", where, request_id, exc_info=exc)
        message = "internal error; the server log has the details"
    metadata = {"request_id": request_id}
    if isinstance(exc, Draining):
        metadata["answered"] = str(exc.answered)
    if index is not None:
        metadata["index"] = str(index)
        message = f"item {index} (request_id {request_id!r}): {message}"
    details = [_pack(error_details_pb2.ErrorInfo(reason=reason, domain=ERROR_DOMAIN, metadata=metadata))]
    field_violations = [
        error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in violations if f
    ]
    if field_violations:
        details.append(_pack(error_details_pb2.BadRequest(field_violations=field_violations)))
    return status_pb2.Status(code=code, message=message, details=details)


# --- The servicer ----------------------------------------------------------------------------


class QuantityServicer:
    """quantspan.v1.QuantityService over an engine. Thread-safe as the engine is.

    The engine is read from an :class:`EngineSlot` once at the start of each request (each item
    of a stream), so a rules reload swaps it between requests, never within one. At most
    ``max_concurrent_rpcs`` Extract/ExtractStream calls are admitted at once, of which one
    extracts at a time (``EXTRACT_THREADS``; the others wait their turn within their
    deadline); the excess is answered RESOURCE_EXHAUSTED at once, while health checks,
    reflection and GetInfo use the ``CONTROL_RPCS`` slots kept for them. Once ``draining`` is
    set, a stream ends (UNAVAILABLE, reason DRAINING) right after answering the item it is on.
    """

    def __init__(self, extractor: Engine | EngineSlot, config: ServerConfig) -> None:
        self._slot = extractor if isinstance(extractor, EngineSlot) else EngineSlot(extractor)
        self._config = config
        self._admission = threading.BoundedSemaphore(config.max_concurrent_rpcs)
        # see EXTRACT_THREADS; one slot is a plain lock, whose timed acquire runs in C (a
        # semaphore's goes through a Condition in Python: 1.7 against 0.8 µs uncontended)
        self._gate: threading.Lock | threading.BoundedSemaphore = (
            threading.Lock() if EXTRACT_THREADS == 1 else threading.BoundedSemaphore(EXTRACT_THREADS)
        )
        self.draining = threading.Event()
        self._limits = pb.Limits(
            max_text_chars=config.max_text_chars,
            max_concurrent_rpcs=config.max_concurrent_rpcs,
            max_message_bytes=config.max_message_bytes,
            max_deadline_ms=config.max_deadline_ms,
        )

    @property
    def slot(self) -> EngineSlot:
        return self._slot

    def _admit(self, context: grpc.ServicerContext, method: str, request_id: str) -> None:
        """Take an extraction slot, or answer RESOURCE_EXHAUSTED now."""
        if not self._admission.acquire(blocking=False):
            limit = self._config.max_concurrent_rpcs
            busy = Overloaded(
                f"server busy: {limit} extraction RPCs already in flight (max_concurrent_rpcs={limit}); "
                "retry with backoff"
            )
            self._abort(context, busy, method=method, request_id=request_id, index=None, capped=False)

    def Extract(
        self, request: pb.ExtractRequest | convert.Undecodable, context: grpc.ServicerContext
    ) -> pb.ExtractResponse:
        self._admit(context, "Extract", request.request_id)
        try:
            return self._serve_one(request, context, method="Extract")
        finally:
            self._admission.release()

    def ExtractStream(
        self,
        requests: Iterator[pb.ExtractRequest | convert.Undecodable],
        context: grpc.ServicerContext,
    ) -> Iterator[pb.ExtractResponse]:
        """One response per request, in request order. The first item that fails ends the stream
        with that item's status; its message and ErrorInfo name the item's index and request_id.
        Responses already sent stand. When the server starts draining, the stream ends with
        UNAVAILABLE (reason DRAINING, metadata ``answered``) right after the item in hand: every
        item read is answered, and the client resends the rest elsewhere."""
        self._admit(context, "ExtractStream", "")
        try:
            for index, request in enumerate(requests):
                yield self._serve_one(request, context, method="ExtractStream", index=index)
                if self.draining.is_set():
                    self._abort(
                        context,
                        Draining(index + 1),
                        method="ExtractStream",
                        request_id=request.request_id,
                        index=None,
                        capped=False,
                    )
        finally:
            self._admission.release()

    def GetInfo(
        self, request: pb.GetInfoRequest | convert.Undecodable, context: grpc.ServicerContext
    ) -> pb.GetInfoResponse:
        def work() -> pb.GetInfoResponse:
            if isinstance(request, convert.Undecodable):
                raise request.error()
            engine = self._slot.engine
            return pb.GetInfoResponse(
                server_version=quantspan.__version__,
                rules_version=engine.rules_version,
                languages=engine.languages,
                last_rules_error=self._slot.last_error,
                kinds=sorted(convert.KIND_TO_PB.values()),
                limits=self._limits,
                instance=instance_name(),
            )

        return self._guarded(context, work, method="GetInfo", request_id="")

    def _serve_one(
        self,
        request: pb.ExtractRequest | convert.Undecodable,
        context: grpc.ServicerContext,
        *,
        method: str,
        index: int | None = None,
    ) -> pb.ExtractResponse:
        request_id = request.request_id
        engine = self._slot.engine  # once: a reload swaps the slot between requests, not within one
        remaining = context.time_remaining()  # huge when the client set no deadline
        cap = self._config.max_deadline_seconds
        capped = remaining is None or remaining > cap
        budget = cap if capped else remaining

        def work() -> pb.ExtractResponse:
            if isinstance(request, convert.Undecodable):
                raise request.error()
            deadline = time.monotonic() + budget
            args = convert.request_to_args(request, max_text_chars=self._config.max_text_chars)
            # one extraction at a time in this process (EXTRACT_THREADS); the wait counts
            # against the request's deadline
            if not self._gate.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise ExtractionTimeout("the deadline passed while waiting for an extraction slot")
            try:
                extraction = engine.extract(
                    args.text,
                    language=args.language,
                    kinds=args.kinds,
                    explain=args.explain,
                    deadline=deadline,
                )
                return convert.extraction_to_pb(extraction, args.text, request_id=request_id)
            finally:
                self._gate.release()

        return self._guarded(context, work, method=method, request_id=request_id, index=index, capped=capped)

    def _guarded(
        self,
        context: grpc.ServicerContext,
        work: Callable[[], T],
        *,
        method: str,
        request_id: str,
        index: int | None = None,
        capped: bool = False,
    ) -> T:
        try:
            return work()
        except Exception as exc:
            self._abort(context, exc, method=method, request_id=request_id, index=index, capped=capped)

    def _abort(
        self,
        context: grpc.ServicerContext,
        exc: Exception,
        *,
        method: str,
        request_id: str,
        index: int | None,
        capped: bool,
    ) -> NoReturn:
        status = status_for(
            exc,
            request_id=request_id,
            index=index,
            method=method,
            capped=capped,
            max_deadline_ms=self._config.max_deadline_ms,
        )
        context.abort_with_status(rpc_status.to_status(status))
        raise AssertionError("abort_with_status returned")  # pragma: no cover


def _method_handlers(servicer: QuantityServicer) -> dict[str, grpc.RpcMethodHandler]:
    """QuantityService's handlers, with deserializers that turn unparsable bytes (such as
    invalid UTF-8 in a string field) into ``convert.Undecodable`` instead of gRPC's INTERNAL."""
    extract_request = convert.SafeDeserializer(pb.ExtractRequest)
    info_request = convert.SafeDeserializer(pb.GetInfoRequest)
    return {
        "Extract": grpc.unary_unary_rpc_method_handler(
            servicer.Extract,
            request_deserializer=extract_request,
            response_serializer=pb.ExtractResponse.SerializeToString,
        ),
        "ExtractStream": grpc.stream_stream_rpc_method_handler(
            servicer.ExtractStream,
            request_deserializer=extract_request,
            response_serializer=pb.ExtractResponse.SerializeToString,
        ),
        "GetInfo": grpc.unary_unary_rpc_method_handler(
            servicer.GetInfo,
            request_deserializer=info_request,
            response_serializer=pb.GetInfoResponse.SerializeToString,
        ),
    }


# --- The server ------------------------------------------------------------------------------


class QuantspanServer(grpc.Server):
    """A grpc.Server whose ``stop`` first turns the health service NOT_SERVING (draining) and
    tells open ExtractStreams to end after the item in hand."""

    def __init__(
        self,
        server: grpc.Server,
        health_servicer: health.HealthServicer,
        pool: futures.ThreadPoolExecutor,
        draining: threading.Event | None = None,
        engine_slot: EngineSlot | None = None,
    ) -> None:
        self._server = server
        self._health = health_servicer
        self._pool = pool
        self._draining = draining or threading.Event()
        self._engine_slot = engine_slot

    @property
    def health(self) -> health.HealthServicer:
        return self._health

    @property
    def engine_slot(self) -> EngineSlot | None:
        """The engine reference the servicer reads per request (a rules reloader swaps it)."""
        return self._engine_slot

    def add_generic_rpc_handlers(self, generic_rpc_handlers: Any) -> None:
        self._server.add_generic_rpc_handlers(generic_rpc_handlers)

    def add_registered_method_handlers(self, service_name: Any, method_handlers: Any) -> None:
        self._server.add_registered_method_handlers(service_name, method_handlers)

    def add_insecure_port(self, address: str) -> int:
        return self._server.add_insecure_port(address)

    def add_secure_port(self, address: str, server_credentials: grpc.ServerCredentials) -> int:
        return self._server.add_secure_port(address, server_credentials)

    def start(self) -> None:
        self._server.start()

    def stop(self, grace: float | None) -> threading.Event:
        """Set every health status to NOT_SERVING, then stop within ``grace`` seconds."""
        self._health.enter_graceful_shutdown()
        self._draining.set()
        done = self._server.stop(grace)
        threading.Thread(target=self._release_pool, args=(done,), daemon=True).start()
        return done

    def _release_pool(self, done: threading.Event) -> None:
        done.wait()
        self._pool.shutdown(wait=False)

    def wait_for_termination(self, timeout: float | None = None) -> bool:
        return self._server.wait_for_termination(timeout)


def create_server(
    config: ServerConfig, extractor: Engine | EngineSlot | None = None, *, reuse_port: bool = False
) -> tuple[grpc.Server, int]:
    """Build a server bound to ``config.host:config.port`` (0 picks a free port); not started.

    Loads the rules (unless ``extractor`` is given) and warms the engine up with one
    extraction; the health statuses ("" and quantspan.v1.QuantityService) are NOT_SERVING until
    both are done, then SERVING, and NOT_SERVING again once ``stop`` is called. ``reuse_port``
    lets several worker processes share the port (SO_REUSEPORT); without it a port in use is an
    error. Returns the server and the port bound.

    ``extractor`` may be an :class:`EngineSlot`, which a rules reloader swaps. With
    ``config.tls_cert`` the port serves TLS only, and with ``config.tls_client_ca`` only to
    clients with a certificate that CA signed. The thread pool and gRPC's own RPC limit are
    ``max_concurrent_rpcs + CONTROL_RPCS``: the servicer admits at most ``max_concurrent_rpcs``
    extractions, the rest is for health checks, reflection and GetInfo.
    """
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    for service in ("", SERVICE_NAME):
        health_servicer.set(service, health_pb2.HealthCheckResponse.NOT_SERVING)
    if extractor is None:
        extractor = Extractor.load(config.rules_dir)
    slot = extractor if isinstance(extractor, EngineSlot) else EngineSlot(extractor)
    warm_up(slot.engine)
    tls = config.tls_files()
    servicer = QuantityServicer(slot, config)

    slots = config.max_concurrent_rpcs + CONTROL_RPCS
    rpc_pool = futures.ThreadPoolExecutor(max_workers=slots, thread_name_prefix="quantspan-rpc")
    server = QuantspanServer(
        grpc.server(
            rpc_pool,
            maximum_concurrent_rpcs=slots,
            interceptors=[
                *metrics.server_interceptors(),
                accesslog.AccessLogInterceptor(log_text=config.log_text),
            ],
            options=[
                ("grpc.max_receive_message_length", config.max_message_bytes),
                ("grpc.so_reuseport", 1 if reuse_port else 0),
            ],
        ),
        health_servicer,
        rpc_pool,
        draining=servicer.draining,
        engine_slot=slot,
    )
    handlers = _method_handlers(servicer)
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
    server.add_registered_method_handlers(SERVICE_NAME, handlers)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection((SERVICE_NAME, HEALTH_SERVICE_NAME, reflection.SERVICE_NAME), server)
    address = config.address()
    try:
        if tls is None:
            port = server.add_insecure_port(address)
        else:
            chain, key, client_ca = tls
            credentials = grpc.ssl_server_credentials(
                [(key, chain)], root_certificates=client_ca, require_client_auth=client_ca is not None
            )
            port = server.add_secure_port(address, credentials)
    except RuntimeError as e:
        server.stop(None)
        hint = " (is the TLS key the certificate's?)" if tls is not None else ""
        raise OSError(f"cannot listen on {address}: {e}{hint}") from e

    for service in ("", SERVICE_NAME):
        health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return server, port
