"""The unit table: surfaces we rely on, conversions, matching rules, the overlay, staleness."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from quantspan.engine.errors import RulesError
from quantspan.engine.model import Kind
from quantspan.engine.units import DEFAULT_CACHE, UnitMatch, UnitTable

ROOT = Path(__file__).resolve().parents[1]
OVERLAY = ROOT / "rules" / "en" / "units.yaml"


@pytest.fixture(scope="module")
def table() -> UnitTable:
    return UnitTable.load(overlay_path=OVERLAY)


def first(table: UnitTable, text: str, pos: int = 0) -> UnitMatch:
    got = table.candidates(text, pos)
    assert got, f"no unit at {text[pos:]!r}"
    return got[0]


# ---------------------------------------------------------------------- surfaces we rely on

SURFACES = [
    ("km", "kilometre"),
    ("kilometres", "kilometre"),
    ("Kilometres", "kilometre"),
    ("kilometers", "kilometre"),
    ("%", "percent"),
    ("percent", "percent"),
    ("per cent", "percent"),
    ("pct", "percent"),
    ("°C", "degree Celsius"),
    ("° C", "degree Celsius"),
    ("degrees Celsius", "degree Celsius"),
    ("°F", "degree Fahrenheit"),
    ("mph", "mile per hour"),
    ("miles per hour", "mile per hour"),
    ("km/h", "kilometre per hour"),
    ("km per hour", "kilometre per hour"),
    ("m/s", "metre per second"),
    ("kg", "kilogram"),
    ("tonnes", "tonne"),
    ("lbs", "pound-mass"),
    ("pounds", "pound-mass"),
    ("ft", "foot"),
    ("feet", "foot"),
    ("miles", "mile"),
    ("acres", "acre"),
    ("hectares", "hectare"),
    ("square kilometres", "square kilometre"),
    ("km2", "square kilometre"),
    ("km²", "square kilometre"),
    ("m²", "square metre"),
    ("μm", "micrometre"),
    ("µm", "micrometre"),
    ("GB", "gigabyte"),
    ("MB", "megabyte"),
    ("KB", "kilobyte"),
    ("kWh", "kilowatt hour"),
    ("TWh", "terawatt hour"),
    ("MW", "megawatt"),
    ("barrels", "barrel"),
    ("bpd", "barrel per day"),
    ("gallons", "gallon"),
    ("litres", "litre"),
    ("seconds", "second"),
    ("secs", "second"),
    ("mins", "minute"),
    ("hours", "hour"),
    ("hrs", "hour"),
    ("days", "day"),
    ("weeks", "week"),
    ("months", "month"),
    ("years", "year"),
    ("yrs", "year"),
    ("decades", "decade"),
    ("dollars", "US dollar"),
    ("US dollars", "US dollar"),
    ("euros", "euro"),
    ("pounds sterling", "pound sterling"),
    ("won", "South Korean won"),
    ("yen", "Japanese yen"),
    ("yuan", "Chinese yuan"),
    ("rupees", "Indian rupee"),
    ("roubles", "Russian ruble"),
    ("rubles", "Russian ruble"),
    ("francs", "Swiss franc"),
    ("pence", "penny"),
    ("cents", "cent"),
    ("basis points", "basis point"),
    ("bps", "basis point"),
    ("percentage points", "percentage point"),
    # quantulum's same-size units split off: a millilitre is not named a cubic centimetre
    ("ml", "millilitre"),
    ("mL", "millilitre"),
    ("mls", "millilitre"),
    ("millilitres", "millilitre"),
    ("cc", "cubic centimetre"),
    ("cm3", "cubic centimetre"),
    ("μL", "microlitre"),
    ("µl", "microlitre"),
    ("mm³", "cubic millimetre"),
    ("kL", "kilolitre"),
    # angles and temperatures
    ("degrees", "degree"),
    ("°", "degree"),
    ("°N", "degree north"),
    ("degrees west", "degree west"),
    ("degrees f", "degree Fahrenheit"),
    ("deg C", "degree Celsius"),
    ("° celsius", "degree Celsius"),
    ("rad", "radian"),
    ("Gy", "gray"),
    ("Gyr", "gigayear"),
    # scientific units made at build time
    ("mM", "millimolar"),
    ("µM", "micromolar"),
    ("μM", "micromolar"),
    ("nmol", "nanomole"),
    ("kDa", "kilodalton"),
    ("MVA", "megavolt-ampere"),
    ("mbar", "millibar"),
    ("μbar", "microbar"),
    ("mK", "millikelvin"),
    ("nT", "nanotesla"),
    ("mSv", "millisievert"),
    ("Mpc", "megaparsec"),
    ("mm2", "square millimetre"),
    ("μm²", "square micrometre"),
    ("wt%", "weight percent"),
    ("wt.%", "weight percent"),
    ("% by weight", "weight percent"),
    ("vol%", "volume percent"),
    ("M⊙", "solar mass"),
    ("solar radii", "solar radius"),
    ("ka", "kiloyear"),
    # currencies
    ("BTC", "bitcoin"),
    ("satoshis", "satoshi"),
    ("₡", "Costa Rican colón"),
    ("₾", "Georgian lari"),
    ("₭", "Lao kip"),
    ("Finnish markka", "Finnish markka"),
    ("Dutch guilders", "Netherlands guilder"),
    ("rmb", "Chinese yuan"),
    ("ringgit", "Malaysian ringgit"),
    ("tugriks", "Mongolian tögrög"),
]


@pytest.mark.parametrize(("surface", "name"), SURFACES)
def test_surface(table: UnitTable, surface: str, name: str) -> None:
    m = first(table, surface + " later", 0)
    assert m.unit.name == name
    assert (m.start, m.end, m.surface) == (0, len(surface), surface)


PREFIXES = [
    ("$", "USD"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("£", "GBP"),
    ("GBP", "GBP"),
    ("¥", "JPY"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("₩", "KRW"),
    ("KRW", "KRW"),
    ("₹", "INR"),
    ("Rs", "INR"),
    ("Rs.", "INR"),
    ("INR", "INR"),
    ("₽", "RUB"),
    ("RUB", "RUB"),
    ("CHF", "CHF"),
    ("C$", "CAD"),
    ("CAD", "CAD"),
    ("A$", "AUD"),
    ("AUD", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("usd$", "USD"),
    ("USD$", "USD"),
    ("cad$", "CAD"),
    ("c$", "CAD"),
    ("aud$", "AUD"),
    ("nzd$", "NZD"),
    ("mxn$", "MXN"),
    ("Mex$", "MXN"),
    ("hk$", "HKD"),
    ("rmb", "CNY"),
    ("₡", "CRC"),
    ("₾", "GEL"),
    ("₭", "LAK"),
    ("MYR", "MYR"),
    ("RM", "MYR"),
    ("Rp", "IDR"),
]


@pytest.mark.parametrize(("prefix", "code"), PREFIXES)
def test_currency_prefix(table: UnitTable, prefix: str, code: str) -> None:
    text = f"paid {prefix}5"
    end = text.index("5")
    got = table.prefix_candidates(text, end)
    assert got and got[0].unit.currency_code == code
    assert got[0].unit.kind is Kind.MONEY
    assert text[got[0].start : got[0].end] == prefix == got[0].surface
    assert prefix in table.currency_prefixes


def test_prefix_longest_first_and_boundaries(table: UnitTable) -> None:
    got = table.prefix_candidates("A$5", 2)
    assert [m.unit.currency_code for m in got] == ["AUD", "USD"]
    assert [m.unit.currency_code for m in table.prefix_candidates("US$5", 3)] == ["USD"]
    assert table.prefix_candidates("XUSD 5", 4) == []  # no code inside a word
    assert table.prefix_candidates("Rs 500", 2)[0].surface == "Rs"
    assert table.prefix_candidates("5", 0) == []
    assert table.prefix_candidates("km 5", 2) == []


def test_ambiguous_prefixes_only_glued(table: UnitTable) -> None:
    assert table.prefix_candidates("RM42", 2)[0].unit.currency_code == "MYR"
    assert table.prefix_candidates("NIST RM 8546", 7) == []  # "RM" then a blank
    assert table.prefix_candidates("MYR 42", 3)[0].unit.currency_code == "MYR"
    assert table.prefix_candidates("c $ 16", 3)[0].unit.currency_code == "CAD"
    btc = table.prefix_candidates("₿21", 1)[0].unit
    assert (btc.name, btc.kind, btc.currency_code) == ("bitcoin", Kind.MONEY, "")


def test_money_names(table: UnitTable) -> None:
    usd = table.get("US dollar")
    assert (usd.symbol, usd.currency_code, usd.kind) == ("$", "USD", Kind.MONEY)
    assert table.get("dollar") is usd  # quantulum's names still resolve
    assert table.get("united states dollar") is usd
    assert first(table, "$").unit is usd
    assert table.get("percentage") is table.get("percent")


# ---------------------------------------------------------------------- conversions

CONVERSIONS = [
    ("kilometre", 1, 1000, "metre"),
    ("mile", 1, 1609.344, "metre"),
    ("foot", 1, 0.3048, "metre"),
    ("pound-mass", 1, 0.45359237, "kilogram"),
    ("tonne", 1, 1000, "kilogram"),
    ("gigabyte", 1, 1e9, "byte"),
    ("bit", 8, 1, "byte"),
    ("hour", 1, 3600, "second"),
    ("day", 1, 86400, "second"),
    ("week", 1, 604800, "second"),
    ("year", 1, 31557600, "second"),
    ("decade", 1, 315576000, "second"),
    ("degree Celsius", 0, 273.15, "kelvin"),
    ("degree Celsius", 100, 373.15, "kelvin"),
    ("degree Fahrenheit", 32, 273.15, "kelvin"),
    ("degree Fahrenheit", 212, 373.15, "kelvin"),
    ("square kilometre", 1, 1e6, "square metre"),
    ("hectare", 1, 1e4, "square metre"),
    ("acre", 1, 4046.8564224, "square metre"),
    ("litre", 1, 0.001, "cubic metre"),
    ("barrel", 1, 0.158987294928, "cubic metre"),
    ("kilometre per hour", 36, 10, "metre per second"),
    ("mile per hour", 1, 0.44704, "metre per second"),
    ("kilowatt hour", 1, 3.6e6, "joule"),
    ("megawatt", 1, 1e6, "watt"),
    ("kiloton", 1, 4.184e12, "joule"),
    ("cent", 50, 0.5, "US dollar"),
    ("penny", 85, 0.85, "pound sterling"),
    ("millilitre", 250, 2.5e-4, "cubic metre"),
    ("microlitre", 1, 1e-9, "cubic metre"),
    ("kilolitre", 1, 1, "cubic metre"),
    ("cubic centimetre", 1, 1e-6, "cubic metre"),
    ("millimolar", 5, 5, "mole per cubic metre"),
    ("micromolar", 1, 1e-3, "mole per cubic metre"),
    ("kilodalton", 1, 1.66053906892e-24, "kilogram"),
    ("megavolt-ampere", 1, 1e6, "watt"),
    ("millibar", 1, 100, "pascal"),
    ("nanogram", 1, 1e-12, "kilogram"),
    ("square millimetre", 1, 1e-6, "square metre"),
    ("square micrometre", 1, 1e-12, "square metre"),
    ("megaparsec", 1, 3.0856775814671917e22, "metre"),
    ("degree", 180, 3.141592653589793, "radian"),
    ("degree north", 90, 1.5707963267948966, "radian"),
    ("satoshi", 1e8, 1, "bitcoin"),
    ("solar radius", 1, 6.957e8, "metre"),
]


@pytest.mark.parametrize(("name", "value", "base_value", "base"), CONVERSIONS)
def test_conversion(table: UnitTable, name: str, value: float, base_value: float, base: str) -> None:
    unit = table.get(name)
    assert unit.to_base(value) == pytest.approx(base_value, rel=1e-12, abs=1e-9)
    assert unit.base_name == base
    assert unit.base.name == base


def test_base_units_are_themselves(table: UnitTable) -> None:
    for name, symbol in [("metre", "m"), ("kilogram", "kg"), ("second", "s"), ("kelvin", "K"), ("byte", "B")]:
        u = table.get(name)
        assert (u.factor, u.offset, u.base_name, u.base_symbol) == (1.0, 0.0, name, symbol)
        assert u.base is u


def test_currencies_and_percentages_unchanged(table: UnitTable) -> None:
    for name in ("US dollar", "euro", "South Korean won", "Hong Kong dollar"):
        u = table.get(name)
        assert (u.factor, u.offset, u.base_name) == (1.0, 0.0, name)
        assert u.base_symbol == u.symbol
    for name in ("percent", "basis point", "percentage point"):
        u = table.get(name)
        assert u.kind is Kind.PERCENTAGE
        assert (u.factor, u.base_name) == (1.0, name)


def test_kinds(table: UnitTable) -> None:
    assert table.get("kilometre").kind is Kind.MEASUREMENT
    assert table.get("hour").kind is Kind.DURATION
    assert table.get("euro").kind is Kind.MONEY
    assert table.get("dozen").kind is Kind.COUNT
    assert table.get("per mille").kind is Kind.PERCENTAGE
    assert table.get("byte").dimension == "data storage"


def test_display_symbols(table: UnitTable) -> None:
    """The SI's symbols: superscripts for squares and cubes, the Greek mu for micro."""
    for name, symbol in [
        ("square metre", "m²"),
        ("square kilometre", "km²"),
        ("cubic centimetre", "cm³"),
        ("cubic millimetre", "mm³"),
        ("micrometre", "μm"),
        ("microgram", "μg"),
        ("micromolar", "μM"),
        ("microlitre", "μL"),
        ("millilitre", "mL"),
        ("litre", "L"),
        ("hectare", "ha"),
        ("metre per second", "m/s"),
        ("degree", "°"),
        ("molar", "M"),
    ]:
        assert table.get(name).symbol == symbol, name
    assert table.get("millimolar").base_symbol == "mol/m³"
    assert table.candidates("M", 0) == [] and table.candidates("5 molar teeth", 2) == []


def test_quantulum_names_of_split_units_still_resolve(table: UnitTable) -> None:
    assert table.get("degree angle") is table.get("degree")
    assert table.get("cubic centimetre").name == "cubic centimetre"
    assert "mL" not in table.surfaces("cubic centimetre")
    assert "kL" not in table.surfaces("cubic metre")


# ---------------------------------------------------------------------- compound units

COMPOUNDS = [
    # (text, surface, name, symbol, dimension, factor to the base)
    ("mg/L", "mg/L", "milligram per litre", "mg/L", "density", 1e-3),
    ("μg/ml", "μg/ml", "microgram per millilitre", "μg/mL", "density", 1e-3),
    ("m s−1", "m s−1", "metre per second", "m/s", "speed", 1),
    ("km s −1", "km s −1", "kilometre per second", "km/s", "speed", 1000),
    ("km/s²", "km/s²", "kilometre per square second", "km/s²", "acceleration", 1000),
    ("W m−2", "W m−2", "watt per square metre", "W/m²", "irradiance", 1),
    ("mWm−2)", "mWm−2", "milliwatt per square metre", "mW/m²", "irradiance", 1e-3),
    ("W/m2", "W/m2", "watt per square metre", "W/m²", "irradiance", 1),
    ("g cm−3", "g cm−3", "gram per cubic centimetre", "g/cm³", "density", 1000),
    ("g/cm 3.", "g/cm 3", "gram per cubic centimetre", "g/cm³", "density", 1000),
    ("kg/m3", "kg/m3", "kilogram per cubic metre", "kg/m³", "density", 1),
    ("cm−1", "cm−1", "reciprocal centimetre", "cm⁻¹", "length⁻¹", 100),
    ("s-1", "s-1", "inverse second", "s⁻¹", "frequency", 1),
    ("kgs-1", "kgs-1", "kilogram per second", "kg/s", "mass flow", 1),
    ("μm2", "μm2", "square micrometre", "μm²", "area", 1e-12),
    ("km^3", "km^3", "cubic kilometre", "km³", "volume", 1e9),
    ("mmol/L", "mmol/L", "millimole per litre", "mmol/L", "molar concentration", 1),
    (
        "ml.kg −1 .min −1",
        "ml.kg −1 .min −1",
        "millilitre per kilogram per minute",
        "mL/(kg·min)",
        "volume/(mass·time)",
        1e-6 / 60,
    ),
    ("l · day −1", "l · day −1", "litre per day", "L/d", "volumetric flow", 1e-3 / 86400),
    ("mPa.s", "mPa.s", "millipascal second", "mPa·s", "dynamic viscosity", 1e-3),
    ("°C/min", "°C/min", "degree Celsius per minute", "°C/min", "temperature/time", 1 / 60),
    ("meters per millisecond", "meters per millisecond", "metre per millisecond", "m/ms", "speed", 1000),
    ("mg per day", "mg per day", "milligram per day", "mg/d", "mass flow", 1e-6 / 86400),
    (
        "J/m^2 per year",
        "J/m^2 per year",
        "joule per square metre per year",
        "J/(m²·yr)",
        "energy/(length²·time)",
        1 / 31557600,
    ),
    ("kg/mm2", "kg/mm2", "kilogram per square millimetre", "kg/mm²", "mass/length²", 1e6),
    (
        "micrograms per cubic metre",
        "micrograms per cubic metre",
        "microgram per cubic metre",
        "μg/m³",
        "density",
        1e-9,
    ),
    ("kg per sq m", "kg per sq m", "kilogram per square metre", "kg/m²", "mass/length²", 1),
]


@pytest.mark.parametrize(("text", "surface", "name", "symbol", "dimension", "factor"), COMPOUNDS)
def test_compound_units(
    table: UnitTable, text: str, surface: str, name: str, symbol: str, dimension: str, factor: float
) -> None:
    m = first(table, text + " rest")
    assert (m.surface, m.unit.name, m.unit.symbol, m.unit.dimension) == (surface, name, symbol, dimension)
    assert m.unit.to_base(1) == pytest.approx(factor, rel=1e-9)
    assert m.unit.kind is Kind.MEASUREMENT and not m.ambiguous
    assert first(table, text + " rest").unit is m.unit  # made once


NOT_COMPOUNDS = [
    # (text, what the first candidate is: surface and unit, or None)
    ("S/N ratio", None),  # single capitals: an abbreviation
    ("N/A", None),
    ("C.P", None),  # "C." then a letter: an abbreviation
    ("kg.Then", None),
    ("mg/kg 3 times a day", ("mg/kg", "milligram per kilogram")),
    ("m-3 m", ("m", "metre")),  # a range of metres, not m⁻³
    ("h/day", ("h", "hour")),  # a share of time stays a duration
    ("hours per day", ("hours", "hour")),
    ("kg m", ("kg", "kilogram")),  # a blank joins only a unit with a power
    ("m 2 times", ("m", "metre")),
    ("% per year", ("%", "percent")),  # percentages, money and counts are not composed
    ("dollars per hour", ("dollars", "US dollar")),
    ("times per week", ("times", "count")),
]


@pytest.mark.parametrize(("text", "want"), NOT_COMPOUNDS)
def test_not_compound_units(table: UnitTable, text: str, want: tuple[str, str] | None) -> None:
    got = table.candidates(text, 0)
    if want is None:
        assert got == [] or got[0].end < len(text.split()[0])
    else:
        assert (got[0].surface, got[0].unit.name) == want


# ---------------------------------------------------------------------- matching rules


def test_word_boundary(table: UnitTable) -> None:
    assert table.candidates("inside", 0) == []
    assert table.candidates("mile", 0)[0].unit.name == "mile"
    assert all(m.unit.name != "metre" for m in table.candidates("miles", 0))
    assert [m.unit.name for m in table.candidates("mm.", 0)] == ["millimetre"]
    assert first(table, "in.").unit.name == "inch"
    assert table.candidates("minx", 0) == []


def test_abbreviations_with_dots_are_not_units(table: UnitTable) -> None:
    assert table.candidates("p.m.", 0) == []
    assert table.candidates("a.m.", 0) == []
    assert table.candidates("5 pm", 2) == []  # picometre's "pm" is dropped
    # stere's "st" is dropped; the stone's is read glued ("15st"), after the ordinal rule took "1st"
    assert [m.unit.name for m in table.candidates("1st", 1)] == ["stone"]


def test_case(table: UnitTable) -> None:
    assert first(table, "m").unit.name == "metre"
    assert table.candidates("M", 0) == []  # the molar's "M" is shown, never read
    assert first(table, "B").unit.name == "byte"
    assert first(table, "b").unit.name == "bit"
    assert first(table, "MB").unit.name == "megabyte"
    assert first(table, "Mb").unit.name == "megabit"
    assert first(table, "F").unit.name == "degree Fahrenheit"
    assert first(table, "C").unit.name == "degree Celsius"
    assert first(table, "KILOMETRES").unit.name == "kilometre"
    assert table.candidates("KM", 0) == []  # symbols keep their case


def test_longest_first(table: UnitTable) -> None:
    got = table.candidates("km/h", 0)
    assert [(m.unit.name, m.end) for m in got] == [("kilometre per hour", 4), ("kilometre", 2)]
    got = table.candidates("square kilometres of land", 0)
    assert got[0].unit.name == "square kilometre" and got[0].end == len("square kilometres")
    got = table.candidates("30°C", 2)
    assert (got[0].unit.name, got[0].surface) == ("degree Celsius", "°C")


def test_offsets_inside_text(table: UnitTable) -> None:
    text = "It ran 35-kilometres and 5km, then 10 basis\u00a0points."
    m = first(table, text, text.index("kilometres"))
    assert text[m.start : m.end] == "kilometres" == m.surface
    m = first(table, text, text.index("km,"))
    assert (m.unit.name, m.surface) == ("kilometre", "km")
    m = first(table, text, text.index("basis"))
    assert m.unit.name == "basis point" and m.surface == "basis\u00a0points"
    assert table.candidates(text, len(text)) == []
    assert table.candidates("5 \nkm", 2) == []


def test_ambiguous_flags(table: UnitTable) -> None:
    def amb(s: str) -> bool:
        return first(table, s).ambiguous

    for s in ("in", "m", "s", "C", "F", "times", "sets", "pairs", "gross", "bar", "'", "pc"):
        assert amb(s), s
    for s in ("um", "pg", "''", "RM"):
        assert amb(s), s
    for s in (
        "km",
        "kg",
        "years",
        "won",
        "yen",
        "pounds",
        "degrees",
        "seconds",
        "%",
        "mph",
        "cups",
        "quarters",
    ):
        assert not amb(s), s
    for s in ("ka", "dm", "au", "ml", "mM"):
        assert not amb(s), s


# ---------------------------------------------------------------------- loading


def test_no_overlay_keeps_quantulum_names() -> None:
    plain = UnitTable.load()
    assert "united states dollar" in plain.units and "US dollar" not in plain
    assert plain.examples == []
    assert plain.versions["quantulum3"] == "0.10.0"
    assert "bushel" in plain.unconverted and "base pair" in plain.unconverted


def test_overlay_converts_the_bushel(table: UnitTable) -> None:
    assert "bushel" not in table.unconverted and "base pair" in table.unconverted
    assert table.get("bushel").to_base(1) == pytest.approx(0.03523907016688)


def test_runtime_imports_neither_quantulum_nor_pint() -> None:
    code = (
        "import sys; from pathlib import Path; from quantspan.engine.units import UnitTable; "
        f"UnitTable.load(overlay_path=Path({str(OVERLAY)!r})); "
        "bad = [m for m in ('quantulum3', 'pint') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_load_is_fast() -> None:
    UnitTable.load(overlay_path=OVERLAY)
    t = time.perf_counter()
    UnitTable.load(overlay_path=OVERLAY)
    assert time.perf_counter() - t < 0.5


def test_every_overlay_entry_has_an_example(table: UnitTable) -> None:
    doc = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    assert doc["family"] == "units"
    names = [e["name"] for e in doc["units"]]
    with_examples = {name for name, _ in table.examples}
    assert [n for n in names if n not in with_examples] == []
    for _, ex in table.examples:
        assert set(ex) <= {"text", "expect"}


# ---------------------------------------------------------------------- overlay validation


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "units.yaml"
    path.write_text(body, encoding="utf-8")
    return path


BAD_OVERLAYS = [
    ("units:\n  - name: furlong\n    colour: red\n", "units.yaml:furlong:colour"),
    ("units:\n  - symbols: [x]\n", "units.yaml:units[0]:name"),
    ("units:\n  - name: furlong\n    kind: LENGTH\n", "units.yaml:furlong:kind"),
    ("units:\n  - name: furlong\n    factor: big\n", "units.yaml:furlong:factor"),
    ("units:\n  - name: furlong\n    surfaces: furlongs\n", "units.yaml:furlong:surfaces"),
    ("units:\n  - name: furlong\n    drop_symbols: [zz]\n", "units.yaml:furlong:drop_symbols"),
    ("units:\n  - name: widget\n    surfaces: [widget]\n", "units.yaml:widget:kind"),
    ("units:\n  - name: W2\n    kind: COUNT\n    dimension: x\n    factor: 2\n", "units.yaml:W2:base_name"),
    ("units:\n  - name: buck\n    replaces: [no such unit]\n", "units.yaml:buck:replaces"),
    # prefixes are for currencies and measurements ("magnitude 6.1"), not for a duration
    ("units:\n  - name: second\n    prefixes: [S$]\n", "units.yaml:second:prefixes"),
    ("units:\n  - name: metre\n  - name: metre\n", "units.yaml:metre:name"),
    (
        "units:\n  - name: metre\n    examples: [{text: a 5 m wall, expect: [{text: 6 m}]}]\n",
        "units.yaml:metre:examples[0]:expect[0]:text",
    ),
    ("units:\n  - name: metre\n    examples: [{text: a, when: b}]\n", "units.yaml:metre:examples[0]:when"),
    ("colours: []\n", "units.yaml:colours"),
    ("family: numbers\n", "units.yaml:family"),
    ("ambiguous:\n  remove: [kilometre]\n", "units.yaml:ambiguous:remove"),
    ("ambiguous:\n  add: [no-such-surface]\n", "units.yaml:ambiguous:add"),
    ("ambiguous:\n  flip: [m]\n", "units.yaml:ambiguous:flip"),
]


@pytest.mark.parametrize(("body", "where"), BAD_OVERLAYS)
def test_overlay_errors_name_file_entry_field(tmp_path: Path, body: str, where: str) -> None:
    with pytest.raises(RulesError) as e:
        UnitTable.load(overlay_path=write(tmp_path, body))
    assert e.value.where == where
    assert str(e.value).startswith(where + ": ")


def test_overlay_adds_patches_and_replaces(tmp_path: Path) -> None:
    body = """
family: units
units:
  - name: widget
    kind: COUNT
    dimension: dimensionless
    surfaces: [widget, widgets]
    examples: [{text: "5 widgets", expect: [{text: "5 widgets", kind: COUNT, value: 5}]}]
  - name: smoot
    kind: MEASUREMENT
    dimension: length
    symbols: [smt]
    factor: 1.7018
    base_name: metre
    base_symbol: m
    ambiguous: true
  - name: buck
    replaces: [dollar]
    symbol: "$"
  - name: furlong
    drop_symbols: [fur]
    surfaces: [furlongs of track]
"""
    t = UnitTable.load(overlay_path=write(tmp_path, body))
    assert first(t, "widgets").unit.kind is Kind.COUNT
    m = first(t, "smt")
    assert m.ambiguous and m.unit.to_base(10) == pytest.approx(17.018)
    assert t.get("dollar").name == "buck" and first(t, "$").unit.name == "buck"
    assert t.get("buck").base_name == "buck" and t.get("buck").currency_code == "USD"
    assert table_names(t, "fur") == []
    assert first(t, "furlongs of track").unit.name == "furlong"
    assert t.examples == [
        ("widget", {"text": "5 widgets", "expect": [{"text": "5 widgets", "kind": "COUNT", "value": 5}]})
    ]
    with pytest.raises(KeyError):
        t.get("smoots")


def table_names(t: UnitTable, text: str) -> list[str]:
    return [m.unit.name for m in t.candidates(text, 0)]


# ---------------------------------------------------------------------- the committed JSON


def test_json_records_versions_and_gaps() -> None:
    data = json.loads(DEFAULT_CACHE.read_text(encoding="utf-8"))
    assert data["versions"]["quantulum3"] == "0.10.0"
    assert "pint" in data["versions"]
    assert "base pair" in data["unconverted"]
    assert "in" in data["ambiguous"]
    assert data["units"]["kilometre"]["method"] == "pint"
    assert data["units"]["millimolar"]["method"] == "prefixed"
    assert data["bases"]["speed"] == {"name": "metre per second", "symbol": "m/s"}


def test_committed_json_is_fresh() -> None:
    pytest.importorskip("quantulum3")
    pytest.importorskip("pint")
    from quantspan.engine.unitbuild import build_table, render

    built = build_table()
    committed = DEFAULT_CACHE.read_text(encoding="utf-8")
    assert built == json.loads(committed), "units_en.json is stale: run `make units`"
    assert render(built) == committed
