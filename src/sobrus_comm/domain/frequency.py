"""Frequency caps: how often one client may receive the same kind of SMS.

Defaults: at most one balance reminder per client in 7 days, four promotions in 30 days.
Sends are counted from the synced history (every workstation's), plus what this one has
in its outbox. A client over the cap is left out of the plan with the date of the last
SMS of that kind (« Déjà relancé le 28/11 »), unless the pharmacist overrides the caps
for that one send, explicitly.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


class Purpose(enum.StrEnum):
    """What a past or planned SMS was sent as, for the caps."""

    BALANCE_REMINDER = "balance_reminder"
    PROMOTION = "promotion"
    OTHER = "other"  # other transactional messages: never capped


def purpose_of(objective: str, category: str) -> Purpose:
    """A campaign's purpose from its objective and its template's category."""
    if objective == "balance_reminder":
        return Purpose.BALANCE_REMINDER
    return Purpose.PROMOTION if category == "promotional" else Purpose.OTHER


@dataclass(frozen=True)
class Cap:
    max_sends: int  # 0: no cap
    days: int

    @property
    def active(self) -> bool:
        return self.max_sends > 0 and self.days > 0


@dataclass(frozen=True)
class FrequencyCaps:
    reminder: Cap = Cap(1, 7)
    promotion: Cap = Cap(4, 30)

    def for_purpose(self, purpose: Purpose) -> Cap | None:
        if purpose == Purpose.BALANCE_REMINDER:
            return self.reminder
        if purpose == Purpose.PROMOTION:
            return self.promotion
        return None

    def describe_fr(self) -> str:
        parts = []
        if self.reminder.active:
            parts.append(f"{self.reminder.max_sends} rappel(s) de solde par "
                         f"{self.reminder.days} jours")
        if self.promotion.active:
            parts.append(f"{self.promotion.max_sends} promotion(s) par "
                         f"{self.promotion.days} jours")
        return " ; ".join(parts) or "aucune limite"


@dataclass(frozen=True)
class PastSend:
    client_id: int
    purpose: Purpose
    at: datetime  # aware


def over_cap(client_id: int, purpose: Purpose, sends: Iterable[PastSend],
             caps: FrequencyCaps, now: datetime) -> datetime | None:
    """The last send of that kind when ``client_id`` reached the cap, else None."""
    return SendLog(s for s in sends if s.client_id == client_id).over_cap(
        client_id, purpose, caps, now)


class SendLog:
    """Past sends indexed by client and purpose: a plan of 10k clients asks once per
    client, so scanning every send each time (10k × 20k) is not an option."""

    def __init__(self, sends: Iterable[PastSend]) -> None:
        self._times: dict[tuple[int, Purpose], list[datetime]] = {}
        for send in sends:
            self._times.setdefault((send.client_id, send.purpose), []).append(send.at)

    def over_cap(self, client_id: int, purpose: Purpose, caps: FrequencyCaps,
                 now: datetime) -> datetime | None:
        cap = caps.for_purpose(purpose)
        if cap is None or not cap.active:
            return None
        since = now - timedelta(days=cap.days)
        recent = [at for at in self._times.get((client_id, purpose), ()) if at > since]
        return max(recent) if len(recent) >= cap.max_sends else None


def cap_reason_fr(purpose: Purpose, last: datetime) -> str:
    local = last.astimezone()
    if purpose == Purpose.BALANCE_REMINDER:
        return f"Déjà relancé le {local:%d/%m}"
    return f"Limite de promotions atteinte (dernière le {local:%d/%m})"
