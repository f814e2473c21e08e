from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.dossiers.models import Dossier
from motcua.feedback.models import SatisfactionRating


def rating_get(*, dossier: Dossier) -> SatisfactionRating | None:
    return SatisfactionRating.objects.filter(dossier=dossier).first()


def rating_list_to_follow_up(*, user: User) -> QuerySet[SatisfactionRating]:
    """Unsatisfied ratings of the leader's agencies not yet answered, the most urgent first."""
    agencies = membership_list_for_user(user=user).filter(role=Role.LEADER).values("agency_id")
    return (
        SatisfactionRating.objects.filter(
            satisfied=False, followed_up_at__isnull=True, dossier__deciding_agency_id__in=agencies
        )
        .select_related("dossier")
        .order_by("follow_up_due", "pk")
    )
