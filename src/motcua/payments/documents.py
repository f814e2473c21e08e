"""The electronic receipt of a payment (biên lai thu phí, lệ phí), as PDF.

Printed from what the records prove: the request's lines, the transaction that paid it (the
platform's MaThamChieu and MaGiaoDich, or the officer who took the money at the desk), the
collecting agency and its account, the amount in figures and in words. A request that is not
paid has no receipt; a refunded one still prints, marked as refunded. The form's code and
series (mẫu số, ký hiệu) are settings the agency registers with its tax office.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from motcua.core.money import vnd, vnd_words
from motcua.core.pdf import pdf_from_html
from motcua.dossiers.documents import agency_header, when_text
from motcua.payments.constants import DESK_METHODS, Method, Purpose, RequestStatus
from motcua.payments.models import PaymentRequest
from motcua.payments.selectors import ReceiptFacts, payment_receipt_facts

METHOD_TEXT: dict[str, str] = {
    Method.ONLINE: "Trực tuyến qua Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia",
    Method.CASH: "Tiền mặt, nộp tại Bộ phận Một cửa",
    Method.TRANSFER: "Chuyển khoản",
}
PURPOSE_TEXT: dict[str, str] = {
    Purpose.FEES: "Phí, lệ phí giải quyết thủ tục hành chính",
    Purpose.LAND_OBLIGATION: "Nghĩa vụ tài chính về đất đai",
}


def _line(line: dict[str, Any]) -> dict[str, Any]:
    detail = ""
    if line.get("unit_label"):
        detail = f"{vnd(int(line['unit_amount']))} × {line['quantity']} {line['unit_label']}"
    reduction = ""
    if line.get("reduction"):
        how = "Miễn" if line.get("rule_kind") == "exemption" else f"Giảm {line['percent']}%"
        reduction = f"{how} ({line['rule_name']}): −{vnd(int(line['reduction']))}"
    return {
        "description": str(line.get("description", "")),
        "detail": detail,
        "reduction": reduction,
        "gross": vnd(int(line.get("gross", line.get("net", 0)))),
        "net": vnd(int(line.get("net", 0))),
    }


def _collector(facts: ReceiptFacts) -> str:
    """The officer who took the money at the desk; online, the platform collected it."""
    tx = facts.transaction
    if tx is None or tx.method not in DESK_METHODS or tx.actor is None:
        return ""
    return str(tx.actor.display_name)


def payment_receipt_html(*, request: PaymentRequest) -> str:
    if request.status not in (RequestStatus.PAID, RequestStatus.REFUNDED) or not request.paid_at:
        raise ValueError("Only a paid request has a receipt.")
    facts = payment_receipt_facts(request=request)
    dossier = request.dossier
    saving = dossier.fee_online_saving if request.purpose == Purpose.FEES else 0
    context = {
        "dossier": dossier,
        "request": request,
        "tx": facts.transaction,
        "account": facts.account,
        "header": agency_header(request.agency, request.paid_at),
        "form_code": settings.MOTCUA_RECEIPT_FORM_CODE,
        "series": settings.MOTCUA_RECEIPT_SERIES,
        "purpose": PURPOSE_TEXT.get(request.purpose, ""),
        "method": METHOD_TEXT.get(request.method, request.method),
        "paid_at": when_text(request.paid_at),
        "lines": [_line(line) for line in request.lines],
        "total": vnd(request.amount),
        "total_words": vnd_words(request.amount),
        "online_saving": vnd(saving) if saving else "",
        "desk_price": vnd(request.amount + saving) if saving else "",
        "refunded": vnd(facts.refunded) if facts.refunded else "",
        "collector": _collector(facts),
        "printed_at": timezone.localtime().strftime("%H:%M %d/%m/%Y"),
    }
    with translation.override("vi"):  # a legal paper: Vietnamese whatever the interface is
        return render_to_string("payments/pdf/receipt.html", context)


def payment_receipt_pdf(*, request: PaymentRequest) -> bytes:
    return pdf_from_html(payment_receipt_html(request=request))
