"""Directive tasks: statuses derived at chosen dates, quarterly occurrences, reminders on the
right working days, the lead unit's reports and the office's review, bad input refused."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile

from motcua.accounts.selectors import membership_list_for_user
from motcua.core.calendar import get_calendar
from motcua.directives.constants import ReminderKind, TaskStatus
from motcua.directives.deadlines import reminder_kind
from motcua.directives.models import Directive, DirectiveTask, TaskOccurrence
from motcua.directives.selectors import counts_by, task_rows, upcoming_deadlines
from motcua.directives.services import (
    Deadline,
    DirectiveError,
    DirectiveInput,
    TaskInput,
    directive_create,
    directive_reminders_send,
    task_report_review,
    task_report_submit,
)
from motcua.dossiers.tests.conftest import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _lead(world: World) -> int:
    membership = membership_list_for_user(user=world.leader).first()
    assert membership is not None
    return membership.agency_id


def _directive(world: World, *tasks: TaskInput, **overrides: object) -> Directive:
    values: dict[str, object] = {
        "number": "125/TB-UBND", "kind": "conclusion_notice", "issued_on": date(2026, 3, 2),
        "issuer": "UBND tỉnh", "summary": "Kết luận hội nghị chuyển đổi số.",
        "tasks": tasks or (TaskInput("Báo cáo kết quả thanh toán trực tuyến.", _lead(world),
                                     report_by=Deadline(date(2026, 3, 16))),),
    }  # fmt: skip
    values.update(overrides)
    return directive_create(actor=world.monitor, data=DirectiveInput(**values))  # type: ignore[arg-type]


def _at(day: int, hour: int = 9, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=VN)


@time_machine.travel(_at(2), tick=False)
def test_statuses_before_on_and_after_the_deadline_and_done_late(world: World) -> None:
    directive = _directive(world)
    task = directive.tasks.get()
    occurrence = task.occurrences.get()
    assert occurrence.report_by == datetime.combine(date(2026, 3, 16), time(17), tzinfo=VN)

    def status(now: datetime) -> str:
        return task_rows(user=world.monitor, now=now)[0].status

    assert status(_at(2)) == TaskStatus.NOT_STARTED
    with time_machine.travel(_at(10), tick=False):
        task_report_submit(actor=world.leader, occurrence_id=occurrence.pk, kind="progress",
                           text="Đang tổng hợp số liệu.")  # fmt: skip
    assert status(_at(11)) == TaskStatus.IN_PROGRESS
    assert status(_at(16, 16)) == TaskStatus.IN_PROGRESS  # the day itself, before 17:00
    assert status(_at(16, 18)) == TaskStatus.OVERDUE
    with time_machine.travel(_at(18), tick=False):
        report = task_report_submit(actor=world.leader, occurrence_id=occurrence.pk,
                                    kind="completion", text="Đã hoàn thành, kèm báo cáo.",
                                    file=ContentFile(PDF, name="bao-cao.pdf"))  # fmt: skip
    assert status(_at(19)) == TaskStatus.OVERDUE  # not yet accepted
    with time_machine.travel(_at(19), tick=False):
        task_report_review(actor=world.monitor, report_id=report.pk, accept=True)
    assert status(_at(20)) == TaskStatus.DONE_LATE
    assert status(_at(11)) == TaskStatus.IN_PROGRESS  # the past is not rewritten


@time_machine.travel(_at(2), tick=False)
def test_on_time_after_a_returned_report(world: World) -> None:
    occurrence = _directive(world).tasks.get().occurrences.get()
    first = task_report_submit(actor=world.leader, occurrence_id=occurrence.pk,
                               kind="completion", text="Xong.")  # fmt: skip
    with pytest.raises(DirectiveError, match="lý do"):
        task_report_review(actor=world.monitor, report_id=first.pk, accept=False)
    task_report_review(actor=world.monitor, report_id=first.pk, accept=False, note="Thiếu số liệu.")
    second = task_report_submit(actor=world.leader, occurrence_id=occurrence.pk,
                                kind="completion", text="Bổ sung số liệu.")  # fmt: skip
    with pytest.raises(DirectiveError, match="Văn phòng"):
        task_report_review(actor=world.leader, report_id=second.pk, accept=True)
    task_report_review(actor=world.monitor, report_id=second.pk, accept=True)
    rows = task_rows(user=world.monitor)
    assert rows[0].status == TaskStatus.DONE_ON_TIME
    assert counts_by(rows, "unit")[0].of(TaskStatus.DONE_ON_TIME) == 1
    with pytest.raises(DirectiveError, match="đã hoàn thành"):
        task_report_submit(actor=world.leader, occurrence_id=occurrence.pk, kind="progress",
                           text="Thêm.")  # fmt: skip


@time_machine.travel(_at(2), tick=False)
def test_a_quarterly_duty_has_one_occurrence_per_quarter(world: World) -> None:
    task = TaskInput(
        "Báo cáo định kỳ kết quả truyền thông trước ngày 15 tháng cuối Quý.", _lead(world),
        recurrence="quarterly", recurrence_day=15, recurrence_until=date(2026, 12, 31),
    )  # fmt: skip
    occurrences = list(_directive(world, task).tasks.get().occurrences.all())
    assert [o.period_label for o in occurrences] == [
        "Quý 1/2026", "Quý 2/2026", "Quý 3/2026", "Quý 4/2026",
    ]  # fmt: skip
    # 15/3 is a Sunday: still the deadline written; 15/6, 15/9, 15/12 at 17:00.
    assert [o.report_by.date() for o in occurrences if o.report_by] == [
        date(2026, 3, 15), date(2026, 6, 15), date(2026, 9, 15), date(2026, 12, 15),
    ]  # fmt: skip
    rows = task_rows(user=world.monitor, now=_at(10, month=6))
    first_two = [o.status for o in rows[0].occurrences][:2]
    assert first_two == [TaskStatus.OVERDUE, TaskStatus.NOT_STARTED]
    assert rows[0].status == TaskStatus.OVERDUE
    calendar = upcoming_deadlines(rows, now=_at(1, month=6))
    assert [day for day, _ in calendar] == [date(2026, 6, 15)]


def test_reminders_fire_on_the_right_working_days(world: World) -> None:
    calendar = get_calendar()
    due = datetime(2026, 3, 16, 17, 0, tzinfo=VN)  # a Monday

    def kind(day: int) -> str | None:
        return reminder_kind(deadline=due, on=date(2026, 3, day), calendar=calendar, before=3)

    assert [kind(d) for d in range(9, 19)] == [
        None,
        None,
        ReminderKind.BEFORE,
        None,
        None,  # Wed 11 = 3 working days before
        None,
        None,  # the weekend
        ReminderKind.DUE_TODAY,
        ReminderKind.OVERDUE,
        None,
    ]
    saturday = datetime(2026, 3, 14, 17, 0, tzinfo=VN)  # due on a day off: Friday is the day
    assert reminder_kind(deadline=saturday, on=date(2026, 3, 13), calendar=calendar,
                         before=3) == ReminderKind.DUE_TODAY  # fmt: skip
    assert reminder_kind(deadline=saturday, on=date(2026, 3, 16), calendar=calendar,
                         before=3) == ReminderKind.OVERDUE  # fmt: skip


@time_machine.travel(_at(2), tick=False)
def test_bad_input_is_refused_and_nothing_is_saved(world: World) -> None:
    lead = _lead(world)
    cases = [
        ((TaskInput("Báo cáo.", lead, report_by=Deadline(date(2026, 2, 27))),), {},
         "trước khi nhiệm vụ bắt đầu"),
        ((TaskInput("Báo cáo.", None),), {}, "đơn vị chủ trì"),
        ((TaskInput("  ", lead),), {}, "phải làm"),
        ((TaskInput("Báo cáo.", lead),), {"file": ContentFile(b"MZ" * 50, name="a.pdf")},
         "PDF, JPEG"),
        ((TaskInput("Báo cáo.", lead, recurrence="quarterly"),), {}, "ngày trong tháng"),
    ]  # fmt: skip
    for tasks, extra, words in cases:
        with pytest.raises(DirectiveError, match=words):
            _directive(world, *tasks, **extra)
    with pytest.raises(DirectiveError, match="Văn phòng"):
        directive_create(actor=world.leader, data=DirectiveInput(
            "1/CV", "official_letter", date(2026, 3, 2), "UBND tỉnh", "Thư.",
            tasks=(TaskInput("Báo cáo.", lead),)))  # fmt: skip
    assert not Directive.objects.exists() and not DirectiveTask.objects.exists()
    assert not TaskOccurrence.objects.exists()


def test_the_demo_directives_are_the_provinces_real_tasks(world: World) -> None:
    from motcua.directives.services import directive_seed_demo

    created = directive_seed_demo()
    assert created > 80
    assert directive_seed_demo() == 0
    assert Directive.objects.count() == 4
    rows = task_rows(user=world.monitor, now=datetime(2026, 12, 7, tzinfo=VN))
    statuses = {row.status for row in rows}
    assert {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE, TaskStatus.OVERDUE} <= statuses
    workshop = Directive.objects.get(kind="conclusion_notice")
    deadlines = {
        timezone_date(o.report_by or o.complete_by)
        for o in TaskOccurrence.objects.filter(task__directive=workshop)
    }
    assert {date(2023, 8, 25), date(2023, 8, 29), date(2023, 8, 30), date(2023, 9, 16),
            date(2023, 9, 30)} <= deadlines  # fmt: skip
    letter = TaskOccurrence.objects.filter(task__directive__issued_on=date(2023, 10, 16))
    assert datetime(2023, 10, 18, 11, 0, tzinfo=VN) in {o.complete_by for o in letter}


def timezone_date(instant: datetime | None) -> date | None:
    return instant.astimezone(VN).date() if instant else None


@time_machine.travel(_at(2), tick=False)
def test_a_completion_sent_in_time_waits_for_review_without_being_overdue(world: World) -> None:
    occurrence = _directive(world).tasks.get().occurrences.get()
    with time_machine.travel(_at(16, 10), tick=False):
        task_report_submit(actor=world.leader, occurrence_id=occurrence.pk, kind="completion",
                           text="Đã hoàn thành.")  # fmt: skip
    assert task_rows(user=world.monitor, now=_at(18))[0].status == TaskStatus.IN_PROGRESS
    with time_machine.travel(_at(17), tick=False):
        assert directive_reminders_send() == 0  # no escalation: the office holds the report


@time_machine.travel(_at(2), tick=False)
def test_a_recurring_task_with_no_deadline_in_its_span_is_refused(world: World) -> None:
    task = TaskInput("Báo cáo tháng.", _lead(world), recurrence="monthly", recurrence_day=15,
                     starts_on=date(2026, 12, 20), recurrence_until=date(2026, 12, 31))  # fmt: skip
    with pytest.raises(DirectiveError, match="không có hạn nào"):
        _directive(world, task)
