"""Officers see only their own agency: out of scope reads as 404, never as 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.models import User
from motcua.organisation.models import Agency

COMMUNE = "Ủy ban nhân dân phường Đồng Xoài"
OTHER = "Ủy ban nhân dân phường Bình Phước"


def _agency(name: str) -> Agency:
    return Agency.objects.get(name=name)


def _as(client, username: str):  # type: ignore[no-untyped-def]
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize(
    ("username", "role_heading"),
    [
        ("motcua", "Bộ phận Một cửa"),
        ("chuyenvien", "Bàn làm việc chuyên viên"),
        ("lanhdao", "Bàn làm việc lãnh đạo"),
        ("quantricoquan", "Quản trị cơ quan"),
        ("giamsat", "Giám sát toàn tỉnh"),
        ("quantri", "Quản trị hệ thống"),
    ],
)
def test_each_officer_role_lands_on_its_own_page(seeded, client, username, role_heading) -> None:  # type: ignore[no-untyped-def]
    response = _as(client, username).get(reverse("backoffice:landing"))
    assert response.status_code == 200
    assert f"<h1>{role_heading}</h1>" in response.content.decode()


@pytest.mark.parametrize("username", ["congdan", "tocongnghe"])
def test_citizens_land_on_their_portal_account(seeded, client, username) -> None:  # type: ignore[no-untyped-def]
    response = _as(client, username).get(reverse("backoffice:landing"))
    assert response["Location"] == reverse("portal:account")
    assert (
        client.get(reverse("backoffice:agency_detail", args=[_agency(COMMUNE).pk])).status_code
        == 404
    )


def test_desk_officer_sees_own_agency_but_not_another_agencys_pages(seeded, client) -> None:  # type: ignore[no-untyped-def]
    own, other = _agency(COMMUNE), _agency(OTHER)
    _as(client, "motcua")
    assert client.get(reverse("backoffice:agency_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("backoffice:agency_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("backoffice:agency_manage", args=[other.pk])).status_code == 404
    # Nor the administration of their own agency: that is the agency administrator's.
    assert client.get(reverse("backoffice:agency_manage", args=[own.pk])).status_code == 404
    # Nor Django's admin site.
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_agency_admin_manages_own_agency_only(seeded, client) -> None:  # type: ignore[no-untyped-def]
    own, other = _agency(COMMUNE), _agency(OTHER)
    _as(client, "quantricoquan")
    response = client.get(reverse("backoffice:agency_manage", args=[own.pk]))
    assert response.status_code == 200
    assert "Trần Thị Bình" in response.content.decode()  # the desk officer of that commune
    assert client.get(reverse("backoffice:agency_manage", args=[other.pk])).status_code == 404


def test_system_admin_and_province_monitor_see_every_current_agency(seeded, client) -> None:  # type: ignore[no-untyped-def]
    other = _agency(OTHER)
    assert (
        _as(client, "giamsat").get(reverse("backoffice:agency_detail", args=[other.pk])).status_code
        == 200
    )
    assert client.get(reverse("backoffice:agency_manage", args=[other.pk])).status_code == 404
    assert (
        _as(client, "quantri").get(reverse("backoffice:agency_manage", args=[other.pk])).status_code
        == 200
    )


def test_monitor_landing_counts_todays_communes(seeded, client) -> None:  # type: ignore[no-untyped-def]
    response = _as(client, "giamsat").get(reverse("backoffice:landing"))
    assert response.context["commune_count"] == 95
    assert response.context["agency_count"] == 21 + 95


def test_pages_require_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("backoffice:landing"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
