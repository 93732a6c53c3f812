"""Latency, injected faults and malformed responses, as WSGI middleware around the app.

A fault hits a request either BEFORE it is processed (nothing recorded) or AFTER (recorded,
but the answer is lost). The second case is the one that makes idempotency matter: the
client cannot tell it from the first and must be able to retry safely.

Kinds:
- ``500`` / ``503``: a problem+json error (503 with ``Retry-After``);
- ``timeout``: the request is held longer than the client waits, then dropped;
- ``drop``: the socket is shut down with no response at all. Werkzeug's server hands the
  socket to the app as ``environ["werkzeug.socket"]`` and treats a ``ConnectionError``
  raised by the app as a connection dropped by the peer: it logs nothing and sends nothing.

Only paths under /api/ are affected: the /sandbox control endpoints stay reliable.
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Callable, Iterable
from typing import Any

from sobrus_comm.backend.sandbox.config import Knobs, SandboxState

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class InjectedDrop(ConnectionAbortedError):
    """Raised to make Werkzeug abandon the connection without answering."""


class FaultInjector:
    def __init__(self, app: WsgiApp, state: SandboxState) -> None:
        self.app, self.state = app, state

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/api/"):
            return self.app(environ, start_response)
        fault, knobs = self._roll(path)
        self.state.sleep(knobs.latency_ms / 1000)
        exposed = any(path.startswith(prefix) for prefix in knobs.fault_paths)
        malform = knobs.malform if exposed else None
        if fault is None and malform is None:
            return self.app(environ, start_response)
        kind, phase = fault or ("", "")
        if phase == "before":
            _drain(environ)
            return self._inject(kind, knobs, environ, start_response)
        status, headers, body = _run(self.app, environ)
        if fault is not None:
            return self._inject(kind, knobs, environ, start_response)
        if malform and status.startswith(("200", "201")):
            headers, body = _malform(malform, headers, body)
        start_response(status, headers)
        return [body]

    def _roll(self, path: str) -> tuple[tuple[str, str] | None, Knobs]:
        """Whether this request gets a fault, decided under the lock (fail_next is shared)."""
        state = self.state
        with state.lock:
            knobs = state.knobs
            snapshot = Knobs(**{**knobs.__dict__})
            if not any(path.startswith(prefix) for prefix in knobs.fault_paths):
                return None, snapshot
            if knobs.fail_next > 0:
                knobs.fail_next -= 1
            elif not (knobs.fail_rate > 0 and state.rng.random() < knobs.fail_rate):
                return None, snapshot
            kind = state.rng.choice(knobs.fault_kinds)
            phase = knobs.fault_phase
            if phase == "random":
                phase = state.rng.choice(("before", "after"))
            state.count("faults", f"faults_{phase}", f"fault_{kind}")
            return (kind, phase), snapshot

    def _inject(self, kind: str, knobs: Knobs, environ: dict[str, Any],
                start_response: StartResponse) -> Iterable[bytes]:
        if kind in ("500", "503"):
            status = int(kind)
            code = "internal_error" if status == 500 else "unavailable"
            body = json.dumps({"type": f"urn:sobrus-comm:problem:{code}",
                               "title": "Injected fault", "status": status, "code": code,
                               "detail": "fault injected by the sandbox"}).encode()
            headers = [("Content-Type", "application/problem+json"),
                       ("Content-Length", str(len(body)))]
            if status == 503 and knobs.retry_after is not None:
                headers.append(("Retry-After", str(knobs.retry_after)))
            reason = "Internal Server Error" if status == 500 else "Service Unavailable"
            start_response(f"{status} {reason}", headers)
            return [body]
        if kind == "timeout":
            self.state.sleep(knobs.timeout_s)
        sock = environ.get("werkzeug.socket")
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        raise InjectedDrop(f"sandbox: injected {kind or 'drop'}")


def _drain(environ: dict[str, Any]) -> None:
    """Read the request body, so the client is not still writing when the fault hits."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    stream = environ.get("wsgi.input")
    if stream is not None and length > 0:
        with contextlib.suppress(OSError, ValueError):
            stream.read(length)


def _run(app: WsgiApp, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Call the app to completion and keep its answer instead of sending it."""
    captured: dict[str, Any] = {}

    def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    result = app(environ, capture)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return captured["status"], list(captured["headers"]), body


PORTAL_PAGE = (b"<!DOCTYPE html><html><head><title>Portail Wi-Fi</title></head><body>"
               b"<h1>Bienvenue</h1><p>Acceptez les conditions pour continuer.</p></body></html>")


def _malform(kind: str, headers: list[tuple[str, str]],
             body: bytes) -> tuple[list[tuple[str, str]], bytes]:
    content_type = "application/json"
    if kind == "html":
        content_type, body = "text/html; charset=utf-8", PORTAL_PAGE
    elif kind == "garbage":
        body = b'{"items": [{"id": 1,, \x00\xff\xfe'
    elif kind == "empty":
        body = b""
    elif kind == "wrong_content_type":
        content_type = "text/plain"
    elif kind in ("missing_fields", "wrong_types"):
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        body = json.dumps(_break(data, kind)).encode()
    kept = [(k, v) for k, v in headers if k.lower() not in ("content-type", "content-length")]
    return [*kept, ("Content-Type", content_type), ("Content-Length", str(len(body)))], body


def _break(data: Any, kind: str) -> Any:
    """Drop every ``id`` and the first key of each object, or turn numbers into strings."""
    if isinstance(data, list):
        return [_break(item, kind) for item in data]
    if isinstance(data, dict):
        if kind == "missing_fields":
            first = next(iter(data), None)
            return {k: _break(v, kind) for k, v in data.items() if k not in ("id", first)}
        return {k: _break(v, kind) for k, v in data.items()}
    if kind == "wrong_types" and isinstance(data, bool):
        return "oui" if data else "non"
    if kind == "wrong_types" and isinstance(data, int | float):
        return str(data)
    return data
