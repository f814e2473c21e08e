"""Directive task reminders become messages: to the lead unit's officers before and on the day,
to the province office the working day after a missed deadline; once each."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from motcua.accounts.selectors import membership_list_for_user
from motcua.directives.services import (
    Deadline,
    DirectiveInput,
    TaskInput,
    directive_create,
    directive_reminders_send,
)
from motcua.dossiers.tests.conftest import World
from motcua.notifications.models import Notification

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=VN)


def _directive(world: World) -> None:
    membership = membership_list_for_user(user=world.leader).first()
    assert membership is not None
    directive_create(actor=world.monitor, data=DirectiveInput(
        number="125/TB-UBND", kind="conclusion_notice", issued_on=date(2026, 3, 2),
        issuer="UBND tỉnh", summary="Kết luận hội nghị chuyển đổi số.",
        tasks=(TaskInput("Báo cáo kết quả thanh toán trực tuyến.", membership.agency_id,
                         report_by=Deadline(date(2026, 3, 16))),),
    ))  # fmt: skip


@time_machine.travel(_at(2), tick=False)
def test_the_daily_job_reminds_once_and_escalates(
    world: World,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.MOTCUA_DIRECTIVE_REMIND_WORKING_DAYS = 3
    _directive(world)
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(_at(11), tick=False):
            assert directive_reminders_send() == 1
            assert directive_reminders_send() == 0  # once a day
        with time_machine.travel(_at(12), tick=False):
            assert directive_reminders_send() == 0
        with time_machine.travel(_at(17), tick=False):
            assert directive_reminders_send() == 1  # the escalation
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {"directive_reminder", "directive_escalation"}
    escalated = Notification.objects.filter(kind="directive_escalation")
    assert set(escalated.values_list("user_id", flat=True)) == {world.monitor.pk}
    reminded = Notification.objects.filter(kind="directive_reminder")
    assert world.leader.pk in set(reminded.values_list("user_id", flat=True))
