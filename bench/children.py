"""What every database benchmark's parent process does: run the same script as a child once
per database, each against a fresh database that is always removed afterwards (a temporary
SQLite file, a temporary PostgreSQL database on 127.0.0.1:5432, skipped when unreachable)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

CHILD_FLAG = "--child"
PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
T = TypeVar("T")


def _run_child(script: Path, database_url: str, flags: list[str]) -> int:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(script), CHILD_FLAG, *flags], env=env, check=False
    ).returncode


def _sqlite(script: Path, prefix: str, flags: list[str]) -> int:
    path = Path(f"/tmp/{prefix}-{os.getpid()}.sqlite3")  # noqa: S108 - removed below
    try:
        return _run_child(script, f"sqlite:///{path}", flags)
    finally:
        for leftover in (path, *(Path(f"{path}{s}") for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _postgresql(script: Path, prefix: str, flags: list[str]) -> int:
    import psycopg
    from psycopg import sql

    name = f"{prefix.replace('-', '_')}_{os.getpid()}"
    try:
        admin = psycopg.connect(PG_DSN, autocommit=True)
    except psycopg.OperationalError:
        print(f"{prefix}[postgresql]: skipped (unreachable at 127.0.0.1:5432)", flush=True)
        return 0
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            return _run_child(script, PG_URL.format(name=name), flags)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def is_child() -> bool:
    return CHILD_FLAG in sys.argv[1:]


def run_per_database(
    *, script: str, prefix: str, title: str, flags: list[str] | None = None
) -> None:
    """Run `script` as a child on SQLite, then on PostgreSQL; exit non-zero if one failed."""
    path = Path(script).resolve()
    extra = flags or []
    wanted = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    runs = [(n, r) for n, r in (("sqlite", _sqlite), ("postgresql", _postgresql)) if n in wanted]
    failures = [name for name, run in runs if run(path, prefix, extra)]
    if failures:
        sys.exit(f"{title} failed on: {', '.join(failures)}")


def timings_ms(work: Callable[[], T], *, rounds: int, warmup: int) -> tuple[list[float], T]:
    """Milliseconds per call over `rounds` calls after `warmup` calls, and the last result."""
    for _ in range(warmup):
        result = work()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, result


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def progress(label: str, message: str) -> None:
    """A progress line on stderr (the figures go to stdout)."""
    print(f"[{label}] {message}", file=sys.stderr, flush=True)


RESULTS = Path(__file__).resolve().parent / "results"


def _machine() -> dict[str, Any]:
    import platform

    memory = 0
    try:
        with open("/proc/meminfo") as info:
            memory = int(info.readline().split()[1]) // 1024
    except OSError:
        pass
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "memory_mib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return f"{connection.vendor} {cursor.fetchone()[0]}"


def result_save(
    name: str,
    *,
    database: str,
    data: dict[str, Any],
    entries: list[dict[str, Any]],
    version: str = "",
) -> Path:
    """`bench/results/<name>.json`: the machine, the database, the data size and the figures."""
    import json
    from datetime import UTC, datetime

    folder = RESULTS / "smoke" if SMOKE else RESULTS  # a smoke run never replaces real figures
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    document = {
        "name": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "database": version or (_database_version() if database else ""),
        "data": data,
        "figures": entries,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def pgbench_latency_ms(seconds: int = 15) -> dict[str, float] | None:
    """One client's TPC-B-like transaction on the same server (pgbench, scale 1, a database of
    its own, dropped after): the database's own floor for a small read-write transaction."""
    import re
    import shutil

    import psycopg
    from psycopg import sql

    if shutil.which("pgbench") is None:
        return None
    name = f"bench_pgbench_{os.getpid()}"
    with psycopg.connect(PG_DSN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            base = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
            subprocess.run(  # noqa: S603 - pgbench from PATH, fixed arguments
                ["pgbench", *base, "-i", "-q", "-s", "1", name],  # noqa: S607
                check=True,
                capture_output=True,
            )
            run = subprocess.run(  # noqa: S603
                ["pgbench", *base, "-n", "-c", "1", "-j", "1", "-T", str(seconds), name],  # noqa: S607
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    latency = re.search(r"latency average = ([\d.]+) ms", run.stdout)
    tps = re.search(r"tps = ([\d.]+)", run.stdout)
    if not latency or not tps:
        return None
    return {"latency_ms": float(latency.group(1)), "tps": float(tps.group(1))}


# `BENCH_SMOKE=1` shrinks every bench to a size that runs in CI in a minute or two, so the
# benches never rot; the figures of a smoke run are not the ones to report.
SMOKE = os.environ.get("BENCH_SMOKE") == "1"
RECORDED: list[dict[str, Any]] = []


def record(name: str, samples: list[float], *, base: float | None = None, **extra: Any) -> None:
    """Keep one timing (milliseconds) for the child's `results_flush`."""
    median = statistics.median(samples)
    entry: dict[str, Any] = {
        "name": name,
        "median_ms": round(median, 3),
        "p95_ms": round(p95(samples) if len(samples) > 1 else median, 3),
        "runs": len(samples),
    }
    if base:
        entry["baseline_ratio"] = round(median / base, 1)
    entry.update(extra)
    RECORDED.append(entry)


def results_flush(name: str, *, data: dict[str, Any]) -> None:
    from django.db import connection

    result_save(
        f"{name}-{connection.vendor}",
        database=connection.vendor,
        data={**data, "smoke": SMOKE},
        entries=RECORDED,
    )
