"""Online-payment rates per tier and unit against the targets (766 3.5b and 3.6 inputs)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.services import dossier_receive
from motcua.payments.services import (
    payment_callback,
    payment_record_at_desk,
    payment_request_for_fees,
    payment_start,
)
from motcua.payments.tests.conftest import Pay, Simulator
from motcua.payments.tests.test_services import confirm_body
from motcua.quality.constants import PeriodKind
from motcua.quality.periods import period_containing
from motcua.quality.selectors.payments import online_payment_rates
from motcua.quality.services import facts_refresh, targets_seed_demo


def _three_dossiers(pay: Pay) -> None:
    """One paid online, one paid in cash at the desk, one not yet paid."""
    online = pay.submit()
    request = payment_request_for_fees(dossier_id=online.pk)
    assert request is not None
    payment_callback(body=confirm_body(payment_start(request_id=request.pk, user=pay.citizen)))
    dossier_receive(actor=pay.desk, dossier_id=online.pk)
    cash = pay.receive(fee_collection="after")
    request = payment_request_for_fees(dossier_id=cash.pk)
    assert request is not None
    payment_record_at_desk(actor=pay.desk, request_id=request.pk, method="cash", amount=20_000)
    pay.receive(fee_collection="after")


def test_rates_per_tier_and_unit_against_the_targets(pay: Pay, simulator: Simulator) -> None:
    _three_dossiers(pay)
    facts_refresh()
    assert targets_seed_demo(actor=pay.leader) == 3
    assert targets_seed_demo(actor=pay.leader) == 0  # idempotent
    period = period_containing(PeriodKind.QUARTER, timezone.localdate())
    communes = next(g for g in online_payment_rates(period) if g.total.tier == "commune")
    tier = communes.total
    assert (tier.fee_dossiers, tier.paid_online, tier.percent) == (3, 1, Decimal("33.3"))
    assert tier.target is not None and tier.target.percent == 50
    assert tier.met is False and tier.gap == 1  # 2 of 3 online would reach 50 %
    assert tier.procedures_transacted == 1 and tier.fee_procedures >= 1
    unit = communes.units[0]  # worst first, units without fee-bearing dossiers last
    assert unit.label == pay.agency.unit.name and (unit.fee_dossiers, unit.paid_online) == (3, 1)
    others = communes.units[1:]
    assert others and all(r.fee_dossiers == 0 and r.percent is None for r in others)
    assert (communes.below, communes.at_zero) == (1, 0)


def test_the_page_shows_the_rates_to_the_province_office(
    pay: Pay,
    simulator: Simulator,
    client,  # type: ignore[no-untyped-def]
) -> None:
    from motcua.accounts.models import User

    _three_dossiers(pay)
    facts_refresh()
    targets_seed_demo(actor=pay.leader)
    client.force_login(User.objects.get(username="giamsat"))
    page = client.get(reverse("backoffice:quality_payments")).content.decode()
    assert "33.3%" in page or "33,3%" in page
    assert "Chưa đạt chỉ tiêu" in page and "row-alert" in page
    client.force_login(pay.citizen)
    assert client.get(reverse("backoffice:quality_payments")).status_code == 404
    client.force_login(pay.desk)  # a desk officer does not read the index
    assert client.get(reverse("backoffice:quality_payments")).status_code == 404
