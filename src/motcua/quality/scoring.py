"""Score rows shaped like the national portal's reporting API (REGULATION.md §1.6).

A row is ``{"group": <API group id>, "metric": <metric code or None>, "inputs": {...}}``. For a
metric, `inputs` holds `numerator` and `denominator` (or `ratio`, a percentage); for the total
of a group the portal computes from counts (progress, online, payment), its count fields; for
the total of a group made of metrics (transparency, digitisation, satisfaction), an object
keyed by metric code holding each metric's inputs. Unknown extra fields are ignored.

The `quality_score` command and the dashboard both go through `row_score`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from motcua.quality.constants import Group
from motcua.quality.indicators import (
    Metric,
    RuleSet,
    Score,
    group_max,
    group_total,
    metric_score,
    metric_score_from_counts,
)

COUNT_GROUPS = frozenset({Group.PROGRESS, Group.ONLINE, Group.PAYMENT})


class RowError(ValueError):
    """A row that cannot be read at all (not a malformed number: those score None)."""


def _metric_from_inputs(metric: Metric, inputs: Mapping[str, Any]) -> Score:
    if metric.counts is not None and not {"numerator", "denominator", "ratio"} & inputs.keys():
        return metric_score_from_counts(metric, inputs)
    return metric_score(
        metric,
        numerator=inputs.get("numerator"),
        denominator=inputs.get("denominator"),
        ratio=inputs.get("ratio"),
    )


def group_metric_scores(
    ruleset: RuleSet, group: Group, inputs: Mapping[str, Any]
) -> dict[str, Score]:
    """Every metric of a group scored from a group-total row's inputs."""
    scores: dict[str, Score] = {}
    for metric in ruleset.group_metrics(group):
        if group in COUNT_GROUPS:
            scores[metric.code] = (
                metric_score(metric) if metric.monitor else metric_score_from_counts(metric, inputs)
            )
            continue
        own = inputs.get(metric.code)
        if own is None:
            scores[metric.code] = (
                metric_score(metric)
                if metric.monitor
                else Score(None, metric.max_score, reason=_("no inputs for this metric"))
            )
        elif not isinstance(own, Mapping):
            raise RowError(_("inputs of %(code)s must be an object") % {"code": metric.code})
        else:
            scores[metric.code] = _metric_from_inputs(metric, own)
    return scores


def row_score(row: Any, *, ruleset: RuleSet) -> Score:
    """The score of one row; RowError if the row names no known group or metric."""
    if not isinstance(row, Mapping):
        raise RowError(_("a row must be an object"))
    try:
        group = Group(str(row.get("group")))
    except ValueError:
        raise RowError(
            _("unknown group %(group)r (expected one of: %(known)s)")
            % {"group": row.get("group"), "known": ", ".join(Group.values)}
        ) from None
    inputs = row.get("inputs")
    if not isinstance(inputs, Mapping):
        raise RowError(_("inputs must be an object"))
    code = row.get("metric")
    if code is None:
        scores = group_metric_scores(ruleset, group, inputs)
        return group_total(list(scores.values()), group_max(ruleset, group))
    metric = ruleset.by_code.get(str(code))
    if metric is None or metric.group != group:
        known = ", ".join(m.code for m in ruleset.group_metrics(group))
        raise RowError(
            _("unknown metric %(code)r in group %(group)s (expected one of: %(known)s)")
            % {"code": code, "group": group.value, "known": known}
        )
    return _metric_from_inputs(metric, inputs)


def score_json(score: Score) -> float | None:
    """The score as the portal publishes it: a number with 2 decimals, or null."""
    return None if score.value is None else float(score.value)


def total_of(group_scores: Mapping[str, Score]) -> Score:
    """The 100-point total: the sum of the scored groups."""
    maximum = sum((s.max_score for s in group_scores.values()), Decimal(0))
    return group_total(list(group_scores.values()), maximum)
