"""Phrase lookup on the tokens right before or right after a position of the text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import regex

from quantspan.engine.rules import TOKEN_RE, Lexicon, tokens

T = TypeVar("T")

WINDOW = 48  # characters looked at on either side of a number


# a run of tokens separated only by blanks with at most one line break, read forwards or
# backwards from a position in one regex match (its repeated group keeps every token)
_SEP = r"[^\S\n]*+(?:\n[^\S\n]*+)?"
_RUNS: dict[tuple[bool, int], regex.Pattern[str]] = {}


def _run(backwards: bool, limit: int) -> regex.Pattern[str]:
    pat = _RUNS.get((backwards, limit))
    if pat is None:
        tok = TOKEN_RE.pattern
        body = rf"(?r)(?:({tok}){_SEP}){{0,{limit}}}" if backwards else rf"(?:{_SEP}({tok})){{0,{limit}}}"
        pat = _RUNS[(backwards, limit)] = regex.compile(body)
    return pat


def tokens_before(text: str, pos: int, limit: int = 5, window: int = WINDOW) -> list[tuple[str, int]]:
    """The last ``limit`` tokens ending at ``pos`` within ``window`` characters, separated only
    by spaces (and at most one line break), as (token, start) pairs in text order."""
    m = _run(True, limit).match(text, max(0, pos - window), pos)
    return list(zip(reversed(m.captures(1)), reversed(m.starts(1)), strict=True)) if m else []


def tokens_after(text: str, pos: int, limit: int = 5) -> list[tuple[str, int]]:
    """The first ``limit`` tokens starting at ``pos``, separated only by spaces (and at most
    one line break), as (token, start) pairs."""
    m = _run(False, limit).match(text, pos, min(len(text), pos + WINDOW))
    return list(zip(m.captures(1), m.starts(1), strict=True)) if m else []


# characters of plain ASCII text whose token is known without the regex: letters (a word
# ends at any other ASCII character but "." and "'"), digits and one-character symbols
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset("0123456789")
_SYMBOLS = frozenset(chr(c) for c in range(33, 127) if not chr(c).isalnum() and chr(c) not in "_.'")
_BLANKS = " \t"


def last_token(text: str, pos: int) -> str | None:
    """The last token of ``tokens_before(text, pos)``, lower-cased ("" when there is none),
    read with a few character tests; None when the text there is not plain ASCII (a line
    break, an apostrophe or a dot after a word, any other character), and only the regex can
    tell. Lets a phrase lookup that cannot match skip reading the tokens."""
    lo = max(0, pos - WINDOW)
    i = pos - 1
    while i >= lo and text[i] in _BLANKS:
        i -= 1
    if i < lo:
        return ""
    c = text[i]
    if c in _LETTERS or c in _DIGITS:
        run = _LETTERS if c in _LETTERS else _DIGITS
        j = i
        while j > lo and text[j - 1] in run:
            j -= 1
        if j > lo:
            prev = text[j - 1]
            if not prev.isascii() or (run is _LETTERS and prev in ".'"):
                return None  # "U.S", "o'clock", or a letter or digit beyond ASCII
        return text[j : i + 1].lower()
    if c in _SYMBOLS:
        return c
    if c == "." or c == "'":
        if i > lo and (text[i - 1] in _LETTERS or not text[i - 1].isascii()):
            return None  # "etc." or "U.S.": a word's dot
        return c
    return None


def first_token(text: str, pos: int) -> str | None:
    """The first token of ``tokens_after(text, pos)``, lower-cased ("" when there is none),
    read with a few character tests; None when only the regex can tell (see last_token)."""
    n = min(len(text), pos + WINDOW)
    i = pos
    while i < n and text[i] in _BLANKS:
        i += 1
    if i >= n:
        return ""
    c = text[i]
    if c in _LETTERS or c in _DIGITS:
        run = _LETTERS if c in _LETTERS else _DIGITS
        j = i + 1
        while j < n and text[j] in run:
            j += 1
        if j < n:
            nxt = text[j]
            if not nxt.isascii():
                return None
            if run is _LETTERS and nxt in ".'":
                if j + 1 < n and (text[j + 1] in _LETTERS or not text[j + 1].isascii()):
                    return None  # "U.S.", "o'clock"
                if nxt == ".":
                    j += 1  # "km.": a word keeps its final dot
        return text[i:j].lower()
    if c in _SYMBOLS or c == "." or c == "'":
        return c
    return None


def _could_start(firsts: frozenset[str] | set[str], toks: list[tuple[str, int]]) -> bool:
    """Whether some phrase starts with the first token (or with it less a final dot)."""
    first = toks[0][0].lower()
    return first in firsts or (first.endswith(".") and first[:-1] in firsts)


class _PhraseEnds:
    """The first and last words (lower-cased) of every phrase of a lexicon index: one set
    lookup tells whether a phrase can start or end at a token at all."""

    __slots__ = ("_firsts", "_lasts")

    def __init__(self) -> None:
        self._firsts: set[str] = set()
        self._lasts: set[str] = set()

    def may_end(self, last: str | None) -> bool:
        """Whether a phrase may end with this token (see last_token; None: may)."""
        return last is None or last in self._lasts

    def may_start(self, first: str | None) -> bool:
        """Whether a phrase may start with this token (see first_token; None: may)."""
        return first is None or first in self._firsts or (first[-1:] == "." and first[:-1] in self._firsts)


class PhraseMatcher(_PhraseEnds, Generic[T]):
    """Finds the longest phrase of some lexicons at the end (or start) of a token list.

    Each lexicon is tagged with a payload (a rule); on equal keys the first lexicon added wins.
    The first and last words of every phrase (lower-cased) are kept apart: most token lists
    start or end with a word no phrase has, and one set lookup settles them.
    """

    __slots__ = ("_exact", "_folded", "maxlen")

    def __init__(self) -> None:
        super().__init__()
        self._exact: dict[tuple[str, ...], tuple[T, int]] = {}
        self._folded: dict[tuple[str, ...], tuple[T, int]] = {}
        self.maxlen = 0

    def add(self, lexicon: Lexicon, payload: T, phrases: Iterable[str] | None = None) -> None:
        """Index every phrase of ``lexicon`` with ``payload``."""
        table = self._exact if lexicon.case_sensitive else self._folded
        for phrase in phrases if phrases is not None else lexicon.phrases:
            toks = tokens(phrase)
            if not toks:
                continue
            key = lexicon.key(toks)
            table.setdefault(key, (payload, len(phrase)))
            self._firsts.add(toks[0].lower())
            self._lasts.add(toks[-1].lower())
            self.maxlen = max(self.maxlen, len(toks))

    def _lookup(self, toks: list[str]) -> T | None:
        key = tuple(toks)
        hit = self._exact.get(key)
        if hit is None:
            hit = self._folded.get(tuple(map(str.lower, toks)))
        return hit[0] if hit else None

    def _lookup_end(self, toks: list[str]) -> tuple[T, int] | None:
        """Like _lookup; a last token with a sentence-final dot ("July.") also matches
        without it. Returns (payload, characters to drop from the end)."""
        hit = self._lookup(toks)
        if hit is not None:
            return hit, 0
        last = toks[-1]
        if len(last) > 1 and last.endswith("."):
            hit = self._lookup([*toks[:-1], last[:-1]])
            if hit is not None:
                return hit, 1
        return None

    def match_end(self, toks: list[tuple[str, int]]) -> tuple[T, int] | None:
        """The longest phrase that ends the token list: (payload, start of the phrase)."""
        if not toks or toks[-1][0].lower() not in self._lasts:
            return None
        for n in range(min(self.maxlen, len(toks)), 0, -1):
            payload = self._lookup([t for t, _ in toks[-n:]])
            if payload is not None:
                return payload, toks[-n][1]
        return None

    def match_start(self, toks: list[tuple[str, int]]) -> tuple[T, int] | None:
        """The longest phrase that starts the token list: (payload, end of the phrase)."""
        if not toks or not _could_start(self._firsts, toks):
            return None
        for n in range(min(self.maxlen, len(toks)), 0, -1):
            hit = self._lookup_end([t for t, _ in toks[:n]])
            if hit is not None:
                last, start = toks[n - 1]
                return hit[0], start + len(last) - hit[1]
        return None

    def match_all(self, toks: list[tuple[str, int]]) -> T | None:
        """The phrase that is exactly the token list."""
        if not toks or len(toks) > self.maxlen or toks[-1][0].lower() not in self._lasts:
            return None
        return self._lookup([t for t, _ in toks])


class PhraseIndex(_PhraseEnds, Generic[T]):
    """Every payload whose phrase ends (or starts) a token list, whatever its length: one pass
    answers for many rules at once."""

    __slots__ = ("_exact", "_folded", "maxlen")

    def __init__(self) -> None:
        super().__init__()
        self._exact: dict[tuple[str, ...], set[T]] = {}
        self._folded: dict[tuple[str, ...], set[T]] = {}
        self.maxlen = 0

    def add(self, lexicon: Lexicon, payload: T) -> None:
        """Index every phrase of ``lexicon`` with ``payload``."""
        table = self._exact if lexicon.case_sensitive else self._folded
        for phrase in lexicon.phrases:
            toks = tokens(phrase)
            if toks:
                table.setdefault(lexicon.key(toks), set()).add(payload)
                self._firsts.add(toks[0].lower())
                self._lasts.add(toks[-1].lower())
                self.maxlen = max(self.maxlen, len(toks))

    def _hits(self, words: list[str], out: set[T]) -> None:
        key = tuple(words)
        hit = self._exact.get(key)
        if hit:
            out |= hit
        hit = self._folded.get(tuple(map(str.lower, words)))
        if hit:
            out |= hit

    def at_end(self, toks: list[tuple[str, int]]) -> set[T]:
        """Payloads of the phrases that end the token list."""
        out: set[T] = set()
        if not toks or toks[-1][0].lower() not in self._lasts:
            return out
        for n in range(1, min(self.maxlen, len(toks)) + 1):
            self._hits([t for t, _ in toks[-n:]], out)
        return out

    def at_start(self, toks: list[tuple[str, int]]) -> set[T]:
        """Payloads of the phrases that start the token list (a last token's sentence-final
        dot may be dropped: "July.")."""
        out: set[T] = set()
        if not toks or not _could_start(self._firsts, toks):
            return out
        for n in range(1, min(self.maxlen, len(toks)) + 1):
            words = [t for t, _ in toks[:n]]
            self._hits(words, out)
            if len(words[-1]) > 1 and words[-1].endswith("."):
                self._hits([*words[:-1], words[-1][:-1]], out)
        return out
