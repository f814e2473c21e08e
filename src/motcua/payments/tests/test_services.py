"""Payments: the request, the online round trip with the simulator, the callback's checks, exactly
once, QUERY for a lost callback, the desk, refunds, a land obligation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from motcua.dossiers.constants import DossierStatus, Transition
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import DossierError, dossier_receive
from motcua.integrations.paygov import protocol
from motcua.payments.constants import EventKind, RequestStatus, TransactionStatus
from motcua.payments.models import PaymentEvent, PaymentRequest, PaymentTransaction
from motcua.payments.services import (
    PaymentError,
    payment_callback,
    payment_record_at_desk,
    payment_request_for_fees,
    payment_start,
    payments_reconcile,
    refund_decide,
    refund_request,
)
from motcua.payments.tests.conftest import Pay, Simulator

SECRET = "test-secret"


def confirm_body(tx: PaymentTransaction, **changes: Any) -> bytes:
    """A callback as the platform sends it, signed here by hand (REGULATION.md §4.2 order)."""
    message: dict[str, Any] = {
        "LoaiBanTin": "CONFIRM",
        "MaLoi": "00",
        "MaDoiTac": tx.partner_code,
        "MaThamChieu": tx.reference,
        "SoTien": tx.amount,
        "MaTienTe": "VND",
        "MaGiaoDich": "PG-TEST-1",
        "MaNganHang": "VCB",
        "ThoiGianGD": "20260302090500",
        "ThongTinGiaoDich": "THANH TOAN",
    }
    secret = changes.pop("secret", SECRET)
    message.update(changes)
    order = [message[k] for k in protocol.CONFIRM_FIELDS]
    import hashlib

    message["MaXacThuc"] = hashlib.sha256(
        "|".join(str(v) for v in [*order, secret]).encode()
    ).hexdigest()
    return json.dumps(message).encode()


def started(pay: Pay) -> tuple[Dossier, PaymentRequest, PaymentTransaction]:
    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    tx = payment_start(request_id=request.pk, user=pay.citizen, client_ip="10.1.2.3")
    return dossier, request, tx


def unchanged(dossier: Dossier, request: PaymentRequest, tx: PaymentTransaction) -> None:
    dossier.refresh_from_db()
    request.refresh_from_db()
    tx.refresh_from_db()
    assert dossier.fees_paid_at is None
    assert not dossier.events.filter(transition=Transition.PAY_FEES).exists()
    assert request.status == RequestStatus.PENDING and request.paid_at is None
    assert tx.status == TransactionStatus.STARTED


def test_an_online_dossier_owes_the_online_price_and_the_desk_waits_for_it(pay: Pay) -> None:
    dossier = pay.submit()
    assert dossier.fee_total == 10_000 and dossier.fee_collection == "before"
    assert dossier.fee_online_saving == 10_000  # 20,000 at the desk
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None and request.amount == 10_000
    assert payment_request_for_fees(dossier_id=dossier.pk) == request  # once
    with pytest.raises(DossierError, match=r"10\.000"):
        dossier_receive(actor=pay.desk, dossier_id=dossier.pk)


def test_the_receiver_creates_the_request_after_commit(
    pay: Pay, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        dossier = pay.submit()
    assert PaymentRequest.objects.filter(dossier=dossier, amount=10_000).count() == 1


def test_start_goes_to_the_simulator_and_confirm_pays_once(pay: Pay, simulator: Simulator) -> None:
    dossier, request, tx = started(pay)
    assert tx.payment_url == f"{simulator.url}/thanh-toan/{tx.reference}"
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    # Reloading the pay page within the reuse window gives the same transaction.
    assert payment_start(request_id=request.pk, user=pay.citizen).pk == tx.pk
    answers = [payment_callback(body=confirm_body(tx)) for _ in range(5)]
    assert [a.body["MaLoi"] for a in answers] == ["00"] * 5
    request.refresh_from_db()
    dossier.refresh_from_db()
    assert request.status == RequestStatus.PAID and request.receipt_number
    assert dossier.fees_paid_at is not None
    paid = dossier.events.filter(transition=Transition.PAY_FEES)
    assert paid.count() == 1 and paid.get().payload["online"] is True
    kinds = list(PaymentEvent.objects.filter(transaction=tx).values_list("kind", flat=True))
    assert kinds.count(EventKind.CONFIRMED) == 1 and kinds.count(EventKind.DUPLICATE) == 4
    received = dossier_receive(actor=pay.desk, dossier_id=dossier.pk)  # now the desk can
    assert received.status == DossierStatus.RECEIVED


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"secret": "wrong"}, "01"),
        ({"SoTien": 1_000}, "03"),
        ({"MaTienTe": "USD"}, "03"),
        ({"MaThamChieu": "MC-NOT-OURS"}, "02"),
        ({"MaDoiTac": "OTHER-AGENCY", "secret": "other-secret"}, "04"),
    ],
)
def test_a_callback_that_does_not_check_out_changes_nothing(
    pay: Pay, simulator: Simulator, changes: dict[str, Any], code: str
) -> None:
    dossier, request, tx = started(pay)
    answer = payment_callback(body=confirm_body(tx, **changes))
    assert answer.status == 400 and answer.body["MaLoi"] == code
    unchanged(dossier, request, tx)
    refused = PaymentEvent.objects.filter(kind=EventKind.REJECTED).get()
    assert refused.payload["code"] == code
    # The platform and the officers reading the reconciliation get the reason in Vietnamese.
    assert answer.body["MoTaLoi"] == refused.payload["reason"] == protocol.ERROR_TEXT[code]


@pytest.mark.parametrize(
    "body", [b"", b"{", b"[]", b'{"MaThamChieu": "x"}', "Thanh toán".encode("utf-16")]
)
def test_malformed_or_truncated_bodies_are_refused_and_logged(
    pay: Pay, simulator: Simulator, body: bytes
) -> None:
    dossier, request, tx = started(pay)
    answer = payment_callback(body=body)
    assert answer.status == 400 and answer.body["MaLoi"] == "05"
    unchanged(dossier, request, tx)
    assert PaymentEvent.objects.filter(kind=EventKind.REJECTED).count() == 1


def test_a_failed_payment_leaves_the_request_unpaid(pay: Pay, simulator: Simulator) -> None:
    dossier, request, tx = started(pay)
    assert payment_callback(body=confirm_body(tx, MaLoi="51")).body["MaLoi"] == "00"
    tx.refresh_from_db()
    request.refresh_from_db()
    dossier.refresh_from_db()
    assert tx.status == TransactionStatus.FAILED and request.status == RequestStatus.UNPAID
    assert dossier.fees_paid_at is None


def test_a_lost_callback_is_settled_by_query(pay: Pay, simulator: Simulator) -> None:
    dossier, request, tx = started(pay)
    simulator.pay(tx.reference, "timeout")  # paid at the bank, no callback ever
    unchanged(dossier, request, tx)
    assert payments_reconcile(older_than_seconds=0) == {"confirmed": 1}
    tx.refresh_from_db()
    dossier.refresh_from_db()
    assert tx.status == TransactionStatus.CONFIRMED and tx.provider_transaction_id.startswith("PG")
    assert dossier.fees_paid_at is not None
    assert PaymentEvent.objects.filter(kind=EventKind.QUERIED, transaction=tx).count() == 1
    # The callback arriving after all is a duplicate.
    assert payment_callback(body=confirm_body(tx)).body["MaLoi"] == "00"
    assert dossier.events.filter(transition=Transition.PAY_FEES).count() == 1


def test_query_of_an_unpaid_transaction_keeps_it_waiting(pay: Pay, simulator: Simulator) -> None:
    dossier, request, tx = started(pay)
    assert payments_reconcile(older_than_seconds=0) == {"started": 1}
    unchanged(dossier, request, tx)


def test_the_platform_down_leaves_a_clear_message(pay: Pay, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_PAYGOV_URL = "http://127.0.0.1:9/api"
    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    with pytest.raises(PaymentError, match="chưa phản hồi"):
        payment_start(request_id=request.pk, user=pay.citizen)
    assert PaymentEvent.objects.filter(kind=EventKind.START_FAILED).count() == 1


def test_only_the_applicant_pays_online(pay: Pay) -> None:
    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    with pytest.raises(PaymentError):
        payment_start(request_id=request.pk, user=pay.desk)


def test_the_desk_takes_cash_once_and_only_the_amount_due(pay: Pay) -> None:
    dossier = pay.receive(fee_collection="after")
    assert dossier.fee_total == 20_000
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    for bad in (-5, 0, 19_999, True, 2.5):
        with pytest.raises(PaymentError):
            payment_record_at_desk(actor=pay.desk, request_id=request.pk, method="cash", amount=bad)  # type: ignore[arg-type]
    with pytest.raises(PaymentError):
        payment_record_at_desk(
            actor=pay.citizen, request_id=request.pk, method="cash", amount=20_000
        )
    with pytest.raises(PaymentError):
        payment_record_at_desk(
            actor=pay.desk, request_id=request.pk, method="online", amount=20_000
        )
    assert not PaymentTransaction.objects.exists()
    first = payment_record_at_desk(
        actor=pay.desk, request_id=request.pk, method="cash", amount=20_000, request_key="k1"
    )
    again = payment_record_at_desk(
        actor=pay.desk, request_id=request.pk, method="cash", amount=20_000, request_key="k1"
    )
    assert first.pk == again.pk
    dossier.refresh_from_db()
    event = dossier.events.get(transition=Transition.PAY_FEES)
    assert event.payload == {"reference": first.reference, "amount": 20_000, "online": False,
                             "method": "cash"}  # fmt: skip


def test_a_refund_is_asked_with_a_reason_and_approved_by_another_leader(pay: Pay) -> None:
    dossier = pay.receive(fee_collection="before")
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    with pytest.raises(PaymentError, match="đã thanh toán"):
        refund_request(actor=pay.desk, request_id=request.pk, amount=1_000, reason="Thu nhầm")
    payment_record_at_desk(actor=pay.desk, request_id=request.pk, method="transfer", amount=20_000)
    with pytest.raises(PaymentError, match="lý do"):
        refund_request(actor=pay.desk, request_id=request.pk, amount=20_000, reason="  ")
    with pytest.raises(PaymentError, match="vượt quá"):
        refund_request(actor=pay.desk, request_id=request.pk, amount=20_001, reason="Thu nhầm")
    refund = refund_request(actor=pay.desk, request_id=request.pk, amount=20_000,
                            reason="Hồ sơ thuộc đối tượng miễn lệ phí")  # fmt: skip
    with pytest.raises(PaymentError):
        refund_decide(actor=pay.desk, refund_id=refund.pk, approve=True)  # not a leader
    refund_decide(actor=pay.leader, refund_id=refund.pk, approve=True, note="Đồng ý")
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUNDED
    with pytest.raises(PaymentError, match="đã được quyết định"):
        refund_decide(actor=pay.leader, refund_id=refund.pk, approve=False)
    kinds = set(PaymentEvent.objects.filter(request=request).values_list("kind", flat=True))
    assert {EventKind.REFUND_REQUESTED, EventKind.REFUND_APPROVED} <= kinds


def test_a_land_obligation_is_paid_and_the_dossier_resumes(pay: Pay) -> None:
    from motcua.dossiers.services import (
        dossier_forward,
        dossier_request_financial_obligation,
    )
    from motcua.payments.services import payment_request_for_obligation

    dossier = pay.receive()
    dossier_forward(actor=pay.desk, dossier_id=dossier.pk)
    dossier = dossier_request_financial_obligation(
        actor=pay.specialist, dossier_id=dossier.pk, amount=1_250_000, note="Tiền sử dụng đất"
    )
    event = dossier.events.get(transition=Transition.REQUEST_FINANCIAL_OBLIGATION)
    request = payment_request_for_obligation(event_id=event.pk)
    assert request is not None and request.amount == 1_250_000
    payment_record_at_desk(actor=pay.desk, request_id=request.pk, method="transfer",
                           amount=1_250_000)  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert (
        dossier.events.get(transition=Transition.FULFIL_FINANCIAL_OBLIGATION).payload["amount"]
        == 1_250_000
    )


def test_a_withdrawn_dossier_cancels_its_unpaid_request(pay: Pay) -> None:
    from motcua.dossiers.services import dossier_withdraw
    from motcua.payments.services import payment_dossier_ended

    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    dossier_withdraw(actor=pay.citizen, dossier_id=dossier.pk, reason="Không cần nữa")
    payment_dossier_ended(dossier_id=dossier.pk, status=DossierStatus.WITHDRAWN)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_five_concurrent_deliveries_of_one_confirm_pay_once(pay: Pay, simulator: Simulator) -> None:
    """On PostgreSQL, the row lock and the unique idempotency key hold under real concurrency."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrency is checked on PostgreSQL")
    dossier, _request, tx = started(pay)
    body = confirm_body(tx)
    barrier = threading.Barrier(5)
    codes: list[object] = []

    def deliver() -> None:
        from django.db import connections

        try:
            barrier.wait()
            codes.append(payment_callback(body=body).body["MaLoi"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == ["00"] * 5
    assert dossier.events.filter(transition=Transition.PAY_FEES).count() == 1
    assert PaymentEvent.objects.filter(kind=EventKind.CONFIRMED).count() == 1
    assert PaymentEvent.objects.filter(kind=EventKind.DUPLICATE).count() == 4
