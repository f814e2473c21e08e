"""Appointments on a calendar built in the test: no database."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.core.calendar import WorkingCalendar
from motcua.dossiers.constants import DeadlineState, Timeliness
from motcua.dossiers.deadlines import (
    deadline_state,
    dossier_timeliness,
    due_at_for,
    resumed_due_at,
    step_due_at,
    step_timeliness,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TET_2026 = frozenset(date(2026, 2, d) for d in range(16, 21))
CAL = WorkingCalendar(holidays=TET_2026, tz=VN)


def at(day: int, hour: int, minute: int = 0, month: int = 2) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    ("start", "limit", "unit", "cutoff", "expected"),
    [
        # Friday 13/02 16:00, after a 15:00 cut-off, 3 working days, Tết 16–20/02.
        (at(13, 16), Decimal(3), "working_days", time(15), at(25, 17)),
        # The same before the cut-off: Friday counts (1 h left), then Mon 23, Tue 24 + 7 h.
        (at(13, 14), Decimal(3), "working_days", time(15), at(25, 14)),
        # 4 working hours from Thursday 10:00: 1.5 h before lunch, 2.5 h after.
        (at(12, 10), Decimal(4), "hours", None, at(12, 16)),
        # 8 working hours from Friday 10:00 cross Tết to Monday 23/02.
        (at(13, 10), Decimal(8), "hours", None, at(23, 10)),
        # Half a working day = 4 working hours: 3.5 h on Thursday, 0.5 h on Friday.
        (at(12, 13, 30), Decimal("0.5"), "working_days", None, at(13, 7, 30)),
        # 5 calendar days from Thursday 12/02 land in Tết (17/02): moved to Monday 23/02.
        (at(12, 9), Decimal(5), "days", None, at(23, 9)),
    ],
)
def test_due_dates(
    start: datetime, limit: Decimal, unit: str, cutoff: time | None, expected: datetime
) -> None:
    assert due_at_for(CAL, start=start, limit=limit, unit=unit, cutoff=cutoff) == expected


def test_a_pause_keeps_the_time_left_and_a_restart_gives_the_full_limit() -> None:
    due = at(12, 17)  # Thursday
    paused, resumed = at(11, 13, 30), at(23, 7)  # Wed 13:30 (11.5 h left) → after Tết
    # Monday 8 h, Tuesday 3.5 h from 07:00.
    assert resumed_due_at(
        CAL,
        due_at=due,
        paused_at=paused,
        resumed_at=resumed,
        unit="working_days",
        rule="pause",
        limit=Decimal(3),
    ) == at(24, 10, 30)
    assert resumed_due_at(
        CAL,
        due_at=due,
        paused_at=paused,
        resumed_at=resumed,
        unit="working_days",
        rule="restart",
        limit=Decimal(3),
    ) == at(25, 17)
    # Already late when it paused: the pause does not give the time back.
    assert (
        resumed_due_at(
            CAL,
            due_at=due,
            paused_at=at(13, 9),
            resumed_at=resumed,
            unit="working_days",
            rule="pause",
            limit=Decimal(3),
        )
        == due
    )


def test_timeliness_of_dossiers_by_date_and_of_steps_by_instant() -> None:
    due = at(12, 9)
    assert dossier_timeliness(CAL, finished_at=at(11, 16), due_at=due) == Timeliness.EARLY
    assert dossier_timeliness(CAL, finished_at=at(12, 16), due_at=due) == Timeliness.ON_TIME
    assert dossier_timeliness(CAL, finished_at=at(13, 8), due_at=due) == Timeliness.LATE
    assert step_timeliness(completed_at=at(12, 8), due_at=due) == Timeliness.EARLY
    assert step_timeliness(completed_at=at(12, 8, 50), due_at=due) == Timeliness.ON_TIME
    assert step_timeliness(completed_at=at(12, 9, 1), due_at=due) == Timeliness.LATE
    assert step_due_at(CAL, start=at(13, 16), budget_hours=Decimal(2)) == at(23, 8)


@pytest.mark.parametrize(
    ("now", "paused", "expected"),
    [
        (at(12, 10), False, DeadlineState.OVERDUE),
        (at(23, 8), False, DeadlineState.DUE_TODAY),
        (at(13, 10), False, DeadlineState.DUE_SOON),  # 23/02 is the next working day
        (at(10, 10), False, DeadlineState.ON_TRACK),
        (at(23, 18), True, DeadlineState.PAUSED),
    ],
)
def test_deadline_states(now: datetime, paused: bool, expected: DeadlineState) -> None:
    due = at(23, 9) if expected != DeadlineState.OVERDUE else at(12, 9)
    assert deadline_state(CAL, due_at=due, now=now, paused=paused, soon_working_days=2) == expected
