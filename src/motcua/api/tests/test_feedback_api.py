"""The mobile app's petition API: prove the phone, send with a photo, follow, rate; every refusal
is structured JSON with a stable code and a Vietnamese message, and nothing is stored."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.selectors import membership_list_for_user
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import Feedback
from motcua.feedback.services import (
    feedback_answer_approve,
    feedback_answer_draft,
    feedback_route,
)
from motcua.notifications import channels

API = "/api/v1/feedback"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


@pytest.fixture(autouse=True)
def _clear_log() -> None:
    channels.sent_messages.clear()


def _phone_token(client: Client, phone: str = "0912345678") -> str:
    asked = client.post(f"{API}/codes", {"phone": phone}, content_type="application/json")
    assert asked.status_code == 201, asked.content
    match = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert match and channels.sent_messages[-1].address == phone
    checked = client.post(
        f"{API}/codes/check",
        {"verification_id": asked.json()["verification_id"], "code": match.group(1)},
        content_type="application/json",
    )
    assert checked.status_code == 200, checked.content
    return str(checked.json()["phone_token"])


def _form(token: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "phone_token": token, "kind": "regulation", "title": "Trễ hẹn",
        "content": "Hồ sơ của tôi quá hẹn 5 ngày.", "name": "Điểu Thị Lan",
    }  # fmt: skip
    values.update(overrides)
    return values


def test_the_app_sends_follows_and_rates_a_petition(world: World, client: Client) -> None:
    token = _phone_token(client)
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    sent = client.post(API, {**_form(token), "attachments": [photo]})
    assert sent.status_code == 201, sent.content
    body = sent.json()
    feedback = Feedback.objects.get()
    assert body["code"] == feedback.code and feedback.channel == "app"
    assert feedback.phone == "0912345678" and feedback.attachments.count() == 1
    assert body["status"] == "awaiting_routing" and not body["can_rate"]
    assert body["tracking_url"].endswith(f"/phan-anh/theo-doi/{feedback.tracking_token}/")
    membership = membership_list_for_user(user=world.leader).first()
    assert membership is not None
    agency = membership.agency_id
    feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=agency)
    feedback_answer_draft(actor=world.specialist, feedback_id=feedback.pk, text="Đã xử lý.")
    feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)
    followed = client.get(f"{API}/{feedback.tracking_token}").json()
    assert followed["can_rate"] and followed["answers"][0]["text"] == "Đã xử lý."
    assert [e["action"] for e in followed["events"]] == ["submitted", "routed", "approved"]
    rated = client.post(
        f"{API}/{feedback.tracking_token}/rating",
        {"satisfied": False, "comment": "Chưa nhận được kết quả."},
        content_type="application/json",
    )
    assert rated.status_code == 200
    assert rated.json()["status"] == "processing" and rated.json()["round"] == 2
    again = client.post(
        f"{API}/{feedback.tracking_token}/rating", {"satisfied": True},
        content_type="application/json", **VI,
    )  # fmt: skip
    assert again.status_code == 409 and again.json()["error"]["code"] == "not_possible_now"


def test_refusals_are_structured_vietnamese_and_store_nothing(world: World, client: Client) -> None:
    token = _phone_token(client)
    cases = [
        (_form(token, content=""), 400, "invalid_input", "Hãy nhập nội dung"),
        (_form(token, content="x" * 6000), 400, "invalid_input", "quá dài"),
        (_form(token, content="x" * 100_000), 400, "invalid_request", "không hợp lệ"),
        (_form(token, kind="spam"), 400, "invalid_request", "không hợp lệ"),
        (_form("forged:token"), 401, "phone_token_invalid", "không hợp lệ"),
        ({**_form(token), "attachments": [SimpleUploadedFile("a.png", b"MZ\x90" * 40)]},
         400, "invalid_input", "PDF, JPEG"),
    ]  # fmt: skip
    for data, status, code, words in cases:
        response = client.post(API, data, **VI)
        assert response.status_code == status, (code, response.content)
        error = response.json()["error"]
        assert error["code"] == code and words in error["message"], error
    assert not Feedback.objects.exists()
    wrong = client.post(
        f"{API}/codes/check", {"verification_id": 999999, "code": "123456"},
        content_type="application/json", **VI,
    )  # fmt: skip
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "code_refused"
    extra = client.post(
        f"{API}/codes", {"phone": "0912345678", "admin": True},
        content_type="application/json", **VI,
    )  # fmt: skip
    assert extra.status_code == 400 and extra.json()["error"]["fields"][0]["field"]
    missing = client.get(f"{API}/no-such-token", **VI)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_one_phone_one_petition_a_minute(world: World, client: Client) -> None:
    token = _phone_token(client)
    assert client.post(API, _form(token)).status_code == 201
    repeat = client.post(API, _form(token), **VI)
    assert repeat.status_code == 400 and "chưa đầy một phút" in repeat.json()["error"]["message"]
    assert Feedback.objects.count() == 1


def test_the_openapi_document_describes_the_petition_endpoints(client: Client, db: None) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/feedback", "/api/v1/feedback/codes", "/api/v1/feedback/{token}/rating"} <= set(
        schema["paths"]
    )


def test_vietnamese_travels_as_utf8_not_escapes(client: Client, db: None) -> None:
    response = client.get(f"{API}/no-such-token", **VI)
    assert "Không tìm thấy.".encode() in response.content
    assert response["Content-Type"].startswith("application/json")
