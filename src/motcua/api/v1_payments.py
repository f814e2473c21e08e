"""Paying a dossier's fees from the app (the PayGov adapter, as on the portal): the person's
payment requests, one request, and the start of a payment, which gives the platform's page to
open in a browser. A request is paid when the platform's verified confirmation says so
(callback or QUERY), never because the app came back: poll `GET /me/payments/{id}`."""

from __future__ import annotations

from datetime import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from motcua.api.auth import bearer, citizen_of, write_counted
from motcua.api.errors import ApiError
from motcua.integrations.payments import ProviderError
from motcua.payments.models import PaymentRequest
from motcua.payments.selectors import payment_requests_of_citizen
from motcua.payments.services import PaymentBusyError, PaymentError, payment_start

router = Router(tags=["payments"], auth=bearer)


class PaymentQuery(Schema):
    dossier: str = Field("", max_length=48, pattern=r"^[^\x00]*$", description="A dossier code")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class PaymentLine(Schema):
    description: str
    net: int = Field(description="VND, after reductions")


class PaymentOut(Schema):
    id: int
    dossier_code: str
    purpose: str
    description: str
    agency: str
    amount: int = Field(description="VND")
    lines: list[PaymentLine]
    status: str
    status_label: str
    paid_at: datetime | None
    receipt_number: str


class PaymentPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PaymentOut]


class StartedOut(Schema):
    reference: str = Field(description="MaThamChieu: the transaction's reference")
    payment_url: str = Field(description="Open in a browser: the platform's payment page")
    amount: int
    status: str


def _out(found: PaymentRequest) -> PaymentOut:
    return PaymentOut(
        id=found.pk,
        dossier_code=found.dossier.code or "",
        purpose=found.purpose,
        description=found.description,
        agency=found.agency.name,
        amount=found.amount,
        lines=[
            PaymentLine(
                description=str(line.get("description", ""))[:300], net=int(line.get("net", 0))
            )
            for line in found.lines
            if isinstance(line, dict)
        ],
        status=found.status,
        status_label=str(found.get_status_display()),
        paid_at=found.paid_at,
        receipt_number=found.receipt_number,
    )


def _own(request: HttpRequest, request_id: int) -> PaymentRequest:
    user = citizen_of(request)
    found = payment_requests_of_citizen(citizen_id=user.pk).filter(pk=request_id).first()
    if found is None:
        raise Http404
    return found


@router.get("", response=PaymentPage, summary="What I was asked to pay")
def payment_list(request: HttpRequest, query: Query[PaymentQuery]) -> PaymentPage:
    requests = payment_requests_of_citizen(citizen_id=citizen_of(request).pk)
    if query.dossier:
        requests = requests.filter(dossier__code=query.dossier.strip())
    paginator = Paginator(requests, query.page_size)
    page = paginator.get_page(query.page)
    return PaymentPage(
        count=paginator.count,
        page=page.number,
        pages=paginator.num_pages,
        results=[_out(r) for r in page.object_list],
    )


@router.get("/{request_id}", response=PaymentOut, summary="One payment request")
def payment_read(request: HttpRequest, request_id: int) -> PaymentOut:
    return _out(_own(request, request_id))


@router.post("/{request_id}/start", response={201: StartedOut}, summary="Pay online")
def payment_begin(request: HttpRequest, request_id: int) -> Status[StartedOut]:
    """Starts a transaction with the payment platform (INIT) and gives its page. A transaction
    started a few minutes ago and still waiting is given again, so a double tap pays once."""
    write_counted(citizen_of(request))
    found = _own(request, request_id)
    try:
        tx = payment_start(
            request_id=found.pk,
            user=citizen_of(request),
            client_ip=str(request.META.get("REMOTE_ADDR", ""))[:45],
        )
    except PaymentBusyError as error:
        raise ApiError(409, "payment_opening", str(error)) from error
    except PaymentError as error:
        if isinstance(error.__cause__, ProviderError):
            raise ApiError(503, "payment_platform_unavailable", str(error)) from error
        raise ApiError(409, "not_payable", str(error)) from error
    return Status(
        201,
        StartedOut(
            reference=tx.reference,
            payment_url=tx.payment_url,
            amount=tx.amount,
            status=tx.request.status,
        ),
    )
