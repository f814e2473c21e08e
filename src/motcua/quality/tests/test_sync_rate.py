"""766 indicator 1.4: a dossier counts as synchronised once the national portal (its simulator,
its own process) accepted it, and the facts learn it without waiting for another event."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.utils import timezone

from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.portal import Portal
from motcua.quality.models import DossierFact
from motcua.quality.services import facts_refresh
from motcua.sync.models import SyncMessage
from motcua.sync.services import sync_send_due


def test_the_766_facts_count_a_dossier_synced_once_the_portal_accepted_it(
    world: World, portal: Portal
) -> None:
    sent, held = world.receive(), world.receive()
    SyncMessage.objects.filter(dossier_id=held.pk).update(next_attempt_at=timezone.now()
                                                          + timedelta(hours=1))  # fmt: skip
    facts_refresh()
    assert not DossierFact.objects.get(pk=sent.pk).synced
    assert sync_send_due().sent == 1
    facts_refresh()  # no new event: the acceptance itself brings the fact up to date
    assert DossierFact.objects.get(pk=sent.pk).synced
    assert not DossierFact.objects.get(pk=held.pk).synced


def test_the_reconciliation_lists_the_dossiers_behind_the_differences(
    world: World, portal: Portal, client: Any
) -> None:
    """The portal's figures for the commune are imported; of three dossiers received this
    quarter, one is in step, one never reached the portal, one is behind it."""
    from django.urls import reverse

    from motcua.accounts.models import User
    from motcua.core.text import fold
    from motcua.dossiers.services import dossier_forward
    from motcua.quality.periods import PeriodKind, period_containing
    from motcua.quality.services import national_figures_import

    in_step, behind, never = world.receive(), world.receive(), world.receive()
    SyncMessage.objects.filter(dossier_id=never.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    assert sync_send_due().sent == 2
    dossier_forward(actor=world.desk, dossier_id=behind.pk)  # not sent yet: the portal lags
    facts_refresh()
    agency = in_step.deciding_agency
    period = period_containing(PeriodKind.QUARTER, timezone.localdate())
    response = {"data": {"overview": {"departmentId": "tinh", "departmentName": "Tỉnh",
                                      "metrics": []},
                         "evaluation": [{"departmentId": "xa", "departmentName": agency.name,
                                         "metrics": [{"code": "DOSSIER_SYNC", "numerator": 1,
                                                      "denominator": 3, "ratio": 33.3,
                                                      "score": 2.0, "maxScore": 6}]}]}}  # fmt: skip
    monitor = User.objects.get(username="giamsat")
    ours = {fold(agency.name): agency.pk}
    national_figures_import(actor=monitor, group="transparency", period=period,
                            text=json.dumps(response), agencies=ours)  # fmt: skip
    client.force_login(monitor)
    number = (period.start.month - 1) // 3 + 1
    page = client.get(reverse("backoffice:quality_figures"),
                      {"period": "quarter", "year": period.start.year, "n": number})  # fmt: skip
    html = page.content.decode()
    assert "Hồ sơ gây chênh lệch" in html
    assert f">{never.code}<" in html and f">{behind.code}<" in html
    assert f">{in_step.code}<" not in html  # in step: not listed
    assert "Cổng chưa từng tiếp nhận" in html and "Cổng đang giữ trạng thái cũ hơn" in html
