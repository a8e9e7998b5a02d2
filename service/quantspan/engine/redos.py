"""ReDoS check of the rule patterns: adversarial strings against every compiled regex.

A rule pattern that backtracks badly turns a short hostile text into seconds or hours of CPU.
:func:`check` times every pattern of a loaded Extractor (the scan regex of each language, each
number/vague pattern on its own, each exclusion regex and shape, the scale patterns) on
adversarial inputs of ``n`` and ``8 n`` characters, built by repeating short units (digits,
commas, spaces, letters, ``"1-"``, ``"a "``, ... and the literal characters of the pattern
itself) and ending with a character that makes the match fail. A linear pattern takes about
8 times longer on the long input; one whose ratio is far above that, or that runs out of its
time limit, is reported.

    failures = check(Extractor.load())   # [] when every pattern is linear

``quantspan rules check`` (``make check-rules``) runs it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import regex

if TYPE_CHECKING:
    from quantspan.engine.extractor import Extractor

#: The short input, in characters; the long one is GROWTH times longer.
SMALL_CHARS: Final = 2_000
GROWTH: Final = 8
#: A pattern fails when the long input takes more than MAX_RATIO times the short one (8 is
#: linear, 64 quadratic) and more than MIN_SECONDS in absolute terms (below that the timings are
#: noise), or when one pass over the long input exceeds TIMEOUT_SECONDS.
MAX_RATIO: Final = 24.0
MIN_SECONDS: Final = 0.05
TIMEOUT_SECONDS: Final = 2.0
#: Repeated units that make number-shaped patterns backtrack.
BASE_UNITS: Final[tuple[str, ...]] = (
    "1",
    "1,",
    "1 ",
    "1-",
    "1.",
    "1/",
    "1:",
    "1e",
    "10^",
    "1 1/",
    ",1",
    "-1",
    "a",
    "a ",
    "a1",
    "aA",
    " ",
    "\t",
    "-",
    "(1",
    "[1,",
    "one ",
    "a-",
    "1\u00a0",
)
#: Ends every adversarial string so that a greedy match has to give up.
TAILS: Final[tuple[str, ...]] = ("\x00",)
_META: Final = frozenset("\\^$.|?*+()[]{}")


@dataclass(frozen=True, slots=True)
class Finding:
    """One pattern that grew faster than linearly on one adversarial input."""

    where: str
    probe: str
    small_seconds: float
    large_seconds: float | None  # None: the long input hit TIMEOUT_SECONDS
    small_chars: int = SMALL_CHARS

    @property
    def ratio(self) -> float:
        if self.large_seconds is None:
            return float("inf")
        return self.large_seconds / max(self.small_seconds, 1e-9)

    def __str__(self) -> str:
        n, big = self.small_chars, self.small_chars * GROWTH
        if self.large_seconds is None:
            large = f">{TIMEOUT_SECONDS:g}s (timeout)"
        else:
            large = f"{self.large_seconds:.3f}s"
        return (
            f"{self.where}: super-linear on {self.probe!r} repeated: {n} chars {self.small_seconds:.4f}s, "
            f"{big} chars {large} (ratio {self.ratio:.0f}, linear is {GROWTH})"
        )


@dataclass(frozen=True, slots=True)
class Target:
    """A compiled pattern and how the engine applies it."""

    where: str
    pattern: regex.Pattern[str]
    how: str  # "finditer": searched through a text; "match": anchored at one position


#: Rule fields whose regex the engine searches through a stretch of text; the others (number
#: and vague patterns, shapes, next_regex, scale words) are matched anchored at one position.
SEARCHED_FIELDS: Final = frozenset({"prev_regex"})


def _pattern(value: Any) -> regex.Pattern[str] | None:
    if isinstance(value, regex.Pattern):
        return value
    if isinstance(value, str) and value:
        try:
            return regex.compile(value, regex.V0)
        except regex.error:  # the loader reports patterns that do not compile
            return None
    return None


def targets(extractor: Extractor) -> Iterator[Target]:
    """Every regex the loaded rules compile to, named ``language:file:rule:field``, with the
    engine's scans of each language (``language:scan`` / ``language:trigger:NAME``)."""
    for tag in extractor.languages:
        lang = extractor.language(tag)
        scan = getattr(lang, "scan", None)  # one alternation of every number pattern, searched
        if isinstance(scan, regex.Pattern):
            yield Target(f"{tag}:scan", scan, "finditer")
        scanner = getattr(lang, "scanner", None)  # cheap trigger scans, then anchored rule matches
        if scanner is not None:
            module = sys.modules.get(type(scanner).__module__)
            triggers = {"words": getattr(scanner, "word_trigger", None)}
            for name in ("DIGIT_TRIGGER", "SYMBOL_TRIGGER"):
                triggers[name.split("_")[0].lower()] = getattr(module, name, None)
            for name, value in triggers.items():
                if isinstance(value, regex.Pattern):
                    yield Target(f"{tag}:trigger:{name}", value, "finditer")
        for rule in lang.ruleset.all_rules():
            for key, value in rule.compiled.items():
                if key != "pattern" and not isinstance(value, regex.Pattern):
                    continue
                pattern = _pattern(value)
                if pattern is not None:
                    searched = key in SEARCHED_FIELDS or (scanner is None and key == "pattern")
                    how = "finditer" if searched else "match"
                    yield Target(f"{tag}:{rule.file}:{rule.name}:{key}", pattern, how)
                    if key in SEARCHED_FIELDS:  # the engine searches it backwards from the number
                        reverse = regex.compile(pattern.pattern, pattern.flags | regex.REVERSE)
                        yield Target(f"{tag}:{rule.file}:{rule.name}:{key}:reversed", reverse, how)
        for rule, pattern, _starts in getattr(lang, "scales", ()):
            if isinstance(pattern, regex.Pattern):
                yield Target(f"{tag}:{rule.file}:{rule.name}:scale", pattern, "match")


def probes(pattern: regex.Pattern[str]) -> list[str]:
    """The repeated units tried on ``pattern``: the base units, plus its own literal characters
    alone, after a digit and before a space (what a pattern expects is what makes it try hard)."""
    chars = {ch for ch in pattern.pattern if ch not in _META and not ch.isspace() and ch.isprintable()}
    literal = sorted(chars - set("1a"))
    # keep the probe count bounded for patterns built from long lexicons
    literal = [ch for ch in literal if not ch.isalnum()][:12] + [ch for ch in literal if ch.isalnum()][:8]
    units = list(BASE_UNITS)
    for ch in literal:
        units += [ch, "1" + ch, ch + " "]
    return list(dict.fromkeys(units))


def _adversarial(unit: str, chars: int, tail: str) -> str:
    return unit * max(1, chars // len(unit)) + tail


def _run(target: Target, text: str) -> float | None:
    """CPU seconds of one pass of ``target`` over ``text`` as the engine applies it (CPU time of
    this thread: a busy machine delays a pass but does not make it cost more); None on timeout."""
    started = time.thread_time()
    try:
        if target.how == "finditer":
            for _ in target.pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                pass
        else:
            target.pattern.match(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        return None
    return time.thread_time() - started


def _best(target: Target, text: str, repeat: int) -> float | None:
    """The fastest of ``repeat`` passes (None if one timed out)."""
    times = []
    for _ in range(repeat):
        t = _run(target, text)
        if t is None:
            return None
        times.append(t)
    return min(times)


def measure(
    target: Target, unit: str, tail: str = TAILS[0], *, small_chars: int = SMALL_CHARS
) -> Finding | None:
    """A Finding when ``target`` grows super-linearly on ``unit`` repeated, else None.

    Timings are noisy on a busy machine, so a suspect is timed again: the long input must stay
    too slow on every retry (one fast pass clears the pattern)."""
    small_text = _adversarial(unit, small_chars, tail)
    large_text = _adversarial(unit, small_chars * GROWTH, tail)
    small = _best(target, small_text, 3)
    if small is None:
        return Finding(target.where, unit, TIMEOUT_SECONDS, None, small_chars)
    for attempt in range(3):
        large = _run(target, large_text)
        if large is not None and (large <= MIN_SECONDS or large <= MAX_RATIO * small):
            return None
        if large is None and small * MAX_RATIO < TIMEOUT_SECONDS:
            break  # a timeout that far above the short input is no noise
        if attempt == 0:
            small = _best(target, small_text, 3) or small
    return Finding(target.where, unit, small, large, small_chars)


def check_target(target: Target, *, small_chars: int = SMALL_CHARS) -> list[Finding]:
    """The first adversarial input on which ``target`` is super-linear, if any."""
    for unit in probes(target.pattern):
        for tail in TAILS:
            finding = measure(target, unit, tail, small_chars=small_chars)
            if finding is not None:
                return [finding]  # one is enough to fail the pattern, and each costs seconds
    return []


def check(extractor: Extractor) -> list[str]:
    """One line per pattern and adversarial input where the cost grows super-linearly."""
    return [str(f) for target in targets(extractor) for f in check_target(target)]


def describe(extractor: Extractor) -> dict[str, Any]:
    """How much :func:`check` covers: patterns and probes (for the summary line)."""
    found = list(targets(extractor))
    return {"patterns": len(found), "probes": sum(len(probes(t.pattern)) for t in found)}
