"""Facts from events (REGULATION.md §1.4): the on-time rule with supplements, online with an
electronic result, the open stock at the end of a day, incremental refresh and rebuild."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db.models import Sum

from motcua.accounts.constants import Role
from motcua.dossiers.constants import ResultForm, ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_current_step
from motcua.dossiers.services import (
    dossier_approve,
    dossier_forward,
    dossier_receive,
    dossier_request_supplement,
    dossier_return_result,
    dossier_submit,
    dossier_submit_supplement,
)
from motcua.dossiers.tests.conftest import World
from motcua.feedback.services import rating_record
from motcua.quality.models import DailyFact, DossierFact, FillState
from motcua.quality.services import facts_rebuild, facts_refresh

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=VN)


def travel(day: int, hour: int = 9):  # type: ignore[no-untyped-def]
    return time_machine.travel(at(day, hour), tick=False)


def supplement(world: World, dossier: Dossier) -> None:
    dossier_request_supplement(
        actor=world.specialist, dossier_id=dossier.pk, reasons=[("Tờ khai", "Thiếu chữ ký")]
    )


def resolve(world: World, dossier: Dossier, **approve: object) -> None:
    step = dossier_current_step(dossier=Dossier.objects.get(pk=dossier.pk))
    if step is not None and step.role == Role.DESK_OFFICER:
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    dossier_approve(actor=world.leader, dossier_id=dossier.pk, **approve)  # type: ignore[arg-type]


def online(world: World) -> Dossier:
    agency = world.desk.memberships.get().agency
    dossier = dossier_submit(
        actor=world.citizen, intake=world.intake(channel="online"), receiving_agency_id=agency.pk
    )
    return dossier_receive(actor=world.desk, dossier_id=dossier.pk)


def day_total(day: date, field: str) -> int:
    return DailyFact.objects.filter(day=day).aggregate(s=Sum(field))["s"] or 0


def test_a_dossier_supplemented_once_is_on_time_when_the_citizens_time_is_subtracted(
    world: World,
) -> None:
    # Received Mon 2/3 09:00, due Thu 5/3 09:00 (3 working days).
    with travel(2):
        dossier = world.receive()
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    with travel(3):
        supplement(world, dossier)
    with travel(9):  # six calendar days later the citizen completes it
        dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
    with travel(10):  # resolved after the receipt's appointment, before it + the citizen's time
        resolve(world, dossier)
        facts_refresh()
    fact = DossierFact.objects.get(pk=dossier.pk)
    assert fact.final_on == date(2026, 3, 10)
    assert fact.final_on_time is True
    assert day_total(date(2026, 3, 10), "ended") == 1
    assert day_total(date(2026, 3, 10), "ended_on_time") == 1
    assert day_total(date(2026, 3, 2), "received") == 1


def test_a_second_supplement_request_counts_the_dossier_late(world: World) -> None:
    with travel(2):
        dossier = world.receive()
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
        supplement(world, dossier)
        dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
        supplement(world, dossier)
        dossier_submit_supplement(actor=world.desk, dossier_id=dossier.pk)
        resolve(world, dossier)  # the same morning, long before the appointment
        facts_refresh()
    assert DossierFact.objects.get(pk=dossier.pk).final_on_time is False
    assert day_total(date(2026, 3, 2), "ended") == 1
    assert day_total(date(2026, 3, 2), "ended_on_time") == 0


def test_an_online_dossier_counts_online_only_with_an_electronic_result(world: World) -> None:
    with travel(2):
        paper = online(world)
        electronic = online(world)
        dossier_forward(actor=world.desk, dossier_id=paper.pk)
        dossier_forward(actor=world.desk, dossier_id=electronic.pk)
        resolve(world, paper, form=ResultForm.PAPER, document_number="1/XN")
        resolve(
            world,
            electronic,
            form=ResultForm.ELECTRONIC,
            document_number="2/XN",
            file=ContentFile(b"%PDF-1.4 result", name="ket-qua.pdf"),
        )
        facts_refresh()
    assert world.version.result_is_document
    facts = {f.pk: f for f in DossierFact.objects.all()}
    assert facts[paper.pk].online_counted is False
    assert facts[electronic.pk].online_counted is True
    assert facts[electronic.pk].e_result and facts[electronic.pk].digitised is False  # no scan
    assert day_total(date(2026, 3, 2), "received_online") == 2
    assert day_total(date(2026, 3, 2), "online_counted") == 1
    assert day_total(date(2026, 3, 2), "e_result") == 1


def test_the_open_stock_of_each_day_is_what_was_open_at_its_end(world: World) -> None:
    with travel(2):
        dossier = world.receive()  # due Thu 5/3 09:00
        facts_refresh()
    assert (
        day_total(date(2026, 3, 2), "open_total"),
        day_total(date(2026, 3, 2), "open_on_time"),
    ) == (1, 1)
    with travel(9):  # the job ran again a week later: the missed days are filled
        facts_refresh()
    assert day_total(date(2026, 3, 4), "open_on_time") == 1
    assert day_total(date(2026, 3, 5), "open_total") == 1  # past 09:00 at the end of the day
    assert day_total(date(2026, 3, 5), "open_on_time") == 0
    assert day_total(date(2026, 3, 9), "open_total") == 1
    with travel(10):
        resolve(world, dossier)
        facts_refresh()
    # Closed days keep what was open at their end; the end day counts it as ended, late.
    assert day_total(date(2026, 3, 9), "open_total") == 1
    assert day_total(date(2026, 3, 10), "open_total") == 0
    assert (
        day_total(date(2026, 3, 10), "ended"),
        day_total(date(2026, 3, 10), "ended_on_time"),
    ) == (1, 0)


def test_refresh_is_incremental_and_a_rebuild_gives_the_same_counts(world: World) -> None:
    with travel(2):
        first = world.receive()
        second = online(world)
        report = facts_refresh()
        assert report.dossiers == 2
        assert facts_refresh().dossiers == 0  # nothing new
    with travel(3):
        resolve(world, first)
        dossier_return_result(
            actor=world.desk,
            dossier_id=first.pk,
            method=ReturnMethod.AT_DESK,
            received_by_name="Nguyễn Thị Hoa",
        )
        rating_record(dossier=Dossier.objects.get(pk=first.pk), satisfied=False, reasons=["late"])
        assert facts_refresh().dossiers == 1
    assert DossierFact.objects.get(pk=first.pk).disliked is True
    with travel(4):
        facts_refresh()
        counted = list(DailyFact.objects.order_by("day", "agency", "procedure", "channel").values())
        state = FillState.objects.get()
        assert state.open_final_through == date(2026, 3, 3)
        DailyFact.objects.all().delete()
        DossierFact.objects.all().delete()
        facts_rebuild(start=date(2026, 3, 2), end=date(2026, 3, 4))
        rebuilt = list(DailyFact.objects.order_by("day", "agency", "procedure", "channel").values())
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
    assert strip(rebuilt) == strip(counted)
    assert day_total(date(2026, 3, 3), "disliked") == 1
    assert day_total(date(2026, 3, 4), "open_total") == 1  # the second one is still open
    assert second.pk in set(DossierFact.objects.values_list("pk", flat=True))
