"""Deadlines of directive tasks: the occurrences of a recurring duty, the status of each at any
moment (derived from its dates and reports, never typed), and the reminders due on a day.

- A date written "trước ngày 16/9/2023" is due at the close of that day (the calendar's closing
  time, 17:00); a time written with it ("11 giờ ngày 18/10") is kept.
- Quarterly: on `recurrence_day` of the last month of each quarter ("trước ngày 15 tháng cuối
  Quý"); monthly: that day of each month; yearly: the anniversary of the first deadline.
- Done on time: the completion report the province office accepted was submitted by the
  occurrence's deadline (the report deadline when there is one, else the completion deadline).
- Reminders (`MOTCUA_DIRECTIVE_REMIND_WORKING_DAYS` working days before, and on the day) go to
  the lead unit; the working day after a missed deadline, the task escalates to the province
  office.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.calendar import WorkingCalendar
from motcua.directives.constants import (
    Recurrence,
    ReminderKind,
    ReportKind,
    ReportReview,
    TaskStatus,
)

QUARTER_LAST_MONTHS = (3, 6, 9, 12)
MAX_OCCURRENCES = 60  # five years of a monthly duty


def due_at(day: date, at: time | None, calendar: WorkingCalendar) -> datetime:
    """A deadline written as a date (and maybe a time): the close of that day, or that time."""
    if at is not None:
        return timezone.make_aware(datetime.combine(day, at))
    return calendar.closing(day)


@dataclass(frozen=True)
class Period:
    start: date
    label: str
    due_day: date


def _month_day(year: int, month: int, day: int) -> date:
    import calendar as months

    return date(year, month, min(day, months.monthrange(year, month)[1]))


def recurrence_periods(
    *, recurrence: str, day: int, first_due: date, starts_on: date, until: date
) -> list[Period]:
    """The periods of a recurring duty from `starts_on` to `until`, each with its due day."""
    periods: list[Period] = []
    if recurrence == Recurrence.YEARLY:
        year = first_due.year
        while len(periods) < MAX_OCCURRENCES:
            due = _month_day(year, first_due.month, first_due.day)
            if due > until:
                break
            if due >= starts_on:
                periods.append(Period(date(year, 1, 1), _("Year %(y)s") % {"y": year}, due))
            year += 1
        return periods
    year, month = starts_on.year, starts_on.month
    while len(periods) < MAX_OCCURRENCES:
        if recurrence == Recurrence.MONTHLY or month in QUARTER_LAST_MONTHS:
            due = _month_day(year, month, day)
            if due > until:
                break
            if due >= starts_on:
                if recurrence == Recurrence.MONTHLY:
                    start = date(year, month, 1)
                    label = _("Month %(m)s/%(y)s") % {"m": month, "y": year}
                else:
                    start = date(year, month - 2, 1)
                    label = _("Quarter %(q)s/%(y)s") % {"q": (month - 1) // 3 + 1, "y": year}
                periods.append(Period(start, label, due))
        month += 1
        if month > 12:  # noqa: PLR2004
            year, month = year + 1, 1
    return periods


class ReportLike:
    """What the status needs of a report (a TaskReport row)."""

    kind: str
    review: str
    submitted_at: datetime
    reviewed_at: datetime | None


def occurrence_status(
    *,
    deadline: datetime | None,
    reports: Sequence[ReportLike],
    now: datetime,
    cancelled: bool = False,
) -> str:
    """The status of one occurrence at `now`: cancelled; done on time or late (an accepted
    completion report, judged by when it was submitted); overdue (past the deadline without
    one, unless a completion report sent in time waits for the office's review); in progress (a
    report was sent); not started. Only what was submitted and reviewed by `now` counts, so a
    status at a past instant does not change afterwards."""
    if cancelled:
        return TaskStatus.CANCELLED
    completions = [r for r in reports if r.kind == ReportKind.COMPLETION and r.submitted_at <= now]
    done = [
        r
        for r in completions
        if r.review == ReportReview.ACCEPTED and r.reviewed_at is not None and r.reviewed_at <= now
    ]
    if done:
        first = min(r.submitted_at for r in done)
        return (
            TaskStatus.DONE_ON_TIME
            if deadline is None or first <= deadline
            else TaskStatus.DONE_LATE
        )
    # A completion report sent in time and still with the office is not the unit's delay.
    waiting = [
        r
        for r in completions
        if (r.reviewed_at is None or r.reviewed_at > now)
        and (deadline is None or r.submitted_at <= deadline)
    ]
    if deadline is not None and now > deadline and not waiting:
        return TaskStatus.OVERDUE
    if any(r.submitted_at <= now for r in reports):
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def task_status(occurrence_statuses: Iterable[str], *, cancelled: bool = False) -> str:
    """A task's status from its occurrences': overdue if any is, else the first not done, else
    done late if any was late, else done on time."""
    statuses = list(occurrence_statuses)
    if cancelled:
        return TaskStatus.CANCELLED
    if not statuses:
        return TaskStatus.NOT_STARTED
    if TaskStatus.OVERDUE in statuses:
        return TaskStatus.OVERDUE
    pending = [s for s in statuses if s in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)]
    if pending:
        return TaskStatus.IN_PROGRESS if TaskStatus.IN_PROGRESS in pending else pending[0]
    return TaskStatus.DONE_LATE if TaskStatus.DONE_LATE in statuses else TaskStatus.DONE_ON_TIME


def reminder_kind(
    *, deadline: datetime, on: date, calendar: WorkingCalendar, before: int | None = None
) -> str | None:
    """Which reminder an open occurrence gets on working day `on`: `before` working days ahead
    of its deadline, on the day (the last working day up to it, when it falls on a day off), or
    the first working day after it (the escalation); otherwise none."""
    days = before if before is not None else settings.MOTCUA_DIRECTIVE_REMIND_WORKING_DAYS
    due_day = timezone.localtime(deadline).date()
    if not calendar.is_working_day(on):
        return None
    anchor = (
        due_day if calendar.is_working_day(due_day) else calendar.shift_working_days(due_day, -1)
    )
    if on == anchor:
        return ReminderKind.DUE_TODAY
    if days > 0 and on == calendar.shift_working_days(anchor, -days):
        return ReminderKind.BEFORE
    if on == calendar.shift_working_days(anchor, 1):
        return ReminderKind.OVERDUE
    return None
