"""Retention of the citizen's store (issue 10, item 6): an entry is kept for the years of its
kind, counted from its issue or digitisation, then removed by a daily sweep, each removal in its
own transaction with one audit event.

The store is an index over files the state holds for other reasons (the signed result, the
dossier's scan): removing an entry removes its file only when no other row references it. The
dossier archive has its own retention, not decided here. The period is [GAP] (REGULATION.md §3):
a `RetentionRule` row per kind (set in the admin), else the setting MOTCUA_RETENTION_YEARS.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone

from motcua.core.audit import audit_event_append
from motcua.documents.models import RetentionRule, StoredDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
DELETED_ACTION = "store.deleted_retention"
ENTRY_LABEL = StoredDocument._meta.label_lower  # "documents.storeddocument"

# File name → the rows (model label, pk) that name it, in any file column.
Holders = dict[str, set[tuple[str, object]]]


def retention_years_for(kind: str) -> int | None:
    """Years an entry of this kind is kept; None = without limit. The province's rule row wins
    over the setting; a kind that neither names is kept (nothing is deleted by omission)."""
    rule = RetentionRule.objects.filter(kind=kind).first()
    if rule is not None:
        return rule.years
    years = settings.MOTCUA_RETENTION_YEARS.get(str(kind))
    assert years is None or isinstance(years, int)
    return years


@dataclass
class KindReport:
    kind: str
    years: int | None  # None: kept without limit, nothing examined
    examined: int = 0  # entries whose period has ended
    kept_valid: int = 0  # of those, still valid (valid_until today or later): kept
    deleted: int = 0  # (dry run: would be deleted)
    files_removed: int = 0  # referenced by no other row, removed on commit (dry run: would be)


@dataclass
class RetentionReport:
    now: datetime
    dry_run: bool
    kinds: list[KindReport] = field(default_factory=list)

    def of(self, kind: str) -> KindReport:
        return next(counts for counts in self.kinds if counts.kind == kind)

    def as_dict(self) -> dict[str, dict[str, int | None]]:
        """JSON for the task's result."""
        return {
            c.kind: {"years": c.years, "examined": c.examined, "kept_valid": c.kept_valid,
                     "deleted": c.deleted, "files_removed": c.files_removed}
            for c in self.kinds
        }  # fmt: skip


def store_retention_sweep(*, now: datetime | None = None, dry_run: bool = False) -> RetentionReport:
    """Remove the store entries whose retention period has ended.

    Invariant: an entry goes when its issued_at plus the years of its kind (`retention_years_for`)
    is before `now`, unless its valid_until is today or later; a kind without limit is never
    touched. Each removal is one transaction with one audit event ("store.deleted_retention": the
    entry, its kind, the last two digits of the identification number, the years, the file); the
    number itself is never logged.
    Legal basis: none known, the period is configuration (REGULATION.md §3 [GAP]).
    On commit: the entry's file is deleted from storage only if no other row references it (the
    signed result, the dossier's component or result, a draft, another entry), checked again then.
    A dry run counts what would go and changes nothing. Re-running is harmless.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = RetentionReport(now=now, dry_run=dry_run)
    for kind in StoredDocument.Kind:
        counts = KindReport(kind=kind.value, years=retention_years_for(kind.value))
        report.kinds.append(counts)
        if counts.years is not None:
            cutoff = _years_before(now, counts.years)
            _sweep_kind(counts, cutoff=cutoff, today=today, dry_run=dry_run)
    return report


def _years_before(moment: datetime, years: int) -> datetime:
    local = timezone.localtime(moment)
    try:
        return local.replace(year=local.year - years)
    except ValueError:  # 29 February, in a year that has none
        return local.replace(year=local.year - years, day=28)


def _sweep_kind(counts: KindReport, *, cutoff: datetime, today: date, dry_run: bool) -> None:
    assert counts.years is not None
    ended = StoredDocument.objects.filter(kind=counts.kind, issued_at__lt=cutoff).order_by("pk")
    last_pk = 0
    while batch := list(ended.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        # One look per file column and batch: the file columns carry no index.
        holders = _file_holders(entry.file.name for entry in batch)
        for entry in batch:
            counts.examined += 1
            if entry.valid_until is not None and entry.valid_until >= today:
                counts.kept_valid += 1
                continue
            if dry_run:
                deleted, file_removed = True, _release(holders, entry.pk, entry.file.name)
            else:
                deleted, file_removed = _entry_delete(
                    entry.pk, years=counts.years, cutoff=cutoff, today=today, holders=holders
                )
            counts.deleted += deleted
            counts.files_removed += file_removed


def _entry_delete(
    entry_id: int, *, years: int, cutoff: datetime, today: date, holders: Holders
) -> tuple[bool, bool]:
    """Delete one entry and audit it; (deleted, file to be removed on commit)."""
    with transaction.atomic():
        entry = (
            StoredDocument.objects.select_for_update()
            .filter(pk=entry_id, issued_at__lt=cutoff)
            .exclude(valid_until__gte=today)
            .first()
        )
        if entry is None:  # deleted, re-scanned or extended since the batch was read
            return False, False
        name = entry.file.name or ""
        if name and name not in holders:  # the file changed since the batch was read
            holders.update(_file_holders([name]))
        file_removed = _release(holders, entry_id, name)
        entry.delete()
        audit_event_append(
            action=DELETED_ACTION,
            object_type=ENTRY_LABEL,
            object_id=entry_id,
            payload={
                "entry_id": entry_id,
                "kind": entry.kind,
                "id_number_tail": entry.id_number[-2:],  # never the whole number
                "years": years,
                "issued_at": entry.issued_at.isoformat(),
                "dossier_id": entry.dossier_id,
                "file": name,
                "file_removed": file_removed,
                "file_held_by": sorted({label for label, _pk in holders.get(name, ())}),
            },
        )
        if file_removed:
            storage = entry.file.storage
            transaction.on_commit(partial(_file_remove_if_unreferenced, storage, name), robust=True)
    return True, file_removed


def _release(holders: Holders, entry_id: int, name: str) -> bool:
    """The entry no longer holds its file; whether any other row still does."""
    if not name:
        return False
    held = holders.setdefault(name, set())
    held.discard((ENTRY_LABEL, entry_id))
    return not held


def _file_fields() -> list[tuple[type[models.Model], str]]:
    """Every file column of every installed model: a file the state holds can be named by any of
    them (a reused scan or result is the same stored file, never a copy)."""
    found: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for column in model._meta.concrete_fields:
            if isinstance(column, models.FileField):
                found.append((model, column.attname))
    return found


def _file_holders(names: Iterable[str]) -> Holders:
    """Which rows name each of these files. Generic over the models (not a list of them) so that a
    file column added later cannot lose a file another row still needs."""
    wanted = sorted({name for name in names if name})
    holders: Holders = {name: set() for name in wanted}
    if not wanted:
        return holders
    for model, column in _file_fields():
        rows = model._base_manager.filter(**{f"{column}__in": wanted}).values_list("pk", column)
        for pk, name in rows:
            holders[name].add((model._meta.label_lower, pk))
    return holders


def _file_remove_if_unreferenced(storage: Storage, name: str) -> None:
    """After the commit: delete the file unless a row named it since (then it stays)."""
    if _file_holders([name])[name]:
        logger.info("store retention: %s is referenced again, kept", name)
        return
    storage.delete(name)


# --- the province's rules (the admin calls these) ------------------------------------------------


def retention_rule_save(*, rule: RetentionRule, actor_id: int | None) -> RetentionRule:
    """Save a retention rule and audit who set which period: it decides what the sweep deletes."""
    with transaction.atomic():
        added = rule._state.adding
        rule.save()
        audit_event_append(
            action=f"store.retention_rule_{'added' if added else 'changed'}",
            actor_id=actor_id,
            object_type=RetentionRule._meta.label_lower,
            object_id=rule.pk,
            payload={"kind": rule.kind, "years": rule.years, "note": rule.note},
        )
    return rule


def retention_rule_delete(*, rule: RetentionRule, actor_id: int | None) -> None:
    """Delete a retention rule (the setting applies again to its kind), audited."""
    with transaction.atomic():
        audit_event_append(
            action="store.retention_rule_deleted",
            actor_id=actor_id,
            object_type=RetentionRule._meta.label_lower,
            object_id=rule.pk,
            payload={"kind": rule.kind, "years": rule.years},
        )
        rule.delete()
