"""Consent records are kept (never overwritten), replies stored once, sends counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sobrus_comm.domain.consent import (
    ConsentChannel,
    ConsentRecord,
    ConsentState,
    InboundReply,
    opt_out_record,
)
from sobrus_comm.domain.frequency import PastSend, Purpose

AT = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def test_history_of_changes_is_kept_and_latest_wins(db) -> None:
    db.consent.add(ConsentRecord(7, ConsentState.GRANTED, AT, "Salma", ConsentChannel.COUNTER))
    reply = InboundReply(41, 7, "+212661000007", "Arrêt", AT + timedelta(days=1))
    record = opt_out_record(reply)
    assert record is not None
    assert db.consent.add(record) is not None
    assert db.consent.add(record) is None  # the same reply twice: one record
    history = db.consent.for_client(7)
    assert [s.record.state for s in history] == [ConsentState.GRANTED, ConsentState.REFUSED]
    assert history[1].record.reply_text == "Arrêt" and history[1].record.reply_id == 41
    assert db.consent.states() == {7: ConsentState.REFUSED}
    assert len(db.consent.pending_push()) == 2
    db.consent.mark_pushed(history[0].uid, 900)
    assert [s.uid for s in db.consent.pending_push()] == [history[1].uid]


def test_a_record_from_the_backend_is_not_stored_twice(db) -> None:
    rec = ConsentRecord(3, ConsentState.GRANTED, AT, "Salma", ConsentChannel.WRITTEN)
    uid = db.consent.add(rec)
    assert db.consent.add(rec, uid=uid, server_id=5) is None
    assert [s.server_id for s in db.consent.all()] == [5]


def test_a_page_of_records_is_kept_as_one_by_one(db) -> None:
    """add_many (a sync's page) keeps what add, record after record, would keep."""
    granted = ConsentRecord(3, ConsentState.GRANTED, AT, "Salma", ConsentChannel.WRITTEN)
    kept_uid = db.consent.add(granted)  # recorded here, not pushed yet
    stop = opt_out_record(InboundReply(41, 7, "+212661000007", "STOP", AT))
    assert stop is not None
    other = ConsentRecord(8, ConsentState.REFUSED, AT, "", ConsentChannel.COUNTER)
    added = db.consent.add_many([
        (granted, kept_uid, 11),  # the backend's copy of the one kept: its id noted
        (stop, "u-1", None),
        (stop, "u-2", 12),  # the same reply again, from the backend: the id only
        (other, "u-3", 13), (other, "u-3", 13),  # the same uid twice in a page
    ])
    assert added == [None, "u-1", None, "u-3", None]
    assert [(s.uid, s.server_id, s.record.client_id) for s in db.consent.all()] == [
        (kept_uid, 11, 3), ("u-1", 12, 7), ("u-3", 13, 8)]
    assert db.consent.add_many([(stop, "u-4", 14)]) == [None]  # a later page: still once
    assert db.consent.pending_push() == []


def test_replies_stored_once_with_unread_counts(db) -> None:
    replies = [InboundReply(1, 7, None, "merci", AT), InboundReply(2, 7, None, "STOP", AT)]
    assert len(db.replies.add_new(replies)) == 2
    assert db.replies.add_new(replies) == []
    assert db.replies.unread_by_client() == {7: 2}
    assert db.replies.mark_read(7) == 2
    assert db.replies.unread_by_client() == {}
    assert [r.text for r in db.replies.for_client(7)] == ["merci", "STOP"]


def test_sends_counted_once_per_message(db) -> None:
    send = PastSend(7, Purpose.BALANCE_REMINDER, AT)
    db.sent_purposes.record([("m1", send), ("m1", send)])
    assert db.sent_purposes.since(AT - timedelta(days=7)) == [send]
    assert db.sent_purposes.since(AT) == []
