"""The dossier screens through the views: reception, actions, scope, queues, register."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from motcua.dossiers.constants import DossierStatus as S
from motcua.dossiers.models import Dossier, DossierAccess
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.services import dossier_forward
from motcua.dossiers.tests.conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)


def _intake_post(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": world.version.pk,
        "request_key": "form-1",
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_id_number": "070190001234",
        "applicant_phone": "0912 345 678",
        "channel": "in_person",
        "copies": 1,
        "fee_collection": "none",
        "return_method": "at_desk",
        "documents": [
            d.pk for d in world.version.documents.all() if not document_is_conditional(d)
        ],
        "receive": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(NOW, tick=False)
def test_the_desk_receives_through_the_form_once_even_when_posted_twice(
    world: World, client
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.desk)
    url = reverse("backoffice:dossier_receive")
    assert client.get(url, {"procedure": "tình trạng hôn nhân"}).status_code == 200
    page = client.get(url, {"version": world.version.pk})
    assert "Tiếp nhận" in page.content.decode() or "Receive" in page.content.decode()
    first = client.post(url, _intake_post(world))
    second = client.post(url, _intake_post(world))
    dossier = Dossier.objects.get()
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"]
        == second["Location"]
        == reverse("backoffice:dossier_detail", args=[dossier.pk])
    )
    assert dossier.applicant_phone == "0912345678"


@time_machine.travel(NOW, tick=False)
def test_bad_intake_shows_the_reason_and_keeps_nothing(world: World, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.desk)
    response = client.post(
        reverse("backoffice:dossier_receive"),
        _intake_post(world, applicant_id_number="12345", documents=[]),
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "12 chữ số" in text
    assert Dossier.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_officers_of_another_agency_get_404_and_do_not_find_it(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    client.force_login(world.other_desk)
    detail = reverse("backoffice:dossier_detail", args=[dossier.pk])
    assert client.get(detail).status_code == 404
    assert (
        client.get(reverse("backoffice:dossier_pdf", args=[dossier.pk, "receipt"])).status_code
        == 404
    )
    act = reverse("backoffice:dossier_act", args=[dossier.pk, "forward"])
    assert client.post(act, {"request_key": "x"}).status_code == 404
    queue = client.get(reverse("backoffice:dossier_queue"), {"queue": "all", "q": dossier.code})
    assert detail not in queue.content.decode()
    assert "Không có hồ sơ nào" in queue.content.decode()
    go = client.get(reverse("backoffice:dossier_go"), {"code": dossier.code})
    assert go["Location"] == reverse("backoffice:dossier_queue")
    assert not DossierAccess.objects.exists()
    client.force_login(world.citizen)
    assert client.get(detail).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_page_logs_the_view_and_actions_go_through_the_services(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    client.force_login(world.desk)
    detail = reverse("backoffice:dossier_detail", args=[dossier.pk])
    page = client.get(detail, HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200
    assert dossier.code in page.content.decode()
    assert DossierAccess.objects.filter(user=world.desk, dossier=dossier, what="view").exists()
    act = reverse("backoffice:dossier_act", args=[dossier.pk, "forward"])
    client.post(act, {"request_key": "f1", "revision": 1})
    stale = client.post(act, {"request_key": "f2", "revision": 1}, follow=True)
    assert "người khác cập nhật" in stale.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING and dossier.revision == 2


@time_machine.travel(NOW, tick=False)
def test_queues_scanner_and_search(world: World, client) -> None:  # type: ignore[no-untyped-def]
    mine = world.receive()
    other = world.receive()
    client.force_login(world.desk)
    queue = client.get(reverse("backoffice:dossier_queue"), {"queue": "my_steps"})
    assert mine.code in queue.content.decode() and other.code in queue.content.decode()
    found = client.get(reverse("backoffice:dossier_queue"), {"queue": "all", "q": "0912345678"})
    assert mine.code in found.content.decode()
    by_name = client.get(
        reverse("backoffice:dossier_queue"), {"queue": "all", "q": "nguyen thi hoa"}
    )
    assert mine.code in by_name.content.decode()
    none = client.get(reverse("backoffice:dossier_queue"), {"queue": "all", "q": "Trần Văn Z"})
    assert mine.code not in none.content.decode()
    go = client.get(reverse("backoffice:dossier_go"), {"code": f" {mine.code} "})
    assert go["Location"] == reverse("backoffice:dossier_detail", args=[mine.pk])
    client.force_login(world.specialist)
    assert (
        mine.code
        not in client.get(
            reverse("backoffice:dossier_queue"), {"queue": "my_steps"}
        ).content.decode()
    )
    dossier_forward(actor=world.desk, dossier_id=mine.pk)
    assert (
        mine.code
        in client.get(reverse("backoffice:dossier_queue"), {"queue": "my_steps"}).content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_bulk_forward_reports_each_dossier(world: World, client) -> None:  # type: ignore[no-untyped-def]
    first, second = world.receive(), world.receive()
    dossier_forward(actor=world.desk, dossier_id=second.pk)  # no longer at the desk
    client.force_login(world.desk)
    response = client.post(
        reverse("backoffice:dossier_bulk"), {"action": "forward", "ids": [first.pk, second.pk]}
    )
    text = response.content.decode()
    assert first.code in text and second.code in text
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.PROCESSING
    assert second.events.count() == 2  # unchanged by the bulk action: the error was reported


@time_machine.travel(NOW, tick=False)
def test_the_register_exports_the_period(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    client.force_login(world.desk)
    response = client.get(
        reverse("backoffice:dossier_register"), {"start": "2026-03-01", "end": "2026-03-31"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Mã hồ sơ"
    assert rows[2][1] == dossier.code and rows[2][4] == "Nguyễn Thị Hoa"
    bad = client.get(
        reverse("backoffice:dossier_register"), {"start": "2026-03-31", "end": "2026-03-01"}
    )
    assert bad["Content-Type"].startswith("text/html")


@time_machine.travel(NOW, tick=False)
def test_the_leader_assigns_the_step_to_a_named_specialist(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    client.force_login(world.leader)
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert "/act/assign/" in page
    client.post(
        reverse("backoffice:dossier_act", args=[dossier.pk, "assign"]),
        {"request_key": "a1", "revision": 2, "assignee": world.specialist.pk},
    )
    step = dossier.steps.get(completed_at=None)
    assert step.assignee == world.specialist
