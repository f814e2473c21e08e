"""A community helper, on a phone, gets a citizen's consent by a code to the citizen's phone and
starts the citizen's online dossier; axe on each helper page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.services import DEMO_PASSWORD
from motcua.notifications import channels

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.fixture
def catalogue(demo_data: None) -> None:
    from motcua.catalog.services import catalog_seed_demo

    catalog_seed_demo()


@pytest.mark.e2e
@pytest.mark.usefixtures("catalogue")
def test_a_helper_gets_consent_and_starts_the_citizens_dossier(
    page: Page,
    live_server: LiveServer,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
) -> None:
    channels.sent_messages.clear()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("tocongnghe")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.get_by_role("link", name=re.compile("Hỗ trợ người dân")).click()
    assert axe_check(page) == []
    page.locator("#id_phone").fill("0388 123 456")
    page.locator("#id_full_name").fill("Thị Nga")
    page.get_by_role("button", name="Gửi mã cho người dân").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mã xác nhận của người dân")
    assert axe_check(page) == []
    code = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert code and channels.sent_messages[-1].address == "0388123456"
    page.get_by_label("Mã người dân nhận được").fill(code.group(1))
    page.get_by_label("Mã thủ tục cần nộp (không bắt buộc)").fill("1.004873")
    shot(page, "1-consent")
    page.get_by_role("button", name="Ghi nhận sự đồng ý").click()
    expect(page.locator(".message-success")).to_contain_text("Thị Nga đã đồng ý")
    expect(page.locator("form.one-question")).to_be_visible()  # the citizen's first question
    expect(page.locator("main")).to_contain_text("Bạn đang nộp thay Thị Nga")
    assert axe_check(page) == []
    shot(page, "2-citizens-draft")
