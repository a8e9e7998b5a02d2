"""Code-point offsets to UTF-8 and UTF-16 offsets, in one pass over sorted positions."""

from __future__ import annotations

from collections.abc import Iterable


class OffsetMapper:
    """Maps code-point offsets of one text to UTF-8 byte and UTF-16 unit offsets.

    Offsets are converted incrementally: asking for positions in increasing order costs
    O(len(text)) in all, not O(len(text)) per position. ASCII texts map to themselves.
    """

    __slots__ = ("_ascii", "_cache", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()
        self._cache: dict[int, tuple[int, int]] = {0: (0, 0)}

    def prepare(self, positions: Iterable[int]) -> None:
        """Precompute the offsets of many positions in one sweep."""
        if self._ascii:
            return
        text = self._text
        pos8 = pos16 = last = 0
        for p in sorted(set(positions)):
            if p in self._cache:
                last, (pos8, pos16) = p, self._cache[p]
                continue
            chunk = text[last:p]
            if chunk.isascii():
                n8 = n16 = len(chunk)
            else:
                n8 = len(chunk.encode("utf-8", "surrogatepass"))
                n16 = len(chunk.encode("utf-16-le", "surrogatepass")) // 2
            pos8 += n8
            pos16 += n16
            last = p
            self._cache[p] = (pos8, pos16)

    def utf8(self, pos: int) -> int:
        """UTF-8 byte offset of code-point offset ``pos``."""
        if self._ascii:
            return pos
        if pos not in self._cache:
            self.prepare([pos, *self._cache])
        return self._cache[pos][0]

    def utf16(self, pos: int) -> int:
        """UTF-16 code-unit offset of code-point offset ``pos``."""
        if self._ascii:
            return pos
        if pos not in self._cache:
            self.prepare([pos, *self._cache])
        return self._cache[pos][1]
