"""Paying a dossier's fees online: the page that shows what is owed and why, the start of a
payment (to the platform's page), the page the platform sends the citizen back to, and the
platform's confirm callback (machine to machine, JSON).

The page the citizen comes back to only reads: a dossier is paid when the platform's verified
confirmation (callback or QUERY) says so, never because a browser came back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.dossiers.selectors import dossier_get_for_citizen
from motcua.payments.constants import RequestStatus
from motcua.payments.selectors import (
    payment_receipt_of,
    payment_request_get,
    payment_requests_of,
    payment_transaction_by_reference,
)
from motcua.payments.services import PaymentError, payment_request_for_fees, payment_start


@login_required
def dossier_payment(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_get_for_citizen(citizen=request.user, dossier_id=dossier_id)
    if dossier is None:
        raise Http404
    if dossier.fee_total and not dossier.fees_paid_at:
        payment_request_for_fees(dossier_id=dossier.pk)  # in case the receiver did not run
    return render(
        request,
        "portal/payment.html",
        {
            "dossier": dossier,
            "requests": list(payment_requests_of(dossier_id=dossier.pk)),
            "open": (RequestStatus.UNPAID, RequestStatus.PENDING),
        },
    )


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


@login_required
@require_POST
def payment_go(request: HttpRequest, request_id: int) -> HttpResponse:
    found = payment_request_get(request_id=request_id)
    if found is None or found.dossier.citizen_id != request.user.pk:
        raise Http404
    try:
        tx = payment_start(request_id=found.pk, user=request.user, client_ip=_client_ip(request))
    except PaymentError as error:
        messages.error(request, str(error))
        return redirect("portal:dossier_payment", found.dossier_id)
    return HttpResponseRedirect(tx.payment_url)


@login_required
def payment_receipt(request: HttpRequest, dossier_id: int, request_id: int) -> HttpResponse:
    """The biên lai of a paid request of the citizen's own dossier."""
    from motcua.payments.documents import payment_receipt_pdf

    dossier = dossier_get_for_citizen(citizen=request.user, dossier_id=dossier_id)
    payment = payment_receipt_of(dossier_id=dossier.pk, request_id=request_id) if dossier else None
    if payment is None:
        raise Http404
    response = HttpResponse(payment_receipt_pdf(request=payment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{payment.receipt_number}.pdf"'
    return response


@login_required
def payment_return(request: HttpRequest, reference: str) -> HttpResponse:
    tx = payment_transaction_by_reference(reference=reference)
    if tx is None or tx.request.dossier.citizen_id != request.user.pk:
        raise Http404
    return render(request, "portal/payment_return.html", {"tx": tx, "payment": tx.request})


@csrf_exempt
@require_POST
def paygov_callback(request: HttpRequest) -> HttpResponse:
    from motcua.payments.services import payment_callback

    answer = payment_callback(body=request.body[:1_000_000], provider_name="paygov")
    return JsonResponse(
        answer.body, status=answer.status, json_dumps_params={"ensure_ascii": False}
    )
