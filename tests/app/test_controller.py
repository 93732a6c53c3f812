"""The composition root in-process: demo session, offline start, login when needed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.demo import DEMO_PASSWORD, DEMO_USERNAME, start_demo_sandbox
from sobrus_comm.bootstrap import build_controller
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.gui.app_controller import AppController
from sobrus_comm.gui.widgets.quiet_hours_gate import HoldChoice
from sobrus_comm.paths import AppPaths
from sobrus_comm.services.preferences import Preferences
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import OutboxMessage


def _controller(tmp_path: Path, *, demo: bool) -> AppController:
    paths = AppPaths.under(tmp_path).ensure()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    return build_controller(paths, settings, demo=demo)


def _queue(db: Database, texts: list[str], *, label: str,
           category: str = "transactional") -> tuple[str, list[str]]:
    """A campaign written to the outbox for the first reachable demo clients, not sent."""
    clients = [c for c in db.clients.list_all()
               if normalize_phone(c.phone).ok and not c.sms_opt_out][:len(texts)]
    messages = [OutboxMessage(phone_e164=str(normalize_phone(c.phone).e164), text=text,
                              client_id=c.id, client_name=c.full_name)
                for c, text in zip(clients, texts, strict=True)]
    return db.outbox.create_campaign(messages, label=label, category=category), texts


@contextmanager
def _running(qtbot: QtBot, tmp_path: Path, *, demo: bool,
             prepare: Callable[[AppController], None] | None = None
             ) -> Iterator[AppController]:
    """The app with its window shown, started until ready (signed in and synced, or
    offline, or asking to sign in); shut down afterwards."""
    controller = _controller(tmp_path, demo=demo)
    if prepare is not None:
        prepare(controller)
    controller.open_cache()
    qtbot.addWidget(controller.build_window())
    try:
        with qtbot.waitSignal(controller.sig_ready, timeout=20_000):
            controller.start()
        yield controller
    finally:
        controller.shutdown()


def _shown(name: str) -> QWidget | None:
    """The visible top-level window with that objectName (a non-modal notice), if any."""
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == name and w.isVisible()), None)


@pytest.fixture
def demo(qtbot: QtBot, tmp_path: Path) -> Iterator[AppController]:
    """The app in demo mode, signed in and synced, its window shown."""
    with _running(qtbot, tmp_path, demo=True) as controller:
        yield controller


def test_demo_signs_in_syncs_and_fills_the_window(demo: AppController, qtbot: QtBot) -> None:
    controller = demo
    window = controller.window
    assert window is not None
    qtbot.waitUntil(lambda: window.syncStatusLabel.text() == "À jour", timeout=10_000)
    assert not window.ui.demoBanner.isHidden()
    assert window.ui.demoBanner.text() == "Mode démonstration — aucun SMS réel n'est envoyé"
    assert window.userLabel.text().startswith("Connecté : ")
    assert window.ui.groupedSendButton.isEnabled()
    assert window.ui.historyTable.model().rowCount() > 100
    assert window.balanceLabel.text().startswith("Solde SMS : ")



def _unreachable_account(controller: AppController) -> None:
    # A configured account whose server does not answer (nothing listens on port 9).
    controller.settings.setValue("account/server", "http://127.0.0.1:9")
    controller.settings.setValue("account/username", "pharmacien")
    controller.auth.store.save("http://127.0.0.1:9", "pharmacien", "jeton", None)


def test_offline_start_opens_from_the_cache_and_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    with _running(qtbot, tmp_path, demo=False, prepare=_unreachable_account) as controller:
        window = controller.window
        assert window is not None
        assert window.syncStatusLabel.text().startswith("Hors ligne depuis ")
        assert "injoignable" in window.syncStatusLabel.toolTip()
        assert controller._login is None  # no login dialog: the cache is enough to work


def test_first_run_welcomes_and_the_demo_is_one_click_away(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with _running(qtbot, tmp_path, demo=False) as controller:
        window = controller.window
        assert window is not None
        dialog = controller._login
        assert dialog is not None and dialog.isVisible()
        assert dialog.objectName() == "loginDialog"
        assert dialog.windowTitle() == "Bienvenue dans Sobrus Communications"
        assert dialog.ui.demoButton.text() == "Découvrir en mode démonstration"
        assert window.ui.demoBanner.isHidden()
        dialog.ui.demoButton.click()
        qtbot.waitUntil(lambda: window.syncStatusLabel.text() == "À jour", timeout=20_000)
        assert controller.demo and not window.ui.demoBanner.isHidden()
        assert window.ui.historyTable.model().rowCount() > 100
        # The demo's cache is its own: the pharmacy's stays empty.
        assert controller.paths.demo_database.exists()


def test_interrupted_send_is_offered_and_resumed_once_and_failed_sms_resent(
    demo: AppController, qtbot: QtBot
) -> None:
    controller = demo
    db = controller.db
    window = controller.window
    assert db is not None and window is not None
    assert controller.sending.runner is not None and controller.sandbox is not None
    # A campaign written to the outbox, then the app "killed" before it was sent.
    campaign_id, texts = _queue(db, [f"Test reprise {i}" for i in range(3)],
                                label="Rappel de solde — test")
    controller.sending.offer_resume()  # the campaign service is asked off the GUI thread
    qtbot.waitUntil(lambda: _shown("resumeDialog") is not None)
    box = _shown("resumeDialog")
    assert isinstance(box, QMessageBox)
    assert "Reprendre l'envoi interrompu ?" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with qtbot.waitSignal(controller.sending.runner.sig_campaign_finished, timeout=20_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    sent = controller.sandbox.control.sent(campaign_id=campaign_id)
    assert sorted(i["content"] for i in sent["items"]) == texts
    assert all(i["receipts"] == 1 for i in sent["items"])
    # The history shows them at once, named after their campaign in the details pane.
    comm_id = next(r.id for r in db.communications.load_history_rows()
                   if r.campaign_id == campaign_id)
    assert window.history.select_id(comm_id)
    assert "Rappel de solde — test" in window.ui.detailsBody.toPlainText()

    # « Renvoyer ce SMS » on a failed message: after confirmation, a new id, sent once.
    failed = next(r for r in db.communications.load_history_rows()
                  if r.status == "failed" and r.recipient_phone)
    controller.sending.ask = lambda title, text: True  # type: ignore[method-assign]
    before = {i["client_message_id"] for i in controller.sandbox.control.sent()["items"]}
    with qtbot.waitSignal(controller.sending.runner.sig_campaign_finished, timeout=20_000):
        window.history.sig_resend_requested.emit(failed.id)
    new = [i for i in controller.sandbox.control.sent()["items"]
           if i["client_message_id"] not in before]
    assert len(new) == 1
    assert new[0]["content"] == failed.content
    assert new[0]["receipts"] == 1



def test_settings_open_from_the_window_and_logout_forgets_the_session(
    demo: AppController, qtbot: QtBot
) -> None:
    controller = demo
    window = controller.window
    assert window is not None
    window.ui.actionSettings.trigger()
    dialog = controller._settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.objectName() == "settingsDialog"
    qtbot.waitUntil(lambda: dialog.ui.smsBalanceValue.text() not in ("", "—"),
                    timeout=10_000)
    controller.open_recharge()
    assert dialog.ui.settingsTabs.currentWidget().objectName().startswith("recharge")
    dialog.sig_logout_requested.emit()
    assert controller.session is None
    assert window.userLabel.text() == "Non connecté"
    assert not window.ui.groupedSendButton.isEnabled()
    assert controller._login is not None and controller._login.isVisible()
    controller._login.reject()



def _quiet_now(controller: AppController) -> list[datetime]:
    """Quiet hours from an hour ago to an hour from now, whatever the time the test runs;
    the question answered « Attendre ». Returns the release times asked about."""
    now = datetime.now()
    rules = QuietHoursRules(enabled=True, start=(now - timedelta(hours=1)).time(),
                            end=(now + timedelta(hours=1)).time(), quiet_weekdays=frozenset())
    controller.preferences.save(Preferences(pharmacy_name="Al Amal", quiet_hours=rules))
    asked: list[datetime] = []

    def wait(release_at: datetime) -> HoldChoice:
        asked.append(release_at)
        return HoldChoice.WAIT

    controller.sending.ask_quiet = wait  # type: ignore[method-assign]
    return asked


def test_a_promotion_started_in_quiet_hours_waits_then_goes_once(
    demo: AppController, qtbot: QtBot
) -> None:
    controller = demo
    db = controller.db
    window = controller.window
    assert db is not None and window is not None
    now = datetime.now()
    asked = _quiet_now(controller)
    campaign_id, _ = _queue(db, ["Promo -20 % sur les crèmes solaires"], label="Promotion",
                            category="promotional")
    controller.sending._on_campaign_queued(campaign_id, False)
    qtbot.waitUntil(lambda: bool(asked))  # the campaign service decides off the GUI thread
    assert len(asked) == 1 and asked[0] > now
    held = db.outbox.progress(campaign_id)
    assert held is not None and held.pause_reason == "quiet_hours"
    assert controller.sandbox.control.sent(campaign_id=campaign_id)["count"] == 0
    assert controller.sending.gate is not None and campaign_id in controller.sending.gate.held()

    assert controller.sending.runner is not None
    with qtbot.waitSignal(controller.sending.runner.sig_campaign_finished, timeout=20_000):
        controller.sending.gate.release_now(campaign_id)  # « Envoyer maintenant », or 1 h later
    sent = controller.sandbox.control.sent(campaign_id=campaign_id)
    assert sent["count"] == 1 and sent["items"][0]["receipts"] == 1


def test_a_template_changed_on_both_sides_is_never_overwritten(
    demo: AppController, qtbot: QtBot
) -> None:
    controller = demo
    db = controller.db
    assert db is not None and controller.sandbox is not None
    assert controller.sync_worker is not None
    template = next(t for t in db.templates.list_all() if t.id and t.id > 0)
    # Someone edits it on the server (another workstation)…
    with SobrusApi(controller.sandbox.base_url) as other:
        other.login(DEMO_USERNAME, DEMO_PASSWORD)
        other.update_template(replace(template, body=template.body + " (poste 2)"))
    # …while it is being edited here from the version both started with.
    db.templates.edit_local(template.id, name=template.name, body="Ma version locale",
                            category=template.category)
    # (Waited on from the GUI side: the worker's own signals fire in its thread.)
    controller.sync_worker.request_sync()
    qtbot.waitUntil(lambda: _shown("templateConflictNotice") is not None, timeout=20_000)
    kept = next(t for t in db.templates.list_all() if t.id == template.id)
    assert kept.body == "Ma version locale"  # nothing overwritten before the user chooses
    with SobrusApi(controller.sandbox.base_url) as other:
        other.login(DEMO_USERNAME, DEMO_PASSWORD)
        assert other.template(template.id).body.endswith("(poste 2)")


def test_a_pack_activated_while_the_app_was_closed_is_told_at_the_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with _running(qtbot, tmp_path, demo=True) as first:
        assert first.sandbox is not None
        with SobrusApi(first.sandbox.base_url) as api:
            api.login(DEMO_USERNAME, DEMO_PASSWORD)
            pack = min(api.packs(), key=lambda p: p.credits)
            request = api.create_recharge_request(pack.id)
        first.open_recharge()
        dialog = first._settings_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: any(r.id == request.id
                                    for r in dialog.known_recharge_requests()), timeout=10_000)
    # Closed with the request still open: remembered for the next start.

    # Meanwhile the sales team receives the transfer and activates the pack.
    sales = start_demo_sandbox(first.paths.demo_dir)
    try:
        sales.control.advance_recharge(request.id, "activated")
    finally:
        sales.stop()

    with _running(qtbot, tmp_path, demo=True) as second:
        qtbot.waitUntil(lambda: _shown("rechargeActivatedNotice") is not None, timeout=20_000)
        notice = _shown("rechargeActivatedNotice")
        assert isinstance(notice, QMessageBox)
        assert pack.name in notice.text() and "activé" in notice.text()
        notice.close()
        # Told once: the request is no longer watched.
        assert str(request.id) not in str(second.settings.value("recharge/openIdsDemo", ""))


def test_a_promotion_resumed_in_quiet_hours_is_held_through_the_resume_question(
    demo: AppController, qtbot: QtBot
) -> None:
    controller = demo
    db = controller.db
    assert db is not None and controller.sandbox is not None
    asked = _quiet_now(controller)
    campaign_id, _ = _queue(db, ["Promo -20 % sur les crèmes solaires"], label="Promotion",
                            category="promotional")
    controller.sending.offer_resume()
    qtbot.waitUntil(lambda: _shown("resumeDialog") is not None)
    box = _shown("resumeDialog")
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()  # « Reprendre l'envoi »
    qtbot.waitUntil(lambda: bool(asked))
    held = db.outbox.progress(campaign_id)
    assert held is not None and held.pause_reason == "quiet_hours"
    assert controller.sending.gate is not None and campaign_id in controller.sending.gate.held()
    assert controller.sandbox.control.sent(campaign_id=campaign_id)["count"] == 0


def _read_only(db: Database) -> None:
    """From now on the cache answers as SQLite does for a read-only file."""

    @event.listens_for(db.engine, "connect")
    def _query_only(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA query_only = ON")

    db.engine.dispose()


def _disk_full(db: Database) -> None:
    """From now on the cache cannot grow by one page, as on a full disk."""

    @event.listens_for(db.engine, "connect")
    def _no_more_space(dbapi_conn: Any, _record: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()


def test_a_read_only_cache_still_offers_the_unfinished_send_and_says_why(
    qtbot: QtBot, tmp_path: Path
) -> None:
    controller = _controller(tmp_path, demo=False)
    db = controller.open_cache().cache
    db.outbox.create_campaign(
        [OutboxMessage(phone_e164="+212612345678", text="Bonjour, votre solde…", client_id=1,
                       client_name="Fatima-Zahra El Amrani")], label="Rappel de solde — avril")
    _read_only(db)
    qtbot.addWidget(controller.build_window())
    try:
        controller.start()  # nobody signed in: no sync will ever succeed here
        qtbot.waitUntil(lambda: _shown("resumeDialog") is not None, timeout=10_000)
        box = _shown("resumeDialog")
        assert isinstance(box, QMessageBox)
        assert "Rappel de solde — avril" in box.text()
        assert "lecture seule" in box.text() and "rien n'est perdu" in box.text()
        assert not box.button(QMessageBox.StandardButton.Yes).isEnabled()  # it cannot go on
        notice = _shown("storageProblemNotice")
        assert isinstance(notice, QMessageBox)
        assert "lecture seule" in notice.text() and "droits d'écriture" in notice.text()
        assert str(db.path) in notice.text()  # names the file
        box.button(QMessageBox.StandardButton.No).click()
        assert len(db.outbox.rows(box.property("campaign_id"))) == 1  # nothing lost
        notice.close()
    finally:
        controller.shutdown()


def test_a_full_disk_at_start_is_said_plainly_not_only_in_a_tooltip(
    qtbot: QtBot, tmp_path: Path
) -> None:
    controller = _controller(tmp_path, demo=True)
    _disk_full(controller.open_cache().cache)
    window = controller.build_window()
    qtbot.addWidget(window)
    try:
        controller.start()  # signs in to the demo backend, then the first sync fails
        qtbot.waitUntil(lambda: _shown("storageProblemNotice") is not None, timeout=30_000)
        notice = _shown("storageProblemNotice")
        assert isinstance(notice, QMessageBox)
        assert "disque de cet ordinateur est plein" in notice.text()
        assert "Libérez de l'espace disque" in notice.text()  # what to do
        assert window.syncStatusLabel.text() == "Erreur de synchronisation"
        assert "plein" in window.statusBar().currentMessage()
        notice.close()
    finally:
        controller.shutdown()
