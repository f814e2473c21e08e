"""PAdES signing and verification with pyHanko, against a root generated for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.core.pdf import pdf_from_html
from motcua.documents import keys, signing

IDENTIFIER = "000.00.90.H19"
TWO_PAGES = "<h1>Kết quả</h1><p>Trang một</p><p style='page-break-before: always'>Trang hai</p>"


@pytest.fixture
def keyed(settings, tmp_path: Path) -> keys.Root:  # type: ignore[no-untyped-def]
    settings.MOTCUA_SIGNING_DIR = tmp_path
    settings.MOTCUA_SIGNING_PASSPHRASES = {"*": "pw"}
    root = keys.root_load_or_create(tmp_path)
    name = "Ủy ban nhân dân phường Đồng Xoài"
    keys.agency_key_create(tmp_path, root, identifier=IDENTIFIER, common_name=name, passphrase="pw")
    return root


def _signed() -> bytes:
    return signing.sign(pdf_from_html(TWO_PAGES), identifier=IDENTIFIER, reason="Kết quả",
                        location="Đồng Xoài", signer_name="Hoàng Văn Em")  # fmt: skip


def test_a_signed_result_validates_against_the_root_and_a_flipped_byte_does_not(
    keyed: keys.Root,
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = _signed()
    verdict = signing.verify(signed)
    assert verdict.valid and verdict.signer == "Ủy ban nhân dân phường Đồng Xoài"
    assert len(PdfFileReader(__import__("io").BytesIO(signed)).root["/Pages"]["/Kids"]) == 2
    for position in (400, len(signed) // 2):  # in the content, and in the middle of the file
        changed = bytearray(signed)
        changed[position] ^= 0x01
        assert not signing.verify(bytes(changed)).valid
    appended = signed + b"\n% a change after signing\n"
    assert not signing.verify(appended).whole_file


def test_an_unsigned_file_or_an_unknown_root_is_not_valid(keyed: keys.Root, tmp_path: Path) -> None:
    assert not signing.verify(pdf_from_html(TWO_PAGES)).signed
    signed = _signed()
    (tmp_path / "roots" / "root.pem").unlink()
    keys.root_create(tmp_path, name="Một gốc khác", file_name="other")
    verdict = signing.verify(signed)
    assert verdict.intact and not verdict.trusted and not verdict.valid


def test_an_expired_certificate_or_none_refuses_to_sign(keyed: keys.Root, tmp_path: Path) -> None:
    keys.agency_key_create(tmp_path, keyed, identifier="000.00.91.H19", common_name="Hết hạn",
                           passphrase="pw", valid_days=-1)  # fmt: skip
    pdf = pdf_from_html(TWO_PAGES)
    with pytest.raises(signing.SigningError, match="hết hạn"):
        signing.sign(pdf, identifier="000.00.91.H19", reason="r", location="l")
    with pytest.raises(signing.SigningError, match="chưa được cấu hình chứng thư số"):
        signing.sign(pdf, identifier="000.00.99.H19", reason="r", location="l")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"MZ\x90\x00not a pdf", "không phải là tệp PDF"),
        (
            b"%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>",
            "mã lệnh",
        ),
        (b"%PDF-1.7\n1 0 obj<</Type/EmbeddedFiles>>endobj", "mã lệnh"),
        (b"%PDF-1.7\ngarbage without any object\n%%EOF", "bị hỏng"),
    ],
)
def test_unsafe_or_broken_pdfs_are_not_signed(keyed: keys.Root, data: bytes, message: str) -> None:
    with pytest.raises(signing.SigningError, match=message):
        signing.sign(data, identifier=IDENTIFIER, reason="r", location="l")
