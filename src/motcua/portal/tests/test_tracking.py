"""Tracking a dossier by its code and the last 4 digits of the phone, signed out."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from motcua.dossiers.constants import RefusalReason
from motcua.dossiers.services import (
    apology_approve,
    apology_draft,
    dossier_forward,
    dossier_request_supplement,
)
from motcua.dossiers.tests.conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = reverse("portal:track")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_the_right_code_and_digits_show_a_plain_timeline(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_request_supplement(
        actor=world.specialist,
        dossier_id=dossier.pk,
        reasons=[("Tờ khai", "Thiếu chữ ký người yêu cầu")],
    )
    page = client.get(URL, {"ma": dossier.code})
    assert f'value="{dossier.code}"' in page.content.decode()  # the QR code fills the code in
    response = client.post(URL, {"ma": dossier.code.lower(), "so": "5678"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Tờ khai: Thiếu chữ ký người yêu cầu" in text
    assert "Ủy ban nhân dân phường Đồng Xoài" in text
    assert world.specialist.display_name not in text  # no officer names for the public
    assert response["Cache-Control"] == "no-store"


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_wrong_digits_and_unknown_codes_get_the_same_answer(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    wrong_digits = client.post(URL, {"ma": dossier.code, "so": "0000"}).content.decode()
    unknown_code = client.post(URL, {"ma": "000.00.00.H19-260302-9999", "so": "5678"})
    assert "Nguyễn Thị Hoa" not in wrong_digits
    assert dossier.procedure_version.name not in wrong_digits
    for text in (wrong_digits, unknown_code.content.decode()):
        assert "Không có hồ sơ nào khớp" in text
    bad_shape = client.post(URL, {"ma": dossier.code, "so": "56"}).content.decode()
    assert dossier.procedure_version.name not in bad_shape


@override_settings(MOTCUA_TRACKING_ATTEMPTS=3)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_guessing_is_rate_limited(world: World, client) -> None:  # type: ignore[no-untyped-def]
    dossier = world.receive()
    for digits in ("0001", "0002", "0003"):
        assert client.post(URL, {"ma": dossier.code, "so": digits}).status_code == 200
    blocked = client.post(URL, {"ma": dossier.code, "so": "5678"})  # even the right digits
    assert blocked.status_code == 429
    assert "Nguyễn Thị Hoa" not in blocked.content.decode()


def test_an_apology_and_a_refusal_read_plainly(world: World, client) -> None:  # type: ignore[no-untyped-def]
    from motcua.dossiers.services import dossier_refuse_new

    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        dossier = world.receive()
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
        letter = apology_draft(
            actor=world.specialist,
            dossier_id=dossier.pk,
            reason="Chờ xác minh nơi thường trú",
            new_due_at=datetime(2026, 3, 12, 17, 0, tzinfo=VN),
        )
        apology_approve(actor=world.leader, apology_id=letter.pk)
        refused = dossier_refuse_new(
            actor=world.desk,
            intake=world.intake(document_ids=[]),
            reason=RefusalReason.NOT_COMPETENT,
            details="Nơi thường trú ở tỉnh khác.",
        )
        text = client.post(URL, {"ma": dossier.code, "so": "5678"}).content.decode()
        assert "17:00 12/03/2026" in text and "Chờ xác minh nơi thường trú" in text
        assert "09:00 05/03/2026" in text  # the first appointment stays visible
        text = client.post(URL, {"ma": refused.code, "so": "5678"}).content.decode()
        assert "Nơi thường trú ở tỉnh khác." in text
