"""Territorial units and the agencies that resolve procedures, both effective-dated.

Bình Phước's three tiers are history (valid until 30/06/2025); Đồng Nai's two tiers are valid
from 01/07/2025. ``UnitSuccession`` records which new unit took over each old one.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.organisation.constants import AgencyKind, Tier


class EffectiveDated(models.Model):
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class AdministrativeUnit(TimeStampedModel, EffectiveDated):
    """Đơn vị hành chính: a province, district or commune (xã, phường, thị trấn, đặc khu)."""

    code = models.CharField(_("statistical code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=200)
    unit_type = models.CharField(_("unit type"), max_length=40)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["tier", "code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["tier", "valid_from", "valid_to"], name="unit_tier_validity_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitSuccession(models.Model):
    """The lineage of a unit across a reorganisation (old commune → new commune)."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successions_out"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successions_in"
    )
    effective_on = models.DateField(_("effective on"))
    is_primary = models.BooleanField(
        _("primary successor"),
        default=True,
        help_text=_("Where an old unit was split, the new unit that took most of it."),
    )

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Agency(TimeStampedModel, EffectiveDated):
    """Cơ quan: a body that receives or decides procedures."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("administrative unit"),
    )
    national_identifier = models.CharField(
        _("national identifier"),
        max_length=32,
        unique=True,
        help_text=_("Identifier under QCVN 102:2016, the first block of dossier codes."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agency"),
    )

    class Meta:
        ordering = ["tier", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OneStopDesk(TimeStampedModel, EffectiveDated):
    """Bộ phận Một cửa: where dossiers are received and results returned."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="desks", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        help_text=_(
            "As citizens should read it, e.g. Monday to Friday, 7:00–11:30 and 13:30–17:00."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("one-stop desk")
        verbose_name_plural = _("one-stop desks")

    def __str__(self) -> str:
        return self.name
