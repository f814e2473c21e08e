"""Writers of the organisation app: the real units and the demo agencies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from motcua.core.audit import audit_event_append
from motcua.organisation.constants import (
    LEGACY_LAST_DAY,
    LEGACY_VALID_FROM,
    MERGER_DATE,
    AgencyKind,
    Tier,
)
from motcua.organisation.models import AdministrativeUnit, Agency, OneStopDesk, UnitSuccession
from motcua.organisation.units_source import SourceUnit, load_units_source


@dataclass(frozen=True)
class UnitsImportReport:
    provinces: int
    districts: int
    communes: int
    successions: int
    created: int


def _unit_upsert(
    source: SourceUnit,
    *,
    tier: Tier,
    parent: AdministrativeUnit | None,
    valid_from: date,
    valid_to: date | None,
) -> AdministrativeUnit:
    unit, _ = AdministrativeUnit.objects.update_or_create(
        code=source.code,
        valid_from=valid_from,
        defaults={
            "name": source.name,
            "short_name": source.short_name,
            "unit_type": source.unit_type,
            "tier": tier,
            "parent": parent,
            "valid_to": valid_to,
            "latitude": source.latitude,
            "longitude": source.longitude,
        },
    )
    return unit


def administrative_units_import() -> UnitsImportReport:
    """Load Bình Phước (3 tiers, to 30/06/2025) and Đồng Nai (2 tiers, from 01/07/2025).

    Idempotent: units are matched on (statistical code, valid_from). All or nothing.
    Source: the `vietnamadminunits` package (see units_source.py).
    """
    source = load_units_source()
    before = AdministrativeUnit.objects.count() + UnitSuccession.objects.count()
    with transaction.atomic():
        old_province = _unit_upsert(
            source.legacy_province,
            tier=Tier.PROVINCE,
            parent=None,
            valid_from=LEGACY_VALID_FROM,
            valid_to=LEGACY_LAST_DAY,
        )
        districts = {
            d.code: _unit_upsert(
                d,
                tier=Tier.DISTRICT,
                parent=old_province,
                valid_from=LEGACY_VALID_FROM,
                valid_to=LEGACY_LAST_DAY,
            )
            for d in source.legacy_districts
        }
        old_communes = {
            c.code: _unit_upsert(
                c,
                tier=Tier.COMMUNE,
                parent=districts[c.parent_code or ""],
                valid_from=LEGACY_VALID_FROM,
                valid_to=LEGACY_LAST_DAY,
            )
            for c in source.legacy_communes
        }
        new_province = _unit_upsert(
            source.new_province,
            tier=Tier.PROVINCE,
            parent=None,
            valid_from=MERGER_DATE,
            valid_to=None,
        )
        new_communes = {
            c.code: _unit_upsert(
                c, tier=Tier.COMMUNE, parent=new_province, valid_from=MERGER_DATE, valid_to=None
            )
            for c in source.new_communes
        }
        links = [(old_province, new_province, True)] + [
            (old_communes[s.old_ward_code], new_communes[s.new_ward_code], s.is_primary)
            for s in source.successions
        ]
        for predecessor, successor, primary in links:
            UnitSuccession.objects.update_or_create(
                predecessor=predecessor,
                successor=successor,
                defaults={"effective_on": MERGER_DATE, "is_primary": primary},
            )
        report = UnitsImportReport(
            provinces=2,
            districts=len(districts),
            communes=len(old_communes) + len(new_communes),
            successions=len(links),
            created=AdministrativeUnit.objects.count() + UnitSuccession.objects.count() - before,
        )
        if report.created:
            audit_event_append(action="organisation.units_imported", payload=report.__dict__)
    return report


# --- Demo agencies -------------------------------------------------------------------------

# The departments named in the province's own documents (shared/sources), in that order.
PROVINCE_AGENCIES: list[tuple[str, AgencyKind]] = [
    ("Trung tâm Phục vụ hành chính công tỉnh", AgencyKind.SERVICE_CENTRE),
    ("Văn phòng Ủy ban nhân dân tỉnh", AgencyKind.PROVINCE_OFFICE),
    ("Sở Thông tin và Truyền thông", AgencyKind.DEPARTMENT),
    ("Sở Tư pháp", AgencyKind.DEPARTMENT),
    ("Sở Nội vụ", AgencyKind.DEPARTMENT),
    ("Sở Tài chính", AgencyKind.DEPARTMENT),
    ("Sở Giáo dục và Đào tạo", AgencyKind.DEPARTMENT),
    ("Sở Giao thông vận tải", AgencyKind.DEPARTMENT),
    ("Sở Tài nguyên và Môi trường", AgencyKind.DEPARTMENT),
    ("Sở Ngoại vụ", AgencyKind.DEPARTMENT),
    ("Sở Lao động - Thương binh và Xã hội", AgencyKind.DEPARTMENT),
    ("Sở Y tế", AgencyKind.DEPARTMENT),
    ("Sở Văn hóa - Thể thao và Du lịch", AgencyKind.DEPARTMENT),
    ("Sở Kế hoạch và Đầu tư", AgencyKind.DEPARTMENT),
    ("Sở Khoa học và Công nghệ", AgencyKind.DEPARTMENT),
    ("Sở Nông nghiệp và Phát triển nông thôn", AgencyKind.DEPARTMENT),
    ("Sở Công Thương", AgencyKind.DEPARTMENT),
    ("Sở Xây dựng", AgencyKind.DEPARTMENT),
    ("Ban Quản lý Khu kinh tế", AgencyKind.DEPARTMENT),
    ("Công an tỉnh", AgencyKind.POLICE),
    ("Bảo hiểm xã hội tỉnh", AgencyKind.SOCIAL_INSURANCE),
]
# The civil service's office hours (MOTCUA_WORKING_PERIODS' default), as citizens read them.
DESK_OPENING_HOURS = "Thứ Hai – Thứ Sáu: 7:00–11:30 và 13:30–17:00"
# Level-2 numbers (Y1Y2 of QCVN 102) for district committees; departments use 01-21.
_DISTRICT_BLOCK_START = 30


@dataclass(frozen=True)
class AgencySeedReport:
    agencies: int
    desks: int
    created: int


def _agency_upsert(
    *,
    identifier: str,
    name: str,
    kind: AgencyKind,
    tier: Tier,
    unit: AdministrativeUnit,
    parent: Agency | None = None,
) -> Agency:
    agency, _ = Agency.objects.update_or_create(
        national_identifier=identifier,
        defaults={
            "name": name,
            "kind": kind,
            "tier": tier,
            "unit": unit,
            "parent": parent,
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
        },
    )
    OneStopDesk.objects.update_or_create(
        agency=agency,
        defaults={
            "name": f"Bộ phận Một cửa – {name}",
            "address": unit.name,
            "opening_hours": DESK_OPENING_HOURS,
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
        },
    )
    return agency


def _inline(unit: AdministrativeUnit) -> str:
    """ "phường Đồng Xoài": the unit type is lower-case inside a name (NĐ 30/2020 style)."""
    return f"{unit.unit_type.lower()} {unit.short_name}"


def _province_agencies(province: AdministrativeUnit, code: str) -> dict[str, Agency]:
    return {
        name: _agency_upsert(
            identifier=f"000.00.{number:02d}.{code}",
            name=f"{name.removesuffix(' tỉnh')} tỉnh {province.short_name}",
            kind=kind,
            tier=Tier.PROVINCE,
            unit=province,
        )
        for number, (name, kind) in enumerate(PROVINCE_AGENCIES, start=1)
    }


def agency_seed_demo() -> AgencySeedReport:
    """Create the demo agencies, each with a one-stop desk, idempotently.

    Before the merger (Bình Phước): the province's centre and departments, each district's
    people's committee and land registration branch, each commune's people's committee.
    From 01/07/2025 (Đồng Nai): the province's centre and departments and each new commune's
    people's committee. Identifiers follow QCVN 102's shape with demo numbers; the province
    block comes from settings (REGULATION.md §2.4 [GAP]). Requires the units to be loaded.
    """
    before = Agency.objects.count()
    with transaction.atomic():
        old_province = AdministrativeUnit.objects.get(tier=Tier.PROVINCE, valid_to=LEGACY_LAST_DAY)
        new_province = AdministrativeUnit.objects.get(tier=Tier.PROVINCE, valid_from=MERGER_DATE)
        old_code = settings.MOTCUA_PROVINCE_IDENTIFIER_BEFORE_MERGER
        new_code = settings.MOTCUA_PROVINCE_IDENTIFIER
        if old_code == new_code:
            raise ImproperlyConfigured(
                "MOTCUA_PROVINCE_IDENTIFIER must differ from "
                "MOTCUA_PROVINCE_IDENTIFIER_BEFORE_MERGER: agency identifiers are unique."
            )
        old_departments = _province_agencies(old_province, old_code)
        _province_agencies(new_province, new_code)
        land_office = old_departments["Sở Tài nguyên và Môi trường"]
        districts = old_province.children.filter(tier=Tier.DISTRICT).order_by("code")
        for index, district in enumerate(districts, start=1):
            block = _DISTRICT_BLOCK_START + index
            _agency_upsert(
                identifier=f"000.00.{block:02d}.{old_code}",
                name=f"Ủy ban nhân dân {_inline(district)}",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                tier=Tier.DISTRICT,
                unit=district,
            )
            _agency_upsert(
                identifier=f"001.{index:02d}.09.{old_code}",
                name=f"Chi nhánh Văn phòng Đăng ký đất đai {district.short_name}",
                kind=AgencyKind.LAND_REGISTRATION_BRANCH,
                tier=Tier.DISTRICT,
                unit=district,
                parent=land_office,
            )
            communes = district.children.filter(tier=Tier.COMMUNE).order_by("code")
            for number, commune in enumerate(communes, start=1):
                _agency_upsert(
                    identifier=f"000.{number:02d}.{block:02d}.{old_code}",
                    name=f"Ủy ban nhân dân {_inline(commune)}",
                    kind=AgencyKind.PEOPLES_COMMITTEE,
                    tier=Tier.COMMUNE,
                    unit=commune,
                )
        new_communes = new_province.children.filter(tier=Tier.COMMUNE).order_by("code")
        for number, commune in enumerate(new_communes, start=1):
            _agency_upsert(
                identifier=f"{number:03d}.00.90.{new_code}",
                name=f"Ủy ban nhân dân {_inline(commune)}",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                tier=Tier.COMMUNE,
                unit=commune,
            )
        agencies = Agency.objects.count()
        report = AgencySeedReport(
            agencies=agencies, desks=OneStopDesk.objects.count(), created=agencies - before
        )
        if report.created:
            audit_event_append(action="organisation.demo_agencies_seeded", payload=report.__dict__)
    return report
