from motcua.dossiers.tests.conftest import world  # noqa: F401 - a fixture, shared by name
from motcua.payments.tests.conftest import pay, simulator  # noqa: F401 - fixtures
