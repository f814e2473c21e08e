"""Due dates of dossiers and steps, on the one working-day calendar (ADR 0003, 0007).

Pure functions of a `WorkingCalendar` and plain values, so the rules are tested without a
database. Rules (REGULATION.md §2.5):

* the clock starts at valid receipt; after the procedure's cut-off time, after closing or on a
  non-working day it starts at the next working day's opening;
* working days: N x 8 working hours (fractions allowed: 0.5 day = 4 hours); working hours as
  stated; calendar days skip nothing but a result due on a non-working day moves to the next;
* a pause (supplement, financial obligation) either resumes with the working time that was
  left (`pause`) or restarts the full limit from the complete supplement (`restart`), chosen by
  ``MOTCUA_SUPPLEMENT_CLOCK`` [GAP]; financial obligations always use `pause`;
* a finished dossier is early / on time / late by comparing calendar dates (REGULATION §2.2);
  a step by comparing instants, as the control sheet does.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from motcua.catalog.constants import TimeUnit
from motcua.core.calendar import WorkingCalendar
from motcua.dossiers.constants import DeadlineState, SupplementClock, Timeliness


def due_at_for(
    calendar: WorkingCalendar,
    *,
    start: datetime,
    limit: Decimal,
    unit: str,
    cutoff: time | None = None,
) -> datetime:
    """The appointment for a limit counted from `start` (valid receipt or a restart)."""
    if limit <= 0:
        raise ValueError("a time limit must be positive")
    if unit == TimeUnit.DAYS:
        return calendar.add_calendar_days(
            calendar.clock_start(start, cutoff=cutoff), int(limit.to_integral_value())
        )
    if unit == TimeUnit.WORKING_DAYS and limit == limit.to_integral_value():
        return calendar.add_working_days(start, int(limit), cutoff=cutoff)
    hours = float(limit) * (
        calendar.day_length.total_seconds() / 3600 if unit != TimeUnit.HOURS else 1
    )
    return calendar.add_working_hours(start, hours, cutoff=cutoff)


def resumed_due_at(
    calendar: WorkingCalendar,
    *,
    due_at: datetime,
    paused_at: datetime,
    resumed_at: datetime,
    unit: str,
    rule: str,
    limit: Decimal,
    cutoff: time | None = None,
) -> datetime:
    """The appointment after a pause ends at `resumed_at`."""
    if rule == SupplementClock.RESTART:
        return due_at_for(calendar, start=resumed_at, limit=limit, unit=unit, cutoff=cutoff)
    if unit == TimeUnit.DAYS:
        return due_at + (resumed_at - paused_at)
    left = calendar.working_time_between(paused_at, due_at)
    if left <= timedelta():
        return due_at  # it was already late when it paused; the pause does not cure that
    return calendar.add_working_time(calendar.clock_start(resumed_at), left)


def step_due_at(calendar: WorkingCalendar, *, start: datetime, budget_hours: Decimal) -> datetime:
    """A step's budget in working hours from the moment it was handed over."""
    return calendar.add_working_hours(start, float(budget_hours))


def dossier_timeliness(
    calendar: WorkingCalendar, *, finished_at: datetime, due_at: datetime
) -> Timeliness:
    """Early / on time / late of a finished dossier, by calendar date (local time)."""
    finished = finished_at.astimezone(calendar.tz).date()
    due = due_at.astimezone(calendar.tz).date()
    if finished < due:
        return Timeliness.EARLY
    if finished == due:
        return Timeliness.ON_TIME
    return Timeliness.LATE


def step_timeliness(*, completed_at: datetime, due_at: datetime) -> Timeliness:
    """Early / on time / late of a step: within 15 minutes of its due instant is on time."""
    margin = timedelta(minutes=15)
    if completed_at < due_at - margin:
        return Timeliness.EARLY
    if completed_at <= due_at:
        return Timeliness.ON_TIME
    return Timeliness.LATE


def deadline_state(
    calendar: WorkingCalendar,
    *,
    due_at: datetime | None,
    now: datetime,
    paused: bool,
    soon_working_days: int,
) -> DeadlineState:
    """Where an open dossier stands: the colour of its row in a queue."""
    if paused:
        return DeadlineState.PAUSED
    if due_at is None:
        return DeadlineState.ON_TRACK
    if now > due_at:
        return DeadlineState.OVERDUE
    today = now.astimezone(calendar.tz).date()
    due_day = due_at.astimezone(calendar.tz).date()
    if due_day == today:
        return DeadlineState.DUE_TODAY
    if due_day <= calendar.shift_working_days(today, soon_working_days):
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TRACK
