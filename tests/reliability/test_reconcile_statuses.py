"""Rows in doubt take the outcome the synced history shows, for every status it can show."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store import open_database
from sobrus_comm.store.outbox import OutboxMessage, OutboxState

# What the backend can report about a message it received (PENDING exists only locally).
RECEIVED = [s for s in MessageStatus if s != MessageStatus.PENDING]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statuses=st.lists(st.sampled_from([*RECEIVED, None]), min_size=1, max_size=12),
       reason=st.one_of(st.none(), st.text(min_size=1, max_size=30)))
def test_each_row_in_doubt_keeps_the_outcome_the_history_shows(
    tmp_path_factory, statuses: list[MessageStatus | None], reason: str | None
) -> None:
    db = open_database(tmp_path_factory.mktemp("c") / "cache.sqlite3")
    try:
        messages = [OutboxMessage(phone_e164=f"+2126{i:08d}", text=f"m{i}")
                    for i in range(len(statuses))]
        campaign_id = db.outbox.create_campaign(messages)
        db.outbox.claim_batch(campaign_id, len(messages))  # all posted, answer lost
        db.communications.upsert_many(
            Communication(id=100 + i, client_message_id=m.client_message_id,
                          created_at=datetime.now(UTC), initiated_by="", type="sms",
                          status=status, content=m.text, recipient_name="",
                          recipient_phone=m.phone_e164,
                          failure_reason=reason if status == MessageStatus.REJECTED else None)
            for i, (m, status) in enumerate(zip(messages, statuses, strict=True))
            if status is not None
        )
        settled = db.outbox.reconcile_with_history()

        rows = {r.client_message_id: r for r in db.outbox.rows(campaign_id)}
        assert settled == sum(s is not None for s in statuses)
        for i, (m, status) in enumerate(zip(messages, statuses, strict=True)):
            row = rows[m.client_message_id]
            if status is None:  # not in the history (yet): still in doubt, posted again
                assert (row.state, row.communication_id) == (OutboxState.POSTING, None)
            elif status == MessageStatus.REJECTED:
                assert (row.state, row.communication_id) == (OutboxState.REJECTED, 100 + i)
                assert row.error_message == (reason or "Refusé par Sobrus")
            else:
                assert (row.state, row.communication_id) == (OutboxState.ACCEPTED, 100 + i)
                assert row.error_message is None
    finally:
        db.close()
