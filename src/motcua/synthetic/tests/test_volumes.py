"""The synthetic year's volumes: the province's 2022 table at scale 1, scaled, carried over."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from motcua.organisation.constants import Tier
from motcua.synthetic.volumes import (
    REFERENCE_2022,
    VolumeError,
    scale_parse,
    spread,
    tiers_in,
    year_plans,
    years_check,
)

TODAY = date(2026, 12, 3)


def test_scale_one_is_the_province_table_of_2022() -> None:
    plans = {p.tier: p for p in year_plans([2022], scale=Decimal(1))}
    # Bảng 2 of the status report: total / on time / late per tier.
    assert (plans[Tier.PROVINCE].handled.total, plans[Tier.PROVINCE].handled.on_time,
            plans[Tier.PROVINCE].handled.late) == (69_661, 68_545, 1_116)  # fmt: skip
    assert (plans[Tier.DISTRICT].handled.total, plans[Tier.DISTRICT].handled.on_time,
            plans[Tier.DISTRICT].handled.late) == (52_812, 43_999, 2_475)  # fmt: skip
    assert (plans[Tier.COMMUNE].handled.total, plans[Tier.COMMUNE].handled.on_time,
            plans[Tier.COMMUNE].handled.late) == (1_128_884, 1_098_632, 22_547)  # fmt: skip
    assert sum(p.handled.total for p in plans.values()) == 1_251_357
    assert all(p.carried_in == 0 for p in plans.values())


def test_a_scaled_table_keeps_its_arithmetic() -> None:
    plans = year_plans([2022], scale=Decimal("0.01"))
    province = next(p for p in plans if p.tier == Tier.PROVINCE)
    assert (province.handled.on_time, province.handled.late, province.handled.backlog) == (
        685, 11, 0,
    )  # fmt: skip
    for plan in plans:
        assert plan.handled.total == plan.handled.on_time + plan.handled.late + plan.handled.backlog


def test_the_backlog_of_a_year_is_handled_on_time_the_next() -> None:
    plans = {(p.year, p.tier): p for p in year_plans([2022, 2023], scale=Decimal(1))}
    carried = plans[(2023, Tier.DISTRICT)].carried_in
    assert carried == REFERENCE_2022[Tier.DISTRICT].backlog == 6_338
    assert plans[(2023, Tier.DISTRICT)].new_total == 52_812 - 6_338
    assert plans[(2023, Tier.DISTRICT)].new_on_time == 43_999 - 6_338
    assert plans[(2022, Tier.DISTRICT)].carried_in == 0


def test_after_the_merger_the_communes_take_the_district_tier_over() -> None:
    assert tiers_in(2025) == [Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE]
    assert tiers_in(2026) == [Tier.PROVINCE, Tier.COMMUNE]
    plans = {(p.year, p.tier): p for p in year_plans([2025, 2026], scale=Decimal(1))}
    assert (2026, Tier.DISTRICT) not in plans
    assert plans[(2026, Tier.COMMUNE)].handled.total == 1_128_884 + 52_812
    assert plans[(2026, Tier.COMMUNE)].carried_in == 7_705 + 6_338


@pytest.mark.parametrize("value", ["0", "-1", "abc", "NaN", "9"])
def test_a_bad_scale_is_refused_in_vietnamese(value: str) -> None:
    with pytest.raises(VolumeError) as error:
        scale_parse(value)
    assert "quy mô" in str(error.value).lower() or "Quy mô" in str(error.value)


def test_a_reversed_or_future_range_of_years_is_refused() -> None:
    with pytest.raises(VolumeError, match="đảo ngược"):
        years_check(2024, 2022, today=TODAY)
    with pytest.raises(VolumeError, match="chưa bắt đầu"):
        years_check(2026, 2027, today=TODAY)
    assert years_check(2022, 2026, today=TODAY) == [2022, 2023, 2024, 2025, 2026]


def test_spread_is_whole_exact_and_proportional() -> None:
    parts = spread(10, [1, 1, 1])
    assert sum(parts) == 10 and sorted(parts) == [3, 3, 4]
    assert spread(1_251_357, [2.0, 1.0]) == [834_238, 417_119]
    assert spread(0, []) == []
    with pytest.raises(ValueError, match="negative"):
        spread(-1, [1.0])


def test_receipt_days_add_up_to_the_plan_and_put_the_backlog_at_the_end() -> None:
    from datetime import timedelta

    from motcua.synthetic.volumes import LAST_DAYS_OPEN, receipt_days

    plan = next(p for p in year_plans([2022], scale=Decimal("0.1")) if p.tier == Tier.DISTRICT)
    days = [
        date(2022, 1, 3) + timedelta(days=n)
        for n in range(362)
        if (date(2022, 1, 3) + timedelta(days=n)).weekday() < 5
    ]
    spread_days = receipt_days(plan, working_days=days, late_until=date(2022, 11, 15))
    assert sum(v["on_time"] for v in spread_days.values()) == plan.new_on_time
    assert sum(v["late"] for v in spread_days.values()) == plan.handled.late
    assert sum(v["open"] for v in spread_days.values()) == plan.handled.backlog == 634
    assert all(v["late"] == 0 for d, v in spread_days.items() if d > date(2022, 11, 15))
    assert {d for d, v in spread_days.items() if v["open"]} <= set(days[-LAST_DAYS_OPEN:])
    mondays = [v["on_time"] for d, v in spread_days.items() if d.weekday() == 0]
    fridays = [v["on_time"] for d, v in spread_days.items() if d.weekday() == 4]
    assert sum(mondays) > sum(fridays)


def test_a_year_without_working_days_cannot_receive() -> None:
    from motcua.synthetic.volumes import receipt_days

    plan = year_plans([2022], scale=Decimal("0.01"))[0]
    with pytest.raises(VolumeError, match="ngày làm việc"):
        receipt_days(plan, working_days=[], late_until=date(2022, 11, 15))
