"""The petition (PAKN) dashboard: 766 indicators 5.1–5.3 of a month, quarter or year, the counts
by kind, status and agency, what is overdue now, and the same figures as a workbook. The province
office sees the province; a leader or an agency administrator their agencies.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.accounts.constants import PROVINCE_WIDE_ROLES
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.backoffice import forms_feedback as f
from motcua.backoffice.views_dossiers import _officer
from motcua.backoffice.views_feedback import (
    DASHBOARD_ROLES,
    ENTER_ROLES,
    InboxRow,
    current_limit,
)
from motcua.core.calendar import get_calendar
from motcua.feedback.constants import FeedbackKind, FeedbackStatus
from motcua.feedback.selectors import (
    PetitionCounts,
    feedback_overdue,
    petition_counts,
    petition_is_late,
    petition_list_received,
    petition_status_counts,
)
from motcua.organisation.selectors import agency_list_by_ids
from motcua.quality.constants import PeriodKind
from motcua.quality.indicators import metric_score, round_published, ruleset_on
from motcua.quality.periods import Period, PeriodError, period_containing, period_parse

OVERDUE_LIST_MAX = 300
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class IndicatorRow:
    number: str
    name: str
    numerator: int
    denominator: int
    percent: Decimal | None
    points: Decimal | None
    max_points: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class AgencyRow:
    name: str
    counts: PetitionCounts
    routed: bool = True


@dataclass
class Figures:
    period: Period
    scope: str
    filters: dict[str, Any] | None
    total: PetitionCounts
    indicators: list[IndicatorRow]
    kinds: list[tuple[str, int]]
    statuses: list[tuple[str, int]]
    by_agency: list[AgencyRow] = field(default_factory=list)


def _reader(request: HttpRequest) -> User:
    user = _officer(request)
    if user.role not in DASHBOARD_ROLES:
        raise Http404
    return user


def _scope(user: User) -> tuple[str, dict[str, Any] | None]:
    """The whole province for the province office; a leader's or administrator's agencies."""
    if user.role in PROVINCE_WIDE_ROLES:
        return _("The whole province"), None
    agencies = dict(membership_list_for_user(user=user).values_list("agency_id", "agency__name"))
    return ", ".join(sorted(agencies.values())), {"agency_id__in": sorted(agencies)}


def _period(request: HttpRequest, today: date) -> tuple[f.PeriodForm, Period]:
    """The period asked for (this quarter by default), or PeriodError for people."""
    form = f.PeriodForm(request.GET or None)
    if not form.is_bound:
        return form, period_containing(PeriodKind.QUARTER, today)
    if not form.is_valid():
        raise PeriodError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    data = form.cleaned_data
    kind = data.get("period") or PeriodKind.QUARTER
    if data.get("year") is None:
        return form, period_containing(PeriodKind(kind), today)
    period = period_parse(
        kind=kind, year=data["year"], number=data.get("n"), start=None, end=None, today=today
    )
    return form, period


def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return round_published(Decimal(numerator) * 100 / Decimal(denominator))


def _indicators(counts: PetitionCounts, day: date) -> list[IndicatorRow]:
    """766 5.1 (monitored, not scored), 5.2 and 5.3 (6 points × the ratio, full marks when no
    petition arrived) with the rules in force on the period's last day."""
    rules = ruleset_on(day)
    classified = counts.regulation + counts.behaviour
    rows = [
        IndicatorRow(
            "5.1",
            _("Petitions about rules and procedures or the conduct of officials"),
            classified,
            counts.total,
            _percent(classified, counts.total),
            None,
            None,
            _("rules and procedures: %(a)s; conduct of officials: %(b)s; not scored")
            % {"a": counts.regulation, "b": counts.behaviour},
        )
    ]
    for code, numerator in (
        ("PETITION_PROCESSING_ON_TIME", counts.on_time),
        ("PETITION_HANDLING_SATISFACTION", counts.satisfied),
    ):
        metric = rules.by_code[code]
        score = metric_score(metric, numerator=numerator, denominator=counts.total)
        rows.append(
            IndicatorRow(
                metric.number,
                str(metric.name),
                numerator,
                counts.total,
                _percent(numerator, counts.total),
                score.value,
                metric.max_score,
                "" if counts.total else _("no petition in the period: full marks"),
            )
        )
    return rows


def _figures(user: User, period: Period, now: datetime) -> Figures:
    scope, filters = _scope(user)
    window: dict[str, Any] = {"start": period.start, "until": period.end, "filters": filters}
    total = petition_counts(now=now, **window)[None]
    per_agency = petition_counts(now=now, by="agency", **window)
    names = dict(
        agency_list_by_ids(agency_ids=[k for k in per_agency if k is not None]).values_list(
            "pk", "name"
        )
    )
    by_agency = sorted(
        (AgencyRow(names.get(k, str(k)), c) for k, c in per_agency.items() if k is not None),
        key=lambda row: row.name,
    )
    if None in per_agency and per_agency[None].total:
        by_agency.append(AgencyRow(_("Not yet sent to an agency"), per_agency[None], False))
    statuses = petition_status_counts(**window)
    return Figures(
        period=period,
        scope=scope,
        filters=filters,
        total=total,
        indicators=_indicators(total, period.end),
        kinds=[
            (str(FeedbackKind.REGULATION.label), total.regulation),
            (str(FeedbackKind.BEHAVIOUR.label), total.behaviour),
            (str(FeedbackKind.OTHER.label), total.total - total.regulation - total.behaviour),
        ],
        statuses=[(str(label), statuses.get(value, 0)) for value, label in FeedbackStatus.choices],
        by_agency=by_agency,
    )


def _overdue_by_agency(user: User, now: datetime) -> tuple[list[tuple[str, list[Any]]], bool]:
    """The petitions past their limit now, grouped by the agency holding them."""
    calendar = get_calendar()
    rows = list(
        feedback_overdue(now=now, user=user).order_by("handle_by", "pk")[: OVERDUE_LIST_MAX + 1]
    )
    groups: dict[str, list[Any]] = {}
    for feedback in rows[:OVERDUE_LIST_MAX]:
        name = feedback.agency.name if feedback.agency else _("Not yet sent to an agency")
        groups.setdefault(name, []).append(
            InboxRow(feedback, current_limit(feedback, now, calendar))
        )
    return sorted(groups.items()), len(rows) > OVERDUE_LIST_MAX


@login_required
def feedback_dashboard(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    today, now = timezone.localdate(), timezone.now()
    try:
        form, period = _period(request, today)
    except PeriodError as error:
        return render(
            request,
            "backoffice/feedback/dashboard.html",
            {"error": str(error), "form": f.PeriodForm(request.GET or None)},
            status=400,
        )
    overdue, overdue_cut = _overdue_by_agency(user, now)
    return render(
        request,
        "backoffice/feedback/dashboard.html",
        {
            "form": form,
            "figures": _figures(user, period, now),
            "period": period,
            "period_number": _number(period),
            "period_kinds": f.PERIOD_KINDS,
            "overdue": overdue,
            "overdue_cut": overdue_cut,
            "overdue_max": OVERDUE_LIST_MAX,
            "query": request.GET.urlencode(),
            "can_enter": user.role in ENTER_ROLES,
            "can_dashboard": True,
        },
    )


@login_required
def feedback_dashboard_export(request: HttpRequest) -> HttpResponse:
    """The dashboard's figures and the period's petitions as a workbook; no personal data (no
    name, phone, e-mail, nor the texts the citizen wrote)."""
    user = _reader(request)
    today, now = timezone.localdate(), timezone.now()
    try:
        _form, period = _period(request, today)
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("backoffice:feedback_dashboard")
    figures = _figures(user, period, now)
    response = HttpResponse(_workbook(figures, now), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="phan-anh-kien-nghi-{period.slug}.xlsx"'
    )
    return response


def _number(period: Period) -> int | None:
    if period.kind == PeriodKind.MONTH:
        return period.start.month
    if period.kind == PeriodKind.QUARTER:
        return (period.start.month - 1) // 3 + 1
    return None


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


def _workbook(figures: Figures, now: datetime) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = _("Overview")[:31]
    summary.append(
        [
            _("Petitions (PAKN) — %(scope)s — %(period)s")
            % {"scope": figures.scope, "period": figures.period.label}
        ]
    )
    summary.cell(1, 1).font = Font(bold=True, size=13)
    summary.append([_("Made on %(at)s") % {"at": f"{timezone.localtime(now):%H:%M %d/%m/%Y}"}])
    summary.append([])
    _header(
        summary,
        [_("Indicator"), _("Indicator name"), _("Numerator"), _("Denominator"), _("Rate (%)"),
         _("Points"), _("Maximum points"), _("Note")],
        [10, 50, 12, 12, 10, 9, 10, 50],
    )  # fmt: skip
    for row in figures.indicators:
        summary.append(
            [row.number, row.name, row.numerator, row.denominator, row.percent, row.points,
             row.max_points, row.note]
        )  # fmt: skip
    summary.append([])
    counts = figures.total
    for label, value in [
        (_("Petitions received in the period"), counts.total),
        *figures.kinds,
        (_("Still open"), counts.open),
        (_("On time"), counts.on_time),
        (_("Late"), counts.late),
        (_("Rated by the citizen"), counts.rated),
        (_("Rated not satisfied"), counts.unsatisfied),
        *figures.statuses,
    ]:
        summary.append([None, label, value])

    agencies = book.create_sheet(_("By agency")[:31])
    _header(
        agencies,
        [_("Agency"), _("Petitions received"), _("Still open"), _("On time"), _("Late"),
         _("Not satisfied"), _("Rated")],
        [50, 10, 10, 10, 10, 12, 10],
    )  # fmt: skip
    for agency in figures.by_agency:
        c = agency.counts
        agencies.append([agency.name, c.total, c.open, c.on_time, c.late, c.unsatisfied, c.rated])

    listing = book.create_sheet(_("List of petitions")[:31])
    _header(
        listing,
        [_("Code"), _("Received on"), _("Received through"), _("About"), _("Agency"), _("Status"),
         _("Answer by"), _("Late"), _("Citizen's rating")],
        [20, 17, 18, 30, 40, 30, 17, 8, 16],
    )  # fmt: skip
    end = timezone.make_aware(datetime.combine(figures.period.end + timedelta(days=1), time.min))
    at = min(now, end)
    ratings = {True: _("Satisfied"), False: _("Not satisfied"), None: ""}
    for feedback in petition_list_received(
        start=figures.period.start, until=figures.period.end, filters=figures.filters
    ).iterator(chunk_size=2000):
        listing.append(
            [
                feedback.code,
                _local(feedback.created_at),
                str(feedback.get_channel_display()),
                str(feedback.get_kind_display()),
                feedback.agency.name if feedback.agency else _("Not yet sent to an agency"),
                str(feedback.get_status_display()),
                _local(feedback.handle_by),
                _("Yes") if petition_is_late(feedback, at=at) else _("No"),
                ratings[feedback.rating],  # type: ignore[attr-defined]
            ]
        )
        for column in (2, 7):
            listing.cell(listing.max_row, column).number_format = "dd/mm/yyyy hh:mm"
    listing.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
