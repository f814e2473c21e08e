"""Benchmark (`make bench`): the national sync's outbox and sender against the DVCQG simulator.

Per database (a fresh SQLite file, then a fresh PostgreSQL database), with the simulator as its
own process (simulators/dvcqg/server.py, validating every field) on loopback:

1. `queue one message`: building a dossier's payload (documents, fees, supplements, result, its
   step) and inserting it in the outbox, what every dossier change now adds to its transaction.
2. `sender throughput`: a backlog of messages (two changes of each of N dossiers, received and
   forwarded) drained by `sync_send_due` in batches of 50 dossiers (the default), then one
   dossier per request for comparison: messages per second, and the time per batch.

Each figure is a median and p95, with the ratio to a baseline in the same process (fetching one
dossier by primary key). Results: bench/results/sync-<db>.json.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Iterator
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

from motcua.core.testing import free_port, local_server  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
SIMULATOR = ROOT / "simulators" / "dvcqg" / "server.py"
DOSSIERS = 100 if SMOKE else 1000
ROUNDS, WARMUP = (10, 2) if SMOKE else (50, 5)
MARRIAGE = "1.004873"


@contextmanager
def _simulator() -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(SIMULATOR), "--port", str(port), "--users", "bench=bench-secret"]
    with local_server(command, f"{url}/_control"):
        yield url


def _world(label: str) -> Any:
    """The seed and a maker of received-then-forwarded dossiers (two messages each)."""
    from motcua.accounts.models import User
    from motcua.accounts.services import user_seed_demo
    from motcua.catalog.selectors import version_get_current
    from motcua.catalog.services import catalog_seed_demo
    from motcua.core.calendar import calendar_invalidate
    from motcua.core.services import calendar_seed
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import (
        ApplicantData,
        Intake,
        dossier_forward,
        dossier_receive_new,
    )
    from motcua.organisation.services import administrative_units_import, agency_seed_demo

    started = time.perf_counter()
    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()
    catalog_seed_demo()
    calendar_seed(first_year=2025, last_year=2027)
    calendar_invalidate()
    version = version_get_current(code=MARRIAGE)
    assert version is not None, f"procedure {MARRIAGE} missing from the seed catalogue"
    desk = User.objects.get(username="motcua")
    documents = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    _progress(label, f"seeded in {time.perf_counter() - started:.0f} s")

    def changed_twice() -> Any:
        intake = Intake(
            version_id=version.pk,
            channel="in_person",
            applicant=ApplicantData(
                name="Điểu Thị Lan", id_number="070190001234", phone="0912345678"
            ),
            document_ids=documents,
            fee_collection="after",
        )
        dossier = dossier_receive_new(actor=desk, intake=intake)
        return dossier_forward(actor=desk, dossier_id=dossier.pk)

    return changed_twice


def _drain(batch: int) -> tuple[int, float, list[float]]:
    """Send everything due in batches of `batch` dossiers: (messages, seconds, ms per batch)."""
    from motcua.sync.services import sync_send_due

    sent, per_batch = 0, []
    started = time.perf_counter()
    while True:
        report = sync_send_due(limit=batch)
        if report.sent == report.failed == report.stopped == 0:
            break
        if report.failed or report.stopped:
            raise RuntimeError(f"the simulator refused or failed: {report.errors}")
        sent += report.sent
        per_batch.append(report.duration_ms)
    return sent, time.perf_counter() - started, per_batch


def _measure(label: str, changed_twice: Any) -> dict[str, Any]:
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.national import dossier_sync_queue
    from motcua.sync.models import SyncMessage

    first = changed_twice()
    base_samples, _ = timings_ms(
        lambda: Dossier.objects.get(pk=first.pk), rounds=ROUNDS, warmup=WARMUP
    )
    base = statistics.median(base_samples)
    record("baseline: one dossier by primary key", base_samples)
    queue_samples, _ = timings_ms(lambda: dossier_sync_queue(first), rounds=ROUNDS, warmup=WARMUP)
    record("queue one message (payload built and inserted)", queue_samples, base=base)
    figures: dict[str, Any] = {}
    for batch in (50, 1):
        SyncMessage.objects.all().delete()
        started = time.perf_counter()
        for _ in range(DOSSIERS):
            changed_twice()
        _progress(
            label, f"{DOSSIERS} dossiers changed twice in {time.perf_counter() - started:.0f} s"
        )
        sent, seconds, per_batch = _drain(batch)
        assert sent == 2 * DOSSIERS, f"sent {sent} of {2 * DOSSIERS}"
        rate = sent / seconds
        record(f"sender: batch of {batch} dossier(s)", [float(ms) for ms in per_batch],
               base=base, messages=sent, messages_per_second=round(rate, 1))  # fmt: skip
        figures[f"messages_per_second_batch_{batch}"] = round(rate, 1)
        _progress(label, f"batch {batch}: {sent} messages in {seconds:.1f} s = {rate:.0f}/s")
    return figures


def child() -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    label = connection.vendor
    call_command("migrate", verbosity=0)
    changed_twice = _world(label)
    with _simulator() as simulator:
        settings.USE_DVCQG = True
        settings.MOTCUA_DVCQG_URL = simulator
        settings.MOTCUA_DVCQG_USERNAME, settings.MOTCUA_DVCQG_PASSWORD = "bench", "bench-secret"
        figures = _measure(label, changed_twice)
    results_flush("sync", data={"dossiers": DOSSIERS, "rounds": ROUNDS, **figures})


def main() -> None:
    if is_child():
        child()
        return
    run_per_database(script=__file__, prefix="motcua-bench-sync", title="sync benchmark")


if __name__ == "__main__":
    main()
