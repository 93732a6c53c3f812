"""Recurrence of scheduled sends: when each occurrence falls, and which are due (pure).

An occurrence is named by its *local* date and time in the pharmacy's zone (« 2026-12-01
09:00 »): that name, not the UTC instant, is what makes it unique (ids are derived from it),
so a change of the tz data between two starts never turns one occurrence into two.

Decisions (shown to the user in the « Programmer… » dialog):

* « le 31 » falls on the **last day** of shorter months (28/29 février, 30 avril): a monthly
  balance reminder must not silently skip a month.
* A local time that does not exist (clocks jump forward, e.g. 02:30 on 22/03/2026 in
  Casablanca) runs as many minutes later as the jump (03:30); a local time that occurs twice
  (clocks go back) runs at the first of the two, once.
* While the app is open, an occurrence runs by itself up to ``DUE_GRACE`` after its time.
  Later than that (the app was closed, the computer asleep), the most recent occurrence
  missed by less than ``CATCH_UP_WINDOW`` (72 h: a weekend closure) is *offered* at start
  (« l'envoyer maintenant, le sauter ? »); older ones are marked « manqué » and never sent.

Times go in and out as aware datetimes; the zone is handed in (``zoneinfo`` from the tz data
the app ships), never a fixed UTC offset.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DUE_GRACE = timedelta(minutes=15)
CATCH_UP_WINDOW = timedelta(hours=72)
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# uuid5 namespace of scheduled sends: the same (schedule, occurrence, client) gives the same
# message id on every workstation, and the backend's idempotency accepts it once.
SCHEDULE_NAMESPACE = uuid.UUID("5b0b7e7c-3f4e-5d2a-9c1e-6f2a50c0a115")


class Frequency(enum.StrEnum):
    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class RecurrenceError(ValueError):
    """A rule that cannot be scheduled; ``str()`` is French, for the dialog."""


@dataclass(frozen=True)
class Recurrence:
    """Once on ``start``; every week on ``weekday``; every month on ``day_of_month``.

    ``start`` is also the first day a repeating rule may fall on; ``until`` (inclusive) and
    ``count`` (number of occurrences) are optional ends.
    """

    frequency: Frequency
    at: time
    start: date
    weekday: int | None = None  # 0 = lundi
    day_of_month: int | None = None  # 1..31
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if self.frequency == Frequency.WEEKLY and self.weekday not in range(7):
            raise RecurrenceError("Choisissez le jour de la semaine.")
        if self.frequency == Frequency.MONTHLY and self.day_of_month not in range(1, 32):
            raise RecurrenceError("Choisissez un jour du mois entre 1 et 31.")
        if self.count is not None and self.count < 1:
            raise RecurrenceError("Le nombre d'envois doit être au moins 1.")
        if self.until is not None and self.until < self.start:
            raise RecurrenceError("La date de fin est avant la date de début.")

    def local_times(self) -> Iterator[datetime]:
        """Every occurrence as a naive local datetime, in order (finite only with an end)."""
        for emitted, day in enumerate(self._days()):
            if self.until is not None and day > self.until:
                return
            if self.count is not None and emitted >= self.count:
                return
            yield datetime.combine(day, self.at)

    def _days(self) -> Iterator[date]:
        if self.frequency == Frequency.ONCE:
            yield self.start
        elif self.frequency == Frequency.WEEKLY:
            assert self.weekday is not None
            day = self.start + timedelta(days=(self.weekday - self.start.weekday()) % 7)
            while True:
                yield day
                day += timedelta(days=7)
        else:
            assert self.day_of_month is not None
            year, month = self.start.year, self.start.month
            while True:
                day = month_day(year, month, self.day_of_month)
                if day >= self.start:
                    yield day
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def describe_fr(self) -> str:
        """« Tous les mois le 31 (le dernier jour des mois plus courts) à 09:00 »."""
        at = f"{self.at:%H:%M}"
        if self.frequency == Frequency.ONCE:
            text = f"Le {self.start:%d/%m/%Y} à {at}"
        elif self.frequency == Frequency.WEEKLY:
            assert self.weekday is not None
            text = f"Chaque {WEEKDAYS_FR[self.weekday]} à {at}"
        else:
            assert self.day_of_month is not None
            text = f"Tous les mois le {self.day_of_month} à {at}"
            if self.day_of_month > 28:
                text += " (le dernier jour des mois plus courts)"
        if self.frequency != Frequency.ONCE:
            if self.until is not None:
                text += f", jusqu'au {self.until:%d/%m/%Y}"
            if self.count is not None:
                text += f", {self.count} fois"
        return text


def month_day(year: int, month: int, day_of_month: int) -> date:
    """``day_of_month`` in that month, or its last day when the month is shorter."""
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    last = (first_of_next - timedelta(days=1)).day
    return date(year, month, min(day_of_month, last))


def to_instant(local: datetime, tz: tzinfo) -> datetime:
    """The UTC instant of a naive local time: a skipped time moves forward by the jump, a
    repeated one takes its first instant (PEP 495 ``fold=0`` does both)."""
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def occurrence_key(local: datetime) -> str:
    """The stable name of an occurrence: its local date and time, to the minute."""
    return local.strftime("%Y-%m-%dT%H:%M")


def message_id(schedule_uid: str, key: str, client_id: int) -> str:
    """The idempotency key of one client's SMS of one occurrence (same on every PC)."""
    return str(uuid.uuid5(SCHEDULE_NAMESPACE, f"{schedule_uid}/{key}/{client_id}"))


def campaign_id(schedule_uid: str, key: str) -> str:
    return str(uuid.uuid5(SCHEDULE_NAMESPACE, f"{schedule_uid}/{key}"))


@dataclass(frozen=True)
class Occurrence:
    key: str
    local: datetime  # naive, the pharmacy's wall clock
    at: datetime  # aware UTC instant


@dataclass(frozen=True)
class DueState:
    """What to do now with a schedule's occurrences (see the module's decisions)."""

    run: Occurrence | None = None  # due now: run it without asking
    offer: Occurrence | None = None  # missed while closed, within the window: ask
    missed: tuple[Occurrence, ...] = ()  # too old (or superseded): mark « manqué »
    next: Occurrence | None = None  # the first one still in the future
    finished: bool = False  # no occurrence left at all (after run/offer are handled)


def occurrences_after(rule: Recurrence, tz: tzinfo,
                      handled_key: str | None) -> Iterator[Occurrence]:
    """Occurrences later than the last one handled (run, skipped or missed)."""
    for local in rule.local_times():
        key = occurrence_key(local)
        if handled_key is not None and key <= handled_key:
            continue
        yield Occurrence(key, local, to_instant(local, tz))


def due_state(rule: Recurrence, tz: tzinfo, handled_key: str | None, now: datetime,
              *, grace: timedelta = DUE_GRACE,
              window: timedelta = CATCH_UP_WINDOW) -> DueState:
    """Sort the occurrences not yet handled into run / offer / missed / next at ``now``."""
    past: list[Occurrence] = []
    upcoming: Occurrence | None = None
    for occ in occurrences_after(rule, tz, handled_key):
        if occ.at > now:
            upcoming = occ
            break
        past.append(occ)
    run = offer = None
    missed = list(past)
    if past:
        latest = past[-1]
        if now - latest.at <= grace:
            run = missed.pop()
        elif now - latest.at <= window:
            offer = missed.pop()
    return DueState(run=run, offer=offer, missed=tuple(missed), next=upcoming,
                    finished=upcoming is None)
