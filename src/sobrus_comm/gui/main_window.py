"""The main window: the Communications page, its toolbar and the status bar.

It wires self-contained children together; it runs no SQL and no HTTP itself.

Signals:
    sig_grouped_send_requested(): « Envoyer une communication groupée » was clicked.
    sig_sync_requested(): « Synchroniser » (F5) was triggered.
    sig_settings_requested(): « Paramètres » was triggered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from sobrus_comm import APP_NAME, __version__
from sobrus_comm.gui.generated.ui_main_window import Ui_MainWindow
from sobrus_comm.gui.history_page import HistoryPage

STATUS_FILTERS = ("Tous les statuts", "En attente", "Envoyé", "Délivré", "Échec", "Annulé")
PERIOD_FILTERS = ("Toutes les dates", "Aujourd'hui", "7 derniers jours", "30 derniers jours",
                  "Personnalisé…")


class MainWindow(QMainWindow):
    sig_grouped_send_requested = Signal()
    sig_sync_requested = Signal()
    sig_settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(f"{APP_NAME} — Historique des communications")
        self.ui.statusFilter.addItems(STATUS_FILTERS)
        self.ui.periodFilter.addItems(PERIOD_FILTERS)
        self.ui.emptyStateLabel.setTextFormat(Qt.TextFormat.RichText)
        self.ui.historySplitter.setStretchFactor(0, 3)
        self.ui.historySplitter.setStretchFactor(1, 1)
        self._build_status_bar()
        self.history = HistoryPage(self.ui, self)
        self._connect_signals()

    def _build_status_bar(self) -> None:
        self.userLabel = QLabel("Non connecté", objectName="userLabel")
        self.balanceLabel = QLabel("Solde SMS : —", objectName="balanceLabel")
        self.syncStatusLabel = QLabel("Hors ligne", objectName="syncStatusLabel")
        bar = self.ui.statusBar
        bar.addWidget(self.userLabel)
        bar.addPermanentWidget(self.balanceLabel)
        bar.addPermanentWidget(self.syncStatusLabel)

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.groupedSendButton.clicked.connect(self._on_grouped_send)
        ui.actionGroupedSend.triggered.connect(self._on_grouped_send)
        ui.actionSync.triggered.connect(self.sig_sync_requested)
        ui.actionSettings.triggered.connect(self.sig_settings_requested)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self._on_about)
        self._find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self._find_shortcut.activated.connect(self._focus_search)

    @Slot()
    def _on_grouped_send(self) -> None:
        self.sig_grouped_send_requested.emit()

    @Slot()
    def _focus_search(self) -> None:
        self.ui.historySearch.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.historySearch.selectAll()

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(
            self, f"À propos de {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Les SMS de l'officine : historique, "
            "envois groupés et solde SMS.",
        )

    def set_demo_mode(self, demo: bool) -> None:
        self.ui.demoBanner.setVisible(demo)
