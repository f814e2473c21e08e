"""Petitions (PAKN), first part of issue 12: intake from the portal, the hotline and the app,
linked to a dossier and routed to its deciding agency, bad input refused in Vietnamese, one
petition a minute per phone, routing and transfers that restart the clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import Feedback, FeedbackEvent
from motcua.feedback.services import FeedbackError, FeedbackInput, feedback_route, feedback_submit
from motcua.organisation.selectors import agency_list_valid_on

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=VN)


def _input(**overrides: object) -> FeedbackInput:
    values: dict[str, object] = {
        "channel": "portal", "kind": "regulation", "title": "Hồ sơ trễ hẹn",
        "content": "Hồ sơ của tôi đã quá hẹn 5 ngày mà chưa có kết quả.",
        "name": "Điểu Thị Lan", "phone": "0912 345 678",
    }  # fmt: skip
    values.update(overrides)
    return FeedbackInput(**values)  # type: ignore[arg-type]


@time_machine.travel(MONDAY, tick=False)
def test_a_complaint_about_a_dossier_goes_to_its_agency_with_its_deadlines(world: World) -> None:
    dossier = world.receive()
    feedback = feedback_submit(data=_input(dossier_code=dossier.code), citizen=world.citizen)
    assert feedback.code == "PAKN-260309-0001" and feedback.phone == "0912345678"
    assert feedback.agency == dossier.deciding_agency and feedback.status == "processing"
    assert feedback.refuse_by == datetime(2026, 3, 11, 9, 0, tzinfo=VN)
    assert feedback.handle_by == datetime(2026, 3, 30, 9, 0, tzinfo=VN)
    event = FeedbackEvent.objects.get(feedback=feedback)
    assert event.action == "submitted" and event.to_agency == dossier.deciding_agency


@time_machine.travel(MONDAY, tick=False)
def test_a_hotline_call_and_an_anonymous_tip_wait_for_routing(world: World) -> None:
    call = feedback_submit(data=_input(channel="hotline"), entered_by=world.monitor)
    assert call.status == "awaiting_routing" and call.agency is None
    assert call.entered_by == world.monitor
    tip = feedback_submit(data=_input(channel="app", anonymous=True, name="", phone=""))
    assert tip.anonymous and tip.phone == "" and tip.code.endswith("-0002")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"content": "   "}, "Hãy nhập nội dung"),
        ({"content": "x" * 100_000}, "quá dài"),
        ({"title": "t" * 201}, "Tiêu đề quá dài"),
        ({"phone": "12345"}, "10 chữ số"),
        ({"name": ""}, "Hãy nhập họ tên"),
        ({"kind": "nonsense"}, "Hãy chọn"),
        ({"dossier_code": "000.00.00.H19-999999-9999"}, "Không có hồ sơ"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(
    world: World, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(FeedbackError, match=message):
        feedback_submit(data=_input(**overrides))
    assert not Feedback.objects.exists()


def test_markup_is_kept_as_text_and_one_phone_sends_once_a_minute(world: World) -> None:
    with time_machine.travel(MONDAY, tick=False):
        first = feedback_submit(data=_input(content="<script>alert(1)</script> chậm trễ"))
        assert first.content == "<script>alert(1)</script> chậm trễ"  # escaped when shown
        with pytest.raises(FeedbackError, match="chưa đầy một phút"):
            feedback_submit(data=_input(content="Gửi lại lần nữa"))
    assert Feedback.objects.count() == 1  # nothing stored twice
    with time_machine.travel(MONDAY + timedelta(minutes=2), tick=False):
        feedback_submit(data=_input(content="Một ý kiến khác"))
    assert Feedback.objects.count() == 2


def test_routing_then_a_transfer_restarts_the_clock_and_is_recorded(world: World) -> None:
    with time_machine.travel(MONDAY, tick=False):
        feedback = feedback_submit(data=_input(channel="hotline"), entered_by=world.monitor)
        first, second = agency_list_valid_on(day=MONDAY.date())[:2]
        with pytest.raises(FeedbackError, match="Chỉ Văn phòng"):
            feedback_route(actor=world.desk, feedback_id=feedback.pk, agency_id=first.pk)
        routed = feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=first.pk)
    assert routed.agency == first and routed.handle_by == datetime(2026, 3, 30, 9, tzinfo=VN)
    with time_machine.travel(datetime(2026, 3, 16, 9, tzinfo=VN), tick=False):
        moved = feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=second.pk,
                               note="Thuộc thẩm quyền đơn vị khác")  # fmt: skip
    assert moved.agency == second
    assert moved.clock_started_at == datetime(2026, 3, 16, 9, tzinfo=VN)
    assert moved.handle_by == datetime(2026, 4, 6, 9, tzinfo=VN)  # 15 working days from the move
    actions = list(FeedbackEvent.objects.filter(feedback=feedback).values_list(
        "action", "from_agency", "to_agency"))  # fmt: skip
    assert actions == [("submitted", None, None), ("routed", None, first.pk),
                       ("transferred", first.pk, second.pk)]  # fmt: skip
    with pytest.raises(FeedbackError, match="đã ở đơn vị này"):
        feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=second.pk)
