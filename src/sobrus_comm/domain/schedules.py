"""A scheduled grouped send: what, to whom, when; and its state (pure, no I/O).

The recipients are a *rule*, resolved at run time: « tous les clients », « tous les clients
avec un solde dû » (whoever owes at that moment) or the clients ticked when it was set up.
The schedule travels between workstations as the plain dict of :func:`to_wire` /
:func:`from_wire` (resources/openapi.yaml, ``Schedule``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sobrus_comm.domain.models import Objective
from sobrus_comm.domain.recurrence import Frequency, Recurrence


class RecipientsRule(enum.StrEnum):
    ALL = "all"  # every client, as they are at run time
    ALL_DUE = "all_due"  # every client who owes more than the threshold at run time
    TICKED = "ticked"  # the clients ticked when the schedule was made

    def describe_fr(self, count: int = 0) -> str:
        if self == RecipientsRule.ALL:
            return "Tous les clients"
        if self == RecipientsRule.ALL_DUE:
            return "Clients avec un solde dû"
        return f"{count} client{'s' if count > 1 else ''} choisi{'s' if count > 1 else ''}"


class ScheduleState(enum.StrEnum):
    ACTIVE = "actif"
    PAUSED = "en pause"
    FINISHED = "terminé"


class RunResult(enum.StrEnum):
    """How an occurrence ended, as every workstation records it."""

    SENT = "sent"
    NOTHING_TO_SEND = "nothing_to_send"
    SKIPPED = "skipped"  # « le sauter » at the catch-up question
    MISSED = "missed"  # too old to be offered: « manqué »
    PAUSED = "paused"  # template gone, credits short: nothing sent, the schedule paused
    HELD = "held"  # a promotion in quiet hours: in the outbox until the morning

    def describe_fr(self) -> str:
        return {
            RunResult.SENT: "envoyé",
            RunResult.NOTHING_TO_SEND: "aucun destinataire",
            RunResult.SKIPPED: "sauté",
            RunResult.MISSED: "manqué",
            RunResult.PAUSED: "non envoyé",
            RunResult.HELD: "en attente (heures calmes)",
        }[self]


@dataclass(frozen=True)
class Schedule:
    uid: str  # generated where it was made: ids of its SMS derive from it
    name: str
    objective: Objective
    template_id: int
    recipients: RecipientsRule
    rule: Recurrence
    client_ids: tuple[int, ...] = ()  # TICKED only
    min_balance: Decimal = Decimal("0")
    paused: bool = False
    pause_reason: str = ""  # French, shown in the view
    last_key: str | None = None  # the last occurrence handled, on any workstation
    last_result: str = ""  # a RunResult, or ""
    last_detail: str = ""  # French: « 12 SMS envoyés », « Crédits insuffisants … »
    version: int = 0  # the backend's version we hold; 0: never saved there

    def state(self, finished: bool) -> ScheduleState:
        if finished:
            return ScheduleState.FINISHED
        return ScheduleState.PAUSED if self.paused else ScheduleState.ACTIVE

    def label_fr(self, occurrence: datetime) -> str:
        """The campaign's label, which tags its SMS in the history."""
        return scheduled_label_fr(self.name, occurrence)


def scheduled_label_fr(name: str, occurrence: datetime) -> str:
    """« Envoi programmé « Rappel mensuel » du 01/12/2026 09:00 » (history tag)."""
    return f"Envoi programmé « {name} » du {occurrence:%d/%m/%Y %H:%M}"


@dataclass(frozen=True)
class ScheduleDraft:
    """What « Programmer… » in the grouped-send dialog hands to the schedule editor."""

    objective: Objective
    template_id: int
    template_name: str
    recipients: RecipientsRule
    client_ids: tuple[int, ...] = ()
    min_balance: Decimal = Decimal("0")

    @classmethod
    def from_selection(cls, objective: Objective, template_id: int, template_name: str,
                       ticked: frozenset[int], min_balance: Decimal) -> ScheduleDraft:
        """Ticked clients stay those clients; nobody ticked means whoever matches at run
        time (every client, or every client owing more than ``min_balance``)."""
        if ticked:
            rule = RecipientsRule.TICKED
        elif objective == Objective.BALANCE_REMINDER:
            rule = RecipientsRule.ALL_DUE
        else:
            rule = RecipientsRule.ALL
        return cls(objective, template_id, template_name, rule, tuple(sorted(ticked)),
                   min_balance)

    def schedule(self, uid: str, name: str, rule: Recurrence) -> Schedule:
        return Schedule(uid=uid, name=name, objective=self.objective,
                        template_id=self.template_id, recipients=self.recipients, rule=rule,
                        client_ids=self.client_ids, min_balance=self.min_balance)


def to_wire(s: Schedule) -> dict[str, Any]:
    r = s.rule
    return {
        "uid": s.uid, "name": s.name, "objective": str(s.objective),
        "template_id": s.template_id, "recipients": str(s.recipients),
        "client_ids": list(s.client_ids), "min_balance": str(s.min_balance),
        "frequency": str(r.frequency), "at": f"{r.at:%H:%M}", "start": r.start.isoformat(),
        "weekday": r.weekday, "day_of_month": r.day_of_month,
        "until": r.until.isoformat() if r.until else None, "count": r.count,
        "paused": s.paused, "pause_reason": s.pause_reason, "version": s.version,
    }


def from_wire(d: dict[str, Any]) -> Schedule:
    """Raises ValueError, KeyError or TypeError on a malformed record."""
    try:
        min_balance = Decimal(str(d.get("min_balance") or "0"))
    except InvalidOperation:
        raise ValueError("min_balance") from None
    rule = Recurrence(
        frequency=Frequency(d["frequency"]),
        at=time.fromisoformat(d["at"]),
        start=date.fromisoformat(d["start"]),
        weekday=_opt_int(d.get("weekday")),
        day_of_month=_opt_int(d.get("day_of_month")),
        until=date.fromisoformat(d["until"]) if d.get("until") else None,
        count=_opt_int(d.get("count")),
    )
    return Schedule(
        uid=str(d["uid"]), name=str(d["name"]), objective=Objective(d["objective"]),
        template_id=int(d["template_id"]), recipients=RecipientsRule(d["recipients"]),
        rule=rule, client_ids=tuple(int(i) for i in d.get("client_ids") or ()),
        min_balance=min_balance, paused=bool(d.get("paused", False)),
        pause_reason=str(d.get("pause_reason") or ""),
        last_key=d.get("last_key") or None, last_result=str(d.get("last_result") or ""),
        last_detail=str(d.get("last_detail") or ""), version=int(d.get("version") or 0),
    )


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("an integer")
    return value
