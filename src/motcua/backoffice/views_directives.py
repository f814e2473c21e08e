"""The directive task screens (theo dõi nhiệm vụ): the tasks a user follows, a directive typed in
with its tasks, the directive and task pages with the lead unit's reports and the province
office's review (the dashboard and its workbook are in views_directives_dashboard).

Scope comes from `directives.selectors`: the province office sees every task; a unit's officers
the tasks their agencies lead or coordinate; anything else reads as 404. Statuses are derived
there too, never typed. Every action posts to one view that calls one service; a refusal
(DirectiveError) comes back as a message, or as the form's error on the directive form.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.backoffice import forms_directives as f
from motcua.backoffice.views_dossiers import _officer
from motcua.directives import services
from motcua.directives.constants import DONE, ReportKind, ReportReview, TaskStatus
from motcua.directives.models import TaskReport
from motcua.directives.selectors import (
    OccurrenceRow,
    TaskRow,
    directive_get,
    directive_list,
    occurrence_get,
    office_sees_all,
    report_get,
    reports_to_review,
    task_row,
    task_rows,
)
from motcua.directives.services import DirectiveError
from motcua.organisation.selectors import agency_list_valid_on

PAGE_SIZE = 50
# Who reads the dashboard: the province office (all tasks), a leader (the tasks his units lead).
DASHBOARD_ROLES = frozenset({Role.PROVINCE_MONITOR, Role.SYSTEM_ADMIN, Role.LEADER})
OPEN = frozenset({TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.OVERDUE})
STATUS_OPEN, STATUS_ALL, DUE_WEEK = "open", "all", "week"
WARN_DAYS = 7
STATUS_LABELS = dict(TaskStatus.choices)
REVIEW_LABELS = dict(ReportReview.choices)


# --- what the pages show ----------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A derived status with its word and its colour (never colour alone)."""

    value: str

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.value])

    @property
    def css(self) -> str:
        return f"task-{self.value}"


@dataclass(frozen=True)
class ReportView:
    report: TaskReport
    can_review: bool

    @property
    def review_label(self) -> str:
        return str(REVIEW_LABELS[ReportReview(self.report.review)])


@dataclass(frozen=True)
class OccurrenceView:
    row: OccurrenceRow
    status: Status
    reports: list[ReportView]
    is_open: bool  # the occurrence the lead unit reports on now


@dataclass(frozen=True)
class TaskView:
    row: TaskRow
    status: Status

    @property
    def task(self) -> Any:
        return self.row.task

    @property
    def next_deadline(self) -> datetime | None:
        return self.row.next_deadline


def _views(rows: Iterable[TaskRow]) -> list[TaskView]:
    return [TaskView(row, Status(row.status)) for row in rows]


def _urgency(row: TaskRow) -> tuple[int, bool, datetime, int]:
    """Overdue first, then the other open tasks, then those done or cancelled; each by the
    next deadline (none last)."""
    rank = 0 if row.status == TaskStatus.OVERDUE else 1 if row.status in OPEN else 2
    deadline = row.next_deadline
    far = datetime.max.replace(tzinfo=timezone.get_current_timezone())
    return (rank, deadline is None, deadline or far, row.task.pk)


def _due_within(row: TaskRow, now: datetime, days: int) -> bool:
    deadline = row.next_deadline
    return (
        row.status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
        and deadline is not None
        and now <= deadline <= now + timedelta(days=days)
    )


def directive_warnings(user: User) -> dict[str, int]:
    """For the landing page: the user's tasks overdue, and those due within a week."""
    now = timezone.now()
    rows = task_rows(user=user, now=now)
    return {
        "overdue": sum(1 for r in rows if r.status == TaskStatus.OVERDUE),
        "due_week": sum(1 for r in rows if _due_within(r, now, WARN_DAYS)),
    }


def _office(request: HttpRequest) -> User:
    user = _officer(request)
    if not office_sees_all(user):
        raise Http404
    return user


def _can_dashboard(user: User) -> bool:
    return user.role in DASHBOARD_ROLES


def nav_flags(user: User) -> dict[str, bool]:
    return {"is_office": office_sees_all(user), "can_dashboard": _can_dashboard(user)}


# --- the list of tasks ------------------------------------------------------------------------


def _matches(row: TaskRow, words: list[str]) -> bool:
    text = f"{row.task.directive.number} {row.task.content}".casefold()
    return all(word in text for word in words)


@login_required
def directive_tasks(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    now = timezone.now()
    office = office_sees_all(user)
    everything = task_rows(user=user, now=now)
    status = request.GET.get("status") or STATUS_OPEN
    due = request.GET.get("due", "")
    agency = request.GET.get("agency", "") if office else ""
    directive = request.GET.get("directive", "")
    text = request.GET.get("q", "").strip()[:100]
    rows = everything
    if status == STATUS_OPEN:
        rows = [r for r in rows if r.status in OPEN]
    elif status in TaskStatus.values:
        rows = [r for r in rows if r.status == status]
    else:
        status = STATUS_ALL
    if due == DUE_WEEK:
        rows = [r for r in rows if _due_within(r, now, WARN_DAYS)]
    else:
        due = ""
    if agency.isascii() and agency.isdigit():
        rows = [r for r in rows if r.task.lead_agency_id == int(agency)]
    else:
        agency = ""
    if directive.isascii() and directive.isdigit():
        rows = [r for r in rows if r.task.directive_id == int(directive)]
    else:
        directive = ""
    words = [w.casefold() for w in text.split()[:5]]
    if words:
        rows = [r for r in rows if _matches(r, words)]
    rows = sorted(rows, key=_urgency)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    agencies = sorted({(r.task.lead_agency_id, r.task.lead_agency.name) for r in everything},
                      key=lambda a: a[1])  # fmt: skip
    directives = sorted(
        {r.task.directive for r in everything}, key=lambda d: (d.issued_on, d.pk), reverse=True
    )
    return render(
        request,
        "backoffice/directives/tasks.html",
        {
            "rows": _views(page.object_list),
            "page": page,
            "status": status,
            "statuses": TaskStatus.choices,
            "due": due,
            "agency": agency,
            "agencies": agencies if office else [],
            "directive": directive,
            "directives": directives,
            "q": text,
            "query": query.urlencode(),
            "to_review": list(reports_to_review(user=user)[:100]) if office else [],
            **nav_flags(user),
        },
    )


# --- a new directive --------------------------------------------------------------------------


def _agency_day(data: Any, today: date) -> date:
    """The units offered: those in service when the directive was issued (as the service
    checks them), today's while no date is typed."""
    field = f.DirectiveForm.base_fields["issued_on"]
    try:
        issued = field.clean(data.get("issued_on")) if data is not None else None
    except ValidationError:  # not a date yet: today's units
        issued = None
    return min(issued, today) if issued else today


def _typed(form: Form, skip: Iterable[str] = ("file",)) -> dict[str, Any]:
    """What was typed in a bound form, to show again without its errors."""
    return {name: form[name].data for name in form.fields if name not in skip}


def _retyped(bound: f.BaseTaskFormSet, rows: int, agencies: Any) -> f.BaseTaskFormSet:
    """The task forms again with what was typed, the filled ones first (so "task 2" in a
    message is the second form), and as many forms as `rows`."""
    typed = [_typed(form) for form in bound.forms if form.has_changed()]
    extra = max(rows - len(typed), 0 if typed else 1)
    return f.task_formset(agencies=agencies, initial=typed, extra=extra)


@login_required
def directive_new(request: HttpRequest) -> HttpResponse:
    """The province office types a directive in with its tasks; saved whole or not at all."""
    user = _office(request)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    agencies = agency_list_valid_on(day=_agency_day(data, today)).order_by("tier", "name")
    directives = directive_list(user=user).order_by("-issued_on", "-pk")
    form = f.DirectiveForm(data, request.FILES or None, directives=directives)
    tasks = f.task_formset(data, agencies=agencies)
    file_lost = bool(request.FILES.get("file"))
    if data is not None and "add_task" in data:
        # One more task form; what was typed comes back, without errors for what is not yet.
        form = f.DirectiveForm(initial=_typed(form), directives=directives)
        tasks = _retyped(tasks, len(tasks.forms) + 1, agencies)
    elif data is not None and form.is_valid() and tasks.is_valid():
        try:
            directive = services.directive_create(actor=user, data=f.directive_input(form, tasks))
        except DirectiveError as error:
            form.add_error(None, str(error))
            tasks = _retyped(tasks, len(tasks.forms), agencies)
        else:
            n = directive.tasks.count()
            messages.success(
                request,
                ngettext(
                    "Directive %(number)s is recorded with %(n)s task.",
                    "Directive %(number)s is recorded with %(n)s tasks.",
                    n,
                )
                % {"number": directive.number, "n": n},
            )
            return redirect("backoffice:directive_detail", directive.pk)
    return render(
        request,
        "backoffice/directives/new.html",
        {"form": form, "tasks": tasks, "file_lost": file_lost, "section": "new", **nav_flags(user)},
    )


# --- a directive ------------------------------------------------------------------------------


@login_required
def directive_detail(request: HttpRequest, directive_id: int) -> HttpResponse:
    user = _officer(request)
    directive = directive_get(user=user, directive_id=directive_id)
    if directive is None:
        raise Http404
    related = list(directive.related.all())
    visible = set(
        directive_list(user=user)
        .filter(pk__in=[d.pk for d in related])
        .values_list("pk", flat=True)
    )
    rows = sorted(task_rows(user=user, directive_id=directive.pk), key=lambda r: r.task.pk)
    return render(
        request,
        "backoffice/directives/detail.html",
        {
            "directive": directive,
            "related": [(d, d.pk in visible) for d in related],
            "rows": _views(rows),
            **nav_flags(user),
        },
    )


def _file_response(field: Any, name: str) -> FileResponse:
    if not field:
        raise Http404
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    return FileResponse(field.open("rb"), filename=name, content_type=content_type)


@login_required
def directive_file(request: HttpRequest, directive_id: int) -> FileResponse:
    user = _officer(request)
    directive = directive_get(user=user, directive_id=directive_id)
    if directive is None:
        raise Http404
    return _file_response(directive.file, directive.file_name or directive.file.name)


# --- a task -----------------------------------------------------------------------------------


def _leads(user: User, agency_id: int) -> bool:
    return membership_list_for_user(user=user).filter(agency_id=agency_id).exists()


def _open_occurrence(row: TaskRow) -> OccurrenceRow | None:
    """The occurrence the lead unit reports on now: the first one not yet done."""
    if row.task.cancelled_at is not None:
        return None
    for occurrence in row.occurrences:
        if occurrence.occurrence.completed_at is None and occurrence.status not in DONE:
            return occurrence
    return None


@login_required
def directive_task(request: HttpRequest, task_id: int) -> HttpResponse:
    """The page the reminders link to: the task, its occurrences and reports, and the forms of
    who may act on it."""
    user = _officer(request)
    row = task_row(user=user, task_id=task_id)
    if row is None:
        raise Http404
    office = office_sees_all(user)
    current = _open_occurrence(row)
    occurrences = [
        OccurrenceView(
            o,
            Status(o.status),
            [ReportView(r, office and r.review == ReportReview.SUBMITTED) for r in o.reports],
            o is current,
        )
        for o in row.occurrences
    ]
    can_report = current is not None and _leads(user, row.task.lead_agency_id)
    return render(
        request,
        "backoffice/directives/task.html",
        {
            "view": TaskView(row, Status(row.status)),
            "task": row.task,
            "occurrences": occurrences,
            "recurring": bool(row.task.recurrence),
            "current": current,
            "can_report": can_report,
            "waiting": current is not None
            and any(r.review == ReportReview.SUBMITTED for r in current.reports),
            "report_form": f.ReportForm(),
            "review_form": f.ReviewForm(),
            "can_cancel": office and row.task.cancelled_at is None and row.status not in DONE,
            "cancel_form": f.CancelForm(),
            **nav_flags(user),
        },
    )


def _cleaned(form: Form) -> dict[str, Any]:
    """The form's data, or DirectiveError naming each field that is wrong."""
    if not form.is_valid():
        raise DirectiveError(
            " ".join(
                f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
                for name, errors in form.errors.items()
                for error in errors
            )
        )
    return form.cleaned_data


@login_required
@require_POST
def directive_report(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """The lead unit reports progress or completion on one occurrence, with a file."""
    user = _officer(request)
    occurrence = occurrence_get(user=user, occurrence_id=occurrence_id)
    if occurrence is None:
        raise Http404
    try:
        data = _cleaned(f.ReportForm(request.POST, request.FILES))
        services.task_report_submit(
            actor=user, occurrence_id=occurrence.pk, kind=data["kind"], text=data["text"],
            file=data.get("file"),
        )  # fmt: skip
    except DirectiveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your report is sent to the province office."))
    return redirect("backoffice:directive_task", occurrence.task_id)


@login_required
@require_POST
def directive_review(request: HttpRequest, report_id: int) -> HttpResponse:
    """The province office accepts a report, or returns it with remarks."""
    user = _officer(request)
    report = report_get(user=user, report_id=report_id)
    if report is None:
        raise Http404
    try:
        data = _cleaned(f.ReviewForm(request.POST))
        accept = data["decision"] == "accept"
        services.task_report_review(
            actor=user, report_id=report.pk, accept=accept, note=data["note"]
        )
    except DirectiveError as error:
        messages.error(request, str(error))
    else:
        if not accept:
            messages.success(request, _("The report is returned with your remarks."))
        elif report.kind == ReportKind.COMPLETION:
            messages.success(request, _("The completion report is accepted: the task is done."))
        else:
            messages.success(request, _("The report is accepted."))
    return redirect("backoffice:directive_task", report.occurrence.task_id)


@login_required
@require_POST
def directive_task_cancel(request: HttpRequest, task_id: int) -> HttpResponse:
    user = _office(request)
    if task_row(user=user, task_id=task_id) is None:
        raise Http404
    try:
        data = _cleaned(f.CancelForm(request.POST))
        services.directive_task_cancel(actor=user, task_id=task_id, reason=data["reason"])
    except DirectiveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The task is cancelled."))
    return redirect("backoffice:directive_task", task_id)


@login_required
def directive_report_file(request: HttpRequest, report_id: int) -> FileResponse:
    user = _officer(request)
    report = report_get(user=user, report_id=report_id)
    if report is None:
        raise Http404
    return _file_response(report.file, report.file_name or report.file.name)
