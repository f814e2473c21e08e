"""The 766 dashboard, its reports, targets and reconciliation screens (issue 7)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from motcua.accounts.models import User
from motcua.catalog.selectors import procedure_profiles
from motcua.organisation.selectors import agency_list_valid_on
from motcua.quality.models import NationalFigure, Target
from motcua.quality.periods import period_quarter
from motcua.quality.services.generator import Kind, Peer, facts_generate

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 7, 10)


@pytest.fixture
def facts(seeded, seed_catalogue):  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False):
        peers = [Peer(a.pk, a.unit_id, a.tier) for a in agency_list_valid_on(day=TODAY)]
        kinds = [Kind(p.procedure_id, p.sector_id) for p in procedure_profiles(on=TODAY)]
        for quarter, seed in ((1, 1), (2, 2)):
            q = period_quarter(2026, quarter)
            facts_generate(
                start=q.start, end=q.end, peers=peers, kinds=kinds, pairs_per_day=8, seed=seed
            )
        yield


def login(client, username: str):  # type: ignore[no-untyped-def]
    client.force_login(User.objects.get(username=username))
    return client


@time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False)
def test_the_province_monitor_sees_the_scorecard_comparison_and_ranking(client, facts) -> None:  # type: ignore[no-untyped-def]
    response = login(client, "giamsat").get(
        reverse("backoffice:quality"), {"period": "quarter", "year": 2026, "n": 2}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quý 2/2026" in page and "Quý 1/2026" in page  # compared with the previous quarter
    assert "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" in page
    assert "Xếp hạng" in page and "Toàn tỉnh" in page
    card = response.context["card"]
    assert card.total.value is not None
    assert len(response.context["trend"]) == 6


@time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False)
def test_a_leader_lands_on_their_agency_and_sees_points_at_risk(client, facts) -> None:  # type: ignore[no-untyped-def]
    leader = User.objects.get(username="lanhdao")
    agency = leader.memberships.first().agency  # type: ignore[union-attr]
    response = login(client, "lanhdao").get(reverse("backoffice:quality"))
    assert response.status_code == 200
    assert response.context["scope"].label == agency.name
    assert response.context["can_see_risk"] is True
    assert "Hồ sơ có nguy cơ mất điểm hôm nay" in response.content.decode()


@time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False)
def test_bad_periods_and_scopes_get_a_clear_message(client, facts) -> None:  # type: ignore[no-untyped-def]
    c = login(client, "giamsat")
    future = c.get(reverse("backoffice:quality"), {"period": "quarter", "year": 2026, "n": 4})
    assert future.status_code == 400
    assert "chưa bắt đầu" in future.content.decode()
    unknown = c.get(reverse("backoffice:quality"), {"scope": "agency:999999"})
    assert unknown.status_code == 400
    assert "Không có cơ quan này" in unknown.content.decode()


def test_citizens_and_desk_officers_do_not_see_the_index(client, seeded) -> None:  # type: ignore[no-untyped-def]
    assert login(client, "congdan").get(reverse("backoffice:quality")).status_code == 404
    assert login(client, "motcua").get(reverse("backoffice:quality")).status_code == 404


@time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False)
def test_the_reports_download_as_excel_and_pdf(client, facts) -> None:  # type: ignore[no-untyped-def]
    c = login(client, "giamsat")
    query = {"period": "quarter", "year": 2026, "n": 2, "compare": "previous"}
    xlsx = c.get(reverse("backoffice:quality_export", args=["xlsx"]), query)
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == [
        "Bảng điểm",
        "So sánh kỳ",
        "Xếp hạng",
        "Bảng 1",
        "Bảng 2-3",
        "Bảng 4-9",
    ]
    scores = list(book["Bảng điểm"].iter_rows(values_only=True))
    assert scores[-1][0] == "Tổng điểm" and scores[-1][5] is not None
    tiers = list(book["Bảng 2-3"].iter_rows(min_row=3, values_only=True))
    assert tiers and all(row[1] == row[2] + row[3] + row[4] for row in tiers)  # + backlog
    pdf = c.get(reverse("backoffice:quality_export", args=["pdf"]), query)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False)
def test_the_province_office_sets_targets_and_leaders_only_read_them(client, facts) -> None:  # type: ignore[no-untyped-def]
    c = login(client, "giamsat")
    url = reverse("backoffice:quality_targets")
    data = {"metric": "ONLINE_PAYMENT_DOSSIERS", "tier": "commune", "agency": "",
            "percent": "30", "due_on": "2026-06-30", "decision": "QĐ 127/QĐ-UBND"}  # fmt: skip
    assert c.post(url, data).status_code == 302
    assert Target.objects.get().percent == 30
    both = c.post(url, {**data, "agency": str(agency_list_valid_on(day=TODAY).first().pk)})  # type: ignore[union-attr]
    assert "một cấp hoặc cho một cơ quan" in both.content.decode()
    page = c.get(url).content.decode()
    assert "Quý 3/2026" in page
    leader = login(client, "lanhdao")
    assert leader.get(url).status_code == 200
    assert leader.post(url, data).status_code == 404


@time_machine.travel(datetime(2026, 7, 10, 9, tzinfo=VN), tick=False)
def test_national_figures_upload_and_show_the_difference(client, facts) -> None:  # type: ignore[no-untyped-def]
    c = login(client, "giamsat")
    url = reverse("backoffice:quality_figures")
    body = {"data": {"parent": {"departmentId": "tinh", "departmentName": "UBND tỉnh",
                                "totalReceived": 10, "totalOnTime": 9, "score": 18.0,
                                "maxScore": 20}, "children": []}}  # fmt: skip
    upload = SimpleUploadedFile("tien-do.json", json.dumps(body).encode(), "application/json")
    response = c.post(
        url,
        {"group": "dvc-progress-tree", "period": "quarter", "year": 2026, "n": 2, "file": upload},
    )
    assert response.status_code == 302
    figure = NationalFigure.objects.get()
    assert figure.score == 18 and figure.is_overview
    page = c.get(response["Location"]).content.decode()
    assert "UBND tỉnh" in page and "18" in page
    broken = SimpleUploadedFile("x.json", b"{oops", "application/json")
    refused = c.post(
        url,
        {"group": "dvc-progress-tree", "period": "quarter", "year": 2026, "n": 2, "file": broken},
    )
    assert "không phải JSON hợp lệ" in refused.content.decode()
    assert NationalFigure.objects.count() == 1
