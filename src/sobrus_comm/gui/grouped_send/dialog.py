"""« Envoyer une communication groupée »: the ten steps of COMM_GROUPEE_003 in one dialog.

Type (SMS) → objective → template → clients ticked (nobody: everybody in the list, said
in words) → preview on the right → « Modifier modèle » / « Sauvegarder » → « Envoyer »,
with a test send on a few people first. The dialog reads the cache once at open; planning,
the balance refresh and the template push run in the dialog's own thread pool, whose
destruction waits for them (no job ever reports to a deleted dialog).

Signals:
    sig_campaign_queued(str, bool): a confirmed plan is in the outbox (campaign id, test):
        start the sender on it and show the progress panel.
    sig_recharge_requested(): the user asked for an SMS recharge (credits too short).
    sig_templates_changed(): a template was saved in the cache.
    sig_schedule_requested(object draft): « Programmer… »: a
        :class:`~sobrus_comm.domain.schedules.ScheduleDraft` (objective, template, the
        recipients rule) for the schedule editor.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import islice
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import Client, Objective, Template, TemplateCategory
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.domain.schedules import ScheduleDraft
from sobrus_comm.domain.templating import (
    MissingValueError,
    RenderContext,
    TemplateError,
    parse,
)
from sobrus_comm.domain.text_search import parse_query
from sobrus_comm.gui.generated.ui_grouped_send_dialog import Ui_GroupedSendDialog
from sobrus_comm.gui.grouped_send.client_model import (
    COL_BALANCE,
    COL_CONSENT,
    COL_NAME,
    COL_NOTE,
    COL_PHONE,
    ClientListModel,
)
from sobrus_comm.gui.grouped_send.confirmation import (
    OVERRIDE_CAPS_RESULT,
    SendConfirmationDialog,
)
from sobrus_comm.gui.grouped_send.consent_control import ConsentControl
from sobrus_comm.gui.grouped_send.preview import (
    build_preview,
    message_language,
    send_cost_html,
)
from sobrus_comm.gui.grouped_send.test_send import TestSendDialog
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.gui.signed_out import NO_TEMPLATES_SIGNED_OUT_FR, signed_out_reason
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.send_planning import (
    SendContext,
    SendData,
    SendDraft,
    SendRequest,
    clients_for,
    describe_list,
    load_send_data,
    plan_send,
    plan_test_send,
    refresh_reminder,
    templates_for,
)
from sobrus_comm.services.templates import (
    TemplateSaveResult,
    TemplateService,
    arabic_problems,
    template_problems,
)
from sobrus_comm.workers.task import Task, error_message

log = get_logger("grouped_send")

ESTIMATE_DELAY_MS = 250  # the whole-send estimate waits for a pause in ticking or typing
KEYS_STEP = 2_000  # search keys folded per idle tick: ~10 ms, invisible to the user
FIRST_RECIPIENT_SCAN = 500  # clients tried when looking for someone to preview for
OK_COLOR, INFO_COLOR, ERROR_COLOR = "#1e7b34", "#5c4400", "#a50e0e"

NO_TEMPLATE_FR = {
    Objective.CUSTOM_TEMPLATE: (
        "Aucun modèle de message n'est configuré. Créez-en un dans <b>Paramètres</b> "
        "(Modèles de message), puis synchronisez."),
    Objective.BALANCE_REMINDER: (
        "Aucun modèle de rappel de solde n'est configuré (un modèle de service contenant "
        "le champ {solde}). Créez-en un dans <b>Paramètres</b>, puis synchronisez."),
}


class GroupedSendDialog(QDialog):
    sig_campaign_queued = Signal(str, bool)
    sig_recharge_requested = Signal()
    sig_templates_changed = Signal()
    sig_schedule_requested = Signal(object)

    def __init__(self, context: SendContext, parent: QWidget | None = None, *,
                 data: SendData | None = None, offline: bool = False) -> None:
        super().__init__(parent)
        self.offline = offline  # without a session: unreachable server, not signed out
        self.ui = Ui_GroupedSendDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # small counter screens: never larger than the screen
        self.context = context
        self._pool = QThreadPool(self)  # destroyed with the dialog, after its jobs end
        self._pool.setMaxThreadCount(2)
        data = data if data is not None else load_send_data(context.db)
        self._all_clients = list(data.clients)
        self._templates = list(data.templates)
        self._credits = context.credits if context.credits is not None else data.credits
        self._template: Template | None = None
        self._editing = False
        self._busy = ""
        self._estimate: SendDraft | None = None
        self._estimate_key: Any = None
        self._estimate_generation = 0
        self._estimating = False
        self.confirmation: SendConfirmationDialog | None = None
        self._override_caps = False  # true only while planning the send the user forced
        self._opt_out_mention = data.opt_out_mention  # added to promotions (preview)
        self.test_dialog: TestSendDialog | None = None

        self.model = ClientListModel(self)
        self._estimate_timer = QTimer(self, singleShot=True, interval=ESTIMATE_DELAY_MS)
        self._estimate_timer.timeout.connect(self._start_estimate)
        self._keys_timer = QTimer(self, interval=0)  # search keys, by steps, when idle
        self._keys_timer.timeout.connect(self._build_keys_step)
        self.model.set_consent(data.consent)
        self._setup_widgets()
        self._connect()
        self.consent_control = ConsentControl(self.ui, self.model, context, self._pool, self)
        self.consent_control.sig_recorded.connect(self._on_consent_recorded)
        self._on_objective_changed()

    # -- set-up ---------------------------------------------------------------------------
    def _setup_widgets(self) -> None:
        ui = self.ui
        ui.communicationTypeCombo.addItem("SMS", "sms")  # the only type for now
        # « 150,00 DH » whatever the system locale: amounts are French in this app.
        ui.minBalanceSpin.setLocale(QLocale(QLocale.Language.French, QLocale.Country.Morocco))
        ui.minBalanceSpin.setGroupSeparatorShown(True)
        table = ui.clientList
        table.setModel(self.model)
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures 10k rows
        vertical.setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in ((COL_NAME, 220), (COL_PHONE, 130), (COL_BALANCE, 100),
                              (COL_NOTE, 160), (COL_CONSENT, 110)):
            table.setColumnWidth(column, width)
        table.setSortingEnabled(True)
        # setSortingEnabled sorts at once: by name, the order the cache already gives.
        table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        if self.context.pharmacy_name:  # real values for the editor's length estimate
            ui.templateBodyEditor.set_values({"pharmacie": self.context.pharmacy_name})
        ui.mainSplitter.setStretchFactor(0, 3)
        ui.mainSplitter.setStretchFactor(1, 2)
        ui.sendCostLabel.setOpenExternalLinks(False)

    def _connect(self) -> None:
        ui = self.ui
        ui.objectiveBalanceReminder.toggled.connect(self._on_objective_toggled)
        ui.templateCombo.currentIndexChanged.connect(self._on_template_chosen)
        ui.minBalanceSpin.valueChanged.connect(self._on_min_balance_changed)
        ui.clientSearch.textChanged.connect(self._on_search)
        ui.checkAllButton.clicked.connect(self._on_check_all)
        ui.uncheckAllButton.clicked.connect(self._on_uncheck_all)
        self.model.sig_checked_changed.connect(self._on_checked_changed)
        ui.clientList.selectionModel().currentRowChanged.connect(self._on_current_changed)
        ui.editTemplateButton.clicked.connect(self._on_edit_template)
        ui.templateBodyEditor.sig_body_changed.connect(self._on_body_edited)
        ui.templateBodyEditor.sig_validity_changed.connect(ui.saveTemplateButton.setEnabled)
        ui.cancelEditButton.clicked.connect(self._on_cancel_edit)
        ui.saveTemplateButton.clicked.connect(self._on_save_template)
        ui.messagePreviewPane.sig_replace_unicode_requested.connect(self._on_replace_unicode)
        ui.sendCostLabel.linkActivated.connect(self._on_link)
        ui.testSendButton.clicked.connect(self._on_test_send)
        ui.sendButton.clicked.connect(self._on_send)
        ui.scheduleButton.clicked.connect(self._on_schedule)
        ui.closeButton.clicked.connect(self.reject)

    # -- what the user chose ----------------------------------------------------------------
    def objective(self) -> Objective:
        if self.ui.objectiveBalanceReminder.isChecked():
            return Objective.BALANCE_REMINDER
        return Objective.CUSTOM_TEMPLATE

    def template(self) -> Template | None:
        return self._template

    def body(self) -> str:
        """The body previewed: the editor's text while editing, else the template's."""
        if self._editing:
            return self.ui.templateBodyEditor.body()
        return self._template.body if self._template else ""

    def body_ar(self) -> str:
        """The Arabic text previewed ("" for none), as :meth:`body`."""
        if self._editing:
            return self.ui.templateBodyEditor.body_ar()
        return self._template.body_ar if self._template else ""

    def min_balance(self) -> Decimal:
        if self.objective() != Objective.BALANCE_REMINDER:
            return Decimal("0")
        return Decimal(str(self.ui.minBalanceSpin.value())).quantize(Decimal("0.01"))

    def request(self) -> SendRequest | None:
        if self._template is None:
            return None
        template = self._template
        if self._editing:  # estimates follow the edit; sends are disabled until it is saved
            template = replace(template, body=self.body(), body_ar=self.body_ar())
        return SendRequest(
            objective=self.objective(), template=template, clients=self.model.clients(),
            ticked_ids=self.model.checked_ids(), pharmacy_name=self.context.pharmacy_name,
            today=self.context.today(), min_balance=self.min_balance(),
            consent_rules=self.context.consent_rules, override_caps=self._override_caps,
        )

    # -- objective, template, list ---------------------------------------------------------
    @Slot(bool)
    def _on_objective_toggled(self, _checked: bool) -> None:
        self._on_objective_changed()

    def _on_objective_changed(self) -> None:
        ui = self.ui
        reminder = self.objective() == Objective.BALANCE_REMINDER
        ui.minBalanceLabel.setVisible(reminder)
        ui.minBalanceSpin.setVisible(reminder)
        self._fill_templates()
        self._reload_list()

    def _fill_templates(self, keep_id: int | None = None) -> None:
        combo = self.ui.templateCombo
        choices = templates_for(self.objective(), self._templates)
        keep_id = keep_id if keep_id is not None else (
            self._template.id if self._template else None)
        combo.blockSignals(True)  # one update below, not one per item
        combo.clear()
        for template in choices:
            kind = "promotion" if template.category == TemplateCategory.PROMOTIONAL else "service"
            combo.addItem(f"{template.name} ({kind})", template.id)
        index = combo.findData(keep_id) if keep_id is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if choices else -1))
        combo.setEnabled(bool(choices))
        combo.blockSignals(False)
        notice = "" if choices else (NO_TEMPLATE_FR[self.objective()] if self.context.user
                                     else NO_TEMPLATES_SIGNED_OUT_FR)  # not the templates' fault
        self.ui.noticeLabel.setText(notice)
        self.ui.noticeLabel.setVisible(bool(notice))
        self._on_template_chosen()

    @Slot()
    def _on_template_chosen(self) -> None:
        template_id = self.ui.templateCombo.currentData()
        self._template = next((t for t in self._templates if t.id == template_id), None)
        promotional = (self._template is not None
                       and self._template.category == TemplateCategory.PROMOTIONAL)
        self.model.set_promotional(promotional)
        self._refresh_all()

    @Slot()
    def _on_min_balance_changed(self) -> None:
        self._reload_list()

    def _reload_list(self) -> None:
        clients = clients_for(self.objective(), self._all_clients, self.min_balance())
        self.model.set_clients(clients)  # ticks of clients still listed are kept
        self._keys_timer.start()
        self._refresh_all()

    @Slot()
    def _build_keys_step(self) -> None:
        if self.model.build_keys_step(KEYS_STEP):
            self._keys_timer.stop()

    @Slot(str)
    def _on_search(self, text: str) -> None:
        self.model.set_query(parse_query(text))
        self._update_counts()

    @Slot()
    def _on_check_all(self) -> None:
        self.model.set_checked_shown(True)

    @Slot()
    def _on_uncheck_all(self) -> None:
        self.model.set_checked_shown(False)

    @Slot()
    def _on_checked_changed(self) -> None:
        self._update_counts()
        self._update_preview()
        self._schedule_estimate()

    @Slot()
    def _on_current_changed(self) -> None:
        self._update_preview()

    @Slot(int, object)
    def _on_consent_recorded(self, _client_id: int, _state: object) -> None:
        self._update_preview()  # the note under the preview follows the consent
        self._schedule_estimate()  # the plan's recipients may have changed

    def select_client(self, client_id: int) -> bool:
        """Highlight a client of the list (its row becomes the preview's recipient)."""
        row = self.model.row_of(client_id)
        if row is None:
            return False
        index = self.model.index(row, COL_NAME)
        self.ui.clientList.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.ui.clientList.scrollTo(index)
        return True

    # -- what the dialog shows --------------------------------------------------------------
    def _refresh_all(self) -> None:
        self._update_counts()
        self._update_preview()
        self._update_actions()
        self._schedule_estimate()

    def _update_counts(self) -> None:
        ui, model = self.ui, self.model
        total, shown = len(model.clients()), model.shown_count()
        noun = "client affiché" if shown < 2 else "clients affichés"
        ui.shownCountLabel.setText(
            f"{format_count(shown)} {noun}"
            + (f" sur {format_count(total)}" if shown != total else ""))
        text = describe_list(total, model.checked_count())
        hidden = model.hidden_checked_count()
        if hidden:
            text += (f" (dont {format_count(hidden)} masqué{'s' if hidden > 1 else ''} "
                     "par la recherche)")
        elif not model.checked_count() and shown != total and total > 1:
            text += f", pas seulement les {format_count(shown)} affichés"
        ui.selectionCountLabel.setText(text)
        color = ERROR_COLOR if not model.checked_count() and total > 1 else "#0b3d6b"
        ui.selectionCountLabel.setStyleSheet(f"font-weight: bold; font-size: 13px; "
                                             f"color: {color};")

    def preview_client(self) -> Client | None:
        """The highlighted client, else the first one who will receive the SMS."""
        current = self.ui.clientList.selectionModel().currentIndex()
        if current.isValid():
            client = self.model.client_at(current.row())
            if client is not None:
                return client
        return self.first_recipient()

    def first_recipient(self, language: Language | None = None) -> Client | None:
        """The first client who will receive the SMS (in ``language``, when given; None
        when nobody of the list gets that language)."""
        clients = self.model.clients()
        ticked = self.model.checked_ids()
        candidates = [c for c in clients if c.id in ticked] if ticked else clients
        body_ar = self.body_ar()
        if language is not None:
            candidates = list(islice((c for c in candidates
                                      if message_language(c, body_ar)[0] == language),
                                     FIRST_RECIPIENT_SCAN))
        if not candidates:
            return None
        promotional = (self._template is not None
                       and self._template.category == TemplateCategory.PROMOTIONAL)
        try:
            parsed = {Language.FRENCH: parse(self.body())}
            if body_ar.strip():
                parsed[Language.ARABIC] = parse(body_ar)
        except Exception:  # the preview reports template errors itself
            return candidates[0]
        for client in candidates[:FIRST_RECIPIENT_SCAN]:
            if promotional and client.sms_opt_out:
                continue
            if not normalize_phone(client.phone).ok:
                continue
            chosen, _ = message_language(client, body_ar)
            try:
                parsed[chosen].render(RenderContext(client, self.context.pharmacy_name,
                                                    self.context.today(), chosen))
            except MissingValueError:
                continue
            return client
        return candidates[0]

    def _update_preview(self) -> None:
        ui, pane = self.ui, self.ui.messagePreviewPane
        if self._template is None:
            pane.show_unavailable("Choisissez un modèle de message pour voir l'aperçu.")
            ui.recipientNote.setVisible(False)
            return
        body, body_ar = self.body(), self.body_ar()
        promotional = self._template.category == TemplateCategory.PROMOTIONAL
        client = self.preview_client()
        preview = build_preview(
            body, client, self.context.pharmacy_name, self.context.today(), promotional,
            body_ar, self._opt_out_mention,
            self.model.consent_of(client.id) if client is not None
            and self.context.consent_rules is not None else None)
        if preview.text:
            bilingual = bool(body_ar.strip())
            pane.show_message(preview.text, preview.recipient,
                              body_ar if preview.language == Language.ARABIC else body,
                              preview.language if bilingual else None)
            self._show_other_language(preview.language if bilingual else None, promotional)
        else:
            pane.show_unavailable(preview.recipient)
        replace = pane.ui.replaceUnicodeButton
        if not self.context.can_edit_templates:  # replacing means editing the template
            replace.setEnabled(False)
            replace.setToolTip("Votre compte n'a pas l'autorisation de modifier les modèles "
                               "de message.")
        else:
            replace.setEnabled(not self._busy)
        ui.recipientNote.setText(preview.note)
        ui.recipientNote.setVisible(bool(preview.note))

    def _show_other_language(self, shown: Language | None, promotional: bool) -> None:
        """Beside the message shown, the first recipient of the other language, if any."""
        pane = self.ui.messagePreviewPane
        other = {Language.FRENCH: Language.ARABIC, Language.ARABIC: Language.FRENCH}.get(
            shown) if shown is not None else None
        client = self.first_recipient(other) if other is not None else None
        if other is None or client is None:
            pane.hide_second()
            return
        preview = build_preview(self.body(), client, self.context.pharmacy_name,
                                self.context.today(), promotional, self.body_ar())
        pane.show_second(preview.text or preview.note, preview.recipient, preview.language)

    def _update_actions(self) -> None:
        """Enable what may be done now, and say why the rest may not."""
        ui, ctx = self.ui, self.context
        reason = ""
        if ctx.user is None:
            reason = signed_out_reason(self.offline)
        elif not ctx.can_send:
            reason = ("Votre compte n'a pas l'autorisation d'envoyer des SMS. "
                      "Demandez-la au pharmacien titulaire.")
        elif self._template is None:
            reason = "Choisissez un modèle de message pour pouvoir envoyer."
        elif self._editing:
            reason = "Sauvegardez ou annulez la modification du modèle avant d'envoyer."
        elif not self.model.clients():
            reason = "La liste ne contient aucun client : rien à envoyer."
        idle = not self._busy
        for button in (ui.sendButton, ui.testSendButton, ui.scheduleButton):
            button.setEnabled(idle and not reason)
            button.setToolTip(reason or "")
        ui.testSendButton.setToolTip(reason or "Conseil : avant un envoi important, testez le "
                                     "message sur 2 ou 3 personnes.")
        ui.permissionLabel.setText(reason)
        ui.permissionLabel.setVisible(bool(reason))

        can_edit = ctx.can_edit_templates and self._template is not None
        ui.editTemplateButton.setEnabled(idle and can_edit and not self._editing)
        if not ctx.can_edit_templates:
            ui.editTemplateButton.setToolTip(
                "Votre compte n'a pas l'autorisation de modifier les modèles de message.")
        else:
            ui.editTemplateButton.setToolTip("Modifier le texte du modèle, puis le sauvegarder")
        # No switching template or objective under an unsaved edit.
        ui.objectiveGroup.setEnabled(idle and not self._editing)
        ui.templateCombo.setEnabled(idle and not self._editing and ui.templateCombo.count() > 0)
        ui.templateEditor.setEnabled(idle)
        ui.recipientsPane.setEnabled(idle)

    # -- the whole-send estimate (credits against the balance) --------------------------------
    def _schedule_estimate(self) -> None:
        self._estimate_timer.start()
        self.ui.sendCostLabel.setText(send_cost_html(self._estimate_if_current(), True))

    def _estimate_if_current(self) -> SendDraft | None:
        return self._estimate if self._estimate_key == self._key() else None

    def _key(self) -> Any:
        request = self.request()
        if request is None:
            return None
        return (request.objective, request.template.id, request.template.body,
                request.template.body_ar, request.ticked_ids, request.min_balance,
                id(request.clients), len(request.clients))

    @Slot()
    def _start_estimate(self) -> None:
        request = self.request()
        if request is None:
            self._show_estimate(None)
            return
        self._estimate_generation += 1
        generation, key = self._estimate_generation, self._key()
        self._estimating = True
        task = Task(_estimate, request, self._credits, generation, key)
        task.sig_done.connect(self._on_estimate_done)
        task.sig_failed.connect(self._on_estimate_failed)
        task.start(self._pool)

    @Slot(object)
    def _on_estimate_done(self, result: tuple[int, Any, SendDraft | None]) -> None:
        generation, key, draft = result
        if generation != self._estimate_generation:
            return  # a newer estimate is on its way
        self._estimating = False
        self._estimate, self._estimate_key = draft, key
        self._show_estimate(draft if key == self._key() else None)

    @Slot(object)
    def _on_estimate_failed(self, exc: object) -> None:
        self._estimating = False
        self.ui.sendCostLabel.setText(f"<span style='color:{ERROR_COLOR}'>"
                                      f"{error_message(exc)}</span>")  # type: ignore[arg-type]

    def _show_estimate(self, draft: SendDraft | None) -> None:
        html = send_cost_html(draft, False)
        if draft is not None and draft.credits is not None and not draft.balance_check.ok:
            html += " <a href='recharge'>Demander une recharge</a>"
        self.ui.sendCostLabel.setText(html)

    def estimate_now(self) -> SendDraft | None:
        """Compute the estimate on this thread (a screenshot cannot wait for the worker)."""
        self._estimate_timer.stop()
        self._estimate_generation += 1
        request = self.request()
        result = _estimate(request, self._credits, self._estimate_generation, self._key()) \
            if request is not None else (self._estimate_generation, None, None)
        self._on_estimate_done(result)
        return self._estimate

    def estimate(self) -> SendDraft | None:
        """The latest whole-send plan, if it matches what is on screen (tests, screenshot)."""
        return self._estimate_if_current()

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if link == "recharge":
            self.sig_recharge_requested.emit()

    # -- « Modifier modèle » / « Sauvegarder » ------------------------------------------------
    @Slot()
    def _on_edit_template(self) -> None:
        if self._template is None or not self.context.can_edit_templates:
            return
        self._start_editing(self._template.body, self._template.body_ar)

    def _start_editing(self, body: str, body_ar: str) -> None:
        ui = self.ui
        self._editing = True
        ui.templateEditor.setVisible(True)
        ui.editTemplateButton.setVisible(False)
        ui.templateBodyEditor.set_body(body)  # fires _on_body_edited
        ui.templateBodyEditor.set_body_ar(body_ar)
        ui.templateBodyEditor.show_language(Language.FRENCH)
        ui.saveTemplateButton.setEnabled(ui.templateBodyEditor.is_valid())
        edit = ui.templateBodyEditor.ui.templateBodyEdit
        edit.moveCursor(QTextCursor.MoveOperation.End)  # the user goes on from the end
        edit.setFocus()
        self._update_actions()

    def _stop_editing(self) -> None:
        ui = self.ui
        self._editing = False
        ui.templateEditor.setVisible(False)
        ui.editTemplateButton.setVisible(True)
        self._refresh_all()

    @Slot()
    def _on_body_edited(self) -> None:
        if self._editing:
            self._update_preview()
            self._schedule_estimate()

    @Slot()
    def _on_cancel_edit(self) -> None:
        self._stop_editing()
        self._show_status("Modification du modèle annulée.", INFO_COLOR)

    @Slot()
    def _on_replace_unicode(self) -> None:
        if not self.context.can_edit_templates or self._template is None:
            return
        if not self._editing:
            self._start_editing(self.body(), self.body_ar())
        self.ui.templateBodyEditor.replace_unicode()
        self._show_status("Caractères spéciaux remplacés : vérifiez l'aperçu puis cliquez sur "
                          "« Sauvegarder ».", INFO_COLOR)

    @Slot()
    def _on_save_template(self) -> None:
        template, body, body_ar = self._template, self.body(), self.body_ar()
        if template is None:
            return
        if (template_problems(body, self.context.pharmacy_name)
                or arabic_problems(body_ar, self.context.pharmacy_name)):
            return  # the editor shows them, and keeps « Sauvegarder » disabled
        ctx = self.context
        self._set_busy("Sauvegarde du modèle…")
        task = Task(TemplateService(ctx.db).save_body, ctx.make_api, template, body,
                    ctx.pharmacy_name, body_ar)
        task.sig_done.connect(self._on_template_saved)
        task.sig_failed.connect(self._on_task_failed)
        task.start(self._pool)

    @Slot(object)
    def _on_template_saved(self, result: TemplateSaveResult) -> None:
        self._set_busy("")
        old_id = self._template.id if self._template else None
        saved = result.template
        self._templates = [saved if t.id == old_id else t for t in self._templates]
        if saved.id != old_id and all(t.id != saved.id for t in self._templates):
            self._templates.append(saved)
        self._template = saved
        self._stop_editing()
        self._fill_templates(keep_id=saved.id)
        color = OK_COLOR if result.pushed else (ERROR_COLOR if result.conflict else INFO_COLOR)
        self._show_status(result.message_fr, color)
        self.sig_templates_changed.emit()

    # -- « Envoyer un test » -------------------------------------------------------------------
    @Slot()
    def _on_test_send(self) -> None:
        sample = self.preview_client()
        name = sample.full_name if sample else "le client de l'aperçu"
        self.test_dialog = TestSendDialog(self.model.clients(), name,
                                          self.ui.messagePreviewPane.preview_text(), self)
        self.test_dialog.finished.connect(self._on_test_dialog_finished)
        self.test_dialog.open()

    @Slot(int)
    def _on_test_dialog_finished(self, result: int) -> None:
        dialog, self.test_dialog = self.test_dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        targets = dialog.targets()
        request, sample = self.request(), self.preview_client()
        if result != QDialog.DialogCode.Accepted or request is None or not targets:
            return
        if sample is None:  # an empty list: the typed numbers get the example values
            sample = Client(0, "", "", None)
        self._set_busy("Préparation du test…")
        task = Task(plan_test_send, request, sample, targets, self._credits)
        task.sig_done.connect(self._on_draft_ready)
        task.sig_failed.connect(self._on_task_failed)
        task.start(self._pool)

    # -- « Envoyer » -------------------------------------------------------------------------
    @Slot()
    def _on_schedule(self) -> None:
        """« Programmer… »: the same choices, sent later (planned again at run time)."""
        template = self._template
        if template is None or template.id is None:
            return
        self.sig_schedule_requested.emit(ScheduleDraft.from_selection(
            self.objective(), template.id, template.name, self.model.checked_ids(),
            self.min_balance()))

    @Slot()
    def _on_send(self) -> None:
        request = self.request()
        if request is None or self._editing or not self.context.can_send:
            return
        ctx = self.context
        if request.objective == Objective.BALANCE_REMINDER:
            if ctx.make_api is None:
                self._show_status(
                    "Hors ligne : les soldes des clients ne peuvent pas être vérifiés auprès de "
                    "Sobrus avant le rappel. Réessayez une fois la connexion rétablie.",
                    ERROR_COLOR)
                return
            self._set_busy("Vérification des soldes clients auprès de Sobrus…")
            task = Task(_plan_reminder, ctx, request, self._credits)
        else:
            self._set_busy("Préparation de l'envoi…")
            task = Task(plan_send, request, self._credits, quiet_hours=ctx.quiet_hours,
                        now=ctx.now())
        task.sig_done.connect(self._on_draft_ready)
        task.sig_failed.connect(self._on_task_failed)
        task.start(self._pool)

    @Slot(object)
    def _on_draft_ready(self, draft: SendDraft) -> None:
        self._set_busy("")
        if draft.credits is not None and not draft.is_test:
            self._credits = draft.credits  # the refreshed balance
        self.confirmation = SendConfirmationDialog(draft, self)
        self.confirmation.sig_recharge_requested.connect(self.sig_recharge_requested)
        self.confirmation.finished.connect(self._on_confirmation_finished)
        self.confirmation.open()

    @Slot(int)
    def _on_confirmation_finished(self, result: int) -> None:
        dialog, self.confirmation = self.confirmation, None
        if dialog is None:
            return
        dialog.deleteLater()
        override, self._override_caps = result == OVERRIDE_CAPS_RESULT, False
        if override:  # the same send again, caps lifted for it alone
            self._override_caps = True
            self._on_send()
            self._override_caps = False  # the request above carries it; the next does not
            return
        if result != QDialog.DialogCode.Accepted or dialog.blocked:
            self._show_status("Envoi annulé : aucun SMS n'est parti.", INFO_COLOR)
            return
        draft = dialog.draft
        self._set_busy("Mise en file d'envoi…")
        task = Task(_enqueue, self.context, draft)
        task.sig_done.connect(self._on_enqueued)
        task.sig_failed.connect(self._on_task_failed)
        task.start(self._pool)

    @Slot(object)
    def _on_enqueued(self, result: tuple[str, SendDraft]) -> None:
        campaign_id, draft = result
        self._set_busy("")
        log.info("Campagne %s mise en file : %d messages%s", campaign_id,
                 draft.plan.recipient_count, " (test)" if draft.is_test else "")
        self.sig_campaign_queued.emit(campaign_id, draft.is_test)
        if draft.is_test:
            n = draft.plan.recipient_count
            self._show_status(
                f"Test mis en file d'envoi vers {n} destinataire{'s' if n > 1 else ''}. "
                "Vérifiez sa réception avant l'envoi groupé.", OK_COLOR)
        else:
            self.accept()

    @Slot(object)
    def _on_task_failed(self, exc: object) -> None:
        self._set_busy("")
        self._show_status(error_message(exc), ERROR_COLOR)  # type: ignore[arg-type]

    # -- busy state, status, closing ---------------------------------------------------------
    def _set_busy(self, message: str) -> None:
        self._busy = message
        self.ui.busyLabel.setText(message)
        self.ui.busyLabel.setVisible(bool(message))
        self.ui.closeButton.setEnabled(not message)
        if message:
            self.ui.statusLabel.setVisible(False)
        self._update_actions()

    def is_busy(self) -> bool:
        return bool(self._busy)

    def _show_status(self, message: str, color: str) -> None:
        label = self.ui.statusLabel
        label.setText(message)
        label.setStyleSheet(f"color: {color};")
        label.setVisible(bool(message))

    def reject(self) -> None:
        if self._busy:  # a save or a send is half-way: it must finish first
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._estimate_timer.stop()
        self._keys_timer.stop()
        super().done(result)


# -- work done in the dialog's thread pool (no widget touched) ------------------------------

def _estimate(request: SendRequest, credits: int | None, generation: int,
              key: Any) -> tuple[int, Any, SendDraft | None]:
    try:
        draft: SendDraft | None = plan_send(request, credits)
    except TemplateError:  # a half-typed edit: the editor shows the error
        draft = None
    return generation, key, draft


def _plan_reminder(ctx: SendContext, request: SendRequest, credits: int | None) -> SendDraft:
    assert ctx.make_api is not None
    draft = plan_send(request, credits, quiet_hours=ctx.quiet_hours, now=ctx.now())
    return refresh_reminder(ctx.db, ctx.make_api, draft)


def _enqueue(ctx: SendContext, draft: SendDraft) -> tuple[str, SendDraft]:
    return ctx.enqueue_draft(draft), draft
