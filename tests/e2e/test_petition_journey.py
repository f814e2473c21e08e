"""A petition (PAKN) from end to end in real browsers: a citizen on a phone complains about a
late dossier, with a photo and their phone and ID number in the text; the province monitor
routes it to the commune; the specialist drafts the answer; the leader approves; the monitor
publishes; the public page shows it without the citizen's phone, ID number or name; the
citizen rates "not satisfied" and the petition reopens with a new deadline under the leader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.e2e.helpers import received_paper, signed_in

pytestmark = pytest.mark.usefixtures("demo_data")
DESKTOP = {"width": 1280, "height": 900}
MARRIAGE = "1.004873"
PHONE, ID_NUMBER, NAME = "0912345678", "070190001234", "Nguyễn Văn An"
PNG = bytes.fromhex(  # a 1x1 PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
COMMUNE = "Ủy ban nhân dân phường Đồng Xoài"


def _act(page: Page, action: str) -> None:
    page.locator(f"form[action$='/{action}/'] button[type=submit]").click()


def _complain(citizen: BrowserContext, base: str, code: str, tmp_path: Path, shot: Any) -> Page:
    """The citizen, signed in on a phone, writes about the late dossier with a photo."""
    page = signed_in(citizen, base, "congdan")
    page.goto(f"{base}/phan-anh/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    page.locator("input[name=kind][value=regulation]").check()
    page.locator("[name=title]").fill("Hồ sơ xác nhận tình trạng hôn nhân trễ hẹn")
    page.locator("[name=content]").fill(
        f"Tôi là {NAME}, CCCD {ID_NUMBER}, điện thoại {PHONE}. Hồ sơ {code} đã quá hẹn "
        "mà chưa có kết quả, đề nghị giải quyết."
    )
    photo = tmp_path / "giay-hen.png"
    photo.write_bytes(PNG)
    page.locator("[name=attachments]").set_input_files(str(photo))
    shot(page, "form")
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    expect(page.locator("main")).to_contain_text("PAKN-")
    return page


def _handle(new_context: Any, base: str, feedback: Any, code: str, shot: Any) -> Page:
    """Routed by the province monitor, drafted by the specialist, approved by the leader,
    published by the monitor; the monitor's page is returned."""
    office = signed_in(new_context(viewport=DESKTOP), base, "giamsat")
    office.goto(f"{base}/backoffice/feedback/")
    office.get_by_role("link", name=feedback.code).click()
    office.locator("form[action$='/route/'] select[name=agency]").select_option(label=COMMUNE)
    _act(office, "route")
    expect(office.locator("main")).to_contain_text(COMMUNE)
    shot(office, "routed")

    # The specialist drafts the answer; the leader approves it.
    specialist = signed_in(new_context(viewport=DESKTOP), base, "chuyenvien")
    specialist.goto(f"{base}/backoffice/feedback/")
    specialist.get_by_role("link", name=feedback.code).click()
    specialist.locator("form[action$='/draft/'] [name=text]").fill(
        f"Kính gửi ông {NAME} ({PHONE}): hồ sơ {code} đã được giải quyết, mời ông nhận kết "
        "quả tại Bộ phận Một cửa phường. Xin lỗi ông vì sự chậm trễ."
    )
    _act(specialist, "draft")
    expect(specialist.locator("main")).to_contain_text("chờ lãnh đạo phê duyệt")
    leader = signed_in(new_context(viewport=DESKTOP), base, "lanhdao")
    leader.goto(f"{base}/backoffice/feedback/{feedback.pk}/")
    shot(leader, "to-approve")
    _act(leader, "approve")
    expect(leader.locator("main")).to_contain_text("chờ công khai")

    # The monitor publishes the texts prepared without personal data.
    office.goto(f"{base}/backoffice/feedback/{feedback.pk}/")
    publish = office.locator("form[action$='/publish/']")
    for field in ("title", "content", "answer_text"):
        typed = publish.locator(f"[name={field}]").input_value()
        assert PHONE not in typed and ID_NUMBER not in typed and NAME not in typed
    _act(office, "publish")
    expect(office.locator("main")).to_contain_text("Đã công khai")
    return office


@pytest.mark.e2e
def test_a_complaint_is_routed_answered_published_without_personal_data_and_reopened(
    live_server: LiveServer,
    new_context: Any,
    settings: Any,
    tmp_path: Path,
    shot: Any,
) -> None:
    from motcua.feedback.models import Feedback

    base = live_server.url
    code = received_paper(settings, tmp_path, MARRIAGE)
    page = _complain(new_context(), base, code, tmp_path, shot)
    feedback = Feedback.objects.get()
    assert feedback.status == "awaiting_routing" and feedback.attachments.count() == 1
    track = page.url
    assert feedback.tracking_token in track
    _handle(new_context, base, feedback, code, shot)

    # Anyone finds it on the public page: no phone, ID number or name in the HTML.
    visitor = new_context().new_page()
    visitor.goto(f"{base}/phan-anh/?q=trễ+hẹn")
    visitor.get_by_role("link", name="Hồ sơ xác nhận tình trạng hôn nhân trễ hẹn").click()
    expect(visitor.locator("main")).to_contain_text("Bộ phận Một cửa phường")
    expect(visitor.locator("main")).to_contain_text(code)  # a dossier code is not personal
    shot(visitor, "public")
    for html in (visitor.content(), visitor.request.get(f"{base}/phan-anh/").text()):
        for secret in (PHONE, "0912 345 678", ID_NUMBER, NAME, "congdan@"):
            assert secret not in html

    # The citizen is not satisfied: the petition reopens, with a new deadline.
    page.goto(track)
    page.get_by_label("Không hài lòng").check()
    page.locator("[name=comment]").fill("Tôi đến phường nhưng chưa nhận được kết quả.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("main")).to_contain_text("Đang xử lý")
    shot(page, "reopened")
    feedback.refresh_from_db()
    assert feedback.status == "processing" and feedback.round == 2
    assert feedback.responsible_leader is not None
    assert feedback.responsible_leader.username == "lanhdao"
    assert list(feedback.events.values_list("action", flat=True)) == [
        "submitted", "routed", "drafted", "approved", "published", "rated", "reopened",
    ]  # fmt: skip
    # The leader named sees it again in the inbox, with its new limit.
    leader = signed_in(new_context(viewport=DESKTOP), base, "lanhdao")
    leader.goto(f"{base}/backoffice/feedback/")
    expect(leader.locator("main")).to_contain_text(feedback.code)
