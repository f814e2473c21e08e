"""The synthetic history in the database: the 2022 table as the reports count it, the rows a
dossier has, resuming after a failure, removing it, and refusing bad input."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils import timezone, translation

from motcua.core.services import calendar_seed
from motcua.dossiers.constants import DossierStatus, Transition
from motcua.dossiers.models import (
    ApologyLetter,
    Dossier,
    DossierDocument,
    DossierEvent,
    ProcessingStep,
    Result,
)
from motcua.dossiers.selectors import dossier_chain_verify
from motcua.quality.periods import period_year
from motcua.quality.selectors.status import dossiers_by_tier
from motcua.quality.services import facts_rebuild
from motcua.synthetic import services
from motcua.synthetic.models import SyntheticDay
from motcua.synthetic.services import history_clean, history_generate
from motcua.synthetic.volumes import REFERENCE_2022, VolumeError, tier_volume_scaled

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
SCALE = "0.002"  # about 2,500 dossiers: every tier and outcome, in a few seconds
SHORT = {"since": date(2022, 11, 1), "scale": "0.002"}  # two months: what needs no whole year
PROCEDURES = 40


@pytest.fixture
def ground(seeded: Any) -> None:
    calendar_seed(first_year=2021, last_year=2027)


def _generate(**kwargs: Any) -> services.GenerateReport:
    options: dict[str, Any] = {
        "first_year": 2022,
        "last_year": 2022,
        "scale": SCALE,
        "procedures": PROCEDURES,
    }
    options.update(kwargs)
    return history_generate(**options)


def _snapshot() -> Counter[tuple[Any, ...]]:
    return Counter(
        Dossier.objects.values_list(
            "received_at", "status", "due_at", "procedure_version_id", "deciding_agency_id"
        )
    )


def test_2022_reproduces_the_table_per_tier_as_the_reports_count_it(ground: None) -> None:
    report = _generate()
    facts_rebuild(start=date(2022, 1, 1), end=date(2023, 12, 31))

    rows = {row.label: row for row in dossiers_by_tier(period_year(2022))}
    from motcua.organisation.constants import Tier

    for tier, reference in REFERENCE_2022.items():
        expected = tier_volume_scaled(reference, Decimal(SCALE))
        row = rows[str(Tier(tier).label)]
        assert (row.on_time, row.late, row.backlog) == (
            expected.on_time,
            expected.late,
            expected.backlog,
        ), tier
        assert row.total == expected.total
    assert (
        report.dossiers
        == Dossier.objects.count()
        == sum(SyntheticDay.objects.values_list("dossiers", flat=True))
    )
    assert report.events == DossierEvent.objects.count()


def test_each_dossier_has_the_rows_its_history_implies(ground: None) -> None:
    today = timezone.localdate()
    since = max(date(today.year, 1, 1), today - timedelta(days=70))
    _generate(first_year=today.year, last_year=today.year, since=since, scale="0.01")
    dossiers = list(Dossier.objects.all())
    codes = [d.code for d in dossiers]
    assert len(set(codes)) == len(codes)
    for dossier in dossiers[:: max(1, len(dossiers) // 60)]:
        assert dossier_chain_verify(dossier=dossier).ok, dossier.code
        day = timezone.localtime(dossier.received_at)
        assert re.fullmatch(rf"[A-Z0-9.]+-{day:%y%m%d}-\d{{4}}", dossier.code), dossier.code
    open_statuses = {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.AWAITING_SUPPLEMENT,
        DossierStatus.AWAITING_FINANCIAL_OBLIGATION,
    }
    still_open = Dossier.objects.filter(status__in=open_statuses)
    assert still_open.exists()
    assert ProcessingStep.objects.filter(completed_at=None).count() == still_open.count()
    resolved = Dossier.objects.exclude(resolved_at=None)
    assert Result.objects.count() == resolved.count()
    assert Result.objects.exclude(file="").exists()  # electronic results
    extended = DossierEvent.objects.filter(transition=Transition.EXTEND_DEADLINE).count()
    assert extended > 0
    assert ApologyLetter.objects.count() == extended
    assert DossierDocument.objects.exclude(file="").exists()  # digitised components
    assert Dossier.objects.filter(supplement_count__gt=0).exists()
    assert Dossier.objects.filter(status=DossierStatus.WITHDRAWN).exists()
    assert not Dossier.objects.filter(received_at__date__lt=since - timedelta(days=1)).exists()


def test_a_run_that_fails_half_way_resumes_to_the_same_history(
    ground: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate(**SHORT)
    whole = _snapshot()
    days = SyntheticDay.objects.count()
    history_clean()
    assert not Dossier.objects.exists()

    real_save = services._code_numbers_save
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> Any:  # the day's last write, its rows all in
        calls["n"] += 1
        if calls["n"] == 40:  # of about 120 days × tiers
            raise DatabaseError("database or disk is full")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services, "_code_numbers_save", failing)
    with translation.override("vi"), pytest.raises(VolumeError, match="Ổ đĩa đã đầy"):
        _generate(**SHORT)
    assert SyntheticDay.objects.count() == 39  # whole days only
    written = sum(SyntheticDay.objects.values_list("dossiers", flat=True))
    assert Dossier.objects.count() == written

    monkeypatch.setattr(services, "_code_numbers_save", real_save)
    report = _generate(**SHORT)
    assert report.days_resumed == 39
    assert SyntheticDay.objects.count() == days
    assert _snapshot() == whole


def test_clean_removes_the_synthetic_history_and_nothing_else(
    ground: None, seed_catalogue: Any
) -> None:
    from motcua.dossiers.services import dossier_seed_demo

    dossier_seed_demo()
    real = set(Dossier.objects.values_list("pk", flat=True))
    real_events = DossierEvent.objects.count()
    report = _generate(**SHORT)
    assert Dossier.objects.count() == len(real) + report.dossiers

    assert history_clean() == report.dossiers
    assert set(Dossier.objects.values_list("pk", flat=True)) == real
    assert DossierEvent.objects.count() == real_events
    assert not SyntheticDay.objects.exists()


def test_another_seed_or_scale_is_refused_until_the_history_is_removed(ground: None) -> None:
    _generate(since=date(2022, 12, 1), scale="0.001")
    with translation.override("vi"), pytest.raises(VolumeError, match="--clean"):
        _generate(since=date(2022, 12, 1), scale="0.002")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--years", "2022", "--scale", "0"], "lớn hơn 0"),
        (["--years", "2022", "--scale", "-1"], "lớn hơn 0"),
        (["--years", "2022", "--scale", "mười"], "phải là một số"),
        (["--years", "2023-2021"], "bị đảo ngược"),
        (["--years", "2999"], "chưa bắt đầu"),
        (["--years", "hai nghìn"], "không hợp lệ"),
        ([], "Cần --years"),
    ],
)
def test_the_command_refuses_bad_input_in_vietnamese(arguments: list[str], message: str) -> None:
    with translation.override("vi"), pytest.raises(CommandError, match=message):
        call_command("history_generate", *arguments, "--no-facts")
    assert not Dossier.objects.exists()
    assert not SyntheticDay.objects.exists()
