"""Extractor: loads the rules once, then extracts quantities from text (thread-safe)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quantspan.engine.model import Extraction, Kind


def default_rules_dir() -> Path:
    """The rules shipped with the package: ``rules/`` at the project root."""
    return Path(__file__).resolve().parents[3] / "rules"


class Extractor:
    """Interface placeholder; the rule-driven implementation replaces this body."""

    rules_version: str = ""
    languages: tuple[str, ...] = ("en",)

    @classmethod
    def load(cls, rules_dir: Path | str | None = None) -> Extractor:
        return cls()

    def extract(
        self,
        text: str,
        language: str = "en",
        kinds: Iterable[Kind] = (),
        explain: bool = False,
        deadline: float | None = None,
    ) -> Extraction:
        raise NotImplementedError
