"""Benchmark (`make bench`): the QĐ 766 quality reports over the daily facts of 5,000,000 dossiers.

What is measured:

1. The facts. `facts_generate` (quality/services/generator.py) writes synthetic `DailyFact` rows
   for the 4 years (1,460 days) ending yesterday, for every agency valid today and every
   procedure in force in the seed catalogue, both channels: each row 1 to 3 dossiers (2 on
   average), `pairs_per_day` draws of (agency, procedure, channel) a day, a draw already made
   that day being skipped. `pairs_per_day` is computed from the number of distinct keys so that
   the expected number of dossiers is 1% above 5,000,000; should the draw still fall short, the
   missing days are generated before the start (never the case so far). Printed: the rows, the
   dossiers received and the time it took; the rows are checked against the database.
   PostgreSQL is ANALYZEd after the load, as autovacuum would do soon after: we measure the
   steady state. Should the generation go past 12 minutes on a database, it is said, not
   shortened.
2. The reports, each 10 rounds after 2 warm-ups, through the selectors the dashboard calls
   (`today` is today, all periods are closed): the province's scorecard for the last full year,
   the last full quarter and the last full month; the scorecard of the busiest agency (most
   dossiers received over the 4 years) for the last full quarter; `ranking("communes")` of the
   last full quarter (every commune's scorecard, then the previous quarter's for the ranks);
   `dossiers_by_tier` of the last full year. Also printed per report: the number of SQL
   queries of one call, how long they took to execute and the slowest one, as Django's debug
   cursor times them (to the millisecond, `execute()` only: SQLite produces the rows of a
   GROUP BY while they are fetched, so on SQLite these figures are too low); with
   `--explain`, the EXPLAIN ANALYZE of the slowest query on PostgreSQL. The catalogue and the
   publication register are cached for 300 s by the scorecard (local-memory cache here): the
   warm-ups fill it, a round that finds it expired pays for it, which shows in the p95. The
   received count of each scorecard is checked against the baseline's.
3. One refresh of the facts after a day's events: as the demo desk officer ("motcua"), 300
   dossiers received at the desk for procedure 1.004873 (`dossier_receive_new`, each with its
   own applicant, on the real clock and the seeded calendar), 150 of them forwarded by the desk
   and the specialist and approved by the leader; then one `facts_refresh()`, which re-derives
   the facts (`DossierFact`) of those 300 dossiers and rewrites today's `DailyFact` rows next
   to those of item 1 (they end yesterday, so no day is written twice). Printed: its time, per
   dossier, and an extrapolation (not a measurement) to the province's ~3,500 dossiers a day.
   The facts of item 1 are daily counts with no `DossierFact` behind them, so the open stock
   is counted here over these 300 dossiers only, not over a province's years of dossiers.
4. The SQL queries of one province scorecard for the last full year, with the cache emptied
   and with it warm.

Each database runs in a child process of its own with a fresh database: a temporary SQLite
file, and a temporary PostgreSQL database on 127.0.0.1:5432 (skipped when unreachable).
Absolute times depend on the machine, so each report's median is also given as a ratio to a
baseline measured the same way in the same process: one hand-written SELECT (`cursor.execute`)
that sums the flow counters of `quality_dailyfact` over the same days (for the agency, of the
same agency) and the open stock of the last day — the raw aggregate a province scorecard needs,
without the grouping by procedure, the catalogue and the scoring. There are no thresholds.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

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

from motcua.synthetic.people import id_number as _id_number  # noqa: E402
from motcua.synthetic.people import mobile_number as _phone  # noqa: E402
from motcua.synthetic.people import person_name as _name  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

EXPLAIN_FLAG = "--explain"
DAYS = 1460
DOSSIERS = 20_000 if SMOKE else 5_000_000
MARGIN = 1.01  # aim 1% above DOSSIERS: the draw is random
MAX_RECEIVED = 3
BUDGET_MINUTES = 12  # said, not enforced, when the generation goes past it
ROUNDS = 10
WARMUP = 2
RECEPTIONS = 30 if SMOKE else 300
RESOLVED = 15 if SMOKE else 150
PROVINCE_PER_DAY = 3_500
MARRIAGE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân (3 working days)
# The raw aggregate of a scorecard: the flows of the period and the stock of its last day.
BASELINE_SQL = """
    SELECT SUM(received), SUM(received_online), SUM(online_counted), SUM(result_due),
           SUM(e_result), SUM(digitised), SUM(reused), SUM(personal_store), SUM(citizen_data),
           SUM(synced), SUM(fee_bearing), SUM(paid_online), SUM(ended), SUM(ended_on_time),
           SUM(completed), SUM(disliked), SUM(processing_days),
           (SELECT SUM(open_total) FROM quality_dailyfact WHERE day = %s),
           (SELECT SUM(open_on_time) FROM quality_dailyfact WHERE day = %s)
    FROM quality_dailyfact WHERE day BETWEEN %s AND %s
"""
BASELINE_AGENCY_SQL = """
    SELECT SUM(received), SUM(received_online), SUM(online_counted), SUM(result_due),
           SUM(e_result), SUM(digitised), SUM(reused), SUM(personal_store), SUM(citizen_data),
           SUM(synced), SUM(fee_bearing), SUM(paid_online), SUM(ended), SUM(ended_on_time),
           SUM(completed), SUM(disliked), SUM(processing_days),
           (SELECT SUM(open_total) FROM quality_dailyfact WHERE day = %s AND agency_id = %s),
           (SELECT SUM(open_on_time) FROM quality_dailyfact WHERE day = %s AND agency_id = %s)
    FROM quality_dailyfact WHERE day BETWEEN %s AND %s AND agency_id = %s
"""
T = TypeVar("T")


# --- Child: one database, all the timings ------------------------------------------------------


def _timings_ms(
    work: Callable[[], T], *, rounds: int = ROUNDS, warmup: int = WARMUP
) -> tuple[list[float], T]:
    return timings_ms(work, rounds=rounds, warmup=warmup)


def _stage(label: str, name: str, started: float) -> None:
    print(f"quality[{label}] stage {name}: {time.perf_counter() - started:.0f} s", flush=True)


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
    calendar_seed(first_year=2020, last_year=2027)
    calendar_invalidate()
    _progress(
        label,
        f"seeded units, agencies, users, catalogue, calendar in "
        f"{time.perf_counter() - started:.0f} s",
    )


# --- 1. the facts -----------------------------------------------------------------------------


def _pairs_per_day(keys: int) -> int:
    """Draws a day whose expected distinct keys carry DOSSIERS × MARGIN over DAYS days."""
    rows_per_day = DOSSIERS * MARGIN / DAYS / ((1 + MAX_RECEIVED) / 2)
    if rows_per_day >= keys:
        raise ValueError(f"{rows_per_day:.0f} rows a day need more than {keys} distinct keys")
    # Expected distinct keys after k draws out of n: n (1 - (1 - 1/n)^k).
    return math.ceil(math.log(1 - rows_per_day / keys) / math.log(1 - 1 / keys))


def _generate(label: str, today: date) -> Any:
    from motcua.catalog.selectors import procedure_profiles
    from motcua.organisation.selectors import agency_list_valid_on
    from motcua.quality.services.generator import Kind, Known, Peer, facts_generate

    peers = [Peer(a.pk, a.unit_id, a.tier) for a in agency_list_valid_on(day=today)]
    kinds = [Kind(p.procedure_id, p.sector_id) for p in procedure_profiles(on=today)]
    assert peers and kinds, "no agency or procedure in the seed"
    keys = len(peers) * len(kinds) * 2  # two channels: in person, online
    pairs = _pairs_per_day(keys)
    end = today - timedelta(days=1)
    start = end - timedelta(days=DAYS - 1)
    print(
        f"quality[{label}] facts: {len(peers)} agencies × {len(kinds)} procedures × 2 channels "
        f"= {keys:,} keys a day; {pairs:,} draws a day, {start} to {end}",
        flush=True,
    )
    started = time.perf_counter()
    said = False

    def progress(done: int, total: int) -> None:
        nonlocal said
        elapsed = time.perf_counter() - started
        projected = elapsed / done * total
        if not said and done >= total // 20 and projected > BUDGET_MINUTES * 60:
            said = True
            print(
                f"quality[{label}] facts: generation projected at {projected / 60:.0f} min, "
                f"over the {BUDGET_MINUTES}-minute budget (not shortened)",
                flush=True,
            )
        if done % 73 == 0 or done == total:
            _progress(label, f"facts day {done}/{total}, {elapsed:.0f} s (~{projected:.0f} s)")

    known: Known = facts_generate(
        start=start, end=end, peers=peers, kinds=kinds, pairs_per_day=pairs, seed=766,
        max_received=MAX_RECEIVED, progress=progress,
    )  # fmt: skip
    extra_days = 0
    while known.totals["received"] < DOSSIERS:  # a short draw: whole days before the start
        extra_days += 1
        day = start - timedelta(days=extra_days)
        more = facts_generate(
            start=day, end=day, peers=peers, kinds=kinds, pairs_per_day=pairs,
            seed=766 + extra_days, max_received=MAX_RECEIVED,
        )  # fmt: skip
        known.rows += more.rows
        for name, value in more.totals.items():
            known.totals[name] += value
        for agency, counts in more.by_agency.items():
            for name, value in counts.items():
                known.by_agency[agency][name] += value
    elapsed = time.perf_counter() - started
    print(
        f"quality[{label}] facts: {known.rows:,} rows, {known.totals['received']:,} dossiers "
        f"received, {extra_days} extra day(s) before {start}; written by facts_generate in "
        f"{elapsed:.0f} s ({elapsed / 60:.1f} min)"
        + (f", over the {BUDGET_MINUTES}-minute budget" if elapsed > BUDGET_MINUTES * 60 else ""),
        flush=True,
    )
    return known


def _analyze_and_check(label: str, known: Any) -> None:
    from django.db import connection

    from motcua.quality.models import DailyFact

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), SUM(received) FROM quality_dailyfact")
        rows, received = cursor.fetchone()
    assert (rows, received) == (known.rows, known.totals["received"]), (
        f"the table holds {rows} rows, {received} dossiers; the generator wrote "
        f"{known.rows}, {known.totals['received']}"
    )
    assert DailyFact.objects.count() == rows


# --- 2. the reports ---------------------------------------------------------------------------


def _aggregate(start: date, until: date, agency_id: int | None = None) -> tuple[Any, ...]:
    from django.db import connection

    with connection.cursor() as cursor:
        if agency_id is None:
            cursor.execute(BASELINE_SQL, [until, until, start, until])
        else:
            cursor.execute(
                BASELINE_AGENCY_SQL,
                [until, agency_id, until, agency_id, start, until, agency_id],
            )
        return tuple(cursor.fetchone())


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def _report(
    label: str,
    title: str,
    work: Callable[[], T],
    baseline: Callable[[], tuple[Any, ...]],
    *,
    explain: bool,
) -> T:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    base_samples, _row = _timings_ms(baseline)
    base = statistics.median(base_samples)
    samples, result = _timings_ms(work)
    with CaptureQueriesContext(connection) as captured:
        work()
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    in_sql = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    median = statistics.median(samples)
    record(title, samples, base=base, queries=len(captured))
    print(
        f"quality[{label}] {title}: median {median:.1f} ms, p95 {p95(samples):.1f} ms, "
        f"{median / base:.1f}x the SQL aggregate ({base:.1f} ms); {len(captured)} queries "
        f"executing in {in_sql:.0f} ms, slowest {float(slowest['time']) * 1000:.0f} ms",
        flush=True,
    )
    if explain and connection.vendor == "postgresql":
        print(_explain(slowest["sql"]), flush=True)
    return result


def _last_full_periods(today: date) -> dict[str, Any]:
    from motcua.quality.constants import PeriodKind
    from motcua.quality.periods import period_containing, period_previous, period_year

    return {
        "year": period_year(today.year - 1),
        "quarter": period_previous(period_containing(PeriodKind.QUARTER, today)),
        "month": period_previous(period_containing(PeriodKind.MONTH, today)),
    }


def _reports(label: str, today: date, known: Any, *, explain: bool) -> None:
    from motcua.organisation.selectors import agency_get
    from motcua.quality.selectors import ranking, scope_resolve, scorecard
    from motcua.quality.selectors.status import dossiers_by_tier

    periods = _last_full_periods(today)
    province = scope_resolve("province")
    for period in periods.values():
        until = period.until(today)

        def card(period: Any = period) -> Any:
            return scorecard(province, period, today=today)

        def raw(period: Any = period, until: date = until) -> tuple[Any, ...]:
            return _aggregate(period.start, until)

        result = _report(label, f"scorecard province {period.slug}", card, raw, explain=explain)
        assert result.received == (raw()[0] or 0), (
            f"{period.slug}: the scorecard's received differs"
        )

    quarter = periods["quarter"]
    busiest = max(known.by_agency, key=lambda a: known.by_agency[a]["received"])
    agency = agency_get(agency_id=busiest)
    assert agency is not None
    scope = scope_resolve("agency", str(busiest))
    result = _report(
        label,
        f"scorecard agency #{busiest} {agency.name} ({known.by_agency[busiest]['received']:,} "
        f"dossiers in 4 years) {quarter.slug}",
        lambda: scorecard(scope, quarter, today=today),
        lambda: _aggregate(quarter.start, quarter.until(today), busiest),
        explain=explain,
    )
    assert result.received == (_aggregate(quarter.start, quarter.end, busiest)[0] or 0)

    rows = _report(
        label,
        f"ranking communes {quarter.slug}",
        lambda: ranking("communes", quarter, today=today),
        lambda: _aggregate(quarter.start, quarter.until(today)),
        explain=explain,
    )
    assert rows, "no commune ranked"
    year = periods["year"]
    tiers = _report(
        label,
        f"dossiers_by_tier {year.slug}",
        lambda: dossiers_by_tier(year, today=today),
        lambda: _aggregate(year.start, year.until(today)),
        explain=explain,
    )
    assert tiers, "no tier counted"
    print(
        f"quality[{label}] ranking: {len(rows)} communes ranked; dossiers_by_tier: "
        + ", ".join(f"{t.label} {t.total:,}" for t in tiers),
        flush=True,
    )


# --- 3. one refresh after a day's events -------------------------------------------------------


def _events(label: str) -> list[int]:
    from motcua.accounts.constants import Role
    from motcua.accounts.models import User
    from motcua.catalog.selectors import version_get_current
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import document_is_conditional, dossier_current_step
    from motcua.dossiers.services import (
        ApplicantData,
        Intake,
        dossier_approve,
        dossier_forward,
        dossier_receive_new,
    )

    names = ["motcua", "chuyenvien", "lanhdao"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    desk, specialist, leader = users["motcua"], users["chuyenvien"], users["lanhdao"]
    version = version_get_current(code=MARRIAGE)
    assert version is not None, f"procedure {MARRIAGE} missing from the seed catalogue"
    mandatory = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    rng = random.Random(766)
    ids = []
    for number in range(RECEPTIONS):
        intake = Intake(
            version_id=version.pk,
            channel="in_person",
            applicant=ApplicantData(
                name=_name(rng),
                id_number=_id_number(rng),
                phone=_phone(rng),
                address="Phường Đồng Xoài, tỉnh Đồng Nai",
            ),
            document_ids=mandatory,
        )
        dossier = dossier_receive_new(
            actor=desk, intake=intake, request_key=f"bench-quality-{number}"
        )
        ids.append(dossier.pk)
    for dossier_id in ids[:RESOLVED]:
        step = dossier_current_step(dossier=Dossier.objects.get(pk=dossier_id))
        if step is not None and step.role == Role.DESK_OFFICER:
            dossier_forward(actor=desk, dossier_id=dossier_id)
        dossier_forward(actor=specialist, dossier_id=dossier_id)
        dossier_approve(actor=leader, dossier_id=dossier_id)
    assert len(set(ids)) == RECEPTIONS
    return ids


def _refresh(label: str) -> None:
    from django.db.models import Sum
    from django.utils import timezone

    from motcua.quality.models import DailyFact, DossierFact
    from motcua.quality.services import facts_refresh

    started = time.perf_counter()
    ids = _events(label)
    _progress(
        label,
        f"{RECEPTIONS} received, {RESOLVED} forwarded and approved in "
        f"{time.perf_counter() - started:.0f} s",
    )
    began = time.perf_counter()
    report = facts_refresh()
    elapsed_ms = (time.perf_counter() - began) * 1000
    assert report.dossiers == RECEPTIONS, f"the refresh read {report.dossiers} dossiers"
    assert DossierFact.objects.filter(pk__in=ids).count() == RECEPTIONS
    day = DailyFact.objects.filter(day=timezone.localdate()).aggregate(
        received=Sum("received"), ended=Sum("ended"), open_total=Sum("open_total")
    )
    per_dossier = elapsed_ms / report.dossiers
    print(
        f"quality[{label}] facts_refresh after {RECEPTIONS} receptions and {RESOLVED} approvals: "
        f"{elapsed_ms:.0f} ms ({per_dossier:.2f} ms a dossier; {report.days_recounted} day(s) "
        f"recounted; today's facts: {day['received']} received, {day['ended']} ended, "
        f"{day['open_total']} open); extrapolated, not measured, with {RECEPTIONS} "
        f"DossierFact rows in all: ~"
        f"{per_dossier * PROVINCE_PER_DAY / 1000:.1f} s for the province's "
        f"~{PROVINCE_PER_DAY:,} dossiers a day",
        flush=True,
    )
    record(
        f"facts_refresh after {RECEPTIONS} receptions and {RESOLVED} approvals (one run)",
        [elapsed_ms],
        dossiers=report.dossiers,
        days_recounted=report.days_recounted,
    )
    _stage(label, "events and refresh", started)


# --- 4. the queries of one scorecard -----------------------------------------------------------


def _queries(label: str, today: date) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.quality.selectors import scope_resolve, scorecard

    year = _last_full_periods(today)["year"]
    province = scope_resolve("province")
    counts = []
    for clear in (True, False):
        if clear:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            scorecard(province, year, today=today)
        counts.append(len(captured))
    print(
        f"quality[{label}] queries of one province scorecard {year.slug}: {counts[0]} with the "
        f"cache empty, {counts[1]} with it warm",
        flush=True,
    )


def child(*, explain: bool) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    label = connection.vendor
    started = time.perf_counter()
    stage = time.perf_counter()
    call_command("migrate", verbosity=0)
    _seed(label)
    _stage(label, "migrate and seed", stage)
    today = timezone.localdate()
    stage = time.perf_counter()
    known = _generate(label, today)
    _analyze_and_check(label, known)
    _stage(label, "facts (generate, analyse, check)", stage)
    stage = time.perf_counter()
    _reports(label, today, known, explain=explain)
    _stage(label, "reports", stage)
    _refresh(label)
    _queries(label, today)
    _stage(label, "total", started)
    results_flush("quality", data={"dossiers": known.totals["received"], "fact_rows": known.rows})


def main() -> None:
    if is_child():
        child(explain=EXPLAIN_FLAG in sys.argv[1:])
        return
    run_per_database(
        script=__file__,
        prefix="motcua-bench-quality",
        title="quality benchmark",
        flags=[f for f in sys.argv[1:] if f == EXPLAIN_FLAG],
    )


if __name__ == "__main__":
    main()
