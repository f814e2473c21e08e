"""Satisfaction with a dossier (QĐ 766 indicator 5.4); feedback and petitions (PAKN)."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.feedback.constants import (
    DissatisfactionReason,
    FeedbackAction,
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
)


def _token() -> str:
    """The secret of the citizen's tracking link (no account needed to follow or rate)."""
    return secrets.token_urlsafe(32)


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
    # What it is about, for routing and the public page.
    sector = models.ForeignKey(
        "catalog.Sector", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    concerned_agency = models.ForeignKey(  # the agency the citizen writes about
        "organisation.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(  # the commune or ward where it happened
        "organisation.AdministrativeUnit",
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )  # fmt: skip
    # The current round of handling (a reopened petition starts the next one).
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    responsible_leader = models.ForeignKey(  # named when it is reopened
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    refuse_reason = models.TextField(_("reason for refusal"), blank=True)
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(_("answered at"), null=True, blank=True)  # chờ công khai
    publish_by = models.DateTimeField(_("publish by"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    late = models.BooleanField(_("a step was late"), default=False)  # sticky, for 766 5.2
    public_title = models.CharField(_("public title"), max_length=200, blank=True)
    public_content = models.TextField(_("public content"), blank=True)
    tracking_token = models.CharField(max_length=43, unique=True, default=_token)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback or petition")
        verbose_name_plural = _("feedback and petitions")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "status"], name="feedback_agency_status"),
            models.Index(fields=["status", "handle_by"], name="feedback_status_due"),
            models.Index(fields=["created_at"], name="feedback_created"),
            models.Index(fields=["status", "published_at"], name="feedback_published"),
        ]

    def __str__(self) -> str:
        return self.code


class FeedbackEvent(models.Model):
    """One step of a petition's history (append-only): submitted, routed, transferred …"""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=FeedbackAction.choices)
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


class FeedbackAnswer(TimeStampedModel):
    """The agency's answer of one round: drafted, approved by a leader (then sent to the
    citizen), published without personal data, and rated by the citizen."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField()
    text = models.TextField(_("answer"), max_length=10000)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(_("leader's remarks"), blank=True)
    public_text = models.TextField(_("published answer"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)  # shown on the public page
    satisfied = models.BooleanField(_("satisfied"), null=True, blank=True)
    rating_comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["feedback", "round"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["feedback", "round"], name="feedback_answer_round"),
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id} #{self.round}"


class FeedbackAttachment(models.Model):
    """A photo or document sent with a petition (type read from the content, core.uploads)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="feedback/", max_length=200)
    file_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file_name


class FeedbackRoutingRule(models.Model):
    """Where a new petition goes without waiting for the province office: the most specific
    active rule whose filled conditions all match (procedure, sector, agency written about,
    commune, kind) names the agency that answers."""

    kind = models.CharField(_("about"), max_length=12, choices=FeedbackKind.choices, blank=True)
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sector = models.ForeignKey(
        "catalog.Sector", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    concerned_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("agency written about"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.AdministrativeUnit", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("commune or ward"),
    )  # fmt: skip
    target = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("send to"),
    )  # fmt: skip
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("petition routing rule")
        verbose_name_plural = _("petition routing rules")

    def __str__(self) -> str:
        return f"→ {self.target_id}"

    def specificity(self) -> int:
        return sum(
            bool(v)
            for v in (
                self.kind, self.procedure_id, self.sector_id, self.concerned_agency_id, self.unit_id
            )
        )  # fmt: skip


class FeedbackPhoneGate(models.Model):
    """The last petition time per phone number: the row is locked while a petition is taken,
    so two sent at once from one phone cannot both pass the one-a-minute limit."""

    phone = models.CharField(max_length=15, unique=True)
    last_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.phone
