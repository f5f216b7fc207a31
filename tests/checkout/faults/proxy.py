"""Real sockets in front of real services, that fail on purpose at an exact step.

`StripeFaultProxy` stands between the shop and localstripe: it forwards each HTTP request, and
for the requests a rule names it can lose the answer after localstripe acted (the client times
out), hang without forwarding, answer a refusal of its own, or call back at the moment the
request was forwarded (to kill a database connection, stop Redis, or send a webhook then). It
also gives localstripe what Stripe has and localstripe lacks: idempotency keys (a retried POST
with the same key gets the first answer, and Stripe acts once).

`TcpRelay` is a plain relay (for Redis) that can be stopped and started.
"""

from __future__ import annotations

import http.client
import re
import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Rule:
    method: str
    path: re.Pattern
    action: str  # "lose_answer", "hang", "refuse", "delay", "callback"
    times: int = 1
    hold: float = 5.0  # seconds a lost answer or a hang keeps the connection silent
    status: int = 400
    body: bytes = b""
    on_forward: object = None  # called (in the proxy's thread) once the request was forwarded
    hits: list = field(default_factory=list)


class StripeFaultProxy:
    def __init__(self, upstream: str):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self.rules: list[Rule] = []
        self.answers_by_key: dict[str, bytes] = {}
        self.log: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                proxy._handle(self.request)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, method: str, path: str, action: str, **options) -> Rule:
        rule = Rule(method=method, path=re.compile(path), action=action, **options)
        with self.lock:
            self.rules.append(rule)
        return rule

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # One connection, one request (answers say Connection: close)
    # ------------------------------------------------------------

    def _handle(self, client: socket.socket) -> None:
        request = _read_request(client)
        if request is None:
            return
        method, path, headers, body = request
        rule = self._rule_for(method, path)
        action = rule.action if rule else "pass"
        self.log.append((method, path, action))
        key = headers.get("idempotency-key", "") if method == "POST" else ""
        if action == "hang":
            _silence(client, rule.hold)
            return
        if action == "refuse":
            _send(client, _response(rule.status, rule.body))
            return
        if action == "delay":
            time.sleep(rule.hold)
        if key and key in self.answers_by_key:
            answer = self.answers_by_key[key]  # Stripe's idempotency: the first answer again
        else:
            answer, status = self._forward(method, path, headers, body)
            if key and status < 500:
                self.answers_by_key[key] = answer
        if rule is not None:
            rule.hits.append(path)
            if rule.on_forward is not None:
                rule.on_forward(path)
        if action == "lose_answer":
            _silence(client, rule.hold)
            return
        _send(client, answer)

    def _rule_for(self, method: str, path: str) -> Rule | None:
        with self.lock:
            for rule in self.rules:
                if rule.times > 0 and re.fullmatch(rule.method, method) and rule.path.search(path):
                    rule.times -= 1
                    return rule
        return None

    def _forward(self, method, path, headers, body) -> tuple[bytes, int]:
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        forwarded = {k: v for k, v in headers.items() if k not in ("connection", "host")}
        connection.request(method, path, body=body or None, headers=forwarded)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        kept = [(k, v) for k, v in response.getheaders()
                if k.lower() not in ("transfer-encoding", "connection", "content-length")]
        return _response(response.status, payload, kept), response.status


def _read_request(client: socket.socket):
    client.settimeout(30)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while len(rest) < length:
        chunk = client.recv(65536)
        if not chunk:
            break
        rest += chunk
    return method, path, headers, rest[:length]


def _response(status: int, body: bytes, headers=()) -> bytes:
    lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, 'Status')}"]
    lines += [f"{k}: {v}" for k, v in headers]
    if not any(k.lower() == "content-type" for k, _ in headers):
        lines.append("Content-Type: application/json")
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body


def _send(client: socket.socket, answer: bytes) -> None:
    try:
        client.sendall(answer)
    except OSError:
        pass  # the client gave up already


def _silence(client: socket.socket, seconds: float) -> None:
    """Keep the connection open and say nothing (the client's read timeout fires)."""
    deadline = time.monotonic() + seconds
    client.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if client.recv(1) == b"":
                return  # the client gave up
        except TimeoutError:
            continue
        except OSError:
            return


class TcpRelay:
    """127.0.0.1:<port> → upstream, for Redis: `stop()` drops every connection and refuses new
    ones (Redis is down), `start()` serves again on the same port."""

    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None
        self.start()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self.listener is not None:
            try:
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes accept(); close() alone won't
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            try:
                sock.close()
            except OSError:
                pass
