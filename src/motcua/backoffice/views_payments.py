"""Payments in the back office: cash or transfer taken at the desk, refunds (asked, then approved
by a leader), and the daily reconciliation per agency. Business rules are in
`motcua.payments.services`; these views only translate forms and errors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, PUBLIC_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import agency_list_for_user
from motcua.backoffice import forms_payments as fp
from motcua.core.money import vnd_digits
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import DossierError
from motcua.payments import services
from motcua.payments.constants import RequestStatus
from motcua.payments.obligations import ObligationImportError, obligations_import
from motcua.payments.selectors import payment_requests_of, reconciliation_day


def _form(form_class: type[Any], request: HttpRequest) -> dict[str, Any]:
    form = form_class(request.POST)
    if not form.is_valid():
        raise DossierError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    data: dict[str, Any] = dict(form.cleaned_data)
    return data


def _own_request(dossier: Dossier, payment_id: int) -> int:
    if not dossier.payment_requests.filter(pk=payment_id).exists():
        raise DossierError(_missing())
    return payment_id


def _missing() -> str:
    from django.utils.translation import gettext as _

    return _("This payment request does not exist.")


def act_pay_desk(user: User, dossier: Dossier, request: HttpRequest) -> None:
    data = _form(fp.DeskPaymentForm, request)
    try:
        services.payment_record_at_desk(
            actor=user,
            request_id=_own_request(dossier, data["payment"]),
            method=data["method"],
            amount=data["amount"],
            note=data["note"],
            request_key=f"{user.pk}:{data['request_key']}",
        )
    except services.PaymentError as error:
        raise DossierError(str(error)) from error


def act_refund(user: User, dossier: Dossier, request: HttpRequest) -> None:
    data = _form(fp.RefundForm, request)
    try:
        services.refund_request(
            actor=user,
            request_id=_own_request(dossier, data["payment"]),
            amount=data["amount"],
            reason=data["reason"],
        )
    except services.PaymentError as error:
        raise DossierError(str(error)) from error


def act_refund_decide(user: User, dossier: Dossier, request: HttpRequest) -> None:
    data = _form(fp.RefundDecisionForm, request)
    if not dossier.payment_requests.filter(refunds__pk=data["refund"]).exists():
        raise DossierError(_missing())
    try:
        services.refund_decide(
            actor=user, refund_id=data["refund"], approve=data["approve"], note=data["note"]
        )
    except services.PaymentError as error:
        raise DossierError(str(error)) from error


PAYMENT_ACTIONS = {
    "pay_desk": act_pay_desk,
    "refund": act_refund,
    "refund_decide": act_refund_decide,
}


def payment_context(dossier: Dossier) -> dict[str, Any]:
    """What the dossier page shows about fees and payments."""
    requests = list(payment_requests_of(dossier_id=dossier.pk))
    return {
        "payments": [
            {
                "request": r,
                "open": r.status in (RequestStatus.UNPAID, RequestStatus.PENDING),
                "paid": r.status == RequestStatus.PAID,
                "desk_form": fp.DeskPaymentForm(initial={"payment": r.pk, "amount": r.amount}),
                "refund_form": fp.RefundForm(initial={"payment": r.pk}),
                "refunds": [
                    (refund, fp.RefundDecisionForm(initial={"refund": refund.pk}))
                    for refund in r.refunds.all()
                ],
            }
            for r in requests
        ]
    }


@login_required
def reconciliation(request: HttpRequest) -> HttpResponse:
    """Đối soát: one day's payments per collecting agency, mismatches highlighted."""
    user = request.user
    assert isinstance(user, User)
    if user.role in PUBLIC_ROLES:
        raise Http404
    form = fp.ReconciliationForm(request.GET or {"day": timezone.localdate().isoformat()})
    day = form.cleaned_data["day"] if form.is_valid() else timezone.localdate()
    agency_ids = (
        None
        if user.role in PROVINCE_WIDE_ROLES
        else set(agency_list_for_user(user=user).values_list("pk", flat=True))
    )
    rows = reconciliation_day(day=day, agency_ids=agency_ids)
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("requests", "confirmed", "failed", "pending", "expired", "confirmed_amount",
                    "online_amount", "desk_amount", "refunded_amount")
    }  # fmt: skip
    return render(
        request,
        "backoffice/payments/reconciliation.html",
        {"form": form, "day": day, "rows": rows, "totals": totals},
    )


OBLIGATIONS_MAX_BYTES = 1_000_000
OBLIGATION_ROLES = {Role.SPECIALIST, Role.LEADER}


def _obligations_text(form: fp.ObligationsImportForm) -> str:
    from django.utils.translation import gettext as _

    upload = form.cleaned_data.get("file")
    if upload is None:
        return str(form.cleaned_data.get("text") or "")
    raw = upload.read(OBLIGATIONS_MAX_BYTES + 1)
    if len(raw) > OBLIGATIONS_MAX_BYTES:
        raise ObligationImportError([_("The file is larger than 1 MB.")])
    for encoding in ("utf-8-sig", "cp1258"):  # Excel on Vietnamese Windows saves CP1258
        try:
            return str(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ObligationImportError([_("The file is not UTF-8 text.")])


@login_required
def obligations_import_page(request: HttpRequest) -> HttpResponse:
    """Nhập thông báo nghĩa vụ tài chính: the tax office's amounts put land dossiers into
    status 6, all rows or none."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    user = request.user
    assert isinstance(user, User)
    if user.role not in OBLIGATION_ROLES:
        raise Http404
    form = fp.ObligationsImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            done = obligations_import(actor=user, text=_obligations_text(form))
        except ObligationImportError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                _("%(count)d dossiers now wait for their financial obligation (%(total)s đồng).")
                % {"count": len(done.rows), "total": vnd_digits(done.total)},
            )
            return redirect("backoffice:obligations_import")
    return render(request, "backoffice/payments/obligations.html", {"form": form, "errors": errors})
