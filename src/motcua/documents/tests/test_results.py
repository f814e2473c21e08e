"""Electronic results: the leader's approval signs them, the verification page checks them, the
citizen downloads them; nothing is written when signing fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.core.pdf import pdf_from_html
from motcua.core.testing import pdf_text
from motcua.documents import signing
from motcua.documents.models import SignedResult
from motcua.documents.services import dossier_approve_signed
from motcua.dossiers.models import Dossier, Result
from motcua.dossiers.services import DossierError, dossier_forward
from motcua.payments.tests.conftest import Pay


def _at_the_leader(pay: Pay) -> Dossier:
    dossier = pay.receive()
    dossier_forward(actor=pay.desk, dossier_id=dossier.pk)
    return dossier_forward(actor=pay.specialist, dossier_id=dossier.pk)


def _issued(pay: Pay, **options: Any) -> SignedResult:
    dossier = _at_the_leader(pay)
    dossier_approve_signed(actor=pay.leader, dossier_id=dossier.pk, form="electronic",
                           document_number="125/GXN-UBND", summary="Chưa đăng ký kết hôn.",
                           **options)  # fmt: skip
    return SignedResult.objects.get(dossier=dossier)


@pytest.mark.slow
def test_the_generated_result_is_signed_recorded_and_verifiable(
    pay: Pay, signing_dir: Path, tmp_path: Path
) -> None:
    signed = _issued(pay)
    data = signed.file.read()
    assert signing.sha256_hex(data) == signed.sha256 and signed.size == len(data)
    verdict = signing.verify(data)
    assert verdict.valid and verdict.signer == signed.agency.name
    assert signed.signer_name == signed.agency.name and signed.generated
    assert signed.dossier.result.file.name == signed.file.name  # the Result points at it
    text = pdf_text(data, tmp_path)
    assert "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text and "Số: 125/GXN-UBND" in text
    assert signed.code in text and f"?t={signed.token}" in text  # the QR code's link, printed


def test_an_uploaded_pdf_is_signed_and_a_failure_writes_nothing(
    pay: Pay, signing_dir: Path, settings: Any
) -> None:
    upload = SimpleUploadedFile("kq.pdf", pdf_from_html("<p>Giấy xác nhận</p>"))
    signed = _issued(pay, file=upload)
    assert not signed.generated and signing.verify(signed.file.read()).valid
    dossier = _at_the_leader(pay)
    settings.MOTCUA_SIGNING_DIR = signing_dir / "nowhere"  # the agency has no certificate
    with pytest.raises(DossierError, match="chưa được cấu hình chứng thư số"):
        dossier_approve_signed(actor=pay.leader, dossier_id=dossier.pk, form="electronic")
    before = dossier.status
    dossier.refresh_from_db()
    assert dossier.status == before and not Result.objects.filter(dossier=dossier).exists()
    assert SignedResult.objects.filter(dossier=dossier).count() == 0
    media = Path(settings.MEDIA_ROOT)
    assert len(list(media.rglob("*.pdf"))) == 1  # only the first result's file


def test_the_verification_page_shows_a_masked_record_and_checks_uploaded_files(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    signed = _issued(pay)
    url = reverse("portal:result_verify", args=[signed.code])
    page = client.get(url, {"t": signed.token})
    html = page.content.decode()
    assert page.status_code == 200 and signed.agency.name in html
    assert "Điểu T** L**" in html and "0701******34" in html
    assert "Điểu Thị Lan" not in html and "070190001234" not in html
    assert "tệp do Cổng lưu giữ còn nguyên vẹn" in html
    by_hash = client.get(url, {"h": signed.sha256})
    assert by_hash.status_code == 200
    forged = client.get(url, {"h": "0" * 64})
    assert forged.status_code == 404 and "không khớp" in forged.content.decode()
    assert "Điểu" not in forged.content.decode()
    original = signed.file.read()
    same = client.post(f"{url}?t={signed.token}",
                       {"file": SimpleUploadedFile("kq.pdf", original)})  # fmt: skip
    assert "chính là tệp đã được cấp" in same.content.decode()
    changed = bytearray(original)
    changed[len(changed) // 3] ^= 0x01
    modified = client.post(f"{url}?t={signed.token}",
                           {"file": SimpleUploadedFile("kq.pdf", bytes(changed))})  # fmt: skip
    assert "đã bị sửa đổi sau khi ký" in modified.content.decode()


def test_the_citizen_downloads_the_result_and_nobody_else(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    signed = _issued(pay)
    dossier = signed.dossier
    Dossier.objects.filter(pk=dossier.pk).update(citizen=pay.citizen)
    url = reverse("portal:result_download", args=[dossier.pk])
    client.force_login(pay.citizen)
    answer = client.get(url)
    assert answer.status_code == 200
    assert signing.sha256_hex(b"".join(answer.streaming_content)) == signed.sha256
    client.force_login(pay.desk)  # not the citizen of this dossier
    assert client.get(url).status_code == 404
