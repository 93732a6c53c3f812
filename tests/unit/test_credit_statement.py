"""The printed statement's lines and the movements' French wording."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sobrus_comm.domain.credit_ledger import (
    LedgerItem,
    Movement,
    MovementKind,
    Reconciliation,
    monthly_statement,
)
from sobrus_comm.services.credits import CreditOverview, describe_fr, statement_lines

AT = datetime(2026, 11, 5, 9, 0, tzinfo=UTC)
MOVEMENTS = [
    Movement(1, MovementKind.ADJUSTMENT, 500, 500, AT, note="Solde d'ouverture"),
    Movement(2, MovementKind.CHARGE, -6, 494, AT + timedelta(hours=1), "c1",
             tuple(LedgerItem(f"m{i}", 2) for i in range(3))),
    Movement(3, MovementKind.RECHARGE, 1000, 1494, AT + timedelta(hours=2),
             recharge_request_id=12),
    Movement(4, MovementKind.REFUND, 2, 1496, AT + timedelta(hours=3), "c1",
             (LedgerItem("m0", 2),)),
]


def _overview() -> CreditOverview:
    return CreditOverview(MOVEMENTS, Reconciliation(1496, 1496), [], {"c1": "Promo solaire"},
                          [(2026, 11)], None)


def test_one_line_per_send_charged_and_refunded_together() -> None:
    statement = monthly_statement(MOVEMENTS, 2026, 11, UTC)
    lines = statement_lines(_overview(), statement, UTC)
    assert [(line.kind, line.label, line.debit, line.credit) for line in lines] == [
        ("Ajustement Sobrus", "Solde d'ouverture", 0, 500),
        ("Envoi", "Promo solaire (3 SMS)", 6, 2),
        ("Recharge", "Pack activé (demande SMS-000012)", 0, 1000),
    ]


def test_wording_of_each_kind() -> None:
    labels = {"c1": "Promo solaire"}
    assert describe_fr(MOVEMENTS[1], labels) == "Promo solaire : 3 SMS"
    assert describe_fr(MOVEMENTS[3], labels) == "Promo solaire : 1 SMS refusé par l'opérateur"
    assert describe_fr(Movement(5, MovementKind.ADJUSTMENT, -1, 0, AT), {}) == \
        "Ajustement par Sobrus"
