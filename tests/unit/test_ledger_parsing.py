"""The client's reading of the contract's LedgerMovement: typed, and a broken one refused
(the page sets it aside and the sync counts it, like any unreadable record)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from sobrus_comm.backend import parsing
from sobrus_comm.backend.errors import InvalidResponse
from sobrus_comm.backend.parsing import Obj
from sobrus_comm.domain.credit_ledger import LedgerItem, MovementKind

GOOD: dict[str, Any] = {
    "id": 7, "kind": "refund", "credits": 4, "balance_after": 1204,
    "created_at": "2026-11-28T10:15:00.000Z", "campaign_id": "c-1",
    "recharge_request_id": None, "note": None,
    "messages": [{"client_message_id": "m1", "credits": 2},
                 {"client_message_id": "m2", "credits": 2}],
}


def test_a_movement_is_read_whole() -> None:
    movement = parsing.ledger_movement(Obj(GOOD, ""))
    assert (movement.id, movement.kind, movement.credits, movement.balance_after) == (
        7, MovementKind.REFUND, 4, 1204)
    assert movement.at == datetime(2026, 11, 28, 10, 15, tzinfo=UTC)
    assert movement.items == (LedgerItem("m1", 2), LedgerItem("m2", 2))


@pytest.mark.parametrize("broken", [
    {"kind": "gift"}, {"credits": "4"}, {"balance_after": None}, {"created_at": "hier"},
    {"messages": [{"client_message_id": "m1", "credits": 0}]}, {"messages": None},
])
def test_a_broken_movement_is_refused(broken: dict[str, Any]) -> None:
    with pytest.raises((InvalidResponse, *parsing.PARSE_ERRORS)):
        parsing.ledger_movement(Obj({**GOOD, **broken}, ""))


def _checked_items(messages: Any) -> tuple[LedgerItem, ...]:
    """The items read one Obj at a time: the rule the quick read must agree with."""
    o = Obj({"messages": messages}, "")
    return tuple(LedgerItem(m.text("client_message_id"), m.integer("credits", 1))
                 for m in o.items("messages"))


@pytest.mark.parametrize("messages", [
    [], [{"client_message_id": "m1", "credits": 1}],
    [{"client_message_id": "é-1", "credits": 3}],  # not ASCII, still valid
    [{"client_message_id": "m1", "credits": 2, "extra": "ignored"}],
    [{"client_message_id": "m1", "credits": True}], [{"client_message_id": "m1"}],
    [{"client_message_id": None, "credits": 1}], [{"client_message_id": 5, "credits": 1}],
    [{"client_message_id": "\ud800", "credits": 1}], [{"client_message_id": "m", "credits": 2**63}],
    [{"client_message_id": "m1", "credits": 1}, "m2"], [{"client_message_id": "m", "credits": -1}],
])
def test_the_quick_read_of_items_agrees_with_the_checked_one(messages: Any) -> None:
    try:
        expected: tuple[LedgerItem, ...] | type[BaseException] = _checked_items(messages)
    except (InvalidResponse, *parsing.PARSE_ERRORS) as exc:
        expected = type(exc)
    movement = {**GOOD, "messages": messages}
    if isinstance(expected, tuple):
        assert parsing.ledger_movement(Obj(movement, "")).items == expected
    else:
        with pytest.raises(expected):
            parsing.ledger_movement(Obj(movement, ""))
