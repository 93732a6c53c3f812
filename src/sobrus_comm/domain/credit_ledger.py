"""The SMS credit ledger: every movement of the balance, and the check that it adds up.

A movement is a recharge (a pack activated), a charge (one accepted batch: its messages and
the credits each cost), a refund (messages the operator refused before delivery: the rule
is written in ``resources/openapi.yaml``) or a manual adjustment by Sobrus. Each carries
the balance right after it (``balance_after``), so a change of the balance that no movement
explains is found *and dated*: « Écart de 3 crédits le 28/11 ».

:func:`reconcile` compares the ledger with the balance and with the messages of the
history, and returns every discrepancy it finds; nothing is hidden, nothing is guessed:
a message the ledger mentions but the local history does not know yet is not judged.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo


class MovementKind(enum.StrEnum):
    RECHARGE = "recharge"
    CHARGE = "charge"
    REFUND = "refund"
    ADJUSTMENT = "adjustment"


KIND_LABELS: dict[MovementKind, str] = {
    MovementKind.RECHARGE: "Recharge",
    MovementKind.CHARGE: "Envoi",
    MovementKind.REFUND: "Remboursement",
    MovementKind.ADJUSTMENT: "Ajustement Sobrus",
}


@dataclass(frozen=True)
class LedgerItem:
    """One message of a charge or a refund, and the credits it moved (always positive)."""

    client_message_id: str
    credits: int


@dataclass(frozen=True)
class Movement:
    id: int
    kind: MovementKind
    credits: int  # signed: + recharge, refund; - charge; either for an adjustment
    balance_after: int
    at: datetime  # UTC
    campaign_id: str | None = None
    items: tuple[LedgerItem, ...] = ()
    note: str | None = None
    recharge_request_id: int | None = None

    @property
    def label_fr(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class LedgerMessage:
    """What the ledger check needs of one message of the history."""

    client_message_id: str
    segments: int
    status: str  # the history's status: queued, sent, delivered, failed, rejected, cancelled
    at: datetime  # UTC, when it was created
    campaign_id: str | None = None


#: Statuses of a message that the backend accepted, hence charged.
NOT_CHARGED = frozenset({"rejected", "cancelled", "pending"})
#: Statuses that are final: only then can a refund (or its absence) be judged.
FINAL = frozenset({"delivered", "failed"})


class DiscrepancyKind(enum.StrEnum):
    UNEXPLAINED = "unexplained"  # the balance moved without a movement
    NOT_CHARGED = "not_charged"  # an accepted message no charge mentions
    CHARGED_TWICE = "charged_twice"
    WRONG_CHARGE = "wrong_charge"  # charged, but not its number of segments
    CHARGED_NOT_ACCEPTED = "charged_not_accepted"  # charged though rejected
    MISSING_REFUND = "missing_refund"  # failed, charged, never refunded
    REFUNDED_TWICE = "refunded_twice"
    WRONG_REFUND = "wrong_refund"  # refunded, but not what it was charged
    UNDUE_REFUND = "undue_refund"  # refunded though delivered or never charged


_DETAIL_FR: dict[DiscrepancyKind, str] = {
    DiscrepancyKind.UNEXPLAINED: "le solde a changé sans mouvement qui l'explique",
    DiscrepancyKind.NOT_CHARGED: "un SMS accepté n'a été décompté par aucun envoi",
    DiscrepancyKind.CHARGED_TWICE: "un SMS a été décompté deux fois",
    DiscrepancyKind.WRONG_CHARGE: "un SMS n'a pas été décompté de son nombre de parties",
    DiscrepancyKind.CHARGED_NOT_ACCEPTED: "un SMS refusé a été décompté",
    DiscrepancyKind.MISSING_REFUND: "un SMS refusé par l'opérateur n'a pas été remboursé",
    DiscrepancyKind.REFUNDED_TWICE: "un SMS a été remboursé deux fois",
    DiscrepancyKind.WRONG_REFUND: "un SMS n'a pas été remboursé de ce qu'il avait coûté",
    DiscrepancyKind.UNDUE_REFUND: "un SMS délivré ou jamais décompté a été remboursé",
}


@dataclass(frozen=True)
class Discrepancy:
    kind: DiscrepancyKind
    at: datetime  # UTC: where it shows in the ledger
    credits: int  # signed: what the pharmacy lost (<0) or gained (>0) by it
    client_message_id: str | None = None
    movement_id: int | None = None

    def headline_fr(self, tz: tzinfo | None = None) -> str:
        """« Écart de 3 crédits le 28/11 » (in the time zone ``tz``; None: this computer's)."""
        n = abs(self.credits)
        return f"Écart de {n} crédit{'s' if n > 1 else ''} le {self.at.astimezone(tz):%d/%m}"

    def summary_fr(self, tz: tzinfo | None = None) -> str:
        """« Écart de 3 crédits le 28/11 : voir le détail »: a line that opens the detail."""
        return f"{self.headline_fr(tz)} : voir le détail"

    @property
    def detail_fr(self) -> str:
        what = _DETAIL_FR[self.kind]
        sign = "en votre défaveur" if self.credits < 0 else "en votre faveur"
        where = f" (SMS {self.client_message_id[:8]})" if self.client_message_id else ""
        ref = f", mouvement n° {self.movement_id}" if self.movement_id is not None else ""
        return (f"{what.capitalize()}{where}{ref} : {abs(self.credits)} crédit"
                f"{'s' if abs(self.credits) > 1 else ''} {sign}. Rien n'est corrigé "
                "automatiquement : signalez-le au service client Sobrus avec ce détail.")


@dataclass(frozen=True)
class Reconciliation:
    ledger_total: int  # the sum of every movement
    balance: int | None  # the balance as last reported (None: not known yet)
    discrepancies: tuple[Discrepancy, ...] = ()
    checked_messages: int = 0

    @property
    def ok(self) -> bool:
        return not self.discrepancies

    def summary_fr(self) -> str:
        if self.ok:
            return (f"Le solde concorde avec les mouvements ({self.checked_messages} SMS "
                    "vérifiés un par un).")
        n = len(self.discrepancies)
        gap = sum(d.credits for d in self.discrepancies)
        return (f"{n} écart{'s' if n > 1 else ''} trouvé{'s' if n > 1 else ''} "
                f"({gap:+d} crédits au total) : voir le détail ci-dessous.")


def reconcile(movements: Sequence[Movement], balance: int | None,
              balance_at: datetime | None, messages: Iterable[LedgerMessage]
              ) -> Reconciliation:
    """Every discrepancy between the ledger, the balance and the messages.

    - Running balance: each movement's ``balance_after`` is the previous one plus its
      credits (the ledger opens at 0); the last one is the reported balance (when the
      balance is not older than it). A gap is dated at the movement that reveals it.
    - Each accepted message of the ledger's period was charged exactly its segments, once;
      a rejected one was not charged.
    - Each failed message that was charged was refunded exactly that, once; nothing else
      was refunded.
    """
    ordered = sorted(movements, key=lambda m: m.id)
    found: list[Discrepancy] = []
    running = 0
    for m in ordered:
        running += m.credits
        if m.balance_after != running:
            found.append(Discrepancy(DiscrepancyKind.UNEXPLAINED, m.at,
                                     m.balance_after - running, movement_id=m.id))
            running = m.balance_after
    if balance is not None and balance != running and (
            not ordered or balance_at is None or balance_at >= ordered[-1].at):
        when = balance_at or (ordered[-1].at if ordered else None)
        if when is not None:
            found.append(Discrepancy(DiscrepancyKind.UNEXPLAINED, when, balance - running))
    checked = 0
    if ordered:
        opened = ordered[0].at
        by_id = {msg.client_message_id: msg for msg in messages if msg.at >= opened}
        checked = len(by_id)
        found.extend(_check_messages(ordered, by_id))
    found.sort(key=lambda d: (d.at, d.kind.value, d.client_message_id or ""))
    return Reconciliation(sum(m.credits for m in ordered), balance, tuple(found), checked)


def _check_messages(movements: Sequence[Movement],
                    messages: dict[str, LedgerMessage]) -> list[Discrepancy]:
    charges: dict[str, list[tuple[Movement, int]]] = defaultdict(list)
    refunds: dict[str, list[tuple[Movement, int]]] = defaultdict(list)
    for m in movements:
        target = (charges if m.kind is MovementKind.CHARGE
                  else refunds if m.kind is MovementKind.REFUND else None)
        if target is not None:
            for item in m.items:
                target[item.client_message_id].append((m, item.credits))
    found: list[Discrepancy] = []
    for cmid, msg in messages.items():
        charged = charges.get(cmid, [])
        refunded = refunds.get(cmid, [])
        accepted = msg.status not in NOT_CHARGED
        if not accepted:
            found += [Discrepancy(DiscrepancyKind.CHARGED_NOT_ACCEPTED, m.at, -c, cmid, m.id)
                      for m, c in charged]
        elif not charged:
            found.append(Discrepancy(DiscrepancyKind.NOT_CHARGED, msg.at, msg.segments, cmid))
        else:
            first, cost = charged[0]
            if cost != msg.segments:
                found.append(Discrepancy(DiscrepancyKind.WRONG_CHARGE, first.at,
                                         msg.segments - cost, cmid, first.id))
            found += [Discrepancy(DiscrepancyKind.CHARGED_TWICE, m.at, -c, cmid, m.id)
                      for m, c in charged[1:]]
        owed = sum(c for _, c in charged[:1]) if accepted else 0
        if accepted and msg.status == "failed" and owed and not refunded:
            found.append(Discrepancy(DiscrepancyKind.MISSING_REFUND, charged[0][0].at,
                                     -owed, cmid, charged[0][0].id))
        elif refunded and msg.status in FINAL | NOT_CHARGED:
            m, c = refunded[0]
            if msg.status != "failed" or not owed:
                found.append(Discrepancy(DiscrepancyKind.UNDUE_REFUND, m.at, c, cmid, m.id))
            elif c != owed:
                found.append(Discrepancy(DiscrepancyKind.WRONG_REFUND, m.at, c - owed,
                                         cmid, m.id))
            found += [Discrepancy(DiscrepancyKind.REFUNDED_TWICE, m2.at, c2, cmid, m2.id)
                      for m2, c2 in refunded[1:]]
    return found


# --- views of the ledger -------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignCost:
    """What one grouped send cost: charged, refunded, net (credits, positive numbers)."""

    campaign_id: str
    charged: int = 0
    refunded: int = 0
    messages: int = 0
    first_at: datetime | None = None

    @property
    def net(self) -> int:
        return self.charged - self.refunded


def campaign_costs(movements: Iterable[Movement]) -> list[CampaignCost]:
    """One line per campaign that has a charge or a refund, most recent first."""
    charged: dict[str, int] = defaultdict(int)
    refunded: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    first: dict[str, datetime] = {}
    for m in movements:
        cid = m.campaign_id
        if cid is None or m.kind not in (MovementKind.CHARGE, MovementKind.REFUND):
            continue
        if m.kind is MovementKind.CHARGE:
            charged[cid] += -m.credits
            counted[cid] += len(m.items)
        else:
            refunded[cid] += m.credits
        first[cid] = min(first.get(cid, m.at), m.at)
    costs = [CampaignCost(cid, charged[cid], refunded[cid], counted[cid], at)
             for cid, at in first.items()]
    costs.sort(key=lambda c: c.first_at or datetime.min, reverse=True)
    return costs


def month_of(moment: datetime, tz: tzinfo | None = None) -> tuple[int, int]:
    local = moment.astimezone(tz)
    return local.year, local.month


@dataclass(frozen=True)
class MonthlyStatement:
    """The month's movements and totals, as the accountant files them."""

    year: int
    month: int
    opening: int  # the balance before the month's first movement
    closing: int
    movements: tuple[Movement, ...]
    totals: dict[MovementKind, int] = field(default_factory=dict)

    @property
    def title_fr(self) -> str:
        return f"Relevé de crédits SMS — {MONTHS_FR[self.month - 1]} {self.year}"


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")


def monthly_statement(movements: Sequence[Movement], year: int, month: int,
                      tz: tzinfo | None = None) -> MonthlyStatement:
    ordered = sorted(movements, key=lambda m: m.id)
    before = [m for m in ordered if month_of(m.at, tz) < (year, month)]
    inside = tuple(m for m in ordered if month_of(m.at, tz) == (year, month))
    opening = before[-1].balance_after if before else 0
    closing = inside[-1].balance_after if inside else opening
    totals = {kind: sum(m.credits for m in inside if m.kind is kind) for kind in MovementKind}
    return MonthlyStatement(year, month, opening, closing, inside, totals)


def months_with_movements(movements: Iterable[Movement], tz: tzinfo | None = None
                          ) -> list[tuple[int, int]]:
    """The (year, month) pairs that have a movement, most recent first."""
    return sorted({month_of(m.at, tz) for m in movements}, reverse=True)


def day_of(moment: datetime, tz: tzinfo | None = None) -> date:
    return moment.astimezone(tz).date()


def filter_movements(movements: Iterable[Movement], month: tuple[int, int] | None = None,
                     campaign_id: str | None = None, tz: tzinfo | None = None
                     ) -> list[Movement]:
    """The movements of one month and/or one grouped send (None: no filter on it)."""
    return [m for m in movements
            if (month is None or month_of(m.at, tz) == month)
            and (campaign_id is None or m.campaign_id == campaign_id)]


def filter_costs(costs: Iterable[CampaignCost], month: tuple[int, int] | None = None,
                 tz: tzinfo | None = None) -> list[CampaignCost]:
    """The grouped sends that started in ``month`` (None: all of them)."""
    return [c for c in costs if month is None
            or (c.first_at is not None and month_of(c.first_at, tz) == month)]
