"""The printed forms of a dossier, as PDF (REGULATION.md §2.3, §2.4).

Mẫu 01 receipt and appointment slip, Mẫu 02 supplement request, Mẫu 03 refusal (and the notice
refusing the request after examination), Mẫu 04 apology and new date, the stop or withdrawal
notice (Mẫu 05 of TT 03/2025) and the control sheet. The forms are Vietnamese legal documents:
their wording sits in `templates/dossiers/pdf/` in Vietnamese and is not translated; the few
labels chosen from code (form of a copy, fee mode, timeliness) are the forms' wording too.

Rendering never touches the network: the barcode and the QR code are SVG built here, embedded as
`data:` URIs, and WeasyPrint's fetcher accepts nothing else. Times print in the local time zone.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import barcode  # type: ignore[import-untyped]
import qrcode  # type: ignore[import-untyped]
from barcode.writer import SVGWriter  # type: ignore[import-untyped]
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from qrcode.image.svg import SvgPathImage  # type: ignore[import-untyped]

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.catalog.constants import Channel, CopyKind, FeeCollection
from motcua.catalog.models import ChannelTerms
from motcua.catalog.selectors import time_limit_text
from motcua.core.money import vnd
from motcua.core.pdf import pdf_from_html
from motcua.dossiers.constants import (
    ApologyStatus,
    DossierStatus,
    RefusalReason,
    RefusalStage,
    ReturnMethod,
    StepKind,
    StepResult,
    Timeliness,
    Transition,
)
from motcua.dossiers.models import (
    ApologyLetter,
    Dossier,
    DossierEvent,
    Refusal,
    SupplementRequest,
)
from motcua.dossiers.selectors import StepRow, dossier_steps
from motcua.organisation.models import Agency

# --- the forms' wording for values chosen in code ----------------------------------------------

COPY_KIND_TEXT: dict[str, str] = {
    CopyKind.ORIGINAL: "Bản chính",
    CopyKind.CERTIFIED_COPY: "Bản sao chứng thực",
    CopyKind.COPY: "Bản sao (photo)",
    CopyKind.ORIGINAL_OR_CERTIFIED: "Bản chính hoặc bản sao chứng thực",
    CopyKind.PRESENTED: "Xuất trình bản chính",
}
FEE_TEXT: dict[str, str] = {
    FeeCollection.BEFORE: "Thu trước",
    FeeCollection.AFTER: "Thu sau",
    FeeCollection.NONE: "Không thu phí, lệ phí",
}
TIMELINESS_TEXT: dict[str, str] = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
}
ROLE_TEXT: dict[str, str] = {
    Role.DESK_OFFICER: "Công chức Bộ phận Một cửa",
    Role.SPECIALIST: "Công chức chuyên môn",
    Role.LEADER: "Lãnh đạo",
}
# Used only while the `vi` catalogue lacks a reason's label: the applicant must read Vietnamese.
REFUSAL_REASON_TEXT: dict[str, str] = {
    RefusalReason.NOT_COMPETENT: "Không thuộc thẩm quyền giải quyết của cơ quan",
    RefusalReason.INELIGIBLE_SUBJECT: (
        "Người yêu cầu không thuộc đối tượng thực hiện thủ tục hành chính"
    ),
    RefusalReason.CONDITIONS_NOT_MET: "Không đáp ứng điều kiện thực hiện thủ tục hành chính",
    RefusalReason.INVALID_DOCUMENTS: (
        "Giấy tờ trong hồ sơ không hợp lệ, không trung thực hoặc đã hết hiệu lực"
    ),
    RefusalReason.INCOMPLETE_AFTER_SUPPLEMENT: (
        "Hồ sơ vẫn chưa đầy đủ sau khi đã được yêu cầu bổ sung, hoàn thiện"
    ),
    RefusalReason.LEGAL_PROHIBITION: "Pháp luật không cho phép thực hiện yêu cầu",
    RefusalReason.DISPUTE: (
        "Đối tượng của yêu cầu đang có tranh chấp hoặc đang được Tòa án giải quyết"
    ),
    RefusalReason.OTHER: "Lý do khác",
}
_UNIT_PREFIXES = ("Thành phố ", "Thị trấn ", "Phường ", "Đặc khu ", "Tỉnh ", "Xã ")
_DAYS_WITH_ZERO = 10  # NĐ 30/2020 Phụ lục I: days below 10 and months 1, 2 take a leading zero
_MONTHS_WITH_ZERO = 3


# --- codes ---------------------------------------------------------------------------------------


def qr_svg(text: str) -> str:
    """A standalone SVG of the QR code of `text` (one path; pure Python, no image library)."""
    image = qrcode.make(text, image_factory=SvgPathImage, box_size=10, border=2)
    svg: str = image.to_string(encoding="unicode")
    return svg


def barcode_svg(text: str) -> str:
    """A standalone SVG of the Code 128 barcode of `text`, without the human-readable line."""
    buffer = io.BytesIO()
    code = barcode.get("code128", text, writer=SVGWriter())
    code.write(
        buffer,
        options={"write_text": False, "module_width": 0.25, "module_height": 9, "quiet_zone": 1},
    )
    return buffer.getvalue().decode()


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def tracking_url(dossier: Dossier) -> str:
    return str(settings.MOTCUA_TRACKING_URL).format(code=dossier.code or "")


# --- wording of dates, people and bodies ---------------------------------------------------------


def clock_text(value: datetime | None) -> str:
    """'09 giờ 05 phút' in local time; dotted blanks, to fill in by hand, when unknown."""
    if value is None:
        return "…… giờ …… phút"
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút"


def day_text(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else "……/……/………"


def when_text(value: datetime | None) -> str:
    """'09 giờ 05 phút, ngày 02/03/2026', the way the forms print a moment."""
    return f"{clock_text(value)}, ngày {day_text(value)}"


def _dated(place: str, value: datetime | None) -> str:
    """The place-and-date line of an administrative document (NĐ 30/2020/NĐ-CP, Phụ lục I)."""
    if value is None:
        return f"{place}, ngày …… tháng …… năm ………"
    local = timezone.localtime(value)
    day = f"{local.day:02d}" if local.day < _DAYS_WITH_ZERO else str(local.day)
    month = f"{local.month:02d}" if local.month < _MONTHS_WITH_ZERO else str(local.month)
    return f"{place}, ngày {day} tháng {month} năm {local.year}"


def _place(agency: Agency) -> str:
    unit = agency.unit
    name = unit.short_name or unit.name
    for prefix in _UNIT_PREFIXES:
        name = name.removeprefix(prefix)
    return name


def _name(user: User | None) -> str:
    return user.display_name if user is not None else ""


def refusal_reason_text(reason: str) -> str:
    """The reason's label in Vietnamese: the `vi` catalogue's, else the form's own wording."""
    label = RefusalReason(reason).label
    with translation.override("vi"):
        vietnamese = str(label)
    with translation.override("en"):
        untranslated = str(label)
    if vietnamese == untranslated:
        return REFUSAL_REASON_TEXT[reason]
    return vietnamese


@dataclass(frozen=True)
class Header:
    """Top-left block (the body that issues the form) and the place-and-date line."""

    superior: str
    issuer: tuple[str, ...]  # lines, in capitals
    dated: str


def _issuer_lines(name: str) -> tuple[str, ...]:
    """'ỦY BAN NHÂN DÂN' on its own line, as on the people's committees' own papers."""
    head = "Ủy ban nhân dân "
    if name.lower().startswith(head.lower()):
        return (head.strip().upper(), name[len(head) :].upper())
    return (name.upper(),)


def _desk_header(dossier: Dossier, at: datetime | None) -> Header:
    agency = dossier.receiving_agency
    return Header(
        superior=agency.name.upper(),
        issuer=("BỘ PHẬN MỘT CỬA",),
        dated=_dated(_place(agency), at),
    )


def agency_header(agency: Agency, at: datetime | None) -> Header:
    superior = agency.parent.name.upper() if agency.parent is not None else ""
    return Header(
        superior=superior, issuer=_issuer_lines(agency.name), dated=_dated(_place(agency), at)
    )


def _terms(dossier: Dossier) -> ChannelTerms | None:
    terms = {t.channel: t for t in dossier.procedure_version.channels.all()}
    return (
        terms.get(dossier.channel)
        or terms.get(Channel.IN_PERSON)
        or next(iter(terms.values()), None)
    )


def _return_place(dossier: Dossier) -> str:
    desk = dossier.receiving_desk
    if dossier.return_method == ReturnMethod.POSTAL:
        return f"Qua dịch vụ bưu chính công ích, tại địa chỉ: {dossier.applicant_address or '……'}"
    if dossier.return_method == ReturnMethod.ONLINE:
        return "Trực tuyến, trên Cổng Dịch vụ công (bản điện tử của kết quả)"
    if desk is None:
        return dossier.receiving_agency.name
    return ", ".join(part for part in (desk.name, desk.address) if part)


def _dossier_context(dossier: Dossier) -> dict[str, Any]:
    """What every form says about the dossier and the person it belongs to."""
    version = dossier.procedure_version
    return {
        "dossier": dossier,
        "procedure_name": version.name,
        "procedure_code": version.procedure.code,
        "subject": dossier.subject or version.name,
        "received_at": when_text(dossier.received_at),
        "received_day": day_text(dossier.received_at),
        "due_at": when_text(dossier.due_at),
        "desk": dossier.receiving_desk,
    }


# --- rendering -----------------------------------------------------------------------------------


def _render(template: str, context: dict[str, Any]) -> str:
    # The forms are Vietnamese whatever the officer's interface language is.
    with translation.override("vi"):
        return render_to_string(f"dossiers/pdf/{template}", context)


# --- Mẫu 01 --------------------------------------------------------------------------------------


def receipt_html(*, dossier: Dossier) -> str:
    """Mẫu 01, giấy tiếp nhận hồ sơ và hẹn trả kết quả, as HTML (REGULATION §2.3)."""
    if dossier.received_at is None or not dossier.code:
        raise ValueError("Only a received dossier has a receipt.")
    terms = _terms(dossier)
    with translation.override("vi"):  # the unit's label is a lazy translation
        time_limit = time_limit_text(terms) if terms else "……"
    url = tracking_url(dossier)
    documents = [
        {"name": d.name, "quantity": d.quantity, "copy": COPY_KIND_TEXT.get(d.copy_kind, "")}
        for d in dossier.documents.all()
    ]
    return _render(
        "receipt.html",
        {
            **_dossier_context(dossier),
            "header": _desk_header(dossier, dossier.received_at),
            "barcode": svg_data_uri(barcode_svg(dossier.code)),
            "qr": svg_data_uri(qr_svg(url)),
            "tracking_url": url,
            "documents": documents,
            "time_limit": time_limit,
            "fee": fee_text(dossier),
            "fee_lines": fee_lines_text(dossier),
            "return_place": _return_place(dossier),
            "officer": _name(dossier.received_by),
        },
    )


def fee_text(dossier: Dossier) -> str:
    """Item 6 of the receipt: the amount, when it is paid, and whether it was."""
    if dossier.fee_total == 0:
        if dossier.fee_lines:  # every line exempted
            return "Miễn phí, lệ phí"
        return FEE_TEXT.get(dossier.fee_collection, "")
    text = f"{vnd(dossier.fee_total)} ({FEE_TEXT.get(dossier.fee_collection, '').lower()}"
    if dossier.fees_paid_at:
        paid = timezone.localtime(dossier.fees_paid_at).strftime("%H:%M ngày %d/%m/%Y")
        text += f"; đã nộp lúc {paid}"
    return text + ")"


def fee_lines_text(dossier: Dossier) -> list[str]:
    """One line per fee, with the reduction and its reason; the online reduction last."""
    lines = []
    for line in dossier.fee_lines:
        text = str(line.get("description", ""))
        if line.get("unit_label"):
            text += f": {vnd(int(line['unit_amount']))} × {line['quantity']} {line['unit_label']}"
        text += f" = {vnd(int(line['gross']))}"
        if line.get("reduction"):
            how = "miễn" if line.get("rule_kind") == "exemption" else f"giảm {line['percent']}%"
            text += f", {how} ({line['rule_name']}): còn {vnd(int(line['net']))}"
        lines.append(text)
    if dossier.fee_online_saving:
        lines.append(
            f"Nộp trực tuyến: giảm {vnd(dossier.fee_online_saving)} so với nộp trực tiếp "
            f"({vnd(dossier.fee_total + dossier.fee_online_saving)})"
        )
    return lines


def receipt_pdf(*, dossier: Dossier) -> bytes:
    return pdf_from_html(receipt_html(dossier=dossier))


# --- Mẫu 02 --------------------------------------------------------------------------------------


def supplement_pdf(*, request: SupplementRequest) -> bytes:
    """Mẫu 02, phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; a second request says so."""
    dossier = request.dossier
    # Before receipt the desk asks; afterwards the agency that examines the dossier.
    if request.status_before == DossierStatus.SUBMITTED:
        header = _desk_header(dossier, request.requested_at)
    else:
        header = agency_header(dossier.deciding_agency, request.requested_at)
    reasons = [
        {"document": str(item.get("document", "")), "reason": str(item.get("reason", ""))}
        for item in request.reasons
    ]
    html = _render(
        "supplement.html",
        {
            **_dossier_context(dossier),
            "header": header,
            "request": request,
            "reasons": reasons,
            "requested_at": when_text(request.requested_at),
            "officer": _name(request.requested_by),
        },
    )
    return pdf_from_html(html)


# --- Mẫu 03 --------------------------------------------------------------------------------------


def refusal_pdf(*, refusal: Refusal) -> bytes:
    """Mẫu 03 at receipt; after examination, the notice refusing the request."""
    dossier = refusal.dossier
    at_receipt = refusal.stage == RefusalStage.RECEIPT
    header = (
        _desk_header(dossier, refusal.refused_at)
        if at_receipt
        else agency_header(dossier.deciding_agency, refusal.refused_at)
    )
    html = _render(
        "refusal.html",
        {
            **_dossier_context(dossier),
            "header": header,
            "at_receipt": at_receipt,
            "reason": refusal_reason_text(refusal.reason),
            "details": refusal.details,
            "refused_at": when_text(refusal.refused_at),
            "officer": _name(refusal.refused_by),
        },
    )
    return pdf_from_html(html)


# --- Mẫu 04 --------------------------------------------------------------------------------------


def apology_pdf(*, letter: ApologyLetter) -> bytes:
    """Mẫu 04, phiếu xin lỗi và hẹn lại ngày trả kết quả; a letter not approved is a draft."""
    dossier = letter.dossier
    approved = letter.status == ApologyStatus.APPROVED
    mark = {ApologyStatus.DRAFT: "DỰ THẢO", ApologyStatus.WITHDRAWN: "ĐÃ THU HỒI"}
    html = _render(
        "apology.html",
        {
            **_dossier_context(dossier),
            "header": agency_header(letter.responsible_agency, letter.approved_at),
            "letter": letter,
            "approved": approved,
            "mark": mark.get(ApologyStatus(letter.status), ""),
            "due_before": when_text(letter.due_at_before),
            "new_due": when_text(letter.new_due_at),
            "leader": _name(letter.approved_by) if approved else "",
        },
    )
    return pdf_from_html(html)


# --- stop or withdrawal --------------------------------------------------------------------------


def _last_event(dossier: Dossier, transition: Transition) -> DossierEvent | None:
    return (
        dossier.events.filter(transition=transition)
        .select_related("actor")
        .order_by("-sequence")
        .first()
    )


def _stop_context(dossier: Dossier) -> dict[str, Any]:
    """The leader's decision to stop: the reason from the taxonomy and its details."""
    event = _last_event(dossier, Transition.STOP)
    refusal = dossier.refusals.select_related("refused_by").order_by("refused_at", "pk").last()
    at = refusal.refused_at if refusal else (event.occurred_at if event else dossier.closed_at)
    return {
        "stopped": True,
        "header": agency_header(dossier.deciding_agency, at),
        "closed_at": when_text(at),
        "reason": refusal_reason_text(refusal.reason) if refusal else "",
        "details": refusal.details if refusal else (event.note if event else ""),
        "signer": _name(refusal.refused_by) if refusal else "",
    }


def _withdrawal_context(dossier: Dossier) -> dict[str, Any]:
    """The applicant's request to withdraw, recorded by the desk (or made online)."""
    event = _last_event(dossier, Transition.WITHDRAW)
    at = event.occurred_at if event else dossier.closed_at
    actor = event.actor if event else None
    return {
        "stopped": False,
        "header": _desk_header(dossier, at),
        "closed_at": when_text(at),
        "details": event.note if event else "",
        # Withdrawn online by the applicant: the desk signs, with no officer's name printed.
        "signer": _name(actor) if actor is not None and actor.role != Role.CITIZEN else "",
    }


def stop_notice_pdf(*, dossier: Dossier) -> bytes:
    """Thông báo dừng giải quyết hồ sơ (Mẫu 05 of TT 03/2025), or of the withdrawal."""
    if dossier.status == DossierStatus.STOPPED:
        context = _stop_context(dossier)
    elif dossier.status == DossierStatus.WITHDRAWN:
        context = _withdrawal_context(dossier)
    else:
        raise ValueError("Only a stopped or withdrawn dossier has this notice.")
    return pdf_from_html(_render("stop_notice.html", {**_dossier_context(dossier), **context}))


# --- control sheet -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ControlRow:
    """One hand-over of the dossier: who gave it, who took it, where, when, and how it went."""

    giver: str
    receiver: str
    agency: str
    step: str
    at_clock: str
    at_day: str
    result: str
    note: str


def _control_row(row: StepRow, dossier: Dossier, first: bool) -> ControlRow:
    step = row.step
    if first:
        giver = f"{dossier.applicant_name} (người nộp hồ sơ)"
    else:
        giver = _name(step.handed_by) or "……"
    holder = step.assignee or step.completed_by
    receiver = _name(holder) or ROLE_TEXT.get(step.role, "……")
    notes = []
    if step.kind == StepKind.OPINION:
        notes.append(f"Lấy ý kiến: {step.name}")
    if step.result == StepResult.SENT_BACK:
        notes.append("Chuyển trả lại bước trước")
    if step.note:
        notes.append(step.note)
    result = TIMELINESS_TEXT[row.timeliness] if row.timeliness is not None else "Đang xử lý"
    return ControlRow(
        giver=giver,
        receiver=receiver,
        agency=step.agency.name,
        step="" if step.kind == StepKind.OPINION else step.name,
        at_clock=clock_text(step.started_at),
        at_day=day_text(step.started_at),
        result=result,
        note="; ".join(notes),
    )


def control_sheet_pdf(*, dossier: Dossier) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over (REGULATION §2.3)."""
    rows = dossier_steps(dossier=dossier)
    partners = sorted(
        {r.step.agency.name for r in rows if r.step.kind == StepKind.OPINION}
        - {dossier.deciding_agency.name}
    )
    html = _render(
        "control_sheet.html",
        {
            **_dossier_context(dossier),
            "header": _desk_header(dossier, dossier.received_at),
            "rows": [_control_row(r, dossier, i == 0) for i, r in enumerate(rows)],
            "partners": ", ".join(partners),
        },
    )
    return pdf_from_html(html)
