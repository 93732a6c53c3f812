"""Replies are visible: the « Réponses des clients » window (unread in bold, filter, mark
read, consent recorded, register exported), the badge, the conversation in the details."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sobrus_comm.domain.consent import ConsentChannel, ConsentState, InboundReply
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.gui import replies_dialog
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.replies_dialog import RepliesDialog
from sobrus_comm.gui.replies_follow_up import RepliesFollowUp
from sobrus_comm.gui.replies_model import COL_CLIENT, COL_EFFECT, COL_TEXT
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.sync import SyncReport
from sobrus_comm.store.db import Database
from tests.grouped_send.data import demo_database
from tests.history.rows import make_rows

AT = datetime.now(UTC) - timedelta(days=2)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = demo_database(tmp_path / "cache.sqlite3", n=20)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def consent(db: Database) -> ConsentService:
    service = ConsentService(db)
    clients = db.clients.list_all()
    stopper, thanker = clients[0], clients[1]
    # Agreed at the counter a month before replying « Arrêt ».
    ConsentService(db, now=lambda: AT - timedelta(days=30)).record(
        stopper.id, ConsentState.GRANTED, "Dr Samira Alaoui")
    applied = service.apply_replies([
        InboundReply(1, stopper.id, stopper.phone, "Arrêt", AT),
        InboundReply(2, thanker.id, thanker.phone, "merci, j'ai payé", AT + timedelta(hours=1)),
    ])
    assert applied.opted_out == (stopper.id,)
    return service


def _open(qtbot: QtBot, consent: ConsentService) -> RepliesDialog:
    dialog = RepliesDialog(consent, "Youssef Bennani")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() > 0)
    return dialog


def _row_of(dialog: RepliesDialog, text: str) -> int:
    for row in range(dialog.proxy.rowCount()):
        if dialog.proxy.index(row, COL_TEXT).data() == text:
            return row
    raise AssertionError(text)


def test_replies_window_marks_read_records_consent_and_exports_the_register(
        qtbot: QtBot, consent: ConsentService, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _open(qtbot, consent)
    ui = dialog.ui
    assert dialog.objectName() == "repliesDialog"
    assert ui.repliesCountLabel.text() == "2 réponses, dont 2 non lues"
    stop_row = _row_of(dialog, "Arrêt")
    assert dialog.proxy.index(stop_row, COL_EFFECT).data() == "Désinscrit (STOP)"
    font = dialog.proxy.index(stop_row, COL_TEXT).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()  # unread

    ui.repliesTable.selectRow(stop_row)
    assert "refusé" in ui.replyConsentLabel.text()
    assert "Réponse SMS « Arrêt »" in ui.replyConsentLabel.text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "consent-03-reponses.png"))

    # « merci » : mark read, then the staff record the client's agreement at the counter.
    ui.repliesTable.selectRow(_row_of(dialog, "merci, j'ai payé"))
    thanker = dialog.proxy.index(_row_of(dialog, "merci, j'ai payé"), COL_CLIENT).data()
    assert ui.markReadButton.isEnabled()
    with qtbot.waitSignal(dialog.sig_overview_shown):
        ui.markReadButton.click()
    assert ui.repliesCountLabel.text() == "2 réponses, dont 1 non lue"
    with qtbot.waitSignal(dialog.sig_overview_shown):
        ui.grantConsentButton.click()
    assert "accordé" in ui.replyConsentLabel.text() and thanker in ui.replyConsentLabel.text()
    assert "Au comptoir (Youssef Bennani)" in ui.replyConsentLabel.text()

    ui.unreadOnlyCheck.setChecked(True)
    assert dialog.proxy.rowCount() == 1

    path = tmp_path / "registre.csv"
    monkeypatch.setattr(replies_dialog, "ask_register_path", lambda _parent: path)
    ui.exportRegisterButton.click()
    qtbot.waitUntil(ui.repliesStatusLabel.isVisible)
    assert "Registre exporté : 3 enregistrements" in ui.repliesStatusLabel.text()
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][:5] == ["Date", "Client n°", "Client", "Consentement", "Canal"]
    assert ["Refusé", "Réponse SMS", "", "Arrêt"] in [r[3:7] for r in rows[1:]]


def test_badge_and_conversation_in_the_history_details(
        qtbot: QtBot, consent: ConsentService, db: Database) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    stopper = db.clients.list_all()[0]
    rows = make_rows(3)
    e164 = normalize_phone(stopper.phone).e164
    rows[0] = rows[0]._replace(recipient_phone=e164, client_id=stopper.id)
    window.history.set_rows(rows)
    follow = RepliesFollowUp(window)
    follow.attach(window, consent)
    qtbot.waitUntil(lambda: follow.overview is not None)
    assert window.ui.repliesButton.text() == "Réponses des clients (2 non lues)"
    assert window.history.select_id(rows[0].id)
    html = window.ui.detailsBody.toPlainText()
    assert "Réponses du client" in html and "« Arrêt »" in html
    assert "STOP : désinscrit des promotions" in html and "refusé" in html
    # Consent from the client's details: the staff member records it, the pane follows.
    assert not window.ui.detailsGrantConsentButton.isEnabled()  # nobody signed in yet
    follow.set_session("Dr Samira Alaoui", True)
    assert window.ui.detailsGrantConsentButton.isEnabled()
    window.ui.detailsGrantConsentButton.click()
    qtbot.waitUntil(lambda: follow.overview is not None
                    and follow.overview.state_of(stopper.id) == ConsentState.GRANTED)
    assert "accordé" in window.ui.detailsBody.toPlainText()
    assert consent.history(stopper.id)[-1].staff == "Dr Samira Alaoui"
    follow.on_synced(SyncReport(opted_out=(stopper.id,), promotions_withdrawn=2))
    assert window.statusBar().currentMessage() == (
        "1 client a répondu STOP : désinscrit des promotions, 2 SMS promotionnels en attente "
        "retirés de l'envoi (voir « Réponses des clients »).")
    with qtbot.waitSignal(window.sig_replies_requested):
        window.ui.repliesButton.click()
    assert follow.dialog is not None
    # « Ses SMS »: the history filtered on the client who replied.
    follow.dialog.ui.unreadOnlyCheck.setChecked(False)
    qtbot.waitUntil(lambda: follow.dialog is not None and follow.dialog.proxy.rowCount() > 0)
    follow.dialog.ui.repliesTable.selectRow(_row_of(follow.dialog, "Arrêt"))
    follow.dialog.ui.showInHistoryButton.click()
    assert window.ui.historySearch.text() == stopper.phone
    qtbot.waitUntil(lambda: window.history.model.rowCount() == 1)  # the SMS to that number
    follow.dialog.close()


def test_a_start_after_a_stop_does_not_resubscribe(consent: ConsentService, db: Database
                                                   ) -> None:
    stopper = db.clients.list_all()[0]
    consent.apply_replies([InboundReply(3, stopper.id, None, "START", AT + timedelta(days=1)),
                           InboundReply(4, stopper.id, None, "OUI", AT + timedelta(days=2))])
    assert consent.states()[stopper.id] == ConsentState.REFUSED
    consent.record(stopper.id, ConsentState.GRANTED, "Dr Samira Alaoui",
                   ConsentChannel.WRITTEN, note="formulaire signé")
    assert consent.states()[stopper.id] == ConsentState.GRANTED
    assert [r.state for r in consent.history(stopper.id)] == [
        ConsentState.GRANTED, ConsentState.REFUSED, ConsentState.GRANTED]


def test_a_paper_register_imported_from_the_replies_window(
        qtbot: QtBot, consent: ConsentService, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _open(qtbot, consent)
    client = db.clients.list_all()[5]
    path = tmp_path / "registre.csv"
    path.write_text(f"Client n°;Consentement;Date\n{client.id};accordé;02/01/2025\n"
                    "abc;oui;\n", encoding="utf-8-sig")
    monkeypatch.setattr(replies_dialog, "ask_import_path", lambda _parent: path)
    with qtbot.waitSignal(dialog.sig_changed):
        dialog.ui.importRegisterButton.click()
    text = dialog.ui.repliesStatusLabel.text()
    assert text.startswith("Registre importé : 1 consentement importé. 1 ligne ignorée")
    assert "ligne 3 : numéro de client illisible" in text
    assert consent.states()[client.id] == ConsentState.GRANTED

    path.write_text("pas un registre\n", encoding="utf-8")
    dialog.ui.importRegisterButton.click()
    qtbot.waitUntil(lambda: dialog.ui.repliesStatusLabel.text().startswith("Import impossible"))
    assert "Rien n'a été enregistré" in dialog.ui.repliesStatusLabel.text()
