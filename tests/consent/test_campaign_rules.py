"""The campaign service keeps consent on every path: resend, confirm, a stop reply."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sobrus_comm.domain.consent import ConsentChannel, ConsentState, InboundReply
from sobrus_comm.domain.models import (
    Client,
    Communication,
    MessageStatus,
    Objective,
    Template,
    TemplateCategory,
)
from sobrus_comm.services.campaigns import CampaignService, ResendRefused
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.send_planning import SendRequest, plan_send
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import OutboxMessage, OutboxState

PROMO = Template(2, "Promo", "Bonjour {prenom}, -20% !", TemplateCategory.PROMOTIONAL)
FATIMA = Client(1, "Fatima", "Bennani", "0612345678")
OMAR = Client(2, "Omar", "Tazi", "0623456789")
AT = datetime(2026, 11, 28, 9, tzinfo=UTC)


@pytest.fixture
def clients(db: Database) -> list[Client]:
    db.clients.upsert_many([FATIMA, OMAR])
    return [FATIMA, OMAR]


def _plan(clients: list[Client]):  # type: ignore[no-untyped-def]
    # Planned without consent rules (an older caller): confirm still keeps « refusé » out.
    return plan_send(SendRequest(Objective.CUSTOM_TEMPLATE, PROMO, clients, frozenset(),
                                 "Al Amal", date(2026, 11, 30)), 100)


def test_confirm_keeps_out_a_client_who_said_stop_since_the_plan(
        db: Database, clients: list[Client]) -> None:
    draft = _plan(clients)
    assert len(draft.plan.messages) == 2
    ConsentService(db).apply_replies([InboundReply(9, OMAR.id, None, "STOP", AT)])
    campaign = CampaignService(db).confirm(draft)
    assert [r.client_id for r in db.outbox.rows(campaign)] == [FATIMA.id]


def test_a_stop_reply_withdraws_promotions_not_yet_posted_only(
        db: Database, clients: list[Client]) -> None:
    campaigns = CampaignService(db)
    promo = campaigns.confirm(_plan(clients))
    service = db.outbox.create_campaign(
        [OutboxMessage(phone_e164="+212623456789", text="Votre commande est prête",
                       client_id=OMAR.id, client_name="Omar Tazi")],
        label="Commande disponible", category="transactional")
    applied = ConsentService(db).apply_replies([InboundReply(9, OMAR.id, None, "Arrêt", AT)])
    assert applied.opted_out == (OMAR.id,) and applied.withdrawn == 1
    states = {r.client_id: r.state for r in db.outbox.rows(promo)}
    assert states == {FATIMA.id: OutboxState.PENDING, OMAR.id: OutboxState.CANCELLED}
    # A service message is not a promotion: it still goes.
    assert [r.state for r in db.outbox.rows(service)] == [OutboxState.PENDING]


def test_resend_of_a_promotion_needs_consent(db: Database, clients: list[Client]) -> None:
    campaigns = CampaignService(db)
    promo = campaigns.confirm(_plan([FATIMA]))
    db.communications.upsert_many([Communication(
        id=41, client_message_id="cm-41", created_at=AT, initiated_by="pharmacien",
        type="sms", status=MessageStatus.FAILED, content="Bonjour Fatima, -20% !",
        recipient_name="Fatima Bennani", recipient_phone="+212612345678", client_id=FATIMA.id,
        campaign_id=promo, failure_reason="Injoignable")])
    with pytest.raises(ResendRefused, match="consentement : non recueilli"):
        campaigns.prepare_resend(41)
    ConsentService(db).record(FATIMA.id, ConsentState.GRANTED, "Dr Samira Alaoui",
                              ConsentChannel.WRITTEN)
    assert campaigns.prepare_resend(41) is not None
