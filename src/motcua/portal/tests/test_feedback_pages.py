"""Petitions (PAKN) on the portal: sending (signed in, or after proving a phone with a code),
bad input refused in Vietnamese with nothing stored, the citizen's page with its supplement and
rating forms, the reopening, and the public page that shows no personal data."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import OneTimeCode
from motcua.accounts.selectors import membership_list_for_user
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import Feedback, FeedbackAttachment, FeedbackEvent
from motcua.feedback.services import (
    feedback_answer_approve,
    feedback_answer_draft,
    feedback_publish,
    feedback_request_supplement,
    feedback_route,
)
from motcua.notifications import channels
from motcua.organisation.selectors import agency_list_valid_on

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=VN)
NEW, VERIFY, PUBLIC, MINE = (
    reverse("portal:feedback_new"),
    reverse("portal:feedback_verify"),
    reverse("portal:feedback_public"),
    reverse("portal:my_feedback"),
)
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
PHONE = "0912345678"
ID_NUMBER = "070190001234"


def _png() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def _fresh(settings: Any, tmp_path: Path) -> None:
    cache.clear()
    channels.sent_messages.clear()
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def citizen_client(world: World, client: Client) -> Client:
    world.citizen.phone = PHONE
    world.citizen.save(update_fields=["phone"])
    client.force_login(world.citizen)
    return client


def _form(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": "regulation",
        "title": "Hồ sơ đất đai trễ hẹn",
        "content": "Hồ sơ của tôi đã quá hẹn 5 ngày mà chưa có kết quả.",
        "name": "Nguyễn Văn An",
        "email": "",
    }
    values.update(overrides)
    return values


def _code() -> str:
    match = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert match, channels.sent_messages[-1].body
    return match.group(1)


def _track_url(feedback: Feedback) -> str:
    return reverse("portal:feedback_track", args=[feedback.tracking_token])


def _leader_agency_id(world: World) -> int:
    membership = membership_list_for_user(user=world.leader).first()
    assert membership is not None
    assert (
        membership_list_for_user(user=world.specialist)
        .filter(agency_id=membership.agency_id)
        .exists()
    )
    return membership.agency_id


def _answered(world: World, feedback: Feedback, text: str = "Đã chỉ đạo trả kết quả.") -> None:
    feedback_answer_draft(actor=world.specialist, feedback_id=feedback.pk, text=text)
    feedback_answer_approve(actor=world.leader, feedback_id=feedback.pk)


@time_machine.travel(MONDAY, tick=False)
def test_a_signed_in_citizen_sends_with_a_photo_and_lands_on_the_tracking_page(
    world: World, citizen_client: Client
) -> None:
    page = citizen_client.get(NEW).content.decode()
    assert 'value="Nguyễn Văn An"' in page  # the name comes from the account
    assert PHONE in page and 'name="phone"' not in page  # the account's phone, read-only
    assert "multiple" in page and 'accept="image/jpeg,image/png,application/pdf"' in page
    photo = SimpleUploadedFile("anh-chup.png", _png(), content_type="image/png")
    sent = citizen_client.post(NEW, _form(attachments=[photo]))
    feedback = Feedback.objects.get()
    assert sent.status_code == 302 and sent["Location"] == _track_url(feedback)
    assert (feedback.citizen, feedback.phone, feedback.channel) == (world.citizen, PHONE, "portal")
    assert FeedbackAttachment.objects.get(feedback=feedback).content_type == "image/png"
    tracked = citizen_client.get(sent["Location"])
    text = tracked.content.decode()
    assert feedback.code in text and tracked["Cache-Control"] == "no-store"
    assert "30/03/2026" in text  # answer due within 15 working days
    assert 'class="message message-success"' in text
    mine = citizen_client.get(MINE).content.decode()
    assert feedback.code in mine and _track_url(feedback) in mine


@time_machine.travel(MONDAY, tick=False)
def test_a_visitor_proves_the_phone_first_then_sends(world: World, client: Client) -> None:
    first = client.get(NEW).content.decode()
    assert 'name="phone"' in first and 'name="content"' not in first
    asked = client.post(NEW, {"phone": "0912 345 678"})
    assert asked.status_code == 302 and asked["Location"] == VERIFY
    assert channels.sent_messages[-1].address == PHONE
    assert OneTimeCode.objects.get().purpose == OneTimeCode.Purpose.FEEDBACK
    wrong = client.post(VERIFY, {"code": "000000" if _code() != "000000" else "111111"}, **VI)
    assert "không đúng" in wrong.content.decode()
    assert client.post(VERIFY, {"code": _code()})["Location"] == NEW
    form = client.get(NEW).content.decode()
    assert 'name="content"' in form and PHONE in form and 'name="phone"' not in form
    sent = client.post(NEW, _form(name="Trần Thị Mai", anonymous="on"))
    feedback = Feedback.objects.get()
    assert sent["Location"] == _track_url(feedback)
    assert feedback.phone == PHONE and feedback.citizen is None
    assert feedback.anonymous and feedback.name == ""  # an anonymous tip carries no name
    assert client.post(NEW, {"other_phone": "1"})["Location"] == NEW
    assert 'name="phone"' in client.get(NEW).content.decode()  # another number, another code


def test_the_proven_phone_lasts_30_minutes(world: World, client: Client) -> None:
    with time_machine.travel(MONDAY, tick=False):
        client.post(NEW, {"phone": PHONE})
        client.post(VERIFY, {"code": _code()})
    with time_machine.travel(MONDAY + timedelta(minutes=29), tick=False):
        assert 'name="content"' in client.get(NEW).content.decode()
    with time_machine.travel(MONDAY + timedelta(minutes=31), tick=False):
        late = client.post(NEW, _form())
        assert late.status_code == 200 and 'name="phone"' in late.content.decode()
        assert 'role="alert"' in late.content.decode()  # says why it was not sent
    assert not Feedback.objects.exists()


def test_a_signed_in_citizen_without_a_phone_must_prove_one(world: World, client: Client) -> None:
    client.force_login(world.citizen)  # the demo citizen has no phone on the account
    assert 'name="phone"' in client.get(NEW).content.decode()
    assert client.post(NEW, _form()).status_code == 200
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"content": "   "}, "Hãy nhập nội dung"),
        ({"content": "x" * 100_000}, "Nội dung quá dài"),
        ({"attachments": "exe"}, "Chỉ nhận tệp PDF, JPEG hoặc PNG"),
        ({"title": "<script>alert(1)</script>", "content": ""}, "Hãy nhập nội dung"),
    ],
)
@time_machine.travel(MONDAY, tick=False)
def test_bad_input_is_refused_in_vietnamese_keeping_what_was_typed_and_storing_nothing(
    citizen_client: Client, overrides: dict[str, Any], message: str
) -> None:
    if overrides.get("attachments") == "exe":
        overrides["attachments"] = SimpleUploadedFile("anh.png", b"MZ\x90\x00" * 64, "image/png")
    response = citizen_client.post(NEW, _form(**overrides), **VI)
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text and 'class="form-errors"' in text
    assert "<script>alert(1)" not in text
    if "<script>" in overrides.get("title", ""):
        assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in text
    else:
        assert 'value="Hồ sơ đất đai trễ hẹn"' in text  # what was typed stays
    assert not Feedback.objects.exists() and not FeedbackAttachment.objects.exists()


@time_machine.travel(MONDAY, tick=False)
def test_markup_in_a_title_is_shown_as_text(citizen_client: Client) -> None:
    sent = citizen_client.post(NEW, _form(title="<script>alert(1)</script> trễ hẹn"))
    text = citizen_client.get(sent["Location"]).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; trễ hẹn" in text
    assert "<script>alert(1)" not in text


def test_the_tracking_page_takes_a_supplement_then_a_rating_that_reopens(
    world: World, citizen_client: Client
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        citizen_client.post(NEW, _form())
        feedback = Feedback.objects.get()
        url = _track_url(feedback)
        feedback_route(
            actor=world.monitor, feedback_id=feedback.pk, agency_id=_leader_agency_id(world)
        )
        feedback_request_supplement(
            actor=world.specialist, feedback_id=feedback.pk, question="Xin gửi ảnh biên nhận."
        )
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        page = citizen_client.get(url).content.decode()
        assert "Xin gửi ảnh biên nhận." in page and 'value="supplement"' in page
        assert world.specialist.display_name not in page  # no officer names
        assert 'value="rate"' not in page
        empty = citizen_client.post(url, {"action": "supplement", "text": " "}, **VI)
        assert "Hãy nhập thông tin được yêu cầu" in empty.content.decode()
        photo = SimpleUploadedFile("bien-nhan.png", _png(), content_type="image/png")
        done = citizen_client.post(
            url, {"action": "supplement", "text": "Đã gửi ảnh.", "attachments": [photo]}
        )
        assert done.status_code == 302 and done["Location"] == url
        feedback.refresh_from_db()
        assert feedback.status == "processing" and feedback.attachments.count() == 1
        _answered(world, feedback, "Đã chỉ đạo bộ phận một cửa trả kết quả trong tuần.")
    with time_machine.travel(MONDAY + timedelta(days=2), tick=False):
        page = citizen_client.get(url).content.decode()
        assert "Đã chỉ đạo bộ phận một cửa trả kết quả trong tuần." in page
        assert 'value="rate"' in page and 'value="supplement"' not in page
        assert world.leader.display_name not in page
        unsaid = citizen_client.post(url, {"action": "rate", "satisfied": "0", "comment": ""}, **VI)
        assert "Hãy cho biết câu trả lời còn thiếu" in unsaid.content.decode()
        feedback.refresh_from_db()
        assert feedback.status == "answered"
        rated = citizen_client.post(
            url, {"action": "rate", "satisfied": "0", "comment": "Vẫn chưa nhận kết quả."}
        )
        assert rated["Location"] == url
        feedback.refresh_from_db()
        assert (feedback.status, feedback.round) == ("processing", 2)
        page = citizen_client.get(url).content.decode()
        assert feedback.handle_by.astimezone(VN).strftime("%d/%m/%Y") in page
        assert 'value="rate"' not in page
        again = citizen_client.post(url, {"action": "rate", "satisfied": "1"})
        assert again.status_code == 302  # a stale form changes nothing
    assert FeedbackEvent.objects.filter(feedback=feedback, action="rated").count() == 1


@time_machine.travel(MONDAY, tick=False)
def test_a_satisfied_rating_closes_the_round(world: World, citizen_client: Client) -> None:
    citizen_client.post(NEW, _form())
    feedback = Feedback.objects.get()
    feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=_leader_agency_id(world))
    _answered(world, feedback)
    url = _track_url(feedback)
    assert citizen_client.post(url, {"action": "rate", "satisfied": "1"})["Location"] == url
    answer = feedback.answers.get()
    assert answer.satisfied is True and answer.rated_at is not None
    feedback.refresh_from_db()
    assert feedback.status == "answered" and feedback.round == 1


def test_an_unknown_link_is_not_found(client: Client, db: Any) -> None:
    assert client.get(reverse("portal:feedback_track", args=["x" * 43])).status_code == 404
    assert client.get(reverse("portal:feedback_public_detail", args=["PAKN-1"])).status_code == 404


def test_the_public_page_lists_searches_and_hides_personal_data(
    world: World, citizen_client: Client
) -> None:
    email = "an.nguyen@example.invalid"
    content = (
        f"Tôi là Nguyễn Văn An, căn cước {ID_NUMBER}, điện thoại 0912 345 678, email {email}. "
        "Hồ sơ chuyển mục đích sử dụng đất của tôi trễ hẹn."
    )
    with time_machine.travel(MONDAY, tick=False):
        dossier = world.receive()
        citizen_client.post(
            NEW, _form(title="Nguyễn Văn An: hồ sơ trễ hẹn", content=content, email=email)
        )
        feedback = Feedback.objects.get()
        feedback_route(
            actor=world.monitor, feedback_id=feedback.pk, agency_id=_leader_agency_id(world)
        )
        _answered(world, feedback, f"Đã liên hệ ông An qua số {PHONE} và trả kết quả.")
        hidden = Feedback.objects.get()
        assert not client_sees(Client(), PUBLIC, feedback.code)  # not published yet
        feedback_publish(
            actor=world.monitor,
            feedback_id=feedback.pk,
            title=hidden.public_title,
            content=hidden.public_content,
            answer_text=hidden.answers.get().public_text,
        )
    visitor = Client()
    listing = visitor.get(PUBLIC).content.decode()
    detail = visitor.get(
        reverse("portal:feedback_public_detail", args=[feedback.code])
    ).content.decode()
    assert feedback.code in listing and "chuyển mục đích sử dụng đất" in detail
    assert "trả kết quả" in detail and "09/03/2026" in detail
    for page in (listing, detail):
        for secret in (PHONE, "0912 345 678", ID_NUMBER, "Nguyễn Văn An", email, dossier.code):
            assert secret not in page
        assert world.citizen.email not in page
    assert client_sees(visitor, PUBLIC + "?q=mục+đích", feedback.code)
    assert client_sees(visitor, PUBLIC + f"?q={feedback.code}", feedback.code)
    assert not client_sees(visitor, PUBLIC + "?q=khai+sinh", feedback.code)
    agency = _leader_agency_id(world)
    assert client_sees(visitor, PUBLIC + f"?co-quan={agency}", feedback.code)
    other = agency_list_valid_on(day=MONDAY.date()).exclude(pk=agency).first()
    assert other is not None
    assert not client_sees(visitor, PUBLIC + f"?co-quan={other.pk}&trang=x", "PAKN-")
    assert client_sees(visitor, PUBLIC + "?linh-vuc=%C2%B2&co-quan=-1", feedback.code)  # ignored
    assert 'href="/phan-anh/gui/"' in listing


def client_sees(client: Client, url: str, text: str) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return text in response.content.decode()


def test_my_petitions_is_for_signed_in_citizens(world: World, client: Client) -> None:
    assert client.get(MINE).status_code == 302  # to sign in
    client.force_login(world.specialist)
    assert client.get(MINE).status_code == 404
    client.force_login(world.citizen)
    assert client.get(MINE).status_code == 200
    account = client.get(reverse("portal:account")).content.decode()
    assert f'href="{MINE}"' in account and f'href="{PUBLIC}"' in account  # and in the nav


def test_one_connection_cannot_text_codes_to_many_numbers(
    world: World, client: Client, settings: Any
) -> None:
    settings.MOTCUA_OTP_PER_CLIENT_HOUR = 2
    for number in ("0912345671", "0912345672"):
        assert client.post(NEW, {"phone": number}).status_code == 302
    third = client.post(NEW, {"phone": "0912345673"}, **VI)
    assert third.status_code == 200 and "Quá nhiều mã" in third.content.decode()
    assert [m.address for m in channels.sent_messages] == ["0912345671", "0912345672"]
