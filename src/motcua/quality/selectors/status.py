"""The tables of the province's status report on procedures (the seed report's Bảng 1–9)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from motcua.catalog.constants import Channel, ServiceLevel
from motcua.catalog.selectors import procedure_profiles
from motcua.organisation.constants import Tier
from motcua.quality.models import DailyFact
from motcua.quality.periods import Period


@dataclass(frozen=True)
class LevelRow:  # Bảng 1
    tier: str
    total: int
    full_online: int
    partial_online: int
    in_person: int


@dataclass(frozen=True)
class VolumeRow:  # Bảng 2–3 (per tier) and 4–9 (per procedure and channel)
    """As the province's own report lays them out (its Bảng 8: 27,242 + 123 + 22 = 27,387):
    on time and late count the dossiers whose processing ended in the period, the backlog those
    still open at its end, and the total is the three together."""

    label: str
    total: int
    on_time: int
    late: int
    backlog: int
    code: str = ""
    channel: str = ""

    @property
    def on_time_percent(self) -> float | None:
        return (
            round(100 * self.on_time / (self.on_time + self.late), 2)
            if self.on_time + self.late
            else None
        )


def procedures_by_level(*, on: date) -> list[LevelRow]:
    counts: dict[str, dict[str, int]] = {t: defaultdict(int) for t in Tier.values}
    for profile in procedure_profiles(on=on):
        for tier in profile.tiers:
            counts[tier][profile.service_level] += 1
    return [
        LevelRow(
            tier=str(Tier(tier).label),
            total=sum(c.values()),
            full_online=c[ServiceLevel.FULL_ONLINE],
            partial_online=c[ServiceLevel.PARTIAL_ONLINE],
            in_person=c[ServiceLevel.IN_PERSON],
        )
        for tier, c in counts.items()
        if sum(c.values())
    ]


def _volumes(
    period: Period, today: date, keys: list[str]
) -> dict[tuple[object, ...], dict[str, int]]:
    until = period.until(today)
    out: dict[tuple[object, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (
        DailyFact.objects.filter(day__gte=period.start, day__lte=until)
        .values(*keys)
        .annotate(ended=Sum("ended"), on_time=Sum("ended_on_time"))
    ):
        key = tuple(row[k] for k in keys)
        out[key]["ended"] += row["ended"] or 0
        out[key]["on_time"] += row["on_time"] or 0
    for row in (
        DailyFact.objects.filter(day=until)
        .values(*keys)
        .annotate(open_total=Sum("open_total"), open_on_time=Sum("open_on_time"))
    ):
        key = tuple(row[k] for k in keys)
        out[key]["open"] += row["open_total"] or 0
        out[key]["open_on_time"] += row["open_on_time"] or 0
    return out


def _volume_row(label: str, v: dict[str, int], *, code: str = "", channel: str = "") -> VolumeRow:
    return VolumeRow(
        label,
        total=v["ended"] + v["open"],
        on_time=v["on_time"],
        late=v["ended"] - v["on_time"],
        backlog=v["open"],
        code=code,
        channel=channel,
    )


def dossiers_by_tier(period: Period, *, today: date | None = None) -> list[VolumeRow]:
    """Dossiers handled in the period per tier: ended (on time, late) plus still open at its end."""
    today = today or timezone.localdate()
    volumes = _volumes(period, today, ["tier"])
    rows = []
    for tier in Tier.values:
        v = volumes.get((tier,))
        if not v:
            continue
        rows.append(_volume_row(str(Tier(tier).label), v))
    return rows


def dossiers_by_procedure(
    period: Period, *, today: date | None = None, limit: int = 20
) -> list[VolumeRow]:
    """The busiest procedures, online and in person apart: on time, late, backlog."""
    today = today or timezone.localdate()
    volumes = _volumes(period, today, ["procedure_id", "channel"])
    names = {p.procedure_id: (p.code, p.name) for p in procedure_profiles(on=period.until(today))}
    per_procedure: dict[int, int] = defaultdict(int)
    for (procedure, _channel), v in volumes.items():
        per_procedure[int(str(procedure))] += v["ended"] + v["open"]
    busiest = sorted(per_procedure, key=lambda p: -per_procedure[p])[:limit]
    rows = []
    for procedure in busiest:
        code, name = names.get(procedure, ("", str(procedure)))
        for channel in (Channel.ONLINE, Channel.IN_PERSON, Channel.POSTAL):
            found = volumes.get((procedure, channel))
            if not found:
                continue
            rows.append(_volume_row(name, found, code=code, channel=str(Channel(channel).label)))
    return rows
