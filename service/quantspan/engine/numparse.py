"""Read the value of a number as written: digits, words, fractions, powers.

The number rules of ``numbers.yaml`` decide where a number starts and ends; the functions here
only read the value of what a rule matched. Written-out numbers are read with the number
lexicons of ``numbers.yaml`` (see :data:`WORD_LEXICONS`) and, when the rule's pattern names
its parts (``sign``, ``whole``, ``num``, ``den``, ``dec``, ``times``), with those parts.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import regex

from quantspan.engine.rules import TOKEN_RE, Lexicon

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
HYPHENS = frozenset({"-", "‐", "−", "–"})
ARTICLES = frozenset({"a", "an"})

# The lexicons of numbers.yaml that written-out numbers are read with.
WORD_LEXICONS = (
    "number_words",  # one .. nine
    "teen_words",  # ten .. nineteen
    "tens_words",  # twenty .. ninety
    "zero_words",  # zero, nil
    "nought_words",  # nought, naught
    "multiplier_words",  # hundred: a fraction after it adds ("one hundred and three quarters")
    "dozen_words",  # dozen(s): a fraction after it multiplies ("a dozen and a half")
    "scale_words",  # thousand, million, lakh, ...
    "scale_words_after_number",  # millions, crores, krore: scale words only after a number
    "scale_symbols_after_number",  # Cr
    "fraction_words",  # half: 0.5, quarter: 0.25 (the value of one)
    "denominators",  # third: 3, fifth: 5, hundredth: 100 (singular)
    "denominators_plural",  # thirds: 3, quarters: 4 (plural)
    "sign_words",  # minus: -1, negative: -1
)


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The number lexicons of one language, as read by :func:`parse_words`."""

    units: Mapping[str, float]
    teens: Mapping[str, float]
    tens: Mapping[str, float]
    zeros: Mapping[str, float]
    multipliers: Mapping[str, float]
    dozens: Mapping[str, float]
    scales: Mapping[str, float]
    fractions: Mapping[str, float]
    denominators: Mapping[str, float]
    signs: Mapping[str, float]

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon]) -> NumberWords:
        """Take the :data:`WORD_LEXICONS` out of a ruleset's lexicons (a missing one is empty)."""

        def get(name: str) -> dict[str, float]:
            lex = lexicons.get(name)
            return {k.lower(): v for k, v in lex.values.items()} if lex is not None else {}

        return cls(
            units=get("number_words"),
            teens=get("teen_words"),
            tens=get("tens_words"),
            zeros={**get("zero_words"), **get("nought_words")},
            multipliers=get("multiplier_words"),
            dozens=get("dozen_words"),
            scales={
                **get("scale_words"),
                **get("scale_words_after_number"),
                **get("scale_symbols_after_number"),
            },
            fractions=get("fraction_words"),
            denominators={**get("denominators"), **get("denominators_plural")},
            signs=get("sign_words"),
        )

    def small(self, word: str) -> float | None:
        """The value of a word below a hundred: "seven", "twelve", "forty", "nought"."""
        for table in (self.units, self.teens, self.tens, self.zeros):
            v = table.get(word)
            if v is not None:
                return v
        return None


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.V0)


def compile_parts(pattern: str) -> regex.Pattern[str]:
    """The compiled form of a rule's pattern whose named parts :func:`parse_words` reads (cached:
    compile them when the rules load, not on a first request)."""
    return _compiled(pattern)


_WORDS: dict[int, tuple[Mapping[str, Lexicon], NumberWords]] = {}


def number_words(lexicons: Mapping[str, Lexicon]) -> NumberWords:
    """The :class:`NumberWords` of a ruleset's lexicons, built once per ruleset."""
    hit = _WORDS.get(id(lexicons))
    if hit is None or hit[0] is not lexicons:
        hit = (lexicons, NumberWords.from_lexicons(lexicons))
        _WORDS[id(lexicons)] = hit
    return hit[1]


def _strip_sign_word(s: str, signs: Mapping[str, float] | None) -> tuple[float, str]:
    """``"minus 5"`` → (-1, ``"5"``) when "minus" is a sign word; (1, s) otherwise."""
    if signs and s[:1].isalpha():
        head, *rest = s.split(None, 1)
        sign = signs.get(head.lower())
        if sign is not None and rest:
            return sign, rest[0]
    return 1.0, s


def parse_digits(s: str, signs: Mapping[str, float] | None = None) -> float | None:
    """``"12,000"`` → 12000.0, ``"-5"`` → -5.0, ``"1.5e-3"`` → 0.0015, ``"12,34,567.89"`` →
    1234567.89, ``"minus 5"`` → -5.0 (with ``signs`` = {"minus": -1}); None if not finite."""
    sign, s = _strip_sign_word(s, signs)
    neg = s[:1] in MINUS_SIGNS
    body = s[1:] if neg else s
    try:
        v = float(body.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
    except ValueError:
        return None
    if not math.isfinite(v):
        return None
    return sign * (-v if neg else v)


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
SCIENTIFIC_RE = re.compile(
    r"(?P<sign>[-−])?(?:(?P<mant>\d+(?:\.\d+)?)\s?[×xX·*]\s?)?10\s?(?:\^|\*\*)?\s?(?P<exp>[-−+⁻⁺]?\s?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)
POWER_RE = re.compile(r"(?P<sign>[-−])?(?P<base>\d+(?:\.\d+)?)\^(?P<exp>[-−+]?\d+)")


def parse_scientific(s: str) -> float | None:
    """``"2.48×10−5"`` → 2.48e-5, ``"10⁶"`` → 1e6, ``"10 −7"`` → 1e-7, and any power
    ``"1.1^23"`` → 1.1**23, ``"-2.5^-1"`` → -0.4; None if not finite."""
    s = s.strip()
    m = SCIENTIFIC_RE.fullmatch(s)
    if m is not None:
        exp = int(m.group("exp").translate(SUPERSCRIPTS).replace("−", "-").replace(" ", ""))
        mant = float(m.group("mant")) if m.group("mant") else 1.0
        try:
            v = mant * 10.0**exp
        except OverflowError:
            return None
    else:
        p = POWER_RE.fullmatch(s)
        if p is None:
            return None
        base = float(p.group("base"))
        exp = int(p.group("exp").replace("−", "-"))
        if base == 0 and exp < 0:
            return None
        try:
            v = base**exp
        except OverflowError:
            return None
        m = p
    if not math.isfinite(v):
        return None
    return -v if m.group("sign") else v


def parse_height(s: str) -> float | None:
    """A height in feet and inches joined by hyphens, in inches: ``"6-foot-2"`` → 74,
    ``"5-foot-10-inch"`` → 70; None when the inches are 12 or more."""
    numbers = [int(n) for n in re.findall(r"\d+", s)]
    if len(numbers) != 2 or numbers[1] >= 12:
        return None
    return float(numbers[0] * 12 + numbers[1])


def parse_clock(s: str) -> float | None:
    """A time written like a clock, in seconds: ``"2:01:09"`` → 7269, ``"3:43.13"`` → 223.13;
    None unless minutes and seconds are below 60."""
    parts = s.split(":")
    if not 2 <= len(parts) <= 3:
        return None
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return None
    if any(v >= 60 for v in values[1:]) or any(v < 0 for v in values):
        return None
    total = 0.0
    for v in values:
        total = total * 60 + v
    return total


def parse_fraction(s: str) -> float | None:
    """``"3 1/2"`` → 3.5, ``"2  1/4"`` → 2.25, ``"3/4"`` → 0.75, ``"-4/5"`` → -0.8, ``"1/40"``
    → 0.025, ``"6.02-1/2"`` → 6.025 (a price to an eighth of a cent: the fraction is of the
    last decimal place); None for shapes that are rarely fractions (9/11, 24/7, 3/15, 1967/1968)."""
    neg = s[:1] in MINUS_SIGNS
    if neg:
        s = s[1:]
    whole = 0.0
    parts = s.split()
    if len(parts) == 1 and "/" in s and s[0].isdigit():  # "4-3/4": a hyphen between the parts
        parts = [p for p in re.split("[-‐]", s, maxsplit=1) if p]
    unit = 1.0  # what the fraction is of: one, or the last decimal place ("6.02-1/2" is 6.025)
    if len(parts) == 2:
        whole = float(parts[0])
        if "." in parts[0]:
            unit = 10.0 ** -len(parts[0].rsplit(".", 1)[1])
    elif len(parts) != 1:
        return None
    num, den = (int(x) for x in parts[-1].split("/"))
    # a denominator up to 31 that no fraction has is more likely a date ("3/15")
    if (den not in FRACTION_DENOMINATORS and den <= 31) or num >= den or num == 0:
        return None
    if num >= 100 and den == num + 1:  # two years: "1967/1968", "309/310"
        return None
    v = whole + num / den * unit
    if unit != 1.0:
        v = float(f"{v:.12g}")  # 6.025, not 6.0249999999999995
    return -v if neg else v


def parse_vulgar(s: str) -> float | None:
    """``"2½"`` → 2.5."""
    frac = VULGAR.get(s[-1])
    if frac is None:
        return None
    whole = float(s[:-1]) if len(s) > 1 else 0.0
    return whole + frac


def _tokens(s: str | None) -> list[str]:
    """The lowercased word and digit tokens of ``s``, hyphens dropped."""
    if not s:
        return []
    return [t.lower() for t in TOKEN_RE.findall(s) if t not in HYPHENS]


def _integer(toks: list[str], w: NumberWords) -> float | None:
    """``two hundred and fifty thousand`` → 250000, ``a dozen`` → 12, ``three hundred and two
    dozens`` → 324, ``4 thousand 3 hundred and 21`` → 4321, ``three lakh crore`` → 3e12."""
    total = 0.0
    group = 0.0  # hundreds and dozens of the group being read
    small: float | None = None  # the words below a hundred since the last multiplier
    last_scaled = 0.0  # what the last scale word added to the total
    after_scale = False
    for t in toks:
        if t == "and":
            continue
        was_scale, after_scale = after_scale, False
        if t in ARTICLES:
            small = 1.0
        elif t.isdigit():
            small = (small or 0.0) + float(t)
        elif (v := w.small(t)) is not None:
            small = (small or 0.0) + v
        elif (m := w.multipliers.get(t) or w.dozens.get(t)) is not None:
            if small is None:  # "hundred", "a hundred dozen"
                group = (group or 1.0) * m
            else:  # the multiplier takes the words since the last one: "three hundred and two dozen"
                group += small * m
                small = None
        elif (sc := w.scales.get(t)) is not None:
            if was_scale:  # "lakh crore": the scales multiply
                total += last_scaled * (sc - 1.0)
                last_scaled *= sc
            else:
                counted = group != 0.0 or small is not None
                last_scaled = ((group + (small or 0.0)) if counted else 1.0) * sc
                total += last_scaled
                group, small = 0.0, None
            after_scale = True
        else:
            return None
    return total + group + (small or 0.0)


def _denominator(toks: list[str], w: NumberWords) -> float | None:
    """``thirds`` → 3, ``twenty-fifth`` → 25, ``ten thousandth`` → 10000, ``half`` → 2."""
    if not toks:
        return None
    last = toks[-1]
    if last in w.fractions:
        den = 1.0 / w.fractions[last]
    elif last in w.denominators:
        den = w.denominators[last]
    else:
        return None
    for t in toks[:-1]:  # a word before the ordinal: "twenty-fifth" adds, "ten thousandth" multiplies
        v = w.small(t)
        if v is None:
            return None
        den = den * v if den >= 100 else den + v
    return den


def _decimals(toks: list[str], w: NumberWords) -> float | None:
    """The digits after "point": ``zero three`` → .03, ``seventy-one`` → .71, ``eleven`` → .11."""
    digits: list[str] = []
    i = 0
    while i < len(toks):
        v = w.small(toks[i])
        if v is None:
            return None
        if toks[i] in w.tens and i + 1 < len(toks) and toks[i + 1] in w.units:
            v += w.units[toks[i + 1]]
            i += 1
        digits.append(str(int(v)))
        i += 1
    return float("0." + "".join(digits)) if digits else None


RATIO_SPLIT = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+(?:every[ \t]+)?|[-‐]in[-‐]", re.IGNORECASE)


def parse_ratio(s: str, lexicons: Mapping[str, Lexicon]) -> float | None:
    """``"one in five"`` → 0.2, ``"1 out of 4"`` and ``"1-in-4"`` → 0.25, each side in digits or words; None
    unless it is a share (the first no larger than the second, which is not zero)."""
    parts = RATIO_SPLIT.split(s, maxsplit=1)
    if len(parts) != 2:
        return None
    values = [parse_digits(p) if p[:1].isdigit() else parse_words(p, lexicons) for p in parts]
    a, b = values
    if a is None or b is None or b <= 0 or not 0 < a <= b:
        return None
    return a / b


def parse_proportion(s: str) -> float | None:
    """``"3:1"`` → 3.0, ``"1:4"`` → 0.25 (the first side over the second); None when the
    second side is zero."""
    a, _, b = s.partition(":")
    x, y = parse_digits(a), parse_digits(b)
    if x is None or y is None or y <= 0:
        return None
    return x / y


def parse_words(s: str, lexicons: Mapping[str, Lexicon], pattern: str | None = None) -> float | None:
    """A number written in words (or digits and scale words), read with the number lexicons.

    ``pattern`` is the rule's own pattern; its named parts say how the number is built:
    ``sign`` (minus), ``whole`` (the integer part), ``num`` and ``den`` (a fraction: "two
    thirds", "a half"; ``hden``: "half" after "and" with no article), ``dec`` (the words
    after "point") and ``times`` (a scale word after a fraction or decimals: "five and a half
    million", "two thirds of a million"). Without named parts the whole match is an integer.
    None when the words do not form one number.
    """
    w = number_words(lexicons)
    parts: dict[str, str | None] = {}
    if pattern is not None:
        m = _compiled(pattern).fullmatch(s)
        if m is not None:
            parts = m.groupdict()
    if parts.get("hden") and not parts.get("den"):
        parts["den"], parts["num"] = parts["hden"], "one"  # "one and half hours": a half
    if not any(parts.get(k) for k in ("sign", "whole", "num", "den", "dec", "times")):
        parts = {"whole": s}

    sign = w.signs.get((parts.get("sign") or "").lower(), 1.0)
    whole_toks = _tokens(parts.get("whole"))
    whole = _integer(whole_toks, w) if whole_toks else 0.0
    if whole is None:
        return None
    times_word = (parts.get("times") or "").lower()
    times = w.scales.get(times_word) or w.dozens.get(times_word) or w.multipliers.get(times_word)

    if parts.get("dec"):
        dec = _decimals(_tokens(parts.get("dec")), w)
        if dec is None:
            return None
        return sign * (whole + dec) * (times or 1.0)

    if parts.get("den"):
        den = _denominator(_tokens(parts.get("den")), w)
        num_toks = _tokens(parts.get("num"))
        if not num_toks and whole_toks:
            # "two thirds": the whole number was the numerator; "one hundred and three
            # quarters": the part after the last "and" was
            cut = len(whole_toks) - 1 - whole_toks[::-1].index("and") if "and" in whole_toks else 0
            whole_toks, num_toks = whole_toks[:cut], whole_toks[cut + 1 if cut else 0 :]
            whole = _integer(whole_toks, w) if whole_toks else 0.0
            if whole is None:
                return None
        num = _integer(num_toks, w) if num_toks else 1.0
        if den is None or num is None or den == 0:
            return None
        frac = num / den
        last = whole_toks[-1] if whole_toks else ""
        last_scale = w.scales.get(last) or w.dozens.get(last)
        if times:
            # "one billion and a quarter million": the scale is the fraction's alone;
            # "five and a half million", "two thirds of a million": it takes the whole
            value = whole + frac * times if last in w.scales else (whole + frac) * times
        elif last_scale:  # "one million and a half", "a dozen and a half"
            value = whole + frac * last_scale
        else:  # "two and a half", "one hundred and three quarters"
            value = whole + frac
        return sign * value

    return sign * whole * (times or 1.0)
