"""Issuing electronic results: the leader's approval, with the result signed by the deciding
agency's certificate (PAdES), its hash recorded, and a code and QR code for verification.

The result is either the PDF the leader uploads, or generated from the template
`documents/pdf/result.html` (the decision's number, its content, the applicant, a QR code to the
verification page). Signing happens before anything is written; the approval and the record are
one transaction, and the stored file is removed if that transaction fails.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.pdf import pdf_from_html
from motcua.documents import signing
from motcua.documents.models import SignedResult, StoredDocument
from motcua.dossiers.constants import ResultForm
from motcua.dossiers.documents import agency_header, qr_svg, svg_data_uri, when_text
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.selectors import dossier_get_by_id, result_document_code
from motcua.dossiers.services import DossierError, dossier_approve, dossier_document_digitise

MAX_UPLOAD = signing.MAX_PDF_BYTES


def result_code(dossier: Dossier) -> str:
    return result_document_code(dossier)


def verification_url(signed_code: str, token: str) -> str:
    path = reverse("portal:result_verify", args=[signed_code])
    return f"{settings.MOTCUA_PUBLIC_URL.rstrip('/')}{path}?t={token}"


def _generated(dossier: Dossier, *, code: str, token: str, number: str, summary: str) -> bytes:
    version = dossier.procedure_version
    context = {
        "dossier": dossier,
        "header": agency_header(dossier.deciding_agency, timezone.now()),
        "code": code,
        "title": f"Kết quả giải quyết thủ tục hành chính: {version.name}",
        "procedure_name": version.name,
        "procedure_code": version.procedure.code,
        "number": number,
        "summary": summary,
        "issued_at": when_text(timezone.now()),
        "qr": svg_data_uri(qr_svg(verification_url(code, token))),
        "verify_url": verification_url(code, token),
    }
    with translation.override("vi"):
        return pdf_from_html(render_to_string("documents/pdf/result.html", context))


def _upload_bytes(file: File[Any]) -> bytes:
    data = file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise DossierError(_("The PDF is larger than 20 MB."))
    return bytes(data)


def dossier_approve_signed(
    *,
    actor: User,
    dossier_id: int,
    form: str = ResultForm.PAPER,
    document_number: str = "",
    summary: str = "",
    file: File[Any] | None = None,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """The leader approves. An electronic result (form "electronic" or "both") is signed by the
    deciding agency: the uploaded PDF, or one generated from the template when none is given."""
    if form not in (ResultForm.ELECTRONIC, ResultForm.BOTH):
        return dossier_approve(
            actor=actor, dossier_id=dossier_id, form=form, document_number=document_number,
            summary=summary, file=file, revision=revision, request_key=request_key,
        )  # fmt: skip
    dossier = dossier_get_by_id(dossier_id=dossier_id)
    agency = dossier.deciding_agency
    code, token = result_code(dossier), secrets.token_urlsafe(12)
    if file is not None:
        unsigned = _upload_bytes(file)
    else:
        unsigned = _generated(
            dossier, code=code, token=token, number=document_number.strip(), summary=summary
        )
    try:
        signed = signing.sign(
            unsigned,
            identifier=agency.national_identifier,
            reason=_("Electronic result of dossier %(code)s") % {"code": dossier.code},
            location=agency.name,
            signer_name=actor.display_name,
        )
    except signing.SigningError as error:
        raise DossierError(str(error)) from error
    verdict = signing.verify(signed)
    if not verdict.valid:  # a certificate outside the configured roots, say
        raise DossierError(
            _("The signature does not verify against the configured roots: %(problem)s")
            % {"problem": verdict.problem}
        )
    stored = ContentFile(signed, name=f"{code}.pdf")
    try:
        with transaction.atomic():
            approved = dossier_approve(
                actor=actor, dossier_id=dossier_id, form=form, document_number=document_number,
                summary=summary, file=stored, revision=revision, request_key=request_key,
            )  # fmt: skip
            result = approved.result
            if not SignedResult.objects.filter(result=result).exists():  # not a replayed click
                issued = SignedResult.objects.create(
                    result=result,
                    dossier=approved,
                    code=code,
                    token=token,
                    title=dossier.procedure_version.name[:500],
                    document_number=document_number.strip()[:100],
                    file=result.file.name,
                    sha256=signing.sha256_hex(signed),
                    size=len(signed),
                    generated=file is None,
                    agency=agency,
                    signer_name=verdict.signer[:200],
                    signed_by=actor,
                    signed_at=timezone.now(),
                    recipient_name=approved.applicant_name[:200],
                    recipient_id_number=approved.applicant_id_number[:20],
                )
                store_add_result(signed=issued)
    except Exception:
        _remove_unreferenced(f"{code}.pdf")
        raise
    return approved


def _remove_unreferenced(file_name: str) -> None:
    """The approval failed after the signed file was stored: no row names it, remove it."""
    from django.core.files.storage import default_storage

    from motcua.dossiers.models import Result

    name = Result._meta.get_field("file").generate_filename(None, file_name)
    if default_storage.exists(name) and not SignedResult.objects.filter(file=name).exists():
        default_storage.delete(name)


def signed_result_verify(signed: SignedResult) -> signing.Verdict:
    """The stored file checked again: its hash as recorded, and its signature."""
    with signed.file.open("rb") as handle:
        data = handle.read()
    if signing.sha256_hex(data) != signed.sha256:
        return signing.Verdict(True, False, False, False, "", None, "stored file changed")
    return signing.verify(data)


# --- the citizen's document store ---------------------------------------------------------------


def store_add_result(*, signed: SignedResult) -> StoredDocument | None:
    """A signed result goes to its recipient's store (once), if the recipient has an
    identification number."""
    if not signed.recipient_id_number:
        return None
    stored, _created = StoredDocument.objects.get_or_create(
        source_key=f"result:{signed.pk}",
        defaults={
            "id_number": signed.recipient_id_number,
            "kind": StoredDocument.Kind.RESULT,
            "title": signed.title,
            "issuer": signed.agency,
            "issued_at": signed.signed_at,
            "file": signed.file.name,
            "sha256": signed.sha256,
            "dossier": signed.dossier,
        },
    )
    return stored


def document_digitise(
    *,
    actor: User,
    dossier_id: int,
    document_id: int,
    content: File[Any],
    display_name: str = "",
    from_national_store: bool = False,
) -> DossierDocument:
    """Số hóa at the desk: the component gets its scan and, in the same transaction, enters the
    applicant's store (so a later dossier can reuse it instead of asking for the paper again)."""
    with transaction.atomic():
        document = dossier_document_digitise(
            actor=actor, dossier_id=dossier_id, document_id=document_id, content=content,
            display_name=display_name, from_national_store=from_national_store,
        )  # fmt: skip
        store_add_component(document=document)
    return document


def store_add_component(*, document: DossierDocument) -> StoredDocument | None:
    """A digitised component goes to the applicant's store; a new scan replaces the entry."""
    dossier = document.dossier
    if not document.file or not dossier.applicant_id_number:
        return None
    with document.file.open("rb") as handle:
        digest = signing.sha256_hex(handle.read())
    stored, _created = StoredDocument.objects.update_or_create(
        source_key=f"component:{document.pk}",
        defaults={
            "id_number": dossier.applicant_id_number,
            "kind": StoredDocument.Kind.COMPONENT,
            "title": document.name[:500],
            "issuer": dossier.receiving_agency,
            "issued_at": document.digitised_at or timezone.now(),
            "file": document.file.name,
            "sha256": digest,
            "dossier": dossier,
        },
    )
    return stored
