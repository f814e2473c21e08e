"""Submitting a dossier online from a phone: one question per page, then the files, a review,
and submit. Plain forms (no JavaScript); the draft lives on the server, so the citizen can stop
on one device and go on from another."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.catalog.constants import Channel, CopyKind, ServiceLevel
from motcua.catalog.eforms import Eform, EformField, eform_clean, is_asked
from motcua.catalog.fees import FeeApplicant
from motcua.catalog.selectors import (
    eform_for_version,
    fee_claimable,
    fee_quote_for,
    procedure_resolve_code,
    version_get_current,
)
from motcua.dossiers.models import OnlineDraft
from motcua.dossiers.selectors import (
    citizen_documents,
    document_is_conditional,
    draft_get,
    draft_get_for_helper,
    unit_ids_valid,
)
from motcua.dossiers.services import (
    DossierError,
    draft_attach,
    draft_detach,
    draft_missing,
    draft_reuse,
    draft_reuse_result,
    draft_save_answers,
    draft_start,
    draft_submit,
)
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import unit_list_valid_on


def _citizen(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if user.role != Role.CITIZEN:
        raise Http404
    return user


def _draft(request: HttpRequest, draft_id: int) -> tuple[OnlineDraft, User | None]:
    """The draft and, when a community helper prepares it, the helper (consent in force)."""
    user = request.user
    assert isinstance(user, User)
    if user.role == Role.COMMUNITY_HELPER:
        draft = draft_get_for_helper(helper=user, draft_id=draft_id)
        helper: User | None = user
    elif user.role == Role.CITIZEN:
        draft, helper = draft_get(citizen=user, draft_id=draft_id), None
    else:
        draft, helper = None, None
    if draft is None:
        raise Http404
    return draft, helper


@login_required
def start(request: HttpRequest, code: str) -> HttpResponse:
    citizen = _citizen(request)
    resolved = procedure_resolve_code(code=code)
    version = version_get_current(code=resolved) if resolved else None
    if version is None:
        raise Http404
    try:
        draft = draft_start(citizen=citizen, version_id=version.pk)
    except DossierError as error:
        messages.error(request, str(error))
        return redirect("portal:procedure", version.procedure.code)
    return redirect("portal:draft", draft.pk)


def _field_input(item: EformField, value: Any) -> forms.Field:
    required = item.required
    match item.type:
        case "date":
            return forms.DateField(
                label=item.label,
                required=required,
                help_text=item.help,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
        case "select":
            return forms.ChoiceField(
                label=item.label,
                required=required,
                help_text=item.help,
                choices=[("", "—"), *((o, o) for o in item.options)],
            )
        case "yes_no":
            return forms.ChoiceField(
                label=item.label,
                required=required,
                help_text=item.help,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
            )
        case "unit":
            units = unit_list_valid_on(day=timezone.localdate(), tier=Tier.COMMUNE).order_by("name")
            return forms.ChoiceField(
                label=item.label,
                required=required,
                help_text=item.help,
                choices=[("", "—"), *((str(u.pk), u.name) for u in units)],
            )
        case "number" | "id_number" | "phone":
            return forms.CharField(
                label=item.label,
                required=required,
                help_text=item.help,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )
        case _:
            return forms.CharField(
                label=item.label,
                required=required,
                help_text=item.help,
                widget=forms.Textarea(attrs={"rows": 3}) if item.type == "text" else None,
            )


def _asked(draft: OnlineDraft) -> list[EformField]:
    eform = eform_for_version(version=draft.version)
    return [f for f in eform.fields if is_asked(f, draft.answers)]


@login_required
@require_http_methods(["GET", "POST"])
def draft_page(request: HttpRequest, draft_id: int) -> HttpResponse:
    """One question per page (`?buoc=N`), checked as the e-form says."""
    draft, helper = _draft(request, draft_id)
    if draft.submitted_dossier_id:
        return redirect("portal:draft_done", draft.pk)
    fields = _asked(draft)
    step = int(request.GET.get("buoc", "0")) if request.GET.get("buoc", "0").isdigit() else 0
    if step >= len(fields):
        return redirect("portal:draft_files", draft.pk)
    item = fields[step]
    if item.type == "group":
        return _group_page(request, draft, helper=helper, item=item, step=step, total=len(fields))
    form = forms.Form(request.POST or None)
    form.fields[item.name] = _field_input(item, draft.answers.get(item.name))
    form.initial = {item.name: draft.answers.get(item.name, "")}
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data[item.name]
        value = raw.isoformat() if hasattr(raw, "isoformat") else raw
        _clean, errors = eform_clean(  # with the other answers: a `when` condition needs them
            Eform(fields=(item,)),
            {**draft.answers, item.name: value},
            today=timezone.localdate(),
            units=unit_ids_valid(),
        )
        if item.name in errors:
            form.add_error(item.name, errors[item.name])
        else:
            try:
                revision = int(request.POST.get("revision", "-1"))
                draft = draft_save_answers(
                    citizen=draft.citizen,
                    draft_id=draft.pk,
                    revision=revision,
                    answers={item.name: value},
                    helper=helper,
                )
            except (DossierError, ValueError) as error:
                form.add_error(None, str(error))
            else:
                return redirect(f"{reverse('portal:draft', args=[draft.pk])}?buoc={step + 1}")
    return render(
        request,
        "portal/draft_question.html",
        {"draft": draft, "form": form, "step": step, "total": len(fields)},
    )


def _group_change(
    request: HttpRequest,
    item: EformField,
    answers: dict[str, Any],
    form: forms.Form,
) -> list[dict[str, Any]] | None:
    """The entries after a remove or a valid add; None when nothing changes (errors on form)."""
    entries: list[dict[str, Any]] = list(answers.get(item.name) or [])
    if "remove" in request.POST and request.POST["remove"].isdigit():
        index = int(request.POST["remove"])
        return [e for i, e in enumerate(entries) if i != index]
    if "add" not in request.POST or not form.is_valid():
        return None
    entry = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in form.cleaned_data.items()
    }
    _clean, errors = eform_clean(  # with the other answers: a `when` condition needs them
        Eform(fields=(item,)),
        {**answers, item.name: [entry]},
        today=timezone.localdate(),
        units=unit_ids_valid(),
    )
    for key, message in errors.items():
        sub_name = key.rsplit(".", 1)[-1]
        form.add_error(sub_name if sub_name in form.fields else None, message)
    return None if errors else [*entries, entry]


def _group_page(
    request: HttpRequest,
    draft: OnlineDraft,
    *,
    helper: User | None,
    item: EformField,
    step: int,
    total: int,
) -> HttpResponse:
    """A repeatable group (e.g. family members registering too): the entries so far, a form
    for one more, remove; the next question once done."""
    entries: list[dict[str, Any]] = list(draft.answers.get(item.name) or [])
    form = forms.Form(request.POST if "add" in request.POST else None, prefix="entry")
    for sub in item.fields:
        form.fields[sub.name] = _field_input(sub, None)
    page = reverse("portal:draft", args=[draft.pk])
    error = ""
    if request.method == "POST" and "done" in request.POST:
        if not (item.required and not entries):
            return redirect(f"{page}?buoc={step + 1}")
        error = _("Add at least one entry.")
    elif request.method == "POST":
        updated = _group_change(request, item, draft.answers, form)
        if updated is not None and len(updated) > item.max:
            error = _("At most %(n)s entries.") % {"n": item.max}
        elif updated is not None:
            try:
                draft_save_answers(
                    citizen=draft.citizen,
                    draft_id=draft.pk,
                    revision=int(request.POST.get("revision", "-1")),
                    answers={item.name: updated},
                    helper=helper,
                )
            except (DossierError, ValueError) as problem:
                error = str(problem)
            else:
                return redirect(f"{page}?buoc={step}")
    labels = {sub.name: sub.label for sub in item.fields}
    return render(
        request,
        "portal/draft_group.html",
        {
            "draft": draft,
            "item": item,
            "form": form,
            "step": step,
            "total": total,
            "entries": [[(labels.get(k, k), v) for k, v in e.items()] for e in entries],
            "error": error,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_files(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft, helper = _draft(request, draft_id)
    if draft.submitted_dossier_id:
        return redirect("portal:draft_done", draft.pk)
    if request.method == "POST":
        try:
            if "reuse" in request.POST:
                document_id, source_id = request.POST.get("document", ""), request.POST["reuse"]
                if not (document_id.isdigit() and source_id.isdigit()):
                    raise DossierError(_("Choose one of your documents."))
                draft_reuse(
                    citizen=draft.citizen,
                    draft_id=draft.pk,
                    required_document_id=int(document_id),
                    document_id=int(source_id),
                    helper=helper,
                )
                messages.success(request, _("Your earlier document is used; no need to send it."))
            elif "reuse_result" in request.POST:
                document_id, source_id = (
                    request.POST.get("document", ""),
                    request.POST["reuse_result"],
                )
                if not (document_id.isdigit() and source_id.isdigit()):
                    raise DossierError(_("Choose one of your documents."))
                draft_reuse_result(
                    citizen=draft.citizen,
                    draft_id=draft.pk,
                    required_document_id=int(document_id),
                    result_dossier_id=int(source_id),
                    helper=helper,
                )
                messages.success(request, _("Your earlier result is used; no need to send it."))
            elif "remove" in request.POST:
                draft_detach(
                    citizen=draft.citizen,
                    draft_id=draft.pk,
                    file_id=int(request.POST["remove"]),
                    helper=helper,
                )
            else:
                upload = request.FILES.get("file")
                document_id = request.POST.get("document", "")
                if upload is None or not document_id.isdigit():
                    raise DossierError(_("Choose a file to send."))
                draft_attach(
                    citizen=draft.citizen,
                    draft_id=draft.pk,
                    required_document_id=int(document_id),
                    upload=upload,
                    helper=helper,
                )
                messages.success(request, _("The file was added."))
        except DossierError as error:
            messages.error(request, str(error))
        return redirect("portal:draft_files", draft.pk)
    files = list(draft.files.all())
    rows = [
        {
            "document": d,
            "files": [f for f in files if f.required_document_id == d.pk],
            "optional": document_is_conditional(d),
            "in_person": d.copy_kind == CopyKind.PRESENTED,
        }
        for d in draft.version.documents.all()
    ]
    return render(
        request,
        "portal/draft_files.html",
        {
            "draft": draft,
            "rows": rows,
            "my_documents": list(citizen_documents(citizen=draft.citizen)[:50]),
            "my_results": _my_results(draft.citizen),
        },
    )


def _my_results(citizen: User) -> list[Any]:
    """Electronic results and certified copies in the citizen's store, to use instead of a
    paper."""
    from motcua.documents.models import StoredDocument
    from motcua.documents.selectors import store_of_citizen
    from motcua.dossiers.selectors import id_number_confirmed_for

    if not id_number_confirmed_for(user=citizen):  # a number typed into a profile proves nothing
        return []
    kinds = (StoredDocument.Kind.RESULT, StoredDocument.Kind.CERTIFIED_COPY)
    return list(store_of_citizen(id_number=citizen.id_number or "").filter(kind__in=kinds)[:30])


@login_required
def draft_review(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft, _helper = _draft(request, draft_id)
    if draft.submitted_dossier_id:
        return redirect("portal:draft_done", draft.pk)
    fields = _asked(draft)
    errors, missing = draft_missing(draft)
    bring = [
        d
        for d in draft.version.documents.all()
        if d.copy_kind in (CopyKind.ORIGINAL, CopyKind.PRESENTED, CopyKind.ORIGINAL_OR_CERTIFIED)
    ]
    return render(
        request,
        "portal/draft_review.html",
        {
            "draft": draft,
            "answers": [
                (index, f.label, draft.answers.get(f.name, ""), errors.get(f.name))
                for index, f in enumerate(fields)
            ],
            "errors": errors,
            "missing": missing,
            "files": draft.files.select_related("required_document"),
            "partial": draft.version.service_level == ServiceLevel.PARTIAL_ONLINE,
            "bring": bring,
            "request_key": uuid.uuid4().hex,
            "needs_unit": draft.citizen.unit_id is None,
            **_fee_context(draft),
        },
    )


def _fee_context(draft: OnlineDraft) -> dict[str, Any]:
    """What the dossier will owe if sent now, and the reductions the citizen may claim."""
    today = timezone.localdate()
    citizen = draft.citizen
    quote = fee_quote_for(
        version=draft.version,
        channel=Channel.ONLINE,
        on=today,
        applicant=FeeApplicant(unit_id=citizen.unit_id, birth_date=citizen.date_of_birth),
    )
    return {
        "quote": quote,
        "claimable": fee_claimable(version=draft.version, channel=Channel.ONLINE, on=today),
    }


@login_required
@require_POST
def draft_send(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft, helper = _draft(request, draft_id)
    try:
        draft_submit(
            citizen=draft.citizen,
            draft_id=draft.pk,
            revision=int(request.POST.get("revision", "-1")),
            request_key=f"draft:{draft.pk}:{request.POST.get('request_key', '')}",
            helper=helper,
            fee_claims=_claims(draft, request),
        )
    except (DossierError, ValueError) as error:
        messages.error(request, str(error))
        return redirect("portal:draft_review", draft.pk)
    return redirect("portal:draft_done", draft.pk)


def _claims(draft: OnlineDraft, request: HttpRequest) -> list[str]:
    """The claims ticked on the review page, among those this procedure offers online."""
    offered = {
        r.beneficiary
        for r in fee_claimable(
            version=draft.version, channel=Channel.ONLINE, on=timezone.localdate()
        )
    }
    asked = request.POST.getlist("fee_claims")
    unknown = [c for c in asked if c not in offered]
    if unknown:
        raise ValueError(_("This reduction or exemption is not offered for this procedure."))
    return asked


@login_required
def draft_done(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft, helper = _draft(request, draft_id)
    if draft.submitted_dossier is None:
        return redirect("portal:draft_review", draft.pk)
    return render(
        request,
        "portal/draft_done.html",
        {"draft": draft, "dossier": draft.submitted_dossier, "helper": helper},
    )
