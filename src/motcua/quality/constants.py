"""Names of the QĐ 766 index (REGULATION.md §1): groups by national API id, scopes, periods."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """The six groups as the national portal's reporting API names them (§1.2)."""

    TRANSPARENCY = "transparency", _("Transparency")
    PROGRESS = "dvc-progress-tree", _("Progress and results")
    ONLINE = "provide-online-tree", _("Online public services")
    PAYMENT = "formality-online-payment-tree", _("Online payment")
    DIGITISATION = "dossier-digitized", _("Digitisation of dossiers")
    SATISFACTION = "handling-satisfaction", _("Satisfaction")


class Empty(models.TextChoices):
    """What a metric scores when its denominator is 0 (§1.3: the portal distinguishes them)."""

    NULL = "null", _("Not applicable (no score)")
    ZERO = "zero", _("Zero")
    FULL = "full", _("Full marks")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    RANGE = "range", _("Custom range")


class ScopeKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    TIER = "tier", _("Tier")
    AGENCY = "agency", _("Agency")
    UNIT = "unit", _("Administrative unit")
    SECTOR = "sector", _("Sector")
    PROCEDURE = "procedure", _("Procedure")


class RiskKind(models.TextChoices):
    """Why an open dossier will cost points (the "points at risk today" list)."""

    LATE = "late", _("Will be late")
    OVERDUE = "overdue", _("Already late")
    NOT_SYNCED = "not_synced", _("Not synchronised with the national portal")
    NOT_DIGITISED = "not_digitised", _("No digitised component")
    UNPAID_ONLINE = "unpaid_online", _("Financial obligation not paid online")
    UNRATED = "unrated", _("Result returned, not rated")
