"""The pure scoring of the QĐ 766 index: metrics, rule sets by effective date, rounding.

No database, no settings read here except through `ruleset_on`'s `changes` argument: the
dashboard, the facts and the `quality_score` command all call these functions, so a figure the
national portal publishes can be checked against our formulas row by row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, DecimalException, InvalidOperation
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.quality.constants import Empty, Group

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Metric:
    code: str
    group: Group
    number: str  # the indicator's number in REGULATION.md §1.3 (1.1 … 5.4)
    name: str | Promise
    max_score: Decimal
    threshold: Decimal = Decimal(1)
    empty: Empty = Empty.NULL
    monitor: bool = False  # shown, never scored (2.2, 5.1)
    # For groups the portal publishes as counts: the fields summed into the numerator and the
    # field that is the denominator.
    counts: tuple[tuple[str, ...], str] | None = None


@dataclass(frozen=True)
class RuleSet:
    effective_from: date
    source: str
    metrics: tuple[Metric, ...]
    by_code: dict[str, Metric] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_code", {m.code: m for m in self.metrics})

    def group_metrics(self, group: Group | str) -> list[Metric]:
        return [m for m in self.metrics if m.group == group]

    def max_total(self) -> Decimal:
        return sum((m.max_score for m in self.metrics), Decimal(0))


@dataclass(frozen=True)
class Score:
    """A metric's or a group's score: `value` is None where the portal gives no score."""

    value: Decimal | None
    max_score: Decimal
    ratio: Decimal | None = None  # 0..1, unrounded
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reason: str = ""


class RuleChangeError(ValueError):
    pass


def rulesets_with_changes(
    base: Sequence[RuleSet], changes: Sequence[Mapping[str, Any]]
) -> list[RuleSet]:
    """The rule sets in force, each change adding a new version from its date.

    A change is ``{"from": "2025-01-01", "metric": code, "max_score": …, "threshold": …,
    "empty": "null|zero|full"}`` (the setting MOTCUA_QUALITY_RULE_CHANGES): from that date the
    metric takes the given values, every other metric stays as it was.
    """
    versions = sorted(base, key=lambda r: r.effective_from)
    for change in sorted(changes, key=lambda c: str(c.get("from", ""))):
        try:
            start = date.fromisoformat(str(change["from"]))
            code = str(change["metric"])
        except (KeyError, ValueError) as exc:
            raise RuleChangeError(f"bad rule change {change!r}: {exc}") from exc
        current = [r for r in versions if r.effective_from <= start]
        if not current:
            raise RuleChangeError(f"rule change {change!r} predates every rule set")
        previous = current[-1]
        if code not in previous.by_code:
            raise RuleChangeError(f"rule change {change!r}: unknown metric {code}")
        updates: dict[str, Any] = {}
        for key in ("max_score", "threshold"):
            if key in change:
                updates[key] = Decimal(str(change[key]))
        if "empty" in change:
            updates["empty"] = Empty(change["empty"])
        metrics = tuple(replace(m, **updates) if m.code == code else m for m in previous.metrics)
        changed = RuleSet(
            effective_from=start, source=f"{previous.source}; change {change!r}", metrics=metrics
        )
        versions = [r for r in versions if r.effective_from != start] + [changed]
        # Later versions inherit the change too.
        versions = [
            RuleSet(
                effective_from=r.effective_from,
                source=r.source,
                metrics=tuple(replace(m, **updates) if m.code == code else m for m in r.metrics),
            )
            if r.effective_from > start
            else r
            for r in versions
        ]
        versions.sort(key=lambda r: r.effective_from)
    return versions


def ruleset_pick(versions: Sequence[RuleSet], on: date) -> RuleSet:
    """The rule set in force on a day (the last that took effect on or before it)."""
    in_force = [r for r in versions if r.effective_from <= on]
    if not in_force:
        return min(versions, key=lambda r: r.effective_from)
    return max(in_force, key=lambda r: r.effective_from)


def round_published(value: Decimal) -> Decimal:
    """Two decimals, half away from zero, as the national portal publishes scores."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def metric_score(  # noqa: PLR0911 - one return per kind of unscorable input
    metric: Metric,
    *,
    numerator: Any = None,
    denominator: Any = None,
    ratio: Any = None,
) -> Score:
    """Score one metric: min(max, max·R/threshold), R = numerator / denominator.

    Without numerator and denominator, `ratio` (a percentage, as the portal shows it) is used.
    A zero denominator scores what the metric's `empty` says; missing or negative inputs and
    monitoring-only metrics score None with the reason.
    """
    pmax = metric.max_score
    if metric.monitor:
        return Score(None, pmax, reason=str(_("monitoring only, not scored")))
    num, den = _number(numerator), _number(denominator)
    if numerator is None and denominator is None and ratio is not None:
        percent = _number(ratio)
        if percent is None or percent < 0:
            return Score(None, pmax, reason=str(_("the ratio is not a number ≥ 0")))
        share = percent / 100
    else:
        if num is None or den is None:
            missing = "numerator" if num is None else "denominator"
            return Score(
                None,
                pmax,
                reason=str(_("%(field)s is missing or not a number")) % {"field": missing},
            )
        if num < 0 or den < 0:
            return Score(
                None, pmax, numerator=num, denominator=den, reason=str(_("negative counts"))
            )
        if den == 0:
            if metric.empty == Empty.FULL:
                value: Decimal | None = round_published(pmax)
            elif metric.empty == Empty.ZERO:
                value = round_published(Decimal(0))
            else:
                value = None
            return Score(
                value,
                pmax,
                numerator=num,
                denominator=den,
                reason="" if value is not None else str(_("nothing to count in the period")),
            )
        try:
            share = num / den
        except DecimalException:  # e.g. 1e999999 / 1e-999999 from a malformed portal row
            return Score(
                None, pmax, numerator=num, denominator=den, reason=str(_("counts out of range"))
            )
    raw = min(pmax, pmax * share / metric.threshold)
    return Score(round_published(raw), pmax, ratio=share, numerator=num, denominator=den)


def metric_score_from_counts(metric: Metric, counts: Mapping[str, Any]) -> Score:
    """Score a metric of a count-based group from the portal's count fields."""
    if metric.counts is None:
        raise ValueError(f"{metric.code} is not computed from counts")
    numerator_fields, denominator_field = metric.counts
    if metric.monitor:
        return metric_score(metric)
    parts = [_number(counts.get(name)) for name in numerator_fields]
    missing = [n for n, p in zip(numerator_fields, parts, strict=True) if p is None]
    if _number(counts.get(denominator_field)) is None:
        missing.append(denominator_field)
    if missing:
        return Score(
            None,
            metric.max_score,
            reason=str(_("missing or not a number: %(fields)s")) % {"fields": ", ".join(missing)},
        )
    numerator = sum((p for p in parts if p is not None), Decimal(0))
    return metric_score(metric, numerator=numerator, denominator=counts.get(denominator_field))


def group_total(scores: Sequence[Score], max_score: Decimal) -> Score:
    """A group's score: the sum of its scored metrics, None if none was scored."""
    values = [s.value for s in scores if s.value is not None]
    if not values:
        reasons = sorted({s.reason for s in scores if s.reason})
        return Score(None, max_score, reason="; ".join(reasons))
    return Score(round_published(sum(values, Decimal(0))), max_score)


def group_max(ruleset: RuleSet, group: Group | str) -> Decimal:
    return sum((m.max_score for m in ruleset.group_metrics(group)), Decimal(0))
