"""Reads of the quality app: scopes, scorecards, rankings, comparisons, targets, risks.

The scorecard itself is in `scores.py`; this module puts scorecards side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.selectors import procedure_profiles, sector_list
from motcua.dossiers.selectors.facts import dossier_codes
from motcua.dossiers.selectors.risk import (
    AtRisk,
    dossier_count_received_unsynced,
    dossier_list_at_risk,
)
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import (
    agency_get,
    agency_list_valid_on,
    unit_get,
    unit_list_valid_on,
)
from motcua.quality.constants import Group, ScopeKind
from motcua.quality.models import DossierFact, FillState, NationalFigure, Target
from motcua.quality.periods import Period, period_previous
from motcua.quality.selectors.scores import (
    MetricRow,
    Scope,
    Scorecard,
    Totals,
    band_of,
    empty_reason,
    metric_inputs,
    scorecard,
    scorecard_from_inputs,
    totals_grouped,
)
from motcua.sync.selectors import Divergence, sync_divergences

__all__ = [
    "AtRisk",
    "MetricRow",
    "Scope",
    "ScopeError",
    "Scorecard",
    "band_of",
    "empty_reason",
    "scorecard",
]


class ScopeError(ValueError):
    pass


PROVINCE = Scope(
    ScopeKind.PROVINCE, "", "", frozenset({Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE})
)


def scope_resolve(kind: str, value: str = "", *, on: date | None = None) -> Scope:
    """A scope from a form or URL, with its label; ScopeError (Vietnamese) if unknown."""
    on = on or timezone.localdate()
    try:
        scope_kind = ScopeKind(kind or ScopeKind.PROVINCE)
    except ValueError:
        raise ScopeError(_("Unknown kind of scope.")) from None
    if scope_kind == ScopeKind.PROVINCE:
        return Scope(ScopeKind.PROVINCE, "", str(_("The whole province")), PROVINCE.tiers)
    if scope_kind == ScopeKind.TIER:
        if value not in Tier.values:
            raise ScopeError(_("Unknown tier."))
        return Scope(scope_kind, value, str(Tier(value).label), frozenset({value}))
    if scope_kind == ScopeKind.PROCEDURE:
        return _procedure_scope(value.strip(), on)
    if not value.isdigit():
        raise ScopeError(_("Choose a unit, agency, sector or procedure from the list."))
    if scope_kind == ScopeKind.AGENCY:
        agency = agency_get(agency_id=int(value))
        if agency is None:
            raise ScopeError(_("There is no such agency."))
        return Scope(scope_kind, value, agency.name, frozenset({agency.tier}))
    if scope_kind == ScopeKind.UNIT:
        unit = unit_get(unit_id=int(value))
        if unit is None:
            raise ScopeError(_("There is no such administrative unit."))
        return Scope(scope_kind, value, unit.name, frozenset({unit.tier}))
    sector = sector_list().filter(pk=int(value)).first()
    if sector is None:
        raise ScopeError(_("There is no such sector."))
    return Scope(scope_kind, value, sector.name, PROVINCE.tiers)


def _procedure_scope(value: str, on: date) -> Scope:
    """A procedure by its id or by its national code (1.004873), as officers know it."""
    profile = next(
        (p for p in procedure_profiles(on=on) if value in (p.code, str(p.procedure_id))), None
    )
    if profile is None:
        raise ScopeError(_("There is no such procedure in force."))
    return Scope(
        ScopeKind.PROCEDURE, str(profile.procedure_id), f"{profile.code} {profile.name}",
        PROVINCE.tiers,
    )  # fmt: skip


def fill_state() -> FillState | None:
    return FillState.objects.filter(pk=1).first()


# --- rankings -----------------------------------------------------------------------------------

PEERS = {
    # peer group: (tier, grouped by, scope kind of one peer)
    "departments": (Tier.PROVINCE, "agency", ScopeKind.AGENCY),
    "districts": (Tier.DISTRICT, "unit", ScopeKind.UNIT),
    "communes": (Tier.COMMUNE, "unit", ScopeKind.UNIT),
}


@dataclass(frozen=True)
class RankRow:
    rank: int
    previous_rank: int | None
    card: Scorecard

    @property
    def change(self) -> int | None:
        return None if self.previous_rank is None else self.previous_rank - self.rank


def peer_cards(peers: str, period: Period, today: date) -> list[Scorecard]:
    tier, by, kind = PEERS[peers]
    until = period.until(today)
    names: dict[int, str]
    if by == "agency":
        names = {a.pk: a.name for a in agency_list_valid_on(day=until).filter(tier=tier)}
    else:
        names = {u.pk: u.name for u in unit_list_valid_on(day=until, tier=Tier(tier))}
    tier_scope = Scope(ScopeKind.TIER, tier, "", frozenset({tier}))
    totals = totals_grouped(tier_scope, period, by=by, today=today)
    cards = []
    for peer_id, name in names.items():
        scope = Scope(kind, str(peer_id), name, frozenset({tier}))
        peer_totals = totals.get(peer_id) or Totals()
        inputs = metric_inputs(
            peer_totals, scope=scope, period=period, tiers=scope.tiers, today=today
        )
        cards.append(
            scorecard_from_inputs(
                inputs, scope=scope, period=period, until=until,
                received=peer_totals.flows["received"],
            )
        )  # fmt: skip
    return cards


def _ranked(cards: list[Scorecard]) -> dict[str, int]:
    ordered = sorted(cards, key=lambda c: (-(c.total.value or Decimal(-1)), c.scope.label))
    return {c.scope.value: index + 1 for index, c in enumerate(ordered)}


def ranking(peers: str, period: Period, *, today: date | None = None) -> list[RankRow]:
    """The peers (departments, districts or communes) by total score, with the rank they held
    in the previous period."""
    if peers not in PEERS:
        raise ScopeError(_("Unknown group of peers."))
    today = today or timezone.localdate()
    cards = peer_cards(peers, period, today)
    if not cards:
        return []
    ranks = _ranked(cards)
    before = _ranked(peer_cards(peers, period_previous(period), today))
    rows = [RankRow(ranks[c.scope.value], before.get(c.scope.value), c) for c in cards]
    return sorted(rows, key=lambda r: r.rank)


# --- comparison of two periods ----------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    group: Group
    label: str
    number: str
    percent_a: Decimal | None
    score_a: Decimal | None
    percent_b: Decimal | None
    score_b: Decimal | None
    max_score: Decimal
    is_group: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.score_a is None or self.score_b is None:
            return None
        return self.score_b - self.score_a

    @property
    def percent_change(self) -> Decimal | None:
        if self.percent_a is None or self.percent_b is None:
            return None
        return self.percent_b - self.percent_a


def comparison(a: Scorecard, b: Scorecard) -> list[ComparisonRow]:
    """Indicator group by group, rate and points in period A, in period B, and the change: the
    layout of the province's own reports (e.g. Q1/2023 vs Q1/2024)."""
    rows = []
    for group_a, group_b in zip(a.groups, b.groups, strict=True):
        rows.append(
            ComparisonRow(
                group_a.group, str(group_a.group.label), "", None, group_a.score.value, None,
                group_b.score.value, group_a.score.max_score, is_group=True,
            )
        )  # fmt: skip
        for row_a, row_b in zip(group_a.metrics, group_b.metrics, strict=True):
            rows.append(
                ComparisonRow(
                    group_a.group, str(row_a.metric.name), row_a.metric.number, row_a.percent,
                    row_a.score.value, row_b.percent, row_b.score.value, row_a.metric.max_score,
                )
            )  # fmt: skip
    rows.append(
        ComparisonRow(
            Group.TRANSPARENCY, str(_("Total")), "", None, a.total.value, None, b.total.value,
            a.total.max_score, is_group=True,
        )
    )  # fmt: skip
    return rows


def trend(scope: Scope, periods: Iterable[Period], *, today: date | None = None) -> list[Scorecard]:
    return [scorecard(scope, p, today=today) for p in periods]


# --- targets (chỉ tiêu giao) --------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    target: Target
    card: Scorecard
    percent: Decimal | None

    @property
    def metric_name(self) -> str:
        metric = self.card.ruleset.by_code.get(self.target.metric)
        return f"{metric.number} {metric.name}" if metric else self.target.metric

    @property
    def met(self) -> bool:
        return self.percent is not None and self.percent >= self.target.percent

    @property
    def at_zero(self) -> bool:
        return self.percent is not None and self.percent == 0


def target_list() -> list[Target]:
    return list(Target.objects.select_related("agency").order_by("metric", "due_on", "tier"))


def targets_in_force(period: Period) -> list[Target]:
    """Per metric and tier (or agency), the target being worked towards at the period's end:
    the first one due on or after it, else the last one."""
    chosen: dict[tuple[str, str, int | None], Target] = {}
    for target in target_list():
        key = (target.metric, target.tier, target.agency_id)
        current = chosen.get(key)
        if (
            current is None
            or current.due_on < period.end <= target.due_on
            or (current.due_on < period.end and target.due_on > current.due_on)
            or period.end <= target.due_on < current.due_on
        ):
            chosen[key] = target
    return list(chosen.values())


def targets_attainment(period: Period, *, today: date | None = None) -> list[TargetRow]:
    """Every peer a target applies to, with its rate in the period; worst first."""
    today = today or timezone.localdate()
    cards_by_tier: dict[str, list[Scorecard]] = {}
    rows: list[TargetRow] = []
    for target in targets_in_force(period):
        if target.agency_id is not None:
            agency_scope = Scope(
                ScopeKind.AGENCY,
                str(target.agency_id),
                target.agency.name if target.agency else "",
                frozenset({target.agency.tier if target.agency else ""}),
            )
            cards = [scorecard(agency_scope, period, today=today)]
        else:
            peers = {"province": "departments", "district": "districts", "commune": "communes"}[
                target.tier
            ]
            if target.tier not in cards_by_tier:
                cards_by_tier[target.tier] = peer_cards(peers, period, today)
            cards = cards_by_tier[target.tier]
        for card in cards:
            rows.append(TargetRow(target, card, card.metric(target.metric).percent))
    return sorted(rows, key=lambda r: (r.met, r.percent if r.percent is not None else Decimal(-1)))


# --- points at risk -----------------------------------------------------------------------------


def agency_ids_of_scope(scope: Scope, *, on: date) -> list[int]:
    agencies = agency_list_valid_on(day=on)
    if scope.kind == ScopeKind.AGENCY:
        return [int(scope.value)]
    if scope.kind == ScopeKind.UNIT:
        return list(agencies.filter(unit_id=int(scope.value)).values_list("pk", flat=True))
    if scope.kind == ScopeKind.TIER:
        return list(agencies.filter(tier=scope.value).values_list("pk", flat=True))
    return list(agencies.values_list("pk", flat=True))


def points_at_risk(scope: Scope, *, limit: int = 200) -> tuple[list[AtRisk], int]:
    """The open dossiers that will cost the scope points, and how many are not synchronised."""
    agency_ids = agency_ids_of_scope(scope, on=timezone.localdate())
    return (
        dossier_list_at_risk(agency_ids=agency_ids, limit=limit),
        dossier_count_received_unsynced(agency_ids=agency_ids),
    )


# --- reconciliation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReconciliationRow:
    figure: NationalFigure
    ours: Decimal | None
    ours_numerator: Decimal | None
    ours_denominator: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.ours is None or self.figure.score is None:
            return None
        return self.ours - self.figure.score


@dataclass(frozen=True)
class DossierDifference:
    dossier_id: int
    code: str
    divergence: Divergence


@dataclass(frozen=True)
class AgencyDifferences:
    """The dossiers of an agency received in a period that the national portal may count
    otherwise than we do: never accepted, behind, or stopped (motcua.sync)."""

    agency: Any
    received: int
    counts: dict[str, int]
    dossiers: list[DossierDifference]


def reconciliation_dossiers(
    period: Period, *, agencies: Iterable[Any], limit: int = 200
) -> list[AgencyDifferences]:
    """Per agency, the dossiers behind differences with the national portal's figures."""
    out = []
    for agency in agencies:
        ids = list(
            DossierFact.objects.filter(
                agency_id=agency.pk, received_on__gte=period.start, received_on__lte=period.end
            )
            .order_by("received_at")
            .values_list("dossier_id", flat=True)
        )
        divergences = sync_divergences(ids)
        counts: dict[str, int] = {}
        for item in divergences:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        shown = divergences[:limit]
        codes = dossier_codes([d.dossier_id for d in shown])
        out.append(
            AgencyDifferences(
                agency=agency,
                received=len(ids),
                counts=counts,
                dossiers=[
                    DossierDifference(d.dossier_id, codes.get(d.dossier_id, ""), d) for d in shown
                ],
            )
        )
    return out


def national_figures(period: Period) -> list[NationalFigure]:
    return list(
        NationalFigure.objects.filter(period_start=period.start, period_end=period.end)
        .select_related("agency")
        .order_by("department_name", "group", "metric")
    )


def reconciliation(period: Period, *, today: date | None = None) -> list[ReconciliationRow]:
    """Each imported national figure of the period next to ours for the same scope and metric."""
    today = today or timezone.localdate()
    cards: dict[int | None, Scorecard] = {}
    rows = []
    for figure in national_figures(period):
        key = figure.agency_id
        if key not in cards:
            scope = (
                Scope(
                    ScopeKind.AGENCY, str(key), figure.agency.name, frozenset({figure.agency.tier})
                )
                if figure.agency is not None
                else PROVINCE
            )
            cards[key] = scorecard(scope, period, today=today)
        card = cards[key]
        if figure.metric:
            mine = card.metric(figure.metric)
            rows.append(
                ReconciliationRow(figure, mine.score.value, mine.numerator, mine.denominator)
            )
        else:
            group = card.group(figure.group)
            rows.append(ReconciliationRow(figure, group.score.value, None, None))
    return rows
