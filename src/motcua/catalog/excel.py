"""The catalogue as an Excel workbook: one sheet per list, rows keyed by the procedure code.

Sheets and columns mirror the JSON exchange format (docs/catalog-format.md). Reading turns a
workbook into the same document `exchange.parse_document` checks, each item tagged with its
sheet and row so an error names the cell's row.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from motcua.catalog.exchange import FORMAT, RowError

MAIN = "TTHC"
SHEETS: dict[str, list[str]] = {
    MAIN: [
        "MaTTHC", "MaTTHCCu", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "CapThucHien",
        "LoaiCoQuanThucHien", "CoQuanThucHien", "CoQuanCoThamQuyen", "TrinhTuThucHien",
        "CachThucThucHien", "DoiTuongThucHien", "KetQuaThucHien", "KetQuaLaGiayTo",
        "DoiTuongLaCongDan", "YeuCauDieuKien", "TomTat", "MucDoDVC", "DuDieuKienToanTrinh",
        "NgayHieuLuc", "TTHCLienQuan", "TTHCLienThong", "GiaDinh",
    ],
    "ThanhPhanHoSo": ["MaTTHC", "Ten", "SoLuong", "LoaiBan", "MaMau", "GhiChu"],
    "KenhThucHien": ["MaTTHC", "Kenh", "ThoiHan", "DonViThoiHan", "GioTiepNhanCuoi", "MoTaThoiHan"],
    "PhiLePhi": ["MaTTHC", "Kenh", "Loai", "MoTa", "SoTien", "MienGiam"],
    "MauDonToKhai": ["MaTTHC", "Ma", "Ten", "NguonPhapLy", "TruongThongTin"],
    "CanCuPhapLy": ["MaTTHC", "SoKyHieu", "TrichYeu", "NgayHieuLuc"],
    "QuyTrinhNoiBo": ["MaTTHC", "Ten", "VaiTro", "SoGio"],
    "QuyetDinhCongBo": ["MaTTHC", "So", "CoQuanBanHanh", "NgayBanHanh", "HanhDong", "NgayCongKhai"],
}  # fmt: skip
REQUIRED_SHEETS = (MAIN, "ThanhPhanHoSo", "KenhThucHien")
LIST_COLUMNS = {"MaTTHCCu", "CapThucHien", "TTHCLienQuan", "TTHCLienThong"}
LINE_COLUMNS = {"GiaDinh", "TruongThongTin"}
FLAG_COLUMNS = {"KetQuaLaGiayTo", "DoiTuongLaCongDan", "DuDieuKienToanTrinh"}
DATE_COLUMNS = {"NgayHieuLuc", "NgayBanHanh", "NgayCongKhai"}
MAX_ROWS = 200_000
_YES = {"true", "1", "x", "có", "co", "yes"}
_NO = {"false", "0", "", "không", "khong", "no"}


class WorkbookInvalidError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _where(sheet: str, row: int) -> str:
    return _("sheet “%(sheet)s”, row %(row)s") % {"sheet": sheet, "row": row}


def _cell(column: str, value: Any) -> Any:  # noqa: PLR0911 - one return per kind of column
    if isinstance(value, str):
        value = value.strip()
    if column in LIST_COLUMNS:
        return [v.strip() for v in str(value or "").replace(";", ",").split(",") if v.strip()]
    if column in LINE_COLUMNS:
        return [v.strip() for v in str(value or "").splitlines() if v.strip()]
    if column in FLAG_COLUMNS:
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().lower()
        return True if text in _YES else False if text in _NO else value
    if column in DATE_COLUMNS:
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        return value or None
    if column == "GioTiepNhanCuoi":
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return value or None
    if column in {"SoLuong", "SoTien"} and isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None and column in {"SoTien", "MaMau"}:
        return None
    return "" if value is None else value


def _rows(workbook: Any, sheet: str, errors: list[RowError]) -> list[tuple[int, dict[str, Any]]]:
    if sheet not in workbook.sheetnames:
        if sheet in REQUIRED_SHEETS:
            errors.append(RowError(_("file"), _("sheet “%(sheet)s” is missing") % {"sheet": sheet}))
        return []
    rows = workbook[sheet].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    missing = [c for c in SHEETS[sheet] if c not in header]
    if missing:
        errors.append(
            RowError(
                _where(sheet, 1),
                _("columns missing: %(columns)s") % {"columns": ", ".join(missing)},
            )
        )
        return []
    result = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            errors.append(RowError(_where(sheet, number), _("too many rows")))
            break
        if values is None or all(
            v is None or (isinstance(v, str) and not v.strip()) for v in values
        ):
            continue
        data = {
            c: _cell(c, values[header.index(c)] if header.index(c) < len(values) else None)
            for c in SHEETS[sheet]
        }
        result.append((number, data))
    return result


def document_from_workbook(content: bytes) -> dict[str, Any]:
    """A workbook as an exchange document, or `WorkbookInvalidError` (layout errors)."""
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    errors: list[RowError] = []
    procedures: dict[str, dict[str, Any]] = {}
    order: list[dict[str, Any]] = []
    for number, row in _rows(workbook, MAIN, errors):
        code = str(row.pop("MaTTHC") or "")
        sector = {"Ma": row.pop("MaLinhVuc"), "Ten": row.pop("TenLinhVuc")}
        item = {"MaTTHC": code, "LinhVuc": sector, **row, "_location": _where(MAIN, number)}
        for key in (
            "ThanhPhanHoSo",
            "KenhThucHien",
            "MauDonToKhai",
            "CanCuPhapLy",
            "QuyTrinhNoiBo",
            "QuyetDinhCongBo",
        ):
            item[key] = []
        if code in procedures:
            errors.append(
                RowError(_where(MAIN, number), _("code %(code)s appears twice") % {"code": code})
            )
        procedures[code] = item
        order.append(item)
    channels: dict[tuple[str, str], dict[str, Any]] = {}
    for sheet in (
        "ThanhPhanHoSo",
        "KenhThucHien",
        "MauDonToKhai",
        "CanCuPhapLy",
        "QuyTrinhNoiBo",
        "QuyetDinhCongBo",
    ):
        for number, row in _rows(workbook, sheet, errors):
            code = str(row.pop("MaTTHC") or "")
            if code not in procedures:
                errors.append(
                    RowError(
                        _where(sheet, number),
                        _("procedure %(code)s is not on sheet TTHC") % {"code": code},
                    )
                )
                continue
            row["_location"] = _where(sheet, number)
            if sheet == "KenhThucHien":
                row["PhiLePhi"] = []
                channels[(code, str(row["Kenh"]))] = row
            procedures[code][sheet].append(row)
    for number, row in _rows(workbook, "PhiLePhi", errors):
        fee_key = (str(row.pop("MaTTHC") or ""), str(row.pop("Kenh") or ""))
        if fee_key not in channels:
            errors.append(
                RowError(
                    _where("PhiLePhi", number),
                    _("no channel %(channel)s for procedure %(code)s on sheet KenhThucHien")
                    % {"channel": fee_key[1], "code": fee_key[0]},
                )
            )
            continue
        row["_location"] = _where("PhiLePhi", number)
        channels[fee_key]["PhiLePhi"].append(row)
    workbook.close()
    if errors:
        raise WorkbookInvalidError(errors)
    return {"format": FORMAT, "procedures": order}


def _out(value: Any) -> Any:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return value


def workbook_from_document(document: dict[str, Any]) -> bytes:
    """Write an exchange document as a workbook with the layout `document_from_workbook` reads."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {}
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheets[name] = sheet
    for p in document["procedures"]:
        code = p["MaTTHC"]
        row = {**p, "MaLinhVuc": p["LinhVuc"]["Ma"], "TenLinhVuc": p["LinhVuc"]["Ten"]}
        values = []
        for column in SHEETS[MAIN]:
            value = row.get(column)
            values.append(", ".join(value or []) if column in LIST_COLUMNS else _out(value))
        sheets[MAIN].append(values)
        for sheet in (
            "ThanhPhanHoSo",
            "MauDonToKhai",
            "CanCuPhapLy",
            "QuyTrinhNoiBo",
            "QuyetDinhCongBo",
        ):
            for item in p.get(sheet, []):
                sheets[sheet].append([code, *(_out(item.get(c)) for c in SHEETS[sheet][1:])])
        for channel in p.get("KenhThucHien", []):
            sheets["KenhThucHien"].append(
                [code, *(_out(channel.get(c)) for c in SHEETS["KenhThucHien"][1:])]
            )
            for fee in channel.get("PhiLePhi", []):
                sheets["PhiLePhi"].append(
                    [code, channel["Kenh"], *(_out(fee.get(c)) for c in SHEETS["PhiLePhi"][2:])]
                )
    for sheet in sheets.values():
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=False, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
