"""« Modèles de message »: create, rename, duplicate, delete and edit the SMS templates.

Edits go through the template service (its name and body rules are the grouped send's too)
and are saved in the local cache at once; the sync pushes them, and a template changed on
the server meanwhile comes back as a conflict that the user settles here, never silently
overwritten.

Reads and writes run off the GUI thread (one at a time); the list is read again in the
same call, so what is shown is what was saved.

Signals:
    sig_sync_requested(): local template changes are waiting to be pushed.
    sig_templates_changed(): the template list changed (the grouped send reloads it).
    sig_reloaded(): the list was read again (after a change, or after a sync).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QWidget

from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import Client, Permission, Template, TemplateCategory
from sobrus_comm.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from sobrus_comm.gui.settings.context import SettingsContext
from sobrus_comm.gui.widgets.template_editor import SamplePreviewBinder
from sobrus_comm.services.templates import (
    LocalState,
    TemplateConflict,
    TemplateService,
    TemplatesSnapshot,
    clean_name,
    name_problem,
)
from sobrus_comm.services.workspace import StoreError
from sobrus_comm.workers.task import Task, error_message

DRAFT_ID = 0  # list item of a new template not saved yet (real ids are never 0)
NEW_NAME = "Nouveau modèle"
ID_ROLE = Qt.ItemDataRole.UserRole

CATEGORIES: tuple[tuple[TemplateCategory, str, str], ...] = (
    (TemplateCategory.TRANSACTIONAL, "Transactionnel",
     "Rappels de solde, commandes disponibles… : envoyé à tous les clients choisis."),
    (TemplateCategory.PROMOTIONAL, "Promotionnel",
     "Offres et promotions : jamais envoyé aux clients qui ont refusé les SMS promotionnels, "
     "ni pendant les heures calmes."),
)
STATE_SUFFIX = {
    LocalState.CREATED: " (à synchroniser)",
    LocalState.MODIFIED: " (à synchroniser)",
    LocalState.CONFLICT: " (conflit)",
    LocalState.DELETE_CONFLICT: " (conflit)",
}

Ask = Callable[[str, str], bool]


def category_hint(category: str) -> str:
    return next(hint for c, _label, hint in CATEGORIES if c == category)


@dataclass(frozen=True)
class _Done:
    """A change made off the GUI thread, with the list as it stands afterwards."""

    saved: Template | None
    snapshot: TemplatesSnapshot


def _change_then_read(service: TemplateService, change: Callable[..., object],
                      args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Done:
    result = change(*args, **kwargs)
    return _Done(result if isinstance(result, Template) else None, service.snapshot())


# What follows a change: select what was saved / the given id; push it or not.
_SAVED, _LOCAL, _REMOTE = "saved", "local", "remote"


class TemplatesSection(QObject):
    sig_sync_requested = Signal()
    sig_templates_changed = Signal()
    sig_reloaded = Signal()

    def __init__(self, ui: Ui_SettingsDialog, ctx: SettingsContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui, self.ctx, self._parent = ui, ctx, parent
        self.service = TemplateService(ctx.db)
        self.ask: Ask = self._ask_box  # replaceable in tests
        self.preview = SamplePreviewBinder(ui.templateBodyEditor, ui.templateMessagePreview,
                                           today=ctx.now().date())
        self._tune_layout()
        self._templates: dict[int, Template] = {}
        self._states: dict[int, LocalState] = {}
        self._conflicts: dict[int, TemplateConflict] = {}
        self._current_id: int | None = None  # DRAFT_ID while a new one is being written
        self._filling = False
        self._push_pending = False
        self._task: Task | None = None  # the change or read running, one at a time
        self._then: tuple[str, int | None] = (_SAVED, None)
        self._reload_again = False
        self._waiting: deque[tuple[tuple[str, int | None], Callable[..., object],
                                   tuple[Any, ...], dict[str, Any]]] = deque()
        self._sync_message = ""  # what the last sync said, shown once the list is read
        user = ctx.user
        self.can_edit = user is not None and user.can(Permission.MANAGE_TEMPLATES)
        for category, label, _hint in CATEGORIES:
            ui.templateCategoryCombo.addItem(label, str(category))
        self._connect()
        self._apply_permission()
        self.reload()

    def _tune_layout(self) -> None:
        ui = self.ui
        # An SMS is short: room for about eight lines each, side by side.
        ui.templateBodyEditor.ui.templateBodyEdit.setMaximumHeight(170)
        ui.templateMessagePreview.ui.messagePreview.setMinimumHeight(90)
        ui.templateMessagePreview.ui.messagePreview.setMaximumHeight(170)
        ui.templatesSplitter.setStretchFactor(0, 1)
        ui.templatesSplitter.setStretchFactor(1, 3)
        for widget in (ui.templateBodyEditor, ui.templateMessagePreview):
            ui.templateEditorRow.setAlignment(widget, Qt.AlignmentFlag.AlignTop)
        body_label = ui.templateBodyEditor.ui.templateBodyLabel  # the column is narrow here
        body_label.setToolTip(body_label.text())
        body_label.setText("Texte du modèle (les {champs} sont remplis pour chaque client) :")

    def _connect(self) -> None:
        ui = self.ui
        ui.templatesList.currentItemChanged.connect(self._on_current_changed)
        ui.templateNewButton.clicked.connect(self._on_new)
        ui.templateDuplicateButton.clicked.connect(self._on_duplicate)
        ui.templateRenameButton.clicked.connect(self._on_rename)
        ui.templateDeleteButton.clicked.connect(self._on_delete)
        ui.templateSaveButton.clicked.connect(self._on_save)
        ui.templateRevertButton.clicked.connect(self._on_revert)
        ui.keepLocalButton.clicked.connect(self._on_keep_local)
        ui.takeRemoteButton.clicked.connect(self._on_take_remote)
        ui.templateNameEdit.textEdited.connect(self._on_form_changed)
        ui.templateCategoryCombo.currentIndexChanged.connect(self._on_category_changed)
        ui.templateBodyEditor.sig_body_changed.connect(self._on_form_changed)
        # Scoped to the tab: F2 or Ctrl+S elsewhere in the dialog must not touch a template.
        self._rename_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F2), ui.templatesTab)
        self._save_shortcut = QShortcut(QKeySequence.StandardKey.Save, ui.templatesTab)
        for shortcut in (self._rename_shortcut, self._save_shortcut):
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._rename_shortcut.activated.connect(self._on_rename)
        self._save_shortcut.activated.connect(self._on_save_shortcut)

    # -- permission ---------------------------------------------------------------------------
    def _apply_permission(self) -> None:
        ui = self.ui
        label = ui.templatesPermissionLabel
        if self.ctx.user is None:
            label.setText("Connectez-vous avec un compte autorisé pour créer ou modifier les "
                          "modèles de message. Vous pouvez les consulter ci-dessous.")
        elif not self.can_edit:
            label.setText(
                f"Le compte de {self.ctx.user.display_name} n'a pas l'autorisation de gérer "
                "les modèles de message : vous pouvez les consulter, pas les modifier. "
                "Demandez cette autorisation au pharmacien titulaire.")
        label.setVisible(not self.can_edit)
        for widget in (ui.templateNewButton, ui.templateDuplicateButton,
                       ui.templateRenameButton, ui.templateDeleteButton,
                       ui.templateNameEdit, ui.templateCategoryCombo, ui.templateSaveButton,
                       ui.templateRevertButton, ui.keepLocalButton, ui.takeRemoteButton):
            widget.setEnabled(self.can_edit)
            if not self.can_edit:
                widget.setToolTip("Réservé aux comptes autorisés à gérer les modèles.")
        ui.templateBodyEditor.set_read_only(not self.can_edit)
        self.preview.refresh()

    # -- loading ------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Read the templates from the cache now (opening the dialog: nothing to show before);
        keeps the selection (and a form being edited)."""
        try:
            snapshot = self.service.snapshot()
        except StoreError as exc:
            self._show_error(exc.message_fr)
            return
        self._apply_snapshot(snapshot, select_id)

    def reload_later(self) -> None:
        """Read the templates again off the GUI thread (after a sync); ``sig_reloaded``."""
        if self._task is not None:
            self._reload_again = True  # after the change running: it reads the list too
            return
        self._start(Task(self.service.snapshot), self._on_reloaded)

    @Slot(object)
    def _on_reloaded(self, snapshot: TemplatesSnapshot) -> None:
        self._task = None
        self._apply_snapshot(snapshot, None)
        if self._sync_message:
            self._show_error(self._sync_message)
            self._sync_message = ""
        self.sig_reloaded.emit()
        self._next()

    def _apply_snapshot(self, snapshot: TemplatesSnapshot, select_id: int | None) -> None:
        self.preview.opt_out_mention = snapshot.opt_out_mention
        templates = list(snapshot.templates)
        self._states, self._conflicts = snapshot.states, snapshot.conflicts
        keep = select_id if select_id is not None else self._current_id
        keep_form = select_id is None and self.is_dirty()  # compared with the old copy
        before = self._templates.get(keep) if keep is not None else None
        self._templates = {t.id: t for t in templates if t.id is not None}
        if keep not in self._templates and keep != DRAFT_ID:
            # Pushed: the server gave it its own id; find it again by its name.
            name = before.name if before else None
            keep = next((t.id for t in self._templates.values() if t.name == name), None)
            if keep_form and keep is not None:
                self._current_id = keep  # the unsaved edits now apply to the server's id
        self._fill_list(keep, keep_form=keep_form)

    def _fill_list(self, select_id: int | None, *, keep_form: bool = False) -> None:
        """Refill the list and select ``select_id``; ``keep_form``: leave the edits being
        typed in place when that is the template they belong to."""
        lst = self.ui.templatesList
        lst.blockSignals(True)
        lst.clear()
        if self._current_id == DRAFT_ID:
            lst.addItem(self._draft_item())
        for t in sorted(self._templates.values(), key=lambda t: t.name.casefold()):
            assert t.id is not None
            state = self._states.get(t.id)
            item = QListWidgetItem(t.name + (STATE_SUFFIX.get(state, "") if state else ""))
            item.setData(ID_ROLE, t.id)
            category = "Promotionnel" if t.category == TemplateCategory.PROMOTIONAL else \
                "Transactionnel"
            item.setToolTip(f"{t.name} — {category}")
            lst.addItem(item)
        row = next((i for i in range(lst.count())
                    if lst.item(i).data(ID_ROLE) == select_id), 0 if lst.count() else -1)
        lst.setCurrentRow(row)
        lst.blockSignals(False)
        current = lst.currentItem()
        new_id = current.data(ID_ROLE) if current else None
        if keep_form and new_id == self._current_id:
            self._show_conflict()
            self._update_state()
        else:
            self._show(new_id)
        self._update_buttons()

    def _draft_item(self) -> QListWidgetItem:
        item = QListWidgetItem(f"{clean_name(self.ui.templateNameEdit.text()) or NEW_NAME} "
                               "(non sauvegardé)")
        item.setData(ID_ROLE, DRAFT_ID)
        font = QFont(item.font())
        font.setItalic(True)
        item.setFont(font)
        return item

    def set_sample(self, client: Client | None, pharmacy_name: str) -> None:
        self.preview.set_sample(client, pharmacy_name)

    # -- the form -----------------------------------------------------------------------------
    def _show(self, template_id: int | None) -> None:
        """Put a saved template (or an empty draft) in the form."""
        self._current_id = template_id
        t = self._templates.get(template_id) if template_id is not None else None
        self._filling = True
        try:
            ui = self.ui
            ui.templateNameEdit.setText(t.name if t else (NEW_NAME if template_id == DRAFT_ID
                                                          else ""))
            self._set_category(t.category if t else TemplateCategory.TRANSACTIONAL)
            ui.templateBodyEditor.set_body(t.body if t else "")
            ui.templateBodyEditor.set_body_ar(t.body_ar if t else "")
            ui.templateBodyEditor.show_language(Language.FRENCH)
        finally:
            self._filling = False
        self.ui.templateFormPane.setEnabled(template_id is not None)
        self._show_error("")
        self._show_conflict()
        self._update_state()
        self._update_buttons()

    def _set_category(self, category: TemplateCategory) -> None:
        combo = self.ui.templateCategoryCombo
        combo.setCurrentIndex(max(0, combo.findData(str(category))))
        self.ui.templateCategoryHint.setText(category_hint(category))
        self.preview.set_promotional(category == TemplateCategory.PROMOTIONAL)

    def _form(self) -> tuple[str, TemplateCategory, str]:
        ui = self.ui
        return (clean_name(ui.templateNameEdit.text()),
                TemplateCategory(ui.templateCategoryCombo.currentData()),
                ui.templateBodyEditor.body())

    def is_dirty(self) -> bool:
        if self._current_id is None:
            return False
        name, category, body = self._form()
        body_ar = self.ui.templateBodyEditor.body_ar()
        if self._current_id == DRAFT_ID:
            return bool(body.strip() or body_ar.strip()) or name != NEW_NAME
        saved = self._templates.get(self._current_id)
        return saved is not None and (name, category, body, body_ar) != (
            saved.name, saved.category, saved.body, saved.body_ar)

    def _update_state(self) -> None:
        cid = self._current_id
        state = self._states.get(cid, LocalState.SYNCED) if cid is not None else None
        if cid is None:
            text = ("Aucun modèle : cliquez sur « Nouveau » pour en créer un." if self.can_edit
                    else "Aucun modèle de message pour l'instant.")  # « Nouveau » is disabled
        elif cid == DRAFT_ID:
            text = "Nouveau modèle, pas encore sauvegardé."
        elif state in (LocalState.CONFLICT, LocalState.DELETE_CONFLICT):
            text = "Conflit avec le serveur : choisissez la version à garder."
        elif state in (LocalState.CREATED, LocalState.MODIFIED):
            text = ("Sauvegardé sur ce poste ; envoi au serveur en cours…" if self._push_pending
                    else "Sauvegardé sur ce poste ; sera envoyé au serveur à la prochaine "
                    "synchronisation.")
        else:
            text = "Sauvegardé sur le serveur Sobrus."
        if self.is_dirty():
            text = "Modifications non sauvegardées. " + text
        self.ui.templateStateLabel.setText(text)

    def _update_buttons(self) -> None:
        ui = self.ui
        has = self._current_id is not None
        saved = has and self._current_id != DRAFT_ID
        conflict = saved and self._current_id in self._conflicts
        dirty = self.is_dirty()
        edit = self.can_edit
        ui.templateDuplicateButton.setEnabled(edit and saved and not conflict)
        ui.templateRenameButton.setEnabled(edit and has and not conflict)
        ui.templateDeleteButton.setEnabled(edit and has)
        ui.templateSaveButton.setEnabled(
            edit and has and not conflict and (dirty or self._current_id == DRAFT_ID)
            and ui.templateBodyEditor.is_valid() and bool(self._form()[0]))
        ui.templateRevertButton.setEnabled(edit and dirty)
        deleted = (conflict and self._current_id is not None
                   and self._conflicts[self._current_id].local_deleted)
        ui.templateNameEdit.setEnabled(edit and not deleted)
        ui.templateCategoryCombo.setEnabled(edit and not deleted)
        read_only = not edit or deleted
        if ui.templateBodyEditor.is_read_only() != read_only:
            ui.templateBodyEditor.set_read_only(read_only)
            self.preview.refresh()  # « Remplacer… » is offered only where one may edit

    def _show_error(self, message: str) -> None:
        self.ui.templateErrorLabel.setText(message)
        self.ui.templateErrorLabel.setVisible(bool(message))

    def _show_conflict(self) -> None:
        ui = self.ui
        conflict = self._conflicts.get(self._current_id) if self._current_id else None
        ui.templateConflictFrame.setVisible(conflict is not None)
        if conflict is None:
            return
        remote = conflict.remote
        if conflict.local_deleted:
            ui.templateConflictLabel.setText(
                "<b>Conflit</b> : vous avez supprimé ce modèle, mais il a été modifié sur le "
                "serveur entre-temps. Version du serveur :")
            ui.keepLocalButton.setText("Supprimer quand même")
        else:
            ui.templateConflictLabel.setText(
                "<b>Conflit</b> : ce modèle a aussi été modifié sur le serveur pendant que "
                "vous le modifiiez ici. Version du serveur :")
            ui.keepLocalButton.setText("Garder ma version")
        arabic = f"\n\nTexte arabe :\n{remote.body_ar}" if remote.body_ar else ""
        ui.templateConflictRemoteText.setPlainText(f"{remote.name}\n\n{remote.body}{arabic}")

    # -- slots --------------------------------------------------------------------------------
    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None,
                            previous: QListWidgetItem | None) -> None:
        new_id = current.data(ID_ROLE) if current is not None else None
        if new_id == self._current_id:
            return
        if self.is_dirty() and not self.ask(
                "Modifications non sauvegardées",
                "Les modifications du modèle en cours ne sont pas sauvegardées. "
                "Les abandonner ?"):
            lst = self.ui.templatesList
            lst.blockSignals(True)
            lst.setCurrentItem(previous)
            lst.blockSignals(False)
            return
        if self._current_id == DRAFT_ID:  # the draft was abandoned
            self._current_id = new_id
            self._fill_list(new_id)
            return
        self._show(new_id)

    @Slot()
    def _on_form_changed(self) -> None:
        if self._filling:
            return
        if self._current_id == DRAFT_ID:
            item = self.ui.templatesList.currentItem()
            if item is not None and item.data(ID_ROLE) == DRAFT_ID:
                item.setText(self._draft_item().text())
        self._update_state()
        self._update_buttons()

    @Slot(int)
    def _on_category_changed(self, _index: int) -> None:
        data = self.ui.templateCategoryCombo.currentData()
        if data:
            self.ui.templateCategoryHint.setText(category_hint(data))
        self.preview.set_promotional(data == str(TemplateCategory.PROMOTIONAL))
        self._on_form_changed()

    @Slot()
    def _on_new(self) -> None:
        if self.is_dirty() and not self.ask(
                "Modifications non sauvegardées",
                "Les modifications du modèle en cours ne sont pas sauvegardées. "
                "Les abandonner ?"):
            return
        self._current_id = DRAFT_ID
        self._show(DRAFT_ID)
        self._fill_list(DRAFT_ID)
        self._on_rename()

    @Slot()
    def _on_rename(self) -> None:
        if self._current_id is None:
            return
        edit = self.ui.templateNameEdit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    @Slot()
    def _on_duplicate(self) -> None:
        source = self._templates.get(self._current_id or DRAFT_ID)
        if source is None:
            return
        self._submit((_SAVED, None), self.service.duplicate, source)

    @Slot()
    def _on_delete(self) -> None:
        cid = self._current_id
        if cid is None:
            return
        if cid == DRAFT_ID:
            self._current_id = None
            self._fill_list(None)
            return
        name = self._templates[cid].name
        if not self.ask("Supprimer le modèle",
                        f"Supprimer le modèle « {name} » ? Il sera aussi supprimé sur le "
                        "serveur Sobrus pour tous les postes de la pharmacie."):
            return
        self._submit((_LOCAL, None), self.service.delete, cid)

    @Slot()
    def _on_save(self) -> None:
        name, category, body = self._form()
        cid = self._current_id
        if cid is None:
            return
        # Said before the editor's own problems; the service checks the same rule again.
        problem = name_problem(name, cid, self._templates.values())
        if problem is None and not self.ui.templateBodyEditor.is_valid():
            first = self.ui.templateBodyEditor.problems()[0]
            problem = f"Le texte du modèle ne peut pas être sauvegardé : {first.message_fr}"
        if problem:
            self._show_error(problem)
            return
        body_ar = self.ui.templateBodyEditor.body_ar()
        if cid == DRAFT_ID:
            self._submit((_SAVED, None), self.service.create, name, body, category, body_ar)
        else:
            self._submit((_SAVED, None), self.service.edit, cid, name=name, body=body,
                         category=category, body_ar=body_ar)

    @Slot()
    def _on_save_shortcut(self) -> None:
        if self.ui.templateSaveButton.isEnabled():
            self._on_save()

    @Slot()
    def _on_revert(self) -> None:
        self._show(self._current_id)

    @Slot()
    def _on_keep_local(self) -> None:
        cid = self._current_id
        if cid is None or cid not in self._conflicts:
            return
        deleted = self._conflicts[cid].local_deleted
        self._submit((_LOCAL, None if deleted else cid), self.service.keep_local, cid)

    @Slot()
    def _on_take_remote(self) -> None:
        cid = self._current_id
        if cid is None or cid not in self._conflicts:
            return
        self._submit((_REMOTE, cid), self.service.take_remote, cid)

    # -- saving -------------------------------------------------------------------------------
    def _submit(self, then: tuple[str, int | None], change: Callable[..., object],
                *args: Any, **kwargs: Any) -> None:
        """Run ``change`` through the service off the GUI thread, then show the list read
        in the same call. One at a time, in the order asked."""
        if self._task is not None:
            self._waiting.append((then, change, args, kwargs))
            return
        self._then = then
        self._start(Task(_change_then_read, self.service, change, args, kwargs),
                    self._on_changed)

    def _start(self, task: Task, done: Callable[[Any], None]) -> None:
        self._task = task
        task.sig_done.connect(done)
        task.sig_failed.connect(self._on_failed)
        task.start()

    @Slot(object)
    def _on_changed(self, done: _Done) -> None:
        self._task = None
        kind, select = self._then
        if kind == _SAVED and done.saved is not None:
            select = self._current_id = done.saved.id  # the form now matches what was saved
        elif kind == _REMOTE or select is None:
            self._current_id = None  # deleted, or the form shows the server's version
        if kind != _REMOTE:
            self._push_pending = self.ctx.online
        self._apply_snapshot(done.snapshot, select)
        self.sig_templates_changed.emit()
        if kind != _REMOTE and self.ctx.online:
            self.sig_sync_requested.emit()
        self.sig_reloaded.emit()
        self._next()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        if isinstance(exc, KeyError):
            self._show_error("Ce modèle n'existe plus : il a été supprimé entre-temps.")
        else:
            self._show_error(error_message(exc))  # StoreError, TemplateRejected: in French
        self._next()

    def _next(self) -> None:
        if self._waiting:
            then, change, args, kwargs = self._waiting.popleft()
            self._submit(then, change, *args, **kwargs)
        elif self._reload_again:
            self._reload_again = False
            self.reload_later()

    def confirm_leave(self) -> bool:
        """Closing the dialog: True when nothing unsaved would be lost (or the user agrees)."""
        return not self.is_dirty() or self.ask(
            "Modifications non sauvegardées",
            "Les modifications du modèle en cours ne sont pas sauvegardées. "
            "Fermer quand même ?")

    # -- what the sync brings back ------------------------------------------------------------
    def on_synced(self, conflicts: list[TemplateConflict], errors: list[str]) -> None:
        self._push_pending = False
        if errors:
            self._sync_message = "\n".join(errors)
        elif conflicts:
            names = ", ".join(f"« {c.local.name} »" for c in conflicts)
            self._sync_message = (f"Conflit sur {names} : le modèle a été modifié sur le "
                                  "serveur entre-temps. Choisissez la version à garder.")
        self.reload_later()  # the message is shown over the list read again

    def on_sync_failed(self, message: str) -> None:
        self._push_pending = False
        self._update_state()
        if self._states.get(self._current_id or DRAFT_ID) in (LocalState.CREATED,
                                                              LocalState.MODIFIED):
            self._show_error(f"L'envoi au serveur a échoué : {message} Vos modifications "
                             "restent sauvegardées sur ce poste.")

    def _ask_box(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._parent, title, text)
        return answer == QMessageBox.StandardButton.Yes
