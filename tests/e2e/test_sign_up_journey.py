"""A citizen signs up on a phone with a one-time code, then fills the profile; axe on each page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.notifications import channels

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.mark.e2e
def test_sign_up_verify_and_profile_on_a_phone(
    page: Page,
    live_server: LiveServer,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
) -> None:
    channels.sent_messages.clear()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Đăng ký tài khoản").click()
    assert axe_check(page) == []
    page.get_by_label("Số điện thoại hoặc email").fill("0987 654 321")
    page.get_by_label("Họ và tên").fill("Điểu Thị Lan")
    page.get_by_label("Mật khẩu").fill("Lan-2026-tieng-Stieng")
    shot(page, "1-sign-up")
    page.get_by_role("button", name="Gửi mã cho tôi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập mã xác minh")
    assert axe_check(page) == []
    code = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert code and channels.sent_messages[-1].address == "0987654321"
    page.get_by_label("Mã 6 chữ số").fill(code.group(1))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin cá nhân")
    page.get_by_label("Số định danh").fill("070195007777")
    page.get_by_label("Ngày sinh").fill("1995-04-12")
    assert axe_check(page) == []
    shot(page, "2-profile")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".message-success")).to_contain_text("Đã lưu thông tin cá nhân")
    shot(page, "3-account")
