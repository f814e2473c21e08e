"""Reads of payments: a dossier's requests, the citizen's view, the daily reconciliation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.payments.constants import EventKind, RefundStatus, RequestStatus, TransactionStatus
from motcua.payments.models import (
    PaymentAccount,
    PaymentEvent,
    PaymentRequest,
    PaymentTransaction,
    Refund,
)


def payment_requests_of(*, dossier_id: int) -> QuerySet[PaymentRequest]:
    return (
        PaymentRequest.objects.filter(dossier_id=dossier_id)
        .prefetch_related("transactions", "refunds")
        .order_by("created_at")
    )


def payment_requests_of_citizen(*, citizen_id: int) -> QuerySet[PaymentRequest]:
    """What the person was asked to pay for the dossiers submitted from their account,
    newest first."""
    return (
        PaymentRequest.objects.filter(dossier__citizen_id=citizen_id)
        .select_related("dossier", "agency")
        .order_by("-created_at", "-pk")
    )


def payment_request_get(*, request_id: int) -> PaymentRequest | None:
    return (
        PaymentRequest.objects.select_related(
            "dossier__procedure_version__procedure", "dossier__citizen", "agency"
        )
        .filter(pk=request_id)
        .first()
    )


def payment_receipt_of(*, dossier_id: int, request_id: int) -> PaymentRequest | None:
    """A request of this dossier that has a receipt (paid, or paid then refunded)."""
    return (
        PaymentRequest.objects.select_related(
            "dossier__procedure_version__procedure", "agency__unit", "agency__parent"
        )
        .filter(
            pk=request_id,
            dossier_id=dossier_id,
            status__in=(RequestStatus.PAID, RequestStatus.REFUNDED),
            paid_at__isnull=False,
        )
        .first()
    )


def payment_transaction_by_reference(*, reference: str) -> PaymentTransaction | None:
    return (
        PaymentTransaction.objects.select_related("request__dossier", "request__agency")
        .filter(reference=reference)
        .first()
    )


def payment_events_of(*, request_id: int) -> QuerySet[PaymentEvent]:
    return PaymentEvent.objects.filter(request_id=request_id).order_by("occurred_at", "pk")


def refunds_waiting(*, agency_ids: set[int]) -> QuerySet[Refund]:
    return Refund.objects.filter(
        request__agency_id__in=agency_ids, status="requested"
    ).select_related("request__dossier", "requested_by")


@dataclass
class AgencyDay:
    agency_id: int
    agency_name: str
    requests: int = 0
    confirmed: int = 0
    failed: int = 0
    pending: int = 0
    expired: int = 0
    confirmed_amount: int = 0
    desk_amount: int = 0
    online_amount: int = 0
    refunded_amount: int = 0
    mismatches: list[str] = field(default_factory=list)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _count(r: AgencyDay, tx: PaymentTransaction) -> None:
    if tx.status == TransactionStatus.CONFIRMED:
        r.confirmed += 1
        r.confirmed_amount += tx.amount
        if tx.method == "online":
            r.online_amount += tx.amount
        else:
            r.desk_amount += tx.amount
    elif tx.status == TransactionStatus.FAILED:
        r.failed += 1
    elif tx.status == TransactionStatus.EXPIRED:
        r.expired += 1
    else:
        r.pending += 1


def _note(r: AgencyDay, event: PaymentEvent) -> None:
    assert event.request is not None
    if event.kind == EventKind.REFUND_APPROVED:
        r.refunded_amount += event.amount or 0
    elif event.kind == EventKind.REJECTED:
        r.mismatches.append(
            _("%(code)s: a callback was refused (%(reason)s)")
            % {"code": event.request.dossier.code, "reason": event.payload.get("reason", "")}
        )
    else:
        r.mismatches.append(
            _("%(code)s: paid (%(reference)s) but the dossier did not record it: %(error)s")
            % {
                "code": event.request.dossier.code,
                "reference": event.reference,
                "error": event.payload.get("error", ""),
            }
        )


def reconciliation_day(*, day: date, agency_ids: set[int] | None = None) -> list[AgencyDay]:
    """One day's payments per collecting agency: requests made, transactions confirmed, failed,
    still pending, the amounts, and what does not add up (a payment the dossier did not take, a
    request paid twice, callbacks refused)."""
    start, end = _day_bounds(day)
    rows: dict[int, AgencyDay] = {}

    def row(agency_id: int, name: str) -> AgencyDay:
        return rows.setdefault(agency_id, AgencyDay(agency_id, name))

    requests = PaymentRequest.objects.filter(created_at__gte=start, created_at__lt=end)
    txs = PaymentTransaction.objects.filter(started_at__gte=start, started_at__lt=end)
    events = PaymentEvent.objects.filter(
        occurred_at__gte=start,
        occurred_at__lt=end,
        kind__in=[EventKind.DOSSIER_NOT_UPDATED, EventKind.REJECTED, EventKind.REFUND_APPROVED],
    )
    if agency_ids is not None:
        requests = requests.filter(agency_id__in=agency_ids)
        txs = txs.filter(request__agency_id__in=agency_ids)
        events = events.filter(request__agency_id__in=agency_ids)
    for request in requests.select_related("agency"):
        row(request.agency_id, request.agency.name).requests += 1
    for tx in txs.select_related("request__agency"):
        _count(row(tx.request.agency_id, tx.request.agency.name), tx)
    unknown = 0
    for event in events.select_related("request__agency", "request__dossier"):
        if event.request is None:
            unknown += 1
        else:
            _note(row(event.request.agency_id, event.request.agency.name), event)
    result = sorted(rows.values(), key=lambda r: r.agency_name)
    if unknown and agency_ids is None:
        nobody = AgencyDay(0, "—")
        nobody.mismatches.append(
            _("%(count)s callback(s) refused for an unknown reference or partner")
            % {"count": unknown}
        )
        result.append(nobody)
    return result


def paid_requests_without_dossier_record() -> QuerySet[PaymentRequest]:
    """Requests paid whose dossier never recorded the payment (for the reconciliation)."""
    return PaymentRequest.objects.filter(
        status=RequestStatus.PAID, purpose="fees", dossier__fees_paid_at__isnull=True
    )


@dataclass
class ReceiptFacts:
    transaction: PaymentTransaction | None  # the confirmed one that paid the request
    account: PaymentAccount | None  # the beneficiary account, for an online payment
    refunded: int  # approved refunds, đồng


def payment_receipt_facts(*, request: PaymentRequest) -> ReceiptFacts:
    paid_by = (
        request.transactions.filter(status=TransactionStatus.CONFIRMED)
        .select_related("actor")
        .order_by("settled_at", "pk")
        .first()
    )
    account = None
    if paid_by is not None and paid_by.partner_code:
        account = (
            PaymentAccount.objects.filter(
                agency_id=request.agency_id, partner_code=paid_by.partner_code
            )
            .order_by("-valid_from")
            .first()
        )
    refunded = sum(r.amount for r in request.refunds.all() if r.status == RefundStatus.APPROVED)
    return ReceiptFacts(transaction=paid_by, account=account, refunded=refunded)
