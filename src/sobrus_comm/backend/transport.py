"""One HTTP exchange with the backend, bounded in time, and who retries what.

**One owner per retry.** Reads (GET) are retried here, a few times, inside the call's own
deadline: they are idempotent, and nobody above retries them before the next sync.
Everything else is tried once here. In particular the batch send is retried by the outbox
(:class:`sobrus_comm.services.outbox.RetryPolicy`), which keeps the same
``client_message_id``\\ s, tells the user « Hors ligne » after the first failure and then
waits with its own backoff: a second layer of retries below it (urllib3's ``Retry``, as
before) only hid an outage for about a minute.

**An overall deadline per call.** ``requests``' read timeout is per socket read, so a
server that sends its headers and then one byte every few hundred milliseconds could hold
a call forever. The body is therefore streamed and read piece by piece against a monotonic
deadline (each socket read is also bounded by what is left of it), and a watchdog shuts
the socket down if the status line and headers are still arriving at the deadline
(:class:`DeadlineAdapter`). The deadline covers the retries too. A body larger than
:data:`MAX_BODY_BYTES` is refused, compressed or not.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import requests
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions
import urllib3.response
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase

from sobrus_comm.backend.errors import InvalidResponse, Unavailable

log = logging.getLogger("sobrus_comm.backend.transport")

DEFAULT_TIMEOUT = (3.05, 6.0)  # (connect, wait for the server's next bytes) seconds
DEFAULT_DEADLINE = 30.0  # seconds for a whole call, retries included
MAX_BODY_BYTES = 32 * 1024 * 1024  # a page of 500 records is well under 1 MiB
RETRY_STATUSES = (502, 503, 504)
MAX_RETRY_AFTER = 30.0  # seconds: "come back in an hour" must not freeze a send
MAX_BACKOFF = 10.0
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CHUNK = 64 * 1024

UNAVAILABLE_TIMEOUT_FR = (
    "Le serveur Sobrus ne répond pas (délai dépassé). Vérifiez la connexion Internet puis "
    "réessayez : les SMS déjà acceptés ne seront pas envoyés deux fois."
)


@dataclass(frozen=True)
class Answer:
    """A complete HTTP answer: status, headers and the whole body, read in time."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def retry_after(self) -> float | None:
        """``Retry-After`` in seconds when it is a sane number, capped."""
        try:
            value = float(self.headers.get("Retry-After", ""))
        except ValueError:
            return None
        if not math.isfinite(value) or value < 0:
            return None
        return min(value, MAX_RETRY_AFTER)


def decode_json(answer: Answer) -> Any:
    """The JSON body; any failure to decode it (wrong type, bad bytes, nesting thousands of
    levels deep, a number too long to convert…) is an InvalidResponse, never a crash."""
    kind = answer.content_type
    if kind != "application/json" and not kind.endswith("+json"):
        raise InvalidResponse(detail=f"unexpected content type {kind or 'none'}",
                              code="invalid_response")
    try:
        return json.loads(answer.body)
    except (ValueError, UnicodeError, RecursionError, TypeError, OverflowError,
            MemoryError) as exc:
        raise InvalidResponse(detail=f"body is not valid JSON ({type(exc).__name__})",
                              code="invalid_response") from None


_call_deadline = threading.local()  # the monotonic deadline of this thread's call, if any


@contextlib.contextmanager
def _headers_watchdog(sock: socket.socket | None) -> Iterator[None]:
    """Shut ``sock`` down at the call's deadline while the headers are read: the read
    timeout is per read, and headers, too, can come one byte at a time."""
    deadline = getattr(_call_deadline, "value", None)
    if sock is None or deadline is None:
        yield
        return
    timer = threading.Timer(max(0.0, deadline - time.monotonic()), _shutdown, (sock,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _HTTPConnection(urllib3.connection.HTTPConnection):
    def getresponse(self) -> urllib3.response.HTTPResponse:  # type: ignore[override]
        with _headers_watchdog(self.sock):
            return super().getresponse()


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    def getresponse(self) -> urllib3.response.HTTPResponse:  # type: ignore[override]
        with _headers_watchdog(self.sock):
            return super().getresponse()


class _HTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter without urllib3 retries (the Transport owns them), whose
    connections give up reading headers at the call's deadline."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


class Transport:
    """Sends requests on one ``requests.Session`` with a deadline per call (one thread)."""

    def __init__(self, session: requests.Session, *,
                 timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
                 deadline: float = DEFAULT_DEADLINE, retries: int = 3,
                 backoff_factor: float = 0.5) -> None:
        self.session = session
        connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self.connect_timeout, self.read_timeout = float(connect), float(read)
        self.deadline = float(deadline)
        self.retries = max(0, int(retries))
        self.backoff_factor = float(backoff_factor)
        self._closed = threading.Event()  # interrupts a wait between two retries

    def close(self) -> None:
        self._closed.set()
        self.session.close()

    def exchange(self, method: str, url: str, *, auth: AuthBase | None = None,
                 **kwargs: Any) -> Answer:
        """One call: retried here only if ``method`` is a read (see the module docstring)."""
        deadline = time.monotonic() + self.deadline
        attempts = 1 + (self.retries if method in SAFE_METHODS else 0)
        for attempt in range(1, attempts + 1):
            try:
                answer = self._attempt(method, url, deadline, auth, kwargs)
            except Unavailable as exc:
                if (attempt == attempts or exc.code == "tls_error"  # a certificate stays bad
                        or not self._wait_before_retry(attempt, None, deadline)):
                    raise
                log.info("%s %s failed (%s), retry %d", method, _path(url), exc.code, attempt)
                continue
            if (answer.status not in RETRY_STATUSES or attempt == attempts
                    or not self._wait_before_retry(attempt, answer.retry_after(), deadline)):
                return answer
            log.info("%s %s -> %d, retry %d", method, _path(url), answer.status, attempt)
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _wait_before_retry(self, attempt: int, retry_after: float | None,
                           deadline: float) -> bool:
        """Wait before retry number ``attempt``; False when there is no time (or we close)."""
        if retry_after is not None:
            delay = retry_after
        else:  # urllib3's schedule: at once, then factor × 2, × 4…
            delay = 0.0 if attempt <= 1 else self.backoff_factor * 2 ** (attempt - 1)
        delay = min(delay, MAX_BACKOFF if retry_after is None else MAX_RETRY_AFTER)
        if time.monotonic() + delay >= deadline:
            return False
        return not self._closed.wait(delay)

    def _attempt(self, method: str, url: str, deadline: float, auth: AuthBase | None,
                 kwargs: dict[str, Any]) -> Answer:
        started = time.monotonic()
        response = self._request(method, url, deadline, auth, kwargs)
        try:
            body = self._read_body(response, deadline)
        finally:
            response.close()
        log.debug("%s %s -> %s in %.0f ms", method, _path(url), response.status_code,
                  (time.monotonic() - started) * 1000)
        return Answer(response.status_code, response.headers, body)

    def _request(self, method: str, url: str, deadline: float, auth: AuthBase | None,
                 kwargs: dict[str, Any]) -> requests.Response:
        """Send the request and read the status and headers (the body is streamed)."""
        left = _left(deadline)
        _call_deadline.value = deadline  # for the headers' watchdog (DeadlineAdapter)
        try:
            return self.session.request(
                method, url, timeout=(min(self.connect_timeout, left),
                                      min(self.read_timeout, left)),
                allow_redirects=False, stream=True, auth=auth, **kwargs)
        except requests.exceptions.SSLError:
            raise Unavailable("Connexion sécurisée impossible : le certificat du serveur "
                              "Sobrus n'a pas pu être vérifié.", code="tls_error") from None
        except requests.exceptions.Timeout as exc:
            raise Unavailable(UNAVAILABLE_TIMEOUT_FR, code="timeout",
                              detail=type(exc).__name__) from None
        except (requests.exceptions.ConnectionError,
                requests.exceptions.ChunkedEncodingError) as exc:
            _left(deadline)  # cut by the watchdog: say "deadline", not "connection lost"
            timed_out = "timed out" in str(exc).lower() or "timeout" in str(exc).lower()
            raise Unavailable(UNAVAILABLE_TIMEOUT_FR if timed_out else None,
                              code="timeout" if timed_out else "connection_error",
                              detail=type(exc).__name__) from None
        except requests.exceptions.RequestException as exc:
            raise InvalidResponse(detail=type(exc).__name__, code="invalid_response") from None
        finally:
            _call_deadline.value = None

    def _read_body(self, response: requests.Response, deadline: float) -> bytes:
        raw = response.raw
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                _bound_next_read(raw, min(self.read_timeout, _left(deadline)))
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    return b"".join(chunks)
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise InvalidResponse(detail="body too large", code="invalid_response")
                chunks.append(chunk)
        except urllib3.exceptions.DecodeError:
            raise InvalidResponse(detail="body cannot be decoded",
                                  code="invalid_response") from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            _left(deadline)  # past the deadline: say so, rather than "connection lost"
            timed_out = isinstance(exc, urllib3.exceptions.TimeoutError | TimeoutError)
            raise Unavailable(UNAVAILABLE_TIMEOUT_FR if timed_out else None,
                              code="timeout" if timed_out else "connection_error",
                              detail=type(exc).__name__) from None


def _left(deadline: float) -> float:
    """Seconds left before ``deadline``; Unavailable (code ``deadline``) when none."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise Unavailable(UNAVAILABLE_TIMEOUT_FR, code="deadline")
    return left


def _bound_next_read(raw: Any, seconds: float) -> None:
    """Make the next socket read give up after ``seconds`` (the rest of the deadline)."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(seconds)


def _path(url: str) -> str:
    """For the log: the path only (the query may hold a cursor, never worth logging)."""
    return url.split("?", 1)[0]

