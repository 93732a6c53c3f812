"""« Envois programmés » in the GUI: « Programmer… », the editor, the view, and the
catch-up question at start with the scheduler worker against the sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.models import Objective
from sobrus_comm.domain.recurrence import Frequency
from sobrus_comm.domain.schedules import RecipientsRule, ScheduleDraft
from sobrus_comm.gui.schedules.dialog import SchedulesDialog
from sobrus_comm.gui.schedules.editor import ScheduleEditorDialog
from sobrus_comm.gui.schedules.model import COL_LAST, COL_NEXT, COL_STATE
from sobrus_comm.gui.schedules.scheduling import SKIP, Scheduling
from sobrus_comm.services.send_planning import SendContext
from tests.grouped_send.data import PHARMACIST, PHARMACY, TODAY, demo_database
from tests.grouped_send.test_dialog import choose_template, open_dialog
from tests.schedules.conftest import Station, monthly_reminder
from tests.schedules.test_runs import DUE

NOW = datetime(2026, 11, 30, 15, 0)
REMINDER = ScheduleDraft(Objective.BALANCE_REMINDER, 1, "Rappel de solde",
                         RecipientsRule.ALL_DUE)


def test_programmer_hands_the_dialog_choices_to_the_editor(
        qtbot: QtBot, tmp_path: Path) -> None:
    db = demo_database(tmp_path / "cache.sqlite3", n=20)
    dialog = open_dialog(qtbot, SendContext(db, PHARMACIST, PHARMACY, today=lambda: TODAY))
    dialog.ui.objectiveBalanceReminder.setChecked(True)
    choose_template(dialog, "Rappel")
    assert dialog.ui.scheduleButton.isEnabled()
    with qtbot.waitSignal(dialog.sig_schedule_requested) as got:
        dialog.ui.scheduleButton.click()
    draft = got.args[0]
    assert isinstance(draft, ScheduleDraft)
    assert draft.recipients == RecipientsRule.ALL_DUE and draft.client_ids == ()
    assert draft.template_id == dialog.template().id  # type: ignore[union-attr]
    dialog.close()
    db.close()


def test_ticked_clients_stay_those_clients() -> None:
    draft = ScheduleDraft.from_selection(Objective.CUSTOM_TEMPLATE, 2, "Promo",
                                         frozenset({5, 3}), min_balance=0)  # type: ignore[arg-type]
    assert draft.recipients == RecipientsRule.TICKED and draft.client_ids == (3, 5)
    assert ScheduleDraft.from_selection(Objective.CUSTOM_TEMPLATE, 2, "Promo", frozenset(),
                                        0).recipients == RecipientsRule.ALL  # type: ignore[arg-type]


def test_editor_builds_a_monthly_rule_and_says_what_the_31st_means(qtbot: QtBot) -> None:
    editor = ScheduleEditorDialog(draft=REMINDER, uid="u-1", now=NOW)
    qtbot.addWidget(editor)
    ui = editor.ui
    ui.frequencyCombo.setCurrentIndex(2)
    ui.dayOfMonthSpin.setValue(31)
    ui.endCombo.setCurrentIndex(2)
    ui.countSpin.setValue(3)
    assert "dernier jour des mois plus courts" in ui.ruleSummaryLabel.text()
    schedule = editor.schedule()
    assert schedule.uid == "u-1" and schedule.recipients == RecipientsRule.ALL_DUE
    rule = schedule.rule
    assert (rule.frequency, rule.day_of_month, rule.count) == (Frequency.MONTHLY, 31, 3)
    assert rule.start == date(2026, 12, 1)  # from tomorrow
    assert [d.date() for d in rule.local_times()] == [
        date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)]


def test_editor_refuses_a_one_off_already_past(qtbot: QtBot) -> None:
    editor = ScheduleEditorDialog(draft=REMINDER, uid="u-2", now=NOW)
    qtbot.addWidget(editor)
    ui = editor.ui
    ui.frequencyCombo.setCurrentIndex(0)
    ui.startDateEdit.setDate(NOW.date())  # today at 09:00: past
    ok = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "déjà passées" in ui.scheduleErrorLabel.text()
    ui.startDateEdit.setDate(NOW.date() + timedelta(days=1))
    assert ok.isEnabled()


def test_the_view_lists_next_run_state_and_last_result(
        qtbot: QtBot, qtmodeltester: object, station: Station) -> None:
    station.service.save(monthly_reminder(station))
    station.service.save(monthly_reminder(station, uid="sched-b"))
    station.service.set_paused("sched-b", True)
    dialog = SchedulesDialog()
    qtbot.addWidget(dialog)
    dialog.set_rows(station.service.rows())
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 2
    states = sorted(dialog.model.data(dialog.model.index(r, COL_STATE)) for r in range(2))
    assert states == ["actif", "en pause"]
    nexts = {dialog.model.data(dialog.model.index(r, COL_NEXT)) for r in range(2)}
    assert "01/12/2026 09:00" in nexts and "—" in nexts  # a paused one has no next run
    assert dialog.model.data(dialog.model.index(0, COL_LAST)) == "—"
    assert dialog.select("sched-b")
    assert dialog.ui.pauseButton.text() == "Reprendre"
    with qtbot.waitSignal(dialog.sig_pause) as got:
        dialog.ui.pauseButton.click()
    assert got.args == ["sched-b", False]
    dialog.ui.runNowButton.click()  # asks first, non-modally
    box = dialog.findChild(QMessageBox, "scheduleRunNowQuestion")
    assert box is not None
    with qtbot.waitSignal(dialog.sig_run_now) as run_now:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert run_now.args == ["sched-b"]
    dialog.ui.deleteButton.click()  # asks first, non-modally
    box = dialog.findChild(QMessageBox, "scheduleDeleteQuestion")
    assert box is not None and "sur aucun poste" in box.text()
    with qtbot.waitSignal(dialog.sig_delete) as deleted:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert deleted.args == ["sched-b"]


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QMainWindow]:
    w = QMainWindow()
    qtbot.addWidget(w)
    yield w


def test_restart_after_a_due_time_asks_and_skip_sends_nothing(
        qtbot: QtBot, station: Station, window: QMainWindow,
        make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    station.service.save(monthly_reminder(station))
    with make_api() as api:
        station.service.sync(api)
    # The app was closed at 09:00 and opens at 11:30: the question, no send.
    station.clock.set_local(DUE + timedelta(hours=2, minutes=30))
    before = sandbox.control.sent()["count"]
    scheduling = Scheduling()
    scheduling.attach(window, station.service)
    scheduling.start(make_api, can_send=True)
    try:
        qtbot.waitUntil(lambda: bool(scheduling.questions), timeout=15_000)
        box = scheduling.questions[0]
        assert box.objectName() == "catchUpQuestion"
        assert "prévu le 01/12 à 09:00 n'a pas été envoyé" in box.text()
        box.button(SKIP).click()
        assert not scheduling.questions

        def pushed() -> bool:  # recorded here and told to the backend
            run = station.db.schedules.run("sched-monthly", "2026-12-01T09:00")
            return run is not None and run.result == "skipped" and run.pushed

        qtbot.waitUntil(pushed, timeout=15_000)
    finally:
        scheduling.stop()
    assert sandbox.control.sent()["count"] == before
    with make_api() as api:
        remote = {s.uid: s for s in api.schedules().items}["sched-monthly"]
    assert remote.last_result == "skipped"


def test_a_due_run_goes_by_itself_and_the_history_names_it(
        qtbot: QtBot, station: Station, window: QMainWindow,
        make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    station.service.save(monthly_reminder(station))
    station.clock.set_local(DUE + timedelta(minutes=2))
    scheduling = Scheduling()
    scheduling.attach(window, station.service)
    scheduling.start(make_api, can_send=True)
    try:
        # The worker's signals reach the GUI thread queued: the status bar says the result.
        qtbot.waitUntil(lambda: "SMS envoy" in window.statusBar().currentMessage(),
                        timeout=20_000)
    finally:
        scheduling.stop()
    assert "« Rappel mensuel »" in window.statusBar().currentMessage()
    assert not scheduling.questions  # due now: no question asked
    labels = [label for label, _ in station.db.outbox.labels().values()]
    assert any("Envoi programmé « Rappel mensuel » du 01/12/2026 09:00" in lb for lb in labels)
