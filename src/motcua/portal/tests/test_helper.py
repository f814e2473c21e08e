"""A community helper submits for a citizen with the citizen's one-time code; every act audited."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.accounts.models import HelperConsent, User
from motcua.core.models import AuditEvent
from motcua.dossiers.models import Dossier, OnlineDraft
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.tests.conftest import World
from motcua.notifications import channels

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    channels.sent_messages.clear()


def _last_code() -> str:
    found = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert found
    return found.group(1)


@time_machine.travel(NOW, tick=False)
def test_a_helper_submits_for_a_citizen_who_consented(world: World, client) -> None:  # type: ignore[no-untyped-def]
    helper = User.objects.get(username="tocongnghe")
    client.force_login(helper)
    home = reverse("portal:helper_home")
    client.post(home, {"phone": "0388 123 456", "full_name": "Thị Nga", "id_number": ""})
    citizen = User.objects.get(username="0388123456")
    assert channels.sent_messages[-1].address == "0388123456"
    assert helper.display_name in channels.sent_messages[-1].body
    wrong = client.post(
        reverse("portal:helper_confirm"),
        {"code": "000000" if _last_code() != "000000" else "111111"},
    )
    assert wrong.status_code == 200 and not HelperConsent.objects.exists()
    client.post(reverse("portal:helper_confirm"), {"code": _last_code()})
    consent = HelperConsent.objects.get()
    assert (consent.helper, consent.citizen) == (helper, citizen)
    agency = world.desk.memberships.get().agency
    citizen.unit_id = agency.unit_id
    citizen.save(update_fields=["unit"])
    start = client.get(reverse("portal:helper_start", args=[citizen.pk, "1.004873"]))
    draft = OnlineDraft.objects.get()
    assert start["Location"] == reverse("portal:draft", args=[draft.pk])
    assert (draft.citizen, draft.helper) == (citizen, helper)
    from motcua.catalog.selectors import eform_for_version

    for step, field in enumerate(eform_for_version(version=draft.version).fields):
        client.post(
            f"{reverse('portal:draft', args=[draft.pk])}?buoc={step}",
            {field.name: "Nội dung", "revision": step},
        )
    for document in draft.version.documents.all():
        if not document_is_conditional(document) and document.copy_kind != "presented":
            client.post(
                reverse("portal:draft_files", args=[draft.pk]),
                {"document": document.pk, "file": SimpleUploadedFile("a.pdf", PDF)},
            )
    draft.refresh_from_db()
    client.post(
        reverse("portal:draft_send", args=[draft.pk]),
        {"revision": draft.revision, "request_key": "k"},
    )
    dossier = Dossier.objects.get()
    assert dossier.citizen == citizen and dossier.applicant_phone == "0388123456"
    event = dossier.events.get()
    assert event.actor == helper  # the record says who acted
    actions = set(AuditEvent.objects.filter(actor=helper).values_list("action", flat=True))
    assert {
        "helper.consent_requested",
        "helper.consent_given",
        "helper.draft_started",
        "helper.answers_saved",
        "helper.file_attached",
        "helper.draft_submitted",
    } <= actions
    client.force_login(citizen)
    page = client.get(reverse("portal:account")).content.decode()
    assert f"{helper.display_name} (Tổ công nghệ số cộng đồng) đã nộp thay bạn" in page


@time_machine.travel(NOW, tick=False)
def test_without_consent_the_helper_sees_nothing(world: World, client) -> None:  # type: ignore[no-untyped-def]
    helper = User.objects.get(username="tocongnghe")
    from motcua.dossiers.services import draft_start

    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    client.force_login(helper)
    assert client.get(reverse("portal:draft", args=[draft.pk])).status_code == 404
    assert (
        client.get(reverse("portal:helper_start", args=[world.citizen.pk, "1.004873"])).status_code
        == 404
    )
    client.force_login(world.desk)
    assert client.get(reverse("portal:helper_home")).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_consent_by_a_scanned_signed_paper(world: World, client) -> None:  # type: ignore[no-untyped-def]
    helper = User.objects.get(username="tocongnghe")
    client.force_login(helper)
    home = reverse("portal:helper_home")
    renamed = client.post(
        home,
        {
            "paper": "1",
            "paper-phone": "0377 000 111",
            "paper-full_name": "Điểu K'Lanh",
            "paper-document": SimpleUploadedFile("uq.pdf", b"MZ" * 20),
        },
    )
    assert "PDF, JPEG hoặc PNG" in renamed.content.decode()
    assert not HelperConsent.objects.exists()
    client.post(
        home,
        {
            "paper": "1",
            "paper-phone": "0377 000 111",
            "paper-full_name": "Điểu K'Lanh",
            "paper-document": SimpleUploadedFile("uq.pdf", PDF),
        },
    )
    consent = HelperConsent.objects.get()
    assert consent.method == "paper" and consent.document.read() == PDF
    assert consent.citizen.username == "0377000111"
    assert AuditEvent.objects.filter(actor=helper, action="helper.consent_given").exists()
