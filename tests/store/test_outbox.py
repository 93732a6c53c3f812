"""The outbox: one transaction per campaign, claims committed before posting, cancel."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store import DatabaseLocked, DiskFull, open_database
from sobrus_comm.store.outbox import (
    CampaignState,
    MessageOutcome,
    OutboxMessage,
    OutboxState,
)


def _messages(n: int) -> list[OutboxMessage]:
    return [
        OutboxMessage(phone_e164=f"+2126{i:08d}", text=f"Bonjour {i}", client_id=i,
                      client_name=f"Client {i}", segments=1 + i % 2)
        for i in range(n)
    ]


def _states(db, campaign_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in db.outbox.rows(campaign_id):
        counts[row.state] = counts.get(row.state, 0) + 1
    return counts


def test_a_campaign_is_written_whole_with_fixed_ids(db) -> None:
    messages = _messages(5)
    campaign_id = db.outbox.create_campaign(messages, label="Rappel de solde")
    rows = db.outbox.rows(campaign_id)
    assert [r.client_message_id for r in rows] == [m.client_message_id for m in messages]
    progress = db.outbox.progress(campaign_id)
    assert (progress.total, progress.pending, progress.credits_needed) == (5, 5, 7)
    assert progress.state == CampaignState.SENDING


def test_a_failing_campaign_write_leaves_nothing(db) -> None:
    messages = _messages(3)
    duplicate = [*messages, messages[0]]  # the unique id is violated by the last row
    with pytest.raises(IntegrityError):
        db.outbox.create_campaign(duplicate)
    assert db.outbox.unfinished() == []


def test_claimed_rows_are_committed_as_posting_and_in_doubt_rows_come_first(db) -> None:
    campaign_id = db.outbox.create_campaign(_messages(10))
    first = db.outbox.claim_batch(campaign_id, 4)
    with sqlite3.connect(db.path) as other:  # visible to anyone, e.g. after a kill
        posting = other.execute("SELECT count(*) FROM outbox WHERE state='posting'").fetchone()
    assert posting == (4,)

    again = db.outbox.claim_batch(campaign_id, 6)  # as after a restart: same ids first
    assert [r.client_message_id for r in again[:4]] == [r.client_message_id for r in first]
    assert [r.attempts for r in again] == [2, 2, 2, 2, 1, 1]


def test_outcomes_cancel_and_completion(db) -> None:
    campaign_id = db.outbox.create_campaign(_messages(6))
    batch = db.outbox.claim_batch(campaign_id, 3)
    db.outbox.record_outcomes(
        [
            MessageOutcome(batch[0].client_message_id, True, communication_id=100),
            MessageOutcome(batch[1].client_message_id, False, error_code="invalid_phone",
                           error_message="Numéro invalide"),
        ]
    )
    assert db.outbox.cancel(campaign_id) == 3  # the three never claimed
    assert db.outbox.claim_batch(campaign_id, 10) == []  # a cancelled campaign sends nothing
    assert _states(db, campaign_id) == {"accepted": 1, "rejected": 1, "posting": 1,
                                        "cancelled": 3}
    assert db.outbox.unfinished() == []
    assert db.outbox.finish_if_done(campaign_id)


def test_release_pause_and_resume(db) -> None:
    campaign_id = db.outbox.create_campaign(_messages(4))
    batch = db.outbox.claim_batch(campaign_id, 2)
    assert db.outbox.release([r.client_message_id for r in batch]) == 2
    db.outbox.pause(campaign_id, "insufficient_credits")
    assert db.outbox.claim_batch(campaign_id, 2) == []
    [paused] = db.outbox.unfinished()
    assert (paused.state, paused.pause_reason, paused.pending) == (
        CampaignState.PAUSED, "insufficient_credits", 4)
    assert paused.segments_remaining == 6

    assert db.outbox.set_sending(campaign_id)
    batch = db.outbox.claim_batch(campaign_id, 10)
    db.outbox.record_outcomes(MessageOutcome(r.client_message_id, True) for r in batch)
    assert db.outbox.finish_if_done(campaign_id)
    assert db.outbox.progress(campaign_id).state == CampaignState.COMPLETED
    assert not db.outbox.set_sending(campaign_id)


def test_rows_in_doubt_seen_in_the_history_become_accepted(db) -> None:
    campaign_id = db.outbox.create_campaign(_messages(2))
    batch = db.outbox.claim_batch(campaign_id, 2)
    seen = batch[0]
    db.communications.upsert_many([
        Communication(id=900, client_message_id=seen.client_message_id,
                      created_at=datetime.now(UTC), initiated_by="", type="sms",
                      status=MessageStatus.QUEUED, content=seen.text, recipient_name="",
                      recipient_phone=seen.phone_e164)
    ])
    assert db.outbox.reconcile_with_history() == 1
    row = db.outbox.rows(campaign_id, [OutboxState.ACCEPTED])[0]
    assert (row.client_message_id, row.communication_id) == (seen.client_message_id, 900)


def test_disk_full_while_writing_a_campaign_is_typed_and_writes_nothing(db_path) -> None:
    db = open_database(db_path)
    db.outbox.create_campaign(_messages(1))

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_conn, _record) -> None:  # the file may not grow any more
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    try:
        with pytest.raises(DiskFull) as caught:
            db.outbox.create_campaign(_messages(2000))
        assert "disque est plein" in caught.value.message.lower()
        assert len(db.outbox.unfinished()) == 1
    finally:
        db.close()


def test_a_locked_database_is_typed(db_path) -> None:
    db = open_database(db_path, busy_timeout_ms=50)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked):
            db.outbox.create_campaign(_messages(1))
    finally:
        other.rollback()
        other.close()
    db.outbox.create_campaign(_messages(1))
    db.close()
