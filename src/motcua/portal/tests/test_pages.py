"""Public pages: Vietnamese first, English on request, light and accessible."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese_with_the_province_name(seeded, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("portal:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Cổng Dịch vụ công tỉnh Đồng Nai" in html
    assert 'placeholder="Ví dụ: dang ky tam tru"' in html


def test_home_page_has_landmarks_skip_link_and_labelled_search(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("portal:home")).content.decode()
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert '<label for="q">' in html
    assert "<script" not in html  # works without JavaScript


def test_language_switch_turns_the_page_english(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Public service portal of" in html


def test_search_finds_units_without_accents(seeded, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("portal:search"), {"q": "tien thanh"}).content.decode()
    assert "Phường Tiến Thành" in html
    assert "Nay thuộc:" in html
    assert "Phường Đồng Xoài" in html


def test_search_with_nothing_found_says_so(seeded, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("portal:search"), {"q": "zzzz" * 100}).content.decode()
    assert "Không tìm thấy kết quả" in html
    assert f"cho “{'z' * 100}”" in html  # the query is cut at 100 characters


def test_citizen_account_page_needs_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("portal:account")).status_code == 302
