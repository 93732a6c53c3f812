"""From the dialog to the sandbox over real HTTP: what the gateway received is checked.

The cache is filled by a real sync; the dialog plans, the outbox keeps the campaign, the
sender worker drains it (through :class:`CampaignRunner`, as the main window does) and the
progress panel reports. The sandbox says what was sent: the right clients, the right
texts, once each.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.seed import PHARMACIST_PASSWORD, PHARMACIST_USERNAME
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread
from sobrus_comm.domain.languages import LRI, PDI, Language
from sobrus_comm.domain.models import Template, User
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.gui.grouped_send.client_model import COL_NAME
from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.gui.grouped_send.runner import CampaignRunner
from sobrus_comm.services.outbox import SendSummary
from sobrus_comm.services.send_planning import SendContext, SendDraft
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store.db import Database, open_database
from sobrus_comm.store.outbox import CampaignState, OutboxState
from tests.grouped_send.test_dialog import choose_template, confirm_dialog, shot

SEND_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    path = tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite3"
    running = run_in_thread(path, seed=11, clients=60, history=30, credits=100_000,
                            delivery_scale=0)
    try:
        yield running
    finally:
        running.stop()


@dataclass
class Office:
    """A workstation after login and a first sync: cache, API factory, user, window."""

    db: Database
    make_api: Callable[[], SobrusApi]
    user: User
    pharmacy_name: str
    window: QMainWindow
    runner: CampaignRunner

    def context(self) -> SendContext:
        return SendContext(self.db, self.user, self.pharmacy_name, make_api=self.make_api)


@pytest.fixture
def office(sandbox: RunningSandbox, tmp_path: Path, qtbot: QtBot) -> Iterator[Office]:
    sandbox.reset_knobs(delivery_scale=0)
    sandbox.control.set_balance(100_000)
    login = SobrusApi(sandbox.base_url).login(PHARMACIST_USERNAME, PHARMACIST_PASSWORD)

    def make_api() -> SobrusApi:  # one per thread, as the client requires
        return SobrusApi(sandbox.base_url, token=login.token, timeout=(2.0, 5.0), retries=1,
                         backoff_factor=0.0)

    db = open_database(tmp_path / "cache.sqlite3")
    with make_api() as api:
        SyncService(api, db).sync()
    window = QMainWindow()
    window.setCentralWidget(QLabel("Historique des communications"))  # the real one's place
    window.resize(1000, 600)
    qtbot.addWidget(window)
    window.show()
    runner = CampaignRunner(window, db, make_api, batch_size=10)
    try:
        yield Office(db, make_api, login.current.user, login.current.pharmacy_name, window,
                     runner)
    finally:
        runner.stop_all()
        db.close()


def open_dialog(qtbot: QtBot, office: Office) -> GroupedSendDialog:
    dialog = GroupedSendDialog(office.context(), office.window)
    qtbot.addWidget(dialog)
    dialog.sig_campaign_queued.connect(office.runner.start)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.estimate() is not None)
    return dialog


def tick(dialog: GroupedSendDialog, ids: list[int]) -> None:
    for client_id in ids:
        row = dialog.model.row_of(client_id)
        assert row is not None
        dialog.model.setData(dialog.model.index(row, COL_NAME), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)


def send_and_confirm(qtbot: QtBot, dialog: GroupedSendDialog,
                     office: Office) -> tuple[str, SendDraft]:
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    draft = confirmation.draft
    with qtbot.waitSignal(office.runner.sig_campaign_finished, timeout=SEND_TIMEOUT_MS,
                          raising=False) as finished, \
            qtbot.waitSignal(dialog.sig_campaign_queued) as queued:
        confirmation.ui.confirmButton.click()
    campaign_id = queued.args[0]
    if not finished.signal_triggered:
        qtbot.waitSignal(office.runner.sig_campaign_finished, timeout=SEND_TIMEOUT_MS).wait()
    return campaign_id, draft


def test_campaign_to_everybody_reaches_the_sandbox_once_each(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Commande disponible")
    assert dialog.ui.selectionCountLabel.text().startswith("Aucun client sélectionné : envoi à")
    campaign_id, draft = send_and_confirm(qtbot, dialog, office)
    planned = {m.client_id: m for m in draft.plan.messages}
    assert draft.plan.all_clients and len(planned) > 30

    sent = sandbox.control.sent(campaign_id=campaign_id)["items"]
    rejected = {r.client_id for r in office.db.outbox.rows(campaign_id, [OutboxState.REJECTED])}
    assert sorted(item["client_id"] for item in sent) == sorted(set(planned) - rejected)
    for item in sent:
        message = planned[item["client_id"]]
        assert item["content"] == message.text
        assert item["phone"] == message.phone_e164
        assert item["receipts"] == 1  # posted once: no duplicate
    excluded = {e.client.id for e in draft.plan.exclusions}
    assert excluded and not excluded & {item["client_id"] for item in sent}

    panel = office.runner.panels[campaign_id]
    assert panel.objectName() == "sendProgressPanel"
    assert panel.summary is not None and panel.summary.accepted == len(sent)
    assert "Envoi terminé" in panel.ui.progressTitle.text()
    assert panel.ui.closePanelButton.isVisible() and not panel.ui.cancelSendButton.isVisible()
    shot(office.window, "10-progression-terminee")


def test_cancel_mid_send_stops_what_was_not_posted(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    sandbox.configure(latency_ms=250)  # ten messages a batch, a quarter second each
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Commande disponible")
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    with qtbot.waitSignal(dialog.sig_campaign_queued) as queued:
        confirmation.ui.confirmButton.click()
    campaign_id = queued.args[0]
    panel = office.runner.panels[campaign_id]
    qtbot.waitUntil(lambda: panel.ui.progressBar.value() > 0, timeout=SEND_TIMEOUT_MS)
    assert panel.ui.cancelSendButton.text() == "Annuler l'envoi"
    shot(office.window, "09-progression-en-cours")
    with qtbot.waitSignal(office.runner.sig_campaign_finished,
                          timeout=SEND_TIMEOUT_MS) as finished:
        panel.ui.cancelSendButton.click()
    summary: SendSummary = finished.args[0]
    assert summary.state == CampaignState.CANCELLED
    assert summary.cancelled > 0 and summary.accepted < summary.total
    cancelled = {r.client_message_id
                 for r in office.db.outbox.rows(campaign_id, [OutboxState.CANCELLED])}
    sent = sandbox.control.sent(campaign_id=campaign_id)["items"]
    assert len(sent) == summary.accepted
    assert not cancelled & {item["client_message_id"] for item in sent}
    assert "Envoi annulé" in panel.ui.progressTitle.text()
    assert "annulés (jamais envoyés)" in panel.status_text()


def test_reminder_leaves_out_who_paid_since_the_last_sync(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    dialog.ui.objectiveBalanceReminder.click()
    debtors = [c for c in dialog.model.clients() if normalize_phone(c.phone).ok][:3]
    tick(dialog, [c.id for c in debtors])
    payer, still_owing = debtors[0], debtors[1:]
    sandbox.control.update_client(payer.id, balance_due="0.00")  # paid at the counter
    sandbox.control.update_client(still_owing[0].id, balance_due="77.70")

    dialog.ui.sendButton.click()
    assert dialog.is_busy() and "Vérification des soldes" in dialog.ui.busyLabel.text()
    confirmation = confirm_dialog(qtbot, dialog)
    draft = confirmation.draft
    assert [e.client.id for e in draft.paid_since] == [payer.id]
    assert "réglé leur solde" in confirmation.ui.exclusionsTitle.text() or \
        "réglé son solde" in confirmation.ui.exclusionsTitle.text()
    assert "vérifiés auprès de Sobrus" in confirmation.ui.warningsLabel.text()
    shot(confirmation, "11-rappel-soldes-verifies")
    with qtbot.waitSignal(office.runner.sig_campaign_finished, timeout=SEND_TIMEOUT_MS), \
            qtbot.waitSignal(dialog.sig_campaign_queued) as queued:
        confirmation.ui.confirmButton.click()
    sent = sandbox.control.sent(campaign_id=queued.args[0])["items"]
    by_client = {item["client_id"]: item["content"] for item in sent}
    assert payer.id not in by_client
    assert set(by_client) == {c.id for c in still_owing}
    # The fresh amount, not the cached one (« 77,70 DH », or « 77,70 درهم » in Arabic).
    assert "77,70" in by_client[still_owing[0].id]


def test_saved_template_is_pushed_to_sobrus(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Commande disponible")
    before = dialog.template()
    assert before is not None and before.id is not None
    dialog.ui.editTemplateButton.click()
    body = "Bonjour {prenom}, votre commande vous attend à la {pharmacie}. À bientôt."
    dialog.ui.templateBodyEditor.set_body(body)
    with qtbot.waitSignal(dialog.sig_templates_changed, timeout=SEND_TIMEOUT_MS):
        dialog.ui.saveTemplateButton.click()
    assert "sauvegardé" in dialog.ui.statusLabel.text()
    with office.make_api() as api:
        remote = api.template(before.id)
    assert remote.body == body and remote.version == before.version + 1
    assert dialog.template() == remote


def test_credits_run_out_at_sobrus_then_the_send_resumes(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Commande disponible")
    tick(dialog, [c.id for c in dialog.model.clients() if normalize_phone(c.phone).ok][:25])
    sandbox.control.set_balance(12)  # spent meanwhile on another workstation
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)  # the cache still believes in 100 000
    with qtbot.waitSignal(dialog.sig_campaign_queued) as queued:
        confirmation.ui.confirmButton.click()
    panel = office.runner.panels[queued.args[0]]
    qtbot.waitUntil(lambda: panel.ui.resumeButton.isVisible(), timeout=SEND_TIMEOUT_MS)
    assert panel.ui.requestRechargeButton.isVisible()
    assert "En pause" in panel.status_text() and "insuffisant" in panel.status_text()
    shot(office.window, "12-progression-en-pause-credits")
    with qtbot.waitSignal(office.runner.sig_recharge_requested):
        panel.ui.requestRechargeButton.click()

    sandbox.control.set_balance(100_000)  # recharged
    qtbot.waitUntil(lambda: not office.runner.is_running(queued.args[0]))
    with qtbot.waitSignal(office.runner.sig_campaign_finished,
                          timeout=SEND_TIMEOUT_MS) as finished:
        panel.ui.resumeButton.click()
    summary: SendSummary = finished.args[0]
    assert summary.state == CampaignState.COMPLETED
    sent = sandbox.control.sent(campaign_id=queued.args[0])["items"]
    assert len(sent) == summary.accepted
    assert all(item["receipts"] == 1 for item in sent)


def test_a_template_changed_meanwhile_is_a_conflict_not_an_overwrite(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Vaccination")
    mine = dialog.template()
    assert mine is not None and mine.id is not None
    with office.make_api() as api:  # a colleague saves it from another workstation
        theirs = api.update_template(dataclasses.replace(mine, body="Vaccination : venez !"))
    dialog.ui.editTemplateButton.click()
    dialog.ui.templateBodyEditor.set_body("Vaccination antigrippale à la {pharmacie}.")
    with qtbot.waitSignal(dialog.sig_templates_changed, timeout=SEND_TIMEOUT_MS):
        dialog.ui.saveTemplateButton.click()
    assert "modifié entre-temps" in dialog.ui.statusLabel.text()
    with office.make_api() as api:
        assert api.template(mine.id).body == theirs.body  # nothing overwritten
    conflicts = office.db.templates.conflicts()
    assert [c.remote.body for c in conflicts] == [theirs.body]
    assert conflicts[0].local.body == "Vaccination antigrippale à la {pharmacie}."


# --- Issue 16: each client in their language ----------------------------------------------


def test_arabic_text_with_a_placeholder_saved_from_modifier_modele_reaches_sobrus(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Vaccination")  # a demo template without Arabic text
    before = dialog.template()
    assert before is not None and before.id is not None and before.body_ar == ""
    dialog.ui.editTemplateButton.click()
    editor = dialog.ui.templateBodyEditor
    editor.show_language(Language.ARABIC)
    arabic_edit = editor.ui.templateBodyArEdit
    assert editor.current_edit() is arabic_edit
    # Right to left whatever the first character is (here a placeholder, a Latin letter).
    option = arabic_edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    arabic_edit.setPlainText("انطلقت حملة التلقيح ضد الزكام يا ")  # typed: keyClicks aborts
    arabic_edit.moveCursor(QTextCursor.MoveOperation.End)
    combo = editor.ui.placeholderCombo
    combo.setCurrentIndex(combo.findData("prenom"))
    editor.ui.insertPlaceholderButton.click()
    expected = "انطلقت حملة التلقيح ضد الزكام يا {prenom}"
    assert editor.body_ar() == expected  # inserted where the cursor was, braces intact
    assert editor.body() == before.body  # the French text is untouched
    assert dialog.ui.saveTemplateButton.isEnabled()
    with qtbot.waitSignal(dialog.sig_templates_changed, timeout=SEND_TIMEOUT_MS):
        dialog.ui.saveTemplateButton.click()
    assert "sauvegardé" in dialog.ui.statusLabel.text()
    with office.make_api() as api:
        remote = api.template(before.id)
    assert (remote.body, remote.body_ar) == (before.body, expected)
    assert dialog.template() == remote


def test_a_broken_arabic_text_keeps_sauvegarder_disabled_and_says_why(
        qtbot: QtBot, office: Office) -> None:
    dialog = open_dialog(qtbot, office)
    choose_template(dialog, "Commande disponible")
    dialog.ui.editTemplateButton.click()
    dialog.ui.templateBodyEditor.set_body_ar("مرحبا {prenon}")
    assert not dialog.ui.saveTemplateButton.isEnabled()
    problems = dialog.ui.templateBodyEditor.ui.templateProblemsLabel.text()
    assert problems.startswith("Texte arabe : Champ inconnu : {prenon}")


def test_a_bilingual_reminder_sends_each_client_in_their_language(
        qtbot: QtBot, office: Office, sandbox: RunningSandbox) -> None:
    dialog = open_dialog(qtbot, office)
    dialog.ui.objectiveBalanceReminder.click()
    assert (dialog.template() or Template(None, "", "")).body_ar  # the demo's has one
    debtors = [c for c in dialog.model.clients() if normalize_phone(c.phone).ok]
    arabic = [c for c in debtors if c.preferred_language == Language.ARABIC][:3]
    french = [c for c in debtors if c.preferred_language == Language.FRENCH][:3]
    assert arabic and french
    tick(dialog, [c.id for c in arabic + french])
    # The preview shows one client of each language side by side, each with its counter.
    pane = dialog.ui.messagePreviewPane
    qtbot.waitUntil(lambda: pane.ui.secondPreviewColumn.isVisible())
    counters = pane.ui.segmentCounter.text() + pane.ui.secondSegmentCounter.text()
    assert "Français (GSM)" in counters and "Arabe (Unicode)" in counters
    qtbot.waitUntil(lambda: "Arabe : " in dialog.ui.sendCostLabel.text())

    campaign_id, draft = send_and_confirm(qtbot, dialog, office)
    assert draft.plan.language_counts() == {Language.FRENCH: len(french),
                                            Language.ARABIC: len(arabic)}
    sent = {item["client_id"]: item for item in
            sandbox.control.sent(campaign_id=campaign_id)["items"]}
    assert set(sent) == {c.id for c in arabic + french}
    for client in arabic:
        content = sent[client.id]["content"]
        assert content.startswith("السلام عليكم") and "درهم" in content
        name = client.first_name_ar or f"{LRI}{client.first_name}{PDI}"
        assert name in content
    for client in french:
        assert sent[client.id]["content"].startswith(f"Bonjour {client.first_name}")
    assert all(item["receipts"] == 1 for item in sent.values())
