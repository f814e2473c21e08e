"""Concurrent officers on PostgreSQL (SQLite serialises writers by itself)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections

from motcua.dossiers.constants import Transition as Tr
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import dossier_chain_verify
from motcua.dossiers.services import dossier_forward, dossier_receive_new

from .conftest import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
THREADS = 25  # PostgreSQL's default 100 connections, shared with the other test workers
RECEPTIONS = 100


def _race(count: int, work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(n: int) -> None:
        try:
            barrier.wait()
            work(n)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_concurrent_receptions_get_distinct_gap_free_codes(on_postgres: None, world: World) -> None:
    def receive_four(n: int) -> None:
        for _ in range(RECEPTIONS // THREADS):
            world.receive()

    assert _race(THREADS, receive_four) == []
    codes = sorted(Dossier.objects.values_list("code", flat=True))
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert len(set(codes)) == RECEPTIONS
    assert numbers == list(range(1, RECEPTIONS + 1))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_a_double_submitted_action_applies_once(on_postgres: None, world: World) -> None:
    # The same reception form posted twice at the same instant (a double click).
    assert (
        _race(
            2,
            lambda n: dossier_receive_new(
                actor=world.desk, intake=world.intake(), request_key="double-receive"
            ),
        )
        == []
    )
    dossier = Dossier.objects.get()
    # The same forward posted four times at once: one event, the others see it.
    assert (
        _race(
            4,
            lambda n: dossier_forward(
                actor=world.desk, dossier_id=dossier.pk, revision=1, request_key="double-forward"
            ),
        )
        == []
    )
    assert list(DossierEvent.objects.values_list("transition", flat=True).order_by("sequence")) == [
        Tr.RECEIVE,
        Tr.FORWARD,
    ]
    assert dossier_chain_verify(dossier=dossier).ok
    assert dossier.code is not None and dossier.code.endswith("-0001")
