"""The quality tests use the dossiers' fixtures (real units, officers and catalogue), and the
payments' (a priced procedure, the PayGov simulator) for the online-payment rates."""

from motcua.dossiers.tests.conftest import world  # noqa: F401 - a fixture, shared by name
from motcua.dossiers.tests.portal import portal, portal_process  # noqa: F401 - fixtures, by name
from motcua.payments.tests.conftest import pay, simulator  # noqa: F401 - fixtures, by name
