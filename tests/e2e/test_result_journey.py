"""The desk digitises a paper dossier of three kept components, the leader issues an electronic
result (generated, signed by the commune's certificate), the citizen downloads it from a phone,
and the verification page its QR code opens confirms it, and recognises the very file. And the
certification of an electronic copy: the desk scans the original, the leader certifies and signs
it, the copy is in the citizen's documents, and its QR code's page confirms it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.core.testing import pdf_text
from tests.e2e.helpers import received_paper, signed_in

MARRIAGE = "1.004873"
CERTIFY = "2.000815"  # chứng thực bản sao từ bản chính


@pytest.fixture
def paper_dossier(demo_data: None, settings: Any, tmp_path: Path) -> str:
    return received_paper(settings, tmp_path, MARRIAGE)


@pytest.fixture
def certification_dossier(demo_data: None, settings: Any, tmp_path: Path) -> str:
    return received_paper(settings, tmp_path, CERTIFY)


def _page_image(path: Path, text_colour: str) -> Path:
    Image.new("RGB", (620, 877), "white").save(path, "PNG")
    image = Image.open(path)
    image.paste(Image.new("RGB", (400, 40), text_colour), (100, 100))
    image.save(path, "PNG")
    return path


def _open(page: Page, base: str, code: str) -> None:
    page.goto(f"{base}/backoffice/dossiers/go/?code={code}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)


def _forward(page: Page, base: str, code: str) -> None:
    _open(page, base, code)
    page.locator("form[action$='/act/forward/'] button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()


def _digitise_all(desk: Page, tmp_path: Path) -> None:
    """Two page images per kept component, merged into one PDF by the desk's upload."""
    assert desk.locator("form.digitise").count() == 3  # the ID card is only shown, not kept
    for index in range(3):
        pages = [_page_image(tmp_path / f"c{index}-p{n}.png", "black") for n in (1, 2)]
        form = desk.locator("form.digitise").nth(index)
        form.locator("input[type=file]").set_input_files([str(p) for p in pages])
        form.get_by_role("button", name="Số hóa").click()
        expect(desk.locator(".message-success")).to_contain_text("Đã số hóa")


def _approve_electronically(leader: Page, base: str, code: str) -> None:
    """No file uploaded: the result is generated from the template and signed."""
    _open(leader, base, code)
    approve = leader.locator("form[action$='/act/approve/']")
    approve.get_by_label("Hình thức kết quả").select_option("electronic")
    approve.get_by_label("Số, ký hiệu văn bản").fill("125/GXN-UBND")
    approve.get_by_role("button", name="Phê duyệt").click()
    expect(leader.locator(".message-success")).to_be_visible()


@pytest.mark.e2e
@pytest.mark.slow
def test_digitise_issue_download_and_verify(
    *,
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    paper_dossier: str,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    base, code = live_server.url, paper_dossier
    wide = {"viewport": {"width": 1280, "height": 900}}
    desk = signed_in(new_context(**wide), base, "motcua")
    _open(desk, base, code)
    expect(desk.locator("main")).to_contain_text("Chưa số hóa")
    _digitise_all(desk, tmp_path)
    expect(desk.locator("main")).to_contain_text("Đã số hóa")
    assert desk.locator("form.digitise").count() == 3  # "scan again" stays offered
    shot(desk, "1-digitised")
    _forward(desk, base, code)

    specialist = signed_in(new_context(**wide), base, "chuyenvien")
    _forward(specialist, base, code)

    leader = signed_in(new_context(**wide), base, "lanhdao")
    _approve_electronically(leader, base, code)
    expect(leader.locator("main")).to_contain_text(f"KQ.{code}")
    shot(leader, "2-signed")

    citizen = signed_in(new_context(), base, "congdan")
    citizen.goto(f"{base}/tai-khoan/")
    link = citizen.get_by_role("link", name="Tải kết quả điện tử")
    answer = citizen.request.get(f"{base}{link.get_attribute('href')}")
    assert answer.status == 200
    result = answer.body()
    text = pdf_text(result, tmp_path)
    assert "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text and "Số: 125/GXN-UBND" in text
    printed = re.search(r"/xac-minh/[^\s?]+/\?t=[\w-]+", text)
    assert printed, text  # the QR code's link, printed beside it
    citizen.goto(f"{base}{printed.group(0)}")
    expect(citizen.locator("main")).to_contain_text("còn nguyên vẹn")
    expect(citizen.locator("main")).to_contain_text("Nguyễn V** A**")  # masked
    assert axe_check(citizen) == []
    shot(citizen, "3-verified")
    (tmp_path / "ket-qua.pdf").write_bytes(result)
    citizen.set_input_files("#id_file", str(tmp_path / "ket-qua.pdf"))
    citizen.get_by_role("button", name="Kiểm tra").click()
    expect(citizen.locator("main")).to_contain_text("chính là tệp đã được cấp")
    changed = bytearray(result)
    changed[len(changed) // 3] ^= 0x01
    (tmp_path / "sua.pdf").write_bytes(bytes(changed))
    citizen.set_input_files("#id_file", str(tmp_path / "sua.pdf"))
    citizen.get_by_role("button", name="Kiểm tra").click()
    expect(citizen.locator("main")).not_to_contain_text("chính là tệp đã được cấp")
    shot(citizen, "4-modified-file")


@pytest.mark.e2e
@pytest.mark.slow
def test_certify_an_electronic_copy_and_find_it_among_my_documents(
    *,
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    certification_dossier: str,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    base, code = live_server.url, certification_dossier
    wide = {"viewport": {"width": 1280, "height": 900}}
    desk = signed_in(new_context(**wide), base, "motcua")
    _open(desk, base, code)
    scan = desk.locator("form.digitise")
    assert scan.count() == 1  # the original is only shown; its copy is scanned
    pages = [_page_image(tmp_path / f"original-{n}.png", "black") for n in (1, 2)]
    scan.locator("input[type=file]").set_input_files([str(p) for p in pages])
    scan.get_by_role("button", name="Số hóa").click()
    expect(desk.locator(".message-success")).to_contain_text("Đã số hóa")
    _forward(desk, base, code)
    _forward(signed_in(new_context(**wide), base, "chuyenvien"), base, code)

    leader = signed_in(new_context(**wide), base, "lanhdao")
    _open(leader, base, code)
    certify = leader.locator("form[action$='/act/certify/']")
    certify.get_by_label("Giấy tờ được chứng thực").fill("Bằng tốt nghiệp THPT số A0123456")
    certify.get_by_label("Cơ quan cấp bản chính").fill("Sở Giáo dục và Đào tạo")
    shot(leader, "1-certify-form")
    certify.get_by_role("button", name="Chứng thực và ký số").click()
    expect(leader.locator(".message-success")).to_be_visible()
    expect(leader.locator("main")).to_contain_text(f"KQ.{code}")
    shot(leader, "2-certified")

    citizen = signed_in(new_context(), base, "congdan")
    citizen.goto(f"{base}/tai-khoan/giay-to/")
    expect(citizen.locator("main")).to_contain_text("Bản sao điện tử có chứng thực")
    shot(citizen, "3-my-documents")
    download = citizen.get_by_role("link", name="Bằng tốt nghiệp THPT số A0123456")
    answer = citizen.request.get(f"{base}{download.get_attribute('href')}")
    assert answer.status == 200
    text = pdf_text(answer.body(), tmp_path)
    assert "Chứng thực bản sao điện tử này đúng với bản chính." in text
    printed = re.search(r"/xac-minh/[^\s?]+/\?t=[\w-]+", text)
    assert printed, text
    citizen.goto(f"{base}{printed.group(0)}")
    expect(citizen.locator("main")).to_contain_text("còn nguyên vẹn")
    expect(citizen.locator("main")).to_contain_text("Bản sao điện tử có chứng thực")
    assert axe_check(citizen) == []
    shot(citizen, "4-verified")
