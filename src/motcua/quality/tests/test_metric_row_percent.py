"""A metric's row shows its rate from whole-number counts (found by the access matrix, issue 14:
the dashboard's comparison with another period answered 500 when its inputs held ints)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from motcua.quality.indicators import ruleset_on
from motcua.quality.indicators.base import Score
from motcua.quality.selectors.scores import MetricRow


def test_a_rate_from_whole_numbers_is_a_decimal_percent() -> None:
    metric = ruleset_on(date(2025, 6, 30)).metrics[0]
    empty = Score(None, metric.max_score)
    # What stored inputs hold (plain JSON numbers), whatever the annotations say.
    assert MetricRow(metric, empty, 2, 3).percent == Decimal("66.67")  # type: ignore[arg-type]
    assert MetricRow(metric, empty, 1.5, 6).percent == Decimal("25.00")  # type: ignore[arg-type]
    assert MetricRow(metric, empty, 1, 0).percent is None  # type: ignore[arg-type]
