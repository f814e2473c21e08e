"""The province monitor's catalogue screens, through the views (services do the rules)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.accounts.models import User
from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import Procedure, ProcedureTranslation, ProcedureVersion
from motcua.catalog.selectors import version_get_current
from motcua.catalog.tests.conftest import document, procedure_dict
from motcua.information.models import Article

pytestmark = pytest.mark.django_db

GOOD = document(
    procedure_dict("1.004194", "Đăng ký tạm trú"), procedure_dict("1.004222", "Đăng ký thường trú")
)


def _as(client, username: str):  # type: ignore[no-untyped-def]
    client.force_login(User.objects.get(username=username))
    return client


def _upload(client, name: str, content: bytes):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("backoffice:catalog_import"), {"file": SimpleUploadedFile(name, content)}
    )


@pytest.fixture
def monitor(seeded, client):  # type: ignore[no-untyped-def]
    return _as(client, "giamsat")


@pytest.fixture
def imported(monitor):  # type: ignore[no-untyped-def]
    _upload(monitor, "c.json", json.dumps(GOOD).encode())
    return monitor


@pytest.mark.parametrize(
    "username", ["motcua", "chuyenvien", "lanhdao", "quantricoquan", "congdan"]
)
def test_only_province_wide_officers_reach_the_catalogue(seeded, client, username) -> None:  # type: ignore[no-untyped-def]
    response = _as(client, username).get(reverse("backoffice:catalog"))
    assert response.status_code == 404


def test_import_reports_every_bad_row_in_vietnamese_and_writes_nothing(monitor) -> None:  # type: ignore[no-untyped-def]
    bad = document(
        procedure_dict("1.004194", "Đăng ký tạm trú"),
        procedure_dict("1.004222", "", MucDoDVC="muc4"),
    )
    html = _upload(monitor, "c.json", json.dumps(bad).encode()).content.decode()
    assert "Không nhập dữ liệu nào" in html
    assert "thủ tục thứ 2" in html
    assert "TenTTHC: là bắt buộc" in html
    assert "MucDoDVC" in html
    assert Procedure.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"), [("c.xlsx", b"not a workbook"), ("c.csv", b"a,b"), ("c.json", b"{oops")]
)
def test_import_of_a_wrong_file_is_a_clear_error(monitor, name, content) -> None:  # type: ignore[no-untyped-def]
    response = _upload(monitor, name, content)
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert Procedure.objects.count() == 0


def test_import_then_export_both_formats(imported) -> None:  # type: ignore[no-untyped-def]
    assert Procedure.objects.count() == 2
    response = imported.get(reverse("backoffice:catalog_export", args=["json"]))
    assert [p["MaTTHC"] for p in json.loads(response.content)["procedures"]] == [
        "1.004194",
        "1.004222",
    ]
    response = imported.get(reverse("backoffice:catalog_export", args=["xlsx"]))
    assert response.content[:2] == b"PK"
    assert "attachment" in response["Content-Disposition"]


def test_new_version_edit_and_publish_through_the_screens(imported) -> None:  # type: ignore[no-untyped-def]
    response = imported.post(reverse("backoffice:catalog_new_draft", args=["1.004194"]))
    draft = ProcedureVersion.objects.get(status=VersionStatus.DRAFT)
    assert response["Location"] == reverse("backoffice:catalog_version_edit", args=[draft.pk])
    page = imported.get(response["Location"]).content.decode()
    assert "Dự thảo phiên bản 2" in page
    form = {
        "name": "Đăng ký tạm trú",
        "sector": draft.sector_id,
        "at_commune": "on",
        "executing_agency_kind": "police",
        "executing_agency": "Công an cấp xã",
        "service_level": "full_online",
        "steps": "Bước 1",
        "methods": "Trực tuyến",
        "subjects": "Công dân",
        "result": "Xác nhận",
        "conditions": "",
        "plain_summary": "",
        "result_is_document": "on",
        "subject_is_citizen": "on",
        "doc-TOTAL_FORMS": "1",
        "doc-INITIAL_FORMS": "0",
        "doc-MIN_NUM_FORMS": "0",
        "doc-MAX_NUM_FORMS": "60",
        "doc-0-name": "Tờ khai CT01",
        "doc-0-quantity": "1",
        "doc-0-copy_kind": "original",
        "ch-online-offered": "on",
        "ch-online-time_limit": "2",
        "ch-online-time_unit": "working_days",
        "ch-online-fees": "7000; charge; Lệ phí đăng ký",
        "ch-in_person-time_unit": "working_days",
        "ch-postal-time_unit": "working_days",
    }
    response = imported.post(reverse("backoffice:catalog_version_edit", args=[draft.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert [c.channel for c in draft.channels.all()] == ["online"]
    assert draft.channels.get().fees.get().amount == 7000
    response = imported.post(
        reverse("backoffice:catalog_publish", args=[draft.pk]), {"valid_from": "2026-12-01"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


def test_a_badly_written_fee_line_is_refused_in_vietnamese(imported) -> None:  # type: ignore[no-untyped-def]
    imported.post(reverse("backoffice:catalog_new_draft", args=["1.004194"]))
    draft = ProcedureVersion.objects.get(status=VersionStatus.DRAFT)
    form = {
        "name": "Đăng ký tạm trú",
        "sector": draft.sector_id,
        "at_commune": "on",
        "executing_agency_kind": "police",
        "service_level": "full_online",
        "doc-TOTAL_FORMS": "0",
        "doc-INITIAL_FORMS": "0",
        "doc-MIN_NUM_FORMS": "0",
        "doc-MAX_NUM_FORMS": "60",
        "ch-online-offered": "on",
        "ch-online-time_limit": "2",
        "ch-online-time_unit": "working_days",
        "ch-online-fees": "bảy nghìn đồng",
        "ch-in_person-time_unit": "working_days",
        "ch-postal-time_unit": "working_days",
    }
    html = imported.post(
        reverse("backoffice:catalog_version_edit", args=[draft.pk]), form
    ).content.decode()
    assert "Dòng 1: ghi “số tiền; loại; mô tả”" in html
    draft.refresh_from_db()
    assert draft.executing_agency == "Công an cấp xã"  # unchanged: nothing was saved


def test_translation_screen_saves_a_draft_and_refuses_self_review(imported) -> None:  # type: ignore[no-untyped-def]
    version = version_get_current(code="1.004194")
    assert version is not None
    url = reverse("backoffice:catalog_translate", args=[version.pk, "km"])
    assert imported.get(url).status_code == 200
    imported.post(url, {"name": "ការចុះឈ្មោះស្នាក់នៅបណ្ដោះអាសន្ន", "save": "1"})
    html = imported.post(url, {"name": "ការចុះឈ្មោះស្នាក់នៅបណ្ដោះអាសន្ន", "review": "1"}).content.decode()
    assert "người khác với người dịch" in html
    assert ProcedureTranslation.objects.get().status == "draft"


def test_register_page_shows_the_indicators(imported) -> None:  # type: ignore[no-untyped-def]
    html = imported.get(reverse("backoffice:catalog_register")).content.decode()
    assert "1.1 công bố đúng hạn" in html
    assert "1.004194" in html


def test_article_created_and_published_from_the_back_office(imported, client) -> None:  # type: ignore[no-untyped-def]
    response = imported.post(
        reverse("backoffice:article_create"),
        {
            "kind": "guide",
            "slug": "huong-dan-tam-tru",
            "title": "Hướng dẫn tạm trú",
            "summary": "",
            "body": "Đoạn một.\n\nĐoạn hai.",
            "is_published": "on",
            "published_on": "",
            "procedure_codes": "1.004194",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_on is not None
    html = client.get(reverse("portal:procedure", args=["1.004194"])).content.decode()
    assert "Hướng dẫn tạm trú" in html
    response = imported.post(
        reverse("backoffice:article_create"),
        {"kind": "guide", "slug": "x", "title": "X", "body": "Y", "procedure_codes": "9.999999"},
    )
    assert "Không có thủ tục mã 9.999999" in response.content.decode()


def test_register_filters_by_year_and_counts_that_period(monitor) -> None:  # type: ignore[no-untyped-def]
    decisions = [
        {
            "So": "1/QĐ",
            "CoQuanBanHanh": "UBND",
            "NgayBanHanh": "2024-03-01",
            "HanhDong": "announce",
            "NgayCongKhai": "2024-03-04",
        },
        {
            "So": "2/QĐ",
            "CoQuanBanHanh": "UBND",
            "NgayBanHanh": "2025-03-03",
            "HanhDong": "amend",
            "NgayCongKhai": "2025-03-31",
        },
    ]
    doc = document(procedure_dict("1.004194", "Đăng ký tạm trú", QuyetDinhCongBo=decisions))
    _upload(monitor, "c.json", json.dumps(doc).encode())
    html = monitor.get(reverse("backoffice:catalog_register"), {"nam": "2025"}).content.decode()
    assert '<option value="2025" selected>2025</option>' in html
    assert "<dt>1.2 công khai đúng hạn</dt><dd>0 / 1</dd>" in html
    html = monitor.get(reverse("backoffice:catalog_register"), {"nam": "2024"}).content.decode()
    assert "<dt>1.2 công khai đúng hạn</dt><dd>1 / 1</dd>" in html


def test_the_online_form_is_edited_as_json_and_checked(imported) -> None:  # type: ignore[no-untyped-def]
    import json as json_module

    imported.post(reverse("backoffice:catalog_new_draft", args=["1.004194"]))
    draft = ProcedureVersion.objects.get(status=VersionStatus.DRAFT)
    base = {
        "name": "Đăng ký tạm trú",
        "sector": draft.sector_id,
        "at_commune": "on",
        "executing_agency_kind": "police",
        "service_level": "full_online",
        "doc-TOTAL_FORMS": "0",
        "doc-INITIAL_FORMS": "0",
        "doc-MIN_NUM_FORMS": "0",
        "doc-MAX_NUM_FORMS": "60",
        "ch-online-offered": "on",
        "ch-online-time_limit": "2",
        "ch-online-time_unit": "working_days",
        "ch-in_person-time_unit": "working_days",
        "ch-postal-time_unit": "working_days",
    }
    url = reverse("backoffice:catalog_version_edit", args=[draft.pk])
    bad = {"fields": [{"name": "Họ tên", "label": "Họ tên", "type": "text"}]}
    html = imported.post(url, {**base, "eform": json_module.dumps(bad)}).content.decode()
    assert "Tờ khai trực tuyến không hợp lệ" in html and "slug" in html
    draft.refresh_from_db()
    assert draft.eform == {}
    good = {
        "fields": [
            {"name": "ho_ten", "label": "Họ tên", "type": "text"},
            {"name": "noi_o", "label": "Xã, phường", "type": "unit"},
        ]
    }
    response = imported.post(url, {**base, "eform": json_module.dumps(good)})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert [f["name"] for f in draft.eform["fields"]] == ["ho_ten", "noi_o"]
