"""Reads of the outbox."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.notifications.models import Notification


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """The messages written to this person, newest first (one row per channel tried)."""
    return (
        Notification.objects.filter(user=user)
        .select_related("dossier")
        .order_by("-created_at", "-pk")
    )
