"""The Communications page in the real main window, driven as a pharmacist would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from sobrus_comm.domain.history_view import COL_DATE, COL_KIND, COL_RECIPIENT, COL_STATUS
from sobrus_comm.gui.history_model import (
    ID_ROLE,
    RAW_ROLE,
    HistoryTableModel,
    format_datetime,
)
from sobrus_comm.gui.main_window import MainWindow
from tests.history.rows import make_rows


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.history.set_rows(make_rows(500))
    return win


def _column(win: MainWindow, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list:
    model = win.ui.historyTable.model()
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def test_models_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = HistoryTableModel(make_rows(40))
    qtmodeltester.check(model)
    model.sort(COL_RECIPIENT, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_six_french_columns_newest_first(window: MainWindow) -> None:
    model = window.ui.historyTable.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Date de création", "Gestionnaire", "Type", "Statut", "Contenu",
                       "Destinataire", "Nature"]
    created = _column(window, COL_DATE, RAW_ROLE)
    assert created == sorted(created, reverse=True)
    first = model.index(0, COL_DATE).data()
    assert len(first) == 16 and first[2] == "/" and first[5] == "/"  # 18/11/2026 09:13
    assert window.ui.historyCountLabel.text() == "500 communications"
    assert window.ui.contentStack.currentWidget() is window.ui.historyPage


def test_clicking_headers_sorts_on_raw_values(window: MainWindow, qtbot: QtBot) -> None:
    header = window.ui.historyTable.horizontalHeader()
    for column in range(7):
        for _ in range(2):  # ascending then descending
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=header.rect().topLeft() + _section_centre(header, column))
            keys = _column(window, column, RAW_ROLE)
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            assert keys == sorted(keys, reverse=not ascending), column


def _section_centre(header, column):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_search_typed_then_escape(window: MainWindow, qtbot: QtBot) -> None:
    search = window.ui.historySearch
    QTest.keySequence(window, "Ctrl+F")
    assert search.hasFocus()
    # Non-ASCII text cannot go through keyClicks (Qt testlib abort): type ASCII, set accents.
    qtbot.keyClicks(search, "echec")
    statuses = set(_column(window, COL_STATUS))
    assert statuses == {"Échec"}
    shown = window.ui.historyTable.model().rowCount()
    assert window.ui.historyCountLabel.text() == f"{shown} communications sur 500"
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert window.ui.historyTable.model().rowCount() == 500


def test_no_result_message_and_status_filter(window: MainWindow) -> None:
    window.ui.historySearch.setText("zzzz introuvable")
    assert window.ui.contentStack.currentWidget() is window.ui.emptyPage
    assert "Aucune communication ne correspond" in window.ui.emptyStateLabel.text()
    window.ui.historySearch.clear()
    window.ui.statusFilter.setCurrentText("Délivré")
    assert set(_column(window, COL_STATUS)) == {"Délivré"}


def test_details_pane_and_resend_for_a_failed_message(window: MainWindow, qtbot: QtBot) -> None:
    window.ui.statusFilter.setCurrentText("Échec")
    table = window.ui.historyTable
    table.selectRow(0)
    comm_id = table.model().index(0, 0).data(ID_ROLE)
    body = window.ui.detailsBody.toPlainText()
    assert "Numéro injoignable" in body and "Bonjour" in body
    assert window.ui.resendButton.isEnabled()
    with qtbot.waitSignal(window.history.sig_resend_requested) as blocker:
        window.ui.resendButton.click()
    assert blocker.args == [comm_id]



def test_details_pane_shows_the_status_timeline(window: MainWindow) -> None:
    rows = make_rows(500)

    def details(status: str, with_history: bool) -> tuple[tuple, list[str]]:
        row = next(r for r in rows if r.status == status
                   and (r.status_history is not None) == with_history)
        assert window.history.select_id(row[0])
        return row, window.ui.detailsBody.toPlainText().splitlines()

    def hm(ts: int) -> str:
        return datetime.fromtimestamp(ts).strftime("%H:%M")

    row, body = details("delivered", True)
    created = row.created_at
    suivi = body[body.index("Suivi :") + 1:]
    assert len(suivi) == 3
    assert suivi[0].endswith(f"{format_datetime(created)} — Créé par {row.initiated_by}")
    # The time only, after the first line (the date again only past midnight).
    assert suivi[1].endswith(f"{hm(created + 30)} — Envoyé")
    assert suivi[2].endswith(f"{hm(created + 120)} — Délivré")

    row, body = details("failed", True)
    assert [line.split(" — ")[-1] for line in body[body.index("Suivi :") + 1:]] == [
        f"Créé par {row.initiated_by}", "Envoyé", "Échec : Numéro injoignable"]

    row, body = details("delivered", False)  # cached before timelines: creation, last change
    assert [line.split(" — ")[-1] for line in body[body.index("Suivi :") + 1:]] == [
        f"Créé par {row.initiated_by}", "Délivré"]

def test_live_updates_keep_selection_and_sort(window: MainWindow) -> None:
    rows = make_rows(500)
    table = window.ui.historyTable
    table.selectRow(5)
    selected = table.model().index(5, 0).data(ID_ROLE)
    changed = next(r for r in rows if r.id == selected)._replace(status="delivered")
    newest = rows[0]._replace(id=10_000, created_at=rows[0].created_at + 30)
    window.history.upsert_rows([changed, newest])
    assert table.model().rowCount() == 501
    assert table.model().index(0, 0).data(ID_ROLE) == 10_000  # new row on top (date desc)
    current = table.selectionModel().currentIndex()
    assert current.data(ID_ROLE) == selected
    assert table.model().index(current.row(), COL_STATUS).data() == "Délivré"
    created = _column(window, COL_DATE, RAW_ROLE)
    assert created == sorted(created, reverse=True)


def test_export_writes_the_rows_shown_for_french_excel(window: MainWindow, qtbot: QtBot,
                                                        tmp_path: Path) -> None:
    window.ui.historySearch.setText("echec")
    shown = window.ui.historyTable.model().rowCount()
    path = tmp_path / "export.csv"
    job = window.exporter.start(window.history.shown_rows(), path)
    with qtbot.waitSignal(job.sig_finished, timeout=10_000) as blocker:
        pass
    assert blocker.args == [str(path), shown]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Date de création;Gestionnaire;Type;Statut;Contenu;Destinataire")
    assert len(lines) == shown + 1
    assert all(";Échec;" in line for line in lines[1:])
    assert not (tmp_path / "export.csv.part").exists()


def test_window_state_and_sort_survive_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.history.set_rows(make_rows(50))
    first.ui.historyTable.sortByColumn(COL_RECIPIENT, Qt.SortOrder.AscendingOrder)
    first.ui.historyTable.setColumnWidth(COL_STATUS, 177)
    first.close()
    second = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.history.set_rows(make_rows(50))
    header = second.ui.historyTable.horizontalHeader()
    assert header.sortIndicatorSection() == COL_RECIPIENT
    assert header.sectionSize(COL_STATUS) == 177
    keys = _column(second, COL_RECIPIENT, RAW_ROLE)
    assert keys == sorted(keys)


def test_status_bar_balance_and_permissions(window: MainWindow) -> None:
    window.set_balance(42, low_threshold=100)
    assert window.balanceLabel.text() == "Solde SMS : 42 crédits"
    assert window.balanceLabel.property("low") is True
    window.set_balance(5000)
    assert window.balanceLabel.property("low") is False
    window.set_user("Sara", can_send=False)
    assert not window.ui.groupedSendButton.isEnabled()
    assert "autorisation" in window.ui.groupedSendButton.toolTip()
    window.set_sync_state("syncing")
    assert window.syncStatusLabel.text() == "Synchronisation…"


def test_nature_column_filter_and_details(window: MainWindow) -> None:
    combo = window.ui.kindFilter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Toutes les natures", "Rappel de solde", "Modèle personnalisé", "Test", "Renvoi",
        "Envoi programmé"]
    assert set(_column(window, COL_KIND)) == {
        "Rappel de solde", "Modèle personnalisé", "Test", "Renvoi", "Envoi programmé", "—"}
    combo.setCurrentText("Renvoi")
    assert set(_column(window, COL_KIND)) == {"Renvoi"}
    shown = window.ui.historyTable.model().rowCount()
    assert shown == sum(1 for r in make_rows(500) if r.kind == "resend")
    assert window.ui.historyCountLabel.text() == f"{shown} communications sur 500"
    window.history.select_id(window.ui.historyTable.model().index(0, 0).data(ID_ROLE))
    assert "Nature : Renvoi" in window.ui.detailsBody.toPlainText()
    combo.setCurrentIndex(0)
    assert window.ui.historyTable.model().rowCount() == 500


def test_first_sync_progress_is_shown_then_gives_way_to_the_rows(qtbot: QtBot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.history.show_sync_progress(412_000, 1_000_000)
    expected = "Synchronisation de l'historique : 412\u202f000 / 1\u202f000\u202f000"
    assert win.ui.contentStack.currentWidget() is win.ui.emptyPage
    assert expected in win.ui.emptyStateLabel.text()
    assert win.ui.historyCountLabel.text() == expected
    win.history.set_rows(make_rows(30))  # the pull ended: the rows replace the progress
    assert win.ui.historyCountLabel.text() == "30 communications"
    assert win.history.sync_progress_text() is None


def test_sorting_keeps_the_selected_communication_selected_and_shown(
        window: MainWindow) -> None:
    table = window.ui.historyTable
    table.selectRow(7)
    selected = table.model().index(7, 0).data(ID_ROLE)
    details = window.ui.detailsBody.toPlainText()
    for column in (COL_RECIPIENT, COL_STATUS, COL_KIND):
        table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        current = table.selectionModel().currentIndex()
        assert current.data(ID_ROLE) == selected, column
        assert table.selectionModel().isRowSelected(current.row()), column
        assert window.ui.detailsBody.toPlainText() == details
