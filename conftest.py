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
