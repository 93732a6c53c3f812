"""A loopback HTTP server that misbehaves on purpose: answers nothing, trickles its body,
or serves whatever bytes a test hands it.

Bounded: it stops by itself after ``lifetime`` seconds, and :meth:`stop` closes every
connection at once, so a client blocked on it fails at once instead of hanging a test.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

SILENT, TRICKLE, ANSWER = "silent", "trickle", "answer"
TRICKLE_HEADERS = "trickle_headers"  # a status line, then one header byte at a time


@dataclass
class Behaviour:
    """What the server does after reading a request (change it between requests)."""

    kind: str = ANSWER
    status: int = 200
    content_type: str = "application/json"
    body: bytes = b"{}"
    trickle_interval_s: float = 0.2  # one byte of the body every this long (TRICKLE)
    extra_headers: dict[str, str] = field(default_factory=dict)


class HostileServer:
    def __init__(self, behaviour: Behaviour | None = None, *, lifetime: float = 60.0) -> None:
        self.behaviour = behaviour or Behaviour()
        self.requests = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.base_url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        self._stop.set()
        self._timer.cancel()
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                if self._stop.is_set():
                    conn.close()
                    return
                self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            conn.settimeout(5.0)
            if not _read_request(conn):
                return
            with self._lock:
                self.requests += 1
            b = self.behaviour
            if b.kind == SILENT:
                self._stop.wait()
                return
            if b.kind == TRICKLE_HEADERS:
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while not self._stop.wait(b.trickle_interval_s):
                    conn.sendall(b"a")
                return
            head = [f"HTTP/1.1 {b.status} X", f"Content-Type: {b.content_type}",
                    f"Content-Length: {len(b.body)}", "Connection: close",
                    *(f"{k}: {v}" for k, v in b.extra_headers.items())]
            conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
            if b.kind == TRICKLE:
                for i in range(len(b.body)):
                    if self._stop.wait(b.trickle_interval_s):
                        return
                    conn.sendall(b.body[i:i + 1])
            else:
                conn.sendall(b.body)
            conn.shutdown(socket.SHUT_WR)


def _read_request(conn: socket.socket) -> bool:
    """Read one request (headers and a Content-Length body); False if the peer went away."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        rest += chunk
    return True


@contextlib.contextmanager
def hostile_server(behaviour: Behaviour | None = None, *,
                   lifetime: float = 60.0) -> Iterator[HostileServer]:
    server = HostileServer(behaviour, lifetime=lifetime)
    try:
        yield server
    finally:
        server.stop()
