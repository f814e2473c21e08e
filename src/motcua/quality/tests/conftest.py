"""The quality tests use the dossiers' fixtures (real units, officers and catalogue)."""

from motcua.dossiers.tests.conftest import world  # noqa: F401 - a fixture, shared by name
