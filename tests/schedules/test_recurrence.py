"""Recurrence rules: month ends, ends by date and count, Casablanca's clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import islice, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sobrus_comm.domain.recurrence import (
    CATCH_UP_WINDOW,
    DUE_GRACE,
    Frequency,
    Recurrence,
    RecurrenceError,
    campaign_id,
    due_state,
    message_id,
    month_day,
    occurrences_after,
    to_instant,
)
from sobrus_comm.services.pharmacy_clock import pharmacy_zone

TZ = pharmacy_zone()  # from the tzdata package, whatever the system has


def monthly(day: int, **kw: object) -> Recurrence:
    return Recurrence(Frequency.MONTHLY, time(9, 0), date(2026, 1, 1), day_of_month=day,
                      **kw)  # type: ignore[arg-type]


def test_the_31st_falls_on_the_last_day_of_shorter_months() -> None:
    days = [d.date() for d in islice(monthly(31).local_times(), 5)]
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31),
                    date(2026, 4, 30), date(2026, 5, 31)]
    assert month_day(2028, 2, 31) == date(2028, 2, 29)  # leap year
    assert "dernier jour des mois plus courts" in monthly(31).describe_fr()


def test_monthly_starts_on_or_after_the_start_date() -> None:
    rule = Recurrence(Frequency.MONTHLY, time(9, 0), date(2026, 1, 15), day_of_month=1)
    assert next(rule.local_times()) == datetime(2026, 2, 1, 9, 0)


def test_end_date_is_inclusive_and_count_limits() -> None:
    by_date = monthly(1, until=date(2026, 3, 1))
    assert [d.month for d in by_date.local_times()] == [1, 2, 3]
    by_count = Recurrence(Frequency.WEEKLY, time(8, 30), date(2026, 11, 30), weekday=4,
                          count=3)
    assert [d.date() for d in by_count.local_times()] == [
        date(2026, 12, 4), date(2026, 12, 11), date(2026, 12, 18)]
    once = Recurrence(Frequency.ONCE, time(10, 0), date(2026, 12, 7))
    assert list(once.local_times()) == [datetime(2026, 12, 7, 10, 0)]


def test_invalid_rules_are_refused_in_french() -> None:
    with pytest.raises(RecurrenceError, match="jour du mois"):
        Recurrence(Frequency.MONTHLY, time(9), date(2026, 1, 1), day_of_month=32)
    with pytest.raises(RecurrenceError, match="date de fin"):
        monthly(1, until=date(2025, 1, 1))


def test_crossing_an_offset_change_keeps_the_local_time() -> None:
    # Casablanca is at UTC+1 until 20/09/2026, then at UTC+0 for good (tzdata 2026).
    rule = Recurrence(Frequency.WEEKLY, time(9, 0), date(2026, 9, 14), weekday=0, count=2)
    first, second = occurrences_after(rule, TZ, None)
    assert first.at == datetime(2026, 9, 14, 8, 0, tzinfo=UTC)
    assert second.at == datetime(2026, 9, 21, 9, 0, tzinfo=UTC)
    assert second.at - first.at == timedelta(days=7, hours=1)


def test_shipped_tz_data_has_no_ramadan_switch_in_2027() -> None:
    # Old tz data predicts a Ramadan switch in 2027; the data we ship says UTC+0 all year.
    for month in (1, 2, 3, 4, 6, 12):
        assert datetime(2027, month, 15, 12, tzinfo=TZ).utcoffset() == timedelta(0)


def test_a_local_time_that_does_not_exist_runs_later_by_the_jump() -> None:
    # 22/03/2026: clocks jump from 02:00 (UTC+0) to 03:00 (UTC+1); 02:30 never happens.
    at = to_instant(datetime(2026, 3, 22, 2, 30), TZ)
    assert at == datetime(2026, 3, 22, 2, 30, tzinfo=UTC)
    assert at.astimezone(TZ).replace(tzinfo=None) == datetime(2026, 3, 22, 3, 30)


def test_a_local_time_that_occurs_twice_runs_once_at_the_first() -> None:
    # 20/09/2026: clocks go back from 02:00 (UTC+1) to 01:00 (UTC+0); 01:30 happens twice.
    rule = Recurrence(Frequency.ONCE, time(1, 30), date(2026, 9, 20))
    (only,) = occurrences_after(rule, TZ, None)
    assert only.at == datetime(2026, 9, 20, 0, 30, tzinfo=UTC)
    # An hour later, at the second 01:30, nothing is due again: it was handled.
    later = due_state(rule, TZ, only.key, only.at + timedelta(hours=1))
    assert later.run is None and later.offer is None and later.finished


def test_due_now_offer_and_missed() -> None:
    rule = monthly(1)
    dec = to_instant(datetime(2026, 12, 1, 9, 0), TZ)
    assert due_state(rule, TZ, "2026-11-01T09:00", dec + DUE_GRACE).run is not None
    offered = due_state(rule, TZ, "2026-10-01T09:00", dec + timedelta(hours=2))
    assert offered.run is None and offered.offer is not None
    assert offered.offer.key == "2026-12-01T09:00"
    assert [m.key for m in offered.missed] == ["2026-11-01T09:00"]
    assert offered.next is not None and offered.next.key == "2027-01-01T09:00"
    too_old = due_state(rule, TZ, "2026-11-01T09:00", dec + CATCH_UP_WINDOW + timedelta(1))
    assert too_old.offer is None and [m.key for m in too_old.missed] == ["2026-12-01T09:00"]


def test_ids_are_the_same_on_every_workstation_and_differ_per_client() -> None:
    a = message_id("sched-1", "2026-12-01T09:00", 7)
    assert a == message_id("sched-1", "2026-12-01T09:00", 7)
    assert a != message_id("sched-1", "2026-12-01T09:00", 8)
    assert a != message_id("sched-1", "2027-01-01T09:00", 7)
    assert campaign_id("sched-1", "2026-12-01T09:00") != campaign_id("sched-2",
                                                                     "2026-12-01T09:00")


@given(st.integers(1, 31), st.dates(date(2024, 1, 1), date(2030, 12, 31)))
def test_monthly_occurrences_are_increasing_one_per_month(day: int, start: date) -> None:
    rule = Recurrence(Frequency.MONTHLY, time(9, 0), start, day_of_month=day)
    times = list(islice(rule.local_times(), 14))
    assert all(a < b for a, b in pairwise(times))
    months = [(t.year, t.month) for t in times]
    assert len(set(months)) == len(months)
    assert all(t.day == day or (t.day < day and (t + timedelta(days=1)).day == 1)
               for t in times)
    assert times[0].date() >= start
