"""The main window: the Communications page, its toolbar and the status bar.

It wires self-contained children together; it runs no SQL and no HTTP itself.

Signals:
    sig_grouped_send_requested(): « Envoyer une communication groupée » was clicked.
    sig_sync_requested(): « Synchroniser » (F5) was triggered.
    sig_settings_requested(): « Paramètres » was triggered.
    sig_balance_requested(): the status bar's « Solde SMS » was clicked (Paramètres › Solde SMS).
    sig_closing(): the window is closing (the composition root stops its workers).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from sobrus_comm import APP_NAME, __version__
from sobrus_comm.domain.credit_forecast import Forecast
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.gui.export_action import ExportController
from sobrus_comm.gui.generated.ui_main_window import Ui_MainWindow
from sobrus_comm.gui.history_page import HistoryPage
from sobrus_comm.gui.screen_fit import clamp_to_screen, fit_to_screen
from sobrus_comm.gui.signed_out import signed_out_reason
from sobrus_comm.gui.single_instance import bring_to_front
from sobrus_comm.gui.widgets.clickable_label import ClickableLabel

STATUS_FILTERS = ("Tous les statuts", "En attente", "Envoyé", "Délivré", "Échec", "Annulé")
PERIOD_FILTERS = ("Toutes les dates", "Aujourd'hui", "7 derniers jours", "30 derniers jours",
                  "Personnalisé…")

DEFAULT_LOW_BALANCE = 100
BALANCE_CLICK_HINT = "Cliquez pour ouvrir Paramètres › Solde SMS."
LOW_BALANCE_STYLE = "color: #a50e0e; font-weight: bold;"


class MainWindow(QMainWindow):
    sig_grouped_send_requested = Signal()
    sig_schedules_requested = Signal()  # « Envois programmés »
    sig_sync_requested = Signal()
    sig_settings_requested = Signal()
    sig_balance_requested = Signal()
    sig_replies_requested = Signal()
    sig_closing = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._signed_in = False
        self._last_balance: tuple[int | None, int] = (None, DEFAULT_LOW_BALANCE)
        self._forecast: Forecast | None = None
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(f"{APP_NAME} — Historique des communications")
        self.ui.statusFilter.addItems(STATUS_FILTERS)
        self.ui.periodFilter.addItems(PERIOD_FILTERS)
        self.ui.emptyStateLabel.setTextFormat(Qt.TextFormat.RichText)
        self.ui.historySplitter.setStretchFactor(0, 3)
        self.ui.historySplitter.setStretchFactor(1, 1)
        self.ui.historySplitter.setSizes([960, 300])
        self._build_status_bar()
        self.history = HistoryPage(self.ui, self)
        self.exporter = ExportController(self)
        self._connect_signals()
        self.set_user(None)  # nobody is signed in until the session says so
        self._restore_state()

    def _build_status_bar(self) -> None:
        self.userLabel = QLabel("Non connecté")
        self.balanceLabel = ClickableLabel("Solde SMS : —")
        self.syncStatusLabel = QLabel("Hors ligne")
        for label, name in ((self.userLabel, "userLabel"), (self.balanceLabel, "balanceLabel"),
                            (self.syncStatusLabel, "syncStatusLabel")):
            label.setObjectName(name)
        self.balanceLabel.sig_clicked.connect(self.sig_balance_requested)
        bar = self.ui.statusBar
        bar.addWidget(self.userLabel)
        bar.addPermanentWidget(self.balanceLabel)
        bar.addPermanentWidget(self.syncStatusLabel)

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.groupedSendButton.clicked.connect(self._on_grouped_send)
        ui.repliesButton.clicked.connect(self.sig_replies_requested)
        ui.actionGroupedSend.triggered.connect(self._on_grouped_send)
        ui.schedulesButton.clicked.connect(self.sig_schedules_requested)
        ui.actionSchedules.triggered.connect(self.sig_schedules_requested)
        ui.actionSync.triggered.connect(self.sig_sync_requested)
        ui.actionSettings.triggered.connect(self.sig_settings_requested)
        ui.actionExport.triggered.connect(self._on_export)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self._on_about)
        self._find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self._find_shortcut.activated.connect(self._focus_search)

    # -- actions --------------------------------------------------------------------------
    @Slot()
    def _on_grouped_send(self) -> None:
        self.sig_grouped_send_requested.emit()

    @Slot()
    def bring_forward(self) -> None:
        """Another launch asked for this window (a second double-click on the shortcut)."""
        bring_to_front(self)

    @Slot()
    def _focus_search(self) -> None:
        self.ui.historySearch.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.historySearch.selectAll()

    @Slot()
    def _on_export(self) -> None:
        rows = self.history.shown_rows()
        if not rows:
            QMessageBox.information(self, "Exporter", "Aucune communication à exporter.")
            return
        path = self.exporter.ask_path()
        if path is not None:
            self.exporter.start(rows, path)

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(
            self, f"À propos de {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Les SMS de l'officine : historique, "
            "envois groupés et solde SMS.",
        )

    # -- what the status bar says ---------------------------------------------------------
    def set_unread_replies(self, unread: int) -> None:
        """The « Réponses » button's badge: how many replies nobody has read yet."""
        button = self.ui.repliesButton
        if unread:
            button.setText(f"Réponses des clients ({format_count(unread)} non lue"
                           f"{'s' if unread > 1 else ''})")
            button.setStyleSheet("QPushButton { font-weight: bold; color: #a50e0e; }")
        else:
            button.setText("Réponses des clients")
            button.setStyleSheet("")

    def set_demo_mode(self, demo: bool) -> None:
        self.ui.demoBanner.setVisible(demo)

    def set_user(self, display_name: str | None, can_send: bool = True) -> None:
        self.userLabel.setText(f"Connecté : {display_name}" if display_name else "Non connecté")
        button = self.ui.groupedSendButton
        button.setEnabled(bool(display_name) and can_send)
        self._signed_in = bool(display_name)
        if not display_name:
            button.setToolTip(signed_out_reason(self.sync_state() == "offline"))
        elif not can_send:
            button.setToolTip("Votre compte n'a pas l'autorisation d'envoyer des SMS. "
                              "Demandez-la au pharmacien titulaire.")
        else:
            button.setToolTip("Envoyer un même SMS à plusieurs clients "
                              "(rappel de solde ou modèle personnalisé)")
        self.ui.actionGroupedSend.setEnabled(button.isEnabled())

    def set_balance(self, credits: int | None, low_threshold: int = DEFAULT_LOW_BALANCE) -> None:
        self._last_balance = (credits, low_threshold)
        label = self.balanceLabel
        if credits is None:
            label.setText("Solde SMS : —")
            label.setStyleSheet("")
            label.setToolTip("Le solde sera affiché après la première synchronisation. "
                             + BALANCE_CLICK_HINT)
            return
        label.setText(f"Solde SMS : {format_count(credits)} crédit{'s' if credits > 1 else ''}")
        low = credits < low_threshold
        label.setStyleSheet(LOW_BALANCE_STYLE if low else "")
        label.setProperty("low", low)
        label.setToolTip(("Solde bas : pensez à demander une recharge. " if low
                          else "Crédits SMS restants. ") + BALANCE_CLICK_HINT)
        self._warn_on_forecast(low)

    def set_forecast(self, forecast: object) -> None:
        """The credit ledger's forecast (a ``Forecast``, or None): the low-balance warning
        fires too when, at the recent pace, the balance runs out within weeks."""
        self._forecast = forecast if isinstance(forecast, Forecast) else None
        self.set_balance(*self._last_balance)

    def _warn_on_forecast(self, low: bool) -> None:
        forecast = self._forecast
        soon = forecast is not None and forecast.runs_low and not low
        self.balanceLabel.setProperty("soon", soon)
        if soon:
            assert forecast is not None
            self.balanceLabel.setStyleSheet(LOW_BALANCE_STYLE)
            self.balanceLabel.setToolTip(
                f"Solde bientôt épuisé. {forecast.sentence_fr()} Pensez à demander une "
                f"recharge. {BALANCE_CLICK_HINT}")

    def set_sync_state(self, state: str, detail: str = "",
                       since: datetime | None = None) -> None:
        """``state``: online | syncing | offline | error."""
        label = self.syncStatusLabel
        if state == "syncing":
            label.setText("Synchronisation…")
        elif state == "online":  # with what the user should know, said on the bar itself
            label.setText(f"À jour · {detail}" if detail else "À jour")
        elif state == "offline":
            when = f" depuis {since:%H:%M}" if since else ""
            label.setText(f"Hors ligne{when}")
        else:
            label.setText("Erreur de synchronisation")
        label.setProperty("state", state)
        label.setToolTip(detail)
        if not self._signed_in:  # the button says why: not signed in, or unreachable
            self.ui.groupedSendButton.setToolTip(signed_out_reason(state == "offline"))

    def sync_state(self) -> str:
        return str(self.syncStatusLabel.property("state") or "")

    # -- state kept between runs ----------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("mainWindow/geometry") if self.settings else None
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self)  # the .ui's size, where the screen has room for it
        else:
            clamp_to_screen(self)  # saved on a bigger screen than the one it is on now
        if self.settings is None:
            return
        splitter = self.settings.value("mainWindow/splitter")
        if splitter is not None:
            self.ui.historySplitter.restoreState(splitter)
        header = self.settings.value("mainWindow/historyHeader")
        if header is not None:
            self.history.restore_header(header)

    def save_state(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.setValue("mainWindow/splitter", self.ui.historySplitter.saveState())
        self.settings.setValue("mainWindow/historyHeader",
                               self.ui.historyTable.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.sig_closing.emit()
        super().closeEvent(event)
