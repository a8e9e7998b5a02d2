"""Write docs/api.md: the quantspan.v1 API reference, from the proto's comments, the README's
error table and examples answered by the real service.

    python scripts/gen_api_docs.py            # or: make docs
    python scripts/gen_api_docs.py --check    # exit 1 if docs/api.md is stale (make docs-check)

Every message, field, enum value and RPC is documented with its comment in
proto/quantspan/v1/quantspan.proto, so the comments are the one source. The JSON examples are
real: the script starts the service in-process on 127.0.0.1 (a free port), sends the example
requests and prints what came back (protobuf JSON, as grpcurl shows it); only the values that
change from run to run or with every rules edit (rules_version, instance) are replaced by
placeholders.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import grpc
from google.protobuf import descriptor_pb2, json_format
from google.protobuf.message import Message
from grpc_status import rpc_status

ROOT = Path(__file__).resolve().parents[1]
PROTO = "quantspan/v1/quantspan.proto"
OUT = ROOT / "docs" / "api.md"
PLACEHOLDERS = {"rulesVersion": "<rules content hash>", "instance": "<hostname>:<pid>"}

# SourceCodeInfo paths: FileDescriptorProto fields, then the nested ones.
MESSAGE, ENUM, SERVICE = 4, 5, 6
FIELD, ENUM_VALUE, METHOD = 2, 2, 2

TYPE_NAMES = {
    descriptor_pb2.FieldDescriptorProto.TYPE_DOUBLE: "double",
    descriptor_pb2.FieldDescriptorProto.TYPE_FLOAT: "float",
    descriptor_pb2.FieldDescriptorProto.TYPE_INT64: "int64",
    descriptor_pb2.FieldDescriptorProto.TYPE_UINT64: "uint64",
    descriptor_pb2.FieldDescriptorProto.TYPE_INT32: "int32",
    descriptor_pb2.FieldDescriptorProto.TYPE_UINT32: "uint32",
    descriptor_pb2.FieldDescriptorProto.TYPE_BOOL: "bool",
    descriptor_pb2.FieldDescriptorProto.TYPE_STRING: "string",
    descriptor_pb2.FieldDescriptorProto.TYPE_BYTES: "bytes",
}


def file_descriptor() -> descriptor_pb2.FileDescriptorProto:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "set.binpb"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "grpc_tools.protoc",
                f"-I{ROOT / 'proto'}",
                "--include_source_info",
                f"--descriptor_set_out={out}",
                PROTO,
            ],
            check=True,
            timeout=60,
        )
        files = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    (fd,) = files.file
    return fd


def comments(fd: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    out = {}
    for location in fd.source_code_info.location:
        text = location.leading_comments.strip()
        if text:
            out[tuple(location.path)] = " ".join(line.strip() for line in text.splitlines())
    return out


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def type_name(field: descriptor_pb2.FieldDescriptorProto, package: str) -> str:
    if field.type_name:
        name = field.type_name.removeprefix(f".{package}.")
        name = f"[{name}](#{name.lower()})"
    else:
        name = TYPE_NAMES[field.type]
    if field.label == descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED:
        return f"repeated {name}"
    if field.proto3_optional:
        return f"optional {name}"
    return name


# --- Examples, answered by the real service ------------------------------------------------


@contextlib.contextmanager
def live_stub() -> Iterator[object]:
    sys.path.insert(0, str(ROOT / "service"))
    from quantspan.server import ServerConfig, create_server
    from quantspan.v1 import quantspan_pb2_grpc

    server, port = create_server(ServerConfig(host="127.0.0.1", port=0, max_text_chars=1_000_000))
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield quantspan_pb2_grpc.QuantityServiceStub(channel)
    finally:
        channel.close()
        server.stop(None).wait(10)


def as_json(message: Message) -> str:
    data = json_format.MessageToDict(message)
    for key, value in PLACEHOLDERS.items():
        if key in data:
            data[key] = value
    return json.dumps(data, indent=2, ensure_ascii=False)


def examples() -> list[str]:
    sys.path.insert(0, str(ROOT / "service"))
    from quantspan.v1 import quantspan_pb2 as pb

    out: list[str] = []
    with live_stub() as stub:
        request = pb.ExtractRequest(
            text="At least 3,800 troops walked about 12 km; costs rose 18% to $2.5 billion.",
            request_id="r1",
        )
        response = stub.Extract(request, timeout=30)
        out += [
            "### Extract",
            "",
            "Request:",
            "",
            "```json",
            as_json(request),
            "```",
            "",
            "Response:",
            "",
            "```json",
            as_json(response),
            "```",
            "",
        ]

        items = [
            pb.ExtractRequest(text="nearly two weeks", request_id="a"),
            pb.ExtractRequest(text="between 10,000 and 12,000 troops", request_id="b", kinds=[pb.COUNT]),
        ]
        responses = list(stub.ExtractStream(iter(items), timeout=30))
        out += [
            "### ExtractStream",
            "",
            "Requests, one message each, on one stream:",
            "",
            "```json",
            *(as_json(m) for m in items),
            "```",
            "",
            "Responses, in request order:",
            "",
            "```json",
            *(as_json(m) for m in responses),
            "```",
            "",
        ]

        info = stub.GetInfo(pb.GetInfoRequest(), timeout=30)
        out += [
            "### GetInfo",
            "",
            "Request: `{}`. Response:",
            "",
            "```json",
            as_json(info),
            "```",
            "",
        ]

        bad = pb.ExtractRequest(text="3 km", request_id="r2", kinds=[pb.MONEY, pb.KIND_UNSPECIFIED])
        try:
            stub.Extract(bad, timeout=30)
        except grpc.RpcError as error:
            status = rpc_status.from_call(error)
            code = error.code().name
        else:
            raise AssertionError("the invalid request was accepted")
        assert status is not None
        out += [
            "### An error",
            "",
            "The request",
            "",
            "```json",
            as_json(bad),
            "```",
            "",
            f"fails with `{code}`; the `google.rpc.Status` in the",
            "`grpc-status-details-bin` trailer (what `grpcurl -format-error` prints) is:",
            "",
            "```json",
            as_json(status),
            "```",
            "",
        ]
    return out


# --- The page ------------------------------------------------------------------------------


def errors_section() -> list[str]:
    """The README's "## Errors" section, without its heading."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("## Errors") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def _rpc_type(name: str, streaming: bool) -> str:
    """A request or response type as a link to its section, marked when it is a stream."""
    link = f"[{name}](#{name.lower()})"
    return f"stream {link}" if streaming else link


def render() -> str:
    fd = file_descriptor()
    notes = comments(fd)
    package = fd.package
    out = [
        "# quantspan.v1 API reference",
        "",
        "<!-- Generated by scripts/gen_api_docs.py from proto/quantspan/v1/quantspan.proto, the README's",
        "     error table and the live service: edit those, then run `make docs`. -->",
        "",
        notes.get((2,), ""),  # the comment on the package statement
        "",
        f"Package `{package}`, file `proto/{fd.name}`. In JSON (grpcurl, `quantspan extract --json`,",
        "the Node client) field names are lowerCamelCase (`request_id` is `requestId`), enum values",
        'are their names, and fields at their default value (0, `""`, `false`, empty list) are',
        "omitted; a proto3 `optional` field is present exactly when it is set, even to 0.",
        "",
        "Contents: [Service](#service) · [Messages](#messages) · [Enums](#enums) · [Errors](#errors)",
        "· [Examples](#examples)",
        "",
        "## Service",
        "",
    ]
    for si, service in enumerate(fd.service):
        out += [f"### {service.name}", "", notes.get((SERVICE, si), ""), ""]
        out += ["| RPC | Request | Response | Description |", "| --- | --- | --- | --- |"]
        for mi, method in enumerate(service.method):
            request = _rpc_type(method.input_type.removeprefix(f".{package}."), method.client_streaming)
            response = _rpc_type(method.output_type.removeprefix(f".{package}."), method.server_streaming)
            full = f"/{package}.{service.name}/{method.name}"
            description = cell(notes.get((SERVICE, si, METHOD, mi), ""))
            out.append(f"| `{method.name}` (`{full}`) | {request} | {response} | {description} |")
        out.append("")
    out += [
        'The server also serves `grpc.health.v1.Health` (services `""` and',
        "`quantspan.v1.QuantityService`) and `grpc.reflection.v1alpha.ServerReflection`.",
        "",
        "## Messages",
        "",
    ]
    for i, message in enumerate(fd.message_type):
        out += [f"### {message.name}", "", notes.get((MESSAGE, i), ""), ""]
        if not message.field:
            out += ["No fields.", ""]
            continue
        out += ["| Field | # | Type | JSON | Description |", "| --- | --- | --- | --- | --- |"]
        for j, field in enumerate(message.field):
            description = cell(notes.get((MESSAGE, i, FIELD, j), ""))
            out.append(
                f"| `{field.name}` | {field.number} | {type_name(field, package)} | `{field.json_name}` "
                f"| {description} |"
            )
        out.append("")
    out += ["## Enums", ""]
    for i, enum in enumerate(fd.enum_type):
        out += [f"### {enum.name}", "", notes.get((ENUM, i), ""), ""]
        out += ["| Value | # | Description |", "| --- | --- | --- |"]
        for j, value in enumerate(enum.value):
            out.append(
                f"| `{value.name}` | {value.number} | {cell(notes.get((ENUM, i, ENUM_VALUE, j), ''))} |"
            )
        out.append("")
    out += ["## Errors", "", "(From the README.)", *errors_section(), "", "## Examples", ""]
    out += [
        "Real answers of the service (`quantspan serve` with the rules of this repository), in",
        "protobuf JSON; only " + " and ".join(f"`{k}`" for k in PLACEHOLDERS) + " are placeholders.",
        "",
    ]
    out += examples()
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/api.md is not up to date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print("docs/api.md is stale: run `make docs`", file=sys.stderr)
            return 1
        print("docs/api.md is up to date")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
