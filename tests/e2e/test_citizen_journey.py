"""The citizen's whole way, in a real browser on a phone, for "Đăng ký tạm trú" (1.004194, decided
by the commune police): sign up by e-mail (code through a real SMTP server), fill the profile,
submit online with uploads, get the receipt e-mail, complete the dossier after the desk's
supplement request, receive the result, track it signed out (wrong digits refused) and rate."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from datetime import date
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.services import DEMO_PASSWORD

pytestmark = pytest.mark.usefixtures("demo_data")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
DESKTOP = {"width": 1280, "height": 900}
EMAIL = "lan.dieu@example.invalid"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope.content)
        return "250 OK"

    def texts(self) -> list[str]:
        found = []
        for raw in self.messages:
            message = message_from_bytes(raw)
            payload = message.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found.append(f"{message['Subject']}\n{payload.decode('utf-8')}")
        return found


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def police_desk(demo_data: None, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The catalogue, and the commune police of Đồng Xoài with its desk and officers."""
    from motcua.accounts.models import OfficerMembership, User
    from motcua.catalog.services import catalog_seed_demo, eform_seed_demo
    from motcua.organisation.models import Agency, OneStopDesk
    from motcua.organisation.selectors import agency_list_valid_on

    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_seed_demo()
    eform_seed_demo()
    committee = agency_list_valid_on(day=date(2026, 1, 1)).get(
        tier="commune", unit__name="Phường Đồng Xoài"
    )
    police = Agency.objects.create(
        name="Công an phường Đồng Xoài",
        kind="police",
        tier="commune",
        unit=committee.unit,
        national_identifier="002.01.90.H19",
        valid_from=committee.valid_from,
    )
    desk = OneStopDesk.objects.create(
        agency=police,
        name="Bộ phận Một cửa – Công an phường Đồng Xoài",
        valid_from=committee.valid_from,
    )
    officer = User.objects.create_user(
        username="congan", password=DEMO_PASSWORD, full_name="Lò Văn Công", role="desk_officer"
    )
    for user, role in (
        (officer, "desk_officer"),
        (User.objects.get(username="chuyenvien"), "specialist"),
        (User.objects.get(username="lanhdao"), "leader"),
    ):
        OfficerMembership.objects.create(
            user=user,
            agency=police,
            role=role,
            valid_from=police.valid_from,
            desk=desk if role == "desk_officer" else None,
        )


def _sign_in(context: BrowserContext, base: str, username: str) -> Page:
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{base}/backoffice/")
    return page


def _act(page: Page, base: str, code: str, queue: str, action: str) -> None:
    page.goto(f"{base}/backoffice/dossiers/?queue={queue}")
    page.get_by_role("link", name=code).click()
    page.locator(f"form[action$='/act/{action}/'] button[type=submit]").first.click()
    expect(page.locator(".message-success")).to_be_visible()


def _pay_at_the_desk_and_receive(desk: Page, base: str, code: str) -> None:
    """Tạm trú is paid before receipt (7.000 đ online): here the citizen pays at the desk."""
    _act(desk, base, code, "submitted", "pay_desk")
    _act(desk, base, code, "submitted", "receive")


def _deliver() -> None:
    """What the worker does with the outbox (the test's task backend does not run tasks)."""
    from motcua.notifications.services import notification_deliver_due

    notification_deliver_due()


def _sign_up(citizen: Page, base: str, smtp: Inbox) -> None:
    citizen.goto(f"{base}/dang-ky/")
    citizen.get_by_label("Số điện thoại hoặc email").fill(EMAIL)
    citizen.get_by_label("Họ và tên").fill("Điểu Thị Lan")
    citizen.get_by_label("Mật khẩu").fill("Lan-2026-tam-tru")
    citizen.get_by_role("button", name="Gửi mã cho tôi").click()
    code = re.search(r"\b(\d{6})\b", smtp.texts()[-1])
    assert code, smtp.texts()
    citizen.get_by_label("Mã 6 chữ số").fill(code.group(1))
    citizen.get_by_role("button", name="Xác nhận").click()
    citizen.get_by_label("Số định danh").fill("070195007777")
    citizen.get_by_label("Xã, phường").select_option(label="Phường Đồng Xoài")
    citizen.locator("main button[type=submit]").click()
    expect(citizen.locator(".message-success")).to_contain_text("Đã lưu thông tin cá nhân")


ANSWERS = {
    "ho_ten": "Điểu Thị Lan",
    "ngay_sinh": "1995-04-12",
    "gioi_tinh": "Nữ",
    "so_dinh_danh": "070195007777",
    "dien_thoai": "0987654321",
    "dia_chi_tam_tru": "Số 12, đường Phú Riềng Đỏ, khu phố 3",
    "thoi_han_thang": "12",
}


def _submit_online(citizen: Page, base: str, pdf: Path, axe: Callable[[Page], Any]) -> str:
    citizen.goto(f"{base}/thu-tuc/1.004194/")
    citizen.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    while "/giay-to/" not in citizen.url:
        assert axe(citizen) == [], citizen.url
        name = citizen.locator("form.one-question [name]:not([type=hidden])").first
        field = name.get_attribute("name") or ""
        if field in ANSWERS:
            name.fill(ANSWERS[field]) if field != "gioi_tinh" else name.select_option(
                ANSWERS[field]
            )
        elif field == "noi_tam_tru":
            name.select_option(label="Phường Đồng Xoài")
        elif field == "co_nguoi_cung":
            citizen.get_by_label("Không").check()
        citizen.get_by_role("button", name="Tiếp tục").click()
    for form in citizen.locator("form.upload-form").all()[:2]:  # the two required ones
        form.locator("input[type=file]").set_input_files(str(pdf))
        form.get_by_role("button", name="Gửi").click()
    citizen.get_by_role("link", name="Xem lại và nộp").click()
    assert axe(citizen) == []
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ")
    return citizen.locator("dd.code strong").inner_text()


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.usefixtures("police_desk")
def test_the_citizens_whole_way_for_temporary_residence(
    *,
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    smtp: Inbox,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    base = live_server.url
    (tmp_path / "giay-to.pdf").write_bytes(PDF)
    citizen = new_context().new_page()
    _sign_up(citizen, base, smtp)
    code = _submit_online(citizen, base, tmp_path / "giay-to.pdf", axe_check)
    assert code.startswith("002.01.90.H19-")  # numbered by the commune police's desk
    shot(citizen, "1-submitted")

    desk = _sign_in(new_context(viewport=DESKTOP), base, "congan")
    desk.goto(f"{base}/backoffice/dossiers/?queue=submitted")
    desk.get_by_role("link", name=code).click()
    supplement = desk.locator("form[action$='/act/supplement/']")
    desk.locator("details.action", has=supplement).locator("summary").click()
    supplement.locator("textarea[name=reasons]").fill(
        "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp: bản chụp bị mờ, gửi lại bản rõ"
    )
    supplement.locator("button[type=submit]").click()
    expect(desk.locator(".message-success")).to_be_visible()
    _deliver()
    assert any("bản chụp bị mờ" in text for text in smtp.texts())

    citizen.goto(f"{base}/tai-khoan/")
    citizen.get_by_role("link", name="Bổ sung hồ sơ").click()
    assert axe_check(citizen) == []
    citizen.locator("#supp-file").set_input_files(str(tmp_path / "giay-to.pdf"))
    citizen.locator("form.upload-form button[type=submit]").click()
    citizen.get_by_role("button", name="Tôi đã gửi đủ: tiếp tục giải quyết hồ sơ").click()
    expect(citizen.locator(".message-success")).to_be_visible()
    shot(citizen, "2-supplemented")

    _pay_at_the_desk_and_receive(desk, base, code)
    _deliver()
    assert any(code in text and "đã được tiếp nhận" in text for text in smtp.texts())
    _act(desk, base, code, "my_steps", "forward")
    specialist = _sign_in(new_context(viewport=DESKTOP), base, "chuyenvien")
    _act(specialist, base, code, "my_steps", "forward")
    leader = _sign_in(new_context(viewport=DESKTOP), base, "lanhdao")
    _act(leader, base, code, "to_approve", "approve")
    _act(desk, base, code, "to_return", "return")
    _deliver()
    assert any("đã có kết quả" in text.lower() for text in smtp.texts())

    tracker = new_context().new_page()  # signed out
    tracker.goto(f"{base}/tra-cuu/?ma={code}")
    tracker.locator("#id_so").fill("0000")
    tracker.locator("main button[type=submit]").click()
    expect(tracker.locator("main")).to_contain_text("Không có hồ sơ nào khớp")
    tracker.locator("#id_ma").fill(code)
    tracker.locator("#id_so").fill("4321")
    tracker.locator("main button[type=submit]").click()
    expect(tracker.locator("main")).to_contain_text("Đã trả kết quả")
    tracker.get_by_label("Hài lòng", exact=True).check()
    tracker.locator("form.rating-form button[type=submit]").click()
    expect(tracker.locator("main")).to_contain_text("Cảm ơn ông/bà")
    assert axe_check(tracker) == []
    shot(tracker, "3-rated")
