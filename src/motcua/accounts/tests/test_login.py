"""Sign-in with lockout: clear Vietnamese messages, nothing changed by a refused attempt."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "Mot-cua-2026!"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"
LOCKED = "Tài khoản đang tạm khóa"


@pytest.fixture
def officer() -> User:
    return User.objects.create_user(
        username="motcua", password=PASSWORD, role="desk_officer", full_name="Trần Thị Bình"
    )


def _login(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_right_password_signs_in_and_lands_on_the_back_office(client, officer: User) -> None:  # type: ignore[no-untyped-def]
    response = _login(client, "motcua", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:landing")
    assert AuditEvent.objects.filter(action="accounts.login", actor=officer).exists()


def test_wrong_password_answers_in_vietnamese_and_counts_the_failure(client, officer: User) -> None:  # type: ignore[no-untyped-def]
    response = _login(client, "motcua", "sai-mat-khau")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session
    officer.refresh_from_db()
    assert officer.failed_login_count == 1


def test_unknown_user_gets_the_same_message_and_changes_nothing(client, officer: User) -> None:  # type: ignore[no-untyped-def]
    users, events = User.objects.count(), AuditEvent.objects.count()
    response = _login(client, "khong-ton-tai", "whatever")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


def test_empty_fields_are_required_in_vietnamese(client) -> None:  # type: ignore[no-untyped-def]
    response = _login(client, "", "")
    assert "Trường này là bắt buộc" in response.content.decode()


def test_five_failures_lock_the_account_even_against_the_right_password(
    client, officer: User, settings
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(settings.MOTCUA_LOGIN_MAX_FAILURES):
        _login(client, "motcua", "sai")
    officer.refresh_from_db()
    assert officer.locked_until is not None
    assert AuditEvent.objects.filter(action="accounts.locked").count() == 1

    locked_until = officer.locked_until
    response = _login(client, "motcua", PASSWORD)
    assert LOCKED in response.content.decode()
    assert "15 phút" in response.content.decode()
    assert "_auth_user_id" not in client.session
    officer.refresh_from_db()
    assert officer.locked_until == locked_until  # a refused attempt changes nothing

    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        response = _login(client, "motcua", PASSWORD)
    assert response.status_code == 302
    officer.refresh_from_db()
    assert (officer.failed_login_count, officer.locked_until) == (0, None)


def test_english_users_get_the_message_in_english(client, officer: User) -> None:  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    response = _login(client, "motcua", "wrong")
    assert "The username or password is incorrect" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client, officer: User) -> None:  # type: ignore[no-untyped-def]
    client.force_login(officer)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_requires_the_old_password(client, officer: User) -> None:  # type: ignore[no-untyped-def]
    client.force_login(officer)
    url = reverse("accounts:password_change")
    response = client.post(
        url,
        {"old_password": "sai", "new_password1": "Moi-2026-abc", "new_password2": "Moi-2026-abc"},
    )
    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Moi-2026-abc",
            "new_password2": "Moi-2026-abc",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Moi-2026-abc")
