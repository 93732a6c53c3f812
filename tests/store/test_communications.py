from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store.communications import row_to_communication

T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def _comm(id_: int, status: MessageStatus = MessageStatus.QUEUED, **kw) -> Communication:
    return Communication(
        id=id_, client_message_id=f"cm-{id_}", created_at=T0 + timedelta(minutes=id_),
        initiated_by="pharmacien", type="sms", status=status, content=f"Message {id_}",
        recipient_name=f"Client {id_}", recipient_phone="+212612345678", **kw,
    )


def test_upsert_reports_new_and_changed_ids(db) -> None:
    first = db.communications.upsert_many([_comm(1), _comm(2)])
    assert (first.new_ids, first.changed_ids) == ([1, 2], [])

    second = db.communications.upsert_many(
        [_comm(2, MessageStatus.DELIVERED), _comm(3, campaign_id="camp")]
    )
    assert (second.new_ids, second.changed_ids) == ([3], [2])
    [row] = db.communications.rows_by_ids([2])
    assert row.status == "delivered"


def _timeline(created: datetime, end: MessageStatus) -> tuple[tuple[MessageStatus, datetime], ...]:
    return ((MessageStatus.QUEUED, created), (MessageStatus.SENT, created + timedelta(seconds=30)),
            (end, created + timedelta(seconds=90)))


def test_history_rows_are_named_records_newest_first(db) -> None:
    failed = _comm(2, MessageStatus.FAILED, failure_reason="Numéro invalide", is_test=True,
                   status_history=_timeline(T0 + timedelta(minutes=2), MessageStatus.FAILED))
    db.communications.upsert_many([_comm(1), failed, _comm(3)])
    rows = db.communications.load_history_rows()
    assert [type(r) for r in rows] == [HistoryRow] * 3
    assert [r.id for r in rows] == [3, 2, 1]
    created = int((T0 + timedelta(minutes=2)).timestamp())
    assert rows[1].created_at == created
    assert rows[1].status_history == (
        f"queued@{created};sent@{created + 30};failed@{created + 90}")
    assert row_to_communication(rows[1]) == failed
    assert rows[0].status_history is None  # none known
    assert row_to_communication(rows[0]).status_history == ()


def test_tombstones_remove_rows(db) -> None:
    db.communications.upsert_many([_comm(i) for i in range(1, 5)])
    db.communications.delete_many([1])
    db.communications.delete_missing([2, 3])
    assert sorted(r[0] for r in db.communications.load_history_rows()) == [2, 3]


def test_one_hundred_thousand_rows_load_whole_and_in_order(db) -> None:
    # How long it takes is a benchmark figure (cache_load_100k_s in bench_history), not a test.
    db.communications.upsert_many(  # with their timelines: the rows as a real cache holds them
        _comm(i, MessageStatus.DELIVERED,
              status_history=_timeline(T0 + timedelta(minutes=i), MessageStatus.DELIVERED))
        for i in range(100_000))
    rows = db.communications.load_history_rows()
    assert len(rows) == 100_000
    assert [r.id for r in rows] == list(range(99_999, -1, -1))  # newest first, none lost
    assert row_to_communication(rows[-1]) == _comm(
        0, MessageStatus.DELIVERED, status_history=_timeline(T0, MessageStatus.DELIVERED))


def test_the_cache_columns_are_the_history_row_fields(db) -> None:
    with db.read() as conn:
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(communications)")]
    assert tuple(columns) == HistoryRow._fields


def test_loaded_rows_share_repeated_values_and_keep_every_field(db) -> None:
    from sobrus_comm.store.history_sql import SHARED_FIELDS

    db.communications.upsert_many(_comm(i, MessageStatus.DELIVERED) for i in range(1, 50))
    rows = db.communications.load_history_rows()
    assert [row_to_communication(r) for r in rows] == [
        _comm(i, MessageStatus.DELIVERED) for i in range(49, 0, -1)]
    first, second = rows[0], rows[1]
    for name in SHARED_FIELDS:  # one copy of each repeated value, not one per row
        if getattr(first, name) is not None and getattr(first, name) == getattr(second, name):
            assert getattr(first, name) is getattr(second, name), name
    assert first.status is second.status
