"""Officers' looks at a citizen's personal data, logged for the citizen to see (issue 14).

The back-office views that show a person's data call these after the scope check, so a
refused request logs nothing. A failure to log never breaks the officer's page, but it is not
hidden either: it goes to the log at warning level with its traceback.
"""

from __future__ import annotations

import logging

from django.db import transaction

from motcua.accounts.constants import PersonalDataKind
from motcua.accounts.models import User
from motcua.accounts.services import personal_data_access_record
from motcua.documents.certification import is_certification
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback

logger = logging.getLogger(__name__)


def _record(*, officer: User, **kwargs: object) -> None:
    try:
        with transaction.atomic():  # a failed insert must not poison the page's transaction
            personal_data_access_record(officer=officer, **kwargs)  # type: ignore[arg-type]
    except Exception:
        logger.warning(
            "personal data access not recorded: officer=%s kwargs=%s",
            officer.pk,
            {k: v for k, v in kwargs.items() if k != "subject_id_number"},
            exc_info=True,
        )


def dossier_looked_at(
    *, officer: User, dossier: Dossier, purpose: str, kind: PersonalDataKind | None = None
) -> None:
    """The dossier page, one of its papers, its slips and receipts, or a stored document
    opened from it. The person is the applicant: their account and their ID number."""
    if kind is None:
        kind = (
            PersonalDataKind.CERTIFIED_COPY
            if is_certification(dossier)
            else PersonalDataKind.DOSSIER
        )
    _record(
        officer=officer,
        kind=kind,
        reference=dossier.code,
        purpose=purpose,
        subject_id_number=dossier.applicant_id_number,
        subject_user_id=dossier.citizen_id,
        agency_ids=(dossier.deciding_agency_id, dossier.receiving_agency_id),
    )


def store_entry_looked_at(
    *, officer: User, dossier: Dossier, entry_id: int, id_number: str
) -> None:
    """A document of the person's store, looked up while handling `dossier`."""
    _record(
        officer=officer,
        kind=PersonalDataKind.DOCUMENT_STORE,
        reference=dossier.code,
        purpose=f"store:{entry_id}",
        subject_id_number=id_number,
        subject_user_id=dossier.citizen_id if dossier.applicant_id_number == id_number else None,
        agency_ids=(dossier.deciding_agency_id, dossier.receiving_agency_id),
    )


def petition_looked_at(
    *, officer: User, feedback: Feedback, purpose: str, kind: PersonalDataKind
) -> None:
    """A petition of a named sender with an account (an anonymous tip names nobody; a sender
    without an account has no page to read the log on)."""
    if feedback.anonymous or feedback.citizen_id is None:
        return
    _record(
        officer=officer,
        kind=kind,
        reference=feedback.code,
        purpose=purpose,
        subject_user_id=feedback.citizen_id,
        agency_ids=(feedback.agency_id,),
    )
