"""The Content-Security-Policy in a real browser: the main pages of citizens, officers and the
admin site load under the policy (no 'unsafe-inline') with no violation reported by Chromium,
and the watcher does see one when an inline style is forced into a page."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page
from pytest_django.live_server_helper import LiveServer

from tests.e2e.conftest import ContextFactory
from tests.e2e.helpers import received_paper, signed_in

SHOTS = Path(os.environ.get("MOTCUA_WEBSEC_SHOTS", "/tmp/shots"))  # noqa: S108 - review shots

# Records every violation the page reports (console messages can be rate-limited by Chromium).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


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
    facts_generate(
        start=date(today.year, 1, 1) - timedelta(days=60),
        end=today - timedelta(days=1),
        peers=peers,
        kinds=kinds,
        pairs_per_day=4,
    )


def _watch(page: Page, console: list[str]) -> None:
    page.add_init_script(WATCH)

    def keep(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            console.append(f"{page.url}: {message.text}")

    page.on("console", keep)


def _visit(page: Page, url: str, console: list[str]) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "'unsafe-inline'" not in (response.headers.get("content-security-policy") or "x")
    assert response.headers.get("content-security-policy"), url
    page.wait_for_load_state("load")
    return [f"{url}: {v}" for v in page.evaluate("window.__csp || []")] + console


def _bars_drawn_and_shot(monitor: Page, base: str) -> None:
    """The score bars are SVG rects sized by a width attribute (no style attribute)."""
    monitor.goto(f"{base}/backoffice/quality/")
    bars = monitor.locator("table.scorecard svg.bar rect.fill")
    assert bars.count() > 0
    widths = [
        float(w or 0) for w in bars.evaluate_all("els => els.map(e => e.getAttribute('width'))")
    ]
    assert any(0 < w <= 100 for w in widths), widths  # the bars have a length, from the markup
    box = monitor.locator("table.scorecard svg.bar").first.bounding_box()
    assert box is not None and box["width"] > 40
    SHOTS.mkdir(parents=True, exist_ok=True)
    monitor.screenshot(path=str(SHOTS / "websec-quality-dashboard.png"), full_page=True)
    monitor.locator("table.scorecard").screenshot(path=str(SHOTS / "websec-quality-bars.png"))


@pytest.mark.e2e
@pytest.mark.slow
def test_the_main_pages_raise_no_policy_violation(
    *,
    new_context: ContextFactory,
    live_server: LiveServer,
    settings: Any,
    tmp_path: Path,
    facts: None,
    shot: Callable[[Page, str], None],
) -> None:
    base = live_server.url
    code = received_paper(settings, tmp_path, "1.004873")
    from motcua.dossiers.models import Dossier

    dossier = Dossier.objects.get(code=code)
    console: list[str] = []
    visited = 0

    citizen = new_context().new_page()
    _watch(citizen, console)
    public = ["/", "/thu-tuc/", "/thu-tuc/1.004873/", f"/tra-cuu/?ma={code}", "/phan-anh/gui/"]
    for path in [*public, "/accounts/login/"]:
        assert _visit(citizen, f"{base}{path}", console) == [], path
        visited += 1
    # Tracking: the lookup (POST) and its answer page.
    citizen.goto(f"{base}/tra-cuu/?ma={code}")
    citizen.locator("input[name=so]").fill("5678")
    citizen.locator("main form button[type=submit]").first.click()
    citizen.wait_for_load_state("load")
    assert code in citizen.locator("main").inner_text()
    assert citizen.evaluate("window.__csp") == [] and console == []
    visited += 1

    officer_context = new_context(viewport={"width": 1280, "height": 900})
    officer_context.add_init_script(WATCH)
    desk = signed_in(officer_context, base, "motcua")
    desk.on("console", lambda m: console.append(m.text) if "Refused to" in m.text else None)
    for path in ["/backoffice/", f"/backoffice/dossiers/{dossier.pk}/"]:
        assert _visit(desk, f"{base}{path}", console) == [], path
        visited += 1

    monitor_context = new_context(viewport={"width": 1280, "height": 900})
    monitor_context.add_init_script(WATCH)
    monitor = signed_in(monitor_context, base, "giamsat")
    monitor.on("console", lambda m: console.append(m.text) if "Refused to" in m.text else None)
    for path in ["/backoffice/quality/", "/backoffice/directives/dashboard/"]:
        assert _visit(monitor, f"{base}{path}", console) == [], path
        visited += 1
    _bars_drawn_and_shot(monitor, base)
    shot(monitor, "quality")

    admin_context = new_context(viewport={"width": 1280, "height": 900})
    admin_context.add_init_script(WATCH)
    admin = signed_in(admin_context, base, "quantri")
    admin.on("console", lambda m: console.append(m.text) if "Refused to" in m.text else None)
    for path in ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/"]:
        assert _visit(admin, f"{base}{path}", console) == [], path
        visited += 1
    assert visited == 14

    # The watcher sees a violation when there is one: an inline style forced into the page.
    citizen.goto(f"{base}/")
    citizen.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    citizen.wait_for_timeout(300)
    assert citizen.evaluate("window.__csp") != []
