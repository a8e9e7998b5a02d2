"""Soak: does a serving process hold on to memory request after request?

    python -m tests.soak [--requests 100000] [--warmup 5000] [--threads 4]   # make soak

Starts ``quantspan serve --workers 1`` on 127.0.0.1 (port 0), sends ``--warmup`` requests, reads
the server's RSS (/proc/PID/status VmRSS), sends ``--requests`` more, reads it again and prints
the figures. The traffic mixes what a server meets: sentences and a whole article, explain,
kind filters, hostile texts, invalid requests (INVALID_ARGUMENT), client deadlines that expire,
and ExtractStreams. Exits 1 if RSS grew by more than ``--max-growth`` (default 1.2x) after the
warm-up, 0 otherwise. tests/test_soak.py runs it with a small count in CI.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import grpc

from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .procs import Served, wait_serving

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "seeds" / "000_d0e80a7b2713b16c.txt").read_text(encoding="utf-8")
SENTENCES = [s.strip() + "." for s in ARTICLE.split(".") if len(s.strip()) > 20]
HOSTILE = ["1," * 500, "9" * 2000, "1e400 1e308 trillion", "😀\u200f12\u0301 km\x00" * 50, " " * 3000]


def rss_kib(pid: int) -> int:
    """Resident set size of ``pid`` in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


@dataclass
class Traffic:
    """Sends the mixed requests from ``threads`` threads, each with its own channel."""

    target: str
    threads: int
    outcomes: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _issued: int = 0
    _limit: int = 0

    def send(self, count: int) -> float:
        """Send ``count`` more requests in all; returns the seconds it took."""
        started = time.monotonic()
        self._limit = self._issued + count
        workers = [threading.Thread(target=self._run) for _ in range(self.threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return time.monotonic() - started

    def _next(self) -> int | None:
        with self._lock:
            if self._issued >= self._limit:
                return None
            self._issued += 1
            return self._issued - 1

    def _note(self, outcome: str) -> None:
        with self._lock:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def _run(self) -> None:
        with grpc.insecure_channel(self.target) as channel:
            stub = pb_grpc.QuantityServiceStub(channel)
            while (n := self._next()) is not None:
                try:
                    self._one(stub, n)
                    self._note("OK")
                except grpc.RpcError as error:
                    self._note(error.code().name)

    def _one(self, stub: pb_grpc.QuantityServiceStub, n: int) -> None:
        text = SENTENCES[n % len(SENTENCES)]
        if n % 997 == 0:
            stub.Extract(pb.ExtractRequest(text=ARTICLE, explain=True, request_id=str(n)), timeout=30)
        elif n % 101 == 0:
            stub.Extract(pb.ExtractRequest(text=HOSTILE[n % len(HOSTILE)], request_id=str(n)), timeout=30)
        elif n % 53 == 0:
            stub.Extract(pb.ExtractRequest(text=text, kinds=[0], request_id=str(n)), timeout=30)  # invalid
        elif n % 211 == 0:
            stub.Extract(pb.ExtractRequest(text="1-" * 20_000), timeout=0.05)  # expires
        elif n % 89 == 0:
            items = (pb.ExtractRequest(text=s, request_id=str(i)) for i, s in enumerate(SENTENCES[:10]))
            for _ in stub.ExtractStream(items, timeout=30):
                pass
        else:
            stub.Extract(pb.ExtractRequest(text=text, explain=n % 7 == 0, request_id=str(n)), timeout=30)


@dataclass(frozen=True)
class SoakResult:
    requests: int
    seconds: float
    rss_start_kib: int
    rss_warm_kib: int
    rss_end_kib: int
    outcomes: dict[str, int]

    @property
    def growth(self) -> float:
        return self.rss_end_kib / self.rss_warm_kib

    def report(self) -> str:
        return (
            f"soak: {self.requests} requests in {self.seconds:.1f}s ({self.requests / self.seconds:.0f}/s), "
            f"outcomes {self.outcomes}; RSS at start {self.rss_start_kib / 1024:.1f} MiB, after warm-up "
            f"{self.rss_warm_kib / 1024:.1f} MiB, at the end {self.rss_end_kib / 1024:.1f} MiB "
            f"(x{self.growth:.3f} after warm-up)"
        )


def soak(requests: int, warmup: int, threads: int = 4) -> SoakResult:
    """Run the soak against a fresh single-process server and measure its RSS."""
    with Served(["--workers", "1", "--max-concurrent-rpcs", "16"], max_lines=200) as served:
        wait_serving(served.target, 60)
        pid = served.proc.pid
        rss_start = rss_kib(pid)
        traffic = Traffic(served.target, threads)
        traffic.send(warmup)
        rss_warm = rss_kib(pid)
        seconds = traffic.send(requests)
        rss_end = rss_kib(pid)
        assert served.stop() == 0, served.log()
    return SoakResult(requests, seconds, rss_start, rss_warm, rss_end, dict(sorted(traffic.outcomes.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--warmup", type=int, default=5_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-growth", type=float, default=1.2)
    args = parser.parse_args(argv)
    result = soak(args.requests, args.warmup, args.threads)
    print(result.report(), flush=True)
    if result.growth > args.max_growth:
        print(f"FAIL: RSS grew x{result.growth:.3f} > x{args.max_growth} after the warm-up", flush=True)
        return 1
    print(f"PASS: RSS grew x{result.growth:.3f} <= x{args.max_growth} after the warm-up", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
