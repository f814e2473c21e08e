"""Reads of the national sync: a dossier's standing, the failing messages, the synced dossiers
(766 indicator 1.4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.sync.constants import DossierSyncStatus, MessageStatus
from motcua.sync.models import SyncMessage, SyncState


@dataclass(frozen=True)
class DossierSync:
    status: str  # DossierSyncStatus
    messages: int
    sent: int
    last_sent_at: datetime | None
    next_attempt_at: datetime | None
    attempts: int
    error: str  # the last failure's code and message, for the officer

    @property
    def label(self) -> str:
        return str(DossierSyncStatus(self.status).label)


def sync_status_of(*, dossier_id: int) -> DossierSync:
    """Synced: the latest state was accepted. Pending: waiting, no failure yet. Failing: the
    oldest unsent message failed at least once, or the latest message was stopped."""
    rows = list(
        SyncMessage.objects.filter(dossier_id=dossier_id)
        .order_by("sequence")
        .values("status", "attempts", "next_attempt_at", "sent_at", "last_code", "last_error")
    )
    if not rows:
        return DossierSync(DossierSyncStatus.NONE, 0, 0, None, None, 0, "")
    sent = [r for r in rows if r["status"] == MessageStatus.SENT]
    waiting = [r for r in rows if r["status"] == MessageStatus.PENDING]
    head = waiting[0] if waiting else None
    # A stopped message followed by a later one is superseded: each carries the whole dossier.
    failing = rows[-1] if rows[-1]["status"] == MessageStatus.DEAD else None
    if head is not None and head["attempts"]:
        failing = head
    if failing is not None:
        status = DossierSyncStatus.FAILED
    elif head is not None:
        status = DossierSyncStatus.PENDING
    else:
        status = DossierSyncStatus.SYNCED
    return DossierSync(
        status=status,
        messages=len(rows),
        sent=len(sent),
        last_sent_at=max((r["sent_at"] for r in sent if r["sent_at"]), default=None),
        next_attempt_at=head["next_attempt_at"] if head else None,
        attempts=head["attempts"] if head else 0,
        error=f"{failing['last_code']}: {failing['last_error']}" if failing else "",
    )


def sync_messages_failing() -> QuerySet[SyncMessage]:
    """Stopped messages and those that failed at least once, oldest first (the admin's list)."""
    return SyncMessage.objects.filter(
        Q(status=MessageStatus.DEAD) | Q(status=MessageStatus.PENDING, attempts__gt=0)
    ).order_by("pk")


def sync_counts() -> dict[str, int]:
    return {
        status: SyncMessage.objects.filter(status=status).count() for status in MessageStatus.values
    }


def synced_dossier_ids(dossier_ids: Iterable[int]) -> set[int]:
    """Dossiers the national portal has (its create was accepted)."""
    return set(
        SyncState.objects.filter(dossier_id__in=list(dossier_ids), created=True).values_list(
            "dossier_id", flat=True
        )
    )


def dossier_ids_synced_since(since: datetime | None) -> tuple[list[int], datetime | None]:
    """Dossiers the portal accepted a message of after `since` (their 766 facts change), and the
    newest such time."""
    states = SyncState.objects.all()
    if since is not None:
        states = states.filter(synced_at__gt=since)
    newest = states.aggregate(m=Max("synced_at"))["m"]
    return list(states.values_list("dossier_id", flat=True)), newest or since


@dataclass(frozen=True)
class Divergence:
    """Why the national portal may count a dossier otherwise than we do."""

    dossier_id: int
    reason: str  # "not_synced": the portal never accepted it; "behind": its last accepted state
    # is older than ours; "stopped": our latest state was stopped (refused or incomplete)
    portal_status: int | None  # TrangThaiHoSo the portal last accepted
    our_status: int | None  # TrangThaiHoSo of our latest state

    @property
    def label(self) -> str:
        return str(DIVERGENCE_LABELS[self.reason])


DIVERGENCE_LABELS = {
    "not_synced": _("never accepted by the portal"),
    "behind": _("the portal has an older status"),
    "stopped": _("our latest state was stopped"),
}


def sync_divergences(dossier_ids: Iterable[int]) -> list[Divergence]:
    """Of these dossiers, those whose state at the portal differs from ours, with the reason.
    A dossier the portal has (created) with nothing newer waiting is in step."""
    ids = list(dossier_ids)
    created = set(
        SyncState.objects.filter(dossier_id__in=ids, created=True).values_list(
            "dossier_id", flat=True
        )
    )
    latest: dict[int, tuple[str, int | None]] = {}
    accepted: dict[int, int | None] = {}
    for dossier_id, status, code in (
        SyncMessage.objects.filter(dossier_id__in=ids)
        .order_by("dossier_id", "sequence")
        .values_list("dossier_id", "status", "status_code")
    ):
        latest[dossier_id] = (status, code)
        if status == MessageStatus.SENT:
            accepted[dossier_id] = code
    out = []
    for dossier_id in ids:
        status, code = latest.get(dossier_id, ("", None))
        if dossier_id not in created:
            out.append(Divergence(dossier_id, "not_synced", None, code))
        elif status == MessageStatus.DEAD:
            out.append(Divergence(dossier_id, "stopped", accepted.get(dossier_id), code))
        elif status == MessageStatus.PENDING:
            out.append(Divergence(dossier_id, "behind", accepted.get(dossier_id), code))
    return out
