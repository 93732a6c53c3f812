"""The campaign service: every path that sends passes its rules. A promotion resumed or
resent during quiet hours is held like a new one; reminders and tests are never held."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.services.campaigns import QUIET_HOURS_REASON, CampaignService, Held
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import CampaignState, OutboxMessage

MONDAY_2200 = datetime(2026, 5, 4, 22, 0)
TUESDAY_0900 = datetime(2026, 5, 5, 9, 0)
RULES = QuietHoursRules()  # 20:00–09:00 and Sundays


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _campaign(db: Database, category: str, *, is_test: bool = False, label: str = "Promo") -> str:
    message = OutboxMessage(phone_e164="+212612345678", text="-20 % sur les crèmes solaires",
                            client_id=1, client_name="Fatima-Zahra El Amrani")
    return db.outbox.create_campaign([message], label=label, category=category,
                                     is_test=is_test)


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2200)


@pytest.fixture
def campaigns(db: Database, clock: Clock) -> CampaignService:
    return CampaignService(db, lambda: RULES, now=clock)


def test_a_promotion_resumed_in_quiet_hours_is_held_like_a_new_one(
        db: Database, campaigns: CampaignService, clock: Clock) -> None:
    # A promotion a crash left unfinished, and one paused for credits: both resumable.
    crashed = _campaign(db, "promotional", label="Promo interrompue")
    paused = _campaign(db, "promotional", label="Promo en pause")
    db.outbox.pause(paused, "insufficient_credits")
    assert {c.id for c in campaigns.resumable()} == {crashed, paused}

    # « Reprendre l'envoi » at 22:00: held till the morning, in the outbox.
    for campaign_id in (crashed, paused):
        assert campaigns.begin(campaign_id) == Held(campaign_id, TUESDAY_0900)
        progress = db.outbox.progress(campaign_id)
        assert progress is not None
        assert progress.state == CampaignState.PAUSED
        assert progress.pause_reason == QUIET_HOURS_REASON
        assert progress.pending == 1  # nothing sent
    # Held ones go by themselves: no longer offered, waiting for 09:00.
    assert campaigns.resumable() == []
    released, waiting = campaigns.release_due()
    assert released == []
    assert set(waiting) == {Held(crashed, TUESDAY_0900), Held(paused, TUESDAY_0900)}
    clock.now = TUESDAY_0900
    released, waiting = campaigns.release_due()
    assert sorted(released) == sorted([crashed, paused]) and waiting == []
    assert {db.outbox.progress(c).state for c in released} == {CampaignState.SENDING}


def test_a_promotion_resent_in_quiet_hours_is_held(db: Database,
                                                   campaigns: CampaignService) -> None:
    promo = _campaign(db, "promotional")
    db.communications.upsert_many([Communication(
        id=41, client_message_id="cm-41", created_at=datetime(2026, 5, 4, 10, tzinfo=UTC),
        initiated_by="pharmacien", type="sms", status=MessageStatus.FAILED,
        content="-20 % sur les crèmes solaires", recipient_name="Fatima-Zahra El Amrani",
        recipient_phone="+212612345678", campaign_id=promo, failure_reason="Injoignable")])
    draft = campaigns.prepare_resend(41)
    assert draft is not None and draft.category == "promotional"
    resend = campaigns.confirm_resend(draft)
    assert campaigns.begin(resend) == Held(resend, TUESDAY_0900)
    assert db.outbox.progress(resend).pause_reason == QUIET_HOURS_REASON


@pytest.mark.parametrize(("category", "is_test"), [
    ("transactional", False),  # a balance reminder is never held
    ("promotional", True),  # a test goes to a few staff phones
])
def test_reminders_and_tests_are_never_held(db: Database, campaigns: CampaignService,
                                            category: str, is_test: bool) -> None:
    campaign_id = _campaign(db, category, is_test=is_test)
    assert campaigns.begin(campaign_id) is None
    assert db.outbox.progress(campaign_id).state == CampaignState.SENDING


def test_out_of_quiet_hours_or_without_rules_a_promotion_goes(db: Database,
                                                              clock: Clock) -> None:
    campaign_id = _campaign(db, "promotional")
    clock.now = TUESDAY_0900
    assert CampaignService(db, lambda: RULES, now=clock).begin(campaign_id) is None
    clock.now = MONDAY_2200
    assert CampaignService(db, now=clock).begin(campaign_id) is None  # no rules: never held


def test_cancelled_while_held_is_not_released(db: Database, campaigns: CampaignService,
                                              clock: Clock) -> None:
    campaign_id = _campaign(db, "promotional")
    assert campaigns.begin(campaign_id) is not None
    assert campaigns.cancel(campaign_id) == 1
    clock.now = TUESDAY_0900
    assert campaigns.release_due() == ([], [])
    assert campaigns.release(campaign_id) is False
    assert campaigns.summary(campaign_id).state == CampaignState.CANCELLED
    assert campaigns.begin(campaign_id) is None  # finished: nothing to hold nor send


def test_a_cache_that_cannot_be_written_still_lists_the_unfinished(db_path, clock) -> None:
    from sqlalchemy import event

    from sobrus_comm.store import open_database

    db = open_database(db_path)
    campaign_id = _campaign(db, "transactional", label="Rappel de solde")

    @event.listens_for(db.engine, "connect")
    def _read_only(dbapi_conn, _record) -> None:  # as SQLite answers for a read-only file
        dbapi_conn.execute("PRAGMA query_only = ON")

    db.engine.dispose()
    try:
        found = CampaignService(db, lambda: RULES, now=clock).resumable()
        assert [c.id for c in found] == [campaign_id]
    finally:
        db.close()


def test_labels_name_the_campaigns_of_this_workstation(db: Database,
                                                       campaigns: CampaignService) -> None:
    campaign_id = _campaign(db, "transactional", label="Rappel de solde — avril")
    labels = campaigns.labels()
    assert list(labels) == [campaign_id]
    assert labels[campaign_id].startswith("Rappel de solde — avril (")
