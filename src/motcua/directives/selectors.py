"""Reading directive tasks: what a unit must do, the province office's view by unit and by
directive with the counts by status, the calendar of coming deadlines."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.accounts.constants import PROVINCE_WIDE_ROLES
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.directives.constants import TaskStatus
from motcua.directives.deadlines import occurrence_status, task_status
from motcua.directives.models import (
    Directive,
    DirectiveTask,
    TaskOccurrence,
    TaskReminder,
    TaskReport,
)


@dataclass
class OccurrenceRow:
    occurrence: TaskOccurrence
    status: str
    reports: list[TaskReport]

    @property
    def deadline(self) -> datetime | None:
        return self.occurrence.report_by or self.occurrence.complete_by


@dataclass
class TaskRow:
    task: DirectiveTask
    status: str
    occurrences: list[OccurrenceRow]

    @property
    def next_deadline(self) -> datetime | None:
        """The deadline of the first occurrence not done (what the unit works towards); none
        once the task is cancelled."""
        if self.status == TaskStatus.CANCELLED:
            return None
        for row in self.occurrences:
            if row.status not in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE):
                return row.deadline
        return None


def office_sees_all(user: User) -> bool:
    return user.role in PROVINCE_WIDE_ROLES


def _tasks_visible(user: User) -> QuerySet[DirectiveTask]:
    rows = DirectiveTask.objects.select_related("directive", "lead_agency")
    if office_sees_all(user):
        return rows
    agencies = membership_list_for_user(user=user).values("agency_id")
    return rows.filter(Q(lead_agency_id__in=agencies) | Q(coordinating__in=agencies)).distinct()


def task_rows(
    *,
    user: User,
    now: datetime | None = None,
    directive_id: int | None = None,
    agency_id: int | None = None,
    task_ids: list[int] | None = None,
) -> list[TaskRow]:
    """The tasks the user may see, each with its derived status and its occurrences."""
    now = now or timezone.now()
    rows = _tasks_visible(user)
    if directive_id:
        rows = rows.filter(directive_id=directive_id)
    if agency_id:
        rows = rows.filter(lead_agency_id=agency_id)
    if task_ids is not None:
        rows = rows.filter(pk__in=task_ids)
    reports = TaskReport.objects.select_related("submitted_by", "reviewed_by").order_by(
        "submitted_at", "pk"
    )
    occurrences = TaskOccurrence.objects.prefetch_related(
        Prefetch("reports", queryset=reports)
    ).order_by("period_start")
    rows = rows.prefetch_related(
        Prefetch("occurrences", queryset=occurrences), "coordinating"
    ).order_by("directive__issued_on", "directive_id", "pk")
    out = []
    for task in rows:
        cancelled = task.cancelled_at is not None and task.cancelled_at <= now
        occurrence_rows = []
        for occurrence in task.occurrences.all():
            reports_of = list(occurrence.reports.all())
            status = occurrence_status(
                deadline=occurrence.report_by or occurrence.complete_by,
                reports=reports_of,  # type: ignore[arg-type]
                now=now,
                cancelled=cancelled,
            )
            occurrence_rows.append(OccurrenceRow(occurrence, status, reports_of))
        status = task_status((r.status for r in occurrence_rows), cancelled=cancelled)
        out.append(TaskRow(task, status, occurrence_rows))
    return out


def task_row(*, user: User, task_id: int, now: datetime | None = None) -> TaskRow | None:
    rows = task_rows(user=user, now=now, task_ids=[task_id])
    return rows[0] if rows else None


def directive_list(*, user: User) -> QuerySet[Directive]:
    visible = _tasks_visible(user).values("directive_id")
    return Directive.objects.filter(pk__in=visible).prefetch_related("related")


def directive_get(*, user: User, directive_id: int) -> Directive | None:
    return directive_list(user=user).filter(pk=directive_id).first()


@dataclass
class StatusCounts:
    label: str
    key: Any
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def of(self, status: str) -> int:
        return self.counts[status]


def counts_by(rows: list[TaskRow], by: str) -> list[StatusCounts]:
    """Tasks counted by status per lead unit (`by="unit"`) or per directive (`"directive"`)."""
    groups: dict[Any, StatusCounts] = {}
    for row in rows:
        if by == "unit":
            key, label = row.task.lead_agency_id, row.task.lead_agency.name
        else:
            key, label = row.task.directive_id, str(row.task.directive.number)
        groups.setdefault(key, StatusCounts(label, key)).counts[row.status] += 1
    return sorted(groups.values(), key=lambda g: (-g.of(TaskStatus.OVERDUE), g.label))


def upcoming_deadlines(
    rows: list[TaskRow], *, now: datetime, days: int = 30
) -> list[tuple[date, list[tuple[TaskRow, OccurrenceRow]]]]:
    """The calendar: open occurrences due from today to `days` ahead, by day."""
    until = now + timedelta(days=days)
    by_day: dict[date, list[tuple[TaskRow, OccurrenceRow]]] = defaultdict(list)
    for row in rows:
        for occurrence in row.occurrences:
            deadline = occurrence.deadline
            if (
                deadline is not None
                and occurrence.status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
                and deadline <= until
            ):
                by_day[timezone.localtime(deadline).date()].append((row, occurrence))
    return sorted(by_day.items())


def reports_to_review(*, user: User) -> QuerySet[TaskReport]:
    if not office_sees_all(user):
        return TaskReport.objects.none()
    return (
        TaskReport.objects.filter(review="submitted", occurrence__task__cancelled_at__isnull=True)
        .select_related("occurrence__task__directive", "occurrence__task__lead_agency")
        .order_by("submitted_at")
    )


def reminder_message_context(*, reminder_id: int) -> dict[str, Any] | None:
    """What a reminder says and to whom it goes: the lead unit, or the office for an
    escalation (notifications picks the officers)."""
    reminder = (
        TaskReminder.objects.select_related(
            "occurrence__task__directive", "occurrence__task__lead_agency"
        )
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None:
        return None
    occurrence = reminder.occurrence
    task = occurrence.task
    return {
        "reminder": reminder,
        "kind": reminder.kind,
        "directive": task.directive.number,
        "task": task.content,
        "task_id": task.pk,
        "lead_agency": task.lead_agency,
        "agency": task.lead_agency.name,
        "period": occurrence.period_label,
        "deadline": timezone.localtime(occurrence.report_by or occurrence.complete_by)
        if (occurrence.report_by or occurrence.complete_by)
        else None,
    }


def occurrence_get(*, user: User, occurrence_id: int) -> TaskOccurrence | None:
    """An occurrence of a task the user may see, with its task (None otherwise)."""
    visible = _tasks_visible(user).values("pk")
    return (
        TaskOccurrence.objects.select_related("task")
        .filter(pk=occurrence_id, task__in=visible)
        .first()
    )


def report_get(*, user: User, report_id: int) -> TaskReport | None:
    """A report on a task the user may see, with its occurrence and task (None otherwise)."""
    visible = _tasks_visible(user).values("pk")
    return (
        TaskReport.objects.select_related("occurrence__task")
        .filter(pk=report_id, occurrence__task__in=visible)
        .first()
    )
