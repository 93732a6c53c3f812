"""The API client checks what resources/openapi.yaml states, all of it: generated cases
built from the contract's own rules (Money's pattern, formats, enums, required fields)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sobrus_comm.backend import parsing
from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.errors import InvalidResponse
from sobrus_comm.backend.parsing import Obj

MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")  # the contract's Money pattern, anchored
TS = "2026-05-01T10:00:00.000Z"
UUID = "7d0c0a52-8d5e-4b0e-9a43-2f3e6a1f0b11"

CLIENT: dict[str, Any] = {
    "id": 7, "first_name": "Salma", "last_name": "Chraibi", "phone": "0661000003",
    "balance_due": "120.50", "balance_due_since": "2026-04-01", "sms_opt_out": False,
    "updated_at": TS,
}
COMMUNICATION: dict[str, Any] = {
    "id": 3, "client_message_id": UUID, "campaign_id": None, "created_at": TS,
    "updated_at": TS, "initiated_by": {"id": 1, "display_name": "Dr Alami"}, "type": "sms",
    "status": "queued", "failure_code": None, "failure_reason": None, "content": "Bonjour",
    "recipient": {"client_id": 7, "name": "Salma Chraibi", "phone": "+212661000003"},
    "segments": 1, "is_test": False, "status_history": [{"status": "queued", "at": TS}],
}
LOGIN: dict[str, Any] = {
    "token": "x" * 40, "token_type": "Bearer", "expires_at": TS,
    "user": {"id": 1, "username": "pharmacien", "display_name": "Dr Alami",
             "permissions": ["send_sms", "manage_templates"],
             "pharmacy": {"id": 1, "name": "Pharmacie Atlas", "city": "Rabat"}},
}
PACK: dict[str, Any] = {"id": 1, "name": "Pack 1000", "credits": 1000, "price": "250.00",
                        "currency": "MAD"}


def _parse(parse: Callable[[Obj], Any], data: Any) -> Any:
    return SobrusApi._parse(data, parse)  # with the net under the parsers, as the API does


def _client(balance: Any) -> Any:
    return _parse(parsing.client, {**CLIENT, "balance_due": balance})


# --- Money: exactly two decimals ----------------------------------------------------------

@given(st.from_regex(r"-?[0-9]{1,12}\.[0-9]{2}", fullmatch=True))
def test_every_amount_the_contract_allows_is_read_exactly(text: str) -> None:
    assert _client(text).balance_due == Decimal(text)


@given(st.text(alphabet="0123456789.-+eEnaNIfi _\u0661,", max_size=12))
def test_every_amount_outside_the_pattern_is_refused(text: str) -> None:
    if MONEY.fullmatch(text) and len(text.lstrip("-").split(".")[0].lstrip("0")) <= 12:
        assert _client(text).balance_due == Decimal(text)
    else:
        with pytest.raises(InvalidResponse):
            _client(text)


@pytest.mark.parametrize("bad", ["0.004", "1E+2", "NaN", "-0", "Infinity", "12", "12.5",
                                 " 12.50", "12.50\n", "+12.50", "1_000.00", "١٢.٥٠",
                                 "9" * 13 + ".00", 12.5, 12, None, True])
def test_the_examples_that_were_accepted_are_refused(bad: Any) -> None:
    with pytest.raises(InvalidResponse):
        _client(bad)


def test_minus_zero_is_zero() -> None:
    assert str(_client("-0.00").balance_due) == "0.00"


# --- every field the contract states, broken one at a time -------------------------------

def _cases() -> list[tuple[str, Callable[[Obj], Any], dict[str, Any], tuple[str, ...], Any]]:
    """(name, parser, valid sample, path of a field, a value the contract forbids there)."""
    bad_texts = [None, 1, ["a"], "\ud800", "ok\udfff"]
    bad_ts = ["2026-05-01T10:00:00+01:00", "2026-05-01 10:00:00Z", "2026-05-01",
              "20260501T100000Z", "2026-13-01T10:00:00Z", "yesterday", 1714557600]
    table: list[tuple[str, Callable[[Obj], Any], dict[str, Any], tuple[str, ...], Any]] = []

    def add(name: str, parse: Callable[[Obj], Any], sample: dict[str, Any],
            path: tuple[str, ...], values: list[Any]) -> None:
        table.extend((name, parse, sample, path, v) for v in values)

    add("client", parsing.client, CLIENT, ("first_name",), bad_texts)
    add("client", parsing.client, CLIENT, ("id",), [None, "7", 7.0, True, 2**64])
    add("client", parsing.client, CLIENT, ("balance_due_since",),
        ["01/04/2026", "2026-4-1", "20260401", 20260401])
    add("client", parsing.client, CLIENT, ("updated_at",), bad_ts)
    add("client", parsing.client, CLIENT, ("sms_opt_out",), [None, 0, "false"])
    add("communication", parsing.communication, COMMUNICATION, ("client_message_id",),
        ["not-a-uuid", "{" + UUID + "}", "urn:uuid:" + UUID, UUID.replace("-", ""), None])
    add("communication", parsing.communication, COMMUNICATION, ("type",), ["mms", None])
    add("communication", parsing.communication, COMMUNICATION, ("status",),
        ["Delivered", "lost", None])
    add("communication", parsing.communication, COMMUNICATION, ("segments",), [0, -1, "1"])
    add("communication", parsing.communication, COMMUNICATION, ("initiated_by", "id"),
        [None, "1"])
    add("communication", parsing.communication, COMMUNICATION, ("recipient", "name"),
        bad_texts)
    add("communication", parsing.communication, COMMUNICATION, ("created_at",), bad_ts)
    add("communication", parsing.communication, COMMUNICATION, ("failure_code",), [1, "\ud800"])
    add("communication", parsing.communication, COMMUNICATION, ("status_history",),
        [None, "queued", [], ["queued"], [{"status": "queued"}], [{"at": TS}],
         [{"status": "lost", "at": TS}], [{"status": "queued", "at": "\ud800"}],
         [{"status": ["queued"], "at": TS}], *([{"status": "queued", "at": t}] for t in bad_ts)])
    add("login", parsing.login_result, LOGIN, ("token_type",), ["bearer", "Basic", None])
    add("login", parsing.login_result, LOGIN, ("token",), ["short", None])
    add("login", parsing.login_result, LOGIN, ("user", "permissions"),
        [["send_sms", "send_sms"], ["root"], "send_sms", [1]])
    add("pack", parsing.pack, PACK, ("currency",), ["EUR", "mad", None])
    add("pack", parsing.pack, PACK, ("price",), ["250", "250.0", "2.5E+2"])
    add("pack", parsing.pack, PACK, ("credits",), [0, -5, "1000"])
    return table


def _with(sample: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(sample)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _without(sample: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    data = copy.deepcopy(sample)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


@pytest.mark.parametrize("parse,sample", [(parsing.client, CLIENT),
                                          (parsing.communication, COMMUNICATION),
                                          (parsing.login_result, LOGIN),
                                          (parsing.pack, PACK)])
def test_the_valid_samples_are_read(parse: Callable[[Obj], Any], sample: dict) -> None:
    _parse(parse, sample)


def test_a_timeline_is_read_step_by_step() -> None:
    steps = [{"status": "queued", "at": TS}, {"status": "sent", "at": "2026-05-01T10:00:05Z"},
             {"status": "delivered", "at": "2026-05-01T10:00:09.250Z", "extra": 1}]
    read = _parse(parsing.communication, {**COMMUNICATION, "status": "delivered",
                                          "status_history": steps})
    assert [(str(s), at.isoformat()) for s, at in read.status_history] == [
        ("queued", "2026-05-01T10:00:00+00:00"), ("sent", "2026-05-01T10:00:05+00:00"),
        ("delivered", "2026-05-01T10:00:09.250000+00:00")]


@pytest.mark.parametrize("name,parse,sample,path,value", _cases(),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_a_field_outside_the_contract_is_refused(name: str, parse: Callable[[Obj], Any],
                                                 sample: dict, path: tuple[str, ...],
                                                 value: Any) -> None:
    with pytest.raises(InvalidResponse):
        _parse(parse, _with(sample, path, value))


REQUIRED = [
    (parsing.client, CLIENT, [(k,) for k in CLIENT]),
    (parsing.communication, COMMUNICATION, [(k,) for k in COMMUNICATION]
     + [("recipient", k) for k in COMMUNICATION["recipient"]]
     + [("initiated_by", k) for k in COMMUNICATION["initiated_by"]]),
    (parsing.login_result, LOGIN, [(k,) for k in LOGIN]
     + [("user", k) for k in LOGIN["user"]]),
    (parsing.pack, PACK, [(k,) for k in PACK]),
]


@pytest.mark.parametrize("parse,sample,path",
                         [(p, s, path) for p, s, paths in REQUIRED for path in paths])
def test_every_required_field_is_required(parse: Callable[[Obj], Any], sample: dict,
                                          path: tuple[str, ...]) -> None:
    with pytest.raises(InvalidResponse):
        _parse(parse, _without(sample, path))


@given(st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=5), max_size=3))
def test_unknown_fields_are_tolerated(extra: dict[str, Any]) -> None:
    # additionalProperties: false in the contract, but a field the backend adds must not
    # break the workstations already installed.
    assert _client("1.00").id == _parse(parsing.client, {**extra, **CLIENT}).id


# --- a page: one bad record is set aside, not a failed page -------------------------------

@given(st.lists(st.booleans(), min_size=1, max_size=12))
def test_bad_records_are_set_aside_and_the_others_kept(good: list[bool]) -> None:
    items = [dict(CLIENT, id=i) if ok else dict(CLIENT, id=i, last_name="\udc00")
             for i, ok in enumerate(good)]
    page = {"items": items, "deleted": [], "next_cursor": "c", "has_more": False}
    kept, skipped = _parse(lambda o: o.each("items", parsing.client), page)
    assert [c.id for c in kept] == [i for i, ok in enumerate(good) if ok]
    assert [s.id for s in skipped] == [i for i, ok in enumerate(good) if not ok]
    assert all("Chraibi" not in s.reason and "\udc00" not in s.reason for s in skipped)


# --- the quick read of a history record agrees with the checked one ----------------------

_ABSENT = object()
_PATHS = [(k,) for k in COMMUNICATION] + [("recipient", k) for k in COMMUNICATION["recipient"]] \
    + [("initiated_by", k) for k in COMMUNICATION["initiated_by"]] + [("kind",), ("purpose",)]
_VALUES = [None, _ABSENT, 0, -1, 1, 2**63, True, 1.0, "", "x", "é", "\ud800", "sms", "queued",
           "sent", "Delivered", "scheduled", "promotion", "test", TS, "2026-05-01T10:00:00+01:00",
           UUID, UUID.upper(), [], {}, [{"status": "queued", "at": TS}],
           [{"status": "sent", "at": TS}, {"status": "queued", "at": TS}],
           [{"status": "queued", "at": "2026-05-01T10:00:01Z"}, {"status": "queued", "at": TS}]]


def test_the_quick_read_agrees_on_every_single_change() -> None:
    for path in _PATHS:
        for value in _VALUES:
            _check_both_ways({path: value})


@given(st.dictionaries(st.sampled_from(_PATHS), st.sampled_from(_VALUES), max_size=3))
def test_the_quick_read_of_a_record_agrees_with_the_checked_one(
        changes: dict[tuple[str, ...], Any]) -> None:
    _check_both_ways(changes)


def _check_both_ways(changes: dict[tuple[str, ...], Any]) -> None:
    record = copy.deepcopy(COMMUNICATION)
    for path, value in changes.items():
        target = _dig(record, path)
        if value is _ABSENT:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value
    try:
        checked = parsing._checked_communication(Obj(record, ""))
    except (InvalidResponse, *parsing.PARSE_ERRORS):
        checked = None
    quick = parsing._quick_communication(record)
    # Never accepts what the checks refuse, nor reads it otherwise.
    assert quick is None or quick == checked, changes


def test_the_quick_read_takes_the_usual_records() -> None:
    delivered = {**COMMUNICATION, "status": "delivered", "kind": "custom_template",
                 "purpose": "promotion", "status_history": [
                     {"status": "queued", "at": TS}, {"status": "delivered", "at": TS}]}
    for record in (COMMUNICATION, delivered):
        quick = parsing._quick_communication(record)
        assert quick is not None and quick == parsing._checked_communication(Obj(record, ""))


def _dig(record: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """The object ``path``'s last key is in (a scratch one when a change replaced it)."""
    target: Any = record
    for key in path[:-1]:
        target = target.get(key) if isinstance(target, dict) else None
    return target if isinstance(target, dict) else {}
