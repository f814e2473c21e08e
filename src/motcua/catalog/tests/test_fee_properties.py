"""Properties of the fee engine (catalog/fees.py, docs/adr/0011-fees-and-payments.md).

For any fee lines, reductions, claims, channels and quantities: amounts are whole đồng (int),
never negative; the lines sum to the total; each line's reduction is its gross times the best
percentage, rounded half up; claiming more categories never costs more; gross scales linearly
with the quantity; bad input raises `FeeError` with a message for people.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from motcua.catalog.constants import Beneficiary, FeeCollection, FeeRuleKind
from motcua.catalog.fees import (
    MAX_QUANTITY,
    FeeApplicant,
    FeeError,
    FeeItem,
    FeeQuote,
    Reduction,
    fee_quote,
)

pytestmark = pytest.mark.hard

ON = date(2026, 3, 2)
CLAIMABLE = [b for b in Beneficiary.values if b != Beneficiary.ONLINE_SUBMISSION]
channels = st.sampled_from(["in_person", "online", "postal"])
amounts = st.one_of(
    st.none(), st.integers(0, 5_000_000_000), st.sampled_from([0, 1, 15_000, 50_000])
)


@st.composite
def fee_items(draw: st.DrawFn) -> list[FeeItem]:
    n = draw(st.integers(0, 6))
    return [
        FeeItem(
            line_id=i + 1,
            kind=draw(st.sampled_from(["fee", "charge", "price"])),
            description=f"Line {i + 1}",
            amount=draw(amounts),
            unit_label=draw(st.sampled_from(["", "", "bản sao", "trang", "người"])),
            conditional=draw(st.booleans()),
        )
        for i in range(n)
    ]


@st.composite
def reductions(draw: st.DrawFn) -> list[Reduction]:
    n = draw(st.integers(0, 5))
    rules = []
    for i in range(n):
        kind = draw(st.sampled_from(FeeRuleKind.values))
        rules.append(
            Reduction(
                rule_id=i + 1,
                name=f"Rule {i + 1}",
                kind=kind,
                beneficiary=draw(st.sampled_from(Beneficiary.values)),
                # The model's constraints: 1-100 %, an exemption is 100 %.
                percent=100 if kind == FeeRuleKind.EXEMPTION else draw(st.integers(1, 100)),
                fee_kind=draw(st.sampled_from(["", "fee", "charge"])),
                channel=draw(st.sampled_from(["", "", "in_person", "online"])),
                max_age=draw(st.one_of(st.none(), st.integers(1, 18))),
                evidence=draw(st.sampled_from(["", "Giấy xác nhận"])),
            )
        )
    return rules


claims = st.frozensets(st.sampled_from(CLAIMABLE))
applicants = st.builds(
    FeeApplicant,
    unit_id=st.one_of(st.none(), st.integers(1, 3)),
    birth_date=st.one_of(st.none(), st.dates(date(1940, 1, 1), ON)),
    claims=claims,
)


def _quantities(items: list[FeeItem], draw_values: list[int]) -> dict[int, int]:
    """Valid quantities: per-unit lines any 1..MAX, once-only lines 1, conditional ones 0 or 1+."""
    chosen = {}
    for item, value in zip(items, draw_values, strict=False):
        if item.unit_label:
            chosen[item.line_id] = (
                value % (MAX_QUANTITY + 1) if item.conditional else 1 + value % MAX_QUANTITY
            )
        else:
            chosen[item.line_id] = value % 2 if item.conditional else 1
    return chosen


def _quote(
    items: list[FeeItem],
    rules: list[Reduction],
    channel: str,
    applicant: FeeApplicant,
    quantities: dict[int, int] | None,
) -> FeeQuote:
    return fee_quote(
        items,
        rules,
        channel=channel,
        collection=FeeCollection.BEFORE,
        applicant=applicant,
        on=ON,
        quantities=quantities,
    )


def test_totals_are_whole_non_negative_and_add_up(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(
        fee_items(),
        reductions(),
        channels,
        applicants,
        st.lists(st.integers(0, 10_000), max_size=6),
    )
    @example(  # 33 % of 15.000 đ x 3 copies: 14.850 đ off, rounded half up, never a fraction
        [FeeItem(1, "fee", "Bản sao", 15_000, "bản sao")],
        [Reduction(1, "Hộ nghèo", "discount", Beneficiary.POOR_HOUSEHOLD, 33)],
        "in_person",
        FeeApplicant(claims=frozenset({Beneficiary.POOR_HOUSEHOLD})),
        [3],
    )
    def check(items, rules, channel, applicant, values) -> None:  # type: ignore[no-untyped-def]
        seen.append(1)
        quote = _quote(items, rules, channel, applicant, _quantities(items, values))
        for line in quote.lines:
            for value in (line.gross, line.reduction, line.net, line.unit_amount, line.quantity):
                assert type(value) is int
            assert line.gross == line.unit_amount * line.quantity
            assert 0 <= line.reduction <= line.gross
            assert line.net == line.gross - line.reduction >= 0
            exact = Decimal(line.gross * line.percent) / 100
            assert line.reduction == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
            if line.rule_kind == FeeRuleKind.EXEMPTION:
                assert line.net == 0
        assert type(quote.total) is int and quote.total >= 0
        assert quote.total == sum(line.net for line in quote.lines)
        assert quote.gross == quote.total + quote.reduction
        assert len(quote.lines) + len(quote.unpriced) <= len(items)
        assert sorted(quote.unpriced) == sorted(i.description for i in items if i.amount is None)
        owes = quote.total > 0 or bool(quote.unpriced)
        assert (quote.collection == FeeCollection.NONE) == (not owes)

    check()
    hard_figures(cases=len(seen))


def test_claiming_more_never_costs_more(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """Each line takes the largest reduction it is eligible for, so an extra claim (or being
    younger, for age-bound rules) can only lower what is owed, line by line."""
    seen: list[int] = []

    @given(
        fee_items(),
        reductions(),
        channels,
        applicants,
        claims,
        st.lists(st.integers(0, 10_000), max_size=6),
    )
    def check(  # type: ignore[no-untyped-def]  # noqa: PLR0917 - one per generated value
        items, rules, channel, applicant, extra, values
    ) -> None:
        seen.append(1)
        quantities = _quantities(items, values)
        base = _quote(items, rules, channel, applicant, quantities)
        more = FeeApplicant(
            unit_id=applicant.unit_id,
            birth_date=applicant.birth_date,
            claims=applicant.claims | extra,
        )
        richer = _quote(items, rules, channel, more, quantities)
        assert richer.total <= base.total
        for a, b in zip(base.lines, richer.lines, strict=True):
            assert b.net <= a.net
        no_rules = _quote(items, [], channel, FeeApplicant(), quantities)
        assert base.total <= no_rules.total == no_rules.gross == base.gross

    check()
    hard_figures(cases=len(seen))


def test_gross_scales_linearly_with_quantity(hard_figures) -> None:  # type: ignore[no-untyped-def]
    """k copies cost k times one copy before reductions; after a reduction the difference is
    only the rounding of at most half a đồng per copy."""
    seen: list[int] = []

    @given(
        st.integers(0, 5_000_000),
        st.integers(1, MAX_QUANTITY),
        st.one_of(st.none(), st.integers(1, 100)),
        channels,
    )
    def check(amount: int, k: int, percent: int | None, channel: str) -> None:
        seen.append(1)
        item = FeeItem(1, "fee", "Sao y", amount, "bản")
        rules = (
            [Reduction(1, "Trẻ em", FeeRuleKind.DISCOUNT, Beneficiary.CHILD, percent)]
            if percent
            else []
        )
        applicant = FeeApplicant(claims=frozenset({Beneficiary.CHILD}))
        one = _quote([item], rules, channel, applicant, {1: 1})
        many = _quote([item], rules, channel, applicant, {1: k})
        assert many.gross == k * one.gross == k * amount
        assert abs(many.total - k * one.total) <= (k + 1) // 2 + 1
        if not percent:
            assert many.total == k * one.total

    check()
    hard_figures(cases=len(seen))


def test_bad_input_raises_fee_error(hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    @given(
        st.integers(-5_000_000, -1),
        st.one_of(st.integers(MAX_QUANTITY + 1, 10**9), st.integers(-(10**9), -1)),
        st.text(min_size=1, max_size=12).filter(lambda s: s not in Beneficiary.values),
        st.integers(2, 100),
    )
    def check(negative: int, out_of_range: int, unknown: str, several: int) -> None:
        seen.append(1)
        applicant = FeeApplicant()
        with pytest.raises(FeeError):
            _quote([FeeItem(1, "fee", "Lệ phí", negative)], [], "in_person", applicant, None)
        per_copy = FeeItem(1, "fee", "Bản sao", 1000, "bản")
        with pytest.raises(FeeError):
            _quote([per_copy], [], "in_person", applicant, {1: out_of_range})
        with pytest.raises(FeeError):
            _quote([per_copy], [], "in_person", applicant, {1: True})  # a bool is not a count
        once = FeeItem(1, "fee", "Lệ phí", 1000)
        with pytest.raises(FeeError):
            _quote([once], [], "in_person", applicant, {1: several})
        with pytest.raises(FeeError):
            _quote([once], [], "in_person", FeeApplicant(claims=frozenset({unknown})), None)

    check()
    hard_figures(cases=len(seen))
