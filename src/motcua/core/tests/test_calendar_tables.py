"""The calendar tables: seeding, admin maintenance and the database-backed calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from motcua.core import calendar
from motcua.core.models import AuditEvent, Holiday, HolidayKind, SwappedWorkday
from motcua.core.services import calendar_seed

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_keeps_admin_corrections() -> None:
    first = calendar_seed(first_year=2024, last_year=2026)
    assert first[0] > 30
    assert first[1] == 3  # 04/05/2024, 26/04/2025, 22/08/2026
    Holiday.objects.filter(date=date(2026, 9, 2)).update(name="Quốc khánh (đã sửa)")
    assert calendar_seed(first_year=2024, last_year=2026) == (0, 0)
    assert Holiday.objects.get(date=date(2026, 9, 2)).name == "Quốc khánh (đã sửa)"
    swap = SwappedWorkday.objects.get(date=date(2024, 5, 4))
    assert swap.replaces == date(2024, 4, 29)
    assert Holiday.objects.get(date=date(2024, 4, 29)).kind == HolidayKind.SWAPPED_DAY_OFF


def test_database_calendar_follows_the_tables() -> None:
    calendar_seed(first_year=2025, last_year=2025)
    calendar.calendar_invalidate()
    assert not calendar.is_working_day(date(2025, 9, 1))
    assert calendar.is_working_day(date(2025, 4, 26))


@pytest.fixture
def admin_client_vi(client, django_user_model):  # type: ignore[no-untyped-def]
    admin = django_user_model.objects.create_superuser(
        username="root", email="root@example.invalid", password="x", role="system_admin"
    )
    client.force_login(admin)
    return client


def test_admin_adds_a_declared_day_off_and_the_calendar_sees_it(admin_client_vi) -> None:  # type: ignore[no-untyped-def]
    calendar.calendar_invalidate()
    assert calendar.is_working_day(date(2026, 12, 31))
    response = admin_client_vi.post(
        reverse("admin:core_holiday_add"),
        {"date": "31/12/2026", "name": "Nghỉ theo quyết định của tỉnh", "kind": "declared"},
    )
    assert response.status_code == 302
    assert not calendar.is_working_day(date(2026, 12, 31))
    assert AuditEvent.objects.filter(action="calendar.holiday.added").exists()


@pytest.mark.parametrize("bad", ["31/02/2026", "2026-13-01", "hôm nay", ""])
def test_admin_refuses_a_malformed_date_in_vietnamese_and_saves_nothing(
    admin_client_vi, bad: str
) -> None:  # type: ignore[no-untyped-def]
    before = Holiday.objects.count()
    response = admin_client_vi.post(
        reverse("admin:core_holiday_add"), {"date": bad, "name": "Ngày lạ", "kind": "declared"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nhập một ngày hợp lệ" in content or "Trường này là bắt buộc" in content
    assert Holiday.objects.count() == before
