"""Backup and restore of the whole system: the database, the stored files and a manifest.

A backup is a directory `<root>/motcua-<UTC timestamp>/` holding
- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite: the
  online backup API, consistent while the app runs);
- `files.tar` (MEDIA_ROOT: uploads, scans, signed results);
- `manifest.json`: the row count of every table, the audit chain's length and last hash, the
  SHA-256 of every stored file, and the database vendor.

`backup_restore` puts the database and the files back, then checks them against the manifest
(row counts, audit chain recomputed and equal to the recorded head, file checksums) and raises
`BackupError` on any difference. Stop the web processes and the worker before restoring
(docs/reliability.md). The signing keys (MOTCUA_SIGNING_DIR) are not in the backup on purpose:
they are kept apart, in the province's key store.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, connections

from motcua.core.audit import audit_chain_head, audit_chain_verify
from motcua.core.models import AuditChainHead

MANIFEST = "manifest.json"
FILES = "files.tar"


class BackupError(RuntimeError):
    """A backup could not be made, or a restore does not match its manifest."""


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    files: int
    audit_events: int


def model_tables() -> list[str]:
    """Every model's table (including many-to-many tables) that exists in the database."""
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        & set(connection.introspection.table_names())
    )


def _figures(cursor: Any, tables: list[str], quote: Any) -> dict[str, Any]:
    """Row counts per table and the audit chain's head, read through one cursor (one snapshot)."""
    counts: dict[str, int] = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the models
        counts[table] = int(cursor.fetchone()[0])
    head_table = quote(AuditChainHead._meta.db_table)
    cursor.execute(f"SELECT length, last_hash FROM {head_table}")  # noqa: S608 - a model's table
    row = cursor.fetchone()
    return {
        "tables": counts,
        "audit_head": {"length": row[0] if row else 0, "last_hash": row[1] if row else ""},
    }


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        figures: dict[str, int] = _figures(cursor, model_tables(), connection.ops.quote_name)[
            "tables"
        ]
    return figures


def _file_digests(root: Path) -> dict[str, str]:
    digests: dict[str, str] = {}
    if not root.exists():
        return digests
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digests[path.relative_to(root).as_posix()] = digest.hexdigest()
    return digests


def _audit_head() -> dict[str, Any]:
    return audit_chain_head()


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", str(db.get("HOST") or "localhost"), "--username", str(db.get("USER") or "")]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed binaries, arguments from settings
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def backup_create(*, root: Path) -> Path:
    """Write a new backup directory under `root`; return it. Nothing is left on failure."""
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = root / f"motcua-{stamp}"
    partial = root / f".partial-motcua-{stamp}"
    partial.mkdir(parents=True)
    try:
        vendor = connection.vendor
        tables = model_tables()
        # The counts and the audit head are read in the very snapshot the dump is made of, so a
        # restore can be checked exactly, even though the app keeps writing meanwhile.
        if vendor == "postgresql":
            figures = _pg_dump(partial / "database.dump", tables)
        elif vendor == "sqlite":
            figures = _sqlite_copy(partial / "database.sqlite3", tables)
        else:
            raise BackupError(f"no backup method for the {vendor} database")
        media = Path(settings.MEDIA_ROOT)
        digests = _file_digests(media)  # files written later are not in this backup
        with tarfile.open(partial / FILES, "w") as archive:
            for name in digests:
                archive.add(media / name, arcname=f"media/{name}", recursive=False)
        manifest = {"created_at": stamp, "vendor": vendor, **figures, "files": digests}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def _pg_dump(path: Path, tables: list[str]) -> dict[str, Any]:
    """pg_dump of an exported snapshot; the figures read in that same snapshot."""
    from django.db import transaction

    args, env = _pg_env(connection.settings_dict)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        figures = _figures(cursor, tables, connection.ops.quote_name)
        _run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "--file",
                str(path),
                str(connection.settings_dict["NAME"]),
            ],
            env,
        )
    return figures


def _sqlite_copy(path: Path, tables: list[str]) -> dict[str, Any]:
    """SQLite's online backup into `path`; the figures read from the copy itself."""
    source = sqlite3.connect(str(connection.settings_dict["NAME"]))
    copy = sqlite3.connect(str(path))
    try:
        source.backup(copy)
        return _figures(copy.cursor(), tables, lambda name: f'"{name}"')
    finally:
        source.close()
        copy.close()


def backup_restore(*, source: Path) -> RestoreReport:
    """Replace the database and the stored files with the backup's; check them; the figures."""
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{source} is not a backup (no {MANIFEST})")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    vendor = connection.vendor
    if manifest["vendor"] != vendor:
        raise BackupError(f"a {manifest['vendor']} backup cannot be restored into {vendor}")
    db = connection.settings_dict
    connections.close_all()
    if vendor == "postgresql":
        args, env = _pg_env(db)
        _run(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                str(db["NAME"]),
                str(source / "database.dump"),
            ],
            env,
        )
    else:
        copy = sqlite3.connect(str(source / "database.sqlite3"))
        target = sqlite3.connect(str(db["NAME"]))
        with target:
            copy.backup(target)
        copy.close()
        target.close()
    media = Path(settings.MEDIA_ROOT)
    staging = media.parent / f".restore-{media.name}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(source / FILES) as archive:
        archive.extractall(staging, filter="data")  # refuses absolute and traversal names
    restored = staging / "media"
    restored.mkdir(exist_ok=True)
    if media.exists():
        shutil.rmtree(media)
    restored.rename(media)
    shutil.rmtree(staging, ignore_errors=True)
    return backup_check(manifest)


def backup_check(manifest: dict[str, Any]) -> RestoreReport:
    """The running database and files against a manifest; `BackupError` names each difference."""
    problems: list[str] = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, expected {expected}")
    chain = audit_chain_verify()
    if not chain.ok:
        problems.append(f"audit chain broken at #{chain.broken_event_id}: {chain.reason}")
    if _audit_head() != manifest["audit_head"]:
        problems.append(f"audit head {_audit_head()}, expected {manifest['audit_head']}")
    files = _file_digests(Path(settings.MEDIA_ROOT))
    if files != manifest["files"]:
        differing = sorted(set(files.items()) ^ set(manifest["files"].items()))
        problems.append(f"{len(differing)} stored file(s) differ, e.g. {differing[:3]}")
    if problems:
        raise BackupError("; ".join(problems))
    return RestoreReport(
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        audit_events=chain.checked,
    )
