"""Rules reloads without a restart: an atomically swapped engine reference and its reloader.

The servicer reads :attr:`EngineSlot.engine` once at the start of each request and uses that
engine to the end, so a swap never shows a request half-old, half-new rules. A reload builds a
whole new Extractor from the rules directory, validates it (it loads, compiles, and every rule
example passes) and only then swaps the one reference; a candidate that fails is dropped, the
previous rules keep serving and the error (``file:rule:field: message``) is kept for
GetInfo.last_rules_error until a good version loads.

Triggers: :meth:`RulesReloader.request` (the SIGHUP handler calls it) and, with ``poll``, a
change on disk (file names, sizes and mtimes, confirmed by a content hash).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from quantspan.engine import Extractor, RulesError

if TYPE_CHECKING:
    from quantspan.server import Engine

log = logging.getLogger(__name__)

#: Seconds between two looks at the rules directory with ``--watch-rules``.
POLL_SECONDS: Final = 1.0


class EngineSlot:
    """The engine requests use now, swapped as one reference, and the last reload error."""

    __slots__ = ("_engine", "last_error")

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.last_error = ""

    @property
    def engine(self) -> Engine:
        """The current engine: read it once per request."""
        return self._engine

    def swap(self, engine: Engine) -> Engine:
        """Make ``engine`` current and clear the error; returns the previous engine."""
        previous, self._engine = self._engine, engine
        self.last_error = ""
        return previous


def _files(rules_dir: Path) -> list[Path]:
    return sorted(p for p in rules_dir.rglob("*") if p.is_file() and not p.name.startswith("."))


def stat_signature(rules_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and mtimes of every file under ``rules_dir``: cheap to poll."""
    out = []
    for path in _files(rules_dir):
        try:
            st = path.stat()
        except OSError:  # removed while listing
            continue
        out.append((str(path.relative_to(rules_dir)), st.st_size, st.st_mtime_ns))
    return tuple(out)


def content_hash(rules_dir: Path) -> str:
    """SHA-256 of the names and bytes of every file under ``rules_dir``."""
    digest = hashlib.sha256()
    for path in _files(rules_dir):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        digest.update(str(path.relative_to(rules_dir)).encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def validate(candidate: Extractor) -> str:
    """Why ``candidate`` must not serve ("" when it may): its first failing rule example."""
    from quantspan.engine.examples import run_all

    failures = run_all(candidate)
    if not failures:
        return ""
    more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
    return f"rule example failed: {failures[0]}{more}"


def _count_reload(ok: bool) -> None:
    try:
        from quantspan import metrics
    except ImportError:  # pragma: no cover - metrics are optional
        return
    record = getattr(metrics, "record_rules_reload", None)
    if record is not None:
        record(ok=ok)


class RulesReloader:
    """Reloads ``rules_dir`` into ``slot`` on request or, with ``poll``, when the files change.

    ``load`` builds a candidate (``Extractor.load`` by default) and ``check`` says why it must
    not serve ("" if it may; by default every rule example must pass). ``on_swap`` is called
    with the new engine after each successful swap. ``count`` says whether reloads are counted
    in the metrics (a supervisor's own copy is not: its workers count theirs).
    """

    def __init__(
        self,
        rules_dir: Path,
        slot: EngineSlot,
        *,
        poll: bool = False,
        interval: float = POLL_SECONDS,
        load: Callable[[Path], Extractor] = Extractor.load,
        check: Callable[[Extractor], str] = validate,
        on_swap: Callable[[Engine], None] | None = None,
        count: bool = True,
    ) -> None:
        self.rules_dir = Path(rules_dir)
        self.slot = slot
        self.poll = poll
        self.interval = interval
        self._load = load
        self._check = check
        self._on_swap = on_swap
        self._count = count
        self._lock = threading.Lock()
        self._requested = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._signature = stat_signature(self.rules_dir)
        self._hash = content_hash(self.rules_dir)
        self.reloads = 0  # successful swaps
        self.failures = 0  # rejected candidates

    # --- triggers ------------------------------------------------------------------------

    def request(self) -> None:
        """Ask for a reload (safe from a signal handler: only sets an event)."""
        self._requested.set()

    def start(self) -> None:
        """Run the reload thread: it serves requests and, with ``poll``, watches the files."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="quantspan-rules-reload", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._requested.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stopped.is_set():
            requested = self._requested.wait(self.interval if self.poll else None)
            if self._stopped.is_set():
                return
            if requested:
                self._requested.clear()
                self.reload("reload requested")
            elif self.changed():
                self.reload("rules changed on disk")

    def changed(self) -> bool:
        """Whether the files differ from the last version looked at (loaded or rejected)."""
        signature = stat_signature(self.rules_dir)
        if signature == self._signature:
            return False
        self._signature = signature
        return content_hash(self.rules_dir) != self._hash

    # --- the reload ----------------------------------------------------------------------

    def reload(self, reason: str = "reload requested") -> bool:
        """Load, validate and swap in the rules now. True when the new rules serve."""
        with self._lock:
            self._signature = stat_signature(self.rules_dir)
            self._hash = content_hash(self.rules_dir)
            previous = self.slot.engine.rules_version
            try:
                candidate = self._load(self.rules_dir)
                error = self._check(candidate)
            except RulesError as e:
                error = str(e)
            except Exception as e:  # a loader bug must not take the server down
                log.exception("rules reload failed unexpectedly")
                error = f"{type(e).__name__}: {e}"
            if error:
                self.failures += 1
                self.slot.last_error = error
                if self._count:
                    _count_reload(False)
                log.error(
                    "rules reload rejected (%s); still serving rules %s: %s",
                    reason,
                    previous,
                    error,
                    extra={"fields": {"event": "rules_reload", "ok": False, "error": error}},
                )
                return False
            self.slot.swap(candidate)
            gc.unfreeze()  # the replaced rules were frozen at start-up: let the collector have them
            self.reloads += 1
            if self._count:
                _count_reload(True)
            log.info(
                "rules reloaded (%s): %s -> %s",
                reason,
                previous,
                candidate.rules_version,
                extra={
                    "fields": {"event": "rules_reload", "ok": True, "rules_version": candidate.rules_version}
                },
            )
        if self._on_swap is not None:
            self._on_swap(candidate)
        return True
