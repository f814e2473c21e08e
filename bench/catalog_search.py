"""Benchmark (`make bench`): procedure search over 2,000 procedures, SQLite and PostgreSQL.

What is measured: `procedure_search(query=...)` (the portal's search box, the back office's
procedure picker) for the kinds of query citizens type: a name without diacritics, in capitals
with diacritics, in another word order, an exact code, one common word that matches hundreds of
procedures, a typo that matches nothing exactly (trigram similarity on PostgreSQL, "most words
match" on SQLite), and a 10,000-character hostile input (search cuts it to 200 characters and
8 words; this shows what that still costs). Each kind runs 30 rounds after a warm-up; we print
the median and the 95th percentile.

Why: search runs different SQL on each database (PostgreSQL adds full-text and trigram
matching, see motcua/catalog/search.py), so both are measured, each in a child process of its
own with a fresh database: a temporary SQLite file, and a temporary PostgreSQL database on
127.0.0.1:5432 (skipped when unreachable). The catalogue is the real seed catalogue when
src/motcua/catalog/data/procedures.json exists, plus 2,000 generated procedures. PostgreSQL is
ANALYZEd after the import, as autovacuum would do soon after: we measure the steady state.

Absolute times depend on the machine, so each median is also given as a ratio to a baseline
measured in the same process: fetching one version by primary key with its procedure (one
indexed row). There are no thresholds here and no timed tests anywhere else.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

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
BATCH = 250
ROUNDS = 30
WARMUP = 3
HOSTILE_CHARS = 10_000
SEED_CODE = "1.004194"  # Đăng ký tạm trú in the real seed catalogue
GENERATED_CODE = "9.000123"
T = TypeVar("T")


# --- Child: one database, one catalogue, all the timings ---------------------------------------


def _timings_ms(work: Callable[[], T]) -> tuple[list[float], T]:
    return timings_ms(work, rounds=ROUNDS, warmup=WARMUP)


def _hostile_query() -> str:
    """10,000 characters of words with diacritics, digits, LIKE wildcards, quotes, controls."""
    rng = random.Random(766)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệđĐ0123456789.%_\\'\";-—\t\n\u200b "
    return "".join(rng.choice(alphabet) for _ in range(HOSTILE_CHARS))


def _seed_import(label: str) -> int:
    """Import the real seed catalogue if its file exists; the number of procedures created."""
    from motcua.catalog import services
    from motcua.catalog.exchange import DocumentInvalidError
    from motcua.catalog.files import FileRejectedError

    path = Path(services.__file__).resolve().parent / "data" / services.SEED_FILE
    if not path.exists():
        _progress(label, f"seed catalogue absent ({path}): generated only")
        return 0
    try:
        created = services.catalog_seed_demo().created
    except (DocumentInvalidError, FileRejectedError) as error:
        _progress(label, f"seed catalogue unusable, generated only: {error}")
        return 0
    _progress(label, f"import seed: {created} procedures")
    return created


def _catalogue_import(label: str) -> int:
    from motcua.catalog.exchange import parse_document
    from motcua.catalog.generator import generate_document
    from motcua.catalog.services import catalog_import

    seeded = _seed_import(label)
    records = parse_document(generate_document(count=GENERATED))
    for start in range(0, len(records), BATCH):
        catalog_import(records=records[start : start + BATCH])
        _progress(label, f"import {min(start + BATCH, len(records))}/{len(records)}")
    return seeded


def child() -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from motcua.catalog.models import Procedure, ProcedureVersion
    from motcua.catalog.search import procedure_search

    label = connection.vendor
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seeded = _catalogue_import(label)
    if label == "postgresql":
        # What autovacuum does on its own a minute after a bulk import; without statistics the
        # planner ignores the full-text index and recomputes to_tsvector on every row.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _progress(label, f"catalogue ready in {time.perf_counter() - started:.0f} s")

    code = SEED_CODE if Procedure.objects.filter(code=SEED_CODE).exists() else GENERATED_CODE
    kinds: list[tuple[str, str]] = [
        ("exact-name", "dang ky tam tru"),
        ("upper-accents", "ĐĂNG KÝ TẠM TRÚ"),
        ("reversed-words", "tam tru dang ky"),
        ("exact-code", code),
        ("common-word", "cap"),
        ("typo", "dang ky tam chu"),
        ("hostile", _hostile_query()),
    ]
    ids = list(ProcedureVersion.objects.order_by("pk").values_list("pk", flat=True))
    some_id = ids[len(ids) // 2]
    base_samples, _row = _timings_ms(
        lambda: list(ProcedureVersion.objects.filter(pk=some_id).select_related("procedure"))
    )
    base = statistics.median(base_samples)
    for kind, query in kinds:
        samples, hits = _timings_ms(partial(procedure_search, query=query, limit=50))
        median = statistics.median(samples)
        shown = f"<{len(query):,} chars>" if len(query) > 80 else query  # noqa: PLR2004
        first = hits[0].version.procedure.code if hits else "-"
        record(f"catalogue search {kind}", samples, base=base, hits=len(hits))
        print(
            f'search[{label}] {kind} "{shown}": median {median:.1f} ms, p95 {p95(samples):.1f} '
            f"ms, {median / base:.0f}x baseline ({base:.2f} ms) over {GENERATED}+{seeded} "
            f"procedures; {len(hits)} hits, first {first}",
            flush=True,
        )
    results_flush("catalog-search", data={"procedures": GENERATED + seeded})


def main() -> None:
    if is_child():
        child()
        return
    run_per_database(script=__file__, prefix="motcua-bench", title="catalog search benchmark")


if __name__ == "__main__":
    main()
