"""The 766 report as an Excel workbook and as a PDF (WeasyPrint): the scorecard, the period
comparison, the ranking and the status-report tables (Bảng 1–9). Always in Vietnamese, like
every document the province files."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from motcua.core.pdf import pdf_from_html
from motcua.quality.selectors import ComparisonRow, RankRow, Scorecard
from motcua.quality.selectors.status import LevelRow, VolumeRow

BANDS_VI = {
    "excellent": "Xuất sắc",
    "good": "Tốt",
    "fair": "Khá",
    "average": "Trung bình",
    "weak": "Yếu",
}


@dataclass(frozen=True)
class Report:
    card: Scorecard
    other: Scorecard
    comparison: list[ComparisonRow]
    ranking: list[RankRow]
    ranking_title: str
    levels: list[LevelRow]
    by_tier: list[VolumeRow]
    by_procedure: list[VolumeRow]
    made_at: datetime


def _num(value: Any) -> Any:
    return None if value is None else float(value)


def _sheet(
    book: Workbook, title: str, heading: str, headers: list[str], widths: list[int]
) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A3"
    return sheet


def report_xlsx(report: Report) -> bytes:
    with translation.override("vi"):
        return _xlsx(report)


def _xlsx(report: Report) -> bytes:
    card = report.card
    book = Workbook()
    book.remove(book.active)
    sheet = _sheet(
        book,
        "Bảng điểm",
        f"Chỉ số phục vụ theo QĐ 766 – {card.scope.label} – {card.period.label} "
        f"(số liệu đến {card.until:%d/%m/%Y})",
        [
            "Nhóm / chỉ tiêu",
            "STT",
            "Tử số",
            "Mẫu số",
            "Tỷ lệ (%)",
            "Điểm",
            "Điểm tối đa",
            "Ghi chú",
        ],
        [60, 6, 12, 12, 10, 9, 11, 40],
    )
    for group in card.groups:
        sheet.append(
            [
                str(group.group.label),
                "",
                None,
                None,
                None,
                _num(group.score.value),
                _num(group.score.max_score),
                group.score.reason,
            ]
        )
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for row in group.metrics:
            sheet.append(
                [
                    f"  {row.metric.name}",
                    row.metric.number,
                    _num(row.numerator),
                    _num(row.denominator),
                    _num(row.percent),
                    _num(row.score.value),
                    _num(row.metric.max_score),
                    row.score.reason,
                ]
            )
    sheet.append(
        [
            "Tổng điểm",
            "",
            None,
            None,
            None,
            _num(card.total.value),
            _num(card.total.max_score),
            BANDS_VI.get(card.band, ""),
        ]
    )
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)

    sheet = _sheet(
        book,
        "So sánh kỳ",
        f"So sánh {report.other.period.label} và {card.period.label} – {card.scope.label}",
        [
            "Nhóm chỉ số / chỉ tiêu",
            f"Tỷ lệ {report.other.period.label} (%)",
            f"Điểm {report.other.period.label}",
            f"Tỷ lệ {card.period.label} (%)",
            f"Điểm {card.period.label}",
            "Tăng/giảm điểm",
        ],
        [60, 16, 14, 16, 14, 14],
    )
    for c in report.comparison:
        sheet.append(
            [
                c.label if c.is_group else f"  {c.number} {c.label}",
                _num(c.percent_a),
                _num(c.score_a),
                _num(c.percent_b),
                _num(c.score_b),
                _num(c.change),
            ]
        )
        if c.is_group:
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)

    sheet = _sheet(
        book,
        "Xếp hạng",
        f"{report.ranking_title} – {card.period.label}",
        ["Hạng", "Hạng kỳ trước", "Đơn vị", "Tổng điểm", "Xếp loại", "Hồ sơ tiếp nhận"],
        [8, 12, 50, 12, 14, 14],
    )
    for r in report.ranking:
        sheet.append(
            [
                r.rank,
                r.previous_rank,
                r.card.scope.label,
                _num(r.card.total.value),
                BANDS_VI.get(r.card.band, ""),
                r.card.received,
            ]
        )

    sheet = _sheet(
        book,
        "Bảng 1",
        "Bảng 1. Số TTHC theo cấp và mức độ cung cấp dịch vụ công trực tuyến",
        ["Cấp", "Tổng số TTHC", "DVCTT toàn trình", "DVCTT một phần", "Trực tiếp"],
        [20, 14, 18, 18, 12],
    )
    for lv in report.levels:
        sheet.append([lv.tier, lv.total, lv.full_online, lv.partial_online, lv.in_person])

    sheet = _sheet(
        book,
        "Bảng 2-3",
        f"Bảng 2–3. Tình hình giải quyết hồ sơ theo cấp – {card.period.label}",
        ["Cấp", "Tổng số hồ sơ", "Đúng hạn", "Trễ hạn", "Tồn cuối kỳ", "Tỷ lệ đúng hạn (%)"],
        [20, 14, 12, 12, 12, 16],
    )
    for v in report.by_tier:
        sheet.append([v.label, v.total, v.on_time, v.late, v.backlog, v.on_time_percent])

    sheet = _sheet(
        book,
        "Bảng 4-9",
        f"Bảng 4–9. Hồ sơ theo thủ tục, trực tuyến và trực tiếp – {card.period.label}",
        ["Mã TTHC", "Tên thủ tục", "Hình thức", "Tổng số", "Đúng hạn", "Trễ hạn", "Tồn"],
        [12, 60, 16, 10, 10, 10, 10],
    )
    for v in report.by_procedure:
        sheet.append([v.code, v.label, v.channel, v.total, v.on_time, v.late, v.backlog])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_html(report: Report) -> str:
    with translation.override("vi"):
        return render_to_string(
            "quality/report_pdf.html",
            {
                "r": report,
                "band": BANDS_VI.get(report.card.band, ""),
                "made_at": timezone.localtime(report.made_at),
            },
        )


def report_pdf(report: Report) -> bytes:
    return pdf_from_html(report_html(report))
