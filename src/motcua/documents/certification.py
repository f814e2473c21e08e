"""Chứng thực bản sao điện tử từ bản chính: the citizen shows the original at the desk, the desk
scans it (digitisation of the dossier's component), and the certifying leader signs an
electronic copy: the scanned pages followed by the certification statement (lời chứng), with
the number from the agency's certification book and a QR code to the verification page.

Which procedures certify copies is a setting (`MOTCUA_CERTIFICATION_PROCEDURES`, the national
codes; 2.000815 by default, commune tier). The statement follows the paper form's wording
(TT 01/2020/TT-BTP, Mẫu lời chứng [MEM]); its exact electronic form is [GAP].
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.core.pdf import pdf_from_html
from motcua.documents import signing
from motcua.dossiers.models import Dossier, DossierDocument

PAGE_XOBJECT = "/TrangGoc"


class CertificationError(Exception):
    """The copy cannot be certified; the message is for people."""


def is_certification(dossier: Dossier) -> bool:
    code = dossier.procedure_version.procedure.code
    return code in settings.MOTCUA_CERTIFICATION_PROCEDURES


def certification_number(number: int, year: int) -> str:
    """The number written in the certification book, e.g. "12/2026/SCT/BS" (format: setting)."""
    pattern: str = settings.MOTCUA_CERTIFICATION_NUMBER_FORMAT
    return pattern.format(number=number, year=year)


def scanned_originals(dossier: Dossier) -> list[DossierDocument]:
    """The dossier's digitised components, in the order of the procedure."""
    return [d for d in dossier.documents.order_by("position", "pk") if d.file]


def statement_pdf(context: dict[str, object]) -> bytes:
    with translation.override("vi"):
        return pdf_from_html(render_to_string("documents/pdf/certified_copy.html", context))


def certified_copy_pdf(scans: list[bytes], statement: bytes) -> bytes:
    """The pages of every scan, in order, then the statement page: one PDF ready to sign."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    if not scans:
        raise CertificationError(_("Digitise the original before certifying its copy."))
    try:
        for scan in scans:
            signing.pdf_check(scan)
        writer: Any = copy_into_new_writer(PdfFileReader(io.BytesIO(scans[0]), strict=False))
        for scan in scans[1:]:
            _append_pages(writer, PdfFileReader(io.BytesIO(scan), strict=False))
        _append_pages(writer, PdfFileReader(io.BytesIO(statement), strict=False))
        out = io.BytesIO()
        writer.write(out)
    except signing.SigningError as error:
        raise CertificationError(str(error)) from error
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise CertificationError(_("The scan is damaged and cannot be read.")) from error
    return out.getvalue()


def _append_pages(writer: Any, reader: Any) -> None:
    """Each page of `reader` drawn, whole and unchanged, on a new page of the same size and
    rotation (a page imported as a form XObject keeps its own coordinates)."""
    from pyhanko.pdf_utils import generic as pdf_objects

    generic: Any = pdf_objects  # pyHanko's object constructors are untyped
    name = generic.NameObject
    count = int(reader.root["/Pages"]["/Count"])
    for index in range(count):
        page = reader.find_page_for_modification(index)[0].get_object()
        box = page.get("/MediaBox") or [0, 0, 595.28, 841.89]
        xobject = writer.import_page_as_xobject(reader, page_ix=index)
        content = generic.StreamObject(stream_data=f"q {PAGE_XOBJECT} Do Q".encode())
        new_page = generic.DictionaryObject(
            {
                name("/Type"): name("/Page"),
                name("/MediaBox"): generic.ArrayObject(
                    [generic.FloatObject(float(v)) for v in box]
                ),
                name("/Resources"): generic.DictionaryObject(
                    {name("/XObject"): generic.DictionaryObject({name(PAGE_XOBJECT): xobject})}
                ),
                name("/Contents"): writer.add_object(content),
            }
        )
        if "/Rotate" in page:
            new_page[name("/Rotate")] = generic.NumberObject(int(page["/Rotate"]))
        writer.insert_page(new_page)


def page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise CertificationError(_("The scan is damaged and cannot be read.")) from error
