"""The timer of quiet hours: it lets held promotions go when the window opens.

The decision is the campaign service's (:meth:`CampaignService.begin` holds a promotion
started, resumed or resent in quiet hours: paused in the outbox with the reason
``quiet_hours``, so it survives a restart). This object only asks the user
(:func:`ask_quiet_hours`), waits (:meth:`QuietHoursGate.watch`, :meth:`~QuietHoursGate.restore`
after a restart) and fires ``sig_released(campaign_id)`` when the service lets it go: start
the sender then.

Its calls to the service run off the GUI thread.

Signals:
    sig_held(str, object): campaign id, the datetime it will be released.
    sig_released(str): campaign id, set back to « sending »: start its sender now.
    sig_checked(): a check (timer, :meth:`~QuietHoursGate.check_now`, restore) is done.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from sobrus_comm.domain.quiet_hours import QuietHoursRules, format_release_fr
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.campaigns import QUIET_HOURS_REASON, CampaignService, Held
from sobrus_comm.workers.task import Task, error_message

log = get_logger("sending")

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


def _release(campaigns: CampaignService, campaign_id: str) -> tuple[str, bool]:
    return campaign_id, campaigns.release(campaign_id)


class QuietHoursGate(QObject):
    sig_held = Signal(str, object)
    sig_released = Signal(str)
    sig_checked = Signal()

    def __init__(self, campaigns: CampaignService,
                 now: Callable[[], datetime] = datetime.now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._campaigns, self._now = campaigns, now
        self._held: dict[str, datetime] = {}
        self._checking: Task | None = None
        self._again = False  # a check was asked while one ran
        self._watched_meanwhile: set[str] = set()
        self._releasing: set[Task] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse ones may fire 5 % early
        self._timer.timeout.connect(self.check_now)

    def held(self) -> dict[str, datetime]:
        return dict(self._held)

    def watch(self, held: Held) -> datetime:
        """Wait for a campaign the service held (:meth:`CampaignService.begin`)."""
        self._held[held.campaign_id] = held.until
        if self._checking is not None:
            self._watched_meanwhile.add(held.campaign_id)
        self.sig_held.emit(held.campaign_id, held.until)
        self._arm()
        return held.until

    def restore(self) -> None:
        """After a restart: wait again for the campaigns a previous run left held (the
        service lists them; ``sig_checked`` when done)."""
        self._check()

    def release_now(self, campaign_id: str) -> None:
        """« Envoyer maintenant » on a held campaign."""
        if self._held.pop(campaign_id, None) is not None:
            task = Task(_release, self._campaigns, campaign_id)
            task.sig_done.connect(self._on_released)
            task.sig_failed.connect(self._on_failed)
            self._releasing.add(task)
            task.start()
        self._arm()

    def forget(self, campaign_id: str) -> None:
        """The campaign was cancelled: stop waiting for it."""
        self._held.pop(campaign_id, None)
        self._arm()

    @Slot()
    def check_now(self) -> None:
        """Release what the service lets go now, re-arm for the rest (off the GUI thread;
        ``sig_checked`` when done)."""
        if self._held:
            self._check()

    def _check(self) -> None:
        if self._checking is not None:
            self._again = True
            return
        self._watched_meanwhile.clear()
        self._checking = Task(self._campaigns.release_due)
        self._checking.sig_done.connect(self._on_checked)
        self._checking.sig_failed.connect(self._on_failed)
        self._checking.start()

    @Slot(object)
    def _on_checked(self, result: tuple[list[str], list[Held]]) -> None:
        released, waiting = result
        self._checking = None
        kept = {cid: self._held[cid] for cid in self._watched_meanwhile
                if cid in self._held and cid not in released}
        self._held = {h.campaign_id: h.until for h in waiting} | kept
        for campaign_id in released:
            self.sig_released.emit(campaign_id)
        self._after_check()

    @Slot(object)
    def _on_released(self, result: tuple[str, bool]) -> None:
        self._forget_task()
        campaign_id, released = result
        if released:  # False: cancelled meanwhile
            self.sig_released.emit(campaign_id)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        # The cache failed (full disk…): the held campaigns stay held, tried again later.
        log.warning("Heures calmes : vérification impossible (%s)", error_message(exc))
        if self.sender() is self._checking:
            self._checking = None
            self._after_check()
        else:
            self._forget_task()

    def _forget_task(self) -> None:
        done = self.sender()
        self._releasing = {t for t in self._releasing if t is not done}

    def _after_check(self) -> None:
        self._arm()
        self.sig_checked.emit()
        if self._again:
            self._again = False
            self.check_now()

    def _arm(self) -> None:
        if not self._held:
            self._timer.stop()
            return
        wait = min(min(self._held.values()) - self._now(), MAX_WAIT)
        self._timer.start(max(0, int(wait.total_seconds() * 1000)))
