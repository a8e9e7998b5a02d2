"""Artifacts derived from the contract stay in step with proto/: docs/api.md and the copy of
the proto that the Node client loads. (The generated Go code needs Go plugins: `make clients-check`.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

PROTO = ROOT / "proto" / "quantspan" / "v1" / "quantspan.proto"


def test_node_client_loads_the_current_proto() -> None:
    copy = ROOT / "clients" / "node" / "proto" / "quantspan" / "v1" / "quantspan.proto"
    assert copy.read_text(encoding="utf-8") == PROTO.read_text(encoding="utf-8"), "run `make clients`"


@pytest.mark.engine
def test_api_docs_are_up_to_date() -> None:
    pytest.importorskip("grpc_tools", reason="grpcio-tools is a dev dependency (make install)")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_api_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr + "\n(run `make docs`)"
