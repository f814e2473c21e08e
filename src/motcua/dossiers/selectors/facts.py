"""What the QĐ 766 facts read of dossiers: their history, in bulk, as plain data.

The `quality` app derives its facts from these, never from a dossier's current status: the
instants come from the events (receipt, supplements, end of processing, payment), the flags from
the records those events wrote (documents handed in, the result's file, whether the desk read the
applicant's details from the population database at receipt).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max, Q

from motcua.catalog.constants import FeeCollection
from motcua.dossiers.constants import Transition
from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent, Result

# The transitions whose instants the 766 counts read.
FACT_TRANSITIONS = (
    Transition.RECEIVE,
    Transition.REQUEST_SUPPLEMENT,
    Transition.SUBMIT_SUPPLEMENT,
    Transition.REQUEST_FINANCIAL_OBLIGATION,
    Transition.FULFIL_FINANCIAL_OBLIGATION,
    Transition.PAY_FEES,  # 3.6: fees paid online
    Transition.EXTEND_DEADLINE,
    Transition.APPROVE,
    Transition.REJECT,
    Transition.RETURN_RESULT,
    Transition.STOP,
    Transition.WITHDRAW,
)


@dataclass(frozen=True)
class FactEvent:
    transition: str
    at: datetime
    payload: dict[str, Any]


@dataclass
class FactInput:
    dossier_id: int
    agency_id: int
    unit_id: int
    tier: str
    procedure_id: int
    sector_id: int | None
    channel: str
    received_at: datetime
    original_due_at: datetime | None
    result_is_document: bool
    fee_collection: str
    last_sequence: int = 0
    events: list[FactEvent] = field(default_factory=list)
    has_file: bool = False
    reused: bool = False
    result_file: bool = False
    # 4.5b: the applicant's details read from the population database at receipt, or a
    # component taken from the citizen's national store (DuocLayTuKhoDMQG).
    population_data_used: bool = False
    from_national_store: bool = False

    @property
    def fee_bearing(self) -> bool:
        return self.fee_collection != FeeCollection.NONE or any(
            e.transition == Transition.REQUEST_FINANCIAL_OBLIGATION for e in self.events
        )


def dossier_event_newest_id() -> int:
    return DossierEvent.objects.aggregate(m=Max("pk"))["m"] or 0


def dossier_ids_with_events_after(
    event_id: int, *, occurred_since: datetime | None = None
) -> tuple[list[int], int]:
    """Received dossiers with an event newer than `event_id` (or, with `occurred_since`, any
    event that occurred since then), and the newest event id.

    Event ids are given at insert, not at commit: a transaction that commits late can add an
    event below a watermark already read. `occurred_since` re-reads a recent window so such an
    event is still seen (the refresh re-derives a dossier idempotently).
    """
    newest = dossier_event_newest_id()
    recent = Q(pk__gt=event_id)
    if occurred_since is not None:
        recent |= Q(occurred_at__gte=occurred_since)
    if newest <= event_id and occurred_since is None:
        return [], event_id
    ids = (
        DossierEvent.objects.filter(recent, pk__lte=newest, dossier__received_at__isnull=False)
        .values_list("dossier_id", flat=True)
        .distinct()
    )
    return sorted(set(ids)), max(newest, event_id)


def dossier_last_sequences(dossier_ids: Sequence[int]) -> dict[int, int]:
    """The sequence number of each dossier's last event."""
    return dict(
        DossierEvent.objects.filter(dossier_id__in=list(dossier_ids))
        .values("dossier_id")
        .annotate(last=Max("sequence"))
        .values_list("dossier_id", "last")
    )


def dossier_id_chunks_received_before(
    instant: datetime, *, size: int = 2000
) -> Iterator[list[int]]:
    """Ids of every dossier received before `instant`, in chunks (for a rebuild)."""
    last = 0
    while True:
        chunk = list(
            Dossier.objects.filter(received_at__lt=instant, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def dossier_codes(dossier_ids: Sequence[int]) -> dict[int, str]:
    """The codes of these dossiers (for reports that list them)."""
    return {
        pk: code or ""
        for pk, code in Dossier.objects.filter(pk__in=list(dossier_ids)).values_list("pk", "code")
    }


def dossier_count_received_before(instant: datetime) -> int:
    return Dossier.objects.filter(received_at__lt=instant).count()


def dossier_fact_inputs(dossier_ids: Sequence[int]) -> list[FactInput]:
    """The history of these dossiers the facts need; dossiers never received are left out."""
    rows = Dossier.objects.filter(pk__in=dossier_ids, received_at__isnull=False).values(
        "pk",
        "deciding_agency_id",
        "deciding_agency__unit_id",
        "deciding_agency__tier",
        "procedure_version__procedure_id",
        "procedure_version__sector_id",
        "procedure_version__result_is_document",
        "channel",
        "received_at",
        "original_due_at",
        "fee_collection",
        "population_data_used",
    )
    inputs = {
        r["pk"]: FactInput(
            dossier_id=r["pk"],
            agency_id=r["deciding_agency_id"],
            unit_id=r["deciding_agency__unit_id"],
            tier=r["deciding_agency__tier"],
            procedure_id=r["procedure_version__procedure_id"],
            sector_id=r["procedure_version__sector_id"],
            channel=r["channel"],
            received_at=r["received_at"],  # type: ignore[arg-type]  # filtered not null
            original_due_at=r["original_due_at"],
            result_is_document=r["procedure_version__result_is_document"],
            fee_collection=r["fee_collection"],
            population_data_used=r["population_data_used"],
        )
        for r in rows
    }
    if not inputs:
        return []
    events: dict[int, list[FactEvent]] = defaultdict(list)
    for dossier_id, sequence, transition, at, payload in (
        DossierEvent.objects.filter(dossier_id__in=inputs)
        .order_by("dossier_id", "sequence")
        .values_list("dossier_id", "sequence", "transition", "occurred_at", "payload")
    ):
        item = inputs[dossier_id]
        item.last_sequence = max(item.last_sequence, sequence)
        if transition in FACT_TRANSITIONS:
            events[dossier_id].append(FactEvent(transition, at, payload or {}))
    for dossier_id, item in inputs.items():
        item.events = events.get(dossier_id, [])
    for dossier_id, has_file, reused, reused_result, national in DossierDocument.objects.filter(
        dossier_id__in=inputs
    ).values_list(
        "dossier_id", "file", "reused_from_id", "reused_result_code", "from_national_store"
    ):
        item = inputs[dossier_id]
        item.has_file = item.has_file or bool(has_file)
        item.reused = item.reused or reused is not None or bool(reused_result)
        item.from_national_store = item.from_national_store or national
    for dossier_id in (
        Result.objects.filter(dossier_id__in=inputs)
        .exclude(Q(file="") | Q(file__isnull=True))
        .values_list("dossier_id", flat=True)
    ):
        inputs[dossier_id].result_file = True
    return list(inputs.values())
