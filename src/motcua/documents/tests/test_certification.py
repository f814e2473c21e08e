"""Electronic certified copies (chứng thực bản sao điện tử từ bản chính): the desk scans the
original, the leader certifies and signs the copy (scanned pages and the statement, numbered in
the agency's certification book), the copy lands in the requester's store and a later dossier
reuses it instead of asking for the paper again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from motcua.catalog.selectors import version_get_current
from motcua.core.pdf import pdf_from_html
from motcua.core.testing import pdf_text
from motcua.documents import signing
from motcua.documents.certification import page_count
from motcua.documents.models import CertificationCounter, SignedResult, StoredDocument
from motcua.documents.services import certified_copy_issue, document_digitise
from motcua.documents.tests.test_store import ID_NUMBER, _submit_reusing
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors.facts import dossier_fact_inputs
from motcua.dossiers.services import DossierError, dossier_forward, dossier_receive_new
from motcua.payments.tests.conftest import Pay

CERTIFY = "2.000815"  # Chứng thực bản sao từ bản chính, commune tier
DIPLOMA = "Bằng tốt nghiệp trung học phổ thông số A0123456"
ORIGINAL = "<h1>BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG</h1><p>Điểu Thị Lan</p>"


def _received(pay: Pay) -> Dossier:
    version = version_get_current(code=CERTIFY)
    assert version is not None
    intake = pay.intake(version_id=version.pk, channel="in_person", fee_collection="after",
                        document_ids=[d.pk for d in version.documents.all()])  # fmt: skip
    return dossier_receive_new(actor=pay.desk, intake=intake)


def _scanned_at_the_leader(pay: Pay) -> Dossier:
    dossier = _received(pay)
    copy = dossier.documents.exclude(copy_kind="presented").get()
    two_pages = pdf_from_html(f"{ORIGINAL}<p style='page-break-before: always'>Mặt sau</p>")
    document_digitise(actor=pay.desk, dossier_id=dossier.pk, document_id=copy.pk,
                      content=ContentFile(two_pages))  # fmt: skip
    dossier_forward(actor=pay.desk, dossier_id=dossier.pk)
    return dossier_forward(actor=pay.specialist, dossier_id=dossier.pk)


def _book(pay: Pay) -> int:
    counter = CertificationCounter.objects.filter(agency=pay.agency).first()
    return counter.last_number if counter else 0


@pytest.mark.slow
def test_the_leader_certifies_the_scanned_original_and_the_copy_reaches_the_store(
    pay: Pay, signing_dir: Path, tmp_path: Path
) -> None:
    dossier = _scanned_at_the_leader(pay)
    year = dossier.received_at.year if dossier.received_at else 0
    certified = certified_copy_issue(actor=pay.leader, dossier_id=dossier.pk, title=DIPLOMA,
                                     original_issuer="Sở Giáo dục và Đào tạo")  # fmt: skip
    assert certified.status == DossierStatus.RESOLVED
    signed = SignedResult.objects.get(dossier=dossier)
    assert signed.kind == "certified_copy" and signed.title == DIPLOMA
    assert signed.document_number == f"1/{year}/SCT/BS"
    data = signed.file.read()
    verdict = signing.verify(data)
    assert verdict.valid and verdict.signer == signed.agency.name
    assert page_count(data) == 3  # the two scanned pages, then the statement
    text = pdf_text(data, tmp_path)
    assert "BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG" in text and "Mặt sau" in text
    assert "Chứng thực bản sao điện tử này đúng với bản chính." in text
    assert f"Số chứng thực: 1/{year}/SCT/BS" in text and "Số trang của bản sao: 2" in text
    assert f"?t={signed.token}" in text  # the QR code's verification link, printed
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0x01
    assert not signing.verify(bytes(flipped)).valid
    stored = StoredDocument.objects.get(kind="certified_copy")
    assert stored.id_number == ID_NUMBER and stored.title == DIPLOMA
    assert stored.file.name == signed.file.name and stored.sha256 == signed.sha256
    second = _scanned_at_the_leader(pay)
    certified_copy_issue(actor=pay.leader, dossier_id=second.pk, title=DIPLOMA)
    assert SignedResult.objects.get(dossier=second).document_number == f"2/{year}/SCT/BS"


@pytest.mark.slow
def test_a_certified_copy_is_reused_in_a_later_dossier_with_the_reuse_flag(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    dossier = _scanned_at_the_leader(pay)
    certified_copy_issue(actor=pay.leader, dossier_id=dossier.pk, title=DIPLOMA)
    signed = SignedResult.objects.get(dossier=dossier)
    later = _submit_reusing(pay, client, dossier, DIPLOMA)
    reused = later.documents.exclude(reused_result_code="").get()
    assert reused.reused_result_code == signed.code and reused.file.name == signed.file.name
    assert dossier_fact_inputs([later.pk])[0].reused  # 766 indicator 4.3


@pytest.mark.slow
def test_nothing_is_certified_or_numbered_without_a_scan_a_title_or_the_leader(
    pay: Pay, signing_dir: Path
) -> None:
    unscanned = _received(pay)
    dossier_forward(actor=pay.desk, dossier_id=unscanned.pk)
    dossier_forward(actor=pay.specialist, dossier_id=unscanned.pk)
    with pytest.raises(DossierError, match="Hãy số hóa bản chính"):
        certified_copy_issue(actor=pay.leader, dossier_id=unscanned.pk, title=DIPLOMA)
    scanned = _scanned_at_the_leader(pay)
    with pytest.raises(DossierError, match="Hãy ghi tên giấy tờ"):
        certified_copy_issue(actor=pay.leader, dossier_id=scanned.pk, title="   ")
    with pytest.raises(DossierError):  # the specialist does not hold the leader's step
        certified_copy_issue(actor=pay.specialist, dossier_id=scanned.pk, title=DIPLOMA)
    other = pay.receive(fee_collection="after")  # marriage status: not a certification
    with pytest.raises(DossierError, match="không chứng thực bản sao"):
        certified_copy_issue(actor=pay.leader, dossier_id=other.pk, title=DIPLOMA)
    assert _book(pay) == 0 and not SignedResult.objects.exists()  # no number was consumed
    assert not StoredDocument.objects.filter(kind="certified_copy").exists()


@pytest.mark.slow
def test_the_leader_certifies_from_the_dossier_page(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    from django.urls import reverse

    dossier = _scanned_at_the_leader(pay)
    client.force_login(pay.leader)
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Chứng thực bản sao điện tử và ký số" in page and "Giấy tờ được chứng thực" in page
    url = reverse("backoffice:dossier_act", args=[dossier.pk, "certify"])
    form = {"request_key": "k1", "revision": dossier.revision, "original_issuer": ""}
    refused = client.post(url, {**form, "title": ""}, follow=True).content.decode()
    assert "Trường này là bắt buộc" in refused and not SignedResult.objects.exists()
    answer = client.post(url, {**form, "title": DIPLOMA}, follow=True).content.decode()
    signed = SignedResult.objects.get(dossier=dossier)
    assert signed.code in answer  # the page now shows the signed copy and its verification link
    again = client.post(url, {**form, "title": DIPLOMA}, follow=True)  # the same form twice
    assert again.status_code == 200 and SignedResult.objects.filter(dossier=dossier).count() == 1
    assert signed.kind == "certified_copy" and _book(pay) == 1
