"""The directive task dashboard: the tasks counted by status per lead unit and per directive, the
deadlines of the coming 30 days by day, and the same as a workbook. The province office sees
every task; a leader the tasks his units lead."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.backoffice.views_directives import (
    DASHBOARD_ROLES,
    STATUS_LABELS,
    Status,
    nav_flags,
)
from motcua.backoffice.views_dossiers import _officer
from motcua.directives.constants import TaskStatus
from motcua.directives.selectors import (
    StatusCounts,
    TaskRow,
    counts_by,
    office_sees_all,
    task_rows,
    upcoming_deadlines,
)

CALENDAR_DAYS = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The columns of the counts, in the order of the statuses' lives.
COLUMNS = [
    TaskStatus.OVERDUE,
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
    TaskStatus.CANCELLED,
]


def _reader(request: HttpRequest) -> User:
    user = _officer(request)
    if user.role not in DASHBOARD_ROLES:
        raise Http404
    return user


def _scope(user: User, now: datetime) -> tuple[str, list[TaskRow]]:
    """The whole province for the office; for a leader, the tasks his units lead."""
    rows = task_rows(user=user, now=now)
    if office_sees_all(user):
        return _("The whole province"), rows
    agencies = dict(membership_list_for_user(user=user).values_list("agency_id", "agency__name"))
    return (
        ", ".join(sorted(agencies.values())),
        [r for r in rows if r.task.lead_agency_id in agencies],
    )


@dataclass(frozen=True)
class CountRow:
    """A group's counts as the template reads them: one cell per status column."""

    label: str
    key: Any
    total: int
    cells: list[tuple[Status, int]]


def _table(groups: list[StatusCounts]) -> list[CountRow]:
    """Each group with its count in each column (the status goes along for its word)."""
    return [
        CountRow(g.label, g.key, g.total, [(Status(s), g.of(s)) for s in COLUMNS]) for g in groups
    ]


@login_required
def directive_dashboard(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    now = timezone.now()
    scope, rows = _scope(user, now)
    calendar = [
        (day, [(r, o, Status(o.status)) for r, o in items])
        for day, items in upcoming_deadlines(rows, now=now, days=CALENDAR_DAYS)
    ]
    totals = [(Status(s), sum(1 for r in rows if r.status == s)) for s in COLUMNS]
    return render(
        request,
        "backoffice/directives/dashboard.html",
        {
            "scope": scope,
            "now": now,
            "columns": [Status(s) for s in COLUMNS],
            "tables": [
                ("unit", _("Tasks by lead unit"), _("Lead unit"), _table(counts_by(rows, "unit"))),
                (
                    "directive",
                    _("Tasks by directive"),
                    _("Directive"),
                    _table(counts_by(rows, "directive")),
                ),
            ],
            "totals": totals,
            "total": len(rows),
            "calendar": calendar,
            "calendar_days": CALENDAR_DAYS,
            "section": "dashboard",
            **nav_flags(user),
        },
    )


@login_required
def directive_export(request: HttpRequest) -> HttpResponse:
    """The tasks of the dashboard, one row each, and their counts by unit, as a workbook."""
    user = _reader(request)
    now = timezone.now()
    scope, rows = _scope(user, now)
    response = HttpResponse(_workbook(scope, rows, now), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="nhiem-vu-{timezone.localdate(now):%Y-%m-%d}.xlsx"'
    )
    return response


def _local(value: datetime | None) -> datetime | None:
    """Excel has no time zones: the local time, naive."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _header(sheet: Any, values: list[str], widths: list[int]) -> None:
    sheet.append(values)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(sheet.max_row, index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width


def _last_report(row: TaskRow) -> datetime | None:
    sent = [r.submitted_at for o in row.occurrences for r in o.reports]
    return max(sent) if sent else None


def _period(row: TaskRow) -> str:
    """A recurring task's recurrence and the period it is at (the first not done)."""
    task = row.task
    if not task.recurrence:
        return str(task.get_recurrence_display())
    current = next(
        (o for o in row.occurrences if o.status not in (TaskStatus.DONE_ON_TIME,
                                                       TaskStatus.DONE_LATE)),
        None,
    )  # fmt: skip
    label = str(task.get_recurrence_display())
    return f"{label}: {current.occurrence.period_label}" if current else label


def _workbook(scope: str, rows: list[TaskRow], now: datetime) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tasks")[:31]
    sheet.append([_("Directive tasks — %(scope)s") % {"scope": scope}])
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    sheet.append([_("Made on %(at)s") % {"at": f"{timezone.localtime(now):%H:%M %d/%m/%Y}"}])
    sheet.append([])
    _header(
        sheet,
        [_("Directive"), _("Issued on"), _("Task"), _("Lead unit"), _("Coordinating units"),
         _("Complete by"), _("Report by"), _("Next deadline"), _("Recurrence / period"),
         _("Status"), _("Last report")],
        [18, 12, 60, 36, 36, 17, 17, 17, 26, 20, 17],
    )  # fmt: skip
    first = sheet.max_row + 1
    for row in sorted(rows, key=lambda r: (r.task.directive.issued_on, r.task.directive_id,
                                           r.task.pk)):  # fmt: skip
        task = row.task
        sheet.append(
            [
                task.directive.number,
                task.directive.issued_on,
                task.content,
                task.lead_agency.name,
                "; ".join(a.name for a in task.coordinating.all()),
                _local(task.complete_by),
                _local(task.report_by),
                _local(row.next_deadline),
                _period(row),
                str(STATUS_LABELS[row.status]),
                _local(_last_report(row)),
            ]
        )
        sheet.cell(sheet.max_row, 2).number_format = "dd/mm/yyyy"
        for column in (6, 7, 8, 11):
            sheet.cell(sheet.max_row, column).number_format = "dd/mm/yyyy hh:mm"
        sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(first, 1).coordinate

    units = book.create_sheet(_("By lead unit")[:31])
    _header(
        units,
        [_("Lead unit"), *(str(STATUS_LABELS[s]) for s in COLUMNS), _("Total tasks")],
        [50, *([12] * len(COLUMNS)), 10],
    )
    for group in counts_by(rows, "unit"):
        units.append([group.label, *(group.of(s) for s in COLUMNS), group.total])
    units.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
