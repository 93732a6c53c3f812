"""The checkable client list: Qt's model contract, search by its own index, ticks in a set."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.text_search import parse_query
from sobrus_comm.gui.grouped_send.client_model import (
    CLIENT_ID_ROLE,
    COL_BALANCE,
    COL_NAME,
    COL_NOTE,
    COL_PHONE,
    ClientListModel,
)
from tests.grouped_send.data import make_clients


def _ids(model: ClientListModel) -> list[int]:
    return [model.index(r, 0).data(CLIENT_ID_ROLE) for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = ClientListModel()
    model.set_clients(make_clients(40))
    qtmodeltester.check(model)
    model.set_query(parse_query("benali"))
    qtmodeltester.check(model)


def test_columns_show_name_number_balance_and_problems() -> None:
    model = ClientListModel()
    model.set_clients(make_clients(8))
    row = {model.index(r, 0).data(CLIENT_ID_ROLE): r for r in range(8)}
    assert model.index(row[1], COL_NAME).data() == "Fatima Zahra El Amrani"
    assert model.index(row[1], COL_PHONE).data() == "06 12 34 56 78"
    assert model.index(row[1], COL_BALANCE).data() == "250,00\u00a0DH"
    assert model.index(row[2], COL_BALANCE).data() == "—"
    assert model.index(row[4], COL_NOTE).data() == "Numéro manquant"
    assert model.index(row[5], COL_NOTE).data().startswith("Numéro invalide")
    assert model.index(row[7], COL_NOTE).data() == ""
    model.set_promotional(True)  # opted-out clients matter for promotions only
    assert model.index(row[7], COL_NOTE).data() == "Refuse les SMS promotionnels"


def test_search_narrows_then_widens_and_ticks_survive(qtbot: QtBot) -> None:
    model = ClientListModel()
    model.set_clients(make_clients(60))
    model.set_query(parse_query("ben"))
    wide = _ids(model)
    model.set_query(parse_query("benali"))  # typing on: only the rows kept are re-tested
    assert set(_ids(model)) == {2, 3} and set(_ids(model)) <= set(wide)
    with qtbot.waitSignal(model.sig_checked_changed):
        model.set_checked_shown(True)
    assert model.checked_ids() == {2, 3}
    model.set_query(parse_query("0771"))  # a phone fragment
    assert _ids(model) == [8]
    assert model.hidden_checked_count() == 2
    model.set_query(parse_query(""))
    assert model.rowCount() == 60 and model.checked_count() == 2
    model.set_checked_shown(False)
    assert model.checked_count() == 0


def test_check_state_round_trip_and_new_list_keeps_listed_ticks() -> None:
    model = ClientListModel()
    clients = make_clients(10)
    model.set_clients(clients)
    index = model.index(0, COL_NAME)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ticked = index.data(CLIENT_ID_ROLE)
    model.set_clients([c for c in clients if c.id != ticked])
    assert model.checked_count() == 0  # a client no longer listed cannot stay ticked


def test_header_sort_reorders_the_list_and_keeps_ticks_search_and_selection(
    qtmodeltester: ModelTester,
) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    from sobrus_comm.domain.text_search import fold

    model = ClientListModel()
    clients = make_clients(60)
    model.set_clients(clients)
    by_id = {c.id: c for c in clients}
    model.set_checked_ids([2, 3])
    selected = QPersistentModelIndex(model.index(model.rowCount() - 1, 0))
    selected_id = selected.data(CLIENT_ID_ROLE)

    model.sort(COL_BALANCE, Qt.SortOrder.DescendingOrder)
    balances = [by_id[i].balance_due for i in _ids(model)]
    assert balances == sorted(balances, reverse=True)
    assert [c.id for c in model.clients()] == _ids(model)  # the plan follows the list
    assert model.checked_ids() == {2, 3}
    assert selected.data(CLIENT_ID_ROLE) == selected_id  # the highlighted client stays
    qtmodeltester.check(model)

    model.set_query(parse_query("ben"))
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [(fold(by_id[i].last_name), fold(by_id[i].first_name)) for i in _ids(model)]
    assert names == sorted(names)
    assert all("ben" in fold(by_id[i].full_name) for i in _ids(model))

    model.sort(COL_BALANCE, Qt.SortOrder.AscendingOrder)
    model.set_clients(list(reversed(clients)))  # another objective: a new list, same sort
    model.set_query(parse_query(""))
    balances = [by_id[i].balance_due for i in _ids(model)]
    assert balances == sorted(balances)


def test_search_finds_arabic_script_names_whatever_the_spelling() -> None:
    clients = make_clients(20)
    clients[0] = replace(clients[0], first_name_ar="فاطمة الزهراء", last_name_ar="العمراني",
                         preferred_language=Language.ARABIC)
    clients[1] = replace(clients[1], first_name_ar="مصطفى", last_name_ar="بنّاني")
    model = ClientListModel()
    model.set_clients(clients)
    for query, expected in (("فاطمه", {clients[0].id}),  # ة typed as ه
                            ("فَاطِمَة العمرانى", {clients[0].id}),  # vocalised, ى for ي
                            ("مصطفي بناني", {clients[1].id})):  # shadda left out
        model.set_query(parse_query(query))
        assert set(_ids(model)) == expected, query
    model.set_query(parse_query(clients[0].last_name))  # the Latin name still works
    assert clients[0].id in _ids(model)
    row = _ids(model).index(clients[0].id)
    tip = model.index(row, COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Lit l'arabe — فاطمة الزهراء العمراني"
