"""The payment screens: the portal's fee page, pay and return pages, the callback endpoint, the
desk's payment on the dossier page, the reconciliation, and the receipt PDF's fee lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.core.testing import pdf_text
from motcua.dossiers.documents import receipt_pdf
from motcua.dossiers.services import dossier_receive
from motcua.payments.models import PaymentEvent
from motcua.payments.services import payment_request_for_fees, payment_start
from motcua.payments.tests.conftest import Pay, Simulator
from motcua.payments.tests.test_services import confirm_body


def test_the_citizen_sees_what_is_owed_and_why(pay: Pay, client) -> None:  # type: ignore[no-untyped-def]
    dossier = pay.submit()
    client.force_login(pay.citizen)
    page = client.get(reverse("portal:dossier_payment", args=[dossier.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    request = dossier.payment_requests.get()
    assert "10.000 đ" in text and reverse("portal:payment_go", args=[request.pk]) in text
    client.force_login(pay.desk)  # someone else's dossier: not found
    assert client.get(reverse("portal:dossier_payment", args=[dossier.pk])).status_code == 404


def test_pay_redirects_to_the_platform_and_the_return_page_only_reads(
    pay: Pay,
    simulator: Simulator,
    client,  # type: ignore[no-untyped-def]
) -> None:
    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    client.force_login(pay.citizen)
    answer = client.post(reverse("portal:payment_go", args=[request.pk]))
    assert answer.status_code == 302 and answer["Location"].startswith(simulator.url)
    reference = answer["Location"].rsplit("/", 1)[1]
    back = client.get(reverse("portal:payment_return", args=[reference]))
    assert back.status_code == 200 and b'http-equiv="refresh"' in back.content
    dossier.refresh_from_db()
    assert dossier.fees_paid_at is None  # a browser coming back proves nothing


def test_the_callback_endpoint_answers_json_without_csrf(pay: Pay, simulator: Simulator) -> None:
    from django.test import Client

    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    tx = payment_start(request_id=request.pk, user=pay.citizen)
    client = Client(enforce_csrf_checks=True)
    url = reverse("portal:paygov_callback")
    bad = client.post(url, data=b"{truncated", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["MaLoi"] == "05"
    good = client.post(url, data=confirm_body(tx), content_type="application/json")
    assert good.status_code == 200 and good.json()["MaLoi"] == "00"
    dossier.refresh_from_db()
    assert dossier.fees_paid_at is not None
    assert client.get(url).status_code == 405


def test_the_desk_records_cash_on_the_dossier_page(pay: Pay, client) -> None:  # type: ignore[no-untyped-def]
    dossier = pay.receive(fee_collection="after")
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    client.force_login(pay.desk)
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk]))
    assert "20.000 đ" in page.content.decode()
    url = reverse("backoffice:dossier_act", args=[dossier.pk, "pay_desk"])
    wrong = client.post(url, {"request_key": "a", "payment": request.pk, "method": "cash",
                              "amount": 2_000}, follow=True)  # fmt: skip
    assert "20.000" in wrong.content.decode()  # the message names the amount due
    client.post(url, {"request_key": "b", "payment": request.pk, "method": "cash",
                      "amount": 20_000})  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.fees_paid_at is not None
    day = timezone.localdate().isoformat()
    report = client.get(reverse("backoffice:payment_reconciliation"), {"day": day})
    assert report.status_code == 200 and "20.000" in report.content.decode()


def test_the_reconciliation_highlights_refused_callbacks(
    pay: Pay, simulator: Simulator, client
) -> None:  # type: ignore[no-untyped-def]
    from motcua.payments.services import payment_callback

    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    tx = payment_start(request_id=request.pk, user=pay.citizen)
    payment_callback(body=confirm_body(tx, SoTien=1))
    assert PaymentEvent.objects.filter(kind="rejected").exists()
    client.force_login(pay.desk)
    report = client.get(reverse("backoffice:payment_reconciliation"))
    assert b"row-alert" in report.content and dossier.code.encode() in report.content


@pytest.mark.slow
def test_the_receipt_shows_the_amount_paid_and_the_online_reduction(
    pay: Pay, simulator: Simulator, tmp_path: Path
) -> None:
    from motcua.payments.services import payment_callback

    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    tx = payment_start(request_id=request.pk, user=pay.citizen)
    payment_callback(body=confirm_body(tx))
    dossier = dossier_receive(actor=pay.desk, dossier_id=dossier.pk)
    text = pdf_text(receipt_pdf(dossier=dossier), tmp_path)
    assert "Phí, lệ phí: 10.000 đồng (thu trước; đã nộp lúc" in text
    assert "Nộp trực tuyến: giảm 10.000 đồng so với nộp trực tiếp (20.000 đồng)" in text


@pytest.mark.slow
def test_the_online_receipt_pdf_reads_back_amount_words_and_platform_transaction(
    pay: Pay,
    simulator: Simulator,
    tmp_path: Path,
    client,  # type: ignore[no-untyped-def]
) -> None:
    from motcua.payments.services import payment_callback

    dossier = pay.submit()
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    url = reverse("portal:payment_receipt", args=[dossier.pk, request.pk])
    client.force_login(pay.citizen)
    assert client.get(url).status_code == 404  # not paid: no receipt
    tx = payment_start(request_id=request.pk, user=pay.citizen)
    payment_callback(body=confirm_body(tx))
    request.refresh_from_db()
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content, tmp_path)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert f"Số: {request.receipt_number}" in text
    assert "Tổng cộng 10.000 đồng" in text
    assert "Số tiền bằng chữ: Mười nghìn đồng." in text
    assert "được giảm 10.000 đồng so với nộp trực tiếp (20.000 đồng)" in text
    assert f"Mã tham chiếu: {tx.reference}" in text and "Mã giao dịch: PG-TEST-1" in text
    assert "0123456789 – VCB" in text  # the beneficiary account
    assert "Điểu Thị Lan" in text and "070190001234" in text
    assert pay.citizen.display_name not in text  # the citizen who clicked did not collect it
    client.force_login(pay.desk)  # not the desk's own dossier as a citizen: not found
    assert client.get(url).status_code == 404


@pytest.mark.slow
def test_the_desk_receipt_names_the_officer_and_says_cash(pay: Pay, tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    from motcua.payments.services import payment_record_at_desk

    dossier = pay.receive(fee_collection="after")
    request = payment_request_for_fees(dossier_id=dossier.pk)
    assert request is not None
    payment_record_at_desk(actor=pay.desk, request_id=request.pk, method="cash", amount=20_000)
    client.force_login(pay.desk)
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    url = reverse("backoffice:dossier_pdf_item", args=[dossier.pk, "payment", request.pk])
    assert url in page
    text = pdf_text(client.get(url).content, tmp_path)
    assert "Tiền mặt, nộp tại Bộ phận Một cửa" in text
    assert "Số tiền bằng chữ: Hai mươi nghìn đồng." in text
    assert pay.desk.display_name in text
    assert "được giảm" not in text  # received at the desk: no online reduction
    from motcua.accounts.models import User

    client.force_login(User.objects.get(username="motcua2"))  # another commune's desk
    assert client.get(url).status_code == 404


def _draft_ready(pay: Pay, tmp_path: Path, settings) -> int:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.catalog.selectors import eform_for_version
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import draft_attach, draft_save_answers, draft_start

    settings.MEDIA_ROOT = tmp_path / "media"
    citizen = pay.citizen
    citizen.full_name, citizen.phone, citizen.unit_id = (
        "Điểu Thị Lan",
        "0912345678",
        pay.agency.unit_id,
    )
    citizen.save()
    draft = draft_start(citizen=citizen, version_id=pay.version.pk)
    answers = {f.name: "Nội dung" for f in eform_for_version(version=pay.version).fields}
    draft = draft_save_answers(citizen=citizen, draft_id=draft.pk, revision=0, answers=answers)
    for document in pay.version.documents.all():
        if not document_is_conditional(document) and document.copy_kind != "presented":
            upload = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\n%%EOF\n")
            draft_attach(
                citizen=citizen, draft_id=draft.pk, required_document_id=document.pk, upload=upload
            )
    return draft.pk


def test_the_citizen_claims_an_exemption_online_and_the_desk_sees_it(  # type: ignore[no-untyped-def]
    pay: Pay, tmp_path: Path, settings, client
) -> None:
    from motcua.catalog.services import fee_rules_seed_demo
    from motcua.dossiers.models import Dossier

    fee_rules_seed_demo()
    draft_id = _draft_ready(pay, tmp_path, settings)
    client.force_login(pay.citizen)
    review = client.get(reverse("portal:draft_review", args=[draft_id])).content.decode()
    assert "10.000 đ" in review and "Miễn lệ phí cho người thuộc hộ nghèo" in review
    assert 'value="poor_household"' in review and "Giấy chứng nhận hộ nghèo còn hiệu lực" in review
    send = reverse("portal:draft_send", args=[draft_id])
    refused = client.post(send, {"revision": 1, "request_key": "a", "fee_claims": "veteran_x"},
                          follow=True)  # fmt: skip
    assert "không áp dụng cho thủ tục này" in refused.content.decode()
    assert not Dossier.objects.exists()  # nothing written
    client.post(send, {"revision": 1, "request_key": "b", "fee_claims": "poor_household"})
    dossier = Dossier.objects.get()
    assert dossier.fee_claims == ["poor_household"] and dossier.fee_total == 0
    assert dossier.fee_lines[0]["rule_kind"] == "exemption"
    assert not dossier.payment_requests.exists()  # nothing to pay
    client.force_login(pay.desk)
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Giấy chứng nhận hộ nghèo còn hiệu lực" in page  # the paper the desk must see
