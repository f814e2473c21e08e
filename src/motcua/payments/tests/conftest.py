"""Payment fixtures: the demo world with a fee-bearing procedure, the collecting agency's
account, and the PayGov simulator as a real process on a free port."""

from __future__ import annotations

import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import FeeLine, ProcedureVersion
from motcua.core.testing import free_port, local_server
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.services import ApplicantData, Intake, dossier_receive_new, dossier_submit
from motcua.organisation.models import Agency
from motcua.payments.models import PaymentAccount

MARRIAGE = "1.004873"
SIMULATOR = Path(__file__).resolve().parents[4] / "simulators" / "paygov" / "server.py"


@dataclass
class Pay:
    desk: User
    specialist: User
    leader: User
    citizen: User
    version: ProcedureVersion
    agency: Agency

    def intake(self, **overrides: Any) -> Intake:
        mandatory = [d.pk for d in self.version.documents.all() if not document_is_conditional(d)]
        values: dict[str, Any] = {
            "version_id": self.version.pk,
            "channel": "online",
            "applicant": ApplicantData(
                name="Điểu Thị Lan", id_number="070190001234", phone="0912345678"
            ),
            "document_ids": mandatory,
        }
        values.update(overrides)
        return Intake(**values)

    def submit(self, **overrides: Any) -> Dossier:
        return dossier_submit(
            actor=self.citizen, intake=self.intake(**overrides), receiving_agency_id=self.agency.pk
        )

    def receive(self, **overrides: Any) -> Dossier:
        return dossier_receive_new(
            actor=self.desk, intake=self.intake(channel="in_person", **overrides)
        )


def price_marriage_and_open_account(agency: Agency) -> ProcedureVersion:
    """Cấp Giấy xác nhận tình trạng hôn nhân, priced as a provincial resolution might: 20,000 đ
    at the desk, 10,000 đ online; `agency` takes online payments (partner MOTCUA-TEST)."""
    from motcua.catalog.selectors import version_get_current

    version = version_get_current(code=MARRIAGE)
    assert version is not None
    for terms in version.channels.all():
        amount = 10_000 if terms.channel == "online" else 20_000
        FeeLine.objects.filter(terms=terms).update(amount=amount)
    PaymentAccount.objects.create(
        agency=agency,
        partner_code="MOTCUA-TEST",
        account_number="0123456789",
        bank_code="VCB",
        account_name=f"{agency.name} – tài khoản thu phí",
        valid_from=agency.valid_from,
    )
    return version


@pytest.fixture
def pay(seeded, seed_catalogue) -> Pay:  # type: ignore[no-untyped-def]
    """The demo world, the marriage-status procedure priced, the desk's commune collecting."""
    users = {u.username: u for u in User.objects.all()}
    desk = users["motcua"]
    agency = desk.memberships.get().agency
    return Pay(
        desk=desk,
        specialist=users["chuyenvien"],
        leader=users["lanhdao"],
        citizen=users["congdan"],
        version=price_marriage_and_open_account(agency),
        agency=agency,
    )


@dataclass
class Simulator:
    url: str

    def pay(self, reference: str, mode: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - a local test server
            f"{self.url}/thanh-toan/{reference}", data=f"mode={mode}".encode(), method="POST"
        )

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 303
        else:
            raise AssertionError("the payment page should send the citizen back")


@contextmanager
def simulator_running(*, callback_url: str, return_url: str = "") -> Iterator[Simulator]:
    """The PayGov simulator as its own process on a free port, knowing partner MOTCUA-TEST;
    its confirmations go to `callback_url`, the citizen's browser back to `return_url`."""
    port = free_port()
    command = [
        sys.executable, str(SIMULATOR), "--port", str(port),
        "--partners", "MOTCUA-TEST=test-secret", "--callback-url", callback_url,
    ]  # fmt: skip
    if return_url:
        command += ["--return-url", return_url]
    url = f"http://127.0.0.1:{port}"
    with local_server(command, f"{url}/api/giao-dich"):
        yield Simulator(url)


@pytest.fixture
def simulator(settings) -> Iterator[Simulator]:  # type: ignore[no-untyped-def]
    """The simulator, its callbacks going nowhere: tests deliver confirmations themselves."""
    nowhere = f"http://127.0.0.1:{free_port()}/nobody-listens/"
    with simulator_running(callback_url=nowhere) as running:
        settings.MOTCUA_PAYGOV_URL = f"{running.url}/api/thanh-toan"
        yield running
