"""One synthetic dossier's history: the events a real one would have, at working-hour instants,
built so that the 766 on-time rule (quality.timeline) puts it in the outcome it was drawn for.

Pure: no database. The planner is told the dossier's outcome for the year it is handled in
(resolved on time, resolved late, or still open at the year's end) and builds a history that
the reports' own rule classifies that way; `plan_dossier` checks its result with that rule and
raises if they disagree, so a generated table cannot drift from the reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from motcua.core.calendar import WorkingCalendar
from motcua.dossiers.constants import Transition
from motcua.dossiers.deadlines import due_at_for
from motcua.quality.timeline import Timeline, on_time_at


class Outcome(StrEnum):
    ON_TIME = "on_time"  # resolved (or ended) in the year, on time by the 766 rule
    LATE = "late"  # resolved in the year, late by the 766 rule
    OPEN = "open"  # still open at the end of the year; resolved on time the year after


@dataclass(frozen=True)
class Terms:
    """The channel terms of the dossier's procedure version."""

    limit: Decimal
    unit: str
    cutoff: time | None = None
    fee_bearing: bool = False


@dataclass(frozen=True)
class PlannedEvent:
    transition: str
    at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    received_at: datetime
    due_at: datetime  # the appointment on the receipt (NgayHenTra)
    events: list[PlannedEvent]
    supplements: list[tuple[datetime, datetime | None]]
    final_at: datetime | None  # first terminal event (resolved / withdrawn), None if open
    new_due_at: datetime | None = None  # an approved apology's new date
    rejected: bool = False
    withdrawn: bool = False
    returned_at: datetime | None = None

    def timeline(self) -> Timeline:
        return Timeline(
            received_at=self.received_at,
            appointment=self.due_at,
            supplements=tuple(self.supplements),
            final_at=self.final_at,
        )


class PlanError(AssertionError):
    """The planner built a history the 766 rule classifies otherwise (a bug, never data)."""


def _after(calendar: WorkingCalendar, start: datetime, hours: float) -> datetime:
    """`hours` of working time after `start` (from the next opening if `start` is off hours)."""
    return calendar.add_working_time(calendar.clock_start(start), timedelta(hours=hours))


def _pauses(
    rng: random.Random,
    calendar: WorkingCalendar,
    plan: Plan,
    *,
    cursor: datetime,
    work: float,
    count: int,
    fee_bearing: bool,
    paid_online_share: float,
) -> datetime:
    """Supplement requests and the citizen's answers, then the fee paid; the instant after."""
    events = plan.events
    for ordinal in range(1, count + 1):
        asked = _after(calendar, cursor, work / (3 * count))
        back = _after(calendar, asked, rng.uniform(4, 40))  # the citizen's time
        events.append(PlannedEvent(Transition.REQUEST_SUPPLEMENT, asked, {"ordinal": ordinal}))
        plan.supplements.append((asked, back))
        events.append(PlannedEvent(Transition.SUBMIT_SUPPLEMENT, back, {"ordinal": ordinal}))
        cursor = back
    if fee_bearing:
        asked = _after(calendar, cursor, work / 10)
        paid = asked + timedelta(minutes=rng.uniform(5, 600))
        events.append(PlannedEvent(Transition.REQUEST_FINANCIAL_OBLIGATION, asked))
        events.append(
            PlannedEvent(Transition.FULFIL_FINANCIAL_OBLIGATION, paid,
                         {"online": rng.random() < paid_online_share})
        )  # fmt: skip
        cursor = paid

    return cursor


def plan_dossier(
    rng: random.Random,
    *,
    calendar: WorkingCalendar,
    received_at: datetime,
    terms: Terms,
    outcome: Outcome,
    online: bool,
    year_end: datetime,
    now: datetime,
    paid_online_share: float = 0.35,
) -> Plan:
    """The history of one dossier received at `received_at` (a working-hour instant).

    `year_end` is the end of the year it is handled in, or now for the current year. The
    caller picks the receipt: for an ended outcome early enough to end by `year_end`, for an
    open one late enough that its appointment falls after it. PlanError otherwise.
    """
    due = due_at_for(
        calendar, start=received_at, limit=terms.limit, unit=terms.unit, cutoff=terms.cutoff
    )
    budget = calendar.working_time_between(calendar.clock_start(received_at), due)
    budget_hours = max(budget.total_seconds() / 3600, 0.5)
    events: list[PlannedEvent] = []
    if online:
        submitted = received_at - timedelta(hours=rng.uniform(0.3, 30))
        events.append(PlannedEvent(Transition.SUBMIT, submitted))
    events.append(PlannedEvent(Transition.RECEIVE, received_at))
    plan = Plan(received_at=received_at, due_at=due, events=events, supplements=[], final_at=None)

    work = budget_hours * rng.uniform(0.25, 0.9)  # working hours the agency spends on it
    supplements = 0
    if outcome == Outcome.LATE and rng.random() < 0.15:  # noqa: PLR2004 - share of the late
        supplements = 2  # a second request counts the dossier late whatever its end
    elif outcome != Outcome.LATE and rng.random() < 0.08:  # noqa: PLR2004
        supplements = 1
    cursor = _after(calendar, received_at, min(0.5, work / 10))
    events.append(PlannedEvent(Transition.FORWARD, cursor))  # desk → specialist
    cursor = _pauses(rng, calendar, plan, cursor=cursor, work=work, count=supplements,
                     fee_bearing=terms.fee_bearing,
                     paid_online_share=paid_online_share)  # fmt: skip
    if outcome == Outcome.LATE and supplements < 2:  # noqa: PLR2004
        apology_at = _after(calendar, received_at, budget_hours * 0.6)
        end = _after(calendar, due, rng.uniform(2, 40))  # past the appointment
        plan.new_due_at = _after(calendar, end, rng.uniform(1, 8))
        events.append(
            PlannedEvent(Transition.EXTEND_DEADLINE, apology_at,
                         {"from": due.isoformat(), "to": plan.new_due_at.isoformat()})
        )  # fmt: skip
    else:
        # The citizen's time is deducted: on time while the agency's own time stays in budget.
        waited = sum((back - asked for asked, back in plan.supplements if back), timedelta())
        end = min(_after(calendar, cursor, work / 3), due + waited)
        if outcome == Outcome.ON_TIME:  # received in the year's last weeks: done by its end
            end = min(end, year_end - timedelta(minutes=1))
        end = max(end, cursor + timedelta(minutes=1))
    if outcome == Outcome.OPEN:
        waited = sum((back - asked for asked, back in plan.supplements if back), timedelta())
        slack = due + waited - year_end
        if slack <= timedelta(minutes=2):
            raise PlanError("an open dossier must still be resolvable on time after the year")
        end = year_end + slack * rng.uniform(0.2, 0.95)
        snapped = calendar.clock_start(end)
        end = max(snapped if snapped <= due + waited else end, cursor + timedelta(minutes=1))
    if end <= now:
        withdrawn = outcome == Outcome.ON_TIME and rng.random() < 0.01  # noqa: PLR2004
        _finish(rng, calendar, plan, cursor=cursor, end=end, now=now, withdrawn=withdrawn)
    events.sort(key=lambda e: e.at)
    plan.events = [e for e in events if e.at <= now]
    _check(plan, outcome, year_end)
    return plan


def _finish(
    rng: random.Random,
    calendar: WorkingCalendar,
    plan: Plan,
    *,
    cursor: datetime,
    end: datetime,
    now: datetime,
    withdrawn: bool,
) -> None:
    """The end of processing at `end`: withdrawn, or to the leader, resolved and returned."""
    events = plan.events
    plan.final_at = end
    if withdrawn:
        events.append(PlannedEvent(Transition.WITHDRAW, end))
        plan.withdrawn = True
        return
    leader_at = max(cursor, end - timedelta(minutes=rng.uniform(10, 240)))
    events.append(PlannedEvent(Transition.FORWARD, leader_at))  # specialist → leader
    plan.rejected = rng.random() < 0.03  # noqa: PLR2004
    events.append(PlannedEvent(Transition.REJECT if plan.rejected else Transition.APPROVE, end))
    returned = _after(calendar, end, rng.uniform(0.5, 16))
    if returned <= now:
        events.append(PlannedEvent(Transition.RETURN_RESULT, returned))
        plan.returned_at = returned


def _check(plan: Plan, outcome: Outcome, year_end: datetime) -> None:
    timeline = plan.timeline()
    if outcome == Outcome.OPEN:
        if not timeline.is_open_at(year_end):
            raise PlanError(f"meant open at {year_end}, ends {plan.final_at}")
        if plan.final_at is not None and not on_time_at(timeline, plan.final_at):
            raise PlanError("an open dossier is carried into the next year on time")
        return
    if plan.final_at is None or plan.final_at > year_end:
        raise PlanError(f"meant to end by {year_end}, ends {plan.final_at}")
    on_time = on_time_at(timeline, plan.final_at)
    if on_time != (outcome == Outcome.ON_TIME):
        raise PlanError(f"meant {outcome}, the 766 rule says on time = {on_time}")
