"""The province office reads the 766 dashboard, switches to a commune, sets a target; axe on
each page (issue 7)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.services import DEMO_PASSWORD

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.fixture
def facts(demo_data: None) -> None:
    from motcua.catalog.selectors import procedure_profiles
    from motcua.catalog.services import catalog_seed_demo
    from motcua.organisation.selectors import agency_list_valid_on
    from motcua.quality.services.generator import Kind, Peer, facts_generate

    catalog_seed_demo()
    today = timezone.localdate()
    peers = [Peer(a.pk, a.unit_id, a.tier) for a in agency_list_valid_on(day=today)]
    kinds = [Kind(p.procedure_id, p.sector_id) for p in procedure_profiles(on=today)]
    start = date(today.year - 1, 1, 1)
    facts_generate(
        start=start, end=today - timedelta(days=1), peers=peers, kinds=kinds, pairs_per_day=6
    )


@pytest.mark.e2e
@pytest.mark.usefixtures("facts")
def test_the_province_office_reads_the_index_and_sets_a_target(
    page: Page,
    live_server: LiveServer,
    shot: Callable[[Page, str], None],
    axe_check: Callable[[Page], list[dict[str, Any]]],
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("giamsat")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.get_by_role("link", name="Chỉ số chất lượng phục vụ (QĐ 766)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chỉ số chất lượng phục vụ (QĐ 766)")
    expect(page.locator("h2#card-h")).to_contain_text("Toàn tỉnh")
    expect(page.locator(".total-score .big")).to_have_text(re.compile(r"^\d+,\d\d$"))
    assert axe_check(page) == []
    shot(page, "1-province")
    page.locator("select[name=scope]").select_option(label="Cấp xã")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("h2#card-h")).to_contain_text("Cấp xã")
    first = page.locator("section[aria-labelledby=rank-h] tbody tr a").first
    commune = first.inner_text()
    first.click()
    expect(page.locator("h2#card-h")).to_contain_text(commune)
    assert axe_check(page) == []
    shot(page, "2-commune")
    page.get_by_role("link", name="Chỉ tiêu giao").first.click()
    page.get_by_label("Chỉ tiêu:").select_option(label="3.6 Tỷ lệ hồ sơ thanh toán trực tuyến")
    page.get_by_label("Cấp:").select_option(label="Cấp xã")
    page.get_by_label("Chỉ tiêu (%):").fill("99")
    page.get_by_label("Thời hạn đạt:").fill(f"{timezone.localdate().year}-12-31")
    page.get_by_label("Văn bản giao:").fill("QĐ 127/QĐ-UBND")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.locator("main")).to_contain_text("Đã lưu chỉ tiêu")
    expect(page.locator("section[aria-labelledby=att-h]")).to_contain_text("Chưa đạt chỉ tiêu")
    assert axe_check(page) == []
    shot(page, "3-targets")
