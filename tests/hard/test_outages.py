"""Outages of what the platform talks to, with real processes and servers (issue 14, item 3):
the national portal's simulator killed during sync sends, the PayGov simulator killed during a
payment, the SMTP server down and flaky, the upload disk full. Short sizes in CI (`hard`),
full sizes under `make test-hard`."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from motcua.core.testing import free_port, hard_size
from motcua.dossiers.models import DraftFile
from motcua.dossiers.services import ApplicantData, dossier_forward, draft_start
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.portal import Portal
from motcua.notifications.constants import DeliveryStatus
from motcua.notifications.models import Notification
from motcua.notifications.services import notification_deliver_due
from motcua.payments.constants import RequestStatus, TransactionStatus
from motcua.payments.models import PaymentRequest, PaymentTransaction
from motcua.payments.services import payment_request_for_fees, payments_reconcile
from motcua.payments.tests.conftest import Pay, Simulator
from motcua.sync.models import SyncMessage
from motcua.sync.services import sync_send_due

from .storage import FullDiskStorage

pytestmark = [pytest.mark.hard, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n" + b"%" * 4000 + b"\n"


class Process:
    """A simulator as its own process on a fixed port, killed (SIGKILL) and started again with
    the same state file: an outage of the real thing, not a mode it plays."""

    def __init__(self, command: list[str], probe: str) -> None:
        self.command, self.probe = command, probe
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own simulator, no shell
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(400):
            try:
                urllib.request.urlopen(self.probe, timeout=1).close()  # noqa: S310 - local
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                assert self.process.poll() is None, "the simulator stopped at start"
                time.sleep(0.05)
        raise AssertionError(f"nothing answers at {self.probe}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


# --- the national portal killed during sync sends ----------------------------------------------


@pytest.fixture
def national(tmp_path: Path, settings: Any) -> Iterator[tuple[Process, Portal]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(ROOT / "simulators" / "dvcqg" / "server.py"),
               "--port", str(port), "--users", "motcua=test-secret",
               "--state-file", str(tmp_path / "dvcqg.json")]  # fmt: skip
    simulator = Process(command, f"{url}/_control")
    simulator.start()
    settings.USE_DVCQG = True
    settings.MOTCUA_DVCQG_URL = url
    settings.MOTCUA_DVCQG_USERNAME, settings.MOTCUA_DVCQG_PASSWORD = "motcua", "test-secret"
    settings.MOTCUA_DVCQG_TIMEOUT_SECONDS = 1
    try:
        yield simulator, Portal(url)
    finally:
        simulator.kill()


def _send_until_dry(now: datetime) -> int:
    """Batches at `now` (later than every back-off) while they deliver something: the requests
    made. With the portal down nothing is delivered, and the sender waits for the next run."""
    requests = 0
    for _ in range(1000):
        report = sync_send_due(now=now)
        requests += report.requests
        if report.sent == 0:
            return requests
    raise AssertionError("the sender never ran dry")


def test_the_national_portal_killed_mid_send_gets_every_message_exactly_once(
    world: World, national: tuple[Process, Portal], hard_figures: Any
) -> None:
    simulator, portal = national
    per_round = hard_size(4, 15)
    kills = hard_size(2, 10)
    rng = random.Random(14)  # noqa: S311 - the instants of the kills, not security
    codes = []
    later = timezone.now()
    hits = 0  # kills that found messages not yet delivered
    for _ in range(kills):
        for _ in range(per_round):
            dossier = world.receive()
            dossier_forward(actor=world.desk, dossier_id=dossier.pk)
            codes.append(dossier.code)
        # Killed at a random instant while the sender posts, started again with its state.
        killer = threading.Timer(rng.uniform(0.0, 0.08), simulator.kill)
        killer.start()
        later += timedelta(hours=2)
        _send_until_dry(later)
        killer.join()
        hits += SyncMessage.objects.exclude(status="sent").exists()
        simulator.kill()
        simulator.start()
    later += timedelta(hours=2)
    _send_until_dry(later)
    _send_until_dry(later + timedelta(hours=2))  # nothing left to send, nothing sent twice

    messages = list(SyncMessage.objects.order_by("dossier_id", "sequence"))
    assert {m.status for m in messages} == {"sent"}
    by_dossier: dict[str, list[SyncMessage]] = {}
    for message in messages:
        by_dossier.setdefault(message.dossier["MaHoSo"], []).append(message)
    assert sorted(by_dossier) == sorted(codes)
    lost = doubled = repeats = 0
    for code, queued in by_dossier.items():
        held = portal.dossier(code)
        versions = [v["HoSo"] for v in held["versions"]]
        # A create the portal stored just before it was killed, unanswered, is sent again and
        # answered "already exists": the sender then sends the same state as an update. The
        # portal holds that snapshot twice in a row: an idempotent repeat, not a second state.
        collapsed = [v for i, v in enumerate(versions) if i == 0 or v != versions[i - 1]]
        repeats += len(versions) - len(collapsed)
        lost += sum(1 for m in queued if m.dossier not in collapsed)
        doubled += max(0, len(collapsed) - len(queued))
        assert collapsed == [m.dossier for m in queued]  # each state once, in order
        assert held["HoSo"] == queued[-1].dossier  # the latest state won
        assert held["QuaTrinhXuLy"] == [s for m in queued for s in m.steps]  # no step twice
    counters = portal.counters()
    hard_figures(faults=kills, cases=len(messages), losses=lost + doubled, hits=hits,
                 repeats=repeats)  # fmt: skip
    assert counters["dossiers_created"] == len(codes)
    assert hits >= 1, "no kill came while messages were being sent"
    assert lost == doubled == 0


# --- PayGov killed during a payment ------------------------------------------------------------


@pytest.fixture
def paygov(tmp_path: Path, settings: Any) -> Iterator[tuple[Process, Simulator]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    nowhere = f"http://127.0.0.1:{free_port()}/nobody-listens/"  # callbacks never arrive
    command = [sys.executable, str(ROOT / "simulators" / "paygov" / "server.py"),
               "--port", str(port), "--partners", "MOTCUA-TEST=test-secret",
               "--callback-url", nowhere,
               "--state-file", str(tmp_path / "paygov.json")]  # fmt: skip
    simulator = Process(command, f"{url}/api/giao-dich")
    simulator.start()
    settings.MOTCUA_PAYGOV_URL = f"{url}/api/thanh-toan"
    settings.MOTCUA_PAYGOV_TIMEOUT_SECONDS = 2
    try:
        yield simulator, Simulator(url)
    finally:
        simulator.kill()


def test_paygov_killed_during_start_and_before_callback_reconciles_once(
    pay: Pay, paygov: tuple[Process, Simulator], client: Any, hard_figures: Any
) -> None:
    simulator, platform = paygov
    rounds = hard_size(2, 20)
    client.force_login(pay.citizen)
    with override("vi"):
        outage_text = gettext("The payment platform does not answer. Try again in a few minutes.")
    faults = 0
    for _ in range(rounds):
        dossier = pay.submit()
        request = payment_request_for_fees(dossier_id=dossier.pk)
        assert request is not None
        go = reverse("portal:payment_go", args=[request.pk])

        simulator.kill()  # down when the citizen presses "pay"
        faults += 1
        page = client.post(go, follow=True, HTTP_ACCEPT_LANGUAGE="vi")
        assert page.status_code == 200, "an outage is no server error"
        assert outage_text in page.content.decode()
        assert "Nền tảng thanh toán" in outage_text  # the Vietnamese catalogue, not English

        simulator.start()
        answer = client.post(go)
        assert answer.status_code == 302 and answer["Location"].startswith(platform.url)
        reference = answer["Location"].rsplit("/", 1)[1]
        platform.pay(reference, "success")  # paid; its callback reaches nobody

        simulator.kill()  # down when we ask about the payment
        faults += 1
        payments_reconcile(older_than_seconds=0)
        request.refresh_from_db()
        assert request.status == RequestStatus.PENDING  # not paid, not lost: asked again later

        simulator.start()
        payments_reconcile(older_than_seconds=0)
        payments_reconcile(older_than_seconds=0)  # a second pass changes nothing
        request.refresh_from_db()
        dossier.refresh_from_db()
        assert request.status == RequestStatus.PAID
        assert dossier.fees_paid_at is not None

    paid = PaymentTransaction.objects.filter(status=TransactionStatus.CONFIRMED)
    per_request = Counter(paid.values_list("request_id", flat=True))
    requests = PaymentRequest.objects.filter(status=RequestStatus.PAID).count()
    losses = (rounds - requests) + sum(n - 1 for n in per_request.values())
    hard_figures(faults=faults, cases=rounds, losses=losses)
    assert requests == rounds and set(per_request.values()) == {1}
    assert sum(t.amount for t in paid) == sum(
        r.amount for r in PaymentRequest.objects.filter(status=RequestStatus.PAID)
    )


# --- the SMTP server down, then flaky ------------------------------------------------------------


class FlakyInbox:
    """An SMTP server's mailbox; while `refuse_every` is set, every such message is refused
    with a temporary error (451) the first time its address is seen."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.seen: set[str] = set()
        self.refuse_every = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802 - aiosmtpd's hook name
        from email import message_from_bytes

        address = envelope.rcpt_tos[0]
        first = address not in self.seen
        self.seen.add(address)
        if self.refuse_every and first and len(self.seen) % self.refuse_every == 0:
            self.refused += 1
            return "451 4.3.0 try again later"
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def test_mail_queued_during_an_smtp_outage_is_delivered_exactly_once(
    world: World, settings: Any, hard_figures: Any
) -> None:
    count = hard_size(4, 80)
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    addresses = [f"nguoi{i}@example.invalid" for i in range(count)]
    with time_machine.travel(NOW, tick=False):
        for address in addresses:
            world.receive(
                applicant=ApplicantData(
                    name="Nguyễn Thị Hoa",
                    id_number="070190001234",
                    phone="0912345678",
                    email=address,
                )
            )
        notification_deliver_due()  # nobody listens on the SMTP port
    emails = Notification.objects.filter(channel="email")
    assert emails.count() == count
    assert set(emails.values_list("status", "attempts")) == {(DeliveryStatus.PENDING, 1)}
    assert "email:" in emails.first().last_error  # type: ignore[union-attr]

    inbox = FlakyInbox()
    inbox.refuse_every = 2  # back, but refusing every other message once
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
            notification_deliver_due()
            notification_deliver_due()  # a second pass sends nothing again
        with time_machine.travel(NOW + timedelta(minutes=7), tick=False):
            notification_deliver_due()
            notification_deliver_due()
    finally:
        controller.stop()
    received = Counter(str(m["To"]) for m in inbox.messages)
    lost = sum(1 for a in addresses if received[a] == 0)
    doubled = sum(n - 1 for n in received.values() if n > 1)
    hard_figures(faults=count + inbox.refused, cases=count, losses=lost + doubled)
    assert inbox.refused == count // 2
    assert lost == doubled == 0
    assert set(emails.values_list("status", flat=True)) == {DeliveryStatus.SENT}


# --- the upload disk full ----------------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path, settings: Any) -> Iterator[Path]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.hard.storage.FullDiskStorage"},
    }
    FullDiskStorage.full, FullDiskStorage.failures = False, 0
    try:
        yield Path(settings.MEDIA_ROOT)
    finally:
        FullDiskStorage.full = False


def test_a_full_disk_during_an_upload_says_so_and_leaves_nothing_half_written(
    world: World, full_disk: Path, client: Any, hard_figures: Any
) -> None:
    rounds = hard_size(3, 40)
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    document = world.version.documents.first()
    assert document is not None
    url = reverse("portal:draft_files", args=[draft.pk])
    client.force_login(world.citizen)
    with override("vi"):
        full_text = gettext(
            "The server cannot store your file right now. Nothing was saved; try again later."
        )
    for number in range(rounds):  # `number` files stored so far
        FullDiskStorage.full = True
        upload = SimpleUploadedFile(f"to-khai-{number}.pdf", PDF, content_type="application/pdf")
        page = client.post(url, {"document": document.pk, "file": upload}, follow=True)
        assert page.status_code == 200, "a full disk is no server error"
        assert full_text in page.content.decode()
        assert DraftFile.objects.filter(draft=draft).count() == number  # no row
        on_disk = [p for p in full_disk.rglob("*") if p.is_file()]
        assert len(on_disk) == number, "no partial file remains"

        FullDiskStorage.full = False  # space again: the same submission works
        upload = SimpleUploadedFile(f"to-khai-{number}.pdf", PDF, content_type="application/pdf")
        page = client.post(url, {"document": document.pk, "file": upload}, follow=True)
        assert page.status_code == 200 and full_text not in page.content.decode()
    rows = list(DraftFile.objects.filter(draft=draft))
    on_disk = sorted(str(p.relative_to(full_disk)) for p in full_disk.rglob("*") if p.is_file())
    orphans = set(on_disk) - {r.file.name for r in rows}
    missing = [r for r in rows if not os.path.exists(full_disk / r.file.name)]
    hard_figures(
        faults=FullDiskStorage.failures, cases=2 * rounds, losses=len(orphans) + len(missing)
    )
    assert FullDiskStorage.failures == rounds
    assert len(rows) == rounds and not orphans and not missing
    assert all((full_disk / r.file.name).read_bytes() == PDF for r in rows)
