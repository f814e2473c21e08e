"""Properties of dossier due dates, pauses and timeliness (REGULATION.md §2.5, deadlines.py).

Instants, limits and pauses are generated around Tết, the other holidays and year ends, on the
real holiday calendar (see core/tests/test_calendar_properties.py for the calendar itself).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from motcua.catalog.constants import TimeUnit
from motcua.core.tests.test_calendar_properties import CAL, VN, cutoffs, instants
from motcua.dossiers.constants import DeadlineState, SupplementClock, Timeliness
from motcua.dossiers.deadlines import (
    deadline_state,
    dossier_timeliness,
    due_at_for,
    resumed_due_at,
    step_timeliness,
)

pytestmark = pytest.mark.hard

DAY = CAL.day_length
# Limits as the catalogue stores them: whole or half working days, whole hours, calendar days.
half_days = st.integers(1, 120).map(lambda h: Decimal(h) / 2)
hours = st.integers(1, 200).map(Decimal)
limits = st.one_of(
    st.tuples(half_days, st.just(TimeUnit.WORKING_DAYS)),
    st.tuples(hours, st.just(TimeUnit.HOURS)),
    st.tuples(st.integers(1, 90).map(Decimal), st.just(TimeUnit.DAYS)),
)
minutes = st.integers(0, 60 * 24 * 45).map(lambda m: timedelta(minutes=m))
ORDER = {Timeliness.EARLY: 0, Timeliness.ON_TIME: 1, Timeliness.LATE: 2}
STATE_ORDER = {
    DeadlineState.ON_TRACK: 0,
    DeadlineState.DUE_SOON: 1,
    DeadlineState.DUE_TODAY: 2,
    DeadlineState.OVERDUE: 3,
}


def test_working_day_limits_are_eight_hours_each_half_days_included(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """A limit of L working days is L x 8 working hours from the clock start (0.5 day = 4 h);
    whole days agree with the calendar's day arithmetic; hours count the same way."""
    seen: list[int] = []

    @given(instants, half_days, cutoffs)
    @example(datetime(2025, 1, 24, 10, tzinfo=VN), Decimal("0.5"), time(15))  # before Tết 2025
    @example(datetime(2026, 12, 31, 14, tzinfo=VN), Decimal("1.5"), None)  # across 01/01/2027
    def check(received: datetime, limit: Decimal, cutoff: time | None) -> None:
        seen.append(1)
        due = due_at_for(
            CAL, start=received, limit=limit, unit=TimeUnit.WORKING_DAYS, cutoff=cutoff
        )
        start = CAL.clock_start(received, cutoff=cutoff)
        assert CAL.working_time_between(start, due) == DAY * float(limit)
        assert CAL.is_working_day(due.astimezone(VN).date())
        as_hours = due_at_for(
            CAL, start=received, limit=limit * 8, unit=TimeUnit.HOURS, cutoff=cutoff
        )
        assert as_hours == due
        if limit == limit.to_integral_value():
            assert due == CAL.add_working_days(received, int(limit), cutoff=cutoff)

    check()
    hard_figures(cases=len(seen))


def test_limits_are_monotonic_and_additive(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """A longer limit is never due earlier (strictly later in working days or hours); a + b
    working days from receipt equals b more working days of time after the first due instant."""
    seen: list[int] = []

    @given(instants, limits, st.integers(1, 60), cutoffs)
    @example(datetime(2020, 5, 18, 7, tzinfo=VN), (Decimal(5), TimeUnit.DAYS), 1, None)
    def check(
        received: datetime, limit_unit: tuple[Decimal, str], extra: int, cutoff: time | None
    ) -> None:
        seen.append(1)
        limit, unit = limit_unit
        due = due_at_for(CAL, start=received, limit=limit, unit=unit, cutoff=cutoff)
        longer = due_at_for(CAL, start=received, limit=limit + extra, unit=unit, cutoff=cutoff)
        assert due > received
        if unit == TimeUnit.DAYS:
            # Days 5 and 6 from a Monday both land on Saturday or Sunday and move to Monday.
            assert longer >= due
        else:
            assert longer > due
        if unit == TimeUnit.WORKING_DAYS:
            assert longer == CAL.add_working_time(due, DAY * extra)

    check()
    hard_figures(cases=len(seen))


def test_non_positive_limit_is_refused(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(instants, st.integers(-100, 0), st.sampled_from(TimeUnit.values))
    def check(received: datetime, limit: int, unit: str) -> None:
        seen.append(1)
        with pytest.raises(ValueError, match="positive"):
            due_at_for(CAL, start=received, limit=Decimal(limit), unit=unit)

    check()
    hard_figures(cases=len(seen))


def test_pause_keeps_the_time_left(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """With the `pause` rule the dossier resumes with exactly the working time it had left; a
    pause never brings the due date forward; a zero-length pause changes nothing; a later
    resumption is never due earlier; a dossier already late when paused stays due as it was."""
    seen: list[int] = []

    @given(instants, limits, minutes, minutes, minutes, cutoffs)
    @example(  # paused before Tết 2025, resumed after it
        datetime(2025, 1, 20, 9, tzinfo=VN),
        (Decimal(5), TimeUnit.WORKING_DAYS),
        timedelta(days=2),
        timedelta(days=12),
        timedelta(hours=1),
        None,
    )
    def check(  # noqa: PLR0917 - one argument per generated value
        received: datetime,
        limit_unit: tuple[Decimal, str],
        until_pause: timedelta,
        pause: timedelta,
        later: timedelta,
        cutoff: time | None,
    ) -> None:
        seen.append(1)
        limit, unit = limit_unit
        due = due_at_for(CAL, start=received, limit=limit, unit=unit, cutoff=cutoff)
        paused = received + until_pause

        def resume(at: datetime) -> datetime:
            return resumed_due_at(
                CAL,
                due_at=due,
                paused_at=paused,
                resumed_at=at,
                unit=unit,
                rule=SupplementClock.PAUSE,
                limit=limit,
                cutoff=cutoff,
            )

        resumed = paused + pause
        new_due = resume(resumed)
        assert new_due >= due
        assert resume(resumed + later) >= new_due
        if unit == TimeUnit.DAYS:
            assert new_due - due == pause
            return
        left = CAL.working_time_between(paused, due)
        if left <= timedelta():
            assert new_due == due
            return
        assert CAL.working_time_between(CAL.clock_start(resumed), new_due) == left
        assert resume(paused) == due

    check()
    hard_figures(cases=len(seen))


def test_restart_gives_the_full_limit_again(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """With the `restart` rule the whole limit counts again from the complete supplement."""
    seen: list[int] = []

    @given(instants, half_days, minutes, cutoffs)
    def check(received: datetime, limit: Decimal, pause: timedelta, cutoff: time | None) -> None:
        seen.append(1)
        unit = TimeUnit.WORKING_DAYS
        due = due_at_for(CAL, start=received, limit=limit, unit=unit, cutoff=cutoff)
        resumed = received + pause
        new_due = resumed_due_at(
            CAL,
            due_at=due,
            paused_at=received,
            resumed_at=resumed,
            unit=unit,
            rule=SupplementClock.RESTART,
            limit=limit,
            cutoff=cutoff,
        )
        start = CAL.clock_start(resumed, cutoff=cutoff)
        assert CAL.working_time_between(start, new_due) == DAY * float(limit)
        assert new_due >= due

    check()
    hard_figures(cases=len(seen))


def test_timeliness_is_by_calendar_date_and_monotonic(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """A dossier finished on its due day is on time whatever the hour; finishing later never
    gives a better verdict; a step is on time within 15 minutes before its due instant."""
    seen: list[int] = []

    @given(instants, instants, minutes)
    def check(due: datetime, finished: datetime, delay: timedelta) -> None:
        seen.append(1)
        verdict = dossier_timeliness(CAL, finished_at=finished, due_at=due)
        finished_day, due_day = finished.astimezone(VN).date(), due.astimezone(VN).date()
        expected = (
            Timeliness.EARLY
            if finished_day < due_day
            else Timeliness.ON_TIME
            if finished_day == due_day
            else Timeliness.LATE
        )
        assert verdict == expected
        later = dossier_timeliness(CAL, finished_at=finished + delay, due_at=due)
        assert ORDER[later] >= ORDER[verdict]
        step = step_timeliness(completed_at=finished, due_at=due)
        assert (step == Timeliness.LATE) == (finished > due)
        assert (step == Timeliness.EARLY) == (finished < due - timedelta(minutes=15))
        assert ORDER[step_timeliness(completed_at=finished + delay, due_at=due)] >= ORDER[step]

    check()
    hard_figures(cases=len(seen))


def test_deadline_state_only_gets_worse_as_time_passes(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(instants, instants, minutes, st.integers(0, 5))
    def check(due: datetime, now: datetime, wait: timedelta, soon: int) -> None:
        seen.append(1)

        def state(at: datetime, *, paused: bool = False) -> DeadlineState:
            return deadline_state(CAL, due_at=due, now=at, paused=paused, soon_working_days=soon)

        before = state(now)
        assert state(now, paused=True) == DeadlineState.PAUSED
        assert (before == DeadlineState.OVERDUE) == (now > due)
        if before == DeadlineState.DUE_TODAY:
            assert now.astimezone(VN).date() == due.astimezone(VN).date()
        assert STATE_ORDER[state(now + wait)] >= STATE_ORDER[before]
        no_due = deadline_state(CAL, due_at=None, now=now, paused=False, soon_working_days=soon)
        assert no_due == DeadlineState.ON_TRACK

    check()
    hard_figures(cases=len(seen))
