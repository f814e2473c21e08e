"""What the national portal receives for a dossier with a supplement, an apology and a late
result, field by field (REGULATION.md §4.1, docs/dvcqg-sync.md), and our own check that stops
an incomplete message before it is ever sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    apology_approve,
    apology_draft,
    dossier_approve,
    dossier_forward,
    dossier_request_supplement,
    dossier_return_result,
    dossier_submit_supplement,
)
from motcua.dossiers.tests.conftest import World
from motcua.sync.models import SyncMessage
from motcua.sync.services import sync_send_due

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=VN)


def _late_dossier_with_a_supplement_and_an_apology(world: World) -> Dossier:
    with time_machine.travel(_at(2, 9), tick=False):
        dossier = world.receive()
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    with time_machine.travel(_at(2, 10), tick=False):
        dossier_request_supplement(actor=world.specialist, dossier_id=dossier.pk,
                                   reasons=[("Tờ khai", "thiếu chữ ký")])  # fmt: skip
    with time_machine.travel(_at(3, 8), tick=False):
        dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
        letter = apology_draft(actor=world.specialist, dossier_id=dossier.pk,
                               reason="Chờ xác minh", new_due_at=_at(10, 17))  # fmt: skip
        apology_approve(actor=world.leader, apology_id=letter.pk)
        dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    with time_machine.travel(_at(11, 10), tick=False):  # after the new appointment: late
        dossier_approve(actor=world.leader, dossier_id=dossier.pk, document_number="12/GXN")
    with time_machine.travel(_at(11, 14), tick=False):
        dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="at_desk",
                              received_by_name="Nguyễn Thị Hoa")  # fmt: skip
    dossier.refresh_from_db()
    return dossier


def _messages(dossier: Dossier) -> list[SyncMessage]:
    return list(SyncMessage.objects.filter(dossier_id=dossier.pk).order_by("sequence"))


def test_every_change_queues_the_dossier_in_order_with_its_step(world: World) -> None:
    dossier = _late_dossier_with_a_supplement_and_an_apology(world)
    messages = _messages(dossier)
    assert [m.sequence for m in messages] == list(range(1, len(messages) + 1))
    assert all(m.status == "pending" and not m.problems for m in messages)
    statuses = [m.dossier["TrangThaiHoSo"] for m in messages]
    assert statuses == [2, 4, 5, 4, 4, 4, 9, 10]  # true statuses, never folded into "done"
    steps = [m.steps[0] for m in messages]
    assert [s["TrangThai"] for s in steps] == statuses
    assert steps[0]["NguoiXuLy"] == world.desk.display_name
    assert steps[0]["ThoiDiemXuLy"] == "20260302090000"
    assert steps[2]["NoiDungXuLy"].startswith("Yêu cầu bổ sung")
    assert all(s["MaHoSo"] == dossier.code for s in steps)


def test_the_last_message_carries_the_supplement_the_apology_and_the_late_result(
    world: World,
) -> None:
    dossier = _late_dossier_with_a_supplement_and_an_apology(world)
    sent: dict[str, Any] = _messages(dossier)[-1].dossier
    version = world.version
    assert sent["MaHoSo"] == dossier.code
    assert sent["MaTTHC"] == version.procedure.code and sent["TenTTHC"] == version.name
    assert sent["MaLinhVuc"] == version.sector.code and sent["TenLinhVuc"] == version.sector.name
    assert sent["KenhThucHien"] == 1 and sent["LoaiDoiTuong"] == 1
    assert sent["ChuHoSo"] == "Nguyễn Thị Hoa" and sent["SoGiayToChuHoSo"] == "070190001234"
    assert sent["DinhDanhCHS"] == [{"LoaiDinhDanh": 1, "SoDinhDanh": "070190001234"}]
    assert sent["SoDienThoai"] == "0912345678" and sent["MaDoiTuong"] == ""
    assert sent["NgayNopHoSo"] == sent["NgayTiepNhan"] == "20260302090000"
    assert sent["NgayHenTra"] == "20260310170000"  # the apology's new appointment
    assert sent["TrangThaiHoSo"] == 10
    assert sent["NgayKetThucXuLy"] == "20260311100000"  # after the appointment: late
    assert sent["NgayTra"] == "20260311140000" and sent["ThongTinTra"] == "Nguyễn Thị Hoa"
    assert sent["HinhThuc"] == 1 and sent["NgayTuChoi"] is None
    assert sent["DonViXuLy"] == dossier.deciding_agency.name
    assert sent["NoiNopHoSo"] == dossier.receiving_agency.name
    assert sent["DuocThanhToanTrucTuyen"] == 3 and sent["TaiKhoanDuocXacThucVoiVNeID"] == 0
    assert sent["HoSoCoThanhPhanSoHoa"] == 0
    (supplement,) = sent["DanhSachHoSoBoSung"]
    assert supplement == {
        "HoSoBoSungId": f"{dossier.code}-BS1",
        "NguoiYeuCauBoSung": world.specialist.display_name,
        "NoiDungBoSung": "Tờ khai: thiếu chữ ký",
        "NgayBoSung": "20260302100000",
        "NguoiTiepNhanBoSung": world.desk.display_name,
        "ThongTinTiepNhan": "",
        "NgayTiepNhanBoSung": "20260303080000",
        "TrangThaiBoSung": 1,
        "DanhSachGiayToBoSung": [],
        "DanhSachLePhiBoSung": [],
        "NgayHenTraTruoc": supplement["NgayHenTraTruoc"],
        "NgayHenTraMoi": supplement["NgayHenTraMoi"],
    }
    assert supplement["NgayHenTraTruoc"] == "20260305090000"  # the original appointment
    assert supplement["NgayHenTraMoi"] > supplement["NgayHenTraTruoc"]  # moved by the pause
    documents = sent["TaiLieuNop"]
    assert len(documents) == dossier.documents.count()
    assert {d["DuocSoHoa"] for d in documents} == {0}  # a paper dossier, nothing scanned
    assert {d["DuocTaiSuDung"] for d in documents} == {0}
    assert documents[0]["TepDinhKemId"].startswith("TP-") and documents[0]["IsDeleted"] is False
    (result,) = sent["DanhSachGiayToKetQua"]
    assert result["TenGiayTo"] == f"{version.name} (số 12/GXN)"[:255]
    assert result["MaGiayToKetQua"] == ""  # a paper result: no electronic code
    assert sent["DanhSachLePhi"] == [
        {"TenPhiLePhi": line["description"], "MaPhiLePhi": str(line["line_id"]),
         "HinhThucThu": 1 if dossier.fee_collection == "before" else 2, "Gia": line["net"],
         "LoaiPhiLePhi": {"fee": 1, "charge": 2, "service_price": 3}[line["kind"]]}
        for line in dossier.fee_lines
    ] if dossier.fee_collection in ("before", "after") else []  # fmt: skip


def test_an_incomplete_dossier_is_stopped_by_our_check_and_never_sent(world: World) -> None:
    from motcua.catalog.models import ProcedureVersion

    ProcedureVersion.objects.filter(pk=world.version.pk).update(name="")  # a broken record
    dossier = world.receive(subject="Xác nhận tình trạng hôn nhân")
    (message,) = _messages(dossier)
    assert message.status == "dead" and message.last_code == "invalid"
    assert message.problems == ["TenTTHC"] and "TenTTHC" in message.last_error
    report = sync_send_due()
    assert report.requests == 0 and report.sent == 0  # never sent


@pytest.mark.parametrize(
    ("status", "missing"),
    [(4, ["NgayTiepNhan", "NgayHenTra"]), (10, ["NgayTiepNhan", "NgayHenTra",
      "NgayKetThucXuLy", "NgayTra"]), (3, ["NgayTuChoi"]), (1, []), (2, ["NgayTiepNhan",
      "NgayHenTra"]), (5, []), (6, ["NgayTiepNhan", "NgayHenTra"]), (7, []), (8, ["NgayTiepNhan"]),
      (9, ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy"])],
)  # fmt: skip
def test_the_dates_a_status_needs_are_checked(status: int, missing: list[str]) -> None:
    from motcua.integrations.dvcqg.payload import dossier_problems

    names = ("MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "ChuHoSo",
             "TrichYeuHoSo", "NgayNopHoSo", "DonViXuLy", "NoiNopHoSo")  # fmt: skip
    item: dict[str, object] = dict.fromkeys(names, "x")
    item |= {"KenhThucHien": 2, "LoaiDoiTuong": 1, "TrangThaiHoSo": status}
    assert dossier_problems(item) == missing
    assert dossier_problems({**item, "TrichYeuHoSo": "a" * 1001}) == [
        *missing,
        "TrichYeuHoSo (over 1,000 characters)",
    ]
