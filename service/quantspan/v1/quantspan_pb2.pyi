from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KIND_UNSPECIFIED: _ClassVar[Kind]
    COUNT: _ClassVar[Kind]
    MONEY: _ClassVar[Kind]
    PERCENTAGE: _ClassVar[Kind]
    DURATION: _ClassVar[Kind]
    MEASUREMENT: _ClassVar[Kind]

class Modifier(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODIFIER_UNSPECIFIED: _ClassVar[Modifier]
    EXACT: _ClassVar[Modifier]
    APPROXIMATE: _ClassVar[Modifier]
    AT_LEAST: _ClassVar[Modifier]
    AT_MOST: _ClassVar[Modifier]
    MORE_THAN: _ClassVar[Modifier]
    LESS_THAN: _ClassVar[Modifier]
    NEARLY: _ClassVar[Modifier]
    RANGE: _ClassVar[Modifier]
    TOLERANCE: _ClassVar[Modifier]
    VAGUE: _ClassVar[Modifier]
KIND_UNSPECIFIED: Kind
COUNT: Kind
MONEY: Kind
PERCENTAGE: Kind
DURATION: Kind
MEASUREMENT: Kind
MODIFIER_UNSPECIFIED: Modifier
EXACT: Modifier
APPROXIMATE: Modifier
AT_LEAST: Modifier
AT_MOST: Modifier
MORE_THAN: Modifier
LESS_THAN: Modifier
NEARLY: Modifier
RANGE: Modifier
TOLERANCE: Modifier
VAGUE: Modifier

class ExtractRequest(_message.Message):
    __slots__ = ("text", "language", "request_id", "kinds", "explain")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    text: str
    language: str
    request_id: str
    kinds: _containers.RepeatedScalarFieldContainer[Kind]
    explain: bool
    def __init__(self, text: _Optional[str] = ..., language: _Optional[str] = ..., request_id: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[Kind, str]]] = ..., explain: _Optional[bool] = ...) -> None: ...

class ExtractResponse(_message.Message):
    __slots__ = ("request_id", "quantities", "rules_version", "rejections")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITIES_FIELD_NUMBER: _ClassVar[int]
    RULES_VERSION_FIELD_NUMBER: _ClassVar[int]
    REJECTIONS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    quantities: _containers.RepeatedCompositeFieldContainer[Quantity]
    rules_version: str
    rejections: _containers.RepeatedCompositeFieldContainer[Rejection]
    def __init__(self, request_id: _Optional[str] = ..., quantities: _Optional[_Iterable[_Union[Quantity, _Mapping]]] = ..., rules_version: _Optional[str] = ..., rejections: _Optional[_Iterable[_Union[Rejection, _Mapping]]] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("start", "end", "utf8_start", "utf8_end", "utf16_start", "utf16_end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    UTF8_START_FIELD_NUMBER: _ClassVar[int]
    UTF8_END_FIELD_NUMBER: _ClassVar[int]
    UTF16_START_FIELD_NUMBER: _ClassVar[int]
    UTF16_END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    utf8_start: int
    utf8_end: int
    utf16_start: int
    utf16_end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ..., utf8_start: _Optional[int] = ..., utf8_end: _Optional[int] = ..., utf16_start: _Optional[int] = ..., utf16_end: _Optional[int] = ...) -> None: ...

class Unit(_message.Message):
    __slots__ = ("name", "symbol", "dimension", "currency_code", "uri")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    name: str
    symbol: str
    dimension: str
    currency_code: str
    uri: str
    def __init__(self, name: _Optional[str] = ..., symbol: _Optional[str] = ..., dimension: _Optional[str] = ..., currency_code: _Optional[str] = ..., uri: _Optional[str] = ...) -> None: ...

class Normalized(_message.Message):
    __slots__ = ("value", "low", "high", "unit")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    value: float
    low: float
    high: float
    unit: Unit
    def __init__(self, value: _Optional[float] = ..., low: _Optional[float] = ..., high: _Optional[float] = ..., unit: _Optional[_Union[Unit, _Mapping]] = ...) -> None: ...

class Quantity(_message.Message):
    __slots__ = ("text", "span", "kind", "modifier", "approximate", "value", "low", "high", "low_inclusive", "high_inclusive", "unit", "normalized", "quantified", "rules")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MODIFIER_FIELD_NUMBER: _ClassVar[int]
    APPROXIMATE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    LOW_INCLUSIVE_FIELD_NUMBER: _ClassVar[int]
    HIGH_INCLUSIVE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    NORMALIZED_FIELD_NUMBER: _ClassVar[int]
    QUANTIFIED_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    text: str
    span: Span
    kind: Kind
    modifier: Modifier
    approximate: bool
    value: float
    low: float
    high: float
    low_inclusive: bool
    high_inclusive: bool
    unit: Unit
    normalized: Normalized
    quantified: str
    rules: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, text: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., kind: _Optional[_Union[Kind, str]] = ..., modifier: _Optional[_Union[Modifier, str]] = ..., approximate: _Optional[bool] = ..., value: _Optional[float] = ..., low: _Optional[float] = ..., high: _Optional[float] = ..., low_inclusive: _Optional[bool] = ..., high_inclusive: _Optional[bool] = ..., unit: _Optional[_Union[Unit, _Mapping]] = ..., normalized: _Optional[_Union[Normalized, _Mapping]] = ..., quantified: _Optional[str] = ..., rules: _Optional[_Iterable[str]] = ...) -> None: ...

class Rejection(_message.Message):
    __slots__ = ("text", "span", "rule", "reason")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    text: str
    span: Span
    rule: str
    reason: str
    def __init__(self, text: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., rule: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Limits(_message.Message):
    __slots__ = ("max_text_chars", "max_concurrent_rpcs", "max_message_bytes", "max_deadline_ms")
    MAX_TEXT_CHARS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENT_RPCS_FIELD_NUMBER: _ClassVar[int]
    MAX_MESSAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_DEADLINE_MS_FIELD_NUMBER: _ClassVar[int]
    max_text_chars: int
    max_concurrent_rpcs: int
    max_message_bytes: int
    max_deadline_ms: int
    def __init__(self, max_text_chars: _Optional[int] = ..., max_concurrent_rpcs: _Optional[int] = ..., max_message_bytes: _Optional[int] = ..., max_deadline_ms: _Optional[int] = ...) -> None: ...

class GetInfoResponse(_message.Message):
    __slots__ = ("server_version", "rules_version", "languages", "kinds", "limits", "last_rules_error", "instance")
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    RULES_VERSION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    LAST_RULES_ERROR_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_FIELD_NUMBER: _ClassVar[int]
    server_version: str
    rules_version: str
    languages: _containers.RepeatedScalarFieldContainer[str]
    kinds: _containers.RepeatedScalarFieldContainer[Kind]
    limits: Limits
    last_rules_error: str
    instance: str
    def __init__(self, server_version: _Optional[str] = ..., rules_version: _Optional[str] = ..., languages: _Optional[_Iterable[str]] = ..., kinds: _Optional[_Iterable[_Union[Kind, str]]] = ..., limits: _Optional[_Union[Limits, _Mapping]] = ..., last_rules_error: _Optional[str] = ..., instance: _Optional[str] = ...) -> None: ...
