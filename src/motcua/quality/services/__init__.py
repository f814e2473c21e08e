"""The writers of the quality app: the facts (from history), targets, the portal's figures.

`facts_refresh` is the scheduled job: it re-derives the facts of every dossier with a new event
or rating since the last run, recounts the days those dossiers touch, and recounts the open
stock of the days not yet closed (today, and any day the job missed). A closed day's stock never
changes afterwards: it is what was open at the end of that day. `facts_rebuild` recomputes a
date range from scratch (`quality_rebuild`). ADR 0009.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.core.bulk import BulkTable
from motcua.core.calendar import get_calendar
from motcua.documents.selectors import dossier_ids_in_store
from motcua.dossiers.selectors.facts import (
    dossier_count_received_before,
    dossier_event_newest_id,
    dossier_fact_inputs,
    dossier_id_chunks_received_before,
    dossier_ids_with_events_after,
    dossier_last_sequences,
)
from motcua.feedback.selectors import dossier_ids_disliked, dossier_ids_rated_since
from motcua.quality.derive import FactRow, day_counters, day_end, fact_fields, local_day
from motcua.quality.models import (
    OPEN_COUNTERS,
    DailyFact,
    DossierFact,
    FillState,
)
from motcua.sync.selectors import dossier_ids_synced_since, synced_dossier_ids

CHUNK = 2000  # dossiers re-derived per batch (bounded memory and query size)
Progress = Callable[[str, int, int], None]
Key = tuple[int, int, str]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class RefreshReport:
    dossiers: int
    days_recounted: int
    open_days: int
    duration_ms: int


def fill_state_get() -> FillState:
    state, _ = FillState.objects.get_or_create(pk=1)
    return state


# --- per dossier ------------------------------------------------------------------------------


def dossier_facts_update(dossier_ids: Iterable[int], *, now: datetime | None = None) -> set[date]:
    """Re-derive the facts of these dossiers; returns the days whose counters they touch."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return set()
    now = now or timezone.now()
    calendar = get_calendar()
    rule = settings.MOTCUA_QUALITY_APPOINTMENT
    inputs = dossier_fact_inputs(ids)
    disliked = dossier_ids_disliked(ids)
    in_store = dossier_ids_in_store(ids)  # 4.4: read here, `dossiers` does not know the store
    synced = synced_dossier_ids(ids)  # 1.4: the national portal accepted them
    touched: set[date] = set()
    for received_on, final_on in DossierFact.objects.filter(pk__in=ids).values_list(
        "received_on", "final_on"
    ):
        touched.add(received_on)
        if final_on:
            touched.add(final_on)
    facts = BulkTable(DossierFact, with_pk=True)
    for item in inputs:
        fields = fact_fields(
            item,
            disliked=item.dossier_id in disliked,
            in_store=item.dossier_id in in_store,
            synced=item.dossier_id in synced,
            calendar=calendar,
            appointment_rule=rule,
            now=now,
        )
        facts.add(dossier_id=item.dossier_id, **fields)
        touched.add(fields["received_on"])
        if fields["final_on"]:
            touched.add(fields["final_on"])
    with transaction.atomic():
        DossierFact.objects.filter(pk__in=ids).delete()
        facts.flush()
    return touched


# --- per day ----------------------------------------------------------------------------------


def _rows(query: Any) -> list[FactRow]:
    return [FactRow(**values) for values in query.values(*FactRow.fields())]


def _open_at(at: datetime) -> list[FactRow]:
    # final_on narrows to the open and the recently ended through its index; final_at decides.
    return _rows(
        DossierFact.objects.filter(
            Q(final_on__isnull=True) | Q(final_on__gte=local_day(at)), received_at__lte=at
        ).filter(Q(final_at__isnull=True) | Q(final_at__gt=at))
    )


def _day_write(day: date, counters: dict[Key, dict[str, Any]], *, keep_open: bool) -> None:
    """Replace a day's DailyFact rows; with `keep_open`, the stock counters already stored stay."""
    with transaction.atomic():
        existing = DailyFact.objects.filter(day=day)
        if keep_open:
            for row in existing.filter(Q(open_total__gt=0)).values(
                "agency_id", "procedure_id", "channel", "unit_id", "tier", "sector_id",
                *OPEN_COUNTERS,
            ):  # fmt: skip
                key = (row["agency_id"], row["procedure_id"], row["channel"])
                slot = counters.setdefault(
                    key,
                    {"unit_id": row["unit_id"], "tier": row["tier"], "sector_id": row["sector_id"]},
                )
                for name in OPEN_COUNTERS:
                    slot[name] = row[name]
        existing.delete()
        rows = BulkTable(DailyFact)
        for (agency, procedure, channel), c in counters.items():
            rows.add(day=day, agency_id=agency, procedure_id=procedure, channel=channel, **c)
        rows.flush()


def day_recount(day: date, *, at: datetime | None = None) -> int:
    """Recount one day: its receipt and end counters, and, given `at`, its open stock at `at`
    (without `at` the stored stock stays). Returns the number of rows written."""
    counters = day_counters(
        received=_rows(DossierFact.objects.filter(received_on=day)),
        ended=_rows(DossierFact.objects.filter(final_on=day)),
        open_at=_open_at(at) if at is not None else (),
        at=at,
    )
    _day_write(day, counters, keep_open=at is None)
    return len(counters)


# --- the scheduled job -------------------------------------------------------------------------


def facts_refresh(*, now: datetime | None = None) -> RefreshReport:
    """Bring the facts up to date with every event and rating since the last run.

    Locks the fill state, so two runs never interleave (the second waits, then finds little).
    """
    started = clock.monotonic()
    now = now or timezone.now()
    today = local_day(now)
    fill_state_get()
    with transaction.atomic():
        state = FillState.objects.select_for_update().get(pk=1)
        overlap = timedelta(minutes=settings.MOTCUA_QUALITY_REFRESH_OVERLAP_MINUTES)
        changed, newest_event = dossier_ids_with_events_after(
            state.event_watermark,
            occurred_since=state.refreshed_at - overlap if state.refreshed_at else None,
        )
        changed = _not_yet_derived(changed)
        rated, newest_rating = dossier_ids_rated_since(state.rating_watermark)
        synced, newest_sync = dossier_ids_synced_since(state.sync_watermark)
        dirty = sorted({*changed, *rated, *synced})
        touched: set[date] = set()
        for index in range(0, len(dirty), CHUNK):
            touched |= dossier_facts_update(dirty[index : index + CHUNK], now=now)
        first_open = (
            state.open_final_through + timedelta(days=1)
            if state.open_final_through
            else min([today, *touched])
        )
        open_days = []
        day = first_open
        while day <= today:
            open_days.append(day)
            day += timedelta(days=1)
        for day in sorted(touched - set(open_days)):
            day_recount(day)
        for day in open_days:
            day_recount(day, at=min(day_end(day), now))
        state.event_watermark = newest_event
        state.rating_watermark = newest_rating
        state.sync_watermark = newest_sync
        state.open_final_through = today - timedelta(days=1)
        state.filled_from = min([d for d in (state.filled_from, *touched, first_open) if d])
        state.refreshed_at = now
        state.last_duration_ms = int((clock.monotonic() - started) * 1000)
        state.last_dossiers = len(set(changed) | set(rated))
        state.save()
    return RefreshReport(
        dossiers=state.last_dossiers,
        days_recounted=len(touched | set(open_days)),
        open_days=len(open_days),
        duration_ms=state.last_duration_ms,
    )


def _not_yet_derived(dossier_ids: list[int]) -> list[int]:
    """Of these dossiers, those whose last event is not yet in their fact."""
    last = dossier_last_sequences(dossier_ids)
    derived = dict(
        DossierFact.objects.filter(pk__in=dossier_ids).values_list("pk", "events_through")
    )
    return [pk for pk in dossier_ids if derived.get(pk) != last.get(pk)]


# --- a rebuild of a range -----------------------------------------------------------------------


def facts_rebuild(
    *, start: date, end: date, now: datetime | None = None, progress: Progress = _quiet
) -> RefreshReport:
    """Recompute the facts of every dossier received up to `end`, then every day of the range
    (receipt, end and open counters). Open stocks are swept day by day from one query."""
    began = clock.monotonic()
    now = now or timezone.now()
    today = local_day(now)
    end = min(end, today)
    if start > end:
        raise ValueError("start after end")
    limit = min(day_end(end), now)
    total = dossier_count_received_before(limit)
    newest_event = dossier_event_newest_id()
    done = 0
    for chunk in dossier_id_chunks_received_before(limit, size=CHUNK):
        dossier_facts_update(chunk, now=now)
        done += len(chunk)
        progress("dossiers", done, total)
    _ids, newest_rating = dossier_ids_rated_since(None)
    _synced, newest_sync = dossier_ids_synced_since(None)

    days = (end - start).days + 1
    before = day_end(start - timedelta(days=1))
    open_rows = dict(
        _rows_with_pk(
            DossierFact.objects.filter(received_at__lte=before).filter(
                Q(final_at__isnull=True) | Q(final_at__gt=before)
            )
        )
    )
    for index in range(days):
        day = start + timedelta(days=index)
        received = _rows_with_pk(DossierFact.objects.filter(received_on=day))
        ended = _rows(DossierFact.objects.filter(final_on=day))
        at = min(day_end(day), now)
        open_rows.update(received)
        for pk in [pk for pk, row in open_rows.items() if not _open(row, at)]:
            del open_rows[pk]
        counters = day_counters(
            received=[row for _pk, row in received],
            ended=ended,
            open_at=open_rows.values(),
            at=at,
        )
        _day_write(day, counters, keep_open=False)
        progress("days", index + 1, days)
    with transaction.atomic():
        state = fill_state_get()
        state.event_watermark = max(state.event_watermark, newest_event)
        state.rating_watermark = newest_rating
        state.sync_watermark = newest_sync
        if end >= today - timedelta(days=1):
            state.open_final_through = today - timedelta(days=1)
        state.filled_from = min(d for d in (state.filled_from, start) if d)
        state.refreshed_at = now
        state.save()
    return RefreshReport(
        dossiers=done,
        days_recounted=days,
        open_days=days,
        duration_ms=int((clock.monotonic() - began) * 1000),
    )


def _open(row: FactRow, at: datetime) -> bool:
    return row.received_at <= at and (row.final_at is None or row.final_at > at)


def _rows_with_pk(query: Any) -> list[tuple[int, FactRow]]:
    return [
        (values.pop("dossier_id"), FactRow(**values))
        for values in query.values("dossier_id", *FactRow.fields())
    ]


from motcua.quality.services.errors import QualityError  # noqa: E402
from motcua.quality.services.national import national_figures_import  # noqa: E402
from motcua.quality.services.targets import (  # noqa: E402
    target_delete,
    target_save,
    targets_seed_demo,
)

__all__ = [
    "QualityError",
    "RefreshReport",
    "dossier_facts_update",
    "facts_rebuild",
    "facts_refresh",
    "national_figures_import",
    "target_delete",
    "target_save",
    "targets_seed_demo",
]
