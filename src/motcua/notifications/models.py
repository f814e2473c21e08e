"""The outbox: every message to a citizen is a row first, then a delivery attempt.

A row is written in the transaction that decides to notify, so a crash loses nothing; a
failed channel is retried with back-off, then the message passes to the citizen's next channel.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.notifications.constants import ChannelKind, DeliveryStatus, MessageKind


class NotificationPreference(TimeStampedModel):
    """The channels a citizen wants, in order of preference, and the language of messages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("by email"), default=True)
    sms = models.BooleanField(_("by SMS"), default=True)
    zalo = models.BooleanField(_("by Zalo"), default=False)
    language = models.CharField(_("language"), max_length=8, default="vi")

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user_id)


class Notification(TimeStampedModel):
    kind = models.CharField(_("message"), max_length=30, choices=MessageKind.choices)
    source_key = models.CharField(
        max_length=80, unique=True, help_text="What caused it, per channel: applies once."
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    address = models.CharField(_("address"), max_length=254)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    text_short = models.CharField(_("short text (SMS, Zalo)"), max_length=480)
    text_long = models.TextField(_("long text (email)"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    fallback_of = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="fallback"
    )
    # The channels still to try after this one, in the citizen's order ("sms,email").
    remaining_channels = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.channel}:{self.address}"

    @property
    def body(self) -> str:
        """What the channel carries: the long text by e-mail, the short one elsewhere."""
        return self.text_long if self.channel == ChannelKind.EMAIL else self.text_short
