"""The fee engine (catalog.fees), pure: no database."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.catalog.fees import (
    FeeApplicant,
    FeeError,
    FeeItem,
    Reduction,
    claimable,
    fee_line_traits,
    fee_quote,
)

DAY = date(2026, 3, 2)
CHARGE = FeeItem(1, "charge", "Lệ phí đăng ký", 15_000)
PER_PAGE = FeeItem(2, "fee", "Phí chứng thực: 2.000 đồng/trang", 2_000, unit_label="trang")
LIST = FeeItem(3, "charge", "Lệ phí theo danh sách (mỗi người)", 10_000, "người", conditional=True)
ONLINE = Reduction(10, "Giảm 50% khi nộp trực tuyến", "discount", "online_submission", 50)
POOR = Reduction(11, "Miễn cho hộ nghèo", "exemption", "poor_household", 100,
                 evidence="Giấy chứng nhận hộ nghèo")  # fmt: skip


def quote(items, rules=(), *, channel="in_person", claims=(), quantities=None, **applicant):  # type: ignore[no-untyped-def]
    return fee_quote(
        items,
        rules,
        channel=channel,
        collection="before",
        applicant=FeeApplicant(claims=frozenset(claims), **applicant),
        on=DAY,
        quantities=quantities,
    )


def test_a_plain_charge_is_due_once_and_paid_before() -> None:
    q = quote([CHARGE])
    assert (q.gross, q.reduction, q.total, q.collection) == (15_000, 0, 15_000, "before")
    assert q.lines[0].quantity == 1 and q.lines[0].rule_id is None


def test_the_online_reduction_applies_by_itself_only_online() -> None:
    assert quote([CHARGE], [ONLINE]).total == 15_000
    online = quote([CHARGE], [ONLINE], channel="online")
    assert online.total == 7_500
    assert online.lines[0].rule_name == "Giảm 50% khi nộp trực tuyến"
    assert online.evidence == ()  # nothing to prove for going online


def test_an_exemption_needs_a_claim_and_names_its_evidence() -> None:
    assert quote([CHARGE], [POOR]).total == 15_000
    exempt = quote([CHARGE], [POOR, ONLINE], channel="online", claims={"poor_household"})
    assert exempt.total == 0 and exempt.reduction == 15_000
    assert exempt.lines[0].rule_kind == "exemption"  # the best reduction, not compounded
    assert exempt.evidence == ("Giấy chứng nhận hộ nghèo",)
    assert exempt.collection == "none"


def test_reductions_do_not_compound_and_round_half_up() -> None:
    thirty = Reduction(12, "Giảm 30%", "discount", "child", 30)
    odd = FeeItem(4, "fee", "Phí", 1_005)
    q = quote([odd], [thirty, ONLINE], channel="online", claims={"child"})
    assert q.lines[0].percent == 50  # the larger, not 1 - 0.7 * 0.5
    assert q.lines[0].reduction == 503  # 502.5 rounded half up
    assert q.total == 502


def test_a_claim_that_no_rule_grants_is_reported() -> None:
    q = quote([CHARGE], [POOR], claims={"child"})
    assert q.refused_claims == ("child",)
    with pytest.raises(FeeError):
        quote([CHARGE], claims={"nobody"})


def test_designated_communes_and_age_limit_rules() -> None:
    minority = Reduction(13, "Giảm 50% DTTS", "discount", "ethnic_minority", 50,
                         unit_ids=frozenset({7}))  # fmt: skip
    child = Reduction(14, "Miễn cho trẻ em", "exemption", "child", 100, max_age=16)
    assert quote([CHARGE], [minority], claims={"ethnic_minority"}, unit_id=7).total == 7_500
    assert quote([CHARGE], [minority], claims={"ethnic_minority"}, unit_id=8).total == 15_000
    young = quote([CHARGE], [child], claims={"child"}, birth_date=date(2015, 3, 3))
    grown = quote([CHARGE], [child], claims={"child"}, birth_date=date(2010, 3, 2))
    unknown = quote([CHARGE], [child], claims={"child"})
    assert (young.total, grown.total, unknown.total) == (0, 15_000, 15_000)


def test_a_rule_for_one_kind_of_fee_leaves_the_others() -> None:
    charges_only = Reduction(15, "Giảm lệ phí", "discount", "online_submission", 50,
                             fee_kind="charge")  # fmt: skip
    q = quote([CHARGE, PER_PAGE], [charges_only], channel="online")
    assert [line.net for line in q.lines] == [7_500, 2_000]


def test_quantities_per_unit_and_conditional_lines() -> None:
    assert quote([PER_PAGE], quantities={2: 7}).total == 14_000
    assert quote([CHARGE, LIST]).total == 15_000  # the list line is not due unless asked
    assert quote([CHARGE, LIST], quantities={3: 4}).total == 55_000
    for bad in (-1, 1001, True, "3", 2.5):
        with pytest.raises(FeeError):
            quote([PER_PAGE], quantities={2: bad})
    with pytest.raises(FeeError, match="một lần"):
        quote([CHARGE], quantities={1: 2})


def test_unpriced_lines_are_listed_not_counted() -> None:
    council = FeeItem(5, "charge", "Lệ phí: theo Nghị quyết của HĐND tỉnh", None)
    q = quote([council])
    assert q.total == 0 and q.lines == () and q.unpriced == (council.description,)
    assert q.collection == "before"  # still collected, at the amount the resolution sets


def test_traits_read_from_the_national_records_text() -> None:
    assert fee_line_traits("Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang") == (
        False,
        "trang",
    )
    assert fee_line_traits("Lệ phí đăng ký tạm trú theo danh sách (mỗi người)") == (True, "người")
    assert fee_line_traits(
        "Lệ phí cấp mới Giấy chứng nhận (trường hợp cấp mới): 100.000 đồng/giấy"
    ) == (True, "giấy")
    assert fee_line_traits("Phí chứng thực chữ ký: 10.000 đồng/trường hợp") == (False, "")


def test_claimable_lists_one_rule_per_category_without_the_online_one() -> None:
    other_poor = Reduction(16, "Giảm 50% hộ cận nghèo", "discount", "poor_household", 50)
    assert [r.rule_id for r in claimable([ONLINE, POOR, other_poor])] == [11]
