"""The petition (PAKN) screens through the views: inbox scope and deadline filters, a hotline
call typed in, the handling from routing to publication, escaping, the dashboard and its
workbook."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import Feedback, FeedbackAnswer
from motcua.feedback.services import FeedbackInput, feedback_route, feedback_submit
from motcua.organisation.models import Agency

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=VN)
PHONE = "0912 345 678"
_phones = count(1)


def _agency(user: User) -> Agency:
    membership = membership_list_for_user(user=user, day=MONDAY.date()).first()
    assert membership is not None
    return membership.agency


def _petition(world: World, agency: Agency | None, **overrides: Any) -> Feedback:
    """A hotline call typed in by the province office, sent on to `agency`."""
    values: dict[str, Any] = {
        "channel": "hotline",
        "kind": "regulation",
        "title": "Hồ sơ trễ hẹn",
        "content": "Hồ sơ của tôi đã quá hẹn mà chưa có kết quả.",
        "name": "Điểu Thị Lan",
        "phone": f"0913{next(_phones):06d}",  # one petition a minute per phone
    }
    values.update(overrides)
    feedback = feedback_submit(data=FeedbackInput(**values), entered_by=world.monitor)
    if agency is not None:
        feedback_route(actor=world.monitor, feedback_id=feedback.pk, agency_id=agency.pk)
    return feedback


def _codes(client: Client, **params: str) -> str:
    response = client.get(reverse("backoffice:feedback_inbox"), params)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_inbox_shows_each_officer_their_agency_and_filters_by_deadline(
    world: World, client: Client
) -> None:
    ours, theirs = _agency(world.specialist), _agency(world.other_desk)
    with time_machine.travel(MONDAY, tick=False):
        mine = _petition(world, ours)
        other = _petition(world, theirs)
        waiting = _petition(world, None)
    with time_machine.travel(datetime(2026, 3, 25, 9, tzinfo=VN), tick=False):
        later = _petition(world, ours)  # answer by 15/04
    client.force_login(world.specialist)
    with time_machine.travel(datetime(2026, 3, 26, 9, tzinfo=VN), tick=False):
        page = _codes(client)
        assert mine.code in page and later.code in page
        assert other.code not in page and waiting.code not in page
        detail = reverse("backoffice:feedback_detail", args=[other.pk])
        assert client.get(detail).status_code == 404
        # Answer by Mon 30/03 09:00: within the warning window on Thursday 26/03.
        soon = _codes(client, due="due_soon")
        assert mine.code in soon and later.code not in soon
        assert soon.count('class="row-due_soon"') == 1
        assert later.code not in _codes(client, due="overdue")
        assert mine.code in _codes(client, q=mine.code) and later.code not in _codes(
            client, q=mine.code
        )
    with time_machine.travel(datetime(2026, 3, 31, 9, tzinfo=VN), tick=False):
        overdue = _codes(client, due="overdue")
        assert mine.code in overdue and later.code not in overdue
        client.force_login(world.monitor)
        everything = _codes(client)
        assert all(p.code in everything for p in (mine, other, waiting, later))
        unrouted = _codes(client, agency="none")
        assert waiting.code in unrouted and mine.code not in unrouted
        by_agency = _codes(client, agency=str(theirs.pk))
        assert other.code in by_agency and mine.code not in by_agency
        assert everything.index(mine.code) < everything.index(later.code)  # most urgent first
    client.force_login(world.citizen)
    assert client.get(reverse("backoffice:feedback_inbox")).status_code == 404


@time_machine.travel(MONDAY, tick=False)
def test_a_hotline_call_typed_in_is_stored_once_and_bad_input_stores_nothing(
    world: World, client: Client
) -> None:
    url = reverse("backoffice:feedback_hotline")
    client.force_login(world.specialist)
    assert client.get(url).status_code == 404  # only the province office and the desks
    client.force_login(world.monitor)
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {"kind": "regulation", "content": "Chậm trễ", "name": "Lan", "phone": "12345"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert bad.status_code == 200 and "10 chữ số" in bad.content.decode()
    empty = client.post(url, {"kind": "regulation", "content": "  ", "name": "Lan"})
    assert empty.status_code == 200
    assert not Feedback.objects.exists()
    response = client.post(
        url,
        {"kind": "behaviour", "title": "", "content": "Cán bộ xã hẹn đi hẹn lại nhiều lần.",
         "name": "Lê Văn Tám", "phone": PHONE},
    )  # fmt: skip
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:feedback_detail", args=[feedback.pk])
    assert feedback.channel == "hotline" and feedback.entered_by == world.monitor
    assert feedback.kind == "behaviour" and feedback.phone == "0912345678"
    assert feedback.title.startswith("Cán bộ xã")  # the title from the first words
    page = client.get(response["Location"]).content.decode()
    assert feedback.code in page and "Lê Văn Tám" in page
    client.force_login(world.desk)  # a desk officer may type calls in too
    typed = client.post(
        url,
        {"kind": "other", "content": "Đề nghị thêm ghế chờ.", "name": "An", "phone": "0987654321"},
    )
    by_desk = Feedback.objects.get(entered_by=world.desk)
    assert by_desk.channel == "hotline" and by_desk.status == "awaiting_routing"
    # The officer who typed the call in keeps seeing it, though it waits for the province.
    assert typed["Location"] == reverse("backoffice:feedback_detail", args=[by_desk.pk])
    assert client.get(typed["Location"]).status_code == 200


def _act(client: Client, feedback: Feedback, action: str, **data: Any) -> str:
    url = reverse("backoffice:feedback_act", args=[feedback.pk, action])
    response = client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    return str(response.content.decode())


@time_machine.travel(MONDAY, tick=False)
def test_a_petition_is_handled_through_the_screens_from_routing_to_publication(
    world: World, client: Client
) -> None:
    ours = _agency(world.specialist)
    feedback = _petition(
        world,
        None,
        title="Điểu Thị Lan phản ánh hồ sơ trễ hẹn",
        content=f"Tôi là Điểu Thị Lan, số điện thoại {PHONE}. Hồ sơ của tôi trễ hẹn 5 ngày.",
        phone=PHONE,
    )
    detail = reverse("backoffice:feedback_detail", args=[feedback.pk])
    client.force_login(world.monitor)
    page = client.get(detail)
    assert {"route", "refuse"} <= page.context["possible"]
    _act(client, feedback, "route", agency=ours.pk, note="Thuộc thẩm quyền UBND xã")
    feedback.refresh_from_db()
    assert feedback.agency == ours and feedback.status == "processing"

    client.force_login(world.specialist)
    assert "draft" in client.get(detail).context["possible"]
    _act(client, feedback, "draft", text="Kính gửi bà, UBND xã đã kiểm tra hồ sơ.")
    feedback.refresh_from_db()
    assert feedback.status == "awaiting_approval"
    refused = _act(client, feedback, "approve")  # a specialist cannot approve
    assert "lãnh đạo" in refused
    feedback.refresh_from_db()
    assert feedback.status == "awaiting_approval"

    client.force_login(world.leader)
    assert {"approve", "return"} <= client.get(detail).context["possible"]
    _act(client, feedback, "return", note="Nêu rõ ngày trả kết quả.")
    feedback.refresh_from_db()
    assert feedback.status == "processing"

    client.force_login(world.specialist)
    page = client.get(detail)
    assert page.context["forms"]["draft"].initial["text"].startswith("Kính gửi bà")
    assert "Nêu rõ ngày trả kết quả." in page.content.decode()  # the leader's remarks
    _act(client, feedback, "draft", text=f"Kết quả trả ngày 12/03. Liên hệ {PHONE} nếu cần.")
    client.force_login(world.leader)
    _act(client, feedback, "approve")
    feedback.refresh_from_db()
    assert feedback.status == "answered" and feedback.publish_by is not None

    client.force_login(world.monitor)
    page = client.get(detail)
    assert "publish" in page.context["possible"]
    initial = page.context["forms"]["publish"].initial
    assert PHONE not in initial["content"] and "Điểu Thị Lan" not in initial["title"]
    _act(
        client,
        feedback,
        "publish",
        title=initial["title"],
        content=initial["content"] + f" Gọi lại số {PHONE}.",  # typed again: masked again
        answer_text=initial["answer_text"],
    )
    feedback.refresh_from_db()
    answer = FeedbackAnswer.objects.get(feedback=feedback)
    assert feedback.status == "published" and answer.approved_by == world.leader
    digits = PHONE.replace(" ", "")
    for text in (feedback.public_title, feedback.public_content, answer.public_text):
        assert PHONE not in text and digits not in text
    assert "Điểu Thị Lan" not in feedback.public_content
    history = client.get(detail).context["history"]
    assert [row.event.action for row in history] == [
        "submitted", "routed", "drafted", "returned", "drafted", "approved", "published",
    ]  # fmt: skip


@time_machine.travel(MONDAY, tick=False)
def test_markup_is_escaped_and_an_anonymous_senders_details_stay_with_the_province(
    world: World, client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    feedback = _petition(
        world,
        _agency(world.specialist),
        title="<b>Tiêu đề</b>",
        content="<script>alert(1)</script>\nDòng thứ hai",
        anonymous=True,
        name="",
        phone=PHONE,
        files=[SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)],
    )
    detail = reverse("backoffice:feedback_detail", args=[feedback.pk])
    client.force_login(world.specialist)
    page = client.get(detail).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<br>Dòng thứ hai" in page and "<b>Tiêu đề</b>" not in page
    assert PHONE not in page and "0912345678" not in page  # hidden from the agency
    attachment = feedback.attachments.get()
    file_url = reverse("backoffice:feedback_file", args=[feedback.pk, attachment.pk])
    assert file_url in page
    response = client.get(file_url)
    assert response.status_code == 200 and response.getvalue().startswith(b"\x89PNG")
    inbox = _codes(client)
    assert "<b>Tiêu đề</b>" not in inbox and "&lt;b&gt;Tiêu đề&lt;/b&gt;" in inbox
    client.force_login(world.monitor)
    assert "0912345678" in client.get(detail).content.decode()
    client.force_login(world.other_desk)
    assert client.get(file_url).status_code == 404


def test_the_dashboard_counts_the_period_and_its_workbook_has_no_personal_data(
    world: World, client: Client
) -> None:
    ours, theirs = _agency(world.specialist), _agency(world.other_desk)
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=VN), tick=False):
        late = _petition(world, ours, phone=PHONE, content=f"Gọi tôi: {PHONE}.")  # by 23/03
    with time_machine.travel(datetime(2026, 3, 25, 9, tzinfo=VN), tick=False):
        on_time = _petition(world, ours, kind="behaviour")
        elsewhere = _petition(world, theirs, kind="other")
    march = {"period": "month", "year": "2026", "n": "3"}
    with time_machine.travel(datetime(2026, 3, 31, 9, tzinfo=VN), tick=False):
        client.force_login(world.specialist)
        assert client.get(reverse("backoffice:feedback_dashboard")).status_code == 404
        client.force_login(world.leader)
        page = client.get(reverse("backoffice:feedback_dashboard"), march)
        assert page.status_code == 200
        figures = page.context["figures"]
        assert figures.total.total == 2 and figures.total.late == 1
        classified, on_time_row, satisfied_row = figures.indicators
        assert (classified.number, classified.numerator, classified.denominator) == ("5.1", 2, 2)
        assert classified.points is None
        assert (on_time_row.number, on_time_row.numerator, on_time_row.denominator) == (
            "5.2", 1, 2,
        )  # fmt: skip
        assert on_time_row.percent == Decimal("50.00") and on_time_row.points == Decimal("3.00")
        assert satisfied_row.number == "5.3" and satisfied_row.points == Decimal("3.00")
        assert [row.name for row in figures.by_agency] == [ours.name]
        overdue = page.context["overdue"]
        assert [row.feedback.code for _name, rows in overdue for row in rows] == [late.code]
        assert late.code in page.content.decode()

        export = client.get(reverse("backoffice:feedback_dashboard_export"), march)
        assert export.status_code == 200
        book = load_workbook(io.BytesIO(export.content))
        assert len(book.worksheets) == 3
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        listing = list(book.worksheets[2].iter_rows(values_only=True))[1:]
        assert sorted(row[0] for row in listing) == sorted([late.code, on_time.code])
        assert elsewhere.code not in cells
        late_column = {row[0]: row[7] for row in listing}
        assert late_column[late.code] != late_column[on_time.code]
        assert not any(PHONE in c or "0912345678" in c or "Điểu Thị Lan" in c for c in cells)

        client.force_login(world.monitor)
        everything = client.get(reverse("backoffice:feedback_dashboard"), march)
        assert everything.context["figures"].total.total == 3
        assert (
            client.get(
                reverse("backoffice:feedback_dashboard"), {"period": "month", "year": "2026"}
            ).status_code
            == 400
        )  # a month without its number
    with time_machine.travel(datetime(2026, 5, 4, 9, tzinfo=VN), tick=False):
        client.force_login(world.monitor)  # the earlier session has expired
        empty = client.get(reverse("backoffice:feedback_dashboard"), march | {"n": "4"})
        rows = empty.context["figures"].indicators
        assert rows[1].denominator == 0 and rows[1].points == Decimal("6.00")  # none: full marks


def test_the_landing_page_warns_of_petitions_due_soon_and_late(
    world: World, client: Client
) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    import time_machine

    from motcua.feedback.services import FeedbackInput, feedback_submit

    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    monday = datetime(2026, 3, 9, 9, 0, tzinfo=vn)
    for minute in (0, 2):
        with time_machine.travel(monday + timedelta(minutes=minute), tick=False):
            feedback_submit(
                data=FeedbackInput(channel="hotline", kind="other", title="Ghế chờ",
                                   content="Thiếu ghế chờ.", name="An",
                                   phone=f"091234567{minute}"),
                entered_by=world.monitor,
            )  # fmt: skip
    client.force_login(world.monitor)
    # Their limit is Monday 30 March 09:00 and 09:02: due within 2 working days on Friday the
    # 27th, late on Tuesday the 31st.
    with time_machine.travel(datetime(2026, 3, 27, 9, 0, tzinfo=vn), tick=False):
        page = client.get(reverse("backoffice:landing"), HTTP_ACCEPT_LANGUAGE="vi")
        assert "2 phản ánh, kiến nghị sắp đến hạn" in page.content.decode()
    with time_machine.travel(datetime(2026, 3, 31, 9, 0, tzinfo=vn), tick=False):
        page = client.get(reverse("backoffice:landing"), HTTP_ACCEPT_LANGUAGE="vi")
        assert "2 phản ánh, kiến nghị đã quá hạn" in page.content.decode()
