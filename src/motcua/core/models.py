"""Kernel models: the working-day calendar tables and the hash-chained audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class HolidayKind(models.TextChoices):
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    COMPENSATORY = "compensatory", _("Compensatory day off (holiday on a rest day)")
    SWAPPED_DAY_OFF = "swapped_day_off", _("Day off swapped with a working Saturday")
    DECLARED = "declared", _("Other declared day off")


class Holiday(TimeStampedModel):
    """A weekday on which offices are closed; deadlines skip it.

    Labour Code 45/2019/QH14 Art. 112; the Prime Minister's yearly notices (REGULATION.md §2.5).
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=HolidayKind.choices, default=HolidayKind.PUBLIC_HOLIDAY
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class SwappedWorkday(TimeStampedModel):
    """A weekly rest day (usually a Saturday) that is worked in exchange for a day off."""

    date = models.DateField(_("date"), unique=True)
    replaces = models.DateField(_("in exchange for the day off on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("swapped working day")
        verbose_name_plural = _("swapped working days")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a row of an append-only table."""


class AppendOnlyModel(models.Model):
    """Rows are inserted, never changed or deleted through the ORM (history tables)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Not business logic: the one guard that keeps history append-only through the ORM.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(f"{self._meta.verbose_name_plural} are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self._meta.verbose_name_plural} are append-only")


class AuditEvent(AppendOnlyModel):
    """One line of the append-only, hash-chained audit log (ADR 0004).

    ``hash`` = SHA-256 over the canonical form of this row and ``prev_hash``; changing any
    stored row breaks the chain at that row, which `verify_audit_chain` reports.
    """

    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}"


class AuditChainHead(models.Model):
    """A single row locked while appending, so concurrent writers cannot fork the chain."""

    singleton = models.BooleanField(default=True, unique=True)
    last_hash = models.CharField(max_length=64)
    length = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.length} @ {self.last_hash[:12]}"
