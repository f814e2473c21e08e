"""Properties of the working-day calendar (REGULATION.md §2.5), on Vietnam's real holidays.

Generated instants cluster around Tết, the other public holidays and year ends, and around the
office boundaries (07:00, 11:30, 13:30, 15:00, 17:00). An independent oracle, the ordered list
of working days built with a naive predicate, checks the loops of `WorkingCalendar`.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from motcua.core.calendar import CalendarError, WorkingCalendar
from motcua.core.services import calendar_entries_from_package

pytestmark = pytest.mark.hard

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ENTRIES = calendar_entries_from_package(years=range(2019, 2030))
HOLIDAYS = frozenset(e.date for e in ENTRIES)
SWAPPED = frozenset(e.swapped_workday for e in ENTRIES if e.swapped_workday)
CAL = WorkingCalendar(holidays=HOLIDAYS, swapped_workdays=SWAPPED)
DAY = CAL.day_length
FIRST, LAST = date(2020, 1, 1), date(2027, 12, 31)


def _naive_working(day: date) -> bool:
    return day in SWAPPED or (day.weekday() < 5 and day not in HOLIDAYS)


# The oracle: every working day from 2019 to 2029 in order.
WORKDAYS = [
    date(2019, 1, 1) + timedelta(days=i)
    for i in range((date(2029, 12, 31) - date(2019, 1, 1)).days + 1)
    if _naive_working(date(2019, 1, 1) + timedelta(days=i))
]
ANCHORS = sorted(
    {d for d in HOLIDAYS if FIRST <= d <= LAST} | {date(y, 1, 1) for y in range(2020, 2028)}
)
BOUNDARIES = [time(0), time(6, 59), time(7), time(7, 1), time(11, 30), time(12), time(13, 30)]
BOUNDARIES += [time(14, 59), time(15), time(15, 1), time(16, 59), time(17), time(23, 59)]

days = st.one_of(
    st.dates(FIRST, LAST),
    st.builds(lambda a, k: a + timedelta(days=k), st.sampled_from(ANCHORS), st.integers(-12, 12)),
)
clocks = st.one_of(
    st.sampled_from(BOUNDARIES), st.integers(0, 1439).map(lambda m: time(m // 60, m % 60))
)
instants = st.builds(lambda d, t: datetime.combine(d, t, tzinfo=VN), days, clocks)
cutoffs = st.one_of(st.none(), st.sampled_from([time(15), time(11), time(16, 30)]))
durations = st.integers(0, 40 * 8 * 60).map(lambda m: timedelta(minutes=m))


def _in_office(instant: datetime) -> bool:
    """On a working day, within an office period (its end included, its start excluded)."""
    local = instant.astimezone(VN)
    clock = local.time()
    return CAL.is_working_day(local.date()) and any(s < clock <= e for s, e in CAL.periods)


def test_real_calendar_sanity() -> None:
    """The oracle data is the real one: Tết 2025 off, Saturday 26/04/2025 worked."""
    assert not any(_naive_working(date(2025, 1, d)) for d in range(27, 32))
    assert _naive_working(date(2025, 4, 26))
    assert CAL.is_working_day(date(2025, 4, 26))


def test_working_day_predicate_matches_the_oracle(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(days)
    def check(day: date) -> None:
        seen.append(1)
        assert CAL.is_working_day(day) == _naive_working(day)
        assert CAL.working_day_on_or_after(day) == WORKDAYS[bisect.bisect_left(WORKDAYS, day)]
        assert CAL.next_working_day(day) == WORKDAYS[bisect.bisect_right(WORKDAYS, day)]

    check()
    hard_figures(cases=len(seen))


def test_shift_counts_back_and_matches_the_oracle(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """Shifting by n lands on a working day with exactly |n| working days crossed."""
    seen: list[int] = []

    @given(days, st.integers(-250, 250))
    @example(date(2025, 1, 24), 1)  # the Friday before Tết 2025 -> Monday 03/02
    @example(date(2025, 12, 31), 1)  # year end -> 02/01/2026 (01/01 is a holiday)
    def check(day: date, n: int) -> None:
        seen.append(1)
        result = CAL.shift_working_days(day, n)
        if n == 0:
            assert result == day
            return
        assert CAL.is_working_day(result)
        if n > 0:
            assert result > day
            assert (
                CAL.working_days_between(day + timedelta(days=1), result + timedelta(days=1)) == n
            )
            assert result == WORKDAYS[bisect.bisect_right(WORKDAYS, day) + n - 1]
        else:
            assert result < day
            assert CAL.working_days_between(result, day) == -n
            assert result == WORKDAYS[bisect.bisect_left(WORKDAYS, day) + n]

    check()
    hard_figures(cases=len(seen))


def test_shift_is_additive_and_monotonic(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(days, st.integers(-120, 120), st.integers(-120, 120))
    def check(day: date, a: int, b: int) -> None:
        seen.append(1)
        if a * b >= 0 or CAL.is_working_day(day):
            # Same direction from any day, or any direction from a working day.
            assert CAL.shift_working_days(CAL.shift_working_days(day, a), b) == (
                CAL.shift_working_days(day, a + b)
            )
        if a < b:
            assert CAL.shift_working_days(day, a) < CAL.shift_working_days(day, b)

    check()
    hard_figures(cases=len(seen))


def test_clock_start(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """The clock starts at receipt on a working day before the cut-off and the closing, else at
    the opening of the next working day; never earlier than receipt, never a working day later."""
    seen: list[int] = []

    @given(instants, cutoffs)
    @example(datetime(2025, 1, 24, 16, tzinfo=VN), time(15))  # after the cut-off, before Tết
    def check(received: datetime, cutoff: time | None) -> None:
        seen.append(1)
        start = CAL.clock_start(received, cutoff=cutoff)
        day, clock = received.date(), received.time()
        in_time = clock < CAL.periods[-1][1] and (cutoff is None or clock <= cutoff)
        if CAL.is_working_day(day) and in_time:
            assert start == received
        else:
            assert start == CAL.opening(CAL.next_working_day(day))
            assert start > received
            # No working day is skipped: only the rest of the receipt day lies between.
            assert CAL.working_time_between(max(received, CAL.closing(day)), start) == timedelta()

    check()
    hard_figures(cases=len(seen))


def test_working_days_limit(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """N working days = N x 8 working hours from the clock start; the due instant is inside
    office hours of a working day; 0 = the closing of the start day; from an opening, the
    closing of the N-th working day (oracle)."""
    seen: list[int] = []

    @given(instants, st.integers(0, 90), cutoffs)
    @example(datetime(2024, 2, 7, 10, tzinfo=VN), 3, None)  # across Tết 2024
    @example(datetime(2026, 12, 31, 16, tzinfo=VN), 1, time(15))  # after the cut-off on 31/12
    def check(received: datetime, n: int, cutoff: time | None) -> None:
        seen.append(1)
        start = CAL.clock_start(received, cutoff=cutoff)
        due = CAL.add_working_days(received, n, cutoff=cutoff)
        assert due.tzinfo is not None
        assert CAL.is_working_day(due.astimezone(VN).date())
        if n == 0:
            assert due == CAL.closing(start.date())
            return
        assert _in_office(due)
        assert due > start
        assert CAL.working_time_between(start, due) == DAY * n
        assert CAL.add_working_hours(received, 8 * n, cutoff=cutoff) == due
        if start == CAL.opening(start.date()):
            index = bisect.bisect_left(WORKDAYS, start.date())
            assert due == CAL.closing(WORKDAYS[index + n - 1])

    check()
    hard_figures(cases=len(seen))


def test_limit_is_monotonic_in_days_and_in_receipt(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(instants, instants, st.integers(0, 60), st.integers(0, 60), cutoffs)
    def check(t1: datetime, t2: datetime, n1: int, n2: int, cutoff: time | None) -> None:
        seen.append(1)
        t1, t2 = min(t1, t2), max(t1, t2)
        n1, n2 = min(n1, n2), max(n1, n2)
        assert CAL.add_working_days(t1, n1, cutoff=cutoff) <= CAL.add_working_days(
            t1, n2, cutoff=cutoff
        )
        if 1 <= n1 < n2:
            assert CAL.add_working_days(t1, n1, cutoff=cutoff) < CAL.add_working_days(
                t1, n2, cutoff=cutoff
            )
        # A later receipt is never due earlier.
        assert CAL.add_working_days(t1, n1, cutoff=cutoff) <= CAL.add_working_days(
            t2, n1, cutoff=cutoff
        )

    check()
    hard_figures(cases=len(seen))


def test_working_time_is_additive_and_inverse_of_elapsed(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """Adding a then b equals adding a + b; the working time elapsed to the result is what was
    added; the result is within office hours (or the start itself for nothing added)."""
    seen: list[int] = []

    # b > 0: adding nothing moves an instant outside office hours (17:00, a weekend) to the
    # next opening, so `x + 0 == x` only holds inside office hours; callers never add 0.
    @given(instants, durations, durations.filter(bool))
    @example(datetime(2020, 1, 2, tzinfo=VN), timedelta(hours=40), timedelta(minutes=1))
    @example(datetime(2025, 1, 24, 9, tzinfo=VN), timedelta(hours=8), timedelta(hours=8))
    @example(datetime(2025, 12, 31, 11, 30, tzinfo=VN), timedelta(0), timedelta(minutes=1))
    def check(start: datetime, a: timedelta, b: timedelta) -> None:
        seen.append(1)
        after_a = CAL.add_working_time(start, a)
        assert CAL.add_working_time(after_a, b) == CAL.add_working_time(start, a + b)
        assert CAL.working_time_between(start, after_a) == a
        assert after_a >= start
        if a:
            assert _in_office(after_a)
        assert CAL.working_time_between(after_a, start) == -a

    check()
    hard_figures(cases=len(seen))


def test_calendar_days_limit(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """Calendar days skip nothing; a result on a non-working day moves to the next working day,
    at the same clock time."""
    seen: list[int] = []

    @given(instants, st.integers(0, 120))
    @example(datetime(2026, 2, 6, 9, tzinfo=VN), 10)  # lands in Tết 2026 (16/02)
    def check(received: datetime, n: int) -> None:
        seen.append(1)
        due = CAL.add_calendar_days(received, n).astimezone(VN)
        plain = received + timedelta(days=n)
        assert due.time() == received.time()
        assert CAL.is_working_day(due.date())
        assert due >= plain
        assert due.date() == CAL.working_day_on_or_after(plain.date())

    check()
    hard_figures(cases=len(seen))


def test_invalid_arguments_raise_calendar_error(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(instants, st.integers(-1000, -1))
    def check(received: datetime, negative: int) -> None:
        seen.append(1)
        with pytest.raises(CalendarError):
            CAL.add_working_days(received, negative)
        with pytest.raises(CalendarError):
            CAL.add_working_hours(received, negative / 2)
        with pytest.raises(CalendarError):
            CAL.add_calendar_days(received, negative)
        with pytest.raises(CalendarError):
            CAL.add_working_time(received, timedelta(minutes=negative))
        with pytest.raises(CalendarError, match="naive"):
            CAL.add_working_days(received.replace(tzinfo=None), 1)

    check()
    hard_figures(cases=len(seen))
