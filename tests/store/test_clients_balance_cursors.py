from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sobrus_comm.domain.models import Client


def _client(id_: int, last: str, **kw) -> Client:
    return Client(id_, kw.pop("first", "Prénom"), last, kw.pop("phone", "0612345678"), **kw)


def test_clients_upsert_update_and_list_by_name(db) -> None:
    db.clients.upsert_many(
        [
            _client(1, "Zahraoui"),
            _client(2, "alaoui", balance_due=Decimal("99.90"), balance_due_since=date(2024, 3, 1)),
            _client(3, "Bennani", sms_opt_out=True, phone=None),
        ]
    )
    db.clients.upsert_many([_client(1, "Zahraoui", first="Nadia")])

    listed = db.clients.list_all()
    assert [c.last_name for c in listed] == ["alaoui", "Bennani", "Zahraoui"]
    assert listed[0].balance_due == Decimal("99.90")
    assert listed[0].balance_due_since == date(2024, 3, 1)
    assert listed[1].sms_opt_out and listed[1].phone is None
    assert listed[2].first_name == "Nadia"


def test_clients_tombstones_and_full_pull_leftovers_are_removed(db) -> None:
    db.clients.upsert_many([_client(i, f"N{i}") for i in range(1, 6)])
    assert db.clients.delete_many([2]) == 1
    assert db.clients.delete_missing([1, 3]) == 2
    assert [c.id for c in db.clients.by_ids([1, 2, 3, 4, 5])] == [1, 3]


def test_balance_keeps_the_backend_timestamp(db) -> None:
    assert db.balance.get() is None
    stamp = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    db.balance.set(1500, stamp)
    db.balance.set(1490, stamp)
    balance = db.balance.get()
    assert (balance.credits, balance.updated_at) == (1490, stamp)


def test_cursors_per_resource_and_reset(db) -> None:
    db.cursors.set("clients", "2025-01-01T00:00:00Z", full=True)
    db.cursors.set("clients", "2025-01-02T00:00:00Z")
    db.cursors.set("communications", "42")
    assert db.cursors.get("clients") == "2025-01-02T00:00:00Z"
    [clients, _] = db.cursors.all()
    assert clients.full_sync_at is not None  # an incremental pull keeps the full-pull stamp
    db.cursors.reset()
    assert db.cursors.get("communications") is None
