"""Benchmarks (`make bench`): medians and ratios against a baseline run in the same process.

calendar: computing a due date with `WorkingCalendar.add_working_days` (hot path of every
receipt, every deadline report) against the baseline of plain `datetime + timedelta`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

sys.path.insert(0, str(Path(__file__).resolve().parent))
from children import record, results_flush  # noqa: E402

from motcua.core.calendar import WorkingCalendar  # noqa: E402
from motcua.core.services import calendar_entries_from_package  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ROUNDS, CALLS = 15, 2000


def _median_seconds(work) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    entries = calendar_entries_from_package(years=range(2020, 2028))
    cal = WorkingCalendar(
        holidays=frozenset(e.date for e in entries),
        swapped_workdays=frozenset(e.swapped_workday for e in entries if e.swapped_workday),
    )
    rng = random.Random(766)
    starts = [
        datetime(2024, 1, 1, 6, tzinfo=VN) + timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
        for _ in range(CALLS)
    ]
    limits = [rng.choice([0, 1, 3, 5, 10, 15, 30]) for _ in range(CALLS)]

    def baseline() -> None:
        for start, days in zip(starts, limits, strict=True):
            start + timedelta(days=days)

    def due_dates() -> None:
        for start, days in zip(starts, limits, strict=True):
            cal.add_working_days(start, days, cutoff=clock(15))

    def elapsed() -> None:
        for start, days in zip(starts, limits, strict=True):
            cal.working_time_between(start, start + timedelta(days=days))

    base = _median_seconds(baseline)
    for name, work in (("add_working_days", due_dates), ("working_time_between", elapsed)):
        median = _median_seconds(work)
        record(
            f"calendar {name} ({CALLS} calls)",
            [median * 1000],
            baseline_ratio=round(median / base, 1),
            runs=ROUNDS,
        )
        print(
            f"calendar.{name}: median {median / CALLS * 1e6:.1f} µs/call over {CALLS} calls x "
            f"{ROUNDS} rounds; {median / base:.0f}x the datetime+timedelta baseline "
            f"({base / CALLS * 1e6:.2f} µs/call)"
        )


if __name__ == "__main__":
    main()
    results_flush("calendar", data={"calls": CALLS, "rounds": ROUNDS})
