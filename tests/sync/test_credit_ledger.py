"""The credit ledger end to end: a real send through the outbox to the sandbox, a real sync,
the Crédits service's reading of it (charges, refunds, net per send, reconciliation)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

from sobrus_comm.domain.credit_ledger import DiscrepancyKind, MovementKind
from sobrus_comm.services.credits import CreditService
from sobrus_comm.services.outbox import CampaignSender
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import Database, open_database
from sobrus_comm.store.outbox import OutboxMessage


def _send_with_failures(db, api) -> tuple[str, int, int]:  # type: ignore[no-untyped-def]
    """Six messages: two of them to numbers the operator refuses (ending 0000; a fixed
    line), one to an invalid number (rejected, never charged). Two segments each."""
    text = "Bonjour, votre commande est disponible. " * 5  # 200 GSM-7 characters: 2 segments
    phones = ["+212661000001", "+212661000002", "+212661000003", "+212670000000",
              "+212522000000", "+21266"]
    messages = [OutboxMessage(phone_e164=p, text=text, client_name=f"Client {i}")
                for i, p in enumerate(phones)]
    campaign_id = db.outbox.create_campaign(messages, label="Promo test")
    CampaignSender(db, api, campaign_id, batch_size=50).run()
    return campaign_id, 5 * 2, 2 * 2  # charged: 5 accepted; refunded: the 2 refused


def test_a_send_with_failures_is_charged_refunded_and_reconciles(sandbox, api, db_path) -> None:
    db = open_database(db_path)
    sync = SyncService(api, db)
    sync.sync()
    before = db.balance.get()
    assert before is not None
    campaign_id, charged, refunded = _send_with_failures(db, api)
    report = sync.sync()
    assert report.ledger_changed >= 2  # the charge and the refund
    assert report.credit_forecast is not None  # for the status bar's warning
    # Read without the messages (the whole-ledger items cost seconds at 1M), the same pace.
    assert report.credit_forecast.per_week == overview_pace(db) > 0

    overview = CreditService(db, UTC).overview(datetime.now(UTC))
    mine = [m for m in overview.movements if m.campaign_id == campaign_id]
    assert [m.kind for m in mine] == [MovementKind.CHARGE, MovementKind.REFUND]
    assert (-mine[0].credits, mine[1].credits) == (charged, refunded)
    assert len(mine[0].items) == 5 and len(mine[1].items) == 2
    [cost] = [c for c in overview.campaigns if c.campaign_id == campaign_id]
    assert (cost.charged, cost.refunded, cost.net) == (charged, refunded, charged - refunded)
    assert overview.labels[campaign_id] == "Promo test"
    balance = db.balance.get()
    assert balance is not None and balance.credits == before.credits - (charged - refunded)
    # The seeded history, its refunds and this send all add up, message by message.
    assert overview.reconciliation.ok, overview.reconciliation.discrepancies
    assert overview.reconciliation.ledger_total == balance.credits
    assert overview.reconciliation.checked_messages > 100
    assert overview.forecast is not None and overview.forecast.per_week > 0


def test_a_recharge_activation_is_a_movement(sandbox, api, db_path) -> None:
    db = open_database(db_path)
    request = api.create_recharge_request(api.packs()[0].id)
    sandbox.control.advance_recharge(request.id, "activated")
    SyncService(api, db).sync()
    overview = CreditService(db, UTC).overview(datetime.now(UTC))
    last = overview.movements[-1]
    assert (last.kind, last.recharge_request_id) == (MovementKind.RECHARGE, request.id)
    assert last.credits == api.packs()[0].credits
    assert f"SMS-{request.id:06d}" in overview.describe(last)
    assert overview.reconciliation.ok


def test_a_discrepancy_made_by_the_backend_is_shown_never_hidden(sandbox, api, db_path,
                                                                  tmp_path) -> None:
    db = open_database(db_path)
    sync = SyncService(api, db)
    _send_with_failures(db, api)
    sandbox.control.ledger_glitch("unrecorded", 3)
    sandbox.control.ledger_glitch("double_charge")
    sync.sync()
    service = CreditService(db, UTC)
    overview = service.overview(datetime.now(UTC))
    kinds = sorted(d.kind for d in overview.reconciliation.discrepancies)
    assert kinds == [DiscrepancyKind.CHARGED_TWICE, DiscrepancyKind.UNEXPLAINED]
    unexplained = next(d for d in overview.reconciliation.discrepancies
                       if d.kind is DiscrepancyKind.UNEXPLAINED)
    assert unexplained.credits == -3
    assert unexplained.summary_fr(UTC).startswith("Écart de 3 crédits le ")

    # The month's statement: CSV for French Excel (every movement) and the printable page.
    year, month = overview.months[0]
    statement = service.statement(overview, year, month)
    path = tmp_path / "releve.csv"
    assert service.export_csv(overview, statement, path) == len(statement.movements)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][:3] == ["Date", "Mouvement", "Libellé"]
    assert all(not cell.startswith(("-", "=", "+")) for row in rows for cell in row)
    page = service.statement_html(overview, statement, "Pharmacie Test", datetime.now(UTC))
    assert "Écart de 3 crédits" in page and "Promo test" in page


def overview_pace(db: Database) -> float:
    """The forecast's pace from the ledger read whole, messages included."""
    overview = CreditService(db, UTC).overview(datetime.now(UTC))
    assert overview.forecast is not None
    return overview.forecast.per_week
