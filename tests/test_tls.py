"""TLS and mutual TLS: --tls-cert/--tls-key/--tls-client-ca (QUANTSPAN_TLS_* in the environment),
with certificates made at test time (trustme). A plaintext client is refused on a TLS port; under
mutual TLS a client without a certificate of the trusted CA is refused; a proper client works,
through quantspan.client and ``quantspan extract --server``."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import trustme

from quantspan.client import QuantspanClient
from quantspan.engine import Extractor
from quantspan.server import ServerConfig

from .conftest import ROOT
from .procs import Served, wait_serving
from .test_service import expected_response, serving, small_config

TEXT = "at least 3,800 troops"


@dataclasses.dataclass(frozen=True)
class Pki:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    rogue_cert: Path  # a client certificate from another CA
    rogue_key: Path
    rogue_ca: Path


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    d = tmp_path_factory.mktemp("pki")
    ca, rogue = trustme.CA(), trustme.CA()
    ca.cert_pem.write_to_path(d / "ca.pem")
    rogue.cert_pem.write_to_path(d / "rogue-ca.pem")
    server = ca.issue_cert("127.0.0.1", "localhost")
    client = ca.issue_cert("client.quantspan.test")
    intruder = rogue.issue_cert("client.quantspan.test")
    for name, cert in (("server", server), ("client", client), ("rogue", intruder)):
        (d / f"{name}.pem").write_bytes(b"".join(blob.bytes() for blob in cert.cert_chain_pems))
        cert.private_key_pem.write_to_path(d / f"{name}-key.pem")
    return Pki(
        ca=d / "ca.pem",
        server_cert=d / "server.pem",
        server_key=d / "server-key.pem",
        client_cert=d / "client.pem",
        client_key=d / "client-key.pem",
        rogue_cert=d / "rogue.pem",
        rogue_key=d / "rogue-key.pem",
        rogue_ca=d / "rogue-ca.pem",
    )


@pytest.fixture(scope="module")
def tls_target(pki: Pki, extractor: Extractor) -> Iterator[str]:
    with serving(small_config(tls_cert=pki.server_cert, tls_key=pki.server_key), extractor) as target:
        yield target


@pytest.fixture(scope="module")
def mtls_target(pki: Pki, extractor: Extractor) -> Iterator[str]:
    config = small_config(tls_cert=pki.server_cert, tls_key=pki.server_key, tls_client_ca=pki.ca)
    with serving(config, extractor) as target:
        yield target


def refused(client: QuantspanClient) -> grpc.StatusCode:
    with client, pytest.raises(grpc.RpcError) as caught:
        client.extract(TEXT, timeout=5)
    return caught.value.code()


def test_tls_client_works(tls_target: str, pki: Pki, extractor: Extractor) -> None:
    with QuantspanClient(tls_target, ca_cert=pki.ca) as client:
        assert client.extract(TEXT) == expected_response(extractor, TEXT)
        assert client.info().rules_version == extractor.rules_version
    with QuantspanClient(tls_target.replace("127.0.0.1", "localhost"), ca_cert=pki.ca.read_bytes()) as client:
        assert client.extract(TEXT).quantities


def test_plaintext_client_is_refused_on_a_tls_port(tls_target: str) -> None:
    assert refused(QuantspanClient(tls_target, retry=False)) == grpc.StatusCode.UNAVAILABLE


def test_client_that_does_not_trust_the_server_is_refused(tls_target: str, pki: Pki) -> None:
    assert (
        refused(QuantspanClient(tls_target, retry=False, ca_cert=pki.rogue_ca)) == grpc.StatusCode.UNAVAILABLE
    )


def test_mtls_client_with_a_certificate_of_the_trusted_ca_works(
    mtls_target: str, pki: Pki, extractor: Extractor
) -> None:
    with QuantspanClient(
        mtls_target, ca_cert=pki.ca, client_cert=pki.client_cert, client_key=pki.client_key
    ) as c:
        assert c.extract(TEXT) == expected_response(extractor, TEXT)


@pytest.mark.parametrize("who", ["no certificate", "another CA's certificate", "plaintext"])
def test_mtls_refuses_clients_without_a_valid_certificate(mtls_target: str, pki: Pki, who: str) -> None:
    if who == "no certificate":
        client = QuantspanClient(mtls_target, retry=False, ca_cert=pki.ca)
    elif who == "another CA's certificate":
        client = QuantspanClient(
            mtls_target, retry=False, ca_cert=pki.ca, client_cert=pki.rogue_cert, client_key=pki.rogue_key
        )
    else:
        client = QuantspanClient(mtls_target, retry=False)
    assert refused(client) == grpc.StatusCode.UNAVAILABLE


def test_tls_settings_are_validated(pki: Pki, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="together"):
        ServerConfig(tls_cert=pki.server_cert)
    with pytest.raises(ValueError, match="mutual TLS"):
        ServerConfig(tls_client_ca=pki.ca)
    with pytest.raises(OSError, match="cannot read the TLS key"):
        ServerConfig(tls_cert=pki.server_cert, tls_key=tmp_path / "missing.pem").tls_files()
    (tmp_path / "junk.pem").write_text("not a certificate")
    with pytest.raises(OSError, match="not PEM"):
        ServerConfig(tls_cert=tmp_path / "junk.pem", tls_key=pki.server_key).tls_files()


@pytest.mark.slow
def test_serve_with_mtls_from_the_environment_and_extract_over_it(pki: Pki, extractor: Extractor) -> None:
    env = {
        "QUANTSPAN_TLS_CERT": str(pki.server_cert),
        "QUANTSPAN_TLS_KEY": str(pki.server_key),
        "QUANTSPAN_TLS_CLIENT_CA": str(pki.ca),
    }
    with Served(["--workers", "2"], env=env) as served:
        credentials = grpc.ssl_channel_credentials(
            pki.ca.read_bytes(), pki.client_key.read_bytes(), pki.client_cert.read_bytes()
        )
        wait_serving(served.target, 60, credentials)
        assert "tls=mutual" in served.log()
        assert (
            refused(QuantspanClient(served.target, retry=False, ca_cert=pki.ca))
            == grpc.StatusCode.UNAVAILABLE
        )
        tls = ["--tls-ca", str(pki.ca), "--tls-cert", str(pki.client_cert), "--tls-key", str(pki.client_key)]
        result = subprocess.run(
            [sys.executable, "-m", "quantspan.cli", "extract", "--server", served.target, *tls, TEXT],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        assert "3,800" in result.stdout
        assert served.stop() == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--tls-cert", "cert.pem"], 2, "tls_cert and tls_key go together"),
        (["--tls-cert", "missing.pem", "--tls-key", "missing-key.pem"], 1, "cannot read the TLS certificate"),
    ],
)
def test_serve_rejects_bad_tls_settings(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quantspan.cli", "serve", "--port", "0", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "service")},
    )
    assert result.returncode == code, result.stderr
    assert message in result.stderr
