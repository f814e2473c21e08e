"""Digitisation at the desk: page images merged into one PDF, unsafe files refused, one scan
per component by the receiving desk, the dossier's state and the desk's list."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from motcua.core.pdf import pdf_from_html
from motcua.core.uploads import UploadRejectedError
from motcua.documents.scans import ScannedFile, scans_to_pdf
from motcua.dossiers.selectors import dossier_digitisation_state
from motcua.payments.tests.conftest import Pay


def _png(width: int = 120, height: int = 160, colour: str = "white") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(output, "PNG")
    return output.getvalue()


def _bomb() -> bytes:
    """A tiny PNG whose header claims 100,000 × 100,000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + (chunk(b"IEND", b""))
    )


def _pages(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def test_page_images_become_one_pdf_and_a_pdf_stays_as_it_is() -> None:
    merged = scans_to_pdf([ScannedFile("1.png", _png()), ScannedFile("2.png", _png(colour="grey"))])
    assert merged.startswith(b"%PDF-") and _pages(merged) == 2
    pdf = pdf_from_html("<p>Giấy khai sinh</p>")
    assert scans_to_pdf([ScannedFile("gks.pdf", pdf)]) == pdf


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([], "Chọn tệp"),
        ([ScannedFile("bomb.png", _bomb())], "ảnh quá lớn"),
        ([ScannedFile("broken.png", _png()[:60])], "bị hỏng"),
        ([ScannedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 64)], "PDF, JPEG hoặc PNG"),
        ([ScannedFile("a.pdf", b"%PDF-1.7\n/OpenAction<</S/JavaScript/JS(x)>>")], "mã lệnh"),
    ],
)
def test_unsafe_scans_are_refused_with_a_reason(files: list[ScannedFile], message: str) -> None:
    with pytest.raises(UploadRejectedError, match=message):
        scans_to_pdf(files)


def test_two_pdfs_or_a_mix_are_refused() -> None:
    pdf = pdf_from_html("<p>1</p>")
    with pytest.raises(UploadRejectedError, match="một tệp PDF nhiều trang"):
        scans_to_pdf([ScannedFile("a.pdf", pdf), ScannedFile("b.png", _png())])


def test_the_desk_digitises_each_component_and_the_list_empties(
    pay: Pay, client: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    dossier = pay.receive(fee_collection="after")
    components = [d for d in dossier.documents.all() if d.copy_kind != "presented"]
    assert components
    client.force_login(pay.desk)
    listing = reverse("backoffice:to_digitise")
    assert dossier.code in client.get(listing).content.decode()
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Chưa số hóa" in page
    for document in components:
        url = reverse("backoffice:dossier_digitise", args=[dossier.pk, document.pk])
        files = [SimpleUploadedFile("p1.png", _png()), SimpleUploadedFile("p2.png", _png())]
        answer = client.post(url, {"pages": files, "from_national_store": "on"}, follow=True)
        assert "Đã số hóa" in answer.content.decode()
    state = dossier_digitisation_state(dossier=dossier)
    assert state.complete and state.done == len(components)
    scanned = dossier.documents.get(pk=components[0].pk)
    assert scanned.from_national_store and scanned.digitised_by == pay.desk
    assert _pages(scanned.file.read()) == 2
    from motcua.documents.models import StoredDocument

    stored = StoredDocument.objects.filter(dossier=dossier, kind="component")  # the store
    assert dossier.applicant_id_number and set(stored.values_list("file", flat=True)) == {
        d.file.name for d in dossier.documents.exclude(file="")
    }
    assert dossier.code not in client.get(listing).content.decode()
    file_url = reverse("backoffice:dossier_document_file", args=[dossier.pk, scanned.pk])
    assert client.get(file_url).status_code == 200


def test_only_the_receiving_desk_digitises(
    pay: Pay, client: Any, settings: Any, tmp_path: Path
) -> None:
    from motcua.accounts.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    dossier = pay.receive(fee_collection="after")
    document = dossier.documents.exclude(copy_kind="presented").first()
    assert document is not None
    url = reverse("backoffice:dossier_digitise", args=[dossier.pk, document.pk])
    client.force_login(pay.specialist)  # sees the dossier, is not its desk
    answer = client.post(url, {"pages": [SimpleUploadedFile("p.png", _png())]}, follow=True)
    assert "Chỉ cán bộ của cơ quan" in answer.content.decode()
    client.force_login(User.objects.get(username="motcua2"))  # another commune: not visible
    assert client.post(url, {"pages": [SimpleUploadedFile("p.png", _png())]}).status_code == 404
    document.refresh_from_db()
    assert not document.file
