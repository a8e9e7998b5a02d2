"""Find where numbers may start, fast, then let the rules' own patterns decide.

One alternation of every number pattern is slow in the `regex` module (each position tries
every branch), while each pattern alone, or a scan for trigger words, runs at several MB/s.
So the text is scanned three times for triggers — words (kept when they can start a number
rule), digits and signs, and a few symbols — and at each trigger only the rules that can start
with that word, or with the next few characters, are tried, anchored there, in file order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from quantspan.engine.errors import RulesError
from quantspan.engine.numparse import VULGAR
from quantspan.engine.rules import Lexicon, Rule

_VULGAR = "".join(VULGAR)
DIGIT_TRIGGER = regex.compile(rf"(?<![\d.])(?:[-−–](?=[\d.])|\.(?=\d)|[\d{_VULGAR}])")
SYMBOL_TRIGGER = regex.compile(r"[#@№]|[(+'’](?=\d)|(?<![\w])[vV](?=\d)")
# characters a digit or symbol trigger can start on
TRIGGER_CHARS = frozenset("0123456789-−–.#@№(+'’vV" + _VULGAR)
# characters no rule may start on, since no trigger finds them
PROBE_CHARS = '$€£¥₩₹~<>=*/[]{}!?%&^_|\\:;,"` \t'
_GENERIC_WORD = "qzxjvw"
# characters that may follow a word: its rules are those that can go on with one of them
WORD_FOLLOWERS = (
    " \t\n\r\u00a0\u202f\u2009"
    + "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
    + ("‐‑‒–—−’‘“”«»…°²³½¼¾%€£¥₹₩")
)
# a character trigger's rules are those that can start with the next KEY_CHARS characters
KEY_CHARS = 4
KEY_CACHE_MAX = 1 << 14
_ZEROS = str.maketrans("123456789", "000000000")
_COUNTS = regex.compile(r"\{\d*(?:,\d*)?\}")
_DIGIT = regex.compile(r"[0-9]")

Pattern = regex.Pattern[str]
_SPAN = regex.Match.span
_RE_SPAN = re.Match.span


class Scanner:
    """The number rules of one language, compiled once, and their triggers."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, Lexicon]) -> None:
        self.rules: list[tuple[Rule, Pattern]] = []
        for rule in rules:
            pat = regex.compile(rule.compiled["pattern"], regex.V0)
            if pat.match(_GENERIC_WORD, partial=True):
                raise RulesError(
                    f"{rule.file}:{rule.name}:pattern",
                    "a number pattern must start with a digit, a sign or a word of a lexicon or of "
                    "the pattern itself, not with any letter",
                )
            for ch in PROBE_CHARS:
                if pat.match(ch, partial=True):
                    raise RulesError(
                        f"{rule.file}:{rule.name}:pattern", f"no trigger finds a match starting with {ch!r}"
                    )
            self.rules.append((rule, pat))
        vocab: set[str] = set()
        for lex in lexicons.values():
            for phrase in lex.phrases:
                first = phrase.split()[0].lower() if phrase.split() else ""
                if first.isalpha():
                    vocab.add(first)
        for rule in rules:
            vocab.update(w.lower() for w in regex.findall(r"[A-Za-z]{2,}", str(rule.get("pattern", ""))))
        # a word trigger is a whole word: what follows it is no word character, or the end
        follow = set(WORD_FOLLOWERS)
        for rule in rules:
            follow.update(ch for ch in str(rule.get("pattern", "")) if not ch.isalnum() and ch != "_")
        self.word_rules: dict[str, tuple[tuple[Rule, Pattern], ...]] = {}
        self._char_rules: dict[str, tuple[tuple[Rule, Pattern], ...]] = {}
        for word in sorted(vocab):
            forms = (word, word.capitalize(), word.upper())
            initial = {r.name for ch in (word[0], word[0].upper()) for r, _ in self._starting_with(ch)}
            hits = tuple(
                (r, p)
                for r, p in self.rules
                if r.name in initial
                and any(p.match(f, partial=True) for f in forms)
                and any(
                    p.match(f) is not None or any(p.match(f + ch, partial=True) for ch in follow)
                    for f in forms
                )
            )
            if hits:
                self.word_rules[word] = hits
        # one scan for the trigger words as a trie: regex skips fast to a word boundary, where
        # the shared prefixes are tried once (an alternation of whole words is several times slower)
        trie = _trie(self.word_rules)
        self.word_trigger = regex.compile(rf"\b(?<!-)(?i:{trie})\b")
        # the same scan, case-sensitive over the lower-cased text: `re` runs it about three
        # times as fast; used when lower-casing keeps every offset (it nearly always does)
        self._word_trigger_lower = re.compile(rf"\b(?<!-)(?:{trie})\b")
        self._key_rules: dict[str, tuple[tuple[Rule, Pattern], ...]] = {}
        self._norm_rules: dict[str, tuple[tuple[Rule, Pattern], ...]] = {}
        self._short_rules: dict[str, tuple[tuple[Rule, Pattern], ...]] = {}
        self._order = {r.name: i for i, (r, _) in enumerate(self.rules)}
        # a pattern is blind to which digit is which when it names no digit (beyond counts in
        # {m,n}): \d, \w and classes treat them all alike
        self._blind = {r.name: not _DIGIT.search(_COUNTS.sub("", p.pattern)) for r, p in self.rules}

    def _starting_with(self, ch: str) -> tuple[tuple[Rule, Pattern], ...]:
        """The rules that can start with the character ``ch``, in file order (memoized)."""
        hits = self._char_rules.get(ch)
        if hits is None:
            hits = tuple((r, p) for r, p in self.rules if p.match(ch, partial=True))
            self._char_rules[ch] = hits  # same value from any thread: no lock needed
        return hits

    def rules_for(self, trigger: str) -> tuple[tuple[Rule, Pattern], ...]:
        """The rules that can start with this trigger (a word, or one character), in file order."""
        hits = self.word_rules.get(trigger.lower())
        if hits is not None:
            return hits
        return self._starting_with(trigger[0])

    def rules_at(self, text: str, pos: int, trigger: str) -> tuple[tuple[Rule, Pattern], ...]:
        """The rules of this trigger (a word or a character) that can start with it and the next
        few characters of the text: "12,0" rules out the dates, clock times and fractions that
        "1" alone allows, "the b" the rules of "the whole"."""
        key = text[pos : pos + len(trigger) + KEY_CHARS]
        hits = self._key_rules.get(key)
        if hits is None:
            # the rules blind to which digit is which are tried on the key with every digit
            # made 0 ("12,0" and "35,7" share that answer, and there are few such keys); only
            # the others ("decade 1990s") are tried on the key itself
            blind = self._blind_rules(trigger, key.translate(_ZEROS))
            sighted = tuple(
                (r, p) for r, p in self._sighted_rules(trigger, key) if p.match(key, partial=True)
            )
            hits = (
                blind
                if not sighted
                else tuple(sorted(blind + sighted, key=lambda rp: self._order[rp[0].name]))
            )
            _remember(self._key_rules, key, hits)
        return hits

    def _blind_rules(self, trigger: str, norm: str) -> tuple[tuple[Rule, Pattern], ...]:
        """The digit-blind rules of ``trigger`` that can start with ``norm`` (digits made 0)."""
        hits = self._norm_rules.get(norm)
        if hits is None:
            hits = tuple(
                (r, p)
                for r, p in self.rules_for(trigger)
                if self._blind.get(r.name) and p.match(norm, partial=True)
            )
            _remember(self._norm_rules, norm, hits)
        return hits

    def _sighted_rules(self, trigger: str, key: str) -> tuple[tuple[Rule, Pattern], ...]:
        """The other rules of ``trigger`` that can start with its first two characters."""
        short = key[: len(trigger) + 1]
        hits = self._short_rules.get(short)
        if hits is None:
            hits = tuple(
                (r, p)
                for r, p in self.rules_for(trigger)
                if not self._blind.get(r.name) and p.match(short, partial=True)
            )
            _remember(self._short_rules, short, hits)
        return hits

    def triggers(self, text: str, timeout: float | None) -> list[tuple[int, str]]:
        """Every trigger in the text as (position, trigger), ordered by position."""
        low = text.lower()
        # (one span call per match, not two or three method calls)
        if len(low) == len(text):  # no character grew ("İ" does): the offsets are the text's
            found = [(s, text[s:e]) for s, e in map(_RE_SPAN, self._word_trigger_lower.finditer(low))]
        else:
            found = [(s, text[s:e]) for s, e in map(_SPAN, self.word_trigger.finditer(text, timeout=timeout))]
        found += [(s, text[s:e]) for s, e in map(_SPAN, DIGIT_TRIGGER.finditer(text, timeout=timeout))]
        found += [(s, text[s:e]) for s, e in map(_SPAN, SYMBOL_TRIGGER.finditer(text, timeout=timeout))]
        found.sort()
        return found


def _remember(
    memo: dict[str, tuple[tuple[Rule, Pattern], ...]], key: str, hits: tuple[tuple[Rule, Pattern], ...]
) -> None:
    """Store in a memo bounded to KEY_CACHE_MAX keys: a long-running server sees endless keys."""
    if len(memo) >= KEY_CACHE_MAX:
        memo.clear()
    memo[key] = hits


def _trie(words: Iterable[str]) -> str:
    """A regex matching exactly the given words, their common prefixes factored out."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [regex.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)
