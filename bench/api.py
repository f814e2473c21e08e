"""Benchmark (`make bench`): the mobile app's API, through the whole Django stack (middleware,
django-ninja's validation and JSON), SQLite and PostgreSQL.

What is measured, each 40 rounds after a warm-up, median and 95th percentile:
- catalogue search `GET /api/v1/procedures?q=dang ky tam tru` (accents left out, as typed on a
  phone), a page of the unfiltered list, one procedure in full `GET /procedures/{code}` and its
  e-form `GET /procedures/{code}/eform` (what the app loads before a draft);
- tracking `POST /api/v1/tracking` with a dossier's code and four digits, among 2,000 dossiers
  (200 under BENCH_SMOKE), and a wrong code (the same work, the same answer);
- the signed-in person's dossiers `GET /api/v1/me/dossiers` with a bearer token.

The catalogue is the real seed catalogue plus 2,000 generated procedures (200 smoke). Dossiers
are received through the service, like the desk would. Each median is also a ratio to a
baseline measured in the same process: one dossier fetched by primary key.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from children import (  # noqa: E402 - after the path is set
    SMOKE,
    is_child,
    p95,
    record,
    results_flush,
    run_per_database,
    timings_ms,
)
from children import progress as _progress  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

GENERATED = 200 if SMOKE else 2000
DOSSIERS = 200 if SMOKE else 2000
ROUNDS = 40
WARMUP = 5
MARRIAGE = "1.004873"
PROGRESS_EVERY = 500


def _prepare(label: str) -> tuple[list[Any], Any]:
    from motcua.accounts.models import User
    from motcua.accounts.services import user_seed_demo
    from motcua.catalog.exchange import parse_document
    from motcua.catalog.generator import generate_document
    from motcua.catalog.selectors import version_get_current
    from motcua.catalog.services import catalog_import, catalog_seed_demo
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import ApplicantData, Intake, dossier_receive_new
    from motcua.organisation.services import administrative_units_import, agency_seed_demo
    from motcua.synthetic.people import id_number, mobile_number, person_name

    started = time.perf_counter()
    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()
    catalog_seed_demo()
    records = parse_document(generate_document(count=GENERATED))
    for start in range(0, len(records), 250):
        catalog_import(records=records[start : start + 250])
    version = version_get_current(code=MARRIAGE)
    assert version is not None
    mandatory = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    desk = User.objects.get(username="motcua")
    citizen = User.objects.get(username="congdan")
    rng = random.Random(766)
    dossiers = []
    for number in range(DOSSIERS):
        intake = Intake(
            version_id=version.pk,
            channel="in_person",
            applicant=ApplicantData(
                name=person_name(rng),
                id_number=id_number(rng),
                phone=mobile_number(rng),
                address="Phường Đồng Xoài, tỉnh Đồng Nai",
            ),
            document_ids=mandatory,
        )
        dossiers.append(dossier_receive_new(actor=desk, intake=intake, request_key=f"b-{number}"))
        if (number + 1) % PROGRESS_EVERY == 0:
            _progress(label, f"received {number + 1}/{DOSSIERS}")
    # Thirty of them are the signed-in person's own.
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers[:30]]).update(citizen=citizen)
    _progress(label, f"ready in {time.perf_counter() - started:.0f} s")
    return dossiers, citizen


def child() -> None:
    import django

    django.setup()

    import logging

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from motcua.accounts.services import app_session_start
    from motcua.dossiers.models import Dossier

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the wrong-code 404s, on purpose
    label = connection.vendor
    call_command("migrate", verbosity=0)
    dossiers, citizen = _prepare(label)
    if label == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    settings.MOTCUA_TRACKING_ATTEMPTS = 10**9  # the benchmark is one connection asking a lot
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    target = dossiers[len(dossiers) // 2]
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {app_session_start(user=citizen).access_token}"}

    def get(path: str, **headers: str) -> Callable[[], int]:
        def call() -> int:
            response = client.get(path, **headers)
            assert response.status_code == 200, (path, response.status_code)  # noqa: PLR2004
            return len(response.content)

        return call

    def track(code: str, status: int) -> Callable[[], int]:
        body = json.dumps({"code": code, "phone_last_digits": target.applicant_phone[-4:]})

        def call() -> int:
            response = client.post("/api/v1/tracking", body, content_type="application/json")
            assert response.status_code == status, response.content
            return len(response.content)

        return call

    base_samples, _row = timings_ms(lambda: Dossier.objects.get(pk=target.pk), rounds=ROUNDS,
                                    warmup=WARMUP)  # fmt: skip
    base = statistics.median(base_samples)
    cases = [
        ("api catalogue search", get("/api/v1/procedures?q=dang+ky+tam+tru")),
        ("api catalogue page", get("/api/v1/procedures?page=3&page_size=20")),
        ("api procedure detail", get(f"/api/v1/procedures/{MARRIAGE}")),
        ("api procedure e-form", get(f"/api/v1/procedures/{MARRIAGE}/eform")),
        ("api tracking", track(target.code, 200)),
        ("api tracking wrong code", track("000.00.00.H19-260101-9999", 404)),
        ("api my dossiers", get("/api/v1/me/dossiers?page=1&page_size=20", **bearer)),
    ]
    for name, work in cases:
        samples, size = timings_ms(work, rounds=ROUNDS, warmup=WARMUP)
        median = statistics.median(samples)
        record(name, samples, base=base, bytes=size)
        print(
            f"api[{label}] {name}: median {median:.1f} ms, p95 {p95(samples):.1f} ms, "
            f"{median / base:.0f}x baseline ({base:.2f} ms); {size:,} bytes; "
            f"{DOSSIERS} dossiers, {GENERATED}+seed procedures",
            flush=True,
        )
    results_flush("api", data={"dossiers": DOSSIERS, "procedures": GENERATED})


def main() -> None:
    if is_child():
        child()
        return
    run_per_database(script=__file__, prefix="motcua-bench", title="API benchmark")


if __name__ == "__main__":
    main()
