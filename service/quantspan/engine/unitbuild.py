"""Build the English unit table from quantulum3 and pint (build time only, never at runtime).

    python -m quantspan.engine.unitbuild     # writes service/quantspan/data/units_en.json

The runtime (quantspan.engine.units) reads the JSON and the rules/en/units.yaml overlay; it
never imports quantulum3 or pint. ``build_table()`` returns exactly what is written, so a test
can tell when the committed JSON is stale.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "units_en.json"
FORMAT = 1
LANG = "en_US"

PERCENT_UNITS = frozenset({"percentage", "per mille", "basis point", "percentage point"})

# quantulum entity -> (base unit name, base unit symbol, pint expression of the base unit).
# SI throughout, except information (byte, not bit) and the few dimensions with no SI unit.
BASES: dict[str, tuple[str, str, str | None]] = {
    "acceleration": ("metre per square second", "m/s²", "meter/second**2"),
    "amount of substance": ("mole", "mol", "mole"),
    "angle": ("radian", "rad", "radian"),
    "area": ("square metre", "m²", "meter**2"),
    "capacitance": ("farad", "F", "farad"),
    "catalytic activity": ("katal", "kat", "katal"),
    "charge": ("coulomb", "C", "coulomb"),
    "current": ("ampere", "A", "ampere"),
    "data storage": ("byte", "B", "byte"),
    "data transfer rate": ("byte per second", "B/s", "byte/second"),
    "density": ("kilogram per cubic metre", "kg/m³", "kilogram/meter**3"),
    "dynamic viscosity": ("pascal second", "Pa·s", "pascal*second"),
    "electric potential": ("volt", "V", "volt"),
    "electrical conductance": ("siemens", "S", "siemens"),
    "electrical resistance": ("ohm", "Ω", "ohm"),
    "energy": ("joule", "J", "joule"),
    "fluidity": ("reciprocal pascal second", "1/(Pa·s)", "1/(pascal*second)"),
    "flux density": ("watt per square metre per hertz", "W/(m²·Hz)", "watt/meter**2/hertz"),
    "force": ("newton", "N", "newton"),
    "frequency": ("hertz", "Hz", "hertz"),
    "illuminance": ("lux", "lx", "lux"),
    "inductance": ("henry", "H", "henry"),
    "instance frequency": ("cycle per second", "cps", "turn/second"),
    "irradiance": ("watt per square metre", "W/m²", "watt/meter**2"),
    "kinematic viscosity": ("square metre per second", "m²/s", "meter**2/second"),
    "length": ("metre", "m", "meter"),
    "linear mass density": ("kilogram per metre", "kg/m", "kilogram/meter"),
    "luminance": ("candela per square metre", "cd/m²", "candela/meter**2"),
    "luminous flux": ("lumen", "lm", "lumen"),
    "luminous intensity": ("candela", "cd", "candela"),
    "magnetic field": ("tesla", "T", "tesla"),
    "magnetic flux": ("weber", "Wb", "weber"),
    "magnetomotive force": ("ampere", "A", "ampere"),
    "mass": ("kilogram", "kg", "kilogram"),
    "mass flow": ("kilogram per second", "kg/s", "kilogram/second"),
    "molar concentration": ("mole per cubic metre", "mol/m³", "mole/meter**3"),
    "permeability": ("square metre", "m²", "meter**2"),
    "power": ("watt", "W", "watt"),
    "pressure": ("pascal", "Pa", "pascal"),
    "radiation absorbed dose": ("gray", "Gy", "gray"),
    "radiation exposure": ("coulomb per kilogram", "C/kg", "coulomb/kilogram"),
    "radioactivity": ("becquerel", "Bq", "becquerel"),
    "sound level": ("decibel", "dB", None),
    "speed": ("metre per second", "m/s", "meter/second"),
    "temperature": ("kelvin", "K", "kelvin"),
    "time": ("second", "s", "second"),
    "torque": ("newton metre", "N·m", "newton*meter"),
    "typographical element": ("pixel", "px", "pixel"),
    "volume": ("cubic metre", "m³", "meter**3"),
    "volume (lumber)": ("cubic metre", "m³", "meter**3"),
    "volumetric flow": ("cubic metre per second", "m³/s", "meter**3/second"),
}

# quantulum unit name -> pint expression, where the name alone does not parse or parses as
# something else (pint's "decade" is a log unit, "barrel" is 31.5 gallons, "gal" a gallon).
# Only pint definitions and exact definitional multiples; no physical constants. pint's acre,
# fathom, furlong and league use the US survey foot; these use the international foot.
PINT_ALIASES: dict[str, str] = {
    "acre": "43560*foot**2",
    "acre foot": "43560*foot**3",
    "fathom": "6*foot",
    "furlong": "660*foot",
    "league": "3*mile",
    "atomic mass unit": "dalton",
    "barrel": "oil_barrel",
    "centimeter of water": "centimeter_H2O",
    "decade": "10*year",
    "degree Celsius": "degree_Celsius",
    "degree angle": "degree",
    "degree fahrenheit": "degree_Fahrenheit",
    "degree rankine": "degree_Rankine",
    "gal": "galileo",
    "gauss": "1e-4*tesla",
    "gigaton": "gigaton_TNT",
    "horsepower-hour": "horsepower*hour",
    "inch of mercury": "inch_Hg",
    "inch of water": "inch_H2O",
    "jansky": "1e-26*watt/meter**2/hertz",
    "kiloton": "kiloton_TNT",
    "lustrum": "5*year",
    "maxwell": "1e-8*weber",
    "mega british thermal unit": "1e6*british_thermal_unit",
    "megaton": "megaton_TNT",
    "mibibyte": "mebibyte",
    "millijansky": "1e-29*watt/meter**2/hertz",
    "millimeter of mercury": "millimeter_Hg",
    "minute of arc": "arcminute",
    "nibble": "4*bit",
    "pound per square inch": "psi",
    "pound-mass": "pound",
    "quintal": "100*kilogram",
    "rad": "0.01*gray",
    "second of arc": "arcsecond",
    "twip": "inch/1440",
}

# SI prefixes: symbol -> (word, power of ten)
SI_PREFIXES: dict[str, tuple[str, int]] = {
    "f": ("femto", -15),
    "p": ("pico", -12),
    "n": ("nano", -9),
    "µ": ("micro", -6),
    "m": ("milli", -3),
    "c": ("centi", -2),
    "d": ("deci", -1),
    "k": ("kilo", 3),
    "M": ("mega", 6),
    "G": ("giga", 9),
    "T": ("tera", 12),
}

# Units quantulum lacks, made at build time: (name, symbol shown, surfaces, dimension, Wikipedia
# title). Their prefixed forms come from PREFIXED. The symbol is for display only: "5M" is more
# often five million than five molar, "a molar" is a tooth and "pc" is per cent.
NEW_UNITS: list[tuple[str, str, tuple[str, ...], str, str]] = [
    ("molar", "M", (), "molar concentration", "Molar_concentration"),
    ("parsec", "pc", ("parsec", "parsecs"), "length", "Parsec"),
]

# Prefixed units that scientific text writes and quantulum lacks (or has without a symbol):
# base unit name -> (base symbol, singular word, plural word, prefixes). The base unit gives
# the dimension and the conversion. Left out on purpose: "pH" (picohenry), "Mg" (megagram,
# magnesium), "pc" (parsec; "pc" is per cent), "ks"; any symbol another unit already has.
PREFIXED: dict[str, tuple[str, str, str, str]] = {
    "gram": ("g", "gram", "grams", "np"),
    "second": ("s", "second", "seconds", "pf"),
    "mole": ("mol", "mole", "moles", "mµnpk"),
    "molar": ("M", "molar", "molar", "mµnp"),
    "kelvin": ("K", "kelvin", "kelvins", "mµn"),
    "volt": ("V", "volt", "volts", "µn"),
    "joule": ("J", "joule", "joules", "MGTµn"),
    "pascal": ("Pa", "pascal", "pascals", "mµ"),
    "bar": ("bar", "bar", "bars", "mµnkMcd"),
    "hertz": ("Hz", "hertz", "hertz", "mµ"),
    "tesla": ("T", "tesla", "teslas", "mµnp"),
    "henry": ("H", "henry", "henries", "mµn"),
    "sievert": ("Sv", "sievert", "sieverts", "mµn"),
    "gray": ("Gy", "gray", "grays", "cµ"),
    "siemens": ("S", "siemens", "siemens", "mµn"),
    "farad": ("F", "farad", "farads", "np"),
    "coulomb": ("C", "coulomb", "coulombs", "np"),
    "newton": ("N", "newton", "newtons", "mµ"),
    "electronvolt": ("eV", "electronvolt", "electronvolts", "m"),
    "volt-ampere": ("VA", "volt-ampere", "volt-amperes", "kMG"),
    "atomic mass unit": ("Da", "dalton", "daltons", "kM"),
    "jansky": ("Jy", "jansky", "janskys", "µ"),
    "parsec": ("pc", "parsec", "parsecs", "kMG"),
}
# Squares and cubes of metric lengths that quantulum lacks: length unit -> powers
POWERS: dict[str, tuple[int, ...]] = {
    "centimetre": (2,),
    "millimetre": (2,),
    "micrometre": (2, 3),
    "nanometre": (2, 3),
    "decimetre": (2,),
}

# ASCII "u" for micro, as typed where "µ" is not at hand ("5 ug", "10 uM")
ASCII_MICRO = frozenset({"g", "mol", "M"})

# quantulum dimensions that are wrong: the barn (10⁻²⁸ m²) and its multiples are areas
ENTITY_FIXES: dict[str, str] = {
    f"{p}barn": "area"
    for p in ("", "atto", "femto", "pico", "nano", "micro", "milli", "kilo", "mega", "yocto", "zepto")
}

_SQUARE = {2: ("²", "2"), 3: ("³", "3")}
_LETTERS = re.compile(r"^[^\W\d_]+$")


def _round(x: float) -> float:
    """15 significant digits: drops float noise (0.30479999999999996 -> 0.3048)."""
    if x == 0 or not math.isfinite(x):
        return float(x)
    return float(f"{x:.15g}")


def _ws(s: str) -> str:
    """Blanks collapsed to one space ("baker   dozen")."""
    return " ".join(s.split())


def _kind(name: str, entity: str) -> str:
    """Our Kind for a quantulum unit."""
    if entity == "currency":
        return "MONEY"
    if entity == "time":
        return "DURATION"
    if entity == "dimensionless":
        return "PERCENTAGE" if name in PERCENT_UNITS else "COUNT"
    return "MEASUREMENT"


def _is_prefix_symbol(sym: str) -> bool:
    """Currency symbols that stand before a number: ISO codes and signs with a currency glyph."""
    if re.fullmatch(r"[A-Z]{3}", sym):
        return True
    return any(unicodedata.category(ch) == "Sc" for ch in sym)


class _Converter:
    """Resolves quantulum units to (factor, offset) towards their dimension's base unit."""

    def __init__(self, units: Any) -> None:
        """A pint registry over quantulum's ``units``."""
        import pint

        self.ureg = pint.UnitRegistry()
        self.units = units
        self._cache: dict[str, Any] = {}

    def _quantity(self, expr: str, value: float) -> Any:
        """``value`` of a unit or of a scaled expression ("10*year")."""
        try:
            return self.ureg.Quantity(value, expr)
        except Exception:
            return self.ureg.parse_expression(expr) * value

    def _pint(self, name: str, target: Any) -> tuple[float, float] | None:
        """(factor, offset) to ``target`` when pint knows the unit by name or alias."""
        if name in PINT_ALIASES:
            exprs = [PINT_ALIASES[name]]
        else:
            exprs = list(
                dict.fromkeys(
                    [
                        name,
                        name.replace(" ", "_"),
                        name.replace(" ", "_").replace("-", "_"),
                        name.replace("-", " "),
                    ]
                )
            )
        for expr in exprs:
            try:
                zero = float(self._quantity(expr, 0).to(target).magnitude)
                if zero == 0:
                    return float(self._quantity(expr, 1).to(target).magnitude), 0.0
                # an offset scale (°C, °F): the slope over a wide span keeps the digits
                big = float(self._quantity(expr, 1e6).to(target).magnitude)
            except Exception:
                continue
            return (big - zero) / 1e6, zero
        return None

    def _base_quantity(self, name: str) -> Any:
        """1 <name> as a pint quantity (multiplicative units only), or None."""
        if name in self._cache:
            return self._cache[name]
        q = None
        exprs = [PINT_ALIASES[name]] if name in PINT_ALIASES else [name, name.replace(" ", "_")]
        for expr in exprs:
            try:
                q = self.ureg.parse_expression(expr)
                if not hasattr(q, "to"):
                    q = None
                    continue
                break
            except Exception:
                continue
        self._cache[name] = q
        return q

    def _dimensions(self, dims: list[dict[str, Any]], target: Any) -> float | None:
        """The factor composed from quantulum's dimensions ([{base, power}]), if pint knows them."""
        if not dims or (len(dims) == 1 and dims[0]["power"] == 1):
            return None
        total = None
        for d in dims:
            q = self._base_quantity(d["base"])
            if q is None:
                return None
            part = q ** d["power"]
            total = part if total is None else total * part
        try:
            return float(total.to(target).magnitude)
        except Exception:
            return None

    def convert(self, name: str, entity: str, dims: list[dict[str, Any]]) -> dict[str, Any]:
        """factor, offset, base_name, base_symbol and the method that found them."""
        if entity == "currency":
            return {"factor": 1.0, "offset": 0.0, "base_name": name, "method": "currency"}
        if entity == "dimensionless":
            return {"factor": 1.0, "offset": 0.0, "base_name": name, "method": "dimensionless"}
        base = BASES.get(entity)
        if base is None:
            return {"factor": 1.0, "offset": 0.0, "base_name": name, "method": "unknown"}
        base_name, base_symbol, expr = base
        out: dict[str, Any] = {"base_name": base_name, "base_symbol": base_symbol}
        if name == base_name:
            return {**out, "factor": 1.0, "offset": 0.0, "method": "base"}
        if expr is not None:
            target = self.ureg.parse_expression(expr).units
            got = self._pint(name, target)
            if got is not None:
                return {**out, "factor": _round(got[0]), "offset": _round(got[1]), "method": "pint"}
            factor = self._dimensions(dims, target)
            if factor is not None:
                return {**out, "factor": _round(factor), "offset": 0.0, "method": "dimensions"}
        return {"factor": 1.0, "offset": 0.0, "base_name": name, "method": "unknown"}


def _derived(units: Any, entity: str, dims: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Symbol compounds quantulum lacks: km² / km2 / cm³, km/h / m/s, "km per hour"."""
    symbols: set[str] = set()
    surfaces: set[str] = set()

    def syms(unit_name: str) -> list[str]:
        """The all-letter symbols of a unit."""
        u = units.names.get(unit_name)
        return [s for s in (u.symbols if u else []) if _LETTERS.match(s)]

    if entity in ("area", "volume") and len(dims) == 1 and dims[0]["power"] in _SQUARE:
        for s in syms(dims[0]["base"]):
            for suffix in _SQUARE[dims[0]["power"]]:
                symbols.add(s + suffix)
    if len(dims) == 2 and dims[0]["power"] == 1 and dims[1]["power"] == -1:
        num, den = units.names.get(dims[0]["base"]), units.names.get(dims[1]["base"])
        if num is not None and den is not None:
            for a in syms(num.name):
                for b in syms(den.name):
                    symbols.add(f"{a}/{b}")
                for b in den.surfaces:
                    surfaces.add(f"{a} per {b}")
    return symbols, surfaces


def _display_symbol(name: str, symbols: list[str], derived: list[str] = ()) -> str:
    """The symbol to show: quantulum's first, except the superscript form of a square or
    cubic unit ("m²", not "sq m"; "cm³", not "cc"), and the Greek mu the SI writes ("μm";
    U+00B5 MICRO SIGN is its compatibility twin)."""
    first = symbols[0] if symbols else ""
    if name.startswith(("square ", "cubic ")):
        sup = [s for s in [*symbols, *derived] if any(c in s for c in "²³") and " " not in s]
        if sup:
            first = sup[0]
    return first.replace("µ", "μ")


def _add_prefixed(table: dict[str, dict[str, Any]], conv: _Converter) -> None:
    """NEW_UNITS and PREFIXED into ``table``: new units, or symbols for existing ones that lack
    them ("millibar" -> "mbar"). A symbol or surface another unit has is left to that unit."""
    claimed_sym = {s: r["name"] for r in table.values() for s in r["symbols"]}
    claimed_surf = {s.lower(): r["name"] for r in table.values() for s in r["surfaces"]}

    def free_sym(s: str, name: str) -> bool:
        return claimed_sym.get(s, name) == name

    def free_surf(s: str, name: str) -> bool:
        return claimed_surf.get(s.lower(), name) == name

    def add(rec: dict[str, Any], symbols: list[str], surfaces: list[str]) -> None:
        name = rec["name"]
        for s in symbols:
            if free_sym(s, name) and s not in rec["symbols"]:
                rec["symbols"] = sorted({*rec["symbols"], s})
                claimed_sym[s] = name
        for s in surfaces:
            if free_surf(s, name) and s.lower() not in {x.lower() for x in rec["surfaces"]}:
                rec["surfaces"] = sorted({*rec["surfaces"], s})
                claimed_surf[s.lower()] = name
        if not rec["symbol"] and symbols and symbols[0] in rec["symbols"]:
            rec["symbol"] = _display_symbol(name, symbols)

    for name, symbol, words, entity, uri in NEW_UNITS:
        if name in table:
            continue
        c = conv.convert(name, entity, [])
        table[name] = _built_record(
            name,
            symbol=symbol,
            dimension=entity,
            kind="MEASUREMENT",
            uri=uri,
            factor=c["factor"],
            offset=c["offset"],
            base_name=c["base_name"],
            base_symbol=c.get("base_symbol", symbol),
            method=c["method"],
        )
        add(table[name], [], list(words))

    for length, powers in POWERS.items():
        b = table[length]
        for power in powers:
            word, entity = {2: ("square", "area"), 3: ("cubic", "volume")}[power]
            name = f"{word} {length}"
            if name in table:
                continue
            base_name, base_symbol, _ = BASES[entity]
            table[name] = _built_record(
                name,
                dimension=entity,
                kind="MEASUREMENT",
                uri=entity.capitalize(),
                factor=_round(b["factor"] ** power),
                base_name=base_name,
                base_symbol=base_symbol,
            )
            syms = [s + suffix for s in b["symbols"] if _LETTERS.match(s) for suffix in _SQUARE[power]]
            syms.sort(key=lambda x: not any(c in x for c in "²³"))
            add(table[name], syms, [f"{word} {x}" for x in b["surfaces"]])
            if not table[name]["symbols"] and not table[name]["surfaces"]:
                del table[name]  # another unit has every way of writing it

    for base, (bsym, one, many, prefixes) in PREFIXED.items():
        b = table[base]
        for p in prefixes:
            word, power = SI_PREFIXES[p]
            name = word + one
            symbols = [p + bsym]
            if p == "µ" and bsym in ASCII_MICRO:
                symbols.append("u" + bsym)
            surfaces = sorted({word + one, word + many})
            rec = table.get(name)
            if rec is None:
                if not free_sym(symbols[0], name):
                    continue
                factor = _round(b["factor"] * 10.0**power)
                rec = table[name] = _built_record(
                    name,
                    dimension=b["dimension"],
                    kind=b["kind"],
                    uri=b["uri"],
                    factor=factor,
                    base_name=b["base_name"],
                    base_symbol=b["base_symbol"],
                )
            add(rec, symbols, surfaces)


def _built_record(
    name: str,
    *,
    dimension: str,
    kind: str,
    uri: str,
    factor: float,
    base_name: str,
    base_symbol: str,
    symbol: str = "",
    offset: float = 0.0,
    method: str = "prefixed",
) -> dict[str, Any]:
    """A table record for a unit this build adds (its surfaces and symbols added afterwards)."""
    return {
        "name": name,
        "symbol": symbol,
        "surfaces": [],
        "symbols": [],
        "prefixes": [],
        "dimension": dimension,
        "kind": kind,
        "currency_code": "",
        "uri": uri,
        "factor": factor,
        "offset": offset,
        "base_name": base_name,
        "base_symbol": base_symbol,
        "method": method,
    }


def _common_word_collisions(units: Any) -> set[str]:
    """Words of quantulum's common-word list (10,000 frequent English words and their plurals)
    that quantulum itself leaves out of that list because they are unit surfaces or symbols."""
    import quantulum3
    from quantulum3 import load

    root = Path(quantulum3.__file__).parent / "_lang" / "en_US"
    words = [
        line.rstrip()
        for line in (root / "common-words.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    kept = {
        w for ws in json.loads((root / "common-words.json").read_text(encoding="utf-8")).values() for w in ws
    }
    out = set()
    for w in words:
        for form in (w, load.pluralize(w)):
            if form not in kept and (form in units.surfaces_lower or form in units.symbols):
                out.add(form)
    return out


def build_table() -> dict[str, Any]:
    """The unit table as written to units_en.json (deterministic)."""
    from quantulum3 import load

    units = load.units(LANG)
    conv = _Converter(units)

    surfaces: dict[str, set[str]] = {n: set() for n in units.names}
    for surface, us in units.surfaces.items():
        for u in us:
            surfaces[u.name].add(_ws(surface))
    symbols: dict[str, set[str]] = {n: set() for n in units.names}
    for symbol, us in units.symbols.items():
        for u in us:
            symbols[u.name].add(_ws(symbol))

    table: dict[str, dict[str, Any]] = {}
    for name in sorted(units.names):
        u = units.names[name]
        entity = ENTITY_FIXES.get(name, u.entity.name)
        dims = [{"base": d["base"], "power": d["power"]} for d in u.dimensions]
        extra_symbols, extra_surfaces = _derived(units, entity, dims)
        syms = symbols[name] | extra_symbols
        surf = surfaces[name] | extra_surfaces
        seen: set[str] = set()
        dedup = []
        for s in sorted(surf):
            if s.lower() not in seen:
                seen.add(s.lower())
                dedup.append(s)
        code = u.currency_code or ""
        c = conv.convert(name, entity, dims)
        first_symbol = u.symbols[0] if u.symbols else ""
        table[name] = {
            "name": name,
            "symbol": _display_symbol(name, list(u.symbols), sorted(syms)),
            "surfaces": dedup,
            "symbols": sorted(syms),
            "prefixes": sorted(s for s in syms if code and _is_prefix_symbol(s)),
            "dimension": entity,
            "kind": _kind(name, entity),
            "currency_code": code,
            "uri": u.uri or "",
            "factor": c["factor"],
            "offset": c["offset"],
            "base_name": c["base_name"],
            "base_symbol": c.get("base_symbol", first_symbol).replace("µ", "μ"),
            "method": c["method"],
        }
    _add_prefixed(table, conv)

    collisions = _common_word_collisions(units)
    ambiguous = set()
    for rec in table.values():
        for s in rec["symbols"]:
            if s in collisions or (len(s) == 1 and s.isascii() and s.isalpha()):
                ambiguous.add(s)
        for s in rec["surfaces"]:
            if s.lower() in collisions or (len(s) == 1 and s.isascii() and s.isalpha()):
                ambiguous.add(s)

    return {
        "format": FORMAT,
        "generator": "python -m quantspan.engine.unitbuild",
        "language": LANG,
        "versions": {p: metadata.version(p) for p in ("quantulum3", "pint", "inflect")},
        "units": table,
        # the base unit of each dimension, by which a compound unit ("mW m−2") finds its dimension
        "bases": {entity: {"name": b[0], "symbol": b[1]} for entity, b in sorted(BASES.items())},
        "unconverted": sorted(n for n, r in table.items() if r["method"] == "unknown"),
        "ambiguous": sorted(ambiguous),
    }


def render(table: dict[str, Any]) -> str:
    """The JSON text of a table, byte-for-byte stable."""
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    """Write units_en.json next to the package data."""
    table = build_table()
    DATA_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATA_PATH.write_text(render(table), encoding="utf-8")
    print(
        f"wrote {DATA_PATH} ({len(table['units'])} units, {len(table['unconverted'])} without a conversion)"
    )


if __name__ == "__main__":
    main()
