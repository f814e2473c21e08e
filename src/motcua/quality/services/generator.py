"""Synthetic daily facts with known totals: for the report tests and `bench/quality.py`.

Not dossiers: counts written straight into `DailyFact`, consistent with each other (what is
counted online, digitised or paid is a part of what was received …), so a report over them must
give back exactly the totals this returns.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from motcua.catalog.constants import Channel
from motcua.quality.models import DailyFact


@dataclass(frozen=True)
class Peer:
    agency_id: int
    unit_id: int
    tier: str


@dataclass(frozen=True)
class Kind:
    procedure_id: int
    sector_id: int | None


@dataclass
class Known:
    rows: int = 0
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_agency: dict[int, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    open_at: dict[date, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )


def _row(rng: random.Random, received: int) -> dict[str, int]:
    def part(whole: int, share: float) -> int:
        return sum(rng.random() < share for _ in range(whole))

    online = part(received, 0.4)
    result_due = part(received, 0.9)
    ended = part(received, 0.95)
    fee_bearing = part(received, 0.5)
    open_total = rng.randint(0, max(1, received // 3))
    return {
        "received": received,
        "received_online": online,
        "online_counted": part(online, 0.8),
        "result_due": result_due,
        "e_result": part(result_due, 0.7),
        "digitised": part(received, 0.6),
        "reused": part(received, 0.2),
        "personal_store": 0,
        "citizen_data": part(received, 0.1),
        "synced": part(received, 0.97),
        "fee_bearing": fee_bearing,
        "paid_online": part(fee_bearing, 0.35),
        "ended": ended,
        "ended_on_time": part(ended, 0.96),
        "completed": part(ended, 0.9),
        "disliked": part(ended, 0.02),
        "open_total": open_total,
        "open_on_time": part(open_total, 0.9),
    }


def facts_generate(
    *,
    start: date,
    end: date,
    peers: Sequence[Peer],
    kinds: Sequence[Kind],
    pairs_per_day: int,
    seed: int = 766,
    max_received: int = 12,
    progress: Callable[[int, int], None] | None = None,
) -> Known:
    """Write DailyFact rows for every day of [start, end]: `pairs_per_day` (agency, procedure)
    pairs per day, each with 1 to `max_received` dossiers received, in person or online."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    known = Known()
    days = (end - start).days + 1
    for index in range(days):
        day = start + timedelta(days=index)
        seen: set[tuple[int, int, str]] = set()
        batch = []
        for _ in range(pairs_per_day):
            peer, kind = rng.choice(peers), rng.choice(kinds)
            channel = rng.choice((Channel.IN_PERSON, Channel.ONLINE))
            if (peer.agency_id, kind.procedure_id, channel) in seen:
                continue
            seen.add((peer.agency_id, kind.procedure_id, channel))
            counts = _row(rng, rng.randint(1, max_received))
            days_spent = round(counts["completed"] * rng.uniform(1, 6), 2)
            batch.append(
                DailyFact(
                    day=day, agency_id=peer.agency_id, unit_id=peer.unit_id, tier=peer.tier,
                    procedure_id=kind.procedure_id, sector_id=kind.sector_id, channel=channel,
                    processing_days=days_spent, **counts,
                )
            )  # fmt: skip
            for name, value in counts.items():
                if name.startswith("open_"):
                    known.open_at[day][name] += value
                    continue
                known.totals[name] += value
                known.by_agency[peer.agency_id][name] += value
        with transaction.atomic():
            DailyFact.objects.bulk_create(batch, batch_size=5000)
        known.rows += len(batch)
        if progress is not None:
            progress(index + 1, days)
    return known
