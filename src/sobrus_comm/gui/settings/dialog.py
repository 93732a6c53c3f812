"""The settings window (« Paramètres »): six tabs, each run by a small section object.

Built from injected dependencies (:class:`SettingsContext`), so the app, the tests and the
screenshot tool all make it the same way. It never blocks on HTTP (serial worker jobs) and
never pushes templates itself: it asks the sync (``sig_sync_requested``) and listens to
what the sync reports (:meth:`apply_sync_report`, :meth:`apply_sync_state`).

Signals:
    sig_logout_requested(): « Se déconnecter »; the credentials are already removed.
    sig_switch_user_requested(): « Changer d'utilisateur ».
    sig_sync_requested(): template edits are waiting in the cache: sync now.
    sig_preferences_changed(object): the new :class:`~sobrus_comm.services.preferences.
        Preferences` (sync interval, low-balance threshold, pharmacy name, quiet hours).
    sig_balance_changed(int): the SMS balance the backend just reported.
    sig_templates_changed(): templates were created, edited or deleted here.
    sig_recharge_activated(str): a pack was activated (French sentence, for the status bar).
    sig_ready(): the first data is shown (usage chart, and the recharge requests when online).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from sobrus_comm import APP_NAME
from sobrus_comm.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.gui.settings.account_section import AccountSection
from sobrus_comm.gui.settings.balance_section import BalanceSection
from sobrus_comm.gui.settings.context import SettingsContext
from sobrus_comm.gui.settings.credits_section import CreditsSection
from sobrus_comm.gui.settings.jobs import SerialJobs
from sobrus_comm.gui.settings.preferences_section import PreferencesSection
from sobrus_comm.gui.settings.recharge_section import RechargeSection
from sobrus_comm.gui.settings.templates_section import TemplatesSection
from sobrus_comm.services.credits import CreditService
from sobrus_comm.services.preferences import Preferences
from sobrus_comm.services.recharge import RechargeService
from sobrus_comm.services.workspace import (
    LocalSnapshot,
    StoreError,
    load_local,
    stored_balance,
)

TABS = ("templates", "balance", "credits", "recharge", "account", "general")


class SettingsDialog(QDialog):
    sig_logout_requested = Signal()
    sig_switch_user_requested = Signal()
    sig_sync_requested = Signal()
    sig_preferences_changed = Signal(object)
    sig_balance_changed = Signal(int)
    sig_templates_changed = Signal()
    sig_recharge_activated = Signal(str)
    sig_ready = Signal()

    def __init__(self, ctx: SettingsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # small counter screens: never larger than the screen
        self.setWindowTitle(f"Paramètres — {APP_NAME}")
        self.api_jobs = SerialJobs(self)  # backend calls, one at a time
        self.local_jobs = SerialJobs(self)  # heavy cache reads
        service = RechargeService(ctx.api, ctx.db) if ctx.online and ctx.api else None
        self.preferences = PreferencesSection(self.ui, ctx.preferences, self)
        self.templates = TemplatesSection(self.ui, ctx, self)
        self.balance = BalanceSection(self.ui, self.api_jobs, service, self)
        self.recharge = RechargeSection(self.ui, ctx, self.api_jobs, service, self)
        self.account = AccountSection(self.ui, ctx, self)
        self.credits = CreditsSection(self.ui.settingsTabs, TABS.index("credits"),
                                      self.local_jobs,
                                      CreditService(ctx.db, planned=ctx.planned_credits),
                                      self._pharmacy,
                                      ctx.now, self)
        self._pending_ready = {"local", "credits"} | ({"recharge"} if service else set())
        self._started = False
        self._connect_signals()
        self._on_preferences_changed(self.preferences.prefs)
        self._load_balance()
        self.ui.settingsTabs.setCurrentIndex(0)

    def _connect_signals(self) -> None:
        ui = self.ui
        # Set here, not left to Qt's translations: the dialog says « Fermer » even without them.
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        ui.buttonBox.rejected.connect(self.reject)
        self.preferences.sig_preferences_changed.connect(self._on_preferences_changed)
        self.templates.sig_sync_requested.connect(self.sig_sync_requested)
        self.templates.sig_templates_changed.connect(self.sig_templates_changed)
        self.balance.sig_balance_changed.connect(self._on_balance_reported)
        self.recharge.sig_balance_changed.connect(self._on_balance_reported)
        self.recharge.sig_recharge_activated.connect(self.sig_recharge_activated)
        self.account.sig_logout_requested.connect(self._on_logout)
        self.account.sig_switch_user_requested.connect(self._on_switch_user)
        self.recharge.sig_loaded.connect(self._on_recharge_loaded)
        self.credits.sig_loaded.connect(self._on_credits_loaded)
        self.credits.sig_forecast_changed.connect(self.balance.set_forecast)
        self.credits.sig_recharge_requested.connect(self._show_recharge)
        self.balance.sig_recharge_requested.connect(self._show_recharge)

    # -- public -------------------------------------------------------------------------------
    def known_recharge_requests(self) -> list[Any]:
        """Every recharge request this dialog has seen (for the app to keep track of)."""
        service = self.recharge.service
        return service.tracker.newest_first() if service is not None else []

    def show_section(self, name: str) -> None:
        """``templates``, ``balance``, ``credits``, ``recharge``, ``account`` or ``general``."""
        self.ui.settingsTabs.setCurrentIndex(TABS.index(name))

    @Slot(object)
    def apply_sync_report(self, report: Any) -> None:
        """Connect to ``SyncWorker.sig_synced``: pushes, conflicts, new balance, history."""
        errors = [e.message for e in getattr(report, "template_errors", [])]
        self.templates.on_synced(list(getattr(report, "template_conflicts", [])), errors)
        balance = getattr(report, "balance", None)
        if balance is not None:
            self.balance.set_credits(balance.credits, balance.updated_at)
        if getattr(report, "history", None) or getattr(report, "history_reset", False):
            self._load_local()
        if getattr(report, "ledger_changed", 0) or balance is not None:
            self.credits.load()
        self.recharge.refresh()

    @Slot(str, str, object)
    def apply_sync_state(self, state: str, detail: str, _since: object) -> None:
        """Connect to ``SyncWorker.sig_state_changed``: a failed push is said in the tab."""
        if state in ("offline", "error"):
            self.templates.on_sync_failed(detail)

    def connect_sync_worker(self, worker: Any) -> None:
        """Both ways with a :class:`~sobrus_comm.workers.sync_worker.SyncWorker`."""
        # Direct: request_sync is thread-safe and the worker's thread may be busy in its
        # loop, where a queued call would wait for the next sync.
        self.sig_sync_requested.connect(worker.request_sync, Qt.ConnectionType.DirectConnection)
        worker.sig_synced.connect(self.apply_sync_report)
        worker.sig_state_changed.connect(self.apply_sync_state)

    # -- loading ------------------------------------------------------------------------------
    def _load_balance(self) -> None:
        try:
            self.balance.show_balance(stored_balance(self.ctx.db))  # one row: instant
        except StoreError as exc:
            self.ui.smsBalanceUpdatedLabel.setText(exc.message_fr)

    def _load_local(self) -> None:
        want_sample = self.ctx.sample_client is None
        self.local_jobs.run(load_local, self.ctx.db, self.ctx.now().date(), want_sample,
                            done=self._on_local_loaded, failed=self._on_local_failed)

    @Slot(object)
    def _on_local_loaded(self, snapshot: object) -> None:
        assert isinstance(snapshot, LocalSnapshot)
        self.balance.set_usage(snapshot.usage)
        if self.ctx.sample_client is None:
            self.ctx.sample_client = snapshot.sample_client
        self.templates.set_sample(self.ctx.sample_client, self.preferences.prefs.pharmacy_name)
        self._ready("local")

    @Slot(object)
    def _on_local_failed(self, exc: object) -> None:
        self.ui.usageSummaryLabel.setText(getattr(exc, "message", "")
                                          or "L'historique n'a pas pu être lu.")
        self._ready("local")

    def _ready(self, part: str) -> None:
        if part in self._pending_ready:
            self._pending_ready.discard(part)
            if not self._pending_ready:
                self.sig_ready.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:  # the first time only: the data stays while hidden
            self._started = True
            self._load_local()
            self.credits.load()
        self.recharge.start()

    @Slot()
    def _on_recharge_loaded(self) -> None:
        self._ready("recharge")

    @Slot()
    def _on_credits_loaded(self) -> None:
        self._ready("credits")

    @Slot()
    def _show_recharge(self) -> None:
        self.show_section("recharge")

    def _pharmacy(self) -> str:
        return self.ctx.pharmacy_label or self.preferences.prefs.pharmacy_name  # with the city

    def reject(self) -> None:
        # « Fermer », Échap or the window's cross: unsaved template edits are not dropped
        # without asking.
        if self.templates.confirm_leave():
            super().reject()

    def done(self, result: int) -> None:
        self.recharge.stop()
        super().done(result)

    # -- slots --------------------------------------------------------------------------------
    @Slot(object)
    def _on_preferences_changed(self, prefs: object) -> None:
        assert isinstance(prefs, Preferences)
        self.balance.set_threshold(prefs.low_balance_threshold)
        self.templates.set_sample(self.ctx.sample_client, prefs.pharmacy_name)
        self.sig_preferences_changed.emit(prefs)

    @Slot(int, object)
    def _on_balance_reported(self, credits: int, updated_at: object) -> None:
        self.balance.set_credits(credits, updated_at)
        self.sig_balance_changed.emit(credits)

    @Slot()
    def _on_logout(self) -> None:
        self.sig_logout_requested.emit()
        self.accept()

    @Slot()
    def _on_switch_user(self) -> None:
        self.sig_switch_user_requested.emit()
        self.accept()
