"""How many dossiers a synthetic year holds, per tier and outcome (issue 8). Pure: no database.

The reference is the province's own count of the dossiers it handled in 2022 (the status
report's Bảng 2, `shared/sources`): per tier, the total, those resolved on time and those
resolved late; the rest were still open at the end of the year (the backlog). Scale 1 is
Bình Phước in 2022 (1,251,357 dossiers); Đồng Nai after the merger is about 4.

A generated year reproduces the table exactly at scale 1 when counted by the rules the reports
use (`quality.selectors.status.dossiers_by_tier`): on time and late among the dossiers whose
processing ended in the year, the backlog those open on 31/12. At another scale each of the
three parts is scaled and rounded half up, and the total is their sum, so the arithmetic of the
table always holds.

The backlog of one generated year is handled (and resolved on time) in the next one, so when
several years are generated the next year's new dossiers are its total less that carry-in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from motcua.organisation.constants import Tier

MAX_SCALE = Decimal(8)
FIRST_YEAR = 2015  # nothing older: the calendar and the units are seeded from 2020
TWO_TIERS_FROM = date(2025, 7, 1)  # the district tier was abolished (REGULATION.md §0)


class VolumeError(ValueError):
    """A request the generator cannot honour; the message is Vietnamese, for people."""


@dataclass(frozen=True)
class TierVolume:
    """Dossiers handled in a year at one tier: resolved on time, resolved late, still open."""

    on_time: int
    late: int
    backlog: int

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.backlog


# Bảng 2. Số hồ sơ giải quyết năm 2022: total / on time / late per tier; backlog = the rest.
REFERENCE_2022: Mapping[str, TierVolume] = {
    Tier.PROVINCE: TierVolume(on_time=68_545, late=1_116, backlog=69_661 - 68_545 - 1_116),
    Tier.DISTRICT: TierVolume(on_time=43_999, late=2_475, backlog=52_812 - 43_999 - 2_475),
    Tier.COMMUNE: TierVolume(
        on_time=1_098_632, late=22_547, backlog=1_128_884 - 1_098_632 - 22_547
    ),
}


@dataclass(frozen=True)
class YearPlan:
    """What one tier's generation must produce in a year.

    `carried_in` dossiers were received the year before and end on time in this year; the
    `new_*` counts are the dossiers received in this year.
    """

    year: int
    tier: str
    handled: TierVolume
    carried_in: int

    @property
    def new_on_time(self) -> int:
        return self.handled.on_time - self.carried_in

    @property
    def new_total(self) -> int:
        return self.handled.total - self.carried_in


def scale_parse(value: object) -> Decimal:
    """The scale factor, or VolumeError: a number > 0 and at most MAX_SCALE."""
    try:
        scale = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise VolumeError(_("The scale must be a number, e.g. 1 or 0.01.")) from None
    if not scale.is_finite() or scale <= 0:
        raise VolumeError(_("The scale must be greater than 0 (1 = Bình Phước in 2022)."))
    if scale > MAX_SCALE:
        raise VolumeError(
            _("The scale can be at most %(max)s (4 is about Đồng Nai after the merger).")
            % {"max": MAX_SCALE}
        )
    return scale


def years_check(first: int, last: int, *, today: date) -> list[int]:
    """The years to generate, or VolumeError for an empty, reversed or future range."""
    if last < first:
        raise VolumeError(
            _("The range of years is reversed: %(first)s is after %(last)s.")
            % {"first": first, "last": last}
        )
    if first < FIRST_YEAR:
        raise VolumeError(_("Years before %(year)s are not generated.") % {"year": FIRST_YEAR})
    if last > today.year:
        raise VolumeError(
            _("%(year)s has not begun: a history ends today at the latest.") % {"year": last}
        )
    return list(range(first, last + 1))


def _scaled(count: int, scale: Decimal) -> int:
    return int((Decimal(count) * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tier_volume_scaled(reference: TierVolume, scale: Decimal) -> TierVolume:
    return TierVolume(
        on_time=_scaled(reference.on_time, scale),
        late=_scaled(reference.late, scale),
        backlog=_scaled(reference.backlog, scale),
    )


def tiers_in(year: int) -> list[str]:
    """The tiers with agencies in a year: three until the merger, two from the year after it."""
    if year > TWO_TIERS_FROM.year:
        return [Tier.PROVINCE, Tier.COMMUNE]
    return [Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE]


def year_plans(years: Sequence[int], *, scale: Decimal) -> list[YearPlan]:
    """Every (year, tier) plan of a range; a year after the merger gives the district tier's
    dossiers to the communes, which took over its procedures."""
    plans: list[YearPlan] = []
    backlog: dict[str, int] = {}
    for year in years:
        carried = dict(backlog)
        if Tier.DISTRICT not in tiers_in(year) and Tier.DISTRICT in carried:
            carried[Tier.COMMUNE] = carried.get(Tier.COMMUNE, 0) + carried.pop(Tier.DISTRICT)
        backlog = {}
        volumes = {t: tier_volume_scaled(REFERENCE_2022[t], scale) for t in REFERENCE_2022}
        if Tier.DISTRICT not in tiers_in(year):
            district = volumes.pop(Tier.DISTRICT)
            commune = volumes[Tier.COMMUNE]
            volumes[Tier.COMMUNE] = TierVolume(
                on_time=commune.on_time + district.on_time,
                late=commune.late + district.late,
                backlog=commune.backlog + district.backlog,
            )
        for tier, volume in volumes.items():
            carried_in = min(carried.get(tier, 0), volume.on_time)
            plans.append(YearPlan(year=year, tier=tier, handled=volume, carried_in=carried_in))
            backlog[tier] = volume.backlog
    return plans


def spread(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split over slots in proportion to `weights`, by largest remainder: the parts
    are whole, add up to `total` exactly and do not depend on a random draw."""
    if total < 0:
        raise ValueError("a negative count cannot be spread")
    weight_sum = sum(weights)
    if not weights or weight_sum <= 0:
        if total:
            raise ValueError("no slot to spread over")
        return [0] * len(weights)
    shares = [total * w / weight_sum for w in weights]
    parts = [int(s) for s in shares]
    short = total - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (parts[i] - shares[i], i))
    for index in by_remainder[:short]:
        parts[index] += 1
    return parts


# Busier at the start of the week, as one-stop desks report; a weight per weekday (Mon = 0).
WEEKDAY_WEIGHTS = (1.25, 1.1, 1.0, 1.0, 0.9, 0.6, 0.5)
LAST_DAYS_OPEN = 10  # the backlog at the year's end was received in its last working days


def receipt_days(
    plan: YearPlan, *, working_days: Sequence[date], late_until: date
) -> dict[date, dict[str, int]]:
    """How many new dossiers of each outcome are received on each working day of the year.

    On time: spread over every working day by weekday weight. Late: over the days up to
    `late_until` (a late dossier must still end within the year). Open at the year's end: over
    its last LAST_DAYS_OPEN working days. Carried-in dossiers are not received this year.
    """
    if not working_days:
        if plan.new_total:
            raise VolumeError(_("The year has no working day to receive dossiers on."))
        return {}
    days = sorted(working_days)
    weights = [WEEKDAY_WEIGHTS[d.weekday()] for d in days]
    late_days = [d for d in days if d <= late_until] or days[:1]
    open_days = days[-LAST_DAYS_OPEN:]
    out: dict[date, dict[str, int]] = {d: {"on_time": 0, "late": 0, "open": 0} for d in days}
    for day, count in zip(days, spread(plan.new_on_time, weights), strict=True):
        out[day]["on_time"] = count
    late_weights = [WEEKDAY_WEIGHTS[d.weekday()] for d in late_days]
    for day, count in zip(late_days, spread(plan.handled.late, late_weights), strict=True):
        out[day]["late"] = count
    for day, count in zip(open_days, spread(plan.handled.backlog, [1.0] * len(open_days)),
                          strict=True):  # fmt: skip
        out[day]["open"] = count
    return out
