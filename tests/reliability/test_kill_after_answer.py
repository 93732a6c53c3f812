"""A kill between the backend's answer and its recording must not change any outcome.

The backend answers a batch in which some messages are rejected (clients deleted on the
backend, invalid numbers); the app dies before it writes that answer down. After the
restart, whichever way the app learns the outcomes (the history sync, or the replay of the
same ids), each message keeps its real one: rejected stays rejected, never « envoyé ».
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from sobrus_comm.backend.results import BatchResult, OutgoingMessage
from sobrus_comm.services.outbox import (
    CampaignSender,
    OutboxService,
    PauseKind,
    PauseReason,
    RetryPolicy,
)
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store.outbox import OutboxMessage, OutboxState

FAST_RETRY = RetryPolicy(initial_s=0.05, max_s=0.2)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after the raise runs, no handler catches it."""


class DieAfterAnswer:
    """The real API; the process "dies" right after the Nth batch was answered."""

    def __init__(self, api: Any, die_after: int) -> None:
        self.api, self.left = api, die_after

    def send_batch(self, messages: Sequence[OutgoingMessage], **kwargs: Any) -> BatchResult:
        answer: BatchResult = self.api.send_batch(messages, **kwargs)
        self.left -= 1
        if self.left == 0:
            raise Killed
        return answer


def _campaign(db, api, sandbox, rng: random.Random) -> tuple[str, set[int]]:
    """Messages to real sandbox clients, a random share of whom are then deleted there."""
    clients = [c for page in api.iter_clients() for c in page.items]
    rng.shuffle(clients)
    chosen = clients[:40]
    messages = [
        OutboxMessage(phone_e164=c.phone or "+212600000000", text=f"Bonjour {i}",
                      client_id=c.id, client_name=f"{c.first_name} {c.last_name}")
        for i, c in enumerate(chosen)
    ]
    deleted = {c.id for c in rng.sample(chosen, rng.randint(1, 15))}
    for client_id in deleted:
        sandbox.control.delete_client(client_id)
    return db.outbox.create_campaign(messages, label="Rappel"), deleted


def _backend_outcomes(api, campaign_id: str) -> dict[str, str]:
    return {c.client_message_id: str(c.status)
            for page in api.iter_communications() for c in page.items
            if c.campaign_id == campaign_id}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("sync_first", [True, False], ids=["sync-then-resume", "resume"])
def test_rejections_survive_a_kill_before_the_answer_was_recorded(
    sandbox, api, db, seed: int, sync_first: bool
) -> None:
    rng = random.Random(seed)
    campaign_id, deleted = _campaign(db, api, sandbox, rng)
    batch = rng.choice([5, 10, 40])
    with pytest.raises(Killed):
        CampaignSender(db, DieAfterAnswer(api, rng.randint(1, max(1, 40 // batch))),
                       campaign_id, batch_size=batch, retry=FAST_RETRY).run()
    assert db.outbox.rows(campaign_id, [OutboxState.POSTING])  # the answer was lost

    # The restart: as the app does it (a sync when online, then the resume question).
    if sync_first:
        SyncService(api, db).sync()
    for unfinished in OutboxService(db).unfinished_campaigns():
        CampaignSender(db, api, unfinished.id, batch_size=batch, retry=FAST_RETRY).run()

    backend = _backend_outcomes(api, campaign_id)
    rows = db.outbox.rows(campaign_id)
    assert len(backend) == len(rows) == 40
    for row in rows:
        expected = OutboxState.REJECTED if backend[row.client_message_id] == "rejected" \
            else OutboxState.ACCEPTED
        assert row.state == expected, (row.client_message_id, backend[row.client_message_id])
        if row.state == OutboxState.REJECTED:
            assert row.error_message  # a reason the user can read
    summary = OutboxService(db).summary(campaign_id)
    rejected = sum(1 for s in backend.values() if s == "rejected")
    assert rejected >= len(deleted)
    assert (summary.accepted, summary.rejected) == (40 - rejected, rejected)


def test_a_replayed_rejection_is_the_stored_one_and_costs_nothing(
    sandbox, api
) -> None:
    client = next(c for page in api.iter_clients() for c in page.items if c.phone)
    sandbox.control.delete_client(client.id)
    message = OutgoingMessage(client_message_id="6f1de2a4-3c55-4a8e-9a53-0c2b1f3e7d10",
                              phone=client.phone or "", content="Bonjour",
                              client_id=client.id)
    first = api.send_batch([message])
    again = api.send_batch([message])

    for answer in (first, again):
        (result,) = answer.results
        assert (result.accepted, result.error_code) == (False, "unknown_client")
    assert again.credits_charged == 0
    assert sandbox.control.sent(client_message_ids=[message.client_message_id])["count"] == 0


class CloseWhenOffline:
    """The app is closed while the sender waits to retry a batch whose answer was lost."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def paused(self, reason: PauseReason) -> None:
        if reason.kind == PauseKind.OFFLINE:
            self.stop.set()

    def progress(self, done: int, total: int) -> None: ...

    def results(self, results: object) -> None: ...

    def resumed(self) -> None: ...

    def stored(self, history: object, credits: int) -> None: ...


@pytest.mark.parametrize("seed", range(2))
def test_rejections_survive_an_answer_dropped_after_processing(sandbox, api, db, seed) -> None:
    rng = random.Random(100 + seed)
    campaign_id, _deleted = _campaign(db, api, sandbox, rng)
    # The backend records the batch, then the connection drops before its answer (and on
    # every retry of the client, until the app is closed).
    sandbox.configure(fail_next=50, fault_phase="after", fault_kinds=["drop"],
                      fault_paths=["/api/v1/communications/batch"])
    stop = threading.Event()
    CampaignSender(db, api, campaign_id, batch_size=40, retry=FAST_RETRY, stop=stop,
                   listener=CloseWhenOffline(stop)).run()
    assert len(db.outbox.rows(campaign_id, [OutboxState.POSTING])) == 40
    sandbox.configure(fail_next=0)

    SyncService(api, db).sync()  # the next start
    assert OutboxService(db).unfinished_campaigns() == []  # settled by the history alone

    backend = _backend_outcomes(api, campaign_id)
    for row in db.outbox.rows(campaign_id):
        rejected = backend[row.client_message_id] == "rejected"
        assert row.state == (OutboxState.REJECTED if rejected else OutboxState.ACCEPTED)
