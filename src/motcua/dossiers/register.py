"""Sổ theo dõi hồ sơ (Mẫu 06 of TT 01/2018, Mẫu 07 of TT 03/2025) as an Excel workbook.

Written in openpyxl's write-only mode, row by row from a server-side cursor, so a year of a
busy desk (tens of thousands of rows) does not sit in memory.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from motcua.dossiers.models import Dossier

HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Kênh",
    "Ngày, giờ nhận hồ sơ",
    "Ngày, giờ hẹn trả kết quả",
    "Ngày hẹn lại (xin lỗi)",
    "Trạng thái",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Người nhận kết quả",
    "Ghi chú",
)
WIDTHS = (6, 26, 48, 10, 26, 34, 34, 12, 17, 17, 17, 20, 17, 17, 22, 30)


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""


def register_workbook(*, dossiers: QuerySet[Dossier], start: date, end: date) -> bytes:
    from django.utils import translation

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("So theo doi")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    title = WriteOnlyCell(sheet, value=f"SỔ THEO DÕI HỒ SƠ từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}")
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    rows = (
        dossiers.select_related("procedure_version", "deciding_agency", "result")
        .order_by("received_at", "pk")
        .iterator(chunk_size=2000)
    )
    with translation.override("vi"):
        for number, dossier in enumerate(rows, start=1):
            result = getattr(dossier, "result", None)
            moved = dossier.due_at if dossier.extension_count else None
            sheet.append(
                [
                    number,
                    dossier.code,
                    dossier.procedure_version.name,
                    dossier.copies,
                    dossier.applicant_name,
                    ", ".join(p for p in (dossier.applicant_address, dossier.applicant_phone) if p),
                    dossier.deciding_agency.name,
                    str(dossier.get_channel_display()),
                    _local(dossier.received_at),
                    _local(dossier.original_due_at),
                    _local(moved),
                    str(dossier.get_status_display()),
                    _local(dossier.resolved_at),
                    _local(dossier.returned_at),
                    result.received_by_name if result else "",
                    "",
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
