"""Benchmark (`make bench`): receiving a dossier, and the officers' queue page over 100,000.

What is measured:

1. The receive transaction, `dossier_receive_new(actor=desk, intake=...)` as the demo desk
   officer ("motcua") for procedure 1.004873: 200 receptions after a warm-up of 5, each a new
   dossier with its own request key and applicant. One reception is the whole desk round trip
   to the database: routing, the code counter upsert, the dossier and its documents, the due
   date on the real calendar (the holidays of 2025-2027 are seeded, nothing is frozen: the
   clock is the machine's), the first processing step and the chained event. SQLite and
   PostgreSQL.
2. The back office's queue page (`backoffice:dossier_queue`) with 100,000 dossiers in the
   desk officer's agency, through `django.test.Client` logged in as the specialist
   ("chuyenvien") and as the desk officer: "my steps" (specialist), "overdue", "all" (first
   page and page 500), and "all" searched by a phone number and by part of a name without
   accents. 30 rounds each after a warm-up of 3; every response must be 200 and show a dossier
   code, so a broken page is not timed as fast. Also printed: how many dossiers the page
   lists, and the number of SQL queries of one render with the slowest one's time. PostgreSQL
   only (the back office's production database); with `--explain`, the EXPLAIN ANALYZE of the
   slowest query of each page follows its line.

The 100,000 dossiers are a fixture, written with `bulk_create` in batches of 5,000, not through
the services: received on the working days of the last 365 days (before today) during office
hours, due 1 to 20 working days later on the seeded calendar, codes in the real format
`{agency identifier}-{YYMMDD}-{NNNN}` numbered per day after what the counter already gave (the
counter is then moved on, as the app would have), Vietnamese names, 10-digit mobile numbers,
12-digit ID numbers. About 85% are returned; the rest are open (received, processing, awaiting a
supplement) or resolved, most of them recent, with one open step each (specialist role, at the
agency, unassigned, 8 working hours). Returned dossiers have no step rows. PostgreSQL is
ANALYZEd after the load, as autovacuum would do soon after: we measure the steady state.

Each database runs in a child process of its own with a fresh database: a temporary SQLite
file, and a temporary PostgreSQL database on 127.0.0.1:5432 (skipped when unreachable).
Absolute times depend on the machine, so each median is also given as a ratio to a baseline
measured in the same process: fetching one dossier by primary key. There are no thresholds.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from children import (  # noqa: E402 - after the path is set
    SMOKE,
    is_child,
    p95,
    pgbench_latency_ms,
    result_save,
    run_per_database,
    timings_ms,
)
from children import progress as _progress  # noqa: E402

from motcua.synthetic.people import id_number, mobile_number, person_name  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

EXPLAIN_FLAG = "--explain"
RECEPTIONS = 20 if SMOKE else 200
RECEPTION_WARMUP = 5
DOSSIERS = 2_000 if SMOKE else 100_000
BATCH = 5_000
ROUNDS = 30
WARMUP = 3
DEEP_PAGE = 500
DAYS = 365
RECENT_DAYS = 45  # most open dossiers were received in the last weeks
MARRIAGE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân (3 working days)
OPEN_STATUSES = ("received", "processing", "awaiting_supplement", "resolved")
OPEN_WEIGHTS = (15, 55, 15, 15)
T = TypeVar("T")
RESULTS: list[dict[str, Any]] = []  # what this child saves to bench/results/


# --- Child: one database, all the timings ------------------------------------------------------


def _timings_ms(
    work: Callable[[], T], *, rounds: int = ROUNDS, warmup: int = WARMUP
) -> tuple[list[float], T]:
    return timings_ms(work, rounds=rounds, warmup=warmup)


def _figures(samples: list[float], base: float) -> str:
    median = statistics.median(samples)
    return (
        f"median {median:.1f} ms, p95 {p95(samples):.1f} ms, {median / base:.0f}x baseline "
        f"({base:.2f} ms)"
    )


def _seed(label: str) -> None:
    from motcua.accounts.services import user_seed_demo
    from motcua.catalog.services import catalog_seed_demo
    from motcua.core.calendar import calendar_invalidate
    from motcua.core.services import calendar_seed
    from motcua.organisation.services import administrative_units_import, agency_seed_demo

    started = time.perf_counter()
    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()
    catalog_seed_demo()
    calendar_seed(first_year=2025, last_year=2027)
    calendar_invalidate()
    _progress(
        label,
        f"seeded units, agencies, users, catalogue, calendar in "
        f"{time.perf_counter() - started:.0f} s",
    )


def _baseline(dossier_id: int) -> float:
    from motcua.dossiers.models import Dossier

    samples, _row = _timings_ms(lambda: Dossier.objects.get(pk=dossier_id))
    return statistics.median(samples)


# --- 1. the receive transaction ---------------------------------------------------------------


def _receptions(label: str, desk: Any) -> None:
    from motcua.catalog.selectors import version_get_current
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import ApplicantData, Intake, dossier_receive_new

    version = version_get_current(code=MARRIAGE)
    assert version is not None, f"procedure {MARRIAGE} missing from the seed catalogue"
    mandatory = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    rng = random.Random(766)
    counter = iter(range(1, RECEPTION_WARMUP + RECEPTIONS + 1))
    codes: list[str] = []

    def receive() -> None:
        number = next(counter)
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
        dossier = dossier_receive_new(
            actor=desk, intake=intake, request_key=f"bench-receive-{number}"
        )
        codes.append(dossier.code or "")

    samples, _none = _timings_ms(receive, rounds=RECEPTIONS, warmup=RECEPTION_WARMUP)
    assert len(set(codes)) == len(codes) == RECEPTION_WARMUP + RECEPTIONS, "codes not distinct"
    from django.utils.timezone import localtime

    from motcua.dossiers.models import Dossier

    last = Dossier.objects.get(code=codes[-1])
    assert last.due_at is not None and last.due_at > last.received_at  # type: ignore[operator]
    base = _baseline(last.pk)
    print(
        f"dossiers[{label}] receive: {_figures(samples, base)} over {RECEPTIONS} receptions "
        f"after {RECEPTION_WARMUP}; last {last.code}, due {localtime(last.due_at):%Y-%m-%d %H:%M}",
        flush=True,
    )
    entry: dict[str, Any] = {
        "name": "receive transaction",
        "median_ms": round(statistics.median(samples), 3),
        "p95_ms": round(p95(samples), 3),
        "runs": RECEPTIONS,
        "baseline_ratio": round(statistics.median(samples) / base, 1),
    }
    if label == "postgresql":
        tpcb = pgbench_latency_ms()
        if tpcb is not None:
            ratio = statistics.median(samples) / tpcb["latency_ms"]
            entry["pgbench_tpcb_latency_ms"] = tpcb["latency_ms"]
            entry["pgbench_ratio"] = round(ratio, 2)
            print(
                f"dossiers[{label}] pgbench TPC-B, 1 client, same server: "
                f"{tpcb['latency_ms']:.3f} ms a transaction ({tpcb['tps']:.0f} tps); "
                f"the receive transaction is {ratio:.1f}x that",
                flush=True,
            )
    RESULTS.append(entry)


# --- 2. the queue page over 100,000 dossiers --------------------------------------------------


def _received_times(rng: random.Random, now: datetime) -> list[datetime]:
    """DOSSIERS instants on working days of the last DAYS days (before today), office hours."""
    from motcua.core.calendar import get_calendar

    calendar = get_calendar()
    today = now.astimezone(calendar.tz).date()
    days = [today - timedelta(days=n) for n in range(1, DAYS + 1)]
    working = [d for d in days if calendar.is_working_day(d)]
    opening = datetime.combine(today, clock(7, 30)) - datetime.combine(today, clock(0))
    times = [
        datetime.combine(rng.choice(working), clock(0), calendar.tz)
        + opening
        + timedelta(seconds=rng.randrange(9 * 3600))  # 07:30-16:30
        for _ in range(DOSSIERS)
    ]
    return sorted(times)


def _status(rng: random.Random, received: datetime, now: datetime) -> str:
    """≈85% returned overall; open ones mostly recent (60% of the last weeks, 8.7% before)."""
    share = 0.60 if now - received < timedelta(days=RECENT_DAYS) else 0.087
    if rng.random() >= share:
        return "result_returned"
    return rng.choices(OPEN_STATUSES, OPEN_WEIGHTS)[0]


def _dossier_row(
    rng: random.Random,
    *,
    code: str,
    received: datetime,
    status: str,
    version: Any,
    desk: Any,
    actor: Any,
    now: datetime,
) -> Any:
    from motcua.core.calendar import get_calendar
    from motcua.core.text import fold
    from motcua.dossiers.models import Dossier

    calendar = get_calendar()
    due = calendar.add_working_days(
        received, rng.choice((1, 3, 3, 5, 7, 10, 15, 20)), cutoff=clock(15)
    )
    name = person_name(rng)
    row = Dossier(
        code=code,
        procedure_version=version,
        status=status,
        channel=rng.choice(("in_person", "in_person", "in_person", "online", "post")),
        revision=2,
        applicant_name=name,
        applicant_name_folded=fold(name),
        applicant_id_number=id_number(rng),
        applicant_phone=mobile_number(rng),
        applicant_address="Phường Đồng Xoài, tỉnh Đồng Nai",
        subject=version.name[:500],
        receiving_agency=desk.agency,
        receiving_desk=desk,
        deciding_agency=desk.agency,
        received_by=actor,
        submitted_at=received,
        received_at=received,
        original_due_at=due,
        due_at=due,
    )
    if status == "awaiting_supplement":
        row.paused_at = received + (due - received) * rng.random()
        row.supplement_count = 1
    if status in ("resolved", "result_returned"):
        late = rng.random() < 0.1  # noqa: PLR2004
        resolved = (
            due + timedelta(days=rng.randrange(1, 6))
            if late
            else (received + (due - received) * rng.uniform(0.3, 0.95))
        )
        row.resolved_at = resolved = min(resolved, now - timedelta(hours=1))
        row.outcome = "granted" if rng.random() < 0.97 else "refused"  # noqa: PLR2004
        if status == "result_returned":
            row.returned_at = min(resolved + timedelta(hours=rng.randrange(1, 72)), now)
            row.closed_at = row.returned_at
            row.revision = 6
    return row


def _open_step(rng: random.Random, dossier: Any) -> Any:
    from motcua.core.calendar import get_calendar
    from motcua.dossiers.deadlines import step_due_at
    from motcua.dossiers.models import ProcessingStep

    started = dossier.received_at + timedelta(hours=rng.randrange(0, 8))
    budget = Decimal(8)
    return ProcessingStep(
        dossier=dossier,
        position=1,
        name="Thẩm định hồ sơ",
        role="specialist",
        agency=dossier.deciding_agency,
        assignee=None,
        started_at=started,
        budget_hours=budget,
        due_at=step_due_at(get_calendar(), start=started, budget_hours=budget),
    )


def _load(label: str, desk_user: Any) -> dict[str, Any]:
    """The 100,000 dossiers and their open steps; facts to search for."""
    from django.db import connection, transaction
    from django.utils import timezone

    from motcua.catalog.models import ProcedureVersion
    from motcua.catalog.selectors import version_get_current
    from motcua.dossiers.models import Dossier, DossierCodeSequence, ProcessingStep

    started = time.perf_counter()
    rng = random.Random(2025)
    now = timezone.now()
    # The desk that received part 1's dossiers, as the app chose it.
    first = Dossier.objects.filter(received_by=desk_user).select_related("receiving_desk").first()
    desk = first.receiving_desk if first else None
    assert desk is not None, "part 1 received nothing at a desk"
    agency = desk.agency
    marriage = version_get_current(code=MARRIAGE)
    assert marriage is not None
    versions = [marriage, *ProcedureVersion.objects.exclude(pk=marriage.pk).order_by("pk")[:19]]
    counters = {s.day: s.last_number for s in DossierCodeSequence.objects.filter(agency=agency)}
    times = _received_times(rng, now)
    sample = None
    with transaction.atomic():
        for start in range(0, DOSSIERS, BATCH):
            rows = []
            for received in times[start : start + BATCH]:
                day = timezone.localdate(received)
                counters[day] = counters.get(day, 0) + 1
                code = f"{agency.national_identifier}-{day:%y%m%d}-{counters[day]:04d}"
                rows.append(
                    _dossier_row(
                        rng,
                        code=code,
                        received=received,
                        status=_status(rng, received, now),
                        version=rng.choice(versions),
                        desk=desk,
                        actor=desk_user,
                        now=now,
                    )
                )
            Dossier.objects.bulk_create(rows, batch_size=BATCH)
            ProcessingStep.objects.bulk_create(
                [_open_step(rng, d) for d in rows if d.status != "result_returned"],
                batch_size=BATCH,
            )
            sample = sample or rows[len(rows) // 2]
            _progress(label, f"bulk_create {start + len(rows):,}/{DOSSIERS:,}")
        DossierCodeSequence.objects.bulk_create(
            [DossierCodeSequence(agency=agency, day=d, last_number=n) for d, n in counters.items()],
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last_number"],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    assert sample is not None
    _progress(
        label, f"{DOSSIERS:,} dossiers loaded and analysed in {time.perf_counter() - started:.0f} s"
    )
    return {
        "agency": agency,
        "phone": sample.applicant_phone,
        "name": " ".join(sample.applicant_name_folded.split()[1:]),  # middle and given name
        "sample_id": sample.pk,
    }


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def _queues(label: str, users: dict[str, Any], facts: dict[str, Any], *, explain: bool) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from motcua.dossiers.selectors import dossier_search, queue

    url = reverse("backoffice:dossier_queue")
    code_re = re.compile(re.escape(facts["agency"].national_identifier) + r"-\d{6}-\d{4}")
    pages: list[tuple[str, str, dict[str, str]]] = [("specialist", "my_steps", {})]
    for who in ("specialist", "desk"):
        pages += [
            (who, "overdue", {}),
            (who, "all", {}),
            (who, f"all page {DEEP_PAGE}", {"page": str(DEEP_PAGE)}),
            (who, f"all q=phone {facts['phone']}", {"q": facts["phone"]}),
            (who, f'all q="{facts["name"]}"', {"q": facts["name"]}),
        ]
    base = _baseline(facts["sample_id"])
    clients = {}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
    for who, title, extra in pages:
        params = {"queue": title.split()[0], **extra}
        client = clients[who]

        def get(client: Client = client, params: dict[str, str] = params) -> Any:
            response = client.get(url, params)
            assert response.status_code == 200, f"{params}: HTTP {response.status_code}"  # noqa: PLR2004
            assert code_re.search(response.content.decode()), f"{params}: no dossier code shown"
            return response

        samples, _response = _timings_ms(get)
        with CaptureQueriesContext(connection) as captured:
            get()
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        listed = dossier_search(
            queue(user=users[who], slug=params["queue"]), params.get("q", "")
        ).count()
        print(
            f"dossiers[{label}] queue {who} {title}: {_figures(samples, base)} over "
            f"{DOSSIERS:,} dossiers; {listed:,} listed, {len(captured)} queries, slowest "
            f"{float(slowest['time']) * 1000:.1f} ms",
            flush=True,
        )
        RESULTS.append(
            {
                "name": f"queue page {who} {title}",
                "median_ms": round(statistics.median(samples), 3),
                "p95_ms": round(p95(samples), 3),
                "runs": len(samples),
                "baseline_ratio": round(statistics.median(samples) / base, 1),
            }
        )
        if explain:
            print(_explain(slowest["sql"]), flush=True)


def child(*, explain: bool) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from motcua.accounts.models import User

    label = connection.vendor
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    _seed(label)
    users = {u.username: u for u in User.objects.filter(username__in=["motcua", "chuyenvien"])}
    desk, specialist = users["motcua"], users["chuyenvien"]
    _receptions(label, desk)
    if label == "postgresql":
        facts = _load(label, desk)
        _queues(label, {"specialist": specialist, "desk": desk}, facts, explain=explain)
    result_save(
        f"dossiers-{label}",
        database=label,
        data={"queue_dossiers": DOSSIERS if label == "postgresql" else 0},
        entries=RESULTS,
    )
    _progress(label, f"done in {time.perf_counter() - started:.0f} s")


def main() -> None:
    if is_child():
        child(explain=EXPLAIN_FLAG in sys.argv[1:])
        return
    run_per_database(
        script=__file__,
        prefix="motcua-bench-dossiers",
        title="dossiers benchmark",
        flags=[f for f in sys.argv[1:] if f == EXPLAIN_FLAG],
    )


if __name__ == "__main__":
    main()
