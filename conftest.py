"""Fixtures shared by every test package."""

from __future__ import annotations

import pytest


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    """The real units, the demo agencies and the demo users, through the services."""
    from motcua.accounts.services import user_seed_demo
    from motcua.organisation.services import administrative_units_import, agency_seed_demo

    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()


@pytest.fixture
def seed_catalogue(db):  # type: ignore[no-untyped-def]
    """The real seed catalogue (src/motcua/catalog/data/procedures.json), imported."""
    from motcua.catalog.services import catalog_seed_demo

    return catalog_seed_demo()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> None:
    """The calendar is cached per process and invalidated on commit; tests run inside a
    transaction that never commits, so each test starts from an empty cache instead."""
    from django.core.cache import cache

    from motcua.core.calendar import calendar_invalidate
    from motcua.quality.selectors.scores import catalogue_cache_clear

    calendar_invalidate()
    cache.clear()  # cached reads (the 766 catalogue, rate limits) must not leak between tests
    catalogue_cache_clear()


# --- The reliability suite (issue 14, docs/reliability.md) ----------------------------------
# `make test-hard` sets MOTCUA_HARD=1: hypothesis runs its "hard" profile, `hard_size` returns the
# full size, and the `hard_only` tests (real processes killed, disks filled) are collected.
# Every other run (make test, CI) runs the `hard` tests at their short size.


def pytest_configure(config: pytest.Config) -> None:
    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("short", max_examples=40, **common)  # type: ignore[arg-type]
    settings.register_profile("hard", max_examples=1000, **common)  # type: ignore[arg-type]
    from motcua.core.testing import hard_suite

    settings.load_profile("hard" if hard_suite() else "short")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from motcua.core.testing import hard_suite

    if hard_suite():
        return
    kept = [item for item in items if item.get_closest_marker("hard_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.fixture
def hard_figures(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """`hard_figures(cases=..., faults=..., losses=...)` records what a reliability test did.

    The figures go to var/hard-figures.jsonl (one line per call); `make test-hard` prints their
    table at the end, and docs/reliability.md quotes it.
    """
    from motcua.core.testing import hard_figures_record

    def record(**figures: int) -> None:
        hard_figures_record(request.node.nodeid, figures)

    return record
