"""Refreshes racing each other and the desk on PostgreSQL: the facts stay exact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum

from motcua.core.testing import race
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World
from motcua.quality.models import DailyFact, DossierFact
from motcua.quality.services import facts_refresh

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_concurrent_refreshes_and_receptions_count_every_dossier_once(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")
    for _ in range(5):
        world.receive()

    def receive_five() -> None:
        for _ in range(5):
            world.receive()

    jobs: list[Callable[[], object]] = [facts_refresh] * 4 + [receive_five] * 3
    assert race(len(jobs), lambda n: jobs[n]()) == []
    facts_refresh()  # what the next scheduled run sees
    received = Dossier.objects.filter(received_at__isnull=False).count()
    assert received == 20
    assert DossierFact.objects.count() == received
    totals = DailyFact.objects.aggregate(received=Sum("received"), open_total=Sum("open_total"))
    assert totals == {"received": received, "open_total": received}
