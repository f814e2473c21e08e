"""Satisfaction with a dossier (QĐ 766 indicator 5.4); petitions (PAKN) come with issue 12."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.feedback.constants import DissatisfactionReason


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
