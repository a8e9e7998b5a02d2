"""The rule files' YAML documents, parsed once per content.

Building the Python objects of a YAML document costs about a third of a worker's start-up
(the rule files hold every rule's examples). A parsed document is kept as a ``marshal`` file
named by the SHA-256 of the file's bytes, the Python version and PyYAML's version, in
``$QUANTSPAN_CACHE_DIR`` (default ``$XDG_CACHE_HOME/quantspan``, else
``~/.cache/quantspan``; ``off`` turns the cache off). A key is a content hash, so an edited
file is simply parsed again: the cache cannot be stale. A cache that cannot be read or written
(a read-only home, a damaged file) is passed over and the file parsed as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it: the rule files load several times faster
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(_BASE_LOADER):
    """The safe loader, which also refuses a mapping that holds a key twice: YAML keeps the
    last one silently, so a rule's second ``examples:`` would hide its first."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                except TypeError:  # an unhashable key: the base class says so
                    break
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"found the key {key!r} twice",
                        key_node.start_mark,
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


_SALT = f"{sys.version_info[:2]}:{marshal.version}:{yaml.__version__}:{_BASE_LOADER.__name__}:unique".encode()


def cache_dir() -> Path | None:
    """Where parsed documents are kept; None when the cache is off."""
    env = os.environ.get("QUANTSPAN_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quantspan"


def load(data: bytes) -> Any:
    """The YAML document in ``data`` (yaml.YAMLError when it is not valid YAML)."""
    where = cache_dir()
    path = None
    if where is not None:
        path = where / f"{hashlib.sha256(_SALT + data).hexdigest()}.marshal"
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not cached yet, or unreadable: parse
    doc = yaml.load(data, Loader=UniqueKeyLoader)
    if path is not None:
        _store(path, doc)
    return doc


def _store(path: Path, doc: Any) -> None:
    """Write ``doc`` to ``path`` atomically; give up quietly when it cannot be (a value marshal
    cannot hold, such as a date, or a directory that cannot be written)."""
    try:
        blob = marshal.dumps(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass
