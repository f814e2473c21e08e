"""The directive task screens through the views: a directive typed in with its tasks (bad input
saves nothing and keeps what was typed), each unit's scope, the lead unit's report and the
office's review, escaping, cancelling, the dashboard, its workbook and the landing page."""

from __future__ import annotations

import io
from datetime import datetime
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
from motcua.directives.constants import TaskStatus
from motcua.directives.models import Directive, DirectiveTask, TaskReport
from motcua.directives.services import task_report_review, task_report_submit
from motcua.dossiers.tests.conftest import World
from motcua.organisation.models import Agency
from motcua.organisation.selectors import agency_list_valid_on

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
SCRIPT = "<script>alert(1)</script>"
OURS = "Báo cáo kết quả thanh toán trực tuyến " + SCRIPT
THEIRS = "Rà soát thủ tục hành chính cấp xã"


def _agency(user: User) -> Agency:
    membership = membership_list_for_user(user=user, day=MONDAY.date()).first()
    assert membership is not None
    return membership.agency


def _third(world: World) -> Agency:
    """An agency neither of the demo officers' units."""
    mine = [_agency(world.leader).pk, _agency(world.other_desk).pk]
    agency = agency_list_valid_on(day=MONDAY.date()).exclude(pk__in=mine).order_by("pk").first()
    assert agency is not None
    return agency


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _form(*tasks: dict[str, Any], rows: int = 3, **directive: Any) -> dict[str, Any]:
    """The POST of the new-directive form: the directive's fields and `rows` task forms."""
    data: dict[str, Any] = {
        "number": "125/TB-UBND",
        "kind": "conclusion_notice",
        "issued_on": "2026-03-02",
        "issuer": "UBND tỉnh",
        "signer": "Trần Tuyết Minh",
        "summary": "Kết luận hội nghị chuyển đổi số.",
        "task-TOTAL_FORMS": str(max(rows, len(tasks))),
        "task-INITIAL_FORMS": "0",
        "task-MIN_NUM_FORMS": "0",
        "task-MAX_NUM_FORMS": "60",
        **directive,
    }
    for index, task in enumerate(tasks):
        data.update({f"task-{index}-{key}": value for key, value in task.items()})
    return data


def _task(content: str, lead: Agency | None, **fields: Any) -> dict[str, Any]:
    return {"content": content, "lead_agency": lead.pk if lead else "", **fields}


def _post(client: Client, data: dict[str, Any]) -> Any:
    return client.post(reverse("backoffice:directive_new"), data, HTTP_ACCEPT_LANGUAGE="vi")


def _record(client: Client, world: World) -> tuple[DirectiveTask, DirectiveTask]:
    """The office types in a directive with a task for the leader's unit and one for another."""
    client.force_login(world.monitor)
    response = _post(
        client,
        _form(
            _task(OURS, _agency(world.leader), report_by_day="2026-03-16"),
            _task(
                THEIRS,
                _agency(world.other_desk),
                complete_by_day="2026-03-31",
                complete_by_at="11:00",
                coordinating=[_third(world).pk],
            ),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get()
    assert response["Location"] == reverse("backoffice:directive_detail", args=[directive.pk])
    ours, theirs = directive.tasks.order_by("pk")
    return ours, theirs


def _page(client: Client, name: str, *args: Any, **params: Any) -> str:
    response = client.get(reverse(f"backoffice:{name}", args=args), params)
    assert response.status_code == 200
    return str(response.content.decode())


@time_machine.travel(MONDAY, tick=False)
def test_a_directive_is_recorded_whole_or_not_at_all_keeping_what_was_typed(
    world: World, client: Client, media: Path
) -> None:
    ours, theirs = _agency(world.leader), _agency(world.other_desk)
    url = reverse("backoffice:directive_new")
    client.force_login(world.leader)
    assert client.get(url).status_code == 404  # only the province office records directives
    client.force_login(world.monitor)
    page = client.get(url)
    assert page.status_code == 200 and len(page.context["tasks"].forms) == 3

    # "Add another task" comes back with one more form, what was typed and no error.
    typed = _form(_task("Nhiệm vụ thứ nhất", ours), number="", add_task="1")
    more = _post(client, typed)
    assert more.status_code == 200 and len(more.context["tasks"].forms) == 4
    html = more.content.decode()
    assert "Nhiệm vụ thứ nhất" in html and 'class="form-errors"' not in html

    # A report deadline before the directive's date: the service's sentence, nothing saved.
    early = _post(
        client,
        _form(
            _task("Nhiệm vụ thứ nhất", ours, report_by_day="2026-03-16"),
            _task("Nhiệm vụ thứ hai", theirs, report_by_day="2026-02-20"),
        ),
    )
    html = early.content.decode()
    assert early.status_code == 200
    assert "Nhiệm vụ 2: hạn báo cáo trước khi nhiệm vụ bắt đầu." in html
    assert "125/TB-UBND" in html and "Nhiệm vụ thứ hai" in html and "2026-02-20" in html
    assert f'<option value="{theirs.pk}" selected>' in html  # the lead unit chosen stays

    # Content without a lead unit, typed in the third form (the second left empty): the
    # message's "task 2" is the second form shown again.
    orphan = _post(
        client,
        _form(
            _task("Nhiệm vụ thứ nhất", ours, report_by_day="2026-03-16"),
            {},
            _task("Nhiệm vụ không có đơn vị", None, complete_by_day="2026-04-30"),
        ),
    )
    assert "Nhiệm vụ 2: hãy chọn đơn vị chủ trì." in orphan.content.decode()
    shown = orphan.context["tasks"].forms
    assert shown[1].initial["content"] == "Nhiệm vụ không có đơn vị"
    assert len(shown) == 3 and not shown[2].initial

    # A file that is not a PDF, JPEG or PNG.
    text_file = SimpleUploadedFile("qd.pdf", b"just text, not a PDF")
    refused = _post(client, _form(_task("Nhiệm vụ", ours), file=text_file))
    assert "PDF" in refused.content.decode() and refused.context["file_lost"]
    assert not Directive.objects.exists() and not DirectiveTask.objects.exists()

    done = _post(
        client,
        _form(
            _task("Nhiệm vụ thứ nhất", ours, report_by_day="2026-03-16", report_by_at="11:00"),
            _task(
                "Báo cáo định kỳ",
                theirs,
                recurrence="quarterly",
                recurrence_day="15",
                recurrence_until="2026-12-31",
            ),
            file=SimpleUploadedFile("thong-bao.pdf", PDF),
        ),
    )
    directive = Directive.objects.get()
    assert done.status_code == 302 and directive.tasks.count() == 2
    first, periodic = directive.tasks.order_by("pk")
    assert first.report_by == datetime(2026, 3, 16, 11, 0, tzinfo=VN)
    assert periodic.occurrences.count() == 4
    detail = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "thong-bao.pdf" in detail and "Nhiệm vụ thứ nhất" in detail
    file = client.get(reverse("backoffice:directive_file", args=[directive.pk]))
    assert file.status_code == 200 and file.getvalue().startswith(b"%PDF")
    periods = _page(client, "directive_task", periodic.pk)
    assert "Quý 1/2026" in periods and "Quý 4/2026" in periods


def _done_on_time(rows: list[Any], unit: Agency) -> int:
    """The unit's "done on time" count in the dashboard's table by unit."""
    cells = next(row.cells for row in rows if row.key == unit.pk)
    return {s.value: n for s, n in cells}[TaskStatus.DONE_ON_TIME]


@time_machine.travel(MONDAY, tick=False)
def test_each_unit_sees_its_own_tasks_and_markup_is_shown_as_text(
    world: World, client: Client, media: Path
) -> None:
    ours, theirs = _record(client, world)
    # The leader sees the task his unit leads, not the other; and the other unit the reverse.
    client.force_login(world.leader)
    listing = _page(client, "directive_tasks")
    assert "Báo cáo kết quả thanh toán" in listing and THEIRS not in listing
    assert client.get(reverse("backoffice:directive_task", args=[theirs.pk])).status_code == 404
    detail = _page(client, "directive_detail", ours.directive_id)
    assert "Báo cáo kết quả thanh toán" in detail and THEIRS not in detail
    client.force_login(world.other_desk)
    assert client.get(reverse("backoffice:directive_task", args=[ours.pk])).status_code == 404
    listing = _page(client, "directive_tasks")
    assert THEIRS in listing and "Báo cáo kết quả" not in listing
    client.force_login(world.citizen)
    assert client.get(reverse("backoffice:directive_tasks")).status_code == 404

    # Markup in a task is shown as text, on every page.
    client.force_login(world.leader)
    for page in (
        _page(client, "directive_tasks"),
        _page(client, "directive_task", ours.pk),
        _page(client, "directive_detail", ours.directive_id),
    ):
        assert SCRIPT not in page and "&lt;script&gt;alert(1)" in page
    client.force_login(world.monitor)
    dashboard = _page(client, "directive_dashboard")
    assert SCRIPT not in dashboard and "&lt;script&gt;alert(1)" in dashboard  # the calendar


@time_machine.travel(MONDAY, tick=False)
def test_the_lead_unit_reports_the_office_accepts_and_the_counts_follow(
    world: World, client: Client, media: Path
) -> None:
    ours, _theirs = _record(client, world)
    unit = _agency(world.leader)
    dashboard = client.get(reverse("backoffice:directive_dashboard"))
    assert _done_on_time(dashboard.context["tables"][0][3], unit) == 0
    client.force_login(world.leader)
    assert client.get(reverse("backoffice:directive_task", args=[ours.pk])).context["can_report"]

    report_url = reverse("backoffice:directive_report", args=[ours.occurrences.get().pk])
    with time_machine.travel(datetime(2026, 3, 12, 10, 0, tzinfo=VN), tick=False):
        client.force_login(world.leader)  # ten days on: a new session
        sent = client.post(
            report_url,
            {"kind": "completion", "text": "Đã hoàn thành.\nKèm báo cáo " + SCRIPT,
             "file": SimpleUploadedFile("bao-cao.pdf", PDF)},
            HTTP_ACCEPT_LANGUAGE="vi",
        )  # fmt: skip
        assert sent.status_code == 302
        assert sent["Location"] == reverse("backoffice:directive_task", args=[ours.pk])
        report = TaskReport.objects.get()
        assert report.kind == "completion" and report.file_name == "bao-cao.pdf"
        page = _page(client, "directive_task", ours.pk)
        assert "Đã hoàn thành.<br>Kèm báo cáo &lt;script&gt;" in page
        file_url = reverse("backoffice:directive_report_file", args=[report.pk])
        assert file_url in page
        assert client.get(file_url).getvalue().startswith(b"%PDF")
        # The leader cannot review; someone of another unit cannot report nor read the file.
        review_url = reverse("backoffice:directive_review", args=[report.pk])
        client.post(review_url, {"decision": "accept"})
        report.refresh_from_db()
        assert report.review == "submitted"
        client.force_login(world.other_desk)
        assert client.get(file_url).status_code == 404
        assert client.post(report_url, {"kind": "progress", "text": "x"}).status_code == 404

    with time_machine.travel(datetime(2026, 3, 13, 9, 0, tzinfo=VN), tick=False):
        client.force_login(world.monitor)
        waiting = client.get(reverse("backoffice:directive_tasks"))
        assert list(waiting.context["to_review"]) == [report]
        link = f"{reverse('backoffice:directive_task', args=[ours.pk])}#report-{report.pk}"
        assert link in waiting.content.decode()
        client.post(review_url, {"decision": "accept", "note": "Tốt."}, HTTP_ACCEPT_LANGUAGE="vi")
        report.refresh_from_db()
        assert report.review == "accepted" and report.reviewed_by == world.monitor
        task_page = client.get(reverse("backoffice:directive_task", args=[ours.pk]))
        assert task_page.context["view"].status.value == TaskStatus.DONE_ON_TIME
        assert "Hoàn thành đúng hạn" in task_page.content.decode()
        assert not client.get(reverse("backoffice:directive_tasks")).context["to_review"]
        dashboard = client.get(reverse("backoffice:directive_dashboard"))
        assert _done_on_time(dashboard.context["tables"][0][3], unit) == 1
        html = dashboard.content.decode()
        assert f'agency={unit.pk}">{unit.name}</a></th>' in html
        assert '<td class="n status-done_on_time" data-label="Hoàn thành đúng hạn">1</td>' in html


@time_machine.travel(MONDAY, tick=False)
def test_the_workbook_lists_the_tasks_and_a_leader_sees_his_units_figures(
    world: World, client: Client, media: Path
) -> None:
    ours, theirs = _record(client, world)
    unit = _agency(world.leader)
    sent_at = datetime(2026, 3, 12, 10, 0, tzinfo=VN)
    with time_machine.travel(sent_at, tick=False):
        report = task_report_submit(actor=world.leader, occurrence_id=ours.occurrences.get().pk,
                                    kind="completion", text="Xong.")  # fmt: skip
        task_report_review(actor=world.monitor, report_id=report.pk, accept=True)
        client.force_login(world.monitor)
        export = client.get(reverse("backoffice:directive_export"))
    assert export.status_code == 200
    assert export["Content-Disposition"] == 'attachment; filename="nhiem-vu-2026-03-12.xlsx"'
    book = load_workbook(io.BytesIO(export.content))
    tasks_sheet, units_sheet = book.worksheets
    listed = {row[2]: row for row in tasks_sheet.iter_rows(min_row=5, values_only=True)}
    assert set(listed) == {OURS, THEIRS}
    assert listed[OURS][0] == "125/TB-UBND" and listed[OURS][3] == unit.name
    assert listed[OURS][9] == "Hoàn thành đúng hạn"
    assert listed[OURS][10] == sent_at.replace(tzinfo=None)  # the last report, local time
    assert listed[THEIRS][4] == _third(world).name  # coordinating
    assert listed[THEIRS][5] == datetime(2026, 3, 31, 11, 0, tzinfo=VN).replace(tzinfo=None)
    counts = {row[0]: row for row in units_sheet.iter_rows(min_row=2, values_only=True)}
    assert counts[unit.name][-1] == 1 and counts[unit.name][4] == 1  # done on time
    assert counts[theirs.lead_agency.name][2] == 1  # not started

    # The leader's dashboard and workbook: only the tasks his unit leads.
    client.force_login(world.leader)
    mine = client.get(reverse("backoffice:directive_dashboard")).context["tables"][0][3]
    assert [row.key for row in mine] == [unit.pk]
    export = client.get(reverse("backoffice:directive_export"))
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(min_row=5))
    assert [row[2].value for row in rows] == [OURS]
    client.force_login(world.specialist)
    assert client.get(reverse("backoffice:directive_dashboard")).status_code == 404
    assert client.get(reverse("backoffice:directive_export")).status_code == 404


@time_machine.travel(MONDAY, tick=False)
def test_returned_reports_cancelled_tasks_overdue_first_and_the_landing_page(
    world: World, client: Client, media: Path
) -> None:
    unit = _agency(world.leader)
    client.force_login(world.monitor)
    response = _post(
        client,
        _form(
            _task("Nhiệm vụ hạn sau", unit, report_by_day="2026-03-20"),
            _task("Nhiệm vụ hạn gần", unit, report_by_day="2026-03-04"),
            _task("Nhiệm vụ sẽ hủy", unit, report_by_day="2026-03-09"),
            _task("Nhiệm vụ phối hợp", _agency(world.other_desk), report_by_day="2026-03-04",
                  coordinating=[unit.pk]),
        ),
    )  # fmt: skip
    assert response.status_code == 302
    later, soon, dropped, helping = Directive.objects.get().tasks.order_by("pk")

    # A unit coordinating a task reads it; only the lead unit reports.
    client.force_login(world.leader)
    assert not client.get(reverse("backoffice:directive_task", args=[helping.pk])).context[
        "can_report"
    ]
    refused = client.post(
        reverse("backoffice:directive_report", args=[helping.occurrences.get().pk]),
        {"kind": "progress", "text": "Đã phối hợp."}, follow=True, HTTP_ACCEPT_LANGUAGE="vi",
    )  # fmt: skip
    assert "Chỉ đơn vị chủ trì mới báo cáo nhiệm vụ này." in refused.content.decode()

    client.force_login(world.leader)
    client.post(
        reverse("backoffice:directive_report", args=[later.occurrences.get().pk]),
        {"kind": "progress", "text": "Đang tổng hợp số liệu."},
    )
    report = TaskReport.objects.get()
    client.force_login(world.monitor)
    review_url = reverse("backoffice:directive_review", args=[report.pk])
    refused = client.post(review_url, {"decision": "return"}, follow=True,
                          HTTP_ACCEPT_LANGUAGE="vi")  # fmt: skip
    assert "Hãy nhập lý do trả lại báo cáo." in refused.content.decode()
    client.post(review_url, {"decision": "return", "note": "Thiếu số liệu quý 1."})
    report.refresh_from_db()
    assert report.review == "returned"
    page = _page(client, "directive_task", later.pk)
    assert "Thiếu số liệu quý 1." in page and "Hình thức trả kết quả" not in page

    cancel_url = reverse("backoffice:directive_task_cancel", args=[dropped.pk])
    client.force_login(world.leader)
    assert client.post(cancel_url, {"reason": "Không còn phù hợp."}).status_code == 404
    client.force_login(world.monitor)
    client.post(cancel_url, {"reason": "Không còn phù hợp."})
    dropped.refresh_from_db()
    assert dropped.cancelled_at is not None and dropped.cancel_reason == "Không còn phù hợp."

    with time_machine.travel(datetime(2026, 3, 5, 9, 0, tzinfo=VN), tick=False):
        client.force_login(world.leader)  # officers' sessions are short
        rows = client.get(reverse("backoffice:directive_tasks")).context["rows"]
        # Overdue first, then by the next deadline; the cancelled one only asked for, last.
        assert [r.task.pk for r in rows] == [soon.pk, helping.pk, later.pk]
        assert [r.status.value for r in rows] == [
            TaskStatus.OVERDUE, TaskStatus.OVERDUE, TaskStatus.IN_PROGRESS,
        ]  # fmt: skip
        every = client.get(reverse("backoffice:directive_tasks"), {"status": "all"})
        assert [r.task.pk for r in every.context["rows"]] == [
            soon.pk, helping.pk, later.pk, dropped.pk,
        ]  # fmt: skip
        cancelled = client.get(reverse("backoffice:directive_tasks"), {"status": "cancelled"})
        assert [r.task.pk for r in cancelled.context["rows"]] == [dropped.pk]
        found = client.get(reverse("backoffice:directive_tasks"), {"q": "hạn sau"})
        assert [r.task.pk for r in found.context["rows"]] == [later.pk]
        landing = client.get(reverse("backoffice:landing"))
        assert landing.context["directive_tasks"] == {"overdue": 2, "due_week": 0}
        assert reverse("backoffice:directive_tasks") + "?status=overdue" in (
            landing.content.decode()
        )
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=VN), tick=False):
        client.force_login(world.leader)
        landing = client.get(reverse("backoffice:landing"))
        assert landing.context["directive_tasks"] == {"overdue": 2, "due_week": 1}
        week = client.get(reverse("backoffice:directive_tasks"), {"due": "week"})
        assert [r.task.pk for r in week.context["rows"]] == [later.pk]
