"""A directive from end to end in real browsers: the province office types in a conclusion
notice with two tasks (the first attempt refused, for a task without its lead unit, keeps what
was typed); the ward that leads the first task reports its completion with a PDF; the office
accepts the report; the task is done on time and the dashboard counts it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.e2e.helpers import PDF, signed_in

pytestmark = pytest.mark.usefixtures("demo_data")
DESKTOP = {"width": 1366, "height": 900}
COMMUNE = "Ủy ban nhân dân phường Đồng Xoài"
OTHER = "Ủy ban nhân dân phường Bình Phước"
NUMBER = "45/TB-UBND"
OURS = "Báo cáo kết quả thanh toán trực tuyến phí, lệ phí trên địa bàn phường."
THEIRS = "Rà soát, công khai thủ tục hành chính tại Bộ phận Một cửa."


def _done_on_time(page: Page) -> Any:
    """The ward's "done on time" count on the dashboard."""
    return page.locator("#counts-unit tr", has_text=COMMUNE).locator("td.status-done_on_time")


def _record(page: Page, base: str, shot: Any) -> None:
    """The office types the directive in; the first try lacks the second task's lead unit."""
    today = timezone.localdate()
    page.goto(f"{base}/backoffice/directives/new/")
    page.locator("[name=number]").fill(NUMBER)
    page.locator("[name=kind]").select_option("conclusion_notice")
    page.locator("[name=issued_on]").fill(today.isoformat())
    page.locator("[name=issuer]").fill("UBND tỉnh")
    page.locator("[name=signer]").fill("Trần Tuyết Minh")
    page.locator("[name=summary]").fill("Kết luận hội nghị về dịch vụ công trực tuyến.")
    page.locator("[name=task-0-content]").fill(OURS)
    page.locator("[name=task-0-lead_agency]").select_option(label=COMMUNE)
    page.locator("[name=task-0-report_by_day]").fill((today + timedelta(days=14)).isoformat())
    page.locator("[name=task-1-content]").fill(THEIRS)
    page.locator("[name=task-1-complete_by_day]").fill((today + timedelta(days=30)).isoformat())
    page.locator("button[name=save]").click()
    expect(page.locator(".form-errors")).to_contain_text("hãy chọn đơn vị chủ trì")
    expect(page.locator("[name=number]")).to_have_value(NUMBER)
    expect(page.locator("[name=task-1-content]")).to_have_value(THEIRS)
    shot(page, "refused")
    page.locator("[name=task-1-lead_agency]").select_option(label=OTHER)
    page.locator("button[name=save]").click()
    expect(page.locator("main h1")).to_contain_text(NUMBER)
    expect(page.locator("main")).to_contain_text(OTHER)
    shot(page, "recorded")


@pytest.mark.e2e
def test_a_directive_is_recorded_reported_on_accepted_and_counted(
    live_server: LiveServer, new_context: Any, tmp_path: Path, settings: Any, shot: Any
) -> None:
    from motcua.directives.models import DirectiveTask, TaskReport

    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    office = signed_in(new_context(viewport=DESKTOP), base, "giamsat")
    _record(office, base, shot)
    assert DirectiveTask.objects.count() == 2
    office.goto(f"{base}/backoffice/directives/dashboard/")
    expect(_done_on_time(office)).to_have_text("0")

    # The ward's leader finds only its own task, and reports it done, with the PDF.
    leader = signed_in(new_context(viewport=DESKTOP), base, "lanhdao")
    leader.goto(f"{base}/backoffice/")
    leader.locator("section[aria-labelledby=directives-h] ul a").first.click()  # the list
    expect(leader.locator("main table")).to_contain_text(OURS)
    expect(leader.locator("main")).not_to_contain_text(THEIRS)
    leader.get_by_role("link", name=OURS).click()
    form = leader.locator("form.report-form")
    form.locator("input[name=kind][value=completion]").check()
    form.locator("[name=text]").fill("Phường đã hoàn thành; kèm báo cáo kết quả.")
    report_file = tmp_path / "bao-cao-ket-qua.pdf"
    report_file.write_bytes(PDF)
    form.locator("[name=file]").set_input_files(str(report_file))
    shot(leader, "report")
    form.locator("button[type=submit]").click()
    expect(leader.locator("article.report")).to_contain_text("Phường đã hoàn thành")
    expect(leader.locator("article.report")).to_contain_text("bao-cao-ket-qua.pdf")
    assert TaskReport.objects.get().file_name == "bao-cao-ket-qua.pdf"

    # The office finds the report waiting, accepts it: done on time.
    office.goto(f"{base}/backoffice/directives/")
    office.locator(".to-review a").first.click()
    office.locator("[name=note]").fill("Đạt yêu cầu.")
    office.locator("button[name=decision][value=accept]").click()
    expect(office.locator("main h1 .state")).to_have_text("Hoàn thành đúng hạn")
    expect(office.locator("article.report")).to_contain_text("Đạt yêu cầu.")
    shot(office, "accepted")
    office.goto(f"{base}/backoffice/directives/dashboard/")
    expect(_done_on_time(office)).to_have_text("1")
    shot(office, "dashboard")

    # The leader's own page shows it done too.
    leader.reload()
    expect(leader.locator("main h1 .state")).to_have_text("Hoàn thành đúng hạn")
