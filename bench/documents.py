"""Benchmark (`make bench`): signing an electronic result and verifying it.

Per database (a fresh SQLite file, then a fresh PostgreSQL database), with a root and an agency
certificate generated for the run in a temporary directory:

1. `sign a 2-page result`: `signing.sign` of a two-page PDF made by WeasyPrint (the PDF checks,
   loading the agency's PKCS#12, PAdES signing).
2. `verify a signed result`: `signing.verify` (parse, integrity, the chain to the root).
3. `verification page`: GET `/xac-minh/<code>/?t=<token>` through Django's test client, which
   reads the kept file, compares its hash and checks its signature before rendering.
4. `leader approves with a generated, signed result`: `dossier_approve_signed` end to end
   (template, QR code, PDF, signature, approval, record), one dossier per round.

Medians and p95 over rounds after warm-ups, with the ratio to fetching one dossier by primary
key in the same process. Results: bench/results/documents-<database>.json.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from http import HTTPStatus
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
ROUNDS, WARMUP = (5, 1) if SMOKE else (30, 3)
MARRIAGE = "1.004873"
PASSPHRASE = "bench"  # noqa: S105 - of a certificate made for the run and thrown away
TWO_PAGES = (
    "<h1>Kết quả giải quyết thủ tục hành chính</h1><p>Trang một.</p>"
    "<p style='page-break-before: always'>Trang hai.</p>"
)


def _world(directory: Path) -> dict[str, Any]:
    from django.conf import settings

    from motcua.accounts.models import User
    from motcua.accounts.services import user_seed_demo
    from motcua.catalog.services import catalog_seed_demo
    from motcua.core.calendar import calendar_invalidate
    from motcua.core.services import calendar_seed
    from motcua.documents import keys
    from motcua.organisation.services import administrative_units_import, agency_seed_demo

    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()
    catalog_seed_demo()
    calendar_seed(first_year=2025, last_year=2027)
    calendar_invalidate()
    settings.MOTCUA_SIGNING_DIR = directory / "signing"
    settings.MOTCUA_SIGNING_PASSPHRASES = {"*": PASSPHRASE}
    settings.MEDIA_ROOT = directory / "media"
    users = {u.username: u for u in User.objects.filter(username__in=["motcua", "chuyenvien",
                                                                       "lanhdao"])}  # fmt: skip
    agency = users["motcua"].memberships.get().agency
    root = keys.root_load_or_create(settings.MOTCUA_SIGNING_DIR)
    keys.agency_key_create(
        settings.MOTCUA_SIGNING_DIR, root, identifier=agency.national_identifier,
        common_name=agency.name, passphrase=PASSPHRASE,
    )  # fmt: skip
    return {"users": users, "agency": agency}


def _at_the_leader(users: dict[str, Any]) -> int:
    from motcua.catalog.selectors import version_get_current
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import (
        ApplicantData,
        Intake,
        dossier_forward,
        dossier_receive_new,
    )

    version = version_get_current(code=MARRIAGE)
    assert version is not None
    documents = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    dossier = dossier_receive_new(
        actor=users["motcua"],
        intake=Intake(
            version_id=version.pk, channel="in_person",
            applicant=ApplicantData(name="Điểu Thị Lan", id_number="070190001234",
                                    phone="0912345678"),
            document_ids=documents, fee_collection="after",
        ),
    )  # fmt: skip
    dossier_forward(actor=users["motcua"], dossier_id=dossier.pk)
    dossier_forward(actor=users["chuyenvien"], dossier_id=dossier.pk)
    return dossier.pk


def _measure(label: str, world: dict[str, Any]) -> None:
    from django.test import Client

    from motcua.core.pdf import pdf_from_html
    from motcua.documents import signing
    from motcua.documents.models import SignedResult
    from motcua.documents.services import dossier_approve_signed
    from motcua.dossiers.models import Dossier

    identifier = world["agency"].national_identifier
    pdf = pdf_from_html(TWO_PAGES)

    def sign() -> bytes:
        return signing.sign(pdf, identifier=identifier, reason="Kết quả", location="Đồng Xoài")

    sign_ms, signed = timings_ms(sign, rounds=ROUNDS, warmup=WARMUP)
    verify_ms, verdict = timings_ms(lambda: signing.verify(signed), rounds=ROUNDS, warmup=WARMUP)
    if not verdict.valid:
        raise RuntimeError(f"the benchmark's signature does not verify: {verdict.problem}")

    leader = world["users"]["lanhdao"]
    waiting = iter([_at_the_leader(world["users"]) for _ in range(ROUNDS + WARMUP)])

    def approve() -> None:
        dossier_approve_signed(
            actor=leader, dossier_id=next(waiting), form="electronic",
            document_number="1/GXN", summary="Chưa đăng ký kết hôn.",
        )  # fmt: skip

    approve_ms, _ = timings_ms(approve, rounds=ROUNDS, warmup=WARMUP)
    issued = SignedResult.objects.order_by("pk").first()
    assert issued is not None
    client = Client()
    url = f"/xac-minh/{issued.code}/?t={issued.token}"

    def page() -> None:
        answer = client.get(url)
        intact = "nguyên vẹn".encode() in answer.content  # "the kept file is intact"
        if answer.status_code != HTTPStatus.OK or not intact:
            raise RuntimeError(f"the verification page answered {answer.status_code}")

    page_ms, _ = timings_ms(page, rounds=ROUNDS, warmup=WARMUP)
    first = Dossier.objects.order_by("pk").values_list("pk", flat=True).first()
    base_ms, _ = timings_ms(lambda: Dossier.objects.get(pk=first), rounds=ROUNDS, warmup=WARMUP)
    base = statistics.median(base_ms)
    record("baseline: one dossier by primary key", base_ms)
    record("sign a 2-page result (PAdES)", sign_ms, base=base, bytes=len(signed))
    record("verify a signed result", verify_ms, base=base)
    record("verification page (hash and signature of the kept file)", page_ms, base=base)
    record("leader approves with a generated, signed result", approve_ms, base=base)
    _progress(label, f"sign median {statistics.median(sign_ms):.1f} ms, verification page "
                     f"{statistics.median(page_ms):.1f} ms")  # fmt: skip


def child() -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    label = connection.vendor
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-documents-") as directory:
        _measure(label, _world(Path(directory)))
    results_flush("documents", data={"rounds": ROUNDS, "warmup": WARMUP, "pages": 2})


def main() -> None:
    if is_child():
        child()
        return
    run_per_database(script=__file__, prefix="motcua-bench-documents", title="documents benchmark")


if __name__ == "__main__":
    main()
