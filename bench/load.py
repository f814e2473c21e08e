"""Benchmark (`make bench`): a headless load test of mixed traffic against the production server.

1. A fresh PostgreSQL database with the demo data and a synthetic year (`history_generate
   --since 365`, scale 0.05 by default: about 62,000 dossiers; `--scale` to change it), its
   766 facts rebuilt.
2. The app served by gunicorn (config.wsgi, `--workers 4` on this 2-core machine, sync
   workers), settings `config.settings.dev` with DEBUG off (the demo accounts sign in over
   plain HTTP; nothing else differs from production on the request path), the tracking limit
   raised (every simulated citizen comes from 127.0.0.1).
3. locust (from .venv-bench, bench/locustfile.py) headless: 60 users (6 in 10 citizens
   browsing, searching and tracking; 3 officers on queues and dossier pages; 1 desk officer
   receiving dossiers through the real form) for 60 s after they have all started.
   Throughput, median and p95 per endpoint, failures; `bench/results/load-postgresql.json`.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from children import PG_DSN, PG_URL, SMOKE, result_save  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
LOCUST = str(ROOT / ".venv-bench" / "bin" / "locust")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
USERS, SPAWN, SECONDS = (10, 5, 10) if SMOKE else (60, 10, 60)
WORKERS = 4


def _scale() -> str:
    if "--scale" in sys.argv:
        return sys.argv[sys.argv.index("--scale") + 1]
    return "0.002" if SMOKE else "0.05"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


DATA_SCRIPT = """
import json, random, sys
from motcua.accounts.models import OfficerMembership
from motcua.catalog.selectors import version_get_current
from motcua.dossiers.models import Dossier
rng = random.Random(766)
agency = OfficerMembership.objects.filter(user__username="chuyenvien").first().agency_id
mine = list(Dossier.objects.filter(deciding_agency_id=agency).values_list("pk", "code")[:400])
codes = list(Dossier.objects.exclude(code=None).values_list("code", "applicant_phone")[:20000])
procedures = [v.procedure.code for v in
              __import__("motcua.catalog.selectors", fromlist=["x"]).version_list_current()
              .select_related("procedure")[:300]]
json.dump({
    "password": "MotCua@2026", "officer": "chuyenvien", "desk": "motcua",
    "version": version_get_current(code="1.004873").pk,
    "dossiers": mine, "procedures": procedures,
    "tracking": [(c, p[-4:]) for c, p in rng.sample(codes, min(2000, len(codes)))],
    "queries": ["đăng ký khai sinh", "giấy phép xây dựng", "tam tru", "cấp lại", "đất đai",
                "chứng thực", "kết hôn", "hộ nghèo"],
    "names": ["Nguyễn Văn An", "Điểu Thị Brơi", "Trần Thị Mai", "Lê Hoàng Nam"],
}, open(sys.argv[-1], "w"), ensure_ascii=False)
"""


def _stats(prefix: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    endpoints, total = [], {}
    for row in rows:
        entry = {
            "name": row["Name"] if row["Name"] != "Aggregated" else "all requests",
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "per_second": round(float(row["Requests/s"]), 1),
            "median_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "runs": int(row["Request Count"]),
        }
        if row["Name"] == "Aggregated":
            total = entry
        else:
            endpoints.append(entry)
    return endpoints, total


def _warm_up(port: int) -> None:
    """A few requests per worker first: its first render compiles templates and fills caches."""
    from urllib.request import urlopen

    for path in ("/", "/thu-tuc/", "/tra-cuu/", "/accounts/login/") * (2 * WORKERS):
        with urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            response.read()


def main() -> None:
    import psycopg
    from psycopg import sql

    if not Path(LOCUST).exists():
        sys.exit("locust is missing: `make bench` creates .venv-bench first")
    name = f"bench_load_{os.getpid()}"
    scale = _scale()
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
        "DATABASE_URL": PG_URL.format(name=name),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "MOTCUA_TRACKING_ATTEMPTS": "1000000000",
    }
    prefix = f"/tmp/{name}"  # noqa: S108 - removed at the end
    data_file = f"{prefix}-data.json"
    try:
        admin = psycopg.connect(PG_DSN, autocommit=True)
    except psycopg.OperationalError:
        print("load: skipped (PostgreSQL unreachable at 127.0.0.1:5432)")
        return
    server = None
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            started = time.perf_counter()
            _manage(env, "migrate", "-v", "0")
            _manage(env, "seed_demo")
            _manage(env, "history_generate", "--since", "365", "--scale", scale,
                    "--procedures", "100" if SMOKE else "2000")  # fmt: skip
            _manage(env, "shell", "-c", DATA_SCRIPT.replace("sys.argv[-1]", repr(data_file)))
            with psycopg.connect(PG_URL.format(name=name)) as db:
                dossiers = db.execute("SELECT count(*) FROM dossiers_dossier").fetchone()[0]  # type: ignore[index]
                version = db.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
                db.execute("ANALYZE")
            print(f"load: {dossiers:,} dossiers ready in {time.perf_counter() - started:.0f} s")
            port = _free_port()
            server = subprocess.Popen(  # noqa: S603
                [GUNICORN, "config.wsgi", "--preload", "--workers", str(WORKERS), "--bind",
                 f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=ROOT, env=env,
            )  # fmt: skip
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.2)
            _warm_up(port)
            subprocess.run(  # noqa: S603
                [LOCUST, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                 "-u", str(USERS), "-r", str(SPAWN), "-t", f"{SECONDS + USERS // SPAWN}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", prefix, "--only-summary",
                 "--reset-stats", "--loglevel", "WARNING"],
                cwd=ROOT, env={**env, "LOAD_DATA": data_file}, check=False,
            )  # fmt: skip
            endpoints, total = _stats(prefix)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            for suffix in ("_stats.csv", "_stats_history.csv", "_failures.csv",
                           "_exceptions.csv", "-data.json"):  # fmt: skip
                Path(f"{prefix}{suffix}").unlink(missing_ok=True)
    for entry in [*endpoints, total]:
        print(
            f"load[postgresql] {entry['name']}: {entry['per_second']} req/s, median "
            f"{entry['median_ms']:.0f} ms, p95 {entry['p95_ms']:.0f} ms, "
            f"{entry['failures']} failures of {entry['requests']}"
        )
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    result_save(
        "load-postgresql",
        database="",
        version=f"postgresql {version}",
        data={"scale": scale, "dossiers": dossiers, "users": USERS, "seconds": SECONDS,
              "gunicorn_workers": WORKERS, "smoke": SMOKE},
        entries=[total, *endpoints],
    )  # fmt: skip
    if total.get("failures"):
        sys.exit(f"load: {total['failures']} failed requests")


if __name__ == "__main__":
    main()
