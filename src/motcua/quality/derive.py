"""From a dossier's history (dossiers.selectors.facts.FactInput) to its 766 fact, and from
facts to a day's counters. Pure: no database; the services feed it and store what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from motcua.catalog.constants import Channel
from motcua.core.calendar import WorkingCalendar
from motcua.dossiers.constants import Transition
from motcua.dossiers.selectors.facts import FactInput
from motcua.quality.models import DECIMAL_COUNTERS, END_COUNTERS, OPEN_COUNTERS, RECEIPT_COUNTERS
from motcua.quality.timeline import Timeline, on_time_at

RESOLVING = frozenset({Transition.APPROVE, Transition.REJECT})
ENDING = frozenset({Transition.STOP, Transition.WITHDRAW})
APPOINTMENT_RULES = ("receipt", "apology")


def local_day(instant: datetime) -> date:
    return timezone.localtime(instant).date()


def day_end(day: date) -> datetime:
    """The last instant of a local day."""
    return timezone.make_aware(datetime.combine(day, time.max))


def _first(events: Iterable[Any], transitions: frozenset[str]) -> datetime | None:
    return next((e.at for e in events if e.transition in transitions), None)


def timeline_of(item: FactInput, *, appointment_rule: str) -> Timeline:
    """The instants the 766 on-time rule compares (REGULATION.md §1.4, indicator 2.1)."""
    events = sorted(item.events, key=lambda e: e.at)
    supplements: list[tuple[datetime, datetime | None]] = []
    for event in events:
        if event.transition == Transition.REQUEST_SUPPLEMENT:
            supplements.append((event.at, None))
        elif event.transition == Transition.SUBMIT_SUPPLEMENT and supplements:
            asked, back = supplements[-1]
            if back is None:
                supplements[-1] = (asked, event.at)
    final = (
        _first(events, RESOLVING)
        or _first(events, frozenset({Transition.RETURN_RESULT}))
        or _first(events, ENDING)
    )
    appointment = item.original_due_at
    if appointment_rule == "apology":
        extensions = [e for e in events if e.transition == Transition.EXTEND_DEADLINE]
        if extensions and extensions[-1].payload.get("to"):
            appointment = datetime.fromisoformat(extensions[-1].payload["to"])
    return Timeline(
        received_at=item.received_at,
        appointment=appointment,
        supplements=tuple(supplements),
        final_at=final,
    )


def fact_fields(
    item: FactInput,
    *,
    disliked: bool,
    in_store: bool,
    synced: bool = False,
    calendar: WorkingCalendar,
    appointment_rule: str,
    now: datetime,
) -> dict[str, Any]:
    """The DossierFact columns of one dossier. `disliked`: a dislike rating or a petition (5.4);
    `in_store`: an entry of the citizen's store comes from this dossier (4.4); `synced`: the
    national portal accepted the dossier (1.4)."""
    timeline = timeline_of(item, appointment_rule=appointment_rule)
    resolved_at = _first(sorted(item.events, key=lambda e: e.at), RESOLVING)
    processing_days = None
    if resolved_at is not None:
        waited = sum(
            (calendar.working_time_between(asked, back)
             for asked, back in timeline.supplements if back is not None),
            start=calendar.working_time_between(item.received_at, item.received_at),
        )  # fmt: skip
        worked = calendar.working_time_between(item.received_at, resolved_at) - waited
        processing_days = (
            Decimal(worked.total_seconds()) / Decimal(calendar.day_length.total_seconds())
        ).quantize(Decimal("0.01"))
    e_result = item.result_file
    result_ok = e_result or not item.result_is_document
    online = item.channel == Channel.ONLINE
    return {
        "agency_id": item.agency_id,
        "unit_id": item.unit_id,
        "tier": item.tier,
        "procedure_id": item.procedure_id,
        "sector_id": item.sector_id,
        "channel": item.channel,
        "received_at": item.received_at,
        "received_on": local_day(item.received_at),
        "appointment": timeline.appointment,
        "supplements": [
            [asked.isoformat(), back.isoformat() if back else None]
            for asked, back in timeline.supplements
        ],
        "final_at": timeline.final_at,
        "final_on": local_day(timeline.final_at) if timeline.final_at else None,
        "final_on_time": on_time_at(timeline, timeline.final_at) if timeline.final_at else None,
        "completed": resolved_at is not None,
        "processing_days": processing_days,
        "online_counted": online and result_ok,
        "result_is_document": item.result_is_document,
        "e_result": e_result,
        "digitised": item.has_file and result_ok,
        "reused": item.reused,
        # 4.4 counts, on DVCQG, results pushed into the citizen's store on the national portal
        # (SYNCED_WITH_DVCQG_PERSONAL_STORAGE) and components taken from it (DuocLayTuKhoDMQG,
        # the 766 docx). Until the national sync pushes our store there (a later issue), a
        # dossier counts when our own store holds its result, certified copy or a scan of one
        # of its components (a documented choice: docs/ARCHITECTURE.md, quality), or when a
        # component was taken from the national store, as DVCQG counts it.
        "personal_store": in_store or item.from_national_store,
        # 4.5b: the desk read the applicant from the population database, or a component came
        # from the citizen's national store. VNeID-authenticated accounts: no adapter yet.
        "citizen_data": item.population_data_used or item.from_national_store,
        "synced": synced,  # 1.4: the national portal has it (motcua.sync)
        "fee_bearing": item.fee_bearing,
        "paid_online": any(
            e.transition in (Transition.FULFIL_FINANCIAL_OBLIGATION, Transition.PAY_FEES)
            and e.payload.get("online")
            for e in item.events
        ),
        "disliked": disliked,
        "events_through": item.last_sequence,
        "computed_at": now,
    }


# --- a day's counters -------------------------------------------------------------------------


@dataclass(frozen=True)
class FactRow:
    """The columns of a DossierFact the day's counters read (a `.values()` row)."""

    agency_id: int
    unit_id: int
    tier: str
    procedure_id: int
    sector_id: int | None
    channel: str
    received_at: datetime
    appointment: datetime | None
    supplements: list[list[str | None]]
    final_at: datetime | None
    final_on_time: bool | None
    completed: bool
    processing_days: Decimal | None
    online_counted: bool
    result_is_document: bool
    e_result: bool
    digitised: bool
    reused: bool
    personal_store: bool
    citizen_data: bool
    synced: bool
    fee_bearing: bool
    paid_online: bool
    disliked: bool

    @classmethod
    def fields(cls) -> list[str]:
        return list(cls.__dataclass_fields__)

    def key(self) -> tuple[int, int, str]:
        return (self.agency_id, self.procedure_id, self.channel)

    def timeline(self) -> Timeline:
        return Timeline(
            received_at=self.received_at,
            appointment=self.appointment,
            supplements=tuple(
                (datetime.fromisoformat(str(asked)), datetime.fromisoformat(back) if back else None)
                for asked, back in self.supplements
            ),
            final_at=self.final_at,
        )


Counters = dict[str, Any]


def _blank(row: FactRow) -> Counters:
    counters: Counters = dict.fromkeys(RECEIPT_COUNTERS + END_COUNTERS + OPEN_COUNTERS, 0)
    counters.update({name: Decimal(0) for name in DECIMAL_COUNTERS})
    counters.update(unit_id=row.unit_id, tier=row.tier, sector_id=row.sector_id)
    return counters


def day_counters(
    *,
    received: Iterable[FactRow] = (),
    ended: Iterable[FactRow] = (),
    open_at: Iterable[FactRow] = (),
    at: datetime | None = None,
) -> dict[tuple[int, int, str], Counters]:
    """Counters per (agency, procedure, channel): receipt counters of the dossiers received that
    day, end counters of those whose processing ended that day, and the stock of those open at
    `at` (the end of the day, or now for today) with how many were still on time then."""
    out: dict[tuple[int, int, str], Counters] = {}

    def slot(row: FactRow) -> Counters:
        key = row.key()
        if key not in out:
            out[key] = _blank(row)
        return out[key]

    for row in received:
        c = slot(row)
        c["received"] += 1
        c["received_online"] += row.channel == Channel.ONLINE
        c["online_counted"] += row.online_counted
        c["result_due"] += row.result_is_document
        c["e_result"] += row.result_is_document and row.e_result
        c["digitised"] += row.digitised
        c["reused"] += row.reused
        c["personal_store"] += row.personal_store
        c["citizen_data"] += row.citizen_data
        c["synced"] += row.synced
        c["fee_bearing"] += row.fee_bearing
        c["paid_online"] += row.fee_bearing and row.paid_online
    for row in ended:
        c = slot(row)
        c["ended"] += 1
        c["ended_on_time"] += bool(row.final_on_time)
        c["completed"] += row.completed
        c["processing_days"] += row.processing_days or 0
        c["disliked"] += row.disliked
    if at is not None:
        for row in open_at:
            c = slot(row)
            c["open_total"] += 1
            c["open_on_time"] += on_time_at(row.timeline(), at)
    return out
