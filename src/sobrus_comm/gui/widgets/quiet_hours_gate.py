"""Holding promotions back during quiet hours, then letting them go when the window opens.

Before starting the sender on a promotional campaign (already written to the outbox), call
:meth:`QuietHoursGate.release_time`; if it gives a time, ask (:func:`ask_quiet_hours`) and,
to wait, :meth:`~QuietHoursGate.hold` the campaign: it is paused in the outbox with the
reason ``quiet_hours`` (so it survives a restart: :meth:`~QuietHoursGate.restore` holds it
again) and ``sig_released(campaign_id)`` fires when promotions are allowed again: start the
sender then. Transactional messages are never held.

Signals:
    sig_held(str, object): campaign id, the datetime it will be released.
    sig_released(str): campaign id, set back to « sending »: start its sender now.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from sobrus_comm.domain.models import TemplateCategory
from sobrus_comm.domain.quiet_hours import (
    QuietHoursRules,
    format_release_fr,
    is_quiet,
    next_allowed,
)
from sobrus_comm.store import Database
from sobrus_comm.store.outbox import CampaignState

QUIET_HOURS_REASON = "quiet_hours"
# The timer never sleeps longer than this: a laptop that slept or a clock that moved is
# noticed within the hour.
MAX_WAIT = timedelta(hours=1)


class HoldChoice(enum.Enum):
    WAIT = "wait"
    SEND_NOW = "send_now"
    CANCEL = "cancel"


def ask_quiet_hours(parent: QWidget | None, rules: QuietHoursRules, release_at: datetime,
                    now: datetime) -> HoldChoice:
    """« Il est 21:15 : pas de promotion de 20:00 à 09:00… Attendre demain à 09:00 ? »"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Heures calmes")
    box.setText(f"Il est {now:%H:%M} : les promotions ne sont pas envoyées "
                f"{rules.describe_fr()}.")
    when = format_release_fr(release_at, now)
    box.setInformativeText(f"Mettre l'envoi en attente ? Il partira automatiquement {when}, "
                           "si Sobrus Communications est ouvert.")
    wait = box.addButton(f"Attendre ({when})", QMessageBox.ButtonRole.AcceptRole)
    now_button = box.addButton("Envoyer maintenant", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(wait)
    box.exec()
    clicked = box.clickedButton()
    if clicked is wait:
        return HoldChoice.WAIT
    if clicked is now_button:
        return HoldChoice.SEND_NOW
    return HoldChoice.CANCEL


class QuietHoursGate(QObject):
    sig_held = Signal(str, object)
    sig_released = Signal(str)

    def __init__(self, db: Database, rules: Callable[[], QuietHoursRules],
                 now: Callable[[], datetime] = datetime.now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._rules, self._now = db, rules, now
        self._held: dict[str, datetime] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse ones may fire 5 % early
        self._timer.timeout.connect(self.check_now)

    def release_time(self, category: str) -> datetime | None:
        """When a campaign of ``category`` started now may go: None for « right now »."""
        if category != TemplateCategory.PROMOTIONAL:
            return None
        now = self._now()
        rules = self._rules()
        return next_allowed(now, rules) if is_quiet(now, rules) else None

    def held(self) -> dict[str, datetime]:
        return dict(self._held)

    def hold(self, campaign_id: str) -> datetime:
        """Pause ``campaign_id`` in the outbox until promotions are allowed; returns when."""
        release = next_allowed(self._now(), self._rules())
        self._db.outbox.pause(campaign_id, QUIET_HOURS_REASON)
        self._held[campaign_id] = release
        self.sig_held.emit(campaign_id, release)
        self._arm()
        return release

    def restore(self) -> list[str]:
        """After a restart: hold again the campaigns a previous run left waiting."""
        ids = [c.id for c in self._db.outbox.unfinished()
               if c.state == CampaignState.PAUSED and c.pause_reason == QUIET_HOURS_REASON]
        for campaign_id in ids:
            self._held[campaign_id] = next_allowed(self._now(), self._rules())
        self.check_now()
        return ids

    def release_now(self, campaign_id: str) -> None:
        """« Envoyer maintenant » on a held campaign."""
        if self._held.pop(campaign_id, None) is not None:
            self._release(campaign_id)
        self._arm()

    def forget(self, campaign_id: str) -> None:
        """The campaign was cancelled: stop waiting for it."""
        self._held.pop(campaign_id, None)
        self._arm()

    @Slot()
    def check_now(self) -> None:
        """Release what may go now (rules may have changed meanwhile), re-arm for the rest."""
        now, rules = self._now(), self._rules()
        for campaign_id in list(self._held):
            if is_quiet(now, rules):
                self._held[campaign_id] = next_allowed(now, rules)
            else:
                del self._held[campaign_id]
                self._release(campaign_id)
        self._arm()

    def _release(self, campaign_id: str) -> None:
        if self._db.outbox.set_sending(campaign_id):  # False: cancelled meanwhile
            self.sig_released.emit(campaign_id)

    def _arm(self) -> None:
        if not self._held:
            self._timer.stop()
            return
        wait = min(min(self._held.values()) - self._now(), MAX_WAIT)
        self._timer.start(max(0, int(wait.total_seconds() * 1000)))
