"""What is sent to the national portal, as dataclasses the domain fills, and their JSON with the
portal's field names (REGULATION.md §4.1; every field and rule in docs/dvcqg-sync.md).

`dossier_problems` and `step_problems` check a record before it is queued: a missing mandatory
field is caught here, with the dossier's code and the field, never by the portal's refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from motcua.integrations.dvcqg import mapping

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"
SUMMARY_LIMIT = 1000
OFFICER_LIMIT = 50
STEPS_PER_REQUEST = 10


def date_text(moment: datetime | None) -> str | None:
    """`yyyyMMddHHmmss` in Việt Nam's time; null when there is no such date (docs/dvcqg-sync.md:
    an empty string is not a date)."""
    return moment.astimezone(VIETNAM).strftime(DATE_FORMAT) if moment else None


@dataclass(frozen=True)
class Document:
    """A component handed in (TaiLieuNop)."""

    file_id: str
    name: str
    component_code: str = ""
    link: str = ""
    digitised: bool = False
    reuse: str = "none"  # mapping.REUSE
    from_national_store: bool = False
    replaced_by_result: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Fee:
    name: str
    amount: int
    kind: str  # mapping.FEE_KIND
    collection: str = "before"  # mapping.FEE_COLLECTION
    code: str = ""


@dataclass(frozen=True)
class Supplement:
    """A supplement request (HoSoBoSung): what was asked, when, and when it came back."""

    supplement_id: str
    content: str
    asked_at: datetime
    asked_by: str = ""
    state: str = "waiting"  # mapping.SUPPLEMENT_STATE
    supplied_at: datetime | None = None
    received_by: str = ""
    due_before: datetime | None = None
    due_after: datetime | None = None


@dataclass(frozen=True)
class ResultDocument:
    name: str
    document_id: str
    link: str = ""
    code: str = ""
    component_code: str = ""


@dataclass(frozen=True)
class DossierRecord:
    """One dossier as the portal receives it: its state after one of its events."""

    code: str
    procedure_code: str
    procedure_name: str
    sector_code: str
    sector_name: str
    channel: str  # mapping.CHANNEL
    status: str  # mapping.STATUS
    applicant_name: str
    summary: str
    submitted_at: datetime
    deciding_agency: str
    receiving_agency: str
    applicant_kind: str = "citizen"
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    portal_account: str = ""
    received_at: datetime | None = None
    due_at: datetime | None = None
    returned_at: datetime | None = None
    returned_to: str = ""
    return_method: str = ""
    ended_at: datetime | None = None
    refused_at: datetime | None = None
    note: str = ""
    vneid_account: bool = False
    paid_online: str = "not_online"  # mapping.PAID_ONLINE
    documents: tuple[Document, ...] = ()
    fees: tuple[Fee, ...] = ()
    supplements: tuple[Supplement, ...] = ()
    results: tuple[ResultDocument, ...] = ()
    databases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    """One processing step (QuaTrinhXuLy)."""

    dossier_code: str
    officer: str
    at: datetime
    content: str
    status: str  # mapping.STATUS after the step
    role: str = ""
    department: str = ""
    started_at: datetime | None = None
    due_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _flag(value: bool) -> int:
    return 1 if value else 0


def dossier_json(record: DossierRecord) -> dict[str, Any]:
    """The dossier with the portal's field names, codes and date format."""
    digitised = any(d.digitised for d in record.documents)
    identity: list[dict[str, Any]] = []
    kind = mapping.ID_KIND.get(len(record.applicant_id_number))
    if record.applicant_id_number and kind:
        identity.append({"LoaiDinhDanh": kind, "SoDinhDanh": record.applicant_id_number})
    return {
        "MaHoSo": record.code,
        "MaTTHC": record.procedure_code,
        "TenTTHC": record.procedure_name,
        "MaLinhVuc": record.sector_code,
        "TenLinhVuc": record.sector_name,
        "KenhThucHien": mapping.CHANNEL[record.channel],
        "SoGiayToChuHoSo": record.applicant_id_number,
        "ChuHoSo": record.applicant_name,
        "LoaiDoiTuong": mapping.APPLICANT_KIND[record.applicant_kind],
        "MaDoiTuong": record.portal_account if record.channel == "online" else "",
        "ThongTinKhac": "",
        "Email": record.applicant_email,
        "Fax": "",
        "SoDienThoai": record.applicant_phone,
        "TrichYeuHoSo": record.summary[:SUMMARY_LIMIT],
        "NgayNopHoSo": date_text(record.submitted_at),
        "NgayTiepNhan": date_text(record.received_at),
        "NgayHenTra": date_text(record.due_at),
        "TrangThaiHoSo": mapping.STATUS[record.status],
        "NgayTra": date_text(record.returned_at),
        "ThongTinTra": record.returned_to,
        "HinhThuc": mapping.RETURN_METHOD.get(record.return_method),
        "NgayKetThucXuLy": date_text(record.ended_at),
        "NgayTuChoi": date_text(record.refused_at),
        "DonViXuLy": record.deciding_agency,
        "NoiNopHoSo": record.receiving_agency,
        "GhiChu": record.note,
        "HoSoCoThanhPhanSoHoa": _flag(digitised),
        "TaiKhoanDuocXacThucVoiVNeID": _flag(record.vneid_account),
        "DuocThanhToanTrucTuyen": mapping.PAID_ONLINE[record.paid_online],
        "TaiLieuNop": [
            {
                "TepDinhKemId": d.file_id,
                "TenTepDinhKem": d.name,
                "IsDeleted": d.deleted,
                "MaThanhPhanHoSo": d.component_code,
                "DuongDanTaiTepTin": d.link,
                "DuocSoHoa": _flag(d.digitised),
                "DuocTaiSuDung": mapping.REUSE[d.reuse],
                "DuocLayTuKhoDMQG": _flag(d.from_national_store),
                "MaKetQuaThayThe": d.replaced_by_result,
            }
            for d in record.documents
        ],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": f.name,
                "MaPhiLePhi": f.code,
                "HinhThucThu": mapping.FEE_COLLECTION.get(f.collection, 1),
                "Gia": f.amount,
                "LoaiPhiLePhi": mapping.FEE_KIND[f.kind],
            }
            for f in record.fees
        ],
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": [
            {
                "HoSoBoSungId": s.supplement_id,
                "NguoiYeuCauBoSung": s.asked_by,
                "NoiDungBoSung": s.content,
                "NgayBoSung": date_text(s.asked_at),
                "NguoiTiepNhanBoSung": s.received_by,
                "ThongTinTiepNhan": "",
                "NgayTiepNhanBoSung": date_text(s.supplied_at),
                "TrangThaiBoSung": mapping.SUPPLEMENT_STATE[s.state],
                "DanhSachGiayToBoSung": [],
                "DanhSachLePhiBoSung": [],
                "NgayHenTraTruoc": date_text(s.due_before),
                "NgayHenTraMoi": date_text(s.due_after),
            }
            for s in record.supplements
        ],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": r.name,
                "MaThanhPhanHoSo": r.component_code,
                "GiayToId": r.document_id,
                "DuongDanTepTinKetQua": r.link,
                "MaGiayToKetQua": r.code,
            }
            for r in record.results
        ],
        "DinhDanhCHS": identity,
        "DSKetNoiCSDL": [{"MaCSDL": code} for code in record.databases],
    }


def step_json(step: Step) -> dict[str, Any]:
    return {
        "MaHoSo": step.dossier_code,
        "NguoiXuLy": step.officer[:OFFICER_LIMIT],
        "ChucDanh": step.role,
        "ThoiDiemXuLy": date_text(step.at),
        "PhongBanXuLy": step.department,
        "NoiDungXuLy": step.content,
        "TrangThai": mapping.STATUS[step.status],
        "NgayBatDau": date_text(step.started_at),
        "NgayKetThucTheoQuyDinh": date_text(step.due_at),
    }


# --- our own check before anything is queued -----------------------------------------------------

DOSSIER_MANDATORY = (
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "ChuHoSo",
    "LoaiDoiTuong", "TrichYeuHoSo", "NgayNopHoSo", "TrangThaiHoSo", "DonViXuLy", "NoiNopHoSo",
)  # fmt: skip
DOCUMENT_MANDATORY = ("TepDinhKemId", "TenTepDinhKem")
FEE_MANDATORY = ("TenPhiLePhi", "LoaiPhiLePhi")
SUPPLEMENT_MANDATORY = ("HoSoBoSungId", "NoiDungBoSung", "NgayBoSung")
RESULT_MANDATORY = ("TenGiayTo", "GiayToId")
STEP_MANDATORY = ("MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai")


def _missing(item: dict[str, Any], names: tuple[str, ...], where: str) -> list[str]:
    return [f"{where}{name}" for name in names if item.get(name) in (None, "")]


def dossier_problems(item: dict[str, Any]) -> list[str]:
    """The mandatory fields `item` lacks (docs/dvcqg-sync.md), as "field" or "List[i].field"."""
    problems = _missing(item, DOSSIER_MANDATORY, "")
    status = item.get("TrangThaiHoSo")
    for statuses, field_name in (
        (mapping.NEEDS_RECEIVED, "NgayTiepNhan"),
        (mapping.NEEDS_APPOINTMENT, "NgayHenTra"),
        (mapping.NEEDS_ENDED, "NgayKetThucXuLy"),
        (mapping.NEEDS_RETURNED, "NgayTra"),
        (mapping.NEEDS_REFUSED, "NgayTuChoi"),
    ):
        if status in statuses and not item.get(field_name):
            problems.append(field_name)
    if len(str(item.get("TrichYeuHoSo", ""))) > SUMMARY_LIMIT:
        problems.append("TrichYeuHoSo (over 1,000 characters)")
    for key, names in (
        ("TaiLieuNop", DOCUMENT_MANDATORY),
        ("DanhSachLePhi", FEE_MANDATORY),
        ("DanhSachHoSoBoSung", SUPPLEMENT_MANDATORY),
        ("DanhSachGiayToKetQua", RESULT_MANDATORY),
    ):
        for index, sub in enumerate(item.get(key) or []):
            problems += _missing(sub, names, f"{key}[{index}].")
    return problems


def step_problems(item: dict[str, Any]) -> list[str]:
    return _missing(item, STEP_MANDATORY, "")
