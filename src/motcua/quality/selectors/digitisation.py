"""Digitisation and electronic results per tier and per unit: the inputs of QĐ 766 indicators
4.1 (electronic results), 4.2 (digitised dossiers), 4.3 (reuse), 4.4 (linkage to the citizen's
store) and 4.5b (population data), with the points each rate earns. Read from the scorecards of
the same daily facts, so the figures here are the scorecard's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.organisation.constants import Tier
from motcua.quality.constants import ScopeKind
from motcua.quality.periods import Period
from motcua.quality.selectors import peer_cards
from motcua.quality.selectors.scores import Scope, Scorecard, scorecard

# The metrics of the page, in the order of REGULATION.md §1.3, with a column heading short
# enough for a table of units.
METRICS: dict[str, str | Promise] = {
    "ORIGINAL_RESULT_AVAILABLE": _("Electronic result"),  # 4.1: e_result / result_due
    "SO_HOA_GIAY_TO_GIAI_QUYET": _("Digitised"),  # 4.2: digitised / received
    "REUSED_DIGITIZED_DATA": _("Reused data"),  # 4.3: reused / received
    "SYNCED_WITH_DVCQG_PERSONAL_STORAGE": _("In the citizen's store"),  # 4.4: personal_store
    "CITIZEN_DATA_CONNECTED_DOSSIER": _("Population data"),  # 4.5b: citizen_data / received
}
IN_STORE = "SYNCED_WITH_DVCQG_PERSONAL_STORAGE"
TIER_PEERS = {Tier.PROVINCE: "departments", Tier.DISTRICT: "districts", Tier.COMMUNE: "communes"}


@dataclass(frozen=True)
class Rate:
    """One indicator of one unit: numerator / denominator, and the points the rules in force at
    the period's end give it (None where nothing was counted)."""

    code: str
    number: str  # "4.1"
    name: str | Promise
    short_name: str | Promise
    numerator: int
    denominator: int
    points: Decimal | None
    max_points: Decimal

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class DigitisationRow:
    label: str
    tier: str
    is_tier: bool  # the tier's total row, before its units
    received: int
    rates: list[Rate]

    @property
    def points(self) -> Decimal | None:
        """The points of the five indicators together (None when none was scored)."""
        scored = [r.points for r in self.rates if r.points is not None]
        return sum(scored, Decimal(0)) if scored else None

    @property
    def max_points(self) -> Decimal:
        return sum((r.max_points for r in self.rates), Decimal(0))

    def rate(self, code: str) -> Rate:
        return next(r for r in self.rates if r.code == code)


def _row(card: Scorecard, tier: str, *, is_tier: bool) -> DigitisationRow:
    rates = []
    for code, short_name in METRICS.items():
        m = card.metric(code)
        rates.append(
            Rate(
                code=code,
                number=m.metric.number,
                name=m.metric.name,
                short_name=short_name,
                numerator=int(m.numerator or 0),
                denominator=int(m.denominator or 0),
                points=m.score.value,
                max_points=m.metric.max_score,
            )
        )
    return DigitisationRow(
        label=card.scope.label, tier=tier, is_tier=is_tier, received=card.received, rates=rates
    )


@dataclass(frozen=True)
class TierDigitisation:
    total: DigitisationRow
    units: list[DigitisationRow]  # fewest points first; units without dossiers last

    @property
    def without_store(self) -> int:
        """Units that received dossiers, none of them linked to the citizen's store (4.4)."""
        return sum(1 for u in self.units if u.received and not u.rate(IN_STORE).numerator)


def digitisation_rates(period: Period, *, today: date | None = None) -> list[TierDigitisation]:
    """Per tier with units in service, the tier's total and its units (departments at the
    province tier, districts, communes)."""
    today = today or timezone.localdate()
    tiers: list[TierDigitisation] = []
    for tier, peers in TIER_PEERS.items():
        cards = peer_cards(peers, period, today)
        if not cards:
            continue  # no district tier after 1/7/2025
        total = scorecard(
            Scope(ScopeKind.TIER, tier, str(Tier(tier).label), frozenset({tier})),
            period,
            today=today,
        )
        units = [_row(card, tier, is_tier=False) for card in cards]
        units.sort(key=lambda r: (not r.received, r.points or Decimal(0), r.label))
        tiers.append(TierDigitisation(_row(total, tier, is_tier=True), units))
    return tiers
