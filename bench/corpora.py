"""The documents the benchmarks run on, loaded the same way by every harness and subprocess.

- ``wiki``: the 65 Wikipedia articles shipped inside quantulum3 (``_lang/en_US/train/wiki.json``),
  found through importlib.resources;
- ``peer-suites``: every ``text`` of ``*.jsonl`` in the peer suites folder (files in name order,
  lines in file order), ``../shared/peer-suites`` from the repository unless BENCH_PEER_SUITES
  names another folder; absent in a plain clone, and then skipped;
- ``seed``: the seed article ``seeds/000_d0e80a7b2713b16c.txt``.
"""

from __future__ import annotations

import importlib.resources
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

REPO: Final = Path(__file__).resolve().parents[1]
SEED_PATH: Final = REPO / "seeds" / "000_d0e80a7b2713b16c.txt"
PEER_SUITES_ENV: Final = "BENCH_PEER_SUITES"
DEFAULT_PEER_SUITES: Final = REPO.parent / "shared" / "peer-suites"
WIKI_RESOURCE: Final = ("_lang", "en_US", "train", "wiki.json")
#: Separator between the documents glued into one (scaling series, 50 KB load-test document).
JOIN: Final = "\n\n"


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    source: str
    docs: tuple[str, ...]

    @property
    def chars(self) -> int:
        return sum(len(d) for d in self.docs)


def wiki() -> Corpus:
    """The Wikipedia articles of quantulum3's training data, in file order."""
    resource = importlib.resources.files("quantulum3").joinpath(*WIKI_RESOURCE)
    articles = json.loads(resource.read_text(encoding="utf-8"))
    docs = tuple(a["text"] for a in articles if a.get("text"))
    return Corpus("wiki", f"quantulum3/{'/'.join(WIKI_RESOURCE)}", docs)


def peer_suites_dir() -> Path:
    value = os.environ.get(PEER_SUITES_ENV)
    return Path(value) if value else DEFAULT_PEER_SUITES


def peer_suites() -> tuple[Corpus | None, str]:
    """The texts of the peer suites, or None and the reason they are skipped."""
    folder = peer_suites_dir()
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        why = "not found" if not folder.is_dir() else "has no *.jsonl"
        return None, (
            f"peer-suites corpus skipped: {folder} {why} "
            f"(it exists on dev machines and CI; set {PEER_SUITES_ENV}=DIR to point elsewhere)"
        )
    docs: list[str] = []
    for path in files:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    text = json.loads(line).get("text")
                    if text:
                        docs.append(text)
    return Corpus("peer-suites", f"{folder} ({len(files)} files)", tuple(docs)), ""


def seed() -> Corpus:
    return Corpus("seed", str(SEED_PATH.relative_to(REPO)), (SEED_PATH.read_text(encoding="utf-8"),))


def seed_sentence() -> str:
    """The first sentence of the seed article (its first line)."""
    return seed().docs[0].split("\n", 1)[0].strip()


def prefix_within(docs: tuple[str, ...] | list[str], budget: int) -> int:
    """How many leading documents fit in ``budget`` characters (at least one)."""
    total = 0
    for n, doc in enumerate(docs):
        total += len(doc)
        if total > budget:
            return max(n, 1)
    return len(docs)


def glued(docs: tuple[str, ...] | list[str], size: int) -> str:
    """The documents joined and cut to at most ``size`` characters, at a whitespace if one is near."""
    if not any(docs):
        raise ValueError("no text to glue")
    parts: list[str] = []
    total = 0
    while total < size:
        for doc in docs:
            parts.append(doc)
            total += len(doc) + len(JOIN)
            if total >= size:
                break
    text = JOIN.join(parts)[:size]
    cut = max(text.rfind(" "), text.rfind("\n"))
    if len(text) == size and cut > size * 0.99:
        text = text[:cut]
    return text
