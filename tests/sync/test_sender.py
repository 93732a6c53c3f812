"""The sender against the sandbox: exactly once, pauses, cancel, faults, full disk, lock."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import event

from sobrus_comm.domain.models import Objective, TemplateCategory
from sobrus_comm.domain.recipients import PlanRequest, build_plan
from sobrus_comm.services.outbox import (
    CampaignSender,
    OutboxService,
    PauseKind,
    PauseReason,
    RetryPolicy,
)
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import DatabaseLocked, DiskFull, open_database
from sobrus_comm.store.communications import UpsertResult
from sobrus_comm.store.outbox import CampaignState, MessageOutcome, OutboxState
from tests.sync.conftest import logged_in_api
from tests.sync.helpers import campaign, outbox_ids

FAST_RETRY = RetryPolicy(initial_s=0.05, max_s=0.2)


@dataclass
class Recorder:
    """A SendListener that keeps what it was told, and can cancel after N batches."""

    cancel_after_batches: int | None = None
    service: OutboxService | None = None
    campaign_id: str = ""
    progress_seen: list[tuple[int, int]] = field(default_factory=list)
    pauses: list[PauseReason] = field(default_factory=list)
    resumed_count: int = 0
    batches: int = 0

    def progress(self, done: int, total: int) -> None:
        self.progress_seen.append((done, total))

    def results(self, results) -> None:
        self.batches += 1
        if self.service is not None and self.batches == self.cancel_after_batches:
            self.service.cancel(self.campaign_id)  # as the GUI's « Annuler » would

    def paused(self, reason: PauseReason) -> None:
        self.pauses.append(reason)

    def resumed(self) -> None:
        self.resumed_count += 1

    def stored(self, history: UpsertResult, credits: int) -> None:
        pass


def assert_sent_exactly_once(sandbox, db, campaign_id: str, expected: int) -> None:
    sent = sandbox.control.sent(campaign_id=campaign_id)
    ids = [item["client_message_id"] for item in sent["items"]]
    assert len(ids) == len(set(ids)) == expected  # no duplicate SMS
    accepted = {r.client_message_id for r in db.outbox.rows(campaign_id, [OutboxState.ACCEPTED])}
    assert set(ids) == accepted  # nothing sent that the outbox does not know as accepted


def test_a_campaign_is_sent_exactly_once_with_progress(sandbox, api, db) -> None:
    campaign_id = campaign(db, 120)
    credits_before = api.balance().credits
    listener = Recorder()
    outcome = CampaignSender(db, api, campaign_id, batch_size=50, listener=listener).run()

    assert outcome.finished and outcome.summary.accepted == 120
    assert listener.progress_seen == [(0, 120), (50, 120), (100, 120), (120, 120)]
    assert_sent_exactly_once(sandbox, db, campaign_id, 120)
    assert credits_before - api.balance().credits == 120
    assert db.balance.get().credits == api.balance().credits  # kept live while sending
    assert db.communications.count() >= 120  # the history shows them before any sync


def test_insufficient_credits_pauses_then_resume_sends_the_rest_once(sandbox, api, db) -> None:
    campaign_id = campaign(db, 120)
    sandbox.control.set_balance(60)
    listener = Recorder()
    outcome = CampaignSender(db, api, campaign_id, batch_size=50, listener=listener).run()

    assert outcome.paused is not None and outcome.paused.kind == PauseKind.INSUFFICIENT_CREDITS
    assert (outcome.paused.needed, outcome.paused.available) == (50, 10)
    assert listener.pauses == [outcome.paused]
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 50  # nothing more
    [paused] = OutboxService(db).unfinished_campaigns()
    assert (paused.state, paused.pending, paused.posting) == (CampaignState.PAUSED, 70, 0)

    sandbox.control.set_balance(1000)  # recharged
    resumed = CampaignSender(db, api, campaign_id, batch_size=50).run()
    assert resumed.finished and resumed.summary.accepted == 120
    assert_sent_exactly_once(sandbox, db, campaign_id, 120)


def test_cancel_sends_nothing_more(sandbox, api, db) -> None:
    campaign_id = campaign(db, 120)
    service = OutboxService(db)
    listener = Recorder(cancel_after_batches=1, service=service, campaign_id=campaign_id)
    outcome = CampaignSender(db, api, campaign_id, batch_size=50, listener=listener).run()

    assert outcome.cancelled and outcome.finished
    assert (outcome.summary.accepted, outcome.summary.cancelled) == (50, 70)
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 50
    again = CampaignSender(db, api, campaign_id, batch_size=50).run()  # a later resume
    assert again.summary.accepted == 50 and service.unfinished_campaigns() == []
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 50


def test_expired_login_pauses_and_resumes_after_a_new_login(sandbox, api, db) -> None:
    campaign_id = campaign(db, 30)
    sandbox.control.expire_tokens()
    outcome = CampaignSender(db, api, campaign_id, batch_size=10).run()
    assert outcome.paused is not None and outcome.paused.kind == PauseKind.LOGIN_EXPIRED
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 0

    fresh = logged_in_api(sandbox.base_url)
    assert CampaignSender(db, fresh, campaign_id, batch_size=10).run().finished
    assert_sent_exactly_once(sandbox, db, campaign_id, 30)
    fresh.close()


def test_offline_then_back_retries_the_same_ids(sandbox, db) -> None:
    api = logged_in_api(sandbox.base_url, retries=0)  # every failure reaches the sender
    campaign_id = campaign(db, 40)
    sandbox.configure(fail_next=4, fault_kinds=["drop", "503"], fault_phase="after")
    listener = Recorder()
    outcome = CampaignSender(db, api, campaign_id, batch_size=20, retry=FAST_RETRY,
                             listener=listener).run()

    assert outcome.finished and outcome.summary.accepted == 40
    assert [p.kind for p in listener.pauses] == [PauseKind.OFFLINE]
    assert listener.resumed_count == 1
    assert_sent_exactly_once(sandbox, db, campaign_id, 40)
    receipts = [i["receipts"] for i in sandbox.control.sent(campaign_id=campaign_id)["items"]]
    assert max(receipts) > 1  # the first batch really was received, then replayed
    api.close()


@pytest.mark.slow
def test_flaky_network_a_thousand_messages_each_accepted_once(sandbox, db) -> None:
    api = logged_in_api(sandbox.base_url, retries=0)  # every fault reaches the sender
    campaign_id = campaign(db, 1000)
    # This seed draws every kind within the first 22 requests, timeouts and drops "after"
    # (recorded by the sandbox, answer lost) included: the case idempotency is for.
    sandbox.state.rng.seed(12)
    sandbox.configure(fail_rate=0.2, fault_kinds=["500", "503", "timeout", "drop"])
    listener = Recorder()
    outcome = CampaignSender(db, api, campaign_id, batch_size=50, retry=FAST_RETRY,
                             listener=listener).run()
    sandbox.configure(fail_rate=0.0)

    stats = sandbox.control.stats()
    for kind in ("fault_500", "fault_503", "fault_timeout", "fault_drop", "faults_after"):
        assert stats.get(kind, 0) >= 1, stats  # every kind was met, and survived
    assert outcome.finished and outcome.summary.accepted == 1000
    assert_sent_exactly_once(sandbox, db, campaign_id, 1000)
    assert outbox_ids(db, campaign_id) == {
        i["client_message_id"] for i in sandbox.control.sent(campaign_id=campaign_id)["items"]
    }
    api.close()


def test_disk_full_during_a_send_is_reported_and_loses_no_row(sandbox, api, db_path) -> None:
    db = open_database(db_path)
    campaign_id = campaign(db, 200)

    @event.listens_for(db.engine, "connect")
    def _no_more_space(dbapi_conn, _record) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    with pytest.raises(DiskFull) as caught:
        CampaignSender(db, api, campaign_id, batch_size=50).run()
    assert "disque est plein" in caught.value.message_fr.lower()
    db.close()

    db = open_database(db_path)  # space freed: resume
    assert len(db.outbox.rows(campaign_id)) == 200
    assert CampaignSender(db, api, campaign_id, batch_size=50).run().finished
    assert_sent_exactly_once(sandbox, db, campaign_id, 200)
    db.close()


def test_a_locked_database_stops_the_send_with_a_clear_error(sandbox, api, db_path) -> None:
    db = open_database(db_path, busy_timeout_ms=100)
    campaign_id = campaign(db, 60)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseLocked) as caught:
            CampaignSender(db, api, campaign_id, batch_size=20).run()
        assert "verrouillée" in caught.value.message_fr
    finally:
        other.rollback()
        other.close()
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 0
    assert CampaignSender(db, api, campaign_id, batch_size=20).run().finished
    assert_sent_exactly_once(sandbox, db, campaign_id, 60)
    db.close()


def test_a_domain_plan_is_enqueued_whole_and_charged_per_segment(sandbox, api, db) -> None:
    SyncService(api, db).sync()
    template = next(t for t in db.templates.list_all()
                    if t.category == TemplateCategory.TRANSACTIONAL)
    plan = build_plan(PlanRequest(
        clients=db.clients.list_all(), ticked_ids=(), objective=Objective.CUSTOM_TEMPLATE,
        template=template, pharmacy_name="Al Amal", today=date(2026, 11, 28),
    ))
    service = OutboxService(db)
    campaign_id = service.enqueue(plan, template=template, objective=Objective.CUSTOM_TEMPLATE)
    [unfinished] = service.unfinished_campaigns()  # what a crash right now would offer
    assert (unfinished.id, unfinished.total) == (campaign_id, len(plan.messages))
    assert unfinished.segments_remaining == plan.total_segments

    credits_before = api.balance().credits
    outcome = CampaignSender(db, api, campaign_id).run()
    assert outcome.finished
    assert outcome.summary.accepted + outcome.summary.rejected == len(plan.messages)
    assert credits_before - api.balance().credits == sum(
        r.segments for r in db.outbox.rows(campaign_id, [OutboxState.ACCEPTED]))
    assert service.unfinished_campaigns() == []


def test_a_campaign_answered_just_before_a_crash_is_not_offered_again(db) -> None:
    campaign_id = campaign(db, 3)
    batch = db.outbox.claim_batch(campaign_id, 3)
    db.outbox.record_outcomes(MessageOutcome(r.client_message_id, True) for r in batch)
    # ...killed here, before the campaign was marked completed.
    assert OutboxService(db).unfinished_campaigns() == []
    assert db.outbox.progress(campaign_id).state == CampaignState.COMPLETED
