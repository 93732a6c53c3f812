"""Running scheduled occurrences against the sandbox, with the test's clock.

The plan is rebuilt at run time from freshly synced data; the ids derive from the
occurrence, so the sandbox accepts each SMS once; the history names the schedule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.recurrence import campaign_id
from sobrus_comm.domain.schedules import RunResult
from sobrus_comm.services.schedules import RunOutcome
from tests.schedules.conftest import Clock, Station, monthly_reminder, open_station

DUE = datetime(2026, 12, 1, 9, 0)
KEY = "2026-12-01T09:00"


def _due_clients(station: Station) -> list[int]:
    return [c.id for c in station.db.clients.list_all() if c.balance_due > Decimal("0")]


def two_stations(tmp_path: Path, make_api: Callable[[], SobrusApi],
                 clock: Clock) -> tuple[Station, Station]:
    """Two workstations on their own caches; A made the monthly reminder, B knows it."""
    a = open_station(tmp_path / "a.sqlite3", make_api, clock)
    b = open_station(tmp_path / "b.sqlite3", make_api, clock)
    a.service.save(monthly_reminder(a))
    with make_api() as api:
        a.service.sync(api)
        b.service.sync(api)
    return a, b


def test_monthly_reminder_runs_and_skips_a_client_who_paid_meanwhile(
        station: Station, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    station.service.save(monthly_reminder(station))
    with make_api() as api:
        station.service.sync(api)
    assert station.service.due().run == ()  # 30/11 at noon: nothing due yet
    owing = _due_clients(station)
    payer = owing[0]
    sandbox.control.update_client(payer, balance_due="0.00")  # pays after the last sync

    station.clock.set_local(DUE + timedelta(minutes=1))
    report = station.service.due()
    assert [d.occurrence.key for d in report.run] == [KEY]
    with make_api() as api:
        outcome = station.service.run(api, report.run[0])
    assert outcome.result == RunResult.SENT

    sent = sandbox.control.sent(campaign_id=campaign_id("sched-monthly", KEY))
    sent_to = {item["client_id"] for item in sent["items"]}
    assert payer not in sent_to
    assert sent_to and sent_to <= set(owing)
    assert all(item["receipts"] == 1 for item in sent["items"])
    # The history names the schedule; the run is recorded for every workstation.
    labels = station.db.outbox.labels()
    assert "Rappel mensuel" in labels[outcome.campaign_id or ""][0]
    with make_api() as api:  # « Nature » in every desk's history: sent by a schedule
        kinds = {c.kind for page in api.iter_communications() for c in page.items
                 if c.campaign_id == outcome.campaign_id}
    assert kinds == {"scheduled"}
    with make_api() as api:
        remote = {s.uid: s for s in api.schedules().items}["sched-monthly"]
    assert remote.last_key == KEY and remote.last_result == "sent"
    assert station.service.due().run == ()  # never twice


def test_two_workstations_due_at_once_send_each_sms_once(
        tmp_path: Path, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox,
        clock: Clock) -> None:
    a, b = two_stations(tmp_path, make_api, clock)
    clock.set_local(DUE)
    assert len(a.service.due().run) == len(b.service.due().run) == 1
    # Both at the same moment, each in its own thread with its own client.
    def run(station: Station) -> RunOutcome:
        with make_api() as api:
            return station.service.run(api, station.service.due().run[0])

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(run, (a, b)))
    assert RunResult.SENT in [o.result for o in outcomes]
    sent = sandbox.control.sent(campaign_id=campaign_id("sched-monthly", KEY))
    ids = [item["client_message_id"] for item in sent["items"]]
    planned = max(s.db.outbox.progress(campaign_id("sched-monthly", KEY)).total  # type: ignore[union-attr]
                  for s, o in zip((a, b), outcomes, strict=True) if o.result == RunResult.SENT)
    assert len(ids) == len(set(ids)) == planned > 0
    a.db.close()
    b.db.close()


def test_deleted_template_pauses_the_schedule_and_sends_nothing(
        station: Station, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    with make_api() as api:
        doomed = api.create_template("Éphémère", "Bonjour {prenom}, solde {solde}.")
    station.service.save(monthly_reminder(station, template_id=int(doomed.id or 0)))
    with make_api() as api:
        station.service.sync(api)
        api.delete_template(int(doomed.id or 0))
    station.clock.set_local(DUE)
    (due,) = station.service.due().run
    before = sandbox.control.sent()["count"]
    with make_api() as api:
        outcome = station.service.run(api, due)
    assert outcome.result == RunResult.PAUSED and "supprimé" in outcome.detail
    assert sandbox.control.sent()["count"] == before
    schedule = station.service.get("sched-monthly")
    assert schedule is not None and schedule.paused and "supprimé" in schedule.pause_reason


def test_a_run_the_credits_cannot_cover_sends_nothing_and_pauses(
        station: Station, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    station.service.save(monthly_reminder(station))
    sandbox.control.set_balance(2)
    station.clock.set_local(DUE)
    (due,) = station.service.due().run
    before = sandbox.control.sent()["count"]
    with make_api() as api:
        outcome = station.service.run(api, due)
    assert outcome.result == RunResult.PAUSED and "Crédits insuffisants" in outcome.detail
    assert sandbox.control.sent()["count"] == before


def test_closed_over_the_due_time_offers_catch_up_and_skip_sends_nothing(
        station: Station, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    station.service.save(monthly_reminder(station))
    with make_api() as api:
        station.service.sync(api)
    station.clock.set_local(DUE + timedelta(hours=5))  # opened at 14:00
    report = station.service.due()
    assert report.run == () and len(report.offer) == 1
    question = report.offer[0].question_fr()
    assert "prévu le 01/12 à 09:00 n'a pas été envoyé" in question
    before = sandbox.control.sent()["count"]
    station.service.skip("sched-monthly", report.offer[0].occurrence.key)
    with make_api() as api:
        station.service.sync(api)
    assert sandbox.control.sent()["count"] == before
    assert station.service.due().offer == ()
    with make_api() as api:
        remote = {s.uid: s for s in api.schedules().items}["sched-monthly"]
    assert remote.last_result == "skipped"


def test_credit_warning_a_day_ahead(station: Station, sandbox: RunningSandbox,
                                    make_api: Callable[[], SobrusApi]) -> None:
    station.service.save(monthly_reminder(station))
    station.db.balance.set(1)
    station.clock.set_local(DUE - timedelta(hours=20))
    (warning,) = station.service.credit_warnings()
    assert "Rappel mensuel" in warning.text and "Rechargez" in warning.text
    station.db.balance.set(100_000)
    assert station.service.credit_warnings() == []


def test_a_new_schedule_owes_nothing_before_its_creation_on_any_workstation(
        tmp_path: Path, make_api: Callable[[], SobrusApi], clock: Clock) -> None:
    from datetime import date, time

    from sobrus_comm.domain.recurrence import Frequency, Recurrence

    # Made at 15:00 for every day-of-week… starting today at 09:00: today's is not owed.
    clock.set_local(datetime(2026, 11, 30, 15, 0))
    a = open_station(tmp_path / "a.sqlite3", make_api, clock)
    b = open_station(tmp_path / "b.sqlite3", make_api, clock)
    weekly = Recurrence(Frequency.WEEKLY, time(9, 0), date(2026, 11, 30), weekday=0)
    a.service.save(dataclasses.replace(monthly_reminder(a), rule=weekly))
    with make_api() as api:
        a.service.sync(api)
        b.service.sync(api)
    for station in (a, b):
        report = station.service.due()
        assert report.run == () and report.offer == () and report.missed == 0
    a.db.close()
    b.db.close()


def test_edits_on_two_workstations_conflict_and_nothing_is_overwritten(
        tmp_path: Path, make_api: Callable[[], SobrusApi], clock: Clock) -> None:
    a, b = two_stations(tmp_path, make_api, clock)
    on_a = a.service.get("sched-monthly")
    on_b = b.service.get("sched-monthly")
    assert on_a is not None and on_b is not None
    a.service.save(dataclasses.replace(on_a, name="Rappel du 1er"))
    b.service.save(dataclasses.replace(on_b, name="Rappel mensuel des soldes"))
    with make_api() as api:
        a.service.sync(api)
        b.service.sync(api)  # based on a version A replaced: a conflict, not an overwrite
        (row,) = b.service.rows()
        assert row.conflict and row.schedule.name == "Rappel mensuel des soldes"
        assert {s.name for s in api.schedules().items} == {"Rappel du 1er"}
        b.service.keep_mine("sched-monthly")
        b.service.sync(api)
        assert {s.name for s in api.schedules().items} == {"Rappel mensuel des soldes"}
        a.service.sync(api)
    assert [r.schedule.name for r in a.service.rows()] == ["Rappel mensuel des soldes"]
    assert not b.service.rows()[0].conflict
    a.db.close()
    b.db.close()


def test_a_promotion_due_in_quiet_hours_waits_for_the_morning_then_goes_once(
        tmp_path: Path, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox,
        clock: Clock) -> None:
    from datetime import date, time

    from sobrus_comm.domain.models import Objective
    from sobrus_comm.domain.quiet_hours import QuietHoursRules
    from sobrus_comm.domain.recurrence import Frequency, Recurrence
    from sobrus_comm.domain.schedules import RecipientsRule, Schedule

    station = open_station(tmp_path / "c.sqlite3", make_api, clock, quiet=QuietHoursRules())
    promo = next(t for t in station.db.templates.list_all() if t.name.startswith("Promotion"))
    evening = Recurrence(Frequency.ONCE, time(21, 0), date(2026, 12, 2))  # a Wednesday
    station.service.save(Schedule("sched-promo", "Promo du soir", Objective.CUSTOM_TEMPLATE,
                                  int(promo.id or 0), RecipientsRule.ALL, evening))
    clock.set_local(datetime(2026, 12, 2, 21, 0))
    (due,) = station.service.due().run
    with make_api() as api:
        held = station.service.run(api, due)
    assert held.result == RunResult.HELD
    cid = campaign_id("sched-promo", "2026-12-02T21:00")
    assert sandbox.control.sent(campaign_id=cid)["count"] == 0  # not in the evening
    clock.set_local(datetime(2026, 12, 2, 23, 30))
    assert station.service.due().run == ()  # still quiet
    clock.set_local(datetime(2026, 12, 3, 9, 1))  # the morning
    (morning,) = station.service.due().run
    with make_api() as api:
        sent = station.service.run(api, morning)
    assert sent.result == RunResult.SENT
    total = station.db.outbox.progress(cid).total  # type: ignore[union-attr]
    items = sandbox.control.sent(campaign_id=cid)["items"]
    assert len({i["client_message_id"] for i in items}) == len(items) == total > 0
    # A scheduled promotion obeys consent like one sent from the dialog.
    from sobrus_comm.domain.consent import ConsentState
    from sobrus_comm.services.consent import ConsentService
    states = ConsentService(station.db).states()
    assert all(states.get(i["client_id"]) == ConsentState.GRANTED for i in items)
    assert station.service.due().run == ()
    with make_api() as api:  # every workstation learns it was sent in the end
        remote = {s.uid: s for s in api.schedules().items}["sched-promo"]
    assert remote.last_result == "sent"
    station.db.close()


def test_another_workstation_learns_the_run_and_tags_its_sms(
        tmp_path: Path, make_api: Callable[[], SobrusApi], clock: Clock) -> None:
    from sobrus_comm.services.campaigns import CampaignService

    a, b = two_stations(tmp_path, make_api, clock)
    clock.set_local(DUE)
    with make_api() as api:
        assert a.service.run(api, a.service.due().run[0]).result == RunResult.SENT
        clock.set_local(DUE + timedelta(hours=1))  # B opens later: nothing to offer
        b.service.sync(api)
    report = b.service.due()
    assert report.run == () and report.offer == ()
    labels = CampaignService(b.db).labels()
    assert labels[campaign_id("sched-monthly", KEY)] == \
        "Envoi programmé « Rappel mensuel » du 01/12/2026 09:00"
    a.db.close()
    b.db.close()


def test_the_coming_runs_count_in_the_credit_forecast(station: Station) -> None:
    """Issue 12 with issue 15: the forecast takes off what the schedules will spend."""
    from sobrus_comm.services.credits import CreditService

    assert station.service.planned_credits() == 0  # nothing scheduled yet
    station.service.save(monthly_reminder(station))  # 01/12, then every 1st of the month
    one_run = station.service.planned_credits(within=timedelta(days=7))
    assert one_run > 0
    # The reminder reaches the clients who owe, one SMS (or more parts) each.
    assert one_run >= len(_due_clients(station))
    # Over about three months: the runs of 01/12, 01/01 and 01/02, each priced alike.
    assert station.service.planned_credits(within=timedelta(days=70)) == 3 * one_run
    credits = CreditService(station.db, planned=station.service.planned_credits)
    outlook = credits.overview(station.clock.now).forecast
    assert outlook is not None and outlook.planned == one_run  # the default 4 weeks
