"""The 766 scorecard of any scope and period, from the daily facts (REGULATION.md §1.3–1.4).

One grouped query over `DailyFact` gives the flows of the period per (peer, procedure); one more
gives the open stock at the period's last day. Procedure-level indicators (3.1, 3.2, 3.5, 4.5a)
come from the catalogue in force at the period's end and the facts' procedures; 1.1–1.3 from the
publication register. Every score then goes through `quality.scoring`, the functions the
`quality_score` command uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from time import monotonic
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.constants import ONLINE_LEVELS, ServiceLevel
from motcua.catalog.selectors import ProcedureProfile, procedure_profiles, publication_register
from motcua.feedback.selectors import SCOPE_FIELDS, PetitionCounts, petition_counts
from motcua.quality.constants import Group, ScopeKind
from motcua.quality.indicators import Metric, RuleSet, Score, group_max, group_total, ruleset_on
from motcua.quality.models import END_COUNTERS, OPEN_COUNTERS, RECEIPT_COUNTERS, DailyFact
from motcua.quality.periods import Period, period_year
from motcua.quality.scoring import group_metric_scores, total_of

FLOW_COUNTERS = RECEIPT_COUNTERS + END_COUNTERS + ("processing_days",)
GROUP_FIELDS = {"agency": "agency_id", "unit": "unit_id", "tier": "tier", None: None}


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    value: str = ""  # id, tier or "" for the province
    label: str = ""
    tiers: frozenset[str] = frozenset()  # the tiers whose catalogue the scope answers for

    def filters(self) -> Q:
        if self.kind == ScopeKind.PROVINCE:
            return Q()
        field_name = {
            ScopeKind.TIER: "tier",
            ScopeKind.AGENCY: "agency_id",
            ScopeKind.UNIT: "unit_id",
            ScopeKind.SECTOR: "sector_id",
            ScopeKind.PROCEDURE: "procedure_id",
        }[self.kind]
        return Q(**{field_name: self.value})

    def procedure_matches(self, profile: ProcedureProfile, tiers: frozenset[str]) -> bool:
        """Whether a procedure belongs to this scope's catalogue (indicators 1.x, 3.1, 3.5)."""
        if self.kind == ScopeKind.PROCEDURE:
            return str(profile.procedure_id) == self.value
        if self.kind == ScopeKind.SECTOR:
            return str(profile.sector_id) == self.value
        if self.kind == ScopeKind.PROVINCE:
            return bool(profile.tiers)
        return bool(profile.tiers & tiers)


@dataclass
class Totals:
    """The period's counts of one peer (or the whole scope)."""

    flows: dict[str, Any] = field(default_factory=lambda: defaultdict(int))
    open_total: int = 0
    open_on_time: int = 0
    online_procedures_used: set[int] = field(default_factory=set)
    paid_procedures: set[int] = field(default_factory=set)
    synced_fee_procedures: set[int] = field(default_factory=set)
    citizen_data_procedures: set[int] = field(default_factory=set)
    citizen_procedures_with_dossiers: set[int] = field(default_factory=set)
    procedures_with_dossiers: set[int] = field(default_factory=set)
    petitions: PetitionCounts = field(default_factory=PetitionCounts)


@dataclass(frozen=True)
class MetricRow:
    metric: Metric
    score: Score
    numerator: Decimal | None
    denominator: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        if self.score.ratio is None:
            if self.numerator is not None and self.denominator:
                # Stored inputs may hold ints (int / int is a float): Decimal first, via str.
                share = Decimal(str(self.numerator)) / Decimal(str(self.denominator))
                return (100 * share).quantize(Decimal("0.01"))
            return None
        return (100 * self.score.ratio).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class GroupRow:
    group: Group
    score: Score
    metrics: list[MetricRow]


@dataclass(frozen=True)
class Scorecard:
    scope: Scope
    period: Period
    until: date  # the last day counted
    ruleset: RuleSet
    groups: list[GroupRow]
    total: Score
    received: int
    band: str
    average_days: Decimal | None = None  # 2.2, monitoring only

    def group(self, group: Group | str) -> GroupRow:
        return next(g for g in self.groups if g.group == group)

    def metric(self, code: str) -> MetricRow:
        return next(m for g in self.groups for m in g.metrics if m.metric.code == code)


# --- the facts ---------------------------------------------------------------------------------


def totals_grouped(
    scope: Scope, period: Period, *, by: str | None = None, today: date | None = None
) -> dict[Any, Totals]:
    """Per peer (`by`: "agency", "unit", "tier" or None for one total), the period's counts."""
    today = today or timezone.localdate()
    until = period.until(today)
    key_field = GROUP_FIELDS[by]
    rows = (
        DailyFact.objects.filter(scope.filters(), day__gte=period.start, day__lte=until)
        .values(*([key_field] if key_field else []), "procedure_id")
        .annotate(**{name: Sum(name) for name in FLOW_COUNTERS})
    )
    out: dict[Any, Totals] = defaultdict(Totals)
    for row in rows:
        totals = out[row[key_field] if key_field else None]
        procedure = row["procedure_id"]
        for name in FLOW_COUNTERS:
            totals.flows[name] += row[name] or 0
        if row["received_online"]:
            totals.online_procedures_used.add(procedure)
        if row["paid_online"]:
            totals.paid_procedures.add(procedure)
        if row["fee_bearing"] and row["synced"]:
            totals.synced_fee_procedures.add(procedure)
        if row["citizen_data"]:
            totals.citizen_data_procedures.add(procedure)
        if row["received"]:
            totals.procedures_with_dossiers.add(procedure)
    on_day = DailyFact.objects.filter(scope.filters(), day=until)
    sums = {name: Sum(name) for name in OPEN_COUNTERS}
    # Without a grouping, one aggregate row (`.values()` with no field would group by all).
    stock = (
        list(on_day.values(key_field).annotate(**sums)) if key_field else [on_day.aggregate(**sums)]
    )
    for row in stock:
        totals = out[row[key_field] if key_field else None]
        totals.open_total += row["open_total"] or 0
        totals.open_on_time += row["open_on_time"] or 0
    _add_petitions(out, scope, period.start, until, by)
    if key_field is None and None not in out:
        out[None] = Totals()
    return out


def _add_petitions(
    out: dict[Any, Totals], scope: Scope, start: date, until: date, by: str | None
) -> None:
    """Petitions first received in the period (766 5.1–5.3), per peer: those of an agency count
    for it, its tier and its unit; one not yet routed only for the province. A peer without
    dossier facts is not added (rankings list the peers that have dossiers)."""
    filters: dict[str, Any] = {}
    if scope.kind != ScopeKind.PROVINCE:
        filters[SCOPE_FIELDS[str(scope.kind)]] = scope.value
    for key, counts in petition_counts(start=start, until=until, filters=filters, by=by).items():
        if by is None or key in out:
            out[key].petitions = counts


# The catalogue in force and the publication register change rarely and are read for every
# scorecard (a ranking computes ~200): kept 5 minutes in the shared cache, and 30 seconds in
# this process so a ranking does not unpickle them 400 times.
_LOCAL: dict[str, tuple[float, list[Any]]] = {}
_LOCAL_SECONDS = 30


def _cached(key: str, build: Callable[[], list[Any]]) -> list[Any]:
    now = monotonic()
    hit = _LOCAL.get(key)
    if hit is not None and now - hit[0] < _LOCAL_SECONDS:
        return hit[1]
    value: list[Any] | None = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, 300)
    _LOCAL[key] = (now, value)
    return value


def catalogue_cache_clear() -> None:
    """Forget the cached catalogue and register (tests; a new catalogue is seen within 5 min)."""
    _LOCAL.clear()


def _profiles(on: date) -> list[ProcedureProfile]:
    return _cached(f"quality:profiles:{on.isoformat()}", lambda: procedure_profiles(on=on))


def _register(on: date) -> list[Any]:
    return _cached(f"quality:register:{on.isoformat()}", publication_register)


# --- from counts to the inputs of each metric -------------------------------------------------


def _ratio(numerator: float | int | Decimal, denominator: float | int | Decimal) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator}


def metric_inputs(
    totals: Totals,
    *,
    scope: Scope,
    period: Period,
    tiers: frozenset[str],
    sync_fallback: int | None = None,
    today: date | None = None,
) -> dict[Group, dict[str, Any]]:
    """The inputs of each group's total row, in the national API's shapes (scoring.py)."""
    today = today or timezone.localdate()
    until = period.until(today)
    f = totals.flows
    catalogue = [p for p in _profiles(until) if scope.procedure_matches(p, tiers)]
    codes = {p.code for p in catalogue}
    register = [r for r in _register(until) if r.code in codes]
    in_period = [r for r in register if period.start <= r.signed_on <= until]

    def worst(rows: list[Any], attribute: str) -> tuple[int, int]:
        # One procedure counts once; late if any of its publications in the period was late.
        verdicts: dict[str, bool] = {}
        for r in rows:
            value = getattr(r, attribute)
            if value is None:
                continue
            verdicts[r.code] = verdicts.get(r.code, True) and value
        return sum(verdicts.values()), len(verdicts)

    published, published_total = worst(in_period, "published_on_time")
    public, public_total = worst(in_period, "public_on_time")
    received = f["received"]
    sync_denominator = received or (sync_fallback or 0)
    total_2_1 = f["ended"] + totals.open_total
    on_time_2_1 = f["ended_on_time"] + totals.open_on_time
    late_2_1 = total_2_1 - on_time_2_1
    online = [p for p in catalogue if p.service_level in ONLINE_LEVELS]
    fee_procedures = {p.procedure_id for p in catalogue if p.has_fee}
    online_counted: float | int = f["online_counted"]
    if settings.MOTCUA_QUALITY_ONLINE_TIMES_SYNC_RATE:
        online_counted = online_counted * (f["synced"] / received) if received else 0
    citizen_procedures = {p.procedure_id for p in catalogue if p.subject_is_citizen}
    petitions = totals.petitions
    return {
        Group.TRANSPARENCY: {
            "PUBLISH_ON_TIME": _ratio(published, published_total),
            "PUBLIC_UPDATE_ON_TIME": _ratio(public, public_total),
            "PUBLIC_CONTENT_FULL": _ratio(sum(p.complete for p in catalogue), len(catalogue)),
            "DOSSIER_SYNC": _ratio(f["synced"], sync_denominator),
        },
        Group.PROGRESS: {
            "totalOnTime": on_time_2_1,
            "totalReceived": total_2_1,
            "totalCompleted": f["completed"],
            "avgProcessingDays": (
                (Decimal(f["processing_days"]) / f["completed"]).quantize(Decimal("0.01"))
                if f["completed"]
                else None
            ),
        },
        Group.ONLINE: {
            "authorityCount": len(catalogue),
            "partialCount": sum(p.service_level == ServiceLevel.PARTIAL_ONLINE for p in catalogue),
            "fullCount": sum(p.service_level == ServiceLevel.FULL_ONLINE for p in catalogue),
            "onlineDossierCount": len(
                {p.procedure_id for p in online} & totals.online_procedures_used
            ),
            "onlineServiceTotal": len(online),
            "channelOnlineSum": online_counted,
            "channelTotalSum": received,
        },
        Group.PAYMENT: {
            "totalFeeFormality": len(fee_procedures),
            "totalFeeDossierFormality": len(fee_procedures & totals.synced_fee_procedures),
            "totalDossierOnlineFormalityPaymentSuccess": len(
                fee_procedures & totals.paid_procedures
            ),
            "totalDossierOnlinePaymentSuccess": f["paid_online"],
            "totalDossierFinancialObligation": f["fee_bearing"],
        },
        Group.DIGITISATION: {
            "ORIGINAL_RESULT_AVAILABLE": _ratio(f["e_result"], f["result_due"]),
            "SO_HOA_GIAY_TO_GIAI_QUYET": _ratio(f["digitised"], received),
            # No source yet: the catalogue does not mark certification procedures.
            "ELECTRONIC_CERTIFIED_COPY": _ratio(0, 0),
            "REUSED_DIGITIZED_DATA": _ratio(f["reused"], received),
            "SYNCED_WITH_DVCQG_PERSONAL_STORAGE": _ratio(f["personal_store"], received),
            "CITIZEN_DATA_CONNECTED_DOSSIER": _ratio(f["citizen_data"], received),
            "CITIZEN_DATA_CONNECTED_FORMALITY": _ratio(
                len(totals.citizen_data_procedures & citizen_procedures),
                len(totals.procedures_with_dossiers & citizen_procedures),
            ),
        },
        Group.SATISFACTION: {
            # Petitions (PAKN, feedback.selectors.petition_counts); none scores full (5.2, 5.3).
            "PETITION_CLASSIFICATION_TTHC": _ratio(petitions.regulation, petitions.total),
            "PETITION_CLASSIFICATION_STAFF": _ratio(petitions.behaviour, petitions.total),
            "PETITION_PROCESSING_ON_TIME": _ratio(petitions.on_time, petitions.total),
            "PETITION_HANDLING_SATISFACTION": _ratio(petitions.satisfied, petitions.total),
            "DOSSIER_RECEIVING_SATISFACTION": _ratio(
                max(0, total_2_1 - late_2_1 - f["disliked"]), total_2_1
            ),
        },
    }


def _metric_numbers(metric: Metric, inputs: Mapping[str, Any]) -> tuple[Any, Any]:
    if metric.counts is not None:
        numerator_fields, denominator_field = metric.counts
        return (
            sum(Decimal(str(inputs.get(n) or 0)) for n in numerator_fields),
            Decimal(str(inputs.get(denominator_field) or 0)),
        )
    own = inputs.get(metric.code) or {}
    return own.get("numerator"), own.get("denominator")


def band_of(total: Decimal | None) -> str:
    if total is None:
        return ""
    for name, lowest in settings.MOTCUA_QUALITY_BANDS:
        if total >= lowest:
            return str(name)
    return ""


def scorecard_from_inputs(
    inputs: Mapping[Group, Mapping[str, Any]],
    *,
    scope: Scope,
    period: Period,
    until: date,
    received: int,
) -> Scorecard:
    ruleset = ruleset_on(period.end)
    groups = []
    for group in Group:
        scores = group_metric_scores(ruleset, group, inputs[group])
        rows = [
            MetricRow(metric, scores[metric.code], *_metric_numbers(metric, inputs[group]))
            for metric in ruleset.group_metrics(group)
        ]
        groups.append(
            GroupRow(group, group_total(list(scores.values()), group_max(ruleset, group)), rows)
        )
    total = total_of({g.group: g.score for g in groups})
    return Scorecard(
        scope=scope,
        period=period,
        until=until,
        ruleset=ruleset,
        groups=groups,
        total=total,
        received=received,
        band=band_of(total.value) if received else "",  # no band for a period without dossiers
        average_days=inputs[Group.PROGRESS].get("avgProcessingDays"),
    )


def _sync_fallback(scope: Scope, period: Period, today: date) -> int:
    """1.4 with no dossier in the period: last year's received ÷ 12 (month), ÷ 4 (quarter)."""
    last_year = period_year(period.start.year - 1)
    received = totals_grouped(scope, last_year, today=today)[None].flows["received"]
    divisor = {"month": 12, "quarter": 4}.get(period.kind, 1)
    return int(received // divisor)


def scorecard(scope: Scope, period: Period, *, today: date | None = None) -> Scorecard:
    today = today or timezone.localdate()
    totals = totals_grouped(scope, period, today=today)[None]
    tiers = scope.tiers
    fallback = _sync_fallback(scope, period, today) if not totals.flows["received"] else None
    inputs = metric_inputs(
        totals, scope=scope, period=period, tiers=tiers, sync_fallback=fallback, today=today
    )
    return scorecard_from_inputs(
        inputs,
        scope=scope,
        period=period,
        until=period.until(today),
        received=totals.flows["received"],
    )


def empty_reason(card: Scorecard) -> str:
    if card.received == 0 and card.group(Group.PROGRESS).score.value is None:
        return _("No dossier was received or processed in this period for this scope.")
    return ""
