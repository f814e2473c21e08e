"""Benchmark (`make bench`): an online payment's round trip against the PayGov simulator.

Per database (a fresh SQLite file, then a fresh PostgreSQL database, as every bench here), with
the simulator as its own process (simulators/paygov/server.py) and the application served by a
threaded WSGI server in the bench process, so the platform's confirm callback travels over HTTP
to the real endpoint (`/thanh-toan/paygov/xac-nhan/`) as in production:

1. `payment INIT`: `payment_start` — the transaction row, the signed INIT message, the HTTP call
   to the platform and its answer (the payment page's URL).
2. `pay + confirm callback`: the citizen's click on the platform's page; the platform signs a
   CONFIRM and posts it to the application, which verifies checksum and amount, settles the
   transaction exactly once and records the fees on the dossier, before the platform answers
   the browser. Timed from the click to the answer.
3. `round trip`: 1 and 2 together, then the check that the dossier shows the fees paid.
4. `QUERY settles a timed-out payment`: the platform took the money but sent no callback
   (mode "timeout"); `payment_query` asks it and settles the payment, as the reconciliation
   job does.

Each figure is a median and p95 over rounds after warm-ups, with the ratio to a baseline in the
same process (fetching one dossier by primary key). Results: bench/results/payments-<db>.json.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from children import (  # noqa: E402 - after the path is set
    SMOKE,
    is_child,
    record,
    results_flush,
    run_per_database,
    timings_ms,
)
from children import progress as _progress  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
SIMULATOR = ROOT / "simulators" / "paygov" / "server.py"
ROUNDS, WARMUP = (10, 2) if SMOKE else (40, 5)
MARRIAGE = "1.004873"
PARTNER, SECRET = "MOTCUA-TEST", "test-secret"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1).close()  # noqa: S310 - a local server
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers at {url}")


@contextmanager
def _application() -> Iterator[str]:
    """The Django application on a free port, in threads of this process."""
    from django.core.servers.basehttp import (
        ThreadedWSGIServer,
        WSGIRequestHandler,
        get_internal_wsgi_application,
    )

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

    port = _free_port()
    server = ThreadedWSGIServer(("127.0.0.1", port), Quiet)
    server.set_app(get_internal_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _simulator(application: str) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - our own simulator
        [
            sys.executable, str(SIMULATOR), "--port", str(port),
            "--partners", f"{PARTNER}={SECRET}",
            "--callback-url", f"{application}/thanh-toan/paygov/xac-nhan/",
            "--return-url", f"{application}/thanh-toan/ket-qua/{{reference}}/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/api/giao-dich")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=5)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _click_pay(simulator: str, reference: str, mode: str) -> None:
    """The citizen's click on the platform's page; the platform answers 303 to the portal."""
    request = urllib.request.Request(  # noqa: S310 - the local simulator
        f"{simulator}/thanh-toan/{reference}", data=f"mode={mode}".encode(), method="POST"
    )
    try:
        _OPENER.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        if error.code != 303:  # noqa: PLR2004 - See Other, back to the portal
            raise
    else:
        raise RuntimeError("the platform's page did not send the citizen back")


def _world(label: str) -> tuple[Any, Callable[[], Any]]:
    """The seed, the marriage-status procedure priced (10,000 đ online), the commune's account;
    returns the citizen and a maker of submitted dossiers owing fees."""
    from motcua.accounts.models import User
    from motcua.accounts.services import user_seed_demo
    from motcua.catalog.models import FeeLine
    from motcua.catalog.selectors import version_get_current
    from motcua.catalog.services import catalog_seed_demo
    from motcua.core.calendar import calendar_invalidate
    from motcua.core.services import calendar_seed
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import ApplicantData, Intake, dossier_submit
    from motcua.organisation.services import administrative_units_import, agency_seed_demo
    from motcua.payments.services import payment_accounts_seed_demo

    started = time.perf_counter()
    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()
    catalog_seed_demo()
    calendar_seed(first_year=2025, last_year=2027)
    calendar_invalidate()
    payment_accounts_seed_demo(partner_code=PARTNER)
    version = version_get_current(code=MARRIAGE)
    assert version is not None, f"procedure {MARRIAGE} missing from the seed catalogue"
    for terms in version.channels.all():
        amount = 10_000 if terms.channel == "online" else 20_000
        FeeLine.objects.filter(terms=terms).update(amount=amount)
    desk = User.objects.get(username="motcua")
    citizen = User.objects.get(username="congdan")
    agency_id = desk.memberships.get().agency_id
    documents = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    _progress(label, f"seeded in {time.perf_counter() - started:.0f} s")

    def submitted() -> Any:
        intake = Intake(
            version_id=version.pk,
            channel="online",
            applicant=ApplicantData(
                name="Điểu Thị Lan", id_number="070190001234", phone="0912345678"
            ),
            document_ids=documents,
        )
        return dossier_submit(actor=citizen, intake=intake, receiving_agency_id=agency_id)

    return citizen, submitted


def _requests(count: int, submitted: Callable[[], Any]) -> Iterator[Any]:
    from motcua.payments.services import payment_request_for_fees

    for _ in range(count):
        request = payment_request_for_fees(dossier_id=submitted().pk)
        assert request is not None
        yield request


def _measure(label: str, citizen: Any, submitted: Callable[[], Any], simulator: str) -> None:
    from motcua.dossiers.models import Dossier
    from motcua.payments.models import PaymentTransaction
    from motcua.payments.services import payment_query, payment_start

    total = ROUNDS + WARMUP
    trips = iter(list(_requests(total, submitted)))
    init_ms: list[float] = []
    click_ms: list[float] = []

    def round_trip() -> None:
        request = next(trips)
        started = time.perf_counter()
        tx = payment_start(request_id=request.pk, user=citizen, client_ip="10.0.0.1")
        initiated = time.perf_counter()
        _click_pay(simulator, tx.reference, "success")
        done = time.perf_counter()
        init_ms.append((initiated - started) * 1000)
        click_ms.append((done - initiated) * 1000)
        if Dossier.objects.get(pk=request.dossier_id).fees_paid_at is None:
            raise RuntimeError(f"{tx.reference}: the callback did not record the fees")

    samples, _ = timings_ms(round_trip, rounds=ROUNDS, warmup=WARMUP)
    dossier_id = Dossier.objects.order_by("pk").values_list("pk", flat=True).first()
    base_samples, _ = timings_ms(
        lambda: Dossier.objects.get(pk=dossier_id), rounds=ROUNDS, warmup=WARMUP
    )
    base = statistics.median(base_samples)
    record("baseline: one dossier by primary key", base_samples)
    record("payment INIT (payment_start)", init_ms[WARMUP:], base=base)
    record("pay + confirm callback (platform to application)", click_ms[WARMUP:], base=base)
    record("round trip INIT + pay + confirm", samples, base=base)

    timed_out = []
    for request in _requests(total, submitted):
        tx = payment_start(request_id=request.pk, user=citizen, client_ip="10.0.0.1")
        _click_pay(simulator, tx.reference, "timeout")
        timed_out.append(tx.pk)
    waiting = iter(timed_out)

    def query() -> None:
        tx_id = next(waiting)
        if payment_query(transaction_id=tx_id) != "confirmed":
            raise RuntimeError(f"QUERY did not settle transaction {tx_id}")

    query_samples, _ = timings_ms(query, rounds=ROUNDS, warmup=WARMUP)
    record("QUERY settles a timed-out payment", query_samples, base=base)
    confirmed = PaymentTransaction.objects.filter(status="confirmed").count()
    if confirmed != 2 * total:
        raise RuntimeError(f"{confirmed} confirmed transactions, expected {2 * total}")
    median = statistics.median(samples)
    _progress(label, f"round trip median {median:.1f} ms ({median / base:.0f}x baseline)")


def child() -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    label = connection.vendor
    call_command("migrate", verbosity=0)
    citizen, submitted = _world(label)
    with _application() as application, _simulator(application) as simulator:
        settings.MOTCUA_PAYGOV_URL = f"{simulator}/api/thanh-toan"
        settings.MOTCUA_PAYGOV_SECRETS = {PARTNER: SECRET}
        _measure(label, citizen, submitted, simulator)
    results_flush("payments", data={"rounds": ROUNDS, "warmup": WARMUP})


def main() -> None:
    if is_child():
        child()
        return
    run_per_database(script=__file__, prefix="motcua-bench-payments", title="payments benchmark")


if __name__ == "__main__":
    main()
