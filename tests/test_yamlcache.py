"""The parsed-YAML cache: same documents as parsing, keyed by content, never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quantspan.engine import Extractor, yamlcache

ROOT = Path(__file__).resolve().parents[1]
DOC = b"family: numbers\nrules:\n  - name: x\n    examples: [{text: '3 km', expect: [{value: 3}]}]\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUANTSPAN_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_cached_document_is_the_parsed_one(cache: Path) -> None:
    first = yamlcache.load(DOC)
    assert len(list(cache.glob("*.marshal"))) == 1
    assert yamlcache.load(DOC) == first == yaml.safe_load(DOC)


def test_an_edited_file_is_parsed_again(cache: Path) -> None:
    yamlcache.load(DOC)
    edited = DOC.replace(b"3 km", b"4 km")
    assert yamlcache.load(edited)["rules"][0]["examples"][0]["text"] == "4 km"
    assert len(list(cache.glob("*.marshal"))) == 2


def test_a_damaged_cache_file_is_passed_over(cache: Path) -> None:
    yamlcache.load(DOC)
    (entry,) = cache.glob("*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert yamlcache.load(DOC) == yaml.safe_load(DOC)


def test_invalid_yaml_still_raises(cache: Path) -> None:
    with pytest.raises(yaml.YAMLError):
        yamlcache.load(b"rules: [unclosed\n")
    assert not list(cache.glob("*.marshal"))


def test_a_key_written_twice_is_refused(cache: Path) -> None:
    twice = b"rules:\n  - name: x\n    examples: [{text: a}]\n    examples: [{text: b}]\n"
    with pytest.raises(yaml.YAMLError, match="found the key 'examples' twice"):
        yamlcache.load(twice)
    assert not list(cache.glob("*.marshal"))
    assert yamlcache.load(b"a: 1\nb: {a: 2}\n") == {"a": 1, "b": {"a": 2}}  # the same key in two mappings


def test_a_value_marshal_cannot_hold_is_not_cached(cache: Path) -> None:
    assert str(yamlcache.load(b"when: 2024-03-05\n")["when"]) == "2024-03-05"
    assert not list(cache.glob("*.marshal"))


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUANTSPAN_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert yamlcache.cache_dir() is None
    assert yamlcache.load(DOC) == yaml.safe_load(DOC)
    assert not any(tmp_path.rglob("*.marshal"))


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("QUANTSPAN_CACHE_DIR", str(blocker / "cache"))
    assert yamlcache.load(DOC) == yaml.safe_load(DOC)


def test_the_rules_load_the_same_from_the_cache(cache: Path) -> None:
    cold = Extractor.load(ROOT / "rules")
    assert list(cache.glob("*.marshal"))
    warm = Extractor.load(ROOT / "rules")
    assert warm.rules_version == cold.rules_version
    text = "Of the 12,000 troops, at least 3,800 were killed; $2.5 billion and 40 km."
    assert warm.extract(text) == cold.extract(text)
