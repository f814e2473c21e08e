"""Compose, queue and deliver messages to citizens (DESIGN §4 `notifications`).

Composing writes one `Notification` row per channel in the caller's transaction (so a crash
loses nothing) and enqueues its delivery on commit. Delivery retries a failing channel with
back-off, then passes the message to the citizen's next channel with an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from motcua.notifications.channels import ChannelError, channel_for
from motcua.notifications.constants import ChannelKind, DeliveryStatus
from motcua.notifications.models import Notification, NotificationPreference

# Cheap phones first: an SMS reaches everyone; Zalo and e-mail when the citizen has them.
CHANNEL_ORDER = (ChannelKind.SMS, ChannelKind.ZALO, ChannelKind.EMAIL)
_SEPARATOR = "\n---\n"


@dataclass(frozen=True)
class Recipient:
    user_id: int | None
    addresses: dict[str, str]  # channel -> address, every channel we could use
    chosen: tuple[str, ...]  # the channels to send on first, in order
    language: str


def recipient_for(*, user: Any | None, phone: str, email: str) -> Recipient:
    """Who to tell, where, in which language: the account's choices, else the dossier's data."""
    addresses: dict[str, str] = {}
    if phone:
        addresses[ChannelKind.SMS] = phone
    if email:
        addresses[ChannelKind.EMAIL] = email
    if user is None:
        return Recipient(None, addresses, tuple(c for c in CHANNEL_ORDER if c in addresses), "vi")
    if getattr(user, "phone", ""):
        addresses[ChannelKind.SMS] = addresses[ChannelKind.ZALO] = user.phone
    if getattr(user, "email", ""):
        addresses[ChannelKind.EMAIL] = user.email
    preference = NotificationPreference.objects.filter(user=user).first()
    wanted = (
        {c for c in ChannelKind if getattr(preference, c)}
        if preference
        else {ChannelKind.SMS, ChannelKind.EMAIL}
    )
    chosen = tuple(c for c in CHANNEL_ORDER if c in wanted and c in addresses)
    return Recipient(user.pk, addresses, chosen, preference.language if preference else "vi")


def compose(*, kind: str, language: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """(subject, short text for SMS/Zalo, long text for e-mail) from the kind's template."""
    with translation.override(language):
        text = render_to_string(f"notifications/messages/{kind}.txt", context)
    subject, short, long = (part.strip() for part in text.split(_SEPARATOR, 2))
    long = re.sub(r"\n{3,}", "\n\n", long)  # optional blocks leave blank runs
    return " ".join(subject.split()), " ".join(short.split()), long


def notification_queue(
    *,
    kind: str,
    source: str,
    recipient: Recipient,
    context: dict[str, Any],
    dossier_id: int | None = None,
) -> list[Notification]:
    """One row per chosen channel, idempotent per (source, channel); delivery after commit."""
    if not recipient.chosen:
        return []
    subject, short, long = compose(kind=kind, language=recipient.language, context=context)
    fallbacks = [c for c in CHANNEL_ORDER if c in recipient.addresses and c not in recipient.chosen]
    rows = []
    for channel in recipient.chosen:
        try:
            with transaction.atomic():
                row = Notification.objects.create(
                    kind=kind,
                    source_key=f"{source}:{channel}",
                    dossier_id=dossier_id,
                    user_id=recipient.user_id,
                    channel=channel,
                    address=recipient.addresses[channel],
                    language=recipient.language,
                    subject=subject,
                    text_short=short[:480],
                    text_long=long,
                    next_attempt_at=timezone.now(),
                    remaining_channels=",".join(fallbacks),
                )
        except IntegrityError:
            continue  # already queued for this cause and channel
        rows.append(row)
        _enqueue(row.pk, None)
    return rows


def _enqueue(notification_id: int, run_after: datetime | None) -> None:
    from motcua.notifications import tasks

    task = tasks.notification_deliver
    if run_after is not None:
        task = task.using(run_after=run_after)
    transaction.on_commit(partial(task.enqueue, notification_id=notification_id))


def _backoff(attempts: int) -> timedelta:
    minutes = settings.MOTCUA_NOTIFICATION_RETRY_MINUTES
    return timedelta(minutes=minutes[min(attempts, len(minutes)) - 1])


def notification_deliver(*, notification_id: int) -> str:
    """Try to send one message now; returns its status afterwards."""
    with transaction.atomic():
        row = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if row is None or row.status != DeliveryStatus.PENDING:
            return row.status if row else "missing"
        now = timezone.now()
        if row.next_attempt_at > now:
            return row.status  # a retry is scheduled; an early wake-up does nothing
        try:
            channel_for(row.channel).send(address=row.address, subject=row.subject, body=row.body)
        except ChannelError as error:
            row.attempts += 1
            row.last_error = str(error)[:500]
            if row.attempts >= settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS:
                row.status = DeliveryStatus.FAILED
                _fall_back(row)
            else:
                row.next_attempt_at = now + _backoff(row.attempts)
                _enqueue(row.pk, row.next_attempt_at)
            row.save(
                update_fields=["attempts", "last_error", "status", "next_attempt_at", "updated_at"]
            )
            return row.status
        row.status, row.sent_at, row.attempts = DeliveryStatus.SENT, now, row.attempts + 1
        row.save(update_fields=["status", "sent_at", "attempts", "updated_at"])
        return row.status


def _fall_back(row: Notification) -> None:
    """Pass a message that failed on every retry to the next channel, or give it up."""
    remaining = [c for c in row.remaining_channels.split(",") if c]
    addresses = _addresses_of(row)
    for channel in remaining:
        if channel not in addresses:
            continue
        fallback = Notification.objects.create(
            kind=row.kind,
            source_key=f"{row.source_key}>{channel}",
            dossier_id=row.dossier_id,
            user_id=row.user_id,
            channel=channel,
            address=addresses[channel],
            language=row.language,
            subject=row.subject,
            text_short=row.text_short,
            text_long=row.text_long,
            next_attempt_at=timezone.now(),
            fallback_of=row,
            remaining_channels=",".join(c for c in remaining if c != channel),
        )
        _enqueue(fallback.pk, None)
        return
    row.status = DeliveryStatus.ABANDONED


def _addresses_of(row: Notification) -> dict[str, str]:
    dossier = row.dossier
    user = row.user
    found: dict[str, str] = {}
    phone = (user.phone if user else "") or (dossier.applicant_phone if dossier else "")
    email = (user.email if user else "") or (dossier.applicant_email if dossier else "")
    if phone:
        found[ChannelKind.SMS] = found[ChannelKind.ZALO] = phone
    if email:
        found[ChannelKind.EMAIL] = email
    return found


def notification_deliver_due(*, limit: int = 500) -> int:
    """Deliver every pending message whose time has come (a lost task loses nothing)."""
    due = list(
        Notification.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notification_deliver(notification_id=pk) == DeliveryStatus.SENT for pk in due)


class PreferenceError(ValueError):
    """The choice cannot work (a channel without an address); the message is for people."""


def notification_preference_save(
    *, user: Any, email: bool, sms: bool, zalo: bool, language: str
) -> NotificationPreference:
    from django.utils.translation import gettext as _

    if not (email or sms or zalo):
        raise PreferenceError(_("Choose at least one way to be told about your dossiers."))
    if (sms or zalo) and not user.phone:
        raise PreferenceError(_("Add a phone number to your account to get SMS or Zalo."))
    if email and not user.email:
        raise PreferenceError(_("Add an email address to your account to get emails."))
    if language not in dict(settings.LANGUAGES):
        raise PreferenceError(_("Choose a language from the list."))
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email, "sms": sms, "zalo": zalo, "language": language}
    )
    return preference


def notification_preference_get(*, user: Any) -> NotificationPreference | None:
    return NotificationPreference.objects.filter(user=user).first()


def notification_list_for_user(*, user: Any, limit: int = 20) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at")[:limit])
