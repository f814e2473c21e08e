"""Satisfaction with a dossier (QĐ 766 indicator 5.4); feedback and petitions (PAKN)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.feedback.constants import (
    DissatisfactionReason,
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
)


class SatisfactionRating(TimeStampedModel):
    """The applicant's rating after the result: satisfied or not, why, and the follow-up."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="rating"
    )
    satisfied = models.BooleanField(_("satisfied"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up"), blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {'+' if self.satisfied else '-'}"

    @property
    def reason_labels(self) -> list[str]:
        labels = dict(DissatisfactionReason.choices)
        return [str(labels.get(reason, reason)) for reason in self.reasons]


class Feedback(TimeStampedModel):
    """Phản ánh, kiến nghị (PAKN): what a citizen said, through which channel, about what, who
    handles it and by when. The deadlines are kept as computed when the clock (re)started: at
    submission, then at each transfer (feedback/deadlines.py)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=FeedbackChannel.choices)
    kind = models.CharField(_("about"), max_length=12, choices=FeedbackKind.choices)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), max_length=5000)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymous = models.BooleanField(_("anonymous tip"), default=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(  # the hotline officer who typed a call in
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FeedbackStatus.choices,
        default=FeedbackStatus.AWAITING_ROUTING,
    )  # fmt: skip
    agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clock_started_at = models.DateTimeField(_("clock started at"))
    refuse_by = models.DateTimeField(_("refuse by"))
    first_supplement_by = models.DateTimeField(_("first supplement by"))
    handle_by = models.DateTimeField(_("answer by"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback or petition")
        verbose_name_plural = _("feedback and petitions")

    def __str__(self) -> str:
        return self.code


class FeedbackEvent(models.Model):
    """One step of a petition's history (append-only): submitted, routed, transferred …"""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["feedback", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action}"


class FeedbackSequence(models.Model):
    """The last number given to a petition on a day (its code PAKN-YYMMDD-NNNN)."""

    day = models.DateField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last_number}"
