"""Working-day calendar: real Vietnamese holidays (Tết, swaps, weekend holidays), cut-offs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from motcua.core.calendar import CalendarError, WorkingCalendar, calendar_build
from motcua.core.services import calendar_entries_from_package

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    entries = calendar_entries_from_package(years=range(2020, 2028))
    return WorkingCalendar(
        holidays=frozenset(e.date for e in entries),
        swapped_workdays=frozenset(e.swapped_workday for e in entries if e.swapped_workday),
    )


# --- Tết -----------------------------------------------------------------------------------


def test_tet_2024_days_are_not_working_days(cal: WorkingCalendar) -> None:
    tet = [date(2024, 2, d) for d in range(8, 15)]
    assert not any(cal.is_working_day(d) for d in tet)
    assert cal.is_working_day(date(2024, 2, 7))
    assert cal.is_working_day(date(2024, 2, 15))


def test_three_days_received_before_tet_2024_end_after_it(cal: WorkingCalendar) -> None:
    # Wed 7/2 10:00: 5 h that day, then Thu 15/2 and Fri 16/2, then 3 h on Mon 19/2.
    assert cal.add_working_days(at(2024, 2, 7, 10), 3) == at(2024, 2, 19, 10)


def test_receipt_after_cutoff_on_last_day_before_tet_2025_starts_after_tet(
    cal: WorkingCalendar,
) -> None:
    # Tết 2025: Mon 27/01 - Sat 01/02. Fri 24/01 16:00 is after a 15:00 cut-off.
    assert cal.clock_start(at(2025, 1, 24, 16), cutoff=time(15)) == at(2025, 2, 3, 7)
    assert cal.add_working_days(at(2025, 1, 24, 16), 1, cutoff=time(15)) == at(2025, 2, 3, 17)


def test_two_days_across_tet_2026(cal: WorkingCalendar) -> None:
    # Tết 2026: Mon 16/02 - Fri 20/02. Fri 13/02 09:00: 6 h, then Mon 23/02 8 h, Tue 24/02 2 h.
    assert not any(cal.is_working_day(date(2026, 2, d)) for d in range(16, 21))
    assert cal.add_working_days(at(2026, 2, 13, 9), 2) == at(2026, 2, 24, 9)


# --- swapped Saturdays ---------------------------------------------------------------------


def test_saturday_4_may_2024_is_worked_in_exchange_for_monday_29_april(
    cal: WorkingCalendar,
) -> None:
    assert cal.is_working_day(date(2024, 5, 4))
    assert not cal.is_working_day(date(2024, 4, 29))
    assert not cal.is_working_day(date(2024, 4, 30))
    assert not cal.is_working_day(date(2024, 5, 1))


def test_deadline_counts_the_swapped_saturday_2024(cal: WorkingCalendar) -> None:
    # Fri 3/5 09:00: 6 h; Sat 4/5 is a working day (8 h); 2 h on Mon 6/5.
    assert cal.add_working_days(at(2024, 5, 3, 9), 2) == at(2024, 5, 6, 9)
    # Before the swap: Fri 26/4 16:00 + 1 day skips Mon 29/4, 30/4 and 1/5.
    assert cal.add_working_days(at(2024, 4, 26, 16), 1) == at(2024, 5, 2, 16)


def test_saturday_26_april_2025_is_worked_and_friday_2_may_is_off(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))
    assert cal.add_working_days(at(2025, 4, 25, 9), 2) == at(2025, 4, 28, 9)


def test_ordinary_saturday_is_not_a_working_day(cal: WorkingCalendar) -> None:
    assert not cal.is_working_day(date(2025, 5, 3))


# --- holidays on weekends ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("holiday", "made_up_on"),
    [
        (date(2022, 1, 1), date(2022, 1, 3)),  # Tết Dương lịch on a Saturday
        (date(2023, 9, 2), date(2023, 9, 4)),  # Quốc khánh on a Saturday
        (date(2026, 4, 26), date(2026, 4, 27)),  # Giỗ Tổ on a Sunday
    ],
)
def test_holiday_on_a_weekend_is_made_up_on_the_next_working_day(
    cal: WorkingCalendar, holiday: date, made_up_on: date
) -> None:
    assert not cal.is_working_day(holiday)
    assert not cal.is_working_day(made_up_on)
    assert cal.is_working_day(made_up_on + timedelta(days=1))


def test_culture_day_24_november_is_off_from_2026_and_never_made_up() -> None:
    entries = calendar_entries_from_package(years=range(2025, 2031))
    days = {e.date for e in entries}
    assert date(2026, 11, 24) in days
    assert date(2025, 11, 24) not in days  # the law applies from 01/07/2026
    # 24/11/2029 is a Saturday and 24/11/2030 a Sunday: the package adds Monday make-up days
    # that NQ 28/2026/QH16 art. 2 excludes.
    assert date(2029, 11, 24) in days
    assert date(2029, 11, 26) not in days
    assert date(2030, 11, 25) not in days


# --- cut-off times -------------------------------------------------------------------------


def test_same_day_procedure_before_the_1500_cutoff_is_due_at_closing(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(at(2025, 3, 10, 14, 59), 0, cutoff=time(15)) == at(2025, 3, 10, 17)


def test_receipt_after_the_1500_cutoff_moves_to_next_working_day(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(at(2025, 3, 10, 15, 1), 0, cutoff=time(15)) == at(2025, 3, 11, 17)
    # Friday after the cut-off: Monday.
    assert cal.add_working_days(at(2025, 3, 14, 15, 30), 0, cutoff=time(15)) == at(2025, 3, 17, 17)


def test_cutoff_at_1700_keeps_a_late_afternoon_receipt_on_the_same_day(
    cal: WorkingCalendar,
) -> None:
    assert cal.add_working_days(at(2025, 3, 10, 16, 30), 0, cutoff=time(17)) == at(2025, 3, 10, 17)
    assert cal.add_working_days(at(2025, 3, 10, 17, 5), 0, cutoff=time(17)) == at(2025, 3, 11, 17)


def test_receipt_on_a_weekend_counts_from_monday_opening(cal: WorkingCalendar) -> None:
    assert cal.clock_start(at(2025, 3, 15, 10)) == at(2025, 3, 17, 7)
    assert cal.add_working_days(at(2025, 3, 15, 10), 3) == at(2025, 3, 19, 17)


def test_receipt_at_closing_counts_from_the_next_morning(cal: WorkingCalendar) -> None:
    assert cal.clock_start(at(2025, 3, 14, 17)) == at(2025, 3, 17, 7)


# --- hours and elapsed time ----------------------------------------------------------------


def test_working_hours_skip_the_lunch_break(cal: WorkingCalendar) -> None:
    assert cal.add_working_hours(at(2025, 3, 10, 11), 1) == at(2025, 3, 10, 14)
    assert cal.add_working_hours(at(2025, 3, 10, 12), 1) == at(2025, 3, 10, 14, 30)


def test_a_full_day_from_opening_ends_at_closing_not_next_morning(cal: WorkingCalendar) -> None:
    assert cal.add_working_time(at(2025, 3, 10, 7), timedelta(hours=8)) == at(2025, 3, 10, 17)


def test_working_time_between_counts_only_office_hours(cal: WorkingCalendar) -> None:
    assert cal.working_time_between(at(2025, 3, 14, 16), at(2025, 3, 17, 8)) == timedelta(hours=2)
    assert cal.working_time_between(at(2025, 3, 17, 8), at(2025, 3, 14, 16)) == timedelta(hours=-2)
    # Across Tết 2026 only the Friday and Monday count.
    assert cal.working_time_between(at(2026, 2, 13, 7), at(2026, 2, 23, 17)) == timedelta(hours=16)


def test_working_time_between_agrees_with_adding_it(cal: WorkingCalendar) -> None:
    start = at(2024, 2, 6, 9, 45)
    for days in (1, 3, 10, 25):
        due = cal.add_working_days(start, days)
        assert cal.working_time_between(start, due) == timedelta(hours=8 * days)


def test_calendar_days_move_a_due_date_off_a_holiday(cal: WorkingCalendar) -> None:
    # 10 calendar days from Thu 5/2/2026 is Sun 15/2, then Tết: Monday 23/2, same clock time.
    assert cal.add_calendar_days(at(2026, 2, 5, 9), 10) == at(2026, 2, 23, 9)
    assert cal.add_calendar_days(at(2026, 3, 2, 9), 2) == at(2026, 3, 4, 9)


def test_working_days_between_counts_a_half_open_range(cal: WorkingCalendar) -> None:
    assert cal.working_days_between(date(2024, 2, 5), date(2024, 2, 19)) == 5


# --- bad input -----------------------------------------------------------------------------


def test_naive_datetimes_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarError):
        cal.add_working_days(datetime(2025, 3, 10, 9), 1)  # noqa: DTZ001 - the point of the test


def test_negative_limits_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarError):
        cal.add_working_days(at(2025, 3, 10, 9), -1)
    with pytest.raises(CalendarError):
        cal.add_working_hours(at(2025, 3, 10, 9), -0.5)


def test_overlapping_office_periods_are_refused() -> None:
    with pytest.raises(CalendarError):
        WorkingCalendar(periods=((time(7), time(12)), (time(11), time(17))))


def test_configured_office_hours_change_the_day_length(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_WORKING_PERIODS = [(time(7, 30), time(11, 30)), (time(13), time(17))]
    calendar = calendar_build(holidays=[], swapped_workdays=[])
    assert calendar.day_length == timedelta(hours=8)
    assert calendar.add_working_days(at(2025, 3, 10, 7, 30), 1) == at(2025, 3, 10, 17)
