"""Extractor: loads the rules once, then extracts quantities from text (thread-safe).

One compiled scan finds number anchors (digits, number words, vague magnitudes); around each
anchor the engine looks up, in dicts built at load, a scale word, a currency sign, a unit, cue
words and exclusions. Adjacent anchors joined by a connector become ranges. Nothing is
compiled or rebuilt per call, and the extractor holds no per-call state.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import regex

from quantspan.engine import numparse
from quantspan.engine.errors import ExtractionTimeout, InvalidRequest, RulesError, UnsupportedLanguage
from quantspan.engine.model import (
    APPROXIMATE_MODIFIERS,
    COUNT_UNIT,
    Extraction,
    Kind,
    Modifier,
    Quantity,
    Rejection,
    Unit,
)
from quantspan.engine.phrases import (
    PhraseIndex,
    PhraseMatcher,
    first_token,
    last_token,
    tokens_after,
    tokens_before,
)
from quantspan.engine.rules import TOKEN_RE, Lexicon, Rule, Ruleset, load_ruleset
from quantspan.engine.scanner import Scanner
from quantspan.engine.units import UnitMatch, UnitTable

DEADLINE_CHECK_EVERY = 64
SPACES = " \t\u00a0\u202f\u2009"
UNIT_SEPARATORS = SPACES + "-‐"
MAX_GAP = 24  # longest text between the two ends of a range
MAX_MATCH = 512  # longest text one number pattern may take
MEMO_MAX = 1 << 14  # entries of a per-language memo before it starts afresh
AFTER_TOKENS = 8  # tokens read after a number: cues, exclusions and the counted noun
NOUN_LIST_TOKENS = 12  # tokens read for a list of nouns after a counted noun
SENTENCE_WINDOW = 200  # how far back the start of a number's sentence is looked for
# how far back the verb of an object is read ("estimated damage and economic losses in Lebanon at")
OBJECT_WINDOW = 80
OBJECT_MAX_TOKENS = 4  # the longest object of a verb of change ("its annual cash earnings")
MEASURE_MAX_WORDS = 4  # the longest measure "of" an amount ("a consolidated net profit of")
WORTH_MAX_WORDS = 4  # the longest noun before "worth" ("confiscated personal assets worth")
SIZE_NOUN_WORDS = 3  # the words after "-strong" that name what it counts ("multinational force")
NEAR_AMOUNTS = 4  # the amounts before a measurement that may stand between its verb and it
SUBJECT_MAX_TOKENS = 32  # the verb of change comes within this many tokens of the sentence start
SUBJECT_CLAUSE_CHARS = 200  # ... or of a long sentence's last clause, opened this far back at most
UNIT_ELIDED_GAP = 60  # longest text between an amount and a bare number that repeats its unit
DOCUMENT_CONTEXT_CHARS = 4000  # how far before a number's sentence a country is looked for
SENTENCE_CONTEXT_CHARS = 160  # how far either side of a number its sentence is read for context
MONEY_CONTEXT_CHARS = 120  # how far before a number a word of price is looked for ("pounds")
MAX_CHANGE_GAP = 60  # the most text between an amount and ", up 94%" that changes it
CHANGE_RATIO = 3.0  # after "rose", "A to B" with B above this many times A is a change and a level


def default_rules_dir() -> Path:
    """The rules shipped with the package: ``rules/`` at the project root."""
    return Path(__file__).resolve().parents[3] / "rules"


@dataclass(slots=True)
class Atom:
    """A number with what is glued to it, before ranges and cues are applied."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    rules: list[str]
    scale: float = 1.0
    unit: Unit | None = None
    prefix_unit: bool = False
    vague: tuple[float, float] | None = None
    modifier: Modifier = Modifier.EXACT
    approximate: bool = False
    post_cue: bool = False
    below_zero: bool = False  # "20 below zero": a reading, no count of anything after it
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    # tokens around the number, computed once: before `start` (as of before_at), after num_end
    before_toks: list[tuple[str, int]] | None = None
    before_at: int = -1
    after_toks: list[tuple[str, int]] | None = None

    def before(self, text: str) -> list[tuple[str, int]]:
        """The tokens right before the quantity's current start."""
        if self.before_toks is None or self.before_at != self.start:
            self.before_toks = tokens_before(text, self.start)
            self.before_at = self.start
        return self.before_toks

    def after_number(self, text: str) -> list[tuple[str, int]]:
        """The tokens right after the number and its scale word (enough for the counted noun
        too, so a bare number reads them once)."""
        if self.after_toks is None:
            self.after_toks = tokens_after(text, self.num_end, AFTER_TOKENS)
        return self.after_toks

    bound_rules: list[str] = field(default_factory=list)


class Language:
    """The compiled rules of one language."""

    def __init__(self, ruleset: Ruleset, units: UnitTable) -> None:
        self.ruleset = ruleset
        self.units = units
        lex = ruleset.lexicons
        self.letters_spaced = frozenset(lex["unit_letters_spaced"].phrases)
        self.letters_spaced_final = frozenset(lex["unit_letters_spaced_final"].phrases)
        self.letters_spaced_of = frozenset(lex["unit_letters_spaced_of"].phrases)  # "3 to 4 L of wine"
        money = lex.get("money_after_scale")  # optional
        self.money_after_scale = frozenset(p.lower() for p in money.phrases) if money else frozenset()
        self.and_a_half: PhraseMatcher[str] = PhraseMatcher()
        self.and_a_half.add(lex["and_a_half"], "half")
        # the same phrase joined by hyphens to the number: "a six-and-a-half-year sentence",
        # "served three-and-a-half years"
        self.hyphen_half = regex.compile(
            "[-‐](?:"
            + "|".join("[-‐]".join(map(regex.escape, p.split())) for p in lex["and_a_half"].phrases)
            + r")(?=[-‐]|[ \t]+[^\W\d_])",
            regex.IGNORECASE,
        )
        self.any_subunits = frozenset(lex["subunit_of_any_currency"].phrases)
        relative = lex.get("relative_time_after")  # optional: "a year earlier" is no rate
        self.relative_time_after: regex.Pattern[str] | None = None
        if relative is not None and relative.phrases:
            self.relative_time_after = regex.compile(r"[ \t]+" + relative.alternation() + r"\b")
        self.money_context = _words_re(lex.get("money_context"))  # optional
        # "The Dow rose 120 Monday": a day or a month names no counted noun
        self.calendar_words = frozenset(
            p for key in ("weekday", "month") if key in lex for p in lex[key].phrases if " " not in p
        )
        money_of = lex.get("money_of")  # optional: "40 billion pounds of tax rises"
        self.money_of = frozenset(p.lower() for p in money_of.phrases) if money_of else frozenset()
        # a sign of several currencies ("¥": yen or yuan) takes the one whose lexicon
        # currency_context_<code> has a word in the sentence ("¥45 in Shanghai")
        self.currency_context: dict[str, regex.Pattern[str]] = {}
        self.currency_context_body: dict[str, str] = {}  # the patterns' bodies, to combine
        for name, lexicon in lex.items():
            if name.startswith("currency_context_") and (pat := _words_re(lexicon)) is not None:
                self.currency_context[name.removeprefix("currency_context_")] = pat
                self.currency_context_body[name.removeprefix("currency_context_")] = _words_body(lexicon)
        # a currency word several countries use ("peso", "pound": lexicon currency_shared_words)
        # -> the currencies of that name with a context lexicon, to choose from by the sentence
        self.shared_currencies: dict[str, list[Unit]] = {}
        shared = lex.get("currency_shared_words")
        if shared is not None and self.currency_context:
            money = [u for u in units.units.values() if u.currency_code in self.currency_context]
            for word in shared.phrases:
                # by its name, or a surface that names it ("Swedish crowns": "crown")
                named = [
                    u
                    for u in money
                    if word.lower() in u.name.lower().split()
                    or any(
                        word.lower() in s.lower().removesuffix("s").split() for s in units.surfaces(u.name)
                    )
                ]
                if named:  # the main unit of each code: "rupee", not "paisa"
                    self.shared_currencies[word.lower()] = list(
                        {u.currency_code: u for u in sorted(named, key=lambda u: u.to_base(1))}.values()
                    )
        self.mass_context = _words_re(lex.get("mass_context"))  # optional
        # "leading Trump by 3 points" in a sentence of polls: percentage points
        self.poll_context = _words_re(lex.get("poll_context"))  # optional
        # ...unless a stock index is named there, or the points are scored ("scored 40 points")
        self.poll_not_index = _words_re(lex.get("stock_indexes"))  # optional
        self.points_scored = (
            frozenset(lex["points_scored"].phrases) if "points_scored" in lex else frozenset()
        )
        # "a record $3.03 billion": a cue that stresses the number, out of its span
        outside = lex.get("span_outside")
        self.span_outside = regex.compile(rf"(?i)(?:{_words_body(outside)})\s+") if outside else None
        # "temperatures topped 80 degrees": a bare degree in a sentence of weather is a temperature
        self.weather_words = _words_re(lex.get("weather_words"))  # optional
        self.degree_unit = units.get("degree") if "degree" in units else None
        self.force_unit = units.get("pound-force") if "pound-force" in units else None
        self.sterling_unit = units.get("pound sterling") if "pound sterling" in units else None
        self.tonne_unit = units.get("tonne") if "tonne" in units and "ton" in units else None
        self.ton_unit = units.get("ton") if self.tonne_unit is not None else None
        self.metric_tons_rule = "<q> tons in a text that writes metric tons: metric tons"
        # a bare "cents" is a hundredth of the currency of the money written nearest to it
        self.cent_unit = units.get("cent") if "cent" in units else None
        self.cents_of: dict[str, Unit] = {
            u.currency_code: u
            for u in units.units.values()
            if u.kind is Kind.MONEY and u.currency_code and u.name.split()[-1] == "cent"
        }
        self.cents_rule = "<q> cents ... <money>: a hundredth of the currency written nearest"
        self.temperature_scales = tuple(
            units.get(n) for n in ("degree Celsius", "degree Fahrenheit") if n in units
        )
        # "floodwaters up to 2 meters deep": the noun before a measurement of its size
        self.size_adjectives = _words_re(lex.get("size_adjectives"))  # optional
        self.size_verbs = frozenset(lex["size_verbs"].phrases) if "size_verbs" in lex else frozenset()
        self._context_memo: dict[tuple[str, ...], regex.Pattern[str]] = {}  # see _context_before
        # the number words, which never stand in a list of counted nouns, and which, after "of
        # the", are a count whose noun the count before shares ("three of the five cruise missiles")
        self.number_words = frozenset(
            w.lower()
            for name in ("number_words", "teen_words", "tens_words", "scale_words")
            if name in lex
            for w in lex[name].phrases
        )
        self.exchange_rate_per: PhraseMatcher[str] = PhraseMatcher()  # "160 per dollar"
        if "exchange_rate_per" in lex:
            self.exchange_rate_per.add(lex["exchange_rate_per"], "rate")
        self.exchange_rate_rule = "<currency> ... <q> per dollar: a price of the currency named before"
        # the word that ends a number in words and multiplies it ("four billion", "three
        # hundred"): its scale, which the first end of a range shares ("three to four billion")
        self.word_scales: dict[str, float] = {}
        for name in ("multiplier_words", "dozen_words", "scale_words", "scale_words_after_number"):
            if name in lex and lex[name].values:
                self.word_scales.update({k.lower(): float(v) for k, v in lex[name].values.items()})
        between = lex.get("between_number_and_unit")  # optional
        self.unit_fillers = frozenset(p.lower() for p in between.phrases) if between else frozenset()
        self.zero_side: PhraseMatcher[float] = PhraseMatcher()
        for name, sign in (("below_zero", -1.0), ("above_zero", 1.0)):
            if name in lex:  # optional lexicons
                self.zero_side.add(lex[name], sign)

        # number rules that name their unit ("2:01:09" is in seconds); checked at load
        self.rule_units: dict[str, Unit] = {}
        for rule in ruleset.family("numbers"):
            if "unit" in rule.fields:
                try:
                    self.rule_units[rule.name] = units.get(str(rule.get("unit")))
                except KeyError:
                    raise RulesError(f"{rule.where}:unit", f"no unit named {rule.get('unit')!r}") from None

        # the patterns that read numbers in words by their named parts, compiled now rather than
        # on the first request that needs one (about 30 ms for the longest)
        for rule in ruleset.family("numbers"):
            if rule.fields.get("parse") == "words" and isinstance(rule.compiled.get("pattern"), str):
                numparse.compile_parts(rule.compiled["pattern"])

        # vague magnitudes first (longest words), then the number shapes, in file order
        self.scanner = Scanner(
            ruleset.family("vague") + [r for r in ruleset.family("numbers") if "pattern" in r.compiled],
            lex,
        )

        # each scale rule with a memo of the two characters a match can start with ("," and
        # " p" start none: most numbers try no scale pattern at all)
        self.scales: list[tuple[Rule, regex.Pattern[str], dict[str, bool]]] = []
        self.glued_m_unit = units.get("metre") if "metre" in units else None  # "1.5m" with no scale
        for rule in ruleset.family("numbers"):
            if "scale" in rule.compiled:
                alt = rule.compiled["scale"].alternation()
                # after a space, a lone capital ("450 K") is a unit symbol, not a scale word
                space = r"[ \t]?" if rule.get("requires_money") else r"(?:[ \t](?![A-Z](?![^\W\d_]))|)"
                if "joined_by" in rule.compiled:  # "a $1.2-billion bond"
                    space = f"(?:{rule.compiled['joined_by'].pattern})"
                self.scales.append((rule, regex.compile(rf"{space}(?P<word>{alt})(?![^\W\d_])"), {}))
        self.scale_rules = frozenset(rule.name for rule, _, _ in self.scales)

        self.mod_before: PhraseMatcher[Rule] = PhraseMatcher()
        self.mod_after: PhraseMatcher[Rule] = PhraseMatcher()
        for rule in ruleset.family("modifiers"):
            target = self.mod_before if rule.compiled["position"] == "before" else self.mod_after
            target.add(rule.compiled["lexicon"], rule)

        self.ranges: list[tuple[Rule, PhraseMatcher[Rule], PhraseMatcher[Rule] | None]] = []
        self.composites: list[tuple[Rule, PhraseMatcher[Rule], None]] = []
        self.list_and: PhraseMatcher[str] = PhraseMatcher()
        self.list_and.add(lex["list_and"], "list")
        self.list_rule = "<q>, <q> and <q> <unit>: the unit is shared"
        self.list_counted_rule = "<q>, <q> and <q> <noun>, <q> of <q> <noun>: the counted noun is shared"
        self.elided_rule = "<q> <noun> ... <q> (noun elided): the count before lends its noun"
        self.of_noun_rule = "a <noun> of <q>: the count counts the noun"
        self.subject_rule = "<plural noun> <verb of change> ... <q>: the subject names what is counted"
        self.subject_measure_rule = "<noun> <verb of change> ... <amount>: the subject names what is measured"
        self.predicate_rule = "<count> were <plural>: the plural names what is counted"
        self.object_measure_rule = "<verb> <noun> by|to|at <amount>: the object names what is measured"
        self.measure_of_rule = "a <noun> of <amount>: the noun names what is measured"
        self.worth_rule = "<noun> worth <money>: the noun names what the money is the value of"
        self.rate_after_noun_rule = "<amount> of <noun> a|per <unit of time>: the amount is a rate"
        self.rate_after_unit_rule = "<amount> <unit> a <unit of time>: the amount is a rate"
        self.change_after_rule = "<amount> <noun>, up|down <amount>: the change of the amount before"
        self.restated_rule = "<amount> (<amount>): the amount restated in another unit measures the same"
        self.unit_elided_rule = "<q> <unit> ... <q> (unit elided): the amount before lends its unit"
        self.shared_currency_rule = "<q> <peso|pound...> ... <country>: the currency of the country named"
        self.points_rule = "<q> points to|from <q>%: percentage points"
        self.poll_points_rule = "<q> points in a sentence of polls: percentage points"
        self.sized_noun_rule = "<noun> <measurement> deep|high|long: the noun is what is measured"
        self.moved_noun_rule = "with <noun> up <q>, leaving <noun> <q> higher: the noun is what moved"
        self.multiple_of_rule = "<n> times the <noun>: the noun is what the amount is a multiple of"
        self.placed_rule = "<name> came second with <q>%: the share of the vote the name won"
        self.bounded_noun_rule = "<noun of measure> above|as high as <q>: the noun is what the bound bounds"
        self.temperature_rule = "<q> degrees in a sentence of weather: the scale the text names nearest"
        self.points_unit = units.get("percentage point") if "percentage point" in units else None
        self.change_unit_rule = "from <q> to <q> <unit>: the first value of a change takes the second's unit"
        self.change_from: PhraseMatcher[str] = PhraseMatcher()
        self.change_from.add(lex["change_from"], "change")
        # every connector of a range, to tell a trailing cue from the start of one ("plus or minus")
        self.connectors: PhraseMatcher[Rule] = PhraseMatcher()
        for rule in ruleset.family("ranges"):
            conn: PhraseMatcher[Rule] = PhraseMatcher()
            conn.add(rule.compiled["connector"], rule)
            self.connectors.add(rule.compiled["connector"], rule)
            pre: PhraseMatcher[Rule] | None = None
            if rule.compiled["prefix"] is not None:
                pre = PhraseMatcher()
                pre.add(rule.compiled["prefix"], rule)
            if rule.get("composite"):
                self.composites.append((rule, conn, None))
            else:
                self.ranges.append((rule, conn, pre))

        # exclusions: the prev/next phrases of every rule in one index each, so one lookup
        # tells which rules' contexts hold; the cheap conditions on the number come first
        self.exclusions: list[_Exclusion] = []
        self.excl_prev: PhraseIndex[str] = PhraseIndex()
        self.excl_next: PhraseIndex[str] = PhraseIndex()
        for rule in ruleset.family("exclusions"):
            c = rule.compiled
            if "prev" in c:
                self.excl_prev.add(c["prev"], rule.name)
            if "next" in c:
                self.excl_next.add(c["next"], rule.name)
            self.exclusions.append(_Exclusion(rule))
        # keyed by (written, bare, value) for the number alone, plus (first, before) with the
        # characters around it
        self._excl_memo: dict[
            tuple[str, bool, float] | tuple[str, bool, float, str, str], tuple[_Exclusion, ...]
        ] = {}
        self._excl_ctx: dict[tuple[str, str], frozenset[_Exclusion]] = {}  # keyed by (first, before)
        self._excl_class: dict[tuple[int, bool, str], tuple[_Exclusion, ...]] = {}  # _number_class
        self._excl_next_memo: dict[str, frozenset[_Exclusion]] = {}  # _excl_next_ok
        self._excl_prev_memo: dict[str, frozenset[_Exclusion]] = {}  # _excl_prev_ok
        self._parsed: dict[tuple[str, str], float | None] = {}  # (rule, number as written) -> value

        # "a <unit>" rules that read as a rate right after an amount and its counted noun
        self.rate_rules = frozenset(r.name for r in ruleset.family("numbers") if r.get("rate_after_counted"))
        # numbers that count no noun ("surged 30-fold")
        self.noun_free_rules = frozenset(r.name for r in ruleset.family("numbers") if r.get("counts_nothing"))
        # ...of which these are multiples of what follows "the" ("twice the size")
        self.multiplier_rules = frozenset(
            r.name
            for r in ruleset.family("numbers")
            if r.get("parse") in ("multiplier", "fixed") and r.get("counts_nothing")
        )

        counted = ruleset.family("counted")
        self.counted = counted[0] if counted else None
        self.counted_kinds: set[Kind] = set()
        self.counted_of_kinds: set[Kind] = set()
        self.counted_in_words: PhraseMatcher[str] = PhraseMatcher()  # "$2.5 billion in military aid"
        self.counted_invest_verbs: frozenset[str] = frozenset()  # "invest $2 billion in a plant"
        self.counted_directions: frozenset[str] = frozenset()
        self.counted_in_kinds: set[Kind] = set()
        self.counted_of_plain_kinds: set[Kind] = set()
        self.counted_in_not: frozenset[str] = frozenset()
        self.counted_elided = 0
        self.elided_before: PhraseMatcher[str] = PhraseMatcher()
        self.subset_before: PhraseMatcher[str] = PhraseMatcher()  # "including two children"
        self.part_of: PhraseMatcher[str] = PhraseMatcher()  # "24 of the 31 drones"
        c = self.counted.compiled if self.counted is not None else {}
        # "majority" in "a majority of 174": a noun of count, which lets a bare count elide
        self.elided_heads = _word_set(c, "elided_heads")
        self.counted_collectives = _word_set(c, "collectives")  # "a crowd of 20,000"
        self.counted_levels = _word_set(c, "levels")  # "The PX index stood at 2,150"
        self.ratio_bases = _word_set(c, "ratio_bases")  # "a budget deficit of 4.1% of GDP"
        self.span_verbs = _word_set(c, "span_verbs")  # "Flights take two hours"
        # "Hospital admissions rose to 1,850": the plural subject of a verb of change
        self.subject_verbs = _word_set(c, "subject_verbs")
        self.subject_aux = _word_set(c, "subject_aux")
        self.subject_not = _word_set(c, "subject_not")
        self.subject_after = _word_set(c, "subject_after")
        self.subject_time_after = _word_set(c, "subject_time_after")
        self.subject_links = _word_set(c, "subject_links")
        self.subject_clause = _word_set(c, "subject_clause")  # "... after revenue rose 26%"
        self.subject_reporting = _word_set(c, "subject_reporting")  # "Nestle said net profit fell"
        self.reporting_nouns = _word_set(c, "reporting_nouns")  # "NASA's cost estimate for the mission"
        self.subject_modifiers = _word_set(c, "subject_modifiers")  # "Total revenue rose 5%"
        self.subject_base_verbs = _word_set(c, "subject_base_verbs")  # "will rise"
        self.subject_copulas = _word_set(c, "subject_copulas")  # "Turnout was 59.8%"
        self.subject_raising = _word_set(c, "subject_raising")  # "is expected to rise"
        self.subject_share_verbs = _word_set(c, "subject_share_verbs")  # "The lira has lost 14%"
        # every word that may be the verb, to skip the others fast
        # "Shares were down 4.2%": after a copula, these are verbs of change
        self.subject_predicates = _word_set(c, "subject_predicates")
        self.subject_session_verbs = _word_set(c, "subject_session_verbs")  # "Shares closed up 3%"
        self.subject_price_verbs = _word_set(c, "subject_price_verbs")  # "The house sells for $1m"
        self._subject_words = (
            self.subject_verbs
            | self.subject_base_verbs
            | self.subject_copulas
            | self.subject_share_verbs
            | self.subject_predicates
            | self.subject_session_verbs
            | self.subject_price_verbs
        )
        self._finite_verbs = self.subject_verbs | self.subject_copulas  # they open a clause
        # a comma or a semicolon and a word of subject_clause: where a later clause opens
        self._clause_open = (
            regex.compile(rf"(?r)[,;][ \t]+(?P<word>{_words_body(c['subject_clause'])})[ \t]")
            if "subject_clause" in c
            else None
        )
        self.subject_modals = _word_set(c, "subject_modals")
        # "raised its benchmark rate by 50 basis points": the object of a verb of change
        self.object_verbs = _word_set(c, "object_verbs")
        self.object_determiners = _word_set(c, "object_determiners")
        self.object_links = _word_set(c, "object_links")
        self.object_complements = _word_set(c, "object_complements")
        self.object_measures = _word_set(c, "object_measures")  # "pushed power demand to 250 GW"
        self.object_estimate_verbs = _word_set(c, "object_estimate_verbs")  # "put losses at $5bn"
        self.measure_of_not = _word_set(c, "measure_of_not")
        self.measure_worth = _word_set(c, "measure_worth")  # "heroin worth $50 million"
        self.measure_modifiers = _word_set(c, "measure_modifiers")  # "operating profit of"
        # "LONDON (Reuters) - Britain's inflation rose to 2.3%": a wire story's dateline is
        # not part of its first sentence's subject
        self.dateline: regex.Pattern[str] | None = c.get("dateline")
        # "40 737 MAX jets": a model between a count and its noun (group 1)
        self.model_before_noun: regex.Pattern[str] | None = c.get("model_before_noun")
        if self.counted is not None:
            self.counted_stop = _word_set(c, "stop")
            self.counted_skip: PhraseMatcher[str] = PhraseMatcher()
            if "skip" in c:
                self.counted_skip.add(c["skip"], "skip")
            self.counted_of = _word_set(c, "after_vague")
            self.counted_suffixes = tuple(self.counted.get("verb_suffixes") or ())
            # a plural noun ends the phrase: "adults smoke", "homes lack"
            self.counted_plurals = _word_set(c, "plurals") if "plurals" in c else None
            # verbs in -s before "to" that end a list of nouns: "3,000 people and plans to cut 500"
            self.counted_infinitive_verbs = _word_set(c, "infinitive_verbs")
            self.counted_not_plurals = _word_set(c, "not_plurals")
            # words in -ly that are no adverb: "2,400 weekly flights", "six family members"
            self.counted_not_adverbs = _word_set(c, "not_adverbs")
            # nouns in -ing or -ed, which do not end the phrase as verbs do: "fiscal spending"
            self.counted_not_verbs = _word_set(c, "not_verbs")
            self.counted_participles = _word_set(c, "participles")  # "50 stolen bases"
            # "the 463,310 analysts expected": the count is what they forecast
            self.counted_forecasters = _word_set(c, "forecasters")
            self.counted_forecast_verbs = _word_set(c, "forecast_verbs")
            self.counted_plural_of: dict[str, str] = c.get("plural_of", {})
            # listed plurals that never qualify another plural: "1 in 5 children lives in poverty"
            self.counted_not_modifiers = _word_set(c, "not_modifiers")
            self.counted_size = _word_set(c, "size_words")
            if "part_of" in c:
                self.part_of.add(c["part_of"], "part")
            self.counted_max = int(self.counted.get("max_words") or 4)
            # how far back in its sentence a bare count finds the noun it elides (0: never)
            self.counted_elided = int(self.counted.get("elided_within") or 0)
            if "elided_before" in c:
                self.elided_before.add(c["elided_before"], "verb")
            if "subset_before" in c:
                self.subset_before.add(c["subset_before"], "subset")
            # the tokens read after a bare number are enough for the counted phrase
            self.counted_reads_after = self.counted_max + 4 <= AFTER_TOKENS
            self.counted_kinds = {Kind(k) for k in self.counted.get("kinds") or ["COUNT"]}
            # kinds whose noun is read only after "of": "2.5 kg of heroin", not "15 metres long"
            self.counted_of_kinds = {Kind(k) for k in self.counted.get("of_kinds") or []}
            if "in_words" in c:
                self.counted_in_words.add(c["in_words"], "in")
            self.counted_invest_verbs = _word_set(c, "invest_verbs")
            self.counted_directions = _word_set(c, "directions")  # "40 km south of the capital"
            self.counted_in_kinds = {Kind(k) for k in self.counted.get("in_kinds") or []}
            self.counted_of_plain_kinds = {Kind(k) for k in self.counted.get("of_plain_kinds") or []}
            self.counted_in_not = _word_set(c, "in_not")
            # "850 beds and treats around 100,000": the last item was a verb with its object
            self.counted_object_starts = _word_set(c, "object_starts")
            self.counted_comparatives = _word_set(c, "comparatives")  # "a 50% lower risk"
            self.counted_qualified = _word_set(c, "qualified_nouns")  # "a 14.5% pay raise"
            self.counted_plural_modifiers = _word_set(c, "plural_modifiers")  # "appropriations bills"
            self.counted_ly_nouns = _word_set(c, "ly_nouns")  # "a 4.2-month supply"
            self.counted_adjective_plurals = _word_set(c, "adjective_plurals")  # "of the dead"
            self.counted_change_nouns = _word_set(c, "change_nouns")  # "a 21% drop in profit"
            self.place_prepositions = _word_set(c, "place_prepositions")
            self.which_adverbs = _word_set(c, "which_adverbs")
            self.total_words = _word_set(c, "total_words")
            self.peak_nouns = _word_set(c, "peak_nouns")
            self.return_nouns = _word_set(c, "return_nouns")
            self.subordinators = _word_set(c, "subordinators")
            self.irregular_participles = _word_set(c, "irregular_participles")
        # plural magnitudes, which open a count, not a noun ("and forced tens of thousands"):
        # the words of the vague rules' magnitude lexicons, and the "tens" of "tens of"
        self.vague_plurals = frozenset(
            {"tens"}
            | {
                w.lower()
                for r in ruleset.family("vague")
                for w in r.compiled["magnitudes"].values
                if w.isalpha() and w.endswith("s")
            }
        )

    # ------------------------------------------------------------------ anchors
    def _parse(self, rule: Rule, s: str) -> float | None:
        parse = rule.fields.get("parse")
        if parse == "digits":  # "12,000", "minus 5"
            return numparse.parse_digits(s, numparse.number_words(self.ruleset.lexicons).signs)
        if parse == "words":  # read with the number lexicons and the parts the pattern names
            return numparse.parse_words(s, self.ruleset.lexicons, rule.compiled.get("pattern"))
        if parse == "fraction":
            return numparse.parse_fraction(s)
        if parse == "vulgar":
            return numparse.parse_vulgar(s)
        if parse == "scientific":
            return numparse.parse_scientific(s)
        if parse == "fixed":
            return float(rule.get("value"))
        if parse == "ratio":  # "one in five"
            return numparse.parse_ratio(s, self.ruleset.lexicons)
        if parse == "proportion":  # "a 3:1 ratio"
            return numparse.parse_proportion(s)
        if parse == "clock":  # "2:01:09", in seconds
            return numparse.parse_clock(s)
        if parse == "height":  # "6-foot-2", in inches
            return numparse.parse_height(s)
        if parse == "multiplier":  # "30-fold", "threefold", "80 times": the number before "fold"
            head = _FOLD_RE.sub("", s)
            return self._parse_head(head)
        return None

    def _parse_head(self, s: str) -> float | None:
        """A number in digits or in words."""
        if s[:1].isdigit():
            return numparse.parse_digits(s, numparse.number_words(self.ruleset.lexicons).signs)
        return numparse.parse_words(s, self.ruleset.lexicons)

    def _unit_after(self, text: str, pos: int, atom: Atom) -> UnitMatch | None:
        """The unit written right after ``pos``: glued, after one space, or after a hyphen."""
        n = len(text)
        if pos >= n:
            return None
        glued = True
        start = pos
        if text[pos] in UNIT_SEPARATORS:
            start = pos + 1
            glued = False
        if start >= n:
            return None
        cands = self.units.candidates(text, start)
        for cand in cands:
            if (
                not glued
                and cand.surface[:1].isupper()
                and cand.surface[1:].islower()
                and cand.unit.kind is not Kind.MONEY  # "20 Rupees 43" is money and its cents
                and _SPACE_DIGIT_RE.match(text, cand.end)
            ):
                continue  # a name with its number: "3,000 Year 11 students", "Grade 5"
            if cand.ambiguous and not glued:
                after = text[cand.end : cand.end + 1]
                if cand.surface in self.letters_spaced:
                    if after.isalnum():
                        continue
                elif cand.surface in self.letters_spaced_final:
                    if (
                        after
                        and after not in ".,;:!?)]"
                        and not (cand.surface in self.letters_spaced_of and _OF_RE.match(text, cand.end))
                        # a restatement in another unit follows: "reached 29 C (84 F) during"
                        and not _RESTATED_AFTER_RE.match(text, cand.end)
                        # a scale of temperature in a sentence of weather: "days above 35 C could
                        # become more frequent", "between 24 C and 29 C"
                        and not (
                            cand.unit in self.temperature_scales
                            and self.weather_words is not None
                            and self.weather_words.search(text, *_sentence_bounds(text, atom.start, cand.end))
                        )
                    ):
                        continue
                else:
                    continue
            if cand.unit.kind is Kind.MONEY and (
                atom.prefix_unit or (text[pos] in "-‐" and not cand.surface[:1].isalnum())
            ):
                continue  # "$5 USD"; "5-$10" is a range, the sign begins its second end
            if (
                glued
                and cand.surface in _QUOTE_UNITS
                and _QUOTED_BEFORE_RE.search(text, max(0, atom.num_start - 48), atom.num_start)
            ):
                continue  # 'a "50" chance', 'was "almost zero"': quotation marks, not inches
            if (
                cand.unit.kind is not Kind.MONEY
                and cand.surface.lower() in self.money_after_scale
                and not (_OF_RE.match(text, cand.end) and not self._money_of(text, cand.end))
                and not self._restates(text, atom.start, cand.unit)
                and (
                    atom.scale != 1.0
                    # in hyphens before a noun of money: "the 500,000-pound top prize"
                    or (text[pos] == "-" and self._money_noun_after(text, cand.end))
                    or (
                        text[pos] != "-"
                        and cand.surface.endswith("s")
                        and (
                            self._money_context(text, atom.start)
                            or self._rate_per_at(text, cand.end) is not None
                            # a price of goods: "cocoa rose to 9,890 pounds a ton"
                            or _PRICE_PER_GOODS_RE.match(text, cand.end) is not None
                            # money in the same word in its sentence: "received 60,000 pounds
                            # each ... the total pot was 50 million pounds"
                            or self._money_word_nearby(text, atom.start, cand.surface)
                            # a footer of rates: "($1 = 0.7890 pounds)", "(1 euro = 0.8560 pounds)"
                            or self._rate_footer(text, atom.start)
                        )
                    )
                )
            ):  # "500 million pounds in aid", "tickets cost 70 pounds", "49.3 pounds to the dollar"
                money = next((c for c in cands if c.unit.kind is Kind.MONEY), None)
                if money is not None and money.end == cand.end:
                    return money
                if text[pos] == "-" and self.sterling_unit is not None and cand.unit.dimension == "mass":
                    return replace(cand, unit=self.sterling_unit)  # "the 500,000-pound top prize"
            if (
                self.force_unit is not None
                and cand.unit.name == "pound-mass"
                and _OF_FORCE_RE.match(text, cand.end) is not None
            ):
                return replace(cand, unit=self.force_unit)  # "16.7 million pounds of thrust"
            return cand
        return None

    def _money_noun_after(self, text: str, end: int) -> bool:
        """Whether one of the two words after ``end`` is a word of money_context: "a
        500,000-pound top prize", "a 50-pound fine" (not "a 500-pound bomb")."""
        if self.money_context is None:
            return False
        return any(
            self.money_context.fullmatch(t.rstrip(".")) is not None for t, _ in tokens_after(text, end, 2)
        )

    def _money_word_nearby(self, text: str, start: int, surface: str) -> bool:
        """Whether the sentence of ``start`` holds the word ``surface`` after a scale word or
        the sign of sterling, where it can only be money ("50 million pounds", "£2.7m")."""
        lo, hi = _sentence_bounds(text, start, start)
        word = surface.lower().rstrip("s")
        return any(
            m["word"].lower().rstrip("s") == word for m in _SCALED_MONEY_WORD_RE.finditer(text, lo, hi)
        )

    def _rate_per_at(self, text: str, end: int) -> tuple[list[tuple[str, int]], int] | None:
        """A phrase of exchange_rate_per ("to the dollar") right after ``end``: the tokens read
        and where the phrase ends; None when there is none."""
        if not self.exchange_rate_per.may_start(first_token(text, end)):
            return None
        toks = tokens_after(text, end, self.exchange_rate_per.maxlen)
        after = self.exchange_rate_per.match_start(toks)
        return None if after is None else (toks, after[1])

    def _rate_footer(self, text: str, start: int) -> bool:
        """Whether one of a currency and "=" stand before ``start``: "($1 = 0.7890 pounds)"."""
        m = _RATE_FOOTER_RE.search(text, max(0, start - 16), start)
        if m is None:
            return False
        if m.group("sign") is not None:
            return m.group("sign") in _CURRENCY_SIGNS
        return any(c.unit.kind is Kind.MONEY for c in self.units.candidates(text, m.start("word")))

    def _money_of(self, text: str, end: int) -> bool:
        """Whether the "of" after ``end`` names a thing of money in its first two words ("40
        billion pounds of tax rises", "of public money"; lexicon money_of), which money, not a
        mass, is counted in."""
        toks = tokens_after(text, end, 3)
        return any(t.lower().rstrip(".") in self.money_of for t, _ in toks[1:])

    def _restates(self, text: str, start: int, unit: Unit) -> bool:
        """Whether the amount at ``start`` opens a parenthesis right after a unit of the
        dimension of ``unit``: "2,000 tonnes (4.4 million pounds)" restates a mass."""
        m = _PAREN_AFTER_WORD_RE.search(text, max(0, start - 40), start)
        return m is not None and any(
            c.unit.dimension == unit.dimension for c in self.units.candidates(text, m.start(1))
        )

    def _currency_in_context(self, text: str, start: int, pre: list[UnitMatch]) -> Unit:
        """The currency of an ambiguous sign: the one whose lexicon currency_context_<code>
        has a word nearest to the number in its sentence ("¥3,000 in Tokyo and ¥45 in
        Shanghai"), else the first candidate."""
        first = pre[0]
        cands = [
            c for c in pre if c.surface == first.surface and c.unit.currency_code in self.currency_context
        ]
        if len(cands) < 2 and not (cands and cands[0] is not first):
            return first.unit
        return self._nearest_context(text, start, [c.unit for c in cands], first.unit)

    def _shared_currency(self, text: str, start: int, unit: Unit, written: str) -> Unit:
        """The currency of a word several countries use, written without its country ("the
        peso fell to 800", "50 pounds"): the one whose lexicon currency_context_<code> has a
        word nearest to the amount in its sentence ("Argentina devalued the peso"), else
        ``unit``, the word's own."""
        words = written.lower().split()
        if not words:
            return unit
        head = words[-1] if words[-1] in self.shared_currencies else words[-1].removesuffix("s")
        units = self.shared_currencies.get(head)
        if not units or any(w in words for w in unit.name.lower().split() if w != head):
            return unit  # "Egyptian pounds", "Mexican pesos", "pounds sterling": named already
        return self._nearest_context(text, start, units, unit)

    def _nearest_context(self, text: str, start: int, units: list[Unit], default: Unit) -> Unit:
        """Of ``units``, the one whose context lexicon has a word nearest to the number at
        ``start`` in its sentence; ``default`` when none has."""
        lo = max(0, start - SENTENCE_CONTEXT_CHARS)
        window = text[lo : min(len(text), start + SENTENCE_CONTEXT_CHARS)]
        cut = start - lo
        left = max(window.rfind(". ", 0, cut), window.rfind("\n", 0, cut)) + 1
        ends = [i for i in (window.find(". ", cut), window.find("\n", cut)) if i >= 0]
        right = min(ends, default=len(window))
        run = _DIGIT_RUN_RE.match(window, cut)
        num_end = run.end() if run is not None else cut
        best, best_dist = default, None
        for unit in units:
            for m in self.currency_context[unit.currency_code].finditer(window, left, right):
                dist = cut - m.end() if m.end() <= cut else m.start() - num_end
                if _PARTNER_BEFORE_RE.search(window, max(0, m.start() - 10), m.start()):
                    dist += len(
                        window
                    )  # a partner, not the place: "Japan's exports to China fell to ¥1.55 trillion"
                if best_dist is None or dist < best_dist:
                    best, best_dist = unit, dist
        if best_dist is None:
            # none in the sentence: the country named last before it in the text, within
            # DOCUMENT_CONTEXT_CHARS ("BUENOS AIRES (Reuters) - Argentina's inflation ... The
            # government devalued the peso by 54%"): one backward search for all of them
            sentence = lo + left
            m = self._context_before(units).search(text, max(0, sentence - DOCUMENT_CONTEXT_CHARS), sentence)
            if m is not None and m.lastgroup is not None:
                best = units[int(m.lastgroup[1:])]
        return best

    def _context_before(self, units: list[Unit]) -> regex.Pattern[str]:
        """One pattern searched backwards for the context words of each of ``units``, a group
        ``u<i>`` per unit (memoized per list of currencies)."""
        key = tuple(u.currency_code for u in units)
        pat = self._context_memo.get(key)
        if pat is None:
            alts = [f"(?P<u{i}>{self.currency_context_body[code]})" for i, code in enumerate(key)]
            pat = self._context_memo[key] = regex.compile("(?ri)" + "|".join(alts))
        return pat

    def _money_context(self, text: str, start: int) -> bool:
        """Whether a word of the lexicon money_context stands in the same sentence shortly
        before ``start`` ("tickets start at 70 pounds", "was fined 500 pounds"), and no word
        of mass_context ("weighing")."""
        if self.money_context is None:
            return False
        window = text[max(0, start - MONEY_CONTEXT_CHARS) : start]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; ")) + 1
        return self.money_context.search(window, cut) is not None and not (
            self.mass_context is not None and self.mass_context.search(window, cut)
        )

    def _unit_after_word(self, text: str, pos: int, atom: Atom) -> UnitMatch | None:
        """A unit written as a word after one of the words that may stand between a number and
        its unit ("three more days", "two straight weeks"); None otherwise."""
        if not self.unit_fillers:
            return None
        w = _WORD_THEN_SPACE_RE.match(text, pos)
        if w is None or w.group(1).lower() not in self.unit_fillers:
            return None
        u = self._unit_after(text, w.end(), atom)
        if u is None or u.ambiguous or not u.surface[:1].isalpha() or u.unit.kind is Kind.COUNT:
            return None  # a symbol or an ambiguous word there is no unit: "2 more m"
        return u

    def _atoms(self, text: str, deadline: float | None, rejections: list[Rejection] | None) -> list[Atom]:
        atoms: list[Atom] = []
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        count = 0
        cursor = 0  # nothing starts inside what an earlier number took ("1.2 trillion")
        n = len(text)
        scan = _ScanState()
        rules_at = self.scanner.rules_at
        try:
            for pos, trig in self.scanner.triggers(text, timeout):
                if pos < cursor:
                    continue
                count += 1
                if deadline is not None and count % DEADLINE_CHECK_EVERY == 0 and time.monotonic() > deadline:
                    raise ExtractionTimeout("the extraction ran out of time")
                window = min(n, pos + MAX_MATCH)  # bounds each anchored match: linear in the text
                for rule, pat in rules_at(text, pos, trig):
                    # (a keyword argument costs its parsing on every call: none without a deadline)
                    m = (
                        pat.match(text, pos, window)
                        if timeout is None
                        else pat.match(text, pos, window, timeout=timeout)
                    )
                    if m is None:
                        continue
                    scan.consumed = m.end()
                    atom = self._atom(text, m, rule, rejections, scan)
                    if atom is _NOT_HERE:  # "a" before no unit: another rule may still match here
                        continue
                    cursor = scan.consumed
                    if atom is not None:
                        atoms.append(atom)
                        cursor = max(cursor, atom.num_end)
                        scan.taken = atom.end
                    break
        except TimeoutError:
            raise ExtractionTimeout("the extraction ran out of time") from None
        return atoms

    def _atom(
        self,
        text: str,
        m: regex.Match[str],
        rule: Rule,
        rejections: list[Rejection] | None,
        scan: _ScanState,
    ) -> Atom | None:
        s, e = m.span()
        if rule.family == "vague":
            mag = rule.compiled["magnitudes"].values[" ".join(m.group("mag").lower().split())]
            atom = Atom(
                s,
                e,
                s,
                e,
                0.0,
                [rule.name],
                vague=(float(rule.get("low")) * mag, float(rule.get("high")) * mag),
            )
            atom.modifier = Modifier.VAGUE
            atom.approximate = True
            if rule.get("requires_unit"):  # "several weeks", "a few miles"
                u = self._unit_after(text, e, atom) or self._unit_after_word(text, e, atom)
                if u is None or not _kind_allowed(rule, u.unit):
                    return _NOT_HERE
                atom.unit = u.unit
                atom.end = u.end
                return atom
            # "millions of dollars": the unit stands after "of"; "several million dollars",
            # "a few thousand years": right after the magnitude
            ofm = _OF_RE.match(text, e)
            u = (
                self._unit_after(text, ofm.end() - 1 if ofm else e, atom)
                if ofm or text[e : e + 1] == " "  # not a glued sign: '"several hundred" jobs'
                else None
            )
            if u is not None:
                atom.unit = u.unit
                atom.end = u.end
            return atom
        written = m.group()
        parse = rule.fields.get("parse")
        if parse == "reject":
            if rejections is not None:
                rejections.append(Rejection(written, s, e, rule.name, rule.get("reason")))
            return None
        # a pure function of the rule and the number as written, which come back again and again
        key = (rule.name, written)
        value = self._parsed.get(key, _UNPARSED)
        if value is _UNPARSED:
            value = self._parse(rule, written)
            if len(self._parsed) >= MEMO_MAX:
                self._parsed.clear()
            self._parsed[key] = value
        if value is None and parse == "ratio":
            return _NOT_HERE  # "seven in three" is no share: the numbers alone may still be
        if value is None:
            if rejections is not None:
                rejections.append(Rejection(written, s, e, rule.name, "not one number"))
            return None
        atom = Atom(s, e, s, e, value, [rule.name])
        if parse == "words" and self.word_scales:
            last = written.rsplit(None, 1)[-1].lower()
            if last in self.word_scales and value >= self.word_scales[last]:
                atom.scale = self.word_scales[last]  # "four billion": ends in a scale word
        own_unit = self.rule_units.get(rule.name)
        if own_unit is not None:  # the shape says the unit: "won in 2:01:09"
            atom.unit = own_unit
            return atom
        early = None
        if rule.fields.get("requires_unit"):
            early = self._unit_after(text, e, atom)
            if early is None:
                return _NOT_HERE  # "a man": the common case, settled before any other lookup
        # a currency sign or code before the number
        pre = self.units.prefix_candidates(text, s)
        if not pre and s >= 2 and text[s - 1] in SPACES:
            # "US$ 5", "$ 75 million", "EUR 20": not a single letter ("R 5" is a label)
            pre = [
                c
                for c in self.units.prefix_candidates(text, s - 1, spaced_ambiguous=True)
                if len(c.surface) > 1 or not c.surface.isalpha()
            ]
        if pre and pre[0].unit.kind is Kind.MEASUREMENT:
            # a scale's name before a number only before decimals, apart from it ("a magnitude
            # 6.1 quake"; not "a force of magnitude one newton", "an order of magnitude 10") or
            # joined by a hyphen that is no minus sign ("a magnitude-7.5 earthquake")
            if pre[0].end == s and written[:1] == "-" and "." in written and value < 0:
                atom.value = value = -value
            elif not (
                pre[0].end < s
                and written[:1].isdigit()
                and (
                    "." in written
                    # a whole magnitude of quakes: "earthquakes of magnitude 6 or greater"
                    or (
                        written.isdigit()
                        and 1 <= value <= 9
                        and not _ORDER_OF_RE.search(text, max(0, pre[0].start - 12), pre[0].start)
                    )
                )
            ):
                pre = []
        # a code the number before took as its unit, apart from this number, is not its
        # prefix when a currency follows this one: "3 GBP 1 pence" is no "GBP 1"
        if pre and pre[0].start < scan.taken and pre[0].end < s:
            own = self._unit_after(text, e, atom)
            if own is not None and own.unit.kind is Kind.MONEY:
                pre = []
        if pre:
            atom.unit = pre[0].unit
            if self.currency_context and len(pre) > 1:
                atom.unit = self._currency_in_context(text, s, pre)
            atom.prefix_unit = True
            atom.start = pre[0].start
            p = atom.start
            if (
                p
                and text[p - 1] in numparse.MINUS_SIGNS
                and (p < 2 or not text[p - 2].isalnum())
                and value > 0
            ):
                # "-$2.1bn" (a sign before the currency); not "$3bn-$4bn", a range
                atom.start = p - 1
                atom.value = value = -value
        # a scale word after it: "3.7 million", "2.5bn", "$4.8B"
        first_e: str | None = _UNREAD  # the token after the digits, once read
        cue_e = False  # whether a cue may start there
        if parse in _SCALED_PARSES:
            if self._scale(text, atom, e, written, words_only=parse in _FRACTION_PARSES):
                scan.consumed = atom.end
            elif (cue_e := self._cue_may_follow(first_e := first_token(text, e))) and first_e is not None:
                # an approximate cue between the digits and the scale word (the cue lexicons, as
                # after the number): "300-odd million users", "20 or so thousand"
                after = atom.after_number(text)
                toks = _glued(after, e) if any(t.lower() in self.word_scales for t, _ in after[:4]) else []
                cue = self.mod_after.match_start(toks) if toks else None
                if cue is not None and cue[0].get("approximate") and self._scale(text, atom, cue[1], written):
                    end = atom.end
                    self._post_cue(text, atom, [t for t in toks if t[1] < cue[1]])  # the cue alone
                    atom.end = atom.num_end = scan.consumed = end
                    atom.after_toks = None  # read again after the scale word
            if not math.isfinite(atom.value):  # "1e308 trillion"
                if rejections is not None:
                    rejections.append(
                        Rejection(text[s : atom.end], s, atom.end, rule.name, "too large a number")
                    )
                return None
        if (
            atom.prefix_unit
            and atom.scale == 1.0
            and text[atom.start].isalpha()
            and (
                (s - atom.start == 1 and "," not in written)
                or (
                    pre[0].ambiguous
                    and text[s - 1] in SPACES
                    # a code in capitals before thousands stays: "MAD 5,000", "COP 20,000"
                    and not (len(pre[0].surface) >= 3 and pre[0].surface.isupper() and "," in written)
                )
            )
        ):
            # a lone letter is a currency only before a scale word or thousands: "R50bn"
            # (rand), "N5bn", "N1,500" (naira); "R50" is a road, "N95" a mask; so is an
            # ambiguous code apart from the number: "SR 10 billion" (riyals), but "SR 520" is
            # a state route
            atom.unit = None
            atom.prefix_unit = False
            atom.start = s
        if text[atom.num_end : atom.num_end + 1] in ("-", "‐") and float(atom.value).is_integer():
            hh = self.hyphen_half.match(text, atom.num_end)
            if hh is not None:  # "six-and-a-half-year"
                atom.value += 0.5
                atom.end = atom.num_end = hh.end()
                if atom.scale == 1.0 and self._scale(text, atom, hh.end(), written, words_only=True):
                    scan.consumed = atom.end  # "one-and-a-half billion dollars"
        # cue right after the number ("or more", "+", "-plus"), then the unit, then a cue again
        unit_from = atom.num_end
        after_unit: list[tuple[str, int]] | None = None
        u = None
        # the token right after the number, read once for the cue, the zero side and the exclusions
        if first_e != _UNREAD and atom.num_end == e:  # read above for a cue before a scale word
            first_num, cue_num = first_e, cue_e
        else:
            first_num = first_token(text, atom.num_end)
            cue_num = self._cue_may_follow(first_num)
        if cue_num:
            self._post_cue(text, atom, _glued(atom.after_number(text), atom.num_end))
        if atom.post_cue:
            unit_from = atom.end
        if not atom.prefix_unit and parse not in _SHARE_PARSES:
            # (a share takes no unit: "one in every three dollars" is a third of the dollars)
            # the unit "a <unit>" was checked against, unless a cue or a scale came between
            reuse = early is not None and unit_from == e and atom.scale == 1.0
            u = early if reuse else self._unit_after(text, unit_from, atom)
            if u is None and not atom.post_cue:
                u = self._unit_after_word(text, unit_from, atom)
            if (
                u is None
                and not atom.post_cue
                and (0 < atom.value < 1 or _FRACTION_END_RE.search(written) is not None)
            ):
                # "a quarter of a percentage point", "two thirds of a mile": a share of one
                # unit; "one and a quarter of an hour", "one and a quarter of hour"
                ofa = _OF_A_RE.match(text, unit_from)
                if ofa is not None:
                    u = self._unit_after(text, ofa.end() - 1, atom)
                    if u is not None and ofa.group(1) is None and text[u.end - 1 : u.end].lower() == "s":
                        u = None  # "a third of miles driven": of many, not a share of one
            if u is not None:
                atom.unit = u.unit
                atom.end = u.end
                if self.and_a_half.may_start(first_token(text, u.end)):
                    after_unit = tokens_after(text, u.end)
                    half = self.and_a_half.match_start(after_unit)
                    if half is not None:  # "an hour and a half"
                        atom.value += 0.5
                        atom.end = half[1]
                        after_unit = None
        if (
            self.zero_side.maxlen
            and (atom.unit is None or atom.unit.kind is not Kind.MONEY)
            and self.zero_side.may_start(
                first_num if atom.end == atom.num_end else first_token(text, atom.end)
            )
        ):
            if atom.end == atom.num_end:
                toks = atom.after_number(text)
            elif after_unit is not None and u is not None and atom.end == u.end:
                toks = after_unit
            else:
                toks = tokens_after(text, atom.end)
            side = self.zero_side.match_start(toks)
            if side is not None and atom.value > 0:  # "10 degrees below zero" is -10
                atom.value *= side[0]
                atom.end = side[1]
                atom.below_zero = True
        if rule.fields.get("requires_unit") and (atom.unit is None or not _kind_allowed(rule, atom.unit)):
            return _NOT_HERE  # "a", "half", "another" are numbers only before a unit
        if not atom.post_cue and atom.unit is not None and self._cue_may_follow(first_token(text, atom.end)):
            if after_unit is None or atom.end != u.end:
                after_unit = tokens_after(text, atom.end)
            self._post_cue(text, atom, _glued(after_unit, atom.end))
        excluded = None
        chain = scan.chain
        if (
            chain
            and _LIST_GAP_RE.fullmatch(text, chain[0][1], atom.start)
            and (text[atom.start].isdigit() or ";" not in text[chain[0][1] : atom.start])
        ):
            # "in 2019 and 2020", "Eqs. (14) and (16)", "(26;29)": a list continues an exclusion
            # (after a semicolon only a list of digits: "$4 a dozen; a dozen eggs" is a clause)
            if self._holds(chain[0][0], written, atom) and not (
                # "40 Airbus A350s and 220 Boeing jets", "GS3, 15 min": after a word or a comma
                # (not a dash: "TRA-1–60"), a number apart from the word it names
                chain[0][0].get("no_list")
                and text[atom.num_end : atom.num_end + 1] == " "
                and first_num is not None
                # (or a model in the plural: "20 A320s and 5 A350-1000s")
                and (
                    self._plain_noun(first_num) or _MODEL_PLURAL_RE.match(text, atom.num_end + 1) is not None
                )
                and _LIST_WORD_GAP_RE.search(text, chain[0][1], atom.start) is not None
            ):
                excluded = chain[0][0]
        if excluded is None:
            excluded = self._excluded(text, written, atom, first_num)
        chain.clear()
        if excluded is not None:
            chain.append((excluded, atom.end))
            if rejections is not None:
                rejections.append(
                    Rejection(
                        text[atom.start : atom.end],
                        atom.start,
                        atom.end,
                        excluded.name,
                        excluded.get("reason"),
                    )
                )
            return None
        return atom

    def _cue_may_follow(self, first: str | None) -> bool:
        """Whether a cue may follow a position ("or more", "+"), from the first token after it
        (first_token): most numbers are followed by no cue word, and then their tokens need not
        be read for one."""
        return first is None or first in ("-", "+") or self.mod_after.may_start(first)

    def _scale(self, text: str, atom: Atom, at: int, written: str, words_only: bool = False) -> bool:
        """A scale word at ``text[at]`` after the digits of ``atom`` ("3.7 million", "2.5bn",
        "$4.8B"): multiplies the atom and ends it there; after a fraction only a word ("2½
        million", not "1/10 mil")."""
        nxt = text[at : at + 2]  # " m" may start a scale word, " p" none: most numbers try none
        for srule, pat, starts in self.scales:
            can = starts.get(nxt)  # the memo read inline: five rules per number
            if not (can or (can is None and _can_start(pat, starts, nxt))):
                continue
            if srule.fields.get("requires_money") and not (atom.unit and atom.unit.kind is Kind.MONEY):
                continue
            sm = pat.match(text, at)
            followed_by = srule.compiled.get("followed_by")
            if sm and followed_by is not None and not followed_by.match(text, sm.end()):
                # "1.2m homes" is a million; "1.2m tall" is metres; "users rose to 150m" a million
                preceded_by = srule.compiled.get("preceded_by")
                if preceded_by is None or not preceded_by.search(text, max(0, atom.start - 80), atom.start):
                    sm = None
            if (
                sm
                and sm.group("word") in ("K", "k")
                and sm.start("word") == at  # glued
                and not (atom.unit and atom.unit.kind is Kind.MONEY)
                and _TWO_DECIMALS_RE.search(written)
            ):
                sm = None  # "573.15K" is kelvin; a thousand is written "80K", "2.5k"
            if sm and words_only and sm.group("word").lower() not in self.word_scales:
                sm = None
            if sm:
                word = sm.group("word")
                lex = srule.compiled["scale"]
                mult = lex.values.get(word) or lex.values.get(word.lower())
                if mult:
                    atom.scale = mult
                    atom.value = _scaled(atom.value, mult)
                    atom.end = atom.num_end = sm.end()
                    atom.rules.append(srule.name)
                    return True
        return False

    def _post_cue(self, text: str, atom: Atom, toks: list[tuple[str, int]]) -> None:
        """A cue after the number or its unit: "or more", "or so", "+"."""
        cue = self.mod_after.match_start(toks)
        if cue is not None:
            crule, cend = cue
            # (a cue that ends its sentence begins nothing: "16% or more. The company said")
            if text[cend : cend + 1] != "." and self._cue_begins_bound(
                [t.lower() for t, start in toks if start >= cend]
            ):
                return  # "more than 10 and less than 40": the cue begins the next bound
            conn = self.connectors.match_start(toks)
            if conn is not None and conn[1] > cend:
                return  # "5 mm plus or minus 0.2 mm": the cue's word begins a range's connector
            if (nf := crule.compiled.get("not_followed_by")) is not None and nf.match(text, cend):
                return  # "added 2 years to life expectancy": the cue's words begin a noun
            atom.modifier = crule.compiled["modifier"]
            atom.approximate = bool(crule.get("approximate"))
            atom.bound_rules.append(crule.name)
            atom.post_cue = True
            atom.end = cend

    def _cue_begins_bound(self, rest: list[str]) -> bool:
        """Whether the words after a trailing cue ("and less", "or more") show that it begins
        the next bound instead: "than" soon after ("and less or equal than 35"), or a number
        ("and below 1500", "and below a half")."""
        if "than" in rest[:3]:
            return True
        if not rest:
            return False
        words = self.scanner.word_rules
        first = rest[0]
        if first[:1].isdigit() or first[:1] in _CURRENCY_SIGNS or (len(first) > 2 and first in words):
            return True  # "£100m plus £15m in add-ons": a second amount, not "£100m-plus"
        if self._cue_then_number(rest):  # "103 million euros plus up to 30 million"
            return True
        return first in ("a", "an") and len(rest) > 1 and len(rest[1]) > 2 and rest[1] in words

    def _cue_then_number(self, words: list[str]) -> bool:
        """Whether lower-cased words start with a cue before a number and then the number's
        digits or currency sign: "up to 30", "as much as $5"."""
        if not words or not self.mod_before.may_start(words[0]):
            return False
        for n in range(1, min(4, len(words))):
            nxt = words[n][:1]
            if (nxt.isdigit() or nxt in _CURRENCY_SIGNS) and self.mod_before.match_all(
                [(w, 0) for w in words[:n]]
            ):
                return True
        return False

    @staticmethod
    def _holds(rule: Rule, written: str, atom: Atom) -> bool:
        """The conditions of an exclusion on the number itself (not on its context)."""
        f = rule.fields
        if f.get("bare") and not (atom.unit is None and atom.scale == 1.0):
            return False
        if f.get("keeps_amounts") and atom.scale != 1.0 and atom.unit is not None:
            return False
        if "min" in f and atom.value < f["min"]:
            return False
        if "max" in f and atom.value > f["max"]:
            return False
        if f.get("integer") and not (float(atom.value).is_integer() and "." not in written):
            return False
        shape = rule.compiled.get("shape")
        return shape is None or shape.fullmatch(written) is not None

    def _number_exclusions(
        self, written: str, form: int, value: float, first: str, before: str
    ) -> tuple[_Exclusion, ...]:
        """The exclusions whose conditions on the number itself and on the characters right
        after (``first``) and before it hold, memoized: the same numbers come back again and
        again, and most exclusions fail on the number or those characters alone."""
        key = (written, form, value, first, before)
        hits = self._excl_memo.get(key)
        if hits is None:
            number = self._excl_memo.get((written, form, value))
            if number is None:  # the conditions on the number alone, memoized on their own
                number = self._on_number(written, form, value)
            ctx = self._excl_ctx.get((first, before))
            if ctx is None:  # the conditions on the characters around it: few pairs
                ctx = self._excl_next_ok(first) & self._excl_prev_ok(before)
                if len(self._excl_ctx) >= MEMO_MAX:
                    self._excl_ctx.clear()
                self._excl_ctx[(first, before)] = ctx
            hits = tuple(ex for ex in number if ex in ctx)
            if len(self._excl_memo) >= MEMO_MAX:
                self._excl_memo.clear()  # bounded: a long-running server sees endless numbers
            self._excl_memo[(written, form, value)] = number
            self._excl_memo[key] = hits
        return hits

    def _excl_next_ok(self, first: str) -> frozenset[_Exclusion]:
        """The exclusions whose text after the number may start with ``first`` (memoized per
        character: the pairs of characters around numbers are many more than either side)."""
        ok = self._excl_next_memo.get(first)
        if ok is None:
            ok = frozenset(ex for ex in self.exclusions if ex.next_regex is None or ex.next_can_start(first))
            if len(self._excl_next_memo) >= MEMO_MAX:
                self._excl_next_memo.clear()
            self._excl_next_memo[first] = ok
        return ok

    def _excl_prev_ok(self, before: str) -> frozenset[_Exclusion]:
        """The exclusions whose text before the number may end with ``before`` (memoized)."""
        ok = self._excl_prev_memo.get(before)
        if ok is None:
            ok = frozenset(ex for ex in self.exclusions if ex.prev_regex is None or ex.prev_can_end(before))
            if len(self._excl_prev_memo) >= MEMO_MAX:
                self._excl_prev_memo.clear()
            self._excl_prev_memo[before] = ok
        return ok

    def _on_number(self, written: str, form: int, value: float) -> tuple[_Exclusion, ...]:
        """The exclusions whose conditions on the number alone hold (``form``: _NO_UNIT and
        _NO_SCALE, the bits of what the number has not: a unit or currency, a scale word); a
        shape several rules share (a number of one or two digits, "one") is matched once."""
        integer = "." not in written and float(value).is_integer()
        shaped: dict[regex.Pattern[str], bool] = {}
        out: list[_Exclusion] = []
        for ex in self._number_class(form, integer, written[:1]):
            if (ex.min is not None and not value >= ex.min) or (ex.max is not None and not value <= ex.max):
                continue
            shape = ex.shape
            if shape is not None:
                fits = shaped.get(shape)
                if fits is None:
                    fits = shaped[shape] = shape.fullmatch(written) is not None
                if not fits:
                    continue
            out.append(ex)
        return tuple(out)

    def _number_class(self, form: int, integer: bool, first: str) -> tuple[_Exclusion, ...]:
        """The exclusions that a number of this form and integrality, written starting with
        ``first``, may meet (their shape, if any, can start with it), in rule order; few
        classes, memoized: most exclusions are ruled out here, not number by number."""
        key = (form, integer, first)
        hits = self._excl_class.get(key)
        if hits is None:
            hits = tuple(
                ex
                for ex in self.exclusions
                if not (ex.bare and form != _NO_UNIT | _NO_SCALE)
                and not (ex.keeps_amounts and not form & (_NO_SCALE | _NO_UNIT))
                and not (ex.integer and not integer)
                and (ex.shape is None or ex.shape.match(first, partial=True) is not None)
            )
            if len(self._excl_class) >= MEMO_MAX:
                self._excl_class.clear()
            self._excl_class[key] = hits
        return hits

    def _excluded(self, text: str, written: str, atom: Atom, first_num: str | None) -> Rule | None:
        """The exclusion that holds for the number (``first_num``: its first_token)."""
        prev_hits: set[str] | frozenset[str] | None = None
        next_hits: set[str] | frozenset[str] | None = None
        form = (_NO_UNIT if atom.unit is None else 0) | (_NO_SCALE if atom.scale == 1.0 else 0)
        after = text[atom.num_end : atom.num_end + 32]
        first = after[:1]
        before = text[atom.start - 1] if atom.start else ""
        for ex in self._number_exclusions(written, form, atom.value, first, before):
            if ex.prev:
                if prev_hits is None:
                    prev_hits = (
                        self.excl_prev.at_end(atom.before(text))
                        if self.excl_prev.may_end(last_token(text, atom.start))
                        else _NO_HITS
                    )
                if ex.name not in prev_hits:
                    continue
            if ex.next:
                if next_hits is None:
                    next_hits = (
                        self.excl_next.at_start(atom.after_number(text))
                        if self.excl_next.may_start(first_num)
                        else _NO_HITS
                    )
                if ex.name not in next_hits:
                    continue
            # read backwards from the number: a $-anchored pattern fails at once where it
            # cannot end, instead of being tried at every start in the window; the match must
            # end at the number ($ also matches before a line break that ends the window:
            # "feet\n1/36" is no letter glued to a number)
            if ex.prev_reversed is not None and (
                (m := ex.prev_reversed.search(text, max(0, atom.start - 24), atom.start)) is None
                or m.end() != atom.start
            ):
                continue
            if ex.next_regex is not None and not ex.next_regex.match(after):
                continue
            return ex.rule
        return None

    # ------------------------------------------------------------------ ranges and cues
    def _share_units(self, text: str, atoms: list[Atom]) -> None:
        """ "at 140 and 240 µm", "7.3, 9.1 and 13 mm": a bare number in a list takes the unit
        written after the last one (right to left, so the unit travels the whole list)."""
        for i in range(len(atoms) - 2, -1, -1):
            a, b = atoms[i], atoms[i + 1]
            if (
                a.unit is None
                and a.vague is None
                and a.scale == 1.0
                and b.unit is not None
                and not b.prefix_unit
                and b.start - a.end <= MAX_GAP
                and self._listed(text, a.end, b.start)
                and not self._restated(text, atoms, i)
                # a comma alone before the last item is no list: "Among children under five,
                # 40% are stunted" (but "7.3, 9.1 and 13 mm")
                # (a glued one is a decimal comma: "(88,3%)"; "n = 37, 55%" is no list either)
                and not (
                    self.list_rule not in b.rules
                    and text[a.end : b.start] != ","
                    and [t for t, _ in _gap_tokens(text, a.end, b.start)] == [","]
                )
            ):
                a.unit = b.unit
                a.rules.append(self.list_rule)

    def _restated(self, text: str, atoms: list[Atom], i: int) -> bool:
        """Whether the number after ``atoms[i]`` restates it rather than going on a list of
        two: ", or" with no list before ("Hou won 4,671,021, or 33.49%"; but "5, 6, or 7%")."""
        a, b = atoms[i], atoms[i + 1]
        if [t for t, _ in _gap_tokens(text, a.end, b.start)] != [",", "or"]:
            return False
        return not (i > 0 and atoms[i - 1].end <= a.start and self._listed(text, atoms[i - 1].end, a.start))

    def _listed(self, text: str, start: int, end: int) -> bool:
        """Whether the text between two numbers separates the items of a list: ",", "and"."""
        return self.list_and.match_all(_gap_tokens(text, start, end)) is not None

    def _elided_before_to(self, text: str, end: int, noun: str) -> bool:
        """Whether a bare count is the object of a verb before an infinitive of its own and
        ``noun``, the noun of the count before, is one of people (lexicon plurals): "killed
        14,000 people and forced nearly 9 million to flee"; not "toppled 2,000 trees and forced
        1,500 to evacuate", whose count is of people too."""
        if self.counted_plurals is None or noun.rsplit(None, 1)[-1].lower() not in self.counted_plurals:
            return False
        toks = tokens_after(text, end, 2)
        verb = toks[1][0].removesuffix(".") if len(toks) == 2 else ""  # "to flee."
        return (
            toks[0][0] == "to"
            and verb.isalpha()
            and verb.islower()
            and verb not in self.number_words
            and verb not in self.object_determiners
        )

    def _elided_here(self, text: str, start: int, end: int) -> bool:
        """Whether what follows a bare count shows a noun left out: a verb of the lexicon
        ("have been killed", "were injured"), a participle ("23,000 wounded") or the end of the
        sentence."""
        toks = tokens_after(text, end, 2)
        if not toks or toks[0][0] in ".!?;":
            return True
        if toks[0][0] == "," or toks[0][0].lower() in _ELIDED_CLAUSE_AFTER:
            # "killing 28 and injuring 17, officials said"; "injured more than 200 as residents
            # queued": a verb in -ing or -ed takes the count as its object
            verb = last_token(text, start)
            if verb is None:
                verb = (tokens_before(text, start, 1) or [("", 0)])[0][0]
            took = (len(verb) > 4 and verb.islower() and verb.endswith(("ing", "ed"))) or verb in _PAST_TAKING
            # ("the KMT took 52 and the TPP eight": an irregular past)
            if took or toks[0][0] == "," or toks[0][0].lower() == "and":
                return took
        first = toks[0][0].rstrip(".")
        return self.elided_before.match_start(toks) is not None or (
            first.isalpha()
            and first.islower()
            and len(first) > 4
            # "23,000 wounded", "just 65 crossing on Friday"; an adverb: "60,000 people directly
            # and as many as 200,000 indirectly"
            and (
                first.endswith(("ed", "ing")) or (first.endswith("ly") and first not in self.counted_ly_nouns)
            )
            and not (len(toks) > 1 and toks[1][0].isalpha() and self._plural(toks[1][0].lower()))
        )

    def _unit_elided(self, text: str, prev: Quantity, pa: Atom, q: Quantity, qa: Atom) -> bool:
        """Whether a bare number repeats the unit of the amount right before it: both written
        with a scale word ("$5 billion in 2022 and 7 billion in 2023"), or the two ends of a
        change ("fell from 25 grams to 15"), or the second amount of a comparison ("to 5.2
        metres, up from 3.1", "to $45 from 38"); of a like size, and nothing after it that says
        what it counts."""
        if (
            q.unit is not COUNT_UNIT
            or q.quantified
            or qa.vague is not None
            or prev.unit is COUNT_UNIT
            or not 0 < q.start - prev.end <= UNIT_ELIDED_GAP
            or _SENTENCE_END_RE.search(text, prev.end, q.start + 1)
        ):
            return False
        compared = _COMPARED_GAP_RE.search(text, prev.end, q.start) or _FROM_GAP_RE.fullmatch(
            text, prev.end, q.start
        )
        if compared:
            # "to 5.2 metres on Sunday, up from 3.1", "rose 4.7%, compared with 4.1 in May"; not
            # after a span of time that only dates the amount ("45 people in 2 days, compared with 30")
            dated = _TIME_ADJUNCT_RE.search(text, max(0, prev.start - 24), prev.start)
            if prev.kind is Kind.DURATION and dated:
                return False
        elif prev.unit.kind is Kind.PERCENTAGE:
            return False
        elif pa.scale != 1.0 and qa.scale != 1.0:
            if not _UNIT_ELIDED_GAP_RE.search(text, prev.end, q.start):
                return False
        elif not (
            pa.scale == 1.0
            and qa.scale == 1.0
            and _TO_GAP_RE.fullmatch(text, prev.end, q.start)
            and (
                _FROM_BEFORE_RE.search(text, max(0, prev.start - 24), prev.start)
                # the change and the level after a verb of change: "Life expectancy rose 1.1
                # years to 78.4", "rose by 4 feet to 12"
                or (
                    (before := tokens_before(text, prev.start, 2))
                    and (
                        before[-1][0].lower() in self.subject_verbs
                        or (
                            len(before) == 2
                            and before[-1][0].lower() == "by"
                            and before[0][0].lower() in self.subject_verbs
                        )
                    )
                )
            )
        ):
            return False
        a, b = prev.value, q.value
        if a is None or b is None or a <= 0 or b <= 0 or not _like_size(a, b):
            return False
        if not (
            _nothing_named_after(text, q.end)
            or self._forecast_named_after(text, q.end)
            # a participle with nothing after it: "24.6 billion shillings of bids out of 31.2
            # billion offered"
            or (
                (after := tokens_after(text, q.end, 2))
                and after[0][0].islower()
                and after[0][0].rstrip(".").endswith("ed")
                and (after[0][0].endswith(".") or _nothing_named_after(text, after[0][1] + len(after[0][0])))
            )
        ):
            return False
        # a plural subject of its own counts what the number is: "Sales rose to $5 billion and
        # shipments rose to 7 billion"
        return not (self.subject_verbs and not compared and self._subject_noun(text, q.start))

    def _change_unit_after(self, text: str, prev: Quantity, pa: Atom, q: Quantity, qa: Atom) -> float | None:
        """The scale with which a bare number takes the unit, scale word and counted noun of
        the amount right after it, when the two are the ends of a change that no range joined
        ("rose from 48 to 52 percent", "fell from 52 to 48 percent", "fell from 300 to 200
        people", "grew from 5 to 7 million"), or of a tally ("a margin of 52 to 48 percent");
        None when it does not."""
        if (
            prev.unit is not COUNT_UNIT
            or prev.quantified
            or prev.modifier is not Modifier.EXACT
            or pa.scale != 1.0
            or pa.vague is not None
            or qa.vague is not None
            or qa.prefix_unit
            or not _TO_GAP_RE.fullmatch(text, prev.end, q.start)
        ):
            return None
        a, b = prev.value, q.value
        if a is None or b is None or a < 0 or b <= 0:
            return None
        if not _FROM_BEFORE_RE.search(text, max(0, prev.start - 24), prev.start) and not (
            a > b and q.unit is not COUNT_UNIT and qa.scale == 1.0
        ):
            return None  # with no "from", only a pair no range could join: "won 52 to 48 percent"
        if qa.scale != 1.0 and a > 0 and 0.1 <= b / (a * qa.scale) <= 10:
            return qa.scale  # "from 5 to 7 million": millions both
        if (q.unit is not COUNT_UNIT or q.quantified) and (a == 0 or _like_size(a, b)):
            return 1.0
        return None

    def _million_again(self, text: str, million: Atom, atom: Atom) -> bool:
        """Whether ``atom``, read as metres from a glued "m" with nothing after it that makes it
        a length ("1.1m a year ago", not "1.5m tall"), follows in the same sentence an amount
        whose glued "m" was read as a million."""
        if (
            self.glued_m_unit is None
            or atom.unit is not self.glued_m_unit
            or atom.end != atom.num_end + 1
            or text[atom.num_end] != "m"
            or atom.modifier is Modifier.RANGE
            or not 0 < atom.start - million.end <= 2 * UNIT_ELIDED_GAP
            or _SENTENCE_END_RE.search(text, million.end, atom.start + 1)
        ):
            return False
        return _nothing_named_after(text, atom.end)

    def _exchange_rate(self, text: str, q: Quantity) -> Unit | None:
        """The currency a bare number before "per dollar" ("to the dollar", lexicon
        exchange_rate_per) prices: the one the sentence names last before the number ("Kenya's
        shilling fell to 160 per dollar"); None when there is no such phrase or currency."""
        rate = self._rate_per_at(text, q.end)
        if rate is None:
            return None
        toks, after_end = rate
        lo = _sentence_start(text, q.start)
        if lo is None:
            lo = q.start - SENTENCE_WINDOW
        # the currency the rate is "per" ("dollar" of "to the dollar"): the phrase's last word
        last_word = next(at for _, at in reversed(toks) if at < after_end)
        per = self.units.candidates(text, last_word)
        per_codes = {c.unit.currency_code for c in per}
        for _, at in reversed(_gap_tokens(text, lo, q.start)):
            for cand in self.units.candidates(text, at):
                unit = cand.unit
                if unit.kind is Kind.MONEY and unit.currency_code not in per_codes:
                    # "Argentina devalued the peso to 800 per dollar": the Argentine peso
                    return self._shared_currency(text, q.start, unit, cand.surface)
        return None

    def _noun_of(self, text: str, start: int) -> str:
        """The collective noun (lexicon collectives) that the count at ``start`` is "of": "a
        crowd of 20,000" counts a crowd, "a population of 8 million" a population; or the level
        (lexicon levels) it is the value of: "an average age of 33.2"; else ""."""
        m = _ARTICLE_NOUN_OF_RE.search(text, max(0, start - 40), start)
        if m is None:
            return ""
        noun = m.group("noun")
        if not (noun.islower() and (noun in self.counted_collectives or noun in self.counted_levels)):
            return ""
        mods = m.group("mods").split()
        if all(w.islower() and w not in self.counted_stop for w in mods):
            return " ".join([*mods, noun])  # "a global television audience of"
        return noun

    def _measure_of(self, text: str, start: int) -> str:
        """What an amount of money, a percentage or a measurement at ``start`` measures when it
        is "of" a noun: one or two lowercase words after a determiner or none ("a net profit of
        1.18 trillion yen", "damages of as much as $20 billion", "at a depth of 10 km"), or the
        one to three words that open the sentence ("Revenue of", "Free cash flow of"); not a
        word of measure_of_not ("a share of 5%", "to the tune of $5bn") nor of stop; else ""."""
        if not self.measure_of_not or last_token(text, start) != "of":
            return ""
        lo = max(0, start - 48)
        if (m := _NAMED_MEASURE_OF_RE.search(text, lo, start)) is not None:
            return m.group("words")  # a name of the measure: "a Sustainable Development Fee of $100"
        if (m := _AFTER_TAX_OF_RE.search(text, lo, start)) is not None:
            words = m.group("words").split()
            cut = [
                i for i, w in enumerate(words[:-2]) if w in self.object_determiners or w in self.counted_stop
            ]
            # (the last determiner's phrase: "and a rival a profit before tax of")
            return " ".join(words[cut[-1] + 1 :] if cut else words)  # "a net profit after tax of" (not "tax")
        # three words after a determiner: "a case fatality rate of 1.8%", "a total contract value of"
        m = _MEASURE_OF3_RE.search(text, lo, start)
        if m is not None and any(
            # (the head may be a verb too: "value", "rate")
            (i < 2 and w in self.counted_stop and w not in self.subject_modifiers)
            or w in self.subject_after  # "a margin of error of"
            or w in self.place_prepositions
            or w.endswith("ed")
            or (i == 0 and w in self._subject_words and w not in self.subject_modifiers)
            or (i == 1 and w in self.subject_verbs)  # "The car hit speeds of"
            or w in self.number_words
            or (i < 2 and w.endswith("s") and not w.endswith("ss"))  # "The bank expects inflation of"
            for i, w in enumerate(m.group("words").split())
        ):
            m = None
        m = m or _MEASURE_OF2_RE.search(text, lo, start)
        if m is None and (m := _MEASURE_OF_OPENING3_RE.search(text, lo, start)) is not None:
            # three words that name a measure: "Free cash flow of"; not a subject and its verb,
            # "Economists expect growth of", "Nvidia reported revenue of"
            three = m.group("words").split()
            if three[0].endswith("s") or any(
                w.lower() in self.counted_stop
                or w.endswith("ed")
                or w in self._subject_words
                or w in self.object_verbs
                for w in three
            ):
                m = None
        m = m or _MEASURE_OF_OPENING_RE.search(text, lo, start) or _MEASURE_OF1_RE.search(text, lo, start)
        if m is None:
            return ""
        words = m.group("words").split()
        if words[0][:1].isupper():  # "Revenue of $94.9 billion beat estimates": the sentence's first word
            if words[0].lower() in self.measure_of_not:
                return ""  # "Most of the $5 billion", "Part of"
            if words[0].lower() in self.counted_stop:  # "The rate of", "At concentrations of"
                m = _MEASURE_OF1_RE.search(text, lo, start)
                if m is None:
                    return ""
                words = m.group("words").split()
        if len(words) > 1 and (
            # ("a maximum sentence of 10 years": a word of measure_modifiers stays)
            (words[0] in self.measure_of_not and words[0] not in self.measure_modifiers)
            or words[0] in self.object_determiners
            # "..., beating estimates of $33.25 billion": a verb after a comma
            or (words[0].endswith("ing") and m.groupdict().get("lead") in (",", ";", "("))
            # "ordered them to pay fines of Rs 5 lakh", "built to withstand waves of": a verb after "to"
            or (
                (m.groupdict().get("lead") or "").lower() == "to"
                and (
                    words[0] in self.counted_qualified
                    or words[0] in self.object_verbs
                    # (an infinitive's "to", not a change's: "increased to similar values of")
                    or (
                        self._plural(words[1])
                        and not self._plural(words[0])
                        and not words[0].endswith(_ADJECTIVE_ENDINGS)
                        and last_token(text, m.start("lead")) not in self._subject_words
                    )
                )
            )
            # "and caused damage of", "and above estimates of": a verb or a preposition after
            # "and" or "of" ("and rainfall totals of 8 to 12 inches" names both words)
            or (
                (m.groupdict().get("lead") or "").lower() in ("and", "of")
                and (words[0].endswith(("ed", "ing")) or words[0] in self.counted_stop)
            )
        ):
            words = words[1:]
        at = m.start("words")
        if (
            len(words) == 1
            and words[0] in self.peak_nouns
            and (before := _join_hyphens(tokens_before(text, at, 3))[-1:])
            and ("-" in before[0][0] or before[0][0].lower() in ("record", "all-time"))
        ):
            return f"{before[0][0]} {words[0]}"  # "a 14-month high of 6.21%", "a record high of"
        if len(words) == 2 and words[0] in ("record", "all-time") and words[1] in self.peak_nouns:
            return " ".join(words)
        if (
            len(words) == 1
            and len(before := tokens_before(text, at, 2)) == 2
            and before[1][0] == "on"
            and before[0][0].lower() in self.return_nouns
        ):
            return f"{before[0][0]} on {words[0]}"  # "a return on equity of roughly 10.6%"
        if (
            len(words) == 1
            and words[0] in self.measure_of_not
            and (before := tokens_before(text, at, 1))
            and before[0][0].lower() in self.measure_modifiers
        ):
            words, at = [before[0][0], words[0]], before[0][1]  # "Apple's market share of 20%"
        if words[-1] in self.measure_of_not and not (
            len(words) > 1 and words[0].lower() in self.measure_modifiers
        ):
            return ""
        if len(words) == 1 and words[0].endswith("ed") and words[0] not in self.counted_not_verbs:
            return ""  # a verb: "One person was defrauded of £3 million"
        if (
            len(words) == 1
            and text.startswith(words[0], at)  # (not after a dropped determiner)
            and words[0] not in self.counted_stop
            and len(before := tokens_before(text, at, 2)) == 2
            and before[1][0] in ("of", "under")
            and self._plain_noun(before[0][0])
            and before[0][0] not in self.measure_of_not
            # not a phrase after a preposition: "in the wake of losses of", "as a result of"
            and not any(w.lower() in _IDIOM_BEFORE for w, _ in tokens_before(text, before[0][1], 2))
        ):
            # "a margin of error of 3.1 points", "the rate of growth of 5%", "assets under
            # management of $1.2 trillion"
            return f"{before[0][0]} {before[1][0]} {words[0]}"
        if len(words) == 2 and (
            words[0] in self.object_determiners
            or words[0] in self.subject_after
            or words[0] in _DROPPED_BEFORE
        ):
            words, at = words[1:], at + text[at:].index(words[1])  # "a previous forecast of 1%"
        # (a noun of counted_qualified names it: "a further cut of 25 basis points")
        if any(
            w in self.counted_stop and w not in self.counted_qualified and w not in self.measure_modifiers
            for w in words
        ):
            return ""
        # words that qualify a measure go on it: "reported operating profit of", "a consolidated
        # net profit of", "output cuts of"
        while len(words) < MEASURE_MAX_WORDS and self.measure_modifiers:
            before = _join_hyphens(tokens_before(text, at, 4))[-2:]  # "a half-year net profit of"
            if not before or before[-1][0].lower() not in self.measure_modifiers:
                break
            if len(before) > 1 and before[0][0].lower() in _VERB_CONTEXT:
                break  # a verb: "must pay fines of", "who pay rents of", "drove home profits of"
            words.insert(0, before[-1][0])
            at = before[-1][1]
        if words and (glued := _HYPHEN_WORD_BEFORE_RE.search(text, max(0, at - 24), at)) is not None:
            words[0] = glued.group() + words[0]  # a word in hyphens: "a half-life of 5,730 years"
        else:
            # words that qualify the noun go on it: a word in hyphens ("a claims-paying capacity
            # of"), a participle after a verb or a determiner ("reported unrealised losses of"),
            # a noun ("the race's total prize fund of")
            mods: list[str] = []
            boundary = ""  # the token before the words taken ("": none, the start)
            while len(words) + len(mods) < MEASURE_MAX_WORDS:
                before = _join_hyphens(tokens_before(text, at, 5))[-2:]
                if not before:
                    boundary = ""
                    break
                w, w_at = before[-1]
                low = w.lower()
                boundary = w
                hyphened = "-" in w and w.replace("-", "").isalpha()
                if (
                    not (w.isalpha() or hyphened)
                    or not w.islower()
                    or len(w) < 3
                    or low in self.counted_stop
                    or low in self._subject_words
                    or low in self.object_verbs
                    or low in _VERB_CONTEXT
                    or low in self.measure_of_not
                    or low in self.number_words
                    or (not hyphened and low.endswith(("ing", "ly", "s")))
                ):
                    break
                if not hyphened and low.endswith("ed"):
                    # a participle after a determiner, an owner or a verb ("reported unrealised
                    # losses"); else a verb after its subject ("a court awarded damages of")
                    prev = before[0][0] if len(before) == 2 else ""
                    if not (
                        prev.lower() in self.object_determiners
                        or prev.endswith(_POSSESSIVE)
                        or (prev.endswith("ed") and prev.islower())
                    ):
                        break
                    mods.insert(0, w)
                    boundary = prev
                    break
                mods.insert(0, w)
                at = w_at
            # only after a word that opens a noun phrase (a determiner, a preposition, an owner,
            # a verb in the past, a number): "has a claims-paying capacity of", "reported
            # unrealised losses of"; not after a verb that takes them: "would impose tariffs of"
            while mods and not (
                (not boundary[:1].isalpha() and boundary not in _RELATIVE_WORDS)
                or (boundary.lower() in self.object_determiners and boundary.lower() not in _RELATIVE_WORDS)
                or boundary.lower() in _NP_OPENERS
                or boundary.lower() in self.measure_modifiers  # "total prize fund"
                or boundary.endswith(_POSSESSIVE)
                # a verb in -ed or -ing: "reported unrealised losses of", "paying capacity charges of"
                or (boundary.endswith(("ed", "ing")) and boundary.islower() and len(boundary) > 4)
                or boundary in self.irregular_participles  # "paid death claims of"
                or self._verb_of_expecting(boundary.lower())  # "forecasts economic growth of"
                or boundary.lower() in self.object_verbs  # "would cut value-added tax of 18%"
            ):
                boundary = mods.pop(0)
            words = mods + words
        return " ".join(words)

    def _verb_of_expecting(self, low: str) -> bool:
        """A verb whose object is a forecast: "expects", "forecasts", "sees" (lexicons
        infinitive_verbs and forecast_verbs, in the present too)."""
        return (
            low in self.counted_infinitive_verbs
            or low in _SEEING
            or low in self.counted_forecast_verbs
            or (low.endswith("s") and low[:-1] in self.counted_forecast_verbs)
        )

    def _worth_noun(self, text: str, start: int) -> str:
        """What an amount of money at ``start`` is the value of, after a word of measure_worth:
        the lowercase words right before that word, back to a determiner, a verb, a number or
        punctuation ("1.5 tonnes of heroin worth", "confiscated personal assets worth", "a
        four-year contract worth"), past an adverb ("a deal potentially worth"); none after a
        copula (the subject's: "Apple is worth", lexicon subject_predicates) or a stop word ("The
        book is well worth"), nor a unit after a
        number ("2 million tonnes worth"); a comma between them sets the amount apart ("The
        contract, worth $1.2 billion, ...")."""
        if not self.measure_worth:
            return ""
        cue = last_token(text, start)
        if cue in self.measure_worth:
            toks = _join_hyphens(tokens_before(text, start, WORTH_MAX_WORDS + 4)[:-1])
        elif cue == "at" and f"{tokens_before(text, start, 2)[0][0]} at" in self.measure_worth:
            # "a contract valued at $40 million" (a phrase of two words that ends in "at")
            toks = _join_hyphens(tokens_before(text, start, WORTH_MAX_WORDS + 5)[:-2])
        else:
            return ""
        if len(toks) > 1 and toks[-1][0] == ",":
            toks.pop()  # "The deal, worth $5 billion, ..."
            # the noun phrase before the comma, with its words that qualify it and its owner:
            # "Bilateral trade, worth about $10 billion", "his contract extension, worth"
            if (
                (antecedent := self._noun_before([t for t, _ in toks])) is not None
                # a common noun (not a name, a month, a verb, nor the unit of an amount restated)
                and antecedent[-1].islower()
                and not antecedent[-1].endswith("ed")
                and not self._unit_word(antecedent[-1])
                and not any(w.lower() in self.number_words for w in antecedent)
            ):
                return " ".join(antecedent)
        words: list[str] = []
        last = len(toks) - 1
        while last >= 0 and _is_adverb(toks[last][0]):  # "a deal potentially worth"
            last -= 1
        pp: list[str] = []  # a phrase after the noun: "a 1.3% stake in Apple worth"
        for j in range(last - 1, max(0, last - 3) - 1, -1):
            if (
                toks[j][0] in ("in", "for", "on")
                and j > 0
                and toks[j - 1][0].isalpha()
                and toks[j - 1][0].islower()
                and toks[j - 1][0] not in self.counted_stop
                and all(t.isalpha() and t.lower() not in self.counted_stop for t, _ in toks[j + 1 : last + 1])
            ):
                pp, last = [t for t, _ in toks[j : last + 1]], j - 1
                break
        for k in range(last, -1, -1):
            word = toks[k][0]
            if not (
                all(part.isalpha() and part.islower() for part in word.split("-"))
                and word not in self.counted_stop
                and word.split("-", 1)[0] not in self.number_words  # "a four-year extension"
                # the noun right before "worth" may be a verb's noun ("a contract", "a pay increase")
                and (word not in self._subject_words or (not words and word not in self.subject_copulas))
                and (not word.endswith(self.counted_suffixes) or word in self.counted_not_verbs or not words)
                and not _is_adverb(word)
            ):
                if not words and k + 1 < len(toks) and word in self.subject_copulas:
                    return ""  # "The tickets are easily worth $100"
                break
            if k > 0 and (toks[k - 1][0][:1].isdigit() or toks[k - 1][0].lower() in self.number_words):
                if "-" in toks[k - 1][0] or not self._unit_word(toks[last][0]):
                    # an amount in hyphens qualifies it: "an 11-year deal worth"; a count counts
                    # it: "1.5 million unsold seedlings worth"
                    words.append(word)
                    break
                return ""  # "2 million tonnes worth $3 billion": the amount's unit, no noun
            words.append(word)
            if len(words) == WORTH_MAX_WORDS:
                break
        if words and words[-1].endswith(self.counted_suffixes) and words[-1] not in self.counted_not_verbs:
            words.pop()  # "confiscated personal assets": the verb before the noun
        elif (
            len(words) > 1
            and last - len(words) >= 0
            and toks[last - len(words)][0] == "to"
            and not self._plural(words[-1])
        ):
            words.pop()  # "an order to forfeit assets worth": the infinitive before its object
        if len(words) == 1 and self._time_word(words[0]):
            return ""  # "400,000 tonnes a year, worth about $4 billion": a rate's time, no noun
        return " ".join([*reversed(words), *pp]) if words else ""

    def _subset(self, text: str, q: Quantity) -> bool:
        """Whether a word of the lexicon subset_before introduces the count ("including two
        children"): it names a part of the count before it."""
        return self.subset_before.may_end(last_token(text, q.start)) and (
            self.subset_before.match_end(tokens_before(text, q.start)) is not None
        )

    def _of_another_noun(self, text: str, start: int) -> bool:
        """Whether the count at ``start`` is "of" a noun that names what it measures ("revenue
        of 20 million", "a city of 2 million"), unless that noun is a word of count ("a
        majority of 174", "estimates of 455,000": lexicon elided_heads)."""
        m = _NOUN_OF_RE.search(text, max(0, start - 40), start)
        return m is not None and m.group(1).lower() not in self.elided_heads

    def _from_another_noun(self, text: str, q: Quantity) -> bool:
        """Whether the change "from" ... "to" at ``q`` follows the noun it changes ("raises the
        retirement age from 62 to 64"), which names it."""
        if not q.text[:5].lower() == "from ":
            return False
        before = last_token(text, q.start)
        return (
            before is not None
            and before.isalpha()
            and before not in self.counted_stop
            and before not in self.number_words
            and not self._plural(before)
        )

    def _share_counted(self, text: str, qs: list[Quantity]) -> None:
        """ "150 and 180 passengers": a bare count in a list takes the counted noun of the last
        one (right to left, like units); so does a part of it: "24 of 31 drones"."""
        for i in range(len(qs) - 2, -1, -1):
            a, b = qs[i], qs[i + 1]
            if (
                _may_lend_noun(b, a)
                and a.rules[0] not in self.noun_free_rules
                and 0 < b.start - a.end <= MAX_GAP
                and "\n" not in text[a.end : b.start]
                and (
                    (
                        self.list_and.match_all(gap := _gap_tokens(text, a.end, b.start)) is not None
                        # a share lists with a share, not with a count: "cut yields by a quarter,
                        # and about 1,100 farmers"
                        and not (
                            a.text[-1:].isalpha()
                            and a.value is not None
                            and b.value is not None
                            and a.value < 1 <= b.value
                        )
                    )
                    # a part of a count: "24 of 31 drones", "412 of the 650 seats"
                    or (self.part_of.maxlen > 0 and self.part_of.match_all(_no_owner(gap)) is not None)
                    # a share of it: "fewer than half the 250 staff"
                    or (
                        a.value is not None
                        and 0 < a.value < 1
                        and [t for t, _ in gap] in (["the"], ["its"], ["their"])
                    )
                )
            ):
                a.quantified = b.quantified
                a.rules = (*a.rules, self.list_counted_rule)
            elif (
                a.unit is COUNT_UNIT
                and not a.quantified
                and b.quantified
                and b.kind is Kind.MEASUREMENT
                and text[a.end : b.start] == " "
                and "-" in b.text
                and b.text[-1:].isalpha()
            ):
                # "54.2 million 60-kg bags": the count of what the measure in hyphens qualifies
                a.quantified = b.quantified
                a.rules = (*a.rules, self.list_counted_rule)
        if self.counted_elided:
            # "15,000 troops have been killed and 23,000 wounded": a bare count with no noun
            # after it counts what the count right before it in its sentence counts
            for i in range(1, len(qs)):
                a, b = qs[i - 1], qs[i]
                if (
                    b.kind is Kind.COUNT
                    and a.kind in (Kind.DURATION, Kind.PERCENTAGE, Kind.MEASUREMENT)
                    and i > 1
                    and qs[i - 2].kind is Kind.COUNT
                ):
                    # "4,000 people were killed during 14 months of fighting, and about 1.2 million
                    # were displaced", "49 were working at a depth of 300 meters, and 58 managed
                    # to get out": past an amount of another kind
                    a = qs[i - 2]
                elif i > 1 and (
                    self._subset(text, a)
                    or (a.quantified and last_token(text, a.start) in _SETTING_WORDS and qs[i - 2].quantified)
                ):
                    # "11 people were killed, including two children, and 40 were wounded":
                    # the count a subset names is the one before it; so is the count of a
                    # setting ("5.8 million people in 11 districts, and at least 71 have died")
                    a = qs[i - 2]
                if (
                    (
                        _may_lend_noun(a, b)
                        # a share "of" a plural: "about 95% of patients had mild symptoms, although
                        # about 60 remained in hospital"
                        or (
                            a.kind is Kind.PERCENTAGE
                            and a.quantified
                            and not b.quantified
                            and b.kind is Kind.COUNT
                            and b.unit is COUNT_UNIT
                            and _OF_RE.match(text, a.end) is not None
                            and self._plural(a.quantified.rsplit(None, 1)[-1].lower())
                        )
                    )
                    and b.rules[0] not in self.noun_free_rules
                    and 0 < b.start - a.end <= self.counted_elided
                    and b.text[:1].isalnum()
                    # (a clause after a semicolon goes on: "carried 67 people; 38 were killed"; so
                    # does the next sentence when it opens with the count and points back:
                    # "Police arrested 40 people. Another 25 were detained", "Three of them")
                    and _opens_next_sentence(text, a.end, b.start, b.end)
                    and (
                        self._elided_here(text, b.start, b.end)
                        or self._elided_before_to(text, b.end, a.quantified)
                    )
                    and not self._of_another_noun(text, b.start)
                    and not self._from_another_noun(text, b)
                    # "one" before "from" is a pronoun: "subtract one from the other"
                    and not (b.text.lower() == "one" and first_token(text, b.end) == "from")
                    # the level a change ends at: "jumped 2.9%, or 148 points, to 5,272"
                    and self._change_before(text, qs, i) is None
                    # not a count with a subject of its own: "total attendance across 63 matches
                    # reached 2.49 million", "55% of sign-ups, and its monthly active users topped 70 million"
                    and not self._subject_noun(text, b.start)
                ):
                    noun = a.quantified
                    if (
                        not self._plural(head := noun.rsplit(None, 1)[-1].lower())
                        and head not in self.counted_adjective_plurals
                        # a people before a participle: "600,000 Rohingya ..., including about
                        # 140,000 confined to camps"
                        and not (
                            noun.rsplit(None, 1)[-1][:1].isupper()
                            and (nxt := first_token(text, b.end)) is not None
                            and nxt.islower()
                            and nxt.endswith(("ed", "ing"))
                        )
                    ):
                        # "One person died and 12 were injured": one of a noun lends its plural
                        single = a.text.lower() in ("one", "1", "a single") and b.value != 1
                        noun = self._plural_of(noun) if single and noun.lower() not in b.text.lower() else ""
                    if self.object_verbs and (named := self._object_noun(text, b.start, None, count=True)):
                        # "added 294,000 jobs, bringing the number of employed people to 16.8
                        # million": the count the verb's object names
                        b.quantified = named
                        b.rules = (*b.rules, self.object_measure_rule)
                    elif noun:
                        b.quantified = noun
                        b.rules = (*b.rules, self.elided_rule)
        # a bare count still without a noun: the collective it is "of" ("a crowd of 20,000",
        # "a population of 8 million"), or the plural subject of its sentence's verb of change
        obj: Quantity | None = None  # the last amount that named the object of its verb
        for k, q in enumerate(qs):
            if not q.quantified and q.rules[0] in self.multiplier_rules:
                # "more than three times the national average"; "roughly twice as many as
                # after Ian": the count before it in its sentence
                noun = self._multiple_of(text, q.end)
                if not noun and (many := _AS_MANY_RE.match(text, q.end)):
                    nxt = first_token(text, many.end())
                    if nxt is not None and nxt.islower() and self._plain_noun(nxt) and self._plural(nxt):
                        noun = nxt  # "twice as many generators"
                    else:
                        noun = self._antecedent_count(text, qs, k)
                if noun:
                    q.quantified = noun
                    q.rules = (*q.rules, self.multiple_of_rule)
                    continue
            if q.quantified or q.rules[0] in self.noun_free_rules:
                continue
            # "Shipments dropped by a fifth", "cut its workforce by a quarter": a share after
            # "by" is a change, and measures what a percentage would
            share_change = (
                q.kind is Kind.COUNT
                and q.value is not None
                and 0 < q.value < 1
                and last_token(text, q.start) == "by"
            )
            if noun := _restated_share(text, qs, k):
                # "16.4 million votes, or 53.7%": the share the count is of its whole
                q.quantified, q.rules = noun, (*q.rules, self.restated_rule)
                continue
            if q.unit is COUNT_UNIT and (
                (m := _PLURAL_WITH_RE.search(text, max(0, q.start - 40), q.start)) is not None
                and self._plural(m.group("noun"))
                and m.group("noun") not in self.counted_stop
            ):
                # "Romania reported the most infections, with 30,692": the plural before ", with"
                q.quantified, q.rules = m.group("noun"), (*q.rules, self.elided_rule)
                continue
            if (
                q.unit is COUNT_UNIT
                and k > 0
                and (p := qs[k - 1]).unit is COUNT_UNIT
                and p.quantified
                and p.rules[-1] == self.elided_rule
                and q.modifier is not Modifier.VAGUE
                and self._listed(text, p.end, q.start)
                and _nothing_named_after(text, q.end)
            ):
                # "..., with about 3.6 million travellers, ahead of Riyadh and Mumbai at 2.9
                # million and 2.6 million": the bare count listed after one that took its noun
                q.quantified, q.rules = p.quantified, (*q.rules, self.elided_rule)
                continue
            if (
                q.kind is Kind.COUNT
                and k > 0
                and (p := qs[k - 1]).kind is Kind.COUNT
                and p.quantified
                and _FOLLOWED_BY_AT_RE.search(text, max(p.end, q.start - 60), q.start)
            ):
                # "..., with 30,692, followed by Kazakhstan with 28,147": the count before's noun
                q.quantified, q.rules = p.quantified, (*q.rules, self.elided_rule)
                continue
            if (m := _FOLLOWED_BY_AT_RE.search(text, max(0, q.start - 60), q.start)) is not None and (
                q.kind in _SUBJECT_MEASURE_KINDS
                # a people counted: "..., followed by Chinese at 421,000 and Filipinos at 260,000"
                or (q.kind is Kind.COUNT and m.group("name").endswith(_PEOPLE_ENDINGS))
            ):
                # "Apple was the biggest holding, followed by Microsoft at 1.2%"
                q.quantified, q.rules = m.group("name"), (*q.rules, self.placed_rule)
                continue
            # (past the span of a time phrase: "shipped 101.9 million tonnes of soybeans in the
            # first 10 months of 2025, up 8%")
            span = (
                qs[k - 1] if k > 1 and qs[k - 1].kind is Kind.DURATION and not qs[k - 1].quantified else None
            )
            if (
                q.kind is Kind.PERCENTAGE
                and k > 0
                and (p := qs[k - 2] if span is not None else qs[k - 1]).quantified
                and p.kind is not Kind.PERCENTAGE
                and q.start - (span or p).end <= MAX_CHANGE_GAP
                and _CHANGE_AFTER_RE.search(text, max((span or p).end, q.start - 16), q.start) is not None
                and not _SENTENCE_END_RE.search(text, p.end, q.start)
                and (
                    span is None
                    or _TIME_PHRASE_BEFORE_RE.search(text, max(p.end, span.start - 16), span.start)
                )
            ):
                # a change after a comma changes the amount before it: "Spain received 11.2
                # million foreign visitors in July, up 3.1% from a year earlier"
                q.quantified, q.rules = p.quantified, (*q.rules, self.change_after_rule)
                continue
            if q.kind in _SUBJECT_MEASURE_KINDS and (noun := self._gapped(text, qs, k)):
                # a verb left out after "and": "Revenue is projected at 3,000 trillion rupiah and
                # economic growth at 5.4%", "..., and China for 19%"
                q.quantified, q.rules = noun, (*q.rules, self.subject_measure_rule)
                continue
            if q.kind in (Kind.PERCENTAGE, Kind.COUNT) and (m := _OF_THOSE_RE.match(text, q.end)):
                # "About 80% of those infected", "kills up to 88% of those it infects"
                q.quantified, q.rules = m.group("np"), (*q.rules, self.measure_of_rule)
                continue
            if (
                q.kind is Kind.PERCENTAGE
                and k + 1 < len(qs)
                and qs[k + 1].quantified
                and _OF_OWNER_GAP_RE.fullmatch(text, q.end, qs[k + 1].start)
            ):
                # "80% of the country's $55 billion in annual exports": of what that amount is
                q.quantified, q.rules = qs[k + 1].quantified, (*q.rules, self.list_counted_rule)
                continue
            if q.kind in _SUBJECT_MEASURE_KINDS or share_change:
                # "raised its benchmark rate by 50 basis points": what an amount of money or a
                # percentage measures is the object of a verb of change before "by", "to" or
                # "at"; "cut Bank Rate by 25bp to 4.75%": and of the amount it changes to
                # "held its cash rate at a 12-year high of 4.35%": past a peak, the verb's object or
                # subject
                if (
                    q.kind is Kind.PERCENTAGE
                    and (them := _OF_THEM_RE.match(text, q.end)) is not None
                    and (noun := self._antecedent_count(text, qs, k, mass=them.group("it") is not None))
                ):
                    # "created 14,000 jobs, 68% of them filled by local residents"; "a budget of
                    # 4.4 billion euros, 96% of it from private sources"; before the verb's
                    # subject: "LIC paid death claims of 128 billion rupees and settled 98.3% of them"
                    q.quantified = noun
                    q.rules = (*q.rules, self.list_counted_rule)
                    continue
                # ("rose by an average of 3.2%": past the average, as past the peak)
                peak = _PEAK_OF_RE.search(text, max(0, q.start - 40), q.start) or _AVERAGE_OF_RE.search(
                    text, max(0, q.start - 40), q.start
                )
                if self.object_verbs and (
                    (noun := self._object_noun(text, q.start, obj))
                    or (peak is not None and (noun := self._object_noun(text, peak.start("det"), obj)))
                ):
                    q.quantified = noun
                    q.rules = (*q.rules, self.object_measure_rule)
                    obj = q
                # "Revenue rose 12% to $4.2 billion", "Inflation eased to 2.9% from 3.4%": or
                # the subject of its verb
                elif self.subject_verbs and (
                    (
                        noun := self._subject_noun(
                            text, q.start, measure=True, share=q.kind is Kind.PERCENTAGE or share_change
                        )
                    )
                    # "Inflation rose to a record high of 9%"
                    or (
                        peak is not None
                        and (noun := self._subject_noun(text, peak.start("det"), measure=True))
                    )
                ):
                    q.quantified = noun
                    q.rules = (*q.rules, self.subject_measure_rule)
                elif noun := self._measure_of(text, q.start):
                    q.quantified = noun  # "a net profit of 1.18 trillion yen"
                    q.rules = (*q.rules, self.measure_of_rule)
                elif q.kind is Kind.MONEY and (noun := self._worth_noun(text, q.start)):
                    q.quantified = noun  # "heroin worth an estimated $50 million"
                    q.rules = (*q.rules, self.worth_rule)
                elif noun := self._moved_noun(text, q):
                    q.quantified = noun  # "with sugar up 60%", "leaving prices 5.5% higher"
                    q.rules = (*q.rules, self.moved_noun_rule)
                elif noun := self._bounded_noun(text, q):
                    q.quantified = noun  # "ticket prices as high as $2,500"
                    q.rules = (*q.rules, self.bounded_noun_rule)
                elif q.kind is Kind.MONEY and (noun := self._bought_for(text, q)):
                    q.quantified = noun  # "agreed to buy Pringles maker Kellanova for $35.9 billion"
                    q.rules = (*q.rules, self.object_measure_rule)
                elif (q.kind is Kind.MONEY or q.unit.name in ("percentage point", "basis point")) and (
                    noun := self._added_to(text, q)
                ):
                    # "added 305 billion crowns to the fund's value", "could shave 0.5 percentage
                    # points off growth"
                    q.quantified = noun
                    q.rules = (*q.rules, self.object_measure_rule)
                elif q.kind is Kind.MONEY and (noun := self._paid_for(text, q)):
                    q.quantified = noun  # "The SABC paid 67 million rand for the rights"
                    q.rules = (*q.rules, self.object_measure_rule)
                elif (
                    q.kind is Kind.MONEY
                    and (m := _COST_WHOM_RE.search(text, max(0, q.start - 60), q.start)) is not None
                    and self._whom(m.group("whom").split())
                    and (noun := self._subject_noun(text, m.start("whom"), measure=True))
                ):
                    # "The bailout cost taxpayers $475 billion", "Hurricane Delia will cost
                    # insurers between $28 billion and $36 billion": the subject, past whom
                    q.quantified = noun
                    q.rules = (*q.rules, self.subject_measure_rule)
                elif (
                    q.kind is Kind.PERCENTAGE
                    and (m := _ACCOUNTED_FOR_RE.search(text, max(0, q.start - 40), q.start)) is not None
                    and (noun := self._subject_noun(text, m.start("for"), measure=True, share=True))
                ):
                    # "Deaths among people over 80 accounted for about 65% of the total"
                    q.quantified = noun
                    q.rules = (*q.rules, self.subject_measure_rule)
                elif q.kind is Kind.PERCENTAGE and (noun := self._placed_name(text, q.start)):
                    q.quantified = noun  # "The Democratic Alliance came second with 21.8%"
                    q.rules = (*q.rules, self.placed_rule)
                continue
            if q.kind in (Kind.MEASUREMENT, Kind.DURATION) and (noun := self._measure_of(text, q.start)):
                q.quantified = noun  # "at a depth of 10 km", "a prison sentence of 25 years"
                q.rules = (*q.rules, self.measure_of_rule)
                continue
            if (
                q.kind is Kind.MEASUREMENT
                and self.object_measures
                and (noun := self._object_noun(text, q.start, obj))
                # a noun of measure: "pushed peak power demand to 250 GW"; not "cut the ribbon
                # at 10 km", "took the team to 3,000 metres"
                # (the head before "of": "caps imports of refined petroleum at 500,000 barrels")
                and (
                    noun.split(" of ", 1)[0].rsplit(None, 1)[-1].lower() in self.object_measures
                    # or any noun an estimate puts "at" it: "estimated the anchovy biomass at 7.8
                    # million tonnes"
                    or self._estimated_at(text, q.start, noun)
                )
            ):
                q.quantified = noun  # "will raise its LNG export capacity to 142 million tonnes"
                q.rules = (*q.rules, self.object_measure_rule)
                obj = q
                continue
            if (
                q.kind in (Kind.MEASUREMENT, Kind.DURATION)
                and self.subject_verbs
                # "The kids were up 2 hours past their bedtime": awake, no change
                and not (q.kind is Kind.DURATION and last_token(text, q.start) in self.subject_predicates)
                # not when a plural noun follows and names it: "strengthened to 150 mph winds"
                and not (
                    (nxt := first_token(text, q.end)) and nxt.islower() and self._plural(nxt.rstrip("."))
                )
                # not a relative date: "interviews were held two years later"; nor a time point,
                # "increased at 2 months"
                and not (
                    q.kind is Kind.DURATION
                    and (
                        (self.relative_time_after is not None and self.relative_time_after.match(text, q.end))
                        # a time point, "increased at 2 months"; not a level, "held at 34.3 hours"
                        or (
                            last_token(text, q.start) == "at"
                            and not _LEVEL_AT_RE.search(text, max(0, q.start - 24), q.start)
                        )
                    )
                )
                and (
                    noun := self._subject_noun(
                        text,
                        q.start,
                        measure=True,
                        near=True,
                        amounts=qs[max(0, k - NEAR_AMOUNTS) : k],
                        dimension=q.unit.dimension,
                    )
                )
            ):
                # "Temperatures soared to 46.3 degrees Celsius", "Life expectancy fell by 2.4
                # years": the subject of a verb of change, as for money and percentages
                q.quantified = noun
                q.rules = (*q.rules, self.subject_measure_rule)
                continue
            if q.kind is Kind.MEASUREMENT and self.size_adjectives and (noun := self._sized_noun(text, q)):
                q.quantified = noun  # "floodwaters up to 2 meters deep", "waves as high as 2 meters"
                q.rules = (*q.rules, self.sized_noun_rule)
                continue
            if q.kind is Kind.MEASUREMENT and (noun := self._moved_noun(text, q)):
                q.quantified = noun  # "The heat pushed temperatures above 47 degrees Celsius"
                q.rules = (*q.rules, self.moved_noun_rule)
                continue
            if q.kind is Kind.MEASUREMENT and (noun := self._bounded_noun(text, q)):
                q.quantified = noun  # "Temperatures above 30 degrees Celsius were recorded"
                q.rules = (*q.rules, self.bounded_noun_rule)
                continue
            if q.kind is not Kind.COUNT or q.unit is not COUNT_UNIT:
                continue
            if (change := self._change_before(text, qs, k)) is not None and (noun := change.quantified):
                # "The Nikkei fell 1.4% to 38,640.25": the level the change ends at, of the same;
                # "Sales were down 4% from 8.55 million": or starts from
                q.quantified = noun
                q.rules = (*q.rules, self.change_after_rule)
                continue
            head = self._noun_of(text, q.start) if self.counted_collectives else ""
            if head:
                q.quantified = head
                q.rules = (*q.rules, self.of_noun_rule)
            elif predicate := self._predicate_noun(text, q.end):
                q.quantified = predicate  # "Of those, 270 were soldiers and 120 were civilians"
                q.rules = (*q.rules, self.predicate_rule)
            elif self.object_verbs and (noun := self._object_noun(text, q.start, None, count=True)):
                q.quantified = noun  # "bringing the number of employed people to 16.8 million"
                q.rules = (*q.rules, self.object_measure_rule)
            elif (
                self.subject_verbs
                and q.value is not None
                and not self._of_another_noun(text, q.start)
                # (a comparison with the count before names it: "runs 62 trips a day, up from 48")
                and _UP_FROM_BEFORE_RE.search(text, max(0, q.start - 12), q.start) is None
                and (noun := self._subject_noun(text, q.start))
                # a fraction measures only a level: "The gauge rose to 51.3"
                and (float(q.value).is_integer() or noun.rsplit(" ", 1)[-1].lower() in self.counted_levels)
            ):
                q.quantified = noun
                q.rules = (*q.rules, self.subject_rule)

    def _share_late(self, text: str, qs: list[Quantity]) -> None:
        """What the amounts still with no noun measure, once the others have theirs: the level
        a change ends at, a forecast of the amount before, a restatement of a share, an amount
        in an aside after a noun."""
        for k, q in enumerate(qs):
            if (
                q.kind is Kind.COUNT
                and q.quantified in _POINT_NOUNS
                and last_token(text, q.start) in ("to", "at")  # a level, not a change ("or 148 points")
                and (noun := self._subject_noun(text, q.start))
                and noun.rsplit(None, 1)[-1].lower() in self.counted_levels
            ):
                # the level of an index in points measures the index: "Pakistan's benchmark
                # KSE-100 index fell 2.6% to 159,304 points"
                q.quantified = noun
                q.rules = (*q.rules, self.subject_rule)
                continue
            if (
                q.kind is Kind.PERCENTAGE
                and q.quantified
                and q.quantified.lower() in self.ratio_bases
                and (
                    noun := self._measure_of(text, q.start)
                    or self._object_noun(text, q.start, None)
                    or self._subject_noun(text, q.start, measure=True, share=True)
                    # the name that won with it: "Nawrocki won the runoff with 50.89% of the vote"
                    or self._placed_name(text, q.start)
                    # a verb left out: "..., and defence spending at 4.7% of GDP"
                    or self._gapped(text, qs, k)
                    # the money it restates: "public debt of 11.5 trillion shillings, or 68% of GDP"
                    or (
                        qs[k - 1].quantified
                        if k
                        and qs[k - 1].kind is Kind.MONEY
                        and _OR_RESTATED_RE.fullmatch(text, qs[k - 1].end, q.start)
                        else ""
                    )
                )
            ):
                # a share of GDP measures what it is of GDP: "a budget deficit of 4.1% of GDP",
                # "The deficit is running at 4.9% of gross domestic product"
                q.quantified = noun
                q.rules = (*q.rules, self.measure_of_rule)
                continue
            if (
                not q.quantified
                and q.kind in (Kind.MONEY, Kind.MEASUREMENT)
                and (change := self._change_before(text, qs, k)) is not None
                and (noun := change.quantified)
            ):
                q.quantified = noun  # "fell 11% in the 12 months through July to 5,796 square kilometres"
                q.rules = (*q.rules, self.change_after_rule)
            elif (
                not q.quantified
                and k > 0
                and q.kind in (Kind.MONEY, Kind.MEASUREMENT, Kind.COUNT)
                and (p := qs[k - 1]).kind is Kind.PERCENTAGE
                and p.quantified
                and _OF_RE.match(text, p.end) is not None
                and _OR_RESTATED_RE.fullmatch(text, p.end, q.start) is None
                and _RESTATES_SHARE_RE.search(text, p.end, q.start) is not None
                and q.start - p.end <= 80
            ):
                # "About 20% of the world's oil supply, or some 20 million barrels per day,": the
                # amount a share restates is of what the share is of
                q.quantified = p.quantified
                q.rules = (*q.rules, self.restated_rule)
            elif (
                not q.quantified
                and q.kind is Kind.PERCENTAGE
                and (m := _AMONG_BEFORE_RE.search(text, max(0, q.start - 80), q.start)) is not None
                and (words := m.group("np").split())
                and len(words) <= 6
                and words[0].islower()
            ):
                # "Among children screened on arrival in Tawila, 32% were acutely malnourished":
                # the group a share is of, fronted
                q.quantified = " ".join(words)
                q.rules = (*q.rules, self.measure_of_rule)
            elif (
                not q.quantified
                and k > 0
                and q.kind is Kind.MONEY
                and (p := qs[k - 1]).kind is Kind.COUNT
                and p.quantified
                and (after := _noun_end(text, p)) > p.end
                and _BOUGHT_FOR_GAP_RE.fullmatch(text, after, q.start) is not None
            ):
                # money paid for a count of things: "ordered 12 high-speed trains from Spain's
                # Talgo for about 700 million pounds"
                q.quantified = p.quantified
                q.rules = (*q.rules, self.measure_of_rule)
            elif not q.quantified and k > 0 and (noun := self._forecast_of(text, qs, k)):
                # "came in at $10.2 billion, below the $10.5 billion analysts had expected"
                q.quantified = noun
                q.rules = (*q.rules, self.change_after_rule)
            elif (
                not q.quantified
                and q.kind in _SUBJECT_MEASURE_KINDS
                and (text[q.end : q.end + 1] == "," or text.startswith(" (", q.end))
                and (m := _ASIDE_AMOUNT_RE.search(text, max(0, q.start - 64), q.start)) is not None
                # (not after an amount it restates: "a bonus of 1 million rupees, worth about $3,600")
                and not (k > 0 and qs[k - 1].end == m.start())
                and (words := self._noun_before_at(text, m.start()))
                # a common noun, not a name or a month ("through November"), or a noun before a
                # name's preposition: "The UNHCR's 2025 appeal for Ethiopia, at $464 million,"
                and (
                    words[-1].islower()
                    or (
                        words[0].islower()
                        and any(w in _TAIL_PREPOSITIONS for w in words)
                        and text[m.start() : m.end()].split()[-1] == "at"
                    )
                )
            ):
                # "Egypt's real interest rate, at about 10 percentage points, remains", "Its YU7
                # sport utility vehicle, priced from 253,500 yuan, goes": the noun the aside is of
                q.quantified = " ".join(words)
                q.rules = (*q.rules, self.measure_of_rule)
            elif (
                not q.quantified
                and q.kind in (Kind.PERCENTAGE, Kind.MONEY)
                and text[q.end : q.end + 1] in (",", ".", ";", ")", "")
                and (m := _ASIDE_CHANGE_RE.search(text, max(0, q.start - 12), q.start)) is not None
                and not (k > 0 and qs[k - 1].end == m.start())  # "spent $33.2 billion, up 6.1%"
                and (words := self._noun_before_at(text, m.start()))
                and words[-1][:1].isalpha()
            ):
                # "SoftBank Group, up 6%, added", "miners such as Merdeka Copper Gold, up 7%.":
                # a change in an aside after a noun or a name changes it
                q.quantified = " ".join(words)
                q.rules = (*q.rules, self.measure_of_rule)
            elif (
                not q.quantified
                and q.kind in (Kind.MEASUREMENT, Kind.MONEY, Kind.DURATION)
                and (m := _PARTICIPLE_AMOUNT_RE.search(text, max(0, q.start - 24), q.start)) is not None
                and (words := self._noun_before_at(text, m.start()))
                and words[-1].islower()
            ):
                while len(words) > 1 and (
                    words[0].lower() in self.number_words
                    or words[0][:1].isdigit()
                    # a verb before its object: "served two terms totalling", "to report fevers lasting"
                    or (words[0].islower() and words[0].endswith("ed"))
                    or words[0].lower() in self.subject_reporting
                    or words[0].lower() in self.object_verbs
                ):
                    words = words[1:]  # "three male mice weighing 20 g"
                q.quantified = " ".join(words)  # "294 gold bars weighing a total of 1.2 tonnes"
                q.rules = (*q.rules, self.measure_of_rule)
            elif (
                not q.quantified
                and q.kind is Kind.MONEY
                and k > 0
                and (p := qs[k - 1]).quantified
                and p.kind is Kind.MEASUREMENT
                and _WORTH_GAP_RE.fullmatch(text, p.end, q.start) is not None
            ):
                q.quantified = p.quantified  # "... 1.2 tonnes, worth about S$150 million": its value
                q.rules = (*q.rules, self.measure_of_rule)
        for k in range(len(qs) - 1):
            a, b = qs[k], qs[k + 1]
            if (
                a.kind is Kind.COUNT
                and b.kind is Kind.COUNT
                and not a.quantified
                and len(later := b.quantified.split()) > 1
                and (later[0].endswith("ed") or later[0] in self.counted_participles)
                and (m := _QUALIFIER_AND_RE.fullmatch(text, a.end, b.start)) is not None
                and (m["adj"].endswith("ed") or m["adj"] in self.counted_participles)
            ):
                # "3,870 suspected and 751 confirmed cases": the first count's qualifier on the
                # noun of the second
                a.quantified = " ".join([m["adj"], *later[1:]])
                a.rules = (*a.rules, self.elided_rule)
                continue
            if (
                a.kind in (Kind.PERCENTAGE, Kind.COUNT)
                and b.quantified
                and b.kind is not Kind.PERCENTAGE
                and (b.unit is not COUNT_UNIT or not a.quantified)
                and (not a.quantified or self._unit_word(a.quantified))
                and b.start < a.end + 40
                and _SHARE_OF_AMOUNT_RE.fullmatch(text, a.end, b.start) is not None
            ):
                # a share of an amount is of what the amount measures: "about 8% of Spain's 75
                # billion euros in agri-food exports" (not of "euros")
                a.quantified = b.quantified
                a.rules = (*a.rules, self.restated_rule)
                continue
            if (
                a.quantified
                and not b.quantified
                and a.kind is b.kind
                and a.unit.dimension == b.unit.dimension
                and _RESTATED_RE.fullmatch(text, a.end, b.start)
            ):
                b.quantified = a.quantified  # and its restatement: "at €88 million ($102 million)"
                b.rules = (*b.rules, self.restated_rule)
            elif (
                bool(a.quantified) != bool(b.quantified)
                and a.kind is b.kind
                and (gap := _CHANGE_ENDS_GAP_RE.fullmatch(text, a.end, b.start)) is not None
                and (a.unit.dimension == b.unit.dimension or gap.group("rate"))
                and last_token(text, a.start) == ("to" if gap.group("link") == "from" else "from")
            ):
                # the two ends of one change measure the same: "raised the retirement age to 67
                # from 65", "from 62 to 64"
                c, noun = (b, a.quantified) if a.quantified else (a, b.quantified)
                c.quantified = noun
                c.rules = (*c.rules, self.change_after_rule)

    def _forecast_of(self, text: str, qs: list[Quantity], k: int) -> str:
        """What an amount forecast for the one before it measures, when a comparison opens it
        and a forecast follows it: "profit came in at $10.2 billion, below the $10.5 billion
        analysts had expected", "short of the 8.9 billion euros expected in a poll"; else ""."""
        q = qs[k]
        nxt = first_token(text, q.end)
        if (
            not self.counted_forecast_verbs
            # (most amounts: no forecast after them, read with a few character tests)
            or (
                nxt is not None
                and nxt not in self.counted_forecast_verbs
                and nxt not in self.counted_forecasters
            )
            or not (self._forecast_named_after(text, q.end) or self._forecast_after(text, q.end))
            or _FORECAST_COMPARED_RE.search(text, max(0, q.start - 40), q.start) is None
        ):
            return ""
        for j in range(k - 1, -1, -1):
            a = qs[j]
            if q.start - a.end > 120 or _SENTENCE_END_RE.search(text, a.end, q.start):
                return ""
            if a.kind is q.kind and a.unit.dimension == q.unit.dimension and a.quantified:
                return (
                    a.quantified
                )  # (past a restatement with no noun yet: "9.01 billion euros ($10.5 billion)")
        return ""

    def _change_before(self, text: str, qs: list[Quantity], k: int) -> Quantity | None:
        """The percentage right before ``qs[k]`` whose change ends at or starts from it: "The
        Nikkei fell 1.4% to 38,640.25", "down 4% from 8.55 million"; past a restatement in
        points ("jumped 2.9%, or 148 points, to 5,272") or a span of time ("fell 11% in the 12
        months through July to 5,796 square kilometres"); else None."""
        q = qs[k]
        if k == 0 or first_token(text, q.end) not in _AFTER_LEVEL:
            return None
        j = k - 1
        while j > 0 and (
            qs[j].kind is Kind.DURATION or (qs[j].kind is Kind.COUNT and qs[j].quantified in _POINT_NOUNS)
        ):
            j -= 1
        p = qs[j]
        if p.kind is not Kind.PERCENTAGE:
            return None
        if j == k - 1 and _TO_LEVEL_RE.fullmatch(text, p.end, q.start):
            return p
        gap = text[p.end : q.start]  # (past a phrase of time: "fell 7% on June 24 to $67.14")
        if (
            len(gap) > MAX_CHANGE_GAP
            or not _TO_LEVEL_END_RE.search(gap)
            or _SENTENCE_END_RE.search(gap)
            # no other clause or aside: "0.3% of GDP, and halve the number of ministries to nine",
            # "(6% of participants) to more than 470"
            or (j == k - 1 and ("," in gap or ")" in gap))
            # a change named by its noun changes what the noun is of: "a 22% cut in the catch, to"
            or (p.quantified and p.quantified.split(None, 1)[0].lower() in self.counted_change_nouns)
        ):
            return None
        return p

    def _predicate_noun(self, text: str, end: int) -> str:
        """The plural a bare count is, after "were" or "are", when the clause ends with it:
        "Of those, 270 were soldiers", "roughly 11,600 were unaccompanied minors"; else ""."""
        m = _PREDICATE_RE.match(text, end)
        if m is None:
            return ""
        words = m.group(1).split()
        if len(words) > 1 and words[0].endswith("ed"):
            words = words[1:]  # "32 are considered high-risk contacts"
        last = words[-1]
        if (
            not self._plural(last)
            or last.endswith(("ed", "ing"))
            or any(w in self.counted_stop for w in words)
            or words[0] in self.number_words  # "3 hundred and 21 are two valid numbers"
            or words[0] in self.object_determiners
        ):
            return ""
        return " ".join(words)

    def _share_continued(self, text: str, qs: list[Quantity]) -> None:
        """A percentage or money with no noun continues the measure of the last amount of its
        kind in its sentence, past amounts of other kinds: "rose 3% in October and another 4% in
        November", "Egypt took 14% of the exports and Britain 7%", "Arrivals rose 10% to 94
        million, after 2.3% in 2023", "compensation of 200,000 rupees for the dead and 50,000
        rupees for the injured", "fines of up to 10% of turnover, rising to 20%"."""
        for k, b in enumerate(qs):
            if (
                b.kind is Kind.PERCENTAGE
                and b.quantified
                and b.rules[-1] == self.subject_measure_rule
                and k > 0
                and last_token(text, b.start) in self.subject_share_verbs
            ):
                # "Pakistan took 38% of Kenya's tea exports, while Egypt took 14%": a share a
                # subject takes is of what the share before it in its sentence is of
                a = qs[k - 1]
                if (
                    a.kind is Kind.PERCENTAGE
                    and a.quantified
                    and _OF_RE.match(text, a.end)
                    and b.start - a.end <= 160
                    and not _SENTENCE_END_RE.search(text, a.end, b.start)
                ):
                    b.quantified, b.rules = a.quantified, (*b.rules[:-1], self.change_after_rule)
                continue
            if b.quantified:
                continue
            if b.kind is Kind.COUNT:
                self._count_continued(text, qs, k)
                continue
            if noun := _restated_share(text, qs, k):
                # "13.5 million, or 44.3%", once the count has its noun from the list before it
                b.quantified, b.rules = noun, (*b.rules, self.restated_rule)
                continue
            if b.kind not in _SUBJECT_MEASURE_KINDS:
                continue
            if _CONTINUED_BEFORE_RE.search(text, max(0, b.start - 60), b.start) is None:
                continue
            nxt = first_token(text, b.end)
            if nxt is not None and self._plain_noun(nxt) and not nxt.endswith(("ed", "ly")):
                continue  # a noun of its own after it: "75% copper and 25% nickel"
            for j in range(k - 1, -1, -1):
                a = qs[j]
                if a.kind is not b.kind or a.unit.dimension != b.unit.dimension:
                    continue
                if (
                    a.quantified
                    and b.start - a.end <= 100
                    and not _SENTENCE_END_RE.search(text, a.end, b.start)
                ):
                    b.quantified, b.rules = a.quantified, (*b.rules, self.change_after_rule)
                break

    def _count_continued(self, text: str, qs: list[Quantity], k: int) -> None:
        """A bare count after a name in a list counts what the count before it in its sentence
        counts: "The Conservatives took 144 seats, the New Democrats seven and the Greens one",
        "Italy recorded 19,038 deaths, followed by Spain with 6,743 and Germany with 6,282"."""
        b = qs[k]
        if (
            b.unit is not COUNT_UNIT
            or b.value is None
            or not float(b.value).is_integer()
            or b.modifier is Modifier.VAGUE
            or b.rules[0] in self.noun_free_rules
        ):
            return
        if (
            k + 1 < len(qs)
            and (c := qs[k + 1]).unit is COUNT_UNIT
            and not c.quantified
            and _PART_OF_GAP_RE.fullmatch(text, b.end, c.start)
        ):
            # "took 44 of the province's 78 seats, while in Ontario they won 69 of 122": a part of
            # a count with no noun counts what the part before it in its sentence counted
            for j in range(k - 1, -1, -1):
                a = qs[j]
                if a.kind is Kind.COUNT and a.quantified and _PART_OF_AFTER_RE.match(text, a.end):
                    if b.start - a.end <= 200 and not _SENTENCE_END_RE.search(text, a.end, b.start):
                        for x in (b, c):
                            x.quantified, x.rules = a.quantified, (*x.rules, self.list_counted_rule)
                    break
            return
        if _COUNT_CONTINUED_BEFORE_RE.search(text, max(0, b.start - 60), b.start) is None:
            return
        if text[b.end : b.end + 1] not in ("", " ", ",", ".", ";", ")"):
            return  # glued to what follows: "Saturn 1-D"
        nxt = first_token(text, b.end)
        if nxt is not None and (nxt[:1].isalnum() and nxt.lower() not in _COUNT_CONTINUED_AFTER):
            return  # a word of its own after it: "and Britain 7 times", "the Greens one seat"
        for j in range(k - 1, -1, -1):
            a = qs[j]
            if a.kind is not Kind.COUNT or a.unit is not COUNT_UNIT:
                continue
            if a.quantified and b.start - a.end <= 160 and not _SENTENCE_END_RE.search(text, a.end, b.start):
                b.quantified, b.rules = a.quantified, (*b.rules, self.change_after_rule)
            break

    def _share_neighbours(self, text: str, qs: list[Quantity]) -> None:
        """An amount restated in another unit in parentheses right after it measures what it
        measures: "29.6 billion yuan ($4.1 billion)", "winds of 180 mph (285 km/h)"; a change
        after a comma and "up" or "down" changes it: "revenue of $35.1 billion, up 94%"."""
        for a, b in itertools.pairwise(qs):
            shares_noun = bool(a.quantified) != bool(b.quantified)
            # "topped 43C (109F)", "about 15.5 km (9.6 miles)": a restatement is bounded as the
            # amount is
            bounded = (
                a.modifier in _ONE_VALUE_BOUNDS
                and b.modifier is Modifier.EXACT
                and b.value is not None
                and text[b.start - 1 : b.start] == "("
            )
            if not (shares_noun or bounded):
                continue
            restated = _restated_end(text, a, b) is not None  # asked once per pair
            if bounded and restated:
                b.modifier, b.approximate = a.modifier, a.approximate
                _one_value_bounds(b, b.modifier, b.value)
                b.rules = (*b.rules, self.restated_rule)
            if not shares_noun:
                continue
            if restated:
                if a.quantified:
                    b.quantified, b.rules = a.quantified, (*b.rules, self.restated_rule)
                else:
                    a.quantified, a.rules = b.quantified, (*a.rules, self.restated_rule)
            elif (
                a.quantified
                and b.start - a.end <= MAX_CHANGE_GAP
                and (
                    _CHANGE_AFTER_RE.search(text, a.end, b.start) is not None
                    # the same measure another time: "58% of graduates, down from 72%", "$3.10,
                    # compared with $2.52 a year earlier"
                    or (
                        a.kind is b.kind
                        and a.unit.dimension == b.unit.dimension
                        and _COMPARED_AFTER_RE.search(text, a.end, b.start) is not None
                        # not an amount of its own group: "compared to 60.8% of the subjects",
                        # "versus 1.2% for the Nasdaq", "18% among women", "from 40 km away"
                        and not _OWN_GROUP_AFTER_RE.match(text, b.end)
                    )
                    # a share against another: "55.6% of the vote against 44.4% for Gonzalez"
                    or (
                        a.kind is Kind.PERCENTAGE
                        and b.kind is Kind.PERCENTAGE
                        and _SHARE_AGAINST_RE.fullmatch(text, a.end, b.start) is not None
                    )
                    # two of one measure: "smaller cuts of 20,000 and 40,000 bpd respectively",
                    # "stakes of 6% and 5.5%"
                    or (
                        a.kind is b.kind
                        and a.kind is not Kind.COUNT
                        and a.unit.dimension == b.unit.dimension
                        and _AND_ONLY_RE.fullmatch(text, a.end, b.start) is not None
                    )
                    # the same money restated in another currency after a comma: "78 million
                    # rials, about $750 at the market rate", "110 million rials, worth $110"
                    or (
                        a.kind is Kind.MONEY
                        and b.kind is Kind.MONEY
                        and a.unit is not b.unit
                        and _RESTATED_COMMA_RE.fullmatch(text, a.end, b.start) is not None
                    )
                    # a comparison after a comma: "averaged A$129 per megawatt hour, 37% higher
                    # than a year earlier", "15.10C, 1.60C above the 1850-1900 average",
                    # "received 1,870 calls in 2025, 9% more than in 2024", "employs 4,300
                    # staff, some 650 fewer than in 2015" (past the noun and a phrase of time)
                    or (
                        b.kind in (Kind.PERCENTAGE, a.kind)
                        and (
                            (
                                (gap := text[a.end : b.start]).rstrip().endswith(",")
                                and "," not in gap.rstrip()[:-1]
                                and not any(c.isdigit() for c in gap)
                                and b.start - a.end <= 40
                            )
                            or _COMPARISON_GAP_RE.fullmatch(text, _noun_end(text, a), b.start) is not None
                        )
                        and _COMPARISON_AFTER_RE.match(text, b.end) is not None
                    )
                    # the same measure in another place: "Values fell 0.2% in Sydney and 0.4%
                    # in Melbourne"
                    or (
                        a.kind is b.kind
                        and a.unit.dimension == b.unit.dimension
                        and _OTHER_PLACE_RE.fullmatch(text, a.end, b.start) is not None
                    )
                    # the level a change of a noun ends at: "a 21% drop in operating profit to
                    # 1.3 billion euros"
                    or (
                        " in " in a.quantified
                        and a.quantified.split(" in ", 1)[0] in self.counted_change_nouns
                        and _CHANGE_TO_RE.fullmatch(text, a.end, b.start) is not None
                    )
                    # the level a change ends at: "closed 4.5% lower at $12.30", "settled up 62
                    # cents, or 0.8%, at $74.30"
                    or (
                        a.kind in _SUBJECT_MEASURE_KINDS
                        and b.kind is Kind.MONEY
                        and _LEVEL_AFTER_RE.fullmatch(text, a.end, b.start) is not None
                    )
                )
                and not _SENTENCE_END_RE.search(text, a.end, b.start)
            ):
                shared = a.quantified
                if " in " in shared and shared.split(" in ", 1)[0] in self.counted_change_nouns:
                    shared = shared.split(" in ", 1)[1]  # the noun that changed, not the change
                b.quantified, b.rules = shared, (*b.rules, self.change_after_rule)

    def _object_noun(self, text: str, start: int, prev: Quantity | None, count: bool = False) -> str:
        """What the amount at ``start`` measures when a verb of change takes it as its object
        before one of object_links: "raised its benchmark rate by 50 basis points", "held its
        policy rate at 50%", "reduce global production capacity by 20%"; the same as ``prev``'s
        when only "to" or "from" comes between them ("cut Bank Rate by 25bp to 4.75%"); else "".
        """
        if prev is not None and _OBJECT_GOES_ON_RE.fullmatch(text, prev.end, start):
            return prev.quantified
        before = last_token(text, start)
        # "could push admissions past 100,000": the bound that opens the amount is the link
        cue_link = before not in self.object_links and first_token(text, start) in ("past", "above", "beyond")
        if before is not None and before not in self.object_links and not cue_link:
            return ""
        toks = tokens_before(text, start, OBJECT_MAX_TOKENS + 8, OBJECT_WINDOW)
        if toks and (lo := _sentence_start(text, start)) is not None and toks[0][1] < lo:
            toks = [t for t in toks if t[1] >= lo]  # not past the start of the sentence
        if cue_link:
            toks = [*toks, ("to", start)]
        if len(toks) < 3 or toks[-1][0].lower() not in self.object_links:
            return ""
        words = [t for t, _ in _join_hyphens(toks[:-1])]
        # (a verb in lowercase: "Values shaded at 2614.7 m" opens with a noun)
        verb = next(
            (
                i
                for i in range(len(words) - 1, -1, -1)
                if (words[i] in self.object_verbs or words[i] in self.object_estimate_verbs)
                # right before the link, a participle after the noun a verb takes: "want the
                # floor lifted to" (not the sentence's subject: "Rates were lifted to")
                and (i < len(words) - 1 or self._participle_of_object(words, i))
            ),
            -1,
        )
        if verb < 0:
            return ""
        np = words[verb + 1 :]
        if not np:  # the participle's noun is what changes
            return " ".join(self._noun_before(words[:verb]) or ())
        if len(np) > 1 and np[-1] in _PARTICLES:
            np = np[:-1]  # a particle after the object: "bring the budget deficit down to 4.3%"
        head = np[: np.index("by")] if "by" in np else np  # (not the change after "by": "..., to")
        if "," in head or any(w.lower() in self.subject_verbs for w in head):
            # another clause, with a verb of its own: "left standing water across ..., cases jumped by 60%"
            return ""
        # "put initial crop losses at 1.2 billion pesos", "estimated damage and economic losses
        # in Lebanon at $8.5 billion", "put its own death toll at 12": what is estimated
        estimate = words[verb] in self.object_estimate_verbs and toks[-1][0].lower() == "at"
        if words[verb] not in self.object_verbs and not estimate:
            return ""
        if np and np[0].lower() == "by":
            return ""  # a passive's agent: "the jewels, valued by the museum's curators at"
        determined = np[0].lower() in self.object_determiners
        if determined:  # "its policy rate", "the peso"
            np = np[1:]
        owner_words: list[str] = []
        if np and (owner := _owner_end(np)) is not None and owner + 1 < len(np):
            # an owner is a determiner, and goes on the phrase: "cut China's growth by"
            owner_words, np, determined = _owner_words(np[: owner + 1]), np[owner + 1 :], True
        if len(np) > 3 and np[-2] == "of" and _YEAR_RE.fullmatch(np[-1]):
            np = np[:-2]  # the year a noun is of: "set its first anchovy fishing quota of 2026 at"
        year: list[str] = []
        if len(np) > 1 and len(np[0]) == 4 and np[0].isdigit():
            year, np = np[:1], np[1:]  # a year that qualifies it: "cut their 2024 GDP forecast to 1.8%"
        if estimate and np and np[0].lower() == "own":
            np = np[1:]
        if cut := next(
            (
                i
                for i, w in enumerate(np)
                if (w.lower() in self.subject_after and w != "of")
                or w == "by"
                # "lowered its policy rate three times this year to 1%"
                or (i > 0 and (w.lower() in self.number_words or w.isdigit()))
            ),
            None,
        ):
            # "losses in Lebanon", "raises value-added tax on bread to 16%", "cut its dividend by
            # nearly a third this year to $124 bln"
            np = np[:cut]
        if not np:
            return ""
        if np[-1].lower() in self.object_complements:  # "its repo rate unchanged"
            np = np[:-1]
            if not np:  # "held steady at 4.1%": no object, the subject is what held
                return ""
        if count and estimate:
            # the estimate of a plural or a toll: "put its own death toll at 12"; not "valued the
            # paintings at 3 million", "set the clocks at 12"
            if words[verb] not in _COUNT_ESTIMATE_VERBS or not (
                self._plural(np[-1].lower()) or np[-1].lower() in self.counted_collectives
            ):
                return ""
        elif count:
            # a count only as "the number of" its plural ("bringing the number of employed
            # people to 16.8 million") or as a collective after a determiner ("taking the death
            # toll to at least 167", "take its workforce to 12,000")
            if len(np) >= 3 and np[0].lower() == "number" and np[1].lower() == "of":
                np = np[2:]
                plural = next((i for i, w in enumerate(np) if self._plural(w.lower())), None)
                if plural is None:
                    return ""
                np = np[: plural + 1]
            elif not (
                (
                    determined
                    and (np[-1].lower() in self.counted_collectives or np[-1].lower() in self.counted_levels)
                )
                # a plural a verb caps or sets "at" the count: "cap new asylum applications at 5,000"
                or (toks[-1][0].lower() == "at" and self._plural(np[-1].lower()))
            ):
                return ""
        # (longer with "of": "pushing the price of a 50-kg sack of sorghum to")
        if not 0 < len(np) <= OBJECT_MAX_TOKENS + min(4, 2 * np.count("of")) or not all(
            (_is_word(w) and "." not in w)
            or _INITIALS_RE.fullmatch(w)
            # an amount in hyphens after "a": "pushing the price of a 50-kg sack of sorghum to"
            or (i > 0 and np[i - 1] in ("a", "an") and _HYPHEN_AMOUNT_RE.fullmatch(w))
            for i, w in enumerate(np)
        ):
            return ""  # words, in hyphens too: "raised its short-term policy rate to 0.25%", "U.S."
        if any(
            w.lower() in self.counted_stop
            and not (estimate and w.lower() == "and")
            # "reduced the risk of death by 20%", "cut the cost of borrowing by 0.5 points"
            and not (w == "of" and 0 < i < len(np) - 1)
            # "estimated the cost of the recall at up to ¥90 billion", "the price of a sack of"
            and not (
                i > 1
                and np[i - 1] == "of"
                and w.lower() in ("the", "its", "their", "a", "an")
                and i < len(np) - 1
            )
            # a word that is also a verb is a noun after a determiner: "the risk"
            and not (determined and i == 0 and w in self.counted_qualified)
            # a whole: "brings the total to $175 billion", "brought total aid to $61 billion"
            and not (i == 0 and w.lower() in self.total_words and (determined or len(np) > 1))
            # a superlative after a determiner: "lift its most popular monthly plan by 22%"
            and not (determined and i == 0 and w.lower() in self.subject_modifiers and len(np) > 1)
            for i, w in enumerate(np)
        ):
            return ""
        if len(np) == 1 and self._time_word(np[0]):
            return ""  # "prices have tripled this year to above $10,000": a time, no object
        return " ".join([*owner_words, *year, *np])

    def _period_word(self, word: str) -> bool:
        """Whether a word names a period of time: a unit of time ("year", "months"), a month or a
        day of the week, a year ("2024"), "quarter" or "half"."""
        return (
            self._time_word(word.lower())
            or word in self.calendar_words
            or (len(word) == 4 and word.isdigit())
            or word.lower() in ("quarter", "half")
        )

    def _time_word(self, word: str) -> bool:
        """Whether the word is a unit of time, all of it ("year", "months")."""
        return self._unit_word(word, Kind.DURATION)

    def _unit_word(self, word: str, kind: Kind | None = None) -> bool:
        """Whether the word, all of it, names a unit (of ``kind``, when given)."""
        return any(
            c.end == len(word) and (kind is None or c.unit.kind is kind)
            for c in self.units.candidates(word, 0)
        )

    def _which_antecedent(self, subj: list[str]) -> list[str] | None:
        """The noun a ", which" before the verb stands for: the words before its comma back to
        a word of stop, a verb or a number ("Tesla's Model Y, which sells for", "despite the
        cuts, which together total", "a bridge, which will cost"); None when no such "which"
        is there."""
        low = [w.lower() for w in subj]
        rel = "which" if "which" in low else "who" if "who" in low else "that" if "that" in low else None
        if rel is None:
            return None  # ("who" for a person: "candidate Amadou Ba, who took 35.79%")
        i = len(low) - 1 - low[::-1].index(rel)
        comma = rel != "that"
        if (
            i < 2
            or (comma and subj[i - 1] != ",")
            # "on revenue that slipped 8%": "that" after a plain noun (not "One kilogram of
            # cocaine that costs": the whole phrase)
            or (
                not comma
                and not (subj[i - 1].islower() and self._plain_noun(subj[i - 1]) and low[i - 2] != "of")
            )
            # adverbs, or an auxiliary before the verb: "a highway that will cost", "which is
            # expected to cost"
            or not all(
                w in self.which_adverbs or w in self.subject_aux or w in self.subject_modals
                for w in low[i + 1 :]
            )
        ):
            return None
        return self._noun_before(subj[: i - 1] if comma else subj[:i], verbs_end=not comma)

    def _estimated_at(self, text: str, start: int, noun: str) -> bool:
        """Whether the amount at ``start`` follows a verb of object_estimate_verbs, ``noun`` as
        its object and "at": "estimated the anchovy biomass at" (not a verb of placing: "put
        the boxes at 30 kg")."""
        toks = [t.lower() for t, _ in tokens_before(text, start, len(noun.split()) + 3)]
        return (
            len(toks) >= 3
            and toks[-1] == "at"
            and " ".join(toks[-1 - len(noun.split()) : -1]) == noun.lower()
            and any(
                t in self.object_estimate_verbs and t not in _PLACING_VERBS
                for t in toks[: -1 - len(noun.split())][-2:]
            )
        )

    def _participle_of_object(self, words: list[str], i: int) -> bool:
        """Whether ``words[i]`` is the participle of a verb of object_verbs after the object of
        another verb, a determiner and one noun: "The unions want the floor lifted", "saw its
        rating cut"."""
        return (
            i >= 3
            and words[i].endswith(("ed", "cut"))
            and words[i] in self.object_verbs
            and words[i - 2].lower() in self.object_determiners
            and words[i - 1].isalpha()
            and words[i - 1].islower()
            and words[i - 3].isalpha()
            and words[i - 3].islower()
            and words[i - 3] not in self.subject_after
            and words[i - 3] not in self.place_prepositions
            and words[i - 3] not in _RELATIVE_WORDS
            and words[i - 3] not in ("and", "or", "but")
        )

    def _noun_before_at(self, text: str, pos: int) -> list[str] | None:
        """:meth:`_noun_before` of the six tokens before ``pos`` (in hyphens joined)."""
        return self._noun_before([t for t, _ in _join_hyphens(tokens_before(text, pos, 6))])

    def _noun_before(self, before: list[str], verbs_end: bool = False) -> list[str] | None:
        """The noun phrase that ``before`` ends with, as a relative or an aside after it stands
        for: its last words back to a word of stop, a verb or a number, up to four, with the
        head before a name's preposition ("Foreign aid to Afghanistan"); ``verbs_end``: a verb
        of an object ends it too ("to keep social programs that cost"); None when there is no
        such phrase or it is a unit."""
        words: list[str] = []
        for j in range(len(before) - 1, -1, -1):
            w = before[j]
            if (
                not _is_word(w.rstrip("'’s"))
                or w.lower() in self.counted_stop
                or w.lower() in self._subject_words
                or (verbs_end and w.lower() in self.object_verbs)
            ):
                # "Foreign aid to Afghanistan, which reached": a name after the head's preposition
                if (
                    words
                    and words[0][:1].isupper()
                    and w in _TAIL_PREPOSITIONS
                    and j > 0
                    and _is_word(head := before[j - 1])
                    and (head.islower() or j == 1)  # (or the first word: "Exports to China, which")
                    and head.lower() not in self.counted_stop
                    and head not in self._subject_words
                ):
                    words = [head, w, *words]
                    if j > 1 and _is_word(adj := before[j - 2]) and adj.lower() not in self.counted_stop:
                        words.insert(0, adj)  # "Foreign aid"
                break
            if (
                words
                and w.islower()
                and w.endswith("ing")
                and w not in self.counted_not_verbs
                and j > 0
                and before[j - 1] in (",", '"', "”")
            ):
                break  # a participle after a comma takes the noun: '..., citing wage growth that'
            words.insert(0, w)
            if len(words) == 4:
                break
        if not words:
            return None
        if len(words) == 1 and (len(words[0]) < 2 or self._unit_word(words[0])):
            return None  # a unit, not a noun: "1 kcal = 4184 J, which is exactly one kilocalorie"
        return words

    def _own_clause(self, subj: list[str]) -> tuple[list[str], bool]:
        """The words before a verb of change that belong to its own clause, and whether words
        of an earlier clause were cut: after a word of subject_clause that a verb, or a comma
        right before it, shows to open a clause ("Shares jumped 21% after quarterly revenue
        rose", "..., and H1 profit was £450m"; not "Profit after tax rose 5%", "In 1988,
        exports of toys and games fell 19%"); a verb's second "and" shares the first verb's
        subject ("Sterling fell 0.4% to $1.2598 and was flat at 83.30 pence"); a word of
        subject_reporting opens a clause too ("Robinhood said assets under custody rose")."""
        finite = self._finite_verbs
        # a verb of saying opens the clause after it: "Nestle said net profit fell 11.9%"
        said = next(
            (
                i
                for i in range(len(subj) - 2, 0, -1)
                if self._saying(subj, i)
                and subj[i - 1].lower() not in self.object_determiners
                and subj[i - 1].lower() not in self.subject_after
            ),
            -1,
        )
        clause = next((i for i in range(len(subj) - 1, -1, -1) if subj[i].lower() in self.subject_clause), -1)
        if said > clause:
            rest = subj[said + 1 :]
            if "that" in rest:  # "said early on Monday that orders fell 8%"
                rest = rest[len(rest) - rest[::-1].index("that") :]
            return rest, True
        if 0 < clause == len(subj) - 1 and subj[clause].lower() in ("and", "but"):
            first = next((i for i, w in enumerate(subj[:clause]) if w.lower() in finite), 0)
            return subj[:first], False
        first = clause  # "..., after which the yen fell": the clause's first word of subject_clause
        while first > 0 and subj[first - 1].lower() in self.subject_clause:
            first -= 1
        if (
            first > 2
            and subj[first].lower() in ("and", "or")
            and subj[first - 1] == ","
            and not any(w.lower() in finite for w in subj[:first])
            and self._listed_items(subj[: first - 1])
        ):
            return (
                subj,
                False,
            )  # the last item of a list: "Prices of bread, milk, sugar, and cooking oil rose"
        if (
            first == 0
            or (
                first > 0
                and (
                    subj[first - 1] == ","
                    or any(w.lower() in finite for w in subj[:first])
                    # an amount ends the clause before: "fixed income lost 0.6% and unlisted real
                    # estate fell 1.1%"
                    or subj[first - 1] == "%"
                    or (
                        subj[first - 1][-1:].isdigit()
                        and first > 1
                        and subj[first - 2].lower() in self._subject_words
                    )
                    # a verb in the past: "Firefighters struggled as temperatures topped 40C", "A
                    # wildfire raced toward Athens, forcing people to flee as temperatures topped 40C"
                    or (first > 1 and subj[first - 1].islower() and subj[first - 1].endswith("ed"))
                    or (
                        subj[clause].lower() in self.subordinators
                        and any(w.islower() and w.endswith("ed") and len(w) > 4 for w in subj[:first])
                    )
                    # or of saying: "Silveira said he lost his crop when the river rose 30 meters"
                    or any(self._saying(subj, i) for i in range(first))
                )
            )
        ):
            return subj[clause + 1 :], True
        return subj, False

    def _listed_items(self, words: list[str]) -> bool:
        """Whether ``words`` end with a comma and an item of one to three words (a list goes on
        after it): "Prices of bread, milk, sugar"."""
        if "," not in words:
            return False
        item = words[len(words) - words[::-1].index(",") :]
        return 0 < len(item) <= 3 and all(w.isalpha() for w in item)

    def _after_copula(self, text: str, start: int) -> bool:
        """Whether a copula stands before ``start``, past an adverb: "are now 15% more intense"."""
        toks = tokens_before(text, start, 2)
        if toks and (_is_adverb(toks[-1][0]) or toks[-1][0].lower() in self.which_adverbs):
            toks = toks[:-1]
        return bool(toks) and toks[-1][0].lower() in self.subject_copulas

    def _gapped(self, text: str, qs: list[Quantity], k: int) -> str:
        """The subject of a clause after "and" whose verb is left out, before "at", "for" or
        "by" and the amount ``qs[k]``: "and economic growth at 5.4%", "..., and China for 19%",
        "cut LDL cholesterol by about 50% and triglycerides by roughly 55%"; else ""."""
        q = qs[k]
        m = _GAPPED_BEFORE_RE.search(text, max(0, q.start - 50), q.start)
        if m is None:
            return ""
        # (a clause after a comma or after an amount, not a list in an object: "sold the unit to
        # Glencore and Nippon Steel for about $9 billion")
        j = _blanks_back(text, m.start())
        if text[j - 1 : j] != "," and not (k > 0 and qs[k - 1].end == j):
            return ""
        return self._gapped_noun(m.group("np").split())

    def _gapped_noun(self, words: list[str]) -> str:
        """The noun phrase of a clause whose verb is left out after "and" ("and economic growth
        at 5.4%", "and China for 19%"): words with no verb nor word of stop (past a determiner),
        up to four; else ""."""
        if words and words[0].lower() in self.object_determiners:
            words = words[1:]
        if not 0 < len(words) <= 4 or not all(
            _is_word(w.rstrip("'’s"))
            and w.lower() not in self.counted_stop
            and w.lower() not in self._subject_words
            and not (w.islower() and w.endswith(("ed", "ing")) and w not in self.counted_not_verbs)
            for w in words
        ):
            return ""
        return " ".join(words)

    def _saying(self, subj: list[str], i: int) -> bool:
        """Whether word ``i`` is a verb of saying (subject_reporting); not one that is also a
        noun (reporting_nouns) after a lowercase singular word: "NASA's cost estimate for the
        mission rose", "The combined estimate of" (but "the government says")."""
        w = subj[i].lower()
        if (
            0 < i < len(subj) - 1
            and subj[i + 1] == "to"
            and (subj[i - 1].lower() in self.subject_copulas or subj[i - 1].lower() == "been")
        ):
            return False  # a passive before "to": "The project is estimated to cost $67.3 billion"
        return w in self.subject_reporting and not (
            w in self.reporting_nouns
            and i > 0
            and subj[i - 1].islower()
            and not self._plural(subj[i - 1])
            and subj[i - 1] not in _SUBJECT_PRONOUNS
        )

    def _takes_object(self, word: str) -> bool:
        """Whether ``word`` right after a verb of change opens its object ("weakened sterling",
        "cut its rate"), not an adverb or a word of state ("fell sharply", "held steady")."""
        low = word.lower()
        if low in _OBJECT_OWNERS:
            return True
        return (
            self._plain_noun(low)
            and not low.endswith(("ly", "fold"))  # "had risen fivefold to 2,500 pounds"
            and low not in self.object_complements
        )

    def _subject_verb(
        self, toks: list[tuple[str, int]], i: int, measure: bool, share: bool, start: int
    ) -> bool:
        """Whether token ``i`` is the verb whose subject a bare count or an amount takes: a verb
        of change; for money and percentages (``measure``) a copula ("Turnout was 59.8%"); for a
        percentage (``share``) one of subject_share_verbs ("The lira has lost 14%"). The caller has
        found the word in _subject_words, which most tokens are not."""
        word = toks[i][0].lower()
        return (
            self._verb_of_change(toks, i)
            or (measure and (word in self.subject_copulas or word in _COPULAS_AFTER_AUX))
            or (share and word in self.subject_share_verbs)
            or (
                word in self.subject_session_verbs
                # a level's bare count too: "The Nikkei index closed at 38,500"
                and (measure or (i > 0 and toks[i - 1][0].lower() in self.counted_levels))
                and self._session_verb(toks, i, share)
            )
            or (measure and word in self.subject_price_verbs and self._price_verb(toks, i, start))
            or (measure and self._forecast_at(toks, i))
        )

    def _reaches(self, toks: list[tuple[str, int]], verb: int, start: int) -> bool:
        """Whether the verb at ``verb`` reaches the amount at ``start``: only links, adverbs
        and amounts stand between them ("was cut to 15%", "rose 5% to $3 billion")."""
        return all(
            t.lower() in self.subject_links
            or t.lower() in self.which_adverbs
            or t in (",", "%", "for")
            or any(c.isdigit() for c in t)
            for t, at in toks[verb + 1 :]
            if at < start
        )

    def _forecast_at(self, toks: list[tuple[str, int]], i: int) -> bool:
        """Whether token ``i`` is a word of subject_raising between a copula and "at": "Growth
        is forecast at 2.1%", "output is expected at 1.7 million tonnes" (as a noun it is no
        verb: "The growth forecast rose")."""
        return (
            0 < i < len(toks) - 1
            and toks[i][0].lower() in self.subject_raising
            and toks[i - 1][0].lower() in self.subject_copulas
            and toks[i + 1][0].lower() == "at"
        )

    def _price_verb(self, toks: list[tuple[str, int]], i: int, start: int) -> bool:
        """Whether a verb of subject_price_verbs at ``i`` reaches the amount at ``start``: right
        after it or past "for", "to", "in at" ("A basket cost 690,304 pesos", "The typical house
        sells for A$1.47 million", "The bill comes to $1.66 trillion", "Core earnings came in
        at 5 billion euros"; not "The war cost the country $5 billion")."""
        gap = tuple(t.lower() for t, at in toks[i + 1 :] if at < start)
        return gap in _PRICE_VERB_GAPS

    def _session_verb(self, toks: list[tuple[str, int]], i: int, share: bool) -> bool:
        """Whether a verb of subject_session_verbs at ``i`` takes the amount that follows: before
        "at", past a word of object_complements ("closed at $12.30", "traded flat at $1.27"), or a
        percentage right after it ("closed 4.5% lower"); a word of subject_predicates after it is
        the verb itself ("closed up 3%")."""
        if i + 1 >= len(toks):
            return False
        nxt = toks[i + 1][0].lower()
        if nxt in self.object_complements and i + 2 < len(toks):
            nxt = toks[i + 2][0].lower()
        return nxt == "at" or (share and i + 2 == len(toks))

    def _verb_of_change(self, toks: list[tuple[str, int]], i: int) -> bool:
        """Whether token ``i`` is a verb of change: one of subject_verbs, or of
        subject_base_verbs after one of subject_modals ("will rise")."""
        word = toks[i][0].lower()
        if word in self.subject_verbs:
            return True
        if i == 0:
            return False
        before = toks[i - 1][0].lower()
        if word in self.object_verbs and (before in self.subject_copulas or before in ("been", "be")):
            return True  # the passive of a verb of an object: "The minimum wage was raised by 49%"
        if word in self.subject_predicates:
            # "Shares were down 4.2%", "Shares closed up 3%", "House prices edged up 0.1%"
            return (
                before in self.subject_copulas
                or before in ("been", "being")  # "are being paid A$45 an hour"
                or before in self.subject_session_verbs
                or (before in self.subject_verbs and word in _PARTICLES)
            )
        if word not in self.subject_base_verbs:
            return False
        if before == "than" and i > 2 and toks[i - 2][0].lower() in ("more", "less"):
            before = toks[i - 3][0].lower()  # "will more than double to 335 trillion rupiah"
        # "will rise"; "is expected to rise", "expects inflation to fall" (its object); "the cuts, which
        # together total 3.66 million bpd"
        return (
            before in self.subject_modals
            or before == "which"
            or before in self.which_adverbs
            # a second base verb after a modal's first: "will start at 2,500 pounds a year and
            # rise to 7,500 pounds"
            or (
                before == "and"
                and any(t.lower() in self.subject_modals for t, _ in toks[max(0, i - 12) : i - 1])
            )
            # the present after a plural subject: "Prices rise 3% a year", "Temperatures dip to 20C"
            or (toks[i - 1][0].isalpha() and before not in self.counted_stop and self._plural(before))
            or (
                before == "to"
                and i > 1
                and (
                    toks[i - 2][0].lower() in self.subject_raising
                    # "The IMF expects the economy to grow by 3%": the object of a verb of expecting
                    or any(t.lower() in self.counted_infinitive_verbs for t, _ in toks[max(0, i - 9) : i - 2])
                )
            )
            # after the object of a verb of seeing: "He saw his vote share fall to 16.7%"
            or (
                toks[i - 1][0].isalpha()
                and before not in self.counted_stop
                and any(t.lower() in _SEEING for t, _ in toks[max(0, i - 5) : i - 1])
            )
        )

    def _subject_noun(
        self,
        text: str,
        start: int,
        measure: bool = False,
        share: bool = False,
        near: bool = False,
        amounts: Sequence[Quantity] = (),
        dimension: str = "",
    ) -> str:
        """The plural noun a sentence opens with, when a verb of change follows it and the
        bare count at ``start`` comes after that verb: "Hospital admissions rose for the fourth
        week, to 1,850", "Measles cases have topped 1,300", "The number of migrants reached
        3,000"; else "". A noun of measure ("Prices rose to 300") counts nothing; for an amount
        of money, a percentage, a measurement or a duration (``measure``) it is what is measured,
        singular too ("Revenue rose to $4.2 billion", "Prices rose 3%"). ``near``: only links and
        amounts may stand between the verb and the amount ("Temperatures soared to 46.3C",
        "output rose 4.6% to 474,600 tonnes"; not "The Sun is below the horizon by 34 minutes of
        arc")."""
        # the count is what the verb reaches: right after it or after "to", "from", "by", or
        # the count's text opens with the verb ("topped 1,300"); else no need to read on
        before = last_token(text, start)
        adverb = before is not None and before in self.which_adverbs  # "Prices are now 20% higher"
        if adverb and len(two := tokens_before(text, start, 2)) == 2:
            before = two[0][0].lower()
        if (
            before is not None
            and before not in self.subject_links
            and before not in self.subject_verbs
            and before not in self.subject_base_verbs
            and before not in self.subject_predicates
            # (a count after a copula, of a collective: "Average daily ridership is about 18,000")
            and before not in self.subject_copulas
            and not (measure and before in _COPULAS_AFTER_AUX)
            and not (share and before in self.subject_share_verbs)
            and not (measure and before in self.subject_session_verbs)
            and not (measure and (before in self.subject_price_verbs or before == "for"))
            and first_token(text, start) not in self.subject_verbs
            # "public debt would exceed $100 trillion": a base verb the amount's cue opens
            and first_token(text, start) not in self.subject_base_verbs
        ):
            return ""
        copula_count = not measure and before in self.subject_copulas
        lo = _sentence_start(text, start)
        far = lo is None  # the sentence starts too far back: only its last clause is read
        if lo is None:
            lo = max(0, start - SENTENCE_WINDOW)
        elif self.dateline is not None and (m := self.dateline.match(text, lo, start)):
            lo = m.end()
        # only the sentence's first tokens may hold the verb: the rest of it is not read
        head = _gap_tokens(text, lo, start, SUBJECT_MAX_TOKENS + 1)
        complete = len(head) <= SUBJECT_MAX_TOKENS and not far  # every token before the count
        if far and self._clause_open is None:
            return ""
        if not complete and self._clause_open is not None:
            # a long sentence: from the last clause a comma and a word of subject_clause open
            # ("..., and the unemployment rate fell to 4.1%", "..., while the median price rose 3%")
            m = self._clause_open.search(text, max(lo, start - SUBJECT_CLAUSE_CHARS), start)
            nxt = first_token(text, m.end()) if m is not None else None
            if (
                m is not None
                and (
                    # not a clause with no subject of its own: "..., but decreased linearly to 18.9%"
                    (nxt is not None and (nxt in self._subject_words or nxt.endswith("ed")))
                    # nor the last item of a list: "Prices of bread, milk, sugar, and cooking oil rose"
                    # (but "In Europe, most of Asia, and Russia, the frequency ... is 50 Hz")
                    # (a list goes on with "and" or "or": "..., according to Moneyfacts, while the
                    # benchmark rate stands at 4.75%" opens a clause)
                    or (
                        m.group("word").lower() in ("and", "or")
                        and _LIST_ITEM_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()) is not None
                        and "," not in text[m.end() : start]
                    )
                )
            ):
                m = None
            # ...or a word of _BARE_CLAUSE_RE with no comma, before a subject of its own ("...
            # forcing thousands to flee as temperatures across Greece topped 40C"; not "as much as")
            bare = _BARE_CLAUSE_RE.search(text, max(lo, start - SUBJECT_CLAUSE_CHARS), start)
            if bare is not None and (m is None or bare.start() > m.start()):
                nxt = first_token(text, bare.end())
                if nxt is not None and (
                    nxt.lower() in self.object_determiners
                    or (nxt.islower() and self._plural(nxt) and nxt not in self._subject_words)
                ):
                    m = bare
            if m is not None:
                lo = m.start("word")
                head = _gap_tokens(text, lo, start, SUBJECT_MAX_TOKENS + 1)
                complete = len(head) <= SUBJECT_MAX_TOKENS
            elif far:
                return ""
        if complete:
            # the count's own span may open with the verb: "Measles cases have topped 1,300"
            toks = head + tokens_after(text, start, 1)
            before_count = toks[-2][0] if len(toks) > 1 else ""
        else:
            toks = head
            before_count = (tokens_before(text, start, 1) or [("", 0)])[0][0]
        # the last verb of change before the count: "Shopify shares jumped 21% after quarterly
        # revenue rose 26% to $2.16 billion"
        words = self._subject_words  # most tokens: one lookup, no call
        verb = next(
            (
                i
                for i in range(min(len(toks), SUBJECT_MAX_TOKENS) - 1, -1, -1)
                if (
                    toks[i][0].lower() in words
                    or (measure and toks[i][0].lower() in self.object_verbs)
                    # the passive of a verb of an object, for a count too: "Daily entries were
                    # capped at 4,000"
                    or (
                        i > 0
                        and toks[i][0].lower() in self.object_verbs
                        and (
                            toks[i - 1][0].lower() in self.subject_copulas or toks[i - 1][0] in ("be", "been")
                        )
                    )
                    # "The previous rate had been 27.5%", "the hit would be 1.4 trillion yen"
                    or (
                        measure
                        and toks[i][0] in _COPULAS_AFTER_AUX
                        and i > 0
                        and toks[i - 1][0].lower() in _AUX_BEFORE_COPULA
                    )
                    # (most tokens have no "at" after them: no call)
                    or (
                        measure
                        and i + 1 < len(toks)
                        and toks[i + 1][0] == "at"
                        and self._forecast_at(toks, i)
                    )
                )
                # (a capital after a determiner is a name: "The May contract rose")
                and not (
                    i > 0 and toks[i][0][:1].isupper() and toks[i - 1][0].lower() in self.object_determiners
                )
                and self._subject_verb(toks, i, measure or copula_count, share, start)
            ),
            -1,
        )
        if verb <= 0:
            return ""
        if toks[verb - 1][0] == "be" and not self._reaches(toks, verb, start):
            return ""  # "FATT can be lowered below 0°C by adjusting Si quantity to below 0.08%"
        if toks[verb][0].lower() in self.span_verbs and dimension != "time" and not share:
            return ""  # how long it takes ("Flights take two hours"), not "he'll take a mile"
        # the count is what the verb reaches: right after it, or after "to", "from", "by"
        if not (
            (complete and verb >= len(head) - 1 - adverb)
            or before_count.lower() in self.subject_links
            or toks[verb][0].lower() in self.subject_price_verbs  # "sells for $1m": checked already
        ):
            return ""
        if not complete and any(
            t.lower() in self._subject_words and at > toks[-1][1] for t, at in tokens_before(text, start, 6)
        ):
            return (
                ""  # a verb past the sentence's first tokens: "..., and palladium was little changed at $981"
            )
        if (
            near
            and any(
                not (
                    t.lower() in self.subject_links
                    or t in ",%"
                    or any(c.isdigit() for c in t)
                    # an amount before, a change or the same measure: "rose 7.5% to 84.45 million
                    # tons", "rose by 5.5 million barrels to"; not "is 3,000rpm at 50Hz"
                    or any(
                        a.start <= at < a.end and (a.kind is Kind.PERCENTAGE or a.unit.dimension == dimension)
                        for a in amounts
                    )
                )
                for t, at in toks[verb + 1 :]
                if at < start
            )
        ):
            return ""
        if (
            measure
            and verb + 1 < len(toks)
            and toks[verb + 1][1] < start
            and self._takes_object(toks[verb + 1][0])
        ):
            return ""  # "the result weakened sterling by 5%": the object is what changed
        if measure and any(
            m[1].lower() not in _CHANGE_GOES_ON for m in _COMMA_WORD_RE.finditer(text, toks[verb][1], start)
        ):
            # "The stock fell 3% to $12.50, valuing the firm at $2bn", "Bitcoin fell 5% to
            # $61,200, while ether dropped to $2,900": another clause; but "rose 87 cents, or
            # 1.1%, to $82.43" goes on
            return ""
        raw = [t for t, _ in _join_glued(_join_hyphens(toks[:verb]))]
        if (
            measure
            and len(raw) > 4
            and raw[-1] == ")"
            and raw[-3] == "("
            and raw[-2].isupper()
            and raw[-2].isalpha()
            and "," in raw[:-3]
        ):
            # "Adjusted earnings before interest, taxes, depreciation and amortization (EBITDA)
            # fell": the initialism names the measure the commas split
            return raw[-2]
        if "(" in raw and ")" not in raw[len(raw) - raw[::-1].index("(") :]:
            raw = raw[len(raw) - raw[::-1].index("(") :]  # inside a bracket: "(200,000 seeds weigh 1 kg)"
        subj = _no_asides(_no_brackets(raw), self.subject_aux, self.irregular_participles)
        opening = not subj or toks[0][1] == lo  # the subject opens the sentence: "Burglaries fell"
        if (antecedent := self._which_antecedent(subj)) is not None and (
            # the relative's verb reaches the amount: a copula ("wage growth that was still
            # running at 4.9%"), or only links and amounts between ("the tariff, which was cut to
            # 15% in June to bring prices down to 40 pesos": not 40)
            toks[verb][0].lower() in self.subject_copulas or self._reaches(toks, verb, start)
        ):
            subj, opening = antecedent, False  # "Tesla's Model Y, which sells for 263,500 yuan"
        core = len(subj)  # (past an auxiliary after "and": "rose 3.2% to 15.05 dirhams and were up 2.6%")
        while core > 1 and subj[core - 1].lower() in self.subject_aux and subj[core - 1].lower() != "to":
            core -= 1
        if measure and opening and core > 3 and subj[core - 1] == "and":
            # a second predicate of the sentence's subject: "The bridge opened in May and cost
            # 3.4 billion yuan", "The plant took six years to build and cost" (not after a verb
            # of saying: "The office said the fissure opened at 11 p.m. and grew to 3.4 km")
            first = next(
                (
                    i
                    for i in range(1, len(subj) - 2)
                    if subj[i].islower()
                    and (
                        (subj[i].endswith("ed") and subj[i] not in self.counted_not_verbs)
                        or subj[i] in self._subject_words
                        # a verb of stop ("took", "has", "began"), not a word that joins nouns
                        or (
                            subj[i] in self.counted_stop
                            and subj[i] not in self.subject_after
                            and subj[i] not in self.subject_clause
                            and subj[i] not in self.place_prepositions
                            and subj[i] not in self.object_determiners
                            and subj[i] not in self.subject_modifiers  # "The total amount"
                        )
                    )
                    and subj[i - 1].lower() not in self.counted_stop  # not "the amount of related DNA"
                ),
                None,
            )
            if (
                first is not None
                and subj[first] not in self.subject_reporting
                and not any(w == "," or w.lower() in self.subject_clause for w in subj[:first])
            ):
                subj = subj[:first]
        expecting = [
            i
            for i, w in enumerate(subj[:-1])
            if (w.lower() in self.counted_infinitive_verbs or w.lower() in _SEEING)
            and subj[i + 1].lower() not in self.subject_after  # a particle: "stands out at"
            and subj[i + 1].lower() not in ("out", "up", "down", "by", "that")
            # a noun after a determiner, an owner or an adjective: "His fiscal plans would cost"
            and not (
                i > 0
                and (
                    subj[i - 1].lower() in self.object_determiners
                    or subj[i - 1].endswith(_POSSESSIVE)
                    or (subj[i - 1].islower() and subj[i - 1].endswith(_ADJECTIVE_ENDINGS[:5]))
                )
            )
        ]
        if expecting and expecting[-1] + 1 < len(subj):
            # the object of a verb of expecting or seeing is what changes: "The IMF expects the
            # economy to grow by 3%", "Analysts see GDP shrinking by 1.2%"
            subj, opening = subj[expecting[-1] + 1 :], False
        subj, cut_clause = self._own_clause(subj)
        if cut_clause:
            opening = False
        if measure and toks[verb][0].endswith("ing") and len(subj) > 2:
            # a participle after the object of a verb in the past: "The firm booked charges
            # totalling $1.2 billion" (the charges total it, not the firm)
            past = next(
                (
                    i
                    for i in range(len(subj) - 2, 0, -1)
                    if subj[i].islower()
                    and (subj[i].endswith("ed") or subj[i] in self.irregular_participles)
                    and subj[i - 1].isalpha()
                    and subj[i - 1].lower() not in self.object_determiners
                    and subj[i - 1].lower() not in self.counted_stop
                    and subj[i + 1].isalpha()
                    and subj[i + 1].lower() not in self.counted_stop
                ),
                None,
            )
            if past is not None:
                subj, opening = subj[past + 1 :], False
        after_comma = False
        if "," in subj:
            comma = subj.index(",")
            # "Shares of the Cupertino, California-based company rose 4%": the comma is inside
            # the phrase "of" opens after the subject's words
            after = next((i for i in range(1, comma) if subj[i].lower() == "of"), None)
            if after is not None and all(
                w.isalpha() and w.lower() not in self._subject_words and w.lower() not in self.counted_stop
                for w in subj[:after]
            ):
                subj = subj[:after]
            else:  # "In 2023, arrests rose to 400": after an opening phrase
                subj = subj[len(subj) - subj[::-1].index(",") :]
                while subj and subj[0] in _QUOTE_MARKS:
                    subj = subj[1:]  # a quotation closed: '"too quickly or by too much," citing'
                opening = False
                after_comma = True
        while subj and (
            subj[-1].lower() in self.subject_aux
            or subj[-1].lower() in self.subject_session_verbs  # "Shares closed up 3%"
            # "House prices edged up 0.1%": the verb before its particle
            or (subj[-1].lower() in self.subject_verbs and toks[verb][0].lower() in _PARTICLES)
            # an adverb before the verb: "British inflation unexpectedly slowed to 2.2%"; not a
            # noun in -ly ("Oil supply rose 3%": lexicon not_adverbs)
            or (
                len(subj[-1]) > 4
                and subj[-1].endswith("ly")
                and subj[-1].islower()
                and subj[-1] not in self.counted_not_adverbs
            )
        ):
            subj.pop()
        if len(subj) > 2 and subj[0].lower() in self.subject_after and subj[1][:1].isupper():
            # a place before the subject: "..., while in Sydney the typical house sells for"
            j = 1
            while j < len(subj) and subj[j][:1].isupper():
                j += 1
            j += j < len(subj) and subj[j] == ","
            if j < len(subj):
                subj, opening = subj[j:], False
        if len(subj) > 2 and subj[0].lower() in _TIME_OPENERS:
            # a time opens the sentence with no comma: "In the third quarter alone organic growth
            # accelerated to 4.3%", "In 2024 net profit fell 12%", "In the year to March prices rose"
            j = next((j for j in range(1, min(len(subj), 5)) if self._period_word(subj[j])), None)
            if j is not None:
                j += 1
                while j < len(subj) and (
                    subj[j].lower() in ("alone", "to", "through", "of") or self._period_word(subj[j])
                ):
                    j += 1
                if j < len(subj):
                    subj, opening = subj[j:], False
        determined = False  # a determiner or an owner opens the subject
        if (
            after_comma
            and len(subj) > 1
            and subj[0].islower()
            and subj[0].endswith("ing")
            and subj[0] not in self.counted_not_verbs
            and subj[1].lower() not in self.subject_after
        ):
            subj = subj[1:]  # a participle before its object: "..., citing wage growth that was"
        if len(subj) > 2 and subj[0].lower() in _DISTRIBUTIVES and self._time_word(subj[1].lower()):
            subj = subj[2:]  # a time opens the sentence: "Each year prices rise 5%"
        elif subj and (subj[0].lower() in self.object_determiners or subj[0].lower() in _DISTRIBUTIVES):
            subj = subj[1:]  # "the", "its workforce"; "Each vial costs $1,200"
            opening = False
            determined = True
        if (
            measure
            and len(subj) > 1
            and (subj[0].lower() in self.number_words or (subj[0].isdigit() and len(subj[0]) < 4))
            and subj[1].islower()
            and not self._unit_word(subj[1])
        ):
            # a count of the subject is its own: "Two new bridges cost $3 billion" (not a year:
            # "the 2033 issue"; nor a unit: "One kilogram of cocaine costs")
            subj = subj[1:]
            opening = False
        owner_words: list[str] = []
        if (owner := _owner_end(subj)) is not None:
            # "Ukraine's casualties", "South Korea's exports", "Reliance Industries' net profit":
            # the owner goes on the phrase, unread by the checks below
            owner_words, subj = _owner_words(subj[: owner + 1]), subj[owner + 1 :]
            opening = False
            determined = True
        number_of: list[str] = []
        if len(subj) > 2 and subj[0].lower() == "number" and subj[1].lower() == "of":
            # "the number of migrants arriving has reached 3,000", "the number of confirmed
            # cases rose to 3,400": to the first plural (the number of them a change measures:
            # "The number of transactions dropped 3.4%")
            number_of, subj = (subj[:2] if measure else []), subj[2:]
            n = next((i for i, w in enumerate(subj) if self._plural(w.lower())), 0)
            subj = subj[: n + 1]
            opening = False
        if measure and len(subj) > 2:
            # a participle's phrase after the noun: "Remittances sent home by Mexicans working
            # abroad fell 4.6%"
            part = next(
                (
                    i
                    for i in range(1, len(subj) - 1)
                    if subj[i].islower()
                    and (
                        subj[i].endswith("ed")
                        or subj[i] in self.counted_participles
                        or subj[i] in self.irregular_participles
                    )
                    and subj[i + 1].lower() in (*_ASIDE_PREPOSITIONS, "home", "abroad", "overseas")
                    and subj[i - 1].isalpha()
                    and subj[i - 1].lower() not in self.counted_stop
                ),
                None,
            )
            if part is not None:
                subj = subj[:part]
        cut = next(
            (
                i
                for i, w in enumerate(subj)
                if w.lower() in self.subject_after
                or (i > 0 and (w.lower() in self.place_prepositions or w == "by"))
                or (
                    i > 0
                    and w.lower() in self.subject_time_after
                    and i + 1 < len(subj)
                    and (
                        subj[i + 1].lower() in self.object_determiners
                        or subj[i + 1][:1].isdigit()
                        or subj[i + 1][:1].isupper()
                    )
                )
            ),
            len(subj),
        )
        of_phrase: list[str] = []
        place = subj[cut + 1 :]
        if place and place[0] == "the":
            place = place[1:]
        if (
            measure
            and cut < len(subj)
            and subj[cut] in ("to", "from", "in", "of")
            and 0 < len(place) <= 3
            and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in place)
            # (not a currency: "the maximum purchase limit of USD $500")
            and not self._unit_word(place[-1])
        ):
            # a place or a name after the head goes on it: "Shipments to the United States
            # jumped 23.3%", "The State Bank of Vietnam sold an estimated $9 billion"
            tail = subj[cut:]
        elif measure and cut + 1 < len(subj):
            # a phrase that completes the head goes on it: "The yield on the 10-year Treasury
            # note rose", "The price of Brent crude", "Demand for electricity", "The share of
            # women in parliament"
            tail = self._noun_tail(subj[cut:])
        else:
            tail = []
        if not tail and measure and cut + 1 < len(subj) and subj[cut] == "of":
            # what is measured "of" one or two plain words: "The cost of rent rose 5%", "Exports
            # of beef to China fell 18%"; not "of the company"
            for w in subj[cut + 1 : cut + 3]:
                if not (w.isalpha() and w.islower() and w not in self.counted_stop and w not in _OF_IDIOMS):
                    break
                of_phrase.append(w)
            if (
                cut + 1 + len(of_phrase) < len(subj)
                and subj[cut + 1 + len(of_phrase)] not in self.subject_after
            ):
                of_phrase = []  # more words after them: "The risk of death among older patients"
        whole = cut == len(subj)  # nothing after the head: "His fiscal plans would cost"
        subj = subj[:cut]  # "Applications for asylum fell to 75,000"
        # two nouns joined: "Food and non-alcoholic beverage prices rose 11.9%"
        # (nouns, not names: "deals with Disney, NBC and Amazon are worth")
        joined = measure and "and" in subj[1:-1] and subj[-1].islower()
        if len(subj) > 2 and subj[-2].lower() == "due" and len(subj[-1]) == 4 and subj[-1].isdigit():
            subj = subj[:-2]  # a bond and its maturity: "Ecuador's dollar bonds due 2035 fell"
        if not 0 < len(subj) <= 4 + joined + 2 * measure or not all(
            _is_word(w.replace("&", ""))
            or (i > 0 and w.isdigit() and subj[i - 1][:1].isupper())
            # "its 2024 core earnings" (not an amount: "3600 joules equal one watt-hour")
            or (i == 0 and len(w) == 4 and w.isdigit() and len(subj) > 1 and not self._unit_word(subj[1]))
            for i, w in enumerate(subj)
        ):
            # words, in hyphens or with digits: "third-quarter net profit", "H1 profit"; a name
            # with "&" or a number after it: "The S&P 500", "the FTSE 100"
            return ""
        head = subj[-1].lower() if opening and len(subj) == 1 else subj[-1]  # "Burglaries fell"
        if (
            copula_count
            and toks[verb][0].lower() in self.subject_copulas
            and head.lower() not in self.counted_collectives
            and head.lower() not in self.counted_levels
        ):
            return ""  # "The reason is 5": a count after a copula measures only a collective
        if measure and len(head) > 1 and head.isupper():
            return " ".join([*owner_words, *subj])  # an initialism of measure: "Singapore's GDP grew 5.4%"
        if (
            # a name counts nothing, but may be what money or a percentage measures ("The
            # Nasdaq added 0.3%"); a collective counts its members ("The country's population
            # shrank by 2.08 million")
            (
                not measure
                and (
                    not head.islower()
                    or head in self.subject_not
                    # a level is the number itself: "The PX index stood at 2,150"
                    or not (
                        self._plural(head) or head in self.counted_collectives or head in self.counted_levels
                    )
                )
            )
            or any(
                w.lower() in self.counted_stop
                and w.lower() not in self.subject_modifiers
                and not (len(w) > 1 and w.isupper())  # an initialism: "Thailand's SET index fell 1.2%"
                and not (joined and w == "and" and 0 < i < len(subj) - 1)
                # a month before the noun it names: "The May contract rose"
                and not (w.istitle() and w in self.calendar_words and i < len(subj) - 1)
                # a word of a name after "the": "The Left Party took 8.3%"
                and not (determined and w.istitle() and all(x.istitle() for x in subj))
                # a verb in -s as the head after a determiner is a noun, right after it or an
                # adjective: "His fiscal plans would cost" (not "The company plans to invest")
                and not (
                    determined
                    and whole
                    and i == len(subj) - 1
                    and (w.endswith("s") or i == 0)  # "The won fell 5%"
                    and w.islower()
                    and w not in self.subject_modals  # "this can decrease to"
                    and (i == 0 or subj[i - 1].endswith(_ADJECTIVE_ENDINGS[:5]))
                )
                for i, w in enumerate(subj)
            )
        ):
            return ""
        if of_phrase:
            return " ".join([*owner_words, *number_of, *subj, "of", *of_phrase])
        return " ".join([*owner_words, *number_of, *subj, *tail])

    def _multiple_of(self, text: str, end: int) -> str:
        """What a multiple is of, after "the", "its", "that" or an owner: "three times the national
        average", "four times the previous season's total", "twice the size of the old one",
        "nearly four times that number"; else ""."""
        toks = tokens_after(text, end, 8)
        if not toks or toks[0][0].lower() not in ("the", "its", "their", "his", "her", "our", "that", "this"):
            if not (toks and toks[0][0].endswith(_POSSESSIVE) and toks[0][0][:1].isupper()):
                return ""
            words = [toks[0][0]]  # "Castlerock's earnings"
        else:
            words = []
        rest = toks[1:]
        for i, (tok, _) in enumerate(rest):
            bare = tok.rstrip(".,;")
            low = bare.lower()
            if i == 0 and bare == tok and _YEAR_RE.fullmatch(bare):
                words.append(bare)  # "double the 2023 total"
                continue
            if not (bare.isalpha() or bare.endswith(_POSSESSIVE) or "-" in bare) or not any(
                c.isalpha() for c in bare
            ):
                break
            if low == "of":
                # "the mass of Jupiter": a name after "of" goes on it
                if i + 1 < len(rest) and rest[i + 1][0][:1].isupper() and words:
                    words.append(bare)
                    continue
                break
            if (
                low not in self.subject_modifiers
                and low not in self.measure_modifiers
                and low not in _MULTIPLE_ADJECTIVES
                and (low in self.counted_stop or low in self._subject_words)
            ):
                break
            words.append(bare)
            if bare != tok:
                break
        while words and words[-1].endswith("ed") and len(words) > 1:
            words.pop()  # "Castlerock's expected 2026 earnings": not a participle alone
        return " ".join(words) if words and not words[-1].endswith(_POSSESSIVE) else ""

    def _antecedent_count(self, text: str, qs: list[Quantity], k: int, mass: bool = False) -> str:
        """The noun of the last count (or amount of a plural) before ``qs[k]`` in its sentence,
        which "them" stands for (``mass``: of the last amount of money or measurement, which "it"
        stands for); else ""."""
        for j in range(k - 1, -1, -1):
            a = qs[j]
            if (
                (a.kind in (Kind.MONEY, Kind.MEASUREMENT) and a.quantified)
                if mass
                # (or an amount of a plural: "paid death claims of 128 billion rupees and
                # settled 98.3% of them")
                else (
                    a.kind in (Kind.COUNT, Kind.MONEY, Kind.MEASUREMENT)
                    and a.quantified
                    and self._plural(a.quantified.rsplit(None, 1)[-1].lower())
                )
            ):
                if qs[k].start - a.end <= 120 and not _SENTENCE_END_RE.search(text, a.end, qs[k].start):
                    return a.quantified
                return ""
        return ""

    def _bought_for(self, text: str, q: Quantity) -> str:
        """What is bought or sold for an amount of money: "to buy Pringles maker Kellanova for
        $35.9 billion", "sold its stake for about $2 billion"; else ""."""
        m = _BOUGHT_FOR_RE.search(text, max(0, q.start - 80), q.start)
        if m is None:
            return ""
        words = m.group("np").split()
        if words and words[0].lower() in self.object_determiners:
            words = words[1:]
        while words and (words[0][:1].isdigit() or words[0].lower() in self.number_words):
            words = words[1:]  # "sold 500 cars for $2 million": the cars; "a 30% stake"
        buyer = next(
            (
                i
                for i, w in enumerate(words)
                if i > 0 and w == "to" and i + 1 < len(words) and words[i + 1][:1].isupper()
            ),
            None,
        )
        if buyer is not None:
            words = words[:buyer]  # "sold its coal business to Glencore and Nippon Steel for": the business
        cut = next((i for i, w in enumerate(words) if i > 0 and w in ("in", "of", "from")), None)
        if cut is not None and any(w.lower() in self.counted_stop for w in words[cut + 1 :]):
            words = words[:cut]  # "a 30% stake in its Zambian unit": the stake
        if not words or not all(
            (w.replace("-", "").replace("'", "").replace("’", "").isalnum())
            and (
                w[:1].isupper()
                or (w.lower() not in self.counted_stop and w.lower() not in self._subject_words)
            )
            for w in words
        ):
            return ""
        return " ".join(words)

    def _added_to(self, text: str, q: Quantity) -> str:
        """What an amount of money is added to or taken off: "The krone's weakness added 305
        billion crowns to the fund's value", "wiping about 8 billion euros off its market value";
        else ""."""
        verb = last_token(text, q.start)
        if verb not in ("added", "adds", "add", "adding") and verb not in _OFF_VERBS:
            return ""
        end = q.end
        if (rate := self.units.per_time(q.unit, text, end)) is not None:
            end = rate[1]  # "adds about 55 billion reais a year to the interest bill"
        if text.startswith(" (", end) and (close := text.find(")", end, end + 40)) > 0:
            end = close + 1  # past a restatement: "8 billion euros ($9.3 billion) off"
        m = _TO_NP_RE.match(text, end)
        if m is None or (m.group("prep") == "off") != (verb in _OFF_VERBS):
            return ""
        words = m.group("np").split()
        if not all(w.replace("'", "").replace("’", "").isalpha() for w in words) or any(
            w.lower() in self.counted_stop for w in words[1:]
        ):
            return ""
        return " ".join(words)

    def _paid_for(self, text: str, q: Quantity) -> str:
        """What an amount of money is paid for: "The SABC paid 67 million rand for the rights",
        "paid $44 billion for Twitter"; else ""."""
        if last_token(text, q.start) not in _PAID:
            return ""
        end = q.end
        if (rate := self.units.per_time(q.unit, text, end)) is not None:
            end = rate[1]  # "pay 25 to 60 dollars a night for lodging"
        toks = _join_hyphens(tokens_after(text, end, 8))  # "for one-way tickets"
        if not toks or toks[0][0] != "for":
            return ""
        k = 1 + (len(toks) > 1 and (toks[1][0].lower() in self.object_determiners or toks[1][0] == "each"))
        words: list[str] = []
        for tok, _ in toks[k:]:
            w = tok.removesuffix(".")  # "for the rights."
            if not (w.replace("-", "").replace("'", "").replace("’", "").isalpha()) or (
                w.lower() in self.counted_stop or w.lower() in self.number_words
            ):
                break
            words.append(w)
            if w != tok:
                break
        return " ".join(words[:3])

    def _whom(self, words: list[str]) -> bool:
        """Whether the words between a verb of price and an amount name whom it costs: "taxpayers",
        "the company", "it"; not a clause ("costs that may be") nor a verb ("costs average")."""
        return not any(
            (
                w.lower() in self.counted_stop
                and w.lower() not in self.object_determiners
                and w.lower() not in _OBJECT_PRONOUNS
            )
            or w.lower() in self._subject_words
            or w.lower() in self.subject_base_verbs
            for w in words
        )

    def _placed_name(self, text: str, start: int) -> str:
        """The name that came first, second... with the percentage at ``start``: "The
        pro-business Democratic Alliance came second with 21.8%", "Venancio Mondlane, 50, who
        came second with 20.3%", "pushing the ANC into second place on 17.6%"; else ""."""
        m = _PLACED_RE.search(text, max(0, start - 80), start)
        if m is None:
            return ""
        lo = _sentence_start(text, start) or 0
        toks = [t for t in tokens_before(text, m.start(), 10) if t[1] >= lo]
        words = [t for t, _ in toks]
        if len(words) > 3 and words[-1] == "," and "," in words[:-1]:
            # an aside that describes the name: "The Sweden Democrats, the anti-immigration
            # party, came second with 19.8%"
            comma = len(words) - 2 - words[-2::-1].index(",")  # the comma that opens it
            if words[comma + 1].lower() in ("the", "a", "an"):
                words = words[:comma]
        if words and words[-1].lower() in ("who", "which"):
            words = words[:-1]
            if len(words) >= 3 and words[-1] == "," and words[-2].isdigit() and words[-3] == ",":
                words = words[:-3]  # an age: "Venancio Mondlane, 50, who"
        name: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() and (w.replace("-", "").replace("'", "").replace("’", "").isalnum()):
                name.insert(0, w)
            elif name and w.islower() and w.isalpha() and w not in self.counted_stop and len(name) < 5:
                name.insert(0, w)  # "we" in "uMkhonto we Sizwe", "Opposition candidate"
            else:
                break
        while name and (name[0].islower() or name[0].lower() in self.object_determiners):
            name = name[1:]
        return " ".join(name) if name and name[-1][:1].isupper() else ""

    def _bounded_noun(self, text: str, q: Quantity) -> str:
        """The noun of measure right before an amount whose span opens with its bound, with
        the plain word before it: "ticket prices as high as $2,500", "Temperatures above 30
        degrees Celsius were recorded"; else "". Only nouns of object_measures, or prices."""
        # (or an amount above or below normal: "rainfall about 22% above normal")
        if (q.modifier not in _BOUND_MODIFIERS or not q.text[:1].isalpha()) and _NORMAL_AFTER_RE.match(
            text, q.end
        ) is None:
            return ""
        toks = tokens_before(text, q.start, 2)
        if not toks:
            return ""
        head = toks[-1][0]
        low = head.lower()
        if not head.isalpha() or not (low in self.object_measures or low.endswith("prices")):
            return ""
        lo = _sentence_start(text, q.start)
        if head[0].isupper() and lo != toks[-1][1]:
            return ""  # a name, not a noun that opens the sentence
        words = [head]
        first = toks[0][0]
        if (
            len(toks) == 2
            and toks[0][1] + len(first) + 1 == toks[-1][1]
            # "ticket prices", "Gold prices above $2,500" at the start of a sentence
            and not first.endswith(("ing", "ed"))  # "keeping warming below 1.5C": a verb
            and (
                self._plain_noun(first)
                or (lo == toks[0][1] and first.istitle() and first.lower() not in self.counted_stop)
            )
        ):
            words.insert(0, first)
        return " ".join(words)

    def _noun_tail(self, tail: list[str]) -> list[str]:
        """``tail`` (a preposition of _TAIL_PREPOSITIONS and what follows it, up to the verb)
        when it is phrases of nouns that complete the head before it: words and names, with
        "the" or an owner, one more preposition at most, no time ("in October", "in 2023") and
        no verb; else []."""
        if tail[-1].lower() in ("that", "which", "who"):
            tail = tail[:-1]  # "One kilogram of cocaine that costs about $1,500"
        if len(tail) > TAIL_MAX_WORDS + 1 or len(tail) < 2 or tail[0] not in _TAIL_PREPOSITIONS:
            return []
        preps = 0
        for i, w in enumerate(tail):
            low = w.lower()
            if low in _TAIL_PREPOSITIONS:
                preps += 1
                if preps > 2 or i + 1 == len(tail) or tail[i - 1 : i] == [w]:
                    return []
                continue
            if low in ("and", "or") and 1 < i < len(tail) - 1:
                continue  # two words joined: "Imports of South Korean and Taiwanese rice"
            if (
                low in self._subject_words
                or w.rstrip(".") in self.calendar_words
                or (w.isdigit() and len(w) == 4)
                or low in _TAIL_TIME_WORDS
                or _PERIOD_LABEL_RE.fullmatch(w)  # "Revenue in Q3"
                or not (_is_word(w) or w.endswith(_POSSESSIVE))
                or (low in self.counted_stop and low not in self.object_determiners)
                or low in ("that", "which", "who")
            ):
                return []
        return tail

    def _join_ranges(self, text: str, atoms: list[Atom], rejections: list[Rejection] | None) -> list[Atom]:
        out: list[Atom] = []
        i = 0
        while i < len(atoms):
            a = atoms[i]
            if i + 1 < len(atoms) and a.vague is None and atoms[i + 1].vague is None:
                joined = self._range(text, a, atoms[i + 1])
                if isinstance(joined, Atom):
                    if joined.modifier is not Modifier.RANGE and joined.modifier is not Modifier.TOLERANCE:
                        atoms[i + 1] = joined  # a composite may go on: "1 year 1 month 21 days"
                        i += 1
                        continue
                    if (
                        atoms[i + 1].rules[0] in self.noun_free_rules
                        and atoms[i + 1].rules[0] not in joined.rules
                    ):
                        joined.rules.append(atoms[i + 1].rules[0])  # "two to three times faster": no noun
                    out.append(joined)
                    i += 2
                    continue
                if isinstance(joined, Rule):  # "3-1": two numbers joined, but not a range
                    if rejections is not None:
                        b = atoms[i + 1]
                        rejections.append(
                            Rejection(
                                text[a.start : b.end], a.start, b.end, joined.name, joined.get("unordered")
                            )
                        )
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out

    def _range(self, text: str, a: Atom, b: Atom) -> Atom | Rule | None:
        if b.start - a.end > MAX_GAP or a.rules[0] in self.noun_free_rules:
            return None  # (nor from a number of times: "jumped twofold to 3.4 million units")
        gap_toks = _gap_tokens(text, a.end, b.start)
        for rule, conn, _ in self.composites:
            if (conn.match_all(gap_toks) if gap_toks else rule.fields.get("adjacent")) and (
                joined := self._composite(rule, a, b)
            ):
                return joined
        if not gap_toks:
            return None
        ua, ub = a.unit, b.unit
        # a percentage plus or minus percentage points: "8% plus or minus 2 percentage points"
        points = ua is not None and ub is not None and ua.name == "percent" and ub.name == "percentage point"
        if ua is not None and ub is not None and ua.name != ub.name and not points:
            return None
        plain = a.modifier in _POINT_MODIFIERS and b.modifier in _POINT_MODIFIERS
        if not plain and (a.post_cue or b.post_cue):
            return None
        # a cue before the first end of a range bounds the range: "at least 10-12 people", "up
        # to 2-3 million barrels" are the ranges, with the cue in their text
        cued = (
            not plain
            and all(t not in ("/", "~") for t, _ in gap_toks)
            and (
                (bool(a.bound_rules) and b.modifier is Modifier.EXACT and not b.bound_rules)
                # "200 to as many as 500": a cue of the upper bound before the second end
                or (
                    a.modifier is Modifier.EXACT
                    and not a.bound_rules
                    and b.modifier is Modifier.AT_MOST
                    and not b.post_cue
                )
            )
        )
        if self._is_change(text, a, b, gap_toks):
            return None  # "rose from 5% to 7%": a change between two values, not a range
        before = None
        for rule, conn, pre in self.ranges:
            if bool(rule.fields.get("bounds")) == (plain or cued) or conn.match_all(gap_toks) is None:
                continue
            if cued and not rule.get("after_bound"):
                continue
            start = a.start
            if pre is not None:
                if not pre.may_end(last_token(text, a.start)):
                    continue
                if before is None:
                    before = a.before(text)
                hit = pre.match_end(before)
                if hit is None:
                    continue
                start = hit[1]
            if not plain and not cued:
                return self._bounds(rule, a, b)
            lo, hi = a.value, b.value
            tolerance = rule.compiled["modifier"] is Modifier.TOLERANCE
            if points and not tolerance:
                continue
            if (
                not tolerance
                and ua is not None
                and ub is None
                and not a.prefix_unit
                # "a week or two", "an hour or two": one of the unit, or a few more
                and not (text[a.num_start : a.num_end].lower() in ("a", "an") and 1 < b.value <= 3)
            ):
                continue  # a unit written after the first end only: "10,000 baht to 50 million people"
            if not tolerance and b.scale != 1.0 and a.scale == 1.0 and lo * b.scale <= hi:
                lo = _scaled(lo, b.scale)
            elif not tolerance and a.scale == 1.0 and (shared := _shared_thousands(text, a, b)):
                lo *= shared  # "50-60,000 people": 50,000 to 60,000
            if not tolerance and hi < lo < 0:
                lo, hi = hi, lo  # "between -5 and -10C": negative ends written by their size
            if rule.fields.get("unordered") and ua is None and ub is None and _in_set_scores(text, a, b):
                return rule  # "beat Nadal 6-4, 3-6, 7-5": a set lost, in a line of set scores
            if not tolerance and not lo < hi:
                if (
                    rule.fields.get("unordered")
                    and not cued
                    and ua is None
                    and ub is None
                    and b.start - a.end <= 1
                ):
                    return rule
                continue
            r = Atom(start, b.end, a.num_start, b.num_end, lo, [*a.rules, rule.name, *b.rules[1:]])
            r.unit = ua or ub
            r.prefix_unit = a.prefix_unit
            r.modifier = rule.compiled["modifier"]
            r.approximate = bool(rule.get("approximate")) or a.approximate or b.approximate
            r.bound_rules = [*a.bound_rules, *b.bound_rules]
            if tolerance:
                r.value, r.low, r.high = lo, lo - hi, lo + hi
            else:
                r.low, r.high = lo, hi
            return r
        return None

    def _is_change(self, text: str, a: Atom, b: Atom, gap_toks: list[tuple[str, int]]) -> bool:
        """After a verb of change, "A to B" reads as a change and a level: always after "from"
        ("rose from 5% to 7%"; a dash there joins a range: "down from 300-350 yuan"); after a
        bare verb only when B is no range end for A: "rose 0.8% to 5,123.41" (the unit on A
        alone), "claims rose 3,000 to 215,000" (B far above A), but "rose 3-4%", "rose 10 to 12
        percent" and "cut by 5 to 20 percent" are ranges."""
        if not any(t[0].isalpha() for t, _ in gap_toks) and last_token(text, a.start) == "from":
            return False  # a dash after "from" joins a range: "down from 300-350 yuan"
        if self.object_verbs and last_token(text, a.start) == "from":
            toks = tokens_before(text, a.start, OBJECT_MAX_TOKENS + 6)[:-1]
            if (
                not _DIMENSION_AFTER_RE.match(text, b.end)
                and any(
                    t in self.object_verbs
                    and t not in _NO_CHANGE_VERBS
                    and toks[i + 1][0] in self.object_determiners
                    and "," not in text[at : a.start]
                    # the object right before "from": no participle, preposition or "range" between
                    and all(
                        w.isalpha()
                        and w.islower()
                        and w not in self.counted_stop
                        and not w.endswith(("ing", "ed"))
                        and w not in ("range", "ranges")
                        for w, _ in toks[i + 2 :]
                        if w not in ("-", "‐")
                    )
                    for i, (t, at) in enumerate(toks[:-1])
                )
            ):
                # a verb of change, its object, then "from": "raise the retirement age from 62
                # to 64", "raising the tax-free income threshold from 1.03 million yen to 1.78
                # million yen"
                return True
        if not self.change_from.may_end(last_token(text, a.start)):
            return False
        hit = self.change_from.match_end(a.before(text))
        if hit is None:
            return False
        if text[hit[1] : a.start].split()[-1].lower() == "from":
            return True
        if not any(t[0].isalpha() for t, _ in gap_toks):
            return False  # a dash or a slash: a range
        if a.unit is not None and b.unit is None:
            return True
        share = a.value < 1 and not text[a.num_start : a.num_start + 1].isdigit()
        if not share:  # (a share in words is the change: "rose by a fifth to £400 million")
            if a.unit is None and b.unit is not None:
                return False  # "cut by 5 to 20 percent": the unit after the second end only, a range
            if b.scale != 1.0 and a.scale == 1.0 and a.value * b.scale <= b.value:
                return False  # "watched by 15 to 20 million viewers": the scale shared, a range
        return b.value > CHANGE_RATIO * a.value

    def _composite(self, rule: Rule, a: Atom, b: Atom) -> Atom | None:
        """ "1 hour and 30 minutes", "5 ft 10 in", "$20 and 43 cents": one quantity in the
        smaller unit. The units share a base (a penny is a hundredth of a pound, not of a
        dollar); an amount of money is whole before its subunit ("$20.10, 43 cents higher" is
        two amounts). A subunit of any currency ("cents") after another currency is a
        hundredth of it, and the sum is in that currency: "3 CAD 3 cents" is 3.03 CAD."""
        ua, ub = a.unit, b.unit
        if ua is None or ub is None:
            return None
        foreign = (
            ua.kind is Kind.MONEY
            and ub.name in self.any_subunits
            and ua.base_name != ub.base_name
            and ua.factor == 1.0
        )
        if (
            ua.dimension != ub.dimension
            or (ua.base_name != ub.base_name and not foreign)
            or ua.offset
            or ub.offset
            or not ua.factor > ub.factor
            or b.modifier is not Modifier.EXACT
            or b.bound_rules  # "a metric ton is equal to 2,204.62 pounds": a cue stands between
            or a.post_cue
            or b.post_cue
            or not (a.value.is_integer() or rule.name in a.rules)  # "a quarter-century, a half-hour"
            or (ua.kind is Kind.MONEY and a.scale != 1.0)
            or " per " in ua.name  # rates are not written in parts: "50 m/ms, 50 cm/ms" are two
            or " per " in ub.name
        ):
            return None
        r = Atom(
            a.start,
            b.end,
            a.num_start,
            b.num_end,
            a.value + b.value * ub.factor if foreign else a.value * ua.factor / ub.factor + b.value,
            [*a.rules, rule.name, *b.rules[1:]],
        )
        r.unit = ua if foreign else ub
        r.modifier = a.modifier
        r.approximate = a.approximate
        r.bound_rules = list(a.bound_rules)
        return r

    @staticmethod
    def _bounds(rule: Rule, a: Atom, b: Atom) -> Atom | None:
        """ "more than 10 and less than 20": a lower and an upper bound make one range."""
        if a.modifier in _LOWER_BOUNDS and b.modifier in _UPPER_BOUNDS:
            lower, upper = a, b
        elif a.modifier in _UPPER_BOUNDS and b.modifier in _LOWER_BOUNDS:
            lower, upper = b, a
        else:
            return None
        if not lower.value < upper.value:
            return None
        r = Atom(a.start, b.end, a.num_start, b.num_end, lower.value, [*a.rules, rule.name, *b.rules[1:]])
        r.unit = a.unit or b.unit
        r.modifier = Modifier.RANGE
        r.low, r.high = lower.value, upper.value
        r.low_inclusive = lower.modifier is Modifier.AT_LEAST
        r.high_inclusive = upper.modifier is Modifier.AT_MOST
        r.approximate = a.approximate or b.approximate
        r.bound_rules = [*a.bound_rules, *b.bound_rules]
        return r

    def _apply_cues(self, text: str, atom: Atom, prev: Atom | None) -> None:
        """The cue before a number (``prev``: the number before it, or None)."""
        if atom.vague is not None or not self.mod_before.may_end(last_token(text, atom.start)):
            return
        hit = self.mod_before.match_end(atom.before(text))
        if hit is None:
            return
        rule, start = hit
        mod = rule.compiled["modifier"]
        if atom.post_cue:
            return
        if rule.compiled["not_after"] and last_token(text, start) in rule.compiled["not_after"]:
            return  # "the PMI edged up to 50.3": the verb's particle, no bound
        if (
            rule.compiled["determiners"]
            and atom.unit is not None
            and text[atom.num_end : atom.num_end + 1] in ("-", "‐")
            and text[start : atom.start].strip().lower() in rule.compiled["determiners"]
        ):
            return  # "some 400-kilovolt substations": a determiner of the noun the amount qualifies
        if (
            prev is not None
            and prev.unit is not None
            and rule.get("not_after_amount")
            and not text[prev.end : start].strip()
        ):
            return  # "3,500 km over 21 stages": the amount spread over them, no bound
        if (atom.unit or COUNT_UNIT).kind in rule.compiled["not_kinds"]:
            # "over four years" is a period, "for over 200 days", "over 30 years ago" bounds
            prev = text[max(0, start - 16) : start].split()
            nxt = text[atom.end : atom.end + 16].split()
            if not (
                (prev and prev[-1].lower() in rule.compiled["unless_after"])
                or (nxt and nxt[0].lower().rstrip(".,;") in rule.compiled["unless_before"])
            ):
                return
        atom.modifier = mod
        atom.approximate = bool(rule.get("approximate"))
        atom.start = start
        atom.bound_rules.append(rule.name)

    def _counted(self, text: str, atom: Atom, start: int | None = None) -> tuple[str, int]:
        """The noun a count counts (or, from ``start`` when given, what an amount measures:
        "in military aid"), and where it ends ("", the count's end, when none)."""
        if start is not None and start > atom.end:
            toks = tokens_after(text, start, limit=self.counted_max + 4)
        elif atom.end == atom.num_end and self.counted_reads_after:
            toks = atom.after_number(text)  # read once already for the cues
        else:
            toks = tokens_after(text, atom.end, limit=self.counted_max + 4)
        if not toks:
            return "", atom.end
        if toks[0][1] == atom.end:  # glued punctuation or word
            if (
                len(toks) > 2
                and toks[0][0] in ("-", "‐")
                and toks[1][0].lower() in self.counted_size
                and (noun := toks[2][0].rstrip(".")).isalpha()
                and noun.islower()
                and noun not in self.counted_stop
            ):
                # "a 5,000-strong force", "a 2,500-strong multinational force": the noun after
                # the word of size, with the words that qualify it
                end = toks[2][1] + len(noun)
                words = [noun]
                for word, at in toks[3 : 2 + SIZE_NOUN_WORDS]:
                    if toks[2][0].endswith(".") or self._plural(words[-1]):
                        break  # a full stop, or a plural ends it
                    bare = word.rstrip(".")
                    if not (
                        bare.isalpha()
                        and bare.islower()
                        and bare not in self.counted_stop
                        and not bare.endswith(self.counted_suffixes)
                    ):
                        break
                    words.append(bare)
                    end = at + len(bare)
                    if word.endswith("."):
                        break
                return " ".join(words), end
            # "a 350-seat parliament", "the 27-nation bloc": after a determiner, the noun joined
            # by a hyphen before the noun it qualifies
            if (
                len(toks) > 2
                and toks[0][0] in ("-", "‐")
                and toks[1][1] == atom.end + 1
                and len(toks[1][0]) > 2
                and toks[1][0].isalpha()
                and toks[1][0].islower()
                and not toks[1][0].endswith(_ADJECTIVE_ENDINGS)  # "a two-dimensional figure"
                and toks[2][0].rstrip(".").isalpha()
                # a noun, or a name: "the 650-seat House of Commons"
                and (toks[2][0].islower() or toks[2][0].istitle())
                and _after_determiner(text, atom.start)
            ):
                return toks[1][0], toks[1][1] + len(toks[1][0])
            return "", atom.end
        i = 0
        new = False
        if atom.vague is not None and toks and toks[0][0].lower() in self.counted_of:
            i = 1
        else:
            skip = self.counted_skip.match_start(toks)
            if skip is not None:
                _, send = skip
                while i < len(toks) and toks[i][1] < send:
                    i += 1
                # "new" stays on the noun it qualifies: "34,200 new homes" (skipped only to read
                # past it: "1,127 new suspected cases")
                new = i == 1 and toks[0][0] == "new"
                if (
                    "of" in (toks[i - 1][0].lower(), toks[i - 2][0].lower() if i > 1 else "")
                    and (owner := _owner_before_number(toks, i)) is not None
                ):
                    i = owner  # an owner's name as "its": "30% of Iran's 85 million people"
                if (
                    i < len(toks)
                    and (toks[i][0].isdigit() or toks[i][0].lower() in self.number_words)
                    and toks[i - 1][0].lower() != "of"
                ):
                    # "40% of its 12,000 employees": the number of the next count, then its noun
                    j = i + 1
                    while (
                        j + 1 < len(toks)
                        and toks[j][0] in ",."
                        and toks[j + 1][0].isdigit()
                        and toks[j][1] == toks[j - 1][1] + len(toks[j - 1][0])
                    ):
                        j += 2
                    # "of the twenty-seven member states", "of the three million doses"
                    while j < len(toks) and (
                        toks[j][0].lower() in self.number_words
                        or (
                            toks[j][0] in ("-", "‐")
                            and j + 1 < len(toks)
                            and toks[j + 1][0].lower() in self.number_words
                        )
                    ):
                        j += 1
                    if (
                        j < len(toks)
                        and toks[j][1] > toks[j - 1][1] + len(toks[j - 1][0])  # not "the 19th century"
                        # a noun, or a name: "of the nine Supreme Court justices"
                        and (
                            self._plain_noun(toks[j][0])
                            or (toks[j][0].isalpha() and toks[j][0][:1].isupper())
                        )
                    ):
                        i = j
        words: list[str] = ["new"] if new else []
        end = atom.end
        joined = _join_decimal_names(_join_hyphens(toks[i:]))
        last = atom.end
        for k, (tok, at) in enumerate(joined):
            low = tok.lower().rstrip(".")
            if (
                k == 0
                and i > 0
                and toks[i - 1][0].lower() == "of"
                and _YEAR_RE.fullmatch(tok)
                and k + 1 < len(joined)
                and self._plain_noun(joined[k + 1][0].rstrip("."))
            ):
                words.append(tok)  # a year before the noun "of" an amount: "50% of 2025 profit"
                last = end = at + len(tok)
                continue
            if (
                ((tok.isdigit() and len(tok) <= 4) or _MODEL_NUMBER_RE.fullmatch(tok))  # "787-9", "CO₂"
                and words
                and not words[-1].islower()  # "Leopard 2 tanks", "iPhone 16 units"
                and (
                    (
                        k + 1 < len(joined)
                        and joined[k + 1][0][:1].isalpha()
                        and (
                            at == last
                            or joined[k + 1][0].islower()
                            # a mark of the model in capitals ("737 MAX jets"), letters glued to
                            # the number ("Leopard 2A7 tanks"), a name of the model in the
                            # plural ("Boeing 787-9 Dreamliners")
                            or _MODEL_MARK_RE.fullmatch(joined[k + 1][0]) is not None
                            or joined[k + 1][1] == at + len(tok)
                            or self._plural_follows(joined, k + 1)
                        )
                    )
                    # glued to the name, before no word: "37.4 Gt of CO2."
                    or (at == last and (k + 1 == len(joined) or not joined[k + 1][0][:1].isalnum()))
                )
            ):  # a model number inside the noun: "20 M1 Abrams tanks", "18 Leopard 2 tanks"
                if at == last:
                    words[-1] += tok
                else:
                    words.append(tok)
                last = end = at + len(tok)
                continue
            if (
                at == last
                and words
                and words[-1][-1:].isdigit()
                and (bare := tok.rstrip(".")).isalpha()
                and (bare.islower() or (bare.isupper() and len(bare) <= 3))
            ):
                words[-1] += bare  # "A321neo", "F-35A", "2A7", "A350-1000s": letters glued to a model number
                last = end = at + len(bare)
                if bare != tok:
                    break  # a full stop ends the noun
                continue
            if k > 0 and words and _plural_owner(joined, k - 1):
                words[-1] += tok  # a plural owner: "500 million naira for victims' families"
                last = end = at + 1
                continue
            model = (  # "A321neo": a capital glued to a model number is no stop word
                len(tok) == 1
                and tok.isupper()
                and k + 1 < len(joined)
                and joined[k + 1][1] == at + 1
                and _MODEL_NUMBER_RE.fullmatch(joined[k + 1][0]) is not None
            )
            # after a comparative, a noun that is also a verb: "a 50% lower risk of dying"
            noun_after = (
                (bool(words) and words[-1] in self.counted_comparatives and low not in _FUNCTION_WORDS)
                # "a 14.5% pay raise"
                or (k == 0 and low in self.counted_qualified and _after_determiner(text, atom.start))
                # "1% of total education spending", "60% of its total cost"
                or (
                    k == 0
                    and low in self.total_words
                    and len(joined) > 1
                    and self._plain_noun(joined[1][0].rstrip("."))
                )
                # a whole as the head, last: "25% of the global total", "the national average."
                or (
                    bool(words)
                    and low in self.total_words
                    and low in self.elided_heads
                    and (tok.endswith(".") or k + 1 == len(joined) or not joined[k + 1][0][:1].isalnum())
                )
                # a span of time joined to a peak: "a 12-year high", "a 14-month low"
                or (
                    k == 0
                    and low in self.peak_nouns
                    and atom.unit is not None
                    and atom.unit.kind is Kind.DURATION
                    and _after_determiner(text, atom.start)
                )
                # a noun that is also a verb before a plural: "17 daily return trips"
                or (bool(words) and low in self.counted_qualified and self._plural_follows(joined, k + 1))
                # "the seven fastest times": a plural after a word that is no plural (not "the
                # quake hit", "20 people cut")
                or (
                    bool(words)
                    and low in self.counted_qualified
                    and self._plural(low)
                    and not self._plural(words[-1].lower())
                )
            )
            # after "of", a participle before a noun qualifies it: "5,000 tonnes of frozen fish",
            # "12 weeks of paid family leave", "300 tonnes of processed food"
            of_participle = (
                k == 0
                and i > 0
                and toks[i - 1][0].lower() == "of"
                and k + 1 < len(joined)
                and self._participle_before_noun(low, joined[k + 1][0])
            )
            # the people an adjective names after "of the": "14 of the injured", "two of the wounded"
            named_people = (
                k == 0 and i > 0 and toks[i - 1][0].lower() == "the" and low in self.counted_adjective_plurals
            )
            if (
                (
                    not tok[0].isalpha() and not (k == 0 and _NUMBER_NOUN_RE.fullmatch(tok.rstrip(".")))
                )  # "seven 3-pointers"
                or (
                    low in self.counted_stop
                    and not model
                    and not noun_after
                    and not of_participle
                    # "50 stolen bases", "40 wounded soldiers": a participle before a plural
                    and not (k == 0 and low in self.counted_participles and self._plural_follows(joined, 1))
                    and not named_people
                    # "64 confirmed and probable Ebola cases": two words that qualify the noun,
                    # joined (not "5 killed and 20 wounded", "10 people and their cars")
                    and not (low in ("and", "or") and self._joined_qualifiers(words, joined, k))
                    # "208 bottles of wine and liquor", "11 billion barrels of oil and gas"
                    and not (
                        low in ("and", "or")
                        and ("of" in words or _OF_END_RE.search(text, max(0, joined[0][1] - 4), joined[0][1]))
                        and bool(words)
                        and self._pair_noun_ends(joined[k + 1 : k + 3])
                    )
                    # "$350 million in lost revenue": a participle before the noun read after "in"
                    and not (
                        k == 0
                        and start is not None
                        and low in self.irregular_participles
                        and self._named_noun_follows(text, at)
                    )
                )
                or "\n" in text[last:at]
                or (k == 0 and low in self.number_words)  # "two of the five killed": a count, no noun
                # another count: "below the 78.2% recorded three years ago"
                or (k > 0 and low in self.number_words and words and words[-1].islower())
                or (k == 0 and tok.rstrip(".") in self.calendar_words)  # "The Dow rose 120 Monday"
            ):
                break  # a line break ends the noun too: a heading or a list follows
            if low.endswith(_POSSESSIVE) and k + 1 < len(joined) and joined[k + 1][0][:1].isdigit():
                break  # "half of the nation's 50 states": the owner of the next count
            if (
                k == 1
                and text[atom.end - 1 : atom.end].isalpha()
                and "-" in text[atom.num_end : atom.end]
                and low.endswith("s")
                and not low.endswith("ss")
                and tok.islower()
                and not self._plural(words[-1].lower())
                and k + 1 < len(joined)
                and (
                    joined[k + 1][0].lower() in self.object_determiners
                    or joined[k + 1][0].lower() in self.place_prepositions
                )
            ):
                # after an amount in hyphens, a verb after the singular noun it qualifies: "A
                # 2.4-km tunnel links the terminal", "the 13,000-hectare concession sits inside"
                break
            last = at + len(tok)
            glued = _GLUED_SENTENCE_RE.search(tok) if "." in tok[:-1] else None
            if glued is not None and glued.start() > 1:  # not initials: "U.S."
                words.append(tok[: glued.start()])  # "people.The": a sentence glued by its dot
                end = at + glued.start()
                break
            if (
                low.endswith(self.counted_suffixes)
                and len(low) > 3
                and not tok[0].isupper()
                and low not in self.counted_not_verbs  # "21.9 trillion yen of fiscal spending"
                and not of_participle
                # "a 9% holding", "a two-hour warning strike": right after an amount with its
                # unit after a determiner, a word in -ing is a noun or qualifies one
                and not (
                    k == 0
                    and low.endswith("ing")
                    and atom.unit is not None
                    and at == atom.end + 1
                    and _after_determiner(text, atom.start)
                )
                # "its $20 billion liquefied natural gas project": a participle before a noun
                # after a determiner qualifies it
                and not (
                    low.endswith("ed")
                    and (
                        (k == 0 and _after_determiner(text, atom.start))
                        or (bool(words) and words[-1].endswith("ed"))
                    )
                    and self._named_noun_follows(text, at)
                )
                # "14 months of fighting": a gerund right after "of" is a noun
                and not (
                    k == 0
                    and low.endswith("ing")
                    and not low.endswith("thing")  # "5 years of nothing"
                    and _OF_END_RE.search(text, max(0, at - 4), at)
                )
                # ...and one that qualifies the noun after it, after "of" and a determiner: "70%
                # of its drinking water"
                and not (
                    k == 0
                    and i > 0
                    and low.endswith("ing")
                    and len(joined) > 1
                    and self._plain_noun(joined[1][0].rstrip("."))
                    and not joined[1][0].lower().endswith(self.counted_suffixes)
                )
                # a noun in -ing before a plural: "five mass bleaching events"
                and not (k > 0 and low.endswith("ing") and self._plural_follows(joined, k + 1))
                and not named_people
                # ...and after an adjective there: "three days of national mourning"
                and not (
                    k == 1
                    and low.endswith("ing")
                    and words[0].endswith(_ADJECTIVE_ENDINGS[:4])
                    and _OF_END_RE.search(text, max(0, joined[0][1] - 4), joined[0][1])
                )
                and not (
                    # "200 collapsed houses", "40 wounded soldiers", "40 heavily armed men": an
                    # adjective before a plural, first or after an adverb
                    (k == 0 or (k == 1 and words[0].endswith("ly")))
                    and (
                        self._plural_follows(joined, k + 1)
                        # "27,000 suspected mpox cases": a participle, a noun, then the plural
                        or (
                            low.endswith("ed")
                            and k + 1 < len(joined)
                            # (in hyphens too: "two unvaccinated school-age girls")
                            and self._plain_noun(joined[k + 1][0].replace("-", ""))
                            and not joined[k + 1][0].lower().endswith(self.counted_suffixes)
                            and self._plural_follows(joined, k + 2)
                        )
                        # "64 confirmed and probable Ebola cases"
                        or (
                            k == 0
                            and len(joined) > 1
                            and joined[1][0] in ("and", "or")
                            and self._joined_qualifiers([tok], joined, 1)
                        )
                    )
                )
                # "half of the country's generating capacity": after an owner, an adjective
                and not (
                    words
                    and words[-1].endswith(_POSSESSIVE)
                    and k + 1 < len(joined)
                    and self._plain_noun(joined[k + 1][0])
                )
            ):
                break  # a verb-like word ends the noun; a name does not: "30 Shahed drones"
            if (
                low.endswith("ly")
                and len(low) > 4
                and low not in self.counted_ly_nouns  # a noun: "a 4.2-month supply", "a 28-day rally"
                and not (  # "2,400 weekly flights", "six family members", "12 supply ships"
                    (
                        low in self.counted_not_adverbs
                        and (
                            self._plural_follows(joined, k + 1)
                            # "3.29 billion daily active users": and an adjective between
                            # (or a noun that is also a verb: "17 daily return trips")
                            or (
                                k + 1 < len(joined)
                                and (
                                    self._plain_noun(joined[k + 1][0])
                                    or joined[k + 1][0].lower() in self.counted_qualified
                                )
                                and self._plural_follows(joined, k + 2)
                            )
                            # after another word or "of", before a noun: "a quarter of the
                            # average monthly wage", "a fifth of a monthly state salary"
                            or (
                                (k > 0 or _OF_END_RE.search(text, max(0, at - 8), at) is not None)
                                and k + 1 < len(joined)
                                and self._plain_noun(joined[k + 1][0].rstrip("."))
                                and not joined[k + 1][0].lower().endswith(self.counted_suffixes)
                            )
                        )
                    )
                    or (
                        k + 1 < len(joined)
                        and joined[k + 1][0].lower().endswith(self.counted_suffixes)
                        and self._plural_follows(joined, k + 2)
                    )
                    # "thousands of mostly young protesters": an adverb, an adjective, a plural
                    or (
                        k == 0
                        and atom.vague is not None
                        and k + 1 < len(joined)
                        and self._plain_noun(joined[k + 1][0])
                        and self._plural_follows(joined, k + 2)
                    )
                )
            ):
                break  # an adverb ends the noun: "rose 20 sharply"
            if (
                words
                and tok.islower()
                and not tok.endswith(".")
                and low.endswith("s")
                and not low.endswith("ss")
                and not self._plural(words[-1].lower())
                # (after a noun, not an adjective or a name: "565 drug-dependent offenders 2")
                and words[-1].isalpha()
                and words[-1].islower()
                and not words[-1].endswith((*_NOT_NOUN_ENDINGS, "ary", "ent", "ant"))
                and k + 1 < len(joined)
                and (joined[k + 1][0][:1].isdigit() or joined[k + 1][0].lower() in self.number_words)
            ):
                break  # a verb and its object: "India's $283 billion technology sector employs 5 million"
            if _INITIALS_RE.fullmatch(tok) and len(joined) > k + 1 and joined[k + 1][0][:1].islower():
                words.append(tok)  # "2,500 U.S. troops": initials before a word go on
                end = last
                continue
            words.append(tok.rstrip("."))
            end = at + len(words[-1])
            # (two joined qualifiers count as one word: "confirmed and probable Ebola cases")
            if tok.endswith(".") or len(words) == self.counted_max + 2 * (
                len(words) > 2 and words[1] in ("and", "or")
            ):
                break
            if self.counted_plurals is not None and self._plural(low):
                # a listed plural or a name before a regular plural is its modifier: "staff
                # members", "police officers", "appropriations bills", "Abrams tanks"; else the
                # noun ends here ("adults smoke", "staff work", "the two terms gives")
                nxt = joined[k + 1][0].rstrip(".") if k + 1 < len(joined) else ""
                # a plural owner of what money pays for: "500 million naira for victims' families"
                # (read on; a count counts the owners: "the two militaries' directors")
                owner = atom.unit is not None and atom.unit.kind is Kind.MONEY and _plural_owner(joined, k)
                if (
                    not owner
                    and not (
                        (
                            (low in self.counted_plurals and low not in self.counted_not_modifiers)
                            or low in self.counted_plural_modifiers
                            or (tok[0].isupper() and tok.isalpha())
                        )
                        and nxt.isalpha()
                        and nxt.islower()
                        and self._plural(nxt)
                    )
                    and not (
                        # a listed modifier before a singular noun too: "an 11-year media rights deal"
                        low in self.counted_plural_modifiers
                        and self._plain_noun(nxt)
                        and not nxt.endswith(self.counted_suffixes)
                    )
                ):
                    break
        if (
            words
            and text[end : end + 1] in (",", " ")  # not across a line break
            and first_token(text, end) in (",", "and", "or", None)
            and self._plural(words[-1].lower())
        ):
            listed = self._noun_list(text, end)
            if listed is not None:  # "16,000 rockets, missiles and drones"
                return " ".join([*words, *listed[0].split()]).replace(" ,", ","), listed[1]
        elif (
            len(words) == 1
            and words[0][:1].isupper()
            and (shared := _SHARED_NAME_HEAD_RE.match(text, end)) is not None
        ):
            # "299 Airbus and Boeing jets": two makers that share one plural
            return f"{words[0]}{shared.group()}", shared.end()
        elif (
            len(words) == 1
            and first_token(text, end) in ("and", "or")
            and (listed := self._noun_list(text, end)) is not None
            and _SHARED_HEAD_RE.fullmatch(listed[0])
        ):
            # "273 Shahed and decoy drones", "40 domestic and international flights": two words
            # that qualify one plural
            return " ".join([*words, *listed[0].split()]), listed[1]
        if len(words) == 1 and (words[0].lower() in self.counted_comparatives or new):
            return "", atom.end  # a comparative with no noun after it: "sent the index 2% higher"
        if (
            len(words) == 1
            and words[0].endswith("ed")
            and words[0] not in self.counted_adjective_plurals
            and words[0] not in self.counted_not_verbs
            and end < len(text)
            and (nxt := first_token(text, end)) is not None
            and nxt[:1].isalnum()
        ):
            return "", atom.end  # a participle with no noun: "the 78.2% recorded three years ago"
        if words and words[-1].endswith(_POSSESSIVE):
            return "", atom.end  # an owner, not what is counted: "80% of the country's $55 billion"
        if len(words) > 1 and words[-1] == "online":
            words.pop()  # an adverb after the noun: "brought its expansion project online"
            end -= len(" online")
        return " ".join(words), end

    def _noun_list(self, text: str, end: int) -> tuple[str, int] | None:
        """The rest of a list of plural nouns that a counted noun opens, to its last item:
        ", missiles and drones" after "16,000 rockets", " and civilians" after "20 soldiers";
        each item one or two lowercase words ending in a plural (the last may be a collective
        noun: "176 passengers and crew"), joined by commas and a final "and"/"or"; None when no
        such list follows (a number, a verb or anything else)."""
        toks = tokens_after(text, end, NOUN_LIST_TOKENS)
        i, last_end, n = 0, None, len(toks)
        while i < n:
            sep = toks[i][0].lower()
            final = sep in ("and", "or")
            if sep == "," and i + 1 < n and toks[i + 1][0].lower() in ("and", "or"):
                if i == 0:
                    # "won 68 seats, and independents and smaller parties took": a comma before
                    # "and" after one item opens a clause
                    return None
                i, final = i + 1, True
            elif sep != "," and not final:
                break
            item = []
            j = i + 1
            while j < n and len(item) < 2:
                w = toks[j][0].rstrip(".")  # "drones." ends its sentence
                if (
                    not (w.isalpha() and w.islower())
                    or w in self.counted_stop
                    or w in self.number_words  # "three women and seven men": two counts
                    or w in self.vague_plurals  # "120,000 vehicles and thousands of homes"
                    # "and forced", "and turning"; not an adjective before a plural: "and
                    # armored vehicles"
                    or (
                        w.endswith(self.counted_suffixes)
                        and not (
                            not item
                            and w.endswith("ed")
                            and j + 1 < n
                            and self._plain_noun(nxt_w := toks[j + 1][0].rstrip("."))
                            and nxt_w not in self.vague_plurals
                            and self._plural(nxt_w)
                        )
                    )
                ):
                    break
                item.append(w)
                j += 1
                if toks[j - 1][0].endswith(".") or (
                    self._plural(w)
                    # "police officers": a plural that qualifies the plural after it
                    and not (
                        len(item) == 1
                        and self.counted_plurals is not None
                        and w in self.counted_plurals  # "police", "staff": no -s of their own
                        and j < n
                        and toks[j][0].isalpha()
                        and toks[j][0].islower()
                        and toks[j][0] not in self.counted_stop
                        and self._plural(toks[j][0])
                    )
                ):
                    break
            if not item or not (
                self._plural(item[-1])
                or (final and item[-1] in self.counted_collectives)  # "176 passengers and crew"
            ):
                break
            last_end = toks[j - 1][1] + len(item[-1])
            i = j
            if final:
                nxt = toks[j][0] if j < n else ""
                if (
                    nxt[:1].isdigit()
                    or nxt.lower() in self.number_words
                    # as written: not a sentence's first word; "each year" is no object
                    or (nxt in self.counted_object_starts and not _EACH_TIME_RE.match(text, toks[j][1]))
                    # "208 billion transistors and delivers up to 20 petaflops"
                    or self._cue_then_number([t.lower() for t, _ in toks[j : j + 4]])
                    # "3,000 people and plans to cut 500": a verb before its infinitive
                    or (nxt == "to" and item[-1] in self.counted_infinitive_verbs)
                ):
                    return None  # "1,200 beds and employs 7,000": a verb and its object
                return text[end:last_end], last_end
        return None

    def _rate_of_one(self, text: str, q: Quantity) -> bool:
        """``q`` ("a day") right after "a" and a noun: the rate of one thing ("requires a pill a
        day", "a dollar a day"), not a span of time."""
        m = _A_NOUN_BEFORE_RE.search(text, max(0, q.start - 30), q.start)
        return (
            m is not None
            and (noun := m.group("noun")) not in self.counted_stop
            and noun not in self.number_words
            and not self._time_word(noun)
        )

    def _follows_counted(self, text: str, prev: Quantity, q: Quantity) -> bool:
        """``q`` comes right after ``prev`` and the noun it counts: "shells a year", "jobs a
        month", "6,000 155mm artillery shells a day" (a few words ending in a plural)."""
        if q.start < prev.end:
            return False
        gap = text[prev.end : q.start].split()
        if prev.unit is not COUNT_UNIT:
            # right after an amount with its unit ("55 billion cubic metres a year", "782 yuan
            # ($108.07) a ton"), or after what it measures ("500,000 ounces of gold a year")
            if not gap or gap == [")"] or (len(gap) == 1 and gap[0][:1] == "(" and gap[0][-1:] == ")"):
                return True  # (or a symbol in brackets: "4.1 terawatt hours (TWh) a day")
            if len(gap) == 2 and gap[0] == "per" and gap[1].isalpha() and gap[1].islower():
                return True  # "24 gigabytes per user a month"
            if self.counted is not None and (
                gap[0] == "of"
                and 1 < len(gap) <= 3
                and all(w.isalpha() and w.lower() not in self.counted_stop for w in gap[1:])
            ):
                return True
        if prev.quantified:
            return gap == prev.quantified.split()
        if self.counted is None:
            return False
        return (
            0 < len(gap) <= 4
            and all(w.replace("-", "").isalpha() and w.lower() not in self.counted_stop for w in gap)
            and "of" not in gap
            and self._plural(gap[-1].lower())
        )

    def _plural_of(self, noun: str) -> str:
        """The plural of a counted noun ("person" -> "people", "soldier" -> "soldiers"), from
        the rule's plural_of map or the regular endings; "" when it has no plain plural."""
        head, _, last = noun.rpartition(" ")
        low = last.lower()
        if not low.isalpha():
            return ""
        plural = self.counted_plural_of.get(low)
        if plural is None:
            if low.endswith(("s", "x", "z", "ch", "sh")):
                plural = last + "es"
            elif low.endswith("y") and low[-2:-1] not in "aeiou":
                plural = last[:-1] + "ies"
            else:
                plural = last + "s"
        return f"{head} {plural}" if head else plural

    def _joined_qualifiers(self, words: list[str], joined: list[tuple[str, int]], k: int) -> bool:
        """Whether "and" or "or" at ``joined[k]`` joins two words that qualify the noun after
        them: one word before it in the noun, in -ed or a participle, then a lowercase word that
        is no plural and a plural within two words ("confirmed and probable Ebola cases",
        "suspected or confirmed cases")."""
        if len(words) != 1 or k != 1 or k + 2 >= len(joined):
            return False
        first, nxt = words[0].lower(), joined[k + 1][0]
        return (
            (
                first.endswith("ed")
                or first in self.counted_participles
                # two nouns that qualify the plural: "five film and TV productions" (not a verb
                # or a count after "and": "2 km of track and disrupted shipments")
                or (
                    self._plain_noun(first)
                    and not self._plural(first)
                    and not nxt.lower().endswith(("ed", "ing"))
                    and nxt.lower() not in self.number_words
                )
            )
            and nxt.isalpha()
            and (nxt.islower() or (nxt.isupper() and len(nxt) <= 4))
            and nxt.lower() not in self.counted_stop
            and not self._plural(nxt.lower())
            and (self._plural_follows(joined, k + 2) or self._plural_follows(joined, k + 3))
        )

    def _pair_noun_ends(self, toks: Sequence[tuple[str, int]]) -> bool:
        """Whether the first of ``toks`` (the word after "and" or "or" in an "of" phrase) is a
        plain noun that ends the phrase: the second is punctuation, a preposition, a verb in -ing,
        or none ("bottles of wine and liquor belonging to", "barrels of oil and gas,"; not "a
        state of emergency and plans to", "a ton of TNT or tonne of TNT", "barrels of oil and gas
        prices")."""
        if not toks:
            return False
        nxt = toks[0][0]
        if not self._plain_noun(nxt) or nxt.removesuffix(".").endswith(self.counted_suffixes):
            return False
        if nxt.endswith(".") or len(toks) < 2:
            return True
        after = toks[1][0].lower()
        return after not in ("to", "of") and (
            not after[:1].isalnum()
            or after in self.place_prepositions
            or after in self.subject_after
            or (after.endswith("ing") and len(after) > 4)
        )

    def _plural_follows(self, joined: list[tuple[str, int]], k: int) -> bool:
        """The k-th token is a lowercase plural noun that may continue a counted noun, or a name in
        the plural ("five uncrewed Starships", "40 wounded Palestinians")."""
        if k >= len(joined):
            return False
        w = joined[k][0].rstrip(".")
        if w.istitle() and w.isalpha():
            return self._plural(w.lower())
        return w.isalpha() and w.islower() and w not in self.counted_stop and self._plural(w)

    def _plural(self, low: str) -> bool:
        """A plural noun: listed ("people", "children"), or ending in -s but not in -ss, -us,
        -is, and not listed as no plural ("news", "series")."""
        if self.counted_plurals and low in self.counted_plurals:
            return True
        return (
            len(low) > 3
            and low.endswith("s")
            and not low.endswith(("ss", "us", "is", "'s", "’s"))
            and low not in self.counted_not_plurals
        )

    # ------------------------------------------------------------------ main
    def extract(
        self, source: str, kinds: frozenset[Kind], explain: bool, deadline: float | None
    ) -> Extraction:
        # no-break and other typographic spaces read as spaces ("€1.2\u00a0billion"); one code
        # point for one, so every offset holds, and the texts returned are the source's
        if source.isascii() or not any(c in source for c in _ODD_SPACES):  # a scan per character,
            text = source  # cheaper than one translate (a tenth of the seed article's time)
        else:
            text = _ODD_SPACE_RE.sub(" ", source)
        out = self._extract(text, kinds, explain, deadline)
        if text is not source:
            for q in out.quantities:
                q.text = source[q.start : q.end]
            out.rejections[:] = [replace(r, text=source[r.start : r.end]) for r in out.rejections]
        return out

    def _extract(
        self, text: str, kinds: frozenset[Kind], explain: bool, deadline: float | None
    ) -> Extraction:
        rejections: list[Rejection] | None = [] if explain else None
        atoms = self._atoms(text, deadline, rejections)
        _check(deadline)
        self._share_units(text, atoms)
        for i, atom in enumerate(atoms):
            self._apply_cues(text, atom, atoms[i - 1] if i else None)
        atoms = self._join_ranges(text, atoms, rejections)
        _check(deadline)
        out: list[Quantity] = []
        prev: Quantity | None = None
        prev_atom: Atom | None = None
        main: Quantity | None = None  # the last amount not in brackets after another
        main_atom: Atom | None = None
        million: Atom | None = None  # the last amount read with a glued "m" for a million
        for i, atom in enumerate(atoms):
            if not i & 255:
                _check(deadline)  # every 256 amounts: a text of tens of thousands of numbers
            if million is not None and self._million_again(text, million, atom):
                # "1.2m units, up 8% from 1.1m a year ago": the writer's "m" is a million again
                atom.unit, atom.scale, atom.value = (
                    million.unit,
                    million.scale,
                    _scaled(atom.value, million.scale),
                )
                atom.rules.append(next(r for r in million.rules if r in self.scale_rules))
            if atom.scale == 1e6 and text[atom.num_end - 1 : atom.num_end] in ("m", "M"):
                million = atom
            # "a 50 billion euro ($54 billion) aid package": the noun after the restatement
            restated = _restated_end(text, atom, atoms[i + 1]) if i + 1 < len(atoms) else None
            q = self._quantity(text, atom, restated)
            # past a restatement in brackets, the amount it restates: "31.9 billion Danish crowns
            # ($4.9 billion), below the 32.6 billion expected"
            elided_from, elided_atom = (
                (main, main_atom)
                if prev is not None and prev is not main and text.startswith(")", prev.end)
                else (prev, prev_atom)
            )
            if (
                elided_atom is not None
                and elided_from is not None
                and self._unit_elided(text, elided_from, elided_atom, q, atom)
            ):
                q.unit, q.kind = (
                    elided_from.unit,
                    elided_from.unit.kind,
                )  # "$5 billion in 2022 and 7 billion in 2023"
                q.rules = (*q.rules, self.unit_elided_rule)
            elif (
                prev is not None
                and prev.unit is COUNT_UNIT  # (checked first: most amounts before have a unit)
                and prev_atom is not None
                and (scale := self._change_unit_after(text, prev, prev_atom, q, atom)) is not None
            ):
                # "rose from 48 to 52 percent", "fell from 300 to 200 people", "from 5 to 7 million"
                prev.unit, prev.kind, prev.quantified = q.unit, q.kind, q.quantified
                if scale != 1.0:
                    prev.value = prev.low = prev.high = _scaled(prev_atom.value, scale)
                prev.rules = (*prev.rules, self.change_unit_rule)
            elif (
                prev is not None
                and prev.unit is COUNT_UNIT
                and q.kind is Kind.PERCENTAGE
                and self.points_unit is not None
                and (pts := _POINTS_TO_RE.fullmatch(text, prev.end, q.start)) is not None
            ):
                # "Support fell 8 points to 44%": percentage points, not a count of points
                prev.end = pts.end(1)
                prev.text = text[prev.start : prev.end]
                prev.unit, prev.kind, prev.quantified = self.points_unit, Kind.PERCENTAGE, q.quantified
                prev.rules = (*prev.rules, self.points_rule)
            if (
                q.unit is COUNT_UNIT
                and self.poll_context is not None
                and self.points_unit is not None
                and (pts := _POINTS_RE.match(text, q.end)) is not None
                and q.value is not None
                and q.value <= 100
                # not points scored or awarded, nor points of something: "scored 40 points",
                # "5 points of failure"
                and last_token(text, q.start) not in self.points_scored
                and not _POINTS_OF_RE.match(text, pts.end())
                and self._in_poll_sentence(text, q.start, q.end)
            ):
                # "The party's lead narrowed to 4 points", "a margin of error of 3.1 points":
                # percentage points in a sentence of polls, not a count of points
                q.end = pts.end(1)
                q.text = text[q.start : q.end]
                q.unit, q.kind, q.quantified = self.points_unit, Kind.PERCENTAGE, ""
                q.rules = (*q.rules, self.poll_points_rule)
            if q.unit is COUNT_UNIT and not q.quantified and self.exchange_rate_per.maxlen > 0:
                currency = self._exchange_rate(text, q)
                if currency is not None:  # "The yen weakened past 160 per dollar"
                    q.unit, q.kind = currency, Kind.MONEY
                    q.rules = (*q.rules, self.exchange_rate_rule)
            if q.kind is Kind.MONEY and self.shared_currencies and not atom.prefix_unit:
                unit = self._shared_currency(text, q.start, q.unit, q.text)
                if unit is not q.unit:  # "Argentina's central bank sold 500 million pesos"
                    q.unit = unit
                    q.rules = (*q.rules, self.shared_currency_rule)
            if not _finite(q):  # "1e308 km" is finite in km, not in metres
                if rejections is not None:
                    rejections.append(Rejection(q.text, q.start, q.end, q.rules[0], "a number out of range"))
                continue
            if q.rules[0] in self.rate_rules and (
                (prev is not None and self._follows_counted(text, prev, q)) or self._rate_of_one(text, q)
            ):
                # "3.7 million artillery shells a year": the rate of the amount before; "a pill a
                # day": of one
                if rejections is not None:
                    rejections.append(Rejection(q.text, q.start, q.end, q.rules[0], "a rate, not an amount"))
                continue
            if (
                q.kind is Kind.MEASUREMENT
                and q.unit.dimension != "time"
                and (rate := self.units.per_time(q.unit, text, _RESTATED_GAP_RE.match(text, q.end).end()))
                is not None
                and not (self.relative_time_after and self.relative_time_after.match(text, rate[1]))
            ):
                # "1.2 million tonnes a year", "4.1 terawatt hours (TWh) a day", "300 kilowatt-hours
                # a month": a measurement with its unit is a rate of the unit of time after it
                q.unit = rate[0]
                q.rules = (*q.rules, self.rate_after_unit_rule)
            if prev is None or q.end > prev.end:  # not "a day" inside "barrels a day"
                if prev is None or not _RESTATED_RE.fullmatch(text, prev.end, q.start):
                    main, main_atom = q, atom
                prev, prev_atom = q, atom
            out.append(q)
        for share in (self._share_counted, self._share_neighbours, self._share_continued, self._share_late):
            _check(deadline)
            share(text, out)
        if self.weather_words is not None and self.degree_unit is not None:
            self._temperatures(text, out)
        if self.tonne_unit is not None:
            self._metric_tons(text, out)
        if self.cent_unit is not None:
            self._cents(text, out)
        out = _no_overlaps(out)
        if self.span_outside is not None:
            for q in out:
                if (
                    q.modifier is Modifier.EXACT
                    and (m := self.span_outside.match(text, q.start)) is not None
                    and m.end() < q.end
                ):
                    q.start = m.end()  # "a record $3.03 billion": the span is the amount
                    q.text = text[q.start : q.end]
        if kinds:  # the kinds asked for, of everything read (a later amount may change an
            out = [q for q in out if q.kind in kinds]  # earlier one's kind: "from 48 to 52 percent")
        return Extraction(out, self.ruleset.version, rejections or [])

    def _temperatures(self, text: str, qs: list[Quantity]) -> None:
        """A bare "degrees" in a sentence with a word of the lexicon weather_words is a
        temperature on the scale of the nearest amount the text writes with one ("40 degrees
        Celsius (104 degrees Fahrenheit) ... 4 to 6 degrees below normal"); with no scale in the
        text it stays the bare degree (the peers' gold: "the temperature outside is 98
        degrees")."""
        assert self.weather_words is not None
        bare = [q for q in qs if q.unit is self.degree_unit and q.text[-1:].isalpha()]
        if not bare or not (scaled := [q for q in qs if q.unit in self.temperature_scales]):
            return
        # the scale a text writes first, not its restatement in brackets: "37.4 degrees Celsius
        # (99.3 Fahrenheit) in July, several degrees above the seasonal average"
        scaled = [q for q in scaled if text[q.start - 1 : q.start] != "("] or scaled
        for q in bare:
            if self.weather_words.search(text, *_sentence_bounds(text, q.start, q.end)) is None:
                continue
            q.unit = min(scaled, key=lambda s: abs(s.start - q.start)).unit
            q.rules = (*q.rules, self.temperature_rule)

    def _moved_noun(self, text: str, q: Quantity) -> str:
        """The noun a change of money or a percentage moves with no verb of its own: "with
        sugar up 60% and flour up 45%" (after "with" or "and", before up, down, higher, lower),
        "leaving prices 5.5% higher", "pushed prices up about 170%" (the object of a verb that
        moves it, a word of direction before or after the amount); else ""."""
        lo = max(0, q.start - 60)
        m = _MOVED_RE.search(text, lo, q.start)
        if (
            m is not None
            and not m.group("dir")
            and not _DIRECTION_AFTER_RE.match(text, q.end)
            and q.modifier not in _ONE_VALUE_BOUNDS  # "pushed temperatures above 47C"
        ):
            m = None
        if m is None and (m := _WITH_UP_RE.search(text, max(0, q.start - 80), q.start)) is None:
            # "with the average price at $405" (not "with damages put at", read below)
            m = _WITH_AT_RE.search(text, max(0, q.start - 80), q.start)
            if m is not None and (
                _WITH_ING_RE.search(text, max(0, q.start - 80), q.start) is not None
                # "with the Oder forecast to peak at 6.4 metres": a verb of its own
                or any(w in self.subject_raising or w == "to" for w in m.group("np").split())
            ):
                m = None
        if m is None:
            m = _WITH_ING_RE.search(text, max(0, q.start - 80), q.start)
            if m is None or (
                m.group("verb") not in self.subject_verbs
                and m.group("verb") not in self.subject_predicates
                and m.group("verb") not in self.subject_raising
            ):
                m = None
                if _DIRECTION_AFTER_RE.match(text, q.end):
                    m = _WITH_BARE_RE.search(text, lo, q.start)
                if m is None:
                    return ""
        words = m.group("np").split()
        if cut := next(
            (
                i
                for i, w in enumerate(words)
                if w.lower() in self.subject_after or w.lower() in self.place_prepositions
            ),
            None,
        ):
            words = words[:cut]  # "with land prices near the site jumping 33%"
        if words[0].lower() in self.object_determiners:
            words = words[1:]
        if not words or not all(
            (w.isalpha() or (i > 0 and w.isdigit() and words[i - 1][:1].isupper()) or _is_word(w))
            and (
                w.lower() in self.subject_modifiers
                or (w.lower() not in self.counted_stop and w.lower() not in self._subject_words)
            )
            # a verb: "and pushed prices up" (not a noun in -ing: "with spending forecast at")
            and not (
                w.islower()
                and w.endswith(self.counted_suffixes)
                and w not in self.counted_not_verbs
                and "-" not in w
            )
            for i, w in enumerate(words)
        ):
            return ""
        return " ".join(words)

    def _cents(self, text: str, qs: list[Quantity]) -> None:
        """A bare "cents" (no country before it) is a hundredth of the currency of the money
        written nearest to it in its sentence, else of the currency written most often before
        it within DOCUMENT_CONTEXT_CHARS: "a final dividend of 422 cents a share ... 8 billion
        rand" is in South African cents, "Brent fell 71 cents to $69.42" in US cents; with no
        money near, the US cent."""
        bare = [q for q in qs if q.unit is self.cent_unit and not _US_CENTS_RE.search(q.text)]
        if not bare:
            return
        seen = {id(q) for q in bare}
        money = [
            q
            for q in qs
            if q.kind is Kind.MONEY and q.unit.currency_code in self.cents_of and id(q) not in seen
        ]
        for q in bare:
            lo, hi = _sentence_bounds(text, q.start, q.end)
            near = [m for m in money if lo <= m.start and m.end <= hi]
            if near:
                unit = min(near, key=lambda m: abs(m.start - q.start)).unit
            else:
                # the currency written most often before it, the latest of those on a tie
                before = [m for m in money if q.start - DOCUMENT_CONTEXT_CHARS <= m.end <= q.start]
                if not before:
                    continue
                codes = Counter(m.unit.currency_code for m in before)
                unit = next(
                    m.unit for m in reversed(before) if codes[m.unit.currency_code] == max(codes.values())
                )
            cents = self.cents_of[unit.currency_code]
            if cents is not q.unit:
                q.unit = cents
                q.rules = (*q.rules, self.cents_rule)

    def _metric_tons(self, text: str, qs: list[Quantity]) -> None:
        """A bare "tons" in a text that writes "metric tons" elsewhere is the metric ton, as the
        wire style has it ("Output reached 900,000 metric tons ... rose 6% to 86.8 million
        tons"), "a metric ton" in a price ("$1,050 a metric ton") or "tonnes" ("Exports reached 20
        million tonnes ... a record 22.5 million tons")."""
        if not any(q.unit is self.tonne_unit and "metric" in q.text.lower() for q in qs) and (
            not any(q.unit is self.ton_unit for q in qs) or _METRIC_TON_RE.search(text) is None
        ):
            return
        for q in qs:
            if q.unit is self.ton_unit:
                assert self.tonne_unit is not None
                q.unit = self.tonne_unit
                q.rules = (*q.rules, self.metric_tons_rule)

    def _sized_noun(self, text: str, q: Quantity) -> str:
        """The noun right before a measurement that states its size with an adjective of the
        lexicon size_adjectives after it or in its cue: "floodwaters up to 2 meters (6.5 feet)
        deep", "waves as high as 2 meters", "a mirror measures 6.5 metres across" (past a verb
        of size_verbs); not when a noun follows the adjective ("4.8 m long cores"); else ""."""
        assert self.size_adjectives is not None
        cue = q.text.split(None, 2)
        after = self.size_adjectives.match(text, _SIZE_AFTER_RE.match(text, q.end).end())
        if after is not None:
            nxt = first_token(text, after.end())
            if nxt is not None and (self._plain_noun(nxt) or nxt.lower() in self.object_determiners):
                return ""  # "4.8 m long cores": the noun after it; "swam 3 km across the lake"
        elif not (len(cue) > 2 and cue[0].lower() == "as" and self.size_adjectives.fullmatch(cue[1].lower())):
            return ""
        toks = tokens_before(text, q.start, 3)
        if toks and toks[-1][0].lower() in self.size_verbs:
            toks = toks[:-1]  # "The telescope's mirror measures 6.5 metres across"
        if not toks or not self._size_noun(text, toks[-1]):
            return ""
        if len(toks) > 1 and toks[-2][0].lower() in self.subject_modals:
            return ""  # a verb: "Waves can reach as high as 10 m"
        start, end = toks[-1][1], toks[-1][1] + len(toks[-1][0])
        # a noun before it: "storm surges as high as 3 meters" (not a verb, "brought surges";
        # not past the start of the sentence)
        if len(toks) > 1 and not _opens_sentence(text, start) and self._size_noun(text, toks[-2]):
            start = toks[-2][1]
        return text[start:end]

    def _size_noun(self, text: str, tok: tuple[str, int]) -> bool:
        """Whether a token before a measurement of size may be (part of) the noun it measures:
        a plain noun, title-case at the start of a sentence ("Floodwaters up to 2 meters deep");
        no verb ("the water rose 2 metres deep") and no adverb."""
        word, at = tok
        if word.istitle() and _opens_sentence(text, at):
            word = word.lower()
        return (
            self._plain_noun(word)
            and not word.endswith(self.counted_suffixes)
            and not _is_adverb(word)
            and word not in self._subject_words
        )

    def _in_poll_sentence(self, text: str, start: int, end: int) -> bool:
        """Whether a word of the lexicon poll_context stands in the sentence of the span, and no
        stock index ("The Dow fell 300 points as a poll showed ...")."""
        assert self.poll_context is not None
        lo, hi = _sentence_bounds(text, start, end)
        return self.poll_context.search(text, lo, hi) is not None and (
            self.poll_not_index is None or self.poll_not_index.search(text, lo, hi) is None
        )

    def _measured_at(self, text: str, a: Atom) -> int | None:
        """Where the words that name what a measurement or an amount of money measures start:
        after "of" (``a.end``: the counted phrase skips it, "2.5 kg of heroin", "$3bn of its
        shares"), or after a word of the lexicon in_words before a lowercase word ("$2.5
        billion in military aid", "$5 million worth of weapons"), or right after it when a
        determiner stands before it ("a £3.5bn profit"); None when nothing names it,
        or "of" names a place the amount is a distance from ("within six feet of the cup")."""
        kind = a.unit.kind if a.unit is not None else Kind.COUNT
        if kind is Kind.DURATION and (old := _AGE_OLD_RE.match(text, a.end)) is not None:
            # "a 14-year-old boy": an age, of the noun after "-old"
            toks = tokens_after(text, old.end(), 2)
            # (or a people, a name with no noun after it: "The 21-year-old Spaniard")
            return (
                old.end()
                if toks
                and (
                    self._plain_noun(toks[0][0])
                    or (
                        toks[0][0].istitle()
                        and (
                            len(toks) < 2
                            or not toks[1][0].islower()
                            or toks[1][0] in self.counted_stop
                            or toks[1][0].endswith("ed")
                        )
                    )
                )
                else None
            )
        if _OF_RE.match(text, a.end) is not None:
            if _WITHIN_BEFORE_RE.search(text, max(0, a.start - 12), a.start):
                return None
            if kind in self.counted_of_plain_kinds:  # "200 hours of community service"
                toks = tokens_after(text, a.end, 3)
                return (
                    a.end
                    if len(toks) > 1
                    and (
                        self._plain_noun(toks[1][0])
                        # "12 weeks of paid family leave"
                        or (len(toks) > 2 and self._participle_before_noun(toks[1][0], toks[2][0]))
                    )
                    else None
                )
            return a.end
        if (
            kind in (Kind.MEASUREMENT, Kind.DURATION)
            and text[a.num_end : a.num_end + 1] in ("-", "‐")
            and (nxt := tokens_after(text, a.end, 1))
            and nxt[0][1] == a.end + 1
            and (word := nxt[0][0].removesuffix(".")).isalpha()
            and word.islower()
            and self._plural(word)
            and word not in self.counted_stop
        ):
            return a.end  # a size joined to the plural it qualifies: "12-inch wafers"
        if kind is Kind.PERCENTAGE and (toks := tokens_after(text, a.end, 2)):
            # "45% more rain than normal", "10% to 20% more rainfall": the noun after a
            # comparative of amount
            if (
                len(toks) == 2
                and toks[0][0].lower() in _MORE_WORDS
                and toks[1][0] != "than"
                and self._plain_noun(toks[1][0].rstrip(".,"))
                # (not an adjective after a copula: "Storms are now 15% more intense"; but "is
                # 25% more miles per gallon")
                and not (
                    self._after_copula(text, a.start) and not self._plural(toks[1][0].rstrip(".,").lower())
                )
            ):
                return toks[1][1]
            # "has imposed 25% tariffs on", "offered 50% discounts": a plural right after it
            if (
                toks[0][1] == a.end + 1
                and text[a.end : a.end + 1] == " "
                and (word := toks[0][0].rstrip(".,")).islower()
                and self._plain_noun(word)
                and self._plural(word)
                and word not in self.counted_in_not
                # a noun, not a verb: a preposition or a mark follows it ("25% tariffs on some
                # goods"; not "25% and more exists a gel phase", "a 50% displays both")
                and (
                    (after := tokens_after(text, toks[0][1] + len(toks[0][0]), 1)) == []
                    or not after[0][0][:1].isalnum()
                    or after[0][0].lower() in _NOUN_FOLLOWERS
                )
            ):
                return a.end
        if (
            (
                self._determined(text, a.start)
                # "a 10-year, $700 million contract": after a determiner and an adjective in hyphens
                or _HYPHENED_BEFORE_RE.search(text, max(0, a.start - 40), a.start) is not None
                # "a powerful 7.5-magnitude earthquake": after a determiner and an adjective
                or (
                    (adj := _ADJECTIVE_BEFORE_RE.search(text, max(0, a.start - 24), a.start)) is not None
                    and adj[1] not in self.counted_stop
                    and not adj[1].endswith("ly")
                )
            )
            and not (text[a.end - 1] == "s" and text[a.end - 3 : a.end - 1].isalpha())
        ):
            # "a £3.5bn profit", "a 10-minute walk", "the 5.3% expansion": the noun it qualifies
            # (not after a plural, which a verb follows: "the twelve months constitute")
            toks = tokens_after(text, a.end, 2)
            if (
                toks
                and toks[0][1] > a.end
                # (not an adverb: "spent a record $10.8 billion online")
                and toks[0][0].lower().rstrip(".") not in self.subject_aux
                and (
                    self._plain_noun(toks[0][0], after_in=False)
                    or toks[0][0].removesuffix(".") in self.counted_qualified
                    # a name before the noun ("a 58-metre Bailey bridge", "the $28.75 billion
                    # North Field East project"), a participle before it ("its $20 billion
                    # liquefied natural gas project")
                    or self._named_noun_follows(text, a.end)
                    # a name after a measure in hyphens: "the 828-metre Burj Khalifa", "the
                    # 66-foot Alive"
                    or (
                        kind is Kind.MEASUREMENT
                        and text[a.num_end : a.num_end + 1] in ("-", "‐")
                        and toks[0][0].istitle()
                        and toks[0][0].isalpha()
                        and toks[0][0] not in self.calendar_words
                    )
                    # "a 12-year high": a peak after a span of time
                    or (kind is Kind.DURATION and toks[0][0].removesuffix(".") in self.peak_nouns)
                )
                # "a 47% lower risk", not "about 50°C higher than"
                and not (
                    toks[0][0].lower() in self.counted_comparatives
                    and (len(toks) < 2 or toks[1][0].lower() == "than" or not toks[1][0].isalpha())
                )
            ):
                return a.end
            # else "an additional $2 billion in aid": as after no determiner
        if kind not in self.counted_in_kinds:
            return None
        end = a.end
        if a.unit is not None and (rate := self.units.per_time(a.unit, text, end)) is not None:
            end = rate[1]  # "$4.5 billion a year in revenue"
        if (
            first_token(text, end) == "on"
            and self.counted_invest_verbs
            and any(t.lower() in self.counted_invest_verbs for t, _ in tokens_before(text, a.start, 3))
        ):
            # what money is spent on: "spent $4 billion on subsidies", "will spend 1.2 trillion
            # yen on the new fighters" (lexicon invest_verbs)
            after = tokens_after(text, end, 3)[1:]
            if after and after[0][0].lower() in ("a", "an", "the", "its", "their"):
                after = after[1:]
            return after[0][1] if after and self._plain_noun(after[0][0]) else None
        if first_token(text, end) == "for":
            # what money pays for: "about 100,000 rupiah for a conventional train", "750 million
            # euros for battery storage"; not after a noun "of" it or a verb whose subject or
            # object it measures ("rewards of up to $15 million for information", "Kiptum earned
            # $100,000 for victory", "cut to $44,990 for the base version"), nor before a reason,
            # a span of time, a rank or a unit ("for helping", "for the year", "for the first
            # time", "for a kilogram")
            before = last_token(text, a.start)
            if before is None or before in _NOT_BEFORE_FOR or before in self._subject_words:
                return None
            after = tokens_after(text, end, 4)[1:]
            if after and after[0][0].lower() in ("a", "an", "the", "its", "their", "each"):
                after = after[1:]
            if not after:
                return None
            first = after[0][0]
            if len(after) > 1 and first.endswith("ed") and first.islower() and self._plain_noun(after[1][0]):
                return after[0][1]  # a participle before the noun: "for each culled chicken"
            if (
                not self._plain_noun(first)
                or first.endswith("ing")
                or first in self.counted_in_not
                or first in _RANK_WORDS
                or self._time_word(first)
                or self._unit_word(first)
            ):
                return None
            return after[0][1]
        if not self.counted_in_words.may_start(first_token(text, end)):
            return None
        toks = tokens_after(text, end, 4)
        hit = self.counted_in_words.match_start(toks)
        if hit is None:
            return None
        after = [(t, at) for t, at in toks if at >= hit[1]]
        if any(t.rstrip(".,").lower() in self.counted_in_not for t, _ in after[1:2]):
            return None  # "in premarket trading", "in early Asian trade": a session, not what it buys
        first = after[0][0] if after else ""
        if (
            first.islower()
            and (first.endswith("ed") or first in self.irregular_participles)
            and self._named_noun_follows(text, after[0][1])
        ):
            return after[0][1]  # a participle before the noun: "$350 million in lost revenue"
        if (
            first in ("a", "an")
            and len(after) > 1
            and self.counted_invest_verbs
            and any(t.lower() in self.counted_invest_verbs for t, _ in tokens_before(text, a.start, 3))
        ):
            # what money is put into: "invest 360 trillion won in a chip cluster", "raised $24.3
            # billion in a share sale" (lexicon invest_verbs; not "worth $1.2 billion in a raid")
            return after[1][1] if self._plain_noun(after[1][0]) else None
        if (
            first in self.counted_in_not
            and first.endswith("al")
            and len(after) > 1
            and self._plain_noun(after[1][0])
            and not self._period_word(after[1][0].rstrip("."))
        ):
            return after[0][
                1
            ]  # an adjective before a noun: "$99 billion in financial debt" (not "in fiscal 2024")
        return after[0][1] if self._plain_noun(first) else None

    def _named_noun_follows(self, text: str, end: int) -> bool:
        """Whether a noun phrase follows ``end`` whose first words are a name (capitals, a
        number of the name) or a participle in -ed, and whose last is a lowercase noun: "Bailey
        bridge", "North Field East project", "Long March 10 rocket", "liquefied natural gas
        project", "syndicated loan"."""
        toks = tokens_after(text, end, 6)
        k = 0
        if (
            toks
            and toks[0][0].islower()
            and (toks[0][0].endswith("ed") or toks[0][0] in self.irregular_participles)
            and toks[0][0].isalpha()
        ):
            k = 1  # a participle
        else:
            while k < len(toks) and (
                (
                    (toks[k][0].istitle() or (toks[k][0].isupper() and 2 <= len(toks[k][0]) <= 5))  # "IMF"
                    and toks[k][0].isalpha()
                    and toks[k][0].lower() not in self.counted_stop
                )
                or _INITIALS_RE.fullmatch(toks[k][0]) is not None  # "the $4.2 billion U.N. appeal"
                or (k > 0 and toks[k][0].isdigit() and len(toks[k][0]) <= 3)
            ):
                k += 1
            if k == 0 or k > 4:
                return False
            if k > 1 and toks[k - 1][0].lower() in _FACILITY_NOUNS:
                return True  # a name that ends in its noun: "the 47-mile Panama Canal Railway"
        while k < len(toks) and (word := toks[k][0].removesuffix(".")).islower() and word.isalpha():
            if word in self.counted_stop:
                return False
            if (
                self._plain_noun(word, after_in=False)
                # (an adjective's ending, unless the phrase ends there: "the U.N. appeal for")
                and (
                    not word.endswith(_NOT_NOUN_ENDINGS)
                    # (nouns in -al: "appeal", "proposal", "rental")
                    or (word.endswith("al") and k + 1 == len(toks))
                    or (word.endswith("al") and not toks[k + 1][0][:1].isalpha())
                    or (word.endswith("al") and toks[k + 1][0].lower() in self.counted_stop)
                )
                and len(word) > 1
            ):
                return True  # (a word, not a symbol: "2–3‰ VPDB δ")
            k += 1
        return False

    def _changed_noun(self, text: str, end: int) -> str:
        """The lowercase words after "in" at ``end`` that name what a change changed, up to a word
        of stop or a verb ("in third-quarter operating profit to", "in prices was"); else ""."""
        m = _CHANGE_IN_RE.match(text, end)
        if m is None:
            return ""
        words: list[str] = []
        for w in m[1].split():
            if w in self.counted_stop or w.endswith("ed"):
                break
            words.append(w)
        return " ".join(words)

    def _with_of_phrase(self, text: str, noun: str, end: int) -> tuple[str, int]:
        """A counted noun and the "of" phrase after it that names what it is made of: a plain
        word after "of", and a noun after it ("rounds of ammunition", "series of renminbi
        banknotes", "cases of dengue fever"); not after "of the", whose words qualify a noun
        further on ("two ends of the tube"); as it was when none."""
        toks = _join_hyphens(tokens_after(text, end, 6))  # "cases of heat-related illness"
        words: list[str] = []
        last = end
        for tok, at in toks[1:3]:
            word = tok.removesuffix(".")
            if (
                not (
                    self._plain_noun(word)
                    # a word in hyphens before the noun: "cases of heat-related illness"
                    or (
                        not words
                        and word == tok
                        and "-" in word
                        and word.replace("-", "").isalpha()
                        and word.islower()
                    )
                )
                or (word.endswith(self.counted_suffixes) and "-" not in word)
                # a second word as a noun ("cases of dengue fever"), not an adverb nor a
                # comparative ("orders of magnitude greater")
                or (
                    words
                    and (
                        word in self.counted_comparatives or (word.endswith("ly") and not self._plural(word))
                    )
                )
            ):
                break
            words.append(word)
            last = at + len(word)
            if word != tok:
                break  # the end of the sentence
        if not words:
            return noun, end
        if (
            text[last : last + 1] != "."
            and (rest := tokens_after(text, last, 3))
            and rest[0][0] in ("and", "or")
        ):
            if self._pair_noun_ends(rest[1:]):  # "208 bottles of wine and liquor belonging to"
                last = rest[1][1] + len(rest[1][0].removesuffix("."))
        return f"{noun} {text[end:last].strip()}", last

    def _forecast_named_after(self, text: str, end: int) -> bool:
        """Whether a forecast of the amount before follows ``end``: a verb of forecast_verbs
        ("the 32.6 billion expected by analysts", "the 32.6 billion forecast"), or one of
        forecasters and such a verb ("the 32.6 billion analysts expected")."""
        toks = tokens_after(text, end, 3)
        if toks and toks[0][0].lower() in self.counted_forecasters:
            toks = toks[1:]
            if toks and toks[0][0].lower() in ("had", "have"):
                toks = toks[1:]  # "the $10.5 billion analysts had expected"
        return bool(toks) and toks[0][0].lower().rstrip(".") in self.counted_forecast_verbs

    def _forecast_after(self, text: str, end: int) -> bool:
        """Whether a verb of forecast_verbs follows ``end`` (after "had" or "have"), with no
        object after it: "the 240,000 economists had expected." names what they expected, not
        them; "500 analysts expected a rise" counts them."""
        toks = tokens_after(text, end, 3)
        if toks and toks[0][0].lower() in ("had", "have"):
            toks = toks[1:]
        if not toks or toks[0][0].lower().rstrip(".") not in self.counted_forecast_verbs:
            return False
        if toks[0][0].endswith(".") or len(toks) == 1:
            return True
        nxt = toks[1][0].lower()
        if nxt == "by":
            # "the 180,000 economists polled by Reuters had forecast" names their forecast; "45
            # economists polled by Reuters" counts them: the verb after the one who polled them
            agent = tokens_after(text, toks[1][1] + 2, 4)
            k = 0
            while k < len(agent) and agent[k][0][:1].isupper():
                k += 1
            return 0 < k < len(agent) and self._forecast_after(text, agent[k][1])
        return not nxt[0].isalnum() or nxt in _NO_OBJECT_WORDS

    def _no_direction(self, noun: str) -> str:
        """``noun`` without the words of a direction or a place relative to the amount (lexicon
        directions): "" for "south" ("about 40 km south of the capital"), "route" for "route
        downtown"; a name keeps them ("North Field East project")."""
        words = noun.split()
        if words and words[0] in self.counted_directions:
            return ""
        while len(words) > 1 and words[-1] in self.counted_directions:
            words.pop()
        return " ".join(words)

    def _determined(self, text: str, start: int) -> bool:
        """Whether a determiner or an owner stands right before ``start``, or opens the cue the
        amount there starts with ("a further A$90 million penalty": lexicon span_outside)."""
        return _after_determiner(text, start) or (
            text.startswith(("a ", "an "), start)
            and self.span_outside is not None
            and self.span_outside.match(text, start) is not None
        )

    def _participle_before_noun(self, word: str, nxt: str) -> bool:
        """Whether a participle qualifies the plain noun after it, after "of": "of frozen fish",
        "of paid family leave", "of processed food" (not "of those surveyed said")."""
        return (
            (
                word in self.counted_participles
                or word in self.irregular_participles
                or (word.endswith("ed") and len(word) > 4)
            )
            and self._plain_noun(nxt)
            and not nxt.lower().endswith(self.counted_suffixes)
        )

    def _plain_noun(self, word: str, after_in: bool = True) -> bool:
        """Whether a word may begin what an amount measures: lowercase, and no stop word, number
        word or word of in_not ("in 2023", "in the quarter", "in two years", "in order to", "in
        New York", "of age"; ``after_in`` False: a word right after the amount, where "a $4.5
        billion charge", "a 5% return" are nouns); a full stop after it ends the sentence ("$2
        billion in aid.")."""
        word = word.removesuffix(".")
        return (
            word.isalpha()
            and word.islower()
            and word not in self.counted_stop
            and (not after_in or word not in self.counted_in_not)
            and word not in self.number_words
        )

    def _quantity(self, text: str, a: Atom, noun_at: int | None = None) -> Quantity:
        """The quantity of an atom, with what it counts or measures (read from ``noun_at`` on,
        as if the amount ended there, when given: after its restatement in parentheses)."""
        unit = a.unit or COUNT_UNIT
        kind = unit.kind
        mod = a.modifier
        q = Quantity(
            text=text[a.start : a.end],
            start=a.start,
            end=a.end,
            kind=kind,
            modifier=mod,
            unit=unit,
            approximate=a.approximate or mod in APPROXIMATE_MODIFIERS,
            rules=(*a.rules, *a.bound_rules),
        )
        counted = None
        measured = None  # where the words that name what is measured start, when not right after
        na = a if noun_at is None else replace(a, end=noun_at, after_toks=None, before_toks=None)
        # "20 below zero overnight": a reading counts nothing; nor does "surged 30-fold"
        if not a.below_zero and not any(r in self.noun_free_rules for r in a.rules):
            if kind in self.counted_kinds:
                counted = self.counted
            elif kind in self.counted_of_kinds and (measured := self._measured_at(text, na)) is not None:
                counted = self.counted
        if counted is not None and noun_at is not None:
            q.quantified = self._counted(text, na, measured)[0]
        elif counted is not None:
            q.quantified, noun_end = self._counted(text, a, measured)
            if (
                not q.quantified
                and kind is Kind.COUNT
                and self.model_before_noun is not None
                and (model := self.model_before_noun.match(text, a.end))
            ):
                # "40 737 MAX jets", "65 777-9 aircraft": the model, then what is counted
                noun, noun_end = self._counted(text, a, model.end())
                if noun:
                    q.quantified = f"{model.group(1)} {noun}"
            if q.quantified and kind is Kind.COUNT and _OF_RE.match(text, noun_end):
                # "12,000 rounds of ammunition", "20 cases of measles"
                q.quantified, noun_end = self._with_of_phrase(text, q.quantified, noun_end)
            elif q.quantified in self.counted_change_nouns and (
                changed := self._changed_noun(text, noun_end)
            ):
                # "a 21% drop in third-quarter operating profit": what changed goes on the change
                q.quantified = f"{q.quantified} in {changed}"
            elif (
                kind is Kind.DURATION
                and q.quantified
                and measured is not None
                and _OF_RE.match(text, noun_end)
                and text[a.end : a.end + 1] in ("-", "‐", " ")
                and _after_determiner(text, a.start)
            ):
                # "a six-month state of emergency", "a 10-year term of office": the noun's "of"
                q.quantified, noun_end = self._with_of_phrase(text, q.quantified, noun_end)
            elif q.quantified.lower() in self.counted_forecasters and self._forecast_after(text, noun_end):
                q.quantified = ""  # "short of the 463,310 analysts expected": what they expected
            elif (
                q.quantified
                and kind is Kind.MEASUREMENT
                and measured is not None
                and (rate := self.units.per_time(unit, text, noun_end)) is not None
                # "1.2 million tonnes of wheat a year earlier": a relative date, no rate
                and not (self.relative_time_after and self.relative_time_after.match(text, rate[1]))
            ):
                q.unit = rate[0]  # "9 million barrels of oil a day": the rate after the noun
                q.rules = (*q.rules, self.rate_after_noun_rule)
            if not q.quantified and kind is Kind.COUNT and (label := _label_before(text, a.start)):
                head = label.rsplit(None, 1)[-1].lower()
                if self._plural(head) or head.endswith("ed") or head in self.counted_collectives:
                    # "Deaths: 1,245", "Injured: 3,400+", "Population: 8.8 million" in a fact
                    # box; not "Note: 12 of them"
                    q.quantified = label
            if (
                q.quantified
                and mod is Modifier.EXACT
                and not a.post_cue
                and self._cue_may_follow(first_token(text, noun_end))
            ):
                # a cue after the noun: "40 seats or more", "a dozen people or so"
                self._post_cue(text, a, tokens_after(text, noun_end))
                if a.post_cue:
                    mod = q.modifier = a.modifier
                    q.approximate = a.approximate or mod in APPROXIMATE_MODIFIERS
                    q.end = a.end
                    q.text = text[a.start : a.end]
                    q.rules = (*a.rules, *a.bound_rules)
        v = a.value
        if mod is Modifier.VAGUE and a.vague is not None:
            q.low, q.high, q.low_inclusive = a.vague[0], a.vague[1], True
        elif mod is Modifier.RANGE:
            q.low, q.high, q.low_inclusive, q.high_inclusive = (
                a.low,
                a.high,
                a.low_inclusive,
                a.high_inclusive,
            )
        elif mod is Modifier.TOLERANCE:
            q.value, q.low, q.high, q.low_inclusive, q.high_inclusive = a.value, a.low, a.high, True, True
        else:
            _one_value_bounds(q, mod, v)
        if q.quantified and kind is Kind.MEASUREMENT and self.counted_directions:
            q.quantified = self._no_direction(q.quantified)  # "about 40 km south of the capital"
        if counted is not None and q.quantified:
            q.rules = (*q.rules, counted.name)
        return q


@dataclass(slots=True)
class _ScanState:
    """What one scan of one text carries from number to number."""

    consumed: int = 0  # the end of what the current number took, its scale word included
    taken: int = 0  # the end of the last number kept, its unit included
    chain: list[tuple[Rule, int]] = field(
        default_factory=list
    )  # the last exclusion, which a list may continue


class _Exclusion:
    """One exclusion rule's conditions, unpacked once for the per-number loop."""

    __slots__ = (
        "bare",
        "integer",
        "keeps_amounts",
        "max",
        "min",
        "name",
        "next",
        "next_regex",
        "next_starts",
        "prev",
        "prev_ends",
        "prev_regex",
        "prev_reversed",
        "rule",
        "shape",
    )

    def __init__(self, rule: Rule) -> None:
        f, c = rule.fields, rule.compiled
        self.rule = rule
        self.name = rule.name
        self.bare = bool(f.get("bare"))
        self.keeps_amounts = bool(f.get("keeps_amounts"))
        self.integer = bool(f.get("integer"))
        self.min = f.get("min")
        self.max = f.get("max")
        self.shape = c.get("shape")
        self.prev = "prev" in c
        self.next = "next" in c
        self.prev_regex = c.get("prev_regex")
        self.next_regex = c.get("next_regex")
        self.next_starts: dict[str, bool] = {}
        self.prev_ends: dict[str, bool] = {}
        # prev_regex read backwards: "can it end with this character" is a partial match
        self.prev_reversed = (
            None
            if self.prev_regex is None
            else regex.compile(self.prev_regex.pattern, self.prev_regex.flags | regex.REVERSE)
        )

    def prev_can_end(self, ch: str) -> bool:
        """Whether prev_regex can match text that ends with ``ch`` ("" at the start of the text;
        a line break always, since $ also matches before a final one: _excluded then checks
        that the match ends at the number)."""
        return ch == "\n" or _can_start(self.prev_reversed, self.prev_ends, ch)

    def next_can_start(self, ch: str) -> bool:
        """Whether next_regex can match text that starts with ``ch`` ("" at the end of the text):
        most exclusions are settled by the character after the number."""
        return _can_start(self.next_regex, self.next_starts, ch)


_SHARE_PARSES: Final = frozenset({"ratio", "proportion"})  # shares and ratios take no unit
_SCALED_PARSES: Final = frozenset({"digits", "scientific", "vulgar", "fraction"})  # "2½ million"
_FRACTION_PARSES: Final = frozenset({"vulgar", "fraction"})
# kinds whose amount measures the subject of a verb of change ("Revenue rose to $4.2 billion")
# the words before a verb: a modal, "to", a pronoun, a relative ("must pay fines", "to share")
_VERB_CONTEXT: Final = frozenset(
    {
        "to",
        "must",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "shall",
        "who",
        "that",
        "which",
        "they",
        "we",
        "you",
        "i",
        "he",
        "she",
        "it",
        "did",
        "do",
        "does",
        "not",
        "never",
        "brought",
        "bring",
        "brings",
        "drove",
        "drive",
        "took",
        "take",
        "takes",
        "came",
        "went",
        "sent",
    }
)
_SUBJECT_MEASURE_KINDS: Final = frozenset({Kind.MONEY, Kind.PERCENTAGE})
# endings of the name of a people: "Chinese", "Filipinos", "Iraqis", "Nigerians"
_PEOPLE_ENDINGS: Final = ("ese", "ans", "ians", "ish", "inos", "inas", "is", "ers", "ites")
# after a comma, these go on with the same change ("rose 87 cents, or 1.1%, to $82.43")
_PRICE_VERB_GAPS: Final = frozenset({(), ("for",), ("to",), ("in", "at"), ("at",)})
_PARTICLES: Final = frozenset({"up", "down"})  # "edged up", "ticked down"
_SEEING: Final = frozenset({"see", "sees", "saw", "seeing"})  # "Analysts see GDP shrinking by 1.2%"
# endings of a word that qualifies a noun rather than names one
_NOT_NOUN_ENDINGS: Final = ("ed", "ing", "able", "ible", "al", "ic", "ous", "ful", "ive", "less", "ly")
_DETERMINER_ADJECTIVES: Final = frozenset(
    {"new", "previous", "former", "planned", "proposed", "further", "separate"}
    # a hedge after the determiner: "the roughly $1.5 billion syndicated loan"
    | {"roughly", "about", "around", "nearly", "almost", "approximately", "estimated", "additional"}
)
_ORDER_OF_RE = regex.compile(r"(?i:order)[ \t]+(?:of[ \t]+)?$")  # "an order of magnitude 10"
_HYPHEN_WORD_BEFORE_RE = regex.compile(r"(?r)(?<![\w-])[A-Za-z]+[-‐]$")  # "half-" before "life"
_PEAK_OF_RE = regex.compile(
    r"(?r)\b(?:at|to|hit|hits|hitting|reached|reaches|reaching|touched|touches|touching)[ \t]+"
    r"(?P<det>(?i:a|an|the)[ \t]+(?:[\w-]+[ \t]+)?(?:high|low|peak)[ \t]+(?:of[ \t]+)?)$"
)
_HYPHEN_AMOUNT_RE: Final = regex.compile(r"\d[\d.,]*[-‐][a-z]+")  # "50-kg", "20-litre"
# "of" and a determiner or an owner between a share and the amount it is of
_SHARE_OF_AMOUNT_RE: Final = regex.compile(
    r"[ \t]+of[ \t]+(?:(?:the|its|their|his|her|our|a|an)[ \t]+(?:(?:next|last|first|remaining|other)[ \t]+)?"
    r"|\w+['’]s?[ \t]+)?"
)
# "to 67 from 65", "to $500 billion by 2030 from about $191 billion"
# (past the base of a share: "to 4.4% of GDP from 4.8%")
# (past the rate's unit of time: "to about 45,000 tonnes a year in 2023 from 69,000 tonnes")
_CHANGE_ENDS_GAP_RE: Final = regex.compile(
    r"(?:[ \t]+of[ \t]+(?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+)?"
    r"(?P<rate>[ \t]+(?:a|an|per)[ \t]+(?:year|month|week|day|quarter))?"
    r"(?:[ \t]+(?:by|in)[ \t]+\d{4})?,?[ \t]+(?P<link>to|from)[ \t]+"
)
# a model's name in the plural, capitals and digits: "A350-1000s", "F-35s", "Su-57s"
_MODEL_PLURAL_RE = regex.compile(r"\p{Lu}[\p{L}-]*\d[\p{L}\d-]*s\b")
# "an average of" after a verb or "by", before the amount: "Wages rose by an average of 3.2%"
_AVERAGE_OF_RE = regex.compile(r"(?r)\b\p{Ll}+[ \t]+(?P<det>an?[ \t]+(?:average|median|mean)[ \t]+of[ \t]+)$")
# what opens an amount that continues the measure before it: "and", "and another", "and Britain",
# ", after", ", rising to"
_CONTINUED_BEFORE_RE = regex.compile(
    r"(?r)(?:\band(?:[ \t]+(?:another|a[ \t]+further|an[ \t]+additional"
    r"|\p{Lu}[\w.]*(?:[ \t]+\p{Lu}[\w.]*)?"
    # "and wind turbines another 12%": a noun of its own before "another"
    r"|\p{Ll}+(?:[ \t]+\p{Ll}+)?[ \t]+another))?"
    r"|,[ \t]+after|,[ \t]+against|,[ \t]+compared[ \t]+(?:with|to)"
    # "an operating loss of 300 million yuan, narrower than 500 million yuan"
    r"|,[ \t]+(?:narrower|wider|smaller|larger|bigger|deeper)[ \t]+than"
    r"|,[ \t]+(?:rising|falling|climbing|increasing|dropping|growing)[ \t]+to"
    # "fell 8 bps to 6.21% before rising to close at 6.29%"
    r"|\bbefore[ \t]+(?:rising|falling|climbing|dropping|easing|slipping|sliding|jumping|rebounding"
    r"|recovering|paring|trimming)(?:[ \t]+(?:to|by))?(?:[ \t]+(?:close|settle|end)[ \t]+at)?"
    # "before closing down 5.2% at", "before paring gains to trade up 2.8% at"
    r"|\bbefore[ \t]+(?:paring[ \t]+(?:gains|losses)[ \t]+to[ \t]+)?"
    r"(?:closing|ending|settling|finishing|trad(?:e|ing))"
    r"(?:[ \t]+(?:down|up|higher|lower|flat|unchanged))?(?:[ \t]+at)?)[ \t]+$"
)
# a name in a list before a bare count: ", the New Democrats seven", "and the Greens one",
# "followed by Spain with 6,743", "and Germany with 6,282"
_COUNT_CONTINUED_BEFORE_RE = regex.compile(
    r"(?r)(?:(?:,|\band|\bfollowed[ \t]+by)[ \t]+(?:the[ \t]+)?\p{Lu}[\w.'’-]*(?:[ \t]+\p{Lu}[\w.'’-]*){0,3}"
    # "and Alberta for 1,925": a gapped verb of a share
    r"(?:[ \t]+(?:with|for))?|,[ \t]+(?:down|up)[ \t]+from|,?[ \t]+against|,[ \t]+after"
    r"|,[ \t]+(?:rising|falling)[ \t]+to)"
    r"(?:[ \t]+(?:a[ \t]+record|as[ \t]+many[ \t]+as|about|around|some|nearly|more[ \t]+than))?[ \t]+$"
)
_PART_OF_GAP_RE = regex.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
_PART_OF_AFTER_RE = regex.compile(r"[ \t]+of[ \t]+")
_COUNT_CONTINUED_AFTER: Final = frozenset(
    {"and", "or", "in", "each", "apiece", "respectively", "by", "this", "last", "next", "on", "at"}
)
_RESTATED_COMMA_RE = regex.compile(r",[ \t]+(?:(?:worth|or|equivalent[ \t]+to)[ \t]+)?")
_AND_ONLY_RE = regex.compile(r",?[ \t]+and[ \t]+")
_RESTATED_AFTER_RE = regex.compile(r"[ \t]+\([ \t]*[-−]?\d[\d,.]*[ \t]*\p{L}{1,3}[ \t]*\)")
_SCALED_MONEY_WORD_RE = regex.compile(
    r"\d[ \t]*(?i:million|billion|trillion|bn|mn)[ \t]+(?P<word>(?i:pounds?))\b"
)
_PARTNER_BEFORE_RE = regex.compile(r"\b(?:to|from|with|into|against|towards?)[ \t]+$")
_RESTATED_GAP_RE = regex.compile(r"(?:[ \t]*\([^()\n]{1,12}\))?")  # "terawatt hours (TWh) a day"
# after "pounds": a price per unit of goods ("9,890 pounds a ton"), or a force ("pounds of thrust")
_PRICE_PER_GOODS_RE = regex.compile(
    r"[ \t]+(?:a|an|per)[ \t]+(?:metric[ \t]+)?(?:ton|tonne|ounce|barrel|bushel|kilo|kilogram|kg|litre"
    r"|liter|gallon|share|night|head|loaf|unit|ticket)\b"
)
_OF_FORCE_RE = regex.compile(r"[ \t]+of[ \t]+(?:thrust|force)\b")
# "... drop in third-quarter operating profit": one to four lowercase words after "in"
_CHANGE_TO_RE = regex.compile(r"[ \t]+[a-z]+[ \t]+in[ \t]+(?:[\w-]+[ \t]+){1,4}to[ \t]+")
_CHANGE_IN_RE = regex.compile(r"[ \t]+in[ \t]+((?:[a-z][a-z-]*[ \t]+){0,3}[a-z][a-z-]*)(?![\w-])")
# a clause a word opens with no comma before it, in a long sentence: "... when the river rose"
_BARE_CLAUSE_RE = regex.compile(
    r"(?r)(?<=[a-z][ \t]+)(?P<word>when|as|while|after|because|although|whereas)[ \t]+"
)
# "with sugar up 60% and flour up 45%": a noun and its direction before a change
# ("with supermarket prices of a 1-litre bottle down to around 5.50 euros")
_WITH_UP_RE = regex.compile(
    r"(?r)\b(?:with|and)[ \t]+"
    r"(?P<np>[A-Za-z][\w'’-]*[ \t]+(?:[A-Za-z0-9][\w'’-]*[ \t]+){0,5}?[A-Za-z][\w'’-]*|[A-Za-z][\w'’-]*)"
    r"[ \t]+(?:up|down|higher|lower)[ \t]+(?:(?:by|to)[ \t]+)?$"
)
# "with the average price at $405 a tonne", "With unemployment at 5%": a noun and its level
_WITH_AT_RE = regex.compile(
    r"(?r)\b(?i:with)[ \t]+(?P<np>(?:[A-Za-z][\w'’-]*[ \t]+){0,4}?[A-Za-z][\w'’-]*)[ \t]+at[ \t]+$"
)
# "with average temperatures 1.54 degrees Celsius above the baseline": a noun and its amount
# with no verb, a direction after the amount
_WITH_BARE_RE = regex.compile(
    r"(?r)\bwith[ \t]+(?P<np>(?:[A-Za-z][\w'’-]*[ \t]+){0,4}?[A-Za-z][\w'’-]*)[ \t]+$"
)
# "leaving prices 5.5% higher", "pushed prices up about 170%": the object of a verb that moves it
_MOVED_RE = regex.compile(
    r"(?r)\b(?:leaving|left|leaves|leave|pushing|pushed|pushes|push|sending|sent|sends|send|driving"
    r"|drove|drives|drive|lifting|lifted|lifts|lift|knocking|knocked|knocks|knock|bringing|brought"
    r"|brings|bring)[ \t]+"
    r"(?P<np>(?:[A-Za-z][\w'’-]*[ \t]+){0,2}?[A-Za-z][\w'’-]*)[ \t]+"
    r"(?P<dir>(?:(?:up|down|higher|lower)[ \t]+)?(?:to[ \t]+)?)$"
)
# "with land prices near the site jumping 33%": a noun and a verb of change in -ing after "with"
_WITH_ING_RE = regex.compile(
    r"(?r)\bwith[ \t]+(?P<np>(?:[A-Za-z0-9][\w'’-]*[ \t]+){0,5}?[A-Za-z][\w'’-]*)[ \t]+"
    r"(?P<verb>[a-z]+ing|estimated|put|valued|pegged|forecast|projected|seen|expected)"
    r"[ \t]+(?:(?:by|to|at)[ \t]+)?$"
)
_DIRECTION_AFTER_RE = regex.compile(r"[ \t]+(?:higher|lower|up|down|above|below)\b")
# a participle's aside opens with one of these after the participle: "United shares, listed in
# New York under the ticker MANU, fell 4.2%"
_APPOSITIVE_DETERMINERS: Final = frozenset({"the", "its", "their", "his", "her", "one"})
_CLAUSE_VERBS: Final = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "can", "could"}
)
_ASIDE_PREPOSITIONS: Final = frozenset({"in", "on", "at", "by", "for", "under", "with", "from", "to", "as"})
# adverbs set apart by commas between a subject and its verb: "Nigeria's inflation, meanwhile, rose"
_ASIDE_ADVERBS: Final = frozenset(
    {"meanwhile", "however", "though", "too", "also", "overall", "instead", "then"}
)
_CHANGE_GOES_ON: Final = frozenset({"to", "or", "from", "up", "down", "compared", "the", "a"})
_HYPHENED_BEFORE_RE = regex.compile(r"(?r)\b(?i:an?|the)[ \t]+[\w.$£€]+[-‐][^\W\d_]+,[ \t]+$")
_ADJECTIVE_BEFORE_RE = regex.compile(r"(?r)\b(?i:an?|the)[ \t]+([a-z]{3,})[ \t]+$")  # "a powerful"
_OBJECT_GOES_ON_RE = regex.compile(r"[ \t]+(?:to|from)[ \t]+")  # "by 25bp to 4.75%"
_COMMA_WORD_RE = regex.compile(r",[ \t]+([^\W\d_]+)")  # a comma and the word after it ("£7,000" has none)
_NOT_HERE = Atom(0, 0, 0, 0, 0.0, [])  # _atom's answer when its rule does not apply here after all
_NO_UNIT: Final = 1  # the bits of an exclusion's number form: no unit or currency,
_NO_SCALE: Final = 2  # no scale word ("3 million")
_UNPARSED: Final = float("nan")  # the parse memo's "not yet", told apart by identity
_NO_HITS: frozenset[str] = frozenset()  # no rule's context phrase is there
_POINT_MODIFIERS = frozenset({Modifier.EXACT, Modifier.APPROXIMATE})
_LOWER_BOUNDS = frozenset({Modifier.AT_LEAST, Modifier.MORE_THAN})
# the modifiers of one number that a restatement in parentheses shares
_ONE_VALUE_BOUNDS = frozenset(
    {
        Modifier.APPROXIMATE,
        Modifier.AT_LEAST,
        Modifier.MORE_THAN,
        Modifier.AT_MOST,
        Modifier.LESS_THAN,
        Modifier.NEARLY,
    }
)
_UPPER_BOUNDS = frozenset({Modifier.AT_MOST, Modifier.LESS_THAN, Modifier.NEARLY})
# words after a verb that say it has no object: "the 240,000 economists had expected in a poll"
_NO_OBJECT_WORDS: Final = frozenset(
    {"by", "in", "for", "on", "at", "to", "and", "but", "or", "according", "last", "this", "earlier"}
    | {"before", "after", "while", "when", "with", "from", "as", "of", "than"}
)
_NUMBER_NOUN_RE = regex.compile(r"\d{1,3}[-‐][a-z]{3,}")  # a noun that opens with a number: "3-pointers"
# after a verb of change, these open its object: "cut its rate", "weakened the peso"
_OBJECT_OWNERS: Final = frozenset({"the", "its", "their", "his", "her", "our", "my", "your"})
# a count after these names where the count before it stands, not what a later bare count counts
_SETTING_WORDS: Final = frozenset({"in", "across", "at", "from", "into", "within", "throughout"})
# an aircraft model between a count and its noun: "40 737 MAX jets", "65 777-9 aircraft"
_MODEL_AFTER_RE = regex.compile(
    r"[ \t]+(7[0-8]7(?:[-‐]\d{1,4}[A-Z]{0,3})?(?:[ \t]+(?:MAX|Max|ER|LR|XWB))?)[ \t]+(?=[a-z])"
)
_POINTS_OF_RE = regex.compile(r"[ \t]+(?:of|on|out|in[ \t]+the[ \t]+(?:standings|table))\b")
# before a noun of a set phrase: "in the wake of", "as a result of", "took advantage of"
_IDIOM_BEFORE: Final = frozenset({"in", "as", "on", "by", "for", "take", "takes", "took", "taking"})
# words dropped before the noun "of" an amount: "with yields of", "a previous forecast of"
_DROPPED_BEFORE: Final = frozenset(
    {"and", "or", "but", "with", "previous", "earlier", "latest", "last", "next"}
)
# verbs of object_verbs that state no change: "kept rates in a range from"
_NO_CHANGE_VERBS: Final = frozenset(
    {
        "kept",
        "keep",
        "keeps",
        "keeping",
        "held",
        "hold",
        "holds",
        "holding",
        "maintained",
        "maintain",
        "maintains",
        "left",
        "leave",
        "leaves",
        "leaving",
        "set",
        "sets",
        "setting",
        "pegged",
        "peg",
        "pegs",
        "valued",
        "value",
        "values",
        "valuing",
    }
)
_DIMENSION_AFTER_RE = regex.compile(r"[ \t]+(?:[^\W\d_]+[ \t]+)?(?:old|long|wide|tall|deep|high)\b")
_COUNT_ESTIMATE_VERBS: Final = frozenset({"put", "puts", "estimated", "estimates", "reckoned", "assessed"})
_PLACING_VERBS: Final = frozenset({"put", "puts", "putting", "placed", "places"})
_BOUND_MODIFIERS: Final = frozenset(
    {Modifier.AT_MOST, Modifier.AT_LEAST, Modifier.MORE_THAN, Modifier.LESS_THAN}
)
# words after which a noun phrase opens (with the determiners of the lexicon)
_NP_OPENERS: Final = frozenset(
    {"of", "for", "in", "on", "at", "with", "from", "by", "and", "or", "than", "as"}
)
_RELATIVE_WORDS: Final = frozenset({"which", "that", "who", "whose"})
# "came second with", "finished a distant third with", "into second place on"
_PLACED_RE = regex.compile(
    r"(?r)\b(?:(?:came|finished|placed|ended|come|finish)[ \t]+(?:a[ \t]+(?:close|distant)[ \t]+)?"
    r"(?:first|second|third|fourth|fifth|last)|(?:into|in)[ \t]+(?:first|second|third|fourth|fifth|last)"
    r"[ \t]+place|declared[ \t]+the[ \t]+winner(?:[ \t]+of[ \t]+[\w. ]{1,30}?)?"
    # "won Poland's presidential runoff with 50.89%"
    r"|(?:won|wins|clinched|secured)(?:[ \t]+[\w'’-]+){1,5}?)[ \t]+(?:with|on)[ \t]+$"
)
# a verb of price and whom it costs, saves or earns before an amount: "cost taxpayers", "will cost
# insurers", "would save the government", "earned the country"
_COST_WHOM_RE = regex.compile(
    r"(?r)\b(?:cost|costs|costing|save|saves|saved|saving|earned|earns|earn)[ \t]+"
    r"(?P<whom>(?:the[ \t]+|its[ \t]+|their[ \t]+)?(?:[A-Za-z][\w'’-]*[ \t]+){0,2}?[A-Za-z][\w'’-]*)[ \t]+"
    r"(?:(?:an[ \t]+estimated|about|around|roughly|some|nearly|almost|up[ \t]+to|as[ \t]+much[ \t]+as"
    r"|more[ \t]+than|between)[ \t]+)?$"
)
_MULTIPLE_ADJECTIVES: Final = frozenset(
    {"previous", "usual", "normal", "current", "original", "old", "national"}
)
# "accounted for about 65%": the share is the subject's
_ACCOUNTED_FOR_RE = regex.compile(
    r"(?r)\b(?:accounted|accounts|account|accounting)[ \t]+(?P<for>for)[ \t]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|just[ \t]+over|just[ \t]+under|more[ \t]+than"
    r"|less[ \t]+than|over|under)[ \t]+)?$"
)
_NOUN_FOLLOWERS: Final = frozenset(
    {"on", "in", "for", "to", "of", "from", "at", "across", "against", "with", "over", "by", "and", "or"}
)
_METRIC_TON_RE = regex.compile(r"\b(?i:metric)[ \t]+(?i:ton)\b|\b(?i:tonnes?)\b")
_OF_OWNER_GAP_RE = regex.compile(
    r"[ \t]+of[ \t]+(?:(?:the|its|their)[ \t]+)?(?:[\w-]+[ \t]+){0,2}[\w-]+[''’]s?[ \t]+"
)
_POINT_NOUNS: Final = frozenset({"points", "point", "basis points"})  # a change or a level of an index
# cents named as the US's: "68 US cents", "73 U.S. cents"
_US_CENTS_RE = regex.compile(r"\bU\.?S\.?[ \t]*(?:cents?|¢)$")
# after the noun of an amount compared, a phrase of time and a comma: "1,870 calls in 2025, "
_COMPARISON_GAP_RE = regex.compile(r"(?:[ \t]+(?:in|on|during|last|this)(?:[ \t]+[\w.]+){1,2})?,[ \t]+")
# a phrase of time that opens before its span: "in the first 10 months", "over the past 12 months"
_TIME_PHRASE_BEFORE_RE = regex.compile(
    r"\b(?:in|over|during|for)[ \t]+the(?:[ \t]+(?:first|past|last))?[ \t]+$"
)
_OR_RESTATED_RE = regex.compile(r"(?:[ \t]+[a-z]+){0,2},[ \t]+or[ \t]+")
# the end of a share's "of" phrase and ", or" before the amount that restates it
_RESTATES_SHARE_RE = regex.compile(r",[ \t]+or[ \t]+$")
_PLURAL_WITH_RE = regex.compile(r"(?r)\b(?P<noun>[a-z]+),[ \t]+with[ \t]+$")  # "infections, with 30,692"
_FOLLOWED_BY_AT_RE = regex.compile(
    r"(?r)\b(?:followed[ \t]+by|ahead[ \t]+of|won[ \t]+by|trailed[ \t]+by)[ \t]+"
    r"(?:(?:[\p{L}'’-]+[ \t]+){0,2}?"  # a title before the name: "Bucharest mayor Nicusor Dan"
    r"(?P<name>\p{Lu}[\w.&'’-]*(?:[ \t]+\p{Lu}[\w.&'’-]*){0,3})[ \t]+(?:at|with|on)"
    r"|(?P<name>[a-z]+)[ \t]+at)[ \t]+$"
)
# "buy Pringles maker Kellanova for", "sold its stake for about"
_PAID: Final = frozenset({"paid", "pay", "pays", "paying"})  # "paid $44 billion for Twitter"
_BOUGHT_FOR_RE = regex.compile(
    r"(?r)\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|sell|sells|sold|selling"
    r"|purchase|purchases|purchased|purchasing)[ \t]+"
    r"(?P<np>(?:[\w'’&.%-]+[ \t]+){0,9}?[\w'’&.-]+)[ \t]+for[ \t]+"
    r"(?:(?:about|around|roughly|some|nearly|up[ \t]+to|more[ \t]+than|an[ \t]+estimated)[ \t]+)?$"
)
# "to the fund's value": the phrase an amount is added to
_TO_NP_RE = regex.compile(
    r"[ \t]+(?P<prep>to|off)[ \t]+(?:the[ \t]+|its[ \t]+|their[ \t]+)?"
    r"(?P<np>(?:[\w'’-]+[ \t]+){0,3}?[\w-]+)\b"
    r"(?=[ \t]*[,.;]|[ \t]+(?:in|on|at|by|as|and|after|since|over|this|last)\b|[ \t]*$)"
)
# verbs that take money "off" something: "wiping about 8 billion euros off its market value"
_OFF_VERBS: Final = frozenset({"wiped", "wipes", "wipe", "wiping", "shaved", "shaves", "shave", "shaving"})
_ELIDED_CLAUSE_AFTER: Final = frozenset({"and", "as", "when", "while", "after", "before", "because"})
_FACILITY_NOUNS: Final = frozenset(
    {
        "railway",
        "railroad",
        "canal",
        "bridge",
        "pipeline",
        "dam",
        "highway",
        "tunnel",
        "road",
        "line",
        "motorway",
        "expressway",
        "corridor",
        "port",
        "airport",
        "reservoir",
        "lake",
        "river",
        "wall",
    }
)
_OF_THOSE_RE = regex.compile(
    r"[ \t]+of[ \t]+(?P<np>those[ \t]+(?:[a-z]+ed|[a-z]+ing|who[ \t]+[a-z]+|it[ \t]+[a-z]+s"
    r"|(?:infected|hurt|killed|surveyed|polled|asked|arrested|displaced|affected)))\b"
)
_PAST_TAKING: Final = frozenset({"took", "won", "got", "lost", "gave", "held", "kept", "saw", "made", "sold"})
_AS_MANY_RE = regex.compile(r"[ \t]+as[ \t]+many\b")
_OF_THEM_RE = regex.compile(r"[ \t]+of[ \t]+(?:them|those|whom|(?P<it>it))\b")
_YEAR_RE: Final = regex.compile(r"(?:19|20)\d\d")
# before an amount, words after which "for" names no purchase ("rewards of $15 million for",
# "cut by $2,000 to $44,990 for")
_NOT_BEFORE_FOR: Final = frozenset({"of", "to", "by", "at", "from", "sued", "fined"})
# ranks after "for the": "for the first time", "for the third ranked rider"
_RANK_WORDS: Final = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
    | {"last", "next", "past", "previous", "current", "whole", "entire", "same", "rest", "most"}
)
# a participle of measure right after a noun: "294 gold bars weighing a total of 1.2 tonnes"
_PARTICIPLE_AMOUNT_RE: Final = regex.compile(
    r"(?r)(?<=[a-z])[ \t]+"
    r"(?:weighing|measuring|totalling|totaling|lasting|gusting|costing|stretching|spanning)[ \t]+$"
)
_WORTH_GAP_RE: Final = regex.compile(r",?[ \t]+worth[ \t]+")
# an aside that an amount stands in, right after a noun: ", at about 10 percentage points,",
# ", priced from 253,500 yuan,"
_ASIDE_AMOUNT_RE: Final = regex.compile(
    r"(?r),[ \t]+(?:at|(?:priced|valued|estimated|put)(?:[ \t]+by[ \t]+[\w'’ \t]{1,40}?)?[ \t]+(?:at|from)"
    r"|worth|costing|now|currently)[ \t]+$"
)
# a change in an aside after a noun: "SoftBank Group, up 6%,"
_ASIDE_CHANGE_RE: Final = regex.compile(r"(?r),[ \t]+(?:up|down)[ \t]+$")
# an amount's comparison with what is usual: "rainfall about 22% above normal"
_NORMAL_AFTER_RE: Final = regex.compile(r"[ \t]+(?:above|below)[ \t]+(?:normal|average|the[ \t]+average)\b")
# times before "'s" that own nothing: "this year's toll"
_TIME_OWNERS: Final = frozenset({"year", "month", "week", "today", "yesterday", "season", "quarter", "day"})
# a comparison before a forecast: "below the $10.5 billion analysts had expected"
_FORECAST_COMPARED_RE: Final = regex.compile(
    r"(?r)\b(?:below|above|short[ \t]+of|ahead[ \t]+of|beating|missing|topping|than|against|versus"
    r"|compared[ \t]+(?:with|to)|exceeding|under|over)[ \t]+(?:the[ \t]+|an?[ \t]+)?"
    r"(?:(?:consensus|average|mean|median)[ \t]+)?$"
)
# a copula after an auxiliary ("had been", "would be"; not "to be")
_COPULAS_AFTER_AUX: Final = frozenset({"be", "been"})
_AUX_BEFORE_COPULA: Final = frozenset(
    {"has", "have", "had", "will", "would", "could", "may", "might", "should", "must", "can", "shall"}
)
_TO_LEVEL_RE: Final = regex.compile(r"[ \t]+(?:to|at|from)[ \t]+")
_TO_LEVEL_END_RE: Final = regex.compile(r"[ \t]+(?:to|from)[ \t]+$")
# what may follow the level a change ends at or starts from: the sentence's end, a phrase of time
_AFTER_LEVEL: Final = frozenset(
    {None, ".", ",", ";", "on", "in", "at", "by", "after", "from", "last", "this", "a", "compared"}
)
_OBJECT_PRONOUNS: Final = frozenset({"it", "them", "us", "him", "her", "me", "you"})
# a group fronted before a share of it: "Among children under five, " (a sentence's opening)
_AMONG_BEFORE_RE = regex.compile(r"(?r)(?:^|(?<=[.;!?][ \t]))Among[ \t]+(?P<np>[^,;.\d]{2,60}),[ \t]+$")
_GAPPED_BEFORE_RE = regex.compile(
    r"(?r)\band[ \t]+(?P<np>[^\W\d][\w'’.-]*(?:[ \t]+[^\W\d][\w'’.-]*){0,4})[ \t]+(?:at|for|by)[ \t]+$"
)
_QUALIFIER_AND_RE = regex.compile(r"[ \t]+(?P<adj>[a-z]+)[ \t]+(?:and|or)[ \t]+")  # "3,870 suspected and 751"
_UP_FROM_BEFORE_RE = regex.compile(r"(?r)\b(?:up|down)[ \t]+from[ \t]+$")
_TIME_OPENERS: Final = frozenset({"in", "during", "over", "since", "through", "throughout"})
_DISTRIBUTIVES: Final = frozenset({"each", "every"})  # one of many: "Each vial costs around $1,200"
_SUBJECT_PRONOUNS: Final = frozenset({"it", "he", "she", "they", "we", "i", "you", "who", "which", "that"})
_MORE_WORDS: Final = frozenset({"more", "less", "fewer"})
# prepositions of a phrase that completes the head of a subject ("yield on", "demand for")
_TAIL_PREPOSITIONS: Final = frozenset({"of", "for", "on", "in", "to", "from", "among", "per"})
_TAIL_TIME_WORDS: Final = frozenset(
    {"quarter", "half", "year", "month", "week", "day", "period", "past", "last", "first", "second", "third"}
)
TAIL_MAX_WORDS: Final = 6
_PERIOD_LABEL_RE: Final = regex.compile(r"[QH][1-4]|FY\d{2}(?:\d{2})?|(?:19|20)\d\d/\d\d")
_OF_IDIOMS: Final = frozenset({"late", "course", "note", "sorts", "interest", "concern"})  # "Sales of late"
_POINTS_RE = regex.compile(r"[ \t]+(points?|pts?\.?)(?![\w-])")  # "3 points"
_POINTS_TO_RE = regex.compile(r"[ \t]+(points?|pts?\.?)[ \t]+(?:to|from|at)[ \t]+")  # "8 points to 44%"
_AGE_OLD_RE = regex.compile(r"[-‐]old[ \t]+")  # "a 14-year-old boy"
_OF_RE = regex.compile(r"[ \t]+of[ \t]")
_SIZE_AFTER_RE = regex.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?")  # "(6.5 feet) deep"
_OF_END_RE = regex.compile(r"\bof[ \t]+$")
_FOLD_RE = regex.compile(r"[-‐ \t]*(?i:fold|times)$")
# a line of two set scores at least, apart by commas or spaces, with a tie-break after a set:
# "6-4, 3-6, 7-6 (4)", "6-4 3-6 7-6(5) 6-2"
_SET_RE = regex.compile(r"(\d)[-–](\d)")
_SET_SCORE = r"[0-7][-–][0-7](?:[ \t]*\(\d{1,2}\))?"
_SET_SCORES_RE = regex.compile(rf"(?<![\d.,-]){_SET_SCORE}(?:(?:,[ \t]*|[ \t]+){_SET_SCORE})+(?![\d-])")
# a change after an amount, set off by a comma: "revenue of $35.1 billion, up 94%"
_CHANGE_AFTER_RE = regex.compile(r"(?r),[ \t]+(?:up|down)(?:[ \t]+by)?[ \t]+$")
_COMPARISON_AFTER_RE = regex.compile(
    r"[ \t]+(?:higher|lower|more|less|fewer|above|below|bigger|smaller|larger|greater)[ \t]+(?:than|the)\b"
)
_SHARED_HEAD_RE = regex.compile(
    r"[ \t]+(?:and|or)[ \t]+(?:[a-z][a-z-]*[ \t]+){1,2}[a-z]+"
)  # " and decoy drones"
_SHARED_NAME_HEAD_RE = regex.compile(
    r"[ \t]+(?:and|or)[ \t]+\p{Lu}[\w-]*(?:[ \t]+[a-z][a-z-]*)?[ \t]+[a-z][a-z-]*s\b"
)  # " and Boeing jets", " and Boeing wide-body planes"
_EACH_TIME_RE = regex.compile(r"each[ \t]+(?:year|day|week|month|season|night|time)\b(?![ \t]+\d)")
_LEVEL_AT_RE = regex.compile(
    r"(?r)\b(?:held|holds|stood|stands|remained|remains|stayed|stays|steady|unchanged)[ \t]+at[ \t]+$"
)
_OTHER_PLACE_RE = regex.compile(
    r"[ \t]+(?:in|for|at|on|among)[ \t]+(?:the[ \t]+)?[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3},?"
    r"[ \t]+(?:and|while|but|versus|vs\.?)[ \t]+"
)
_LEVEL_AFTER_RE = regex.compile(r"(?:[ \t]+(?:higher|lower|up|down|firmer|weaker))?,?[ \t]+at[ \t]+")
_SHARE_AGAINST_RE = regex.compile(r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[a-z]+)?,?[ \t]+against[ \t]+")
# between a count's noun and the money paid for it: " from Spain's Talgo for "
_BOUGHT_FOR_GAP_RE = regex.compile(r"(?:[ \t]+(?:from|to|with)[ \t]+[\w'’. -]{1,40}?)?[ \t]+for[ \t]+")
_OWN_GROUP_AFTER_RE = regex.compile(r"[ \t]+(?:of|for|away|offshore|apart)\b")
_COMPARED_AFTER_RE = regex.compile(
    r"(?r)(?:,[ \t]+(?:(?:up|down)[ \t]+from|compared[ \t]+(?:with|to)|versus|vs\.?|against|from)"
    r"|[ \t]+(?:instead[ \t]+of|rather[ \t]+than))"
    r"(?:[ \t]+(?:a|an|the)(?:[ \t]+(?:revised|previous|prior|record|current|existing))?)?[ \t]+$"
)
# one of a currency and "=" before a number: "$1 = ", "1 euro = "
_RATE_FOOTER_RE = regex.compile(r"(?:(?P<sign>\S)1|\b1[ \t]+(?P<word>[^\W\d_]+))[ \t]*=[ \t]*$")
_RESTATED_RE = regex.compile(r"[ \t]*\([ \t]*")  # between an amount and its restatement
_TWO_DECIMALS_RE = regex.compile(r"\.\d\d+$")
_OF_A_RE = regex.compile(r"[ \t]+of[ \t]+(an?[ \t]+)?(?=[^\W\d_])")
_FRACTION_END_RE = regex.compile(r"(?i:half|quarters?|thirds?|fifths?|eighths?)$")
# what joins two amounts of one unit written with scale words, and what may follow the second
_UNIT_ELIDED_GAP_RE = regex.compile(
    r"(?i)\b(?:and|plus|to|from|while|but|versus|vs|against|compared[ \t]+with|out[ \t]+of)\b|,"
)
_UNIT_ELIDED_NEXT = frozenset(
    "in on at for by from to last this next a an each per earlier before ago previously and or the"
    " now currently today then".split()
)
_DIGIT_RUN_RE = regex.compile(r"[\d.,]*")
_PAREN_AFTER_WORD_RE = regex.compile(r"(?r)(?<![^\W\d_])([^\W\d_][^\s(]*)[ \t]*\([ \t]*$")
_UNREAD: Final = "\0"  # first_e's "not read": first_token gives a token, "" or None
_TO_GAP_RE = regex.compile(r"[ \t]+to[ \t]+")
# a list's items joined by a word or a comma, not a dash or a slash
_LIST_WORD_GAP_RE = regex.compile(r",|\b(?:and|or)\b")
# a label that opens a line (after a bullet), before its colon: "Deaths:", "- Key figures:"
_LABEL_RE = regex.compile(r"(?r)(?:^|\n)[ \t]*(?:[-•*–][ \t]+)?([A-Z][a-z]+(?:[ \t][a-z]+)?)[ \t]*:$")
# unit symbols that are also quotation marks, and the marks that open a quotation
_QUOTE_UNITS: Final = frozenset(('"', "”", "''", "'", "’"))
_QUOTE_MARKS: Final = _QUOTE_UNITS | {"“"}  # and the one that only opens
# a quotation the number ends: 'a "50" chance', 'the risk was "almost zero"' (not 5'11")
_QUOTED_BEFORE_RE = regex.compile(
    r"(?r)(?:(?<!\d)[\"“'‘][\d.,]*(?:[-–‐][\d.,]*)?|(?:^|(?<=[\s(\[]))[\"“][^\"“”\n\d]{1,40}[\d.,]*)$"
)
# no-break, en, em, thin, hair, narrow no-break, ideographic spaces (not the zero-width one)
_ODD_SPACES: Final = tuple(map(chr, (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)))
_ODD_SPACE_RE = regex.compile("[" + "".join(_ODD_SPACES) + "]")
_THOUSANDS_RE = regex.compile(r"([1-9]\d{0,2})((?:,\d{3})+)")
# the second amount of a comparison, which repeats the first one's unit
_COMPARED_GAP_RE = regex.compile(
    r"(?i)(?:\b(?:up|down)[ \t]+from"
    # "down from its previous close of 86.45"
    r"(?:[ \t]+(?:its|the|a)(?:[ \t]+(?:previous|prior|earlier))?"
    r"[ \t]+(?:close|level|reading|high|low|peak)[ \t]+of)?"
    r"|\bcompared[ \t]+(?:with|to)|\bversus|\bvs\.?|,[ \t]+against)[ \t]+$"  # ", against 570 before the war"
)
# "to 142 million tonnes a year by 2030, from 77 million": a year may date the first amount
_FROM_GAP_RE = regex.compile(r"(?:[ \t]+(?:by|in)[ \t]+\d{4})?,?[ \t]+from[ \t]+")
_WITHIN_BEFORE_RE = regex.compile(r"(?r)(?i)\bwithin[ \t]+$")
# ("in 2 days", "in the first nine months", "within the next three months", "over the past decade")
_TIME_ADJUNCT_RE = regex.compile(
    r"(?r)(?i)\b(?:in|within|over|during|for)[ \t]+"
    r"(?:the[ \t]+(?:(?:first|last|next|past|previous|coming|following)[ \t]+)?)?$"
)
_FROM_BEFORE_RE = regex.compile(
    r"(?r)\bfrom[ \t]+(?:(?:the|a|an|its|their|his|her)[ \t]+)?(?:[^\W\d_]+[ \t]+)?$"
)
_A_NOUN_BEFORE_RE = regex.compile(r"(?r)(?<![\w-])(?i:a|an|one)[ \t]+(?P<noun>[a-z]+)[ \t]+$")  # "a pill"
_DIGIT_CAPS_RE = regex.compile(r"\d[A-Z]{1,2}")  # "5G", "3D", "4K"
_ARTICLE_NOUN_OF_RE = regex.compile(
    r"(?r)(?:(?i:\b(?:a|an|the|its|their|his|her|our))|\p{Lu}[\w.-]*['’]s?)[ \t]+"
    r"(?P<mods>(?:[^\W\d_]+[ \t]+){0,2})(?P<noun>[^\W\d_]+)[ \t]+of[ \t]+$"
)
_NOUN_OF_RE = regex.compile(r"(?r)([^\W\d_]+)[ \t]+of[ \t]+$")
# two lowercase words before "of" after a determiner, a preposition, a comma or the start ("a
# net profit of", "at a depth of"), else the word right before it ("revenue of")
_MEASURE_OF2_RE = regex.compile(
    r"(?r)(?P<lead>\b(?i:a|an|the|its|their|his|her|our|this|that|with|at|for|in|on|by|to|of|and|said|says)"
    r"|^|[,;(])[ \t]+"
    r"(?P<words>(?:[a-z]+|[A-Z]{2,4})[ \t]+[a-z]+)[ \t]+of[ \t]+$"  # ("an estimated TV audience of")
)
_AFTER_TAX_OF_RE = regex.compile(
    r"(?r)\b(?i:a|an|the|its|their)[ \t]+"
    r"(?P<words>(?:[a-z]+[ \t]+){0,2}[a-z]+[ \t]+(?:after|before)[ \t]+tax(?:es)?)[ \t]+of[ \t]+$"
)
_MEASURE_OF3_RE = regex.compile(
    r"(?r)(?P<lead>\b(?i:a|an|the|its|their|his|her|our|this|that))[ \t]+"
    r"(?P<words>[a-z]+[ \t]+[a-z]+[ \t]+[a-z]+)[ \t]+of[ \t]+$"
)
# ...or a name of two to four capitalized words after "a" ("a Sustainable Development Fee of")
_NAMED_MEASURE_OF_RE = regex.compile(
    r"(?r)\b(?:a|an)[ \t]+(?P<words>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,3})[ \t]+of[ \t]+$"
)
_MEASURE_OF1_RE = regex.compile(r"(?r)\b(?P<words>[a-z]+)[ \t]+of[ \t]+$")
# ...or the one or two words that open a sentence ("Revenue of", "Net profit of"), or three
# ("Free cash flow of")
_MEASURE_OF_OPENING_RE = regex.compile(
    r"(?r)(?:^|[.!?][\"”’)]?[ \t]+|\n)(?P<words>[A-Z][a-z]+(?:[ \t]+[a-z]+)?)[ \t]+of[ \t]+$"
)
_MEASURE_OF_OPENING3_RE = regex.compile(
    r"(?r)(?:^|[.!?][\"”’)]?[ \t]+|\n)(?P<words>[A-Z][a-z]+[ \t]+[a-z]+[ \t]+[a-z]+)[ \t]+of[ \t]+$"
)
# a full stop and a capital or a digit ends a sentence, not after "U.S." before a lowercase word
# nor after an abbreviated month or title ("since Oct. 7, 2023, and 104,000 wounded", "Gen. Smith")
_FULL_STOP = (
    r"(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Nos|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov"
    r"|Lt|Col|Sgt|Capt|Prof|Fig|Figs|vs|approx))[.!?][\"”’)]?\s+(?=[A-Z0-9\"“‘(])"
)
_SENTENCE_END_RE = regex.compile(_FULL_STOP + r"|[;:]\s|\n")
# the end of a sentence, not of a clause after a semicolon
_FULL_STOP_RE = regex.compile(_FULL_STOP + r"|:\s|\n")
# what points back from a count that opens a sentence to the count before: "Another 40 were
# injured", "Of those, 10 were charged"; or after it: "Three of them", "30 more died"
_BACK_BEFORE_RE = regex.compile(r"(?:Another|Of[ \t]+(?:them|those|these),?)[ \t]+")
_BACK_AFTER_RE = regex.compile(r"[ \t]+(?:of[ \t]+(?:them|those|these|whom)|more)\b")
# a comma and one to three words right before a comma: an item of a list ("milk, sugar, and")
_LIST_ITEM_BEFORE_RE = regex.compile(r"(?r),[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}$")
_WORD_THEN_SPACE_RE = regex.compile(r"[ \t]+(\w+)(?=[ \t])")
# "were" or "are" and one to three lowercase words that end a clause: "270 were soldiers and"
_PREDICATE_RE = regex.compile(
    r"[ \t]+(?:were|are|will[ \t]+be|would[ \t]+be)[ \t]+((?:[a-z-]+[ \t]+){0,2}[a-z]+)"
    r"(?=[ \t]*(?:[,.;:)]|$|(?:and|or|according|in|from|who)\b))"
)
_SPACE_DIGIT_RE = regex.compile(r"[ \t]+\d")
_LIST_GAP_RE = regex.compile(r"\)?\s*(?:,|;|and|&|or|to|-|–|/|,\s*and)\s*\(?")


def _one_value_bounds(q: Quantity, mod: Modifier, v: float | None) -> None:
    """The value and the bounds of a quantity of one number under its modifier."""
    q.low = q.high = None
    q.low_inclusive = q.high_inclusive = False
    if mod is Modifier.EXACT:
        q.value = q.low = q.high = v
        q.low_inclusive = q.high_inclusive = True
    elif mod is Modifier.APPROXIMATE:
        q.value = v
    elif mod is Modifier.AT_LEAST:
        q.value, q.low, q.low_inclusive = v, v, True
    elif mod is Modifier.MORE_THAN:
        q.value, q.low = v, v
    elif mod is Modifier.AT_MOST:
        q.value, q.high, q.high_inclusive = v, v, True
    else:  # LESS_THAN, NEARLY
        q.value, q.high = v, v


def _scaled(value: float, scale: float) -> float:
    """``value`` times a scale word's ``scale``, to 15 significant digits: "8.2 million" is
    8,200,000, not the 8,199,999.999999999 of the binary product."""
    return float(f"{value * scale:.15g}")


def _gap_tokens(text: str, start: int, end: int, limit: int | None = None) -> list[tuple[str, int]]:
    """The tokens of ``text[start:end]`` with their offsets, for a whole-phrase lookup (the
    first ``limit`` of them, if given)."""
    found = TOKEN_RE.finditer(text, start, end)
    return [(t.group(), t.start()) for t in (found if limit is None else itertools.islice(found, limit))]


_POSSESSIVE: Final = ("'s", "\u2019s")
# words that never go on a noun phrase, even after a comparative ("a 50% lower than")
_FUNCTION_WORDS: Final = frozenset(
    ("than", "of", "to", "in", "and", "or", "for", "at", "on", "with", "by", "as", "the", "a", "an")
)


def _no_owner(gap: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The tokens of a gap without the owner that may end it: "of the company's" (in "three
    of the company's 12 directors") is read as "of the", "of Rakhine state's" as "of"."""
    if len(gap) > 1 and gap[-1][0].lower().endswith(_POSSESSIVE):
        k = len(gap) - 1
        while k > 1 and len(gap) - k < 3 and gap[k - 1][0].isalpha() and gap[k - 1][0][:1].isupper():
            k -= 1  # the words of a name before it
        return gap[:k]
    return gap


def _owner_before_number(toks: list[tuple[str, int]], i: int) -> int | None:
    """The index of the number after an owner of one to three words at ``i`` ("Iran's", "Rakhine
    state's", "the country's"), when a number follows it; else None."""
    for j in range(i, min(i + 3, len(toks) - 1)):
        if toks[j][0].endswith(_POSSESSIVE):
            nxt = toks[j + 1][0]
            if (
                (nxt[:1].isdigit() or nxt[:1] in "$€£¥₹")
                and all(t.replace("-", "").isalpha() for t, _ in toks[i:j])
                and (toks[i][0][:1].isupper() or toks[i][0].lower() in ("the", "its", "their"))
            ):
                return j + 1
            return None
    return None


def _may_lend_noun(giver: Quantity, taker: Quantity) -> bool:
    """Whether ``giver`` has a counted noun that the bare count ``taker`` may take."""
    return (
        bool(giver.quantified)
        and not taker.quantified
        and giver.kind is Kind.COUNT
        and taker.kind is Kind.COUNT
        and taker.unit is COUNT_UNIT
    )


def _nothing_named_after(text: str, end: int) -> bool:
    """Whether nothing after a bare amount says what it is: punctuation, the end of the text or
    a function word (_UNIT_ELIDED_NEXT: "in", "a", "ago"...), no noun or unit."""
    nxt = tokens_after(text, end, 1)
    return not nxt or nxt[0][0] in ".,;:!?)" or nxt[0][0].lower().rstrip(".") in _UNIT_ELIDED_NEXT


def _sentence_start(text: str, pos: int) -> int | None:
    """Where the sentence holding ``pos`` starts, if within SENTENCE_WINDOW characters."""
    lo = max(0, pos - SENTENCE_WINDOW)
    ends = list(_SENTENCE_END_RE.finditer(text, lo, pos))
    if ends:
        return ends[-1].end()
    return lo if lo == 0 else None


def _noun_end(text: str, q: Quantity) -> int:
    """Where the noun ``q`` names ends when it follows the amount ("1,870 calls"), else the
    amount's end."""
    return (
        q.end + len(q.quantified) + 1
        if q.quantified and text.startswith(f" {q.quantified}", q.end)
        else q.end
    )


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, at most SENTENCE_WINDOW characters either side."""
    lo = _sentence_start(text, start)
    lo = max(0, start - SENTENCE_WINDOW) if lo is None else lo
    stop = _SENTENCE_END_RE.search(text, end, min(len(text), end + SENTENCE_WINDOW))
    return lo, stop.start() if stop else min(len(text), end + SENTENCE_WINDOW)


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether a sentence starts at ``pos`` (the end of a sentence looks one character past it)."""
    return pos == 0 or _sentence_start(text, pos + 1) == pos


def _word_set(compiled: dict[str, Any], key: str) -> frozenset[str]:
    """The lower-cased phrases of a rule's lexicon field, empty when the rule has none."""
    return frozenset(p.lower() for p in compiled[key].phrases) if key in compiled else frozenset()


def _words_re(lexicon: Lexicon | None) -> regex.Pattern[str] | None:
    """A pattern that finds any phrase of the lexicon as whole words, in any case."""
    if lexicon is None or not lexicon.phrases:
        return None
    return regex.compile(r"(?i)" + _words_body(lexicon))


def _words_body(lexicon: Lexicon) -> str:
    """The body of _words_re: the phrases as whole words, longest first."""
    alts = sorted((regex.escape(p) for p in lexicon.phrases), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)"


def _check(deadline: float | None) -> None:
    """Stop the work once the deadline has passed."""
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout("the extraction ran out of time")


def _after_determiner(text: str, start: int) -> bool:
    """Whether the word right before ``start`` is a determiner ("a", "the", "its"...) or an
    owner ("the ECB's 2% target", "the central bank's")."""
    words = text[max(0, start - 32) : start].split()[-2:]
    before = words[-1:]
    if before and len(words) == 2 and (before[0].endswith("est") or before[0] in _DETERMINER_ADJECTIVES):
        before = words[:1]  # a superlative or a word of order after a determiner: "its biggest one-day
        # drop", "a new 100,000-seat stadium", "a previous $6 billion deal"
    return before in _DETERMINERS or (
        bool(before) and before[0].endswith(("'s", "’s")) and len(before[0]) > 2
    )


def _no_brackets(words: list[str]) -> list[str]:
    """The words without what stands in brackets: "Microsoft's (MSFT.O) market value" names
    "Microsoft's market value" (a ticker, an aside)."""
    if "(" not in words:
        return words
    out: list[str] = []
    depth = 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(w)
    return out if not depth else words


def _is_adverb(word: str) -> bool:
    """An adverb in -ly, or "well": "reportedly", "easily", "well worth"."""
    return word == "well" or (len(word) > 4 and word.endswith("ly") and word.isalpha() and word.islower())


def _join_glued(toks: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Letters and digits with no space between are one word: "Q3", "H1", "G7"; so is a name in
    capitals joined by "&": "S&P", "AT&T"."""
    out: list[tuple[str, int]] = []
    for k, (tok, start) in enumerate(toks):
        glued = bool(out) and out[-1][1] + len(out[-1][0]) == start
        if (
            glued
            and out[-1][0][-1:].isdigit()
            and tok == ","
            and k + 1 < len(toks)
            and toks[k + 1][1] == start + 1
            and toks[k + 1][0][:1].isdigit()
        ) or (glued and out[-1][0][-1:] == "," and tok[:1].isdigit()):
            out[-1] = (out[-1][0] + tok, out[-1][1])  # "a new 100,000-seat stadium": one word
        elif (
            glued and tok.isalnum() and (out[-1][0].isalnum() or (out[-1][0].endswith("&") and tok.isupper()))
        ):
            out[-1] = (out[-1][0] + tok, out[-1][1])
        elif glued and tok == "&" and out[-1][0].isupper():
            out[-1] = (out[-1][0] + tok, out[-1][1])
        else:
            out.append((tok, start))
    return out


def _is_word(w: str) -> bool:
    """Letters, perhaps with digits or hyphens inside: "profit", "third-quarter", "H1", "10-year";
    or initials with their dots: "U.S."; or a name of a technology, a digit and capitals: "5G"."""
    bare = w.replace("-", "").replace(",", "")
    return (
        (bare.isalnum() and not bare.isdigit() and (w[:1].isalpha() or "-" in w))
        or _INITIALS_RE.fullmatch(w) is not None
        or _DIGIT_CAPS_RE.fullmatch(w) is not None
    )


# the words that open an aside giving a name: ", known as Whoosh,"
_NAMING_WORDS: Final = frozenset({"known", "called", "dubbed", "nicknamed", "named", "formerly", "also"})


def _blanks_back(text: str, pos: int) -> int:
    """Where the run of spaces and tabs that ends at ``pos`` starts."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos


def _no_asides(
    words: list[str], aux: frozenset[str], participles: frozenset[str] = frozenset(), ages_only: bool = False
) -> list[str]:
    """The words without an aside between commas right before the verb (and its words of
    ``aux``): an adverb ("Nigeria's inflation, meanwhile, rose"), a clause that "which" or
    "who" opens ("The rupee, which hit a record low this week, has lost 3%"), a participle's
    ("United shares, listed in New York under the ticker MANU, fell 4.2%"; an irregular one of
    ``participles``: "Cocoa exports, hit by smuggling, fell 22%") or a noun set beside
    the subject ("UBS's CET1 ratio, a key measure of financial strength, stood at 14.3%",
    "Exports to China, its biggest market, fell 12%");
    elsewhere the aside leaves its comma ("Against the dollar, meanwhile, the pound fell").
    ``ages_only``: only an age after a name ("Alcaraz, 22,")."""
    if words.count(",") < 2:
        return words
    end = len(words) - 1 - words[::-1].index(",")  # the last comma: the aside ends there
    # the comma the aside opens with: the one before the last, or one further back when the
    # aside holds a list ("Non-OPEC supply, led by the United States, Brazil and Guyana, is")
    for start in (i for i in range(end - 1, 0, -1) if words[i] == ","):
        aside = words[start + 1 : end]
        if not aside:
            return words
        first = aside[0].lower()
        nearest = "," not in aside
        # an age after a name: "Alcaraz, 22, who had been bidding ..., earned"
        age = (
            nearest
            and len(aside) == 1
            and aside[0].isdigit()
            and len(aside[0]) <= 3
            and words[start - 1].istitle()
        )
        if ages_only and not age:
            return words
        if (
            age
            or (
                nearest
                and len(aside) == 1
                and (first in _ASIDE_ADVERBS or (first.endswith("ly") and len(first) > 4))
            )
            or (
                len(aside) > 1
                and (
                    # (its worth or an amount: "The fund, worth $5 billion, fell 3%", "The highest
                    # dose, 15 mg, will go up to £330"; what it leaves out: "Wholesale volumes,
                    # excluding its joint venture in China, slumped 24.2%")
                    first in ("which", "who", "whose", "a", "an", "worth", "excluding", "including")
                    or (nearest and first[:1].isdigit() and len(aside) <= 4 and words[start - 1].isalpha())
                    # a noun set beside the subject: "its biggest market", "the world's largest
                    # automaker", "one of its main exports"; not a clause of its own ("However, the
                    # uncertainty is large, and the limits are")
                    or (
                        first in _APPOSITIVE_DETERMINERS
                        # (a superlative may take a clause: "the largest NASA has built")
                        and (
                            not any(w.lower() in _CLAUSE_VERBS for w in aside)
                            or (first == "the" and aside[1].lower().endswith("est"))
                        )
                        and words[end + 1 : end + 2] != ["and"]
                    )
                    or (
                        first.endswith(("'s", "\u2019s")) and aside[0][:1].isupper()
                    )  # "Vietnam's largest export market"
                    or (
                        aside[0].islower()
                        and (first.endswith("ed") or first in participles)
                        and aside[1].lower() in _ASIDE_PREPOSITIONS
                    )
                    # a name set beside a common noun: "The unit, Evergrande Motors, fell 17%"
                    or (
                        nearest
                        and words[start - 1].isalpha()
                        and words[start - 1].islower()
                        and aside[0][:1].isupper()
                        and aside[-1][:1].isupper()
                        and all(w[:1].isupper() or w in ("of", "and", "&", "de") for w in aside)
                    )
                    # a name it is known by, or by whom: "The 142-km line, known as Whoosh, cost",
                    # "The fastest serve of the match, by Alcaraz, was clocked at"
                    or (
                        nearest
                        and (first in _NAMING_WORDS or (first == "by" and len(aside) <= 4))
                        and aside[-1][:1].isupper()
                    )
                )
            )
        ):
            rest = words[end + 1 :]
            if all(w.lower() in aux for w in rest):
                # an aside before it may go too, closed by its comma: "Alcaraz, 22, who had been
                # bidding ..., earned"
                kept = [*words[: start + 1], *rest]
                inner = _no_asides(kept, aux, participles, ages_only=True)
                return words[:start] + rest if inner == kept else inner
            return [*words[:start], ",", *rest]
    return words


def _owner_words(owner: list[str]) -> list[str]:
    """The words of an owner when they are words ("South Korea's", "Reliance Industries '" as
    "Reliance Industries'"); none else."""
    if owner[-1] in ("'", "\u2019") and len(owner) > 1:
        owner = [*owner[:-2], owner[-2] + owner[-1]]
    bare = [w.removesuffix("'s").removesuffix("\u2019s").rstrip("'\u2019") for w in owner]
    if bare[-1].lower() in _TIME_OWNERS:
        return []  # a time, not an owner: "took this year's toll to 247"
    return owner if all(b.replace("-", "").replace(".", "").isalpha() for b in bare) else []


def _owner_end(words: list[str]) -> int | None:
    """The index of the owner's last word among the first three ("South Korea's",
    "Reliance Industries '"), if one is there."""
    for i in range(min(len(words), 3) - 1, -1, -1):
        if words[i].endswith(_POSSESSIVE) or words[i] in ("'", "’"):
            return i
    return None


def _like_size(a: float, b: float) -> bool:
    """Whether two positive amounts are within a factor of 1,000 of each other: the second
    may repeat the first one's unit ("$5 billion in 2022 and 7 billion in 2023")."""
    return 1 / 1000 <= b / a <= 1000


def _label_before(text: str, start: int) -> str:
    """The label a line opens with when the number follows its colon: "Deaths: 1,245",
    "- Displaced: ~250,000" ("" when there is none)."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == 0 or text[j - 1] != ":":
        return ""
    m = _LABEL_RE.search(text, max(0, j - 40), j)
    return m[1] if m is not None else ""


def _shared_thousands(text: str, a: Atom, b: Atom) -> float:
    """The power of a thousand the first end of a range shares with the second, written with
    the same digits before its first separator ("50-60,000", "100 to 150,000"); 0 when not."""
    first = text[a.num_start : a.num_end]
    m = _THOUSANDS_RE.fullmatch(text, b.num_start, b.num_end)
    if m is None or not first.isdigit() or len(first) != len(m[1]) or not int(first) < int(m[1]):
        return 0
    return 1000.0 ** m[2].count(",")


def _restated_end(text: str, a: Atom | Quantity, b: Atom | Quantity) -> int | None:
    """Where the parenthesis closes when ``b`` restates ``a`` in a unit of its dimension right
    after it ("50 billion euros ($54 billion)", "180 mph (285 km/h)"); else None."""
    if (
        a.unit is None
        or b.unit is None
        or a.unit is COUNT_UNIT
        or a.unit.dimension != b.unit.dimension
        or text[b.end : b.end + 1] != ")"
        or _RESTATED_RE.fullmatch(text, a.end, b.start) is None
    ):
        return None
    return b.end + 1


def _opens_next_sentence(text: str, end: int, start: int, count_end: int) -> bool:
    """Whether the text from ``end`` to ``start`` stays in one sentence (no full stop, colon or
    line break), or holds one full stop and the count at ``start`` (to ``count_end``) opens the
    next sentence pointing back: "Another 40", "Of those, 10", "Three of them", "30 more" (a
    count that opens a sentence alone may count anything: "The storm destroyed 300 homes. 12
    died")."""
    stops = list(_FULL_STOP_RE.finditer(text, end, start + 1))
    if not stops:
        return True
    if len(stops) != 1 or text[stops[0].start()] not in ".!?":
        return False  # two sentences, or a colon or a line break between
    if stops[0].end() == start:
        return _BACK_AFTER_RE.match(text, count_end) is not None
    return _BACK_BEFORE_RE.fullmatch(text, stops[0].end(), start) is not None


def _in_set_scores(text: str, a: Atom, b: Atom) -> bool:
    """Whether "a-b" is one of a line of set scores with one set in descending order at least
    ("6-4, 3-6, 7-5", "3-6, 6-3, 6-4"): a score, whichever way its own numbers go."""
    if b.start - a.end != 1 or not (0 <= a.value <= 7 and 0 <= b.value <= 7):
        return False
    lo = max(0, a.start - 40)
    for m in _SET_SCORES_RE.finditer(text, lo, min(len(text), b.end + 40)):
        if m.start() <= a.start and b.end <= m.end():
            return any(int(x) > int(y) for x, y in _SET_RE.findall(m.group()))
    return False


def _can_start(pattern: regex.Pattern[str], memo: dict[str, bool], ch: str) -> bool:
    """Whether ``pattern`` can match text that starts with ``ch`` (always for "", an end of
    the text), as a partial match memoized per character; the memo is bounded whatever
    characters the texts hold."""
    hit = memo.get(ch)
    if hit is None:
        hit = not ch or pattern.match(ch, partial=True) is not None
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo[ch] = hit
    return hit


def _kind_allowed(rule: Rule, unit: Unit) -> bool:
    """Whether a rule's ``unit_kinds`` (none: any) admit the unit."""
    kinds = rule.compiled["unit_kinds"]
    return not kinds or unit.kind in kinds


_ADJECTIVE_ENDINGS: Final = ("al", "ic", "ous", "ful", "ive", "less", "like", "ed", "ing", "way", "fold")
# before "a 350-seat parliament": the noun joined to the count is what it counts
_DETERMINERS: Final = tuple(
    [w]
    for w in (
        "a",
        "an",
        "the",
        "A",
        "An",
        "The",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "each",
        "every",
    )
)

# a full stop with the next sentence glued to it: "people.The"
_GLUED_SENTENCE_RE: Final = regex.compile(r"\.(?=\p{Lu})")

# initials with their dots: "U.S.", "U.N.", "E.U."
_INITIALS_RE: Final = regex.compile(r"(?:[A-Z]\.){2,}")

# signs that open an amount of money: after a trailing cue ("plus") they begin the next one
_CURRENCY_SIGNS: Final = frozenset("$£€¥₹₩₽₺₴₦₱₪฿₫")


# a model number inside a noun, two parts joined by a hyphen at most: "Leopard 2", "Boeing 787-9"
_MODEL_NUMBER_RE: Final = regex.compile(r"\d{1,4}(?:[-‐]\d{1,4})?")
# a mark of a model in capitals after its number: "737 MAX", "777 ER", "A350 XWB"
_MODEL_MARK_RE: Final = regex.compile(r"[A-Z]{2,4}")


def _plural_owner(toks: list[tuple[str, int]], k: int) -> bool:
    """Whether token ``k`` is a plural that owns the noun after its apostrophe: "victims'
    families" (not "20 boats' worth of fish")."""
    return (
        k + 2 < len(toks)
        and toks[k][0].endswith("s")
        and toks[k][0].islower()
        and toks[k + 1][0] in ("'", "’")
        and toks[k + 1][1] == toks[k][1] + len(toks[k][0])
        and toks[k + 2][1] == toks[k + 1][1] + 2
        and toks[k + 2][0][:1].islower()
        and not toks[k + 2][0].startswith("worth")
    )


def _join_decimal_names(toks: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``toks`` with a name of capitals glued to a decimal number as one token: "PM2.5"."""
    if not any(t.isupper() for t, _ in toks[:-3]):
        return toks  # (most runs of tokens: nothing to join, no copy)
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(toks):
        t, at = toks[i]
        if (
            i + 3 < len(toks)
            and t.isupper()
            and t.isalpha()
            and toks[i + 1][0].isdigit()
            and toks[i + 2][0] == "."
            and toks[i + 3][0].isdigit()
            and toks[i + 1][1] == at + len(t)
            and toks[i + 2][1] == toks[i + 1][1] + len(toks[i + 1][0])
            and toks[i + 3][1] == toks[i + 2][1] + 1
        ):
            out.append((f"{t}{toks[i + 1][0]}.{toks[i + 3][0]}", at))
            i += 4
            continue
        out.append((t, at))
        i += 1
    return out


def _join_hyphens(toks: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Words glued by a hyphen are one word: "non-EU", "Russian-made", "U.S.-made", and a name
    with a number: "Kh-101", "COVID-19"."""
    if not any(t == "-" or t == "‐" for t, _ in toks):
        return toks
    out: list[tuple[str, int]] = []
    for tok, start in toks:
        if out and tok[0].isalnum() and out[-1][0][-1] in "-‐" and out[-1][1] + len(out[-1][0]) == start:
            out[-1] = (out[-1][0] + tok, out[-1][1])
        elif (
            out
            and tok in ("-", "‐")
            and (out[-1][0][-1].isalnum() or _INITIALS_RE.fullmatch(out[-1][0]))  # "U.S.-made"
            and out[-1][1] + len(out[-1][0]) == start
        ):
            out[-1] = (out[-1][0] + tok, out[-1][1])
        else:
            out.append((tok, start))
    # a hyphen left hanging before "and" or "or" shares the word after them: "low- and
    # middle-income" is one word
    for i in range(len(out) - 3, -1, -1):
        (t, s), (c, _), (w, _) = out[i], out[i + 1], out[i + 2]
        if len(t) > 1 and t[-1] in "-‐" and t[:-1].isalpha() and c in ("and", "or") and "-" in w[1:-1]:
            out[i : i + 3] = [(f"{t} {c} {w}", s)]
    return [(t[:-1], s) if len(t) > 1 and t[-1] in "-‐" else (t, s) for t, s in out]


def _restated_share(text: str, qs: list[Quantity], k: int) -> str:
    """The noun of the count right before the percentage ``qs[k]`` that restates it as a share
    ("16.4 million votes, or 53.7%"); else ""."""
    q = qs[k]
    if q.kind is not Kind.PERCENTAGE or k == 0:
        return ""
    p = qs[k - 1]
    if (
        p.kind is Kind.COUNT
        and p.quantified
        and p.quantified not in _POINT_NOUNS
        and _OR_RESTATED_RE.fullmatch(text, p.end, q.start)
    ):
        return p.quantified
    return ""


def _finite(q: Quantity) -> bool:
    """Every number of the quantity, stated and normalized, is finite."""
    nv, nl, nh, _ = q.normalized
    for x in (q.value, q.low, q.high, nv, nl, nh):
        if x is not None and not math.isfinite(x):
            return False
    return True


def _glued(toks: list[tuple[str, int]], pos: int) -> list[tuple[str, int]]:
    """Tokens after ``pos`` for a post-number cue; a glued hyphen ("40-plus") is skipped."""
    if toks and toks[0][0] in ("-", "‐") and toks[0][1] == pos:
        toks = toks[1:]
    elif toks and toks[0][0] == "+" and toks[0][1] != pos:
        return []  # "5 + 3" is arithmetic, "5+" is a bound
    return toks


def _no_overlaps(qs: list[Quantity]) -> list[Quantity]:
    """Keep the longest span where spans overlap; the earlier start on ties."""
    qs.sort(key=lambda q: q.start)
    if all(a.end <= b.start for a, b in itertools.pairwise(qs)):
        return qs  # the usual case: one linear pass
    starts: list[int] = []  # kept spans, sorted and disjoint
    ends: list[int] = []
    kept: list[Quantity] = []
    for q in sorted(qs, key=lambda q: (q.start - q.end, q.start)):
        i = bisect.bisect_right(starts, q.start)
        if (i == 0 or ends[i - 1] <= q.start) and (i == len(starts) or q.end <= starts[i]):
            starts.insert(i, q.start)
            ends.insert(i, q.end)
            kept.insert(i, q)
    return kept


class Extractor:
    """Loads the rules of every language once; ``extract`` is then thread-safe."""

    def __init__(self, languages: dict[str, Language], rules_dir: Path) -> None:
        self._languages = languages
        self.rules_dir = rules_dir
        h = hashlib.sha256()
        for tag in sorted(languages):
            h.update(f"{tag}:{languages[tag].ruleset.version};".encode())
        self.rules_version = h.hexdigest()[:16]
        self.languages = tuple(sorted(languages))

    @classmethod
    def load(cls, rules_dir: Path | str | None = None) -> Extractor:
        """Load, validate and compile every language under ``rules_dir``."""
        root = Path(rules_dir) if rules_dir is not None else default_rules_dir()
        if not root.is_dir():
            raise RulesError(str(root), "rules directory not found")
        languages: dict[str, Language] = {}
        for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
            ruleset = load_ruleset(root, lang_dir.name)
            units = UnitTable.load(overlay_path=ruleset.units_path)
            languages[lang_dir.name] = Language(ruleset, units)
        if not languages:
            raise RulesError(str(root), "no language directories")
        return cls(languages, root)

    def language(self, tag: str) -> Language:
        """The compiled rules for a BCP-47 tag ("" means "en"; "en-GB" falls back to "en")."""
        key = (tag or "en").replace("_", "-").lower()
        if key in self._languages:
            return self._languages[key]
        primary = key.split("-", 1)[0]
        if primary in self._languages:
            return self._languages[primary]
        raise UnsupportedLanguage(tag, self.languages)

    def extract(
        self,
        text: str,
        language: str = "en",
        kinds: Iterable[Kind | str] = (),
        explain: bool = False,
        deadline: float | None = None,
    ) -> Extraction:
        """Every quantity in ``text``, ordered by start. ``deadline`` is a ``time.monotonic()``
        instant after which the work stops with ExtractionTimeout."""
        lang = self.language(language)
        try:
            wanted = frozenset(Kind(k) for k in kinds)
        except ValueError as e:
            raise InvalidRequest("kinds", f"unknown kind: {e}") from None
        result = lang.extract(text, wanted, explain, deadline)
        result.rules_version = self.rules_version
        return result
