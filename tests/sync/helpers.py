"""Small builders shared by the sync and sender tests."""

from __future__ import annotations

from sobrus_comm.store import Database
from sobrus_comm.store.outbox import OutboxMessage


def messages(n: int, *, text: str = "Bonjour, votre commande est prête.") -> list[OutboxMessage]:
    """``n`` one-segment messages to distinct, valid Moroccan mobile numbers."""
    return [
        OutboxMessage(phone_e164=f"+21266{1_000_001 + i:07d}", text=f"{text} Réf. {i}",
                      client_name=f"Client {i}")
        for i in range(n)
    ]


def campaign(db: Database, n: int) -> str:
    return db.outbox.create_campaign(messages(n), label="Test")


def outbox_ids(db: Database, campaign_id: str) -> set[str]:
    return {r.client_message_id for r in db.outbox.rows(campaign_id)}
