#!/usr/bin/env python3
"""Score the running service on every peer suite and check the accuracy targets.

Starts `quantspan serve --port 0`, runs the shared scorer on each suite through gRPC
reflection, prints one table, stops the server, and exits non-zero if a target is missed.
The suites and the scorer live in ../shared (set QUANTSPAN_SHARED to move them); they are
not part of a user's clone, so this is a benchmark, not a test.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("QUANTSPAN_SHARED", ROOT.parent / "shared"))
SUITES = SHARED / "peer-suites"
SCORER = SHARED / "tools" / "score.py"

# suite -> (strict target, F1 target); ordinals: no ordinal may come back (forbidden == 0)
TARGETS: dict[str, tuple[float, float] | None] = {
    "quantulum3_en": (0.90, 0.97),
    "duckling_en": (0.95, 0.95),
    "recognizers_numberwithunit_en": (0.85, 0.95),
    "recognizers_number_en": (0.90, 0.95),
    "recognizers_numberrange_en": (0.85, 0.95),
    "recognizers_percent_en": (0.90, 0.95),
    "recognizers_duration_en": (0.85, 0.90),
    "recognizers_ordinal_en": None,
    "measeval": (0.70, 0.80),
    "grobid_quantities_en": (0.75, 0.80),
}


def start_server() -> tuple[subprocess.Popen[str], str]:
    """`quantspan serve --port 0 --workers 1`; returns the process and HOST:PORT."""
    exe = Path(sys.executable).with_name("quantspan")
    cmd = [str(exe) if exe.exists() else "quantspan", "serve", "--port", "0", "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


def score(target: str, suite: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(suite), "--grpc", target, "--json"],
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    ).stdout
    return json.loads([ln for ln in out.splitlines() if ln.startswith("{")][-1])


def main() -> int:
    if not SCORER.exists():
        print(f"no scorer at {SCORER}: set QUANTSPAN_SHARED to the shared folder", file=sys.stderr)
        return 2
    proc, target = start_server()
    rows, failed = [], []
    started = time.monotonic()
    try:
        for name, want in TARGETS.items():
            path = SUITES / f"{name}.jsonl"
            if not path.exists():
                print(f"skipping {name}: {path} not found")
                continue
            r = score(target, path)
            if want is None:
                ok = r["forbidden"] == 0
                goal = "0 forbidden"
            else:
                ok = r["strict"] >= want[0] and r["f1"] >= want[1]
                goal = f">= {want[0]:.2f} / {want[1]:.2f}"
            rows.append((name, r, goal, ok))
            if not ok:
                failed.append(name)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    cols = f"{'cases':>5} {'P':>6} {'R':>6} {'F1':>6} {'vuF1':>6} {'strict':>6} {'forb':>4}"
    head = f"{'suite':32} {cols}  target (strict/F1)"
    print(head)
    print("-" * len(head))
    for name, r, goal, ok in rows:
        print(
            f"{name:32} {r['cases']:5d} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['value_unit_f1']:6.3f} {r['strict']:6.3f} {r['forbidden']:4d}  {goal:22} "
            + ("PASS" if ok else "FAIL")
        )
    took = time.monotonic() - started
    print(f"\n{len(rows) - len(failed)}/{len(rows)} suites meet their target ({took:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
