"""Hostile servers on loopback: bodies trickled byte by byte, silence, and generated bodies
that no decoder should choke on. Whatever the server does, the client raises one of its
typed errors, and in bounded time (the deadline, not a wall-clock assertion)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.errors import ApiError, InvalidResponse, Unavailable
from sobrus_comm.backend.results import OutgoingMessage
from tests.hostile_server import (
    ANSWER,
    SILENT,
    TRICKLE,
    TRICKLE_HEADERS,
    Behaviour,
    HostileServer,
    hostile_server,
)

TOKEN = "t" * 30


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server(lifetime=120.0) as running:
        yield running


def _message() -> OutgoingMessage:
    return OutgoingMessage(str(uuid.uuid4()), "0612345678", "Bonjour")


def test_a_trickled_body_is_cut_at_the_call_deadline(server: HostileServer) -> None:
    # One byte every 0.2 s: each read is well within the read timeout, so only an overall
    # deadline stops it (before: the call lasted as long as the server wished).
    body = json.dumps({"credits": 12, "updated_at": "2026-05-01T10:00:00.000Z"}).encode()
    server.behaviour = Behaviour(TRICKLE, body=body * 40, trickle_interval_s=0.2)
    api = SobrusApi(server.base_url, TOKEN, timeout=(1.0, 1.0), deadline=2.0, retries=3)
    with pytest.raises(Unavailable) as down:
        api.balance()
    assert down.value.code == "deadline"
    assert "ne répond pas" in down.value.message_fr
    assert server.requests == 1  # no retry once the deadline is spent


def test_trickled_headers_are_cut_at_the_call_deadline(server: HostileServer) -> None:
    server.behaviour = Behaviour(TRICKLE_HEADERS, trickle_interval_s=0.2)
    api = SobrusApi(server.base_url, TOKEN, timeout=(1.0, 1.0), deadline=2.0, retries=3)
    with pytest.raises(Unavailable) as down:
        api.balance()
    assert down.value.code == "deadline"
    assert server.requests == 1


def test_a_trickle_that_ends_in_time_is_read_whole(server: HostileServer) -> None:
    body = json.dumps({"credits": 12, "updated_at": "2026-05-01T10:00:00.000Z"}).encode()
    server.behaviour = Behaviour(TRICKLE, body=body, trickle_interval_s=0.001)
    api = SobrusApi(server.base_url, TOKEN, timeout=(1.0, 1.0), deadline=20.0)
    assert api.balance().credits == 12


def test_reads_are_retried_by_the_client_writes_by_their_owner_only(
        server: HostileServer) -> None:
    server.behaviour = Behaviour(SILENT)
    api = SobrusApi(server.base_url, TOKEN, timeout=(1.0, 0.3), retries=2,
                    backoff_factor=0.0, deadline=20.0)
    with pytest.raises(Unavailable) as down:
        api.balance()
    assert down.value.code == "timeout"
    assert server.requests == 3  # a GET: tried, then retried twice within its deadline
    with pytest.raises(Unavailable):
        api.send_batch([_message()])
    assert server.requests == 4  # a POST: tried once; the outbox retries it, same ids


def test_an_oversized_body_is_refused(server: HostileServer,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from sobrus_comm.backend import transport

    monkeypatch.setattr(transport, "MAX_BODY_BYTES", 1000)
    server.behaviour = Behaviour(ANSWER, body=b"[" + b"0," * 1000 + b"0]")
    with pytest.raises(InvalidResponse):
        SobrusApi(server.base_url, TOKEN).balance()


def test_an_answer_nested_thousands_of_levels_deep_is_a_typed_error(
        server: HostileServer) -> None:
    api = SobrusApi(server.base_url, TOKEN, retries=0)
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000):
        server.behaviour = Behaviour(ANSWER, body=body)
        with pytest.raises(InvalidResponse) as bad:  # before: a raw RecursionError
            api.me()
        assert "réponse inattendue" in bad.value.message_fr


@pytest.mark.parametrize(("needed", "available", "typed"), [
    (3, 0, "InsufficientCredits"), (0, 5, "InvalidResponse"), (3, -1, "InvalidResponse"),
    (True, 0, "InvalidResponse"), ("3", 0, "InvalidResponse")])
def test_insufficient_credits_follows_the_contract(server: HostileServer, needed: Any,
                                                   available: Any, typed: str) -> None:
    problem = {"type": "x", "title": "x", "status": 402, "code": "insufficient_credits",
               "needed": needed, "available": available}
    server.behaviour = Behaviour(ANSWER, status=402, content_type="application/problem+json",
                                 body=json.dumps(problem).encode())
    with pytest.raises(ApiError) as refused:
        SobrusApi(server.base_url, TOKEN).send_batch([_message()])
    assert type(refused.value).__name__ == typed


# --- generated hostile bodies ------------------------------------------------------------

_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
            | st.text(max_size=20) | st.sampled_from(["\ud800", "0.004", "1E+2", "NaN",
                                                     "2026-05-01T10:00:00Z", "sms"]))
_json_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "items", "next_cursor", "has_more", "deleted", "credits",
                         "updated_at", "code", "detail", "results", "balance", "token",
                         "user", "name", "first_name", "balance_due", "current"]) | st.text(
            max_size=5), inner, max_size=8),
    max_leaves=30)


def _deep(n: int, opener: bytes, closer: bytes) -> bytes:
    return opener * n + closer * n


_bodies = st.one_of(
    _json_values.map(lambda v: json.dumps(v).encode()),  # well-formed, wrong shapes
    st.binary(max_size=300),  # garbage
    st.integers(2_000, 200_000).map(lambda n: _deep(n, b"[", b"]")),
    st.integers(2_000, 100_000).map(lambda n: _deep(n, b'{"items":', b"}")[:-1] + b"1}"),
    st.integers(4_400, 50_000).map(lambda n: b'{"credits": ' + b"9" * n + b"}"),
    st.text(max_size=50).map(lambda t: json.dumps({"code": t, "detail": "\ud800"}).encode()),
    st.just(b'{"first_name": "\\udc00\\ud800"}'),
    st.just(b"\xef\xbb\xbf{}"), st.just(b"\xff\xfe{\x00}\x00"),
)

CALLS: list[tuple[str, Callable[[SobrusApi], Any]]] = [
    ("me", lambda api: api.me()),
    ("balance", lambda api: api.balance()),
    ("clients", lambda api: api.clients()),
    ("communications", lambda api: api.communications()),
    ("packs", lambda api: api.packs()),
    ("send_batch", lambda api: api.send_batch([_message()])),
    ("login", lambda api: api.login("pharmacien", "demo")),
]


@pytest.fixture(scope="module")
def shared_server() -> Iterator[HostileServer]:
    with hostile_server(lifetime=300.0) as running:
        yield running


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=_bodies,
       status=st.sampled_from([200, 201, 400, 401, 402, 403, 404, 409, 422, 429, 500, 503]),
       content_type=st.sampled_from(["application/json", "application/problem+json",
                                     "text/html", "application/json; charset=latin-1"]),
       call=st.sampled_from(CALLS))
def test_any_body_is_a_result_or_a_typed_error(shared_server: HostileServer, body: bytes,
                                               status: int, content_type: str,
                                               call: tuple[str, Callable[[SobrusApi], Any]]
                                               ) -> None:
    shared_server.behaviour = Behaviour(ANSWER, status=status, content_type=content_type,
                                        body=body)
    api = SobrusApi(shared_server.base_url, TOKEN, retries=0, timeout=(2.0, 5.0))
    try:
        call[1](api)
    except ApiError as exc:  # the only kind allowed out, with a French sentence
        assert exc.message_fr and str(exc) == exc.message_fr
    finally:
        api.close()


def test_a_next_link_that_the_body_denies_is_not_followed(server: HostileServer) -> None:
    """The Link header lets the next page be asked before this one is read; the body has
    the last word: a page that says nothing follows ends the walk, whatever the header."""
    body = json.dumps({"items": [], "next_cursor": "end", "has_more": False}).encode()
    server.behaviour = Behaviour(ANSWER, body=body, extra_headers={
        "Link": f'<{server.base_url}/api/v1/communications?cursor=elsewhere>; rel="next"'})
    api = SobrusApi(server.base_url, TOKEN, timeout=(1.0, 1.0), deadline=5.0)
    pages = list(api.iter_communications(ahead=True))
    # Followed, the header would have given a second page (the server's same answer).
    assert [(p.items, p.next_cursor, p.has_more) for p in pages] == [((), "end", False)]
