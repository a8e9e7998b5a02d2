"""Load, validate and compile the YAML rules of one language, once.

Every error names ``file:rule:field`` and is raised at load time, never per request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from quantspan.engine import yamlcache
from quantspan.engine.errors import RulesError
from quantspan.engine.model import Kind, Modifier

# The one tokenizer shared by lexicon phrases and text: words (with inner dots, apostrophes
# and hyphens: "a.m.", "o'clock", "Jeon"), digit runs, and single symbols.
TOKEN_RE = regex.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?|\d+|[^\w\s]")

COMMON_KEYS = {"name", "examples", "negatives", "description"}
# the fields of a counted rule that name a lexicon
COUNTED_LEXICON_FIELDS = (
    *("stop", "skip", "after_vague", "plurals", "not_plurals", "size_words", "part_of"),
    *("elided_before", "subset_before", "elided_heads", "collectives", "not_adverbs", "not_modifiers"),
    *("in_words", "in_not", "invest_verbs", "object_starts", "comparatives", "qualified_nouns"),
    *("subject_verbs", "subject_aux", "subject_not", "subject_after", "subject_links", "subject_clause"),
    *("subject_reporting", "reporting_nouns", "subject_modifiers", "infinitive_verbs"),
    *("subject_base_verbs", "subject_modals", "subject_copulas", "subject_raising"),
    *("subject_share_verbs", "subject_predicates", "subject_session_verbs", "object_measures"),
    *("subject_price_verbs", "plural_modifiers", "ly_nouns", "change_nouns"),
    *("adjective_plurals", "directions", "levels", "ratio_bases", "span_verbs", "subject_time_after"),
    *(
        "place_prepositions",
        "which_adverbs",
        "total_words",
        "peak_nouns",
        "return_nouns",
        "subordinators",
        "irregular_participles",
    ),
    *("object_estimate_verbs",),
    *("object_verbs", "object_determiners", "object_links", "object_complements", "not_verbs"),
    *("measure_of_not", "measure_worth", "measure_modifiers"),
    *("forecasters", "forecast_verbs", "participles"),
)

FAMILY_KEYS: dict[str, set[str]] = {
    "numbers": {
        "pattern",
        "define",
        "parse",
        "reason",
        "scale",
        "requires_money",
        "value",
        "requires_unit",
        "unit_kinds",
        "rate_after_counted",
        "followed_by",
        "preceded_by",
        "joined_by",
        "unit",
        "counts_nothing",
    },
    "modifiers": {
        *("before", "after", "modifier", "approximate", "not_kinds", "unless_after", "unless_before"),
        "not_after_amount",
        "not_after",
        "not_followed_by",
        "determiners",
    },
    "ranges": {
        "prefix",
        "connector",
        "modifier",
        "approximate",
        "unordered",
        "bounds",
        "composite",
        "adjacent",
        "after_bound",
    },
    "vague": {"pattern", "magnitudes", "low", "high", "modifier", "requires_unit", "unit_kinds"},
    "exclusions": {
        "prev",
        "next",
        "prev_regex",
        "next_regex",
        "shape",
        "min",
        "max",
        "integer",
        "bare",
        "keeps_amounts",
        "reason",
        "no_list",
    },
    "counted": {
        *("max_words", "verb_suffixes", "kinds", "of_kinds", "in_kinds", "of_plain_kinds"),
        *("elided_within", "dateline", "model_before_noun", "plural_of"),
        *COUNTED_LEXICON_FIELDS,
    },
    "units": set(),
}
FILE_KEYS = {"family", "lexicons", "case_sensitive", "rules", "units", "ambiguous", "contexts"}
PARSERS = {
    *("digits", "words", "fraction", "vulgar", "scientific", "fixed"),
    *("ratio", "proportion", "clock", "height", "multiplier", "reject"),
}
EXAMPLE_KEYS = {"text", "expect"}
EXPECT_KEYS = {
    "text",
    "kind",
    "modifier",
    "value",
    "low",
    "high",
    "unit",
    "quantified",
    "approximate",
    "low_inclusive",
    "high_inclusive",
    "rules",
}


def tokens(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way the engine splits text."""
    return tuple(TOKEN_RE.findall(phrase))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A named list of phrases (or phrase -> number map), with its matching case."""

    name: str
    phrases: tuple[str, ...]
    values: dict[str, float]
    case_sensitive: bool

    def key(self, toks: tuple[str, ...]) -> tuple[str, ...]:
        """The lookup key of a token tuple under this lexicon's case rule."""
        return toks if self.case_sensitive else tuple(t.lower() for t in toks)

    def alternation(self) -> str:
        """A regex alternation of the phrases, longest first (for number patterns)."""
        parts = sorted(self.phrases, key=len, reverse=True)
        body = "|".join(regex.escape(p).replace(r"\ ", r"[ \t]+") for p in parts)
        return f"(?:{body})" if self.case_sensitive else f"(?i:{body})"


@dataclass(slots=True)
class Rule:
    """One named rule with its family, its fields and its examples."""

    name: str
    family: str
    file: str
    fields: dict[str, Any]
    examples: list[dict[str, Any]] = field(default_factory=list)
    negatives: list[str] = field(default_factory=list)
    compiled: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A field of the rule, or ``default``."""
        return self.fields.get(key, default)

    @property
    def where(self) -> str:
        """``file:rule`` for messages."""
        return f"{self.file}:{self.name}"


@dataclass(slots=True)
class Ruleset:
    """All the rules and lexicons of one language, validated and compiled."""

    language: str
    version: str
    lexicons: dict[str, Lexicon]
    rules: dict[str, list[Rule]]
    files: dict[str, dict[str, Any]]
    units_path: Path | None

    def family(self, name: str) -> list[Rule]:
        """The rules of one family, in file order."""
        return self.rules.get(name, [])

    def all_rules(self) -> list[Rule]:
        """Every rule of every family."""
        return [r for rs in self.rules.values() for r in rs]


def _fail(where: str, message: str) -> RulesError:
    return RulesError(where, message)


def _check_examples(rule: Rule, raw: dict[str, Any]) -> None:
    examples = raw.get("examples") or []
    if not isinstance(examples, list):
        raise _fail(f"{rule.where}:examples", "must be a list")
    for i, ex in enumerate(examples):
        where = f"{rule.where}:examples[{i}]"
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            raise _fail(where, "an example is a mapping with a text")
        unknown = set(ex) - EXAMPLE_KEYS
        if unknown:
            raise _fail(f"{where}:{sorted(unknown)[0]}", "unknown key")
        for j, exp in enumerate(ex.get("expect") or []):
            if not isinstance(exp, dict) or "text" not in exp:
                raise _fail(f"{where}:expect[{j}]", "an expected quantity is a mapping with a text")
            bad = set(exp) - EXPECT_KEYS
            if bad:
                raise _fail(f"{where}:expect[{j}]:{sorted(bad)[0]}", "unknown key")
            if exp["text"] not in ex["text"]:
                raise _fail(f"{where}:expect[{j}]:text", f"{exp['text']!r} is not in the example text")
    negatives = raw.get("negatives") or []
    if not isinstance(negatives, list) or not all(isinstance(n, str) for n in negatives):
        raise _fail(f"{rule.where}:negatives", "must be a list of strings")
    rule.examples = examples
    rule.negatives = negatives


def load_ruleset(rules_dir: Path, language: str = "en") -> Ruleset:
    """Read every ``*.yaml`` of ``rules_dir/language``, validate and compile it."""
    lang_dir = Path(rules_dir) / language
    if not lang_dir.is_dir():
        raise _fail(str(lang_dir), "no rules directory for this language")
    paths = sorted(lang_dir.glob("*.yaml"))
    if not paths:
        raise _fail(str(lang_dir), "no rule files")
    digest = hashlib.sha256()
    files: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        try:
            doc = yamlcache.load(data) or {}
        except yaml.YAMLError as e:
            raise _fail(path.name, f"not valid YAML: {e}") from None
        if not isinstance(doc, dict):
            raise _fail(path.name, "a rule file is a mapping")
        unknown = set(doc) - FILE_KEYS
        if unknown:
            raise _fail(f"{path.name}:{sorted(unknown)[0]}", "unknown top-level key")
        fam = doc.get("family")
        if fam != "lexicons" and fam not in FAMILY_KEYS:
            raise _fail(f"{path.name}:family", f"unknown family {fam!r}")
        files[path.name] = doc

    lexicons = _load_lexicons(files)
    rules: dict[str, list[Rule]] = {}
    seen: dict[str, str] = {}
    units_path = None
    for fname, doc in files.items():
        fam = doc["family"]
        if fam == "units":
            units_path = lang_dir / fname
            continue
        for i, raw in enumerate(doc.get("rules") or []):
            if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
                raise _fail(f"{fname}:rules[{i}]:name", "every rule needs a name")
            name = raw["name"]
            if name in seen:
                raise _fail(f"{fname}:{name}:name", f"duplicate rule name (also in {seen[name]})")
            seen[name] = fname
            unknown = set(raw) - COMMON_KEYS - FAMILY_KEYS[fam]
            if unknown:
                raise _fail(f"{fname}:{name}:{sorted(unknown)[0]}", f"unknown key for a {fam} rule")
            rule = Rule(
                name=name,
                family=fam,
                file=fname,
                fields={k: v for k, v in raw.items() if k not in COMMON_KEYS},
            )
            _check_examples(rule, raw)
            _compile_rule(rule, lexicons)
            rules.setdefault(fam, []).append(rule)
    return Ruleset(
        language=language,
        version=digest.hexdigest()[:16],
        lexicons=lexicons,
        rules=rules,
        files=files,
        units_path=units_path,
    )


def _load_lexicons(files: dict[str, dict[str, Any]]) -> dict[str, Lexicon]:
    lexicons: dict[str, Lexicon] = {}
    for fname, doc in files.items():
        sensitive = set(doc.get("case_sensitive") or [])
        for name, body in (doc.get("lexicons") or {}).items():
            where = f"{fname}:{name}:lexicons"
            if name in lexicons:
                raise _fail(where, "duplicate lexicon name")
            if isinstance(body, list):
                if not all(isinstance(p, str) and p.strip() for p in body):
                    raise _fail(where, "a lexicon list holds non-empty strings")
                phrases, values = tuple(body), {}
            elif isinstance(body, dict):
                if not all(isinstance(v, int | float) for v in body.values()):
                    raise _fail(where, "a lexicon map gives a number for every phrase")
                phrases = tuple(str(k) for k in body)
                values = {str(k): float(v) for k, v in body.items()}
            else:
                raise _fail(where, "a lexicon is a list or a map")
            lexicons[name] = Lexicon(name, phrases, values, name in sensitive)
        for name in sensitive:
            if name not in (doc.get("lexicons") or {}):
                raise _fail(f"{fname}:{name}:case_sensitive", "names no lexicon of this file")
    return lexicons


LEXICON_REF = regex.compile(r"\{([a-z_]+)\}")


def expand(pattern: str, lexicons: dict[str, Lexicon], where: str) -> str:
    """Replace ``{lexicon}`` in a pattern with the lexicon's alternation."""

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in lexicons:
            raise _fail(where, f"unknown lexicon {{{name}}}")
        return lexicons[name].alternation()

    return LEXICON_REF.sub(sub, pattern)


def _defined(rule: Rule, lexicons: dict[str, Lexicon]) -> Any:
    """The rule's pattern with the pieces its ``define`` map names written in where the pattern
    (or a later piece) names them in braces, as a lexicon is. A piece written in is matched
    several times faster by the `regex` module than the same piece called as a subroutine
    (``(?&name)``), at the price of a longer pattern."""
    pattern = rule.get("pattern", "")
    pieces = rule.get("define") or {}
    if not isinstance(pieces, dict) or not all(isinstance(v, str) for v in pieces.values()):
        raise _fail(f"{rule.where}:define", "a map of names to regex pieces")
    if not isinstance(pattern, str):
        return pattern  # reported by the compile
    # a piece may use the pieces defined before it, so the last is written in first
    for name, piece in reversed(list(pieces.items())):
        where = f"{rule.where}:define:{name}"
        if name in lexicons:
            raise _fail(where, "a piece may not take the name of a lexicon")
        if not LEXICON_REF.fullmatch(f"{{{name}}}"):
            raise _fail(where, "a piece's name is lower-case letters and underscores")
        if f"{{{name}}}" not in pattern:
            raise _fail(where, "the pattern uses no piece of this name")
        pattern = pattern.replace(f"{{{name}}}", f"(?:{piece})")
    return pattern


def _compile_regex(pattern: Any, lexicons: dict[str, Lexicon], where: str, flags: int = 0) -> Any:
    if not isinstance(pattern, str):
        raise _fail(where, "a pattern is a string")
    try:
        return regex.compile(expand(pattern, lexicons, where), flags | regex.V0)
    except regex.error as e:
        raise _fail(where, f"regex does not compile: {e}") from None


def _kinds(rule: Rule, key: str) -> frozenset[Kind]:
    """A list of kinds (``unit_kinds``) as a set; empty when the rule has none."""
    kinds = rule.get(key) or []
    try:
        return frozenset(Kind(k) for k in kinds)
    except ValueError:
        raise _fail(f"{rule.where}:{key}", f"unknown kind in {kinds}") from None


def _lexicon(rule: Rule, key: str, lexicons: dict[str, Lexicon]) -> Lexicon:
    name = rule.get(key)
    if not isinstance(name, str) or name not in lexicons:
        raise _fail(f"{rule.where}:{key}", f"unknown lexicon {name!r}")
    return lexicons[name]


def _modifier(rule: Rule, default: str | None = None) -> Modifier:
    raw = rule.get("modifier", default)
    try:
        return Modifier(raw)
    except ValueError:
        raise _fail(f"{rule.where}:modifier", f"unknown modifier {raw!r}") from None


def _compile_rule(rule: Rule, lexicons: dict[str, Lexicon]) -> None:
    c = rule.compiled
    fam = rule.family
    if fam == "numbers":
        if "scale" in rule.fields:
            c["scale"] = _lexicon(rule, "scale", lexicons)
            if not c["scale"].values:
                raise _fail(f"{rule.where}:scale", "a scale lexicon must be a map")
            for key in ("followed_by", "preceded_by", "joined_by"):
                if key in rule.fields:
                    c[key] = _compile_regex(rule.get(key), lexicons, f"{rule.where}:{key}")
        else:
            parse = rule.get("parse")
            if parse not in PARSERS:
                raise _fail(f"{rule.where}:parse", f"one of {sorted(PARSERS)}")
            if parse == "reject" and not rule.get("reason"):
                raise _fail(f"{rule.where}:reason", "a reject rule says why")
            if parse == "fixed" and not isinstance(rule.get("value"), int | float):
                raise _fail(f"{rule.where}:value", "a fixed rule gives its number")
            c["unit_kinds"] = _kinds(rule, "unit_kinds")
            # validated alone here; the scanner compiles all patterns into one regex
            pattern = _defined(rule, lexicons)
            c["pattern"] = expand(pattern, lexicons, f"{rule.where}:pattern")
            _compile_regex(pattern, lexicons, f"{rule.where}:pattern")
    elif fam == "modifiers":
        pos = [k for k in ("before", "after") if k in rule.fields]
        if len(pos) != 1:
            raise _fail(f"{rule.where}:before", "a modifier rule has exactly one of before/after")
        c["position"] = pos[0]
        c["lexicon"] = _lexicon(rule, pos[0], lexicons)
        c["modifier"] = _modifier(rule)
        try:
            c["not_kinds"] = frozenset(Kind(k) for k in rule.get("not_kinds") or [])
        except ValueError:
            raise _fail(f"{rule.where}:not_kinds", "unknown kind") from None
        for key in ("unless_after", "unless_before", "not_after", "determiners"):
            unless = rule.get(key) or []
            if not isinstance(unless, list) or not all(isinstance(w, str) for w in unless):
                raise _fail(f"{rule.where}:{key}", "a list of words")
            c[key] = frozenset(w.lower() for w in unless)
        if "not_followed_by" in rule.fields:
            if c["position"] != "after":
                raise _fail(f"{rule.where}:not_followed_by", "only a cue after the number has a follower")
            c["not_followed_by"] = _compile_regex(
                rule.get("not_followed_by"), lexicons, f"{rule.where}:not_followed_by"
            )
    elif fam == "ranges":
        c["connector"] = _lexicon(rule, "connector", lexicons)
        c["prefix"] = _lexicon(rule, "prefix", lexicons) if "prefix" in rule.fields else None
        c["modifier"] = _modifier(rule, "RANGE")
    elif fam == "vague":
        c["pattern"] = expand(rule.get("pattern", ""), lexicons, f"{rule.where}:pattern")
        _compile_regex(rule.get("pattern"), lexicons, f"{rule.where}:pattern")
        c["magnitudes"] = _lexicon(rule, "magnitudes", lexicons)
        for k in ("low", "high"):
            if not isinstance(rule.get(k), int | float):
                raise _fail(f"{rule.where}:{k}", "a number (multiple of the magnitude)")
        c["modifier"] = _modifier(rule, "VAGUE")
        c["unit_kinds"] = _kinds(rule, "unit_kinds")
    elif fam == "exclusions":
        if not rule.get("reason"):
            raise _fail(f"{rule.where}:reason", "an exclusion says why")
        for k in ("prev", "next"):
            if k in rule.fields:
                c[k] = _lexicon(rule, k, lexicons)
        for k in ("prev_regex", "next_regex", "shape"):
            if k in rule.fields:
                c[k] = _compile_regex(rule.get(k), lexicons, f"{rule.where}:{k}")
        if not any(k in c for k in ("prev", "next", "prev_regex", "next_regex", "shape")):
            raise _fail(f"{rule.where}:prev", "an exclusion needs a context or a shape")
    elif fam == "counted":
        for k in COUNTED_LEXICON_FIELDS:
            if k in rule.fields:
                c[k] = _lexicon(rule, k, lexicons)
        plural_of = rule.get("plural_of", {})
        if not isinstance(plural_of, dict) or not all(
            isinstance(a, str) and isinstance(b, str) for a, b in plural_of.items()
        ):
            raise _fail(f"{rule.where}:plural_of", "a map of singular nouns to their plurals")
        c["plural_of"] = {a.lower(): b for a, b in plural_of.items()}
        if "dateline" in rule.fields:
            c["dateline"] = _compile_regex(rule.get("dateline"), lexicons, f"{rule.where}:dateline")
        if "model_before_noun" in rule.fields:
            c["model_before_noun"] = _compile_regex(
                rule.get("model_before_noun"), lexicons, f"{rule.where}:model_before_noun"
            )
