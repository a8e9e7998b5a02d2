"""Domain errors raised by the engine. The service maps them to gRPC status codes in one place."""

from __future__ import annotations


class QuantspanError(Exception):
    """Base class of every error the engine raises on purpose."""


class RulesError(QuantspanError):
    """The rules could not be loaded. The message names ``file:rule:field``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.detail = message


class InvalidRequest(QuantspanError):
    """The request cannot be served as asked (unknown language, unknown kind, bad text)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.description = message


class UnsupportedLanguage(InvalidRequest):
    """No rules are loaded for the requested language."""

    def __init__(self, language: str, supported: tuple[str, ...]) -> None:
        super().__init__(
            "language", f"language {language!r} is not supported; supported: {', '.join(supported)}"
        )
        self.language = language


class ExtractionTimeout(QuantspanError):
    """The extraction ran out of its time budget and was stopped."""
