"""Engine unit tests: the API, the value model, validation at load, offsets."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from quantspan.engine import (
    ExtractionTimeout,
    Extractor,
    InvalidRequest,
    Kind,
    Modifier,
    OffsetMapper,
    RulesError,
    UnsupportedLanguage,
    default_rules_dir,
    numparse,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d0e80a7b2713b16c.txt"


def one(extractor: Extractor, text: str):
    qs = extractor.extract(text).quantities
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


def test_spans_slice_the_text(extractor: Extractor) -> None:
    text = SEED.read_text(encoding="utf-8")
    for q in extractor.extract(text).quantities:
        assert text[q.start : q.end] == q.text
        assert q.rules, q.text


def test_typographic_spaces_read_as_spaces_and_are_returned(extractor: Extractor) -> None:
    text = "It earned \u20ac1.2\u00a0billion on 5\u00a0May, and 1\u202f500\u2009tonnes."
    result = extractor.extract(text, explain=True)
    assert [(q.text, q.value) for q in result.quantities] == [
        ("\u20ac1.2\u00a0billion", 1.2e9),
        ("1\u202f500\u2009tonnes", 1500),
    ]
    for item in (*result.quantities, *result.rejections):
        assert text[item.start : item.end] == item.text
    assert [r.text for r in result.rejections] == ["5"]  # a date, "5\u00a0May"


def test_same_input_same_output(extractor: Extractor) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert extractor.extract(text) == extractor.extract(text)


@pytest.mark.parametrize(
    ("text", "modifier", "low", "high", "low_inc", "high_inc"),
    [
        ("at least 5 ships", Modifier.AT_LEAST, 5, None, True, False),
        ("more than 5 ships", Modifier.MORE_THAN, 5, None, False, False),
        ("up to 5 ships", Modifier.AT_MOST, None, 5, False, True),
        ("fewer than 5 ships", Modifier.LESS_THAN, None, 5, False, False),
        ("nearly 5 ships", Modifier.NEARLY, None, 5, False, False),
        ("between 5 and 7 ships", Modifier.RANGE, 5, 7, True, True),
        ("thousands of ships", Modifier.VAGUE, 2000, 10000, True, False),
    ],
)
def test_interval_model(extractor: Extractor, text, modifier, low, high, low_inc, high_inc) -> None:
    q = one(extractor, text)
    assert q.modifier is modifier
    assert (q.low, q.high, q.low_inclusive, q.high_inclusive) == (low, high, low_inc, high_inc)
    assert q.approximate == (modifier in (Modifier.NEARLY, Modifier.VAGUE))


def test_exact_value_is_a_point(extractor: Extractor) -> None:
    q = one(extractor, "12,000 troops")
    assert (q.value, q.low, q.high, q.modifier) == (12000, 12000, 12000, Modifier.EXACT)


def test_normalized_to_base_units(extractor: Extractor) -> None:
    q = one(extractor, "a 3-mile stretch")
    value, _, _, base = q.normalized
    assert base.name == "metre"
    assert value == pytest.approx(3 * 1609.344)
    q = one(extractor, "minus 12 degrees Celsius")
    value, _, _, base = q.normalized
    assert q.value == -12
    assert base.name == "kelvin"
    assert value == pytest.approx(261.15)


def test_money_keeps_its_currency(extractor: Extractor) -> None:
    q = one(extractor, "£320m")
    value, _, _, base = q.normalized
    assert (q.kind, q.unit.currency_code, base.currency_code, value) == (Kind.MONEY, "GBP", "GBP", 320e6)


def test_kinds_filter(extractor: Extractor) -> None:
    text = "It cost $5 million and took 3 hours for 40 people."
    got = extractor.extract(text, kinds=[Kind.MONEY, Kind.DURATION]).quantities
    assert [q.kind for q in got] == [Kind.MONEY, Kind.DURATION]
    assert [q.kind for q in extractor.extract(text, kinds=["COUNT"]).quantities] == [Kind.COUNT]
    with pytest.raises(InvalidRequest):
        extractor.extract(text, kinds=["LENGTH"])
    # the filter keeps the kinds of the full reading: "48" is a percentage once "52 percent"
    # is read, which a filter applied number by number would have let through as a count
    text = "Support rose from 48 to 52 percent among 300 voters."
    assert [q.text for q in extractor.extract(text, kinds=["COUNT"]).quantities] == ["300"]
    assert [q.text for q in extractor.extract(text, kinds=["PERCENTAGE"]).quantities] == ["48", "52 percent"]


def test_language_tags(extractor: Extractor) -> None:
    assert extractor.extract("5 km", language="en-GB").quantities
    assert extractor.extract("5 km", language="").quantities
    with pytest.raises(UnsupportedLanguage):
        extractor.extract("5 km", language="fr")


def test_explain_lists_rejections(extractor: Extractor) -> None:
    text = "They met on June 18 in Seoul; Flight 370 left at 9:30 a.m. in 2014."
    result = extractor.extract(text, explain=True)
    assert result.quantities == []
    reasons = {r.text: r.reason for r in result.rejections}
    assert reasons["18"] == "a date"
    assert reasons["370"] == "an identifier"
    assert reasons["9:30 a.m."] == "a clock time"
    assert reasons["2014"] == "a year"
    assert not extractor.extract(text).rejections  # only on request


def test_deadline_stops_the_work(extractor: Extractor) -> None:
    with pytest.raises(ExtractionTimeout):
        extractor.extract("5 km, " * 20000, deadline=time.monotonic() - 1)


def test_empty_text(extractor: Extractor) -> None:
    assert extractor.extract("").quantities == []


def test_offsets_in_three_systems() -> None:
    text = "naïve 😀 café ₩5,000"
    m = OffsetMapper(text)
    start = text.index("₩")
    m.prepare([start, len(text)])
    assert len(text[:start].encode("utf-8")) == m.utf8(start)
    assert len(text[:start].encode("utf-16-le")) // 2 == m.utf16(start)
    assert m.utf8(len(text)) == len(text.encode("utf-8"))
    ascii_map = OffsetMapper("plain 5 km")
    assert ascii_map.utf8(6) == ascii_map.utf16(6) == 6


# ---------------------------------------------------------------- validation at load
@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    shutil.copytree(default_rules_dir(), tmp_path / "rules")
    return tmp_path / "rules"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_key_names_file_rule_field(rules_copy: Path) -> None:
    edit(
        rules_copy / "en" / "modifiers.yaml",
        "    modifier: AT_LEAST\n",
        "    modifier: AT_LEAST\n    colour: red\n",
    )
    with pytest.raises(RulesError, match=r"modifiers\.yaml:at least\|no fewer than <number>:colour"):
        Extractor.load(rules_copy)


def test_duplicate_rule_name(rules_copy: Path) -> None:
    edit(rules_copy / "en" / "ranges.yaml", 'name: "from <q> to <q>"', 'name: "between <q> and <q>"')
    with pytest.raises(RulesError, match="duplicate rule name"):
        Extractor.load(rules_copy)


def test_a_key_written_twice_names_the_file(rules_copy: Path) -> None:
    # YAML would keep the second "modifier:" silently; the loader refuses it
    twice = "    modifier: TOLERANCE\n    modifier: RANGE\n"
    edit(rules_copy / "en" / "ranges.yaml", "    modifier: TOLERANCE\n", twice)
    with pytest.raises(RulesError, match=r"(?s)ranges\.yaml.*found the key 'modifier' twice.*line \d+"):
        Extractor.load(rules_copy)


def test_bad_regex(rules_copy: Path) -> None:
    edit(rules_copy / "en" / "exclusions.yaml", "shape: '\\d{1,2}'", "shape: '(\\d{1,2}'")
    with pytest.raises(RulesError, match=r"exclusions\.yaml:<month> <day>:shape"):
        Extractor.load(rules_copy)


def test_unknown_rule_unit(rules_copy: Path) -> None:
    edit(rules_copy / "en" / "numbers.yaml", "    unit: second\n", "    unit: secund\n")
    with pytest.raises(RulesError, match=r"numbers\.yaml:race time .*:unit.*secund"):
        Extractor.load(rules_copy)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2:01:09", 7269.0), ("3:50.07", 230.07), ("1:59:40.2", 7180.2), ("1:60:00", None), ("12:75", None)],
)
def test_clock_times_read_in_seconds(text: str, seconds: float | None) -> None:
    got = numparse.parse_clock(text)
    assert got == pytest.approx(seconds) if seconds is not None else got is None


@pytest.mark.parametrize(
    ("text", "inches"),
    [("6-foot-2", 74.0), ("5-feet-11", 71.0), ("5-foot-10-inch", 70.0), ("6-foot-12", None)],
)
def test_heights_read_in_inches(text: str, inches: float | None) -> None:
    assert numparse.parse_height(text) == inches


@pytest.mark.parametrize(
    ("text", "value"), [("4-3/4", 4.75), ("2‐1/2", 2.5), ("3 1/2", 3.5), ("4-3/5", 4.6), ("4-5/4", None)]
)
def test_mixed_fractions_read_with_a_space_or_a_hyphen(text: str, value: float | None) -> None:
    got = numparse.parse_fraction(text)
    assert got == pytest.approx(value) if value is not None else got is None


@pytest.mark.parametrize(("text", "value"), [("6.02-1/2", 6.025), ("11.58-3/4", 11.5875), ("5.8-1/4", 5.825)])
def test_a_fraction_after_decimals_is_of_the_last_decimal_place(text: str, value: float) -> None:
    assert numparse.parse_fraction(text) == value  # exact: read to 12 significant digits


@pytest.mark.parametrize(
    ("text", "value"),
    [("8.2 million people", 8_200_000.0), ("8.3m people", 8_300_000.0), ("$4.6bn", 4_600_000_000.0)],
)
def test_scale_words_multiply_to_the_written_decimal(extractor: Extractor, text: str, value: float) -> None:
    # exact: the binary product of 8.2 and a million is 8199999.999999999
    assert extractor.extract(text).quantities[0].value == value


@pytest.mark.parametrize(
    ("text", "value"), [("3:1", 3.0), ("1:4", 0.25), ("1:7.5", 1 / 7.5), ("93:7", 93 / 7), ("5:0", None)]
)
def test_proportions_read_as_first_over_second(text: str, value: float | None) -> None:
    got = numparse.parse_proportion(text)
    assert got == pytest.approx(value) if value is not None else got is None


def test_unknown_lexicon(rules_copy: Path) -> None:
    edit(rules_copy / "en" / "modifiers.yaml", "before: at_least", "before: at_lest")
    with pytest.raises(RulesError, match="unknown lexicon 'at_lest'"):
        Extractor.load(rules_copy)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # a piece named like a lexicon would hide it
        ("      denominator_plural: |-", "      teen_words: |-", "teen_words.*name of a lexicon"),
        ("      scale_after_number: |-", "      scale_after_numbr: |-", "scale_after_numbr.*uses no piece"),
        ("(?P<num>{below_hundred})", "(?P<num>{below_hundreds})", "unknown lexicon {below_hundreds}"),
    ],
)
def test_pieces_of_a_number_pattern_are_checked_at_load(
    rules_copy: Path, old: str, new: str, message: str
) -> None:
    edit(rules_copy / "en" / "numbers.yaml", old, new)
    with pytest.raises(RulesError, match=rf"numbers\.yaml:number words:.*{message}"):
        Extractor.load(rules_copy)


def test_rules_version_follows_content(rules_copy: Path) -> None:
    before = Extractor.load(rules_copy).rules_version
    assert before == Extractor.load(default_rules_dir()).rules_version
    edit(rules_copy / "en" / "lexicons.yaml", "approximate: [about,", "approximate: [about, circa2,")
    assert Extractor.load(rules_copy).rules_version != before


def test_a_list_shares_the_unit_written_last(extractor: Extractor) -> None:
    qs = extractor.extract("the bands at 3.2, 4.9 and 7.3 mm").quantities
    assert [(q.text, q.value, q.unit.name) for q in qs] == [
        ("3.2", 3.2, "millimetre"),
        ("4.9", 4.9, "millimetre"),
        ("7.3 mm", 7.3, "millimetre"),
    ]
    assert "in 2019" not in [q.text for q in extractor.extract("in 2019 and 2020 5 km").quantities]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Among children under five, 40% are stunted.", ("under five", Kind.COUNT)),
        ("bone (n = 37, 55%) and liver", ("= 37", Kind.COUNT)),  # a comma alone is no list
        ("the majority were men (88,3%).", ("88", Kind.PERCENTAGE)),  # a decimal comma, glued
        ("rates of 5, 6, or 7% apply", ("5", Kind.PERCENTAGE)),  # a list with "or"
    ],
)
def test_a_comma_alone_before_the_last_number_is_no_list(
    extractor: Extractor, text: str, first: tuple[str, Kind]
) -> None:
    q = extractor.extract(text).quantities[0]
    assert (q.text, q.kind) == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They scored 2 in 5 minutes.", ["2", "5 minutes"]),  # a time, not a share
        ("He was jailed 3 in 2019.", ["3"]),  # a year, not a share
        ("Seven in three is no share.", ["Seven", "three"]),  # larger first
    ],
)
def test_not_a_ratio(extractor: Extractor, text: str, expected: list[str]) -> None:
    assert [q.text for q in extractor.extract(text).quantities] == expected


def test_word_triggers_when_lower_casing_grows_the_text(extractor: Extractor) -> None:
    # "İ" lower-cases to two code points; the word scan must keep the text's own offsets
    for text in ("İstanbul has five bridges and İzmir two.", "Five bridges and two."):
        found = [(q.text, text[q.start : q.end]) for q in extractor.extract(text).quantities]
        assert [a for a, _ in found] == ["five" if "İ" in text else "Five", "two"]
        assert all(a == b for a, b in found)
