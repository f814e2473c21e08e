"""PAKN limits in working days (REGULATION.md §4.3): refuse 2, first supplement 5, handle 15,
publish 2; counted from submission or the latest transfer; effective-dated; across holidays."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.core.calendar import WorkingCalendar
from motcua.core.services import calendar_entries_from_package
from motcua.feedback.deadlines import (
    DUE_SOON,
    ON_TIME,
    OVERDUE,
    deadline_state,
    feedback_deadlines,
    limits_on,
    limits_table,
    publish_by,
    working_days_left,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(m: int, d: int, hh: int = 0, mm: int = 0, y: int = 2026) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    entries = calendar_entries_from_package(years=range(2025, 2028))
    return WorkingCalendar(
        holidays=frozenset(e.date for e in entries),
        swapped_workdays=frozenset(e.swapped_workday for e in entries if e.swapped_workday),
    )


def test_the_four_limits_from_a_submission_on_an_ordinary_week(cal: WorkingCalendar) -> None:
    # Mon 9/3/2026 09:00; a working day is 8 h (07:00-11:30, 13:30-17:00).
    due = feedback_deadlines(clock_start=at(3, 9, 9), calendar=cal)
    assert due.refuse_by == at(3, 11, 9)  # Wednesday 09:00
    assert due.first_supplement_by == at(3, 16, 9)  # next Monday
    assert due.handle_by == at(3, 30, 9)  # three weeks on
    assert publish_by(ready_at=at(3, 27, 16), calendar=cal) == at(3, 31, 16)


def test_a_limit_runs_across_the_independence_day_holiday(cal: WorkingCalendar) -> None:
    # Quốc khánh 2026: Mon 31/8 (swapped for Sat 22/8), Tue 1/9, Wed 2/9 are off. Submitted
    # Fri 28/8 at 09:00: 6 h that day, 8 h on Thu 3/9, 2 h on Fri 4/9.
    assert not any(cal.is_working_day(date(y, m, d)) for y, m, d in
                   ((2026, 8, 31), (2026, 9, 1), (2026, 9, 2)))  # fmt: skip
    due = feedback_deadlines(clock_start=at(8, 28, 9), calendar=cal)
    assert due.refuse_by == at(9, 4, 9)


def test_a_submission_on_a_sunday_starts_the_clock_on_monday(cal: WorkingCalendar) -> None:
    due = feedback_deadlines(clock_start=at(3, 8, 20), calendar=cal)
    assert due.refuse_by == at(3, 10, 17)  # Mon 07:00 + 16 working hours = Tue 17:00


def test_a_transfer_restarts_the_clock(cal: WorkingCalendar) -> None:
    first = feedback_deadlines(clock_start=at(3, 9, 9), calendar=cal)
    moved = feedback_deadlines(clock_start=at(3, 20, 9), calendar=cal)  # transferred on day 9
    assert moved.handle_by > first.handle_by
    assert moved.handle_by == at(4, 10, 9)


def test_limits_are_effective_dated_and_checked() -> None:
    table = limits_table([
        {"from": "2022-06-23", "refuse": 2, "first_supplement": 5, "handle": 15, "publish": 2},
        {"from": "2026-07-01", "refuse": 3, "first_supplement": 5, "handle": 10, "publish": 1},
    ])  # fmt: skip
    assert limits_on(date(2026, 6, 30), table).handle == 15
    assert limits_on(date(2026, 7, 1), table).handle == 10
    assert limits_on(date(2020, 1, 1), table).handle == 15  # before the first: the first
    with pytest.raises(ValueError, match="negative"):
        limits_table([{"from": "2026-01-01", "refuse": -1, "first_supplement": 5,
                       "handle": 15, "publish": 2}])  # fmt: skip
    with pytest.raises(ValueError, match="empty"):
        limits_table([])


def test_an_item_keeps_the_limits_in_force_when_its_clock_started(cal: WorkingCalendar) -> None:
    table = limits_table([
        {"from": "2022-06-23", "refuse": 2, "first_supplement": 5, "handle": 15, "publish": 2},
        {"from": "2026-03-10", "refuse": 2, "first_supplement": 5, "handle": 10, "publish": 2},
    ])  # fmt: skip
    before = feedback_deadlines(clock_start=at(3, 9, 9), calendar=cal, table=table)
    after = feedback_deadlines(clock_start=at(3, 10, 9), calendar=cal, table=table)
    assert before.limits.handle == 15 and after.limits.handle == 10


def test_warning_before_the_limit_and_overdue_after(cal: WorkingCalendar) -> None:
    due = at(3, 30, 9)
    assert deadline_state(due, now=at(3, 20, 9), calendar=cal, warn_days=2) == ON_TIME
    assert deadline_state(due, now=at(3, 26, 9), calendar=cal, warn_days=2) == DUE_SOON
    assert deadline_state(due, now=at(3, 30, 10), calendar=cal, warn_days=2) == OVERDUE
    assert working_days_left(due, now=at(3, 26, 9), calendar=cal) == 2.0
    assert working_days_left(due, now=at(3, 31, 9), calendar=cal) == -1.0
