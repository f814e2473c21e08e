"""Petitions (PAKN) after intake: refusal, supplement, the answer drafted, returned, approved
and published without personal data, the citizen's rating that reopens under the named leader;
routing rules; attachments; the 766 counts; one petition a minute per phone under concurrency."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.test import override_settings

from motcua.dossiers.tests.conftest import World
from motcua.feedback.constants import FeedbackAction
from motcua.feedback.models import Feedback, FeedbackAttachment, FeedbackRoutingRule
from motcua.feedback.redact import redact
from motcua.feedback.selectors import (
    dossier_ids_disliked,
    feedback_overdue,
    feedback_public_list,
    petition_counts,
    routing_target,
)
from motcua.feedback.services import (
    FeedbackError,
    FeedbackInput,
    feedback_answer_approve,
    feedback_answer_draft,
    feedback_answer_return,
    feedback_publish,
    feedback_rate,
    feedback_refuse,
    feedback_request_supplement,
    feedback_submit,
    feedback_supplement,
)
from motcua.organisation.selectors import agency_list_valid_on

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=VN)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _input(**overrides: object) -> FeedbackInput:
    values: dict[str, object] = {
        "channel": "portal", "kind": "regulation", "title": "Hồ sơ trễ hẹn",
        "content": "Tôi là Điểu Thị Lan, CCCD 070190001234, điện thoại 0912 345 678, "
                   "email lan.dieu@example.vn. Hồ sơ của tôi đã quá hẹn 5 ngày.",
        "name": "Điểu Thị Lan", "phone": "0912 345 678", "email": "lan.dieu@example.vn",
    }  # fmt: skip
    values.update(overrides)
    return FeedbackInput(**values)  # type: ignore[arg-type]


def _answered(world: World, **overrides: object) -> Feedback:
    dossier = world.receive()
    feedback = feedback_submit(data=_input(dossier_code=dossier.code, **overrides))
    feedback_answer_draft(actor=world.specialist, feedback_id=feedback.pk, text="Đã xử lý xong.")
    return feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)


@time_machine.travel(MONDAY, tick=False)
def test_answer_returned_approved_published_without_personal_data(world: World) -> None:
    dossier = world.receive()
    feedback = feedback_submit(data=_input(dossier_code=dossier.code), citizen=world.citizen)
    with pytest.raises(FeedbackError, match="Đang xử lý"):
        feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)  # nothing drafted
    feedback_answer_draft(actor=world.specialist, feedback_id=feedback.pk, text="Bản nháp.")
    with pytest.raises(FeedbackError, match="lãnh đạo"):
        feedback_answer_approve(actor=world.specialist, feedback_id=feedback.pk)
    feedback_answer_return(actor=world.leader, feedback_id=feedback.pk, note="Nêu rõ ngày trả.")
    answer = feedback_answer_draft(
        actor=world.specialist, feedback_id=feedback.pk,
        text="Gửi bà Điểu Thị Lan (0912345678): kết quả trả ngày 12/3/2026.",
    )  # fmt: skip
    assert answer.return_note == "Nêu rõ ngày trả." and answer.round == 1
    with time_machine.travel(MONDAY + timedelta(days=3), tick=False):
        feedback = feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)
        assert feedback.status == "answered" and not feedback.late
        assert feedback.publish_by == datetime(2026, 3, 16, 9, 0, tzinfo=VN)
        public = [feedback.public_title, feedback.public_content]
        public.append(feedback.answers.get().public_text)
        feedback = feedback_publish(
            actor=world.monitor, feedback_id=feedback.pk, title=feedback.public_title,
            content=feedback.public_content + " Gọi lại 0912.345.678.",
            answer_text=feedback.answers.get().public_text,
        )  # fmt: skip
    assert feedback.status == "published" and not feedback.late
    public += [feedback.public_content, feedback.answers.get().public_text]
    for text in public:
        for secret in ("0912", "345 678", "070190001234", "example.vn", "Điểu Thị Lan"):
            assert secret not in text, (secret, text)
    assert "quá hẹn 5 ngày" in feedback.public_content
    assert "12/3/2026" in feedback.answers.get().public_text  # dates are not personal data
    assert list(feedback_public_list(query="quá hẹn")) == [feedback]
    assert list(feedback_public_list(query="0912345678")) == []
    actions = list(feedback.events.values_list("action", flat=True))
    assert actions == ["submitted", "drafted", "returned", "drafted", "approved", "published"]


@time_machine.travel(MONDAY, tick=False)
def test_not_satisfied_reopens_with_a_new_deadline_under_the_named_leader(world: World) -> None:
    feedback = _answered(world)
    with pytest.raises(FeedbackError, match="chưa được"):
        feedback_rate(feedback_id=feedback.pk, satisfied=False)  # a reason is required
    later = MONDAY + timedelta(days=7)  # Monday 16 March
    with time_machine.travel(later, tick=False):
        feedback = feedback_rate(
            feedback_id=feedback.pk, satisfied=False, comment="Vẫn chưa có kết quả."
        )
    assert feedback.status == "processing" and feedback.round == 2
    assert feedback.responsible_leader == world.leader
    assert feedback.clock_started_at == later
    assert feedback.handle_by == datetime(2026, 4, 6, 9, 0, tzinfo=VN)  # 15 working days
    assert feedback.answers.get(round=1).satisfied is False
    with pytest.raises(FeedbackError, match="Đang xử lý"):
        feedback_rate(feedback_id=feedback.pk, satisfied=True)  # nothing new to rate yet
    assert FeedbackAction.REOPENED in feedback.events.values_list("action", flat=True)
    feedback_answer_draft(actor=world.specialist, feedback_id=feedback.pk, text="Đã trả kết quả.")
    feedback = feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)
    assert [a.round for a in feedback.answers.all()] == [1, 2]
    feedback = feedback_rate(feedback_id=feedback.pk, satisfied=True)
    assert feedback.status == "answered" and feedback.round == 2
    with pytest.raises(FeedbackError, match="đã đánh giá"):
        feedback_rate(feedback_id=feedback.pk, satisfied=True)


@time_machine.travel(MONDAY, tick=False)
def test_reopening_stops_after_the_configured_number(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_FEEDBACK_MAX_REOPENS = 0
    feedback = _answered(world)
    feedback = feedback_rate(feedback_id=feedback.pk, satisfied=False, comment="Không rõ.")
    assert feedback.status == "answered" and feedback.round == 1


@time_machine.travel(MONDAY, tick=False)
def test_refusal_and_supplement_are_late_after_their_limits(world: World) -> None:
    dossier = world.receive()
    on_time = feedback_submit(data=_input(dossier_code=dossier.code))
    with pytest.raises(FeedbackError, match="lý do"):
        feedback_refuse(actor=world.specialist, feedback_id=on_time.pk, reason=" ")
    on_time = feedback_refuse(actor=world.specialist, feedback_id=on_time.pk, reason="Trùng.")
    assert on_time.status == "refused" and not on_time.late
    with time_machine.travel(MONDAY + timedelta(minutes=2), tick=False):
        late = feedback_submit(data=_input(dossier_code=dossier.code))
    # Wednesday 11 March 09:02 is the refusal limit; Thursday is late.
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=VN), tick=False):
        late = feedback_refuse(actor=world.specialist, feedback_id=late.pk, reason="Trùng.")
    assert late.late
    with time_machine.travel(MONDAY + timedelta(minutes=4), tick=False):
        asked = feedback_submit(data=_input(dossier_code=dossier.code))
    # The first request for more is due within 5 working days (Monday 16 March); a week later
    # (Monday 23 March) it is late.
    with time_machine.travel(datetime(2026, 3, 23, 9, 0, tzinfo=VN), tick=False):
        asked = feedback_request_supplement(
            actor=world.specialist, feedback_id=asked.pk, question="Gửi ảnh giấy hẹn."
        )
        assert asked.status == "awaiting_supplement" and asked.late
        with pytest.raises(FeedbackError):
            feedback_answer_draft(actor=world.specialist, feedback_id=asked.pk, text="x")
        asked = feedback_supplement(
            feedback_id=asked.pk, text="Ảnh giấy hẹn kèm theo.",
            files=[ContentFile(PNG, name="giay-hen.png")],
        )  # fmt: skip
    assert asked.status == "processing"
    attachment = FeedbackAttachment.objects.get(feedback=asked)
    assert attachment.content_type == "image/png" and default_storage.exists(attachment.file.name)


@time_machine.travel(MONDAY, tick=False)
def test_only_the_holding_agency_handles_and_the_province_refuses_unrouted(
    world: World,
) -> None:
    tip = feedback_submit(data=_input(channel="hotline"), entered_by=world.monitor)
    with pytest.raises(FeedbackError, match="Văn phòng"):
        feedback_refuse(actor=world.specialist, feedback_id=tip.pk, reason="Không rõ.")
    tip = feedback_refuse(actor=world.monitor, feedback_id=tip.pk, reason="Không rõ nội dung.")
    assert tip.status == "refused"


@time_machine.travel(MONDAY, tick=False)
def test_wrong_attachments_are_refused_and_nothing_is_stored(world: World) -> None:
    before = Feedback.objects.count()
    exe = ContentFile(b"MZ\x90\x00" + b"\x00" * 100, name="anh.png")
    with pytest.raises(FeedbackError, match="PDF, JPEG"):
        feedback_submit(data=_input(files=[ContentFile(PNG, name="a.png"), exe]))
    big = ContentFile(PNG + b"\x00" * (1024 * 1024), name="to.png")
    with override_settings(MOTCUA_UPLOAD_MAX_MB=1), pytest.raises(FeedbackError, match="lớn hơn"):
        feedback_submit(data=_input(files=[big]))
    with pytest.raises(FeedbackError, match="tối đa 5"):
        feedback_submit(data=_input(files=[ContentFile(PNG, name=f"{n}.png") for n in range(6)]))
    assert Feedback.objects.count() == before
    assert not FeedbackAttachment.objects.exists()
    feedback = feedback_submit(data=_input(files=[ContentFile(PNG, name="a.png")]))
    assert feedback.attachments.count() == 1


@time_machine.travel(MONDAY, tick=False)
def test_routing_rules_the_most_specific_wins(world: World) -> None:
    dossier = world.receive()
    agencies = list(agency_list_valid_on(day=MONDAY.date()).exclude(pk=dossier.deciding_agency_id))
    broad, narrow = agencies[0], agencies[1]
    procedure = dossier.procedure_version.procedure
    FeedbackRoutingRule.objects.create(kind="regulation", target=broad)
    FeedbackRoutingRule.objects.create(kind="regulation", procedure=procedure, target=narrow)
    FeedbackRoutingRule.objects.create(procedure=procedure, target=broad, active=False)
    linked = feedback_submit(data=_input(dossier_code=dossier.code))
    assert linked.agency == narrow and linked.procedure == procedure
    with time_machine.travel(MONDAY + timedelta(minutes=2), tick=False):
        general = feedback_submit(data=_input())
    assert general.agency == broad and general.status == "processing"
    assert routing_target(kind="behaviour", on=MONDAY.date()) is None


def _published(world: World, feedback: Feedback) -> Feedback:
    return feedback_publish(
        actor=world.monitor, feedback_id=feedback.pk, title=feedback.public_title,
        content=feedback.public_content, answer_text=feedback.answers.get().public_text,
    )  # fmt: skip


@time_machine.travel(MONDAY, tick=False)
def test_counts_for_766_on_time_and_satisfaction(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_FEEDBACK_MAX_REOPENS = 0  # the unhappy one stays answered
    happy = _published(world, _answered(world))
    feedback_rate(feedback_id=happy.pk, satisfied=True)
    with time_machine.travel(MONDAY + timedelta(minutes=2), tick=False):
        unhappy = _published(world, _answered(world, kind="behaviour"))
        feedback_rate(feedback_id=unhappy.pk, satisfied=False, comment="Không thỏa đáng.")
    with time_machine.travel(MONDAY + timedelta(minutes=4), tick=False):
        forgotten = feedback_submit(data=_input(kind="other", channel="hotline"))
    # At the end of March the forgotten one is past its 15 working days.
    counts = petition_counts(
        start=date(2026, 3, 1), until=date(2026, 3, 31), now=datetime(2026, 4, 2, tzinfo=VN)
    )[None]
    assert (counts.total, counts.regulation, counts.behaviour) == (3, 1, 1)
    assert (counts.on_time, counts.late) == (2, 1)
    assert (counts.unsatisfied, counts.satisfied, counts.rated) == (1, 1, 2)
    # Mid-March the forgotten one is still within its limit.
    counts = petition_counts(
        start=date(2026, 3, 1), until=date(2026, 3, 13), now=datetime(2026, 4, 2, tzinfo=VN)
    )[None]
    assert (counts.on_time, counts.satisfied) == (3, 2)
    april = datetime(2026, 4, 2, tzinfo=VN)
    by_agency = petition_counts(
        start=date(2026, 3, 1), until=date(2026, 3, 31), now=april, by="agency"
    )
    assert by_agency[happy.agency_id].total == 2
    assert by_agency[None].total == 1
    overdue = feedback_overdue(now=datetime(2026, 4, 2, tzinfo=VN))
    assert list(overdue) == [forgotten]
    assert dossier_ids_disliked([happy.dossier_id, unhappy.dossier_id]) == {
        happy.dossier_id, unhappy.dossier_id  # a petition about a dossier counts for 5.4
    }  # fmt: skip


def test_redaction_masks_contacts_ids_and_names() -> None:
    text = "Ông Nguyễn  Văn A, SĐT +84 912-345-678, CCCD 070 190 001 234, a.b@c.vn, hồ sơ 12/3."
    out = redact(text, names=["Nguyễn Văn A"])
    for secret in ("Nguyễn", "912", "070", "a.b@c.vn"):
        assert secret not in out
    assert "hồ sơ 12/3." in out
    import unicodedata

    decomposed = unicodedata.normalize(
        "NFD", "Gọi Nguyễn Văn Hùng: (091) 234-5678, 0912  345  678."
    )
    out = redact(decomposed, names=["Nguyễn Văn Hùng"])
    assert "Hùng" not in unicodedata.normalize("NFC", out) and "234" not in out and "345" not in out
    assert "VCB-123456-7890" not in redact("Tài khoản VCB-123456-7890.")
    codes = "Hồ sơ 002.00.90.H19-261208-0001, phản ánh PAKN-261208-0004, SĐT 0912-345-678."
    assert redact(codes) == (
        "Hồ sơ 002.00.90.H19-261208-0001, phản ánh PAKN-261208-0004, SĐT [đã ẩn]."
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_petitions_from_one_phone_at_once_store_one(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks; CI runs it on PostgreSQL")
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def send() -> None:
        try:
            barrier.wait()
            feedback_submit(data=_input())
            outcomes.append("stored")
        except FeedbackError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "refused", "refused", "stored"]
    assert Feedback.objects.count() == 1


def test_the_demo_petitions_cover_every_stage_once(world: World) -> None:
    from motcua.feedback.services import feedback_seed_demo

    assert feedback_seed_demo() == 9
    assert feedback_seed_demo() == 0
    statuses = sorted(Feedback.objects.values_list("status", flat=True))
    assert statuses == sorted(
        ["awaiting_routing", "processing", "processing", "awaiting_approval", "answered",
         "published", "published", "processing", "refused"]
    )  # fmt: skip
    assert feedback_overdue(now=datetime.now(tz=VN)).count() >= 1


@time_machine.travel(MONDAY, tick=False)
def test_a_reopened_petition_transferred_is_answered_by_the_new_agency(world: World) -> None:
    from motcua.feedback.services import feedback_route

    feedback = _answered(world)
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        # Not published within 2 working days, then rated: the missed publication stays late.
        feedback = feedback_rate(feedback_id=feedback.pk, satisfied=False, comment="Chưa đúng.")
    assert feedback.late and feedback.responsible_leader == world.leader
    other = agency_list_valid_on(day=MONDAY.date()).exclude(pk=feedback.agency_id).first()
    assert other is not None
    feedback = feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=other.pk)
    assert feedback.responsible_leader is None  # the new agency's leaders answer


@time_machine.travel(MONDAY, tick=False)
def test_unknown_sector_agency_or_commune_is_refused_and_no_file_is_kept(world: World) -> None:
    for field in ("sector_id", "concerned_agency_id", "unit_id"):
        with pytest.raises(FeedbackError, match="danh sách"):
            feedback_submit(data=_input(**{field: 999_999},
                                        files=[ContentFile(PNG, name="a.png")]))  # fmt: skip
    with pytest.raises(FeedbackError, match="thư điện tử"):
        feedback_submit(data=_input(email="lan@\nexample"))
    assert not Feedback.objects.exists() and not FeedbackAttachment.objects.exists()
