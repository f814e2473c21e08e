"""The sender against the national portal's simulator (its own process): complete and ordered
delivery, outages, every kind of failure, a sender stopped mid-batch, refusals isolated and
stopped, "already exists" turned into an update."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    dossier_approve,
    dossier_forward,
    dossier_return_result,
)
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.portal import Portal
from motcua.sync import services
from motcua.sync.models import SyncMessage, SyncState
from motcua.sync.selectors import sync_status_of
from motcua.sync.services import sync_messages_retry, sync_send_all_due, sync_send_due
from motcua.sync.tasks import sync_send_job

# 1,000 dossiers by default; MOTCUA_SYNC_DOSSIERS changes it (e.g. a quick local run).
MANY = int(os.environ.get("MOTCUA_SYNC_DOSSIERS", "1000"))


def _whole_life(world: World) -> Dossier:
    """Received, examined, approved and returned: five changes, five messages."""
    dossier = world.receive()
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.specialist, dossier_id=dossier.pk)
    dossier_approve(actor=world.leader, dossier_id=dossier.pk, document_number="1/GXN")
    dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="at_desk",
                          received_by_name="Nguyễn Thị Hoa")  # fmt: skip
    dossier.refresh_from_db()
    return dossier


def _drain(now: datetime | None = None) -> services.SendReport:
    """Send until nothing is due at `now` (the moment the test stands at)."""
    total = services.SendReport()
    for _ in range(10_000):
        report = sync_send_due(now=now)
        total.add(report)
        if report.sent == report.failed == report.stopped == 0:
            return total
    raise AssertionError("the sender never ran dry")


def _assert_delivered_in_order(portal: Portal, dossier: Dossier, *, repeats: bool = False) -> None:
    """Every state we queued reached the portal, never an older one after a newer one, each
    step once. Without `repeats`, each state exactly once; with it, a state may come twice in a
    row (a create answered "already exists" is sent again as an update: the same snapshot)."""
    messages = list(SyncMessage.objects.filter(dossier_id=dossier.pk).order_by("sequence"))
    held = portal.dossier(dossier.code or "")
    versions = [v["HoSo"] for v in held["versions"]]
    if not repeats:
        assert versions == [m.dossier for m in messages]
    position = 0
    for version in versions:  # each version is our state at this position or a later one
        later = [i for i in range(position, len(messages)) if messages[i].dossier == version]
        assert later, f"{dossier.code}: the portal received a state older than one it had"
        position = later[0]
    assert {json.dumps(m.dossier, sort_keys=True) for m in messages} <= {
        json.dumps(v, sort_keys=True) for v in versions
    }  # none missing
    assert held["HoSo"] == messages[-1].dossier
    assert held["QuaTrinhXuLy"] == [s for m in messages for s in m.steps]


@pytest.mark.slow
def test_many_dossiers_with_whole_histories_sync_completely(world: World, portal: Portal) -> None:
    dossiers = [_whole_life(world) for _ in range(MANY)]
    report = _drain()
    assert report.sent == 5 * MANY and report.failed == report.stopped == 0
    assert not SyncMessage.objects.exclude(status="sent").exists()
    counters = portal.counters()
    assert counters["dossiers_created"] == MANY and counters["steps_stored"] == 5 * MANY
    assert counters["duplicate_steps_ignored"] == 0
    assert sum(counters["versions"].values()) == 5 * MANY  # every message once
    for dossier in dossiers[:: max(1, MANY // 20)]:
        _assert_delivered_in_order(portal, dossier)
        assert sync_status_of(dossier_id=dossier.pk).status == "synced"
    assert SyncState.objects.filter(created=True).count() == MANY


def test_a_day_long_outage_loses_nothing_and_keeps_the_order(world: World, portal: Portal) -> None:
    early = [_whole_life(world) for _ in range(3)]
    start = timezone.now()
    portal.mode("down")  # the portal closes every connection without answering
    with time_machine.travel(start, tick=False):
        report = _drain()
    assert report.sent == 0 and report.failed == 3 and report.errors == {"unreachable": 3}
    # The day goes on: dossiers keep changing while the portal is away; the sender keeps trying
    # at its backoff (30 s, 1 min, … capped at an hour).
    later = [world.receive() for _ in range(2)]
    for dossier in later:
        dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    moment, failures = start, 0
    while moment < start + timedelta(days=1):
        moment += timedelta(minutes=20)
        with time_machine.travel(moment, tick=False):
            failures += _drain(moment).failed
    assert failures >= 5 * 10  # five dossiers' heads, each tried again and again
    head = SyncMessage.objects.filter(dossier_id=early[0].pk, sequence=1).get()
    assert head.status == "pending" and head.attempts >= 10  # retried all day, never dropped
    assert sync_status_of(dossier_id=early[0].pk).status == "failed"
    assert SyncMessage.objects.filter(status="sent").count() == 0
    portal.mode("ok")
    with time_machine.travel(moment + timedelta(hours=1), tick=False):
        _drain(moment + timedelta(hours=1))
    assert not SyncMessage.objects.exclude(status="sent").exists()
    for dossier in [*early, *later]:
        _assert_delivered_in_order(portal, dossier)  # once each, in order
    assert portal.counters()["duplicate_steps_ignored"] == 0


@pytest.mark.parametrize(
    ("mode", "code"),
    [("http500", "HTTP 500"), ("malformed", "malformed"), ("unknown_code", "99"),
     ("timeout", "timeout"), ("down", "unreachable")],
)  # fmt: skip
def test_every_failure_is_recorded_and_retried_never_lost(
    world: World, portal: Portal, mode: str, code: str
) -> None:
    dossier = world.receive()
    portal.mode(mode, count=1)
    now = timezone.now()
    report = sync_send_due(now=now)  # never raises
    assert report.sent == 0 and report.errors == {code: 1}
    message = SyncMessage.objects.get(dossier_id=dossier.pk)
    assert message.status == "pending" and message.attempts == 1 and message.last_code == code
    assert message.next_attempt_at >= now + timedelta(seconds=30)
    assert sync_send_due(now=now).requests == 0  # not before its backoff
    later = now + timedelta(seconds=60)  # past the first backoff (30 s after the answer)
    with time_machine.travel(later, tick=False):
        assert sync_send_due(now=later).sent == 1
    _assert_delivered_in_order(portal, dossier)


def test_a_sender_stopped_mid_batch_loses_and_doubles_nothing(
    world: World, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossiers = [_whole_life(world) for _ in range(4)]

    def killed(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("killed after posting, before recording")

    monkeypatch.setattr(services, "_record", killed)
    now = timezone.now()
    with pytest.raises(SystemExit):
        sync_send_due(now=now)
    monkeypatch.undo()
    assert SyncMessage.objects.filter(status="sent").count() == 0  # nothing recorded as sent
    assert sync_send_due(now=now).requests == 0  # claimed: nobody sends them during the lease
    after = now + services._lease() + timedelta(seconds=1)  # the lease is over: taken again
    with time_machine.travel(after, tick=False):
        _drain(after)
    assert not SyncMessage.objects.exclude(status="sent").exists()
    counters = portal.counters()
    assert counters["dossiers_created"] == 4 and counters["steps_stored"] == 20
    assert counters["duplicate_steps_ignored"] == 4  # the first batch's steps, posted again
    for dossier in dossiers:  # the first states twice (create "exists", update), never older
        _assert_delivered_in_order(portal, dossier, repeats=True)


def test_a_refused_message_is_isolated_retried_then_stopped(
    world: World, portal: Portal, settings: Any
) -> None:
    settings.MOTCUA_DVCQG_MAX_ATTEMPTS = 2
    good, bad = world.receive(), world.receive()
    message = SyncMessage.objects.get(dossier_id=bad.pk)
    SyncMessage.objects.filter(pk=message.pk).update(dossier={**message.dossier, "KenhThucHien": 9})
    now = timezone.now()
    report = sync_send_due(now=now)
    assert report.sent == 1 and report.failed == 1  # the refused list was split
    assert SyncMessage.objects.get(dossier_id=good.pk).status == "sent"
    refused = SyncMessage.objects.get(pk=message.pk)
    assert refused.last_code == "2" and "KenhThucHien" in refused.last_error
    later = now + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        sync_send_due(now=later)
    refused.refresh_from_db()
    assert refused.status == "dead" and refused.attempts == 2  # stopped for an administrator
    assert sync_status_of(dossier_id=bad.pk).status == "failed"
    assert sync_messages_retry(message_ids=[refused.pk]) == 1  # the admin's action
    assert SyncMessage.objects.get(pk=refused.pk).status == "pending"
    SyncMessage.objects.filter(pk=refused.pk).update(status="dead")
    dossier_forward(actor=world.desk, dossier_id=bad.pk)  # a later, whole and valid state
    assert sync_status_of(dossier_id=bad.pk).status == "pending"
    assert sync_messages_retry(message_ids=[refused.pk]) == 0  # superseded: never re-sent
    with time_machine.travel(later, tick=False):
        assert sync_send_due(now=later).sent == 1
    assert sync_status_of(dossier_id=bad.pk).status == "synced"
    assert portal.dossier(bad.code or "")["HoSo"]["TrangThaiHoSo"] == 4


def test_already_there_becomes_an_update_and_a_lost_dossier_is_created_again(
    world: World, portal: Portal
) -> None:
    dossier = world.receive()
    portal.mode("exists", count=1)
    assert sync_send_due().sent == 1  # create answered "3": the same list went to update
    assert portal.counters()["requests"]["capnhat"] == 1
    portal._call("/_reset", {})  # the portal loses everything
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    now = timezone.now()
    report = sync_send_due(now=now)
    assert report.failed == 1 and report.errors == {"4": 1}
    assert not SyncState.objects.get(dossier_id=dossier.pk).created
    later = now + timedelta(minutes=1)
    creates = portal.counters()["requests"]["themmoi"]
    with time_machine.travel(later, tick=False):
        assert sync_send_due(now=later).sent == 1  # sent as a create this time
    assert portal.counters()["requests"]["themmoi"] == creates + 1
    assert portal.dossier(dossier.code or "")["HoSo"]["TrangThaiHoSo"] == 4


def test_the_scheduled_job_sends_when_on_and_the_outbox_waits_when_off(
    world: World, portal: Portal, settings: Any
) -> None:
    dossiers = [world.receive() for _ in range(3)]
    settings.USE_DVCQG = False
    assert sync_send_job.call() == {"skipped": "USE_DVCQG is off"}
    assert SyncMessage.objects.filter(status="pending").count() == 3  # kept, not lost
    settings.USE_DVCQG = True
    settings.MOTCUA_DVCQG_BATCH = 2  # two batches
    result = sync_send_job.call()
    assert result["sent"] == 3 and result["failed"] == 0 and result["requests"] == 4
    assert sync_send_all_due().sent == 0  # nothing left
    assert {d["MaHoSo"] for d in portal.dossiers()} == {d.code for d in dossiers}


def test_the_dossier_page_shows_the_sync_and_resends_after_a_correction(
    world: World, portal: Portal, client: Any
) -> None:
    from django.urls import reverse

    from motcua.catalog.models import ProcedureVersion

    name = world.version.name
    ProcedureVersion.objects.filter(pk=world.version.pk).update(name="")  # a broken record
    dossier = world.receive(subject="Xác nhận tình trạng hôn nhân")
    page = reverse("backoffice:dossier_detail", args=[dossier.pk])
    client.force_login(world.desk)
    shown = client.get(page).content.decode()
    assert "Gửi không thành công" in shown and "TenTTHC" in shown  # failing, and why
    ProcedureVersion.objects.filter(pk=world.version.pk).update(name=name)  # corrected
    client.force_login(world.other_desk)  # another commune's desk does not even see it
    assert client.post(reverse("backoffice:dossier_act", args=[dossier.pk, "sync_resend"]),
                       follow=True).status_code == 404  # fmt: skip
    client.force_login(world.desk)
    client.post(reverse("backoffice:dossier_act", args=[dossier.pk, "sync_resend"]), follow=True)
    assert sync_status_of(dossier_id=dossier.pk).status == "pending"
    assert _drain().sent == 1
    assert portal.dossier(dossier.code or "")["HoSo"]["TenTTHC"] == name
    shown = client.get(page).content.decode()
    assert "Đã đồng bộ" in shown and "Gửi lại lên Cổng Dịch vụ công quốc gia" not in shown


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_sender_process_killed_mid_batch_then_restarted_loses_and_doubles_nothing(
    world: World, portal: Portal, settings: Any
) -> None:
    """A real process (`manage.py sync_send`) sends one dossier per request and is killed with
    SIGKILL while it works; a restarted sender finishes: every message once at the portal, at
    most the one in flight twice (the same snapshot: an upsert), no dossier or step doubled."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs a server database two processes share; CI runs it on PostgreSQL")
    dossiers = [_whole_life(world) for _ in range(12)]  # 60 messages, committed
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": url,
        "PYTHONPATH": "src:.", "USE_DVCQG": "true", "MOTCUA_DVCQG_URL": portal.url,
        "MOTCUA_DVCQG_USERNAME": "motcua", "MOTCUA_DVCQG_PASSWORD": "test-secret",
        "MOTCUA_DVCQG_BATCH": "1",
    }  # fmt: skip
    root = Path(__file__).resolve().parents[4]
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "sync_send"], cwd=root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while portal.counters()["requests"]["themmoi"] < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)  # mid-batch: no chance to clean up
    worker.wait(timeout=10)
    done = SyncMessage.objects.filter(status="sent").count()
    assert 0 < done < 60  # it was stopped part way
    after = timezone.now() + services._lease() + timedelta(seconds=1)  # past its lease
    with time_machine.travel(after, tick=False):
        _drain(after)
    assert not SyncMessage.objects.exclude(status="sent").exists()  # nothing lost
    counters = portal.counters()
    assert counters["dossiers_created"] == 12 and counters["steps_stored"] == 60
    assert counters["duplicate_steps_ignored"] <= 1  # at most the step in flight, posted again
    for dossier in dossiers:  # every state, in order; the one in flight possibly twice
        _assert_delivered_in_order(portal, dossier, repeats=True)


def test_a_sender_whose_lease_ran_out_never_overwrites_the_outcome(
    world: World, portal: Portal
) -> None:
    """Sender A claims and stalls; its lease ends; sender B sends and records; A's late record
    changes nothing (the claim's token), and the dossier's last accepted sequence never goes
    back."""
    dossier = world.receive()
    now = timezone.now()
    token_a, claimed_a = services._claim(now, 10)
    assert [m.dossier_id for m in claimed_a] == [dossier.pk]
    later = now + services._lease() + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert sync_send_due(now=later).sent == 1  # B
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    with time_machine.travel(later, tick=False):
        assert sync_send_due(now=later).sent == 1  # B again: the second state
    report = services.SendReport()
    services._record(claimed_a, {}, token=token_a, now=later, report=report)  # A, late
    assert report.sent == 0
    assert SyncState.objects.get(dossier_id=dossier.pk).last_sequence == 2
    assert list(SyncMessage.objects.filter(dossier_id=dossier.pk).values_list("status", flat=True)
                .order_by("sequence")) == ["sent", "sent"]  # fmt: skip


def test_later_messages_waiting_behind_a_failing_head_do_not_starve_other_dossiers(
    world: World, portal: Portal
) -> None:
    stuck = world.receive()
    dossier_forward(actor=world.desk, dossier_id=stuck.pk)  # a later state queues behind it
    dossier_forward(actor=world.specialist, dossier_id=stuck.pk)  # and another
    head = SyncMessage.objects.filter(dossier_id=stuck.pk).order_by("sequence").first()
    assert head is not None
    SyncMessage.objects.filter(pk=head.pk).update(next_attempt_at=timezone.now()
                                                  + timedelta(hours=1))  # backing off  # fmt: skip
    other = world.receive()
    report = sync_send_due(limit=1)  # room for one dossier: it must be the other one
    assert report.sent == 1
    assert SyncMessage.objects.get(dossier_id=other.pk).status == "sent"
    assert not SyncMessage.objects.filter(dossier_id=stuck.pk, status="sent").exists()


def test_a_dossier_that_makes_the_portal_fail_does_not_hold_its_batchmates(
    world: World, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motcua.integrations.dvcqg import client
    from motcua.integrations.dvcqg.client import Answer

    good, bad = world.receive(), world.receive()
    real = client.post

    def fails_on_bad(kind: str, items: list[dict[str, Any]]) -> Answer:
        if any(item.get("MaHoSo") == bad.code for item in items):
            return Answer("failed", "HTTP 500", "<html>Internal Server Error</html>")
        return real(kind, items)

    monkeypatch.setattr(client, "post", fails_on_bad)
    now = timezone.now()
    first = sync_send_due(now=now)
    assert first.sent == 0 and first.failed == 2  # one list: both failed, nothing known yet
    later = now + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        second = sync_send_due(now=later)
    assert second.sent == 1 and second.failed == 1  # split on the second try
    assert SyncMessage.objects.get(dossier_id=good.pk).status == "sent"
    failing = SyncMessage.objects.get(dossier_id=bad.pk)
    assert failing.status == "pending" and failing.last_code == "HTTP 500"  # retried, not lost


def test_a_broken_http_answer_or_an_unexpected_error_is_recorded_never_raised(
    world: World, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import http.client
    import urllib.request

    from motcua.integrations.dvcqg import client

    dossier = world.receive()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise http.client.BadStatusLine("garbage")

    monkeypatch.setattr(urllib.request, "urlopen", broken)
    assert client.post(client.CREATE, [{}]).code == "malformed"
    now = timezone.now()
    report = sync_send_due(now=now)
    assert report.failed == 1 and report.errors == {"malformed": 1}

    def bug(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(client, "post", bug)
    later = now + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        assert sync_send_due(now=later).errors == {"error": 1}  # recorded, not raised
    message = SyncMessage.objects.get(dossier_id=dossier.pk)
    assert message.status == "pending" and message.attempts == 2 and message.last_code == "error"
    assert "a bug of ours" in message.last_error
