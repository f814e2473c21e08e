"""Reads of electronic results: by code for the public verification page, by dossier for the
citizen and the officers."""

from __future__ import annotations

import hmac

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.documents.models import SignedResult, StoredDocument
from motcua.dossiers.models import Dossier


def signed_result_by_code(*, code: str) -> SignedResult | None:
    return (
        SignedResult.objects.select_related("agency", "dossier__procedure_version", "signed_by")
        .filter(code=code.strip()[:60])
        .first()
    )


def signed_result_of(*, dossier_id: int) -> SignedResult | None:
    return SignedResult.objects.filter(dossier_id=dossier_id).first()


def link_matches(signed: SignedResult, *, token: str = "", sha256: str = "") -> bool:
    """Whether a verification link carries this result's token or its file's hash (a forged or
    mistyped one does not)."""
    if token:
        return hmac.compare_digest(token.encode(), signed.token.encode())
    if sha256:
        return hmac.compare_digest(sha256.strip().lower().encode(), signed.sha256.encode())
    return False


def masked_name(name: str) -> str:
    """'Điểu Thị Lan' → 'Điểu T** L**': the family name and initials, for a public page."""
    words = name.split()
    if len(words) <= 1:
        return (name[:1] + "**") if name else ""
    return " ".join([words[0], *(w[:1] + "**" for w in words[1:])])


def masked_id(number: str) -> str:
    """'070190001234' → '0701******34'."""
    if len(number) < 8:  # noqa: PLR2004 - too short to show any of it
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]


# --- the citizen's document store ---------------------------------------------------------------


def store_of_citizen(*, id_number: str) -> QuerySet[StoredDocument]:
    if not id_number:
        return StoredDocument.objects.none()
    return StoredDocument.objects.filter(id_number=id_number).select_related("issuer")


def store_entry_of_citizen(*, id_number: str, entry_id: int) -> StoredDocument | None:
    return store_of_citizen(id_number=id_number).filter(pk=entry_id).first()


def store_for_handling(*, user: User, dossier: Dossier) -> QuerySet[StoredDocument]:
    """The applicant's stored documents an officer may look up: only an officer of the deciding
    agency, only while the dossier is being handled, never the dossier's own files."""
    from motcua.accounts.selectors import membership_list_for_user
    from motcua.dossiers.constants import DossierStatus

    handling = {
        DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.AWAITING_SUPPLEMENT,
        DossierStatus.AWAITING_FINANCIAL_OBLIGATION,
    }  # fmt: skip
    member = membership_list_for_user(user=user).filter(agency_id=dossier.deciding_agency_id)
    if dossier.status not in handling or not dossier.applicant_id_number or not member.exists():
        return StoredDocument.objects.none()
    return store_of_citizen(id_number=dossier.applicant_id_number).exclude(dossier=dossier)


def dossier_ids_in_store(dossier_ids: list[int]) -> set[int]:
    """Of these dossiers, those with an entry in the citizen's store (their electronic result or
    certified copy, or a digitised component): QĐ 766 indicator 4.4, as `quality` counts it."""
    return set(
        StoredDocument.objects.filter(dossier_id__in=dossier_ids)
        .values_list("dossier_id", flat=True)
        .distinct()
    )
