"""Periods of the 766 reports: month, quarter, year, a custom range; pure."""

from __future__ import annotations

import calendar as cal
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from motcua.quality.constants import PeriodKind

MONTHS, QUARTERS = 12, 4
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return _("Month %(month)02d/%(year)d") % {
                "month": self.start.month,
                "year": self.start.year,
            }
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(quarter)d/%(year)d") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == PeriodKind.YEAR:
            return _("Year %(year)d") % {"year": self.start.year}
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def days(self) -> int:
        return (self.end - self.start).days + 1

    def until(self, today: date) -> date:
        """The last day with facts: the period's end, or today for a running period."""
        return min(self.end, today)


def period_month(year: int, month: int) -> Period:
    if not 1 <= month <= MONTHS:
        raise PeriodError(_("A month is between 1 and 12."))
    last = cal.monthrange(year, month)[1]
    return Period(PeriodKind.MONTH, date(year, month, 1), date(year, month, last))


def period_quarter(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= QUARTERS:
        raise PeriodError(_("A quarter is between 1 and 4."))
    first = 3 * (quarter - 1) + 1
    return Period(
        PeriodKind.QUARTER,
        date(year, first, 1),
        date(year, first + 2, cal.monthrange(year, first + 2)[1]),
    )


def period_year(year: int) -> Period:
    return Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))


def period_range(start: date, end: date) -> Period:
    if start > end:
        raise PeriodError(_("The start of the period is after its end."))
    return Period(PeriodKind.RANGE, start, end)


def period_containing(kind: PeriodKind, day: date) -> Period:
    if kind == PeriodKind.MONTH:
        return period_month(day.year, day.month)
    if kind == PeriodKind.QUARTER:
        return period_quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == PeriodKind.YEAR:
        return period_year(day.year)
    raise PeriodError("a range has no containing period")


def period_previous(period: Period) -> Period:
    """The period just before: the previous month, quarter or year; a range of the same length."""
    if period.kind == PeriodKind.RANGE:
        length = period.days()
        return period_range(period.start - timedelta(days=length), period.start - timedelta(days=1))
    return period_containing(period.kind, period.start - timedelta(days=1))


def period_same_last_year(period: Period) -> Period:
    """The same month, quarter or year one year earlier (Q1/2023 vs Q1/2024 in the reports)."""
    if period.kind == PeriodKind.RANGE:
        return period_range(_minus_year(period.start), _minus_year(period.end))
    return period_containing(period.kind, _minus_year(period.start))


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def period_parse(
    *,
    kind: str,
    year: int | None,
    number: int | None,
    start: date | None,
    end: date | None,
    today: date,
) -> Period:
    """A period from a form or a URL; refuses a period that has not begun."""
    try:
        kind_value = PeriodKind(kind)
    except ValueError:
        raise PeriodError(_("Unknown kind of period.")) from None
    if kind_value == PeriodKind.RANGE:
        if start is None or end is None:
            raise PeriodError(_("Give the first and the last day of the period."))
        period = period_range(start, end)
    else:
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise PeriodError(_("Give a year between 2000 and 2100."))
        if kind_value == PeriodKind.MONTH:
            period = period_month(year, number or 0)
        elif kind_value == PeriodKind.QUARTER:
            period = period_quarter(year, number or 0)
        else:
            period = period_year(year)
    if period.start > today:
        raise PeriodError(
            _("The period %(period)s has not begun yet: there are no figures for it.")
            % {"period": period.label}
        )
    return period


def periods_trend(period: Period, count: int) -> list[Period]:
    """`count` periods ending with `period`, oldest first (months for a range)."""
    if period.kind == PeriodKind.RANGE:
        period = period_containing(PeriodKind.MONTH, period.end)
    out = [period]
    while len(out) < count:
        out.append(period_previous(out[-1]))
    return list(reversed(out))
