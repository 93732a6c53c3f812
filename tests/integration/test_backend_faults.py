"""Unreliable networks: concurrent duplicates, injected faults, malformed answers.

Every fault test uses short client timeouts and Retry-After 0, so the file runs in seconds.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.errors import InvalidResponse, Unavailable
from sobrus_comm.backend.results import BatchResult, OutgoingMessage
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.server import RunningSandbox

BATCH = "/api/v1/communications/batch"
# The client gives up reading after 0.4 s; a "timeout" fault holds the request for 1.5 s.
IMPATIENT: dict[str, object] = {"timeout": (1.0, 0.4), "retries": 3, "backoff_factor": 0.0}


def _messages(n: int) -> list[OutgoingMessage]:
    return [OutgoingMessage(str(uuid.uuid4()), f"0670{i:06d}", f"Rappel n°{i}") for i in range(n)]


def _send_until_done(api: SobrusApi, messages: list[OutgoingMessage],
                     attempts: int = 25) -> tuple[BatchResult, int]:
    """What the outbox does: on Unavailable, post the same batch again later."""
    for attempt in range(1, attempts + 1):
        try:
            return api.send_batch(messages), attempt
        except Unavailable:
            continue
    raise AssertionError("the batch never went through")


def _assert_exactly_once(control: SandboxControl, messages: list[OutgoingMessage]) -> list[dict]:
    ids = [m.client_message_id for m in messages]
    sent = control.sent(client_message_ids=ids)
    assert sent["count"] == len(ids)
    assert sorted(i["client_message_id"] for i in sent["items"]) == sorted(ids)
    return sent["items"]


def test_concurrent_duplicate_posts_send_once(make_api: Callable[..., SobrusApi],
                                              control: SandboxControl) -> None:
    control.set_balance(10_000)
    messages = _messages(30)
    clients = [make_api() for _ in range(6)]  # one session per thread, as in the app
    results: list[BatchResult] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(clients))

    def post(client: SobrusApi) -> None:
        try:
            barrier.wait()
            results.append(client.send_batch(messages))
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and len(results) == len(clients)
    ids = {tuple(r.communication.id for r in res.results) for res in results}
    assert len(ids) == 1  # everybody got the same communications back
    assert sum(res.credits_charged for res in results) == 30  # charged once
    items = _assert_exactly_once(control, messages)
    assert all(i["receipts"] == len(clients) for i in items)
    assert control.sent()["count"] == len({i["client_message_id"] for i in
                                           control.sent()["items"]})


@pytest.mark.parametrize("kind", ["500", "503", "timeout", "drop"])
def test_fault_after_processing_is_retried_without_double_send(
        kind: str, make_api: Callable[..., SobrusApi], control: SandboxControl) -> None:
    """The answer is lost after the server recorded the batch: the retry is a replay."""
    control.set_balance(10_000)
    control.configure(fail_next=1, fault_kinds=[kind], fault_phase="after", timeout_s=1.5,
                      retry_after=0, fault_paths=[BATCH])
    api = make_api(**IMPATIENT)
    messages = _messages(5)
    result, attempts = _send_until_done(api, messages)
    # The client never retries a POST itself: the outbox (its one owner) posts again.
    assert attempts == 2
    assert all(r.accepted for r in result.results)
    assert result.credits_charged == 0  # the first, lost answer had charged them
    items = _assert_exactly_once(control, messages)
    assert all(i["receipts"] == 2 for i in items)


def test_random_faults_end_with_every_message_sent_exactly_once(
        make_api: Callable[..., SobrusApi], control: SandboxControl,
        sandbox: RunningSandbox) -> None:
    control.set_balance(10_000)
    before = control.sent()["count"]
    stats_before = control.stats()
    sandbox.state.rng.seed(20260501)  # the same fault sequence on every run
    control.configure(fail_rate=0.5, fault_phase="random", timeout_s=1.5, retry_after=0,
                      fault_paths=[BATCH])
    api = make_api(**IMPATIENT)
    batches = [_messages(8) for _ in range(5)]
    for messages in batches:
        _send_until_done(api, messages)
    control.configure(fail_rate=0.0)
    everything = [m for b in batches for m in b]
    items = _assert_exactly_once(control, everything)
    assert control.sent()["count"] == before + len(everything)
    # One credit each, given back for the numbers the operator refuses (the refund rule).
    refunded = sum(1 for i in items if i["status"] == "failed")
    assert api.balance().credits == 10_000 - len(everything) + refunded
    stats = control.stats()
    injected = {k: stats.get(k, 0) - stats_before.get(k, 0) for k in stats}
    assert injected["faults_before"] > 0 and injected["faults_after"] > 0
    assert sum(1 for i in items if i["receipts"] > 1) > 0  # answers lost after recording


@pytest.mark.parametrize(("kind", "code"), [("503", None), ("drop", "connection_error"),
                                            ("timeout", "timeout")])
def test_unavailable_when_faults_persist(kind: str, code: str | None,
                                         make_api: Callable[..., SobrusApi],
                                         control: SandboxControl) -> None:
    api = make_api(timeout=(1.0, 0.3), retries=1, backoff_factor=0.0)
    control.configure(fail_rate=1.0, fault_kinds=[kind], timeout_s=1.0, retry_after=0)
    started = time.monotonic()
    with pytest.raises(Unavailable) as down:
        api.balance()
    assert time.monotonic() - started < 3
    assert "Sobrus" in down.value.message_fr
    if code:
        assert down.value.code == code
    else:
        assert down.value.status == 503


def test_retry_after_is_respected(make_api: Callable[..., SobrusApi],
                                  control: SandboxControl) -> None:
    api = make_api()
    control.configure(fail_next=1, fault_kinds=["503"], fault_phase="before", retry_after=1)
    started = time.monotonic()
    assert api.balance().credits >= 0
    assert time.monotonic() - started >= 0.9


def test_connection_refused_is_unavailable(sandbox: RunningSandbox) -> None:
    import socket

    with socket.socket() as s:  # a port that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    api = SobrusApi(f"http://127.0.0.1:{port}", timeout=(0.5, 0.5), retries=1,
                    backoff_factor=0.0)
    with pytest.raises(Unavailable) as down:
        api.login("pharmacien", "secret-password")
    assert down.value.code == "connection_error"
    assert "secret-password" not in f"{down.value!s}{down.value!r}"


@pytest.mark.parametrize("malform", ["html", "garbage", "missing_fields", "wrong_types",
                                     "wrong_content_type", "empty"])
def test_malformed_answers_raise_invalid_response(malform: str, api: SobrusApi,
                                                  control: SandboxControl) -> None:
    control.configure(malform=malform)
    for call in (api.me, api.balance, api.clients, api.communications, api.packs):
        with pytest.raises(InvalidResponse) as bad:
            call()
        assert "réponse inattendue" in bad.value.message_fr
    control.configure(malform=None)
    api.balance()


class _OddServer(BaseHTTPRequestHandler):
    """Answers that no well-behaved backend sends, keyed by path."""

    ANSWERS: ClassVar[dict[str, tuple[int, str, str]]] = {
        "/api/v1/me": (200, "application/json", json.dumps([1, 2, 3])),
        "/api/v1/sms/balance": (502, "text/html", "<html><h1>502 Bad Gateway</h1></html>"),
        "/api/v1/sms/packs": (302, "text/html", ""),
        "/api/v1/clients": (200, "application/json", json.dumps(
            {"items": [], "next_cursor": "x", "has_more": True, "deleted": []})),
        "/api/v1/templates": (418, "text/plain", "teapot"),
        "/api/v1/communications/batch": (402, "application/problem+json",
                                         json.dumps({"code": "insufficient_credits"})),
    }

    def _answer(self) -> None:
        status, kind, body = self.ANSWERS.get(self.path.split("?")[0], (404, "text/plain", ""))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if status == 302:
            self.send_header("Location", "http://evil.example/steal")
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def odd_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OddServer)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_odd_servers_never_crash_the_client(odd_server: str) -> None:
    api = SobrusApi(odd_server, token="t" * 30, timeout=(1, 1), retries=1, backoff_factor=0)
    with pytest.raises(InvalidResponse):
        api.me()  # a list where an object is expected
    with pytest.raises(Unavailable):
        api.balance()  # an HTML 502 from a proxy, after retries
    with pytest.raises(InvalidResponse):
        api.packs()  # redirects are not followed
    with pytest.raises(InvalidResponse):
        list(api.iter_clients())  # has_more forever with a cursor that does not move
    with pytest.raises(InvalidResponse):
        api.templates()  # a status outside the contract
    with pytest.raises(InvalidResponse):
        api.send_batch(_messages(1))  # 402 without needed/available
