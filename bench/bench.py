"""Engine benchmark: quantspan against quantulum3 and Duckling, in-process, one subprocess each.

    python -m bench.bench [--json PATH | --no-json] [--extractors quantspan,quantulum3,duckling]

Each extractor runs in its own subprocess, pinned to one CPU (the last one this process may use,
or --cpu / BENCH_CPU; "none" disables pinning), so that load time and peak RSS
(``ru_maxrss``) are its own and CPU time (``time.process_time``) is one core's. Throughput is
characters per CPU second unless a column says wall. Peers that are too slow for a whole corpus
run on its first documents that fit in --peer-chars characters (BENCH_PEER_CHARS, default
100,000), and every quantspan/peer ratio is computed on exactly those documents.

quantspan then reads the wiki corpus a second time ("second pass" row: its memos of trigger
keys, numbers and words are warm, as in a long-running worker; the throughput target uses the
first pass). Then quantspan alone: the seed article (median of --seed-runs), a scaling series (the wiki
corpus glued into one document of 1 KB, 10 KB, 100 KB and 1 MB), and the start-up of
``quantspan serve --port 0 --workers 1`` until its health service answers SERVING, with the
worker's peak RSS (VmHWM) after some work.

Prints tables and PASS/FAIL/SKIP lines for the targets and writes everything as JSON
(bench/results/bench-<UTC time>.json unless --json or --no-json). Exits 0 whatever the targets
say, unless BENCH_STRICT=1, where a FAIL exits 1. A harness error (quantspan's worker failing,
the server not starting) exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import json
import math
import os
import platform
import queue
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Final

from bench import corpora

EXTRACTORS: Final = ("quantspan", "quantulum3", "duckling")
PEERS: Final = ("quantulum3", "duckling")
WARM_UP_TEXT: Final = (
    "At least 3,800 of the 12,000 troops walked about 12 km in 3 hours; costs rose 18% to $2.5 billion."
)
DUCKLING_DIMS: Final = (
    "amount-of-money",
    "distance",
    "duration",
    "number",
    "quantity",
    "temperature",
    "volume",
)
#: Reference time of Duckling's context: fixed (2024-01-01T00:00:00Z) so that runs compare.
DUCKLING_REF_TIME: Final = 1_704_067_200
ZONEINFO: Final = "/usr/share/zoneinfo"
SCALING_SIZES: Final = (1_000, 10_000, 100_000, 1_000_000)
#: Text sent to the started worker before its VmHWM is read: one wiki-sized document.
STARTUP_LOAD_CHARS: Final = 100_000
HEALTH_SERVICE: Final = "quantspan.v1.QuantityService"
INSTALL_HINT: Final = "pip install -e '.[bench]' (make bench does)"

TARGET_CPS: Final = 1_000_000
TARGET_RATIO: Final = {"quantulum3": 250.0, "duckling": 70.0}
TARGET_SEED_MS: Final = 2.0
TARGET_SCALING: Final = 0.80
TARGET_STARTUP_S: Final = 1.5
TARGET_RSS_MB: Final = 150.0

Extract = Callable[[str], int]  # the number of quantities found in the text


# --- The worker: one extractor in its own process --------------------------------------------


def _load_quantspan() -> Extract:
    from quantspan.engine import Extractor
    from quantspan.server import warm_up

    extractor = Extractor.load()
    warm_up(extractor)  # as a worker does before serving
    return lambda text: len(extractor.extract(text).quantities)


def _load_quantulum3() -> Extract:
    from quantulum3 import parser

    return lambda text: len(parser.parse(text))


def _load_duckling() -> Extract:
    import duckling

    zones = duckling.load_time_zones(ZONEINFO)
    locale = duckling.parse_locale("EN_US", duckling.default_locale_lang(duckling.parse_lang("EN")))
    context = duckling.Context(duckling.parse_ref_time(zones, "UTC", DUCKLING_REF_TIME), locale)
    dims = duckling.parse_dimensions(list(DUCKLING_DIMS))
    return lambda text: len(duckling.parse(text, context, dims, False))


LOADERS: Final[dict[str, Callable[[], Extract]]] = {
    "quantspan": _load_quantspan,
    "quantulum3": _load_quantulum3,
    "duckling": _load_duckling,
}
DISTRIBUTIONS: Final = {
    "quantspan": "quantspan",
    "quantulum3": "quantulum3",
    "duckling": "pyduckling-native-phihos",
}


def _status_mb(field: str, pid: int | str = "self") -> float | None:
    """A ``VmXXX`` line of /proc/PID/status, in MB (None where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _time_docs(extract: Extract, docs: Sequence[str], repeat: int) -> list[list[float]]:
    """Per document run: [chars, CPU seconds, wall seconds, quantities found]."""
    rows: list[list[float]] = []
    for _ in range(repeat):
        for doc in docs:
            c0 = time.process_time()
            w0 = time.perf_counter()
            found = extract(doc)
            w1 = time.perf_counter()
            c1 = time.process_time()
            rows.append([len(doc), c1 - c0, w1 - w0, found])
    return rows


def _time_scaling(extract: Extract, text: str, min_seconds: float) -> dict[str, Any]:
    """Extract ``text`` until ``min_seconds`` of CPU time are spent (at least once)."""
    cpu: list[float] = []
    wall: list[float] = []
    found = 0
    while not cpu or (sum(cpu) < min_seconds and len(cpu) < 10_000):
        c0 = time.process_time()
        w0 = time.perf_counter()
        found = extract(text)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return {"chars": len(text), "reps": len(cpu), "cpu_s": cpu, "wall_s": wall, "found": found}


def worker_main(task_path: Path, out_path: Path) -> int:
    """Run one extractor over the task's documents; write the measurements to ``out_path``."""
    task = json.loads(task_path.read_text(encoding="utf-8"))
    name: str = task["extractor"]
    if task.get("cpu") is not None:
        os.sched_setaffinity(0, {int(task["cpu"])})
    out: dict[str, Any] = {
        "extractor": name,
        "pid": os.getpid(),
        "affinity": sorted(os.sched_getaffinity(0)),
        "rss_before_load_mb": _status_mb("VmRSS"),
    }
    try:
        w0 = time.perf_counter()
        c0 = time.process_time()
        extract = LOADERS[name]()
        out["init_s"] = time.perf_counter() - w0
        extract(WARM_UP_TEXT)  # lazy state (quantulum3 builds its tables on the first call)
        out["load_s"] = time.perf_counter() - w0
        out["load_cpu_s"] = time.process_time() - c0
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out["version"] = importlib.metadata.version(DISTRIBUTIONS[name])
        out["corpora"] = {
            corpus: _time_docs(extract, spec["docs"], spec.get("repeat", 1))
            for corpus, spec in task["corpora"].items()
        }
        # the same documents again: what a long-running worker sees once its memos are warm
        out["warm"] = {
            corpus: _time_docs(extract, task["corpora"][corpus]["docs"], 1) for corpus in task.get("warm", ())
        }
        out["peak_rss_mb"] = _peak_rss_mb()
        if task.get("scaling"):
            out["scaling"] = [
                _time_scaling(extract, text, task["scaling_seconds"]) for text in task["scaling"]
            ]
            out["peak_rss_with_scaling_mb"] = _peak_rss_mb()
    except Exception as e:  # reported by the parent, which goes on with the other extractors
        out["error"] = f"{type(e).__name__}: {e}"
        out["traceback"] = traceback.format_exc()
    out_path.write_text(json.dumps(out), encoding="utf-8")
    return 0


# --- Statistics ------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass(frozen=True, slots=True)
class Stats:
    docs: int
    chars: int
    cpu_s: float
    wall_s: float
    found: int
    cps_cpu: float
    cps_wall: float
    p50_ms: float
    p99_ms: float
    p50_cpu_ms: float
    p99_cpu_ms: float


def stats(rows: Sequence[Sequence[float]]) -> Stats:
    chars = int(sum(r[0] for r in rows))
    cpu = sum(r[1] for r in rows)
    wall = sum(r[2] for r in rows)
    walls = [r[2] * 1000 for r in rows]
    cpus = [r[1] * 1000 for r in rows]
    return Stats(
        docs=len(rows),
        chars=chars,
        cpu_s=cpu,
        wall_s=wall,
        found=int(sum(r[3] for r in rows)),
        cps_cpu=chars / cpu if cpu > 0 else math.inf,
        cps_wall=chars / wall if wall > 0 else math.inf,
        p50_ms=percentile(walls, 50),
        p99_ms=percentile(walls, 99),
        p50_cpu_ms=percentile(cpus, 50),
        p99_cpu_ms=percentile(cpus, 99),
    )


# --- Output ----------------------------------------------------------------------------------


def fmt_int(value: float) -> str:
    return "-" if value is None or not math.isfinite(value) else f"{value:,.0f}"


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None or not math.isfinite(value) else f"{value:,.{digits}f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> str:
    """Columns right-aligned but the first."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return indent + "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def stat_row(label: str, s: Stats, ratio: tuple[float, float] | None = None) -> list[str]:
    return [
        label,
        fmt_int(s.docs),
        fmt_int(s.chars),
        fmt_int(s.cps_cpu),
        fmt_int(s.cps_wall),
        fmt(s.p50_ms),
        fmt(s.p99_ms),
        fmt_int(s.found),
        f"{ratio[0]:,.1f}x" if ratio else "",
        f"{ratio[1]:,.1f}x" if ratio else "",
    ]


@dataclass(slots=True)
class Target:
    name: str
    status: str  # PASS, FAIL or SKIP
    detail: str
    value: float | None = None
    target: float | None = None

    def line(self) -> str:
        return f"{self.status:4}  {self.name}: {self.detail}"


def print_targets(targets: Sequence[Target]) -> None:
    print("\nTargets")
    for t in targets:
        print("  " + t.line())


def results_path(kind: str, started: datetime.datetime) -> Path:
    """bench/results/<kind>-<UTC time>.json"""
    return corpora.REPO / "bench" / "results" / f"{kind}-{started:%Y%m%dT%H%M%SZ}.json"


def write_results(document: dict[str, Any], path: Path) -> None:
    """Write a run's JSON document and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    shown = path.relative_to(corpora.REPO) if path.is_relative_to(corpora.REPO) else path
    print(f"\nresults written to {shown}")


def check(name: str, ok: bool, detail: str, value: float, target: float) -> Target:
    return Target(name, "PASS" if ok else "FAIL", detail, value, target)


# --- The run ---------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment of the subprocesses: this working tree's quantspan and bench first."""
    env = dict(os.environ)
    paths = [str(corpora.REPO / "service"), str(corpora.REPO)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_worker(task: dict[str, Any], timeout: float) -> dict[str, Any]:
    name = task["extractor"]
    with tempfile.TemporaryDirectory(prefix="quantspan-bench-") as tmp:
        task_path, out_path, log_path = Path(tmp, "task.json"), Path(tmp, "out.json"), Path(tmp, "log")
        task_path.write_text(json.dumps(task), encoding="utf-8")
        started = time.perf_counter()
        with log_path.open("wb") as log:
            try:
                proc = subprocess.run(
                    [sys.executable, "-m", "bench.bench", "--worker", str(task_path), str(out_path)],
                    cwd=corpora.REPO,
                    env=child_env(),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    timeout=timeout,
                    check=False,
                )
                code: int | None = proc.returncode
            except subprocess.TimeoutExpired:
                code = None
        log_tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        if code is None:
            return {"extractor": name, "error": f"timed out after {timeout:.0f}s", "log": log_tail}
        if not out_path.exists():
            return {"extractor": name, "error": f"worker exited with {code} and no result", "log": log_tail}
        result: dict[str, Any] = json.loads(out_path.read_text(encoding="utf-8"))
        result["process_s"] = time.perf_counter() - started
        if "error" in result:
            result["log"] = log_tail
        return result


def read_first_line(stream: IO[bytes], timeout: float) -> str | None:
    lines: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout).decode("utf-8", "replace").strip()
    except queue.Empty:
        return None


@contextlib.contextmanager
def serving_process(
    args: Sequence[str], log: IO[bytes], grace: float = 15.0
) -> Iterator[subprocess.Popen[bytes]]:
    """``python -m quantspan.cli serve ARGS``, stopped with SIGTERM (then killed) on exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "quantspan.cli", "serve", *args],
        cwd=corpora.REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=log,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def measure_startup(load_text: str, seed_text: str) -> dict[str, Any]:
    """Spawn ``quantspan serve --port 0 --workers 1``; time it to SERVING; its VmHWM; stop it."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from quantspan.v1 import quantspan_pb2, quantspan_pb2_grpc

    options = [
        ("grpc.initial_reconnect_backoff_ms", 10),
        ("grpc.min_reconnect_backoff_ms", 10),
        ("grpc.max_reconnect_backoff_ms", 50),
        ("grpc.use_local_subchannel_pool", 1),
    ]
    with tempfile.TemporaryFile() as log:
        t0 = time.perf_counter()
        with serving_process(["--host", "127.0.0.1", "--port", "0", "--workers", "1"], log) as proc:
            assert proc.stdout is not None
            first = read_first_line(proc.stdout, timeout=60.0)
            t_listen = time.perf_counter() - t0
            if not first or not first.startswith("listening on "):
                log.seek(0)
                raise RuntimeError(
                    f"no 'listening on' line (got {first!r}); log:\n{log.read()[-1500:].decode()}"
                )
            address = first.removeprefix("listening on ")
            with grpc.insecure_channel(address, options=options) as channel:
                health = health_pb2_grpc.HealthStub(channel)
                deadline = time.perf_counter() + 60.0
                while True:
                    if proc.poll() is not None:
                        raise RuntimeError(f"the server exited with {proc.returncode} before SERVING")
                    with contextlib.suppress(grpc.RpcError):
                        reply = health.Check(
                            health_pb2.HealthCheckRequest(service=HEALTH_SERVICE), timeout=1.0
                        )
                        if reply.status == health_pb2.HealthCheckResponse.SERVING:
                            break
                    if time.perf_counter() > deadline:
                        raise RuntimeError("not SERVING within 60 s")
                    time.sleep(0.002)
                t_serving = time.perf_counter() - t0
                hwm_serving = _status_mb("VmHWM", proc.pid)
                stub = quantspan_pb2_grpc.QuantityServiceStub(channel)
                for _ in range(20):
                    stub.Extract(quantspan_pb2.ExtractRequest(text=seed_text), timeout=30.0)
                stub.Extract(quantspan_pb2.ExtractRequest(text=load_text), timeout=60.0)
                hwm_after = _status_mb("VmHWM", proc.pid)
                rss_after = _status_mb("VmRSS", proc.pid)
    return {
        "listening_s": t_listen,
        "serving_s": t_serving,
        "vmhwm_at_serving_mb": hwm_serving,
        "vmhwm_after_work_mb": hwm_after,
        "vmrss_after_work_mb": rss_after,
    }


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=corpora.REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--", "service", "rules")),
    }


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as info:
        model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    return {
        "cpu_model": model,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg": os.getloadavg(),
    }


@dataclass(frozen=True, slots=True)
class Plan:
    """Which documents each extractor runs."""

    corpora: dict[str, corpora.Corpus]
    subsets: dict[str, dict[str, int]]  # extractor -> corpus -> number of leading documents
    repeats: dict[str, dict[str, int]]  # extractor -> corpus -> runs over those documents


def make_plan(found: dict[str, corpora.Corpus], extractors: Sequence[str], args: argparse.Namespace) -> Plan:
    subsets: dict[str, dict[str, int]] = {}
    repeats: dict[str, dict[str, int]] = {}
    for name in extractors:
        subsets[name] = {}
        repeats[name] = {}
        for corpus in found.values():
            if name == "quantspan":
                subsets[name][corpus.name] = len(corpus.docs)
            else:
                subsets[name][corpus.name] = corpora.prefix_within(corpus.docs, args.peer_chars)
            if corpus.name == "seed":
                repeats[name][corpus.name] = args.seed_runs if name == "quantspan" else args.peer_seed_runs
            else:
                repeats[name][corpus.name] = 1
    return Plan(found, subsets, repeats)


def task_for(name: str, plan: Plan, args: argparse.Namespace, scaling: list[str]) -> dict[str, Any]:
    task: dict[str, Any] = {
        "extractor": name,
        "cpu": args.cpu,
        "corpora": {
            c: {"docs": list(corpus.docs[: plan.subsets[name][c]]), "repeat": plan.repeats[name][c]}
            for c, corpus in plan.corpora.items()
        },
    }
    if name == "quantspan":
        task["scaling"] = scaling
        task["scaling_seconds"] = args.scaling_seconds
        task["warm"] = [c for c in ("wiki",) if c in plan.corpora]
    return task


def rows_of(result: dict[str, Any], corpus: str, docs: int | None = None) -> list[list[float]]:
    rows: list[list[float]] = result["corpora"][corpus]
    return rows if docs is None else rows[:docs]


def report(
    plan: Plan, results: dict[str, dict[str, Any]], startup: list[dict[str, Any]], startup_error: str | None
) -> tuple[str, list[Target], dict[str, Any]]:
    """The text to print, the targets and the summary for the JSON."""
    out: list[str] = []
    targets: list[Target] = []
    summary: dict[str, Any] = {"extractors": {}, "corpora": {}, "ratios": {}}
    ok = {n: r for n, r in results.items() if "error" not in r}
    qs = ok.get("quantspan")

    # Extractors: load time and peak RSS
    rows = []
    for name, r in results.items():
        if "error" in r:
            rows.append([name, "-", "-", "-", "-", "failed (see above)"])
            continue
        summary["extractors"][name] = {
            k: r.get(k)
            for k in ("version", "init_s", "load_s", "load_cpu_s", "rss_before_load_mb", "peak_rss_mb")
        }
        rows.append(
            [
                name,
                r.get("version", "?"),
                fmt(r["load_s"]),
                fmt(r["rss_before_load_mb"], 0),
                fmt(r["peak_rss_mb"], 0),
                f"CPU {r['affinity']}",
            ]
        )
    out.append("Extractors (each in its own process; load = import + init + first extraction)")
    out.append(table(["extractor", "version", "load s", "RSS before MB", "peak RSS MB", "pinned to"], rows))

    # Corpora
    for cname, corpus in plan.corpora.items():
        out.append("")
        reps = (
            ""
            if cname != "seed"
            else " (repeated: quantspan x{}, peers x{})".format(
                plan.repeats.get("quantspan", {}).get(cname, "-"),
                next((plan.repeats[p][cname] for p in PEERS if p in plan.repeats), "-"),
            )
        )
        noun = "doc" if len(corpus.docs) == 1 else "docs"
        out.append(
            f"Corpus {cname}: {len(corpus.docs):,} {noun}, {corpus.chars:,} chars, {corpus.source}{reps}"
        )
        csum: dict[str, Any] = {}
        trows = []
        headers = ["extractor", "docs", "chars", "chars/s CPU", "chars/s wall", "p50 ms", "p99 ms", "found"]
        headers += ["qs/peer CPU", "qs/peer wall"]

        shown: set[int] = set()
        if qs is not None:
            s = stats(rows_of(qs, cname))
            csum["quantspan"] = asdict(s)
            trows.append(stat_row("quantspan", s))
            warm = qs.get("warm", {}).get(cname)
            if warm:
                ws = stats(warm)
                csum["quantspan_second_pass"] = asdict(ws)
                trows.append(stat_row("quantspan (second pass)", ws))
        for peer in PEERS:
            if peer not in plan.subsets:
                continue
            if peer not in ok:
                trows.append([peer, "-", "-", "-", "-", "-", "-", "-", "", ""])
                continue
            n = plan.subsets[peer][cname]
            ps = stats(rows_of(ok[peer], cname))
            csum[peer] = asdict(ps)
            if qs is None:
                trows.append(stat_row(peer, ps))
                continue
            qrows = rows_of(qs, cname)
            if cname != "seed":
                qrows = qrows[:n]
            qsub = stats(qrows)
            ratio = (qsub.cps_cpu / ps.cps_cpu, qsub.cps_wall / ps.cps_wall)
            if cname != "seed" and n != len(corpus.docs) and n not in shown:
                shown.add(n)
                trows.append(stat_row(f"quantspan (first {n} docs)", qsub))
            trows.append(stat_row(peer, ps, ratio))
            summary["ratios"][f"{cname}/{peer}"] = {
                "docs": n,
                "chars": ps.chars,
                "quantspan_cps_cpu": qsub.cps_cpu,
                "peer_cps_cpu": ps.cps_cpu,
                "ratio_cpu": ratio[0],
                "ratio_wall": ratio[1],
            }
        out.append(table(headers, trows))
        summary["corpora"][cname] = {"docs": len(corpus.docs), "chars": corpus.chars, "stats": csum}

    # Targets on the corpora
    if qs is not None and "wiki" in plan.corpora:
        s = stats(rows_of(qs, "wiki"))
        targets.append(
            check(
                "quantspan throughput, wiki corpus, one core",
                s.cps_cpu >= TARGET_CPS,
                f"{s.cps_cpu:,.0f} chars/s CPU (target >= {TARGET_CPS:,})",
                s.cps_cpu,
                TARGET_CPS,
            )
        )
        for peer in PEERS:
            if peer not in plan.subsets:
                continue
            key = f"wiki/{peer}"
            if key not in summary["ratios"]:
                why = results.get(peer, {}).get("error", "not run")
                if "No module named" in why:
                    why = f"not installed: {INSTALL_HINT}"
                targets.append(Target(f"quantspan vs {peer}, wiki", "SKIP", why.splitlines()[0]))
                continue
            r = summary["ratios"][key]
            want = TARGET_RATIO[peer]
            targets.append(
                check(
                    f"quantspan vs {peer}, same {r['docs']} wiki docs ({r['chars']:,} chars)",
                    r["ratio_cpu"] >= want,
                    f"{r['ratio_cpu']:,.1f}x CPU throughput (target >= {want:g}x)",
                    r["ratio_cpu"],
                    want,
                )
            )
    if qs is not None and "seed" in plan.corpora:
        s = stats(rows_of(qs, "seed"))
        targets.append(
            check(
                "seed article latency",
                s.p50_ms <= TARGET_SEED_MS,
                f"median {s.p50_ms:.2f} ms wall ({s.p50_cpu_ms:.2f} ms CPU) over {s.docs} runs "
                f"(target <= {TARGET_SEED_MS:g} ms)",
                s.p50_ms,
                TARGET_SEED_MS,
            )
        )

    # Scaling
    if qs is not None and qs.get("scaling"):
        out.append("")
        out.append("Scaling (quantspan; the wiki corpus glued into one document)")
        srows = []
        series = []
        for point in qs["scaling"]:
            cps = point["chars"] * len(point["cpu_s"]) / sum(point["cpu_s"])
            cps_wall = point["chars"] * len(point["wall_s"]) / sum(point["wall_s"])
            series.append(
                {
                    "chars": point["chars"],
                    "reps": point["reps"],
                    "found": point["found"],
                    "cps_cpu": cps,
                    "cps_wall": cps_wall,
                }
            )
        base = series[0]["cps_cpu"]
        for p in series:
            p["vs_smallest"] = p["cps_cpu"] / base
            srows.append(
                [
                    fmt_int(p["chars"]),
                    fmt_int(p["reps"]),
                    fmt(p["found"] * 1000 / p["chars"], 1),
                    fmt_int(p["cps_cpu"]),
                    fmt_int(p["cps_wall"]),
                    f"{p['vs_smallest']:.0%}",
                ]
            )
        out.append(
            table(
                ["doc chars", "runs", "found per 1000 chars", "chars/s CPU", "chars/s wall", "vs 1 KB"], srows
            )
        )
        summary["scaling"] = series
        last = series[-1]
        targets.append(
            check(
                "throughput on 1 MB vs 1 KB document",
                last["vs_smallest"] >= TARGET_SCALING,
                f"{last['vs_smallest']:.0%} ({last['cps_cpu']:,.0f} vs {base:,.0f} chars/s CPU; "
                f"target >= {TARGET_SCALING:.0%})",
                last["vs_smallest"],
                TARGET_SCALING,
            )
        )

    # Start-up
    if startup or startup_error:
        out.append("")
        out.append("Worker start-up (quantspan serve --port 0 --workers 1; spawn to health SERVING)")
        urows = [
            [
                str(i + 1),
                fmt(s["listening_s"]),
                fmt(s["serving_s"]),
                fmt(s["vmhwm_at_serving_mb"], 0),
                fmt(s["vmhwm_after_work_mb"], 0),
            ]
            for i, s in enumerate(startup)
        ]
        out.append(
            table(
                ["run", "to 'listening' s", "to SERVING s", "VmHWM at SERVING MB", "VmHWM after work MB"],
                urows,
            )
        )
        if startup_error:
            out.append(f"  error: {startup_error}")
    if startup:
        median_s = percentile([s["serving_s"] for s in startup], 50)
        targets.append(
            check(
                "worker start-up to SERVING",
                median_s <= TARGET_STARTUP_S,
                f"median {median_s:.2f} s over {len(startup)} runs (target <= {TARGET_STARTUP_S:g} s)",
                median_s,
                TARGET_STARTUP_S,
            )
        )
        hwm = max(s["vmhwm_after_work_mb"] or 0.0 for s in startup)
        targets.append(
            check(
                "peak RSS per worker",
                hwm <= TARGET_RSS_MB,
                f"{hwm:.0f} MB VmHWM after 20 seed and one {STARTUP_LOAD_CHARS // 1000} KB extraction "
                f"(target <= {TARGET_RSS_MB:g} MB)",
                hwm,
                TARGET_RSS_MB,
            )
        )
        summary["startup"] = {"median_serving_s": median_s, "max_vmhwm_mb": hwm}
    elif startup_error:
        targets.append(Target("worker start-up to SERVING", "FAIL", f"error: {startup_error}"))
    return "\n".join(out), targets, summary


def default_cpu() -> int | None:
    value = os.environ.get("BENCH_CPU", "")
    if value.lower() == "none":
        return None
    if value:
        return int(value)
    return max(os.sched_getaffinity(0))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--json", type=Path, help="write the results here (default: bench/results/bench-TIME.json)"
    )
    parser.add_argument("--no-json", action="store_true", help="write no JSON")
    parser.add_argument(
        "--extractors",
        default=",".join(EXTRACTORS),
        help="comma-separated, from %(default)s (quantspan is needed for the ratios)",
    )
    parser.add_argument(
        "--peer-chars",
        type=int,
        default=int(os.environ.get("BENCH_PEER_CHARS", "100000")),
        help="peers run on the first documents of each corpus that fit in this many chars "
        "(BENCH_PEER_CHARS; default %(default)s)",
    )
    parser.add_argument("--seed-runs", type=int, default=200, help="quantspan runs of the seed article")
    parser.add_argument("--peer-seed-runs", type=int, default=10, help="peer runs of the seed article")
    parser.add_argument(
        "--scaling-seconds",
        type=float,
        default=2.0,
        help="CPU seconds spent per scaling document (at least 1 run)",
    )
    parser.add_argument("--startup-runs", type=int, default=3, help="server start-ups to time (0: none)")
    parser.add_argument(
        "--cpu",
        type=lambda v: None if v.lower() == "none" else int(v),
        default=default_cpu(),
        help="CPU the extractor processes are pinned to, or 'none' (BENCH_CPU; default: the last allowed)",
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per extractor process")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker_main(Path(args.worker[0]), Path(args.worker[1]))
    extractors = [e.strip() for e in args.extractors.split(",") if e.strip()]
    unknown = sorted(set(extractors) - set(EXTRACTORS))
    if unknown:
        print(
            f"unknown extractor(s): {', '.join(unknown)}; choose from {', '.join(EXTRACTORS)}",
            file=sys.stderr,
        )
        return 2
    strict = os.environ.get("BENCH_STRICT") == "1"
    started = datetime.datetime.now(datetime.UTC)
    meta: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        **git_state(),
        "machine": machine(),
    }

    wiki = corpora.wiki()
    suites, why_not = corpora.peer_suites()
    seed = corpora.seed()
    found = {c.name: c for c in (wiki, suites, seed) if c is not None}
    plan = make_plan(found, extractors, args)
    scaling = [corpora.glued(wiki.docs, size) for size in SCALING_SIZES]

    print(
        f"quantspan engine benchmark, {started:%Y-%m-%d %H:%M} UTC, commit {meta['commit'][:12]}", flush=True
    )
    print(
        f"machine: {meta['machine']['cpu_model']}, {meta['machine']['cpus']} CPUs, load average "
        f"{' '.join(f'{x:.2f}' for x in meta['machine']['loadavg'])}; extractors pinned to CPU {args.cpu}"
    )
    if why_not:
        print(why_not)
    results: dict[str, dict[str, Any]] = {}
    for name in extractors:
        print(f"running {name} ...", flush=True)
        results[name] = run_worker(task_for(name, plan, args, scaling), args.timeout)
        r = results[name]
        if "error" in r:
            print(f"  {name} failed: {r['error']}")
            if "No module named" not in r["error"]:
                print("  " + r.get("log", "").replace("\n", "\n  "))
        else:
            print(f"  done in {r['process_s']:.1f} s", flush=True)

    startup: list[dict[str, Any]] = []
    startup_error: str | None = None
    if args.startup_runs > 0:
        print(f"timing {args.startup_runs} server start-ups ...", flush=True)
        load_text = corpora.glued(wiki.docs, STARTUP_LOAD_CHARS)
        try:
            for _ in range(args.startup_runs):
                startup.append(measure_startup(load_text, seed.docs[0]))
        except Exception as e:
            startup_error = f"{type(e).__name__}: {e}"

    text, targets, summary = report(plan, results, startup, startup_error)
    meta["loadavg_end"] = os.getloadavg()
    print()
    print(text)
    print_targets(targets)

    if not args.no_json:
        document = {
            "meta": meta,
            "config": {
                k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "worker"
            }
            | {
                "plan": {"subsets": plan.subsets, "repeats": plan.repeats},
                "corpora": {
                    c.name: {"docs": len(c.docs), "chars": c.chars, "source": c.source}
                    for c in found.values()
                },
                "peer_suites": why_not or str(corpora.peer_suites_dir()),
            },
            "targets": [asdict(t) for t in targets],
            "summary": summary,
            "startup": startup,
            "raw": results,
        }
        write_results(document, args.json or results_path("bench", started))

    if "error" in results.get("quantspan", {}) or startup_error:
        return 2
    if strict and any(t.status == "FAIL" for t in targets):
        print("BENCH_STRICT=1: a target failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
