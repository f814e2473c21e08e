"""QĐ 766 indicators 5.1–5.3 from the petitions (PAKN) of the period: the province and the
agency holding them score them; no petition scores 5.2 and 5.3 full (REGULATION.md §1.3)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from motcua.dossiers.tests.conftest import World
from motcua.feedback.services import (
    FeedbackInput,
    feedback_answer_approve,
    feedback_answer_draft,
    feedback_publish,
    feedback_rate,
    feedback_submit,
)
from motcua.quality.periods import period_month
from motcua.quality.selectors import scope_resolve
from motcua.quality.selectors.scores import scorecard

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=VN)
MARCH = period_month(2026, 3)


def _petition(world: World, kind: str, minute: int) -> int:
    with time_machine.travel(MONDAY + timedelta(minutes=minute), tick=False):
        dossier = world.receive()
        feedback = feedback_submit(
            data=FeedbackInput(
                channel="portal", kind=kind, title="Trễ hẹn", content="Hồ sơ trễ hẹn.",
                name="Lan", phone="0912345678", dossier_code=dossier.code,
            )
        )  # fmt: skip
        return feedback.pk


def test_petitions_score_5_1_to_5_3_for_the_province_and_their_agency(
    world: World, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_FEEDBACK_MAX_REOPENS = 0
    today = datetime(2026, 4, 2, tzinfo=VN).date()
    quiet = scorecard(scope_resolve("province"), MARCH, today=today)
    assert quiet.metric("PETITION_PROCESSING_ON_TIME").score.value == Decimal(6)
    answered = _petition(world, "regulation", 0)
    _petition(world, "behaviour", 2)  # never answered: overdue by the end of March
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        feedback_answer_draft(actor=world.specialist, feedback_id=answered, text="Đã xử lý.")
        feedback = feedback_answer_approve(actor=world.leader, feedback_id=answered)
        feedback_publish(
            actor=world.monitor, feedback_id=answered, title=feedback.public_title,
            content=feedback.public_content, answer_text="Đã xử lý.",
        )  # fmt: skip
        feedback_rate(feedback_id=answered, satisfied=False, comment="Chưa thỏa đáng.")
    for scope in (
        scope_resolve("province"),
        scope_resolve("agency", str(feedback.agency_id)),
    ):
        card = scorecard(scope, MARCH, today=today)
        classification = card.metric("PETITION_CLASSIFICATION_TTHC")
        assert (classification.numerator, classification.denominator) == (1, 2)
        assert card.metric("PETITION_CLASSIFICATION_STAFF").numerator == 1
        on_time = card.metric("PETITION_PROCESSING_ON_TIME")
        assert (on_time.numerator, on_time.denominator) == (1, 2)
        assert on_time.score.value == Decimal("3.00")
        satisfied = card.metric("PETITION_HANDLING_SATISFACTION")
        assert (satisfied.numerator, satisfied.denominator) == (0, 2)  # one late, one unhappy
        assert satisfied.score.value == Decimal("0.00")
