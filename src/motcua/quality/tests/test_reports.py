"""Scorecards, rankings, comparisons, targets and reconciliation over generated facts whose
totals are known (services/generator.py)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.catalog.selectors import procedure_profiles
from motcua.organisation.selectors import agency_list_valid_on
from motcua.quality.constants import Group, ScopeKind
from motcua.quality.periods import PeriodError, period_parse, period_quarter
from motcua.quality.selectors import (
    ScopeError,
    comparison,
    empty_reason,
    ranking,
    reconciliation,
    scope_resolve,
    scorecard,
    targets_attainment,
)
from motcua.quality.services import QualityError, national_figures_import, target_save
from motcua.quality.services.generator import Kind, Peer, facts_generate

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 7, 10)
Q1, Q2 = period_quarter(2026, 1), period_quarter(2026, 2)


@pytest.fixture
def generated(seeded, seed_catalogue):  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False):
        peers = [Peer(a.pk, a.unit_id, a.tier) for a in agency_list_valid_on(day=TODAY)]
        kinds = [Kind(p.procedure_id, p.sector_id) for p in procedure_profiles(on=TODAY)]
        q1 = facts_generate(
            start=Q1.start, end=Q1.end, peers=peers, kinds=kinds, pairs_per_day=15, seed=1
        )
        q2 = facts_generate(
            start=Q2.start, end=Q2.end, peers=peers, kinds=kinds, pairs_per_day=15, seed=2
        )
        yield q1, q2


def test_the_province_scorecard_gives_back_the_generated_counts(generated) -> None:  # type: ignore[no-untyped-def]
    q1, _q2 = generated
    card = scorecard(scope_resolve("province"), Q1, today=TODAY)
    closing = q1.open_at[Q1.end]
    on_time = card.metric("ON_TIME")
    assert on_time.numerator == q1.totals["ended_on_time"] + closing["open_on_time"]
    assert on_time.denominator == q1.totals["ended"] + closing["open_total"]
    assert on_time.score.value == (Decimal(20) * on_time.numerator / on_time.denominator).quantize(
        Decimal("0.01")
    )
    e_result = card.metric("ORIGINAL_RESULT_AVAILABLE")
    assert (e_result.numerator, e_result.denominator) == (
        q1.totals["e_result"],
        q1.totals["result_due"],
    )
    paid = card.metric("ONLINE_PAYMENT_DOSSIERS")
    assert (paid.numerator, paid.denominator) == (
        q1.totals["paid_online"],
        q1.totals["fee_bearing"],
    )
    digitised = card.metric("SO_HOA_GIAY_TO_GIAI_QUYET")
    assert (digitised.numerator, digitised.denominator) == (
        q1.totals["digitised"],
        q1.totals["received"],
    )
    assert card.received == q1.totals["received"]
    # Group totals add up to the total; no PAKN yet: full marks on 5.2 and 5.3.
    assert card.total.value == sum(g.score.value or 0 for g in card.groups)
    assert card.metric("PETITION_PROCESSING_ON_TIME").score.value == 6
    assert card.band in {"excellent", "good", "fair", "average", "weak"}


def test_an_agency_scope_counts_only_its_facts(generated) -> None:  # type: ignore[no-untyped-def]
    q1, _q2 = generated
    agency_id, counts = max(q1.by_agency.items(), key=lambda item: item[1]["received"])
    card = scorecard(scope_resolve("agency", str(agency_id)), Q1, today=TODAY)
    assert card.received == counts["received"]
    assert card.metric("REUSED_DIGITIZED_DATA").numerator == counts["reused"]


def test_a_period_without_data_scores_null_where_the_portal_does(generated) -> None:  # type: ignore[no-untyped-def]
    empty = scorecard(scope_resolve("province"), period_quarter(2025, 3), today=TODAY)
    assert empty.received == 0
    assert empty.band == ""  # no classification without a dossier
    assert empty.group(Group.PROGRESS).score.value is None
    assert empty.metric("DOSSIER_RECEIVING_SATISFACTION").score.value == 0
    assert empty.metric("PETITION_HANDLING_SATISFACTION").score.value == 6
    assert "Không có hồ sơ" in empty_reason(empty)


def test_future_periods_and_unknown_scopes_are_refused() -> None:
    with pytest.raises(PeriodError, match="chưa bắt đầu"):
        period_parse(kind="quarter", year=2026, number=4, start=None, end=None, today=TODAY)
    with pytest.raises(PeriodError):
        period_parse(kind="month", year=2026, number=13, start=None, end=None, today=TODAY)
    with pytest.raises(ScopeError):
        scope_resolve("agency", "999999")
    with pytest.raises(ScopeError):
        scope_resolve("planet", "1")


def test_the_period_comparison_has_each_indicator_in_both_quarters(generated) -> None:  # type: ignore[no-untyped-def]
    province = scope_resolve("province")
    a, b = scorecard(province, Q1, today=TODAY), scorecard(province, Q2, today=TODAY)
    rows = comparison(a, b)
    assert len(rows) == len(a.groups) + sum(len(g.metrics) for g in a.groups) + 1
    total = rows[-1]
    assert (total.score_a, total.score_b) == (a.total.value, b.total.value)
    assert total.change == b.total.value - a.total.value
    on_time = next(r for r in rows if r.number == "2.1")
    assert on_time.percent_a == a.metric("ON_TIME").percent


def test_communes_are_ranked_by_total_with_their_previous_rank(generated) -> None:  # type: ignore[no-untyped-def]
    rows = ranking("communes", Q2, today=TODAY)
    assert rows, "the seed has communes"
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
    totals = [r.card.total.value or Decimal(-1) for r in rows]
    assert totals == sorted(totals, reverse=True)
    assert all(r.previous_rank is not None for r in rows)
    assert all(r.card.scope.kind == ScopeKind.UNIT for r in rows)


def test_targets_show_attainment_and_units_below(generated) -> None:  # type: ignore[no-untyped-def]
    officer = User.objects.get(username="giamsat")
    target_save(actor=officer, metric="ONLINE_PAYMENT_DOSSIERS", tier="commune",
                percent=Decimal(30), due_on=date(2026, 6, 30), decision="QĐ 127")  # fmt: skip
    target_save(actor=officer, metric="ONLINE_PAYMENT_DOSSIERS", tier="commune",
                percent=Decimal(50), due_on=date(2026, 12, 31))  # fmt: skip
    rows = targets_attainment(Q2, today=TODAY)
    assert rows and {r.target.percent for r in rows} == {Decimal(30)}  # the one due by Q2's end
    for row in rows:
        metric = row.card.metric("ONLINE_PAYMENT_DOSSIERS")
        assert row.percent == metric.percent
        assert row.met == (row.percent is not None and row.percent >= 30)
    assert [r.met for r in rows] == sorted(r.met for r in rows)  # below target first
    with pytest.raises(QualityError, match="0 đến 100"):
        target_save(actor=officer, metric="ON_TIME", tier="commune", percent=Decimal(120),
                    due_on=date(2026, 12, 31))  # fmt: skip
    with pytest.raises(QualityError):
        target_save(actor=officer, metric="AVG_PROCESSING_DAYS", tier="commune",
                    percent=Decimal(10), due_on=date(2026, 12, 31))  # fmt: skip


def test_national_figures_are_stored_and_shown_next_to_ours(generated) -> None:  # type: ignore[no-untyped-def]
    officer = User.objects.get(username="giamsat")
    ours = scorecard(scope_resolve("province"), Q1, today=TODAY)
    response = {
        "code": "OK",
        "data": {
            "overview": {
                "departmentId": "019d-tinh",
                "departmentName": "UBND tỉnh Đồng Nai",
                "metrics": [
                    {"code": "ORIGINAL_RESULT_AVAILABLE", "numerator": 10, "denominator": 20,
                     "ratio": 50.0, "score": 3.0, "maxScore": 6},
                    {"code": "SO_HOA_GIAY_TO_GIAI_QUYET", "numerator": None, "denominator": None,
                     "ratio": None, "score": None, "maxScore": 4},
                ],
            },
            "evaluation": [],
        },
    }  # fmt: skip
    stored = national_figures_import(
        actor=officer, group="dossier-digitized", period=Q1, text=json.dumps(response), agencies={}
    )
    assert stored == 2
    rows = {r.figure.metric: r for r in reconciliation(Q1, today=TODAY)}
    mine = ours.metric("ORIGINAL_RESULT_AVAILABLE").score.value
    assert rows["ORIGINAL_RESULT_AVAILABLE"].difference == mine - Decimal(3)
    assert rows["SO_HOA_GIAY_TO_GIAI_QUYET"].difference is None  # the portal gave no score
    # Importing again replaces, never duplicates.
    national_figures_import(
        actor=officer, group="dossier-digitized", period=Q1, text=json.dumps(response), agencies={}
    )
    assert len(reconciliation(Q1, today=TODAY)) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "không phải JSON hợp lệ"),
        ('{"data": []}', "data"),
        ('{"data": {"rows": []}}', "overview"),
        ('{"data": {"parent": {"departmentName": "x"}, "children": []}}', "departmentId"),
        (
            json.dumps(
                {
                    "data": {
                        "overview": {"departmentId": "a", "metrics": [{"code": "X", "score": []}]}
                    }
                }
            ),
            "số",
        ),
    ],
)
def test_a_malformed_reconciliation_file_is_refused_whole(seeded, text, message) -> None:  # type: ignore[no-untyped-def]
    officer = User.objects.get(username="giamsat")
    with pytest.raises(QualityError, match=message):
        national_figures_import(
            actor=officer, group="transparency", period=Q1, text=text, agencies={}
        )
    assert reconciliation(Q1, today=TODAY) == []


def test_a_procedure_scope_by_its_code(generated) -> None:  # type: ignore[no-untyped-def]
    profile = procedure_profiles(on=TODAY)[0]
    scope = scope_resolve("procedure", profile.code)
    assert scope.value == str(profile.procedure_id) and scope.label.startswith(profile.code)
    card = scorecard(scope, Q1, today=TODAY)
    assert card.received >= 0
    with pytest.raises(ScopeError, match="Không có thủ tục"):
        scope_resolve("procedure", "9.999999")


def test_the_tier_table_is_laid_out_as_the_province_reports_it(generated) -> None:  # type: ignore[no-untyped-def]
    """Bảng 2–3: on time and late among the dossiers that ended, the backlog apart, and the
    total the three together (the province's Bảng 8: 27,242 + 123 + 22 = 27,387)."""
    from motcua.quality.selectors.status import dossiers_by_tier

    q1, _q2 = generated
    rows = dossiers_by_tier(Q1, today=TODAY)
    closing = q1.open_at[Q1.end]
    assert sum(r.on_time for r in rows) == q1.totals["ended_on_time"]
    assert sum(r.late for r in rows) == q1.totals["ended"] - q1.totals["ended_on_time"]
    assert sum(r.backlog for r in rows) == closing["open_total"]
    assert all(r.total == r.on_time + r.late + r.backlog for r in rows)
    assert sum(r.total for r in rows) == q1.totals["ended"] + closing["open_total"]
