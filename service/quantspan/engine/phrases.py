"""Phrase lookup on the tokens right before or right after a position of the text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from quantspan.engine.rules import TOKEN_RE, Lexicon, tokens

T = TypeVar("T")

WINDOW = 48  # characters looked at on either side of a number


def tokens_before(text: str, pos: int, limit: int = 5) -> list[tuple[str, int]]:
    """The last ``limit`` tokens ending at ``pos``, separated only by spaces (and at most one
    line break), as (token, start) pairs in text order."""
    w0 = max(0, pos - WINDOW)
    found = [(m.group(), m.start()) for m in TOKEN_RE.finditer(text, w0, pos)]
    out: list[tuple[str, int]] = []
    edge = pos
    for tok, start in reversed(found):
        gap = text[start + len(tok) : edge]
        if gap and (gap.strip() or gap.count("\n") > 1):
            break
        out.append((tok, start))
        edge = start
        if len(out) == limit:
            break
    out.reverse()
    return out


def tokens_after(text: str, pos: int, limit: int = 5) -> list[tuple[str, int]]:
    """The first ``limit`` tokens starting at ``pos``, separated only by spaces (and at most
    one line break), as (token, start) pairs."""
    out: list[tuple[str, int]] = []
    edge = pos
    for m in TOKEN_RE.finditer(text, pos, min(len(text), pos + WINDOW)):
        gap = text[edge : m.start()]
        if gap and (gap.strip() or gap.count("\n") > 1):
            break
        out.append((m.group(), m.start()))
        edge = m.end()
        if len(out) == limit:
            break
    return out


class PhraseMatcher(Generic[T]):
    """Finds the longest phrase of some lexicons at the end (or start) of a token list.

    Each lexicon is tagged with a payload (a rule); on equal keys the first lexicon added wins.
    """

    __slots__ = ("_exact", "_folded", "maxlen")

    def __init__(self) -> None:
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
            self.maxlen = max(self.maxlen, len(toks))

    def _lookup(self, toks: list[str]) -> T | None:
        key = tuple(toks)
        hit = self._exact.get(key)
        if hit is None:
            hit = self._folded.get(tuple(t.lower() for t in toks))
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
        for n in range(min(self.maxlen, len(toks)), 0, -1):
            payload = self._lookup([t for t, _ in toks[-n:]])
            if payload is not None:
                return payload, toks[-n][1]
        return None

    def match_start(self, toks: list[tuple[str, int]]) -> tuple[T, int] | None:
        """The longest phrase that starts the token list: (payload, end of the phrase)."""
        for n in range(min(self.maxlen, len(toks)), 0, -1):
            hit = self._lookup_end([t for t, _ in toks[:n]])
            if hit is not None:
                last, start = toks[n - 1]
                return hit[0], start + len(last) - hit[1]
        return None

    def match_all(self, toks: list[tuple[str, int]]) -> T | None:
        """The phrase that is exactly the token list."""
        if not toks or len(toks) > self.maxlen:
            return None
        return self._lookup([t for t, _ in toks])


class PhraseIndex(Generic[T]):
    """Every payload whose phrase ends (or starts) a token list, whatever its length: one pass
    answers for many rules at once."""

    __slots__ = ("_exact", "_folded", "maxlen")

    def __init__(self) -> None:
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
                self.maxlen = max(self.maxlen, len(toks))

    def _hits(self, words: list[str], out: set[T]) -> None:
        key = tuple(words)
        hit = self._exact.get(key)
        if hit:
            out |= hit
        hit = self._folded.get(tuple(w.lower() for w in words))
        if hit:
            out |= hit

    def at_end(self, toks: list[tuple[str, int]]) -> set[T]:
        """Payloads of the phrases that end the token list."""
        out: set[T] = set()
        for n in range(1, min(self.maxlen, len(toks)) + 1):
            self._hits([t for t, _ in toks[-n:]], out)
        return out

    def at_start(self, toks: list[tuple[str, int]]) -> set[T]:
        """Payloads of the phrases that start the token list (a last token's sentence-final
        dot may be dropped: "July.")."""
        out: set[T] = set()
        for n in range(1, min(self.maxlen, len(toks)) + 1):
            words = [t for t, _ in toks[:n]]
            self._hits(words, out)
            if len(words[-1]) > 1 and words[-1].endswith("."):
                self._hits([*words[:-1], words[-1][:-1]], out)
        return out
