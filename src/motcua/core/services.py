"""Kernel services: seeding and maintaining the working-day calendar."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import holidays as holidays_package
from django.db import transaction

from motcua.core.audit import audit_event_append
from motcua.core.calendar import calendar_invalidate
from motcua.core.models import Holiday, HolidayKind, SwappedWorkday

# NQ 28/2026/QH16 art. 2: 24/11 (Ngày Văn hóa Việt Nam) is a paid day off from 01/07/2026 and
# is NOT made up when it falls on a weekly rest day (REGULATION.md §2.5). The `holidays`
# package adds a "(nghỉ bù)" day for it; we drop that, and any 24/11 before the law applied.
CULTURE_DAY_NAME = "Ngày Văn hóa Việt Nam"
CULTURE_DAY_FROM = dt.date(2026, 7, 1)
_SWAP_RE = re.compile(r"thay cho ngày (\d{2}/\d{2}/\d{4})")
COMPENSATORY_MARK = "(nghỉ bù)"


@dataclass(frozen=True)
class SeedEntry:
    date: dt.date
    name: str
    kind: HolidayKind
    swapped_workday: dt.date | None = None


def calendar_entries_from_package(*, years: range) -> list[SeedEntry]:
    """Vietnam's public holidays in Vietnamese from the `holidays` package, corrected.

    Pure: no database. Swaps ("Ngày nghỉ (thay cho ngày 04/05/2024)") become a day off plus the
    Saturday worked in exchange; compensatory days keep their kind.
    """
    entries: list[SeedEntry] = []
    package_days = holidays_package.country_holidays("VN", years=list(years), language="vi")
    for day, name in sorted(package_days.items()):
        if CULTURE_DAY_NAME in name and (day < CULTURE_DAY_FROM or COMPENSATORY_MARK in name):
            continue
        swap = _SWAP_RE.search(name)
        if swap:
            worked = dt.datetime.strptime(swap.group(1), "%d/%m/%Y").date()  # noqa: DTZ007 - a date
            entries.append(SeedEntry(day, name, HolidayKind.SWAPPED_DAY_OFF, worked))
        elif COMPENSATORY_MARK in name:
            entries.append(SeedEntry(day, name, HolidayKind.COMPENSATORY))
        else:
            entries.append(SeedEntry(day, name, HolidayKind.PUBLIC_HOLIDAY))
    return entries


def calendar_seed(*, first_year: int, last_year: int) -> tuple[int, int]:
    """Create the holidays and swapped working days of the given years, idempotently.

    Existing rows are left as they are: an admin's correction is never overwritten.
    Returns (holidays created, swapped working days created).
    """
    created_holidays = created_swaps = 0
    with transaction.atomic():
        for entry in calendar_entries_from_package(years=range(first_year, last_year + 1)):
            _, created = Holiday.objects.get_or_create(
                date=entry.date,
                defaults={
                    "name": entry.name,
                    "kind": entry.kind,
                    "legal_basis": "Bộ luật Lao động 2019, Điều 112; thông báo hằng năm",
                },
            )
            created_holidays += created
            if entry.swapped_workday is not None:
                _, created = SwappedWorkday.objects.get_or_create(
                    date=entry.swapped_workday,
                    defaults={
                        "replaces": entry.date,
                        "note": f"Làm bù cho ngày nghỉ {entry.date:%d/%m/%Y}",
                    },
                )
                created_swaps += created
        if created_holidays or created_swaps:
            audit_event_append(
                action="calendar.seeded",
                payload={
                    "years": [first_year, last_year],
                    "holidays": created_holidays,
                    "swapped_workdays": created_swaps,
                },
            )
        transaction.on_commit(calendar_invalidate)
    return created_holidays, created_swaps


def tasks_requeue_stale(*, lease_seconds: int | None = None) -> int:
    """Put back in the queue the background jobs a worker claimed and never finished.

    django-tasks-db marks a job RUNNING when a worker takes it and never looks at it again: a
    worker killed mid-job (OOM, deploy, power) leaves it RUNNING for ever, so the job is lost.
    A job RUNNING for longer than the lease (MOTCUA_TASK_LEASE_SECONDS, far above any job's run
    time) is made READY again for the next worker; the jobs are idempotent (they re-read their
    state and skip what is done). Returns how many were re-queued, and audits them.
    """
    from django.conf import settings
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    lease = settings.MOTCUA_TASK_LEASE_SECONDS if lease_seconds is None else lease_seconds
    before = timezone.now() - dt.timedelta(seconds=lease)
    with transaction.atomic():
        stale = list(
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(status=TaskResultStatus.RUNNING, started_at__lt=before)
            .values_list("pk", "task_path")
        )
        if not stale:
            return 0
        DBTaskResult.objects.filter(pk__in=[pk for pk, _path in stale]).update(
            status=TaskResultStatus.READY, started_at=None
        )
        audit_event_append(
            action="system.tasks_requeued",
            payload={"count": len(stale), "tasks": sorted({path for _pk, path in stale})},
        )
    return len(stale)


# Where uploads go (FileField upload_to folders of citizens' and officers' files).
UPLOAD_FOLDERS = ("drafts", "dossiers", "feedback", "consents", "directives")


def uploads_sweep_orphans(
    *, older_than_seconds: int = 24 * 60 * 60, folders: tuple[str, ...] = UPLOAD_FOLDERS
) -> list[str]:
    """Delete uploaded files no row refers to: an upload is written before its transaction
    commits, so a process killed in between (or a disk error) leaves a file without a row.
    Only files older than `older_than_seconds` (an upload in progress is younger) in the upload
    folders of the default storage, and only if no FileField of any model names them. Returns
    the names deleted, and audits them."""
    import os
    import time

    from django.apps import apps
    from django.core.files.storage import default_storage
    from django.db import models

    root = getattr(default_storage, "location", None)
    if root is None:
        return []  # not a file-system storage: nothing to walk
    candidates = []
    before = time.time() - older_than_seconds
    for folder in folders:
        for directory, _subdirs, files in os.walk(os.path.join(root, folder)):
            for file in files:
                path = os.path.join(directory, file)
                if os.path.getmtime(path) <= before:
                    candidates.append(os.path.relpath(path, root).replace(os.sep, "/"))
    if not candidates:
        return []
    referenced: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                referenced.update(
                    model._default_manager.filter(**{f"{field.name}__in": candidates}).values_list(
                        field.name, flat=True
                    )
                )
    orphans = sorted(set(candidates) - referenced)
    for name in orphans:
        default_storage.delete(name)
    if orphans:
        audit_event_append(
            action="system.upload_orphans_deleted",
            payload={"count": len(orphans), "names": orphans[:100]},
        )
    return orphans
