"""Open dossiers that will cost a unit QĐ 766 points, and who can act on each (the leaders'
"points at risk today"). Operational: it reads the current state, like the queues do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from motcua.core.calendar import get_calendar
from motcua.dossiers.constants import OPEN_STATUSES, DeadlineState, DossierStatus, StepKind
from motcua.dossiers.models import Dossier, DossierDocument, ProcessingStep
from motcua.dossiers.selectors import deadline_state_of

RATING_WINDOW_DAYS = 30


@dataclass(frozen=True)
class AtRisk:
    dossier: Dossier
    deadline: DeadlineState | None
    will_be_late: bool
    overdue: bool
    not_digitised: bool
    unpaid: bool
    unrated: bool
    who: str  # the officer (or role) who can act now


def _who(dossier: Dossier, steps: dict[int, ProcessingStep]) -> str:
    if dossier.status in (DossierStatus.RESULT_RETURNED, DossierStatus.SUBMITTED):
        officer = dossier.received_by
        return officer.get_full_name() if officer else ""
    step = steps.get(dossier.pk)
    if step is None:
        return ""
    if step.assignee is not None:
        return step.assignee.get_full_name() or step.assignee.username
    return f"{step.get_role_display()} – {step.agency.name}"


def dossier_list_at_risk(
    *, agency_ids: list[int], now: datetime | None = None, limit: int = 200
) -> list[AtRisk]:
    """Open dossiers of these agencies (receiving or deciding) that are or will be late, have
    no digitised component, await an unpaid financial obligation, or were returned unrated."""
    now = now or timezone.now()
    calendar = get_calendar()
    soon = calendar.shift_working_days(
        timezone.localtime(now).date(), settings.MOTCUA_DUE_SOON_WORKING_DAYS
    )
    mine = Q(deciding_agency_id__in=agency_ids) | Q(receiving_agency_id__in=agency_ids)
    has_file = Exists(DossierDocument.objects.filter(dossier=OuterRef("pk")).exclude(file=""))
    open_ = Dossier.objects.filter(mine, status__in=OPEN_STATUSES, received_at__isnull=False)
    candidates = (
        (
            open_.filter(
                Q(due_at__date__lte=soon)
                | Q(status=DossierStatus.AWAITING_FINANCIAL_OBLIGATION)
                | ~Q(
                    Exists(DossierDocument.objects.filter(dossier=OuterRef("pk")).exclude(file=""))
                )
            )
            | Dossier.objects.filter(
                mine,
                status=DossierStatus.RESULT_RETURNED,
                returned_at__gte=now - timedelta(days=RATING_WINDOW_DAYS),
                rating__isnull=True,
            )
        )
        .annotate(has_file=has_file)
        .select_related("procedure_version", "received_by")
    )
    dossiers = list(candidates.order_by("due_at", "pk")[:limit])
    steps = {
        step.dossier_id: step
        for step in ProcessingStep.objects.filter(
            dossier_id__in=[d.pk for d in dossiers],
            kind=StepKind.PROCESS,
            completed_at__isnull=True,
        ).select_related("assignee", "agency")
    }
    out = []
    for dossier in dossiers:
        state = deadline_state_of(dossier, now=now)
        returned = dossier.status == DossierStatus.RESULT_RETURNED
        out.append(
            AtRisk(
                dossier=dossier,
                deadline=state,
                will_be_late=state in (DeadlineState.DUE_SOON, DeadlineState.DUE_TODAY),
                overdue=state == DeadlineState.OVERDUE,
                not_digitised=not returned and not dossier.has_file,
                unpaid=dossier.status == DossierStatus.AWAITING_FINANCIAL_OBLIGATION,
                unrated=returned,
                who=_who(dossier, steps),
            )
        )
    return out


def dossier_count_received_unsynced(*, agency_ids: list[int]) -> int:
    """Open dossiers of these agencies not yet synchronised (no sync outbox before issue 11)."""
    return Dossier.objects.filter(
        Q(deciding_agency_id__in=agency_ids) | Q(receiving_agency_id__in=agency_ids),
        status__in=OPEN_STATUSES,
        received_at__isnull=False,
    ).count()
