"""Browser journeys: Debian chromium driven by Playwright against pytest-django's live server.

The browser is the system one (/usr/bin/chromium, or MOTCUA_CHROMIUM); Playwright's own
browser download is never used. One browser per test process (so one per xdist worker), one
fresh context per test, sized like a cheap phone.

Screenshots go to test-artifacts/ (gitignored): of every open page when a journey fails, and
at every ``shot(page, "step")`` call when MOTCUA_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

# Playwright's sync API runs an event loop in the main thread; Django then refuses ORM calls
# from that thread (seeding, flushing) unless told the code is knowingly synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = os.environ.get("MOTCUA_SCREENSHOTS") == "1"
TIMEOUT_MS = 10_000

ContextFactory = Callable[..., BrowserContext]
Shot = Callable[[Page, str], None]

_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")


def _save(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        # A missing browser is a broken set-up, not a reason to pass: `make test` installs it.
        pytest.fail(f"no chromium at {CHROMIUM}: run `make test` (it installs Debian chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(request: pytest.FixtureRequest, browser: Browser) -> Iterator[ContextFactory]:
    """A factory of fresh contexts (a 360x740 phone set to Vietnamese), closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**{"viewport": PHONE, "locale": "vi-VN", **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    failed = request.node.stash.get(_CALL_FAILED, False)
    for number, context in enumerate(contexts):
        if failed:
            for index, page in enumerate(context.pages):
                _save(page, f"{_slug(request.node.nodeid)}--failed-{number}-{index}.png")
        context.close()


@pytest.fixture
def page(new_context: ContextFactory) -> Page:
    """A fresh page in a fresh 360x740 context."""
    return new_context().new_page()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Shot:
    """``shot(page, "step")`` saves a full-page screenshot when MOTCUA_SCREENSHOTS=1."""

    def take(page: Page, step: str) -> None:
        if SCREENSHOTS:
            _save(page, f"{_slug(request.node.nodeid)}--{_slug(step)}.png")

    return take


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    """The real units, the demo agencies and the demo users, written through the services.

    The live server needs a transactional database, emptied after each test, so every test
    seeds again (about 0.6 s). Do not reach for serialized rollback here: once Playwright's sync
    API has started, an event loop is marked as running in this thread, so Django hands the test
    code a second set of connections (asgiref's thread-critical Local switches to context-var
    storage), and those lack the serialized snapshot.
    """
    from motcua.accounts.services import user_seed_demo
    from motcua.organisation.services import administrative_units_import, agency_seed_demo

    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (it runs `npm ci`)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_check(axe_source: str) -> Callable[[Page], list[dict[str, Any]]]:
    """Inject axe-core into the page and return the serious and critical WCAG violations."""

    def run(page: Page) -> list[dict[str, Any]]:
        # Evaluated through the DevTools protocol: an inline <script> tag is refused by the
        # pages' Content-Security-Policy (no 'unsafe-inline'), as it should be.
        page.evaluate(axe_source)
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]

    return run
