"""« Annuler l'envoi » while batches are in doubt: every row ends envoyé, échec or annulé.

The batches of a campaign are posted during an outage: some reached the backend (their
answer was lost), some never did. The user cancels. At the next sync, each row takes its
real outcome, none stays « en cours de confirmation », across restarts too; and a delayed
copy of a message the backend never received is refused: never sent after a cancel.
"""

from __future__ import annotations

import random
import threading

import pytest

from sobrus_comm.backend.results import OutgoingMessage
from sobrus_comm.domain.credit_ledger import MovementKind
from sobrus_comm.services.in_doubt import settle_cancelled_in_doubt
from sobrus_comm.services.outbox import (
    CampaignSender,
    OutboxService,
    PauseKind,
    PauseReason,
    RetryPolicy,
)
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import open_database
from sobrus_comm.store.outbox import CampaignState, OutboxMessage, OutboxRow, OutboxState

FAST_RETRY = RetryPolicy(initial_s=0.05, max_s=0.2)


def _outgoing(rows: list[OutboxRow]) -> list[OutgoingMessage]:
    return [OutgoingMessage(client_message_id=r.client_message_id, phone=r.phone_e164,
                            content=r.text, client_id=r.client_id) for r in rows]


def _messages(rng: random.Random, n: int) -> list[OutboxMessage]:
    # A few numbers the backend refuses, so that "received" covers both outcomes.
    return [OutboxMessage(phone_e164="+2121234" if rng.random() < 0.2
                          else f"+21266{2_000_000 + i:07d}", text=f"Promo {i}")
            for i in range(n)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("via", ["sync", "settle-alone"])
def test_each_row_ends_in_its_real_outcome_after_a_cancel_in_doubt(
    sandbox, api, db, seed: int, via: str
) -> None:
    rng = random.Random(seed)
    campaign_id = db.outbox.create_campaign(_messages(rng, 60), label="Promotion")
    reached: set[str] = set()
    for _ in range(rng.randint(1, 5)):  # batches posted during the outage
        batch = db.outbox.claim_batch(campaign_id, rng.randint(3, 12))
        if batch and rng.random() < 0.5:  # this one reached the backend; its answer was lost
            api.send_batch(_outgoing(batch), campaign_id=campaign_id)
            reached |= {r.client_message_id for r in batch}
    in_doubt = db.outbox.rows(campaign_id, [OutboxState.POSTING])
    never = [r for r in in_doubt if r.client_message_id not in reached]
    OutboxService(db).cancel(campaign_id)  # « Annuler l'envoi »
    credits = api.balance().credits

    if via == "sync":  # the next contact with the backend: the history settles the
        report = SyncService(api, db).sync()  # received ones, the question the rest
        assert report.outbox_settled == len(never)
    else:  # the question alone settles both kinds
        settled = settle_cancelled_in_doubt(db, api)
        assert (settled.received, settled.voided) == (len(in_doubt) - len(never), len(never))
    backend = {c.client_message_id: str(c.status) for p in api.iter_communications()
               for c in p.items if c.campaign_id == campaign_id}
    assert set(backend) == reached
    for row in db.outbox.rows(campaign_id):
        assert row.state != OutboxState.POSTING
        if row.client_message_id in reached:
            want = OutboxState.REJECTED if backend[row.client_message_id] == "rejected" \
                else OutboxState.ACCEPTED
            assert row.state == want
        else:
            assert row.state == OutboxState.CANCELLED
    summary = OutboxService(db).summary(campaign_id)
    assert summary.in_doubt == 0 and summary.state == CampaignState.CANCELLED
    assert summary.accepted + summary.rejected + summary.cancelled == 60

    # A delayed copy of what never arrived is refused: nothing sent after the cancel.
    if never:
        late = api.send_batch(_outgoing(never), campaign_id=campaign_id)
        assert {(r.accepted, r.error_code) for r in late.results} == {(False, "cancelled")}
        assert late.credits_charged == 0
    # Nothing charged since the cancel; a number the operator refused gives its credit back
    # (the refund rule), on the first read of the history after the balance was noted.
    refunded = sum(m.credits for p in api.iter_ledger() for m in p.items
                   if m.campaign_id == campaign_id and m.kind is MovementKind.REFUND)
    assert api.balance().credits == credits + refunded
    sent = sandbox.control.sent(campaign_id=campaign_id)["items"]
    assert {s["client_message_id"] for s in sent} <= reached

    # And a restart changes nothing: the rows stay settled, the next sync has nothing to do.
    path = db.path
    db.close()
    again = open_database(path)
    try:
        states = {r.client_message_id: r.state for r in again.outbox.rows(campaign_id)}
        assert SyncService(api, again).sync().outbox_settled == 0
        assert {r.client_message_id: r.state for r in again.outbox.rows(campaign_id)} == states
        assert OutboxService(again).unfinished_campaigns() == []
    finally:
        again.close()


class CancelWhenOffline:
    """A listener that presses « Annuler l'envoi » as soon as the outage shows."""

    def __init__(self, service: OutboxService, campaign_id: str, stop: threading.Event):
        self.service, self.campaign_id, self.stop = service, campaign_id, stop

    def paused(self, reason: PauseReason) -> None:
        if reason.kind == PauseKind.OFFLINE:
            self.service.cancel(self.campaign_id)
            self.stop.set()

    def progress(self, done: int, total: int) -> None: ...

    def results(self, results) -> None: ...

    def resumed(self) -> None: ...

    def stored(self, history, credits: int) -> None: ...


def test_cancel_during_an_outage_the_backend_never_saw_ends_annule(sandbox, api, db) -> None:
    campaign_id = db.outbox.create_campaign(_messages(random.Random(1), 30), label="Promo")
    sandbox.configure(fail_rate=1.0, fault_phase="before", fault_kinds=["503"],
                      fault_paths=["/api/v1/communications/batch"])
    stop = threading.Event()
    outcome = CampaignSender(
        db, api, campaign_id, batch_size=10, retry=FAST_RETRY, stop=stop,
        listener=CancelWhenOffline(OutboxService(db), campaign_id, stop)).run()
    assert outcome.cancelled and outcome.summary.in_doubt == 10  # « en cours de confirmation »
    sandbox.configure(fail_rate=0.0)

    SyncService(api, db).sync()

    summary = OutboxService(db).summary(campaign_id)
    assert (summary.in_doubt, summary.cancelled, summary.accepted) == (0, 30, 0)
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 0
