"""Recharges activated while the app was closed: told at the next start.

The recharge requests the user saw open are remembered in the settings (apart for the
demo); once per session, after the first sync, the app services ask Sobrus for them again
(off the GUI thread) and ``sig_activated`` carries the French message for each pack
activated meanwhile.

Signals:
    sig_activated(str): « Votre recharge … est activée » (show it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot

from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.app_services import AppServices
from sobrus_comm.services.auth import Session
from sobrus_comm.services.recharge import (
    activated_since,
    activation_message_fr,
    open_request_ids,
)
from sobrus_comm.services.workspace import Cache
from sobrus_comm.workers.task import Task, error_message

log = get_logger("app")


class RechargeFollowUp(QObject):
    sig_activated = Signal(str)

    def __init__(self, settings: QSettings, services: AppServices,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings, self._services = settings, services
        self.demo = False
        self._credits: int | None = None

    def _key(self) -> str:
        # The demo's requests are not the pharmacy's: they are watched apart.
        return "recharge/openIdsDemo" if self.demo else "recharge/openIds"

    def remembered(self) -> set[int]:
        raw = str(self._settings.value(self._key(), "") or "")
        return {int(x) for x in raw.split(",") if x.strip().isdigit()}

    def remember(self, requests: list[Any]) -> None:
        """The requests as last seen (Paramètres › Recharge, or the check below)."""
        ids = open_request_ids(requests)
        self._settings.setValue(self._key(), ",".join(map(str, ids)))

    def check(self, session: Session, cache: Cache, credits: int | None) -> None:
        """Once per session, after the first sync: tell about packs activated meanwhile."""
        if not self.remembered():
            return
        self._credits = credits
        task = Task(self._services.refresh_recharges, session, cache)
        task.sig_done.connect(self._on_checked)
        task.sig_failed.connect(self._on_failed)
        task.start()

    @Slot(object)
    def _on_checked(self, requests: list[Any]) -> None:
        activated = activated_since(requests, self.remembered())
        self.remember(requests)
        if activated:
            self.sig_activated.emit(activation_message_fr(activated, self._credits))

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        log.info("Suivi des recharges impossible pour l'instant : %s", error_message(exc))
