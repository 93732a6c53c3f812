"""Paramètres › Crédits on a cache synced from the real sandbox: the check and its gaps, the
filters, the cost per send, the statement as CSV and as a one-page PDF, and the forecast
warning with its link to the recharge tab."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.credit_forecast import Forecast
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.dialog import TABS
from sobrus_comm.services.preferences import MemoryStore, Preferences, PreferencesService
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import Database

TIMEOUT_MS = 15_000


@pytest.fixture
def dialog(qtbot: QtBot, db: Database, api: SobrusApi,
           sandbox: RunningSandbox) -> Iterator[SettingsDialog]:
    sandbox.control.ledger_glitch("unrecorded", 3)  # the backend lost 3 credits somewhere
    SyncService(api, db).sync()
    prefs = PreferencesService(MemoryStore())
    prefs.save(Preferences(pharmacy_name="Pharmacie Al Amal", low_balance_threshold=100))
    made = SettingsDialog(SettingsContext(db=db, preferences=prefs))
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.sig_ready, timeout=TIMEOUT_MS):
        made.show()
    made.show_section("credits")
    yield made
    QThreadPool.globalInstance().waitForDone(TIMEOUT_MS)


def test_the_gap_is_shown_with_its_date_and_detail(dialog: SettingsDialog,
                                                   qtmodeltester: ModelTester) -> None:
    ui = dialog.credits.ui
    assert dialog.ui.settingsTabs.currentWidget() is dialog.credits.view
    assert dialog.ui.settingsTabs.tabText(TABS.index("credits")) == "Crédits"
    assert ui.reconciliationLabel.text().startswith("1 écart trouvé (-3 crédits")
    assert ui.discrepancyList.isVisibleTo(dialog)
    item = ui.discrepancyList.item(0)
    today = datetime.now().astimezone().strftime("%d/%m")
    assert item.text() == f"Écart de 3 crédits le {today} : voir le détail"
    assert "sans mouvement" in item.toolTip()
    assert "semaine" in ui.forecastLabel.text() or "ne baisse pas" in ui.forecastLabel.text()
    qtmodeltester.check(dialog.credits.movements)
    qtmodeltester.check(dialog.credits.costs)


def test_filters_by_month_and_by_send(dialog: SettingsDialog) -> None:
    section, ui = dialog.credits, dialog.credits.ui
    overview = section.overview
    assert overview is not None
    latest = overview.months[0]
    assert section.chosen_month() == latest  # the statement to file, at first
    shown = [section.movements.movement(r) for r in range(section.movements.rowCount())]
    assert shown and all(m is not None and m.at.astimezone().month == latest[1]
                         for m in shown)
    costs = [section.costs.cost(r) for r in range(section.costs.rowCount())]
    assert costs and all(c is not None and c.first_at is not None
                         and c.first_at.astimezone().month == latest[1] for c in costs)
    # Double-click a send in the cost table: only its movements, whatever the month.
    proxy = ui.campaignCostsTable.model()
    ui.campaignCostsTable.doubleClicked.emit(proxy.index(0, 0))
    chosen = ui.campaignCombo.currentData()
    assert chosen is not None and section.chosen_month() is None
    rows = [section.movements.movement(r) for r in range(section.movements.rowCount())]
    assert rows and all(m is not None and m.campaign_id == chosen for m in rows)
    cost = next(c for c in overview.campaigns if c.campaign_id == chosen)
    assert sum(-m.credits for m in rows if m is not None) == cost.net


def test_statement_as_csv_and_as_one_pdf_page(dialog: SettingsDialog, qtbot: QtBot,
                                              tmp_path: Path) -> None:
    section = dialog.credits
    targets = {"csv": tmp_path / "releve.csv", "pdf": tmp_path / "releve.pdf"}

    def ask(_parent: QWidget, suggested: str, _filters: str) -> Path:
        assert suggested.startswith("releve-credits-sms-")
        return targets[suggested.rsplit(".", 1)[1]]

    section.ask_path = ask
    with qtbot.waitSignal(dialog.local_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        section.ui.exportCsvButton.click()
    assert "Relevé enregistré" in section.ui.creditsStatusLabel.text()
    with targets["csv"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["Date", "Mouvement", "Libellé", "Débit (crédits)", "Crédit (crédits)",
                       "Solde après"]
    assert len(rows) == 1 + section.movements.rowCount()
    section.ui.exportPdfButton.click()
    data = targets["pdf"].read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") == 1  # one page
    assert "Relevé PDF enregistré" in section.ui.creditsStatusLabel.text()


def test_the_forecast_warns_on_the_balance_tab_and_links_to_recharge(
        dialog: SettingsDialog) -> None:
    label = dialog.ui.lowBalanceWarningLabel
    dialog.balance.set_credits(5000, datetime.now(UTC))  # far above the threshold (100)
    dialog.balance.set_forecast(Forecast(5000, per_week=3000, weeks_left=5000 / 3000))
    assert not label.isHidden()  # on the Solde SMS tab, not the one shown
    assert label.text().startswith("Solde bientôt épuisé. Au rythme des 4 dernières")
    assert "href='recharge'" in label.text()
    label.linkActivated.emit("recharge")
    assert dialog.ui.settingsTabs.currentWidget() is dialog.ui.rechargeTab
    dialog.balance.set_forecast(Forecast(5000, per_week=100, weeks_left=50))
    assert label.isHidden()
