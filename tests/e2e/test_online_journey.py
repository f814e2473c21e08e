"""A citizen submits "Cấp Giấy xác nhận tình trạng hôn nhân" online from a phone, one question
per page, with an upload; the desk receives it. Every citizen page is checked with axe and
weighed (HTML + CSS + JS + fonts on first load, under 100 KB)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.e2e.helpers import PDF, signed_in

pytestmark = pytest.mark.usefixtures("demo_data")
WEIGHT_LIMIT = 100 * 1024


@pytest.fixture
def citizen_ready(demo_data: None) -> None:
    from motcua.accounts.models import User
    from motcua.catalog.services import catalog_seed_demo
    from motcua.organisation.selectors import agency_list_valid_on

    catalog_seed_demo()
    agency = agency_list_valid_on(day=date(2026, 1, 1)).get(
        tier="commune", unit__name="Phường Đồng Xoài"
    )
    User.objects.filter(username="congdan").update(phone="0912345678", unit=agency.unit_id)


class Weigher:
    """The page's own resources (not uploads) as they arrive; weighed once the page loaded
    (a response body cannot be read inside Playwright's event callback)."""

    def __init__(self) -> None:
        self.responses: list[Any] = []

    def __call__(self, response: Any) -> None:
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script", "font") and response.status < 300:
            self.responses.append(response)

    def total(self) -> tuple[int, list[str]]:
        kinds = [r.request.resource_type for r in self.responses]
        return sum(len(r.body()) for r in self.responses), kinds


def _weigh(new_context: Callable[..., BrowserContext], page: Page) -> int:
    """Bytes of HTML, CSS, JS and fonts of `page` loaded afresh (nothing cached), signed in."""
    probe = new_context().new_page()
    weigher = Weigher()
    probe.on("response", weigher)
    probe.context.add_cookies(page.context.cookies())
    probe.goto(page.url)
    probe.wait_for_load_state("load")
    size, kinds = weigher.total()
    assert "stylesheet" in kinds, kinds  # the CSS is counted
    return size


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.usefixtures("citizen_ready")
def test_submit_online_from_a_phone_then_the_desk_receives(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    base = live_server.url
    weights: dict[str, int] = {}

    citizen = signed_in(new_context(), base, "congdan")
    citizen.goto(f"{base}/thu-tuc/1.004873/")
    citizen.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    questions = 0
    while "/giay-to/" not in citizen.url:
        assert axe_check(citizen) == [], citizen.url
        if questions == 0:
            weights["question"] = _weigh(new_context, citizen)
            shot(citizen, "1-first-question")
        field = citizen.locator("form.one-question textarea, form.one-question input[type=text]")
        field.first.fill("Nguyễn Văn An")
        citizen.get_by_role("button", name="Tiếp tục").click()
        questions += 1
        assert questions < 30
    assert axe_check(citizen) == []
    weights["files"] = _weigh(new_context, citizen)
    (tmp_path / "to-khai.pdf").write_bytes(PDF)
    upload = citizen.locator("form.upload-form").first
    upload.locator("input[type=file]").set_input_files(str(tmp_path / "to-khai.pdf"))
    upload.get_by_role("button", name="Gửi").click()
    expect(citizen.locator(".message-success")).to_be_visible()
    shot(citizen, "2-files")
    citizen.get_by_role("link", name="Xem lại và nộp").click()
    assert axe_check(citizen) == []
    weights["review"] = _weigh(new_context, citizen)
    shot(citizen, "3-review")
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ")
    code = citizen.locator("dd.code strong").inner_text()
    assert axe_check(citizen) == []
    shot(citizen, "4-done")

    desk = signed_in(new_context(viewport={"width": 1280, "height": 900}), base, "motcua")
    desk.goto(f"{base}/backoffice/dossiers/?queue=submitted")
    desk.get_by_role("link", name=code).click()
    desk.locator("form[action$='/act/receive/'] button[type=submit]").click()
    expect(desk.locator("main")).to_contain_text("Được tiếp nhận")
    shot(desk, "5-received-by-the-desk")

    print("page weight (bytes, first load):", weights)  # reported in the closing note
    assert all(size < WEIGHT_LIMIT for size in weights.values()), weights
