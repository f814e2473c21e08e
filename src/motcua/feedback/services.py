"""Record a rating once per dossier; an unsatisfied one opens a follow-up for the unit's leader."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.core.calendar import shift_working_days
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.feedback.constants import DissatisfactionReason
from motcua.feedback.models import SatisfactionRating


class RatingError(ValueError):
    """The rating cannot be recorded; the message is for people."""


def rating_record(
    *, dossier: Dossier, satisfied: bool, reasons: Sequence[str] = (), comment: str = ""
) -> SatisfactionRating:
    if dossier.status != DossierStatus.RESULT_RETURNED:
        raise RatingError(_("You can rate a dossier once its result has been handed over."))
    unknown = set(reasons) - set(DissatisfactionReason.values)
    if unknown:
        raise RatingError(_("Choose reasons from the list."))
    if not satisfied and not reasons:
        raise RatingError(_("Tell us at least one reason you are not satisfied."))
    today = timezone.localdate()
    try:
        with transaction.atomic():
            return SatisfactionRating.objects.create(
                dossier=dossier,
                satisfied=satisfied,
                reasons=[] if satisfied else sorted(set(reasons)),
                comment=comment.strip()[:2000],
                follow_up_due=None
                if satisfied
                else shift_working_days(today, settings.MOTCUA_RATING_FOLLOW_UP_WORKING_DAYS),
            )
    except IntegrityError:
        raise RatingError(_("This dossier has already been rated. Thank you.")) from None


def rating_follow_up(*, actor: User, rating_id: int, note: str) -> SatisfactionRating:
    """The leader of the deciding agency records what was done about an unsatisfied rating."""
    with transaction.atomic():
        rating = (
            SatisfactionRating.objects.select_for_update()
            .select_related("dossier")
            .filter(pk=rating_id, satisfied=False)
            .first()
        )
        if rating is None:
            raise RatingError(_("This rating does not need a follow-up."))
        leader_of = set(
            membership_list_for_user(user=actor)
            .filter(role=Role.LEADER)
            .values_list("agency_id", flat=True)
        )
        if rating.dossier.deciding_agency_id not in leader_of:
            raise RatingError(_("Only a leader of the agency that decided the dossier can reply."))
        if not note.strip():
            raise RatingError(_("Write what was done."))
        rating.follow_up_note = note.strip()
        rating.followed_up_by, rating.followed_up_at = actor, timezone.now()
        rating.save(
            update_fields=["follow_up_note", "followed_up_by", "followed_up_at", "updated_at"]
        )
        return rating
