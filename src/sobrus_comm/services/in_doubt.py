"""Settling the messages that a cancel left in doubt, at the next contact with the backend.

« Annuler l'envoi » during an outage stops a batch whose POST may or may not have reached
the backend: those rows stay ``posting`` (« en cours de confirmation »). The history sync
settles the ones the backend received; for the rest, only the backend can say. It is
asked once it answers again: a received message keeps its outcome (envoyé or échec), one
never received is voided there (a delayed copy is refused) and becomes « annulé — jamais
envoyé » here. Either way, no row stays in doubt and nothing is sent after a cancel.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sobrus_comm.backend.results import MAX_BATCH_SIZE, CancelResult
from sobrus_comm.domain.models import MessageStatus
from sobrus_comm.store.communications import UpsertResult
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import REJECTED_IN_HISTORY, REJECTED_IN_HISTORY_FR, MessageOutcome

log = logging.getLogger("sobrus_comm.sender")


class CancelApi(Protocol):
    def cancel_messages(self, client_message_ids: Sequence[str]) -> tuple[CancelResult, ...]: ...


@dataclass
class InDoubtSettlement:
    received: int = 0  # the backend had them: their real outcome is recorded
    voided: int = 0  # it never had them: cancelled, never sent
    history: UpsertResult = field(default_factory=UpsertResult)


def settle_cancelled_in_doubt(db: Database, api: CancelApi) -> InDoubtSettlement:
    """Ask the backend about every row a cancel left in doubt, and record its answer."""
    settled = InDoubtSettlement()
    asked: set[str] = set()
    while ids := [i for i in db.outbox.cancelled_in_doubt(MAX_BATCH_SIZE) if i not in asked]:
        asked.update(ids)  # never ask twice in one pass, whatever the answer
        results = api.cancel_messages(ids)
        received = [r for r in results if r.communication is not None]
        outcomes = [_outcome(r) for r in received]
        with db.write() as tx:
            db.outbox.record_outcomes(outcomes, conn=tx)
            settled.history.extend(db.communications.upsert_many(
                (r.communication for r in received if r.communication is not None), conn=tx))
            settled.voided += db.outbox.void_unreceived(
                (r.client_message_id for r in results if r.communication is None), conn=tx)
        settled.received += len(received)
    if asked:
        log.info("cancelled send settled: %d received by the backend, %d voided",
                 settled.received, settled.voided)
    return settled


def _outcome(result: CancelResult) -> MessageOutcome:
    c = result.communication
    assert c is not None
    rejected = c.status == MessageStatus.REJECTED
    return MessageOutcome(
        result.client_message_id, not rejected, communication_id=c.id,
        error_code=REJECTED_IN_HISTORY if rejected else None,
        error_message=(c.failure_reason or REJECTED_IN_HISTORY_FR) if rejected else None,
    )
