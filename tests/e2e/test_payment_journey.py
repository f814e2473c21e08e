"""A citizen submits a fee-bearing procedure online from a phone and pays it on the PayGov
simulator (its own process, speaking the platform's protocol back to this live server); the
dossier moves on: the desk receives it, and both papers show the amount and the online
reduction — the payment's biên lai and the receipt of the dossier (Mẫu 01)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.core.testing import pdf_text
from motcua.payments.tests.conftest import (
    Simulator,
    price_marriage_and_open_account,
    simulator_running,
)
from tests.e2e.helpers import PDF, signed_in


@pytest.fixture
def marriage_priced(demo_data: None) -> None:
    from motcua.accounts.models import User
    from motcua.catalog.services import catalog_seed_demo
    from motcua.organisation.selectors import agency_list_valid_on

    catalog_seed_demo()
    agency = agency_list_valid_on(day=date(2026, 1, 1)).get(
        tier="commune", unit__name="Phường Đồng Xoài"
    )
    User.objects.filter(username="congdan").update(phone="0912345678", unit=agency.unit_id)
    price_marriage_and_open_account(agency)


@pytest.fixture
def platform(live_server: LiveServer, settings: Any) -> Iterator[Simulator]:
    base = live_server.url
    with simulator_running(
        callback_url=f"{base}/thanh-toan/paygov/xac-nhan/",
        return_url=f"{base}/thanh-toan/ket-qua/{{reference}}/",
    ) as running:
        settings.MOTCUA_PAYGOV_URL = f"{running.url}/api/thanh-toan"
        yield running


def _submit_marriage_status(citizen: Page, base: str, tmp_path: Path) -> str:
    citizen.goto(f"{base}/thu-tuc/1.004873/")
    citizen.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    for _ in range(30):
        if "/giay-to/" in citizen.url:
            break
        field = citizen.locator("form.one-question textarea, form.one-question input[type=text]")
        field.first.fill("Điểu Thị Lan")
        citizen.get_by_role("button", name="Tiếp tục").click()
    (tmp_path / "to-khai.pdf").write_bytes(PDF)
    upload = citizen.locator("form.upload-form").first
    upload.locator("input[type=file]").set_input_files(str(tmp_path / "to-khai.pdf"))
    upload.get_by_role("button", name="Gửi").click()
    citizen.get_by_role("link", name="Xem lại và nộp").click()
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ")
    return citizen.locator("dd.code strong").inner_text()


def _download(page: Page, url: str, tmp_path: Path) -> str:
    answer = page.request.get(url)
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf", url
    return pdf_text(answer.body(), tmp_path)


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.usefixtures("marriage_priced")
def test_the_citizen_pays_online_and_the_dossier_moves_on(
    *,
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    platform: Simulator,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    base = live_server.url
    citizen = signed_in(new_context(), base, "congdan")
    code = _submit_marriage_status(citizen, base, tmp_path)
    expect(citizen.locator("main")).to_contain_text("10.000 đ")  # what is owed, on the done page
    shot(citizen, "1-submitted-with-fees")

    citizen.get_by_role("link", name="Thanh toán trực tuyến").click()
    expect(citizen.locator("main")).to_contain_text("Chưa thanh toán")
    assert axe_check(citizen) == []
    shot(citizen, "2-fees-page")
    citizen.get_by_role("button", name="Thanh toán trực tuyến 10.000 đ").click()

    assert citizen.url.startswith(f"{platform.url}/thanh-toan/"), citizen.url
    expect(citizen.locator("body")).to_contain_text(code)  # the platform's page shows the dossier
    shot(citizen, "3-platform-page")
    citizen.get_by_role("button", name="Thanh toán 10.000 đ").click()

    # The platform confirmed to the server first (its callback), then sent the browser back.
    expect(citizen.locator(".message")).to_contain_text(f"Đã thanh toán 10.000 đ cho hồ sơ {code}")
    assert axe_check(citizen) == []
    shot(citizen, "4-paid")
    receipt_link = citizen.get_by_role("link", name="Tải biên lai (PDF)")
    text = _download(citizen, f"{base}{receipt_link.get_attribute('href')}", tmp_path)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text and code in text
    assert "Tổng cộng 10.000 đồng" in text and "Số tiền bằng chữ: Mười nghìn đồng." in text
    assert "được giảm 10.000 đồng so với nộp trực tiếp (20.000 đồng)" in text

    desk = signed_in(new_context(viewport={"width": 1280, "height": 900}), base, "motcua")
    desk.goto(f"{base}/backoffice/dossiers/?queue=submitted")
    desk.get_by_role("link", name=code).click()
    expect(desk.locator("main")).to_contain_text("Đã thanh toán")
    desk.locator("form[action$='/act/receive/'] button[type=submit]").click()
    expect(desk.locator("main")).to_contain_text("Được tiếp nhận")
    shot(desk, "5-received-after-payment")
    dossier_path = desk.url.split(base, 1)[1].split("?")[0].rstrip("/")
    text = _download(desk, f"{base}{dossier_path}/pdf/receipt/", tmp_path)
    assert "Phí, lệ phí: 10.000 đồng (thu trước; đã nộp lúc" in text
    assert "Nộp trực tuyến: giảm 10.000 đồng so với nộp trực tiếp (20.000 đồng)" in text
