"""A small typed client for quantspan.v1.QuantityService.

    with QuantspanClient("127.0.0.1:50051") as client:
        response = client.extract("at least 3,800 troops")
        for r in client.extract_many(["18%", "$2.5 billion"]):
            ...

Every call carries a deadline. With ``retry=True`` the channel retries calls that fail with
UNAVAILABLE or CANCELLED (server restarting, connection refused) following
:data:`RETRY_SERVICE_CONFIG`.
Failures raise ``grpc.RpcError``; :func:`error_details` decodes the rich status.

Over TLS, pass ``tls=True`` (the system's trust store) or ``ca_cert`` (a PEM file or bytes), and
for mutual TLS ``client_cert`` and ``client_key``:

    QuantspanClient("quantspan.example:50051", ca_cert="ca.pem",
                    client_cert="client.pem", client_key="client-key.pem")
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Final

import grpc
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from quantspan.v1 import quantspan_pb2 as pb
from quantspan.v1 import quantspan_pb2_grpc as pb_grpc

#: gRPC service config: retry calls of QuantityService that fail with UNAVAILABLE (no server, a
#: connection lost, a worker killed) or CANCELLED (a call that reached a server in the instant it
#: began to shut down, before any handler ran), up to 4 attempts with exponential backoff. Every
#: QuantityService method is a pure function of its request, so a retry is always safe. Calls also
#: wait for ready: while the channel reconnects (a server restarting, a worker replaced) a call
#: waits, within its deadline, instead of failing at once. Pass it as the "grpc.service_config"
#: channel option together with ("grpc.enable_retries", 1).
RETRY_SERVICE_CONFIG: Final[str] = json.dumps(
    {
        "methodConfig": [
            {
                "name": [{"service": "quantspan.v1.QuantityService"}],
                "waitForReady": True,
                "retryPolicy": {
                    "maxAttempts": 4,
                    "initialBackoff": "0.1s",
                    "maxBackoff": "2s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE", "CANCELLED"],
                },
            }
        ]
    }
)

#: Responses can be much larger than requests (every quantity of a long text).
MAX_RESPONSE_BYTES: Final = 256 * 1024 * 1024

KindLike = int | str
#: A PEM file's path, or its bytes.
PemLike = str | Path | bytes


def channel_options(retry: bool = True) -> list[tuple[str, str | int]]:
    """The options QuantspanClient opens its channel with."""
    options: list[tuple[str, str | int]] = [("grpc.max_receive_message_length", MAX_RESPONSE_BYTES)]
    if retry:
        options += [("grpc.enable_retries", 1), ("grpc.service_config", RETRY_SERVICE_CONFIG)]
    else:
        options += [("grpc.enable_retries", 0)]
    return options


def _pem(value: PemLike | None) -> bytes | None:
    if value is None or isinstance(value, bytes):
        return value
    return Path(value).read_bytes()


def channel_credentials(
    ca_cert: PemLike | None = None,
    client_cert: PemLike | None = None,
    client_key: PemLike | None = None,
) -> grpc.ChannelCredentials:
    """TLS credentials for a channel: ``ca_cert`` to trust (None: the system's roots), and for
    mutual TLS the client's certificate chain and key (both or neither)."""
    if (client_cert is None) != (client_key is None):
        raise ValueError("client_cert and client_key go together: give both or neither")
    return grpc.ssl_channel_credentials(
        root_certificates=_pem(ca_cert), private_key=_pem(client_key), certificate_chain=_pem(client_cert)
    )


def open_channel(
    target: str,
    *,
    retry: bool = True,
    tls: bool = False,
    ca_cert: PemLike | None = None,
    client_cert: PemLike | None = None,
    client_key: PemLike | None = None,
    server_name: str | None = None,
) -> grpc.Channel:
    """A channel to ``target`` with :func:`channel_options`: plaintext, or TLS when ``tls`` or
    any certificate is given. ``server_name`` overrides the name the server's certificate is
    checked against (default: the host of ``target``)."""
    options = channel_options(retry)
    if not (tls or ca_cert is not None or client_cert is not None or client_key is not None):
        return grpc.insecure_channel(target, options=options)
    if server_name:
        options.append(("grpc.ssl_target_name_override", server_name))
    credentials = channel_credentials(ca_cert, client_cert, client_key)
    return grpc.secure_channel(target, credentials, options=options)


def _kind(kind: KindLike) -> int:
    return pb.Kind.Value(kind) if isinstance(kind, str) else int(kind)


def error_details(error: grpc.RpcError) -> list[Message]:
    """The google.rpc details of a failed call (ErrorInfo, BadRequest, ...), decoded."""
    if not isinstance(error, grpc.Call):
        return []
    status = rpc_status.from_call(error)
    if status is None:
        return []
    out: list[Message] = []
    for detail in status.details:
        for cls in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest):
            if detail.Is(cls.DESCRIPTOR):
                msg = cls()
                detail.Unpack(msg)
                out.append(msg)
    return out


class QuantspanClient:
    """A client of one quantspan server (``target`` is ``host:port``); TLS options as in
    :func:`open_channel`."""

    def __init__(
        self,
        target: str,
        timeout: float = 5.0,
        retry: bool = True,
        *,
        stream_timeout: float = 300.0,
        tls: bool = False,
        ca_cert: PemLike | None = None,
        client_cert: PemLike | None = None,
        client_key: PemLike | None = None,
        server_name: str | None = None,
    ) -> None:
        self.target = target
        self.timeout = timeout
        self.stream_timeout = stream_timeout
        self._channel = open_channel(
            target,
            retry=retry,
            tls=tls,
            ca_cert=ca_cert,
            client_cert=client_cert,
            client_key=client_key,
            server_name=server_name,
        )
        self._stub = pb_grpc.QuantityServiceStub(self._channel)

    def extract(
        self,
        text: str,
        *,
        language: str = "",
        kinds: Sequence[KindLike] = (),
        explain: bool = False,
        request_id: str = "",
        timeout: float | None = None,
    ) -> pb.ExtractResponse:
        """The quantities in ``text``. ``kinds`` takes Kind numbers or names ("MONEY")."""
        request = pb.ExtractRequest(
            text=text,
            language=language,
            kinds=[_kind(k) for k in kinds],
            explain=explain,
            request_id=request_id,
        )
        return self._stub.Extract(request, timeout=self.timeout if timeout is None else timeout)

    def extract_many(
        self,
        texts: Iterable[str],
        *,
        language: str = "",
        kinds: Sequence[KindLike] = (),
        explain: bool = False,
        timeout: float | None = None,
    ) -> Iterator[pb.ExtractResponse]:
        """Extract every text over one ExtractStream; responses come in order, the i-th text's
        response having request_id ``str(i)``. ``timeout`` bounds the whole stream
        (default ``stream_timeout``). ``texts`` is consumed lazily."""
        kind_numbers = [_kind(k) for k in kinds]
        requests = (
            pb.ExtractRequest(
                text=text, language=language, kinds=kind_numbers, explain=explain, request_id=str(i)
            )
            for i, text in enumerate(texts)
        )
        yield from self.stream(requests, timeout=timeout)

    def stream(
        self, requests: Iterable[pb.ExtractRequest], *, timeout: float | None = None
    ) -> Iterator[pb.ExtractResponse]:
        """ExtractStream with requests built by the caller."""
        call = self._stub.ExtractStream(
            iter(requests), timeout=self.stream_timeout if timeout is None else timeout
        )
        try:
            yield from call
        finally:
            call.cancel()  # a no-op once the stream has ended; stops it if the caller breaks off

    def info(self, *, timeout: float | None = None) -> pb.GetInfoResponse:
        """What the server runs: versions, languages, kinds, limits."""
        return self._stub.GetInfo(pb.GetInfoRequest(), timeout=self.timeout if timeout is None else timeout)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> QuantspanClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
