"""“Ai đã xem dữ liệu của tôi”: the signed-in citizen sees the officers who opened their data,
newest first, 25 a page; only their own rows; by ID number only once a received dossier ties
the number to them; signed out, the login page; their own looks are not logged."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.constants import PersonalDataKind as K
from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.services import id_number_digest
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ApplicantData
from motcua.dossiers.tests.conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
URL = reverse("portal:data_access")
ID_NUMBER = "070190001234"  # the applicant of World.intake


def _vi(client: Any, url: str = URL, **params: Any) -> str:
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    return response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_signed_out_goes_to_the_login_page(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


@time_machine.travel(NOW, tick=False)
def test_the_citizen_sees_who_opened_their_dossier_and_nobody_elses(
    world: World, client: Any
) -> None:
    mine = world.receive()
    Dossier.objects.filter(pk=mine.pk).update(citizen=world.citizen)
    theirs = world.receive(
        applicant=ApplicantData(
            name="Lê Văn Tâm", id_number="075085002468", phone="0708246810", address="Đồng Nai"
        )
    )
    client.force_login(world.desk)
    for dossier in (mine, theirs):
        assert (
            client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 200
        )
    assert PersonalDataAccess.objects.count() == 2

    client.force_login(world.citizen)
    page = _vi(client)
    assert "Ai đã xem dữ liệu của tôi" in page or "Who viewed my data" in page  # before compile
    assert mine.code in page and theirs.code not in page
    assert world.desk.display_name in page  # Trần Thị Bình
    row = PersonalDataAccess.objects.get(reference=mine.code)
    assert row.agency is not None and row.agency.name in page
    assert '<th scope="col">' in page and "<caption" in page
    assert reverse("portal:data_access") in _vi(client, reverse("portal:account"))


@time_machine.travel(NOW, tick=False)
def test_the_id_number_counts_only_once_a_received_dossier_ties_it_to_the_person(
    world: World, client: Any
) -> None:
    walk_in = world.receive()  # at the desk, before the person had an account
    client.force_login(world.desk)
    client.get(reverse("backoffice:dossier_detail", args=[walk_in.pk]))
    assert PersonalDataAccess.objects.get().subject_user is None

    impostor = User.objects.create_user(username="0988000111", password="x", role="citizen",
                                        id_number=ID_NUMBER)  # fmt: skip
    client.force_login(impostor)  # typed someone else's number into a profile: sees nothing
    page = _vi(client)
    assert walk_in.code not in page
    assert 'id="id-pending"' in page  # the notice says when the number will count
    impostor.delete()

    person = world.citizen  # signs up later with the phone given at the desk, verified
    person.phone, person.phone_verified_at, person.id_number = (
        "0912345678",
        timezone.now(),
        ID_NUMBER,
    )
    person.save(update_fields=["phone", "phone_verified_at", "id_number"])
    client.force_login(person)
    page = _vi(client)
    assert walk_in.code in page and 'id="id-pending"' not in page


def test_newest_first_twenty_five_a_page(world: World, client: Any) -> None:
    start = NOW - timedelta(days=1)
    for n in range(30):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            PersonalDataAccess.objects.create(
                officer=world.desk, subject_user=world.citizen, kind=K.DOSSIER,
                reference=f"REF-{n:02d}", purpose="view", at=timezone.now(),
                subject_id_hash=id_number_digest(""),
            )  # fmt: skip
    client.force_login(world.citizen)
    first = _vi(client)
    assert first.count("REF-") == 25
    assert first.index("REF-29") < first.index("REF-28") and "REF-04" not in first
    assert 'href="?trang=2" rel="next"' in first
    second = _vi(client, trang=2)
    assert second.count("REF-") == 5 and "REF-00" in second and "REF-29" not in second


@time_machine.travel(NOW, tick=False)
def test_the_citizen_looking_at_their_own_dossier_is_not_logged(world: World, client: Any) -> None:
    dossier = world.receive()
    Dossier.objects.filter(pk=dossier.pk).update(citizen=world.citizen)
    client.force_login(world.citizen)
    assert dossier.code in _vi(client, reverse("portal:account"))
    client.get(reverse("portal:track"), {"code": dossier.code, "phone4": "5678"})
    _vi(client)
    assert not PersonalDataAccess.objects.exists()
