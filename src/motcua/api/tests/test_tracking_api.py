"""Following a dossier from the app with its code and four digits, and rating it once its result
is handed over: one answer for a wrong code or wrong digits, no officer names, rate-limited,
rated once, every refusal structured and nothing written."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from motcua.dossiers.constants import ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_approve, dossier_forward, dossier_return_result
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import SatisfactionRating

URL = "/api/v1/tracking"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _monday_morning():  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        yield


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{URL}{path}", body, content_type="application/json")


def _returned(world: World) -> Dossier:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    dossier_approve(actor=world.leader, dossier_id=dossier.pk)
    dossier_return_result(
        actor=world.desk, dossier_id=dossier.pk, method=ReturnMethod.AT_DESK, received_by_name="An"
    )
    dossier.refresh_from_db()
    return dossier


def test_the_code_and_digits_show_the_status_and_a_plain_timeline(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    digits = dossier.applicant_phone[-4:]
    answer = _post(client, "", {"code": dossier.code.lower(), "phone_last_digits": digits})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    dossier.refresh_from_db()
    assert (body["code"], body["status"], body["can_rate"]) == (dossier.code, dossier.status, False)
    assert body["procedure_code"] == world.version.procedure.code
    assert any("Đồng Xoài" in entry["text"] for entry in body["timeline"])
    text = answer.content.decode()
    assert world.specialist.display_name not in text and world.desk.display_name not in text


def test_a_wrong_code_or_wrong_digits_get_the_same_answer(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    wrong_digits = _post(client, "", {"code": dossier.code, "phone_last_digits": "0000"})
    unknown = _post(client, "", {"code": "000.00.00.H19-260302-9999", "phone_last_digits": "5678"})
    assert wrong_digits.status_code == unknown.status_code == 404
    assert wrong_digits.json() == unknown.json()
    bad = _post(client, "", {"code": dossier.code, "phone_last_digits": "12a4"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_request"


def test_guessing_is_rate_limited(world: World, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRACKING_ATTEMPTS = 3
    for _ in range(3):
        assert _post(client, "", {"code": "X", "phone_last_digits": "1111"}).status_code == 404
    limited = _post(client, "", {"code": "X", "phone_last_digits": "1111"})
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"


def test_a_returned_dossier_is_rated_once(world: World, client) -> None:  # type: ignore[no-untyped-def]
    open_dossier = world.receive()
    keys = {"code": open_dossier.code, "phone_last_digits": open_dossier.applicant_phone[-4:]}
    early = _post(client, "/rating", {**keys, "satisfied": True})
    assert early.status_code == 409 and SatisfactionRating.objects.count() == 0

    dossier = _returned(world)
    keys = {"code": dossier.code, "phone_last_digits": dossier.applicant_phone[-4:]}
    assert _post(client, "", keys).json()["can_rate"] is True
    no_reason = _post(client, "/rating", {**keys, "satisfied": False})
    assert no_reason.status_code == 400 and no_reason.json()["error"]["code"] == "invalid_input"
    unknown_reason = _post(client, "/rating", {**keys, "satisfied": False, "reasons": ["x"]})
    assert unknown_reason.status_code == 400 and SatisfactionRating.objects.count() == 0

    rated = _post(client, "/rating", {**keys, "satisfied": False, "reasons": ["late"]})
    assert rated.status_code == 201, rated.content
    assert rated.json()["rating"] == {"satisfied": False, "reasons": ["late"]}
    assert rated.json()["can_rate"] is False
    again = _post(client, "/rating", {**keys, "satisfied": True})
    assert again.status_code == 409 and SatisfactionRating.objects.count() == 1


@pytest.mark.parametrize("extra", [{"x": 1}, {"phone_last_digits": "12345"}])
def test_unknown_or_malformed_fields_are_refused(world: World, client, extra) -> None:  # type: ignore[no-untyped-def]
    body = {"code": "X", "phone_last_digits": "1111", **extra}
    answer = _post(client, "", body)
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_request"
