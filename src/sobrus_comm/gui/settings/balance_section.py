"""« Solde SMS »: the balance in large type, when it was reported, the low-balance warning
and the credits used per month over the last 12 months."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from sobrus_comm.domain.credit_forecast import Forecast
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from sobrus_comm.gui.settings.jobs import SerialJobs
from sobrus_comm.services.recharge import MonthUsage, RechargeService
from sobrus_comm.services.workspace import SmsBalance
from sobrus_comm.workers.task import error_message

RECHARGE_LINK_TEXT = "Demander une recharge"


class BalanceSection(QObject):
    """Signals:
    sig_balance_changed(int, object): credits and when the backend reported them.
    sig_recharge_requested(): the warning's « Demander une recharge » link was followed.
    """

    sig_balance_changed = Signal(int, object)
    sig_recharge_requested = Signal()

    def __init__(self, ui: Ui_SettingsDialog, jobs: SerialJobs,
                 service: RechargeService | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui, self.jobs, self.service = ui, jobs, service
        self.credits: int | None = None
        self.threshold = 0
        self.forecast: Forecast | None = None  # the ledger's pace (the Crédits tab's reading)
        ui.lowBalanceWarningLabel.setTextFormat(Qt.TextFormat.RichText)
        ui.lowBalanceWarningLabel.linkActivated.connect(self._on_recharge_link)
        ui.refreshBalanceButton.setEnabled(service is not None)
        ui.refreshBalanceButton.setToolTip(
            "Demander le solde au serveur Sobrus" if service else
            "Hors ligne : le solde affiché est le dernier connu.")
        ui.refreshBalanceButton.clicked.connect(self._on_refresh)
        jobs.sig_busy_changed.connect(self._on_busy_changed)
        self.show_balance(None)

    def show_balance(self, balance: SmsBalance | None) -> None:
        ui = self.ui
        if balance is None:
            self.credits = None
            ui.smsBalanceValue.setText("—")
            ui.smsBalanceUpdatedLabel.setText(
                "Le solde sera affiché après la première synchronisation avec le serveur.")
        else:
            self.credits = balance.credits
            ui.smsBalanceValue.setText(format_count(balance.credits))
            when = balance.updated_at.astimezone()
            ui.smsBalanceUpdatedLabel.setText(
                f"Mis à jour le {when:%d/%m/%Y} à {when:%H:%M}.")
        ui.smsBalanceUnit.setText("crédit SMS" if self.credits in (0, 1) else "crédits SMS")
        self._update_warning()

    @Slot(int, object)
    def set_credits(self, credits: int, updated_at: object) -> None:
        when = updated_at if isinstance(updated_at, datetime) else datetime.now().astimezone()
        self.show_balance(SmsBalance(credits, when))

    def set_threshold(self, threshold: int) -> None:
        self.threshold = threshold
        self._update_warning()

    def set_usage(self, usage: Sequence[MonthUsage]) -> None:
        self.ui.usageChart.set_usage(usage)
        total = sum(u.credits for u in usage)
        months = len(usage) or 1
        self.ui.usageSummaryLabel.setText(
            f"Total sur {len(usage)} mois : {format_count(total)} crédits · moyenne "
            f"{format_count(round(total / months))} par mois · ce mois-ci : "
            f"{format_count(usage[-1].credits if usage else 0)}.")

    @Slot(object)
    def set_forecast(self, forecast: object) -> None:
        self.forecast = forecast if isinstance(forecast, Forecast) else None
        self._update_warning()

    def _update_warning(self) -> None:
        label = self.ui.lowBalanceWarningLabel
        low = self.credits is not None and self.credits < self.threshold
        # The forecast warns too: a balance above the threshold may last only days.
        soon = self.forecast is not None and self.forecast.runs_low
        label.setVisible(low or soon)
        link = f"<a href='recharge'>{RECHARGE_LINK_TEXT}</a>"
        if low:
            label.setText(
                f"Solde bas : il reste moins de {format_count(self.threshold)} crédits. "
                f"Pensez à demander une recharge : {link}.")
        elif soon:
            assert self.forecast is not None
            label.setText(f"Solde bientôt épuisé. {self.forecast.sentence_fr()} {link}.")

    @Slot(str)
    def _on_recharge_link(self, _href: str) -> None:
        self.sig_recharge_requested.emit()

    @Slot()
    def _on_refresh(self) -> None:
        if self.service is None:
            return
        self.ui.smsBalanceUpdatedLabel.setText("Interrogation du serveur Sobrus…")
        self.jobs.run(self.service.refresh_balance, done=self._on_balance,
                      failed=self._on_failed)

    @Slot(object)
    def _on_balance(self, balance: object) -> None:
        credits, updated_at = balance.credits, balance.updated_at  # type: ignore[attr-defined]
        self.show_balance(SmsBalance(credits, updated_at))
        self.sig_balance_changed.emit(credits, updated_at)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.ui.smsBalanceUpdatedLabel.setText(error_message(exc))

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.ui.refreshBalanceButton.setEnabled(self.service is not None and not busy)
