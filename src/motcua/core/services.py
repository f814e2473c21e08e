"""Kernel services: seeding and maintaining the working-day calendar."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import holidays as holidays_package
from django.db import transaction

from motcua.core.audit import audit_event_append
from motcua.core.calendar import calendar_invalidate
from motcua.core.models import Holiday, HolidayKind, SwappedWorkday

# NQ 28/2026/QH16 art. 2: 24/11 (Ngày Văn hóa Việt Nam) is a paid day off from 01/07/2026 and
# is NOT made up when it falls on a weekly rest day (REGULATION.md §2.5). The `holidays`
# package adds a "(nghỉ bù)" day for it; we drop that, and any 24/11 before the law applied.
CULTURE_DAY_NAME = "Ngày Văn hóa Việt Nam"
CULTURE_DAY_FROM = dt.date(2026, 7, 1)
_SWAP_RE = re.compile(r"thay cho ngày (\d{2}/\d{2}/\d{4})")
COMPENSATORY_MARK = "(nghỉ bù)"


@dataclass(frozen=True)
class SeedEntry:
    date: dt.date
    name: str
    kind: HolidayKind
    swapped_workday: dt.date | None = None


def calendar_entries_from_package(*, years: range) -> list[SeedEntry]:
    """Vietnam's public holidays in Vietnamese from the `holidays` package, corrected.

    Pure: no database. Swaps ("Ngày nghỉ (thay cho ngày 04/05/2024)") become a day off plus the
    Saturday worked in exchange; compensatory days keep their kind.
    """
    entries: list[SeedEntry] = []
    package_days = holidays_package.country_holidays("VN", years=list(years), language="vi")
    for day, name in sorted(package_days.items()):
        if CULTURE_DAY_NAME in name and (day < CULTURE_DAY_FROM or COMPENSATORY_MARK in name):
            continue
        swap = _SWAP_RE.search(name)
        if swap:
            worked = dt.datetime.strptime(swap.group(1), "%d/%m/%Y").date()  # noqa: DTZ007 - a date
            entries.append(SeedEntry(day, name, HolidayKind.SWAPPED_DAY_OFF, worked))
        elif COMPENSATORY_MARK in name:
            entries.append(SeedEntry(day, name, HolidayKind.COMPENSATORY))
        else:
            entries.append(SeedEntry(day, name, HolidayKind.PUBLIC_HOLIDAY))
    return entries


def calendar_seed(*, first_year: int, last_year: int) -> tuple[int, int]:
    """Create the holidays and swapped working days of the given years, idempotently.

    Existing rows are left as they are: an admin's correction is never overwritten.
    Returns (holidays created, swapped working days created).
    """
    created_holidays = created_swaps = 0
    with transaction.atomic():
        for entry in calendar_entries_from_package(years=range(first_year, last_year + 1)):
            _, created = Holiday.objects.get_or_create(
                date=entry.date,
                defaults={
                    "name": entry.name,
                    "kind": entry.kind,
                    "legal_basis": "Bộ luật Lao động 2019, Điều 112; thông báo hằng năm",
                },
            )
            created_holidays += created
            if entry.swapped_workday is not None:
                _, created = SwappedWorkday.objects.get_or_create(
                    date=entry.swapped_workday,
                    defaults={
                        "replaces": entry.date,
                        "note": f"Làm bù cho ngày nghỉ {entry.date:%d/%m/%Y}",
                    },
                )
                created_swaps += created
        if created_holidays or created_swaps:
            audit_event_append(
                action="calendar.seeded",
                payload={
                    "years": [first_year, last_year],
                    "holidays": created_holidays,
                    "swapped_workdays": created_swaps,
                },
            )
        transaction.on_commit(calendar_invalidate)
    return created_holidays, created_swaps
