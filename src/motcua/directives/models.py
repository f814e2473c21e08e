"""Directives of the province (thông báo kết luận, công văn, kế hoạch, quyết định) and the tasks
they assign to units, each followed occurrence by occurrence (a recurring reporting duty has one
per month, quarter or year) through the lead unit's reports and the province office's review."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.directives.constants import (
    DirectiveKind,
    Recurrence,
    ReminderKind,
    ReportKind,
    ReportReview,
)


class Directive(TimeStampedModel):
    number = models.CharField(_("number"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=DirectiveKind.choices)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issued by"), max_length=200)
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=2000)
    file = models.FileField(_("file"), upload_to="directives/", blank=True, max_length=200)
    file_name = models.CharField(max_length=120, blank=True)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related directives"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self) -> str:
        return self.number


class DirectiveTask(TimeStampedModel):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="tasks")
    content = models.TextField(_("task"), max_length=2000)
    lead_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("lead unit"),
    )  # fmt: skip
    coordinating = models.ManyToManyField(
        "organisation.Agency", blank=True, related_name="+", verbose_name=_("coordinating units")
    )
    starts_on = models.DateField(_("from"))
    complete_by = models.DateTimeField(_("complete by"), null=True, blank=True)
    report_by = models.DateTimeField(_("report by"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, blank=True
    )
    recurrence_day = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    recurrence_until = models.DateField(_("recurs until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["directive", "pk"]
        verbose_name = _("directive task")
        verbose_name_plural = _("directive tasks")

    def __str__(self) -> str:
        return self.content[:60]


class TaskOccurrence(models.Model):
    """One round of a task: the only one of a one-off task, one per period of a recurring
    reporting duty. Its status is derived (deadlines.occurrence_status)."""

    task = models.ForeignKey(DirectiveTask, on_delete=models.CASCADE, related_name="occurrences")
    period_start = models.DateField()
    period_label = models.CharField(max_length=40, blank=True)
    complete_by = models.DateTimeField(null=True, blank=True)
    report_by = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)  # the accepted completion report

    class Meta:
        ordering = ["task", "period_start"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["task", "period_start"], name="task_occurrence_once"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["report_by"], name="occurrence_report_by"),
            models.Index(fields=["complete_by"], name="occurrence_complete_by"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.period_start}"

    @property
    def deadline(self):  # type: ignore[no-untyped-def]
        """The date the lead unit must have reported completion by: the report deadline when
        there is one (the report is the evidence), else the completion deadline."""
        return self.report_by or self.complete_by


class TaskReport(models.Model):
    occurrence = models.ForeignKey(TaskOccurrence, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    text = models.TextField(_("report"), max_length=5000)
    file = models.FileField(_("file"), upload_to="directives/reports/", blank=True, max_length=200)
    file_name = models.CharField(max_length=120, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    review = models.CharField(
        max_length=10, choices=ReportReview.choices, default=ReportReview.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("remarks"), blank=True)

    class Meta:
        ordering = ["occurrence", "submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.occurrence_id} {self.kind}"


class TaskReminder(models.Model):
    """A reminder or escalation sent, once per occurrence, kind and day."""

    occurrence = models.ForeignKey(TaskOccurrence, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    on = models.DateField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["occurrence", "kind", "on"], name="task_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.occurrence_id} {self.kind} {self.on}"
