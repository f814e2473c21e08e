"""Directives and their tasks: the province office records a directive with its tasks (each
with its occurrences), the lead unit reports, the office accepts or returns each report, and
the daily job reminds lead units and escalates late tasks. Every refusal is a sentence for
people; a refused directive leaves nothing behind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import PROVINCE_WIDE_ROLES
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.core.calendar import get_calendar
from motcua.core.uploads import UploadRejectedError, upload_check
from motcua.directives.constants import (
    DirectiveKind,
    Recurrence,
    ReportKind,
    ReportReview,
)
from motcua.directives.deadlines import due_at, recurrence_periods, reminder_kind
from motcua.directives.models import (
    Directive,
    DirectiveTask,
    TaskOccurrence,
    TaskReminder,
    TaskReport,
)
from motcua.directives.signals import directive_reminder

TEXT_LIMIT = 2000
REPORT_LIMIT = 5000
DAYS_IN_MONTH_SAFE = 28  # a monthly or quarterly day every month has


class DirectiveError(Exception):
    """A directive, task or report that cannot be recorded; the message is for people."""


@dataclass(frozen=True)
class Deadline:
    day: date
    at: time | None = None  # "trước 11 giờ ngày 18/10": a time; otherwise the close of the day


@dataclass(frozen=True)
class TaskInput:
    content: str
    lead_agency_id: int | None
    coordinating_ids: Sequence[int] = ()
    complete_by: Deadline | None = None
    report_by: Deadline | None = None
    recurrence: str = Recurrence.NONE
    recurrence_day: int | None = None
    recurrence_until: date | None = None
    starts_on: date | None = None  # the directive's date by default


@dataclass(frozen=True)
class DirectiveInput:
    number: str
    kind: str
    issued_on: date
    issuer: str
    summary: str
    signer: str = ""
    related_ids: Sequence[int] = ()
    tasks: Sequence[TaskInput] = field(default_factory=tuple)
    file: File[bytes] | None = None


def _require_office(actor: User) -> None:
    if actor.role not in PROVINCE_WIDE_ROLES:
        raise DirectiveError(_("Only the province office records directives and reviews reports."))


def _checked_file(upload: File[bytes] | None) -> Any:
    if upload is None:
        return None
    try:
        return upload_check(upload, name=upload.name or "", size=upload.size or 0)
    except UploadRejectedError as error:
        raise DirectiveError(f"{upload.name or ''}: {error}") from error


def _clean_directive(data: DirectiveInput) -> None:
    if not data.number.strip():
        raise DirectiveError(_("Write the directive's number."))
    if data.kind not in DirectiveKind.values:
        raise DirectiveError(_("Choose the kind of directive."))
    if not data.issuer.strip() or not data.summary.strip():
        raise DirectiveError(_("Write who issued the directive and what it is about."))
    if len(data.summary) > TEXT_LIMIT:
        raise DirectiveError(_("The summary is too long: at most 2,000 characters."))
    if not data.tasks:
        raise DirectiveError(_("A directive needs at least one task."))


def _clean_task(task: TaskInput, number: int, issued_on: date, on: date) -> dict[str, Any]:
    """The task's fields once checked; `number` names it in messages (task 1, 2 …)."""
    from motcua.organisation.selectors import agency_list_valid_on

    where = _("Task %(n)s: ") % {"n": number}
    content = task.content.strip()
    if not content:
        raise DirectiveError(where + _("write what must be done."))
    if len(content) > TEXT_LIMIT:
        raise DirectiveError(where + _("the task is too long: at most 2,000 characters."))
    agencies = agency_list_valid_on(day=on)
    lead = agencies.filter(pk=task.lead_agency_id).first() if task.lead_agency_id else None
    if lead is None:
        raise DirectiveError(where + _("choose the lead unit."))
    coordinating = list(agencies.filter(pk__in=list(task.coordinating_ids)).exclude(pk=lead.pk))
    if len(coordinating) != len(set(task.coordinating_ids) - {lead.pk}):
        raise DirectiveError(where + _("a coordinating unit is not in service."))
    starts_on = task.starts_on or issued_on
    calendar = get_calendar()
    complete_by = (
        due_at(task.complete_by.day, task.complete_by.at, calendar) if task.complete_by else None
    )
    report_by = due_at(task.report_by.day, task.report_by.at, calendar) if task.report_by else None
    start = timezone.make_aware(datetime.combine(starts_on, time.min))
    if report_by is not None and report_by < start:
        raise DirectiveError(where + _("the report deadline is before the task starts."))
    if complete_by is not None and complete_by < start:
        raise DirectiveError(where + _("the completion deadline is before the task starts."))
    if task.recurrence not in Recurrence.values:
        raise DirectiveError(where + _("choose how often the task recurs."))
    if task.recurrence:
        if task.recurrence != Recurrence.YEARLY and not (
            task.recurrence_day and 1 <= task.recurrence_day <= DAYS_IN_MONTH_SAFE
        ):
            raise DirectiveError(where + _("give the day of the month (1 to 28) it is due."))
        if task.recurrence == Recurrence.YEARLY and (report_by or complete_by) is None:
            raise DirectiveError(where + _("a yearly task needs its first deadline."))
        if task.recurrence_until is not None and task.recurrence_until < starts_on:
            raise DirectiveError(where + _("it cannot stop recurring before it starts."))
        first = report_by or complete_by
        periods = recurrence_periods(
            recurrence=task.recurrence,
            day=task.recurrence_day or 1,
            first_due=timezone.localtime(first).date() if first else starts_on,
            starts_on=starts_on,
            until=task.recurrence_until or date(starts_on.year + 1, 12, 31),
        )
        if not periods:
            raise DirectiveError(where + _("no deadline falls between its start and its end."))
    return {
        "content": content,
        "lead_agency": lead,
        "coordinating": coordinating,
        "starts_on": starts_on,
        "complete_by": complete_by,
        "report_by": report_by,
        "recurrence": task.recurrence,
        "recurrence_day": task.recurrence_day if task.recurrence else None,
        "recurrence_until": task.recurrence_until if task.recurrence else None,
    }


def _occurrences(task: DirectiveTask) -> list[TaskOccurrence]:
    """The rounds of a task: one for a one-off task; one per period of a recurring one, up to
    its end (or the end of the year after it starts)."""
    if not task.recurrence:
        return [
            TaskOccurrence(
                task=task, period_start=task.starts_on, complete_by=task.complete_by,
                report_by=task.report_by,
            )
        ]  # fmt: skip
    calendar = get_calendar()
    first = task.report_by or task.complete_by
    until = task.recurrence_until or date(task.starts_on.year + 1, 12, 31)
    periods = recurrence_periods(
        recurrence=task.recurrence,
        day=task.recurrence_day or 1,
        first_due=timezone.localtime(first).date() if first else task.starts_on,
        starts_on=task.starts_on,
        until=until,
    )
    return [
        TaskOccurrence(
            task=task, period_start=p.start, period_label=p.label,
            report_by=due_at(p.due_day, None, calendar),
        )
        for p in periods
    ]  # fmt: skip


def directive_create(*, actor: User, data: DirectiveInput) -> Directive:
    """Record a directive and its tasks in one transaction; the file is checked by content."""
    _require_office(actor)
    _clean_directive(data)
    on = min(data.issued_on, timezone.localdate())  # the units in service when it was issued
    tasks = [_clean_task(t, n, data.issued_on, on) for n, t in enumerate(data.tasks, start=1)]
    checked = _checked_file(data.file)
    stored = ""
    try:
        with transaction.atomic():
            directive = Directive.objects.create(
                number=data.number.strip()[:60], kind=data.kind, issued_on=data.issued_on,
                issuer=data.issuer.strip()[:200], signer=data.signer.strip()[:200],
                summary=data.summary.strip(), created_by=actor,
            )  # fmt: skip
            if checked is not None and data.file is not None:
                stored = default_storage.save(checked.storage_name("directives"), data.file)
                directive.file, directive.file_name = stored, checked.display_name
                directive.save(update_fields=["file", "file_name"])
            if data.related_ids:
                directive.related.set(Directive.objects.filter(pk__in=list(data.related_ids)))
            for fields in tasks:
                coordinating = fields.pop("coordinating")
                task = DirectiveTask.objects.create(directive=directive, **fields)
                task.coordinating.set(coordinating)
                TaskOccurrence.objects.bulk_create(_occurrences(task))
    except Exception:
        if stored:
            default_storage.delete(stored)
        raise
    return directive


def directive_task_cancel(*, actor: User, task_id: int, reason: str) -> DirectiveTask:
    _require_office(actor)
    if not reason.strip():
        raise DirectiveError(_("Write why the task is cancelled."))
    with transaction.atomic():
        task = DirectiveTask.objects.select_for_update().filter(pk=task_id).first()
        if task is None:
            raise DirectiveError(_("This task does not exist."))
        if task.cancelled_at is not None:
            raise DirectiveError(_("This task was cancelled."))
        if not task.occurrences.filter(completed_at__isnull=True).exists():
            raise DirectiveError(_("This task is already done."))
        task.cancelled_at, task.cancel_reason = timezone.now(), reason.strip()[:TEXT_LIMIT]
        task.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    return task


def task_report_submit(
    *, actor: User, occurrence_id: int, kind: str, text: str, file: File[bytes] | None = None
) -> TaskReport:
    """The lead unit reports progress or completion, with text and a file."""
    text = text.replace("\r\n", "\n").strip()
    if kind not in ReportKind.values:
        raise DirectiveError(_("Choose whether it is progress or completion."))
    if not text:
        raise DirectiveError(_("Write the report."))
    if len(text) > REPORT_LIMIT:
        raise DirectiveError(_("The report is too long: at most 5,000 characters."))
    checked = _checked_file(file)
    stored = ""
    try:
        with transaction.atomic():
            # The order the review and a cancellation lock in: the task, then its occurrence
            # (locking both in one join took them in either order and deadlocked, issue 14).
            DirectiveTask.objects.select_for_update().filter(occurrences=occurrence_id).first()
            occurrence = (
                TaskOccurrence.objects.select_for_update(of=("self",))
                .select_related("task")
                .filter(pk=occurrence_id)
                .first()
            )
            if occurrence is None:
                raise DirectiveError(_("This task does not exist."))
            task = occurrence.task
            if (
                not membership_list_for_user(user=actor)
                .filter(agency_id=task.lead_agency_id)
                .exists()
            ):
                raise DirectiveError(_("Only the lead unit reports on this task."))
            if task.cancelled_at is not None:
                raise DirectiveError(_("This task was cancelled."))
            if occurrence.completed_at is not None:
                raise DirectiveError(_("This task is already done."))
            report = TaskReport(
                occurrence=occurrence, kind=kind, text=text, submitted_by=actor,
                submitted_at=timezone.now(),
            )  # fmt: skip
            if checked is not None and file is not None:
                stored = default_storage.save(
                    checked.storage_name(f"directives/reports/{occurrence.pk}"), file
                )
                report.file, report.file_name = stored, checked.display_name
            report.save()
    except Exception:
        if stored:
            default_storage.delete(stored)
        raise
    return report


def task_report_review(*, actor: User, report_id: int, accept: bool, note: str = "") -> TaskReport:
    """The province office accepts a report (a completion report then closes the occurrence,
    on time or late by when it was submitted) or returns it with remarks."""
    _require_office(actor)
    if not accept and not note.strip():
        raise DirectiveError(_("Write why the report is returned."))
    with transaction.atomic():
        found = TaskReport.objects.filter(pk=report_id).values_list("occurrence_id", flat=True)
        occurrence_id = found.first()
        if occurrence_id is None:
            raise DirectiveError(_("This report does not exist."))
        # The task (the lock a cancellation takes), its occurrence (a report's), then the report.
        DirectiveTask.objects.select_for_update().filter(occurrences=occurrence_id).first()
        TaskOccurrence.objects.select_for_update().filter(pk=occurrence_id).first()
        report = (
            TaskReport.objects.select_for_update(of=("self",))  # the others are locked above
            .select_related("occurrence__task")
            .get(pk=report_id)
        )
        if report.review != ReportReview.SUBMITTED:
            raise DirectiveError(_("This report has already been reviewed."))
        if report.occurrence.task.cancelled_at is not None:
            raise DirectiveError(_("This task was cancelled."))
        report.review = ReportReview.ACCEPTED if accept else ReportReview.RETURNED
        report.reviewed_by, report.reviewed_at = actor, timezone.now()
        report.review_note = note.strip()[:TEXT_LIMIT]
        report.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_note"])
        occurrence = report.occurrence
        if accept and report.kind == ReportKind.COMPLETION and occurrence.completed_at is None:
            occurrence.completed_at = report.submitted_at
            occurrence.save(update_fields=["completed_at"])
    return report


# --- reminders ------------------------------------------------------------------------------------


def directive_reminders_send(*, on: date | None = None) -> int:
    """The daily job: each open occurrence gets its reminder of the day (before its deadline, on
    the day) or its escalation to the province office the working day after, once. Returns how
    many were sent."""
    on = on or timezone.localdate()
    calendar = get_calendar()
    if not calendar.is_working_day(on):
        return 0
    window_end = due_at(calendar.shift_working_days(on, 30), None, calendar)
    window_start = due_at(calendar.shift_working_days(on, -3), None, calendar)
    rows = (
        TaskOccurrence.objects.filter(
            completed_at__isnull=True, task__cancelled_at__isnull=True,
        )
        .filter(_deadline_between(window_start, window_end))
        .exclude(  # a completion report waiting for the office: nothing to remind
            reports__kind=ReportKind.COMPLETION, reports__review=ReportReview.SUBMITTED
        )
        .select_related("task")
    )  # fmt: skip
    sent = 0
    for occurrence in rows:
        deadline = occurrence.report_by or occurrence.complete_by
        assert deadline is not None
        kind = reminder_kind(deadline=deadline, on=on, calendar=calendar)
        if kind is None:
            continue
        try:
            with transaction.atomic():
                reminder = TaskReminder.objects.create(occurrence=occurrence, kind=kind, on=on)
        except IntegrityError:
            continue  # already sent today
        transaction.on_commit(partial(_announce, reminder.pk))
        sent += 1
    return sent


def _announce(reminder_id: int) -> None:
    directive_reminder.send(sender=TaskReminder, reminder_id=reminder_id)


def _deadline_between(start: datetime, end: datetime) -> Any:
    from django.db.models import Q

    return Q(report_by__gte=start, report_by__lte=end) | Q(
        report_by__isnull=True, complete_by__gte=start, complete_by__lte=end
    )


# --- demo data ------------------------------------------------------------------------------------

# What the source documents do not print (demo_data.py says which): a stand-in number and the
# day each was most likely issued, between the dates the text cites and its first deadline.
_DEMO_ISSUED = {
    "conclusion_notice": date(2023, 8, 21),  # after the 17/8/2023 workshop, before 25/8
    "official_letter": date(2023, 10, 16),  # after 25/9/2023 (cited), before 18/10 11:00
    "plan": date(2024, 2, 15),  # after 11/02/2024 (Chỉ thị 04/CT-TTg, cited)
}
_DEMO_MARCH_LETTER = date(2024, 3, 25)  # "ngày … tháng 3 năm 2024", before 31/3
_DEMO_MONTHLY_DAY = 28  # the March letter's monthly report prints no day: the month's end
_DEMO_OUTCOMES = (0, 0, 0, 1, 0, 0, 2, 0, 0, 1)  # by task: done on time, done late, no report


def _demo_deadline(value: str | None) -> Deadline | None:
    if not value:
        return None
    if "T" in value:
        day, at = value.split("T")
        return Deadline(date.fromisoformat(day), time.fromisoformat(at))
    return Deadline(date.fromisoformat(value))


def _demo_leads(lead: str, on: date) -> list[int]:
    """Agency ids for a lead written in the demo data: a name, or every district's people's
    committee, or every department of the province, in service on `on`."""
    from django.db.models import Q

    from motcua.organisation.constants import AgencyKind, Tier
    from motcua.organisation.selectors import agency_list_valid_on

    agencies = agency_list_valid_on(day=on)
    if lead == "ALL_DISTRICTS":
        rows = agencies.filter(tier=Tier.DISTRICT, kind=AgencyKind.PEOPLES_COMMITTEE)
    elif lead == "ALL_DEPARTMENTS":
        rows = agencies.filter(tier=Tier.PROVINCE, kind=AgencyKind.DEPARTMENT)
    else:  # "Sở Tư pháp" is "Sở Tư pháp tỉnh Bình Phước" in the register
        rows = agencies.filter(Q(name=lead) | Q(name__startswith=f"{lead} "))
    return list(rows.order_by("name").values_list("pk", flat=True))


def _demo_report(occurrence: TaskOccurrence, outcome: int, office: User) -> None:
    """A completion report sent before the deadline (or 3 working days after it), recorded and
    accepted by the office (the demo has no officers in the departments); outcome 2: none (the
    task stays overdue)."""
    deadline = occurrence.report_by or occurrence.complete_by
    if outcome == 2 or deadline is None:  # noqa: PLR2004
        return
    calendar = get_calendar()
    day = calendar.shift_working_days(timezone.localtime(deadline).date(), 3 if outcome else -1)
    sent = timezone.make_aware(datetime.combine(day, time(10, 0)))
    TaskReport.objects.create(
        occurrence=occurrence, kind=ReportKind.COMPLETION, submitted_by=office, submitted_at=sent,
        text="Đơn vị đã hoàn thành nhiệm vụ và gửi báo cáo kết quả (Văn phòng ghi nhận).",
        review=ReportReview.ACCEPTED,
        reviewed_by=office, reviewed_at=sent,
    )  # fmt: skip
    occurrence.completed_at = sent
    occurrence.save(update_fields=["completed_at"])


def _demo_tasks(item: dict[str, Any], issued_on: date) -> list[TaskInput]:
    """One demo task for each unit its lead names (every district, every department …)."""
    recurrence = item["recurrence"] or ""
    day = item["recurrence_day"] or (_DEMO_MONTHLY_DAY if recurrence else None)
    until = item["recurrence_until"] or (f"{issued_on.year}-12-31" if recurrence else None)
    coordinating = [pk for name in item["coordinating"] for pk in _demo_leads(name, issued_on)]
    return [
        TaskInput(
            content=item["content"],
            lead_agency_id=lead_id,
            coordinating_ids=[pk for pk in coordinating if pk != lead_id],
            complete_by=_demo_deadline(item["complete_by"]),
            report_by=_demo_deadline(item["report_by"]),
            recurrence=recurrence,
            recurrence_day=day,
            recurrence_until=date.fromisoformat(until) if until else None,
        )
        for lead_id in _demo_leads(item["lead"], issued_on)
    ]


def directive_seed_demo() -> int:
    """The province's real directives of 2023-2024 (demo_data.py) with their tasks, once; most
    tasks reported and accepted, some late, some never reported. Returns the tasks created."""
    from motcua.accounts.selectors import user_get_by_username
    from motcua.directives.demo_data import DEMO_DIRECTIVES

    office = user_get_by_username(username="giamsat")
    if office is None or Directive.objects.exists():
        return 0
    created = 0
    for number, source in enumerate(DEMO_DIRECTIVES, start=1):
        if source["issued_on"]:
            issued_on = date.fromisoformat(source["issued_on"])
        elif number == 3:  # noqa: PLR2004 - the March 2024 letter
            issued_on = _DEMO_MARCH_LETTER
        else:
            issued_on = _DEMO_ISSUED[source["kind"]]
        tasks = [t for item in source["tasks"] for t in _demo_tasks(item, issued_on)]
        if not tasks:
            continue
        data = DirectiveInput(
            number=source["number"] or f"Không số ({issued_on:%m/%Y})",
            kind=source["kind"],
            issued_on=issued_on,
            issuer=source["issuer"] or "UBND tỉnh Bình Phước",
            signer=source["signer"],
            summary=source["summary"],
            tasks=tasks,
        )
        directive = directive_create(actor=office, data=data)
        occurrences = TaskOccurrence.objects.filter(task__directive=directive).order_by("pk")
        for index, occurrence in enumerate(occurrences):
            _demo_report(occurrence, _DEMO_OUTCOMES[index % len(_DEMO_OUTCOMES)], office)
        created += len(tasks)
    return created
