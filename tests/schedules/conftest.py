"""A sandbox on loopback, a logged-in API factory, and a workstation's cache and services.

The clock is the test's: each :class:`Station` reads ``clock.now`` (aware UTC), so a test
moves time to the occurrence instead of waiting for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.seed import PHARMACIST_PASSWORD, PHARMACIST_USERNAME
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread
from sobrus_comm.domain.frequency import Cap, FrequencyCaps
from sobrus_comm.domain.models import Objective
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.domain.recurrence import Frequency, Recurrence
from sobrus_comm.domain.schedules import RecipientsRule, Schedule
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.pharmacy_clock import pharmacy_zone
from sobrus_comm.services.schedules import ScheduleService
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store.db import Database, open_database

TZ = pharmacy_zone()


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 30, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def local(self) -> datetime:
        """The pharmacy's wall clock, naive (what the campaign service reads)."""
        return self.now.astimezone(TZ).replace(tzinfo=None)

    def set_local(self, local: datetime) -> None:
        self.now = local.replace(tzinfo=TZ).astimezone(UTC)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = run_in_thread(tmp_path / "sandbox.sqlite3", seed=5, clients=40, history=10,
                            credits=100_000, delivery_scale=0)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def make_api(sandbox: RunningSandbox) -> Callable[[], SobrusApi]:
    token = SobrusApi(sandbox.base_url).login(PHARMACIST_USERNAME, PHARMACIST_PASSWORD).token

    def make() -> SobrusApi:
        return SobrusApi(sandbox.base_url, token=token, timeout=(2.0, 5.0), retries=1,
                         backoff_factor=0.0)

    with make() as api:  # the demo's two schedules: each test makes its own
        for demo in api.schedules().items:
            api.delete_schedule(demo.uid)
    return make


@dataclass
class Station:
    """One workstation: its own cache, services and clock."""

    db: Database
    service: ScheduleService
    clock: Clock


def open_station(path: Path, make_api: Callable[[], SobrusApi], clock: Clock, *,
                 quiet: QuietHoursRules | None = None) -> Station:
    """``quiet``: the pharmacy's quiet hours (None: promotions are never held)."""
    db = open_database(path)
    with make_api() as api:
        SyncService(api, db).sync()
    campaigns = CampaignService(db, lambda: quiet, now=clock.local)
    # Consent as the app applies it (promotions to « accordé » only); no frequency caps
    # here: the sandbox stamps sends with the real time, not the test's clock.
    no_caps = FrequencyCaps(Cap(0, 0), Cap(0, 0))
    consent = ConsentService(db, now=clock).rules_source(lambda: no_caps)
    service = ScheduleService(db, campaigns, TZ, pharmacy_name="Al Amal",
                              quiet_rules=lambda: quiet, consent_rules=consent, now=clock)
    return Station(db, service, clock)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def station(tmp_path: Path, make_api: Callable[[], SobrusApi],
            clock: Clock) -> Iterator[Station]:
    s = open_station(tmp_path / "a" / "cache.sqlite3", make_api, clock)
    try:
        yield s
    finally:
        s.db.close()


def monthly_reminder(station: Station, uid: str = "sched-monthly",
                     template_id: int | None = None) -> Schedule:
    reminder = next(t for t in station.db.templates.list_all() if t.name == "Rappel de solde")
    return Schedule(
        uid=uid, name="Rappel mensuel", objective=Objective.BALANCE_REMINDER,
        template_id=template_id if template_id is not None else int(reminder.id or 0),
        recipients=RecipientsRule.ALL_DUE,
        rule=Recurrence(Frequency.MONTHLY, time(9, 0), date(2026, 12, 1), day_of_month=1))
