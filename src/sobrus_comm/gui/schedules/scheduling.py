"""Coordinates scheduled sends in the GUI: the scheduler worker, the view, the questions.

Self-contained: the controller attaches it to the window and the open cache's
:class:`~sobrus_comm.services.schedules.ScheduleService`, starts it with a session's API
factory and stops it at the end. Every cache read or write of the service runs off the GUI
thread (:class:`Task`); runs are the scheduler worker's. Questions are non-modal
(``open()``): the catch-up question (« l'envoyer maintenant, le sauter ? ») and the
day-ahead credit warning never block the timing.

Signals:
    sig_recharge_requested(): the credit warning's « Recharger… ».
    sig_sync_wanted(): a run stored new history rows: sync so the history shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from sobrus_comm.domain.schedules import ScheduleDraft
from sobrus_comm.gui.schedules.dialog import SchedulesDialog
from sobrus_comm.gui.schedules.editor import ScheduleEditorDialog
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.schedules import DueRun, ScheduleRow, ScheduleService
from sobrus_comm.workers.scheduler_worker import SchedulerWorker
from sobrus_comm.workers.task import Task, error_message
from sobrus_comm.workers.threads import start_in_thread, stop_thread

log = get_logger("scheduler")

SKIP, SEND, LATER = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes, \
    QMessageBox.StandardButton.Cancel


class Scheduling(QObject):
    sig_recharge_requested = Signal()
    sig_sync_wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: QMainWindow | None = None
        self.service: ScheduleService | None = None
        self.worker: SchedulerWorker | None = None
        self._thread: QThread | None = None
        self.dialog: SchedulesDialog | None = None
        self.editor: ScheduleEditorDialog | None = None
        self.questions: list[QMessageBox] = []
        self.can_send = False
        self._warnings: list[str] = []

    def attach(self, window: QMainWindow, service: ScheduleService) -> None:
        self.window, self.service = window, service

    # -- the worker -------------------------------------------------------------------------
    def start(self, api_factory: Callable[[], Any], can_send: bool) -> None:
        """Start the scheduler for a signed-in session (once; later calls only update)."""
        self.can_send = can_send
        if self.dialog is not None:
            self.dialog.can_send = can_send
        if self.worker is not None or self.service is None or not can_send:
            return
        worker = SchedulerWorker(self.service, api_factory)
        worker.sig_offers.connect(self._on_offers)
        worker.sig_credit_warnings.connect(self._on_credit_warnings)
        worker.sig_run_finished.connect(self._on_run_finished)
        worker.sig_changed.connect(self.refresh)
        worker.sig_failed.connect(self._on_failed)
        self.worker = worker
        self._thread = start_in_thread(worker, worker.run, stopped=worker.sig_stopped,
                                       name="scheduler")

    def stop(self) -> None:
        if self.worker is not None and self._thread is not None:
            self.worker.stop()
            if not stop_thread(self._thread, 30_000):
                log.warning("Le planificateur ne s'est pas arrêté à temps")
        self.worker = None
        self._thread = None

    # -- « Envois programmés » --------------------------------------------------------------
    @Slot()
    def open_view(self) -> None:
        if self.window is None or self.service is None:
            return
        if self.dialog is None:
            dialog = SchedulesDialog(self.window, can_send=self.can_send)
            dialog.sig_edit.connect(self._on_edit)
            dialog.sig_pause.connect(self._on_pause)
            dialog.sig_delete.connect(self._on_delete)
            dialog.sig_run_now.connect(self._on_run_now)
            dialog.sig_keep_mine.connect(self._on_keep_mine)
            dialog.sig_take_theirs.connect(self._on_take_theirs)
            dialog.sig_recharge_requested.connect(self.sig_recharge_requested)
            dialog.set_credit_warnings(self._warnings)
            self.dialog = dialog
        if self.dialog.isVisible():  # already open: bring it forward
            self.dialog.raise_()
            self.dialog.activateWindow()
        else:
            self.dialog.show()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.dialog is None or self.service is None:
            return
        task = Task(self.service.rows)
        task.sig_done.connect(self._on_rows)
        task.sig_failed.connect(self._on_task_failed)
        task.start()

    @Slot(object)
    def _on_rows(self, rows: Sequence[Any]) -> None:
        if self.dialog is not None:
            self.dialog.set_rows(rows)

    def _change(self, fn: Callable[..., Any], *args: Any) -> None:
        """A local edit off the GUI thread, then a push and a fresh view."""
        task = Task(fn, *args)
        task.sig_done.connect(self._on_changed)
        task.sig_failed.connect(self._on_task_failed)
        task.start()

    @Slot(object)
    def _on_changed(self, _result: object) -> None:
        if self.worker is not None:
            self.worker.request_sync()
        self.refresh()

    @Slot(str, bool)
    def _on_pause(self, uid: str, paused: bool) -> None:
        assert self.service is not None
        self._change(self.service.set_paused, uid, paused)

    @Slot(str)
    def _on_delete(self, uid: str) -> None:
        assert self.service is not None
        self._change(self.service.delete, uid)

    @Slot(str)
    def _on_keep_mine(self, uid: str) -> None:
        assert self.service is not None
        self._change(self.service.keep_mine, uid)

    @Slot(str)
    def _on_take_theirs(self, uid: str) -> None:
        assert self.service is not None
        self._change(self.service.take_theirs, uid)

    def _selected(self, uid: str) -> ScheduleRow | None:
        row = self.dialog.selected() if self.dialog is not None else None
        return row if row is not None and row.schedule.uid == uid else None

    @Slot(str)
    def _on_run_now(self, uid: str) -> None:
        row = self._selected(uid)
        if self.service is None or self.worker is None or row is None:
            self._say("Exécuter maintenant : connectez-vous d'abord à Sobrus.")
            return
        self.worker.run_now(self.service.now_occurrence(row.schedule))
        self._say(f"« {row.schedule.name} » : envoi en préparation (synchronisation, "
                  "puis envoi)…")

    @Slot(str)
    def _on_edit(self, uid: str) -> None:
        row = self._selected(uid)
        if row is None or self.window is None:
            return
        self._open_editor(ScheduleEditorDialog(
            existing=row.schedule, template_name=row.template_name,
            now=self.service.local_now() if self.service else None,
            parent=self.dialog or self.window))

    # -- « Programmer… » from the grouped-send dialog --------------------------------------
    @Slot(object)
    def open_editor(self, draft: ScheduleDraft) -> None:
        if self.service is None or self.window is None:
            return
        self._open_editor(ScheduleEditorDialog(
            draft=draft, uid=self.service.new_uid(), now=self.service.local_now(),
            parent=QApplication.activeWindow() or self.window))

    def _open_editor(self, editor: ScheduleEditorDialog) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        editor.setObjectName("scheduleEditorDialog")
        editor.accepted.connect(self._on_editor_accepted)
        self.editor = editor
        editor.open()

    @Slot()
    def _on_editor_accepted(self) -> None:
        if self.editor is None or self.service is None:
            return
        schedule = self.editor.schedule()
        self._change(self.service.save, schedule)
        self._say(f"Envoi programmé « {schedule.name} » : {schedule.rule.describe_fr()}.")
        self.open_view()

    # -- what the worker says ---------------------------------------------------------------
    @Slot(object)
    def _on_offers(self, offers: Sequence[DueRun]) -> None:
        for due in offers:
            self._ask_catch_up(due)

    def _ask_catch_up(self, due: DueRun) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Envoi programmé non envoyé",
                          due.question_fr(), SEND | SKIP | LATER, self.window)
        box.setObjectName("catchUpQuestion")
        box.button(SEND).setText("L'envoyer maintenant")
        box.button(SKIP).setText("Le sauter")
        box.button(LATER).setText("Plus tard")
        box.setProperty("due", due)
        box.finished.connect(self._on_catch_up_answer)
        self.questions.append(box)
        box.open()

    @Slot(int)
    def _on_catch_up_answer(self, result: int) -> None:
        box = self.sender()
        if not isinstance(box, QMessageBox):
            return
        due = box.property("due")
        if self.worker is not None and isinstance(due, DueRun):
            if result == SEND:
                self.worker.run_now(due)
            elif result == SKIP:
                self.worker.skip(due.schedule.uid, due.occurrence.key)
        if box in self.questions:
            self.questions.remove(box)
        box.deleteLater()

    @Slot(object)
    def _on_credit_warnings(self, warnings: Sequence[str]) -> None:
        self._warnings = list(warnings)
        if self.dialog is not None:
            self.dialog.set_credit_warnings(self._warnings)
        box = QMessageBox(QMessageBox.Icon.Warning, "Solde SMS insuffisant pour demain",
                          "Le solde SMS ne suffira pas pour un envoi programmé :\n\n"
                          + "\n".join(warnings),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                          self.window)
        box.setObjectName("scheduleCreditWarning")
        box.button(QMessageBox.StandardButton.Open).setText("Recharger le solde SMS…")
        box.button(QMessageBox.StandardButton.Close).setText("Plus tard")
        box.accepted.connect(self.sig_recharge_requested)
        box.finished.connect(box.deleteLater)
        box.open()

    @Slot(str, str)
    def _on_run_finished(self, name: str, detail: str) -> None:
        self._say(f"Envoi programmé « {name} » : {detail}")
        self.sig_sync_wanted.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say(f"Envois programmés : {message}")

    @Slot(object)
    def _on_task_failed(self, exc: object) -> None:
        self._say(error_message(exc) if isinstance(exc, BaseException) else str(exc))

    def _say(self, message: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(message, 15_000)
