"""Quiet hours: when promotional SMS must wait (transactional ones are never held).

Default: every evening from 20:00 to 09:00 the next morning, and all day on Sunday. Times
are the pharmacy's local wall-clock time; pass naive local datetimes (or aware ones: the
result keeps the same ``tzinfo``).

* A nightly window may cross midnight (20:00–09:00) or not (12:30–14:00); ``start == end``
  means no nightly window at all.
* A quiet weekday is quiet from 00:00 to 24:00.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sobrus_comm.domain.models import TemplateCategory

MONDAY, SUNDAY = 0, 6  # datetime.weekday()
WEEKDAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_SCAN_DAYS = 8  # a week plus the day we start on covers every pattern of quiet days


class NoAllowedTime(ValueError):
    """Every day of the week is quiet: a promotion could never be sent."""


@dataclass(frozen=True)
class QuietHoursRules:
    enabled: bool = True
    start: time = time(20, 0)
    end: time = time(9, 0)
    quiet_weekdays: frozenset[int] = field(default_factory=lambda: frozenset({SUNDAY}))

    @property
    def has_nightly_window(self) -> bool:
        return self.start != self.end

    def describe_fr(self) -> str:
        """« de 20:00 à 09:00 et le dimanche », for the sentence « Pas de promotion … »."""
        if not self.enabled:
            return "jamais (heures calmes désactivées)"
        parts = []
        if self.has_nightly_window:
            parts.append(f"de {self.start:%H:%M} à {self.end:%H:%M}")
        days = [WEEKDAY_NAMES_FR[d] for d in sorted(self.quiet_weekdays)]
        if days:
            joined = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " et " + days[-1]
            parts.append(f"le {joined}" if len(days) == 1 else f"les {joined}")
        return " et ".join(parts) if parts else "jamais"


def _in_nightly_window(t: time, rules: QuietHoursRules) -> bool:
    if not rules.has_nightly_window:
        return False
    if rules.start < rules.end:  # same-day window, e.g. 12:30–14:00
        return rules.start <= t < rules.end
    return t >= rules.start or t < rules.end  # crosses midnight


def is_quiet(dt: datetime, rules: QuietHoursRules) -> bool:
    """True when a promotion must not be sent at ``dt``."""
    if not rules.enabled:
        return False
    return dt.weekday() in rules.quiet_weekdays or _in_nightly_window(dt.time(), rules)


def next_allowed(dt: datetime, rules: QuietHoursRules) -> datetime:
    """``dt`` itself when it is not quiet, else the first moment after it that is not.

    Quiet periods only end at the nightly window's end or at midnight, so those are the
    only candidates. Raises :class:`NoAllowedTime` when all seven days are quiet.
    """
    if not is_quiet(dt, rules):
        return dt
    day = dt.date()
    candidates = sorted(
        datetime.combine(day + timedelta(days=n), boundary, tzinfo=dt.tzinfo)
        for n in range(_SCAN_DAYS + 1)
        for boundary in (time(0, 0), rules.end)
    )
    for candidate in candidates:
        if candidate > dt and not is_quiet(candidate, rules):
            return candidate
    raise NoAllowedTime("Tous les jours sont en heures calmes : aucune promotion ne peut partir.")


def hold_until(category: str, now: datetime, rules: QuietHoursRules | None, *,
               is_test: bool = False) -> datetime | None:
    """The one rule of holding: when a campaign of ``category`` started at ``now`` may go,
    or None for « right now ». Only promotions wait; a test (a few staff phones) never does.

    Raises :class:`NoAllowedTime` when every day is quiet.
    """
    if (rules is None or is_test or category != TemplateCategory.PROMOTIONAL
            or not is_quiet(now, rules)):
        return None
    return next_allowed(now, rules)


def format_release_fr(release: datetime, now: datetime) -> str:
    """« aujourd'hui à 21:00 », « demain à 09:00 », « lundi 12/05 à 09:00 »."""
    days = (release.date() - now.date()).days
    at = f"à {release:%H:%M}"
    if days == 0:
        return f"aujourd'hui {at}"
    if days == 1:
        return f"demain {at}"
    return f"{WEEKDAY_NAMES_FR[release.weekday()]} {release:%d/%m} {at}"
