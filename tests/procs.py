"""``quantspan serve`` in a subprocess on 127.0.0.1, for the tests that need a real process tree
(worker restarts, signals, rules reloads, TLS flags): its target, its log, its worker pids."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from types import TracebackType

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from quantspan.server import SERVICE_NAME

from .conftest import ROOT

WORKER_STARTED = re.compile(r"worker (\d+) started \(pid (\d+)\)")


class Served:
    """A running ``python -m quantspan.cli serve --host 127.0.0.1 --port 0 ARGS``.

    stderr is read on a thread into :attr:`lines` (so the pipe never fills); ``target`` is
    the ``127.0.0.1:PORT`` of its first stdout line.
    """

    def __init__(
        self,
        args: Iterable[str],
        env: dict[str, str] | None = None,
        startup: float = 90,
        max_lines: int = 100_000,
    ) -> None:
        self.max_lines = max_lines  # log lines kept (a soak run logs one per request)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quantspan.cli", "serve", "--host", "127.0.0.1", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        try:
            line = self._first_line(startup)
        except BaseException:
            self.kill()
            raise
        if not line.startswith("listening on 127.0.0.1:"):
            self.kill()
            raise AssertionError(f"unexpected first line {line!r}; log:\n{self.log()}")
        self.target = line.split()[-1]

    def _first_line(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                raise TimeoutError(f"no 'listening on' line in {timeout}s; log:\n{self.log()}")
        return self.proc.stdout.readline()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                if len(self.lines) < self.max_lines:
                    self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def log(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_log(self, pattern: str | re.Pattern[str], timeout: float, start: int = 0) -> re.Match[str]:
        """The first log line from index ``start`` on that matches ``pattern``."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[start:]:
                    m = regex.search(line)
                    if m:
                        return m
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"no log line matching {regex.pattern!r} in {timeout}s; log:\n"
                        + "\n".join(self.lines)
                    )
                self._changed.wait(remaining)

    def worker_pids(self) -> dict[int, int]:
        """Worker slot -> pid of the latest worker started in that slot."""
        pids: dict[int, int] = {}
        for line in self.log().splitlines():
            m = WORKER_STARTED.search(line)
            if m:
                pids[int(m.group(1))] = int(m.group(2))
        return pids

    def signal(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, then the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def __enter__(self) -> Served:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.kill()


def wait_serving(target: str, timeout: float, credentials: grpc.ChannelCredentials | None = None) -> None:
    """Block until a new connection to ``target`` reports SERVING."""
    deadline = time.monotonic() + timeout
    while True:
        channel = (
            grpc.insecure_channel(target) if credentials is None else grpc.secure_channel(target, credentials)
        )
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=SERVICE_NAME),
                timeout=max(0.1, min(5.0, deadline - time.monotonic())),
                wait_for_ready=True,
            )
            if response.status == health_pb2.HealthCheckResponse.SERVING:
                return
        except grpc.RpcError:
            if time.monotonic() > deadline:
                raise
        finally:
            channel.close()
        if time.monotonic() > deadline:
            raise TimeoutError(f"{target} not SERVING within {timeout}s")
        time.sleep(0.1)
