"""Facts of the QĐ 766 index, targets and the national portal's own figures.

`DossierFact` (one row per received dossier) and `DailyFact` (counts per day × agency ×
procedure × channel) are derived: `services.facts_refresh` rebuilds them from dossier events,
documents, results and ratings, and `quality_rebuild` can recompute any range. Nothing else
writes them, and no screen reads the dossier tables to compute a score (ADR 0009).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import Channel
from motcua.catalog.models import Procedure, Sector
from motcua.core.models import TimeStampedModel
from motcua.organisation.constants import Tier
from motcua.organisation.models import AdministrativeUnit, Agency
from motcua.quality.constants import Group, PeriodKind


class FactKey(models.Model):
    """Where a fact counts: the deciding agency, its unit and tier (copied, so a report filters
    without a join), the procedure and its sector, the channel."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    tier = models.CharField(max_length=10, choices=Tier.choices)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=12, choices=Channel.choices)

    class Meta:
        abstract = True


class DossierFact(FactKey):
    """What the 766 counts need of one received dossier, derived from its history."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    received_at = models.DateTimeField()
    received_on = models.DateField(db_index=True)
    appointment = models.DateTimeField()  # NgayHenTra as the 766 compares it
    supplements = models.JSONField(default=list)  # [[requested ISO, resumed ISO | null], …]
    final_at = models.DateTimeField(null=True, blank=True)
    final_on = models.DateField(null=True, blank=True, db_index=True)
    final_on_time = models.BooleanField(null=True)
    completed = models.BooleanField(default=False)  # resolved or result returned (2.2)
    processing_days = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    online_counted = models.BooleanField(default=False)  # 3.3: online and, if due, e-result
    result_is_document = models.BooleanField(default=True)
    e_result = models.BooleanField(default=False)  # 4.1
    digitised = models.BooleanField(default=False)  # 4.2
    reused = models.BooleanField(default=False)  # 4.3
    personal_store = models.BooleanField(default=False)  # 4.4
    citizen_data = models.BooleanField(default=False)  # 4.5
    synced = models.BooleanField(default=False)  # 1.4
    fee_bearing = models.BooleanField(default=False)  # 3.6 denominator
    paid_online = models.BooleanField(default=False)  # 3.6 numerator
    disliked = models.BooleanField(default=False)  # 5.4: a dislike rating or a petition

    events_through = models.PositiveIntegerField(default=0)  # last event sequence read
    computed_at = models.DateTimeField()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["final_on", "received_on"], name="dossierfact_open_idx"),
        ]

    def __str__(self) -> str:
        return f"fact {self.dossier_id}"


# The counters of a DailyFact. "receipt" counters count dossiers by their receipt day, "end"
# counters by the day their processing ended, "open" counters are the stock at the end of the day.
RECEIPT_COUNTERS = (
    "received",
    "received_online",
    "online_counted",
    "result_due",
    "e_result",
    "digitised",
    "reused",
    "personal_store",
    "citizen_data",
    "synced",
    "fee_bearing",
    "paid_online",
)
END_COUNTERS = (
    "ended",
    "ended_on_time",
    "completed",
    "disliked",
)
OPEN_COUNTERS = ("open_total", "open_on_time")
DECIMAL_COUNTERS = ("processing_days",)
COUNTERS = RECEIPT_COUNTERS + END_COUNTERS + OPEN_COUNTERS


class DailyFact(FactKey):
    """Counts of one day for one agency, procedure and channel (GLOSSARY: DailyFact)."""

    day = models.DateField()

    received = models.PositiveIntegerField(default=0)
    received_online = models.PositiveIntegerField(default=0)
    online_counted = models.PositiveIntegerField(default=0)
    result_due = models.PositiveIntegerField(default=0)
    e_result = models.PositiveIntegerField(default=0)
    digitised = models.PositiveIntegerField(default=0)
    reused = models.PositiveIntegerField(default=0)
    personal_store = models.PositiveIntegerField(default=0)
    citizen_data = models.PositiveIntegerField(default=0)
    synced = models.PositiveIntegerField(default=0)
    fee_bearing = models.PositiveIntegerField(default=0)
    paid_online = models.PositiveIntegerField(default=0)
    ended = models.PositiveIntegerField(default=0)
    ended_on_time = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    processing_days = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    disliked = models.PositiveIntegerField(default=0)
    open_total = models.PositiveIntegerField(default=0)
    open_on_time = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily fact")
        verbose_name_plural = _("daily facts")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure", "channel"], name="dailyfact_key"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["day", "tier"], name="dailyfact_day_tier_idx"),
            models.Index(fields=["agency", "day"], name="dailyfact_agency_day_idx"),
            models.Index(fields=["procedure", "day"], name="dailyfact_procedure_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}/{self.procedure_id}/{self.channel}"


class FillState(models.Model):
    """How far the facts are filled (one row): shown on every dashboard."""

    event_watermark = models.PositiveBigIntegerField(default=0)  # last DossierEvent id read
    rating_watermark = models.DateTimeField(null=True, blank=True)
    sync_watermark = models.DateTimeField(null=True, blank=True)  # last national-sync acceptance
    open_final_through = models.DateField(null=True, blank=True)  # stock fixed up to this day
    filled_from = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(default=0)
    last_dossiers = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"facts through event {self.event_watermark}"


class Target(TimeStampedModel):
    """Chỉ tiêu giao: a rate a tier or unit must reach on a metric by a date (QĐ 127/QĐ-UBND)."""

    metric = models.CharField(_("indicator"), max_length=60)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("agency"),
    )  # fmt: skip
    percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    due_on = models.DateField(_("to be reached by"))
    decision = models.CharField(_("assigned by"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["metric", "due_on", "tier"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["metric", "tier", "due_on"], condition=models.Q(agency__isnull=True),
                name="target_tier_unique",
            ),
            models.UniqueConstraint(
                fields=["metric", "agency", "due_on"], condition=models.Q(agency__isnull=False),
                name="target_agency_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100), name="target_percent_range"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.metric} {self.tier or self.agency_id} {self.percent}% by {self.due_on}"


class NationalFigure(TimeStampedModel):
    """A figure the national portal published, imported for reconciliation (REGULATION §1.6)."""

    group = models.CharField(max_length=40, choices=Group.choices)
    metric = models.CharField(max_length=60, blank=True)  # blank: the group's total
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    department_id = models.CharField(max_length=64)  # the portal's departmentId
    is_overview = models.BooleanField(default=False)  # the response's overview / parent row
    department_name = models.CharField(max_length=255, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    ratio = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    raw = models.JSONField(default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["period_start", "group", "metric"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["group", "metric", "period_kind", "period_start", "department_id"],
                name="national_figure_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}/{self.metric or '*'} {self.period_start} {self.department_id}"
