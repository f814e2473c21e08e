"""Working-day limits of feedback and petitions (PAKN), issue 12.

The national portal scores PAKN (766 indicators 5.1–5.3) against four limits in working days
(REGULATION.md §4.3, [SEC] the 766 docx): refuse within 2, ask for a first supplement within 5,
handle within 15 — each counted from the citizen's submission or from the latest transfer — and
publish the answer within 2 of its being ready. The decree's own article-level limits are [GAP],
so the limits are a setting, effective-dated (`MOTCUA_FEEDBACK_LIMITS`): an item keeps the limits
in force on the day its clock started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings

from motcua.core.calendar import WorkingCalendar

ON_TIME, DUE_SOON, OVERDUE = "on_time", "due_soon", "overdue"


@dataclass(frozen=True)
class FeedbackLimits:
    """The limits in working days in force from `valid_from`."""

    valid_from: date
    refuse: int
    first_supplement: int
    handle: int
    publish: int


@dataclass(frozen=True)
class FeedbackDeadlines:
    """The instants an item must be refused, asked a supplement, or answered by."""

    clock_start: datetime
    refuse_by: datetime
    first_supplement_by: datetime
    handle_by: datetime
    limits: FeedbackLimits


def limits_table(raw: list[dict[str, Any]] | None = None) -> list[FeedbackLimits]:
    """The configured limits, oldest first; a row missing a limit or with a negative one is a
    configuration error (it stops the process rather than mis-count citizens' petitions)."""
    rows = raw if raw is not None else settings.MOTCUA_FEEDBACK_LIMITS
    table = []
    for row in rows:
        limits = FeedbackLimits(
            valid_from=date.fromisoformat(str(row["from"])),
            refuse=int(row["refuse"]),
            first_supplement=int(row["first_supplement"]),
            handle=int(row["handle"]),
            publish=int(row["publish"]),
        )
        if min(limits.refuse, limits.first_supplement, limits.handle, limits.publish) < 0:
            raise ValueError(f"MOTCUA_FEEDBACK_LIMITS: a negative limit in {row!r}")
        table.append(limits)
    if not table:
        raise ValueError("MOTCUA_FEEDBACK_LIMITS is empty")
    return sorted(table, key=lambda limits: limits.valid_from)


def limits_on(day: date, table: list[FeedbackLimits] | None = None) -> FeedbackLimits:
    """The limits in force on `day` (the oldest row applies before its own date too)."""
    rows = table if table is not None else limits_table()
    chosen = rows[0]
    for limits in rows:
        if limits.valid_from <= day:
            chosen = limits
    return chosen


def feedback_deadlines(
    *, clock_start: datetime, calendar: WorkingCalendar, table: list[FeedbackLimits] | None = None
) -> FeedbackDeadlines:
    """The deadlines of an item whose clock started at `clock_start`: its submission, or the
    latest transfer to the agency now handling it (a transfer restarts the clock)."""
    limits = limits_on(calendar.clock_start(clock_start).date(), table)
    return FeedbackDeadlines(
        clock_start=clock_start,
        refuse_by=calendar.add_working_days(clock_start, limits.refuse),
        first_supplement_by=calendar.add_working_days(clock_start, limits.first_supplement),
        handle_by=calendar.add_working_days(clock_start, limits.handle),
        limits=limits,
    )


def publish_by(
    *, ready_at: datetime, calendar: WorkingCalendar, table: list[FeedbackLimits] | None = None
) -> datetime:
    """When an approved answer must be public."""
    limits = limits_on(calendar.clock_start(ready_at).date(), table)
    return calendar.add_working_days(ready_at, limits.publish)


def deadline_state(
    due: datetime, *, now: datetime, calendar: WorkingCalendar, warn_days: int | None = None
) -> str:
    """On time, due soon (within `MOTCUA_FEEDBACK_WARN_WORKING_DAYS` working days: the warning
    before the limit), or overdue."""
    if now > due:
        return OVERDUE
    days = warn_days if warn_days is not None else settings.MOTCUA_FEEDBACK_WARN_WORKING_DAYS
    left = calendar.working_time_between(now, due)
    return DUE_SOON if left <= calendar.day_length * days else ON_TIME


def working_days_left(due: datetime, *, now: datetime, calendar: WorkingCalendar) -> float:
    """Working days from `now` to `due` (negative once overdue), to one decimal."""
    if now > due:
        return -round(calendar.working_time_between(due, now) / calendar.day_length, 1)
    return round(calendar.working_time_between(now, due) / calendar.day_length, 1)
