"""« Envois programmés »: the schedules, their next and last runs, and what to do with them.

A non-modal window. It never reads the cache itself: the coordinator (``scheduling.py``)
loads the rows off the GUI thread and hands them in with :meth:`set_rows`; the buttons
only emit what the user asked.

Signals:
    sig_edit(str uid), sig_pause(str uid, bool paused), sig_delete(str uid),
    sig_run_now(str uid), sig_keep_mine(str uid), sig_take_theirs(str uid): the user's
        choice on the selected schedule (deletion already confirmed).
    sig_recharge_requested(): the credit warning's « Recharger » link.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QWidget

from sobrus_comm.domain.schedules import ScheduleState
from sobrus_comm.gui.generated.ui_schedules_dialog import Ui_SchedulesDialog
from sobrus_comm.gui.schedules.model import COL_NAME, COL_NEXT, SORT_ROLE, ScheduleTableModel
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.services.schedules import ScheduleRow

RECHARGE_LINK = "recharge"


class SchedulesDialog(QDialog):
    sig_edit = Signal(str)
    sig_pause = Signal(str, bool)
    sig_delete = Signal(str)
    sig_run_now = Signal(str)
    sig_keep_mine = Signal(str)
    sig_take_theirs = Signal(str)
    sig_recharge_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, can_send: bool = True) -> None:
        super().__init__(parent)
        self.ui = Ui_SchedulesDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.can_send = can_send
        self.model = ScheduleTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        table = self.ui.schedulesTable
        table.setModel(self.proxy)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_NEXT, Qt.SortOrder.AscendingOrder)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        ui = self.ui
        ui.editButton.clicked.connect(self._on_edit)
        ui.pauseButton.clicked.connect(self._on_pause)
        ui.deleteButton.clicked.connect(self._on_delete)
        ui.runNowButton.clicked.connect(self._on_run_now)
        ui.buttonBox.rejected.connect(self.close)
        ui.creditWarningLabel.linkActivated.connect(self._on_link)
        ui.creditWarningLabel.setVisible(False)
        ui.scheduleDetailLabel.setText("")
        self._update_buttons()

    def set_rows(self, rows: Sequence[ScheduleRow]) -> None:
        uid = self.selected_uid()
        self.model.set_rows(rows)
        self.ui.schedulesTable.resizeColumnsToContents()
        if uid is not None:
            self.select(uid)
        elif rows:
            self.ui.schedulesTable.selectRow(0)
        self._update_buttons()

    def set_credit_warnings(self, warnings: Sequence[str]) -> None:
        label = self.ui.creditWarningLabel
        label.setText("<br>".join(warnings) + (f" <a href='{RECHARGE_LINK}'>Recharger le "
                                               "solde SMS…</a>" if warnings else ""))
        label.setVisible(bool(warnings))

    def select(self, uid: str) -> bool:
        for row in range(self.proxy.rowCount()):
            found = self._row(row)
            if found is not None and found.schedule.uid == uid:
                self.ui.schedulesTable.selectRow(row)
                return True
        return False

    def _row(self, proxy_row: int) -> ScheduleRow | None:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, COL_NAME))
        return self.model.row_at(source.row())

    def selected(self) -> ScheduleRow | None:
        rows = self.ui.schedulesTable.selectionModel().selectedRows()
        return self._row(rows[0].row()) if rows else None

    def selected_uid(self) -> str | None:
        row = self.selected()
        return row.schedule.uid if row is not None else None

    @Slot()
    def _update_buttons(self) -> None:
        ui, row = self.ui, self.selected()
        has = row is not None
        for button in (ui.editButton, ui.deleteButton):
            button.setEnabled(has and self.can_send)
        finished = has and row.state == ScheduleState.FINISHED  # type: ignore[union-attr]
        ui.pauseButton.setEnabled(has and self.can_send and not finished)
        ui.runNowButton.setEnabled(has and self.can_send)
        paused = has and row.schedule.paused  # type: ignore[union-attr]
        ui.pauseButton.setText("Reprendre" if paused else "Mettre en pause")
        detail = ""
        if row is not None:
            detail = f"<b>{row.schedule.name}</b> : {row.schedule.rule.describe_fr()}."
            if row.schedule.paused and row.schedule.pause_reason:
                detail += f"<br>En pause : {row.schedule.pause_reason}"
            if row.conflict:
                detail += ("<br>Modifié sur un autre poste pendant votre modification : "
                           "aucune version n'a été écrasée. « Modifier… » pour choisir.")
        ui.scheduleDetailLabel.setText(detail)

    @Slot()
    def _on_edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.conflict:
            self._ask_conflict(row)
            return
        self.sig_edit.emit(row.schedule.uid)

    def _ask_conflict(self, row: ScheduleRow) -> None:
        Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        self._conflict_box = self._ask(
            "scheduleConflictQuestion", "Modifié sur un autre poste",
            f"« {row.schedule.name} » a été modifié sur un autre poste pendant que vous le "
            "modifiiez ici. Quelle version garder ?", row.schedule.uid,
            {Yes: "Garder la mienne", No: "Garder celle de l'autre poste"})
        self._conflict_box.finished.connect(self._on_conflict_answer)

    def _ask(self, name: str, title: str, text: str, uid: str,
             buttons: dict[QMessageBox.StandardButton, str]) -> QMessageBox:
        """A non-modal question about schedule ``uid``, with Cancel besides ``buttons``."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Cancel, self)
        for button, label in buttons.items():
            box.addButton(button).setText(label)
        box.setObjectName(name)
        box.setProperty("uid", uid)
        box.open()
        return box

    @Slot(int)
    def _on_conflict_answer(self, result: int) -> None:
        uid = str(self._conflict_box.property("uid"))
        if result == QMessageBox.StandardButton.Yes:
            self.sig_keep_mine.emit(uid)
        elif result == QMessageBox.StandardButton.No:
            self.sig_take_theirs.emit(uid)
        self._conflict_box.deleteLater()

    @Slot()
    def _on_pause(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_pause.emit(row.schedule.uid, not row.schedule.paused)

    @Slot()
    def _on_run_now(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._run_box = self._ask(
            "scheduleRunNowQuestion", "Exécuter maintenant",
            f"Envoyer « {row.schedule.name} » maintenant ? Les destinataires et les messages "
            "sont préparés avec les données à jour de Sobrus, comme pour un envoi prévu ; "
            "les envois prévus suivants ne changent pas.", row.schedule.uid,
            {QMessageBox.StandardButton.Yes: "Envoyer maintenant"})
        self._run_box.finished.connect(self._on_run_now_answer)

    @Slot(int)
    def _on_run_now_answer(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.sig_run_now.emit(str(self._run_box.property("uid")))
        self._run_box.deleteLater()

    @Slot()
    def _on_delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._delete_box = self._ask(
            "scheduleDeleteQuestion", "Supprimer l'envoi programmé",
            f"Supprimer « {row.schedule.name} » ? Les envois déjà faits restent dans "
            "l'historique ; les prochains n'auront pas lieu, sur aucun poste.",
            row.schedule.uid, {QMessageBox.StandardButton.Yes: "Supprimer"})
        self._delete_box.finished.connect(self._on_delete_answer)

    @Slot(int)
    def _on_delete_answer(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.sig_delete.emit(str(self._delete_box.property("uid")))
        self._delete_box.deleteLater()

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if link == RECHARGE_LINK:
            self.sig_recharge_requested.emit()
