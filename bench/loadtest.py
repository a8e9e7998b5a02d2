"""Load test of the service with ghz, against ``quantspan serve --workers 2 --port 0`` on 127.0.0.1.

    python -m bench.loadtest [--duration 10s] [--json PATH | --no-json]

Starts the server, waits until every worker answers (health SERVING, and GetInfo from as many
instances as workers), then runs ghz once per scenario (descriptors from server reflection, no
.proto file), with --connections 4 and --concurrency 32 for a bounded duration:

  a. Extract with empty text (no work: the baseline)
  b. Extract with one sentence of the seed article
  c. Extract with the whole seed article
  d. Extract with a 50 KB document (the wiki corpus glued together)
  e. ExtractStream carrying 10,000 sentences (b's) per stream, 4 streams, one per connection

ghz does not fail on RPC errors, so its JSON report (``-O json``) is read here: a table of RPS,
p50, p95, p99 and the status codes of each scenario, then PASS/FAIL lines for the targets. The
server is stopped (SIGTERM, then wait) at the end, on error too. Exits 0 whatever the targets
say, unless BENCH_STRICT=1, where a FAIL exits 1; a harness error (no ghz, the server not
starting, ghz failing) exits 2. ghz is found as $GHZ, .tools/bin/ghz, or on PATH.

ghz gets the service's descriptors from the server's reflection service, by way of a protoset
file written here (see protoset_from_reflection: ghz's own reflection lookup fails on gRPC
Python servers).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from bench import corpora
from bench.bench import (
    Target,
    check,
    git_state,
    machine,
    print_targets,
    read_first_line,
    results_path,
    serving_process,
    table,
    write_results,
)

SERVICE: Final = "quantspan.v1.QuantityService"
HOST: Final = "127.0.0.1"
DOC_CHARS: Final = 50_000
TARGET_SENTENCE_VS_EMPTY: Final = 0.60
TARGET_SENTENCE_P99_MS: Final = 50.0
TARGET_ARTICLE_VS_EMPTY: Final = 0.40


@dataclass(slots=True)
class Scenario:
    key: str
    label: str
    method: str
    messages: list[dict[str, Any]]  # one element: a unary request; more: one stream's messages
    stream: bool = False


@dataclass(slots=True)
class Outcome:
    key: str
    label: str
    calls: int = 0
    messages_per_call: int = 1
    total_s: float = 0.0
    rps: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    @property
    def non_ok(self) -> int:
        return sum(n for code, n in self.statuses.items() if code != "OK")

    @property
    def ok_rps(self) -> float:
        """Calls answered OK per second: the RPS that counts (ghz's rps counts errors too)."""
        return self.statuses.get("OK", 0) / self.total_s if self.total_s else 0.0

    @property
    def messages_per_s(self) -> float:
        """Requests answered OK per second, a stream carrying ``messages_per_call`` of them."""
        return self.ok_rps * self.messages_per_call


def find_ghz() -> str | None:
    candidates = [
        os.environ.get("GHZ", ""),
        str(corpora.REPO / ".tools" / "bin" / "ghz"),
        shutil.which("ghz") or "",
    ]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def scenarios(stream_messages: int) -> list[Scenario]:
    sentence = corpora.seed_sentence()
    article = corpora.seed().docs[0]
    doc = corpora.glued(corpora.wiki().docs, DOC_CHARS)
    return [
        Scenario("a", "Extract, empty text (baseline)", "Extract", [{"text": ""}]),
        Scenario("b", f"Extract, one sentence ({len(sentence)} chars)", "Extract", [{"text": sentence}]),
        Scenario("c", f"Extract, seed article ({len(article):,} chars)", "Extract", [{"text": article}]),
        Scenario("d", f"Extract, {len(doc):,}-char document", "Extract", [{"text": doc}]),
        Scenario(
            "e",
            f"ExtractStream, {stream_messages:,} sentences per stream",
            "ExtractStream",
            [{"text": sentence}] * stream_messages,
            stream=True,
        ),
    ]


def _ms(nanoseconds: float | None) -> float | None:
    return None if nanoseconds is None else nanoseconds / 1e6


def run_ghz(
    ghz: str, address: str, protoset: Path, scenario: Scenario, args: argparse.Namespace, tmp: Path
) -> Outcome:
    outcome = Outcome(scenario.key, scenario.label, messages_per_call=len(scenario.messages))
    data = tmp / f"{scenario.key}.json"
    data.write_text(
        json.dumps(scenario.messages if scenario.stream else scenario.messages[0]), encoding="utf-8"
    )
    report = tmp / f"{scenario.key}.report.json"
    command = [ghz, "--insecure", f"--protoset={protoset}", f"--call={SERVICE}/{scenario.method}"]
    command += [f"--data-file={data}"]
    command += ["--disable-template-functions", "--disable-template-data"]
    if scenario.stream:
        # One stream per connection, each carrying every message; bounded by count (and by the
        # timeout of subprocess.run below), not by time: ghz 0.121.0 ignores --total when
        # --max-duration is given and keeps starting streams until the duration is over.
        command += [
            f"--total={args.streams}",
            f"--concurrency={args.streams}",
            f"--connections={args.streams}",
            "--timeout=600s",
        ]
    else:
        command += [f"--concurrency={args.concurrency}", f"--connections={args.connections}", "--timeout=60s"]
        command += [f"--duration={args.duration}", "--duration-stop=wait"]
    command += ["--format=json", f"--output={report}", address]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
    if done.returncode != 0 or not report.exists():
        outcome.error = f"ghz exited with {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}"
        return outcome
    raw = json.loads(report.read_text(encoding="utf-8"))
    latencies = {int(p["percentage"]): p["latency"] for p in raw.get("latencyDistribution") or []}
    outcome.calls = int(raw.get("count", 0))
    outcome.total_s = raw.get("total", 0) / 1e9
    outcome.rps = float(raw.get("rps", 0.0))
    outcome.p50_ms = _ms(latencies.get(50))
    outcome.p95_ms = _ms(latencies.get(95))
    outcome.p99_ms = _ms(latencies.get(99))
    outcome.statuses = dict(raw.get("statusCodeDistribution") or {})
    outcome.errors = dict(raw.get("errorDistribution") or {})
    return outcome


def wait_until_serving(
    address: str, proc: subprocess.Popen[bytes], workers: int, timeout: float = 60.0
) -> list[str]:
    """Wait for health SERVING, then for GetInfo answers from ``workers`` distinct instances (each
    probe on a new connection, which the kernel hands to some worker). The instances seen."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from quantspan.v1 import quantspan_pb2, quantspan_pb2_grpc

    options = [("grpc.use_local_subchannel_pool", 1), ("grpc.min_reconnect_backoff_ms", 10)]
    deadline = time.monotonic() + timeout
    seen: set[str] = set()
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        with grpc.insecure_channel(address, options=options) as channel, contextlib.suppress(grpc.RpcError):
            health = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=SERVICE), timeout=1.0
            )
            if health.status == health_pb2.HealthCheckResponse.SERVING:
                info = quantspan_pb2_grpc.QuantityServiceStub(channel).GetInfo(
                    quantspan_pb2.GetInfoRequest(), timeout=1.0
                )
                seen.add(info.instance)
                if len(seen) >= workers:
                    return sorted(seen)
        time.sleep(0.02)
    if not seen:
        raise RuntimeError(f"not SERVING within {timeout:g} s")
    return sorted(seen)  # some worker never got a probe: go on, the table says how many were seen


def protoset_from_reflection(address: str, path: Path) -> Path:
    """The server's descriptors, fetched by reflection, written as a protoset for ghz.

    ghz asks reflection for the file that contains the *method* (``pkg.Service.Method``), which
    grpcio-reflection does not resolve (grpc/grpc#34743, bojand/ghz#419: "Symbol not found"),
    while it does resolve the service. So the descriptors still come from the running server,
    by its reflection service, and ghz gets them as a file set.
    """
    import grpc
    from google.protobuf import descriptor_pb2
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    files: dict[str, descriptor_pb2.FileDescriptorProto] = {}
    with grpc.insecure_channel(address) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)

        def ask(request: reflection_pb2.ServerReflectionRequest) -> None:
            (response,) = stub.ServerReflectionInfo(iter([request]), timeout=10.0)
            if response.HasField("error_response"):
                raise RuntimeError(f"reflection: {response.error_response.error_message}")
            for blob in response.file_descriptor_response.file_descriptor_proto:
                proto = descriptor_pb2.FileDescriptorProto.FromString(blob)
                files.setdefault(proto.name, proto)

        ask(reflection_pb2.ServerReflectionRequest(file_containing_symbol=SERVICE))
        missing = [d for f in files.values() for d in f.dependency if d not in files]
        while missing:
            ask(reflection_pb2.ServerReflectionRequest(file_by_filename=missing.pop()))
            missing = [d for f in files.values() for d in f.dependency if d not in files]

    ordered: list[descriptor_pb2.FileDescriptorProto] = []

    def visit(name: str) -> None:  # dependencies first, as protoc writes a set
        if any(f.name == name for f in ordered):
            return
        for dep in files[name].dependency:
            visit(dep)
        ordered.append(files[name])

    for name in sorted(files):
        visit(name)
    path.write_bytes(descriptor_pb2.FileDescriptorSet(file=ordered).SerializeToString())
    return path


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def statuses_text(o: Outcome) -> str:
    if o.error:
        return "ghz failed"
    return ", ".join(f"{code} {n:,}" for code, n in sorted(o.statuses.items(), key=lambda kv: -kv[1])) or "-"


def evaluate(outcomes: dict[str, Outcome]) -> list[Target]:
    targets: list[Target] = []
    a, b, c = outcomes.get("a"), outcomes.get("b"), outcomes.get("c")

    def share_of_empty(name: str, x: Outcome | None, target: float) -> None:
        if a and x and a.ok_rps and not (a.error or x.error):
            share = x.ok_rps / a.ok_rps
            detail = f"{share:.0%} ({x.ok_rps:,.0f} vs {a.ok_rps:,.0f} OK/s; target >= {target:.0%})"
            targets.append(check(name, share >= target, detail, share, target))

    share_of_empty("(b) one sentence vs (a) empty, RPS", b, TARGET_SENTENCE_VS_EMPTY)
    if b and not b.error and b.p99_ms is not None:
        targets.append(
            check(
                "(b) one sentence, p99",
                b.p99_ms <= TARGET_SENTENCE_P99_MS,
                f"{b.p99_ms:.1f} ms (target <= {TARGET_SENTENCE_P99_MS:g} ms)",
                b.p99_ms,
                TARGET_SENTENCE_P99_MS,
            )
        )
    share_of_empty("(c) seed article vs (a) empty, RPS", c, TARGET_ARTICLE_VS_EMPTY)
    for o in outcomes.values():
        if o.error:
            targets.append(Target(f"({o.key}) no non-OK status", "FAIL", o.error.splitlines()[0][:200]))
            continue
        detail = f"{o.non_ok:,} non-OK of {sum(o.statuses.values()):,} calls"
        if o.non_ok:
            detail += ": " + statuses_text(o)
            if o.errors:
                top = max(o.errors.items(), key=lambda kv: kv[1])
                detail += f"; most common error ({top[1]:,}x): {top[0][:160]}"
        targets.append(check(f"({o.key}) no non-OK status", o.non_ok == 0, detail, float(o.non_ok), 0.0))
    return targets


def render(outcomes: dict[str, Outcome]) -> str:
    rows = []
    for o in outcomes.values():
        rows.append(
            [
                f"({o.key}) {o.label}",
                f"{o.calls:,}",
                fmt(o.rps, 0 if o.rps >= 10 else 2),
                fmt(o.messages_per_s, 0 if o.messages_per_s >= 10 else 2),
                fmt(o.p50_ms, 2),
                fmt(o.p95_ms, 2),
                fmt(o.p99_ms, 2),
                statuses_text(o),
            ]
        )
    text = table(["scenario", "calls", "RPS", "OK req/s", "p50 ms", "p95 ms", "p99 ms", "status codes"], rows)
    text += (
        "\n  RPS: calls per second as ghz counts them, errors included. OK req/s: requests answered OK per"
        "\n  second (for a stream, each message it carries). Latencies: of the OK calls only."
    )
    b, e = outcomes.get("b"), outcomes.get("e")
    if e and not e.error and e.calls:
        text += (
            f"\n  (e): {e.calls} streams of {e.messages_per_call:,} sentences, one per connection; "
            "its latencies are those of whole streams."
        )
        if b and not b.error and b.ok_rps:
            text += f"\n  (e) vs (b): {e.messages_per_s / b.ok_rps:.2f}x the sentences answered per second."
    return text


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", default=env("LOADTEST_DURATION", "10s"), help="per scenario (a)-(d)")
    parser.add_argument("--concurrency", type=int, default=int(env("LOADTEST_CONCURRENCY", "32")))
    parser.add_argument("--connections", type=int, default=int(env("LOADTEST_CONNECTIONS", "4")))
    parser.add_argument("--workers", type=int, default=int(env("LOADTEST_WORKERS", "2")))
    parser.add_argument(
        "--streams", type=int, default=int(env("LOADTEST_STREAMS", "4")), help="streams in (e)"
    )
    parser.add_argument(
        "--stream-messages",
        type=int,
        default=int(env("LOADTEST_STREAM_MESSAGES", "10000")),
        help="per stream",
    )
    parser.add_argument(
        "--server-args",
        default=env("LOADTEST_SERVER_ARGS", ""),
        help="more flags for quantspan serve, e.g. '--max-concurrent-rpcs 32' (LOADTEST_SERVER_ARGS)",
    )
    parser.add_argument("--only", default="abcde", help="scenarios to run, e.g. 'ab'")
    parser.add_argument(
        "--json", type=Path, help="write the results here (default: bench/results/loadtest-TIME.json)"
    )
    parser.add_argument("--no-json", action="store_true", help="write no JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    ghz = find_ghz()
    if ghz is None:
        print(
            "ghz not found: run `make loadtest` (installs it into .tools/bin), or set GHZ=/path/to/ghz",
            file=sys.stderr,
        )
        return 2
    strict = os.environ.get("BENCH_STRICT") == "1"
    started = datetime.datetime.now(datetime.UTC)
    plan = [s for s in scenarios(args.stream_messages) if s.key in args.only]
    server_args = [
        "--host",
        HOST,
        "--port",
        "0",
        "--workers",
        str(args.workers),
        *shlex.split(args.server_args),
    ]
    meta: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        **git_state(),
        "machine": machine(),
    }
    print(f"quantspan load test, {started:%Y-%m-%d %H:%M} UTC, commit {meta['commit'][:12]}; ghz {ghz}")
    print(f"server: quantspan serve {' '.join(server_args)}")
    print(
        f"ghz: --concurrency {args.concurrency} --connections {args.connections} --duration {args.duration} "
        f"for (a)-(d); (e): {args.streams} streams on {args.streams} connections"
    )
    outcomes: dict[str, Outcome] = {}
    instances: list[str] = []
    harness_error: str | None = None
    server_exit: int | None = None
    with tempfile.TemporaryDirectory(prefix="quantspan-loadtest-") as tmpdir:
        tmp = Path(tmpdir)
        log_path = tmp / "server.log"
        with log_path.open("w+b") as log:
            try:
                with serving_process(server_args, log, grace=30.0) as proc:
                    address = _address(proc)
                    instances = wait_until_serving(address, proc, args.workers)
                    print(
                        f"serving on {address}: {len(instances)} of {args.workers} workers answered",
                        flush=True,
                    )
                    protoset = protoset_from_reflection(address, tmp / "quantspan.protoset")
                    for scenario in plan:
                        print(f"  ({scenario.key}) {scenario.label} ...", flush=True)
                        outcomes[scenario.key] = run_ghz(ghz, address, protoset, scenario, args, tmp)
                        if proc.poll() is not None:
                            raise RuntimeError(
                                f"the server exited with {proc.returncode} during ({scenario.key})"
                            )
                server_exit = proc.returncode
            except Exception as e:
                harness_error = f"{type(e).__name__}: {e}"
            log.seek(0)
            server_log = log.read().decode("utf-8", "replace")
    print()
    print(render(outcomes))
    if harness_error:
        print(f"\nerror: {harness_error}\nserver log (end):\n{server_log[-3000:]}")
    elif server_exit not in (0, None):
        print(f"\nthe server exited with {server_exit} after SIGTERM; log (end):\n{server_log[-2000:]}")
    targets = evaluate(outcomes)
    print_targets(targets)
    if not args.no_json:
        meta["loadavg_end"] = os.getloadavg()
        document = {
            "meta": meta | {"ghz": ghz, "server_args": server_args, "instances": instances},
            "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "outcomes": {k: asdict(o) | {"messages_per_s": o.messages_per_s} for k, o in outcomes.items()},
            "targets": [asdict(t) for t in targets],
            "error": harness_error,
            "server_exit": server_exit,
        }
        write_results(document, args.json or results_path("loadtest", started))
    if harness_error or any(o.error for o in outcomes.values()):
        return 2
    if strict and any(t.status == "FAIL" for t in targets):
        print("BENCH_STRICT=1: a target failed")
        return 1
    return 0


def _address(proc: subprocess.Popen[bytes]) -> str:
    assert proc.stdout is not None
    first = read_first_line(proc.stdout, timeout=60.0)
    if not first or not first.startswith("listening on "):
        raise RuntimeError(f"expected 'listening on HOST:PORT' first on stdout, got {first!r}")
    address = first.removeprefix("listening on ")
    if not address.startswith(HOST + ":"):
        raise RuntimeError(f"the server listens on {address}, not on {HOST}")
    return address


if __name__ == "__main__":
    sys.exit(main())
