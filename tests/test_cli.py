"""The quantspan command, run as a subprocess: extract (table, --json, --jsonl, --server),
rules check, and serve's flags and environment variables."""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from google.protobuf import json_format

from quantspan import convert
from quantspan.engine import Extractor
from quantspan.server import ServerConfig, create_server

from .conftest import ROOT

TEXTS = [
    "Of the 12,000 North Korean troops, at least 3,800 have been killed.",
    "",
    "Naïve 😀 prices rose 18% to $2.5 billion in nearly two weeks.",
]
TIMEOUT = 120


def quantspan(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quantspan.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def engine_json(extractor: Extractor, text: str) -> dict[str, Any]:
    """The ExtractResponse the local engine gives, in protobuf JSON mapping."""
    return json_format.MessageToDict(convert.extraction_to_pb(extractor.extract(text), text))


@pytest.fixture(scope="module")
def server_target(extractor: Extractor) -> Iterator[str]:
    server, port = create_server(ServerConfig(host="127.0.0.1", port=0), extractor)
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(None).wait(10)


@pytest.fixture(params=["local", "server"])
def via(request: pytest.FixtureRequest) -> list[str]:
    """Run extract with the local engine, or against a server."""
    if request.param == "local":
        return []
    return ["--server", request.getfixturevalue("server_target")]


def test_extract_json(via: list[str], extractor: Extractor) -> None:
    text = TEXTS[0]
    result = quantspan("extract", text, "--json", *via)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out == engine_json(extractor, text)
    assert out["quantities"] and out["rulesVersion"] == extractor.rules_version
    first = out["quantities"][0]
    assert isinstance(first["kind"], str) and "span" in first  # enum names, camelCase fields


def test_extract_json_reads_stdin_when_no_text(extractor: Extractor) -> None:
    result = quantspan("extract", "--json", stdin=TEXTS[2])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == engine_json(extractor, TEXTS[2])


def test_extract_jsonl(via: list[str], extractor: Extractor) -> None:
    ids: list[Any] = [7, "b", None]
    lines = [json.dumps({"id": i, "text": t}) for i, t in zip(ids, TEXTS, strict=True)]
    stdin = "\n".join([lines[0], "", *lines[1:]]) + "\n"  # blank lines are skipped
    result = quantspan("extract", "--jsonl", *via, stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ids
    for o, text in zip(out, TEXTS, strict=True):
        assert set(o) == {"id", "quantities"}
        assert o["quantities"] == engine_json(extractor, text).get("quantities", [])
    assert out[0]["quantities"][0]["span"]["utf8End"] > 0  # camelCase JSON names
    assert out[2]["quantities"][0]["span"]["utf8Start"] > out[2]["quantities"][0]["span"]["start"]


def test_extract_jsonl_bad_line_fails_after_the_good_ones(via: list[str]) -> None:
    stdin = json.dumps({"id": 1, "text": "3 km"}) + "\n" + "{not json\n"
    result = quantspan("extract", "--jsonl", *via, stdin=stdin)
    assert result.returncode == 2
    assert "line 2" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1]


def test_extract_table(extractor: Extractor) -> None:
    text = TEXTS[0]
    result = quantspan("extract", text)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == [
        "SPAN",
        "TEXT",
        "KIND",
        "MODIFIER",
        "VALUE",
        "INTERVAL",
        "UNIT",
        "NORMALIZED",
        "QUANTIFIED",
    ]
    quantities = extractor.extract(text).quantities
    assert len(rows) == len(quantities)
    for row, q in zip(rows, quantities, strict=True):
        assert row.startswith(f"{q.start}-{q.end}") and q.text in row and q.kind.value in row
    empty = quantspan("extract", "")
    assert empty.returncode == 0 and empty.stdout.strip() == "no quantities"


def test_extract_invalid_request_fails(via: list[str]) -> None:
    result = quantspan("extract", "3 km", "--language", "xx", *via)
    assert result.returncode == 1
    assert "xx" in result.stderr


def test_rules_check() -> None:
    extractor = Extractor.load()  # fresh: the rules the subprocess loads
    result = quantspan("rules", "check")
    try:
        from quantspan.engine.examples import run_all
    except ImportError:
        expected_rc = 0
    else:
        expected_rc = 1 if run_all(extractor) else 0
    assert result.returncode == expected_rc, result.stdout + result.stderr
    assert extractor.rules_version in result.stdout


def _first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError("no line on stdout in time")
    return proc.stdout.readline()


def test_serve_reads_flags_from_the_environment() -> None:
    env = {"QUANTSPAN_PORT": "0", "QUANTSPAN_WORKERS": "1", "QUANTSPAN_MAX_TEXT_CHARS": "1234"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quantspan.cli", "serve", "--grace-seconds", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
    )
    try:
        line = _first_line(proc, timeout=TIMEOUT)
        assert line.startswith("listening on 127.0.0.1:"), line
        from quantspan.client import QuantspanClient

        with QuantspanClient(line.split()[-1], timeout=10) as client:
            assert client.info().limits.max_text_chars == 1234
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        stderr = proc.communicate(timeout=5)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert "port=0 workers=1" in stderr and "max_text_chars=1234" in stderr


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        ({"QUANTSPAN_PORT": "http"}, [], "QUANTSPAN_PORT"),
        ({}, ["--port", "70000"], "--port"),
        ({"QUANTSPAN_LOG_FORMAT": "xml"}, [], "QUANTSPAN_LOG_FORMAT"),
        ({}, ["--workers", "0"], "--workers"),
    ],
)
def test_serve_rejects_bad_settings(env: dict[str, str], args: list[str], message: str) -> None:
    result = quantspan("serve", *args, env=env)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_fails_cleanly_when_the_port_is_taken(workers: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = quantspan("serve", "--port", port, "--workers", workers)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert result.stdout == ""
