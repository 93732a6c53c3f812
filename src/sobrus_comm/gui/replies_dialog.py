"""« Réponses des clients »: what clients answered, their consent, the register export.

Non-modal, opened from the main window's « Réponses » button (its badge counts the unread
replies). Every read and write goes through the consent service, off the GUI thread.

Signals:
    sig_changed(): a reply was marked read or a consent recorded (refresh the badge).
    sig_overview_shown(): the replies just read are in the table.
    sig_history_search(str): « Ses SMS »: show the history filtered on this client's number.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Signal, Slot
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QWidget

from sobrus_comm.domain.consent import STATE_LABELS, ConsentChannel, ConsentState
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.gui.generated.ui_replies_dialog import Ui_RepliesDialog
from sobrus_comm.gui.replies_model import (
    COL_CLIENT,
    COL_EFFECT,
    COL_RECEIVED,
    COL_TEXT,
    REPLY_ROLE,
    SORT_ROLE,
    RepliesModel,
)
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.services.consent import (
    ConsentService,
    RegisterFormatError,
    RegisterImport,
    RepliesOverview,
)
from sobrus_comm.workers.task import Task, error_message

OK_COLOR, ERROR_COLOR = "#137333", "#a50e0e"


def ask_register_path(parent: QWidget) -> Path | None:
    """Where to write the register (replaceable in tests: a module-level function)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Exporter le registre des consentements",
        f"registre-consentements-{date.today():%Y-%m-%d}.csv", "Fichier CSV pour Excel (*.csv)")
    if not name:
        return None
    return Path(name if name.lower().endswith(".csv") else name + ".csv")


def ask_import_path(parent: QWidget) -> Path | None:
    """Which register to import (replaceable in tests: a module-level function)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Importer un registre des consentements", "", "Fichier CSV (*.csv)")
    return Path(name) if name else None


def consent_line(overview: RepliesOverview, client_id: int) -> str:
    """« Fatima Benali — promotions : refusé (Réponse SMS « STOP », le 28/11/2026) »."""
    name = overview.names.get(client_id) or f"Client n° {client_id}"
    state = STATE_LABELS[overview.state_of(client_id)].lower()
    text = f"<b>{escape(name)}</b> — promotions : <b>{state}</b>"
    record = overview.last_change.get(client_id)
    if record is not None:
        when = record.recorded_at.astimezone().strftime("%d/%m/%Y")
        text += f" ({escape(record.evidence_fr())}, le {when})"
    return text


class RepliesDialog(QDialog):
    sig_changed = Signal()
    sig_overview_shown = Signal()  # the table shows the latest read
    sig_history_search = Signal(str)  # filter the history on this text (the client's number)

    def __init__(self, consent: ConsentService, staff: str, *, can_record: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RepliesDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.consent, self.staff, self.can_record = consent, staff, can_record
        self.model = RepliesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        table = self.ui.repliesTable
        table.setModel(self.proxy)
        for column, width in ((COL_RECEIVED, 135), (COL_CLIENT, 160), (COL_TEXT, 200),
                              (COL_EFFECT, 130)):
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self._client_id: int | None = None
        self._export_path: Path | None = None
        ui = self.ui
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        ui.unreadOnlyCheck.toggled.connect(self._on_unread_only)
        ui.markReadButton.clicked.connect(self._on_mark_read)
        ui.grantConsentButton.clicked.connect(self._on_grant)
        ui.refuseConsentButton.clicked.connect(self._on_refuse)
        ui.exportRegisterButton.clicked.connect(self._on_export)
        ui.importRegisterButton.clicked.connect(self._on_import)
        ui.showInHistoryButton.clicked.connect(self._on_show_in_history)
        ui.importRegisterButton.setEnabled(can_record)
        ui.closeButton.clicked.connect(self.accept)
        self.refresh()

    # -- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        task = Task(self.consent.overview)
        task.sig_done.connect(self._on_overview)
        task.sig_failed.connect(self._on_failed)
        task.start()

    @Slot(object)
    def _on_overview(self, overview: RepliesOverview) -> None:
        keep = self._client_id
        self.model.set_overview(overview)
        n, unread = len(overview.replies), overview.unread
        self.ui.repliesCountLabel.setText(
            f"{format_count(n)} réponse{'s' if n > 1 else ''}"
            + (f", dont {format_count(unread)} non lue{'s' if unread > 1 else ''}"
               if unread else ""))
        if keep is not None and not self._select_client(keep):
            self._show_client(None)
        self.sig_overview_shown.emit()

    def _select_client(self, client_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            reply = self.proxy.index(row, 0).data(REPLY_ROLE)
            if reply is not None and reply.client_id == client_id:
                self.ui.repliesTable.selectRow(row)
                self._show_client(client_id)
                return True
        return False

    @Slot(bool)
    def _on_unread_only(self, checked: bool) -> None:
        self.model.set_unread_only(checked)
        self._show_client(None)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        reply = current.data(REPLY_ROLE) if current.isValid() else None
        self._show_client(reply.client_id if reply is not None else None)

    def _show_client(self, client_id: int | None) -> None:
        ui = self.ui
        self._client_id = client_id
        ui.showInHistoryButton.setEnabled(bool(self._client_phone()))
        for button in (ui.grantConsentButton, ui.refuseConsentButton):
            button.setEnabled(client_id is not None and self.can_record)
        ui.markReadButton.setEnabled(client_id is not None and any(
            not r.is_read for r in self.model.overview().for_client(client_id)))
        ui.replyConsentLabel.setText(
            consent_line(self.model.overview(), client_id) if client_id is not None
            else "Sélectionnez une réponse pour voir le consentement du client.")

    def _client_phone(self) -> str:
        replies = self.model.overview().for_client(self._client_id) \
            if self._client_id is not None else []
        return next((r.phone for r in reversed(replies) if r.phone), "")

    @Slot()
    def _on_show_in_history(self) -> None:
        phone = self._client_phone()
        if phone:
            self.sig_history_search.emit(phone)

    # -- writing ----------------------------------------------------------------------------
    @Slot()
    def _on_mark_read(self) -> None:
        if self._client_id is not None:
            self._run(Task(self.consent.mark_read, self._client_id))

    @Slot()
    def _on_grant(self) -> None:
        self._record(ConsentState.GRANTED)

    @Slot()
    def _on_refuse(self) -> None:
        self._record(ConsentState.REFUSED)

    def _record(self, state: ConsentState) -> None:
        if self._client_id is not None:
            self._run(Task(self.consent.record, self._client_id, state, self.staff,
                           ConsentChannel.COUNTER))

    def _run(self, task: Task) -> None:
        task.sig_done.connect(self._on_written)
        task.sig_failed.connect(self._on_failed)
        task.start()

    @Slot(object)
    def _on_written(self, _result: object) -> None:
        self.sig_changed.emit()
        self.refresh()

    @Slot()
    def _on_export(self) -> None:
        path = ask_register_path(self)
        if path is None:
            return
        task = Task(self.consent.export_register, path)
        task.sig_done.connect(self._on_exported)
        task.sig_failed.connect(self._on_failed)
        self._export_path = path
        task.start()

    @Slot()
    def _on_import(self) -> None:
        path = ask_import_path(self)
        if path is None:
            return
        task = Task(self.consent.import_register, path, self.staff)
        task.sig_done.connect(self._on_imported)
        task.sig_failed.connect(self._on_import_failed)
        task.start()

    @Slot(object)
    def _on_imported(self, result: RegisterImport) -> None:
        self._status(f"Registre importé : {result.message_fr()}",
                     ERROR_COLOR if result.problems and not result.imported else OK_COLOR)
        self.sig_changed.emit()
        self.refresh()

    @Slot(object)
    def _on_import_failed(self, exc: object) -> None:
        if isinstance(exc, RegisterFormatError | OSError):  # not a register, unreadable
            self._status(f"Import impossible : {exc} Rien n'a été enregistré. Vérifiez le "
                         "fichier (CSV enregistré depuis Excel) puis réessayez.", ERROR_COLOR)
        else:
            self._on_failed(exc)

    @Slot(object)
    def _on_exported(self, count: int) -> None:
        self._status(f"Registre exporté : {format_count(count)} enregistrement"
                     f"{'s' if count > 1 else ''} dans « {self._export_path} ».", OK_COLOR)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._status(error_message(exc), ERROR_COLOR)  # type: ignore[arg-type]

    def _status(self, text: str, color: str) -> None:
        label = self.ui.repliesStatusLabel
        label.setText(text)
        label.setStyleSheet(f"color: {color};")
        label.setVisible(True)

