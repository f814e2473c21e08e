"""The officers' dossier screens: queues, reception, the dossier page, actions, PDFs, register.

Scope comes from `dossiers.selectors.dossier_list_visible`: a dossier outside it reads as 404.
Every action posts to one view that calls one service; a refusal comes back as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts.constants import PUBLIC_ROLES, PersonalDataKind, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_agency, membership_list_for_user
from motcua.backoffice import forms_dossiers as f
from motcua.backoffice.personal_data import dossier_looked_at
from motcua.backoffice.views_payments import PAYMENT_ACTIONS, payment_context
from motcua.catalog.constants import Channel
from motcua.catalog.search import procedure_search
from motcua.catalog.selectors import fee_claimable, fee_quote_for, version_get_in_force
from motcua.documents.certification import is_certification
from motcua.documents.selectors import signed_result_of, store_for_handling
from motcua.documents.services import certified_copy_issue, dossier_approve_signed
from motcua.dossiers import services
from motcua.dossiers.constants import (
    PAUSED_STATUSES,
    ApologyStatus,
    DossierStatus,
    StepKind,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.register import register_workbook
from motcua.dossiers.selectors import (
    QUEUES,
    agency_choices_for,
    deadline_state_of,
    dossier_current_step,
    dossier_digitisation_state,
    dossier_events,
    dossier_find_by_code,
    dossier_get_visible,
    dossier_list_visible,
    dossier_search,
    dossier_steps,
    queue,
    queue_slugs_for,
    timeliness_of,
)
from motcua.dossiers.services import DossierError
from motcua.dossiers.workflow import TransitionNotAllowedError, transitions_from
from motcua.feedback.selectors import rating_get
from motcua.feedback.services import RatingError, rating_follow_up
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import unit_list_valid_on
from motcua.sync.selectors import sync_status_of

QUEUE_LABELS = {
    "submitted": gettext_lazy("Submitted online"),
    "my_steps": gettext_lazy("My steps"),
    "to_approve": gettext_lazy("To approve"),
    "due_today": gettext_lazy("Due today"),
    "due_soon": gettext_lazy("Due within 2 working days"),
    "overdue": gettext_lazy("Overdue"),
    "awaiting_supplement": gettext_lazy("Awaiting supplement"),
    "to_return": gettext_lazy("To return"),
    "opinions": gettext_lazy("Opinions asked of us"),
    "all": gettext_lazy("All"),
}
PAGE_SIZE = 50


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if user.role in PUBLIC_ROLES:
        raise Http404
    return user


def _visible(user: User, dossier_id: int) -> Dossier:
    dossier = dossier_get_visible(user=user, dossier_id=dossier_id)
    if dossier is None:
        raise Http404
    return dossier


# --- queues -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    dossier: Dossier
    state: str | None


@login_required
def dossier_queue(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    slugs = queue_slugs_for(user)
    slug = request.GET.get("queue") or slugs[0]
    if slug not in slugs:
        raise Http404
    text = request.GET.get("q", "").replace("\x00", "").strip()  # no NUL to PostgreSQL
    status = request.GET.get("status", "")
    dossiers = dossier_search(queue(user=user, slug=slug), text)
    if status in DossierStatus.values:
        dossiers = dossiers.filter(status=status)
    page = Paginator(
        dossiers.select_related("procedure_version", "deciding_agency"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [Row(d, deadline_state_of(d, now=now)) for d in page.object_list]
    bulk = {"my_steps": "forward", "to_approve": "approve"}.get(slug)
    return render(
        request,
        "backoffice/dossiers/queue.html",
        {
            "tabs": [(s, QUEUE_LABELS[s]) for s in slugs],
            "slug": slug,
            "rows": rows,
            "page": page,
            "q": text,
            "status": status,
            "statuses": DossierStatus.choices,
            "bulk": bulk,
            "can_receive": user.role == Role.DESK_OFFICER,
            "queue_specs": QUEUES,
        },
    )


@login_required
def dossier_go(request: HttpRequest) -> HttpResponse:
    """The scanner field: a barcode reader types the code and Enter."""
    user = _officer(request)
    code = request.GET.get("code", "").replace("\x00", "").strip()  # no NUL to PostgreSQL
    dossier = dossier_find_by_code(user=user, code=code) if code else None
    if dossier is None:
        messages.error(
            request, _("No dossier with the code “%(code)s” in your agency.") % {"code": code}
        )
        return redirect("backoffice:dossier_queue")
    return redirect("backoffice:dossier_detail", dossier.pk)


@login_required
@require_POST
def dossier_bulk(request: HttpRequest) -> HttpResponse:
    """Forward or approve many dossiers; each one succeeds or fails on its own."""
    user = _officer(request)
    action = request.POST.get("action")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:PAGE_SIZE]
    if action not in ("forward", "approve") or not ids:
        messages.error(request, _("Choose dossiers and an action."))
        return redirect(request.POST.get("next") or "backoffice:dossier_queue")
    results: list[tuple[str, bool, str]] = []
    for dossier_id in ids:
        dossier = dossier_get_visible(user=user, dossier_id=dossier_id)
        if dossier is None:
            continue
        try:
            if action == "forward":
                services.dossier_forward(actor=user, dossier_id=dossier_id)
            else:
                services.dossier_approve(actor=user, dossier_id=dossier_id)
            results.append((str(dossier), True, _("Done")))
        except (DossierError, TransitionNotAllowedError) as error:
            results.append((str(dossier), False, str(error)))
    return render(
        request, "backoffice/dossiers/bulk_result.html", {"results": results, "action": action}
    )


# --- reception --------------------------------------------------------------------------------


@login_required
def dossier_receive(request: HttpRequest) -> HttpResponse:
    """Step 1: find the procedure; step 2: the intake form of its version in force."""
    user = _officer(request)
    if user.role != Role.DESK_OFFICER:
        raise Http404
    today = timezone.localdate()
    version_id = request.GET.get("version") or request.POST.get("version")
    if not version_id or not str(version_id).isdigit():
        query = request.GET.get("procedure", "").strip()
        hits = procedure_search(query=query, limit=20) if query else []
        return render(
            request, "backoffice/dossiers/receive_pick.html", {"query": query, "hits": hits}
        )
    version = version_get_in_force(version_id=int(version_id), on=today)
    if version is None:
        raise Http404
    kwargs: dict[str, Any] = {
        "version": version,
        "units": unit_list_valid_on(day=today, tier=Tier.COMMUNE).order_by("name"),
        "agencies": agency_choices_for(on=today),
    }
    membership = membership_list_for_user(user=user).filter(role=Role.DESK_OFFICER).first()
    initial = {"applicant_unit": membership.agency.unit_id if membership else None}
    form = f.IntakeForm(request.POST or None, initial=initial, **kwargs)
    # Not "required" in HTML: the browser would block "Receive" over the folded refusal fields.
    refuse = f.ReasonForm(request.POST or None, prefix="refuse", use_required_attribute=False)
    if request.method == "POST" and form.is_valid():
        try:
            if "refuse" in request.POST:
                if not refuse.is_valid():
                    raise DossierError(_("Choose a reason and explain it."))
                dossier = services.dossier_refuse_new(
                    actor=user,
                    intake=form.intake(),
                    reason=refuse.cleaned_data["reason"],
                    details=refuse.cleaned_data["details"],
                    request_key=form.cleaned_data["request_key"],
                )
                messages.success(request, _("The refusal is recorded; print it for the applicant."))
            else:
                dossier = services.dossier_receive_new(
                    actor=user,
                    intake=form.intake(),
                    request_key=form.cleaned_data["request_key"],
                )
                messages.success(
                    request,
                    _("Received as %(code)s. Print the receipt for the applicant.")
                    % {"code": dossier.code},
                )
            return redirect("backoffice:dossier_detail", dossier.pk)
        except DossierError as error:
            form.add_error(None, str(error))
    quote = fee_quote_for(version=version, channel=Channel.IN_PERSON, on=today)
    return render(
        request,
        "backoffice/dossiers/receive.html",
        {
            "form": form,
            "refuse": refuse,
            "version": version,
            "fee_quote": quote,
            "fee_lines": quote.as_json(),
            "claimable": fee_claimable(version=version, channel=Channel.IN_PERSON, on=today),
        },
    )


# --- the dossier page -------------------------------------------------------------------------


def _step_choices(dossier: Dossier) -> list[tuple[int, str]]:
    template = services.process_template(dossier)
    return [(i, f"{i + 1}. {name}") for i, (name, _role, _b) in enumerate(template[:-1])]


def _officer_choices(dossier: Dossier, user: User) -> list[tuple[int, str]]:
    step = dossier_current_step(dossier=dossier)
    agency = step.agency if step else dossier.deciding_agency
    return [
        (m.user_id, f"{m.user.display_name} ({m.get_role_display()})")
        for m in membership_list_for_agency(agency=agency)
        if m.role in (Role.SPECIALIST, Role.LEADER)
    ]


def _step_officers(dossier: Dossier) -> list[tuple[int, str]]:
    """Who may take the current step: its role at its agency."""
    step = dossier_current_step(dossier=dossier)
    if step is None:
        return []
    return [
        (m.user_id, m.user.display_name)
        for m in membership_list_for_agency(agency=step.agency)
        if m.role == step.role
    ]


@login_required
def dossier_detail(request: HttpRequest, dossier_id: int) -> HttpResponse:
    user = _officer(request)
    dossier = _visible(user, dossier_id)
    services.dossier_access_record(user=user, dossier=dossier, what="view")
    dossier_looked_at(officer=user, dossier=dossier, purpose="view")
    step = dossier_current_step(dossier=dossier)
    possible = {t.value for t in transitions_from(DossierStatus(dossier.status))}
    revision = {"revision": dossier.revision}
    today = timezone.localdate()
    context: dict[str, Any] = {
        "dossier": dossier,
        "state": deadline_state_of(dossier),
        "timeliness": timeliness_of(dossier),
        "paused": dossier.status in PAUSED_STATUSES,
        "events": dossier_events(dossier=dossier),
        "steps": dossier_steps(dossier=dossier),
        "step": step,
        "holds_step": step is not None and services.holds_step(user, step),
        "documents": dossier.documents.all(),
        "digitisation": dossier_digitisation_state(dossier=dossier),
        "can_digitise": dossier.received_at is not None
        and user.role == Role.DESK_OFFICER
        and membership_list_for_user(user=user)
        .filter(role=Role.DESK_OFFICER, agency_id=dossier.receiving_agency_id)
        .exists(),
        "supplements": dossier.supplements.all(),
        "refusals": dossier.refusals.all(),
        "apologies": dossier.apologies.select_related("responsible_agency", "approved_by"),
        "explanations": dossier.explanations.select_related("explained_by", "agency"),
        "opinions": [r for r in dossier_steps(dossier=dossier) if r.step.kind == StepKind.OPINION],
        "result": getattr(dossier, "result", None),
        "signed": signed_result_of(dossier_id=dossier.pk),
        "certification": is_certification(dossier),
        "sync": sync_status_of(dossier_id=dossier.pk),
        "store": list(store_for_handling(user=user, dossier=dossier)[:50]),
        "rating": rating_get(dossier=dossier),
        "possible": possible,
        "role": user.role,
        "forms": {
            "forward": f.ForwardForm(
                initial=revision,
                steps=_step_choices(dossier),
                officers=_officer_choices(dossier, user),
            ),
            "supplement": f.SupplementForm(initial=revision),
            "obligation": f.ObligationForm(initial=revision),
            "approve": f.ApproveForm(initial=revision),
            "certify": f.CertifyForm(initial=revision),
            "reject": f.ReasonForm(initial=revision),
            "stop": f.ReasonForm(initial=revision),
            "refuse": f.ReasonForm(initial=revision),
            "return": f.ReturnForm(
                initial={
                    **revision,
                    "method": dossier.return_method,
                    "received_by_name": dossier.applicant_name,
                }
            ),
            "withdraw": f.WithdrawForm(initial=revision),
            "note": f.NoteForm(initial=revision),
            "apology": f.ApologyForm(),
            "explanation": f.TextForm(),
            "opinion": f.OpinionForm(initial=revision, agencies=agency_choices_for(on=today)),
            "assign": f.AssignForm(initial=revision, officers=_step_officers(dossier)),
            "answer": f.TextForm(),
        },
        "ApologyStatus": ApologyStatus,
        **payment_context(dossier),
    }
    return render(request, "backoffice/dossiers/detail.html", context)


ActionHandler = Callable[[User, Dossier, HttpRequest], None]


def _keyed(form_class: type[f.KeyedForm], request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
    form = form_class(request.POST, request.FILES, **kwargs)
    if not form.is_valid():
        raise DossierError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    data = dict(form.cleaned_data)
    data["request_key"] = f"{request.user.pk}:{data['request_key']}"
    return data


def _keyed_action(
    form_class: type[f.KeyedForm],
    service: Callable[..., Any],
    fields: dict[str, str],
    form_options: Callable[[Dossier, User], dict[str, Any]] | None = None,
) -> ActionHandler:
    """An action whose form carries the request key and revision: the form's `fields`
    (service argument → form field) go to the one service that does it."""

    def handle(user: User, dossier: Dossier, request: HttpRequest) -> None:
        options = form_options(dossier, user) if form_options else {}
        data = _keyed(form_class, request, **options)
        service(
            actor=user,
            dossier_id=dossier.pk,
            revision=data["revision"],
            request_key=data["request_key"],
            **{argument: data[field] for argument, field in fields.items()},
        )

    return handle


_REASON = {"reason": "reason", "details": "details"}
KEYED_ACTIONS: dict[str, ActionHandler] = {
    "receive": _keyed_action(f.NoteForm, services.dossier_receive, {}),
    "refuse": _keyed_action(f.ReasonForm, services.dossier_refuse_receipt, _REASON),
    "forward": _keyed_action(
        f.ForwardForm,
        services.dossier_forward,
        {"note": "note", "to_position": "to_position", "assignee_id": "assignee"},
        lambda dossier, user: {
            "steps": _step_choices(dossier),
            "officers": _officer_choices(dossier, user),
        },
    ),
    "assign": _keyed_action(
        f.AssignForm,
        services.dossier_assign,
        {"assignee_id": "assignee"},
        lambda dossier, _user: {"officers": _step_officers(dossier)},
    ),
    "supplement": _keyed_action(
        f.SupplementForm,
        services.dossier_request_supplement,
        {"reasons": "reasons", "note": "note"},
    ),
    "supplied": _keyed_action(f.NoteForm, services.dossier_submit_supplement, {"note": "note"}),
    "obligation": _keyed_action(
        f.ObligationForm,
        services.dossier_request_financial_obligation,
        {"amount": "amount", "note": "note"},
    ),
    "approve": _keyed_action(
        f.ApproveForm,
        dossier_approve_signed,  # an electronic result is signed by the agency (documents)
        {
            "form": "form",
            "document_number": "document_number",
            "summary": "summary",
            "file": "file",
        },
    ),
    "certify": _keyed_action(
        f.CertifyForm,
        certified_copy_issue,  # chứng thực bản sao điện tử: the scan and the statement, signed
        {"title": "title", "original_issuer": "original_issuer"},
    ),
    "reject": _keyed_action(f.ReasonForm, services.dossier_reject, _REASON),
    "stop": _keyed_action(f.ReasonForm, services.dossier_stop, _REASON),
    "return": _keyed_action(
        f.ReturnForm,
        services.dossier_return_result,
        {"method": "method", "received_by_name": "received_by_name"},
    ),
    "withdraw": _keyed_action(f.WithdrawForm, services.dossier_withdraw, {"reason": "reason"}),
}


def _act_opinion(user: User, dossier: Dossier, request: HttpRequest) -> None:
    data = _keyed(f.OpinionForm, request, agencies=agency_choices_for(on=timezone.localdate()))
    services.dossier_request_opinion(
        actor=user,
        dossier_id=dossier.pk,
        agency_id=data["agency"].pk,
        question=data["question"],
        budget_hours=data["budget_hours"],
        revision=data["revision"],
        request_key=data["request_key"],
    )


def _plain(form_class: type[Any], request: HttpRequest) -> Any:
    form = form_class(request.POST)
    if not form.is_valid():
        raise DossierError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    return form


def _act_answer(user: User, dossier: Dossier, request: HttpRequest) -> None:
    form = _plain(f.TextForm, request)
    step_id = request.POST.get("step", "")
    if not step_id.isdigit() or not dossier.steps.filter(pk=int(step_id)).exists():
        raise DossierError(_("This opinion request does not exist."))
    services.dossier_give_opinion(
        actor=user, step_id=int(step_id), answer=form.cleaned_data["text"]
    )


def _act_apology(user: User, dossier: Dossier, request: HttpRequest) -> None:
    form = _plain(f.ApologyForm, request)
    services.apology_draft(
        actor=user,
        dossier_id=dossier.pk,
        reason=form.cleaned_data["reason"],
        new_due_at=form.new_due_at(),
    )


def _act_apology_approve(user: User, dossier: Dossier, request: HttpRequest) -> None:
    letter_id = request.POST.get("apology", "")
    if not letter_id.isdigit() or not dossier.apologies.filter(pk=int(letter_id)).exists():
        raise DossierError(_("This apology letter does not exist."))
    services.apology_approve(actor=user, apology_id=int(letter_id))


def _act_follow_up(user: User, dossier: Dossier, request: HttpRequest) -> None:
    form = _plain(f.TextForm, request)
    rating = rating_get(dossier=dossier)
    if rating is None:
        raise DossierError(_("This dossier has no rating."))
    try:
        rating_follow_up(actor=user, rating_id=rating.pk, note=form.cleaned_data["text"])
    except RatingError as error:
        raise DossierError(str(error)) from error


def _act_sync_resend(user: User, dossier: Dossier, request: HttpRequest) -> None:
    services.dossier_sync_resend(actor=user, dossier_id=dossier.pk)


def _act_explain(user: User, dossier: Dossier, request: HttpRequest) -> None:
    form = _plain(f.TextForm, request)
    services.explanation_record(actor=user, dossier_id=dossier.pk, text=form.cleaned_data["text"])


ACTIONS: dict[str, ActionHandler] = {
    **KEYED_ACTIONS,
    **PAYMENT_ACTIONS,
    "opinion": _act_opinion,
    "answer": _act_answer,
    "apology": _act_apology,
    "apology_approve": _act_apology_approve,
    "explain": _act_explain,
    "sync_resend": _act_sync_resend,
    "follow_up": _act_follow_up,
}


@login_required
@require_POST
def dossier_act(request: HttpRequest, dossier_id: int, action: str) -> HttpResponse:
    user = _officer(request)
    dossier = _visible(user, dossier_id)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        handler(user, dossier, request)
        messages.success(request, _("Done."))
    except (DossierError, TransitionNotAllowedError) as error:
        messages.error(request, str(error))
    return redirect("backoffice:dossier_detail", dossier.pk)


# --- documents --------------------------------------------------------------------------------


@login_required
def dossier_pdf(request: HttpRequest, dossier_id: int, kind: str, item: int = 0) -> HttpResponse:
    from motcua.dossiers import documents

    user = _officer(request)
    dossier = _visible(user, dossier_id)
    match kind:
        case "receipt" if dossier.received_at:
            content = documents.receipt_pdf(dossier=dossier)
        case "control" if dossier.received_at:
            content = documents.control_sheet_pdf(dossier=dossier)
        case "supplement":
            request_ = dossier.supplements.filter(ordinal=item).first()
            if request_ is None:
                raise Http404
            content = documents.supplement_pdf(request=request_)
        case "refusal":
            refusal = dossier.refusals.filter(pk=item).first()
            if refusal is None:
                raise Http404
            content = documents.refusal_pdf(refusal=refusal)
        case "apology":
            letter = dossier.apologies.filter(pk=item).first()
            if letter is None:
                raise Http404
            content = documents.apology_pdf(letter=letter)
        case "notice" if dossier.status in (DossierStatus.STOPPED, DossierStatus.WITHDRAWN):
            content = documents.stop_notice_pdf(dossier=dossier)
        case "payment":
            content = _payment_receipt(dossier, item)
        case _:
            raise Http404
    services.dossier_access_record(user=user, dossier=dossier, what=f"pdf:{kind}")
    dossier_looked_at(
        officer=user,
        dossier=dossier,
        purpose=f"pdf:{kind}:{item}",
        kind=PersonalDataKind.DOSSIER_PDF,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{kind}.pdf"'
    return response


def _payment_receipt(dossier: Dossier, payment_id: int) -> bytes:
    from motcua.payments.documents import payment_receipt_pdf
    from motcua.payments.selectors import payment_receipt_of

    payment = payment_receipt_of(dossier_id=dossier.pk, request_id=payment_id)
    if payment is None:
        raise Http404
    return payment_receipt_pdf(request=payment)


@login_required
def dossier_register(request: HttpRequest) -> HttpResponse:
    """Sổ theo dõi hồ sơ: the dossiers received in a period, as an Excel workbook."""
    user = _officer(request)
    today = timezone.localdate()
    form = f.RegisterForm(
        request.GET or None, initial={"start": today.replace(day=1), "end": today}
    )
    if not request.GET or not form.is_valid():
        return render(request, "backoffice/dossiers/register.html", {"form": form})
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    dossiers = dossier_list_visible(user=user).filter(
        received_at__date__gte=start, received_at__date__lte=end
    )
    content = register_workbook(dossiers=dossiers, start=start, end=end)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    return response


def dossier_url(dossier: Dossier) -> str:
    return reverse("backoffice:dossier_detail", args=[dossier.pk])
