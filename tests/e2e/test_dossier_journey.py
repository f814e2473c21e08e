"""The heart of the one-stop desk, in a real browser: a desk officer receives "Cấp Giấy xác
nhận tình trạng hôn nhân" for a citizen, prints the receipt, a specialist forwards, the leader
approves and the desk returns the result. Wednesday 29/04/2026, before the 30/4 and 1/5
holidays: the 3-working-day appointment must skip them."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.services import DEMO_PASSWORD

pytestmark = pytest.mark.usefixtures("demo_data")

ContextFactory = Callable[..., BrowserContext]
Shot = Callable[[Page, str], None]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DESKTOP = {"width": 1280, "height": 900}  # officers work at a desk, not on a phone


def _sign_in(new_context: ContextFactory, base: str, username: str) -> Page:
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{base}/backoffice/")
    return page


def _open_from_queue(page: Page, base: str, queue: str, code: str) -> None:
    page.goto(f"{base}/backoffice/dossiers/?queue={queue}")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(code)


def _act(page: Page, action: str) -> None:
    page.locator(f"form[action$='/act/{action}/'] button[type=submit]").first.click()
    expect(page.locator(".message-success")).to_be_visible()


def _receive_at_desk(desk: Page, base: str, shot: Shot) -> str:
    """Fill the intake form as the desk officer does; the new dossier's code."""
    desk.goto(f"{base}/backoffice/dossiers/receive/")
    desk.locator("#procedure").fill("tình trạng hôn nhân")
    desk.locator("#procedure").press("Enter")
    desk.get_by_role("link", name="Cấp Giấy xác nhận tình trạng hôn nhân").click()
    desk.locator("#id_applicant_name").fill("Nguyễn Thị Hoa")
    desk.locator("#id_applicant_id_number").fill("070190001234")
    desk.locator("#id_applicant_phone").fill("0912 345 678")
    desk.locator("#id_applicant_address").fill("Khu phố 3, phường Đồng Xoài")
    for box in desk.locator(".checklist li").all():
        if "Trường hợp" not in box.locator("small").inner_text():
            box.locator("input[type=checkbox]").check()
    shot(desk, "1-intake-filled")
    desk.locator("button[name=receive]").click()
    heading = desk.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"-260429-0001$"))
    expect(desk.locator("main")).to_contain_text("09:00 06/05/2026")
    shot(desk, "2-received")
    return heading.inner_text().strip()


def _receipt_text(page: Page, base: str, tmp_path: Path) -> str:
    """The receipt PDF linked from the dossier page, as pdftotext reads it."""
    href = page.locator("a[href$='/pdf/receipt/']").get_attribute("href")
    receipt = page.request.get(f"{base}{href}")
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(receipt.body())
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: `make test` installs poppler-utils"
    return subprocess.run(  # noqa: S603 - our own file, a fixed program
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def catalogue_and_calendar(demo_data: None) -> None:
    from motcua.catalog.services import catalog_seed_demo
    from motcua.core.services import calendar_seed

    catalog_seed_demo()
    calendar_seed(first_year=2026, last_year=2026)


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.usefixtures("catalogue_and_calendar")
def test_receive_print_forward_approve_return(
    new_context: ContextFactory,
    live_server: LiveServer,
    shot: Shot,
    tmp_path: Path,
    axe_check: Callable[[Page], list[dict[str, object]]],
) -> None:
    base = live_server.url
    with time_machine.travel(datetime(2026, 4, 29, 9, 0, tzinfo=VN), tick=True):
        desk = _sign_in(new_context, base, "motcua")
        code = _receive_at_desk(desk, base, shot)
        text = _receipt_text(desk, base, tmp_path)
        assert code in text
        assert "06/05/2026" in text  # 3 working days from Wed 29/04, skipping 30/4 and 1/5
        assert "Nguyễn Thị Hoa" in text
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text

        _act(desk, "forward")
        shot(desk, "3-forwarded-by-desk")

        specialist = _sign_in(new_context, base, "chuyenvien")
        _open_from_queue(specialist, base, "my_steps", code)
        shot(specialist, "4-specialist")
        _act(specialist, "forward")

        leader = _sign_in(new_context, base, "lanhdao")
        _open_from_queue(leader, base, "to_approve", code)
        leader.locator("form[action$='/act/approve/'] #id_document_number").fill("25/XN-UBND")
        shot(leader, "5-leader")
        _act(leader, "approve")
        expect(leader.locator("main")).to_contain_text("Đã xử lý xong")

        _open_from_queue(desk, base, "to_return", code)
        _act(desk, "return")
        expect(desk.locator("main")).to_contain_text("Đã trả kết quả")
        timeline = desk.locator(".timeline li")
        expect(timeline).to_have_count(5)
        shot(desk, "6-returned")

        # The citizen, signed out on a phone, opens the receipt's QR link and types 4 digits.
        citizen = new_context().new_page()
        citizen.goto(f"{base}/tra-cuu/?ma={code}")
        expect(citizen.locator("#id_ma")).to_have_value(code)
        citizen.locator("#id_so").fill("5678")
        citizen.locator("main button[type=submit]").click()
        # Received, in processing (two hand-overs read as one), result ready, handed over.
        expect(citizen.locator(".timeline li")).to_have_count(4)
        expect(citizen.locator("main")).to_contain_text("Đã trả kết quả")
        assert axe_check(citizen) == []
        shot(citizen, "7-tracked-by-the-citizen")
        citizen.get_by_label("Không hài lòng").check()
        citizen.get_by_label("Phải đi lại nhiều lần").check()
        citizen.locator("form.rating-form button[type=submit]").click()
        expect(citizen.locator("main")).to_contain_text("Cảm ơn ông/bà")
        assert axe_check(citizen) == []
        shot(citizen, "8-rated")
