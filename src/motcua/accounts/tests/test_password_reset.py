"""Password reset through a real SMTP server (aiosmtpd), which also clears a lockout."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[_Inbox]:  # type: ignore[no-untyped-def]
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        yield inbox
    finally:
        controller.stop()


def _body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


def test_reset_link_by_email_sets_a_new_password_and_unlocks(client, smtp: _Inbox) -> None:  # type: ignore[no-untyped-def]
    user = User.objects.create_user(
        username="congdan",
        email="an@example.invalid",
        password="Cu-2026-xyz",
        full_name="Nguyễn Văn An",
    )
    User.objects.filter(pk=user.pk).update(
        locked_until=timezone.now() + timezone.timedelta(minutes=10)
    )

    response = client.post(reverse("accounts:password_reset"), {"email": "an@example.invalid"})
    assert response.status_code == 302
    assert len(smtp.messages) == 1
    body = _body(smtp.messages[0])
    assert "Xin chào Nguyễn Văn An" in body
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", body)
    assert link

    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Moi-2026-mat-khau", "new_password2": "Moi-2026-mat-khau"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Moi-2026-mat-khau")
    assert user.locked_until is None


def test_unknown_address_sends_nothing_and_says_the_same(client, smtp: _Inbox) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.invalid"}, follow=True
    )
    assert "Kiểm tra thư điện tử" in response.content.decode()
    assert smtp.messages == []


def test_a_used_or_forged_link_is_refused_in_vietnamese(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/accounts/password/reset/MQ/forged-token/", follow=True)
    assert "Đường dẫn này không còn hiệu lực" in response.content.decode()
