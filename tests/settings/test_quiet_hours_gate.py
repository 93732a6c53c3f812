"""Quiet hours holding a promotion back: held by the campaign service (paused in the
outbox), released when the window opens (by the gate's own timer), and held again after a
restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.gui.widgets.quiet_hours_gate import QUIET_HOURS_REASON, QuietHoursGate
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.preferences import MemoryStore, Preferences, PreferencesService
from sobrus_comm.store import Database
from sobrus_comm.store.outbox import CampaignState, OutboxMessage

MONDAY_0859 = datetime(2026, 5, 4, 8, 59, 59, 700_000)  # 0.3 s before promotions may go


def clock_from(start: datetime) -> Callable[[], datetime]:
    """A clock that runs at real speed from ``start``: the gate's timer really fires."""
    origin = datetime.now()

    def now() -> datetime:
        return start + (datetime.now() - origin)

    return now


def promotion(db: Database, category: str = "promotional") -> str:
    message = OutboxMessage(phone_e164="+212612345678", text="-20 % sur les crèmes solaires",
                            client_id=1, client_name="Fatima-Zahra El Amrani")
    return db.outbox.create_campaign([message], label="Promotion crèmes solaires",
                                     category=category)


@pytest.fixture
def prefs() -> PreferencesService:
    service = PreferencesService(MemoryStore())
    service.save(Preferences())  # default: 20:00–09:00 and Sundays
    return service


def rules_of(prefs: PreferencesService) -> Callable[[], QuietHoursRules]:
    def rules() -> QuietHoursRules:  # read each time: the user may change them meanwhile
        return prefs.load().quiet_hours

    return rules


def gate_on(db: Database, prefs: PreferencesService,
            now: Callable[[], datetime]) -> tuple[CampaignService, QuietHoursGate]:
    campaigns = CampaignService(db, rules_of(prefs), now=now)
    return campaigns, QuietHoursGate(campaigns, now=now)


def hold(campaigns: CampaignService, gate: QuietHoursGate, campaign_id: str) -> datetime:
    held = campaigns.begin(campaign_id)
    assert held is not None
    return gate.watch(held)


def test_promotion_held_until_the_window_opens(qtbot: QtBot, db: Database,
                                               prefs: PreferencesService) -> None:
    campaigns, gate = gate_on(db, prefs, clock_from(MONDAY_0859))
    reminder = promotion(db, "transactional")
    assert campaigns.begin(reminder) is None  # reminders are never held
    assert db.outbox.progress(reminder).state == CampaignState.SENDING
    release = datetime(2026, 5, 4, 9, 0)

    campaign_id = promotion(db)
    with qtbot.waitSignal(gate.sig_held) as held:
        hold(campaigns, gate, campaign_id)
    assert held.args == [campaign_id, release]
    progress = db.outbox.progress(campaign_id)
    assert progress.state == CampaignState.PAUSED
    assert progress.pause_reason == QUIET_HOURS_REASON
    assert progress.pending == 1  # queued, nothing sent

    with qtbot.waitSignal(gate.sig_released, timeout=5_000) as released:
        pass  # nothing to do: 09:00 comes by itself
    assert released.args == [campaign_id]
    assert db.outbox.progress(campaign_id).state == CampaignState.SENDING
    assert gate.held() == {}


def test_held_again_after_a_restart_and_rules_read_live(
        qtbot: QtBot, db: Database, prefs: PreferencesService) -> None:
    sunday_evening = datetime(2026, 5, 10, 21, 0)
    first_campaigns, first_run = gate_on(db, prefs, lambda: sunday_evening)
    campaign_id = promotion(db)
    assert hold(first_campaigns, first_run, campaign_id) == datetime(2026, 5, 11, 9, 0)

    # The app restarts at 23:00: the campaign is still waiting.
    late = sunday_evening + timedelta(hours=2)
    _campaigns, second_run = gate_on(db, prefs, lambda: late)
    with qtbot.waitSignal(second_run.sig_checked):
        second_run.restore()
    assert second_run.held() == {campaign_id: datetime(2026, 5, 11, 9, 0)}

    # The pharmacist turns quiet hours off in Paramètres: it goes at the next check.
    prefs.save(Preferences(quiet_hours=QuietHoursRules(enabled=False)))
    with qtbot.waitSignal(second_run.sig_released) as released:
        second_run.check_now()
    assert released.args == [campaign_id]


def test_cancelled_while_held_is_not_released(qtbot: QtBot, db: Database,
                                              prefs: PreferencesService) -> None:
    now = datetime(2026, 5, 4, 22, 0)
    campaigns, gate = gate_on(db, prefs, lambda: now)
    campaign_id = promotion(db)
    hold(campaigns, gate, campaign_id)
    db.outbox.cancel(campaign_id)
    prefs.save(Preferences(quiet_hours=QuietHoursRules(start=time(23), end=time(23),
                                                       quiet_weekdays=frozenset())))
    with qtbot.assertNotEmitted(gate.sig_released), qtbot.waitSignal(gate.sig_checked):
        gate.check_now()
    assert gate.held() == {}
