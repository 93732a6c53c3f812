"""The windows ``--screenshot PATH --window NAME`` can show, opened over the main window on
the app's own data, as a user would reach them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QWidget

from sobrus_comm.workers.task import Task

if TYPE_CHECKING:
    from sobrus_comm.gui.app_controller import AppController

Opened = Callable[[QWidget], None]


def open_window(controller: AppController, name: str, opened: Opened) -> None:
    """Open window ``name`` and hand it to ``opened`` once it is there."""
    if name in ("balance", "credits"):
        opened(_settings_on(controller, name))
    elif name in ("confirmation", "test-send"):
        opened(_over_grouped_send(controller, name))
    elif name == "packs":
        _PackOpener(controller, opened).start()
    elif name in ("template-arabic", "edit-template-arabic"):
        opened(_arabic_text(controller, name))
    elif name in ("schedules", "schedule-editor"):
        _SchedulesOpener(controller, opened, editor=name == "schedule-editor").start()
    elif name in ("replies", "history-reply"):
        _RepliesOpener(controller, name, opened).start()
    else:
        opened(controller.open_for_screenshot(name))


def _settings_on(controller: AppController, section: str) -> QWidget:
    from sobrus_comm.gui.settings import SettingsDialog

    dialog = controller.open_for_screenshot("settings")
    assert isinstance(dialog, SettingsDialog)
    dialog.show_section(section)
    return dialog


def _over_grouped_send(controller: AppController, name: str) -> QWidget:
    from sobrus_comm.gui.grouped_send.confirmation import SendConfirmationDialog

    controller.open_for_screenshot("grouped-send")
    dialog = controller.sending.dialog
    assert dialog is not None
    if name == "test-send":
        dialog.ui.testSendButton.click()
        assert dialog.test_dialog is not None
        return dialog.test_dialog
    draft = dialog.estimate_now()  # the plan « Envoyer » would confirm
    assert draft is not None
    confirmation = SendConfirmationDialog(draft, dialog)
    confirmation.open()
    return confirmation


def _arabic_text(controller: AppController, name: str) -> QWidget:
    """The Arabic tab of the balance reminder (a demo template with an Arabic text): in
    Paramètres › Modèles, or in the grouped send's « Modifier modèle »."""
    from sobrus_comm.domain.languages import Language
    from sobrus_comm.gui.settings import SettingsDialog

    if name == "template-arabic":
        dialog = controller.open_for_screenshot("settings")
        assert isinstance(dialog, SettingsDialog)
        items = dialog.ui.templatesList.findItems("Rappel de solde", Qt.MatchFlag.MatchStartsWith)
        if items:
            dialog.ui.templatesList.setCurrentItem(items[0])
        dialog.ui.templateBodyEditor.show_language(Language.ARABIC)
        return dialog
    controller.open_for_screenshot("grouped-send")
    grouped = controller.sending.dialog
    assert grouped is not None
    grouped.ui.objectiveBalanceReminder.click()
    grouped.ui.editTemplateButton.click()
    grouped.ui.templateBodyEditor.show_language(Language.ARABIC)
    return grouped


class _PackOpener(QObject):
    """« Demander une recharge »: the packs come from the backend, off the GUI thread."""

    def __init__(self, controller: AppController, opened: Opened) -> None:
        super().__init__(controller)
        self._controller, self._opened = controller, opened
        self._task: Task | None = None
        self._settings: QWidget | None = None

    def start(self) -> None:
        self._settings = _settings_on(self._controller, "recharge")
        self._task = Task(_packs, self._controller.make_api)
        self._task.sig_done.connect(self._on_packs)
        self._task.start()

    @Slot(object)
    def _on_packs(self, packs: Any) -> None:
        from sobrus_comm.gui.settings.pack_dialog import PackChoiceDialog

        dialog = PackChoiceDialog(packs, self._settings)
        dialog.open()
        self._opened(dialog)


class _RepliesOpener(QObject):
    """« Réponses des clients », or the history with a client's reply in the details pane,
    once the replies have been read (off the GUI thread)."""

    def __init__(self, controller: AppController, name: str, opened: Opened) -> None:
        super().__init__(controller)
        self._controller, self._name, self._opened = controller, name, opened

    def start(self) -> None:
        follow = self._controller.replies
        if follow.overview is not None:
            self._show()
        else:
            follow.sig_overview.connect(self._show)

    @Slot()
    def _show(self) -> None:
        follow, window = self._controller.replies, self._controller.window
        assert window is not None and follow.overview is not None
        if self._name == "replies":
            follow.open()
            assert follow.dialog is not None
            follow.dialog.sig_overview_shown.connect(self._on_dialog_ready)
            return
        replied = {r.client_id for r in follow.overview.replies}
        for row in window.history.shown_rows():
            if row.client_id in replied:
                window.history.select_id(row.id)
                break
        self._opened(window)

    @Slot()
    def _on_dialog_ready(self) -> None:
        dialog = self._controller.replies.dialog
        assert dialog is not None
        dialog.ui.repliesTable.selectRow(0)
        self._opened(dialog)


def _packs(make_api: Callable[[], Any]) -> list[Any]:
    api = make_api()
    try:
        return list(api.packs())
    finally:
        api.close()


class _SchedulesOpener(QObject):
    """« Envois programmés » (or « Programmer l'envoi » over the grouped-send dialog): the
    schedules are pulled from the backend first, off the GUI thread."""

    def __init__(self, controller: AppController, opened: Opened, *, editor: bool) -> None:
        super().__init__(controller)
        self._controller, self._opened, self._editor = controller, opened, editor
        self._task: Task | None = None

    def start(self) -> None:
        workspace = self._controller.workspace
        assert workspace is not None
        self._task = Task(_synced_rows, workspace.schedules, self._controller.make_api)
        self._task.sig_done.connect(self._on_rows)
        self._task.start()

    @Slot(object)
    def _on_rows(self, rows: Any) -> None:
        scheduling = self._controller.scheduling
        if self._editor:
            controller = self._controller
            controller.open_for_screenshot("grouped-send")
            dialog = controller.sending.dialog
            assert dialog is not None
            dialog.ui.scheduleButton.click()
            editor = scheduling.editor
            assert editor is not None
            # Monthly on the 31st: the dialog says what happens in shorter months.
            editor.ui.frequencyCombo.setCurrentIndex(2)
            editor.ui.dayOfMonthSpin.setValue(31)
            self._opened(editor)
            return
        scheduling.open_view()
        assert scheduling.dialog is not None
        scheduling.dialog.set_rows(rows)
        self._opened(scheduling.dialog)


def _synced_rows(service: Any, make_api: Callable[[], Any]) -> list[Any]:
    api = make_api()
    try:
        service.sync(api)
    finally:
        api.close()
    return list(service.rows())
