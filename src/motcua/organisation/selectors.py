"""Reads of units and agencies, always on a given day (effective dating)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.core.text import fold
from motcua.organisation.constants import Tier
from motcua.organisation.models import AdministrativeUnit, Agency, OneStopDesk


def _valid_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def unit_list_valid_on(*, day: date, tier: Tier | None = None) -> QuerySet[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(_valid_on(day))
    if tier is not None:
        units = units.filter(tier=tier)
    return units


def unit_get_province(*, day: date) -> AdministrativeUnit | None:
    """The province this installation serves on ``day`` (Bình Phước, then Đồng Nai)."""
    return unit_list_valid_on(day=day, tier=Tier.PROVINCE).order_by("code").first()


def unit_list_successors(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(successions_in__predecessor=unit).order_by(
        "-successions_in__is_primary", "code"
    )


def agency_list_valid_on(*, day: date) -> QuerySet[Agency]:
    return Agency.objects.filter(_valid_on(day)).select_related("unit")


def agency_get(*, agency_id: int, day: date | None = None) -> Agency | None:
    """The agency, or None if it does not exist (or is not in service on `day`)."""
    agencies = Agency.objects.filter(pk=agency_id).select_related("unit")
    if day is not None:
        agencies = agencies.filter(_valid_on(day))
    return agencies.first()


def agency_list_by_ids(*, agency_ids: list[int]) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=agency_ids).order_by("name")


def unit_get(*, unit_id: int) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(pk=unit_id).select_related("parent").first()


def desk_list_for_agencies(*, agency_ids: set[int] | list[int]) -> QuerySet[OneStopDesk]:
    return OneStopDesk.objects.filter(agency_id__in=agency_ids).select_related("agency")


def desk_list_for_agency(*, agency: Agency) -> QuerySet[OneStopDesk]:
    return OneStopDesk.objects.filter(agency=agency)


def unit_search(*, query: str, limit: int = 20) -> list[AdministrativeUnit]:
    """Communes and districts, old and new, whose name contains ``query`` (accents optional).

    About 220 rows for the province: folded in Python. The procedure search of the catalogue
    uses the database (issue 4).
    """
    needle = fold(query)
    if not needle:
        return []
    units = AdministrativeUnit.objects.exclude(tier=Tier.PROVINCE).select_related("parent")
    matches = [unit for unit in units if needle in fold(unit.name)]
    matches.sort(key=lambda unit: (unit.valid_to is not None, unit.name))
    return matches[:limit]


def desk_list_current(*, day: date | None = None) -> QuerySet[OneStopDesk]:
    """One-stop desks in service on `day` (today), province tier first, then by name."""
    day = day or timezone.localdate()
    return (
        OneStopDesk.objects.filter(_valid_on(day))
        .select_related("agency")
        .order_by("-agency__tier", "name")
    )
