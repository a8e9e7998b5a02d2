"""Read the value of a number as written: digits, words, fractions."""

from __future__ import annotations

import math
import re

from quantspan.engine.rules import TOKEN_RE

VULGAR = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100})
MINUS_SIGNS = "-−–"


def parse_digits(s: str) -> float | None:
    """``"12,000"`` → 12000.0, ``"-5"`` → -5.0, ``"1.5e-3"`` → 0.0015; None if not finite."""
    neg = s[:1] in MINUS_SIGNS
    body = s[1:] if neg else s
    try:
        v = float(body.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
    except ValueError:
        return None
    if not math.isfinite(v):
        return None
    return -v if neg else v


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
SCIENTIFIC_RE = re.compile(
    r"(?P<sign>[-−])?(?:(?P<mant>\d+(?:\.\d+)?)\s?[×xX·*]\s?)?10\s?(?:\^|\*\*)?\s?(?P<exp>[-−+⁻⁺]?\s?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)


def parse_scientific(s: str) -> float | None:
    """``"2.48×10−5"`` → 2.48e-5, ``"10⁶"`` → 1e6, ``"10 −7"`` → 1e-7; None if not finite."""
    m = SCIENTIFIC_RE.fullmatch(s.strip())
    if m is None:
        return None
    exp = int(m.group("exp").translate(SUPERSCRIPTS).replace("−", "-").replace(" ", ""))
    mant = float(m.group("mant")) if m.group("mant") else 1.0
    try:
        v = mant * 10.0**exp
    except OverflowError:
        return None
    if not math.isfinite(v):
        return None
    return -v if m.group("sign") else v


def parse_fraction(s: str) -> float | None:
    """``"3 1/2"`` → 3.5, ``"3/4"`` → 0.75; None for shapes that are rarely fractions (9/11, 24/7)."""
    whole = 0.0
    if " " in s:
        w, s = s.split(" ", 1)
        whole = float(w)
    num, den = (int(x) for x in s.split("/"))
    if den not in FRACTION_DENOMINATORS or num >= den or num == 0:
        return None
    return whole + num / den


def parse_vulgar(s: str) -> float | None:
    """``"2½"`` → 2.5."""
    frac = VULGAR.get(s[-1])
    if frac is None:
        return None
    whole = float(s[:-1]) if len(s) > 1 else 0.0
    return whole + frac


def parse_words(
    s: str,
    units: dict[str, float],
    multipliers: dict[str, float],
    scales: dict[str, float],
    fractions: dict[str, float],
) -> float | None:
    """``"two hundred and fifty thousand"`` → 250000, ``"a dozen"`` → 12, ``"half a million"``
    → 500000, ``"two and a half"`` → 2.5. None when the words do not form one number."""
    toks = [t.lower() for t in TOKEN_RE.findall(s) if t not in ("-", "‐")]
    half = False
    if toks[-3:] == ["and", "a", "half"]:
        half = True
        toks = toks[:-3]
    if toks and toks[0] in fractions:
        frac = fractions[toks[0]]
        rest = [t for t in toks[1:] if t not in ("a", "an")]
        if len(rest) == 1 and (rest[0] in scales or rest[0] in multipliers):
            return frac * (scales.get(rest[0]) or multipliers[rest[0]])
        return None
    total = 0.0
    current: float | None = None
    last_small = False  # the previous token was a unit or a ten (for "twenty three")
    for i, t in enumerate(toks):
        if t == "and":
            continue
        if t in ("a", "an"):
            if i != 0:
                return None
            current = 1.0
            continue
        if t in units:
            v = units[t]
            if last_small and current is not None and (current % 10 or v >= 10):
                return None  # "one one", "twenty thirty": a list, not one number
            current = (current or 0.0) + v
            last_small = True
        elif t in multipliers:
            current = (current if current is not None else 1.0) * multipliers[t]
            last_small = False
        elif t in scales:
            total += (current if current is not None else 1.0) * scales[t]
            current = None
            last_small = False
        else:
            return None
    value = total + (current or 0.0)
    if half:
        value += 0.5
    return value
