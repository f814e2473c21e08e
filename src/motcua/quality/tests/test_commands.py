"""The refresh, rebuild and schedule commands: the scheduled job, a rebuild with progress."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Sum

from motcua.dossiers.tests.conftest import World
from motcua.quality.models import DailyFact, FillState

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=VN), tick=False)
def test_rebuild_prints_progress_and_counts_the_range(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        world.receive()
        world.receive()
    out = io.StringIO()
    call_command("quality_rebuild", "--from", "2026-03-01", "--to", "2026-03-04", stdout=out)
    assert "Đã tính lại 2 hồ sơ và 4 ngày" in out.getvalue()
    progress = capsys.readouterr().err
    assert "Hồ sơ" in progress and "100% 2/2" in progress and "100% 4/4" in progress
    assert DailyFact.objects.aggregate(s=Sum("received"))["s"] == 2
    assert FillState.objects.get().open_final_through.isoformat() == "2026-03-03"


@time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=VN), tick=False)
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-03-05"], "trước hoặc bằng"),
        (["--from", "2026-04-01", "--to", "2026-04-30"], "tương lai"),
        (["--from", "04/03/2026"], "YYYY-MM-DD"),
    ],
)
def test_rebuild_refuses_bad_ranges(db, args, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match=message):
        call_command("quality_rebuild", *args, stdout=io.StringIO())


def test_refresh_command_reports_what_it_did(world: World) -> None:
    world.receive()
    out = io.StringIO()
    call_command("quality_refresh", stdout=out)
    assert out.getvalue().startswith("1 hồ sơ cập nhật")


def test_the_schedule_enqueues_the_refresh(db) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings
    from django_tasks import default_task_backend

    out = io.StringIO()
    call_command("run_schedule", "--once", stdout=out)
    assert f"{len(settings.MOTCUA_SCHEDULE)} job(s) enqueued" in out.getvalue()
    names = [r.task.name for r in default_task_backend.results]  # type: ignore[attr-defined]
    assert "quality_facts_refresh" in names and "notifications_deliver_due" in names
    assert "payments_reconcile_job" in names and "store_retention_sweep" in names
    assert "sync_send_job" in names
