"""PAdES signatures of electronic results (pyHanko), and their verification.

An agency signs with its own certificate: a PKCS#12 file `<MOTCUA_SIGNING_DIR>/<agency's
national identifier>.p12` whose passphrase comes from the environment
(`MOTCUA_SIGNING_PASSPHRASES`, by identifier, `*` for any). Signatures are checked against the
trust roots `<MOTCUA_SIGNING_DIR>/roots/*.pem` (in production, the national root of the
government's certification service; in development and tests, a root generated locally:
`manage.py signing_demo_keys`, never committed).

Nothing here fetches anything: no revocation or timestamp server is reached (the machines reach
only package registries); a deployment that has them configures pyHanko's fetchers there.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

from motcua.core.asyncsafe import outside_event_loop

logger = logging.getLogger(__name__)
FIELD_NAME = "KetQuaDienTu"
# What a PDF must not carry before it is signed and handed out: active content and attachments.
FORBIDDEN = (b"/JavaScript", b"/JS ", b"/JS(", b"/JS<", b"/Launch", b"/EmbeddedFile", b"/RichMedia")
MAX_PDF_BYTES = 20 * 1024 * 1024


class SigningError(Exception):
    """A PDF that cannot be signed (unsafe or unreadable) or an agency without a certificate;
    the message is for people."""


@dataclass(frozen=True)
class Verdict:
    """What a check of a signed PDF found."""

    signed: bool  # it carries a signature at all
    intact: bool  # the bytes it covers are unchanged
    trusted: bool  # the certificate chains to a configured root
    whole_file: bool  # the signature covers the whole file (nothing appended after it)
    signer: str  # the certificate's subject (common name)
    signed_at: datetime | None
    problem: str  # empty when valid; else what failed, for the log

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.whole_file


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _directory() -> Path:
    return Path(settings.MOTCUA_SIGNING_DIR)


def _passphrase(identifier: str) -> bytes | None:
    phrases: dict[str, str] = settings.MOTCUA_SIGNING_PASSPHRASES
    phrase = phrases.get(identifier, phrases.get("*"))
    return phrase.encode() if phrase else None


def key_path(identifier: str) -> Path:
    safe = "".join(c for c in identifier if c.isalnum() or c in ".-_")
    return _directory() / f"{safe}.p12"


def has_key(identifier: str) -> bool:
    return bool(identifier) and key_path(identifier).is_file()


def pdf_check(data: bytes) -> None:
    """Refuse what must not be signed: not a PDF, too large, unreadable, active content or
    attachments. (A raw scan of the bytes: it errs on the side of refusing.)"""
    from django.utils.translation import gettext as _
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if len(data) > MAX_PDF_BYTES:
        raise SigningError(_("The PDF is larger than 20 MB."))
    if not data.startswith(b"%PDF-"):
        raise SigningError(_("The file is not a PDF."))
    if any(marker in data for marker in FORBIDDEN):
        raise SigningError(
            _("The PDF contains scripts, actions or attached files: export it again as plain PDF.")
        )
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            raise SigningError(_("The PDF is protected by a password: export it without one."))
        reader.root  # noqa: B018 - parses the catalogue; a broken file fails here
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise SigningError(_("The PDF is damaged and cannot be read.")) from error


def sign(
    data: bytes, *, identifier: str, reason: str, location: str, signer_name: str = ""
) -> bytes:
    """`data` signed (PAdES baseline B) with the agency's certificate."""
    from django.utils.translation import gettext as _
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    pdf_check(data)
    if not has_key(identifier):
        raise SigningError(
            _("This agency has no signing certificate configured: ask the system administrator.")
        )
    signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
        str(key_path(identifier)), passphrase=_passphrase(identifier)
    )
    if signer is None:
        raise SigningError(_("The agency's signing certificate cannot be opened."))
    cert = signer.signing_cert
    now = datetime.now(tz=cert.not_valid_after.tzinfo)
    if not cert.not_valid_before <= now <= cert.not_valid_after:
        raise SigningError(_("The agency's signing certificate has expired or is not valid yet."))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer_name or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    output = outside_event_loop(signers.sign_pdf, writer, metadata, signer=signer)
    signed: bytes = output.getvalue()
    return signed


def _roots() -> list[object]:
    from asn1crypto import pem  # type: ignore[import-untyped]
    from asn1crypto import x509 as asn1_x509

    roots: list[object] = []
    for path in sorted((_directory() / "roots").glob("*.pem")):
        raw = path.read_bytes()
        for _kind, _headers, der in pem.unarmor(raw, multiple=True):
            roots.append(asn1_x509.Certificate.load(der))
    return roots


def verify(data: bytes) -> Verdict:
    """Check the first signature of `data`: intact, trusted, covering the whole file."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import CMSExtractionError, CMSStructuralError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    empty = Verdict(False, False, False, False, "", None, "")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return Verdict(False, False, False, False, "", None, "no signature")
        embedded = signatures[0]
        context = ValidationContext(trust_roots=_roots(), allow_fetching=False)
        status = outside_event_loop(validate_pdf_signature, embedded, context)
    except (
        PdfError, SignatureValidationError, CMSExtractionError, CMSStructuralError,
        ValueError, KeyError, TypeError,
    ) as error:  # fmt: skip
        logger.info("signature check failed: %s", error)
        return Verdict(True, False, False, False, "", None, f"unreadable: {error}"[:200])
    except Exception as error:
        logger.warning("signature check error: %s", error)
        return Verdict(empty.signed, False, False, False, "", None, f"error: {error}"[:200])
    subject = status.signing_cert.subject.native.get("common_name", "")
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problem = (
        ""
        if status.intact and status.trusted and whole
        else (f"intact={status.intact} trusted={status.trusted} coverage={status.coverage}")
    )
    return Verdict(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        whole_file=whole,
        signer=str(subject),
        signed_at=status.signer_reported_dt,
        problem=problem,
    )
