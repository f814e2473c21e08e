"""The pure QĐ 766 scoring (REGULATION.md §1.3) and the `quality_score` command."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from motcua.quality.constants import Group
from motcua.quality.indicators import (
    BUILT_IN,
    RuleChangeError,
    metric_score,
    round_published,
    ruleset_on,
    rulesets_with_changes,
)
from motcua.quality.scoring import RowError, row_score

FIXTURE = Path(__file__).parent / "fixtures" / "portal_rows.json"
RULES = ruleset_on(date(2024, 6, 30))


def score(code: str, num: object, den: object) -> Decimal | None:
    return metric_score(RULES.by_code[code], numerator=num, denominator=den).value


def test_maxima_add_up_to_100_and_per_group():
    assert RULES.max_total() == 100
    expected = {
        Group.TRANSPARENCY: 18,
        Group.PROGRESS: 20,
        Group.ONLINE: 12,
        Group.PAYMENT: 10,
        Group.DIGITISATION: 22,
        Group.SATISFACTION: 18,
    }
    for group, maximum in expected.items():
        assert sum(m.max_score for m in RULES.group_metrics(group)) == maximum


@pytest.mark.parametrize(
    ("code", "num", "den", "expected"),
    [
        ("PUBLISH_ON_TIME", 45, 50, "5.40"),
        ("PUBLIC_UPDATE_ON_TIME", 3, 4, "3.00"),
        ("PUBLIC_CONTENT_FULL", 1, 16, "0.13"),  # 0.125 rounds half up, not to even
        ("DOSSIER_SYNC", 2, 3, "4.00"),
        ("ON_TIME", 987, 1000, "19.74"),
        ("ONLINE_PROCEDURES", 70, 100, "1.75"),  # 2·0.7/0.8
        ("ONLINE_PROCEDURES", 90, 100, "2.00"),  # capped at the maximum past 80 %
        ("ONLINE_SERVICES_USED", 3, 7, "1.71"),
        ("ONLINE_DOSSIERS", 30, 100, "3.60"),  # 6·0.3/0.5
        ("ONLINE_DOSSIERS", 51, 100, "6.00"),
        ("PAYMENT_INTEGRATED", 6, 10, "1.50"),  # 2.5·C
        ("PAYMENT_INTEGRATED", 9, 10, "2.00"),  # the cap [GAP] applies
        ("PAYMENT_TRANSACTED", 2, 10, "0.50"),
        ("ONLINE_PAYMENT_DOSSIERS", 1, 4, "1.50"),
        ("ORIGINAL_RESULT_AVAILABLE", 1, 2, "3.00"),
        ("SO_HOA_GIAY_TO_GIAI_QUYET", 60, 100, "2.40"),  # observed: linear, no 80 % threshold
        ("ELECTRONIC_CERTIFIED_COPY", 1, 4, "0.50"),
        ("REUSED_DIGITIZED_DATA", 40, 100, "1.00"),
        ("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", 1, 4, "1.00"),
        ("CITIZEN_DATA_CONNECTED_DOSSIER", 1, 2, "1.00"),
        ("CITIZEN_DATA_CONNECTED_FORMALITY", 1, 1, "2.00"),
        ("PETITION_PROCESSING_ON_TIME", 9, 10, "5.40"),
        ("PETITION_HANDLING_SATISFACTION", 1, 3, "2.00"),
        ("DOSSIER_RECEIVING_SATISFACTION", 85, 100, "5.67"),  # 6·0.85/0.9
        ("DOSSIER_RECEIVING_SATISFACTION", 95, 100, "6.00"),
    ],
)
def test_each_metric_scores_as_the_portal(code, num, den, expected):
    assert score(code, num, den) == Decimal(expected)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # PAKN metrics: full marks when there is no petition; dossier satisfaction: 0 when there
        # is no dossier; everything else: not applicable.
        ("PETITION_PROCESSING_ON_TIME", Decimal(6)),
        ("PETITION_HANDLING_SATISFACTION", Decimal(6)),
        ("DOSSIER_RECEIVING_SATISFACTION", Decimal(0)),
        ("ON_TIME", None),
        ("DOSSIER_SYNC", None),
        ("ORIGINAL_RESULT_AVAILABLE", None),
    ],
)
def test_zero_denominator_follows_the_metric(code, expected):
    result = metric_score(RULES.by_code[code], numerator=0, denominator=0)
    assert result.value == expected
    assert (result.reason != "") == (expected is None)


def test_monitoring_metrics_never_score():
    for code in ("AVG_PROCESSING_DAYS", "PETITION_CLASSIFICATION_TTHC"):
        result = metric_score(RULES.by_code[code], numerator=5, denominator=10)
        assert result.value is None
        assert "theo dõi" in result.reason


def test_missing_and_negative_inputs_score_none_with_a_reason():
    missing = metric_score(RULES.by_code["ON_TIME"], numerator=3)
    negative = metric_score(RULES.by_code["ON_TIME"], numerator=-3, denominator=5)
    text = metric_score(RULES.by_code["ON_TIME"], numerator="ba", denominator=5)
    assert missing.value is None and "denominator" in missing.reason
    assert negative.value is None and "âm" in negative.reason
    assert text.value is None and "numerator" in text.reason


def test_ratio_is_a_percentage_used_only_without_counts():
    metric = RULES.by_code["DOSSIER_SYNC"]
    assert metric_score(metric, ratio=50).value == Decimal("3.00")
    # Counts win over a ratio that disagrees with them.
    assert metric_score(metric, numerator=1, denominator=1, ratio=10).value == Decimal("6.00")


def test_round_published_is_half_up():
    assert round_published(Decimal("2.345")) == Decimal("2.35")
    assert round_published(Decimal("2.344999")) == Decimal("2.34")


def test_group_total_from_counts_and_from_metrics():
    online = row_score(
        {
            "group": "provide-online-tree",
            "metric": None,
            "inputs": {
                "authorityCount": 100,
                "partialCount": 30,
                "fullCount": 40,
                "onlineDossierCount": 30,
                "onlineServiceTotal": 70,
                "channelOnlineSum": 300,
                "channelTotalSum": 1000,
            },
        },
        ruleset=RULES,
    )
    assert online.value == Decimal("7.06")  # 1.75 + 1.714… + 3.6
    empty = row_score(
        {
            "group": "dvc-progress-tree",
            "metric": None,
            "inputs": {"totalOnTime": 0, "totalReceived": 0},
        },
        ruleset=RULES,
    )
    assert empty.value is None and empty.reason


def test_version_switch_at_an_effective_date(settings):
    settings.MOTCUA_QUALITY_RULE_CHANGES = [
        {"from": "2025-01-01", "metric": "SO_HOA_GIAY_TO_GIAI_QUYET", "threshold": "0.8"}
    ]
    before = ruleset_on(date(2024, 12, 31)).by_code["SO_HOA_GIAY_TO_GIAI_QUYET"]
    after = ruleset_on(date(2025, 1, 1)).by_code["SO_HOA_GIAY_TO_GIAI_QUYET"]
    assert metric_score(before, numerator=60, denominator=100).value == Decimal("2.40")
    assert metric_score(after, numerator=60, denominator=100).value == Decimal("3.00")
    # Other metrics are untouched by the change.
    assert ruleset_on(date(2025, 1, 1)).by_code["ON_TIME"] == RULES.by_code["ON_TIME"]


def test_rule_change_errors_name_the_change():
    with pytest.raises(RuleChangeError, match="unknown metric"):
        rulesets_with_changes(BUILT_IN, [{"from": "2025-01-01", "metric": "NOPE"}])
    with pytest.raises(RuleChangeError, match="predates"):
        rulesets_with_changes(BUILT_IN, [{"from": "2020-01-01", "metric": "ON_TIME"}])


def test_unknown_group_or_metric_is_a_row_error():
    with pytest.raises(RowError):
        row_score({"group": "nope", "metric": None, "inputs": {}}, ruleset=RULES)
    with pytest.raises(RowError):
        row_score({"group": "transparency", "metric": "ON_TIME", "inputs": {}}, ruleset=RULES)
    with pytest.raises(RowError):
        row_score({"group": "transparency", "metric": None, "inputs": []}, ruleset=RULES)


# --- the command -------------------------------------------------------------------------------


def run_command(monkeypatch, text: str, *args: str) -> list[dict]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("quality_score", *args, stdout=out)
    printed = json.loads(out.getvalue())
    # Printed as one indented document, one field a line (not a token a line).
    assert out.getvalue() == json.dumps(printed, ensure_ascii=False, indent=2) + "\n"
    return printed


def test_command_scores_the_fixture_file(monkeypatch):
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    scored = run_command(monkeypatch, FIXTURE.read_text(encoding="utf-8"))
    assert len(scored) == len(rows)
    for row, out in zip(rows, scored, strict=True):
        assert out["score"] == row["expected"], row
        assert out["inputs"] == row["inputs"]  # the same row, score added
        assert ("reason" in out) == (row["expected"] is None)


def test_command_reads_rules_of_a_day(monkeypatch, settings):
    settings.MOTCUA_QUALITY_RULE_CHANGES = [
        {"from": "2025-01-01", "metric": "SO_HOA_GIAY_TO_GIAI_QUYET", "threshold": "0.8"}
    ]
    row = json.dumps(
        [
            {
                "group": "dossier-digitized",
                "metric": "SO_HOA_GIAY_TO_GIAI_QUYET",
                "inputs": {"numerator": 60, "denominator": 100},
            }
        ]
    )
    assert run_command(monkeypatch, row, "--on", "2024-06-30")[0]["score"] == 2.4
    assert run_command(monkeypatch, row, "--on", "2025-06-30")[0]["score"] == 3.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[{", "JSON không hợp lệ ở dòng 1"),
        ('{"group": "transparency"}', "danh sách"),
        ('[{"group": "transparency", "metric": null, "inputs": {}}, 3]', "Dòng 2"),
        ('[{"group": "speed", "metric": null, "inputs": {}}]', "Dòng 1"),
    ],
)
def test_command_exits_non_zero_on_malformed_input_and_names_the_row(monkeypatch, text, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    with pytest.raises(CommandError, match=message) as info:
        call_command("quality_score", stdout=io.StringIO())
    assert info.value.returncode == 2
