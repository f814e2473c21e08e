"""Dossier and petition events → messages to the citizen (connected in `apps.py`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.core.money import vnd_digits
from motcua.dossiers.constants import Transition
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.selectors import dossier_event_get
from motcua.notifications.constants import MessageKind
from motcua.notifications.services import notification_queue, recipient_for

KIND_OF = {
    Transition.RECEIVE: MessageKind.RECEIVED,
    Transition.REQUEST_SUPPLEMENT: MessageKind.SUPPLEMENT_REQUESTED,
    Transition.REQUEST_FINANCIAL_OBLIGATION: MessageKind.PAYMENT_DUE,
    Transition.EXTEND_DEADLINE: MessageKind.NEW_DATE,
    Transition.REFUSE_RECEIPT: MessageKind.REFUSED,
    Transition.REJECT: MessageKind.REFUSED,
    Transition.STOP: MessageKind.REFUSED,
    Transition.APPROVE: MessageKind.RESULT_READY,
    Transition.RETURN_RESULT: MessageKind.RETURNED,
}


def _vnd(amount: int | None) -> str:
    """1500000 → "1.500.000" (Vietnamese thousands separator)."""
    return vnd_digits(amount) if amount else ""


def dossier_message_context(event: DossierEvent) -> dict[str, Any]:
    dossier = event.dossier
    supplement = (
        dossier.supplements.filter(ordinal=event.payload.get("ordinal", 0)).first()
        if event.transition == Transition.REQUEST_SUPPLEMENT
        else None
    )
    refusal = dossier.refusals.order_by("-refused_at").first()
    return {
        "dossier": dossier,
        "code": dossier.code,
        "procedure": dossier.procedure_version.name,
        "due_at": timezone.localtime(dossier.due_at) if dossier.due_at else None,
        "tracking_url": settings.MOTCUA_TRACKING_URL.format(code=dossier.code),
        "desk": dossier.receiving_desk,
        "reasons": supplement.reasons if supplement else [],
        "amount": _vnd(event.payload.get("amount")),
        "note": event.note,
        "refusal": refusal,
    }


def on_dossier_event(sender: Any, event: DossierEvent, **kwargs: Any) -> None:
    """Runs after the dossier's transaction committed; writes the outbox rows atomically."""
    kind = KIND_OF.get(Transition(event.transition))
    if kind is None:
        return
    event = dossier_event_get(event_id=event.pk)
    dossier = event.dossier
    recipient = recipient_for(
        user=dossier.citizen, phone=dossier.applicant_phone, email=dossier.applicant_email
    )
    with transaction.atomic():
        notification_queue(
            kind=kind,
            source=f"dossier-event:{event.pk}",
            recipient=recipient,
            context=dossier_message_context(event),
            dossier_id=dossier.pk,
        )


FEEDBACK_KINDS = {
    "received": MessageKind.FEEDBACK_RECEIVED,
    "refused": MessageKind.FEEDBACK_REFUSED,
    "supplement_requested": MessageKind.FEEDBACK_SUPPLEMENT,
    "answered": MessageKind.FEEDBACK_ANSWERED,
}


def on_feedback_event(sender: Any, feedback_id: int, kind: str, **kwargs: Any) -> None:
    """A petition step the citizen must hear about: the code and the tracking link always, the
    reason, the question or the answer when there is one."""
    from motcua.feedback.selectors import feedback_message_context

    message_kind = FEEDBACK_KINDS.get(kind)
    context = feedback_message_context(feedback_id=feedback_id)
    if message_kind is None or context is None:
        return
    feedback = context["feedback"]
    recipient = recipient_for(user=feedback.citizen, phone=feedback.phone, email=feedback.email)
    context["tracking_url"] = settings.MOTCUA_FEEDBACK_TRACKING_URL.format(
        token=feedback.tracking_token
    )
    with transaction.atomic():
        notification_queue(
            kind=message_kind,
            source=f"feedback:{feedback_id}:{kind}:{context['step']}",
            recipient=recipient,
            context=context,
        )


def on_directive_reminder(sender: Any, reminder_id: int, **kwargs: Any) -> None:
    """A directive task's reminder to the lead unit's leaders and specialists, or its
    escalation to the province office; each officer once per reminder."""
    from motcua.accounts.constants import Role
    from motcua.accounts.selectors import membership_list_for_agency, user_list_with_role
    from motcua.directives.constants import ReminderKind
    from motcua.directives.selectors import reminder_message_context

    context = reminder_message_context(reminder_id=reminder_id)
    if context is None:
        return
    if context["kind"] == ReminderKind.OVERDUE:
        kind, officers = (
            MessageKind.DIRECTIVE_ESCALATION,
            list(user_list_with_role(role=Role.PROVINCE_MONITOR)),
        )
    else:
        members = membership_list_for_agency(agency=context["lead_agency"])
        kind = MessageKind.DIRECTIVE_REMINDER
        officers = [m.user for m in members if m.role in (Role.LEADER, Role.SPECIALIST)]
    context["task_url"] = settings.MOTCUA_PUBLIC_URL.rstrip("/") + (
        f"/backoffice/directives/tasks/{context['task_id']}/"
    )
    with transaction.atomic():
        for officer in officers:
            notification_queue(
                kind=kind,
                source=f"directive-reminder:{reminder_id}:{officer.pk}",
                recipient=recipient_for(user=officer, phone="", email=""),
                context=context,
            )
