"""The citizen rates after the result; an unsatisfied rating waits for the leader's answer."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from motcua.dossiers.constants import ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_approve, dossier_forward, dossier_return_result
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import SatisfactionRating
from motcua.feedback.selectors import rating_list_to_follow_up
from motcua.feedback.services import RatingError, rating_follow_up, rating_record

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
TRACK, RATE = reverse("portal:track"), reverse("portal:rate")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _returned(world: World) -> Dossier:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    dossier_approve(actor=world.leader, dossier_id=dossier.pk)
    dossier_return_result(
        actor=world.desk,
        dossier_id=dossier.pk,
        method=ReturnMethod.AT_DESK,
        received_by_name="Nguyễn Thị Hoa",
    )
    dossier.refresh_from_db()
    return dossier


@time_machine.travel(NOW, tick=False)
def test_rules_of_a_rating(world: World) -> None:
    open_dossier = world.receive()
    with pytest.raises(RatingError, match="đã được trả"):
        rating_record(dossier=open_dossier, satisfied=True)
    dossier = _returned(world)
    with pytest.raises(RatingError, match="ít nhất một lý do"):
        rating_record(dossier=dossier, satisfied=False)
    with pytest.raises(RatingError, match="trong danh sách"):
        rating_record(dossier=dossier, satisfied=False, reasons=["bogus"])
    rating = rating_record(
        dossier=dossier,
        satisfied=False,
        reasons=["late", "many_visits"],
        comment="Phải đi lại 3 lần.",
    )
    assert rating.follow_up_due == date(2026, 3, 9)  # 5 working days
    with pytest.raises(RatingError, match="đã được đánh giá"):
        rating_record(dossier=dossier, satisfied=True)
    assert list(rating_list_to_follow_up(user=world.leader)) == [rating]
    assert list(rating_list_to_follow_up(user=world.other_desk)) == []
    with pytest.raises(RatingError, match="lãnh đạo"):
        rating_follow_up(actor=world.specialist, rating_id=rating.pk, note="x")
    rating_follow_up(actor=world.leader, rating_id=rating.pk, note="Đã nhắc nhở bộ phận.")
    assert list(rating_list_to_follow_up(user=world.leader)) == []


@time_machine.travel(NOW, tick=False)
def test_the_citizen_rates_on_the_tracking_page_and_the_leader_answers(
    world: World, client
) -> None:  # type: ignore[no-untyped-def]
    dossier = _returned(world)
    page = client.post(TRACK, {"ma": dossier.code, "so": "5678"}).content.decode()
    assert RATE in page
    wrong = client.post(RATE, {"ma": dossier.code, "so": "0000", "satisfied": "1"})
    assert wrong.status_code == 302 and not SatisfactionRating.objects.exists()
    missing_reason = client.post(RATE, {"ma": dossier.code, "so": "5678", "satisfied": "0"})
    assert "ít nhất một lý do" in missing_reason.content.decode()
    done = client.post(
        RATE,
        {
            "ma": dossier.code,
            "so": "5678",
            "satisfied": "0",
            "reasons": ["staff_attitude"],
            "comment": "Cán bộ khó chịu.",
        },
    )
    assert "Cảm ơn" in done.content.decode()
    rating = SatisfactionRating.objects.get()
    assert rating.reasons == ["staff_attitude"] and not rating.satisfied
    client.force_login(world.leader)
    landing = client.get(reverse("backoffice:landing")).content.decode()
    assert dossier.code in landing
    client.post(
        reverse("backoffice:dossier_act", args=[dossier.pk, "follow_up"]),
        {"text": "Đã làm việc với cán bộ một cửa."},
    )
    rating.refresh_from_db()
    assert rating.followed_up_by == world.leader
    client.logout()
    again = client.post(TRACK, {"ma": dossier.code, "so": "5678"}).content.decode()
    assert "Đã làm việc với cán bộ một cửa." in again and RATE not in again
