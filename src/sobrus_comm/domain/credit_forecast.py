"""How long the SMS balance lasts at the pace of the last weeks.

The pace is what the ledger says was really spent: charges minus refunds over the last
``weeks`` full weeks (recharges and adjustments are not consumption). Credits already
promised to sends planned ahead (``planned``) are taken off the balance first.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sobrus_comm.domain.credit_ledger import Movement, MovementKind

PACE_WEEKS = 4  # a month of sends: long enough to smooth one big promotion
WARN_WEEKS = 2  # warn while there is still time for a transfer to arrive


@dataclass(frozen=True)
class Forecast:
    balance: int
    per_week: float  # credits spent per week, on average over the period
    weeks_left: float | None  # None: nothing spent lately, the balance is not running down
    pace_weeks: int = PACE_WEEKS
    planned: int = 0

    @property
    def runs_low(self) -> bool:
        """True when the balance lasts less than :data:`WARN_WEEKS` at this pace."""
        return self.weeks_left is not None and self.weeks_left < WARN_WEEKS

    def sentence_fr(self) -> str:
        if self.weeks_left is None:
            return (f"Aucun envoi ces {self.pace_weeks} dernières semaines : le solde ne "
                    "baisse pas.")
        pace = round(self.per_week)
        if self.weeks_left < 1:
            days = max(0, math.floor(self.weeks_left * 7))
            lasts = ("est déjà épuisé" if days == 0 else
                     f"dure environ {days} jour{'s' if days > 1 else ''}")
        else:
            weeks = math.floor(self.weeks_left)
            lasts = f"dure environ {weeks} semaine{'s' if weeks > 1 else ''}"
        planned = (f", après les {self.planned} crédits des envois programmés"
                   if self.planned else "")
        return (f"Au rythme des {self.pace_weeks} dernières semaines ({pace} crédits par "
                f"semaine), le solde {lasts}{planned}.")


def forecast(movements: Iterable[Movement], balance: int, now: datetime, *,
             weeks: int = PACE_WEEKS, planned: int = 0) -> Forecast:
    since = now - timedelta(weeks=weeks)
    totals: dict[MovementKind, int] = defaultdict(int)
    for m in movements:
        if since <= m.at <= now:
            totals[m.kind] += m.credits
    return forecast_from_totals(totals, balance, weeks=weeks, planned=planned)


def forecast_from_totals(totals: Mapping[MovementKind, int], balance: int, *,
                         weeks: int = PACE_WEEKS, planned: int = 0) -> Forecast:
    """The same, from the credits each kind of movement moved over the last ``weeks``
    weeks (summed where the movements are kept)."""
    # A charge is negative, a refund positive; recharges and adjustments are not spending.
    spent = -sum(totals.get(kind, 0) for kind in (MovementKind.CHARGE, MovementKind.REFUND))
    per_week = max(0, spent) / weeks
    left = max(0, balance - planned)
    weeks_left = left / per_week if per_week > 0 else None
    return Forecast(balance, per_week, weeks_left, weeks, planned)
