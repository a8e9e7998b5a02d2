"""The ``quantspan`` command: ``serve``, ``extract`` and ``rules check``.

    quantspan serve --port 0 --workers 4      # prints "listening on 127.0.0.1:PORT" first
    quantspan extract "at least 3,800 troops" [--json | --jsonl] [--server HOST:PORT]
    quantspan rules check

Every ``serve`` flag can also be set with the environment variable QUANTSPAN_<FLAG>
(``--max-text-chars`` -> QUANTSPAN_MAX_TEXT_CHARS); a flag on the command line wins.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import datetime
import importlib
import importlib.util
import json
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing import connection as mp_connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import Final, Protocol, TextIO

import grpc
from google.protobuf import json_format

import quantspan
from quantspan import convert, metrics
from quantspan.client import QuantspanClient, error_details
from quantspan.engine import Extractor, InvalidRequest, RulesError, default_rules_dir, redos
from quantspan.reload import EngineSlot, RulesReloader
from quantspan.server import Engine, ServerConfig, create_server, format_address, warm_up
from quantspan.v1 import quantspan_pb2 as pb

log = logging.getLogger("quantspan")

ENV_PREFIX: Final = "QUANTSPAN_"
STOP_SIGNALS: Final = (signal.SIGTERM, signal.SIGINT)
#: Signals blocked across a worker's fork until its handlers are in place.
WORKER_SIGNALS: Final = (*STOP_SIGNALS, signal.SIGHUP)
#: Seconds the supervisor waits past the grace period before it kills a worker that hangs.
KILL_MARGIN_SECONDS: Final = 5.0
#: A worker that dies is replaced at once, unless more than MAX_RESTARTS workers died within
#: RESTART_WINDOW_SECONDS: then the server stops (exit 1), so a crash loop reaches the orchestrator.
MAX_RESTARTS: Final = 5
RESTART_WINDOW_SECONDS: Final = 60.0
EXIT_USAGE: Final = 2


# --- Logging ---------------------------------------------------------------------------------


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, pid, message, and any ``fields`` extra."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(log_format: str, level: int) -> None:
    """Send log records to stderr, as text or JSON lines. Called once, from main()."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


# --- Arguments -------------------------------------------------------------------------------


def _env_default(flag: str, default: str | None) -> str | None:
    """The default of ``--flag``: QUANTSPAN_FLAG from the environment, else ``default``."""
    return os.environ.get(ENV_PREFIX + flag.upper().replace("-", "_"), default)


def _env_flag(flag: str) -> bool:
    """The default of a ``--flag`` switch: QUANTSPAN_FLAG set to 1, true, yes or on."""
    return (_env_default(flag, "") or "").lower() in ("1", "true", "yes", "on")


def _int_type(flag: str, minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    env = ENV_PREFIX + flag.upper().replace("-", "_")

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < minimum or (maximum is not None and number > maximum):
            bounds = f">= {minimum}" if maximum is None else f"in {minimum}..{maximum}"
            raise argparse.ArgumentTypeError(f"{value!r} is not an integer {bounds} (--{flag} or {env})")
        return number

    return parse


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a number of seconds >= 0 (--grace-seconds or QUANTSPAN_GRACE_SECONDS)"
        )
    return number


def _log_format(value: str) -> str:
    if value not in ("text", "json"):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not 'text' or 'json' (--log-format or QUANTSPAN_LOG_FORMAT)"
        )
    return value


def _kind_name(value: str) -> str:
    name = value.upper()
    if name not in pb.Kind.keys() or name == "KIND_UNSPECIFIED":
        valid = ", ".join(k for k in pb.Kind.keys() if k != "KIND_UNSPECIFIED")
        raise argparse.ArgumentTypeError(f"{value!r} is not a kind; use one of {valid}")
    return name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quantspan", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"quantspan {quantspan.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="serve quantspan.v1.QuantityService over gRPC",
        description="Serve quantspan.v1.QuantityService, grpc.health.v1.Health and server reflection. "
        "Every flag can also be set with QUANTSPAN_<FLAG>, e.g. QUANTSPAN_PORT.",
    )
    serve.add_argument(
        "--host",
        default=_env_default("host", "127.0.0.1"),
        help="address to listen on (default: %(default)s)",
    )
    serve.add_argument(
        "--port",
        type=_int_type("port", 0, 65535),
        default=_env_default("port", "50051"),
        help="port to listen on; 0 picks a free one, printed first as 'listening on HOST:PORT' "
        "(default: %(default)s)",
    )
    serve.add_argument(
        "--workers",
        type=_int_type("workers", 1),
        default=_env_default("workers", str(os.cpu_count() or 1)),
        help="worker processes sharing the port; 1 serves in-process (default: %(default)s)",
    )
    serve.add_argument(
        "--rules",
        type=Path,
        default=_env_default("rules", None),
        metavar="DIR",
        help="rules directory (default: the rules shipped with quantspan)",
    )
    serve.add_argument(
        "--max-text-chars",
        type=_int_type("max-text-chars", 1),
        default=_env_default("max-text-chars", "1000000"),
        help="longest text accepted, in code points (default: %(default)s)",
    )
    serve.add_argument(
        "--max-concurrent-rpcs",
        type=_int_type("max-concurrent-rpcs", 1),
        default=_env_default("max-concurrent-rpcs", "64"),
        help="RPCs served at once per worker; the excess gets RESOURCE_EXHAUSTED (default: %(default)s)",
    )
    serve.add_argument(
        "--grace-seconds",
        type=_seconds,
        default=_env_default("grace-seconds", "10"),
        help="on SIGTERM, how long in-flight RPCs may take to finish (default: %(default)s)",
    )
    serve.add_argument(
        "--log-format",
        type=_log_format,
        default=_env_default("log-format", "text"),
        metavar="{text,json}",
        help="log lines on stderr as text or JSON (default: %(default)s)",
    )
    serve.add_argument(
        "--max-message-bytes",
        type=_int_type("max-message-bytes", 0, 2**31 - 1),
        default=_env_default("max-message-bytes", "0"),
        help="largest request message accepted; 0 derives it from --max-text-chars (4 bytes each + 64 KiB)",
    )
    serve.add_argument(
        "--max-deadline-ms",
        type=_int_type("max-deadline-ms", 1),
        default=_env_default("max-deadline-ms", "30000"),
        help="longest time one extraction may take, whatever the client's deadline (default: %(default)s)",
    )
    serve.add_argument(
        "--metrics-port",
        type=_int_type("metrics-port", 0, 65535),
        default=_env_default("metrics-port", "0"),
        help="serve Prometheus metrics on http://HOST:PORT/metrics; 0 = off (default: %(default)s)",
    )
    serve.add_argument(
        "--log-text",
        action="store_true",
        default=_env_flag("log-text"),
        help="put the request texts in the access log lines (off: only their length)",
    )
    serve.add_argument(
        "--tls-cert",
        type=Path,
        default=_env_default("tls-cert", None),
        metavar="PEM",
        help="serve TLS with this certificate chain (with --tls-key); plaintext without",
    )
    serve.add_argument(
        "--tls-key",
        type=Path,
        default=_env_default("tls-key", None),
        metavar="PEM",
        help="private key of --tls-cert",
    )
    serve.add_argument(
        "--tls-client-ca",
        type=Path,
        default=_env_default("tls-client-ca", None),
        metavar="PEM",
        help="mutual TLS: accept only clients whose certificate this CA bundle signed",
    )
    serve.add_argument(
        "--watch-rules",
        action="store_true",
        default=_env_flag("watch-rules"),
        help="reload the rules when their files change (checked every second); SIGHUP always reloads",
    )
    serve.set_defaults(run=_serve)

    extract = commands.add_parser(
        "extract",
        help="print the quantities in a text",
        description="Extract quantities with the local engine, or from a running server with --server.",
    )
    extract.add_argument("text", nargs="?", help="the text; read from stdin when omitted")
    mode = extract.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the ExtractResponse as protobuf JSON")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id": ..., "text": ...} lines on stdin, write {"id": ..., "quantities": [...]} lines',
    )
    extract.add_argument("--server", metavar="HOST:PORT", help="call this server instead of the local engine")
    extract.add_argument("--language", default="", help='BCP-47 tag of the text (default: "en")')
    extract.add_argument(
        "--kind",
        dest="kinds",
        action="append",
        type=_kind_name,
        default=[],
        help="only this kind (repeatable)",
    )
    extract.add_argument("--explain", action="store_true", help="also list the rejected candidates")
    extract.add_argument("--rules", type=Path, default=_env_default("rules", None), metavar="DIR")
    extract.add_argument("--timeout", type=float, default=30.0, help="seconds per call with --server")
    extract.add_argument(
        "--tls-ca", type=Path, metavar="PEM", help="with --server: use TLS, trusting this CA bundle"
    )
    extract.add_argument(
        "--tls-cert", type=Path, metavar="PEM", help="with --server: client certificate (mutual TLS)"
    )
    extract.add_argument("--tls-key", type=Path, metavar="PEM", help="with --server: key of --tls-cert")
    extract.set_defaults(run=_extract)

    rules = commands.add_parser("rules", help="work with the rules")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    check = rules_commands.add_parser(
        "check",
        help="load the rules, run every rule example and the ReDoS check of every pattern",
    )
    check.add_argument("--rules", type=Path, default=_env_default("rules", None), metavar="DIR")
    check.add_argument(
        "--no-redos", action="store_true", help="skip the ReDoS check (adversarial inputs on every pattern)"
    )
    check.set_defaults(run=_rules_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        configure_logging(args.log_format, logging.INFO)
    else:
        configure_logging("text", logging.WARNING)
    return int(args.run(args))


# --- serve -----------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    try:
        config = ServerConfig(
            host=args.host,
            port=args.port,
            workers=args.workers,
            rules_dir=args.rules,
            max_text_chars=args.max_text_chars,
            max_concurrent_rpcs=args.max_concurrent_rpcs,
            grace_seconds=args.grace_seconds,
            log_format=args.log_format,
            max_message_bytes=args.max_message_bytes,
            max_deadline_ms=args.max_deadline_ms,
            metrics_port=args.metrics_port,
            log_text=args.log_text,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            tls_client_ca=args.tls_client_ca,
            watch_rules=args.watch_rules,
        )
    except ValueError as e:
        log.error("invalid configuration: %s", e)
        return EXIT_USAGE
    try:
        config.tls_files()  # fail now, not in every worker
    except OSError as e:
        log.error("%s", e)
        return 1
    summary = config.summary()
    log.info(
        "quantspan %s starting: %s",
        quantspan.__version__,
        " ".join(f"{k}={v}" for k, v in summary.items()),
        extra={"fields": {"config": summary}},
    )
    try:
        extractor = Extractor.load(config.rules_dir)
    except RulesError as e:
        log.error("cannot load the rules: %s", e)
        return 1
    # Build the engine's lazy state once, before any worker is forked, so workers share it.
    warm_up(extractor)
    log.info("rules %s loaded for %s", extractor.rules_version, ", ".join(extractor.languages))
    if config.metrics_port:
        # Before forking: the workers inherit the metrics, in multiprocess mode when N > 1.
        try:
            metrics_port = metrics.start(config.host, config.metrics_port, multiprocess=config.workers > 1)
        except OSError as e:
            log.error("cannot serve metrics on %s: %s", format_address(config.host, config.metrics_port), e)
            return 1
        log.info("metrics on http://%s/metrics", format_address(config.host, metrics_port))
    if config.workers == 1:
        return _serve_in_process(config, extractor)
    with contextlib.ExitStack() as stack:
        try:
            port = stack.enter_context(_reserve_port(config.host, config.port))
        except OSError as e:
            log.error("cannot listen on %s: %s", config.address(), e)
            return 1
        return Supervisor(config, extractor, port).run()


def _announce(host: str, port: int) -> None:
    print(f"listening on {format_address(host, port)}", flush=True)


class _GracefulStop:
    """Signal handler of a serving process: drain (health NOT_SERVING), then stop within grace."""

    def __init__(self, stop: Callable[[float], object], grace: float) -> None:
        self._stop = stop
        self._grace = grace
        self._stopping = False

    def install(self) -> None:
        for sig in STOP_SIGNALS:
            signal.signal(sig, self)

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self._stopping:
            return
        self._stopping = True
        log.info("%s received: draining, stopping within %gs", signal.Signals(signum).name, self._grace)
        self._stop(self._grace)


def _rules_reloader(config: ServerConfig, engine_slot: EngineSlot, *, poll: bool) -> RulesReloader:
    """A reloader of the served rules; SIGHUP asks it to reload (install after fork)."""
    reloader = RulesReloader(config.rules_dir or default_rules_dir(), engine_slot, poll=poll)
    signal.signal(signal.SIGHUP, lambda signum, frame: reloader.request())
    reloader.start()
    return reloader


def _serve_in_process(config: ServerConfig, extractor: Engine) -> int:
    engine_slot = EngineSlot(extractor)
    try:
        server, port = create_server(config, engine_slot)
    except OSError as e:
        log.error("%s", e)
        return 1
    server.start()
    _GracefulStop(server.stop, config.grace_seconds).install()
    reloader = _rules_reloader(config, engine_slot, poll=config.watch_rules)
    _announce(config.host, port)
    log.info("serving on %s", format_address(config.host, port))
    server.wait_for_termination()
    reloader.stop()
    log.info("stopped")
    return 0


def _worker_main(config: ServerConfig, extractor: Engine, slot: int, port: int) -> None:
    """Body of a worker process: its own gRPC server on the shared port (SO_REUSEPORT).

    Runs in a forked child with SIGTERM/SIGINT/SIGHUP blocked; they are unblocked once the
    handlers that drain the server and reload the rules are installed. The supervisor watches
    the rules and sends SIGHUP; each worker loads and validates them itself.
    """
    engine_slot = EngineSlot(extractor)
    try:
        server, _ = create_server(dataclasses.replace(config, port=port), engine_slot, reuse_port=True)
        server.start()
    except Exception:
        log.exception("worker %d failed to start", slot)
        sys.exit(1)
    _GracefulStop(server.stop, config.grace_seconds).install()
    _rules_reloader(config, engine_slot, poll=False)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, WORKER_SIGNALS)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        threading.Thread(
            target=_stop_when_orphaned, args=(parent.sentinel,), name="quantspan-orphan-watch", daemon=True
        ).start()
    log.info("worker %d serving on %s", slot, format_address(config.host, port))
    server.wait_for_termination()
    log.info("worker %d stopped", slot)


def _stop_when_orphaned(parent_sentinel: int) -> None:
    """Drain this worker if the supervisor dies without forwarding a signal (e.g. SIGKILL)."""
    mp_connection.wait([parent_sentinel])
    log.error("the supervisor is gone; stopping")
    os.kill(os.getpid(), signal.SIGTERM)


@contextlib.contextmanager
def _reserve_port(host: str, port: int) -> Iterator[int]:
    """Bind (without listening) ``host:port`` with SO_REUSEPORT and yield the port bound.

    The socket holds the port, which may have been 0, for the worker processes, which bind it
    with SO_REUSEPORT too; the kernel spreads connections over the workers that listen.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        if sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 0:
            raise OSError("SO_REUSEPORT is not supported here; use --workers 1")
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


class Supervisor:
    """Runs ``config.workers`` worker processes on one port and waits for them.

    The workers are forked before any gRPC object exists in this process (gRPC does not survive
    a fork). SIGTERM/SIGINT are forwarded to the workers as SIGTERM; a worker still running
    ``grace_seconds + KILL_MARGIN_SECONDS`` later is killed. A worker that dies while serving
    (a crash, SIGKILL, the OOM killer) is replaced at once in its slot, unless workers die more
    than MAX_RESTARTS times in RESTART_WINDOW_SECONDS: then the server stops with exit 1.

    SIGHUP, and with ``watch_rules`` a change in the rules directory, is forwarded to the workers
    as SIGHUP (each reloads and validates the rules itself) and reloads the supervisor's own copy,
    the one a replacement worker starts with.
    """

    def __init__(self, config: ServerConfig, extractor: Engine, port: int) -> None:
        self._config = config
        self._engine_slot = EngineSlot(extractor)
        rules_dir = config.rules_dir or default_rules_dir()
        self._reloader = RulesReloader(rules_dir, self._engine_slot, count=False)
        self._reload_reason: str | None = None
        self._deaths: list[float] = []
        self._port = port
        self._context = multiprocessing.get_context("fork")
        self._workers: dict[int, BaseProcess] = {}
        self._stop_reason: str | None = None
        self._kill_at: float | None = None
        self._killed = False
        self._failed = False
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)

    def run(self) -> int:
        """Start the workers, print the address, wait until they are gone. The exit status."""
        previous = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}
        previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, self._on_hangup)
        try:
            for slot in range(self._config.workers):
                self._start_worker(slot)
            _announce(self._config.host, self._port)
            self._wait()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            os.close(self._wake_r)
            os.close(self._wake_w)
        return 1 if self._failed else 0

    def _start_worker(self, slot: int) -> None:
        # Block the worker's signals across fork: the child unblocks them once it can handle them.
        signal.pthread_sigmask(signal.SIG_BLOCK, WORKER_SIGNALS)
        try:
            process = self._context.Process(
                target=_worker_main,
                args=(self._config, self._engine_slot.engine, slot, self._port),
                name=f"quantspan-worker-{slot}",
            )
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, WORKER_SIGNALS)
        self._workers[slot] = process
        log.info("worker %d started (pid %s)", slot, process.pid)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Only record and wake the loop; the loop does the work.
        if self._stop_reason is None:
            self._stop_reason = f"{signal.Signals(signum).name} received"
        with contextlib.suppress(BlockingIOError):
            os.write(self._wake_w, b"\0")

    def _on_hangup(self, signum: int, frame: FrameType | None) -> None:
        self._reload_reason = "SIGHUP received"
        with contextlib.suppress(BlockingIOError):
            os.write(self._wake_w, b"\0")

    def _reload_rules(self) -> None:
        """Forward a rules reload to the workers, then reload the supervisor's copy."""
        reason = self._reload_reason
        self._reload_reason = None
        if reason is None and self._config.watch_rules and self._reloader.changed():
            reason = "rules changed on disk"
        if reason is None or self._stop_reason is not None:
            return
        for process in self._workers.values():
            if process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGHUP)
        self._reloader.reload(reason)

    def _wait(self) -> None:
        while self._workers:
            timeout = None
            if self._kill_at is not None and not self._killed:
                timeout = max(0.0, self._kill_at - time.monotonic())
            elif self._config.watch_rules and self._stop_reason is None:
                timeout = self._reloader.interval
            sentinels = {process.sentinel: slot for slot, process in self._workers.items()}
            ready = mp_connection.wait([self._wake_r, *sentinels], timeout)
            if self._wake_r in ready:
                os.read(self._wake_r, 512)
            for sentinel in ready:
                slot = sentinels.get(sentinel)  # type: ignore[call-overload]
                if slot is not None:
                    process = self._workers.pop(slot)
                    process.join()
                    self._on_worker_exit(slot, process)
            self._reload_rules()
            if self._stop_reason is not None and self._kill_at is None:
                self._stop_workers()
            elif self._kill_at is not None and not self._killed and time.monotonic() >= self._kill_at:
                self._kill_workers()

    def _on_worker_exit(self, slot: int, process: BaseProcess) -> None:
        if self._stop_reason is not None:
            if process.exitcode == 0:
                log.info("worker %d (pid %s) exited", slot, process.pid)
            else:
                self._failed = True
                log.error("worker %d (pid %s) exited with code %s", slot, process.pid, process.exitcode)
            return
        # A worker died while serving: replace it, unless workers keep dying (then stop as a
        # whole, so an orchestrator sees the failure).
        now = time.monotonic()
        self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW_SECONDS] + [now]
        how = _exit_description(process.exitcode)
        if len(self._deaths) > MAX_RESTARTS:
            self._failed = True
            log.error(
                "worker %d (pid %s) %s; %d workers died within %gs: stopping",
                slot,
                process.pid,
                how,
                len(self._deaths),
                RESTART_WINDOW_SECONDS,
            )
            self._stop_reason = f"worker {slot} died"
            return
        log.error("worker %d (pid %s) %s; starting a new one", slot, process.pid, how)
        self._start_worker(slot)

    def _stop_workers(self) -> None:
        self._reloader.stop()
        log.info(
            "%s: stopping %d worker(s) within %gs",
            self._stop_reason,
            len(self._workers),
            self._config.grace_seconds,
        )
        for process in self._workers.values():
            if process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
        self._kill_at = time.monotonic() + self._config.grace_seconds + KILL_MARGIN_SECONDS

    def _kill_workers(self) -> None:
        for slot, process in self._workers.items():
            log.error("worker %d (pid %s) did not stop in time; killing it", slot, process.pid)
            process.kill()
        self._failed = True
        self._killed = True


def _exit_description(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"was killed by {signal.Signals(-exitcode).name}"
    return f"exited with code {exitcode}"


# --- extract ---------------------------------------------------------------------------------


class _Backend(Protocol):
    def extract(self, text: str, request_id: str) -> pb.ExtractResponse: ...

    def extract_many(self, items: Iterable[tuple[str, str]]) -> Iterator[pb.ExtractResponse]: ...


@dataclasses.dataclass(frozen=True, slots=True)
class _Options:
    language: str
    kinds: tuple[str, ...]
    explain: bool
    timeout: float
    tls_ca: Path | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None


class _LocalBackend:
    """The engine in this process, answering with the same messages as the service."""

    def __init__(self, rules: Path | None, options: _Options) -> None:
        self._extractor = Extractor.load(rules)
        self._options = options

    def extract(self, text: str, request_id: str) -> pb.ExtractResponse:
        request = pb.ExtractRequest(
            text=text,
            language=self._options.language,
            kinds=[pb.Kind.Value(k) for k in self._options.kinds],
            explain=self._options.explain,
            request_id=request_id,
        )
        args = convert.request_to_args(request, max_text_chars=sys.maxsize)
        extraction = self._extractor.extract(
            args.text, language=args.language, kinds=args.kinds, explain=args.explain
        )
        return convert.extraction_to_pb(extraction, args.text, request_id=request_id)

    def extract_many(self, items: Iterable[tuple[str, str]]) -> Iterator[pb.ExtractResponse]:
        for request_id, text in items:
            yield self.extract(text, request_id)


class _RemoteBackend:
    """A running server, through QuantspanClient."""

    def __init__(self, target: str, options: _Options) -> None:
        self._client = QuantspanClient(
            target,
            timeout=options.timeout,
            ca_cert=options.tls_ca,
            client_cert=options.tls_cert,
            client_key=options.tls_key,
        )
        self._options = options

    def extract(self, text: str, request_id: str) -> pb.ExtractResponse:
        o = self._options
        return self._client.extract(
            text, language=o.language, kinds=o.kinds, explain=o.explain, request_id=request_id
        )

    def extract_many(self, items: Iterable[tuple[str, str]]) -> Iterator[pb.ExtractResponse]:
        o = self._options
        kinds = [pb.Kind.Value(k) for k in o.kinds]
        requests = (
            pb.ExtractRequest(
                text=text, language=o.language, kinds=kinds, explain=o.explain, request_id=request_id
            )
            for request_id, text in items
        )
        return self._client.stream(requests)


class _BadInput(Exception):
    pass


def _extract(args: argparse.Namespace) -> int:
    options = _Options(
        args.language, tuple(args.kinds), args.explain, args.timeout, args.tls_ca, args.tls_cert, args.tls_key
    )
    try:
        backend: _Backend = (
            _RemoteBackend(args.server, options) if args.server else _LocalBackend(args.rules, options)
        )
        if args.jsonl:
            return _extract_jsonl(backend, sys.stdin, sys.stdout)
        text = args.text if args.text is not None else sys.stdin.read()
        response = backend.extract(text, "")
    except _BadInput as e:
        print(f"quantspan extract: {e}", file=sys.stderr)
        return EXIT_USAGE
    except (InvalidRequest, RulesError) as e:
        print(f"quantspan extract: {e}", file=sys.stderr)
        return 1
    except grpc.RpcError as e:
        print(f"quantspan extract: {_describe_rpc_error(e)}", file=sys.stderr)
        return 1
    if args.json:
        print(json_format.MessageToJson(response, ensure_ascii=False))
    else:
        print(format_table(response))
    return 0


def _describe_rpc_error(error: grpc.RpcError) -> str:
    if isinstance(error, grpc.Call):
        text = f"{error.code().name}: {error.details()}"
    else:
        text = str(error)
    for detail in error_details(error):
        for violation in getattr(detail, "field_violations", ()):
            text += f"\n  {violation.field}: {violation.description}"
    return text


def _read_jsonl(lines: Iterable[str], ids: collections.deque[object]) -> Iterator[tuple[str, str]]:
    """(request_id, text) for each input line, remembering each line's "id" in ``ids``."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise _BadInput(f"stdin line {number}: not JSON: {e}") from e
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise _BadInput(f'stdin line {number}: expected an object with a string "text"')
        ids.append(item.get("id"))
        yield str(number), item["text"]


def _extract_jsonl(backend: _Backend, stdin: TextIO, stdout: TextIO) -> int:
    ids: collections.deque[object] = collections.deque()
    failure: list[_BadInput] = []

    def items() -> Iterator[tuple[str, str]]:
        # With --server this runs on gRPC's request thread: an input error ends the stream
        # cleanly and is reported once the responses so far are written.
        try:
            yield from _read_jsonl(stdin, ids)
        except _BadInput as e:
            failure.append(e)

    for response in backend.extract_many(items()):
        quantities = [json_format.MessageToDict(q) for q in response.quantities]
        stdout.write(json.dumps({"id": ids.popleft(), "quantities": quantities}, ensure_ascii=False) + "\n")
    stdout.flush()
    if failure:
        raise failure[0]
    return 0


def _num(x: float) -> str:
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else f"{x:.10g}"


def _interval(low: float | None, high: float | None, low_inclusive: bool, high_inclusive: bool) -> str:
    if low is None and high is None:
        return ""
    left = "[" if low is not None and low_inclusive else "("
    right = "]" if high is not None and high_inclusive else ")"
    return f"{left}{'-inf' if low is None else _num(low)}, {'+inf' if high is None else _num(high)}{right}"


def _opt(message: pb.Quantity | pb.Normalized, name: str) -> float | None:
    return getattr(message, name) if message.HasField(name) else None


def format_table(response: pb.ExtractResponse) -> str:
    """The quantities of an ExtractResponse as an aligned text table."""
    if not response.quantities:
        out = "no quantities"
    else:
        header = ("SPAN", "TEXT", "KIND", "MODIFIER", "VALUE", "INTERVAL", "UNIT", "NORMALIZED", "QUANTIFIED")
        rows = [header]
        for q in response.quantities:
            n = q.normalized
            value, n_value = _opt(q, "value"), _opt(n, "value")
            interval = n_interval = ""
            if not (q.low == q.high == value and q.low_inclusive and q.high_inclusive):  # not just the value
                interval = _interval(_opt(q, "low"), _opt(q, "high"), q.low_inclusive, q.high_inclusive)
                n_interval = _interval(_opt(n, "low"), _opt(n, "high"), q.low_inclusive, q.high_inclusive)
            normalized = " ".join(
                part
                for part in (
                    "" if n_value is None else _num(n_value),
                    n_interval,
                    n.unit.symbol or n.unit.name,
                )
                if part
            )
            rows.append(
                (
                    f"{q.span.start}-{q.span.end}",
                    q.text,
                    pb.Kind.Name(q.kind),
                    pb.Modifier.Name(q.modifier) + (" ~" if q.approximate else ""),
                    "" if value is None else _num(value),
                    interval,
                    q.unit.symbol or q.unit.name,
                    normalized,
                    q.quantified,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        out = "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows
        )
    if response.rejections:
        out += "\n\nrejected:\n" + "\n".join(
            f"  {r.span.start}-{r.span.end}  {r.text!r}: {r.reason} ({r.rule})" for r in response.rejections
        )
    return out


# --- rules check -----------------------------------------------------------------------------


def _rules_check(args: argparse.Namespace) -> int:
    started = time.monotonic()
    try:
        extractor = Extractor.load(args.rules)
    except RulesError as e:
        print(f"rules error: {e}", file=sys.stderr)
        return 1
    summary = (
        f"rules {extractor.rules_version or '(unversioned)'} loaded for {', '.join(extractor.languages)}"
    )
    if importlib.util.find_spec("quantspan.engine.examples") is None:
        print(f"{summary}; no example runner (quantspan.engine.examples) yet")
        return 0
    run_all = importlib.import_module("quantspan.engine.examples").run_all
    failures: list[str] = list(run_all(extractor))
    for failure in failures:
        print(f"FAIL {failure}")
    # ReDoS: every rule pattern against adversarial inputs of n and 8n characters
    slow: list[str] = [] if args.no_redos else redos.check(extractor)
    for finding in slow:
        print(f"FAIL redos {finding}")
    elapsed = time.monotonic() - started
    coverage = redos.describe(extractor)
    redos_summary = (
        "ReDoS check skipped"
        if args.no_redos
        else f"{len(slow)} of {coverage['patterns']} pattern(s) super-linear"
        if slow
        else f"{coverage['patterns']} patterns linear on {coverage['probes']} adversarial inputs"
    )
    if failures or slow:
        print(f"{summary}; {len(failures)} example(s) failed; {redos_summary} ({elapsed:.1f}s)")
        return 1
    print(f"{summary}; every example passed; {redos_summary} ({elapsed:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
