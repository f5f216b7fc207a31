"""A small local HTTP server standing in for Stripe's Connect transfers endpoint.

localstripe (which the checkout tests use) has no Connect endpoints: `POST /v1/transfers` is
a 404 there. So the payout tests point the real `stripe` client at this server instead; it
records every request (path, headers, form body) and answers as Stripe documents it
(https://docs.stripe.com/api/transfers/create): a `transfer` object, the same one again for a
repeated idempotency key, and an `invalid_request_error` when told to refuse.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class StripeRecorder:
    def __init__(self):
        self.requests: list[dict] = []
        self.by_key: dict[str, dict] = {}
        self.refuse_with: str = ""
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = dict(parse_qsl(self.rfile.read(length).decode()))
                recorder.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, answer = recorder.answer(self.path, self.headers, body)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, path, headers, body):
        if path != "/v1/transfers":
            return 404, {"error": {"type": "invalid_request_error",
                                   "message": f"Unrecognized request URL (POST: {path})"}}
        if self.refuse_with:
            return 400, {"error": {"type": "invalid_request_error", "code": "balance_insufficient",
                                   "message": self.refuse_with}}
        key = headers.get("Idempotency-Key", "")
        if key in self.by_key:
            return 200, self.by_key[key]
        metadata = {name[len("metadata["):-1]: value for name, value in body.items()
                    if name.startswith("metadata[")}
        transfer = {
            "id": f"tr_test_{len(self.by_key) + 1:04d}",
            "object": "transfer",
            "amount": int(body["amount"]),
            "currency": body["currency"],
            "destination": body["destination"],
            "transfer_group": body.get("transfer_group"),
            "description": body.get("description"),
            "metadata": metadata,
            "created": int(time.time()),
            "livemode": False,
            "reversed": False,
        }
        self.by_key[key] = transfer
        return 200, transfer

    @property
    def transfers(self) -> list[dict]:
        return [request for request in self.requests if request["path"] == "/v1/transfers"]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
