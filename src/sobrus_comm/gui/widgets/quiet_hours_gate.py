"""The timer of quiet hours: it lets held promotions go when the window opens.

The decision is the campaign service's (:meth:`CampaignService.begin` holds a promotion
started, resumed or resent in quiet hours: paused in the outbox with the reason
``quiet_hours``, so it survives a restart). This object only asks the user
(:func:`ask_quiet_hours`), waits (:meth:`QuietHoursGate.watch`, :meth:`~QuietHoursGate.restore`
after a restart) and fires ``sig_released(campaign_id)`` when the service lets it go: start
the sender then.

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

from sobrus_comm.domain.quiet_hours import QuietHoursRules, format_release_fr
from sobrus_comm.services.campaigns import QUIET_HOURS_REASON, CampaignService, Held

__all__ = ["QUIET_HOURS_REASON", "HoldChoice", "QuietHoursGate", "ask_quiet_hours"]
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

    def __init__(self, campaigns: CampaignService,
                 now: Callable[[], datetime] = datetime.now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._campaigns, self._now = campaigns, now
        self._held: dict[str, datetime] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse ones may fire 5 % early
        self._timer.timeout.connect(self.check_now)

    def held(self) -> dict[str, datetime]:
        return dict(self._held)

    def watch(self, held: Held) -> datetime:
        """Wait for a campaign the service held (:meth:`CampaignService.begin`)."""
        self._held[held.campaign_id] = held.until
        self.sig_held.emit(held.campaign_id, held.until)
        self._arm()
        return held.until

    def restore(self) -> list[str]:
        """After a restart: wait again for the campaigns a previous run left held."""
        held = self._campaigns.held()
        self._held.update({h.campaign_id: h.until for h in held})
        self.check_now()
        return [h.campaign_id for h in held]

    def release_now(self, campaign_id: str) -> None:
        """« Envoyer maintenant » on a held campaign."""
        if self._held.pop(campaign_id, None) is not None and self._campaigns.release(
                campaign_id):  # False: cancelled meanwhile
            self.sig_released.emit(campaign_id)
        self._arm()

    def forget(self, campaign_id: str) -> None:
        """The campaign was cancelled: stop waiting for it."""
        self._held.pop(campaign_id, None)
        self._arm()

    @Slot()
    def check_now(self) -> None:
        """Release what the service lets go now, re-arm for the rest."""
        if not self._held:
            return
        released, waiting = self._campaigns.release_due()
        self._held = {h.campaign_id: h.until for h in waiting}
        for campaign_id in released:
            self.sig_released.emit(campaign_id)
        self._arm()

    def _arm(self) -> None:
        if not self._held:
            self._timer.stop()
            return
        wait = min(min(self._held.values()) - self._now(), MAX_WAIT)
        self._timer.start(max(0, int(wait.total_seconds() * 1000)))
