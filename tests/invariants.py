"""What every extraction must satisfy, whatever the text: shared by the property tests, the fuzz
target (fuzz/fuzz_extract.py) and the replay of its corpus.

- every span slices the text to exactly its ``text``, in code points, UTF-8 bytes and UTF-16
  code units (quantities and rejections alike), and lies within the text;
- every number (value, low, high and their normalized forms) is finite;
- the same input gives the same output.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from quantspan import convert
from quantspan.engine import Extraction
from quantspan.v1 import quantspan_pb2 as pb

NUMBER_FIELDS = ("value", "low", "high")


def short(text: str, limit: int = 60) -> str:
    """``repr`` of a text, cut to ``limit`` characters for messages."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text)} chars)"


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, "surrogatepass")  # lone surrogates are valid in a Python str


def span_problems(text: str, items: Iterable[Any]) -> list[str]:
    """Problems with the spans of quantspan.v1 Quantity/Rejection messages over ``text``."""
    problems: list[str] = []
    raw8, raw16 = _encode(text, "utf-8"), _encode(text, "utf-16-le")
    for item in items:
        s = item.span
        label = f"{short(item.text)} at {s.start}-{s.end}"
        if not 0 <= s.start < s.end <= len(text):
            problems.append(f"{label}: span outside the text (length {len(text)})")
            continue
        if text[s.start : s.end] != item.text:
            problems.append(f"{label}: code points slice to {text[s.start : s.end]!r}")
        if raw8[s.utf8_start : s.utf8_end] != _encode(item.text, "utf-8"):
            problems.append(f"{label}: UTF-8 {s.utf8_start}-{s.utf8_end} slices to something else")
        if raw16[2 * s.utf16_start : 2 * s.utf16_end] != _encode(item.text, "utf-16-le"):
            problems.append(f"{label}: UTF-16 {s.utf16_start}-{s.utf16_end} slices to something else")
    return problems


def number_problems(quantities: Iterable[pb.Quantity]) -> list[str]:
    """Numbers that are not finite (inf, NaN) in quantspan.v1 Quantity messages."""
    problems: list[str] = []
    for q in quantities:
        for owner, prefix in ((q, ""), (q.normalized, "normalized.")):
            for name in NUMBER_FIELDS:
                if owner.HasField(name) and not math.isfinite(getattr(owner, name)):
                    problems.append(f"{short(q.text)}: {prefix}{name} is {getattr(owner, name)}")
    return problems


def response_problems(text: str, response: pb.ExtractResponse) -> list[str]:
    """Every invariant broken by an ExtractResponse answering ``text``."""
    return span_problems(text, [*response.quantities, *response.rejections]) + number_problems(
        response.quantities
    )


def extraction_problems(text: str, extraction: Extraction) -> list[str]:
    """Every invariant broken by an engine Extraction of ``text`` (through its protobuf form,
    which carries the three offset systems), plus the engine's own ``q.text == text[start:end]``."""
    problems = [
        f"{short(q.text)} at {q.start}-{q.end}: engine text is not text[start:end]"
        for q in extraction.quantities
        if text[q.start : q.end] != q.text
    ]
    return problems + response_problems(text, convert.extraction_to_pb(extraction, text))


def summary(extraction: Extraction) -> list[tuple[Any, ...]]:
    """A comparable digest of an extraction, for the same-input-same-output check."""
    return [
        (q.start, q.end, q.text, q.kind, q.modifier, q.value, q.low, q.high, q.unit.name, q.quantified)
        for q in extraction.quantities
    ] + [(r.start, r.end, r.rule) for r in extraction.rejections]


# --- Fuzz inputs -----------------------------------------------------------------------------

#: Flags in the first byte of a fuzz input.
FLAG_SURROGATES = 1  # decode the rest with lone surrogates allowed
FLAG_EXPLAIN = 2
FLAG_KINDS = 4  # filter on COUNT and MONEY
FUZZ_DEADLINE = 5.0  # seconds given to each fuzz input
FUZZ_SLACK = 5.0


def fuzz_request(data: bytes) -> tuple[str, bool, tuple[str, ...]]:
    """(text, explain, kinds) of a fuzz input: a flag byte, then the text as UTF-8 (invalid bytes
    replaced, or kept as lone surrogates when the flag says so)."""
    flags, body = (data[0], data[1:]) if data else (0, b"")
    if flags & FLAG_SURROGATES:
        try:
            text = body.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            text = body.decode("utf-8", "surrogateescape")
    else:
        text = body.decode("utf-8", "replace")
    kinds = ("COUNT", "MONEY") if flags & FLAG_KINDS else ()
    return text, bool(flags & FLAG_EXPLAIN), kinds


def fuzz_problems(extractor: Any, data: bytes) -> list[str]:
    """Every invariant a fuzz input breaks (an exception escaping counts; ExtractionTimeout
    within the deadline does not)."""
    import time

    from quantspan.engine import ExtractionTimeout

    text, explain, kinds = fuzz_request(data)
    started = time.monotonic()
    try:
        first = extractor.extract(text, kinds=kinds, explain=explain, deadline=started + FUZZ_DEADLINE)
    except ExtractionTimeout:
        first = None
    except Exception as e:
        return [f"{type(e).__name__}: {e}"]
    elapsed = time.monotonic() - started
    problems = [] if first is None else extraction_problems(text, first)
    if elapsed > FUZZ_DEADLINE + FUZZ_SLACK:
        problems.append(f"took {elapsed:.1f}s with a deadline of {FUZZ_DEADLINE}s")
    if first is not None and not problems:
        again = extractor.extract(text, kinds=kinds, explain=explain)
        if summary(again) != summary(first):
            problems.append("another run gave another result")
    return problems
