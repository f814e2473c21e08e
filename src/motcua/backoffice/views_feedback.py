"""The officers' petition (PAKN) screens: the inbox, a 1022 hotline call typed in, and the petition
page with its actions (the dashboard is in views_feedback_dashboard).

Scope comes from `feedback.selectors.feedback_list_for_officer`: a petition outside it reads as
404. Every action posts to one view that calls one service; a refusal (FeedbackError) comes back
as a message. The forms a page shows are a convenience: the services decide who may do what.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, DateTimeField, F, Q, QuerySet, When
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, PersonalDataKind, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.backoffice import forms_feedback as f
from motcua.backoffice.personal_data import petition_looked_at
from motcua.backoffice.views_dossiers import _officer
from motcua.core.calendar import WorkingCalendar, get_calendar
from motcua.dossiers.selectors import dossier_get_visible
from motcua.feedback import services
from motcua.feedback.constants import FEEDBACK_OPEN, FeedbackStatus
from motcua.feedback.deadlines import (
    DUE_SOON,
    ON_TIME,
    OVERDUE,
    deadline_state,
    working_days_left,
)
from motcua.feedback.models import Feedback, FeedbackAnswer
from motcua.feedback.selectors import (
    feedback_answers,
    feedback_get_visible,
    feedback_history,
    feedback_list_for_officer,
)
from motcua.feedback.services import HANDLING_ROLES, FeedbackError
from motcua.organisation.selectors import agency_list_valid_on

PAGE_SIZE = 50
# Who types in a 1022 call: the province office and the one-stop desks.
ENTER_ROLES = frozenset({Role.PROVINCE_MONITOR, Role.DESK_OFFICER})
# Who reads the dashboard: the province office (all), leaders and administrators (their agencies).
DASHBOARD_ROLES = frozenset(
    {Role.PROVINCE_MONITOR, Role.SYSTEM_ADMIN, Role.LEADER, Role.AGENCY_ADMIN}
)
OPEN_OR_ANSWERED = frozenset({*FEEDBACK_OPEN, FeedbackStatus.ANSWERED})
STATUS_OPEN, STATUS_ALL, NOT_ROUTED = "open", "all", "none"
# Deadline states → the classes of the dossier queues (a colour always with a word).
STATE_CSS = {OVERDUE: "overdue", DUE_SOON: "due_soon", ON_TIME: "on_track"}
STATE_LABELS = {
    OVERDUE: gettext_lazy("Overdue"),
    DUE_SOON: gettext_lazy("Due soon"),
    ON_TIME: gettext_lazy("On time"),
}


def _visible(user: User, feedback_id: int) -> Feedback:
    feedback = feedback_get_visible(user=user, feedback_id=feedback_id)
    if feedback is None:
        raise Http404
    return feedback


def _province_wide(user: User) -> bool:
    return user.role in PROVINCE_WIDE_ROLES


# --- deadlines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    """A limit with its state now: on time, due soon or overdue, and the working days left."""

    label: str
    due: datetime
    state: str
    days_left: float

    @property
    def css(self) -> str:
        return STATE_CSS[self.state]

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def days_late(self) -> float:
        return -self.days_left


def _limit(label: str, due: datetime, now: datetime, calendar: WorkingCalendar) -> Limit:
    return Limit(
        label=label,
        due=due,
        state=deadline_state(due, now=now, calendar=calendar),
        days_left=working_days_left(due, now=now, calendar=calendar),
    )


def current_limit(feedback: Feedback, now: datetime, calendar: WorkingCalendar) -> Limit | None:
    """The limit the petition runs against now: the answer while open, publication once
    answered; none once refused or published."""
    if feedback.status in FEEDBACK_OPEN:
        return _limit(_("answer by"), feedback.handle_by, now, calendar)
    if feedback.status == FeedbackStatus.ANSWERED and feedback.publish_by is not None:
        return _limit(_("publish by"), feedback.publish_by, now, calendar)
    return None


def _due_soon_before(now: datetime, calendar: WorkingCalendar) -> datetime:
    """A limit before this instant is "due soon" (deadline_state's warning window)."""
    days = settings.MOTCUA_FEEDBACK_WARN_WORKING_DAYS
    return calendar.add_working_time(now, calendar.day_length * days)


# --- the inbox --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxRow:
    feedback: Feedback
    limit: Limit | None


def _with_limit(rows: QuerySet[Feedback]) -> QuerySet[Feedback]:
    """Each petition with `current_limit`: its handling limit while open, its publishing limit
    once answered, nothing once closed (for the most urgent first, and the deadline filters)."""
    return rows.annotate(
        current_limit=Case(
            When(status__in=FEEDBACK_OPEN, then=F("handle_by")),
            When(status=FeedbackStatus.ANSWERED, then=F("publish_by")),
            default=None,
            output_field=DateTimeField(),
        )
    )


def petition_warnings(user: User) -> dict[str, int]:
    """For the landing page: how many of the officer's petitions are due soon, how many late
    (the warning before the limit; the inbox lists them with the same filters)."""
    now = timezone.now()
    rows = _with_limit(feedback_list_for_officer(user=user))
    soon = _due_soon_before(now, get_calendar())
    return {
        "overdue": rows.filter(current_limit__lt=now).count(),
        "due_soon": rows.filter(current_limit__gte=now, current_limit__lte=soon).count(),
    }


@login_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    now, calendar = timezone.now(), get_calendar()
    province = _province_wide(user)
    status = request.GET.get("status") or STATUS_OPEN
    due = request.GET.get("due", "")
    agency = request.GET.get("agency", "") if province else ""
    text = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # no NUL to PostgreSQL
    rows = _with_limit(feedback_list_for_officer(user=user))
    if status == STATUS_OPEN:
        rows = rows.filter(status__in=OPEN_OR_ANSWERED)
    elif status in FeedbackStatus.values:
        rows = rows.filter(status=status)
    else:
        status = STATUS_ALL
    if due == OVERDUE:
        rows = rows.filter(Q(current_limit__lt=now))
    elif due == DUE_SOON:
        soon = _due_soon_before(now, calendar)
        rows = rows.filter(Q(current_limit__gte=now, current_limit__lte=soon))
    else:
        due = ""
    if agency == NOT_ROUTED:
        rows = rows.filter(agency__isnull=True)
    elif agency.isascii() and agency.isdigit():
        rows = rows.filter(agency_id=int(agency))
    else:
        agency = ""
    for word in text.split()[:5]:
        rows = rows.filter(Q(code__icontains=word) | Q(title__icontains=word))
    rows = rows.order_by(F("current_limit").asc(nulls_last=True), "-created_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/feedback/inbox.html",
        {
            "rows": [InboxRow(fb, current_limit(fb, now, calendar)) for fb in page.object_list],
            "page": page,
            "status": status,
            "statuses": FeedbackStatus.choices,
            "due": due,
            "agency": agency,
            "q": text,
            "query": query.urlencode(),
            "province": province,
            "agencies": agency_list_valid_on(day=timezone.localdate()).order_by("tier", "name")
            if province
            else [],
            "can_enter": user.role in ENTER_ROLES,
            "can_dashboard": user.role in DASHBOARD_ROLES,
        },
    )


# --- a hotline call ---------------------------------------------------------------------------


@login_required
def feedback_hotline(request: HttpRequest) -> HttpResponse:
    """The officer answering the 1022 hotline types the call in; it is taken like any petition
    (routing rules, deadlines, one a minute per phone) and records who typed it."""
    user = _officer(request)
    if user.role not in ENTER_ROLES:
        raise Http404
    form = f.HotlineForm(request.POST or None, day=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            feedback = services.feedback_submit(data=form.feedback_input(), entered_by=user)
        except FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The call is recorded as %(code)s.") % {"code": feedback.code}
            )
            return redirect("backoffice:feedback_detail", feedback.pk)
    return render(
        request,
        "backoffice/feedback/hotline.html",
        {"form": form, "can_dashboard": user.role in DASHBOARD_ROLES},
    )


# --- the petition page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    label: str
    due: datetime
    limit: Limit | None  # while the step is still to be done
    done_at: datetime | None = None

    @property
    def done_late(self) -> bool:
        return self.done_at is not None and self.done_at > self.due


@dataclass(frozen=True)
class HistoryRow:
    event: Any
    actor: str


def _deadlines(feedback: Feedback, now: datetime, calendar: WorkingCalendar) -> list[Deadline]:
    """The four limits of REGULATION §4.3, each with its state while its step is pending, or
    when it was done."""
    status = feedback.status
    early = status in (FeedbackStatus.AWAITING_ROUTING, FeedbackStatus.PROCESSING)

    def pending(label: str, due: datetime, still: bool) -> Limit | None:
        return _limit(label, due, now, calendar) if still else None

    rows = [
        Deadline(
            _("Refuse by"),
            feedback.refuse_by,
            pending(_("refuse by"), feedback.refuse_by, early),
            feedback.refused_at,
        ),
        Deadline(
            _("First request for more information by"),
            feedback.first_supplement_by,
            pending(
                _("ask by"),
                feedback.first_supplement_by,
                early and feedback.supplement_requested_at is None,
            ),
            feedback.supplement_requested_at,
        ),
        Deadline(
            _("Answer by"),
            feedback.handle_by,
            pending(_("answer by"), feedback.handle_by, status in FEEDBACK_OPEN),
            feedback.ready_at,
        ),
    ]
    if feedback.publish_by is not None:
        rows.append(
            Deadline(
                _("Publish by"),
                feedback.publish_by,
                pending(_("publish by"), feedback.publish_by, status == FeedbackStatus.ANSWERED),
                feedback.published_at,
            )
        )
    return rows


def _holding_roles(user: User, feedback: Feedback) -> set[str]:
    if feedback.agency_id is None:
        return set()
    return set(
        membership_list_for_user(user=user)
        .filter(agency_id=feedback.agency_id)
        .values_list("role", flat=True)
    )


def _possible(user: User, feedback: Feedback) -> set[str]:
    """The actions whose form this user sees now (the same rules as the services)."""
    province = _province_wide(user)
    roles = _holding_roles(user, feedback)
    handler = bool(roles & HANDLING_ROLES)
    status = feedback.status
    possible: set[str] = set()
    if status in (FeedbackStatus.AWAITING_ROUTING, FeedbackStatus.PROCESSING) and (
        province or roles
    ):
        possible.add("route")
    if (status == FeedbackStatus.AWAITING_ROUTING and province) or (
        status == FeedbackStatus.PROCESSING and handler
    ):
        possible.add("refuse")
    if status == FeedbackStatus.PROCESSING and handler:
        possible.add("draft")
        if not feedback.anonymous or feedback.phone or feedback.email or feedback.citizen_id:
            possible.add("supplement")
    if status == FeedbackStatus.AWAITING_APPROVAL:
        if feedback.responsible_leader_id is not None:
            leader = feedback.responsible_leader_id == user.pk
        else:
            leader = Role.LEADER in roles
        if leader:
            possible |= {"approve", "return"}
    if status == FeedbackStatus.ANSWERED and (province or handler):
        possible.add("publish")
    return possible


def _history(feedback: Feedback, show_contact: bool) -> list[HistoryRow]:
    rows = []
    for event in feedback_history(feedback=feedback):
        if event.actor is None:
            actor = "—"
        elif event.actor_id == feedback.citizen_id and not show_contact:
            actor = _("The citizen (anonymous)")
        else:
            actor = event.actor.display_name
        rows.append(HistoryRow(event, actor))
    return rows


@login_required
def feedback_detail(request: HttpRequest, feedback_id: int) -> HttpResponse:
    user = _officer(request)
    feedback = _visible(user, feedback_id)
    petition_looked_at(
        officer=user, feedback=feedback, purpose="view", kind=PersonalDataKind.PETITION
    )
    now, calendar, today = timezone.now(), get_calendar(), timezone.localdate()
    answers = feedback_answers(feedback=feedback)
    current: FeedbackAnswer | None = next((a for a in answers if a.round == feedback.round), None)
    show_contact = not feedback.anonymous or _province_wide(user)
    # An anonymous sender's dossier would name them: only the province office sees it.
    dossier = (
        dossier_get_visible(user=user, dossier_id=feedback.dossier_id)
        if feedback.dossier_id and show_contact
        else None
    )
    forms: dict[str, Form] = {
        "route": f.RouteForm(day=today, current=feedback.agency_id),
        "refuse": f.RefuseForm(),
        "supplement": f.SupplementForm(),
        "draft": f.DraftForm(initial={"text": current.text if current else ""}),
        "return": f.ReturnForm(),
        "approve": f.ApproveForm(),
        "publish": f.PublishForm(
            initial={
                "title": feedback.public_title,
                "content": feedback.public_content,
                "answer_text": current.public_text if current else "",
            }
        ),
    }
    return render(
        request,
        "backoffice/feedback/detail.html",
        {
            "feedback": feedback,
            "limit": current_limit(feedback, now, calendar),
            "deadlines": _deadlines(feedback, now, calendar),
            "show_contact": show_contact,
            "dossier": dossier,
            "attachments": list(feedback.attachments.order_by("pk")),
            "history": _history(feedback, show_contact),
            "answers": answers,
            "current": current,
            "possible": _possible(user, feedback),
            "forms": forms,
            "can_enter": user.role in ENTER_ROLES,
            "can_dashboard": user.role in DASHBOARD_ROLES,
        },
    )


@login_required
def feedback_file(request: HttpRequest, feedback_id: int, attachment_id: int) -> FileResponse:
    user = _officer(request)
    feedback = _visible(user, feedback_id)
    attachment = feedback.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    petition_looked_at(officer=user, feedback=feedback, purpose=f"file:{attachment.pk}",
                       kind=PersonalDataKind.PETITION_FILE)  # fmt: skip
    return FileResponse(
        attachment.file.open("rb"),
        filename=attachment.file_name,
        content_type=attachment.content_type,
    )


ActionHandler = Callable[[User, Feedback, HttpRequest], str]


def _cleaned(form: Form) -> dict[str, Any]:
    """The form's data, or FeedbackError naming each field that is wrong."""
    if not form.is_valid():
        raise FeedbackError(
            " ".join(
                f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
                for name, errors in form.errors.items()
                for error in errors
            )
        )
    return form.cleaned_data


def _act_route(user: User, feedback: Feedback, request: HttpRequest) -> str:
    form = f.RouteForm(request.POST, day=timezone.localdate(), current=feedback.agency_id)
    data = _cleaned(form)
    services.feedback_route(
        actor=user, feedback_id=feedback.pk, agency_id=data["agency"].pk, note=data["note"]
    )
    return _("The petition is sent to %(agency)s.") % {"agency": data["agency"].name}


def _act_refuse(user: User, feedback: Feedback, request: HttpRequest) -> str:
    data = _cleaned(f.RefuseForm(request.POST))
    services.feedback_refuse(actor=user, feedback_id=feedback.pk, reason=data["reason"])
    return _("The petition is refused; the citizen receives the reason.")


def _act_supplement(user: User, feedback: Feedback, request: HttpRequest) -> str:
    data = _cleaned(f.SupplementForm(request.POST))
    services.feedback_request_supplement(
        actor=user, feedback_id=feedback.pk, question=data["question"]
    )
    return _("The request for more information is sent to the citizen.")


def _act_draft(user: User, feedback: Feedback, request: HttpRequest) -> str:
    data = _cleaned(f.DraftForm(request.POST))
    services.feedback_answer_draft(actor=user, feedback_id=feedback.pk, text=data["text"])
    return _("The answer is sent to the leader for approval.")


def _act_return(user: User, feedback: Feedback, request: HttpRequest) -> str:
    data = _cleaned(f.ReturnForm(request.POST))
    services.feedback_answer_return(actor=user, feedback_id=feedback.pk, note=data["note"])
    return _("The answer is returned with your remarks.")


def _act_approve(user: User, feedback: Feedback, request: HttpRequest) -> str:
    services.feedback_answer_approve(actor=user, feedback_id=feedback.pk)
    return _("The answer is approved and sent to the citizen; it now waits to be published.")


def _act_publish(user: User, feedback: Feedback, request: HttpRequest) -> str:
    data = _cleaned(f.PublishForm(request.POST))
    services.feedback_publish(
        actor=user,
        feedback_id=feedback.pk,
        title=data["title"],
        content=data["content"],
        answer_text=data["answer_text"],
    )
    return _("The petition and its answer are published.")


ACTIONS: dict[str, ActionHandler] = {
    "route": _act_route,
    "refuse": _act_refuse,
    "supplement": _act_supplement,
    "draft": _act_draft,
    "return": _act_return,
    "approve": _act_approve,
    "publish": _act_publish,
}


@login_required
@require_POST
def feedback_act(request: HttpRequest, feedback_id: int, action: str) -> HttpResponse:
    user = _officer(request)
    feedback = _visible(user, feedback_id)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        messages.success(request, handler(user, feedback, request))
    except FeedbackError as error:
        messages.error(request, str(error))
    if feedback_get_visible(user=user, feedback_id=feedback.pk) is None:
        return redirect("backoffice:feedback_inbox")  # passed on to another agency
    return redirect("backoffice:feedback_detail", feedback.pk)
