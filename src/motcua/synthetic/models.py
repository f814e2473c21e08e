"""What a synthetic history has written, one row per day and tier, so that a run stopped half
way (Ctrl+C, a full disk) resumes where it stopped and `history_generate --clean` removes
exactly what was generated, never a real dossier."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.organisation.constants import Tier


class SyntheticDay(models.Model):
    """The dossiers received on one day at one tier by a generator run, written in one
    transaction with this row: either the day is whole, or it is absent."""

    day = models.DateField(_("day"))
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    seed = models.IntegerField(_("seed"))
    scale = models.DecimalField(_("scale"), max_digits=8, decimal_places=4)
    dossiers = models.PositiveIntegerField(_("dossiers"))
    events = models.PositiveIntegerField(_("events"))
    # The generated dossiers' ids; the range holds no other dossier (ids are reserved first).
    first_dossier_id = models.BigIntegerField(null=True)
    last_dossier_id = models.BigIntegerField(null=True)
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["day", "tier"]
        verbose_name = _("synthetic day")
        verbose_name_plural = _("synthetic days")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["day", "tier"], name="synthetic_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.tier}: {self.dossiers}"
