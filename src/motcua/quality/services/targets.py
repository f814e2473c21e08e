"""Targets (chỉ tiêu giao) of the province for its tiers and agencies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.audit import audit_event_append
from motcua.organisation.constants import Tier
from motcua.quality.indicators import ruleset_on
from motcua.quality.models import Target
from motcua.quality.services.errors import QualityError

# --- targets ------------------------------------------------------------------------------------


def target_save(
    *,
    actor: Any,
    metric: str,
    percent: Decimal,
    due_on: date,
    tier: str = "",
    agency_id: int | None = None,
    decision: str = "",
) -> Target:
    """Record a target (chỉ tiêu giao) for a tier or one agency; replaces the same one."""
    rules = ruleset_on(due_on)
    known = rules.by_code.get(metric)
    if known is None or known.monitor:
        raise QualityError(_("Choose an indicator of the index."))
    if bool(tier) == (agency_id is not None):
        raise QualityError(_("A target is for one tier or for one agency."))
    if tier and tier not in Tier.values:
        raise QualityError(_("Unknown tier."))
    if not Decimal(0) <= percent <= Decimal(100):
        raise QualityError(_("A target is a percentage between 0 and 100."))
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            metric=metric,
            tier=tier,
            agency_id=agency_id,
            due_on=due_on,
            defaults={"percent": percent, "decision": decision.strip(), "created_by": actor},
        )
        audit_event_append(
            action="quality.target_saved",
            actor_id=actor.pk,
            payload={"metric": metric, "tier": tier, "agency": agency_id,
                     "percent": str(percent), "due_on": due_on.isoformat()},
        )  # fmt: skip
    return target


def target_delete(*, actor: Any, target_id: int) -> None:
    with transaction.atomic():
        deleted, _rows = Target.objects.filter(pk=target_id).delete()
        if deleted:
            audit_event_append(
                action="quality.target_deleted", actor_id=actor.pk, payload={"target": target_id}
            )


# The province's online-payment targets for the end of 2024 (issue 9: 70 % of dossiers at the
# province tier, 60 % at district, 50 % at commune), as the demo's starting point.
DEMO_PAYMENT_TARGETS = ((Tier.PROVINCE, 70), (Tier.DISTRICT, 60), (Tier.COMMUNE, 50))
DEMO_PAYMENT_DECISION = "UBND tỉnh: chỉ tiêu thanh toán trực tuyến đến hết năm 2024"


def targets_seed_demo(*, actor: Any) -> int:
    """Demo: the online-payment targets (indicator 3.6), idempotently; how many are new."""
    due = date(2024, 12, 31)
    before = Target.objects.filter(metric="ONLINE_PAYMENT_DOSSIERS", due_on=due).count()
    for tier, percent in DEMO_PAYMENT_TARGETS:
        if not Target.objects.filter(
            metric="ONLINE_PAYMENT_DOSSIERS", tier=tier, agency=None, due_on=due
        ).exists():
            target_save(
                actor=actor, metric="ONLINE_PAYMENT_DOSSIERS", percent=Decimal(percent),
                due_on=due, tier=tier, decision=DEMO_PAYMENT_DECISION,
            )  # fmt: skip
    return Target.objects.filter(metric="ONLINE_PAYMENT_DOSSIERS", due_on=due).count() - before
