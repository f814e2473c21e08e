"""Dossier events become messages; a failing channel is retried, then another is used."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.dossiers.services import (
    ApplicantData,
    dossier_forward,
    dossier_request_supplement,
)
from motcua.dossiers.tests.conftest import World
from motcua.notifications import channels
from motcua.notifications.constants import DeliveryStatus, MessageKind
from motcua.notifications.models import Notification, NotificationPreference
from motcua.notifications.services import notification_deliver, notification_deliver_due

from .conftest import Inbox

pytestmark = pytest.mark.django_db(transaction=True)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
APPLICANT = ApplicantData(
    name="Nguyễn Thị Hoa",
    id_number="070190001234",
    phone="0912345678",
    email="hoa@example.invalid",
)


@pytest.fixture(autouse=True)
def _clear_log() -> None:
    channels.sent_messages.clear()


@time_machine.travel(NOW, tick=False)
def test_receipt_and_supplement_reach_the_applicant_by_sms_and_real_email(
    world: World, smtp: Inbox
) -> None:
    dossier = world.receive(applicant=APPLICANT)
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_request_supplement(
        actor=world.specialist, dossier_id=dossier.pk, reasons=[("Tờ khai", "Thiếu chữ ký")]
    )
    rows = Notification.objects.order_by("pk")
    assert [(r.kind, r.channel) for r in rows] == [
        (MessageKind.RECEIVED, "sms"),
        (MessageKind.RECEIVED, "email"),
        (MessageKind.SUPPLEMENT_REQUESTED, "sms"),
        (MessageKind.SUPPLEMENT_REQUESTED, "email"),
    ]
    assert notification_deliver_due() == 4
    assert set(rows.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    sms = [m.body for m in channels.sent_messages]
    assert dossier.code in sms[0] and "09:00 05/03/2026" in sms[0]
    assert "Tờ khai: Thiếu chữ ký" in sms[1]
    assert len(smtp.messages) == 2
    assert smtp.messages[0]["To"] == "hoa@example.invalid"
    assert dossier.code in str(smtp.messages[0]["Subject"]) or dossier.code in smtp.bodies()[0]
    assert "tra-cuu" in smtp.bodies()[0]
    assert "- Tờ khai: Thiếu chữ ký" in smtp.bodies()[1]


@time_machine.travel(NOW, tick=False)
def test_a_message_is_queued_once_per_event_and_channel(world: World) -> None:
    from motcua.dossiers.models import DossierEvent
    from motcua.notifications.receivers import on_dossier_event

    dossier = world.receive(applicant=APPLICANT)
    event = DossierEvent.objects.get(dossier=dossier)
    on_dossier_event(sender=DossierEvent, event=event)  # the signal again (a replay)
    assert Notification.objects.count() == 2


def _exhaust(row: Notification, start: datetime) -> datetime:
    """Deliver at each retry moment (1, 5, 30 minutes apart) until the row gives up."""
    moment = start
    for attempt, wait in enumerate((0, 1, 5, 30), start=1):
        moment += timedelta(minutes=wait)
        with time_machine.travel(moment, tick=False):
            notification_deliver(notification_id=row.pk)
            # Woken too early (before the next retry): nothing happens.
            notification_deliver(notification_id=row.pk)
        row.refresh_from_db()
        assert row.attempts == attempt
    assert row.status == DeliveryStatus.FAILED
    return moment


def test_a_failing_channel_is_retried_then_passed_on_until_one_works(
    world: World,
    smtp: Inbox,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.MOTCUA_NOTIFICATION_CHANNELS = {
        **settings.MOTCUA_NOTIFICATION_CHANNELS,
        "sms": "motcua.notifications.channels.FailingChannel",
        "zalo": "motcua.notifications.channels.FailingChannel",
    }
    NotificationPreference.objects.create(user=world.citizen, email=False, sms=True)
    world.citizen.phone, world.citizen.email = "0912345678", "an@example.invalid"
    world.citizen.save(update_fields=["phone", "email"])
    from motcua.dossiers.services import dossier_receive, dossier_submit

    agency = world.desk.memberships.get().agency
    with time_machine.travel(NOW, tick=False):
        dossier = dossier_submit(
            actor=world.citizen,
            intake=world.intake(channel="online"),
            receiving_agency_id=agency.pk,
        )
        dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    (sms,) = Notification.objects.all()
    assert sms.channel == "sms"  # only the chosen channel at first
    moment = _exhaust(sms, NOW)
    zalo = Notification.objects.get(fallback_of=sms)
    assert zalo.channel == "zalo"
    moment = _exhaust(zalo, moment)
    email = Notification.objects.get(fallback_of=zalo)
    assert email.channel == "email" and email.address == "an@example.invalid"
    with time_machine.travel(moment, tick=False):
        assert notification_deliver(notification_id=email.pk) == DeliveryStatus.SENT
    assert len(smtp.messages) == 1 and dossier.code in smtp.bodies()[0]
    assert "tra-cuu" in smtp.bodies()[0]  # the long text, not the SMS one


def test_with_no_other_channel_the_message_is_abandoned_but_kept(
    world: World,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.MOTCUA_NOTIFICATION_CHANNELS = {
        **settings.MOTCUA_NOTIFICATION_CHANNELS,
        "sms": "motcua.notifications.channels.FailingChannel",
    }
    settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS = 1
    with time_machine.travel(NOW, tick=False):
        world.receive()  # phone only
        (sms,) = Notification.objects.all()
        assert notification_deliver(notification_id=sms.pk) == DeliveryStatus.ABANDONED
    sms.refresh_from_db()
    assert sms.last_error == "channel unavailable" and sms.text_short


def test_the_citizen_chooses_channels_on_their_page(world: World, client) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    client.force_login(world.citizen)
    url = reverse("portal:account")
    refused = client.post(url, {"sms": "on", "language": "vi"})
    assert "thêm số điện thoại" in refused.content.decode()
    assert not NotificationPreference.objects.exists()
    world.citizen.phone = "0912345678"
    world.citizen.save(update_fields=["phone"])
    none = client.post(url, {"language": "vi"})
    assert not NotificationPreference.objects.exists() and none.status_code == 200
    client.post(url, {"sms": "on", "zalo": "on", "language": "en"})
    preference = NotificationPreference.objects.get(user=world.citizen)
    assert (preference.sms, preference.zalo, preference.email, preference.language) == (
        True,
        True,
        False,
        "en",
    )


@time_machine.travel(NOW, tick=False)
def test_a_petition_tells_the_citizen_it_was_received_and_answered(
    world: World, smtp: Inbox
) -> None:
    from motcua.feedback.services import (
        FeedbackInput,
        feedback_answer_approve,
        feedback_answer_draft,
        feedback_submit,
    )

    dossier = world.receive()
    channels.sent_messages.clear()
    Notification.objects.all().delete()
    feedback = feedback_submit(
        data=FeedbackInput(
            channel="portal", kind="regulation", title="Trễ hẹn", content="Hồ sơ trễ hẹn.",
            name="Lan", phone="0987654321", email="lan@example.invalid", dossier_code=dossier.code,
        )
    )  # fmt: skip
    feedback_answer_draft(actor=world.specialist, feedback_id=feedback.pk, text="Đã trả kết quả.")
    feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)
    rows = Notification.objects.order_by("pk")
    assert [(r.kind, r.channel, r.address) for r in rows] == [
        (MessageKind.FEEDBACK_RECEIVED, "sms", "0987654321"),
        (MessageKind.FEEDBACK_RECEIVED, "email", "lan@example.invalid"),
        (MessageKind.FEEDBACK_ANSWERED, "sms", "0987654321"),
        (MessageKind.FEEDBACK_ANSWERED, "email", "lan@example.invalid"),
    ]
    assert notification_deliver_due() == 4
    sms = [m.body for m in channels.sent_messages]
    assert feedback.code in sms[0] and feedback.tracking_token in sms[0]
    assert "Đã tiếp nhận phản ánh" in sms[0]
    assert "đã được" in sms[1] and "trả lời" in sms[1]
    assert "Đã trả kết quả." in smtp.bodies()[1]
