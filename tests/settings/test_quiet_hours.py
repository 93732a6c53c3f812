"""Quiet hours for promotions: the pure rule, without Qt."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.quiet_hours import (
    NoAllowedTime,
    QuietHoursRules,
    format_release_fr,
    hold_until,
    is_quiet,
    next_allowed,
)

DEFAULT = QuietHoursRules()
# 2026-05-04 is a Monday.
MON = datetime(2026, 5, 4)


def at(day_offset: int, hh: int, mm: int = 0) -> datetime:
    return MON + timedelta(days=day_offset, hours=hh, minutes=mm)


@pytest.mark.parametrize(
    ("when", "quiet"),
    [
        (at(0, 8, 59), True),
        (at(0, 9, 0), False),  # the window opens at 09:00 sharp
        (at(0, 19, 59), False),
        (at(0, 20, 0), True),
        (at(0, 23, 30), True),
        (at(1, 0, 10), True),
        (at(6, 12, 0), True),  # Sunday, all day
        (at(5, 12, 0), False),  # Saturday noon
    ],
)
def test_default_rules(when: datetime, quiet: bool) -> None:
    assert is_quiet(when, DEFAULT) is quiet


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(0, 10, 0), at(0, 10, 0)),  # not quiet: now
        (at(0, 21, 15), at(1, 9, 0)),  # Monday evening → Tuesday morning
        (at(1, 3, 0), at(1, 9, 0)),  # after midnight → this morning
        (at(5, 20, 30), at(7, 9, 0)),  # Saturday evening → Monday 09:00 (Sunday is quiet)
        (at(6, 11, 0), at(7, 9, 0)),  # Sunday → Monday 09:00
    ],
)
def test_next_allowed_default(when: datetime, expected: datetime) -> None:
    assert next_allowed(when, DEFAULT) == expected


def test_same_day_window_and_midnight_boundary() -> None:
    lunch = QuietHoursRules(start=time(12, 30), end=time(14, 0), quiet_weekdays=frozenset({6}))
    assert is_quiet(at(0, 13, 0), lunch)
    assert not is_quiet(at(0, 21, 0), lunch)
    assert next_allowed(at(0, 13, 0), lunch) == at(0, 14, 0)
    # Sunday with no nightly window at 00:00 Monday: allowed from midnight.
    assert next_allowed(at(6, 13, 0), lunch) == at(7, 0, 0)


def test_disabled_and_no_window() -> None:
    assert not is_quiet(at(6, 23, 0), QuietHoursRules(enabled=False))
    days_only = QuietHoursRules(start=time(9), end=time(9))
    assert not is_quiet(at(0, 23, 0), days_only)
    assert is_quiet(at(6, 23, 0), days_only)


def test_every_day_quiet_raises_a_french_error() -> None:
    rules = QuietHoursRules(quiet_weekdays=frozenset(range(7)))
    with pytest.raises(NoAllowedTime, match="aucune promotion"):
        next_allowed(at(0, 10), rules)


def test_keeps_tzinfo() -> None:
    when = datetime(2026, 5, 4, 22, 0, tzinfo=UTC)
    assert next_allowed(when, DEFAULT) == datetime(2026, 5, 5, 9, 0, tzinfo=UTC)


def test_french_descriptions() -> None:
    assert DEFAULT.describe_fr() == "de 20:00 à 09:00 et le dimanche"
    two = QuietHoursRules(quiet_weekdays=frozenset({5, 6}))
    assert two.describe_fr() == "de 20:00 à 09:00 et les samedi et dimanche"
    assert format_release_fr(at(1, 9), at(0, 21)) == "demain à 09:00"
    assert format_release_fr(at(7, 9), at(5, 21)) == "lundi 11/05 à 09:00"


rules_strategy = st.builds(
    QuietHoursRules,
    enabled=st.booleans(),
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    quiet_weekdays=st.frozensets(st.integers(0, 6), max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(rules=rules_strategy,
       when=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)))
def test_next_allowed_is_the_first_allowed_minute(rules: QuietHoursRules, when: datetime) -> None:
    when = when.replace(second=0, microsecond=0)
    release = next_allowed(when, rules)
    assert release >= when
    assert not is_quiet(release, rules)
    # Every whole minute before it is quiet (probe a few, from both ends).
    minutes = int((release - when).total_seconds() // 60)
    for m in {0, 1, minutes // 2, minutes - 1} - {minutes}:
        if 0 <= m < minutes:
            assert is_quiet(when + timedelta(minutes=m), rules)


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1)),
       st.sampled_from(["promotional", "transactional"]), st.booleans(), st.booleans())
@settings(max_examples=300, deadline=None)
def test_hold_until_is_the_one_rule_of_holding(now: datetime, category: str, is_test: bool,
                                               enabled: bool) -> None:
    rules = QuietHoursRules(enabled=enabled)
    held = hold_until(category, now, rules, is_test=is_test)
    if category != "promotional" or is_test or not is_quiet(now, rules):
        assert held is None  # reminders and tests never wait, nor anything outside the hours
    else:
        assert held == next_allowed(now, rules) and held > now
    assert hold_until(category, now, None, is_test=is_test) is None  # no rules: never held
