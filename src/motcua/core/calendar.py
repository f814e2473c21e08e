"""The one working-day calendar every deadline in Một Cửa uses (ADR 0003).

A :class:`WorkingCalendar` is pure data (holidays, swapped working days, office periods, weekly
rest days) with pure functions on it, so the rules are tested without a database.
:func:`get_calendar` builds one from the ``Holiday`` and ``SwappedWorkday`` tables and caches it
briefly in the process.

Rules (REGULATION.md §2.5):

* a working day is not a weekly rest day (Saturday, Sunday) and not a holiday, unless the
  government swapped it into a working day (e.g. Saturday 26/04/2025);
* working time is the office periods of working days (default 07:00-11:30 and 13:30-17:00,
  8 hours, so one working day = 8 working hours);
* a limit of N working days is N x 8 working hours from the moment of valid receipt; a receipt
  after the procedure's cut-off time (e.g. 15:00), after closing or on a non-working day counts
  from the opening of the next working day; "same day" (N = 0) is the closing time of the day
  the clock starts;
* a limit in calendar days skips nothing, but a result due on a non-working day moves to the
  next working day.
"""

from __future__ import annotations

import threading
import time as monotonic_time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.conf import settings

Period = tuple[time, time]

_ONE_DAY = timedelta(days=1)


class CalendarError(ValueError):
    """Invalid calendar configuration or argument."""


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date] = frozenset()
    swapped_workdays: frozenset[date] = frozenset()
    periods: tuple[Period, ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
    rest_weekdays: frozenset[int] = frozenset({5, 6})
    tz: tzinfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))

    def __post_init__(self) -> None:
        if not self.periods:
            raise CalendarError("a working day needs at least one office period")
        previous_end = time.min
        for start, end in self.periods:
            if not start < end or start < previous_end:
                raise CalendarError("office periods must be ordered and must not overlap")
            previous_end = end

    # --- days -----------------------------------------------------------------------------

    @property
    def day_length(self) -> timedelta:
        """Working time in one working day (8 h by default)."""
        return sum(
            (
                datetime.combine(date.min, end) - datetime.combine(date.min, start)
                for start, end in self.periods
            ),
            timedelta(),
        )

    def is_working_day(self, day: date) -> bool:
        if day in self.swapped_workdays:
            return True
        if day.weekday() in self.rest_weekdays:
            return False
        return day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + _ONE_DAY
        while not self.is_working_day(candidate):
            candidate += _ONE_DAY
        return candidate

    def working_day_on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the half-open range [start, end)."""
        count = 0
        day = start
        while day < end:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count

    def shift_working_days(self, day: date, days: int) -> date:
        """The date ``days`` working days after (or, negative, before) ``day``.

        ``day`` itself need not be a working day: 5 working days before Monday 10/02 is
        Monday 03/02. Used for rules stated in dates, such as the 766 publication rules.
        """
        step = _ONE_DAY if days >= 0 else -_ONE_DAY
        remaining = abs(days)
        while remaining:
            day += step
            remaining -= self.is_working_day(day)
        return day

    # --- instants -------------------------------------------------------------------------

    def _local(self, instant: datetime) -> datetime:
        if instant.tzinfo is None:
            raise CalendarError("naive datetimes are not allowed; use timezone.now()")
        return instant.astimezone(self.tz)

    def _at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.tz)

    def opening(self, day: date) -> datetime:
        return self._at(day, self.periods[0][0])

    def closing(self, day: date) -> datetime:
        return self._at(day, self.periods[-1][1])

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The instant ``duration`` of working time after ``start``.

        A result that falls exactly on the end of a period stays there (17:00, not the next
        morning), so "N working days" from an opening ends at the closing of the N-th day.
        """
        if duration < timedelta():
            raise CalendarError("duration must not be negative")
        cursor = self._local(start)
        remaining = duration
        day = cursor.date()
        full_day = self.day_length
        while True:
            if self.is_working_day(day):
                day_starts_fresh = cursor <= self.opening(day)
                if day_starts_fresh and remaining > full_day:
                    remaining -= full_day  # skip a whole working day at once
                else:
                    for period_start, period_end in self.periods:
                        segment_end = self._at(day, period_end)
                        if cursor >= segment_end:
                            continue
                        segment_start = max(cursor, self._at(day, period_start))
                        available = segment_end - segment_start
                        if remaining <= available:
                            return segment_start + remaining
                        remaining -= available
            day += _ONE_DAY
            cursor = self._at(day, time.min)

    def clock_start(self, received_at: datetime, *, cutoff: time | None = None) -> datetime:
        """When the clock starts for something received at ``received_at``.

        After the cut-off time, after closing, or on a non-working day: the opening of the next
        working day. Before opening or during a break: the received instant (working time only
        accrues from the next period).
        """
        local = self._local(received_at)
        day = local.date()
        late = local >= self.closing(day) or (cutoff is not None and local.time() > cutoff)
        if not self.is_working_day(day) or late:
            return self.opening(self.next_working_day(day))
        return local

    def add_working_days(
        self, received_at: datetime, days: int, *, cutoff: time | None = None
    ) -> datetime:
        """Due instant for a limit of ``days`` working days (0 = the same working day)."""
        if days < 0:
            raise CalendarError("days must not be negative")
        start = self.clock_start(received_at, cutoff=cutoff)
        if days == 0:
            return self.closing(start.date())
        return self.add_working_time(start, self.day_length * days)

    def add_working_hours(
        self, received_at: datetime, hours: float, *, cutoff: time | None = None
    ) -> datetime:
        """Due instant for a limit in working hours."""
        if hours < 0:
            raise CalendarError("hours must not be negative")
        start = self.clock_start(received_at, cutoff=cutoff)
        return self.add_working_time(start, timedelta(hours=hours))

    def add_calendar_days(self, received_at: datetime, days: int) -> datetime:
        """Due instant for a limit in calendar days, moved off a non-working day."""
        if days < 0:
            raise CalendarError("days must not be negative")
        due = self._local(received_at) + timedelta(days=days)
        if self.is_working_day(due.date()):
            return due
        return self._at(self.next_working_day(due.date()), due.time())

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time elapsed from ``start`` to ``end`` (negative if ``end`` is earlier)."""
        if end < start:
            return -self.working_time_between(end, start)
        begin, finish = self._local(start), self._local(end)
        total = timedelta()
        day = begin.date()
        while day <= finish.date():
            if self.is_working_day(day):
                for period_start, period_end in self.periods:
                    lower = max(begin, self._at(day, period_start))
                    upper = min(finish, self._at(day, period_end))
                    if upper > lower:
                        total += upper - lower
            day += _ONE_DAY
        return total


def calendar_build(
    *,
    holidays: Iterable[date],
    swapped_workdays: Iterable[date],
    periods: Sequence[Period] | None = None,
    rest_weekdays: Iterable[int] | None = None,
) -> WorkingCalendar:
    """A calendar with the configured office hours, rest days and time zone."""
    return WorkingCalendar(
        holidays=frozenset(holidays),
        swapped_workdays=frozenset(swapped_workdays),
        periods=tuple(periods if periods is not None else settings.MOTCUA_WORKING_PERIODS),
        rest_weekdays=frozenset(
            rest_weekdays if rest_weekdays is not None else settings.MOTCUA_WEEKLY_REST_DAYS
        ),
        tz=ZoneInfo(settings.TIME_ZONE),
    )


# --- The database-backed calendar, cached per process -------------------------------------

_CACHE_SECONDS = 60.0
_lock = threading.Lock()
_cached: tuple[float, WorkingCalendar] | None = None


def get_calendar() -> WorkingCalendar:
    """The calendar from the admin-maintained tables, cached for a minute in this process.

    Writers in this process call :func:`calendar_invalidate`; other processes see a change
    within ``_CACHE_SECONDS``.
    """
    global _cached  # noqa: PLW0603 - a deliberate process-wide cache
    now = monotonic_time.monotonic()
    with _lock:
        if _cached is not None and now - _cached[0] < _CACHE_SECONDS:
            return _cached[1]
    from motcua.core.models import Holiday, SwappedWorkday

    calendar = calendar_build(
        holidays=Holiday.objects.values_list("date", flat=True),
        swapped_workdays=SwappedWorkday.objects.values_list("date", flat=True),
    )
    with _lock:
        _cached = (now, calendar)
    return calendar


def calendar_invalidate() -> None:
    global _cached  # noqa: PLW0603 - a deliberate process-wide cache
    with _lock:
        _cached = None


def is_working_day(day: date) -> bool:
    return get_calendar().is_working_day(day)


def add_working_days(received_at: datetime, days: int, *, cutoff: time | None = None) -> datetime:
    return get_calendar().add_working_days(received_at, days, cutoff=cutoff)


def shift_working_days(day: date, days: int) -> date:
    return get_calendar().shift_working_days(day, days)


def add_working_hours(
    received_at: datetime, hours: float, *, cutoff: time | None = None
) -> datetime:
    return get_calendar().add_working_hours(received_at, hours, cutoff=cutoff)


def working_time_between(start: datetime, end: datetime) -> timedelta:
    return get_calendar().working_time_between(start, end)
