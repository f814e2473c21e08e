from motcua.dossiers.tests.conftest import world  # noqa: F401 - a fixture, shared by name
