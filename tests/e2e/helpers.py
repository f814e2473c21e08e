"""Steps the browser journeys share."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from motcua.accounts.services import DEMO_PASSWORD

# The smallest file the uploads accept as a PDF.
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def signed_in(context: BrowserContext, base: str, username: str) -> Page:
    """A new page of `context`, signed in as the demo user `username`."""
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("main")).not_to_contain_text("Đăng nhập không thành công")
    return page
