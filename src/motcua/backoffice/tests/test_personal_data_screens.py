"""The back-office pages that show a citizen's personal data log the look for the citizen:
the dossier page, its receipts, a petition of a named sender; not a page the officer may not
open, not the officer's own dossier; and a failure to log never breaks the page."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from motcua.accounts.constants import PersonalDataKind as K
from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.selectors import membership_list_for_user
from motcua.accounts.services import id_number_digest
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import Feedback
from motcua.feedback.services import FeedbackInput, feedback_submit

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)


@time_machine.travel(NOW, tick=False)
def test_the_dossier_page_logs_one_look_with_the_agency_and_code(world: World, client: Any) -> None:
    dossier = world.receive()
    Dossier.objects.filter(pk=dossier.pk).update(citizen=world.citizen)
    client.force_login(world.desk)
    detail = reverse("backoffice:dossier_detail", args=[dossier.pk])
    assert client.get(detail).status_code == 200
    assert client.get(detail).status_code == 200  # a reload within 10 minutes: the same look
    row = PersonalDataAccess.objects.get()
    assert row.officer == world.desk and row.kind == K.DOSSIER and row.purpose == "view"
    assert row.reference == dossier.code
    assert row.agency == membership_list_for_user(user=world.desk).get().agency
    assert row.agency_id == dossier.receiving_agency_id
    assert row.subject_user == world.citizen
    assert row.subject_id_hash == id_number_digest("070190001234")
    receipt = reverse("backoffice:dossier_pdf", args=[dossier.pk, "receipt"])
    assert client.get(receipt).status_code == 200
    pdf = PersonalDataAccess.objects.get(kind=K.DOSSIER_PDF)
    assert pdf.reference == dossier.code and pdf.purpose == "pdf:receipt:0"


@time_machine.travel(NOW, tick=False)
def test_no_row_for_a_refused_page_or_the_officers_own_dossier(world: World, client: Any) -> None:
    dossier = world.receive()
    client.force_login(world.other_desk)  # another commune: the dossier reads as missing
    assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 404
    client.force_login(world.citizen)  # a citizen is not an officer
    assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 404
    own = world.receive()
    Dossier.objects.filter(pk=own.pk).update(citizen=world.desk, applicant_id_number="")
    client.force_login(world.desk)  # the desk officer opens a dossier they applied with
    assert client.get(reverse("backoffice:dossier_detail", args=[own.pk])).status_code == 200
    assert not PersonalDataAccess.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_named_petition_is_logged_an_anonymous_one_is_not(world: World, client: Any) -> None:
    def petition(**overrides: Any) -> Feedback:
        values: dict[str, Any] = {
            "channel": "hotline",
            "kind": "regulation",
            "title": "Hồ sơ trễ hẹn",
            "content": "Hồ sơ của tôi đã quá hẹn mà chưa có kết quả.",
            "name": "Nguyễn Văn An",
            "phone": "0913000001",
        }
        values.update(overrides)
        return feedback_submit(data=FeedbackInput(**values), entered_by=world.monitor)

    named = petition()
    Feedback.objects.filter(pk=named.pk).update(citizen=world.citizen)
    tip = petition(phone="0913000002")
    Feedback.objects.filter(pk=tip.pk).update(citizen=world.citizen, anonymous=True)
    client.force_login(world.monitor)
    for feedback in (named, tip):
        page = client.get(reverse("backoffice:feedback_detail", args=[feedback.pk]))
        assert page.status_code == 200
    row = PersonalDataAccess.objects.get()
    assert row.kind == K.PETITION and row.reference == named.code
    assert row.subject_user == world.citizen and row.agency is None  # province-wide


@time_machine.travel(NOW, tick=False)
def test_a_failure_to_log_is_warned_and_the_page_still_opens(
    world: World, client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from motcua.backoffice import personal_data

    def broken(**_kwargs: Any) -> None:
        raise RuntimeError("log store down")

    monkeypatch.setattr(personal_data, "personal_data_access_record", broken)
    dossier = world.receive()
    client.force_login(world.desk)
    with caplog.at_level(logging.WARNING, logger="motcua.backoffice.personal_data"):
        page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk]))
    assert page.status_code == 200 and dossier.code in page.content.decode()
    warned = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and warned[0].exc_info is not None
    assert "070190001234" not in warned[0].getMessage()  # the ID number is not logged
    assert not PersonalDataAccess.objects.exists()
