"""The first journeys: sign in at the one-stop desk, a wrong password, the skip link, and the
language switch, on a 360 px phone against the live server."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.services import DEMO_PASSWORD

pytestmark = pytest.mark.usefixtures("demo_data")

ContextFactory = Callable[..., BrowserContext]
Shot = Callable[[Page, str], None]

DESK_OFFICER = "motcua"
DESK_OFFICER_AGENCY = "Ủy ban nhân dân phường Đồng Xoài"


def _login_url(base: str) -> re.Pattern[str]:
    return re.compile(re.escape(f"{base}/accounts/login/") + r"(\?.*)?$")


@pytest.mark.e2e
def test_desk_officer_signs_in_and_lands_on_the_desk_page(
    page: Page, live_server: LiveServer, shot: Shot
) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cổng Dịch vụ công")
    shot(page, "home")

    page.get_by_role("navigation").get_by_role("link", name="Đăng nhập").click()
    expect(page).to_have_url(_login_url(live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")

    page.get_by_label("Tên đăng nhập").fill(DESK_OFFICER)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    shot(page, "login-filled")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(f"{live_server.url}/backoffice/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bộ phận Một cửa")
    expect(page.get_by_role("link", name=DESK_OFFICER_AGENCY)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"Trần Thị Bình"))).to_be_visible()
    shot(page, "landing")


@pytest.mark.e2e
def test_wrong_password_shows_the_error_and_stays_on_the_login_page(
    page: Page, live_server: LiveServer, shot: Shot
) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(DESK_OFFICER)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD + "x")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(page).to_have_url(_login_url(live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    expect(page.get_by_label("Tên đăng nhập")).to_have_value(DESK_OFFICER)
    expect(page.get_by_label("Mật khẩu")).to_have_value("")
    shot(page, "wrong-password")


@pytest.mark.e2e
def test_skip_link_is_the_first_focusable_element(
    page: Page, live_server: LiveServer, shot: Shot
) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    expect(focused).to_have_text("Chuyển đến nội dung chính")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()  # hidden off-screen until focused
    shot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.e2e
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_language_switch_turns_the_page_into_english(
    new_context: ContextFactory, live_server: LiveServer, shot: Shot, javascript: bool
) -> None:
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto(live_server.url + "/tim-kiem/?q=dong+xoai")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("button", name="Tiếng Việt")).to_have_attribute("aria-current", "true")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=dong\+xoai$"))  # same page, same query
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    shot(page, "english")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
