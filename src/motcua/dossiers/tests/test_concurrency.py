"""Concurrent officers and citizens on PostgreSQL (SQLite serialises writers by itself).

The reliability suite (issue 14): each test races real threads, each on its own connection,
through the services, and counts what went wrong (`hard_figures`) before asserting nothing did.
CI runs the short size; `make test-hard` the full one (`hard_size`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from motcua.accounts.models import User
from motcua.core.audit import audit_chain_verify
from motcua.core.models import AuditEvent
from motcua.core.testing import hard_size, race
from motcua.dossiers.constants import DossierStatus as S
from motcua.dossiers.constants import StepKind
from motcua.dossiers.constants import Transition as Tr
from motcua.dossiers.models import Dossier, DossierEvent, ProcessingStep, Result, SupplementRequest
from motcua.dossiers.selectors import dossier_chain_verify
from motcua.dossiers.services import (
    DossierError,
    dossier_approve,
    dossier_forward,
    dossier_receive,
    dossier_receive_new,
    dossier_refuse_receipt,
    dossier_reject,
    dossier_request_supplement,
    dossier_submit,
    dossier_submit_supplement,
    dossier_sync_resend,
    dossier_withdraw,
)
from motcua.dossiers.workflow import TransitionNotAllowedError, allowed
from motcua.organisation.models import OneStopDesk

from .conftest import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# What a person sees when someone else's click got there first: a stale form, a transition the
# table no longer allows, a step no longer theirs. Anything else (IntegrityError, a deadlock,
# an AssertionError) is a defect.
DOMAIN_ERRORS = (DossierError, TransitionNotAllowedError)

pytestmark = [pytest.mark.hard, pytest.mark.slow]


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")


def _chain_breaks(dossiers: list[Dossier]) -> int:
    return sum(not dossier_chain_verify(dossier=d).ok for d in dossiers)


# --- 1. receptions at several desks of several agencies ---------------------------------------


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_parallel_receptions_at_several_desks_number_gap_free_and_chain(
    on_postgres: None, world: World, hard_figures: Callable[..., None]
) -> None:
    commune = world.desk.memberships.get().agency
    second = OneStopDesk.objects.create(
        agency=commune, name="Điểm tiếp nhận số 2", valid_from=commune.valid_from
    )
    first = commune.desks.exclude(pk=second.pk).first()
    assert first is not None
    # Two desks of one agency share its daily sequence; the other commune has its own.
    stations: list[tuple[User, int | None]] = [
        (world.desk, first.pk),
        (world.desk, second.pk),
        (world.other_desk, None),
    ]
    threads, each = hard_size(6, 30), hard_size(4, 10)

    def receive(n: int) -> None:
        actor, desk_id = stations[n % len(stations)]
        for _ in range(each):
            dossier = dossier_receive_new(actor=actor, intake=world.intake(), desk_id=desk_id)
            # An audited action in between: the global audit chain takes concurrent appends too.
            dossier_sync_resend(actor=actor, dossier_id=dossier.pk)

    errors = race(threads, receive)
    attempted = threads * each

    dossiers = list(Dossier.objects.all())
    codes = [d.code or "" for d in dossiers]
    by_sequence: dict[str, list[int]] = defaultdict(list)
    for code in codes:
        prefix, number = code.rsplit("-", 1)
        by_sequence[prefix].append(int(number))
    gaps = sum(
        len(set(range(1, len(numbers) + 1)) ^ set(numbers)) for numbers in by_sequence.values()
    )
    receive_events = Counter(
        DossierEvent.objects.filter(transition=Tr.RECEIVE).values_list("dossier_id", flat=True)
    )
    doubled_events = sum(count - 1 for count in receive_events.values() if count > 1)
    missing_events = sum(1 for d in dossiers if receive_events[d.pk] == 0)
    audit = audit_chain_verify()
    resent = AuditEvent.objects.filter(action="dossier.sync_resent").count()
    losses = (
        len(errors)
        + (attempted - len(dossiers))
        + (len(codes) - len(set(codes)))
        + gaps
        + doubled_events
        + missing_events
        + _chain_breaks(dossiers)
        + (0 if audit.ok else 1)
        + abs(attempted - resent)
    )
    hard_figures(cases=attempted, losses=losses)

    assert errors == []
    assert len(dossiers) == attempted and len(set(codes)) == attempted
    assert len(by_sequence) == 2  # one sequence per agency and day, whatever the desk
    assert all(sorted(n) == list(range(1, len(n) + 1)) for n in by_sequence.values())
    assert doubled_events == missing_events == 0
    assert DossierEvent.objects.count() == attempted  # nothing but the receptions
    assert _chain_breaks(dossiers) == 0
    assert audit.ok, audit.reason
    assert resent == attempted


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_a_double_submitted_action_applies_once(
    on_postgres: None, world: World, hard_figures: Callable[..., None]
) -> None:
    clicks = hard_size(4, 16)
    # The same reception form posted several times at the same instant (a double click).
    errors = race(
        clicks,
        lambda n: dossier_receive_new(
            actor=world.desk, intake=world.intake(), request_key="double-receive"
        ),
    )
    dossier = Dossier.objects.get()
    # The same forward posted several times at once: one event, the others see it.
    errors += race(
        clicks,
        lambda n: dossier_forward(
            actor=world.desk, dossier_id=dossier.pk, revision=1, request_key="double-forward"
        ),
    )
    transitions = list(
        DossierEvent.objects.values_list("transition", flat=True).order_by("sequence")
    )
    hard_figures(
        cases=2 * clicks, losses=len(errors) + abs(len(transitions) - 2) + _chain_breaks([dossier])
    )
    assert errors == []
    assert transitions == [Tr.RECEIVE, Tr.FORWARD]
    assert dossier_chain_verify(dossier=dossier).ok
    assert dossier.code is not None and dossier.code.endswith("-0001")


# --- 2. different and identical actions on one dossier at once --------------------------------


Action = Callable[[int, int | None, str], object]  # (dossier id, revision, request key)


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[World], Dossier]
    actions: dict[str, tuple[Tr, Action]]  # label → (transition it applies, the click)


def _online(world: World) -> Dossier:
    agency = world.desk.memberships.get().agency
    return dossier_submit(
        actor=world.citizen, intake=world.intake(channel="online"), receiving_agency_id=agency.pk
    )


def _at_specialist(world: World) -> Dossier:
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    return dossier


def _at_leader(world: World, dossier: Dossier | None = None) -> Dossier:
    dossier = dossier or world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    return dossier


def _online_at_leader(world: World) -> Dossier:
    dossier = _online(world)
    dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    return _at_leader(world, dossier)


def _scenarios(world: World) -> list[Scenario]:
    w = world
    return [
        Scenario(
            "forward or send back",
            _at_specialist,
            {
                "forward": (
                    Tr.FORWARD,
                    lambda d, r, k: dossier_forward(
                        actor=w.specialist, dossier_id=d, revision=r, request_key=k
                    ),
                ),
                "send back": (
                    Tr.FORWARD,
                    lambda d, r, k: dossier_forward(
                        actor=w.specialist, dossier_id=d, to_position=0, revision=r, request_key=k
                    ),
                ),
            },
        ),
        Scenario(
            "approve or reject",
            _at_leader,
            {
                "approve": (
                    Tr.APPROVE,
                    lambda d, r, k: dossier_approve(
                        actor=w.leader, dossier_id=d, revision=r, request_key=k
                    ),
                ),
                "reject": (
                    Tr.REJECT,
                    lambda d, r, k: dossier_reject(
                        actor=w.leader,
                        dossier_id=d,
                        reason="other",
                        details="Hồ sơ không đủ điều kiện.",
                        revision=r,
                        request_key=k,
                    ),
                ),
            },
        ),
        Scenario(
            "receive or refuse",
            _online,
            {
                "receive": (
                    Tr.RECEIVE,
                    lambda d, r, k: dossier_receive(
                        actor=w.desk, dossier_id=d, revision=r, request_key=k
                    ),
                ),
                "refuse": (
                    Tr.REFUSE_RECEIPT,
                    lambda d, r, k: dossier_refuse_receipt(
                        actor=w.desk,
                        dossier_id=d,
                        reason="other",
                        details="Tờ khai không đọc được.",
                        revision=r,
                        request_key=k,
                    ),
                ),
            },
        ),
        Scenario(
            "withdraw or approve",
            _online_at_leader,
            {
                "withdraw": (
                    Tr.WITHDRAW,
                    lambda d, r, k: dossier_withdraw(
                        actor=w.citizen,
                        dossier_id=d,
                        reason="Không cần nữa",
                        revision=r,
                        request_key=k,
                    ),
                ),
                "approve": (
                    Tr.APPROVE,
                    lambda d, r, k: dossier_approve(
                        actor=w.leader, dossier_id=d, revision=r, request_key=k
                    ),
                ),
            },
        ),
    ]


def _clicks_race(
    scenario: Scenario, dossier: Dossier, clickers: int, tag: str, tally: list[int]
) -> None:
    """Race `clickers` clicks of the scenario's actions on `dossier`; assert and count what
    went wrong."""
    labels = list(scenario.actions)
    dossier.refresh_from_db()
    before_status, before_revision = S(dossier.status), dossier.revision
    before_events = dossier.events.count()
    won: list[str] = []
    refused: list[BaseException] = []

    def click(n: int) -> None:
        label = labels[n % len(labels)]
        # Half the forms carry the revision they were opened at, half none (the API).
        revision = before_revision if (n // len(labels)) % 2 == 0 else None
        try:
            scenario.actions[label][1](dossier.pk, revision, f"{tag}-{n}")
        except DOMAIN_ERRORS as error:
            refused.append(error)
        else:
            won.append(label)

    errors = race(clickers, click)
    dossier.refresh_from_db()
    new_events = list(dossier.events.filter(sequence__gt=before_events))
    winner = scenario.actions[won[0]][0] if len(won) == 1 else None
    event = new_events[0] if len(new_events) == 1 else None
    legal = (
        winner is not None
        and event is not None
        and event.transition == winner
        and allowed(before_status, winner)
        and event.from_status == before_status
        and event.to_status == dossier.status
    )
    open_steps = ProcessingStep.objects.filter(
        dossier=dossier, kind=StepKind.PROCESS, completed_at__isnull=True
    ).count()
    anomalies = (
        len(errors)
        + abs(len(won) - 1)
        + abs(len(new_events) - 1)
        + (0 if legal else 1)
        + (0 if dossier.revision == before_revision + 1 else 1)
        + (1 if open_steps > 1 else 0)
        + _chain_breaks([dossier])
    )
    tally.append(anomalies)  # counted before any assertion stops the test
    assert errors == [], (scenario.name, errors)
    assert len(won) == 1 and len(refused) == clickers - 1, (scenario.name, won)
    assert legal, (scenario.name, won, [e.transition for e in new_events])
    if winner in (Tr.APPROVE, Tr.REJECT):
        assert Result.objects.get(dossier=dossier).outcome == dossier.outcome
    assert anomalies == 0, scenario.name


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_parallel_clicks_on_one_dossier_apply_exactly_one(
    on_postgres: None, world: World, hard_figures: Callable[..., None]
) -> None:
    """N officers click different and identical actions on one dossier at once: one wins, the
    others get the domain error, the status is the table's, one event, the chain verifies."""
    clickers, rounds = hard_size(4, 16), hard_size(1, 4)
    tally: list[int] = []
    try:
        for scenario in _scenarios(world):
            for round_ in range(rounds):
                dossier = scenario.prepare(world)
                tag = f"{scenario.name[:20]}-{dossier.pk}-{round_}"
                _clicks_race(scenario, dossier, clickers, tag, tally)
    finally:
        hard_figures(cases=clickers * len(tally), losses=sum(tally))


# --- 4. the supplement sent from two tabs, or by the citizen while the desk records it ---------


def _awaiting_supplement(world: World) -> Dossier:
    dossier = _online(world)
    dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_request_supplement(
        actor=world.specialist,
        dossier_id=dossier.pk,
        reasons=[("Tờ khai", "Thiếu chữ ký người yêu cầu")],
    )
    dossier.refresh_from_db()
    assert dossier.status == S.AWAITING_SUPPLEMENT and dossier.paused_at is not None
    return dossier


def _supplement_race(world: World, senders: list[User], clicks: int, tally: list[int]) -> None:
    dossier = _awaiting_supplement(world)
    revision = dossier.revision
    won: list[User] = []

    def send(n: int) -> None:
        actor = senders[n % len(senders)]
        try:
            dossier_submit_supplement(
                actor=actor,
                dossier_id=dossier.pk,
                note="Đã bổ sung tờ khai có chữ ký.",
                revision=revision if n % 3 else None,  # a tab (or the API) without one
            )
        except DOMAIN_ERRORS:
            return
        won.append(actor)

    errors = race(clicks, send)
    dossier.refresh_from_db()
    request = SupplementRequest.objects.get(dossier=dossier)
    events = list(dossier.events.filter(transition=Tr.SUBMIT_SUPPLEMENT))
    due = events[0].payload["due_at"] if len(events) == 1 else None
    anomalies = (
        len(errors)
        + abs(len(won) - 1)
        + abs(len(events) - 1)
        + (0 if dossier.status == S.PROCESSING == request.status_before else 1)
        + (0 if dossier.paused_at is None and request.resumed_at is not None else 1)
        + (0 if won and request.resumed_by == won[0] else 1)
        + (0 if dossier.due_at == request.due_at_after else 1)
        + (0 if due and datetime.fromisoformat(due) == dossier.due_at else 1)
        + (0 if dossier.revision == revision + 1 else 1)
        + _chain_breaks([dossier])
    )
    tally.append(anomalies)
    assert errors == []
    assert len(won) == 1 and len(events) == 1
    assert dossier.status == S.PROCESSING and dossier.paused_at is None
    assert request.resumed_by == won[0] and dossier.due_at == request.due_at_after
    assert anomalies == 0


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_a_supplement_sent_twice_at_once_resumes_the_clock_once(
    on_postgres: None, world: World, hard_figures: Callable[..., None]
) -> None:
    """The citizen sends the supplement from two tabs at once, or while the desk records the
    paper one: one supplement, the clock resumed once, one event."""
    clicks, rounds = hard_size(4, 16), hard_size(2, 6)
    tally: list[int] = []
    try:
        for senders in ([world.citizen], [world.citizen, world.desk]):
            for _ in range(rounds):
                _supplement_race(world, senders, clicks, tally)
    finally:
        hard_figures(cases=clicks * len(tally), losses=sum(tally))
