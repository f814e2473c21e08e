"""Fixtures of the crash and outage tests: the dossiers' world and the payments' world."""

from __future__ import annotations

from motcua.dossiers.tests.conftest import world  # noqa: F401 - a fixture, shared by name
from motcua.payments.tests.conftest import pay  # noqa: F401 - a fixture, shared by name
