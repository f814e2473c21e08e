from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Max, QuerySet

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


# --- for the QĐ 766 facts (indicator 5.4) -----------------------------------------------------


def dossier_ids_rated_since(since: datetime | None) -> tuple[list[int], datetime | None]:
    """Dossiers whose rating was recorded or changed after `since`, and the newest such time."""
    ratings = SatisfactionRating.objects.all()
    if since is not None:
        ratings = ratings.filter(updated_at__gt=since)
    newest = ratings.aggregate(m=Max("updated_at"))["m"]
    ids = list(ratings.values_list("dossier_id", flat=True))
    return ids, newest or since


def dossier_ids_disliked(dossier_ids: Iterable[int]) -> set[int]:
    """Of these dossiers, those rated "not satisfied" (petitions join them with issue 12)."""
    return set(
        SatisfactionRating.objects.filter(
            dossier_id__in=list(dossier_ids), satisfied=False
        ).values_list("dossier_id", flat=True)
    )


def dossier_ids_rated(dossier_ids: Iterable[int]) -> set[int]:
    return set(
        SatisfactionRating.objects.filter(dossier_id__in=list(dossier_ids)).values_list(
            "dossier_id", flat=True
        )
    )
