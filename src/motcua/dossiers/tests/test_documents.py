"""The printed forms: rendered to PDF, read back with pdftotext, so the glyphs are proven."""

from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from motcua.core.testing import pdf_text
from motcua.dossiers.constants import RefusalReason, RefusalStage, ResultForm, ReturnMethod
from motcua.dossiers.documents import (
    apology_pdf,
    control_sheet_pdf,
    qr_svg,
    receipt_html,
    receipt_pdf,
    refusal_pdf,
    refusal_reason_text,
    stop_notice_pdf,
    supplement_pdf,
)
from motcua.dossiers.models import Dossier, SupplementRequest
from motcua.dossiers.services import (
    apology_approve,
    apology_draft,
    dossier_approve,
    dossier_forward,
    dossier_refuse_new,
    dossier_reject,
    dossier_request_opinion,
    dossier_request_supplement,
    dossier_return_result,
    dossier_stop,
    dossier_submit,
    dossier_submit_supplement,
    dossier_withdraw,
)

from .conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
SVG = "{http://www.w3.org/2000/svg}"
PROCEDURE = "Cấp Giấy xác nhận tình trạng hôn nhân"


def _to_leader(world: World, dossier: Dossier) -> None:
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)


def test_qr_svg_is_one_svg_path() -> None:
    svg = qr_svg("http://localhost:8000/tra-cuu/?ma=000.00.06.H56-231027-0361")
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 1 and len(paths[0].get("d", "")) > 100
    assert qr_svg("a") != qr_svg("b")


@time_machine.travel(MONDAY_9, tick=False)
def test_the_receipt_html_carries_the_tracking_url_and_its_qr(world: World) -> None:
    dossier = world.receive()
    url = settings.MOTCUA_TRACKING_URL.format(code=dossier.code)
    html = receipt_html(dossier=dossier)
    assert url in html
    qr = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url).encode()).decode()
    assert qr in html
    assert "http" not in html.replace(url, "").replace("http://www.w3.org", "")  # nothing to fetch


@time_machine.travel(MONDAY_9, tick=False)
def test_the_receipt_prints_the_applicant_the_components_and_the_appointment(
    world: World, tmp_path: Path
) -> None:
    dossier = world.receive(fee_collection="before")
    with translation.override("en"):  # an officer using the English interface prints it
        text = pdf_text(receipt_pdf(dossier=dossier), tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Nguyễn Thị Hoa" in text and "070190001234" in text and "0912345678" in text
    assert PROCEDURE in text and "1.004873" in text
    # Table cells wrap: assert what fits on one line of its column.
    assert "Tờ khai cấp Giấy xác nhận" in text and "Bản chính" in text
    assert "Số lượng hồ sơ: 01 (bộ)" in text
    assert "theo quy định: 3 ngày làm việc" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02/03/2026" in text
    # 3 working days from Monday 09:00: Thursday 09:00.
    assert "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 05/03/2026" in text
    assert "Phí, lệ phí: Thu trước" in text
    assert "Bộ phận Một cửa – Ủy ban nhân dân phường Đồng Xoài" in text
    assert "tin nhắn SMS hoặc thư điện tử" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert world.desk.display_name in text
    assert "Đồng Xoài, ngày 02 tháng 3 năm 2026" in text


@time_machine.travel(MONDAY_9, tick=False)
def test_a_received_dossier_is_needed_for_a_receipt(world: World) -> None:
    dossier = world.receive()
    dossier.received_at = None
    with pytest.raises(ValueError, match="received"):
        receipt_html(dossier=dossier)


def _supplement(world: World, dossier: Dossier) -> SupplementRequest:
    dossier_request_supplement(
        actor=world.specialist,
        dossier_id=dossier.pk,
        reasons=[
            ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "Thiếu chữ ký người yêu cầu"),
            ("Giấy tờ chứng minh nơi cư trú", "Bản sao chưa được chứng thực"),
        ],
        note="Nộp bổ sung tại Bộ phận Một cửa.",
    )
    request = dossier.supplements.order_by("-ordinal").first()
    assert request is not None
    return request


@time_machine.travel(MONDAY_9, tick=False)
def test_the_supplement_request_lists_each_component_and_flags_a_repeat(
    world: World, tmp_path: Path
) -> None:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    first = pdf_text(supplement_pdf(request=_supplement(world, dossier)), tmp_path)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in first
    assert f"Mã hồ sơ: {dossier.code}" in first and "(Lần thứ 1)" in first
    assert "Nguyễn Thị Hoa" in first and PROCEDURE in first
    assert "Tờ khai cấp Giấy xác nhận" in first and "Giấy tờ chứng minh nơi cư trú" in first
    assert 0 < first.index("Thiếu chữ ký người yêu cầu") < first.index("chưa được chứng thực")
    assert "Thời gian yêu cầu: 09 giờ 00 phút, ngày 02/03/2026" in first
    assert "Nộp bổ sung tại Bộ phận Một cửa." in first
    assert world.specialist.display_name in first
    assert "Đây là lần thứ" not in first
    dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
    second = pdf_text(supplement_pdf(request=_supplement(world, dossier)), tmp_path)
    assert "(Lần thứ 2)" in second
    assert "Đây là lần thứ 2 cơ quan yêu cầu bổ sung, hoàn thiện hồ sơ này." in second


@time_machine.travel(MONDAY_9, tick=False)
def test_before_receipt_the_desk_asks_for_the_supplement(world: World, tmp_path: Path) -> None:
    agency = world.desk.memberships.get().agency
    dossier = dossier_submit(
        actor=world.citizen, intake=world.intake(channel="online"), receiving_agency_id=agency.pk
    )
    dossier_request_supplement(
        actor=world.desk, dossier_id=dossier.pk, reasons=[("Tờ khai", "Ảnh chụp bị mờ")]
    )
    request = dossier.supplements.get()
    text = pdf_text(supplement_pdf(request=request), tmp_path)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "BỘ PHẬN MỘT CỬA" in text and f"Mã hồ sơ: {dossier.code}" in text
    assert "Ảnh chụp bị mờ" in text and world.desk.display_name in text
    assert "Thời gian nhận hồ sơ" not in text  # not received yet


@time_machine.travel(MONDAY_9, tick=False)
def test_a_refusal_at_receipt_prints_the_reason_in_vietnamese(world: World, tmp_path: Path) -> None:
    dossier = dossier_refuse_new(
        actor=world.desk,
        intake=world.intake(document_ids=[]),
        reason=RefusalReason.NOT_COMPETENT,
        details="Người yêu cầu thường trú ở tỉnh khác.",
    )
    refusal = dossier.refusals.get()
    text = pdf_text(refusal_pdf(refusal=refusal), tmp_path)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Nguyễn Thị Hoa" in text and PROCEDURE in text
    label = refusal_reason_text(RefusalReason.NOT_COMPETENT)
    with translation.override("en"):
        assert label != str(RefusalReason.NOT_COMPETENT.label)  # not the English msgid
    assert f"Lý do: {label}." in text
    assert "Người yêu cầu thường trú ở tỉnh khác." in text
    assert "09 giờ 00 phút, ngày 02/03/2026" in text
    assert world.desk.display_name in text


@time_machine.travel(MONDAY_9, tick=False)
def test_a_refusal_after_examination_is_a_notice_from_the_deciding_agency(
    world: World, tmp_path: Path
) -> None:
    dossier = world.receive()
    _to_leader(world, dossier)
    dossier_reject(
        actor=world.leader,
        dossier_id=dossier.pk,
        reason=RefusalReason.CONDITIONS_NOT_MET,
        details="Đang có đăng ký kết hôn với người khác.",
    )
    refusal = dossier.refusals.get()
    assert refusal.stage == RefusalStage.RESOLUTION
    text = pdf_text(refusal_pdf(refusal=refusal), tmp_path)
    assert "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ" in text
    assert "PHIẾU TỪ CHỐI" not in text
    assert refusal_reason_text(RefusalReason.CONDITIONS_NOT_MET) in text
    assert "Đang có đăng ký kết hôn với người khác." in text
    assert "PHƯỜNG ĐỒNG XOÀI" in text and "BỘ PHẬN MỘT CỬA" not in text  # the agency issues it
    assert world.leader.display_name in text


def test_the_apology_is_a_draft_until_the_leader_approves_it(world: World, tmp_path: Path) -> None:
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = world.receive()
        _to_leader(world, dossier)
        dossier_forward(actor=world.leader, dossier_id=dossier.pk, to_position=1)  # sent back
        letter = apology_draft(
            actor=world.specialist,
            dossier_id=dossier.pk,
            reason="Chờ xác minh nơi thường trú trước đây",
            new_due_at=datetime(2026, 3, 12, 17, 0, tzinfo=VN),
        )
        draft = pdf_text(apology_pdf(letter=letter), tmp_path)
        apology_approve(actor=world.leader, apology_id=letter.pk)
        letter.refresh_from_db()
        final = pdf_text(apology_pdf(letter=letter), tmp_path)
    for text in (draft, final):
        assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
        assert f"Mã hồ sơ: {dossier.code}" in text
        assert "Nguyễn Thị Hoa" in text and PROCEDURE in text
        assert "Ngày 02/03/2026" in text
        assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 05/03/2026" in text
        assert "Chờ xác minh nơi thường trú trước đây" in text
        assert "thành thật xin lỗi" in text
        assert "17 giờ 00 phút, ngày 12/03/2026" in text
    assert "DỰ THẢO" in draft and "(chưa phê duyệt)" in draft
    assert world.leader.display_name not in draft
    assert "DỰ THẢO" not in final and "(chưa phê duyệt)" not in final
    assert world.leader.display_name in final
    assert "Đồng Xoài, ngày 02 tháng 3 năm 2026" in final


@time_machine.travel(MONDAY_9, tick=False)
def test_the_stop_notice_gives_the_reason_and_the_withdrawal_notice_the_request(
    world: World, tmp_path: Path
) -> None:
    stopped = world.receive()
    dossier_forward(actor=world.desk, dossier_id=stopped.pk)
    dossier_stop(
        actor=world.leader,
        dossier_id=stopped.pk,
        reason=RefusalReason.DISPUTE,
        details="Có tranh chấp về nơi cư trú đang được Tòa án thụ lý.",
    )
    stopped.refresh_from_db()
    text = pdf_text(stop_notice_pdf(dossier=stopped), tmp_path)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {stopped.code}" in text
    assert "Nguyễn Thị Hoa" in text and PROCEDURE in text
    assert refusal_reason_text(RefusalReason.DISPUTE) in text
    assert "Có tranh chấp về nơi cư trú đang được Tòa án thụ lý." in text
    assert "kể từ 09 giờ 00 phút, ngày 02/03/2026" in text
    assert "ngày 05/03/2026" in text
    assert world.leader.display_name in text

    withdrawn = world.receive()
    dossier_withdraw(actor=world.desk, dossier_id=withdrawn.pk, reason="Đơn xin rút hồ sơ")
    withdrawn.refresh_from_db()
    text = pdf_text(stop_notice_pdf(dossier=withdrawn), tmp_path)
    assert "THÔNG BÁO VỀ VIỆC RÚT HỒ SƠ" in text
    assert "THÔNG BÁO DỪNG" not in text
    assert f"Mã hồ sơ: {withdrawn.code}" in text
    assert "Lý do rút hồ sơ: Đơn xin rút hồ sơ" in text
    assert world.desk.display_name in text

    with pytest.raises(ValueError, match="stopped or withdrawn"):
        stop_notice_pdf(dossier=world.receive())


def test_the_control_sheet_has_one_row_per_hand_over_with_its_timeliness(
    world: World, tmp_path: Path
) -> None:
    with time_machine.travel(MONDAY_9, tick=False):
        dossier = world.receive()
    with time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=VN), tick=False):
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    other = world.other_desk.memberships.get().agency
    with time_machine.travel(datetime(2026, 3, 3, 8, 0, tzinfo=VN), tick=False):
        dossier_request_opinion(
            actor=world.specialist,
            dossier_id=dossier.pk,
            agency_id=other.pk,
            question="Xác minh nơi cư trú trước đây",
        )
    with time_machine.travel(datetime(2026, 3, 6, 10, 0, tzinfo=VN), tick=False):
        dossier_forward(actor=world.specialist, dossier_id=dossier.pk)  # days late
    with time_machine.travel(datetime(2026, 3, 6, 10, 30, tzinfo=VN), tick=False):
        dossier_approve(
            actor=world.leader,
            dossier_id=dossier.pk,
            form=ResultForm.PAPER,
            document_number="12/XN-UBND",
        )
        text = pdf_text(control_sheet_pdf(dossier=dossier), tmp_path)
        dossier_return_result(
            actor=world.desk,
            dossier_id=dossier.pk,
            method=ReturnMethod.AT_DESK,
            received_by_name="Nguyễn Thị Hoa",
        )
        returned = pdf_text(control_sheet_pdf(dossier=dossier), tmp_path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "(Kèm theo hồ sơ của: Nguyễn Thị Hoa)" in text
    assert PROCEDURE in text
    assert "Thời gian hẹn trả kết quả: 09 giờ 00 phút, ngày 05/03/2026" in text
    assert text.count("Giao:") == 5 and text.count("Nhận:") == 5
    assert f"Cơ quan phối hợp giải quyết hồ sơ: {other.name}" in text
    assert "Lấy ý kiến:" in text
    assert "Giao: Nguyễn Thị Hoa" in text
    assert f"Giao: {world.specialist.display_name}" in text
    assert "09 giờ 30 phút" in text and "10 giờ 00 phút" in text and "ngày 06/03/2026" in text
    assert "Trước hạn" in text and "Quá hạn" in text and "Đang xử lý" in text
    assert "BỘ PHẬN MỘT CỬA" in text
    assert "Đang xử lý" not in returned  # returning the result closes every step
