"""A synthetic dossier's history lands in the outcome it was drawn for, by the 766 rule."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog.constants import TimeUnit
from motcua.core.calendar import WorkingCalendar
from motcua.core.services import calendar_entries_from_package
from motcua.dossiers.constants import Transition
from motcua.quality.timeline import on_time_at
from motcua.synthetic.timelines import Outcome, Terms, plan_dossier

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ENTRIES = calendar_entries_from_package(years=range(2021, 2024))
CALENDAR = WorkingCalendar(
    holidays=frozenset(e.date for e in ENTRIES),
    swapped_workdays=frozenset(e.swapped_workday for e in ENTRIES if e.swapped_workday),
)
YEAR_END = datetime(2022, 12, 31, 23, 59, 59, tzinfo=VN)
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=VN)
TERMS = [
    Terms(Decimal(3), TimeUnit.WORKING_DAYS, cutoff=time(15, 0)),
    Terms(Decimal(15), TimeUnit.WORKING_DAYS, fee_bearing=True),
    Terms(Decimal(8), TimeUnit.HOURS),
    Terms(Decimal(30), TimeUnit.DAYS),
]


def _working_instant(rng: random.Random, first: datetime, days: int) -> datetime:
    while True:
        day = (first + timedelta(days=rng.randrange(days))).date()
        if CALENDAR.is_working_day(day):
            return datetime.combine(day, time(7, 30), tzinfo=VN) + timedelta(
                minutes=rng.randrange(0, 8 * 60)
            )


@pytest.mark.parametrize("outcome", [Outcome.ON_TIME, Outcome.LATE])
def test_an_ended_dossier_is_counted_as_drawn(outcome: Outcome) -> None:
    rng = random.Random(outcome)  # noqa: S311 - test data
    seen = {"supplement": 0, "two": 0, "apology": 0}
    for index in range(400):
        received = _working_instant(rng, datetime(2022, 1, 3, tzinfo=VN), 300)
        plan = plan_dossier(
            rng, calendar=CALENDAR, received_at=received, terms=TERMS[index % len(TERMS)],
            outcome=outcome, online=index % 2 == 0, year_end=YEAR_END, now=NOW,
        )  # fmt: skip
        assert plan.final_at is not None and plan.final_at <= YEAR_END
        assert on_time_at(plan.timeline(), plan.final_at) is (outcome == Outcome.ON_TIME)
        ats = [e.at for e in plan.events]
        assert ats == sorted(ats)
        transitions = [e.transition for e in plan.events]
        assert transitions[0] == (Transition.SUBMIT if index % 2 == 0 else Transition.RECEIVE)
        seen["supplement"] += len(plan.supplements) == 1
        seen["two"] += len(plan.supplements) == 2
        seen["apology"] += Transition.EXTEND_DEADLINE in transitions
    if outcome == Outcome.LATE:
        assert seen["two"] > 0 and seen["apology"] > 0  # both ways of being late occur
    else:
        assert seen["supplement"] > 0 and seen["apology"] == 0


def test_an_open_dossier_is_open_at_the_year_end_and_resolved_on_time_after() -> None:
    rng = random.Random(7)  # noqa: S311 - test data
    for index in range(200):
        received = _working_instant(rng, datetime(2022, 12, 26, tzinfo=VN), 5)
        plan = plan_dossier(
            rng, calendar=CALENDAR, received_at=received, terms=TERMS[1 + index % 2 * 2],
            outcome=Outcome.OPEN, online=False, year_end=YEAR_END, now=NOW,
        )  # fmt: skip
        assert plan.timeline().is_open_at(YEAR_END)
        assert plan.final_at is not None and plan.final_at > YEAR_END
        assert on_time_at(plan.timeline(), plan.final_at)


def test_nothing_happens_after_now() -> None:
    rng = random.Random(3)  # noqa: S311 - test data
    now = datetime(2022, 6, 15, 10, 0, tzinfo=VN)
    received = datetime(2022, 6, 14, 9, 0, tzinfo=VN)
    plan = plan_dossier(
        rng, calendar=CALENDAR, received_at=received, terms=TERMS[1], outcome=Outcome.OPEN,
        online=True, year_end=now, now=now,
    )  # fmt: skip
    assert all(e.at <= now for e in plan.events)
    assert plan.final_at is None


def test_the_share_paid_online_rises_by_year_and_differs_between_units() -> None:
    from motcua.synthetic.services import paid_online_share

    shares = {year: [paid_online_share(agency, year) for agency in range(1, 401)]
              for year in (2022, 2023, 2024, 2026)}  # fmt: skip
    assert shares[2022] == [paid_online_share(agency, 2022) for agency in range(1, 401)]
    means = [sum(s) / len(s) for s in shares.values()]
    assert means == sorted(means) and 0.05 < means[0] < 0.15 and 0.4 < means[-1] < 0.7
    stalled = [i for i, share in enumerate(shares[2026]) if share == 0]
    assert 20 < len(stalled) < 70  # about one unit in ten has not started, every year
    assert all(shares[2022][i] == 0 for i in stalled)
    assert all(0 <= share <= 1 for year in shares.values() for share in year)
