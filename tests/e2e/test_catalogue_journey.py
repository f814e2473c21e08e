"""A citizen finds a procedure on a phone, reads it in English and Khmer, listens to it;
the pages work without JavaScript and pass axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.catalog import audio as audio_engine

ContextFactory = Callable[..., BrowserContext]
Shot = Callable[[Page, str], None]
Axe = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture
def catalogue(demo_data: None, settings: Any, tmp_path: Any) -> Iterator[None]:
    from motcua.catalog.selectors import version_get_current
    from motcua.catalog.services import catalog_seed_demo, procedure_audio_generate
    from motcua.information.services import article_seed_demo

    settings.MEDIA_ROOT = tmp_path
    catalog_seed_demo()
    article_seed_demo()
    version = version_get_current(code="1.004194")
    assert version is not None
    assert audio_engine.tools_available(), "espeak-ng and lame are installed by `make test`"
    procedure_audio_generate(version_id=version.pk)
    yield


@pytest.mark.e2e
def test_citizen_finds_reads_translates_and_listens(
    catalogue: None, page: Page, live_server: LiveServer, shot: Shot
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky tam tru")
    page.get_by_role("button", name="Tìm kiếm").click()
    first = page.locator("ol.results > li").first
    expect(first.get_by_role("link")).to_have_text("Đăng ký tạm trú")
    shot(page, "results")

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký tạm trú")
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến", exact=True)).to_be_visible()
    shot(page, "procedure")

    audio = page.locator("audio")
    expect(audio).to_have_count(1)
    page.wait_for_function("document.querySelector('audio').readyState >= 0")
    playing = page.evaluate(
        """async () => {
            const a = document.querySelector('audio');
            a.muted = true;
            await a.play();
            await new Promise(r => setTimeout(r, 400));
            return {paused: a.paused, time: a.currentTime, duration: a.duration};
        }"""
    )
    assert not playing["paused"]
    assert playing["time"] > 0
    assert playing["duration"] > 3  # seconds of speech, not an empty file

    page.get_by_role("link", name="English").first.click()
    expect(page.locator(".fallback-note")).to_be_visible()  # seed has no English text yet
    page.get_by_role("link", name="ភាសាខ្មែរ").click()
    expect(page.locator(".fallback-note")).to_contain_text("ភាសាខ្មែរ")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "vi")
    shot(page, "procedure-khmer-fallback")

    # The interface in English (gettext) with the content still falling back visibly.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Documents to bring")).to_be_visible()


@pytest.mark.e2e
def test_pages_work_without_javascript(
    catalogue: None, new_context: ContextFactory, live_server: LiveServer
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/thu-tuc/?q=xac+nhan+tinh+trang+hon+nhan")
    page.locator("ol.results > li").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cấp Giấy xác nhận tình trạng hôn nhân"
    )
    page.get_by_role("link", name="Hộ tịch").first.click()  # breadcrumb to the sector listing
    expect(page.locator("ol.results > li").first).to_be_visible()
    page.goto(live_server.url + "/thu-tuc/?linh-vuc=cu-tru&muc-do=full_online")
    expect(page.locator("ol.results")).to_contain_text("Đăng ký tạm trú")


@pytest.mark.e2e
@pytest.mark.parametrize(
    "path",
    [
        "/thu-tuc/",
        "/thu-tuc/?q=dang+ky+tam+tru",
        "/thu-tuc/1.004194/",
        "/thu-tuc/1.004194/?lang=km",
        "/lien-he/",
        "/thong-tin/",
    ],
)
def test_no_serious_accessibility_violation(
    catalogue: None, page: Page, live_server: LiveServer, axe_check: Axe, path: str
) -> None:
    page.goto(live_server.url + path)
    violations = axe_check(page)
    assert violations == [], violations
