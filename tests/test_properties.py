"""Hostile input, on the engine and through the service: property tests (hypothesis) and a list of
known-nasty texts.

Invariants (tests/invariants.py): no exception escapes (ExtractionTimeout aside, when a deadline
is given), every span slices the text to its ``text`` in code points, UTF-8 bytes and UTF-16
units, every number is finite, and the same input gives the same output. The engine must also
keep its deadline, and its cost must grow linearly with the text.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quantspan import convert
from quantspan.client import channel_options
from quantspan.engine import ExtractionTimeout, Extractor, Kind
from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

from .conftest import ROOT
from .invariants import extraction_problems, response_problems, short, summary
from .test_service import open_channel, serving, small_config

CI = bool(os.environ.get("CI"))
#: Examples per property; CI runs a fixed (derandomized) set so a red run reproduces.
ENGINE_EXAMPLES = 300
SERVICE_EXAMPLES = 100
PROPERTY = settings(
    max_examples=ENGINE_EXAMPLES,
    deadline=None,
    derandomize=CI,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- Strategies ------------------------------------------------------------------------------

#: Pieces that number rules react to, and characters that upset offset arithmetic.
TOKENS = [
    *"0123456789",
    "12",
    "3.5",
    "1,000",
    "1e308",
    "1.7e308",
    "1e400",
    "9" * 400,
    "0x1F",
    ",",
    ".",
    "-",
    "−",
    "–",
    " ",
    "  ",
    "\u00a0",
    "\u202f",
    "\t",
    "\n",
    "/",
    "e",
    "E",
    "x",
    "×",
    "10",
    "^",
    "**",
    "½",
    "⁵",
    "⁻",
    "%",
    "$",
    "€",
    "£",
    "km",
    "kg",
    "°C",
    "million",
    "bn",
    "trillion",
    "thousand",
    "hundred",
    "dozen",
    "between",
    " and ",
    " to ",
    "about ",
    "at least ",
    "more than ",
    "one",
    "twenty",
    "a",
    "half",
    "tens of",
    "thousands",
    "±",
    "+",
    "~",
    "(",
    ")",
    "[",
    "]",
    ":",
    "'",
    "st",
    "s",
    "\u200f",  # RTL mark
    "\u200e",  # LTR mark
    "\u202e",  # RTL override
    "\u0301",  # combining acute
    "\u0308",  # combining diaeresis
    "\x00",
    "😀",
    "👍🏽",
    "𝒳",
    "٣",  # Arabic-Indic three
    "３",  # fullwidth three
    "٫",  # Arabic decimal separator
    "кг",
    "公里",
]
number_soup = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
mixed = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=60).map("".join)
repeated = st.builds(
    lambda unit, n: unit * n, st.sampled_from(["1,", "1-", "1 ", "9", "a ", "1.", "1/"]), st.integers(1, 300)
)
any_text = st.one_of(st.text(max_size=300), number_soup, mixed, repeated)
#: Lone surrogates: valid in a Python str (the engine's API), not in UTF-8 (the service's).
with_surrogates = st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=80)
kinds = st.lists(st.sampled_from(list(Kind)), max_size=2, unique=True)


# --- The engine ------------------------------------------------------------------------------


def _check_engine(extractor: Extractor, text: str, kinds: list[Kind] | None = None) -> None:
    first = extractor.extract(text, kinds=kinds or (), explain=True)
    problems = extraction_problems(text, first)
    assert not problems, f"{short(text)}: {problems}"
    again = extractor.extract(text, kinds=kinds or (), explain=True)
    assert summary(again) == summary(first), f"{short(text)}: another run gave another result"
    if kinds:
        assert {q.kind for q in first.quantities} <= set(kinds)


@PROPERTY
@given(text=any_text, kinds=kinds)
def test_engine_invariants_on_arbitrary_text(extractor: Extractor, text: str, kinds: list[Kind]) -> None:
    _check_engine(extractor, text, kinds)


@settings(PROPERTY, max_examples=150)
@given(text=with_surrogates)
def test_engine_invariants_with_lone_surrogates(extractor: Extractor, text: str) -> None:
    _check_engine(extractor, text)


#: Inputs found by hand, by hypothesis and by the fuzzer; each stays as a regression test.
SMALL_HOSTILE = {
    "1e400": "1e400",
    "-1e400": "-1e400",
    "1e-400": "1e-400",
    "0x1F": "0x1F",
    "0b101 0o17": "0b101 and 0o17",
    "1_000_000": "1_000_000",
    "1e308 trillion": "1e308 trillion",  # scale word overflows
    "1.7e308 thousand": "1.7e308 thousand",
    "1e308 km": "1e308 km",  # normalizing to metres overflows
    "1.7e308 MPa": "1.7e308 MPa",
    "-1e308 to 1e308 km": "-1e308 to 1e308 km",
    "1e308 ± 1e308": "1e308 ± 1e308",  # tolerance bound overflows
    "9x400 1/2": "9" * 400 + " 1/2",  # mixed fraction with an overflowing whole part
    "9x5000/2": "9" * 5000 + "/2",  # past int()'s 4300-digit limit
    "9x400½": "9" * 400 + "½",
    "RTL marks": "\u200f12\u200f km and \u202e3 kg",
    "combining": "1\u0301,5\u0301 km, 3\u0308 %",
    "NUL": "3\x00km, 5\x00%",
    "emoji": "😀12😀% 👍🏽$5 𝒳 3 m",
    "Arabic": "١٢ كم و ٣ كغ",
    "fullwidth": "１２ km",
    "RTL override at end": "12 km\u202e",
    "lone surrogates": "\ud800 12 km \udfff",
}


@pytest.mark.parametrize("name", list(SMALL_HOSTILE))
def test_engine_small_hostile_inputs(extractor: Extractor, name: str) -> None:
    _check_engine(extractor, SMALL_HOSTILE[name])


def run_bounded(fn: Callable[[], list[str]], limit: float) -> list[str] | None:
    """``fn()`` in a forked child, killed after ``limit`` seconds (None then): a runaway engine
    cannot hang the test run."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)

    def child() -> None:
        try:
            result = fn()
        except BaseException as e:  # report, do not die silently
            result = [f"raised {type(e).__name__}: {e}"]
        writer.send(result)

    process = context.Process(target=child, daemon=True)
    process.start()
    writer.close()
    try:
        if not reader.poll(limit):
            return None
        return reader.recv()
    finally:
        if process.is_alive():
            process.kill()
        process.join(10)


def _one_mb_line() -> str:
    seed = (ROOT / "seeds" / "000_d0e80a7b2713b16c.txt").read_text(encoding="utf-8").replace("\n", " ")
    return (seed * (1_000_000 // len(seed) + 1))[:1_000_000]


BUDGET = 2.0  # seconds of deadline given to each large hostile input
SLACK = 3.0  # how late the engine may notice it (checked every few anchors; the machine is shared)
LARGE_HOSTILE: dict[str, Callable[[], str]] = {
    "9 x 100,000": lambda: "9" * 100_000,
    "100,000 spaces": lambda: " " * 100_000,
    "1, x 50,000": lambda: "1," * 50_000,
    "1- x 50,000": lambda: "1-" * 50_000,
    "1 x 50,000 spaced": lambda: "1 " * 50_000,
    "a x 50,000 spaced": lambda: "a " * 50_000,
    "1.1.1 x 30,000": lambda: "1." * 60_000,
    "1 MB line": _one_mb_line,
    "NUL x 100,000": lambda: "\x00" * 100_000,
    "emoji and marks x 20,000": lambda: "😀\u200f1\u0301 " * 20_000,
}


@pytest.mark.parametrize("name", list(LARGE_HOSTILE))
def test_engine_large_hostile_inputs_keep_the_deadline(extractor: Extractor, name: str) -> None:
    """A long hostile text either yields a valid extraction or stops with ExtractionTimeout, and
    either way within its deadline (plus a little)."""
    text = LARGE_HOSTILE[name]()

    def run() -> list[str]:
        started = time.monotonic()
        try:
            extraction = extractor.extract(text, explain=True, deadline=started + BUDGET)
        except ExtractionTimeout:
            extraction = None
        elapsed = time.monotonic() - started
        problems = [] if extraction is None else extraction_problems(text, extraction)
        if elapsed > BUDGET + SLACK:
            problems.append(f"took {elapsed:.1f}s with a deadline of {BUDGET}s")
        return problems

    problems = run_bounded(run, BUDGET + SLACK + 20)
    assert problems is not None, (
        f"{name}: still running {BUDGET + SLACK + 20:.0f}s after a {BUDGET}s deadline"
    )
    assert not problems, f"{name}: {problems[:5]}"


# --- Cost is linear in the size of the text --------------------------------------------------


class _OverBudget(Exception):
    pass


def count_calls(fn: Callable[[], object], limit: int | None = None) -> int | None:
    """Python function calls (and generator resumptions, and calls into C) made by ``fn``: a
    deterministic measure of work, unlike time on a shared machine. None past ``limit``."""
    calls = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1
            if limit is not None and calls > limit:
                raise _OverBudget

    sys.setprofile(profile)
    try:
        fn()
    except _OverBudget:
        return None
    finally:
        sys.setprofile(None)
    return calls


SMALL = 300  # characters; the large text is 10 times longer
MAX_GROWTH = 14.0  # 10 is linear; quadratic gives about 100
SENTENCE = (
    "At least 3,800 of the 12,000 troops walked about 12 km in 3 hours; costs rose 18% to $2.5 billion. "
)
SHAPES = {
    "prose": SENTENCE,
    "1,": "1,",
    "1 ": "1 ",
    "1-": "1-",
    "a ": "a ",
    "$5 ": "$5 ",
    "12 km and ": "12 km and ",
    "between 1 and 2 ": "between 1 and 2 ",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_cost_is_linear_in_text_size(extractor: Extractor, shape: str) -> None:
    unit = SHAPES[shape]
    small = unit * max(1, SMALL // len(unit))
    large = unit * max(1, 10 * SMALL // len(unit))
    extractor.extract(small)  # warm
    base = count_calls(lambda: extractor.extract(small))
    assert base is not None
    budget = int(MAX_GROWTH * base)
    grown = count_calls(lambda: extractor.extract(large), limit=budget)
    assert grown is not None, (
        f"{shape!r}: {len(large)} characters cost over {MAX_GROWTH:g} times the calls of {len(small)} "
        f"({base} calls): super-linear"
    )


# --- Through the service ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def channel(extractor: Extractor) -> Iterator[grpc.Channel]:
    config = small_config(max_text_chars=1_000_000, max_concurrent_rpcs=8, max_deadline_ms=10_000)
    # The client's receive limit: "1," x 50,000 answers with 8.8 MB, past gRPC's default 4 MiB.
    with serving(config, extractor) as target, open_channel(target, channel_options(retry=False)) as ch:
        yield ch


@pytest.fixture(scope="module")
def stub(channel: grpc.Channel) -> pb_grpc.QuantityServiceStub:
    return pb_grpc.QuantityServiceStub(channel)


@settings(PROPERTY, max_examples=SERVICE_EXAMPLES)
@given(text=any_text, explain=st.booleans())
def test_service_invariants_on_arbitrary_text(
    stub: pb_grpc.QuantityServiceStub, extractor: Extractor, text: str, explain: bool
) -> None:
    request = pb.ExtractRequest(text=text, explain=explain, request_id="p")
    response = stub.Extract(request, timeout=30)
    problems = response_problems(text, response)
    assert not problems, f"{short(text)}: {problems}"
    assert stub.Extract(request, timeout=30) == response, f"{short(text)}: another call gave another answer"
    expected = convert.extraction_to_pb(extractor.extract(text, explain=explain), text, request_id="p")
    assert response == expected


@settings(PROPERTY, max_examples=SERVICE_EXAMPLES)
@given(payload=st.binary(max_size=200))
def test_service_answers_any_bytes_with_ok_or_invalid_argument(channel: grpc.Channel, payload: bytes) -> None:
    extract = channel.unary_unary("/quantspan.v1.QuantityService/Extract")  # bytes in, bytes out
    try:
        answer = extract(payload, timeout=30)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, (payload, error.code(), error.details())
    else:
        response = pb.ExtractResponse.FromString(answer)
        request = pb.ExtractRequest.FromString(payload)
        assert not response_problems(request.text, response)


SERVICE_HOSTILE: dict[str, Callable[[], str]] = {
    "9 x 100,000": lambda: "9" * 100_000,
    "1, x 50,000": lambda: "1," * 50_000,
    "1 MB line": _one_mb_line,
    "100,000 spaces": lambda: " " * 100_000,
}


@pytest.mark.parametrize("name", list(SERVICE_HOSTILE))
def test_service_large_hostile_inputs(
    stub: pb_grpc.QuantityServiceStub, extractor: Extractor, name: str
) -> None:
    """A valid answer or DEADLINE_EXCEEDED, within the client's deadline; the server then answers
    the next request at once."""
    text = SERVICE_HOSTILE[name]()
    started = time.monotonic()
    try:
        response = stub.Extract(pb.ExtractRequest(text=text), timeout=BUDGET)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, (error.code(), error.details())
    else:
        assert not response_problems(text, response)
    assert time.monotonic() - started < BUDGET + SLACK
    started = time.monotonic()
    answer = stub.Extract(pb.ExtractRequest(text="3 km"), timeout=BUDGET + SLACK + 10)
    assert [q.text for q in answer.quantities] == ["3 km"]
