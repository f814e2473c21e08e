"""The only writers of payments (docs/adr/0011-fees-and-payments.md).

Invariants:
- A dossier shows "paid" only after a verified confirmation: a callback whose checksum, partner
  and amount match, a QUERY answer of the platform, or a payment the desk records. The citizen's
  browser coming back from the payment page proves nothing and changes nothing.
- A confirmation applies once: its idempotency key is the reference (`confirm:<MaThamChieu>`),
  unique in `PaymentEvent`; a repeat is logged as a duplicate and answered "00".
- Every refused callback is logged, with the reason, and changes nothing else.
- Every change appends a `PaymentEvent` in the same transaction; events are never changed.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.catalog.constants import FeeCollection
from motcua.core.money import vnd_digits
from motcua.dossiers.constants import DossierStatus, Transition
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_event_get, dossier_get_by_id
from motcua.dossiers.services import (
    DossierError,
    dossier_fulfil_financial_obligation,
    dossier_pay_fees,
)
from motcua.integrations.paygov import protocol
from motcua.integrations.payments import (
    Account,
    CallbackError,
    Confirmation,
    FeeItem,
    Order,
    ProviderError,
    provider_get,
)
from motcua.payments.constants import (
    DESK_METHODS,
    EventKind,
    Method,
    Purpose,
    RefundStatus,
    RequestStatus,
    TransactionStatus,
)
from motcua.payments.models import (
    PaymentAccount,
    PaymentEvent,
    PaymentRequest,
    PaymentTransaction,
    Refund,
)

logger = logging.getLogger("motcua.payments")

OPEN_REQUEST = (RequestStatus.UNPAID, RequestStatus.PENDING)


class PaymentError(Exception):
    """A payment operation refused; the message is for people."""


def _now() -> datetime:
    return timezone.now()


def _event(
    kind: str,
    *,
    request: PaymentRequest | None = None,
    tx: PaymentTransaction | None = None,
    key: str | None = None,
    reference: str = "",
    amount: int | None = None,
    actor: User | None = None,
    **payload: Any,
) -> PaymentEvent:
    return PaymentEvent.objects.create(
        request=request,
        transaction=tx,
        kind=kind,
        idempotency_key=key,
        reference=reference or (tx.reference if tx else ""),
        amount=amount,
        payload=payload,
        occurred_at=_now(),
        actor=actor,
    )


def _agencies(user: User, *roles: str) -> set[int]:
    if user.role in PROVINCE_WIDE_ROLES:
        return set()
    memberships = membership_list_for_user(user=user).filter(role__in=roles)
    return set(memberships.values_list("agency_id", flat=True))


def _require(user: User, agency_id: int, *roles: str) -> None:
    if agency_id not in _agencies(user, *roles):
        raise PaymentError(_("Only an officer of the agency that collects can do this."))


def _locked_request(request_id: int) -> PaymentRequest:
    found = (
        PaymentRequest.objects.select_for_update()
        .select_related("dossier", "agency")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise PaymentError(_("This payment request does not exist."))
    return found


def _save(request: PaymentRequest, *fields: str) -> None:
    request.revision += 1
    request.save(update_fields=[*fields, "revision"])


# --- requests ---------------------------------------------------------------------------------


def _fee_description(dossier: Dossier) -> str:
    return f"THANH TOAN HO SO {dossier.code}"


def payment_request_for_fees(*, dossier_id: int) -> PaymentRequest | None:
    """The request for a dossier's fees (phí, lệ phí), created once; None if it owes nothing."""
    dossier = dossier_get_by_id(dossier_id=dossier_id)
    if dossier.fee_total <= 0 or dossier.fee_collection == FeeCollection.NONE:
        return None
    key = f"fees:{dossier.pk}"
    with transaction.atomic():
        request, created = PaymentRequest.objects.get_or_create(
            source_key=key,
            defaults={
                "dossier": dossier,
                "agency": dossier.receiving_agency,
                "purpose": Purpose.FEES,
                "amount": dossier.fee_total,
                "lines": dossier.fee_lines,
                "description": _fee_description(dossier),
                "created_at": _now(),
            },
        )
        if created:
            _event(EventKind.REQUESTED, request=request, amount=request.amount)
    return request


def payment_request_for_obligation(*, event_id: int) -> PaymentRequest | None:
    """A land obligation (status 6) asked by `event_id`, with the amount the tax office set."""
    event = dossier_event_get(event_id=event_id)
    amount = event.payload.get("amount")
    if event.transition != Transition.REQUEST_FINANCIAL_OBLIGATION or not amount:
        return None
    dossier = event.dossier
    with transaction.atomic():
        request, created = PaymentRequest.objects.get_or_create(
            source_key=f"obligation:{event.pk}",
            defaults={
                "dossier": dossier,
                "agency": dossier.deciding_agency,
                "purpose": Purpose.LAND_OBLIGATION,
                "amount": int(amount),
                "lines": [
                    {
                        "description": event.note or _("Land financial obligation"),
                        "net": int(amount),
                        "gross": int(amount),
                        "reduction": 0,
                        "quantity": 1,
                        "unit_amount": int(amount),
                        "kind": "obligation",
                    }
                ],
                "description": f"NGHIA VU TAI CHINH HO SO {dossier.code}",
                "created_at": _now(),
            },
        )
        if created:
            _event(EventKind.REQUESTED, request=request, amount=request.amount)
    return request


def payment_requests_cancel(*, dossier_id: int, reason: str) -> int:
    """The dossier ended (withdrawn, refused, stopped): its unpaid requests are cancelled. A
    request waiting for the platform stays, so the reconciliation settles it."""
    cancelled = 0
    with transaction.atomic():
        for request in PaymentRequest.objects.select_for_update().filter(
            dossier_id=dossier_id, status=RequestStatus.UNPAID
        ):
            request.status = RequestStatus.CANCELLED
            _save(request, "status")
            _event(EventKind.CANCELLED, request=request, reason=reason)
            cancelled += 1
    return cancelled


# --- online payment ---------------------------------------------------------------------------


def payment_account_for(*, agency_id: int, on: datetime | None = None) -> PaymentAccount | None:
    day = timezone.localdate(on or _now())
    return (
        PaymentAccount.objects.filter(agency_id=agency_id, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )


def _account(account: PaymentAccount) -> Account:
    return Account(
        partner_code=account.partner_code,
        account_number=account.account_number,
        bank_code=account.bank_code,
        account_name=account.account_name,
        budget_account=account.budget_account,
    )


def _reference(at: datetime) -> str:
    """MaThamChieu: unique per transaction, 22 characters, readable on a bank statement."""
    return f"MC{timezone.localtime(at):%y%m%d%H%M%S}{secrets.token_hex(4).upper()}"


def _order(request: PaymentRequest, tx: PaymentTransaction, account: Account, ip: str) -> Order:
    dossier = request.dossier
    version = dossier.procedure_version
    return Order(
        reference=tx.reference,
        amount=tx.amount,
        description=request.description,
        at=tx.started_at,
        client_ip=ip,
        account=account,
        dossier_code=dossier.code or "",
        procedure_code=version.procedure.code,
        procedure_name=version.name[:250],
        agency_code=request.agency.national_identifier,
        agency_name=request.agency.name,
        payer_name=dossier.applicant_name,
        payer_id_number=dossier.applicant_id_number,
        payer_address=dossier.applicant_address,
        fees=tuple(
            FeeItem(
                kind="lệ phí" if line.get("kind") == "charge" else "phí",
                code=str(line.get("line_id", "")),
                name=str(line.get("description", ""))[:250],
                amount=int(line.get("net", 0)),
            )
            for line in request.lines
            if int(line.get("net", 0)) > 0
        ),
    )


class PaymentBusyError(PaymentError):
    """Another start of the same payment is under way (a double tap)."""


def _busy_message() -> str:
    return str(_("The payment page is being opened; wait a few seconds and try again."))


def payment_start(*, request_id: int, user: User, client_ip: str = "") -> PaymentTransaction:
    """The citizen pays online: a transaction is started with the provider (INIT), and the
    citizen is sent to its payment page. A recent transaction still waiting is reused; an older
    one is asked about first (QUERY), so nobody pays twice by reloading. A second tap while the
    first is still opening the platform's page (or racing it) is refused with
    `PaymentBusyError`: one transaction, one page."""
    call_started = _now()
    opening_after = call_started - timedelta(seconds=settings.MOTCUA_PAYGOV_TIMEOUT_SECONDS + 5)
    with transaction.atomic():
        request = _locked_request(request_id)
        if request.dossier.citizen_id != user.pk:
            raise PaymentError(_("Only the applicant can pay this dossier online."))
        if request.status not in OPEN_REQUEST:
            raise PaymentError(
                _("This payment is %(status)s.")
                % {"status": RequestStatus(request.status).label.lower()}
            )
        fresh_after = _now() - timedelta(minutes=settings.MOTCUA_PAYMENT_REUSE_MINUTES)
        waiting = request.transactions.filter(
            status=TransactionStatus.STARTED, method=Method.ONLINE
        ).first()
        if waiting and waiting.payment_url and waiting.started_at >= fresh_after:
            return waiting
        if (
            request.transactions.filter(
                status=TransactionStatus.STARTED,
                method=Method.ONLINE,
                payment_url="",
                started_at__gte=opening_after,
            )
            .exclude(events__kind=EventKind.START_FAILED)  # that one will not open: try again
            .exists()
        ):
            raise PaymentBusyError(_busy_message())
    if waiting is not None:
        payment_query(transaction_id=waiting.pk)
        request.refresh_from_db()
        if request.status == RequestStatus.PAID:
            raise PaymentError(_("This dossier is already paid."))
    account = payment_account_for(agency_id=request.agency_id)
    if account is None:
        raise PaymentError(
            _("%(agency)s does not take online payments yet: pay at the desk.")
            % {"agency": request.agency.name}
        )
    at = _now()
    with transaction.atomic():
        request = _locked_request(request_id)
        # Checked again under the lock: a confirmation or another tap may have come meanwhile.
        if request.status not in OPEN_REQUEST:
            raise PaymentError(
                _("This payment is %(status)s.")
                % {"status": RequestStatus(request.status).label.lower()}
            )
        if request.transactions.filter(
            status=TransactionStatus.STARTED, method=Method.ONLINE, started_at__gte=call_started
        ).exists():
            raise PaymentBusyError(_busy_message())
        tx = PaymentTransaction.objects.create(
            request=request,
            reference=_reference(at),
            provider=account.provider,
            method=Method.ONLINE,
            amount=request.amount,
            partner_code=account.partner_code,
            started_at=at,
            actor=user,
        )
        request.status = RequestStatus.PENDING
        _save(request, "status")
    provider = provider_get(account.provider)
    try:
        started = provider.start(_order(request, tx, _account(account), client_ip))
    except ProviderError as error:
        logger.warning("payment %s: INIT failed: %s", tx.reference, error)
        with transaction.atomic():
            _event(EventKind.START_FAILED, request=request, tx=tx, error=str(error)[:500])
        # The platform may still have it: the transaction stays "started" for QUERY to settle.
        raise PaymentError(
            _("The payment platform does not answer. Try again in a few minutes.")
        ) from error
    with transaction.atomic():
        tx.payment_url = started.payment_url
        tx.save(update_fields=["payment_url"])
        _event(EventKind.STARTED, request=request, tx=tx, amount=tx.amount)
    return tx


@dataclass(frozen=True)
class CallbackAnswer:
    status: int  # HTTP status
    body: dict[str, object]


def _refuse(code: str, message: str, *, reference: str = "", **payload: Any) -> CallbackAnswer:
    logger.warning("payment callback refused (%s): %s %s", code, message, reference)
    text = protocol.ERROR_TEXT.get(code, message)
    with transaction.atomic():
        tx = PaymentTransaction.objects.filter(reference=reference).first() if reference else None
        _event(
            EventKind.REJECTED,
            request=tx.request if tx else None,
            tx=tx,
            reference=reference[:60],
            code=code,
            reason=text,
            detail=message,
            **payload,
        )
    return CallbackAnswer(400, {"MaLoi": code, "MoTaLoi": text})


def payment_callback(*, body: bytes, provider_name: str = "paygov") -> CallbackAnswer:
    """The platform's confirm callback. Refused (and logged, nothing changed): a body that is not
    the protocol's, a wrong checksum, an unknown reference, a partner code that is not the
    collecting agency's, a wrong amount or currency. A repeat of a settled transaction is
    logged and answered "00"."""
    provider = provider_get(provider_name)
    # PostgreSQL refuses NUL in text: a hostile body is logged without them.
    excerpt = body[:2000].decode("utf-8", "replace").replace("\x00", "\ufffd")
    try:
        confirmation = provider.parse_callback(body)
    except CallbackError as error:
        return _refuse(error.code, error.message, body=excerpt)
    return _settle_or_refuse(confirmation, source="callback", body=excerpt)


def _settle_or_refuse(confirmation: Confirmation, *, source: str, body: str = "") -> CallbackAnswer:
    reference = confirmation.reference.replace("\x00", "")[:60]
    try:
        with transaction.atomic():
            tx = (
                PaymentTransaction.objects.select_for_update()
                .select_related("request__dossier", "request__agency")
                .filter(reference=reference)
                .first()
            )
            if tx is None:
                raise CallbackError(protocol.UNKNOWN_REFERENCE, "unknown reference (MaThamChieu)")
            if confirmation.partner_code != tx.partner_code:
                raise CallbackError(
                    protocol.WRONG_PARTNER, "the partner code is not the collecting agency's"
                )
            if confirmation.succeeded and (
                confirmation.amount != tx.amount or confirmation.currency != "VND"
            ):
                raise CallbackError(protocol.WRONG_AMOUNT, "the amount is not the one asked")
            late = tx.status == TransactionStatus.EXPIRED and confirmation.succeeded
            if tx.status != TransactionStatus.STARTED and not late:
                _event(
                    EventKind.DUPLICATE,
                    request=tx.request,
                    tx=tx,
                    source=source,
                    error_code=confirmation.error_code,
                )
                return CallbackAnswer(200, {"MaLoi": protocol.SUCCESS, "MoTaLoi": "đã xử lý"})
            _settle(tx, confirmation, source=source)
    except CallbackError as error:
        return _refuse(error.code, error.message, reference=reference, body=body, source=source)
    except IntegrityError:  # a concurrent delivery of the same confirmation got there first
        with transaction.atomic():
            tx = PaymentTransaction.objects.filter(reference=reference).first()
            _event(
                EventKind.DUPLICATE,
                request=tx.request if tx else None,
                tx=tx,
                reference=reference,
                source=source,
            )
    return CallbackAnswer(200, {"MaLoi": protocol.SUCCESS, "MoTaLoi": "thành công"})


def _receipt_number(request: PaymentRequest, at: datetime) -> str:
    return f"BL{timezone.localtime(at):%y}-{request.pk:08d}"


def _apply_to_dossier(request: PaymentRequest, tx: PaymentTransaction, actor: User | None) -> None:
    """Tell the dossier. If it cannot take it (withdrawn meanwhile), the money is still
    recorded and the mismatch shows in the reconciliation, for a refund."""
    online = tx.method == Method.ONLINE
    try:
        with transaction.atomic():
            if request.purpose == Purpose.FEES:
                dossier_pay_fees(
                    dossier_id=request.dossier_id,
                    reference=tx.reference,
                    amount=request.amount,
                    online=online,
                    method=tx.method,
                    actor=actor,
                )
            else:
                dossier_fulfil_financial_obligation(
                    dossier_id=request.dossier_id,
                    reference=tx.reference,
                    actor=actor,
                    online=online,
                    amount=request.amount,
                )
    except DossierError as error:
        _event(EventKind.DOSSIER_NOT_UPDATED, request=request, tx=tx, error=str(error))


def _settle(tx: PaymentTransaction, confirmation: Confirmation, *, source: str) -> None:
    """Inside the caller's transaction, with `tx` locked and "started" (or "expired" and now
    confirmed late: the platform took the money, so it counts)."""
    at = _now()
    request = PaymentRequest.objects.select_for_update().get(pk=tx.request_id)
    tx.settled_at = at
    tx.error_code = confirmation.error_code[:10]
    tx.provider_transaction_id = confirmation.transaction_id[:60]
    tx.bank_code = confirmation.bank_code[:30]
    if not confirmation.succeeded:
        tx.status = TransactionStatus.FAILED
        tx.save(
            update_fields=[
                "status",
                "settled_at",
                "error_code",
                "provider_transaction_id",
                "bank_code",
            ]
        )
        _event(
            EventKind.FAILED,
            request=request,
            tx=tx,
            key=f"confirm:{tx.reference}",
            source=source,
            error_code=confirmation.error_code,
        )
        if (
            request.status == RequestStatus.PENDING
            and not request.transactions.filter(status=TransactionStatus.STARTED)
            .exclude(pk=tx.pk)
            .exists()
        ):
            request.status = RequestStatus.UNPAID
            _save(request, "status")
        return
    tx.status = TransactionStatus.CONFIRMED
    tx.save(
        update_fields=["status", "settled_at", "error_code", "provider_transaction_id", "bank_code"]
    )
    _event(
        EventKind.CONFIRMED,
        request=request,
        tx=tx,
        key=f"confirm:{tx.reference}",
        amount=tx.amount,
        source=source,
        platform_transaction=confirmation.transaction_id,
    )
    if request.status == RequestStatus.PAID:
        # Paid twice (two transactions both confirmed): kept, shown in the reconciliation.
        _event(EventKind.DOSSIER_NOT_UPDATED, request=request, tx=tx, error="paid twice")
        return
    request.status = RequestStatus.PAID
    request.method = tx.method
    request.paid_at = at
    request.receipt_number = _receipt_number(request, at)
    _save(request, "status", "method", "paid_at", "receipt_number")
    _apply_to_dossier(request, tx, tx.actor if tx.method != Method.ONLINE else None)


def payment_query(*, transaction_id: int) -> str:
    """Ask the platform about one transaction still "started" (QUERY) and settle it if the
    platform knows the outcome. Returns the transaction's status afterwards."""
    tx = PaymentTransaction.objects.select_related("request").get(pk=transaction_id)
    if tx.status != TransactionStatus.STARTED or tx.method != Method.ONLINE:
        return str(tx.status)
    account = Account(
        partner_code=tx.partner_code, account_number="", bank_code="", account_name=""
    )
    try:
        answer = provider_get(tx.provider).query(reference=tx.reference, account=account, at=_now())
    except ProviderError as error:
        logger.warning("payment %s: QUERY failed: %s", tx.reference, error)
        answer = None
    with transaction.atomic():
        locked = PaymentTransaction.objects.select_for_update().get(pk=tx.pk)
        locked.queried_at = _now()
        locked.query_count += 1
        locked.save(update_fields=["queried_at", "query_count"])
        _event(
            EventKind.QUERIED,
            request=tx.request,
            tx=locked,
            answer=answer.error_code if answer else "no answer",
            pending=answer.pending if answer else True,
        )
        expired = locked.started_at < _now() - timedelta(
            minutes=settings.MOTCUA_PAYMENT_EXPIRE_MINUTES
        )
        if (
            (answer is None or answer.pending)
            and expired
            and locked.status == TransactionStatus.STARTED
        ):
            locked.status = TransactionStatus.EXPIRED
            locked.settled_at = _now()
            locked.save(update_fields=["status", "settled_at"])
            _event(EventKind.EXPIRED, request=tx.request, tx=locked, key=f"expire:{tx.reference}")
            request = PaymentRequest.objects.select_for_update().get(pk=tx.request_id)
            if request.status == RequestStatus.PENDING:
                request.status = RequestStatus.UNPAID
                _save(request, "status")
            return str(locked.status)
    if answer is not None and not answer.pending:
        _settle_or_refuse(answer, source="query")
    tx.refresh_from_db()
    return str(tx.status)


def payments_reconcile(
    *, older_than_seconds: int | None = None, limit: int = 200
) -> dict[str, int]:
    """The background job: every online transaction still "started" after a while (the
    callback never came) is asked about by QUERY."""
    wait = (
        settings.MOTCUA_PAYMENT_QUERY_AFTER_SECONDS
        if older_than_seconds is None
        else older_than_seconds
    )
    before = _now() - timedelta(seconds=wait)
    ids = list(
        PaymentTransaction.objects.filter(
            status=TransactionStatus.STARTED, method=Method.ONLINE, started_at__lte=before
        )
        .order_by("queried_at", "started_at")
        .values_list("pk", flat=True)[:limit]
    )
    outcome: dict[str, int] = {}
    for pk in ids:
        status = payment_query(transaction_id=pk)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


# --- at the desk ------------------------------------------------------------------------------


def payment_record_at_desk(
    *,
    actor: User,
    request_id: int,
    method: str,
    amount: int,
    note: str = "",
    request_key: str | None = None,
) -> PaymentTransaction:
    """Cash or a bank transfer taken at the desk, recorded by the officer (the receipt follows)."""
    if method not in DESK_METHODS:
        raise PaymentError(_("Choose cash or bank transfer."))
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise PaymentError(_("The amount must be a positive whole number of đồng."))
    key = f"desk:{request_key}"[:40] if request_key else None
    if key and (done := PaymentTransaction.objects.filter(reference=key).first()):
        return done  # a double click
    try:
        return _desk_record(
            actor=actor, request_id=request_id, method=method, amount=amount, note=note, key=key
        )
    except IntegrityError:
        done = PaymentTransaction.objects.filter(reference=key).first() if key else None
        if done is None:
            raise
        return done


def _desk_record(
    *, actor: User, request_id: int, method: str, amount: int, note: str, key: str | None
) -> PaymentTransaction:
    with transaction.atomic():
        request = _locked_request(request_id)
        _require(actor, request.agency_id, Role.DESK_OFFICER)
        if request.status not in OPEN_REQUEST:
            raise PaymentError(
                _("This payment is %(status)s.")
                % {"status": RequestStatus(request.status).label.lower()}
            )
        if amount != request.amount:
            raise PaymentError(
                _("The amount taken (%(taken)s) is not the amount due (%(due)s).")
                % {
                    "taken": vnd_digits(amount),
                    "due": vnd_digits(request.amount),
                }
            )
        at = _now()
        tx = PaymentTransaction.objects.create(
            request=request,
            reference=key or f"DESK{_reference(at)[2:]}",
            provider="desk",
            method=method,
            amount=amount,
            started_at=at,
            actor=actor,
        )
        _event(
            EventKind.DESK_PAID,
            request=request,
            tx=tx,
            amount=amount,
            actor=actor,
            method=method,
            note=note.strip()[:500],
        )
        _settle(
            tx,
            Confirmation(
                reference=tx.reference,
                partner_code="",
                succeeded=True,
                pending=False,
                amount=amount,
                currency="VND",
                transaction_id="",
                bank_code="",
                at="",
                error_code=protocol.SUCCESS,
            ),
            source="desk",
        )
    return tx


# --- refunds ----------------------------------------------------------------------------------


def refund_request(*, actor: User, request_id: int, amount: int, reason: str) -> Refund:
    """A refund asked by the collecting agency's desk or specialist, with its reason; a leader
    approves it (`refund_decide`). The money itself goes back through the bank."""
    reason = reason.strip()
    if not reason:
        raise PaymentError(_("Give the reason for the refund."))
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise PaymentError(_("The amount must be a positive whole number of đồng."))
    with transaction.atomic():
        request = _locked_request(request_id)
        _require(actor, request.agency_id, Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER)
        if request.status != RequestStatus.PAID:
            raise PaymentError(_("Only a paid request can be refunded."))
        asked = sum(r.amount for r in request.refunds.exclude(status=RefundStatus.REFUSED))
        if asked + amount > request.amount:
            raise PaymentError(_("The refunds would exceed the amount paid."))
        refund = Refund.objects.create(
            request=request, amount=amount, reason=reason, requested_by=actor, requested_at=_now()
        )
        _event(
            EventKind.REFUND_REQUESTED,
            request=request,
            amount=amount,
            actor=actor,
            refund=refund.pk,
            reason=reason[:500],
        )
    return refund


def refund_decide(*, actor: User, refund_id: int, approve: bool, note: str = "") -> Refund:
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("request").get(pk=refund_id)
        request = _locked_request(refund.request_id)
        _require(actor, request.agency_id, Role.LEADER)
        if refund.status != RefundStatus.REQUESTED:
            raise PaymentError(_("This refund was already decided."))
        if refund.requested_by_id == actor.pk:
            raise PaymentError(_("The person who asked for a refund cannot approve it."))
        refund.status = RefundStatus.APPROVED if approve else RefundStatus.REFUSED
        refund.decided_by = actor
        refund.decided_at = _now()
        refund.decision_note = note.strip()
        refund.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        _event(
            EventKind.REFUND_APPROVED if approve else EventKind.REFUND_REFUSED,
            request=request,
            amount=refund.amount,
            actor=actor,
            refund=refund.pk,
        )
        refunded = sum(r.amount for r in request.refunds.filter(status=RefundStatus.APPROVED))
        if approve and refunded >= request.amount:
            request.status = RequestStatus.REFUNDED
            _save(request, "status")
    return refund


def payment_dossier_ended(*, dossier_id: int, status: str) -> None:
    if status in (DossierStatus.WITHDRAWN, DossierStatus.RECEIPT_REFUSED, DossierStatus.STOPPED):
        payment_requests_cancel(dossier_id=dossier_id, reason=status)


def payment_accounts_seed_demo(*, partner_code: str = "MOTCUA-DEMO") -> int:
    """Demo: every agency in service today takes online payments through the simulator's
    partner code (a real province registers each agency's account with the platform)."""
    from motcua.organisation.selectors import agency_list_valid_on

    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for agency in agency_list_valid_on(day=today):
            _account, made = PaymentAccount.objects.get_or_create(
                agency=agency,
                partner_code=partner_code,
                defaults={
                    "account_number": f"9704{agency.pk:08d}",
                    "bank_code": "VCB",
                    "account_name": f"{agency.name} – thu phí, lệ phí"[:200],
                    "valid_from": agency.valid_from,
                },
            )
            created += made
    return created
