"""The generated code in service/quantspan/v1 is what `make proto` makes from proto/ now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

GENERATED = ROOT / "service" / "quantspan" / "v1"


def test_generated_code_is_not_stale(tmp_path: Path) -> None:
    pytest.importorskip("grpc_tools", reason="grpcio-tools is a dev dependency (make install)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            "-I",
            str(ROOT / "proto"),
            f"--python_out={tmp_path}",
            f"--pyi_out={tmp_path}",
            f"--grpc_python_out={tmp_path}",
            str(ROOT / "proto" / "quantspan" / "v1" / "quantspan.proto"),
        ],
        check=True,
        timeout=60,
    )
    fresh = {p.name: p.read_text() for p in (tmp_path / "quantspan" / "v1").iterdir()}
    assert fresh, "protoc generated nothing"
    committed = {name: (GENERATED / name).read_text() for name in fresh if (GENERATED / name).exists()}
    stale = sorted(name for name in fresh if committed.get(name) != fresh[name])
    assert not stale, f"run `make proto`: {', '.join(stale)} differ from proto/"
