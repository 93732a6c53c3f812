"""« Crédits » (beside Solde SMS): where the credits went, whether it adds up, how long
they last, and the monthly statement for the accountant (CSV and one-page PDF).

Reads go through :class:`~sobrus_comm.services.credits.CreditService` on a worker (the
dialog's local jobs); filtering, reconciling and forecasting are the domain's rules, this
section only shows their results.

Signals:
    sig_recharge_requested(): the user followed « Demander une recharge ».
    sig_loaded(): the ledger was read (or could not be): the tab shows its data.
    sig_forecast_changed(object): the :class:`~sobrus_comm.domain.credit_forecast.Forecast`
        (or None), for the balance tab's warning.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QListWidgetItem,
    QMessageBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from sobrus_comm.domain.credit_ledger import MONTHS_FR, filter_costs, filter_movements
from sobrus_comm.gui.export_action import os_error_fr
from sobrus_comm.gui.generated.ui_credits_view import Ui_CreditsView
from sobrus_comm.gui.settings.credit_models import (
    ID_ROLE,
    SORT_ROLE,
    CampaignCostsModel,
    MovementsModel,
)
from sobrus_comm.gui.settings.credit_pdf import write_statement_pdf
from sobrus_comm.gui.settings.jobs import SerialJobs
from sobrus_comm.services.credits import CreditOverview, CreditService
from sobrus_comm.workers.task import error_message

TAB_TITLE = "Crédits"
OK_STYLE = ("QLabel { background: #e6f4ea; color: #0d5e2a; border: 1px solid #a8d5b5; "
            "border-radius: 4px; padding: 6px; }")
GAP_STYLE = ("QLabel { background: #fdecea; color: #a50e0e; border: 1px solid #e0a19b; "
             "border-radius: 4px; padding: 6px; font-weight: bold; }")
LOW_STYLE = "QLabel { color: #a50e0e; font-weight: bold; }"
RECHARGE_LINK = "<a href='recharge'>Demander une recharge</a>"

AskPath = Callable[[QWidget, str, str], Path | None]


def ask_save_path(parent: QWidget, suggested: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Enregistrer le relevé", suggested, filters)
    return Path(name) if name else None


def _month_key(month: tuple[int, int]) -> str:
    # Text, not a tuple: a combo box gives a tuple back as a list, and findData misses it.
    return f"{month[0]}-{month[1]:02d}"


def _sorted_proxy(model: QObject, table: QTableView, column: int) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(table)
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(SORT_ROLE)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    return proxy


class CreditsSection(QObject):
    sig_recharge_requested = Signal()
    sig_loaded = Signal()
    sig_forecast_changed = Signal(object)

    def __init__(self, tabs: QTabWidget, index: int, jobs: SerialJobs,
                 service: CreditService, pharmacy: Callable[[], str],
                 now: Callable[[], datetime], parent: QWidget) -> None:
        super().__init__(parent)
        self.jobs, self.service, self.pharmacy, self.now = jobs, service, pharmacy, now
        self.view = QWidget()
        self.view.setObjectName("creditsTab")
        self.ui = Ui_CreditsView()
        self.ui.setupUi(self.view)
        tabs.insertTab(index, self.view, TAB_TITLE)
        self.overview: CreditOverview | None = None
        self.ask_path: AskPath = ask_save_path  # replaced in tests
        self._last_path: Path | None = None
        self.movements = MovementsModel(str)
        self.costs = CampaignCostsModel()
        ui = self.ui
        _sorted_proxy(self.movements, ui.movementsTable, 0)
        self.costs_proxy = _sorted_proxy(self.costs, ui.campaignCostsTable, 1)
        for table in (ui.movementsTable, ui.campaignCostsTable):
            table.setWordWrap(False)  # one line per movement: the full text is in the tooltip
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = ui.movementsTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        costs_header = ui.campaignCostsTable.horizontalHeader()
        costs_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        costs_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.forecastLabel.setTextFormat(Qt.TextFormat.RichText)
        ui.forecastLabel.linkActivated.connect(self._on_link)
        ui.monthCombo.currentIndexChanged.connect(self._apply_filter)
        ui.campaignCombo.currentIndexChanged.connect(self._apply_filter)
        ui.campaignCostsTable.doubleClicked.connect(self._on_cost_activated)
        ui.discrepancyList.itemActivated.connect(self._on_discrepancy)
        ui.discrepancyList.itemClicked.connect(self._on_discrepancy)
        ui.exportCsvButton.clicked.connect(self._on_export_csv)
        ui.exportPdfButton.clicked.connect(self._on_export_pdf)
        self._set_exports_enabled(False)

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        """Read the ledger again (at start and after a sync that brought movements)."""
        self.jobs.run(self.service.overview, self.now(), done=self._on_loaded,
                      failed=self._on_failed)

    @Slot(object)
    def _on_loaded(self, overview: object) -> None:
        assert isinstance(overview, CreditOverview)
        self.overview = overview
        self._fill_filters(overview)
        self.movements.describe = overview.describe
        self._show_reconciliation(overview)
        self._show_forecast(overview)
        self._apply_filter()
        self._set_exports_enabled(bool(overview.months))
        self.sig_forecast_changed.emit(overview.forecast)
        self.sig_loaded.emit()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.ui.reconciliationLabel.setText(
            f"Les mouvements de crédits n'ont pas pu être lus : {error_message(exc)}")
        self.ui.reconciliationLabel.setStyleSheet(GAP_STYLE)
        self.sig_loaded.emit()

    def _fill_filters(self, overview: CreditOverview) -> None:
        ui = self.ui
        month, campaign = ui.monthCombo.currentData(), ui.campaignCombo.currentData()
        first_load = ui.monthCombo.count() == 0
        for combo in (ui.monthCombo, ui.campaignCombo):
            combo.blockSignals(True)
            combo.clear()
        ui.monthCombo.addItem("Tous les mois", None)
        for year, m in overview.months:
            ui.monthCombo.addItem(f"{MONTHS_FR[m - 1].capitalize()} {year}",
                                  _month_key((year, m)))
        ui.campaignCombo.addItem("Tous les mouvements", None)
        for cost in overview.campaigns:
            ui.campaignCombo.addItem(overview.campaign_label(cost.campaign_id), cost.campaign_id)
        # The most recent month at first (the statement to file); the user's choice after.
        if first_load and overview.months:
            month = _month_key(overview.months[0])
        ui.monthCombo.setCurrentIndex(max(0, ui.monthCombo.findData(month)))
        ui.campaignCombo.setCurrentIndex(max(0, ui.campaignCombo.findData(campaign)))
        for combo in (ui.monthCombo, ui.campaignCombo):
            combo.blockSignals(False)

    def _show_reconciliation(self, overview: CreditOverview) -> None:
        ui, check = self.ui, overview.reconciliation
        ui.reconciliationLabel.setText(check.summary_fr())
        ui.reconciliationLabel.setStyleSheet(OK_STYLE if check.ok else GAP_STYLE)
        ui.discrepancyList.clear()
        for gap in check.discrepancies:
            item = QListWidgetItem(gap.summary_fr())
            item.setToolTip(gap.detail_fr)
            item.setData(Qt.ItemDataRole.UserRole, gap.detail_fr)
            ui.discrepancyList.addItem(item)
        ui.discrepancyList.setVisible(not check.ok)
        # As tall as its lines (up to four, then it scrolls): no empty box under one gap.
        rows = min(4, max(1, ui.discrepancyList.count()))
        ui.discrepancyList.setFixedHeight(rows * ui.discrepancyList.sizeHintForRow(0)
                                          + 2 * ui.discrepancyList.frameWidth() + 4)

    def _show_forecast(self, overview: CreditOverview) -> None:
        label, outlook = self.ui.forecastLabel, overview.forecast
        if outlook is None:
            label.setText("La prévision sera affichée après la première synchronisation.")
            label.setStyleSheet("")
            return
        text = outlook.sentence_fr()
        if outlook.runs_low:
            text += f" Pensez à recharger dès maintenant : {RECHARGE_LINK}."
        label.setText(text)
        label.setStyleSheet(LOW_STYLE if outlook.runs_low else "")

    # -- filters ------------------------------------------------------------------------
    def chosen_month(self) -> tuple[int, int] | None:
        """The month chosen in the filter, or None for « Tous les mois »."""
        key = self.ui.monthCombo.currentData()
        if not key:
            return None
        year, month = str(key).split("-")
        return int(year), int(month)

    @Slot()
    def _apply_filter(self) -> None:
        if self.overview is None:
            return
        month = self.chosen_month()
        shown = filter_movements(self.overview.movements, month,
                                 self.ui.campaignCombo.currentData())
        self.movements.set_movements(shown, self.overview.describe)
        self.costs.set_costs(filter_costs(self.overview.campaigns, month),
                             self.overview.labels)

    @Slot(QModelIndex)
    def _on_cost_activated(self, index: QModelIndex) -> None:
        campaign_id = self.costs_proxy.data(index, ID_ROLE)
        ui = self.ui
        ui.monthCombo.setCurrentIndex(0)  # a send's movements may span two months
        ui.campaignCombo.setCurrentIndex(max(0, ui.campaignCombo.findData(campaign_id)))

    @Slot(QListWidgetItem)
    def _on_discrepancy(self, item: QListWidgetItem) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Écart de crédits",
                          f"{item.text().removesuffix(' : voir le détail')}.\n\n"
                          f"{item.data(Qt.ItemDataRole.UserRole)}",
                          QMessageBox.StandardButton.Close, self.view)
        box.setObjectName("creditGapDetail")
        box.button(QMessageBox.StandardButton.Close).setText("Fermer")
        box.finished.connect(box.deleteLater)
        box.open()

    @Slot(str)
    def _on_link(self, _href: str) -> None:
        self.sig_recharge_requested.emit()

    # -- statement ----------------------------------------------------------------------
    def _set_exports_enabled(self, enabled: bool) -> None:
        self.ui.exportCsvButton.setEnabled(enabled)
        self.ui.exportPdfButton.setEnabled(enabled)

    def _statement_month(self) -> tuple[int, int] | None:
        if self.overview is None or not self.overview.months:
            return None
        return self.chosen_month() or self.overview.months[0]

    def _ask(self, extension: str, filters: str) -> tuple[Path, tuple[int, int]] | None:
        month = self._statement_month()
        if month is None:
            return None
        path = self.ask_path(self.view, f"releve-credits-sms-{month[0]}-{month[1]:02d}"
                                        f".{extension}", filters)
        return (path, month) if path is not None else None

    @Slot()
    def _on_export_csv(self) -> None:
        asked = self._ask("csv", "Fichier CSV (*.csv)")
        if asked is None or self.overview is None:
            return
        path, (year, month) = asked
        statement = self.service.statement(self.overview, year, month)
        self.ui.creditsStatusLabel.setText("Enregistrement du relevé…")
        self.jobs.run(self.service.export_csv, self.overview, statement, path,
                      done=self._on_csv_written, failed=self._on_export_failed)
        self._last_path = path

    @Slot(object)
    def _on_csv_written(self, count: object) -> None:
        self.ui.creditsStatusLabel.setText(
            f"Relevé enregistré ({count} mouvements) : {self._last_path}")

    @Slot(object)
    def _on_export_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        why = os_error_fr(exc) if isinstance(exc, OSError) else error_message(exc)
        self.ui.creditsStatusLabel.setText(
            f"Le relevé n'a pas pu être enregistré : {why} Choisissez un autre "
            "dossier (Documents, par exemple) et réessayez.")

    @Slot()
    def _on_export_pdf(self) -> None:
        asked = self._ask("pdf", "Document PDF (*.pdf)")
        if asked is None or self.overview is None:
            return
        path, (year, month) = asked
        statement = self.service.statement(self.overview, year, month)
        html = self.service.statement_html(self.overview, statement, self.pharmacy(),
                                           self.now())
        try:  # one page, laid out by Qt in a few milliseconds: no worker needed
            write_statement_pdf(html, path, statement.title_fr)
        except OSError as exc:
            self._on_export_failed(exc)
            return
        self.ui.creditsStatusLabel.setText(f"Relevé PDF enregistré : {path}")
