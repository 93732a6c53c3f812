"""« Renvoyer ce SMS »: a failed message goes out again through the outbox, once, with a
new ``client_message_id`` (the old id is the failed message: reusing it would be deduped
by the backend into the same failure)."""

from __future__ import annotations

from dataclasses import dataclass

from sobrus_comm.domain.consent import STATE_LABELS, ConsentState
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.domain.segments import analyze
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import OutboxMessage

RESENDABLE = frozenset({"failed", "rejected"})


class ResendRefused(Exception):
    """Why this message cannot go again, in French (``str(exc)``)."""


@dataclass(frozen=True)
class ResendDraft:
    message: OutboxMessage
    category: str
    original_id: int

    @property
    def credits(self) -> int:
        return self.message.segments


def prepare_resend(db: Database, row: HistoryRow) -> ResendDraft:
    if row.status not in RESENDABLE:
        raise ResendRefused("Seul un SMS en échec peut être renvoyé.")
    phone = normalize_phone(row.recipient_phone)
    if not phone.ok or phone.e164 is None:
        raise ResendRefused(f"{phone.reason_fr}. Corrigez le numéro du client dans Sobrus, "
                            "puis synchronisez avant de renvoyer.")
    client_id = row.client_id
    client = db.clients.get(client_id) if client_id else None
    campaign = db.outbox.progress(row.campaign_id) if row.campaign_id else None
    category = campaign.category if campaign else "transactional"
    if client is not None and client.sms_opt_out and category == "promotional":
        raise ResendRefused(f"{client.full_name} a refusé les SMS promotionnels.")
    if client is not None and category == "promotional":
        state = db.consent.states().get(client.id, ConsentState.UNKNOWN)
        if state != ConsentState.GRANTED:  # consent may have changed since the first send
            raise ResendRefused(
                f"{client.full_name} n'a pas accepté les SMS promotionnels (consentement : "
                f"{STATE_LABELS[state].lower()}). Enregistrez son accord avant de renvoyer.")
    text = row.content
    info = analyze(text)
    return ResendDraft(
        OutboxMessage(phone_e164=phone.e164, text=text, client_id=client_id,
                      client_name=row.recipient_name, segments=info.segments,
                      encoding=info.encoding),
        category, row.id)


def enqueue_resend(db: Database, draft: ResendDraft) -> str:
    """One campaign of one message, written in one transaction; returns its id."""
    return db.outbox.create_campaign(
        [draft.message], label=f"Renvoi du SMS n° {draft.original_id}", objective="resend",
        category=draft.category, credits_needed=draft.credits)
