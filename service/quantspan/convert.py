"""Conversions between the engine's plain results and the quantspan.v1 protobuf messages.

Everything here is pure: no gRPC, no I/O. The enum tables are built once, at import, from the
names the engine and the contract share; a name missing on either side fails the import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError, Message

from quantspan.engine import InvalidRequest, Kind, Modifier, OffsetMapper
from quantspan.engine.model import Extraction, Quantity, Rejection, Unit
from quantspan.v1 import quantspan_pb2 as pb

#: Engine Kind -> quantspan.v1.Kind number, and back.
KIND_TO_PB: Final = MappingProxyType({k: pb.Kind.Value(k.value) for k in Kind})
PB_TO_KIND: Final = MappingProxyType({v: k for k, v in KIND_TO_PB.items()})
#: Engine Modifier -> quantspan.v1.Modifier number.
MODIFIER_TO_PB: Final = MappingProxyType({m: pb.Modifier.Value(m.value) for m in Modifier})

DEFAULT_LANGUAGE: Final = "en"


class RequestViolations(InvalidRequest):
    """One or more fields of a request are invalid; ``violations`` lists (field, description)."""

    def __init__(self, violations: Sequence[tuple[str, str]]) -> None:
        field, description = violations[0]
        super().__init__(field, description)
        self.violations: tuple[tuple[str, str], ...] = tuple(violations)


class MalformedRequest(RequestViolations):
    """The request bytes do not parse: invalid UTF-8 in a string field, or a bad wire format.

    A violation whose field is "" concerns the message as a whole.
    """


@dataclass(frozen=True, slots=True)
class EngineArgs:
    """The keyword arguments of ``Extractor.extract`` for one request (deadline aside)."""

    text: str
    language: str
    kinds: tuple[Kind, ...]
    explain: bool


def request_to_args(request: pb.ExtractRequest, *, max_text_chars: int) -> EngineArgs:
    """Validate an ExtractRequest and turn it into engine arguments.

    Raises RequestViolations naming every invalid field: text over ``max_text_chars`` code
    points, KIND_UNSPECIFIED or an unknown number in ``kinds``. The language is checked by the
    engine (it knows which languages it has rules for).
    """
    violations: list[tuple[str, str]] = []
    n_chars = len(request.text)
    if n_chars > max_text_chars:
        violations.append(
            ("text", f"text has {n_chars} code points; the limit is max_text_chars={max_text_chars}")
        )
    kinds: list[Kind] = []
    for i, number in enumerate(request.kinds):
        kind = PB_TO_KIND.get(number)
        if kind is None:
            name = "KIND_UNSPECIFIED" if number == pb.KIND_UNSPECIFIED else f"unknown Kind value {number}"
            violations.append((f"kinds[{i}]", f"{name} is not a valid filter; use one of {_KIND_NAMES}"))
        elif kind not in kinds:
            kinds.append(kind)
    if violations:
        raise RequestViolations(violations)
    return EngineArgs(
        text=request.text,
        language=request.language or DEFAULT_LANGUAGE,
        kinds=tuple(kinds),
        explain=request.explain,
    )


_KIND_NAMES: Final = ", ".join(pb.Kind.Name(n) for n in sorted(PB_TO_KIND))


def unit_to_pb(unit: Unit) -> pb.Unit:
    """An engine Unit as a quantspan.v1.Unit."""
    return pb.Unit(
        name=unit.name,
        symbol=unit.symbol,
        dimension=unit.dimension,
        currency_code=unit.currency_code,
        uri=unit.uri,
    )


def _span(start: int, end: int, mapper: OffsetMapper) -> pb.Span:
    return pb.Span(
        start=start,
        end=end,
        utf8_start=mapper.utf8(start),
        utf8_end=mapper.utf8(end),
        utf16_start=mapper.utf16(start),
        utf16_end=mapper.utf16(end),
    )


def quantity_to_pb(q: Quantity, mapper: OffsetMapper) -> pb.Quantity:
    """An engine Quantity as a quantspan.v1.Quantity."""
    out = pb.Quantity(
        text=q.text,
        span=_span(q.start, q.end, mapper),
        kind=KIND_TO_PB[q.kind],
        modifier=MODIFIER_TO_PB[q.modifier],
        approximate=q.approximate,
        low_inclusive=q.low_inclusive,
        high_inclusive=q.high_inclusive,
        quantified=q.quantified,
        rules=q.rules,
    )
    if q.value is not None:
        out.value = q.value
    if q.low is not None:
        out.low = q.low
    if q.high is not None:
        out.high = q.high
    out.unit.CopyFrom(_unit_cached(q.unit))
    value, low, high, base = q.normalized
    norm = out.normalized
    if value is not None:
        norm.value = value
    if low is not None:
        norm.low = low
    if high is not None:
        norm.high = high
    norm.unit.CopyFrom(_unit_cached(base))
    return out


# Unit messages built once per unit (units are immutable); bounded, since compound units are
# composed from what texts contain.
_UNITS: dict[Unit, pb.Unit] = {}
_UNITS_MAX = 4096


def _unit_cached(unit: Unit) -> pb.Unit:
    msg = _UNITS.get(unit)
    if msg is None:
        msg = unit_to_pb(unit)
        if len(_UNITS) < _UNITS_MAX:
            _UNITS[unit] = msg
    return msg


def rejection_to_pb(r: Rejection, mapper: OffsetMapper) -> pb.Rejection:
    """An engine Rejection as a quantspan.v1.Rejection."""
    return pb.Rejection(text=r.text, span=_span(r.start, r.end, mapper), rule=r.rule, reason=r.reason)


def extraction_to_pb(extraction: Extraction, text: str, *, request_id: str = "") -> pb.ExtractResponse:
    """An engine Extraction of ``text`` as an ExtractResponse.

    The UTF-8/UTF-16 offsets of every span are prepared in one sweep over the text.
    """
    mapper = OffsetMapper(text)
    mapper.prepare(_positions(extraction.quantities, extraction.rejections))
    return pb.ExtractResponse(
        request_id=request_id,
        rules_version=extraction.rules_version,
        quantities=[quantity_to_pb(q, mapper) for q in extraction.quantities],
        rejections=[rejection_to_pb(r, mapper) for r in extraction.rejections],
    )


def _positions(quantities: Iterable[Quantity], rejections: Iterable[Rejection]) -> list[int]:
    positions: list[int] = []
    for item in (*quantities, *rejections):
        positions.append(item.start)
        positions.append(item.end)
    return positions


# --- Requests whose bytes do not parse -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Stands for a request message that failed to parse (bad wire format or invalid UTF-8).

    The service answers it with INVALID_ARGUMENT instead of gRPC's own INTERNAL.
    """

    message_type: str
    request_id: str
    violations: tuple[tuple[str, str], ...]

    def error(self) -> MalformedRequest:
        return MalformedRequest(self.violations)


def _bytes_twin(message_type: type[Message]) -> type[Message]:
    """A private message class with the same field numbers whose string fields are bytes.

    It parses what the real class rejects for invalid UTF-8, so the culprit field can be named.
    It lives in its own descriptor pool, out of reflection's way.
    """
    desc = message_type.DESCRIPTOR
    fdp = descriptor_pb2.FileDescriptorProto(
        name=f"quantspan_raw/{desc.full_name}.proto", package="quantspan_raw", syntax="proto3"
    )
    twin = fdp.message_type.add(name=desc.name)
    for field in desc.fields:
        if field.type == field.TYPE_STRING:
            twin.field.add(
                name=field.name,
                number=field.number,
                type=descriptor_pb2.FieldDescriptorProto.TYPE_BYTES,
                label=descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
                if _is_repeated(field)
                else descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
            )
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(f"quantspan_raw.{desc.name}"))


def _is_repeated(field: object) -> bool:
    is_repeated = getattr(field, "is_repeated", None)
    if is_repeated is not None:
        return bool(is_repeated)
    return getattr(field, "label", None) == descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED


def _diagnose(message_type: type[Message], twin: type[Message], data: bytes) -> Undecodable:
    name = message_type.DESCRIPTOR.full_name
    try:
        raw = twin.FromString(data)
    except DecodeError:
        return Undecodable(name, "", (("", f"the request is not a valid {name} message"),))
    violations: list[tuple[str, str]] = []
    request_id = ""
    for field in twin.DESCRIPTOR.fields:
        values = getattr(raw, field.name)
        for i, value in enumerate(values if _is_repeated(field) else [values]):
            path = f"{field.name}[{i}]" if _is_repeated(field) else field.name
            try:
                decoded = value.decode("utf-8")
            except UnicodeDecodeError as e:
                violations.append((path, f"{path} is not valid UTF-8: {e.reason} at byte {e.start}"))
            else:
                if field.name == "request_id":
                    request_id = decoded
    if not violations:  # parsed as bytes but not as the real type: some other wire problem
        violations.append(("", f"the request is not a valid {name} message"))
    return Undecodable(name, request_id, tuple(violations))


class SafeDeserializer:
    """A gRPC request deserializer that never raises: bytes that do not parse become Undecodable."""

    __slots__ = ("_message_type", "_twin")

    def __init__(self, message_type: type[Message]) -> None:
        self._message_type = message_type
        self._twin = _bytes_twin(message_type)

    def __call__(self, data: bytes) -> Message | Undecodable:
        try:
            return self._message_type.FromString(data)
        except DecodeError:
            return _diagnose(self._message_type, self._twin, data)
