"""Citizen catalogue pages: browse, search, a procedure, forms, languages, bad input."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from motcua.catalog.files import read_catalog_file
from motcua.catalog.selectors import version_get_current
from motcua.catalog.services import catalog_import, translation_save
from motcua.catalog.tests.conftest import document, procedure_dict

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    doc = document(
        procedure_dict(
            "1.004194", "Đăng ký tạm trú", MaTTHCCu=["1.003306"], TTHCLienQuan=["1.004222"]
        ),
        procedure_dict(
            "1.004222",
            "Đăng ký thường trú",
            MucDoDVC="in_person",
            LinhVuc={"Ma": "cu-tru", "Ten": "Cư trú"},
        ),
        procedure_dict(
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            LinhVuc={"Ma": "ho-tich", "Ten": "Hộ tịch"},
            LoaiCoQuanThucHien="peoples_committee",
        ),
    )
    catalog_import(records=read_catalog_file("c.json", json.dumps(doc).encode()))


def test_procedure_page_shows_every_component_fees_and_online_action(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("portal:procedure", args=["1.004194"])).content.decode()
    for text in (
        "Đăng ký tạm trú",
        "1.004194",
        "trước đây là 1.003306",
        "Trình tự thực hiện",
        "Thành phần hồ sơ",
        "Tờ khai thay đổi thông tin cư trú",
        "3 ngày làm việc",
        "15.000 đ",
        "7.000 đ",
        "Công an cấp xã",
        "Luật Cư trú số 68/2020/QH14",
        "Nộp hồ sơ trực tuyến",
        "Đăng ký thường trú",  # related procedure, by name
        "1022",
    ):
        assert text in html, text


def test_in_person_procedure_has_no_online_action(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("portal:procedure", args=["1.004222"])).content.decode()
    assert "Nộp hồ sơ trực tuyến" not in html
    assert "Bộ phận Một cửa" in html


def test_former_code_redirects_to_the_current_code(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("portal:procedure", args=["1.003306"]))
    assert response.status_code == 301
    assert response["Location"] == reverse("portal:procedure", args=["1.004194"])


@pytest.mark.parametrize(
    "code", ["9.999999", "not-a-code", "1.004194'; DROP TABLE x;--", "x" * 500]
)
def test_unknown_procedure_is_a_vietnamese_404(catalogue, client, code) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/thu-tuc/{code}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_khmer_without_translation_falls_back_to_vietnamese_with_a_note(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(
        reverse("portal:procedure", args=["1.004194"]), {"lang": "km"}
    ).content.decode()
    assert "chưa được dịch đầy đủ sang ភាសាខ្មែរ" in html
    assert '<h1 lang="vi">Đăng ký tạm trú</h1>' in html


def test_english_translation_is_shown_where_it_exists(catalogue, client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    officer = django_user_model.objects.create_user(username="t", password="x")
    version = version_get_current(code="1.004194")
    assert version is not None
    translation_save(
        version_id=version.pk,
        language="en",
        texts={"name": "Temporary residence registration"},
        reviewed=False,
        actor_id=officer.pk,
    )
    html = client.get(
        reverse("portal:procedure", args=["1.004194"]), {"lang": "en"}
    ).content.decode()
    assert '<h1 lang="en">Temporary residence registration</h1>' in html
    assert "chưa được dịch đầy đủ" in html  # the steps etc. are still Vietnamese
    assert '<div lang="vi"><p>Bước 1' in html


def test_blank_form_prints_its_fields(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    version = version_get_current(code="1.004194")
    assert version is not None
    form = version.forms.get()
    html = client.get(reverse("portal:procedure_form", args=["1.004194", form.pk])).content.decode()
    assert "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" in html
    assert "Họ, chữ đệm và tên" in html


def test_audio_is_404_until_generated(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("portal:procedure_audio", args=["1.004194"])).status_code == 404


def test_catalogue_search_without_accents_and_filters(catalogue, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(
        reverse("portal:catalogue"), {"q": "xac nhan tinh trang hon nhan"}
    ).content.decode()
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in html
    html = client.get(reverse("portal:catalogue"), {"linh-vuc": "ho-tich"}).content.decode()
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in html
    assert "Đăng ký tạm trú" not in html
    html = client.get(reverse("portal:catalogue"), {"muc-do": "in_person"}).content.decode()
    assert "Đăng ký thường trú" in html
    assert "Đăng ký tạm trú" not in html


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        "\x00\x01\x1f\x7f dang ky",
        "'; DROP TABLE catalog_procedure; --",
        "%_%",
        "\\",
        "1.00419 4 OR 1=1",
    ],
)
def test_hostile_search_input_is_handled(catalogue, client, query) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        reverse("portal:catalogue"), {"q": query, "linh-vuc": query, "trang": query}
    )
    assert response.status_code == 200


def test_contact_page_lists_hotline_and_current_desks(seeded, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("portal:contact")).content.decode()
    assert 'href="tel:1022"' in html
    assert "Trung tâm Phục vụ hành chính công tỉnh Đồng Nai" in html
    assert "Thứ Hai – Thứ Sáu" in html
    html = client.get(reverse("portal:contact"), {"q": "dong xoai"}).content.decode()
    assert "Phường Đồng Xoài" in html
    assert "Trung tâm Phục vụ hành chính công tỉnh" not in html
