"""Online payment per tier and per unit against the province's targets: the inputs of QĐ 766
indicators 3.5 (fee-bearing procedures integrated with, and used for, online payment) and 3.6
(dossiers paid online), counted from the same facts as the scorecard, so the figures here are
the scorecard's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from motcua.organisation.constants import Tier
from motcua.quality.constants import ScopeKind
from motcua.quality.models import Target
from motcua.quality.periods import Period
from motcua.quality.selectors import PEERS, peer_cards, targets_in_force
from motcua.quality.selectors.scores import MetricRow, Scope, Scorecard, scorecard

DOSSIERS_PAID = "ONLINE_PAYMENT_DOSSIERS"  # 3.6
PROCEDURES_INTEGRATED = "PAYMENT_INTEGRATED"  # 3.5a
PROCEDURES_TRANSACTED = "PAYMENT_TRANSACTED"  # 3.5b
TIER_PEERS = {Tier.PROVINCE: "departments", Tier.DISTRICT: "districts", Tier.COMMUNE: "communes"}


def _count(card: Scorecard, code: str) -> tuple[int, int]:
    row: MetricRow | None = next(
        (m for g in card.groups for m in g.metrics if m.metric.code == code), None
    )
    if row is None:
        return 0, 0
    return int(row.numerator or 0), int(row.denominator or 0)


@dataclass(frozen=True)
class PaymentRate:
    label: str
    tier: str
    is_tier: bool  # the tier's total row, before its units
    fee_dossiers: int  # 3.6 denominator: dossiers with fees or a financial obligation
    paid_online: int  # 3.6 numerator
    fee_procedures: int  # 3.5 denominator: fee-bearing procedures of the catalogue
    procedures_transacted: int  # 3.5b numerator: of those, with a payment made online
    procedures_integrated: int  # 3.5a numerator: of those, whose fee data reached DVCQG
    target: Target | None

    @property
    def percent(self) -> Decimal | None:
        if not self.fee_dossiers:
            return None
        return (Decimal(100) * self.paid_online / self.fee_dossiers).quantize(Decimal("0.1"))

    @property
    def met(self) -> bool | None:
        if self.target is None or self.percent is None:
            return None
        return self.percent >= self.target.percent

    @property
    def gap(self) -> int | None:
        """Dossiers that would have had to be paid online to reach the target."""
        if self.target is None or self.met is not False:
            return None
        needed = self.target.percent * self.fee_dossiers / 100
        return max(0, int(needed.to_integral_value(rounding="ROUND_CEILING")) - self.paid_online)


def _row(card: Scorecard, tier: str, *, is_tier: bool, target: Target | None) -> PaymentRate:
    paid, fee_dossiers = _count(card, DOSSIERS_PAID)
    transacted, fee_procedures = _count(card, PROCEDURES_TRANSACTED)
    integrated, _fee = _count(card, PROCEDURES_INTEGRATED)
    return PaymentRate(
        label=card.scope.label,
        tier=tier,
        is_tier=is_tier,
        fee_dossiers=fee_dossiers,
        paid_online=paid,
        fee_procedures=fee_procedures,
        procedures_transacted=transacted,
        procedures_integrated=integrated,
        target=target,
    )


@dataclass(frozen=True)
class TierRates:
    total: PaymentRate
    units: list[PaymentRate]  # worst rate first; units without fee-bearing dossiers last

    @property
    def below(self) -> int:
        return sum(1 for r in self.units if r.met is False)

    @property
    def at_zero(self) -> int:
        return sum(1 for r in self.units if r.fee_dossiers and not r.paid_online)


def online_payment_rates(period: Period, *, today: date | None = None) -> list[TierRates]:
    """Per tier with units in service, the tier's total and its units (departments at the
    province tier, districts, communes), each with the target in force."""
    today = today or timezone.localdate()
    targets = [t for t in targets_in_force(period) if t.metric == DOSSIERS_PAID]
    by_tier = {t.tier: t for t in targets if t.tier}
    by_agency = {t.agency_id: t for t in targets if t.agency_id is not None}
    tiers: list[TierRates] = []
    for tier, peers in TIER_PEERS.items():
        cards = peer_cards(peers, period, today)
        if not cards:
            continue  # no district tier after 1/7/2025
        total = scorecard(
            Scope(ScopeKind.TIER, tier, str(Tier(tier).label), frozenset({tier})),
            period,
            today=today,
        )
        tier_target = by_tier.get(tier)
        units = []
        for card in cards:
            own = None
            if PEERS[peers][2] == ScopeKind.AGENCY:
                own = by_agency.get(int(card.scope.value))
            units.append(_row(card, tier, is_tier=False, target=own or tier_target))
        units.sort(key=lambda r: (r.percent is None, r.percent or Decimal(0), r.label))
        tiers.append(TierRates(_row(total, tier, is_tier=True, target=tier_target), units))
    return tiers
