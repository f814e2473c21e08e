"""Every status × every transition, against the table written out by hand. No database."""

from __future__ import annotations

import itertools

import pytest

from motcua.dossiers.constants import DossierStatus as S
from motcua.dossiers.constants import Transition as Tr
from motcua.dossiers.workflow import RULES, TransitionNotAllowedError, next_status, transitions_from

# (from, transition) -> to; "same" keeps the status, "resume" returns to the paused-from status.
EXPECTED: dict[tuple[S, Tr], S | str] = {
    (S.DRAFT, Tr.SUBMIT): S.SUBMITTED,
    (S.DRAFT, Tr.RECEIVE): S.RECEIVED,
    (S.SUBMITTED, Tr.RECEIVE): S.RECEIVED,
    (S.DRAFT, Tr.REFUSE_RECEIPT): S.RECEIPT_REFUSED,
    (S.SUBMITTED, Tr.REFUSE_RECEIPT): S.RECEIPT_REFUSED,
    (S.RECEIVED, Tr.FORWARD): S.PROCESSING,
    (S.PROCESSING, Tr.FORWARD): S.PROCESSING,
    (S.SUBMITTED, Tr.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.RECEIVED, Tr.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.PROCESSING, Tr.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.AWAITING_SUPPLEMENT, Tr.SUBMIT_SUPPLEMENT): "resume",
    (S.PROCESSING, Tr.REQUEST_FINANCIAL_OBLIGATION): S.AWAITING_FINANCIAL_OBLIGATION,
    (S.AWAITING_FINANCIAL_OBLIGATION, Tr.FULFIL_FINANCIAL_OBLIGATION): "resume",
    (S.SUBMITTED, Tr.WITHDRAW): S.WITHDRAWN,
    (S.PROCESSING, Tr.APPROVE): S.RESOLVED,
    (S.PROCESSING, Tr.REJECT): S.RESOLVED,
    (S.RESOLVED, Tr.RETURN_RESULT): S.RESULT_RETURNED,
    (S.RECEIVED, Tr.ASSIGN): "same",
    (S.PROCESSING, Tr.ASSIGN): "same",
    (S.PROCESSING, Tr.REQUEST_OPINION): "same",
}
for _status in (S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT, S.AWAITING_FINANCIAL_OBLIGATION):
    EXPECTED[(_status, Tr.EXTEND_DEADLINE)] = "same"
    EXPECTED[(_status, Tr.GIVE_OPINION)] = "same"
    EXPECTED[(_status, Tr.WITHDRAW)] = S.WITHDRAWN
    EXPECTED[(_status, Tr.STOP)] = S.STOPPED
for _status in (S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT,
                S.AWAITING_FINANCIAL_OBLIGATION, S.RESOLVED):  # fmt: skip
    EXPECTED[(_status, Tr.PAY_FEES)] = "same"


@pytest.mark.parametrize(("current", "transition"), list(itertools.product(S, Tr)))
def test_every_status_and_transition(current: S, transition: Tr) -> None:
    expected = EXPECTED.get((current, transition))
    if expected is None:
        with pytest.raises(TransitionNotAllowedError) as caught:
            next_status(current, transition, resume=S.PROCESSING)
        assert caught.value.current == current
        assert str(caught.value)  # a sentence for the screen
    elif expected == "same":
        assert next_status(current, transition) == current
    elif expected == "resume":
        assert next_status(current, transition, resume=S.PROCESSING) == S.PROCESSING
        with pytest.raises(ValueError, match="needs the status before the pause"):
            next_status(current, transition)
    else:
        assert next_status(current, transition) == expected


def test_the_table_has_nothing_the_test_does_not_expect() -> None:
    in_table = {(s, t) for t, rule in RULES.items() for s in rule.sources}
    assert in_table == set(EXPECTED)


def test_a_supplement_asked_before_receipt_resumes_to_submitted() -> None:
    assert (
        next_status(S.AWAITING_SUPPLEMENT, Tr.SUBMIT_SUPPLEMENT, resume=S.SUBMITTED) == S.SUBMITTED
    )
    with pytest.raises(ValueError):
        next_status(
            S.AWAITING_FINANCIAL_OBLIGATION, Tr.FULFIL_FINANCIAL_OBLIGATION, resume=S.SUBMITTED
        )


def test_final_statuses_offer_nothing() -> None:
    for status in (S.RECEIPT_REFUSED, S.WITHDRAWN, S.STOPPED, S.RESULT_RETURNED):
        assert transitions_from(status) == []
    assert transitions_from(S.RESOLVED) == [Tr.PAY_FEES, Tr.RETURN_RESULT]


def test_the_refusal_message_is_vietnamese() -> None:
    from django.utils import translation

    with translation.override("vi"), pytest.raises(TransitionNotAllowedError) as caught:
        next_status(S.RESULT_RETURNED, Tr.APPROVE)
    assert (
        str(caught.value) == "Hồ sơ đang ở trạng thái “Đã trả kết quả” thì không thể “Phê duyệt”."
    )
