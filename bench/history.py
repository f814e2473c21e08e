"""Benchmark (`make bench`): a generated province-year, and what officers and citizens do on it.

Per database (a fresh SQLite file, then a fresh PostgreSQL database, as every bench here):

1. The seed (units, agencies, users, the real catalogue, the calendar), then the synthetic
   catalogue of 2,000 procedures in force from 1/1/2022 (timed apart: it is the catalogue
   import, not the generator).
2. The generator: `history_generate` for 2022 at `--scale` (default 0.1, i.e. 125,136
   dossiers; 1 is Bình Phước's 1,251,357), in dossiers per second.
3. The full rebuild of the 766 facts over 2022–2023 (`facts_rebuild`), in dossiers per second.
4. The check the issue asks for: the 2022 table per tier, as the reports count it
   (`dossiers_by_tier`), equals the province's table scaled. A mismatch fails the bench.
5. Timings (median and p95 over rounds after warm-ups), each with the baseline of fetching
   one dossier by primary key in the same process: the citizen's tracking lookup by code and
   phone digits (200 codes drawn from the data); the province's 766 scorecard for 2022 and its
   last quarter and month; the scorecard of the busiest district and the busiest commune for
   2022; the receipt PDF of a dossier; the dossier register (Excel) of the busiest commune
   for a month.

Every figure goes to stdout and to `bench/results/history-<database>.json` (machine,
database, data size, median, p95, runs). `--scale 0.01` is the smoke run CI keeps alive.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from children import (  # noqa: E402 - after the path is set
    SMOKE,
    is_child,
    p95,
    result_save,
    run_per_database,
    timings_ms,
)
from children import progress as _progress  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
YEAR = 2022
ROUNDS, WARMUP = 20, 3


def _scale() -> str:
    for index, argument in enumerate(sys.argv):
        if argument == "--scale" and index + 1 < len(sys.argv):
            return sys.argv[index + 1]
    return "0.01" if SMOKE else "0.1"


class Figures:
    def __init__(self, label: str) -> None:
        self.label = label
        self.entries: list[dict[str, Any]] = []
        self.base = 0.0

    def once(self, name: str, seconds: float, *, count: int, unit: str) -> None:
        rate = count / seconds if seconds else 0.0
        print(f"history[{self.label}] {name}: {seconds:.1f} s, {rate:,.0f} {unit}/s", flush=True)
        self.entries.append(
            {"name": name, "seconds": round(seconds, 3), "count": count, "per_second": rate}
        )

    def timed(self, name: str, work: Any, *, rounds: int = ROUNDS, warmup: int = WARMUP) -> Any:
        samples, result = timings_ms(work, rounds=rounds, warmup=warmup)
        median = statistics.median(samples)
        tail = p95(samples) if len(samples) > 1 else median
        ratio = median / self.base if self.base else 0.0
        print(
            f"history[{self.label}] {name}: median {median:.2f} ms, p95 {tail:.2f} ms, "
            f"{ratio:.0f}x baseline ({self.base:.3f} ms), {rounds} runs",
            flush=True,
        )
        self.entries.append(
            {
                "name": name,
                "median_ms": round(median, 3),
                "p95_ms": round(tail, 3),
                "runs": rounds,
                "baseline_ratio": round(ratio, 1),
            }
        )
        return result


def _seed(label: str) -> None:
    from django.core.management import call_command

    from motcua.accounts.services import user_seed_demo
    from motcua.catalog.services import catalog_seed_demo
    from motcua.core.calendar import calendar_invalidate
    from motcua.core.services import calendar_seed
    from motcua.organisation.services import administrative_units_import, agency_seed_demo

    call_command("migrate", verbosity=0)
    administrative_units_import()
    agency_seed_demo()
    user_seed_demo()
    catalog_seed_demo()
    calendar_seed(first_year=2021, last_year=2027)
    calendar_invalidate()
    _progress(label, "seeded")


def child() -> None:  # noqa: PLR0915 - one bench, its steps in order
    import django

    django.setup()
    from django.db import connection

    from motcua.dossiers.documents import receipt_pdf
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.register import register_workbook
    from motcua.dossiers.selectors import dossier_find_for_tracking
    from motcua.organisation.constants import Tier
    from motcua.quality.constants import PeriodKind
    from motcua.quality.periods import period_containing, period_year
    from motcua.quality.selectors import scope_resolve, scorecard
    from motcua.quality.selectors.status import dossiers_by_tier
    from motcua.quality.services import facts_rebuild
    from motcua.synthetic.services import _catalogue_ensure, history_generate
    from motcua.synthetic.volumes import REFERENCE_2022, tier_volume_scaled

    label = connection.vendor
    scale = _scale()
    figures = Figures(label)
    _seed(label)
    started = time.perf_counter()
    created = _catalogue_ensure(date(YEAR, 1, 1), 200 if SMOKE else 2000)
    figures.once(f"catalogue import ({created:,} procedures)", time.perf_counter() - started,
                 count=created, unit="procedures")  # fmt: skip
    report = history_generate(first_year=YEAR, last_year=YEAR, scale=scale)
    figures.once("generator", report.seconds, count=report.dossiers, unit="dossiers")
    started = time.perf_counter()
    rebuilt = facts_rebuild(start=date(YEAR, 1, 1), end=date(YEAR + 1, 12, 31))
    figures.once("766 facts, full rebuild 2022-2023", time.perf_counter() - started,
                 count=rebuilt.dossiers, unit="dossiers")  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    rows = {row.label: row for row in dossiers_by_tier(period_year(YEAR))}
    mismatches = []
    for tier, reference in REFERENCE_2022.items():
        expected = tier_volume_scaled(reference, Decimal(scale))
        row = rows[str(Tier(tier).label)]
        got = (row.total, row.on_time, row.late, row.backlog)
        want = (expected.total, expected.on_time, expected.late, expected.backlog)
        print(f"history[{label}] 2022 {tier}: {got} expected {want}", flush=True)
        if got != want:
            mismatches.append(tier)

    first = Dossier.objects.order_by("pk").values_list("pk", flat=True).first()
    samples, _row = timings_ms(lambda: Dossier.objects.get(pk=first), rounds=200, warmup=20)
    figures.base = statistics.median(samples)

    rng = random.Random(766)
    count = Dossier.objects.count()
    picks = [
        Dossier.objects.order_by("pk").values_list("code", "applicant_phone")[rng.randrange(count)]
        for _ in range(200)
    ]
    cursor_pick = iter(picks * (ROUNDS + WARMUP + 1))

    def track() -> Any:
        code, phone = next(cursor_pick)
        found = dossier_find_for_tracking(code=code, phone_last_digits=phone[-4:])
        assert found is not None
        return found

    figures.timed("tracking lookup by code", track, rounds=200, warmup=20)
    province = scope_resolve("province")
    year = period_year(YEAR)
    today = date(YEAR + 1, 6, 30)
    for period in (
        year,
        period_containing(PeriodKind.QUARTER, date(YEAR, 12, 1)),
        period_containing(PeriodKind.MONTH, date(YEAR, 12, 1)),
    ):
        card = figures.timed(
            f"766 scorecard province {period.slug}",
            lambda period=period: scorecard(province, period, today=today),
            rounds=10,
            warmup=2,
        )
        assert card.received > 0
    for tier in (Tier.DISTRICT, Tier.COMMUNE):
        busiest = (
            Dossier.objects.filter(deciding_agency__tier=tier)
            .values_list("deciding_agency_id", flat=True)
            .order_by("deciding_agency_id")
        )
        agency_id = max(set(busiest), key=list(busiest).count) if busiest else None
        scope = scope_resolve("agency", str(agency_id))
        figures.timed(
            f"766 scorecard busiest {tier} {YEAR}",
            lambda scope=scope: scorecard(scope, year, today=today),
            rounds=10,
            warmup=2,
        )
    dossier = Dossier.objects.exclude(code=None).first()
    assert dossier is not None
    figures.timed("receipt PDF", lambda: receipt_pdf(dossier=dossier), rounds=10, warmup=2)
    month = Dossier.objects.filter(
        deciding_agency_id=agency_id, received_at__date__gte=date(YEAR, 3, 1),
        received_at__date__lte=date(YEAR, 3, 31),
    )  # fmt: skip
    rows_in_month = month.count()
    figures.timed(
        f"register Excel, busiest commune, 03/{YEAR} ({rows_in_month} dossiers)",
        lambda: register_workbook(dossiers=month, start=date(YEAR, 3, 1), end=date(YEAR, 3, 31)),
        rounds=5,
        warmup=1,
    )
    result_save(
        f"history-{label}",
        database=label,
        data={"scale": scale, "dossiers": count, "events": report.events, "year": YEAR},
        entries=figures.entries,
    )
    if mismatches:
        sys.exit(f"history[{label}]: the 2022 table differs for {', '.join(mismatches)}")


def main() -> None:
    flags = ["--scale", _scale()]
    run_per_database(script=__file__, prefix="bench-history", title="history", flags=flags)


if __name__ == "__main__":
    if is_child():
        child()
    else:
        main()
