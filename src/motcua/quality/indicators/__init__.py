"""The QĐ 766 indicators: rule sets by effective date and the pure scoring functions.

`ruleset_on(day)` is the one entry point: it takes the built-in rule sets, applies the dated
changes of the setting MOTCUA_QUALITY_RULE_CHANGES and returns the set in force on that day.
A period is scored with the rules in force on its last day.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from motcua.quality.indicators import qd766_2022
from motcua.quality.indicators.base import (
    Metric,
    RuleChangeError,
    RuleSet,
    Score,
    group_max,
    group_total,
    metric_score,
    metric_score_from_counts,
    round_published,
    ruleset_pick,
    rulesets_with_changes,
)

BUILT_IN: tuple[RuleSet, ...] = (qd766_2022.RULES,)

__all__ = [
    "BUILT_IN",
    "Metric",
    "RuleChangeError",
    "RuleSet",
    "Score",
    "group_max",
    "group_total",
    "metric_score",
    "metric_score_from_counts",
    "round_published",
    "ruleset_on",
    "rulesets",
]


def rulesets() -> list[RuleSet]:
    return rulesets_with_changes(BUILT_IN, getattr(settings, "MOTCUA_QUALITY_RULE_CHANGES", []))


def ruleset_on(day: date) -> RuleSet:
    return ruleset_pick(rulesets(), day)
