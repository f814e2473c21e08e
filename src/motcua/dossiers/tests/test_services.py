"""The dossier services on the real seed catalogue and demo officers."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from motcua.accounts.models import OfficerMembership
from motcua.core.models import Holiday
from motcua.dossiers.constants import DossierStatus as S
from motcua.dossiers.constants import Outcome, RefusalReason, ResultForm, ReturnMethod, StepResult
from motcua.dossiers.constants import Transition as Tr
from motcua.dossiers.models import Dossier, DossierEvent, ProcessingStep, SupplementRequest
from motcua.dossiers.selectors import dossier_chain_verify, dossier_current_step
from motcua.dossiers.services import (
    ApplicantData,
    DossierError,
    StaleDossierError,
    apology_approve,
    apology_draft,
    dossier_approve,
    dossier_forward,
    dossier_fulfil_financial_obligation,
    dossier_receive,
    dossier_receive_new,
    dossier_refuse_new,
    dossier_reject,
    dossier_request_financial_obligation,
    dossier_request_supplement,
    dossier_return_result,
    dossier_stop,
    dossier_submit,
    dossier_submit_supplement,
    dossier_withdraw,
    explanation_record,
)
from motcua.dossiers.workflow import TransitionNotAllowedError

from .conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _events(dossier: Dossier) -> list[str]:
    return list(dossier.events.order_by("sequence").values_list("transition", flat=True))


def _to_leader(world: World, dossier: Dossier) -> None:
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_the_desk_receives_routes_numbers_and_dates(world: World) -> None:
    dossier = world.receive()
    agency = world.desk.memberships.get().agency
    assert dossier.status == S.RECEIVED
    assert dossier.code == f"{agency.national_identifier}-260302-0001"
    assert re.fullmatch(r"[\d.]+\.H\d+-\d{6}-\d{4}", dossier.code)
    assert dossier.receiving_agency == agency == dossier.deciding_agency
    # 3 working days from Monday 09:00: Thursday 09:00.
    assert dossier.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=VN)
    assert dossier.original_due_at == dossier.due_at
    assert _events(dossier) == [Tr.RECEIVE]
    assert world.receive().code.endswith("-260302-0002")


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_the_whole_journey_writes_one_event_per_transition_and_the_chain_verifies(
    world: World,
) -> None:
    dossier = world.receive()
    _to_leader(world, dossier)
    dossier_approve(
        actor=world.leader,
        dossier_id=dossier.pk,
        form=ResultForm.PAPER,
        document_number="12/XN-UBND",
    )
    dossier_return_result(
        actor=world.desk,
        dossier_id=dossier.pk,
        method=ReturnMethod.AT_DESK,
        received_by_name="Nguyễn Thị Hoa",
    )
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_RETURNED
    assert dossier.outcome == Outcome.GRANTED
    assert _events(dossier) == [Tr.RECEIVE, Tr.FORWARD, Tr.FORWARD, Tr.APPROVE, Tr.RETURN_RESULT]
    statuses = list(dossier.events.values_list("from_status", "to_status"))
    assert statuses == [
        (S.DRAFT, S.RECEIVED),
        (S.RECEIVED, S.PROCESSING),
        (S.PROCESSING, S.PROCESSING),
        (S.PROCESSING, S.RESOLVED),
        (S.RESOLVED, S.RESULT_RETURNED),
    ]
    assert dossier.revision == 5
    steps = list(dossier.steps.values_list("role", "result"))
    assert steps == [
        ("desk_officer", StepResult.FORWARDED),
        ("specialist", StepResult.FORWARDED),
        ("leader", StepResult.FORWARDED),
        ("desk_officer", StepResult.CLOSED),
    ]
    check = dossier_chain_verify(dossier=dossier)
    assert check.ok and check.checked == 5


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_a_tampered_event_breaks_the_chain_at_that_event(world: World) -> None:
    dossier = world.receive()
    _to_leader(world, dossier)
    DossierEvent.objects.filter(dossier=dossier, sequence=2).update(note="sửa lén")
    check = dossier_chain_verify(dossier=dossier)
    assert not check.ok and check.broken_sequence == 2 and check.checked == 1


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_a_forbidden_transition_says_why_and_changes_nothing(world: World) -> None:
    dossier = world.receive()
    with pytest.raises(TransitionNotAllowedError):
        dossier_return_result(
            actor=world.desk,
            dossier_id=dossier.pk,
            method=ReturnMethod.AT_DESK,
            received_by_name="A",
        )
    with pytest.raises(TransitionNotAllowedError):
        dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED and dossier.revision == 1
    assert _events(dossier) == [Tr.RECEIVE]


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_a_stale_form_is_refused(world: World) -> None:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk, revision=1)
    with pytest.raises(StaleDossierError, match="người khác cập nhật"):
        dossier_forward(actor=world.specialist, dossier_id=dossier.pk, revision=1)
    assert len(_events(dossier)) == 2


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_the_same_request_twice_applies_once(world: World) -> None:
    first = dossier_receive_new(actor=world.desk, intake=world.intake(), request_key="k-1")
    again = dossier_receive_new(actor=world.desk, intake=world.intake(), request_key="k-1")
    assert first.pk == again.pk
    assert Dossier.objects.count() == 1
    dossier_forward(actor=world.desk, dossier_id=first.pk, revision=1, request_key="k-2")
    dossier_forward(actor=world.desk, dossier_id=first.pk, revision=1, request_key="k-2")
    assert _events(first) == [Tr.RECEIVE, Tr.FORWARD]


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"document_ids": []}, "thiếu thành phần bắt buộc"),
        ({"applicant": ApplicantData(name="A", id_number="07019000123")}, "đúng 12 chữ số"),
        ({"applicant": ApplicantData(name="A", id_number="003190001234")}, "bắt đầu bằng mã tỉnh"),
        ({"applicant": ApplicantData(name="A", id_number="070390001234")}, "năm sinh ở tương lai"),
        ({"applicant": ApplicantData(name="A", phone="12345")}, "gồm 10 chữ số"),
        ({"applicant": ApplicantData(name="  ")}, "họ và tên"),
        ({"copies": 0}, "Số bộ hồ sơ"),
    ],
)
def test_bad_intake_is_refused_and_leaves_nothing(
    world: World, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(DossierError, match=message):
        dossier_receive_new(actor=world.desk, intake=world.intake(**overrides))
    assert Dossier.objects.count() == 0
    assert world.receive().code.endswith("-0001")  # no number was used up


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_a_receipt_time_in_the_future_is_refused(world: World) -> None:
    with pytest.raises(DossierError, match="sau thời điểm hiện tại"):
        dossier_receive_new(
            actor=world.desk,
            intake=world.intake(),
            received_at=datetime(2026, 3, 3, 9, 0, tzinfo=VN),
        )
    assert Dossier.objects.count() == 0


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_only_the_holder_of_the_step_acts(world: World) -> None:
    dossier = world.receive()
    with pytest.raises(DossierError, match="không ở bước xử lý của bạn"):
        dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    with pytest.raises(DossierError, match="mới được tiếp nhận hồ sơ"):
        dossier_receive_new(actor=world.specialist, intake=world.intake())
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    with pytest.raises(DossierError, match="lãnh đạo đang giữ"):
        dossier_approve(actor=world.leader, dossier_id=dossier.pk)
    with pytest.raises(DossierError, match="không ở bước xử lý của bạn"):
        dossier_forward(actor=world.other_desk, dossier_id=dossier.pk)


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_refusals_need_a_reason_from_the_list_and_words(world: World) -> None:
    with pytest.raises(DossierError, match="Hãy ghi rõ lý do"):
        dossier_refuse_new(
            actor=world.desk,
            intake=world.intake(document_ids=[]),
            reason=RefusalReason.NOT_COMPETENT,
            details=" ",
        )
    with pytest.raises(DossierError, match="trong danh sách"):
        dossier_refuse_new(actor=world.desk, intake=world.intake(), reason="bad", details="x")
    assert Dossier.objects.count() == 0
    refused = dossier_refuse_new(
        actor=world.desk,
        intake=world.intake(document_ids=[]),
        reason=RefusalReason.NOT_COMPETENT,
        details="Người yêu cầu thường trú ở tỉnh khác.",
    )
    assert refused.status == S.RECEIPT_REFUSED
    assert refused.refusals.get().details == "Người yêu cầu thường trú ở tỉnh khác."
    dossier = world.receive()
    _to_leader(world, dossier)
    dossier_reject(
        actor=world.leader,
        dossier_id=dossier.pk,
        reason=RefusalReason.CONDITIONS_NOT_MET,
        details="Đang có đăng ký kết hôn.",
    )
    dossier.refresh_from_db()
    assert dossier.status == S.RESOLVED and dossier.outcome == Outcome.REFUSED


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_online_submission_waits_then_the_desk_receives(world: World) -> None:
    agency = world.desk.memberships.get().agency
    dossier = dossier_submit(
        actor=world.citizen, intake=world.intake(channel="online"), receiving_agency_id=agency.pk
    )
    assert dossier.status == S.SUBMITTED and dossier.due_at is None
    assert dossier.citizen == world.citizen
    with pytest.raises(DossierError):
        dossier_receive(actor=world.other_desk, dossier_id=dossier.pk)
    with time_machine.travel(datetime(2026, 3, 2, 16, 30, tzinfo=VN), tick=False):
        dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED
    assert dossier.submitted_at < dossier.received_at
    # Clock from 16:30 Monday: 0.5 h Monday, then 8 h Tue, Wed, and 7.5 h Thursday.
    assert dossier.due_at == datetime(2026, 3, 5, 16, 30, tzinfo=VN)


def _supplement(world: World, dossier: Dossier) -> None:
    dossier_request_supplement(
        actor=world.specialist,
        dossier_id=dossier.pk,
        reasons=[("Tờ khai", "Thiếu chữ ký người yêu cầu")],
    )


@pytest.mark.parametrize(
    ("rule", "expected_due"),
    [
        # Paused Tue 10:00 with 21 working hours left (Tue 5 h, Wed and Thu 8 h); resumed
        # Thu 08:00: Thu 7 h, Fri 8 h, Mon 6 h → Monday 15:00.
        ("pause", datetime(2026, 3, 9, 15, 0, tzinfo=VN)),
        # Restart: 3 full working days from Thu 08:00.
        ("restart", datetime(2026, 3, 10, 8, 0, tzinfo=VN)),
    ],
)
def test_a_supplement_pauses_the_clock_by_the_chosen_rule(
    world: World, rule: str, expected_due: datetime
) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 17, 30, tzinfo=VN), tick=False):
        dossier = world.receive()  # after hours: counts from Tuesday 07:00
    assert dossier.due_at == datetime(2026, 3, 5, 17, 0, tzinfo=VN)
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=VN), tick=False):
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=VN), tick=False):
        _supplement(world, dossier)
    dossier.refresh_from_db()
    assert dossier.status == S.AWAITING_SUPPLEMENT and dossier.paused_at is not None
    with (
        override_settings(MOTCUA_SUPPLEMENT_CLOCK=rule),
        time_machine.travel(datetime(2026, 3, 5, 8, 0, tzinfo=VN), tick=False),
    ):
        dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    assert dossier.due_at == expected_due
    assert dossier.original_due_at == datetime(2026, 3, 5, 17, 0, tzinfo=VN)
    request = SupplementRequest.objects.get(dossier=dossier)
    assert request.clock_rule == rule and request.due_at_after == expected_due


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_a_second_supplement_is_allowed_and_flagged(world: World) -> None:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    with pytest.raises(DossierError, match="từng thành phần hồ sơ còn thiếu"):
        dossier_request_supplement(
            actor=world.specialist, dossier_id=dossier.pk, reasons=[("Tờ khai", " ")]
        )
    _supplement(world, dossier)
    dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
    _supplement(world, dossier)
    requests = list(SupplementRequest.objects.filter(dossier=dossier))
    assert [r.is_repeat for r in requests] == [False, True]
    last = dossier.events.order_by("-sequence").first()
    assert last is not None and last.payload["repeat"] is True


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_a_financial_obligation_pauses_until_the_payment_hook(world: World) -> None:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_request_financial_obligation(
        actor=world.specialist, dossier_id=dossier.pk, amount=1_500_000
    )
    dossier.refresh_from_db()
    assert dossier.status == S.AWAITING_FINANCIAL_OBLIGATION
    dossier_fulfil_financial_obligation(dossier_id=dossier.pk, reference="PAY-1")
    dossier_fulfil_financial_obligation(dossier_id=dossier.pk, reference="PAY-1")  # callback x2
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    assert _events(dossier).count(Tr.FULFIL_FINANCIAL_OBLIGATION) == 1


def test_an_apology_is_approved_before_the_due_date_and_keeps_the_original(world: World) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        dossier = world.receive()
        _to_leader(world, dossier)
        dossier_forward(actor=world.leader, dossier_id=dossier.pk, to_position=1)  # sent back
        letter = apology_draft(
            actor=world.specialist,
            dossier_id=dossier.pk,
            reason="Chờ xác minh nơi thường trú trước đây",
            new_due_at=datetime(2026, 3, 12, 17, 0, tzinfo=VN),
        )
        with pytest.raises(DossierError, match="Chỉ cán bộ của cơ quan"):
            apology_approve(actor=world.specialist, apology_id=letter.pk)
        apology_approve(actor=world.leader, apology_id=letter.pk)
    dossier.refresh_from_db()
    assert dossier.due_at == datetime(2026, 3, 12, 17, 0, tzinfo=VN)
    assert dossier.original_due_at == datetime(2026, 3, 5, 9, 0, tzinfo=VN)
    assert dossier.extension_count == 1
    assert _events(dossier)[-1] == Tr.EXTEND_DEADLINE


def test_an_apology_after_the_deadline_is_refused_and_lateness_is_explained(
    world: World,
) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        dossier = world.receive()
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
        with pytest.raises(DossierError, match="Chỉ hồ sơ quá hạn"):
            explanation_record(actor=world.leader, dossier_id=dossier.pk, text="x")
    # Due Thursday 09:00; one working day ahead is Wednesday: Thursday morning is too late.
    with time_machine.travel(datetime(2026, 3, 5, 8, 0, tzinfo=VN), tick=False):
        letter = apology_draft(
            actor=world.specialist,
            dossier_id=dossier.pk,
            reason="Chậm",
            new_due_at=datetime(2026, 3, 9, 17, 0, tzinfo=VN),
        )
        with pytest.raises(DossierError, match="trước ngày hẹn trả"):
            apology_approve(actor=world.leader, apology_id=letter.pk)
    with time_machine.travel(datetime(2026, 3, 6, 8, 0, tzinfo=VN), tick=False):
        with pytest.raises(DossierError, match="người đứng đầu đơn vị"):
            explanation_record(actor=world.specialist, dossier_id=dossier.pk, text="x")
        explanation_record(actor=world.leader, dossier_id=dossier.pk, text="Thiếu công chức.")
    assert dossier.explanations.count() == 1


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_withdraw_and_stop_close_the_dossier_and_its_steps(world: World) -> None:
    withdrawn = world.receive()
    dossier_withdraw(actor=world.desk, dossier_id=withdrawn.pk, reason="Đơn xin rút hồ sơ")
    withdrawn.refresh_from_db()
    assert withdrawn.status == S.WITHDRAWN and withdrawn.closed_at is not None
    assert not ProcessingStep.objects.filter(dossier=withdrawn, completed_at=None).exists()
    stopped = world.receive()
    dossier_forward(actor=world.desk, dossier_id=stopped.pk)
    with pytest.raises(DossierError):
        dossier_stop(
            actor=world.specialist,
            dossier_id=stopped.pk,
            reason=RefusalReason.DISPUTE,
            details="Có tranh chấp",
        )
    dossier_stop(
        actor=world.leader,
        dossier_id=stopped.pk,
        reason=RefusalReason.DISPUTE,
        details="Có tranh chấp",
    )
    stopped.refresh_from_db()
    assert stopped.status == S.STOPPED
    assert dossier_current_step(dossier=stopped) is None


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_an_applicant_of_another_commune_is_routed_to_their_commune(world: World) -> None:
    other = world.other_desk.memberships.get().agency
    dossier = world.receive(applicant=ApplicantData(name="Điểu Văn K", unit_id=other.unit_id))
    mine = world.desk.memberships.get().agency
    assert dossier.receiving_agency == mine
    assert dossier.deciding_agency == other
    assert dossier.code.startswith(mine.national_identifier)
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    step = dossier_current_step(dossier=dossier)
    assert step is not None and step.agency == other  # the specialist step is theirs


@time_machine.travel(datetime(2026, 2, 13, 16, 0, tzinfo=VN), tick=False)
def test_received_friday_after_the_cutoff_before_tet(world: World) -> None:
    for day in range(16, 21):
        Holiday.objects.create(date=datetime(2026, 2, day, tzinfo=VN).date(), name="Tết Nguyên đán")
    terms = world.version.channels.get(channel="in_person")
    terms.cutoff_time = time(15, 0)
    terms.save(update_fields=["cutoff_time"])
    dossier = world.receive()
    # After 15:00 on Friday 13/02; Tết 16–20/02: the clock starts Monday 23/02 07:00.
    assert dossier.due_at == datetime(2026, 2, 25, 17, 0, tzinfo=VN)
    assert dossier.due_at - dossier.received_at > timedelta(days=12)


def test_the_real_processing_time_needs_enough_dossiers(world: World) -> None:
    from motcua.dossiers.selectors import procedure_processing_time

    procedure_id = world.version.procedure_id
    for day in (2, 3, 4, 5, 6):  # Mon–Fri: received 09:00, resolved after 0…4 working days
        with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
            dossier = world.receive()
            _to_leader(world, dossier)
        with time_machine.travel(datetime(2026, 3, day, 9, 0, tzinfo=VN), tick=False):
            dossier_approve(actor=world.leader, dossier_id=dossier.pk)
        if day == 5:
            now = datetime(2026, 3, 6, 12, 0, tzinfo=VN)
            assert procedure_processing_time(procedure_id=procedure_id, now=now) is None
    result = procedure_processing_time(
        procedure_id=procedure_id, now=datetime(2026, 3, 9, 12, 0, tzinfo=VN)
    )
    assert result is not None
    assert result.dossiers == 5
    assert result.median_days == 2.0
    assert 3.0 <= result.p90_days <= 4.0


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_every_transition_through_its_service_writes_exactly_one_event(world: World) -> None:
    """Walk every transition of the table through the services, counting events each time."""
    from motcua.dossiers.services import (
        dossier_assign,
        dossier_give_opinion,
        dossier_pay_fees,
        dossier_refuse_receipt,
        dossier_request_opinion,
    )

    seen: list[str] = []
    agency = world.desk.memberships.get().agency
    other = world.other_desk.memberships.get().agency

    def step(dossier: Dossier, action: object) -> None:
        before = dossier.events.count()
        action()  # type: ignore[operator]
        after = list(dossier.events.order_by("sequence"))
        assert len(after) == before + 1, f"{after[-1].transition} wrote {len(after) - before}"
        seen.append(after[-1].transition)

    online = dossier_submit(
        actor=world.citizen, intake=world.intake(channel="online"), receiving_agency_id=agency.pk
    )
    seen.append(Tr.SUBMIT)
    step(
        online,
        lambda: dossier_refuse_receipt(
            actor=world.desk,
            dossier_id=online.pk,
            reason=RefusalReason.NOT_COMPETENT,
            details="Không thuộc thẩm quyền.",
        ),
    )
    dossier = world.receive()
    seen.append(Tr.RECEIVE)
    d = dossier.pk
    step(dossier, lambda: dossier_forward(actor=world.desk, dossier_id=d))
    step(
        dossier,
        lambda: dossier_assign(actor=world.leader, dossier_id=d, assignee_id=world.specialist.pk),
    )
    step(
        dossier,
        lambda: dossier_request_opinion(
            actor=world.specialist, dossier_id=d, agency_id=other.pk, question="Xác minh cư trú?"
        ),
    )
    opinion = ProcessingStep.objects.get(dossier=dossier, kind="opinion")
    # The other commune's officer also works as a specialist there and answers.
    OfficerMembership.objects.create(
        user=world.other_desk, agency=other, role="specialist", valid_from=other.valid_from
    )
    step(
        dossier,
        lambda: dossier_give_opinion(
            actor=world.other_desk, step_id=opinion.pk, answer="Không có thông tin đăng ký kết hôn."
        ),
    )
    assert ProcessingStep.objects.get(pk=opinion.pk).result == StepResult.ANSWERED
    step(dossier, lambda: _supplement(world, dossier))
    step(dossier, lambda: dossier_submit_supplement(actor=world.desk, dossier_id=d))
    step(
        dossier,
        lambda: dossier_request_financial_obligation(
            actor=world.specialist, dossier_id=d, amount=100_000
        ),
    )
    step(dossier, lambda: dossier_fulfil_financial_obligation(dossier_id=d, reference="P-9"))
    letter = apology_draft(
        actor=world.specialist,
        dossier_id=d,
        reason="Chờ xác minh",
        new_due_at=datetime(2026, 3, 20, 17, 0, tzinfo=VN),
    )
    step(dossier, lambda: apology_approve(actor=world.leader, apology_id=letter.pk))
    step(dossier, lambda: dossier_forward(actor=world.specialist, dossier_id=d))
    step(dossier, lambda: dossier_approve(actor=world.leader, dossier_id=d))
    Dossier.objects.filter(pk=d).update(fee_total=20_000, fee_collection="after")
    step(
        dossier,
        lambda: dossier_pay_fees(
            dossier_id=d, reference="DESK-1", amount=20_000, online=False, method="cash"
        ),
    )
    step(
        dossier,
        lambda: dossier_return_result(
            actor=world.desk, dossier_id=d, method=ReturnMethod.ONLINE, received_by_name=""
        ),
    )
    rejected = world.receive()
    _to_leader(world, rejected)
    step(
        rejected,
        lambda: dossier_reject(
            actor=world.leader,
            dossier_id=rejected.pk,
            reason=RefusalReason.OTHER,
            details="Không đủ điều kiện",
        ),
    )
    for final, action in (
        (world.receive(), "withdraw"),
        (world.receive(), "stop"),
    ):
        seen.append(Tr.RECEIVE)
        if action == "withdraw":
            step(
                final,
                lambda f=final: dossier_withdraw(
                    actor=world.desk, dossier_id=f.pk, reason="Xin rút"
                ),
            )
        else:
            step(
                final,
                lambda f=final: dossier_stop(
                    actor=world.leader,
                    dossier_id=f.pk,
                    reason=RefusalReason.DISPUTE,
                    details="Tranh chấp",
                ),
            )
    assert set(seen) == set(Tr)
    for each in Dossier.objects.all():
        assert dossier_chain_verify(dossier=each).ok


def test_lateness_is_counted_per_unit(world: World) -> None:
    from motcua.dossiers.selectors import lateness_by_agency

    agency = world.desk.memberships.get().agency
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        late, on_time = world.receive(), world.receive()
        for dossier in (late, on_time):
            _to_leader(world, dossier)
        dossier_approve(actor=world.leader, dossier_id=on_time.pk)
        letter = apology_draft(
            actor=world.leader,
            dossier_id=late.pk,
            reason="Chờ xác minh",
            new_due_at=datetime(2026, 3, 6, 17, 0, tzinfo=VN),
        )
        apology_approve(actor=world.leader, apology_id=letter.pk)
    with time_machine.travel(datetime(2026, 3, 9, 9, 0, tzinfo=VN), tick=False):
        explanation_record(actor=world.leader, dossier_id=late.pk, text="Thiếu người.")
        (row,) = lateness_by_agency(agencies=[agency.pk])
    assert (row.late_open, row.late_resolved, row.apologies, row.explanations) == (1, 0, 1, 1)


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_events_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    from motcua.core.models import AppendOnlyError

    event = world.receive().events.get()
    event.note = "sửa"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
