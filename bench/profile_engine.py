"""Where the engine's time goes: pyinstrument over ``extract`` on a corpus, top functions.

    python -m bench.profile_engine [--corpus wiki|wiki-1mb|peer-suites|seed] [--top 25] [--tree FILE]

Loads the rules first (not profiled), then samples every extraction over the corpus and prints
the functions with the most self time (time in the function's own Python code and the C calls
it makes, e.g. regex matching) and the most inclusive time (with its callees; a recursive
function counted once). pyinstrument comes with the ``bench`` extra (``make bench`` installs it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import corpora


def _key(frame: Any) -> str:
    path = frame.file_path_short or frame.file_path or "?"
    return f"{frame.function}  ({path}:{frame.line_no})"


def aggregate(root: Any) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """Self time, inclusive time and number of call sites per function over the call tree."""
    self_time: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    sites: dict[str, int] = defaultdict(int)
    stack: list[tuple[Any, frozenset[str]]] = [(root, frozenset())]
    while stack:
        frame, above = stack.pop()
        if frame.is_synthetic:
            continue
        key = _key(frame)
        self_time[key] += frame.total_self_time
        sites[key] += 1
        if key not in above:
            inclusive[key] += frame.time
        stack.extend((child, above | {key}) for child in frame.children)
    return self_time, inclusive, sites


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile_engine", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--corpus",
        default="wiki",
        choices=["wiki", "wiki-1mb", "peer-suites", "seed"],
        help="wiki-1mb: the wiki corpus glued into one 1,000,000-char document, as in the scaling series",
    )
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--interval", type=float, default=0.0005, help="sampling interval, seconds")
    parser.add_argument("--tree", type=Path, help="also write pyinstrument's call tree (text) here")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is missing: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    from quantspan.engine import Extractor

    if args.corpus == "wiki":
        corpus = corpora.wiki()
    elif args.corpus == "wiki-1mb":
        corpus = corpora.Corpus("wiki-1mb", "wiki glued", (corpora.glued(corpora.wiki().docs, 1_000_000),))
    elif args.corpus == "seed":
        corpus = corpora.seed()
    else:
        found, why = corpora.peer_suites()
        if found is None:
            print(why, file=sys.stderr)
            return 2
        corpus = found
    extractor = Extractor.load()
    extractor.extract("At least 3,800 troops walked 12 km.")
    profiler = Profiler(interval=args.interval)
    started = time.process_time()
    profiler.start()
    for doc in corpus.docs:
        extractor.extract(doc)
    profiler.stop()
    cpu = time.process_time() - started
    session = profiler.last_session
    root = session.root_frame() if session is not None else None
    if root is None:
        print("no samples", file=sys.stderr)
        return 2
    total = root.time
    self_time, inclusive, _ = aggregate(root)
    print(
        f"{corpus.name}: {len(corpus.docs)} doc(s), {corpus.chars:,} chars, {cpu:.2f} s CPU while profiled "
        f"({corpus.chars / cpu:,.0f} chars/s with the profiler on), {total:.2f} s sampled"
    )
    for title, table in (("self time", self_time), ("inclusive time", inclusive)):
        print(f"\nTop {args.top} functions by {title}")
        print(f"  {'s':>7}  {'%':>5}  function")
        for key, seconds in sorted(table.items(), key=lambda kv: -kv[1])[: args.top]:
            print(f"  {seconds:7.2f}  {seconds / total:5.1%}  {key}")
    if args.tree:
        args.tree.write_text(
            profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8"
        )
        print(f"\ncall tree written to {args.tree}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
