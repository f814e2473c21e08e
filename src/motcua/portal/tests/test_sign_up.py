"""Citizens sign up with a phone or an e-mail and a one-time code, then fill their profile."""

from __future__ import annotations

import re
import socket
from datetime import date, datetime, timedelta
from email import message_from_bytes
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.models import OneTimeCode, User
from motcua.notifications import channels

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SIGN_UP, VERIFY, PROFILE = (
    reverse("portal:sign_up"),
    reverse("portal:sign_up_verify"),
    reverse("portal:profile"),
)
PASSWORD = "Hoa-2026-dang-ky"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    cache.clear()
    channels.sent_messages.clear()


def _sms_code() -> str:
    match = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert match, channels.sent_messages[-1].body
    return match.group(1)


def _sign_up(client, contact: str = "0912 345 678"):  # type: ignore[no-untyped-def]
    return client.post(
        SIGN_UP, {"contact": contact, "full_name": "Nguyễn Thị Hoa", "password": PASSWORD}
    )


def test_sign_up_by_phone_verify_and_fill_the_profile(client, seeded) -> None:  # type: ignore[no-untyped-def]
    response = _sign_up(client)
    assert response.status_code == 302 and response["Location"] == VERIFY
    user = User.objects.get(username="0912345678")
    assert not user.is_active and user.phone == "0912345678"
    assert channels.sent_messages[-1].address == "0912345678"
    wrong = client.post(VERIFY, {"code": "000000" if _sms_code() != "000000" else "111111"})
    assert "không đúng" in wrong.content.decode()
    done = client.post(VERIFY, {"code": _sms_code()})
    assert done["Location"] == PROFILE
    user.refresh_from_db()
    assert user.is_active and user.phone_verified_at is not None
    unit = user.unit  # None until the profile says
    assert unit is None
    from motcua.organisation.selectors import unit_list_valid_on

    commune = unit_list_valid_on(day=date(2026, 1, 1), tier="commune").first()
    assert commune is not None
    bad = client.post(
        PROFILE,
        {
            "full_name": "Nguyễn Thị Hoa",
            "date_of_birth": "2999-01-01",
            "id_number": "12345",
            "tax_code": "12",
        },
    )
    text = bad.content.decode()
    assert "tương lai" in text and "12 chữ số" in text and "mã số thuế" in text.lower()
    ok = client.post(
        PROFILE,
        {
            "full_name": "Nguyễn Thị Hoa",
            "date_of_birth": "1990-05-01",
            "id_number": "070190001234",
            "address": "Khu phố 3",
            "unit": commune.pk,
        },
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert (user.id_number, user.unit_id) == ("070190001234", commune.pk)


def test_sign_up_by_email_through_a_real_smtp_server(client, settings) -> None:  # type: ignore[no-untyped-def]
    received: list[bytes] = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
            received.append(envelope.content)
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        _sign_up(client, "Hoa@Example.invalid")
    finally:
        controller.stop()
    message = message_from_bytes(received[0])
    assert message["To"] == "hoa@example.invalid"
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    code = re.search(r"\b(\d{6})\b", payload.decode())
    assert code
    client.post(VERIFY, {"code": code.group(1)})
    user = User.objects.get(username="hoa@example.invalid")
    assert user.is_active and user.email_verified_at is not None


def test_codes_expire_wear_out_and_are_rate_limited(client) -> None:  # type: ignore[no-untyped-def]
    start = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False):
        _sign_up(client)
        code = _sms_code()
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        late = client.post(VERIFY, {"code": code})
        assert "hết hạn" in late.content.decode()
    with time_machine.travel(start + timedelta(minutes=12), tick=False):
        _sign_up(client)  # again: a new code for the pending account
        for _ in range(5):
            client.post(VERIFY, {"code": "999999" if _sms_code() != "999999" else "888888"})
        worn = client.post(VERIFY, {"code": _sms_code()})
        assert "Quá nhiều lần" in worn.content.decode() or "quá nhiều" in worn.content.decode()
        _sign_up(client)
        _sign_up(client)
        third = _sign_up(client)  # the 4th code to this number in the 10 minutes
        assert "Đã gửi quá nhiều mã" in third.content.decode()
    assert User.objects.filter(username="0912345678").count() == 1
    assert not User.objects.get(username="0912345678").is_active
    assert OneTimeCode.objects.filter(used_at__isnull=False).count() == 0


def test_a_verified_contact_cannot_sign_up_again(client) -> None:  # type: ignore[no-untyped-def]
    _sign_up(client)
    client.post(VERIFY, {"code": _sms_code()})
    client.logout()
    again = _sign_up(client)
    assert "Đăng nhập" in again.content.decode() and again.status_code == 200
    bad_phone = _sign_up(client, "12345")
    assert "10 chữ số" in bad_phone.content.decode()
