"""Issuing electronic results: the leader's approval, with the result signed by the deciding
agency's certificate (PAdES), its hash recorded, and a code and QR code for verification.

The result is either the PDF the leader uploads, or generated from the template
`documents/pdf/result.html` (the decision's number, its content, the applicant, a QR code to the
verification page). Signing happens before anything is written; the approval and the record are
one transaction, and the stored file is removed if that transaction fails.
"""

from __future__ import annotations

import secrets
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
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
from motcua.core.sequences import counter_next
from motcua.documents import certification, signing
from motcua.documents.models import CertificationCounter, SignedResult, StoredDocument
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
    code, token = result_code(dossier), secrets.token_urlsafe(12)
    if file is not None:
        unsigned = _upload_bytes(file)
    else:
        unsigned = _generated(
            dossier, code=code, token=token, number=document_number.strip(), summary=summary
        )
    issue = _Issue(
        code=code, token=token, title=dossier.procedure_version.name, form=form,
        document_number=document_number.strip(), summary=summary, generated=file is None,
        kind=SignedResult.Kind.RESULT,
    )  # fmt: skip
    return _sign_and_approve(
        actor, dossier, unsigned, issue, revision=revision, request_key=request_key
    )


@dataclass(frozen=True)
class _Issue:
    """What an approval issues, besides the file: its code and token, its title and number."""

    code: str
    token: str
    title: str
    form: str
    document_number: str
    summary: str
    generated: bool
    kind: str


def _sign_and_approve(
    actor: User,
    dossier: Dossier,
    unsigned: bytes,
    issue: _Issue,
    *,
    revision: int | None,
    request_key: str | None,
) -> Dossier:
    """Sign `unsigned` with the deciding agency's certificate, check the signature against the
    roots, then approve and record it in one transaction; a failure writes nothing and removes
    the stored file."""
    agency = dossier.deciding_agency
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
    stored = ContentFile(signed, name=f"{issue.code}.pdf")
    try:
        with transaction.atomic():
            approved = dossier_approve(
                actor=actor, dossier_id=dossier.pk, form=issue.form,
                document_number=issue.document_number, summary=issue.summary, file=stored,
                revision=revision, request_key=request_key,
            )  # fmt: skip
            result = approved.result
            if not SignedResult.objects.filter(result=result).exists():  # not a replayed click
                record = SignedResult.objects.create(
                    result=result,
                    dossier=approved,
                    kind=issue.kind,
                    code=issue.code,
                    token=issue.token,
                    title=issue.title[:500],
                    document_number=issue.document_number[:100],
                    file=result.file.name,
                    sha256=signing.sha256_hex(signed),
                    size=len(signed),
                    generated=issue.generated,
                    agency=agency,
                    signer_name=verdict.signer[:200],
                    signed_by=actor,
                    signed_at=timezone.now(),
                    recipient_name=approved.applicant_name[:200],
                    recipient_id_number=approved.applicant_id_number[:20],
                )
                store_add_result(signed=record)
    except Exception:
        _remove_unreferenced(f"{issue.code}.pdf")
        raise
    return approved


def certified_copy_issue(
    *,
    actor: User,
    dossier_id: int,
    title: str,
    original_issuer: str = "",
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Chứng thực bản sao điện tử từ bản chính: the certifying leader signs the electronic copy
    of the original the desk scanned (every digitised component, in order) followed by the
    certification statement with the next number of the agency's certification book; the copy
    is the dossier's electronic result and goes to the requester's store.

    Invariant: only a dossier of a certification procedure (`MOTCUA_CERTIFICATION_PROCEDURES`)
    with its original scanned; the number, the signature and the approval are one transaction,
    so a failure consumes no number. Legal basis: NĐ 23/2015/NĐ-CP and its amendments [MEM].
    """
    dossier = dossier_get_by_id(dossier_id=dossier_id)
    if request_key and SignedResult.objects.filter(dossier=dossier).exists():
        return dossier  # the same form sent twice: certified once, no second number
    if not certification.is_certification(dossier):
        raise DossierError(_("This procedure does not certify copies."))
    title = " ".join(title.split())[:300]
    if not title:
        raise DossierError(_("Write which document is certified (its name and number)."))
    scans = certification.scanned_originals(dossier)
    if not scans:
        raise DossierError(_("Digitise the original before certifying its copy."))
    pages: list[bytes] = []
    for document in scans:
        with document.file.open("rb") as handle:
            pages.append(handle.read())
    code, token = result_code(dossier), secrets.token_urlsafe(12)
    now = timezone.now()
    with transaction.atomic():  # the book's number is taken back if anything below fails
        number = certification.certification_number(
            counter_next(CertificationCounter, agency=dossier.deciding_agency,
                         year=timezone.localdate(now).year),
            timezone.localdate(now).year,
        )  # fmt: skip
        context = {
            "dossier": dossier,
            "header": agency_header(dossier.deciding_agency, now),
            "code": code,
            "title": title,
            "original_issuer": " ".join(original_issuer.split())[:300],
            "number": number,
            "certifier": actor.display_name,
            "certified_at": when_text(now),
            "qr": svg_data_uri(qr_svg(verification_url(code, token))),
            "verify_url": verification_url(code, token),
        }
        try:
            context["pages"] = sum(certification.page_count(p) for p in pages)
            unsigned = certification.certified_copy_pdf(pages, certification.statement_pdf(context))
        except certification.CertificationError as error:
            raise DossierError(str(error)) from error
        issue = _Issue(
            code=code, token=token, title=title, form=ResultForm.ELECTRONIC,
            document_number=number, summary=_("Certified copy of: %(title)s") % {"title": title},
            generated=True, kind=SignedResult.Kind.CERTIFIED_COPY,
        )  # fmt: skip
        return _sign_and_approve(
            actor, dossier, unsigned, issue, revision=revision, request_key=request_key
        )


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


def result_valid_until(signed: SignedResult) -> date | None:
    """The last day a result is valid, for the procedures whose results expire
    (`MOTCUA_RESULT_VALIDITY_MONTHS`, by procedure code): e.g. the certificate of marital status,
    6 months (NĐ 123/2015/NĐ-CP, Art. 23 [MEM])."""
    months = settings.MOTCUA_RESULT_VALIDITY_MONTHS.get(
        signed.dossier.procedure_version.procedure.code
    )
    if not months:
        return None
    issued = timezone.localdate(signed.signed_at)
    year, month = divmod(issued.month - 1 + int(months), 12)
    year, month = issued.year + year, month + 1
    same_day = date(year, month, min(issued.day, monthrange(year, month)[1]))
    return same_day - timedelta(days=1)


def store_add_result(*, signed: SignedResult) -> StoredDocument | None:
    """A signed result goes to its recipient's store (once), if the recipient has an
    identification number."""
    if not signed.recipient_id_number:
        return None
    stored, _created = StoredDocument.objects.get_or_create(
        source_key=f"result:{signed.pk}",
        defaults={
            "valid_until": result_valid_until(signed),
            "id_number": signed.recipient_id_number,
            "kind": (
                StoredDocument.Kind.CERTIFIED_COPY
                if signed.kind == SignedResult.Kind.CERTIFIED_COPY
                else StoredDocument.Kind.RESULT
            ),
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
