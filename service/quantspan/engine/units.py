"""The unit table at runtime: the JSON built from quantulum3 plus the YAML overlay, in dicts.

    table = UnitTable.load(overlay_path=Path("rules/en/units.yaml"))
    table.candidates("5 km/h", 2)[0].unit.name      # "kilometre per hour"
    table.prefix_candidates("US$5", 3)[0].unit      # Unit(name="US dollar", ...)
    table.candidates("5 mg/L", 2)[0].unit.name      # "milligram per litre", composed

No quantulum3, no pint: ``python -m quantspan.engine.unitbuild`` made the JSON at build time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quantspan.engine import yamlcache
from quantspan.engine.errors import RulesError
from quantspan.engine.model import Kind, Unit

DEFAULT_CACHE = Path(__file__).resolve().parents[1] / "data" / "units_en.json"

# One token: a run of word characters ("km", "m²", "km2", "μm") or one other symbol ("/", "°",
# "$", "."), after optional blanks (a line break ends a unit).
_TOKEN = re.compile(r"([^\S\r\n]*)(\w+|[^\w\s])")
_WORD = re.compile(r"\w+")
PLAIN_MEMO_MAX = 1 << 16  # words remembered as no unit
# Look-alike characters written for one another; one character to one, so offsets hold.
_NORM = str.maketrans({"μ": "µ", "º": "°", "˚": "°", "Ω": "Ω"})

_LIST_FIELDS = ("surfaces", "symbols", "prefixes")
_DROP_FIELDS = ("drop_surfaces", "drop_symbols", "drop_prefixes")
_STR_FIELDS = ("symbol", "dimension", "currency_code", "uri", "base_name", "base_symbol", "description")
_NUM_FIELDS = ("factor", "offset")
ENTRY_KEYS = frozenset(
    {"name", "replaces", "kind", "ambiguous", "prefer", "examples"}
    | set(_LIST_FIELDS)
    | set(_DROP_FIELDS)
    | set(_STR_FIELDS)
    | set(_NUM_FIELDS)
)
FILE_KEYS = frozenset({"family", "units", "ambiguous"})
AMBIGUOUS_KEYS = frozenset({"add", "remove"})
EXAMPLE_KEYS = frozenset({"text", "expect"})


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit surface found in a text: ``text[start:end] == surface``."""

    unit: Unit
    start: int
    end: int
    surface: str
    ambiguous: bool


def _key(surface: str) -> str:
    """A surface as a lookup key: tokens joined by one space where blanks separated them."""
    parts = []
    for m in _TOKEN.finditer(surface.translate(_NORM)):
        if m.group(1) and parts:
            parts.append(" ")
        parts.append(m.group(2))
    return "".join(parts)


def _token_prefixes(key: str) -> list[str]:
    """Every proper prefix of a key that ends at a token boundary."""
    out = []
    acc = ""
    for m in _TOKEN.finditer(key):
        if m.group(1) and acc:
            acc += " "
        acc += m.group(2)
        out.append(acc)
    return out[:-1]


Entry = tuple[Unit, bool]  # (unit, ambiguous)

# ---------------------------------------------------------------------- compound units
# "mg/L", "m s−1", "W m−2", "g·cm⁻³", "km/s²", "μm2", "ml.kg −1 .min −1", "meters per millisecond":
# a product of table units, each with an optional power, composed when the table has no entry
# that long. One unit: letters, or "°C"; "%", money and counts never take part.
_LETTER = r"[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹]"
_ATOM = re.compile(rf"°[ ]?[CFK](?!{_LETTER})|{_LETTER}+")
_SUP_DIGITS = {"¹": 1, "²": 2, "³": 3, "⁴": 4}
# a power right after a unit: "2", "²", "^2", "**2", "−1", "⁻¹", "^-1", " −1", "− 1", "^(-1)"
_POWER = re.compile(
    r"(?P<sp1>[ ]?)(?:\^(?P<open>\()?|\*\*)?(?P<sign>[-−–⁻]?)(?P<sp2>[ ]?)(?P<num>[1-4¹²³⁴])"
    r"(?(open)\))"
    rf"(?![\w.,]?\d)(?!{_LETTER})"
)
# between two units: a product sign, a slash (then the rest divides), or " per "
_JOIN = re.compile(rf"(?P<op>[ ]?[·⋅•∙*][ ]?|[ ]?/[ ]?|[ ]?\.(?={_LETTER})|[ ]per[ ]|[ ]|(?={_LETTER}))")
# before the unit of time of a rate written after the noun of an amount: " a day", " per year"
_PER_TIME = re.compile(r"[ \t]+(?:per|a|an)[ \t]+")
_POSSESSIVE = re.compile(r"['’]s\b")
# a power written as a word before a length: "square km", "sq. mi", "cubic metres", "square-foot"
_POWER_WORD = re.compile(r"(?i:(square|sq\.?|cubic|cu\.?)(?:[ ]|-(?=[a-z])))")
_POWER_WORDS = {"square": 2, "sq": 2, "cubic": 3, "cu": 3}
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_MAX_FACTORS = 5
_NOT_COMPOSED = (Kind.MONEY, Kind.COUNT, Kind.PERCENTAGE)

Factor = tuple[Unit, int]  # (unit, power)


def _power_name(name: str, power: int) -> str:
    """A unit's name with its power: "square metre", "cubic centimetre", "second"."""
    n = abs(power)
    return {1: name, 2: f"square {name}", 3: f"cubic {name}"}.get(n, f"{name} to the power {n}")


def _power_symbol(symbol: str, power: int) -> str:
    """A symbol with its power: "m²", "s⁻¹"; one with a power of its own is bracketed: "(m²)²"."""
    if power == 1:
        return symbol
    if any(c in symbol for c in "⁰¹²³⁴⁵⁶⁷⁸⁹·/"):
        symbol = f"({symbol})"
    return symbol + str(power).translate(_SUPERSCRIPT)


def _compose(parts: list[tuple[str, str, int]]) -> tuple[str, str]:
    """(name, symbol) of a product of (name, symbol, power): "milligram per litre", "mg/L"."""
    num = [p for p in parts if p[2] > 0]
    den = [p for p in parts if p[2] < 0]
    if num:
        name = " ".join(_power_name(n, k) for n, _, k in num)
        name += "".join(f" per {_power_name(n, k)}" for n, _, k in den)
        symbol = "·".join(_power_symbol(s, k) for _, s, k in num)
        if len(den) == 1:
            symbol += "/" + _power_symbol(den[0][1], -den[0][2])
        elif den:
            symbol += "/(" + "·".join(_power_symbol(s, -k) for _, s, k in den) + ")"
    else:
        name = "reciprocal " + _power_name(den[0][0], den[0][2])
        name += "".join(f" per {_power_name(n, k)}" for n, _, k in den[1:])
        symbol = "·".join(_power_symbol(s, k) for _, s, k in den)
    if not all(s for _, s, _ in parts):
        symbol = ""
    return name, symbol


class UnitTable:
    """Units by name and by surface; built once, read-only after (but for a cache of the compound
    units met, which any thread may fill), safe to share across threads."""

    def __init__(
        self,
        records: dict[str, dict[str, Any]],
        aliases: dict[str, str],
        ambiguous: set[str],
        prefer: set[str],
        examples: list[tuple[str, dict[str, Any]]],
        meta: dict[str, Any],
    ) -> None:
        """Index ``records`` (name -> unit record as in the JSON); use :meth:`load`."""
        self.units: dict[str, Unit] = {}
        for name, r in sorted(records.items()):
            self.units[name] = Unit(
                name=name,
                symbol=r.get("symbol", ""),
                dimension=r.get("dimension", "dimensionless"),
                kind=Kind(r.get("kind", "COUNT")),
                currency_code=r.get("currency_code", ""),
                uri=r.get("uri", ""),
                factor=float(r.get("factor", 1.0)),
                offset=float(r.get("offset", 0.0)),
                base_name=r.get("base_name") or name,
                base_symbol=r.get("base_symbol", r.get("symbol", "")),
            )
        self.aliases = dict(aliases)
        self.examples = list(examples)
        self.versions: dict[str, str] = dict(meta.get("versions", {}))
        self.unconverted: tuple[str, ...] = tuple(
            sorted(n for n, r in records.items() if r.get("method") == "unknown")
        )
        self.ambiguous_surfaces = frozenset(ambiguous)
        self._records = records

        amb_exact = {_key(a) for a in ambiguous}
        amb_folded = {k.lower() for k in amb_exact}

        def rank(u: Unit) -> tuple[int, str]:
            """Preferred units first, then by name."""
            return (0 if u.name in prefer else 1, u.name)

        exact: dict[str, set[str]] = {}
        folded: dict[str, set[str]] = {}
        prefix: dict[str, set[str]] = {}
        for name, r in records.items():
            for s in r.get("symbols", ()):
                exact.setdefault(_key(s), set()).add(name)
            for s in r.get("surfaces", ()):
                folded.setdefault(_key(s).lower(), set()).add(name)
            for s in r.get("prefixes", ()):
                prefix.setdefault(s.translate(_NORM), set()).add(name)

        # "pct." where "pct" names the same unit: the dot is the sentence's, not the unit's
        for d in (exact, folded):
            for k in [k for k in d if len(k) > 1 and k.endswith(".")]:
                bare = k[:-1]
                d[k] -= exact.get(bare, set()) | folded.get(bare.lower(), set())
                if not d[k]:
                    del d[k]

        def index(d: dict[str, set[str]], amb: set[str]) -> dict[str, tuple[Entry, ...]]:
            """Key -> ranked (unit, ambiguous) pairs."""
            return {
                k: tuple((u, k in amb) for u in sorted((self.units[n] for n in names), key=rank))
                for k, names in d.items()
            }

        self._exact = index(exact, amb_exact)
        self._folded = index(folded, amb_folded)
        self._prefix = index(prefix, amb_exact)
        self._partial_exact = {p for k in self._exact for p in _token_prefixes(k)}
        self._partial_folded = {p for k in self._folded for p in _token_prefixes(k)}
        starts = {k[0] for k in self._exact} | {k[0] for k in self._folded}
        self._starts = frozenset(starts | {c.upper() for c in starts} | {c.lower() for c in starts})
        self._max_tokens = max(
            (len(_token_prefixes(k)) + 1 for k in (*self._exact, *self._folded)), default=1
        )
        self._prefix_max = max((len(k) for k in self._prefix), default=0)
        self._prefix_last = frozenset(k[-1] for k in self._prefix)
        self._rank = rank
        self._compounds: dict[tuple[Factor, ...], Unit | None] = {}
        self._plain: dict[str, bool] = {}
        # the symbols _atom_unit(key, exact_only=True) accepts: a word that splits into two of
        # them is no plain word ("mWm")
        self._atom_symbols = frozenset(
            k for k, v in self._exact.items() if v and v[0][0].kind not in _NOT_COMPOSED
        )
        self._by_surface = {k: v[0][0] for k, v in self._folded.items() if len(v) == 1}
        self._base_dimension = {u.base_name: u.dimension for u in self.units.values() if u.base_name}
        for dimension, base in sorted(meta.get("bases", {}).items()):
            self._base_dimension.setdefault(base["name"], dimension)
        self.currency_prefixes: Mapping[str, tuple[Unit, ...]] = {
            k: tuple(u for u, _ in v) for k, v in sorted(self._prefix.items())
        }

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, cache_path: Path | None = None, overlay_path: Path | None = None) -> UnitTable:
        """Read the packaged JSON (or ``cache_path``) and apply the overlay YAML, if given."""
        path = Path(cache_path) if cache_path is not None else DEFAULT_CACHE
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
        records = {name: dict(r) for name, r in data["units"].items()}
        for r in records.values():
            for k in _LIST_FIELDS:
                r[k] = list(r.get(k, ()))
        ambiguous = set(data.get("ambiguous", ()))
        meta = {"versions": data.get("versions", {}), "bases": data.get("bases", {})}
        aliases: dict[str, str] = {}
        prefer: set[str] = set()
        examples: list[tuple[str, dict[str, Any]]] = []
        if overlay_path is not None:
            _Overlay(Path(overlay_path), records, aliases, ambiguous, prefer, examples).apply()
        return cls(records, aliases, ambiguous, prefer, examples, meta)

    # ------------------------------------------------------------------ lookups

    def get(self, name: str) -> Unit:
        """The unit of canonical name ``name`` (or of a name the overlay replaced)."""
        u = self.units.get(name)
        if u is None:
            target = self.aliases.get(name)
            if target is None:
                raise KeyError(name)
            u = self.units[target]
        return u

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is a unit name or a replaced name."""
        return name in self.units or name in self.aliases

    def __len__(self) -> int:
        """The number of units."""
        return len(self.units)

    def surfaces(self, name: str) -> tuple[str, ...]:
        """Every surface, symbol and prefix of a unit, as in the table."""
        r = self._records[self.get(name).name]
        return tuple(dict.fromkeys([*r["surfaces"], *r["symbols"], *r["prefixes"]]))

    def candidates(self, text: str, pos: int) -> list[UnitMatch]:
        """Unit surfaces starting at ``text[pos]`` and ending at a word boundary, longest first."""
        n = len(text)
        if pos >= n:
            return []
        c = text[pos]
        if c not in self._starts and _NORM.get(ord(c)) not in self._starts:  # (a look-alike: "μ")
            return []
        word = _WORD.match(text, pos)
        if word is not None and self._plain_word(word.group()):
            return []  # "troops": most words after a number are no unit
        exact, folded = self._exact, self._folded
        pexact, pfolded = self._partial_exact, self._partial_folded
        found: list[tuple[int, tuple[Entry, ...], tuple[Entry, ...]]] = []
        key = ""
        p = pos
        for _ in range(self._max_tokens):
            m = _TOKEN.match(text, p)
            if m is None:
                break
            if m.start(2) != p:
                if p == pos:
                    break
                key += " "
            tok = m.group(2)
            key += tok if tok.isascii() else tok.translate(_NORM)
            p = m.end()
            low = key.lower()
            e = exact.get(key, ())
            f = folded.get(low, ())
            if (e or f) and not (
                # "a.m.", "U.S.": a letter after the dot continues the word, except a capital
                # after a word of a unit: a sentence without its space ("47 days.Then")
                p < n - 1
                and text[p] == "."
                and text[p + 1].isalpha()
                and key[-1].isalnum()
                and not (text[p + 1].isupper() and len(key) > 1 and key.isalpha())
            ):
                found.append((p, e, f))
            if key not in pexact and low not in pfolded:
                break
        out: list[UnitMatch] = []
        seen: set[str] = set()
        compound = self.compound(text, pos)
        if compound is not None and (not found or compound.end > found[-1][0]):
            out.append(compound)
            seen.add(compound.unit.name)
        for end, e, f in reversed(found):
            entries = e + f if not (e and f) else tuple(sorted(e + f, key=lambda x: self._rank(x[0])))
            surface = text[pos:end]
            for unit, amb in entries:
                if unit.name not in seen:
                    seen.add(unit.name)
                    out.append(UnitMatch(unit, pos, end, surface, amb))
        return out

    def _plain_word(self, word: str) -> bool:
        """Whether nothing in the table can start with this word: a word of letters that is no
        surface, begins no surface of several words and splits into no two unit symbols (a
        compound's "mWm−2"). Memoized; bounded."""
        hit = self._plain.get(word)
        if hit is None:
            key = word.translate(_NORM)
            symbols = self._atom_symbols
            low = key.lower()
            hit = (
                word.isalpha()
                and key not in self._exact
                and low not in self._folded
                and key not in self._partial_exact
                and low not in self._partial_folded
                and not any(
                    key[:i] in symbols and key[i:] in symbols  # (the look-alikes map one character to one)
                    for i in range(1, len(key))
                )
            )
            if len(self._plain) < PLAIN_MEMO_MAX:
                self._plain[word] = hit
        return hit

    # ------------------------------------------------------------------ compound units

    def _atom_unit(self, atom: str, exact_only: bool = False) -> Unit | None:
        """The unit an atom of a compound names: a symbol (exact case), else a surface."""
        key = atom.translate(_NORM)
        for entries in (self._exact.get(key), None if exact_only else self._folded.get(key.lower())):
            if entries:
                unit = entries[0][0]
                return None if unit.kind in _NOT_COMPOSED else unit
        return None

    def _factor(self, text: str, p: int, denominator: bool) -> tuple[Unit, int, int, str] | None:
        """One unit with its power at ``text[p]``: (unit, power, end, atom text), or None."""
        m = _ATOM.match(text, p)
        if m is None:
            return None
        atom = m.group()
        pw = _POWER.match(text, m.end())
        unit = self._atom_unit(atom)
        if pw is not None and (unit is None or self._atom_unit(atom, exact_only=True) is None):
            # "mWm−2", "kgs-1": a run of two symbols, the power on the second
            for i in range(len(atom) - 1, 0, -1):
                left, right = self._atom_unit(atom[:i], True), self._atom_unit(atom[i:], True)
                if left is not None and right is not None:
                    return left, 1, p + i, atom[:i]
        if unit is None:
            return None
        if pw is None:
            return unit, 1, m.end(), atom
        spaced = bool(pw.group("sp1") or pw.group("sp2"))
        sign = pw.group("sign")
        num = pw.group("num")
        power = _SUP_DIGITS.get(num) or int(num)
        if spaced and not sign:
            # "g/cm 3", "m 2 /kg": a spaced bare digit is a power only in or before a division,
            # and of a length, unless the text stops there ("10 mg/kg 3 times a day")
            after = text[pw.end() : pw.end() + 2]
            if not (
                (denominator and (unit.dimension == "length" or not re.match(r"[ ]?\w", after)))
                or re.match(r"[ ]?/", after)
            ):
                return unit, 1, m.end(), atom
        if sign in ("-", "‐") and text[p - 1 : p] in ("-", "‐"):
            # "6-foot-2": words joined by hyphens (a height), no power
            return unit, 1, m.end(), atom
        if sign and sign != "⁻":
            # "2 m-3 m", "5 h−1 h": a dash between two amounts of the same unit
            rest = _ATOM.match(text, pw.end() + (1 if text[pw.end() : pw.end() + 1] == " " else 0))
            if rest is not None and rest.group() == atom:
                return unit, 1, m.end(), atom
        if sign and not denominator:
            power = -power
        return unit, power, pw.end(), atom

    def _worded_factor(self, text: str, p: int, denominator: bool) -> tuple[Unit, int, int, str] | None:
        """A factor (see _factor), or a length after "square", "sq", "cubic" or "cu" raised to
        that power ("square km", "cubic metre"); None when a power word stands before anything
        else."""
        pw = _POWER_WORD.match(text, p)
        if pw is None:
            return self._factor(text, p, denominator)
        f = self._factor(text, pw.end(), denominator)
        if f is None or f[1] != 1 or f[0].dimension != "length":
            return None
        return f[0], _POWER_WORDS[pw.group(1).lower().rstrip(".")], f[2], f[3]

    def compound(self, text: str, pos: int) -> UnitMatch | None:
        """A compound unit starting at ``text[pos]`` ("mg/L", "km s−1", "W m−2", "cm−1", "μm2"),
        when it has more than one unit or a power; None otherwise."""
        first = self._worded_factor(text, pos, False)
        if first is None:
            return None
        factors: list[tuple[Unit, int, str]] = [(first[0], first[1], first[3])]
        end = first[2]
        denominator = False
        while len(factors) < _MAX_FACTORS:
            j = _JOIN.match(text, end)
            if j is None:
                break
            op = j.group("op").strip()
            denom = denominator or op in ("/", "per")
            # after "per" a power word may raise a length: "micrograms per cubic metre"
            read = self._worded_factor if op == "per" else self._factor
            nxt = read(text, j.end(), denom)
            if nxt is None:
                break
            unit, power, nend, atom = nxt
            if op == "" and power > 0 and not (denominator and power > 1):
                break  # "kg m": a unit after a blank only with a power ("kg m−3")
            if (
                op == "."
                and power > 0
                and (
                    len(factors[-1][2]) < 2
                    or self._atom_unit(atom, exact_only=True) is None
                    or re.match(rf"\.{_LETTER}", text[nend : nend + 2])
                )
            ):
                break  # "mPa.s", but not "5 kg.Then", "2021 C.P" or "U.S.A."
            if op in ("/", "per"):
                denominator = True
            if denominator and power > 0:
                power = -power
            factors.append((unit, power, atom))
            end = nend
        if len(factors) == 1 and factors[0][1] == 1:
            return None
        if len(factors) > 1 and all(len(a) == 1 and a.isupper() for _, _, a in factors):
            return None  # "S/N", "N/A", "A/V": abbreviations far more often than units
        if (
            len(factors) > 1
            and factors[0][0].dimension == "time"
            and all(u.dimension == "time" for u, _, _ in factors)
        ):
            return None  # "hours per day", "h/week": a share of time, kept as the duration
        unit = self._compound_unit(tuple((u, k) for u, k, _ in factors), [a for _, _, a in factors])
        if unit is None:
            return None
        return UnitMatch(unit, pos, end, text[pos:end], False)

    def per_time(self, unit: Unit, text: str, pos: int) -> tuple[Unit, int] | None:
        """``unit`` per the unit of time a rate phrase at ``text[pos]`` names (" a day", " per
        year"), and where the phrase ends: the rate of an amount whose noun stands between them
        ("9 million barrels of oil a day"); None when no such phrase is there."""
        m = _PER_TIME.match(text, pos)
        if m is None:
            return None
        f = self._factor(text, m.end(), True)
        if f is None or f[0].dimension != "time" or f[1] != 1 or not f[3].isalpha() or len(f[3]) < 3:
            return None  # a word of time: "a day", not "a h"
        if _POSSESSIVE.match(text, f[2]):
            return None  # "a day's wages"
        rate = self._compound_unit(((unit, 1), (f[0], -1)), [unit.symbol or unit.name, f[3]])
        return None if rate is None else (rate, f[2])

    def _compound_unit(self, factors: tuple[Factor, ...], atoms: list[str]) -> Unit | None:
        """The Unit of a product of powers: a table unit of that name, or a new one (cached);
        None when its factor is out of float range ("Ym⁴·Ym⁴·Ym⁴·Ym⁴")."""
        if factors in self._compounds:
            return self._compounds[factors]
        name, symbol = _compose(
            [(u.name, u.symbol or a, k) for (u, k), a in zip(factors, atoms, strict=True)]
        )
        base_name, base_symbol = _compose(
            [(u.base_name or u.name, u.base_symbol or u.symbol, k) for u, k in factors]
        )
        unit = self.units.get(name) or self._by_surface.get(name)
        if unit is None:
            base = self.units.get(base_name) or self._by_surface.get(base_name)
            if base is not None:
                dimension = base.dimension
            elif base_name in self._base_dimension:
                dimension = self._base_dimension[base_name]
            else:
                dims = [(u.dimension, "", k) for u, k in factors]
                dimension = _compose([(d, d, k) for d, _, k in dims])[1]
            factor = 1.0
            for u, k in factors:
                factor *= u.factor**k
            if not (math.isfinite(factor) and factor > 0):
                self._compounds[factors] = None
                return None
            unit = Unit(
                name=name,
                symbol=symbol,
                dimension=dimension,
                kind=Kind.MEASUREMENT,
                factor=float(f"{factor:.15g}"),
                base_name=base.name if base is not None else base_name,
                base_symbol=(base.symbol or base_symbol) if base is not None else base_symbol,
            )
        self._compounds[factors] = unit
        return unit

    def prefix_candidates(self, text: str, end: int, spaced_ambiguous: bool = False) -> list[UnitMatch]:
        """Currency signs and codes written before a number that end at ``end``, longest first;
        an ambiguous one apart from the number only with ``spaced_ambiguous`` (the caller then
        keeps it only before a scale word: "SR 10 billion")."""
        if end <= 0 or end > len(text) or text[end - 1].translate(_NORM) not in self._prefix_last:
            return []
        out: list[UnitMatch] = []
        seen: set[str] = set()
        for start in range(max(0, end - self._prefix_max), end):
            s = text[start:end]
            hits = self._prefix.get(s) or self._prefix.get(s.translate(_NORM))
            if not hits:
                continue
            if start > 0 and s[0].isalnum() and text[start - 1].isalnum():
                continue
            spaced = end < len(text) and text[end].isspace() and not spaced_ambiguous
            for unit, amb in hits:
                if amb and spaced:
                    continue  # "RM42" is money, "NIST RM 8546" a reference material
                if unit.name not in seen:
                    seen.add(unit.name)
                    out.append(UnitMatch(unit, start, end, s, amb))
        return out


# ---------------------------------------------------------------------- the overlay


def _is_str_list(v: Any) -> bool:
    """A list of non-blank strings."""
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


class _Overlay:
    """Applies rules/en/units.yaml to the JSON records, validating every field."""

    def __init__(
        self,
        path: Path,
        records: dict[str, dict[str, Any]],
        aliases: dict[str, str],
        ambiguous: set[str],
        prefer: set[str],
        examples: list[tuple[str, dict[str, Any]]],
    ) -> None:
        """Bind the overlay file to the structures it updates in place."""
        self.path = path
        self.file = path.name
        self.records = records
        self.aliases = aliases
        self.ambiguous = ambiguous
        self.prefer = prefer
        self.examples = examples

    def fail(self, where: str, message: str) -> RulesError:
        """A RulesError located at ``<file>:<where>``."""
        return RulesError(f"{self.file}:{where}", message)

    def apply(self) -> None:
        """Validate the overlay and merge it into the records."""
        try:
            doc = yamlcache.load(self.path.read_bytes())
        except yaml.YAMLError as e:
            raise RulesError(self.file, f"not valid YAML: {e}") from None
        doc = doc or {}
        if not isinstance(doc, dict):
            raise RulesError(self.file, "the units file is a mapping")
        for k in doc:
            if k not in FILE_KEYS:
                raise self.fail(str(k), "unknown top-level key")
        if doc.get("family", "units") != "units":
            raise self.fail("family", "must be 'units'")
        entries = doc.get("units") or []
        if not isinstance(entries, list):
            raise self.fail("units", "must be a list of unit entries")
        names: set[str] = set()
        renamed: dict[str, str] = {}
        for i, raw in enumerate(entries):
            if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
                raise self.fail(f"units[{i}]:name", "every entry needs a name")
            name = raw["name"]
            if name in names:
                raise self.fail(f"{name}:name", "duplicate entry")
            names.add(name)
            self.entry(name, raw, renamed)
        self.fix_bases(renamed)
        self.apply_ambiguous(doc.get("ambiguous"))

    def entry(self, name: str, raw: dict[str, Any], renamed: dict[str, str]) -> None:
        """Validate one entry and merge it into the records."""
        for k in raw:
            if k not in ENTRY_KEYS:
                raise self.fail(f"{name}:{k}", "unknown key")
        for k in (*_LIST_FIELDS, *_DROP_FIELDS, "replaces"):
            if k in raw and not _is_str_list(raw[k]):
                raise self.fail(f"{name}:{k}", "must be a list of non-empty strings")
        for k in _STR_FIELDS:
            if k in raw and not isinstance(raw[k], str):
                raise self.fail(f"{name}:{k}", "must be a string")
        for k in _NUM_FIELDS:
            if k in raw and (isinstance(raw[k], bool) or not isinstance(raw[k], int | float)):
                raise self.fail(f"{name}:{k}", "must be a number")
        if "kind" in raw and raw["kind"] not in Kind.__members__:
            raise self.fail(f"{name}:kind", f"must be one of {', '.join(Kind.__members__)}")
        if "prefer" in raw and not isinstance(raw["prefer"], bool):
            raise self.fail(f"{name}:prefer", "must be true or false")
        amb = raw.get("ambiguous", False)
        if not (isinstance(amb, bool) or _is_str_list(amb)):
            raise self.fail(f"{name}:ambiguous", "must be true, false or a list of surfaces")
        replaces = raw.get("replaces", [])
        for old in replaces:
            if old not in self.records or old == name:
                raise self.fail(f"{name}:replaces", f"no unit {old!r} to replace")

        rec = self.records.get(name)
        if rec is None:
            if replaces:
                rec = {**self.records[replaces[0]], "name": name}
                for k in _LIST_FIELDS:
                    rec[k] = []
            else:
                for k in ("kind", "dimension"):
                    if k not in raw:
                        raise self.fail(f"{name}:{k}", "a new unit needs a kind and a dimension")
                if ("factor" in raw or "offset" in raw) and "base_name" not in raw:
                    raise self.fail(f"{name}:base_name", "a conversion needs the base unit's name")
                rec = {k: [] for k in _LIST_FIELDS}
                rec.update(name=name, symbol="", currency_code="", uri="", factor=1.0, offset=0.0)
                rec["method"] = "overlay"
        for old in replaces:
            gone = self.records.pop(old)
            for k in _LIST_FIELDS:
                rec[k] = [*rec[k], *(s for s in gone[k] if s not in rec[k])]
            renamed[old] = name
            self.aliases[old] = name
            if old in self.prefer:
                self.prefer.discard(old)
                self.prefer.add(name)
        for k in (*_STR_FIELDS, *_NUM_FIELDS, "kind"):
            if k in raw and k != "description":
                rec[k] = raw[k]
        if any(k in raw for k in ("factor", "offset", "base_name")):
            rec["method"] = "overlay"
        for k, drop in zip(_LIST_FIELDS, _DROP_FIELDS, strict=True):
            for s in raw.get(drop, []):
                if s not in rec[k]:
                    raise self.fail(f"{name}:{drop}", f"{s!r} is not in the {k} of {name!r}")
            rec[k] = [s for s in rec[k] if s not in raw.get(drop, [])]
            rec[k] = [*rec[k], *(s for s in raw.get(k, []) if s not in rec[k])]
        if raw.get("prefixes") and rec.get("kind") not in ("MONEY", "MEASUREMENT"):
            # a currency sign or code, or a scale's name: "magnitude 6.1"
            raise self.fail(f"{name}:prefixes", "only a currency or a measurement has prefixes")
        base = rec.get("base_name")
        if not base or base in replaces or (base == name and "symbol" in raw):
            rec["base_name"] = name  # its own base, shown with its own symbol
            rec["base_symbol"] = raw.get("base_symbol", rec.get("symbol", ""))
        elif "base_symbol" not in rec:
            rec["base_symbol"] = self.records.get(rec["base_name"], {}).get("symbol", "")
        if raw.get("prefer"):
            self.prefer.add(name)
        elif raw.get("prefer") is False:
            self.prefer.discard(name)
        if amb is True:
            self.ambiguous.update(s for k in _LIST_FIELDS for s in raw.get(k, []))
        elif isinstance(amb, list):
            known = {s for k in _LIST_FIELDS for s in rec[k]}
            for s in amb:
                if s not in known:
                    raise self.fail(f"{name}:ambiguous", f"{s!r} is not a surface of {name!r}")
            self.ambiguous.update(amb)
        self.check_examples(name, raw.get("examples"))
        self.records[name] = rec

    def fix_bases(self, renamed: dict[str, str]) -> None:
        """Point base_name at the new names of replaced units."""

        def resolve(n: str) -> str:
            """The last name in a chain of replacements."""
            while n in renamed:
                n = renamed[n]
            return n

        for old in list(self.aliases):
            self.aliases[old] = resolve(self.aliases[old])
        for rec in self.records.values():
            base = rec.get("base_name", "")
            if base in renamed:
                new = resolve(base)
                rec["base_name"] = new
                target = self.records.get(new)
                if target is not None and target.get("base_name") in (new, base):
                    rec["base_symbol"] = target.get("symbol", "")

    def apply_ambiguous(self, section: Any) -> None:
        """The top-level ``ambiguous: {add: [...], remove: [...]}``."""
        if section is None:
            return
        if not isinstance(section, dict):
            raise self.fail("ambiguous", "must be a mapping with add and remove lists")
        for k, v in section.items():
            if k not in AMBIGUOUS_KEYS:
                raise self.fail(f"ambiguous:{k}", "unknown key")
            if not _is_str_list(v):
                raise self.fail(f"ambiguous:{k}", "must be a list of non-empty strings")
        known = {s for r in self.records.values() for k in _LIST_FIELDS for s in r[k]}
        for s in section.get("add", []):
            if s not in known:
                raise self.fail("ambiguous:add", f"{s!r} is not a unit surface")
            self.ambiguous.add(s)
        for s in section.get("remove", []):
            if s not in self.ambiguous:
                raise self.fail("ambiguous:remove", f"{s!r} is not flagged ambiguous")
            self.ambiguous.discard(s)

    def check_examples(self, name: str, examples: Any) -> None:
        """Keep the entry's examples (checked for shape only; the rules runner runs them)."""
        if examples is None:
            return
        if not isinstance(examples, list):
            raise self.fail(f"{name}:examples", "must be a list")
        for i, ex in enumerate(examples):
            where = f"{name}:examples[{i}]"
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                raise self.fail(where, "an example is a mapping with a text")
            for k in ex:
                if k not in EXAMPLE_KEYS:
                    raise self.fail(f"{where}:{k}", "unknown key")
            expect = ex.get("expect") or []
            if not isinstance(expect, list):
                raise self.fail(f"{where}:expect", "must be a list")
            for j, exp in enumerate(expect):
                if not isinstance(exp, dict) or not isinstance(exp.get("text"), str):
                    raise self.fail(f"{where}:expect[{j}]", "an expected quantity is a mapping with a text")
                if exp["text"] not in ex["text"]:
                    raise self.fail(
                        f"{where}:expect[{j}]:text", f"{exp['text']!r} is not in the example text"
                    )
            self.examples.append((name, ex))
