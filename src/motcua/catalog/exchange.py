"""Read and check catalogue records in the exchange format (docs/catalog-format.md).

Pure code: no database. `parse_document` turns a JSON document into typed records or a list
of every problem found, each naming where it is (procedure number or sheet row) and why. The
Excel reader (`catalog/excel.py`) produces the same document shape, so both formats are checked
by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from motcua.accounts.constants import Role
from motcua.catalog.constants import (
    CODE_PATTERN,
    Channel,
    CopyKind,
    FeeKind,
    PublicationAction,
    ServiceLevel,
    TimeUnit,
)
from motcua.organisation.constants import AgencyKind, Tier

FORMAT = "motcua.catalog/1"
SHORT_TEXT = 40  # longest echo of a bad value in an error message
MAX_NUMBER = 9999  # time limits and hour budgets
MAX_QUANTITY = 100  # copies of one document
MAX_PROCEDURES = 20_000
_CODE = re.compile(CODE_PATTERN)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROCESS_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER)

PROCEDURE_KEYS = frozenset(
    {
        "MaTTHC", "MaTTHCCu", "TenTTHC", "LinhVuc", "CapThucHien", "LoaiCoQuanThucHien",
        "CoQuanThucHien", "CoQuanCoThamQuyen", "TrinhTuThucHien", "CachThucThucHien",
        "DoiTuongThucHien", "KetQuaThucHien", "KetQuaLaGiayTo", "DoiTuongLaCongDan",
        "YeuCauDieuKien", "CanCuPhapLy", "MucDoDVC", "DuDieuKienToanTrinh", "ThanhPhanHoSo",
        "MauDonToKhai", "KenhThucHien", "QuyTrinhNoiBo", "QuyetDinhCongBo", "TTHCLienQuan",
        "TTHCLienThong", "GiaDinh", "TomTat", "NgayHieuLuc", "_location",
    }
)  # fmt: skip


@dataclass(frozen=True)
class RowError:
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class LegalBasisRecord:
    reference: str
    title: str
    effective_on: date | None


@dataclass
class FormRecord:
    code: str
    name: str
    legal_source: str
    field_labels: list[str]


@dataclass
class DocumentRecord:
    name: str
    quantity: int
    copy_kind: str
    form_code: str | None
    note: str


@dataclass
class FeeRecord:
    kind: str
    description: str
    amount: int | None
    exemption: str


@dataclass
class ChannelRecord:
    channel: str
    time_limit: Decimal
    time_unit: str
    cutoff_time: time | None
    description: str
    fees: list[FeeRecord]


@dataclass
class StepRecord:
    name: str
    role: str
    budget_hours: Decimal


@dataclass
class DecisionRecord:
    number: str
    issuer: str
    signed_on: date
    action: str
    published_on: date | None


@dataclass
class ProcedureRecord:
    location: str
    code: str
    former_codes: list[str]
    name: str
    sector_code: str
    sector_name: str
    tiers: list[str]
    executing_agency_kind: str
    executing_agency: str
    deciding_authority: str
    steps: str
    methods: str
    subjects: str
    result: str
    result_is_document: bool
    subject_is_citizen: bool
    conditions: str
    plain_summary: str
    service_level: str
    eligible_full_online: bool
    valid_from: date | None
    legal_bases: list[LegalBasisRecord] = field(default_factory=list)
    forms: list[FormRecord] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    channels: list[ChannelRecord] = field(default_factory=list)
    process_steps: list[StepRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    related_codes: list[str] = field(default_factory=list)
    bundled_codes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)


class DocumentInvalidError(Exception):
    """The document has problems; nothing may be written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class _Checker:
    """Collects errors for one record while reading typed values out of it."""

    def __init__(self, location: str, errors: list[RowError]) -> None:
        self.location = location
        self.errors = errors

    def fail(self, key: str, message: str, where: str | None = None) -> None:
        self.errors.append(RowError(where or self.location, f"{key}: {message}"))

    def text(
        self, data: dict[str, Any], key: str, *, required: bool = False, max_length: int = 20_000
    ) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(key, _("must be text"))
            return ""
        value = _clean(value)
        if required and not value:
            self.fail(key, _("is required"))
        if len(value) > max_length:
            self.fail(key, _("is longer than %(limit)s characters") % {"limit": max_length})
        return str(value)

    def flag(self, data: dict[str, Any], key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, _("must be true or false"))
            return default
        return value

    def choice(self, data: dict[str, Any], key: str, allowed: Any, where: str | None = None) -> str:
        value = data.get(key)
        values = [str(v) for v in allowed.values] if hasattr(allowed, "values") else list(allowed)
        if value not in values:
            self.fail(
                key,
                _("“%(value)s” is not one of: %(allowed)s")
                % {"value": _short(value), "allowed": ", ".join(values)},
                where,
            )
            return values[0]
        return str(value)

    def day(
        self, data: dict[str, Any], key: str, *, required: bool = False, where: str | None = None
    ) -> date | None:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.fail(key, _("is required"), where)
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                key, _("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": _short(value)}, where
            )
            return None

    def items(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, _("must be a list of objects"))
            return []
        return value

    def strings(self, data: dict[str, Any], key: str) -> list[str]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, _("must be a list of text values"))
            return []
        return [_clean(v) for v in value if _clean(v)]


def _clean(value: str) -> str:
    """Drop control characters other than newlines and tabs; trim."""
    return "".join(ch for ch in value if ch in "\n\t" or (ch >= " " and ch != "\x7f")).strip()


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 3] + "…"


def _number(checker: _Checker, data: dict[str, Any], key: str, where: str) -> Decimal | None:
    value = data.get(key)
    if isinstance(value, bool) or value is None:
        checker.fail(key, _("must be a number"), where)
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        checker.fail(key, _("“%(value)s” is not a number") % {"value": _short(value)}, where)
        return None
    if not number.is_finite() or number <= 0 or number > MAX_NUMBER:
        checker.fail(key, _("must be greater than 0 and at most 9999"), where)
        return None
    return number


def hours_of(limit: Decimal, unit: str) -> Decimal:
    """A time limit in working hours: one working day is 8 hours (REGULATION.md §2.5)."""
    return limit if unit == TimeUnit.HOURS else limit * 8


def _parse_attachments(check: _Checker, data: dict[str, Any], record: ProcedureRecord) -> None:
    for item in check.items(data, "CanCuPhapLy"):
        where = item.get("_location")
        record.legal_bases.append(
            LegalBasisRecord(
                reference=check.text(item, "SoKyHieu", required=True, max_length=300),
                title=check.text(item, "TrichYeu", max_length=500),
                effective_on=check.day(item, "NgayHieuLuc", where=where),
            )
        )
    form_codes: set[str] = set()
    for item in check.items(data, "MauDonToKhai"):
        form = FormRecord(
            code=check.text(item, "Ma", required=True, max_length=40),
            name=check.text(item, "Ten", required=True, max_length=300),
            legal_source=check.text(item, "NguonPhapLy", max_length=300),
            field_labels=check.strings(item, "TruongThongTin"),
        )
        form_codes.add(form.code)
        record.forms.append(form)
    for item in check.items(data, "ThanhPhanHoSo"):
        where = item.get("_location")
        quantity = item.get("SoLuong", 1)
        if (
            isinstance(quantity, bool)
            or not isinstance(quantity, int)
            or not 1 <= quantity <= MAX_QUANTITY
        ):
            check.fail("ThanhPhanHoSo.SoLuong", _("must be a whole number from 1 to 100"), where)
            quantity = 1
        form_code = item.get("MaMau") or None
        if form_code is not None and form_code not in form_codes:
            check.fail(
                "ThanhPhanHoSo.MaMau",
                _("form “%(value)s” is not in MauDonToKhai") % {"value": _short(form_code)},
                where,
            )
            form_code = None
        record.documents.append(
            DocumentRecord(
                name=check.text(item, "Ten", required=True, max_length=1000),
                quantity=quantity,
                copy_kind=check.choice(item, "LoaiBan", CopyKind, where),
                form_code=form_code,
                note=check.text(item, "GhiChu"),
            )
        )


def _parse_channels(check: _Checker, data: dict[str, Any], record: ProcedureRecord) -> None:
    seen_channels: set[str] = set()
    for item in check.items(data, "KenhThucHien"):
        where = item.get("_location")
        channel = check.choice(item, "Kenh", Channel, where)
        if channel in seen_channels:
            check.fail(
                "KenhThucHien.Kenh",
                _("channel “%(value)s” appears twice") % {"value": channel},
                where,
            )
        seen_channels.add(channel)
        cutoff_raw = item.get("GioTiepNhanCuoi")
        cutoff = None
        if cutoff_raw not in (None, ""):
            try:
                cutoff = time.fromisoformat(str(cutoff_raw))
            except ValueError:
                check.fail(
                    "KenhThucHien.GioTiepNhanCuoi",
                    _("“%(value)s” is not a time (HH:MM)") % {"value": _short(cutoff_raw)},
                    where,
                )
        fees = []
        for fee in check.items(item, "PhiLePhi"):
            fee_where = fee.get("_location") or where
            amount = fee.get("SoTien")
            if amount is not None and (
                isinstance(amount, bool) or not isinstance(amount, int) or amount < 0
            ):
                check.fail(
                    "PhiLePhi.SoTien", _("must be a whole number of đồng, or empty"), fee_where
                )
                amount = None
            fees.append(
                FeeRecord(
                    kind=check.choice(fee, "Loai", FeeKind, fee_where),
                    description=check.text(fee, "MoTa", required=True, max_length=1000),
                    amount=amount,
                    exemption=check.text(fee, "MienGiam"),
                )
            )
        record.channels.append(
            ChannelRecord(
                channel=channel,
                time_limit=_number(check, item, "ThoiHan", where or check.location) or Decimal(1),
                time_unit=check.choice(item, "DonViThoiHan", TimeUnit, where),
                cutoff_time=cutoff,
                description=check.text(item, "MoTaThoiHan"),
                fees=fees,
            )
        )
    if not record.channels:
        check.fail("KenhThucHien", _("name at least one channel with its time limit"))


def _parse_process(check: _Checker, data: dict[str, Any], record: ProcedureRecord) -> None:
    for item in check.items(data, "QuyTrinhNoiBo"):
        where = item.get("_location") or check.location
        record.process_steps.append(
            StepRecord(
                name=check.text(item, "Ten", required=True, max_length=300),
                role=check.choice(item, "VaiTro", [str(r) for r in PROCESS_ROLES], where),
                budget_hours=_number(check, item, "SoGio", where) or Decimal(0),
            )
        )
    if record.process_steps and record.channels:
        budget = sum((s.budget_hours for s in record.process_steps), Decimal(0))
        shortest = min(hours_of(c.time_limit, c.time_unit) for c in record.channels)
        if budget > shortest:
            check.fail(
                "QuyTrinhNoiBo",
                _("the steps take %(budget)s working hours, more than the time limit (%(limit)s)")
                % {"budget": budget.normalize(), "limit": shortest.normalize()},
            )


def _parse_decisions(check: _Checker, data: dict[str, Any], record: ProcedureRecord) -> None:
    for item in check.items(data, "QuyetDinhCongBo"):
        where = item.get("_location")
        record.decisions.append(
            DecisionRecord(
                number=check.text(item, "So", required=True, max_length=100),
                issuer=check.text(item, "CoQuanBanHanh", required=True, max_length=300),
                signed_on=check.day(item, "NgayBanHanh", required=True, where=where) or date.min,
                action=check.choice(item, "HanhDong", PublicationAction, where),
                published_on=check.day(item, "NgayCongKhai", where=where),
            )
        )


def _parse_procedure(
    data: dict[str, Any], location: str, errors: list[RowError]
) -> ProcedureRecord | None:
    check = _Checker(data.get("_location") or location, errors)
    unknown = sorted(set(data) - PROCEDURE_KEYS)
    if unknown:
        check.fail(", ".join(unknown), _("unknown field"))
    code = check.text(data, "MaTTHC", required=True, max_length=10)
    if code and not _CODE.match(code):
        check.fail(
            "MaTTHC",
            _("“%(value)s” is not a procedure code like 1.004194") % {"value": _short(code)},
        )
    former = check.strings(data, "MaTTHCCu")
    for old in former:
        if not _CODE.match(old):
            check.fail(
                "MaTTHCCu",
                _("“%(value)s” is not a procedure code like 1.004194") % {"value": _short(old)},
            )
    sector = data.get("LinhVuc")
    sector_code = sector_name = ""
    if not isinstance(sector, dict):
        check.fail("LinhVuc", _("must be an object with Ma and Ten"))
    else:
        sector_code = check.text(sector, "Ma", required=True, max_length=60)
        sector_name = check.text(sector, "Ten", required=True, max_length=200)
        if sector_code and not _SLUG.match(sector_code):
            check.fail("LinhVuc.Ma", _("must be lower-case letters, digits and hyphens"))
    tiers = check.strings(data, "CapThucHien")
    if not tiers:
        check.fail("CapThucHien", _("name at least one tier"))
    for tier in tiers:
        if tier not in Tier.values:
            check.fail(
                "CapThucHien",
                _("“%(value)s” is not one of: %(allowed)s")
                % {"value": _short(tier), "allowed": ", ".join(Tier.values)},
            )
    record = ProcedureRecord(
        location=check.location,
        code=code,
        former_codes=former,
        name=check.text(data, "TenTTHC", required=True, max_length=500),
        sector_code=sector_code,
        sector_name=sector_name,
        tiers=tiers,
        executing_agency_kind=check.choice(data, "LoaiCoQuanThucHien", AgencyKind),
        executing_agency=check.text(data, "CoQuanThucHien", max_length=500),
        deciding_authority=check.text(data, "CoQuanCoThamQuyen", max_length=500),
        steps=check.text(data, "TrinhTuThucHien"),
        methods=check.text(data, "CachThucThucHien"),
        subjects=check.text(data, "DoiTuongThucHien"),
        result=check.text(data, "KetQuaThucHien"),
        result_is_document=check.flag(data, "KetQuaLaGiayTo", True),
        subject_is_citizen=check.flag(data, "DoiTuongLaCongDan", True),
        conditions=check.text(data, "YeuCauDieuKien"),
        plain_summary=check.text(data, "TomTat"),
        service_level=check.choice(data, "MucDoDVC", ServiceLevel),
        eligible_full_online=check.flag(data, "DuDieuKienToanTrinh", False),
        valid_from=check.day(data, "NgayHieuLuc"),
        related_codes=check.strings(data, "TTHCLienQuan"),
        bundled_codes=check.strings(data, "TTHCLienThong"),
        assumptions=check.strings(data, "GiaDinh"),
    )
    _parse_attachments(check, data, record)
    _parse_channels(check, data, record)
    _parse_process(check, data, record)
    _parse_decisions(check, data, record)
    return record


def parse_document(document: Any) -> list[ProcedureRecord]:
    """Check a whole document; return its records, or raise `DocumentInvalidError` (all errors)."""
    errors: list[RowError] = []
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DocumentInvalidError(
            [
                RowError(
                    _("file"),
                    _("this is not a catalogue file (format “%(format)s” expected)")
                    % {"format": FORMAT},
                )
            ]
        )
    raw = document.get("procedures")
    if not isinstance(raw, list) or not raw:
        raise DocumentInvalidError([RowError(_("file"), _("the file holds no procedures"))])
    if len(raw) > MAX_PROCEDURES:
        raise DocumentInvalidError(
            [
                RowError(
                    _("file"),
                    _("at most %(limit)s procedures per file") % {"limit": MAX_PROCEDURES},
                )
            ]
        )
    records: list[ProcedureRecord] = []
    for index, item in enumerate(raw, start=1):
        location = _("procedure no. %(index)s") % {"index": index}
        if not isinstance(item, dict):
            errors.append(RowError(location, _("must be an object")))
            continue
        record = _parse_procedure(item, location, errors)
        if record is not None:
            records.append(record)
    seen: dict[str, str] = {}
    for record in records:
        for code in [record.code, *record.former_codes]:
            if code in seen:
                errors.append(
                    RowError(
                        record.location,
                        _("code %(code)s also appears at %(other)s")
                        % {"code": code, "other": seen[code]},
                    )
                )
            seen[code] = record.location
    if errors:
        raise DocumentInvalidError(errors)
    return records


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def record_to_json(record: ProcedureRecord) -> dict[str, Any]:
    """The exchange-format object of a record (the inverse of parsing)."""
    data: dict[str, Any] = {
        "MaTTHC": record.code,
        "MaTTHCCu": record.former_codes,
        "TenTTHC": record.name,
        "LinhVuc": {"Ma": record.sector_code, "Ten": record.sector_name},
        "CapThucHien": record.tiers,
        "LoaiCoQuanThucHien": record.executing_agency_kind,
        "CoQuanThucHien": record.executing_agency,
        "CoQuanCoThamQuyen": record.deciding_authority,
        "TrinhTuThucHien": record.steps,
        "CachThucThucHien": record.methods,
        "DoiTuongThucHien": record.subjects,
        "KetQuaThucHien": record.result,
        "KetQuaLaGiayTo": record.result_is_document,
        "DoiTuongLaCongDan": record.subject_is_citizen,
        "YeuCauDieuKien": record.conditions,
        "TomTat": record.plain_summary,
        "MucDoDVC": record.service_level,
        "DuDieuKienToanTrinh": record.eligible_full_online,
        "NgayHieuLuc": _day(record.valid_from),
        "CanCuPhapLy": [
            {"SoKyHieu": b.reference, "TrichYeu": b.title, "NgayHieuLuc": _day(b.effective_on)}
            for b in record.legal_bases
        ],
        "MauDonToKhai": [
            {
                "Ma": f.code,
                "Ten": f.name,
                "NguonPhapLy": f.legal_source,
                "TruongThongTin": f.field_labels,
            }
            for f in record.forms
        ],
        "ThanhPhanHoSo": [
            {
                "Ten": d.name,
                "SoLuong": d.quantity,
                "LoaiBan": d.copy_kind,
                "MaMau": d.form_code,
                "GhiChu": d.note,
            }
            for d in record.documents
        ],
        "KenhThucHien": [
            {
                "Kenh": c.channel,
                "ThoiHan": _num(c.time_limit),
                "DonViThoiHan": c.time_unit,
                "GioTiepNhanCuoi": c.cutoff_time.strftime("%H:%M") if c.cutoff_time else None,
                "MoTaThoiHan": c.description,
                "PhiLePhi": [
                    {
                        "Loai": f.kind,
                        "MoTa": f.description,
                        "SoTien": f.amount,
                        "MienGiam": f.exemption,
                    }
                    for f in c.fees
                ],
            }
            for c in sorted(record.channels, key=lambda c: c.channel)
        ],
        "QuyTrinhNoiBo": [
            {"Ten": s.name, "VaiTro": s.role, "SoGio": _num(s.budget_hours)}
            for s in record.process_steps
        ],
        "QuyetDinhCongBo": [
            {
                "So": d.number,
                "CoQuanBanHanh": d.issuer,
                "NgayBanHanh": _day(d.signed_on),
                "HanhDong": d.action,
                "NgayCongKhai": _day(d.published_on),
            }
            for d in record.decisions
        ],
        "TTHCLienQuan": sorted(record.related_codes),
        "TTHCLienThong": sorted(record.bundled_codes),
        "GiaDinh": record.assumptions,
    }
    return data
