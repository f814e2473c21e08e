"""Paying from the app: the person's payment requests, the start of an online payment at the
PayGov simulator (a real process), a double tap paying once, the platform down, another
person's request unreachable; paid only once the platform's confirmation says so."""

from __future__ import annotations

from typing import Any

from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.services import app_session_start
from motcua.payments.constants import RequestStatus
from motcua.payments.models import PaymentTransaction
from motcua.payments.services import payment_callback, payment_request_for_fees
from motcua.payments.tests.conftest import Pay, Simulator
from motcua.payments.tests.test_services import confirm_body


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {app_session_start(user=user).access_token}"}


def _owed(pay: Pay) -> tuple[str, int]:
    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    return dossier.code or "", request.pk


def test_the_person_sees_what_is_owed_pays_once_and_polls_until_confirmed(
    pay: Pay, simulator: Simulator, client: Client
) -> None:
    code, request_id = _owed(pay)
    headers = _bearer(pay.citizen)
    listed = client.get(f"/api/v1/me/payments?dossier={code}", **headers).json()
    assert listed["count"] == 1
    owed = listed["results"][0]
    assert (owed["id"], owed["amount"], owed["status"]) == (request_id, 10_000, "unpaid")
    assert owed["dossier_code"] == code and sum(line["net"] for line in owed["lines"]) == 10_000

    started = client.post(f"/api/v1/me/payments/{request_id}/start", **headers)
    assert started.status_code == 201, started.content
    body = started.json()
    assert body["payment_url"] == f"{simulator.url}/thanh-toan/{body['reference']}"
    assert body["amount"] == 10_000 and body["status"] == RequestStatus.PENDING
    again = client.post(f"/api/v1/me/payments/{request_id}/start", **headers).json()
    assert again["reference"] == body["reference"]  # a double tap: one transaction
    assert PaymentTransaction.objects.count() == 1

    # Coming back from the platform proves nothing; its confirmation does.
    assert client.get(f"/api/v1/me/payments/{request_id}", **headers).json()["status"] == (
        RequestStatus.PENDING
    )
    tx = PaymentTransaction.objects.get()
    assert payment_callback(body=confirm_body(tx)).body["MaLoi"] == "00"
    paid = client.get(f"/api/v1/me/payments/{request_id}", **headers).json()
    assert paid["status"] == RequestStatus.PAID and paid["receipt_number"] and paid["paid_at"]
    refused = client.post(f"/api/v1/me/payments/{request_id}/start", **headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_payable"
    assert "đã thanh toán" in refused.json()["error"]["message"]


def test_another_persons_request_is_not_found_and_nothing_starts(
    pay: Pay, simulator: Simulator, client: Client
) -> None:
    _code, request_id = _owed(pay)
    other = User.objects.create_user(username="nguoikhac", password="x", role="citizen")
    for method, path in [
        ("get", f"/api/v1/me/payments/{request_id}"),
        ("post", f"/api/v1/me/payments/{request_id}/start"),
    ]:
        response = getattr(client, method)(path, **_bearer(other))
        assert response.status_code == 404 and "Điểu Thị Lan" not in response.content.decode()
    assert client.get("/api/v1/me/payments", **_bearer(other)).json()["count"] == 0
    assert client.post(f"/api/v1/me/payments/{request_id}/start").status_code == 401
    officer = client.get("/api/v1/me/payments", **_bearer(pay.desk))
    assert officer.status_code == 403 and officer.json()["error"]["code"] == "citizens_only"
    assert PaymentTransaction.objects.count() == 0


def test_the_platform_down_is_a_503_with_a_clear_message(
    pay: Pay, client: Client, settings: Any
) -> None:
    settings.MOTCUA_PAYGOV_URL = "http://127.0.0.1:9/api"
    _code, request_id = _owed(pay)
    down = client.post(f"/api/v1/me/payments/{request_id}/start", **_bearer(pay.citizen))
    assert down.status_code == 503
    error = down.json()["error"]
    assert error["code"] == "payment_platform_unavailable" and "chưa phản hồi" in error["message"]
