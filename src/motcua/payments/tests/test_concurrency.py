"""Payment callbacks racing each other, QUERY and the desk on PostgreSQL (issue 14).

The platform repeats its confirmation, a success and a failure of one transaction can cross, the
reconciliation job asks (QUERY) while the callback arrives, and the desk may take cash for the
same fees at that very moment: the money is recorded once, one paid event reaches the dossier,
and the receipt is numbered once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from motcua.core.testing import hard_size, race
from motcua.dossiers.constants import DossierStatus, Transition
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_chain_verify
from motcua.payments.constants import EventKind, RequestStatus, TransactionStatus
from motcua.payments.models import PaymentEvent, PaymentRequest
from motcua.payments.services import (
    PaymentError,
    payment_callback,
    payment_query,
    payment_record_at_desk,
)
from motcua.payments.tests.conftest import Pay, Simulator
from motcua.payments.tests.test_services import confirm_body, started

pytestmark = [pytest.mark.hard, pytest.mark.slow]


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")


def _outcome(dossier: Dossier, request: PaymentRequest) -> tuple[bool, int]:
    """(paid?, anomalies): the request, its events and the dossier tell one consistent story."""
    dossier.refresh_from_db()
    request.refresh_from_db()
    events = PaymentEvent.objects.filter(request=request)
    confirmed = events.filter(kind=EventKind.CONFIRMED).count()
    failed = events.filter(kind=EventKind.FAILED).count()
    paid_events = dossier.events.filter(transition=Transition.PAY_FEES).count()
    paid = request.status == RequestStatus.PAID
    anomalies = (
        (0 if dossier.status == DossierStatus.SUBMITTED else 1)  # paying keeps the status
        + (0 if dossier_chain_verify(dossier=dossier).ok else 1)
        + (0 if confirmed + failed >= 1 else 1)  # something was recorded
    )
    if paid:
        anomalies += (
            abs(paid_events - 1)
            + (0 if dossier.fees_paid_at is not None else 1)
            + (0 if request.receipt_number.startswith("BL") else 1)
            + (0 if request.paid_at is not None else 1)
        )
    else:
        anomalies += (
            paid_events
            + (0 if dossier.fees_paid_at is None else 1)
            + (0 if request.receipt_number == "" else 1)
            + (0 if request.status == RequestStatus.UNPAID else 1)
        )
    return paid, anomalies


def _deliveries(bodies: list[bytes]) -> tuple[list[object], list[BaseException]]:
    answers: list[object] = []
    errors = race(
        len(bodies), lambda n: answers.append(payment_callback(body=bodies[n]).body["MaLoi"])
    )
    return answers, errors


@pytest.mark.django_db(transaction=True)
def test_one_confirmation_delivered_many_times_at_once_pays_once(
    on_postgres: None, pay: Pay, simulator: Simulator, hard_figures: Callable[..., None]
) -> None:
    deliveries, rounds = hard_size(6, 24), hard_size(2, 5)
    losses = done = 0
    try:
        for _ in range(rounds):
            dossier, request, tx = started(pay)
            answers, errors = _deliveries([confirm_body(tx)] * deliveries)
            paid, anomalies = _outcome(dossier, request)
            tx.refresh_from_db()
            kinds = list(PaymentEvent.objects.filter(transaction=tx).values_list("kind", flat=True))
            anomalies += (
                len(errors)
                + (0 if paid else 1)
                + abs(kinds.count(EventKind.CONFIRMED) - 1)
                + abs(kinds.count(EventKind.DUPLICATE) - (deliveries - 1))
                + (0 if answers == ["00"] * deliveries else 1)
            )
            losses += anomalies
            done += 1
            assert errors == []
            assert answers == ["00"] * deliveries
            assert paid and tx.status == TransactionStatus.CONFIRMED
            assert dossier.events.filter(transition=Transition.PAY_FEES).count() == 1
            assert request.receipt_number.endswith(f"-{request.pk:08d}")
            assert anomalies == 0
    finally:
        hard_figures(cases=deliveries * done, losses=losses)


@pytest.mark.django_db(transaction=True)
def test_a_success_and_a_failure_crossing_leave_one_consistent_outcome(
    on_postgres: None, pay: Pay, simulator: Simulator, hard_figures: Callable[..., None]
) -> None:
    """Whichever verdict the platform delivered first is kept; the other is logged as a repeat.
    Never both: a failed transaction with a paid dossier, or a paid one with no receipt."""
    deliveries, rounds = hard_size(6, 24), hard_size(2, 5)
    losses = done = 0
    try:
        for _ in range(rounds):
            dossier, request, tx = started(pay)
            success, failure = confirm_body(tx), confirm_body(tx, MaLoi="51")
            answers, errors = _deliveries([success, failure] * (deliveries // 2))
            paid, anomalies = _outcome(dossier, request)
            tx.refresh_from_db()
            verdicts = PaymentEvent.objects.filter(
                transaction=tx, kind__in=[EventKind.CONFIRMED, EventKind.FAILED]
            ).count()
            expected = TransactionStatus.CONFIRMED if paid else TransactionStatus.FAILED
            anomalies += len(errors) + abs(verdicts - 1) + (0 if tx.status == expected else 1)
            losses += anomalies
            done += 1
            assert errors == []
            assert answers == ["00"] * len(answers) and len(answers) == deliveries
            assert verdicts == 1 and tx.status == expected
            assert anomalies == 0
    finally:
        hard_figures(cases=deliveries * done, losses=losses)


def _mixed_race(pay: Pay, simulator: Simulator, threads: int, tag: str, tally: list[int]) -> None:
    dossier, request, tx = started(pay)
    simulator.pay(tx.reference, "success")  # its own callback goes nowhere
    body = confirm_body(tx)
    received_before = Dossier.objects.filter(received_at__isnull=False).count()
    desk_refused: list[BaseException] = []

    def act(n: int) -> None:
        if n % 4 == 0:
            assert payment_callback(body=body).body["MaLoi"] == "00"
        elif n % 4 == 1:
            payment_query(transaction_id=tx.pk)
        elif n % 4 == 2:
            try:
                payment_record_at_desk(
                    actor=pay.desk,
                    request_id=tx.request_id,
                    method="cash",
                    amount=tx.amount,
                    request_key=f"cash-{tag}-{n}",
                )
            except PaymentError as error:
                desk_refused.append(error)  # "this payment is paid": the expected refusal
        else:
            pay.receive()  # the same agency's desk goes on receiving other dossiers

    errors = race(threads, act)
    paid, anomalies = _outcome(dossier, request)
    tx.refresh_from_db()
    desk_paid = PaymentEvent.objects.filter(request=request, kind=EventKind.DESK_PAID).count()
    twice = PaymentEvent.objects.filter(request=request, kind=EventKind.DOSSIER_NOT_UPDATED)
    received = Dossier.objects.filter(received_at__isnull=False).count() - received_before
    # The online payment is always confirmed (the platform took the money); a desk payment that
    # got in first makes it "paid twice", flagged for a refund, never a second paid event.
    anomalies += (
        len(errors)
        + (0 if paid else 1)
        + (0 if tx.status == TransactionStatus.CONFIRMED else 1)
        + (0 if desk_paid <= 1 else 1)
        + (0 if twice.count() == desk_paid else 1)
        + abs(desk_paid + len(desk_refused) - len(range(2, threads, 4)))
        + abs(received - len(range(3, threads, 4)))
    )
    tally.append(anomalies)
    assert errors == []
    assert paid and tx.status == TransactionStatus.CONFIRMED
    assert dossier.events.filter(transition=Transition.PAY_FEES).count() == 1
    assert desk_paid <= 1 and twice.count() == desk_paid
    assert anomalies == 0


@pytest.mark.django_db(transaction=True)
def test_the_callback_the_query_and_the_desk_racing_record_the_fees_once(
    on_postgres: None, pay: Pay, simulator: Simulator, hard_figures: Callable[..., None]
) -> None:
    """The citizen paid (the platform knows), its callback arrives while the reconciliation job
    asks QUERY, the desk, not seeing it yet, records cash for the same fees, and the same
    agency's desk receives other dossiers."""
    threads, rounds = hard_size(8, 24), hard_size(2, 5)
    tally: list[int] = []
    try:
        for n in range(rounds):
            _mixed_race(pay, simulator, threads, str(n), tally)
    finally:
        hard_figures(cases=threads * len(tally), losses=sum(tally))
