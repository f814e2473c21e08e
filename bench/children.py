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
    runs = (("sqlite", _sqlite), ("postgresql", _postgresql))
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
    name: str, *, database: str, data: dict[str, Any], entries: list[dict[str, Any]]
) -> Path:
    """`bench/results/<name>.json`: the machine, the database, the data size and the figures."""
    import json
    from datetime import UTC, datetime

    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    document = {
        "name": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "database": _database_version() if database else "",
        "data": data,
        "figures": entries,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path
