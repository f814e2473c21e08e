"""The log of officers' looks at a citizen's personal data: one row per officer and object in
10 minutes, the officer's agency at the time, the person by account and by keyed ID hash, never
the officer's own data, and no way to change the log in the admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from motcua.accounts.constants import PersonalDataKind as K
from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.selectors import (
    membership_list_for_user,
    personal_data_access_list_for_citizen,
)
from motcua.accounts.services import (
    PERSONAL_DATA_ACCESS_QUIET,
    id_number_digest,
    personal_data_access_record,
)

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
ID_NUMBER = "070190001234"


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def _look(officer: User, **overrides: Any) -> PersonalDataAccess | None:
    values: dict[str, Any] = {
        "officer": officer,
        "kind": K.DOSSIER,
        "reference": "H01.01-260302-0001",
        "purpose": "view",
        "subject_id_number": ID_NUMBER,
    }
    values.update(overrides)
    return personal_data_access_record(**values)


def test_one_row_per_officer_and_object_in_ten_minutes(seeded: Any) -> None:
    desk = _users()["motcua"]
    with time_machine.travel(NOW, tick=False):
        first = _look(desk)
        assert first is not None
    with time_machine.travel(NOW + PERSONAL_DATA_ACCESS_QUIET - timedelta(seconds=1), tick=False):
        assert _look(desk) is None  # a reload, not a new look
        assert _look(desk, purpose="pdf:receipt:0") is not None  # another object: recorded
    with time_machine.travel(NOW + PERSONAL_DATA_ACCESS_QUIET + timedelta(seconds=1), tick=False):
        again = _look(desk)
    assert again is not None and again.pk != first.pk
    assert timedelta(minutes=10) == PERSONAL_DATA_ACCESS_QUIET
    assert PersonalDataAccess.objects.filter(purpose="view").count() == 2


def test_another_officer_is_recorded_within_the_window(seeded: Any) -> None:
    users = _users()
    with time_machine.travel(NOW, tick=False):
        assert _look(users["motcua"]) is not None
        assert _look(users["chuyenvien"]) is not None
    assert PersonalDataAccess.objects.count() == 2


def test_the_agency_is_the_officers_own_at_the_time(seeded: Any) -> None:
    users = _users()
    desk, monitor = users["motcua"], users["giamsat"]
    agency = membership_list_for_user(user=desk).get().agency
    row = _look(desk, agency_ids=(None, agency.pk))
    assert row is not None and row.agency == agency
    # An agency the officer does not belong to is not claimed for them: their own is kept.
    other = membership_list_for_user(user=users["motcua2"]).get().agency
    row = _look(desk, reference="other", agency_ids=(other.pk,))
    assert row is not None and row.agency == agency
    row = _look(monitor)  # the province monitor belongs to no agency
    assert row is not None and row.agency is None


def test_the_person_is_kept_by_keyed_hash_not_by_number(seeded: Any, settings: Any) -> None:
    row = _look(_users()["motcua"], subject_id_number="0701 9000 1234")
    assert row is not None
    assert ID_NUMBER not in row.subject_id_hash and len(row.subject_id_hash) == 64
    assert row.subject_id_hash == id_number_digest(ID_NUMBER)  # spaces do not matter
    assert id_number_digest("070190001235") != row.subject_id_hash
    settings.SECRET_KEY = "another-secret"  # keyed: not a plain hash anyone could recompute
    assert id_number_digest(ID_NUMBER) != row.subject_id_hash
    assert id_number_digest("") == ""


def test_nothing_recorded_for_the_officers_own_data_or_nobody(seeded: Any) -> None:
    desk = _users()["motcua"]
    assert _look(desk, subject_id_number="", subject_user_id=desk.pk) is None
    desk.id_number = ID_NUMBER
    desk.save(update_fields=["id_number"])
    assert _look(desk) is None  # the officer's own dossier, by ID number
    assert _look(desk, subject_id_number="") is None  # nobody to show it to
    assert not PersonalDataAccess.objects.exists()


def test_a_citizen_gets_rows_by_account_and_by_confirmed_number(seeded: Any) -> None:
    users = _users()
    desk, citizen, helper = users["motcua"], users["congdan"], users["tocongnghe"]
    citizen.id_number = ID_NUMBER
    citizen.save(update_fields=["id_number"])
    by_account = _look(desk, reference="A", subject_id_number="", subject_user_id=citizen.pk)
    by_number = _look(desk, reference="B")
    someone_else = _look(desk, reference="C", subject_id_number="070190009999",
                         subject_user_id=helper.pk)  # fmt: skip
    assert by_account and by_number and someone_else
    unconfirmed = personal_data_access_list_for_citizen(citizen=citizen, id_number_confirmed=False)
    assert list(unconfirmed) == [by_account]
    confirmed = personal_data_access_list_for_citizen(citizen=citizen, id_number_confirmed=True)
    assert set(confirmed) == {by_account, by_number}


def test_the_admin_shows_the_log_but_cannot_change_it(seeded: Any, client: Any) -> None:
    users = _users()
    row = _look(users["motcua"])
    assert row is not None
    client.force_login(users["quantri"])  # the system administrator, a superuser
    assert client.get(reverse("admin:accounts_personaldataaccess_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_personaldataaccess_add")).status_code == 403
    delete = reverse("admin:accounts_personaldataaccess_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:accounts_personaldataaccess_change", args=[row.pk])
    client.post(change, {"reference": "changed"})
    row.refresh_from_db()
    assert row.reference == "H01.01-260302-0001"
    assert PersonalDataAccess.objects.count() == 1
