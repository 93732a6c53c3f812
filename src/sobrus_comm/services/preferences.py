"""The pharmacy's preferences: name used in messages, sync interval, low-balance threshold,
quiet hours for promotions.

Qt-free: values go through a tiny key/value interface. The app passes an adapter over its
QSettings ini file (``gui.settings.qsettings_store``); tests pass :class:`MemoryStore`.
An ini file gives back strings, and a hand-edited one may hold anything, so every read is
parsed leniently and falls back to the default instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import time
from typing import Protocol

from sobrus_comm.domain.frequency import Cap, FrequencyCaps
from sobrus_comm.domain.quiet_hours import QuietHoursRules

SYNC_INTERVAL_RANGE = (1, 120)  # minutes
LOW_BALANCE_RANGE = (0, 1_000_000)  # credits
PHARMACY_NAME_MAX = 60

_PREFIX = "preferences/"
K_PHARMACY = _PREFIX + "pharmacyName"
K_SYNC = _PREFIX + "syncIntervalMinutes"
K_LOW = _PREFIX + "lowBalanceThreshold"
K_QUIET_ON = _PREFIX + "quietHoursEnabled"
K_QUIET_START = _PREFIX + "quietHoursStart"
K_QUIET_END = _PREFIX + "quietHoursEnd"
K_QUIET_DAYS = _PREFIX + "quietWeekdays"
# Frequency caps (issue 14): at most N SMS of a kind per client per D days; N = 0: no cap.
K_CAP_REMINDER_MAX = _PREFIX + "capReminderMax"
K_CAP_REMINDER_DAYS = _PREFIX + "capReminderDays"
K_CAP_PROMOTION_MAX = _PREFIX + "capPromotionMax"
K_CAP_PROMOTION_DAYS = _PREFIX + "capPromotionDays"
CAP_MAX_RANGE = (0, 50)
CAP_DAYS_RANGE = (1, 365)


class KeyValueStore(Protocol):
    def value(self, key: str) -> object | None: ...
    def set_value(self, key: str, value: str) -> None: ...


class MemoryStore:
    """A dict behind the store interface (tests, screenshots, demo)."""

    def __init__(self, values: dict[str, str] | None = None) -> None:
        self.values: dict[str, str] = dict(values or {})

    def value(self, key: str) -> object | None:
        return self.values.get(key)

    def set_value(self, key: str, value: str) -> None:
        self.values[key] = value


@dataclass(frozen=True)
class Preferences:
    pharmacy_name: str = ""
    sync_interval_min: int = 5
    low_balance_threshold: int = 100
    quiet_hours: QuietHoursRules = field(default_factory=QuietHoursRules)
    frequency_caps: FrequencyCaps = field(default_factory=FrequencyCaps)


class PreferencesError(ValueError):
    """A value the user typed cannot be kept; ``str()`` is a French message."""


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))


def _as_int(raw: object | None, default: int, bounds: tuple[int, int]) -> int:
    try:
        return _clamp(int(str(raw).strip()), bounds) if raw is not None else default
    except ValueError:
        return default


def _as_bool(raw: object | None, default: bool) -> bool:
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes", "oui"):
        return True
    if text in ("false", "0", "no", "non"):
        return False
    return default


def _as_time(raw: object | None, default: time) -> time:
    try:
        hh, mm = str(raw).strip().split(":")
        return time(int(hh), int(mm))
    except (ValueError, TypeError):
        return default


def _as_days(raw: object | None, default: frozenset[int]) -> frozenset[int]:
    if raw is None:
        return default
    # QSettings hands back a list for "6,0" and a str for "6": accept both.
    items = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    days: set[int] = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if not text.isdigit() or int(text) > 6:
            return default
        days.add(int(text))
    return frozenset(days)


def validate(prefs: Preferences) -> Preferences:
    """The preferences as they will be kept, or :class:`PreferencesError`."""
    name = " ".join(prefs.pharmacy_name.split())
    if len(name) > PHARMACY_NAME_MAX:
        raise PreferencesError(
            f"Le nom de la pharmacie est trop long ({PHARMACY_NAME_MAX} caractères au maximum).")
    lo, hi = SYNC_INTERVAL_RANGE
    if not lo <= prefs.sync_interval_min <= hi:
        raise PreferencesError(
            f"L'intervalle de synchronisation doit être entre {lo} et {hi} minutes.")
    if not LOW_BALANCE_RANGE[0] <= prefs.low_balance_threshold <= LOW_BALANCE_RANGE[1]:
        raise PreferencesError("Le seuil de solde bas doit être un nombre positif.")
    quiet = prefs.quiet_hours
    if quiet.enabled and len(quiet.quiet_weekdays) == 7:
        raise PreferencesError(
            "Au moins un jour doit permettre l'envoi de promotions : décochez un jour.")
    return replace(prefs, pharmacy_name=name)


class PreferencesService:
    def __init__(self, store: KeyValueStore, defaults: Preferences | None = None) -> None:
        self._store = store
        self.defaults = defaults or Preferences()

    def load(self) -> Preferences:
        d, s = self.defaults, self._store
        dq = d.quiet_hours
        quiet = QuietHoursRules(
            enabled=_as_bool(s.value(K_QUIET_ON), dq.enabled),
            start=_as_time(s.value(K_QUIET_START), dq.start),
            end=_as_time(s.value(K_QUIET_END), dq.end),
            quiet_weekdays=_as_days(s.value(K_QUIET_DAYS), dq.quiet_weekdays),
        )
        raw_name = s.value(K_PHARMACY)
        return Preferences(
            pharmacy_name=str(raw_name) if raw_name is not None else d.pharmacy_name,
            sync_interval_min=_as_int(s.value(K_SYNC), d.sync_interval_min, SYNC_INTERVAL_RANGE),
            low_balance_threshold=_as_int(s.value(K_LOW), d.low_balance_threshold,
                                          LOW_BALANCE_RANGE),
            quiet_hours=quiet,
            frequency_caps=_load_caps(s, d.frequency_caps),
        )

    def save(self, prefs: Preferences) -> Preferences:
        """Validate then store; returns what was stored. Raises :class:`PreferencesError`."""
        kept = validate(prefs)
        q = kept.quiet_hours
        s = self._store
        s.set_value(K_PHARMACY, kept.pharmacy_name)
        s.set_value(K_SYNC, str(kept.sync_interval_min))
        s.set_value(K_LOW, str(kept.low_balance_threshold))
        s.set_value(K_QUIET_ON, "true" if q.enabled else "false")
        s.set_value(K_QUIET_START, f"{q.start:%H:%M}")
        s.set_value(K_QUIET_END, f"{q.end:%H:%M}")
        s.set_value(K_QUIET_DAYS, ",".join(str(d) for d in sorted(q.quiet_weekdays)))
        caps = kept.frequency_caps
        s.set_value(K_CAP_REMINDER_MAX, str(caps.reminder.max_sends))
        s.set_value(K_CAP_REMINDER_DAYS, str(caps.reminder.days))
        s.set_value(K_CAP_PROMOTION_MAX, str(caps.promotion.max_sends))
        s.set_value(K_CAP_PROMOTION_DAYS, str(caps.promotion.days))
        return kept


def _load_caps(s: KeyValueStore, d: FrequencyCaps) -> FrequencyCaps:
    return FrequencyCaps(
        reminder=Cap(_as_int(s.value(K_CAP_REMINDER_MAX), d.reminder.max_sends, CAP_MAX_RANGE),
                     _as_int(s.value(K_CAP_REMINDER_DAYS), d.reminder.days, CAP_DAYS_RANGE)),
        promotion=Cap(
            _as_int(s.value(K_CAP_PROMOTION_MAX), d.promotion.max_sends, CAP_MAX_RANGE),
            _as_int(s.value(K_CAP_PROMOTION_DAYS), d.promotion.days, CAP_DAYS_RANGE)),
    )
