"""One log line per RPC (logger ``quantspan.access``; level INFO, DEBUG for the grpc.* services:
health checks and reflection).

With ``--log-format json`` the line is a JSON object whose fields are: ``event`` ("rpc"),
``method`` ("/quantspan.v1.QuantityService/Extract"), ``code`` (a gRPC status code name),
``duration_ms``, ``request_id`` (of the ExtractRequest; for an ExtractStream, of the last item
read, which is the failing one when the stream failed), ``requests`` (messages read),
``text_chars`` (code points of all texts read), ``quantities`` (in all responses sent), plus
``time``, ``level``, ``logger``, ``pid`` and ``message`` as for every line. The texts themselves
are only logged, as ``text`` (or ``texts`` for a stream), with ``--log-text``: they may hold
personal data.
"""

from __future__ import annotations

import logging
from typing import Final

from quantspan.metrics import ObservingInterceptor, RpcRecord

log = logging.getLogger("quantspan.access")

STREAMING_TYPES: Final = ("client_stream", "bidi_stream")


class AccessLogInterceptor(ObservingInterceptor):
    def __init__(self, *, log_text: bool = False) -> None:
        self.keep_texts = log_text

    def finished(self, record: RpcRecord) -> None:
        # Health checks (probes every few seconds) and reflection only at DEBUG.
        level = logging.DEBUG if record.service.startswith("grpc.") else logging.INFO
        if not log.isEnabledFor(level):
            return
        duration_ms = round(record.duration * 1000, 3)
        fields: dict[str, object] = {
            "event": "rpc",
            "method": record.method,
            "code": record.code,
            "duration_ms": duration_ms,
            "request_id": record.request_id,
            "requests": record.requests,
            "text_chars": record.text_chars,
            "quantities": record.quantities,
        }
        message = "%s %s %.1fms request_id=%r text_chars=%d quantities=%d"
        args: list[object] = [
            record.method,
            record.code,
            duration_ms,
            record.request_id,
            record.text_chars,
            record.quantities,
        ]
        if self.keep_texts:
            if record.rpc_type in STREAMING_TYPES:
                fields["texts"] = record.texts
                message += " texts=%r"
                args.append(record.texts)
            elif record.texts:
                fields["text"] = record.texts[0]
                message += " text=%r"
                args.append(record.texts[0])
        log.log(level, message, *args, extra={"fields": fields})
