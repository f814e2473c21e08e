"""Reviews of directive reports racing each other and new reports on PostgreSQL (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from motcua.core.testing import hard_size, race
from motcua.directives.constants import ReportReview
from motcua.directives.models import TaskOccurrence, TaskReport
from motcua.directives.services import (
    Deadline,
    DirectiveError,
    DirectiveInput,
    TaskInput,
    directive_create,
    task_report_review,
    task_report_submit,
)
from motcua.dossiers.tests.conftest import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")

pytestmark = [pytest.mark.hard, pytest.mark.slow]


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")


def _occurrence(world: World, number: int) -> TaskOccurrence:
    membership = world.leader.memberships.first()
    assert membership is not None
    directive = directive_create(
        actor=world.monitor,
        data=DirectiveInput(
            number=f"{number}/TB-UBND",
            kind="conclusion_notice",
            issued_on=date(2026, 3, 2),
            issuer="UBND tỉnh",
            summary="Kết luận hội nghị chuyển đổi số.",
            tasks=(
                TaskInput(
                    "Báo cáo kết quả thanh toán trực tuyến.",
                    membership.agency_id,
                    report_by=Deadline(date(2026, 3, 16)),
                ),
            ),
        ),
    )
    return directive.tasks.get().occurrences.get()


def _review_race(world: World, number: int, threads: int, tally: list[int]) -> None:
    """The office accepts and returns the same completion report (two officers, double clicks),
    reviews a progress report, while the lead unit sends more progress reports."""
    occurrence = _occurrence(world, number)
    submit = task_report_submit
    progress = submit(actor=world.leader, occurrence_id=occurrence.pk, kind="progress",
                      text="Đang tổng hợp số liệu.")  # fmt: skip
    completion = submit(actor=world.leader, occurrence_id=occurrence.pk, kind="completion",
                        text="Đã hoàn thành.")  # fmt: skip
    reviewed: list[int] = []
    sent: list[int] = []
    refused: list[BaseException] = []

    def act(n: int) -> None:
        try:
            if n % 4 in (0, 1):  # accept or return the completion report
                task_report_review(actor=world.monitor, report_id=completion.pk, accept=n % 4 == 0,
                                   note="" if n % 4 == 0 else "Thiếu số liệu.")  # fmt: skip
                reviewed.append(completion.pk)
            elif n % 4 == 2:
                task_report_review(actor=world.monitor, report_id=progress.pk, accept=True)
                reviewed.append(progress.pk)
            else:
                report = submit(actor=world.leader, occurrence_id=occurrence.pk,
                                kind="progress", text=f"Tiến độ {n}.")  # fmt: skip
                sent.append(report.pk)
        except DirectiveError as error:
            refused.append(error)

    errors = race(threads, act)
    occurrence.refresh_from_db()
    completion.refresh_from_db()
    progress.refresh_from_db()
    accepted = completion.review == ReportReview.ACCEPTED
    expected_done = completion.submitted_at if accepted else None
    reports = TaskReport.objects.filter(occurrence=occurrence).count()
    anomalies = (
        len(errors)
        + abs(reviewed.count(completion.pk) - 1)
        + abs(reviewed.count(progress.pk) - 1)
        + (0 if completion.review != ReportReview.SUBMITTED else 1)
        + (0 if occurrence.completed_at == expected_done else 1)
        + abs(reports - (2 + len(sent)))
        + abs(len(reviewed) + len(sent) + len(refused) - threads)
    )
    tally.append(anomalies)
    assert errors == []
    assert reviewed.count(completion.pk) == 1 and reviewed.count(progress.pk) == 1
    assert occurrence.completed_at == expected_done
    assert reports == 2 + len(sent)
    assert anomalies == 0


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=VN), tick=True)
def test_parallel_reviews_of_one_report_apply_once(
    on_postgres: None, world: World, hard_figures: Callable[..., None]
) -> None:
    threads, rounds = hard_size(8, 24), hard_size(2, 5)
    tally: list[int] = []
    try:
        for n in range(rounds):
            _review_race(world, 125 + n, threads, tally)
    finally:
        hard_figures(cases=threads * len(tally), losses=sum(tally))
