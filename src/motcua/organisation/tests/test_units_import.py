"""Real units from the vietnamadminunits package, effective-dated, with lineage."""

from __future__ import annotations

import sqlite3
from datetime import date
from importlib import resources

import pytest
from django.test import override_settings

from motcua.core.models import AuditEvent
from motcua.organisation.constants import LEGACY_LAST_DAY, MERGER_DATE, Tier
from motcua.organisation.models import AdministrativeUnit, Agency, OneStopDesk, UnitSuccession
from motcua.organisation.selectors import (
    unit_get_province,
    unit_list_successors,
    unit_list_valid_on,
    unit_search,
)
from motcua.organisation.services import administrative_units_import, agency_seed_demo

pytestmark = pytest.mark.django_db


def _package_count(sql: str) -> int:
    path = resources.files("vietnamadminunits") / "data" / "dataset.db"
    with resources.as_file(path) as db, sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_unit_counts_per_tier_match_the_package() -> None:
    report = administrative_units_import()
    before = date(2025, 6, 30)
    after = date(2025, 7, 1)
    package_districts = _package_count(
        "SELECT COUNT(DISTINCT districtCode) FROM admin_units_legacy "
        "WHERE provinceKey = 'tinhbinhphuoc'"
    )
    package_old_communes = _package_count(
        "SELECT COUNT(DISTINCT wardCode) FROM admin_units_legacy "
        "WHERE provinceKey = 'tinhbinhphuoc'"
    )
    package_new_communes = _package_count(
        "SELECT COUNT(DISTINCT wardCode) FROM admin_units WHERE provinceKey = 'tinhdongnai'"
    )
    assert (package_districts, package_old_communes) == (11, 111)
    assert unit_list_valid_on(day=before, tier=Tier.PROVINCE).count() == 1
    assert unit_list_valid_on(day=before, tier=Tier.DISTRICT).count() == package_districts
    assert unit_list_valid_on(day=before, tier=Tier.COMMUNE).count() == package_old_communes
    assert unit_list_valid_on(day=after, tier=Tier.DISTRICT).count() == 0
    assert unit_list_valid_on(day=after, tier=Tier.COMMUNE).count() == package_new_communes
    assert report.communes == package_old_communes + package_new_communes


def test_import_is_idempotent() -> None:
    first = administrative_units_import()
    counts = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    assert first.created == sum(counts)
    events = AuditEvent.objects.count()
    assert administrative_units_import().created == 0
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == counts
    assert AuditEvent.objects.count() == events  # a run that changes nothing records nothing


def test_the_province_changes_on_the_merger_date() -> None:
    administrative_units_import()
    assert unit_get_province(day=LEGACY_LAST_DAY).name == "Tỉnh Bình Phước"
    assert unit_get_province(day=MERGER_DATE).name == "Tỉnh Đồng Nai"


def test_every_old_commune_has_exactly_one_primary_successor_in_dong_nai() -> None:
    administrative_units_import()
    old_communes = unit_list_valid_on(day=LEGACY_LAST_DAY, tier=Tier.COMMUNE)
    for commune in old_communes:
        successors = list(unit_list_successors(unit=commune))
        assert successors, commune
        assert all(s.valid_from == MERGER_DATE for s in successors)
        primaries = UnitSuccession.objects.filter(predecessor=commune, is_primary=True)
        assert primaries.count() == 1, commune


@pytest.mark.parametrize(
    ("old_name", "new_name"),
    [
        ("Phường Tân Phú", "Phường Bình Phước"),  # the old city centre of Đồng Xoài
        ("Phường Tiến Thành", "Phường Đồng Xoài"),
    ],
)
def test_old_wards_of_dong_xoai_map_to_their_new_ward(old_name: str, new_name: str) -> None:
    administrative_units_import()
    old = AdministrativeUnit.objects.get(name=old_name, parent__name="Thành phố Đồng Xoài")
    assert [u.name for u in unit_list_successors(unit=old)] == [new_name]


def test_search_ignores_accents_and_finds_old_and_new_units() -> None:
    administrative_units_import()
    names = [u.name for u in unit_search(query="dong xoai")]
    assert names[0] == "Phường Đồng Xoài"  # current units first
    assert "Thành phố Đồng Xoài" in names
    assert unit_search(query="   ") == []


def test_demo_agencies_each_have_a_desk_and_a_unique_identifier() -> None:
    administrative_units_import()
    report = agency_seed_demo()
    # 21 province bodies x 2 eras + 11 districts x 2 + 111 old + 95 new communes.
    assert report.agencies == 21 * 2 + 22 + 111 + 95
    assert OneStopDesk.objects.count() == report.agencies
    assert not Agency.objects.filter(desks__isnull=True).exists()
    old_centre = Agency.objects.get(national_identifier="000.00.01.H10")
    assert old_centre.name == "Trung tâm Phục vụ hành chính công tỉnh Bình Phước"
    assert old_centre.valid_to == LEGACY_LAST_DAY
    again = agency_seed_demo()
    assert (again.agencies, again.created) == (report.agencies, 0)  # idempotent


@override_settings(MOTCUA_PROVINCE_IDENTIFIER="H10", MOTCUA_PROVINCE_IDENTIFIER_BEFORE_MERGER="H10")
def test_the_same_identifier_before_and_after_the_merger_is_refused() -> None:
    from django.core.exceptions import ImproperlyConfigured

    administrative_units_import()
    with pytest.raises(ImproperlyConfigured):
        agency_seed_demo()
    assert Agency.objects.count() == 0  # nothing half written
