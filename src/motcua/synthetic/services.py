"""The synthetic history's writer (issue 8): years of dossiers, written in bulk, as events.

For each year and tier the volumes come from `volumes.year_plans` (the province's 2022 table,
scaled), the receipt day of each dossier from `volumes.receipt_days`, and its history from
`timelines.plan_dossier`, which checks it with the 766 rule the reports use. This module only
draws the concrete agency, procedure, channel and applicant, and writes the rows:

- the dossier as the services would leave it (status, appointments, counters, a real code),
  its events hash-chained exactly as `dossiers.services` chains them, its documents handed in
  (scanned for most), its supplement requests, apology letters, result (with an electronic
  copy for most), one open processing step if it is still open, and the applicant's rating;
- one `SyntheticDay` row per day and tier, in the same transaction as that day's dossiers.

One transaction per day and tier: a run stopped half way leaves whole days only and resumes
after the last one written (each day draws from its own seeded generator, so a resumed run
writes what an uninterrupted one would have). `history_clean` removes exactly those dossiers.

Rows go in through the database's bulk path (COPY on PostgreSQL, executemany on SQLite), as
plain tuples in the column order of the models: the ORM would cost more than the drawing.
Dossier ids are reserved under a table lock so they can be chained before they are inserted.
"""

from __future__ import annotations

import bisect
import random
import time as clock
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import Role
from motcua.accounts.services import service_account_get
from motcua.catalog.constants import Channel, FeeCollection, ServiceLevel
from motcua.catalog.exchange import parse_document
from motcua.catalog.generator import generate_document
from motcua.catalog.selectors import procedure_get, version_list_current
from motcua.catalog.services import catalog_import
from motcua.core.audit import GENESIS_HASH, audit_event_append
from motcua.core.bulk import BulkTable
from motcua.core.calendar import WorkingCalendar, get_calendar
from motcua.core.text import fold
from motcua.documents.models import StoredDocument
from motcua.dossiers.constants import (
    ApologyStatus,
    DossierStatus,
    Outcome,
    ResultForm,
    ReturnMethod,
    StepKind,
    SupplementClock,
    Transition,
)
from motcua.dossiers.models import (
    ApologyLetter,
    Dossier,
    DossierCodeSequence,
    DossierDocument,
    DossierEvent,
    ProcessingStep,
    Result,
    SupplementRequest,
)
from motcua.dossiers.services import dossier_event_digest
from motcua.dossiers.workflow import next_status
from motcua.feedback.models import SatisfactionRating
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import agency_list_valid_on, desk_list_for_agencies
from motcua.sync.models import SyncMessage, SyncState
from motcua.synthetic import timelines
from motcua.synthetic.models import SyntheticDay
from motcua.synthetic.people import id_number, mobile_number, person_name
from motcua.synthetic.timelines import Outcome as Drawn
from motcua.synthetic.timelines import Plan, PlanError, Terms
from motcua.synthetic.volumes import (
    TierVolume,
    VolumeError,
    YearPlan,
    receipt_days,
    scale_parse,
    year_plans,
    years_check,
)

SERVICE_USERNAME = "du-lieu-mau"
SCAN_PATH = "synthetic/ban-chup-ho-so-mau.pdf"
RESULT_PATH = "synthetic/ket-qua-dien-tu-mau.pdf"
SCALE_STEP = Decimal("0.0001")  # SyntheticDay.scale's precision
LATE_MARGIN_DAYS = 50  # a late dossier is received early enough to end within its year
PLAN_ATTEMPTS = 8
# Share of dossiers sent online, by the procedure's level of online service.
ONLINE_SHARE: dict[str, float] = {ServiceLevel.FULL_ONLINE: 0.55, ServiceLevel.PARTIAL_ONLINE: 0.3}
POSTAL_SHARE = 0.02
RATED_SHARE = 0.2  # of the results returned, rated by the applicant
Progress = Callable[[int, int], None]


def _quiet(done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class VersionPick:
    version_id: int
    procedure_id: int
    name: str
    kind: str
    result_is_document: bool
    service_level: str
    terms: dict[str, Terms]
    documents: tuple[tuple[int, int, str, int, str], ...]  # id, position, name, qty, copy kind

    @property
    def limit_days(self) -> Decimal:
        return max(t.limit for t in self.terms.values())


# The share of obligations paid online: rising by year (the province's push from 2022, with
# targets for the end of 2024), and uneven between units: one in ten still at 0 %, the others
# between half and one and a half times the year's level. Drawn from the agency's id, so the
# same unit stays ahead or behind every year, and the draw sequence (hence the 2022 table) does
# not change.
PAID_ONLINE_BY_YEAR = {2022: 0.10, 2023: 0.25, 2024: 0.45}
PAID_ONLINE_LATER = 0.60


def paid_online_share(agency_id: int, year: int) -> float:
    last = max(PAID_ONLINE_BY_YEAR)
    level = PAID_ONLINE_BY_YEAR.get(year, PAID_ONLINE_LATER if year > last else 0.05)
    spread = random.Random(f"paid-online:{agency_id}").random()  # noqa: S311 - synthetic data
    if spread < 0.1:  # noqa: PLR2004 - the units that have not started
        return 0.0
    return min(1.0, level * (0.5 + spread))


@dataclass(frozen=True)
class AgencyPick:
    agency_id: int
    kind: str
    tier: str
    identifier: str
    unit_id: int
    desk_id: int | None
    valid_from: date
    valid_to: date | None
    weight: float

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass
class GenerateReport:
    dossiers: int = 0
    events: int = 0
    days_written: int = 0
    days_resumed: int = 0
    seconds: float = 0.0
    catalogue_created: int = 0
    per_tier: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.dossiers / self.seconds if self.seconds else 0.0


# --- what the history is drawn from ------------------------------------------------------------


def _version_picks(on: date) -> dict[str, list[VersionPick]]:
    """Procedure versions in force on `on` with their channel terms, per tier."""
    pools: dict[str, list[VersionPick]] = defaultdict(list)
    versions = version_list_current(on=on).prefetch_related("channels__fees", "documents")
    for v in versions.order_by("procedure_id"):
        terms = {}
        fee_bearing = any(fee.amount for t in v.channels.all() for fee in t.fees.all())
        for t in v.channels.all():
            terms[t.channel] = Terms(
                limit=t.time_limit, unit=t.time_unit, cutoff=t.cutoff_time, fee_bearing=fee_bearing
            )
        if not terms:
            continue
        pick = VersionPick(
            version_id=v.pk,
            procedure_id=v.procedure_id,
            name=v.name,
            kind=v.executing_agency_kind,
            result_is_document=v.result_is_document,
            service_level=v.service_level,
            terms=terms,
            documents=tuple(
                (d.pk, d.position, d.name[:500], d.quantity, d.copy_kind) for d in v.documents.all()
            ),
        )
        for tier, flag in (
            (Tier.PROVINCE, v.at_province),
            (Tier.DISTRICT, v.at_district),
            (Tier.COMMUNE, v.at_commune),
        ):
            if flag:
                pools[tier].append(pick)
    return pools


def _catalogue_ensure(first_day: date, count: int) -> int:
    """The synthetic catalogue (codes 9.xxxxxx) in force from `first_day`, unless one exists."""
    if procedure_get(code="9.000001") is not None:
        return 0
    records = parse_document(generate_document(count=count, seed=766, valid_from=first_day))
    created = 0
    for start in range(0, len(records), 250):
        created += catalog_import(records=records[start : start + 250]).created
    return created


def _agency_picks(years: Sequence[int], seed: int) -> list[AgencyPick]:
    """Every agency in service during the years, with a weight: wards are busier."""
    seen: dict[int, Any] = {}
    for year in years:
        for day in (date(year, 1, 1), date(year, 7, 1), date(year, 12, 31)):
            for agency in agency_list_valid_on(day=day):
                seen[agency.pk] = agency
    desks: dict[int, int] = {}
    for desk in desk_list_for_agencies(agency_ids=list(seen)).order_by("pk"):
        desks.setdefault(desk.agency_id, desk.pk)
    rng = random.Random(f"{seed}:agencies")  # noqa: S311 - synthetic data
    picks = []
    for pk in sorted(seen):
        agency = seen[pk]
        urban = agency.unit.unit_type.lower().startswith("phường")
        picks.append(
            AgencyPick(
                agency_id=pk,
                kind=agency.kind,
                tier=agency.tier,
                identifier=agency.national_identifier,
                unit_id=agency.unit_id,
                desk_id=desks.get(pk),
                valid_from=agency.valid_from,
                valid_to=agency.valid_to,
                weight=rng.lognormvariate(0, 0.5) * (2.5 if urban else 1.0),
            )
        )
    return picks


class _Chooser:
    """Weighted choice over a fixed list, by bisection over cumulative weights."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __call__(self, rng: random.Random) -> Any:
        point = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, point)]


@dataclass
class _YearContext:
    year: int
    year_end: datetime
    working_days: list[date]
    pools: dict[str, list[VersionPick]]
    choosers: dict[tuple[str, str], _Chooser]  # (tier, agency kind or "") → versions


def _popularity(rng: random.Random, picks: list[VersionPick]) -> list[float]:
    """Zipf-like: a few procedures (birth registration, certified copies) take most dossiers."""
    ranks = list(range(1, len(picks) + 1))
    rng.shuffle(ranks)
    return [1.0 / rank**0.9 for rank in ranks]


def _year_context(
    year: int, *, now: datetime, calendar: WorkingCalendar, seed: int, since: date | None
) -> _YearContext:
    today = timezone.localdate(now)
    first = max(date(year, 1, 1), since) if since else date(year, 1, 1)
    last = min(date(year, 12, 31), today - timedelta(days=1))
    days = []
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    year_end = (
        now
        if year == today.year
        else timezone.make_aware(datetime.combine(date(year, 12, 31), datetime.max.time()))
    )
    pools = _version_picks(date(year, 1, 1) if since is None else first)
    rng = random.Random(f"{seed}:{year}:procedures")  # noqa: S311 - synthetic data
    choosers: dict[tuple[str, str], _Chooser] = {}
    for tier, picks in pools.items():
        choosers[(tier, "")] = _Chooser(picks, _popularity(rng, picks))
        by_kind: dict[str, list[VersionPick]] = defaultdict(list)
        for pick in picks:
            by_kind[pick.kind].append(pick)
        for kind, kind_picks in by_kind.items():
            choosers[(tier, kind)] = _Chooser(kind_picks, _popularity(rng, kind_picks))
    return _YearContext(year, year_end, days, pools, choosers)


def _elapsed(plan: YearPlan, share: float) -> YearPlan:
    """The part of a year's plan already lived through (the current year)."""
    if share >= 1:
        return plan
    handled = TierVolume(
        on_time=round(plan.handled.on_time * share),
        late=round(plan.handled.late * share),
        backlog=round(plan.handled.backlog * share),
    )
    return YearPlan(plan.year, plan.tier, handled, min(plan.carried_in, handled.on_time))


# --- the bulk path ------------------------------------------------------------------------------


def _reserve_dossier_ids(count: int) -> int:
    """The first of `count` consecutive dossier ids no one else will take."""
    table = Dossier._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            cursor.execute(f"SELECT pg_get_serial_sequence('{table}', 'id')")
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = max(cursor.fetchone()[0], highest + 1)
            if count:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return int(first)
        # SQLite: the day's first write (its SyntheticDay row) already holds the write lock.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0]) + 1


def _code_numbers(agency_ids: Iterable[int], day: date) -> dict[int, int]:
    table = DossierCodeSequence._meta.db_table
    ids = sorted(set(agency_ids))
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT agency_id, last_number FROM {table} "  # noqa: S608
            f"WHERE day = %s AND agency_id IN ({marks})",
            [day, *ids],
        )
        return dict(cursor.fetchall())


def _code_numbers_save(numbers: dict[int, int], day: date) -> None:
    table = DossierCodeSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (agency_id, day, last_number) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (agency_id, day) DO UPDATE SET last_number = excluded.last_number",
            [(agency, day, number) for agency, number in numbers.items()],
        )


# --- one day ----------------------------------------------------------------------------------


@dataclass
class _Writer:
    """Everything one run needs to turn plans into rows."""

    calendar: WorkingCalendar
    now: datetime
    seed: int
    scale: Decimal
    officer_id: int
    agencies: list[AgencyPick]
    tables: dict[str, BulkTable] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tables = {
            "dossier": BulkTable(Dossier, with_pk=True),
            "event": BulkTable(DossierEvent, with_pk=False),
            "document": BulkTable(DossierDocument, with_pk=False),
            "supplement": BulkTable(SupplementRequest, with_pk=False),
            "apology": BulkTable(ApologyLetter, with_pk=False),
            "result": BulkTable(Result, with_pk=False),
            "step": BulkTable(ProcessingStep, with_pk=False),
            "rating": BulkTable(SatisfactionRating, with_pk=False),
            "stored": BulkTable(StoredDocument, with_pk=False),
            "synced": BulkTable(SyncState, with_pk=True),
        }
        self._agency_choosers: dict[tuple[str, date], _Chooser] = {}

    def agencies_on(self, tier: str, day: date) -> _Chooser:
        key = (tier, day)
        chooser = self._agency_choosers.get(key)
        if chooser is None:
            found = [a for a in self.agencies if a.tier == tier and a.valid_on(day)]
            chooser = _Chooser(found, [a.weight for a in found])
            if len(self._agency_choosers) > 64:  # noqa: PLR2004 - days are visited in order
                self._agency_choosers.clear()
            self._agency_choosers[key] = chooser
        return chooser

    def day_write(
        self, context: _YearContext, plan: YearPlan, day: date, counts: dict[str, int]
    ) -> tuple[int, int]:
        """Write the dossiers of one tier received on one day; returns (dossiers, events)."""
        rng = random.Random(f"{self.seed}:{plan.tier}:{day.isoformat()}")  # noqa: S311
        drawn = (
            [Drawn.ON_TIME] * counts["on_time"]
            + [Drawn.LATE] * counts["late"]
            + [Drawn.OPEN] * counts["open"]
        )
        rng.shuffle(drawn)
        tier = plan.tier
        agencies = self.agencies_on(tier, day)
        if not agencies and tier == Tier.DISTRICT:  # after the merger the communes took over
            tier = Tier.COMMUNE
            agencies = self.agencies_on(tier, day)
        if not agencies:
            raise VolumeError(
                _("No agency of the %(tier)s tier is in service on %(day)s.")
                % {"tier": Tier(tier).label, "day": day.strftime("%d/%m/%Y")}
            )
        events = 0
        with transaction.atomic():
            SyntheticDay.objects.create(
                day=day, tier=plan.tier, seed=self.seed, scale=self.scale, dossiers=0, events=0
            )
            first_id = _reserve_dossier_ids(len(drawn))
            picked = [agencies(rng) for _ in drawn]
            numbers = _code_numbers({a.agency_id for a in picked}, day)
            for offset, (outcome, agency) in enumerate(zip(drawn, picked, strict=True)):
                number = numbers.get(agency.agency_id, 0) + 1
                numbers[agency.agency_id] = number
                code = f"{agency.identifier}-{day:%y%m%d}-{number:04d}"
                events += self._dossier(
                    rng,
                    context=context,
                    tier=tier,
                    day=day,
                    outcome=outcome,
                    agency=agency,
                    dossier_id=first_id + offset,
                    code=code,
                )
            for table in self.tables.values():
                table.flush()
            _code_numbers_save(numbers, day)
            SyntheticDay.objects.filter(day=day, tier=plan.tier).update(
                dossiers=len(drawn),
                events=events,
                first_dossier_id=first_id if drawn else None,
                last_dossier_id=first_id + len(drawn) - 1 if drawn else None,
            )
        return len(drawn), events

    def _plan(
        self,
        rng: random.Random,
        *,
        context: _YearContext,
        tier: str,
        agency: AgencyPick,
        day: date,
        outcome: Drawn,
    ) -> tuple[VersionPick, str, Plan]:
        chooser = context.choosers.get((tier, agency.kind)) or context.choosers.get((tier, ""))
        if not chooser:
            raise VolumeError(
                _("No procedure of the %(tier)s tier is in force in %(year)s.")
                % {"tier": Tier(tier).label, "year": context.year}
            )
        pool = context.pools[tier]
        opening = self.calendar.opening(day)
        for attempt in range(PLAN_ATTEMPTS):
            if attempt < PLAN_ATTEMPTS // 2:
                version = chooser(rng)
            else:  # open: still running at the year's end; ended: within the year
                sample = (
                    pool if attempt == PLAN_ATTEMPTS - 1 else rng.sample(pool, min(8, len(pool)))
                )
                pick = max if outcome == Drawn.OPEN else min
                version = pick(sample, key=lambda v: v.limit_days)
            channel = _channel(rng, version)
            received_at = self.calendar.add_working_time(
                opening, self.calendar.day_length * rng.uniform(0.01, 0.97)
            )
            try:
                plan = timelines.plan_dossier(
                    rng,
                    calendar=self.calendar,
                    received_at=received_at,
                    terms=version.terms[channel],
                    outcome=outcome,
                    online=channel == Channel.ONLINE,
                    year_end=context.year_end,
                    now=self.now,
                    paid_online_share=paid_online_share(agency.agency_id, context.year),
                )
            except PlanError:
                continue
            return version, channel, plan
        raise PlanError(f"no history fits a {outcome} dossier received on {day}")

    def _dossier(  # noqa: PLR0912, PLR0915 - one dossier's rows, in order
        self,
        rng: random.Random,
        *,
        context: _YearContext,
        tier: str,
        day: date,
        outcome: Drawn,
        agency: AgencyPick,
        dossier_id: int,
        code: str,
    ) -> int:
        version, channel, plan = self._plan(
            rng, context=context, tier=tier, agency=agency, day=day, outcome=outcome
        )
        tables = self.tables
        officer = self.officer_id
        status = DossierStatus.DRAFT
        paused_from: DossierStatus | None = None
        prev = GENESIS_HASH
        paused_at = submitted_at = resolved_at = closed_at = None
        due = plan.due_at
        for sequence, event in enumerate(plan.events, start=1):
            transition = Transition(event.transition)
            resume = None
            if transition in (Transition.SUBMIT_SUPPLEMENT, Transition.FULFIL_FINANCIAL_OBLIGATION):
                resume = paused_from
            after = next_status(status, transition, resume=resume)
            if transition in (
                Transition.REQUEST_SUPPLEMENT,
                Transition.REQUEST_FINANCIAL_OBLIGATION,
            ):
                paused_from, paused_at = status, event.at
            elif resume is not None:
                if transition == Transition.SUBMIT_SUPPLEMENT and paused_at is not None:
                    due = due + (event.at - paused_at)
                paused_from = paused_at = None
            elif transition == Transition.SUBMIT:
                submitted_at = event.at
            elif transition in (Transition.APPROVE, Transition.REJECT):
                resolved_at = event.at
            elif transition in (Transition.WITHDRAW, Transition.RETURN_RESULT):
                closed_at = event.at
            elif transition == Transition.EXTEND_DEADLINE and plan.new_due_at:
                due = plan.new_due_at
            fields: dict[str, Any] = {
                "dossier_id": dossier_id,
                "sequence": sequence,
                "transition": transition,
                "from_status": status,
                "to_status": after,
                "occurred_at": event.at,
                "agency_id": agency.agency_id,
                "payload": event.payload,
            }
            digest = dossier_event_digest(prev, actor_id=None, note="", **fields)
            tables["event"].add(prev_hash=prev, hash=digest, **fields)
            prev, status = digest, after
        received_at = plan.received_at
        terms = version.terms[channel]
        digitise = channel == Channel.ONLINE or rng.random() < _digitised_share(context.year)
        e_result = version.result_is_document and (
            channel == Channel.ONLINE or rng.random() < _e_result_share(context.year)
        )
        name = person_name(rng)
        applicant_id = id_number(rng)
        # The 766 digitisation inputs drawn from the dossier's id, not from `rng`: the draw
        # sequence, hence the generated 2022 table, stays what it was.
        population = _hit(dossier_id, "population", _population_share(context.year))
        reused = digitise and _hit(dossier_id, "reuse", _reuse_share(context.year))
        if _hit(dossier_id, "sync", _sync_share(context.year)):  # the national portal has it
            tables["synced"].add(
                dossier_id=dossier_id, created=True, last_sequence=0, synced_at=plan.events[-1].at
            )
        tables["dossier"].add(
            id=dossier_id,
            created_at=submitted_at or received_at,
            updated_at=plan.events[-1].at,
            code=code,
            procedure_version_id=version.version_id,
            status=status,
            outcome=(Outcome.REFUSED if plan.rejected else Outcome.GRANTED) if resolved_at else "",
            channel=channel,
            revision=len(plan.events),
            applicant_name=name,
            applicant_name_folded=fold(name),
            applicant_id_number=applicant_id,
            population_data_used=population,
            applicant_phone=mobile_number(rng),
            applicant_unit_id=agency.unit_id if agency.tier == Tier.COMMUNE else None,
            subject=version.name[:500],
            fee_collection=FeeCollection.AFTER if terms.fee_bearing else FeeCollection.NONE,
            return_method=_return_method(channel, e_result),
            receiving_agency_id=agency.agency_id,
            receiving_desk_id=agency.desk_id,
            deciding_agency_id=agency.agency_id,
            submitted_at=submitted_at,
            received_at=received_at,
            original_due_at=plan.due_at,
            due_at=due,
            paused_at=paused_at,
            resolved_at=resolved_at,
            returned_at=plan.returned_at,
            closed_at=closed_at,
            supplement_count=len(plan.supplements),
            extension_count=1 if plan.new_due_at else 0,
        )
        for doc_id, position, doc_name, quantity, copy_kind in version.documents:
            # The first component replaced by an earlier result (DuocTaiSuDung = 2); the code
            # is a synthetic one, no such result exists.
            replaced = reused and position == version.documents[0][1]
            tables["document"].add(
                reused_result_code=f"KQ.SYN-{dossier_id:08d}" if replaced else "",
                dossier_id=dossier_id,
                required_document_id=doc_id,
                position=position,
                name=doc_name,
                quantity=quantity,
                copy_kind=copy_kind,
                file=SCAN_PATH if digitise else "",
                file_name=f"{fold(doc_name)[:40].replace(' ', '-')}.pdf" if digitise else "",
            )
        original_due = plan.due_at
        for ordinal, (asked, back) in enumerate(plan.supplements, start=1):
            tables["supplement"].add(
                dossier_id=dossier_id,
                ordinal=ordinal,
                reasons=[
                    {
                        "document": version.documents[0][2] if version.documents else "",
                        "reason": "Bản sao chưa được chứng thực, đề nghị bổ sung bản chứng thực.",
                    }
                ],
                status_before=DossierStatus.PROCESSING,
                requested_at=asked,
                requested_by_id=officer,
                due_at_before=original_due,
                resumed_at=back,
                clock_rule=SupplementClock.PAUSE if back else "",
                due_at_after=original_due + (back - asked) if back else None,
            )
            if back:
                original_due = original_due + (back - asked)
        if plan.new_due_at:
            apology_at = next(
                e.at for e in plan.events if e.transition == Transition.EXTEND_DEADLINE
            )
            tables["apology"].add(
                created_at=apology_at,
                updated_at=apology_at,
                dossier_id=dossier_id,
                responsible_agency_id=agency.agency_id,
                reason="Hồ sơ cần xác minh thực địa, chưa kịp hoàn thành theo thời hạn đã hẹn.",
                due_at_before=plan.due_at,
                new_due_at=plan.new_due_at,
                status=ApologyStatus.APPROVED,
                drafted_by_id=officer,
                approved_by_id=officer,
                approved_at=apology_at,
            )
        if resolved_at is not None:
            tables["result"].add(
                created_at=resolved_at,
                updated_at=plan.returned_at or resolved_at,
                dossier_id=dossier_id,
                outcome=Outcome.REFUSED if plan.rejected else Outcome.GRANTED,
                form=ResultForm.BOTH if e_result else ResultForm.PAPER,
                document_number=f"{dossier_id % 10000}/{context.year}/QĐ"
                if not plan.rejected
                else "",
                summary=version.name[:500],
                file=RESULT_PATH if e_result else "",
                approved_by_id=officer,
                approved_at=resolved_at,
                returned_at=plan.returned_at,
                return_method=_return_method(channel, e_result) if plan.returned_at else "",
                returned_by_id=officer if plan.returned_at else None,
                received_by_name=name if plan.returned_at else "",
            )
            if e_result and not plan.rejected:  # the result reaches the applicant's store
                tables["stored"].add(
                    id_number=applicant_id,
                    kind=StoredDocument.Kind.RESULT,
                    title=version.name[:500],
                    issuer_id=agency.agency_id,
                    issued_at=resolved_at,
                    file=RESULT_PATH,
                    sha256="",  # the shared sample file: not a signed result
                    dossier_id=dossier_id,
                    source_key=f"synthetic:{dossier_id}",
                )
            if plan.returned_at and rng.random() < RATED_SHARE:
                rated_at = plan.returned_at + timedelta(hours=rng.uniform(0.1, 48))
                if rated_at <= self.now:
                    tables["rating"].add(
                        created_at=rated_at,
                        updated_at=rated_at,
                        dossier_id=dossier_id,
                        satisfied=rng.random() < 0.96,  # noqa: PLR2004
                    )
        elif closed_at is None:
            last_forward = max(
                (e.at for e in plan.events if e.transition == Transition.FORWARD),
                default=received_at,
            )
            tables["step"].add(
                dossier_id=dossier_id,
                position=1,
                kind=StepKind.PROCESS,
                name="Thẩm định hồ sơ",
                role=Role.SPECIALIST,
                agency_id=agency.agency_id,
                started_at=last_forward,
                budget_hours=Decimal(8),
                due_at=due,
            )
        return len(plan.events)


def _channel(rng: random.Random, version: VersionPick) -> str:
    terms = version.terms
    if Channel.ONLINE in terms and rng.random() < ONLINE_SHARE.get(version.service_level, 0.0):
        return Channel.ONLINE
    if Channel.POSTAL in terms and rng.random() < POSTAL_SHARE:
        return Channel.POSTAL
    if Channel.IN_PERSON in terms:
        return Channel.IN_PERSON
    return next(iter(terms))


def _return_method(channel: str, e_result: bool) -> str:
    if channel == Channel.ONLINE and e_result:
        return ReturnMethod.ONLINE
    if channel == Channel.POSTAL:
        return ReturnMethod.POSTAL
    return ReturnMethod.AT_DESK


def _digitised_share(year: int) -> float:
    """Documents scanned at the desk: about 40% in 2022, rising to 90% (Đề án 06)."""
    return min(0.9, 0.4 + 0.12 * max(0, year - 2022))


def _population_share(year: int) -> float:
    """Applicants' details read from the population database (chip căn cước, VNeID): rare in
    2022, most dossiers by 2026 (Đề án 06)."""
    return min(0.8, 0.05 + 0.15 * max(0, year - 2022))


def _reuse_share(year: int) -> float:
    """Digitised dossiers reusing an earlier result instead of a paper: none before 2023."""
    return min(0.6, 0.12 * max(0, year - 2022))


def _sync_share(year: int) -> float:
    """Dossiers the national portal received: most in 2022, nearly all from 2024."""
    return min(0.98, 0.75 + 0.1 * max(0, year - 2022))


def _hit(dossier_id: int, salt: str, share: float) -> bool:
    """A draw of probability `share` that depends only on the dossier and the salt."""
    return zlib.crc32(f"{salt}:{dossier_id}".encode()) % 10_000 < share * 10_000


def _e_result_share(year: int) -> float:
    return min(0.85, 0.3 + 0.12 * max(0, year - 2022))


def _sample_files() -> None:
    """The scanned copy and the electronic result every synthetic dossier points to."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # slow: imported when used

    for path, title in (
        (SCAN_PATH, "Bản chụp thành phần hồ sơ"),
        (RESULT_PATH, "Kết quả giải quyết thủ tục hành chính (bản điện tử)"),
    ):
        if default_storage.exists(path):
            continue
        html = (
            f"<h1 style='font-family:sans-serif'>{title}</h1>"
            "<p style='font-family:sans-serif'>Dữ liệu mẫu sinh tự động để thử tải và trình "
            "diễn; không có giá trị pháp lý.</p>"
        )
        default_storage.save(path, ContentFile(HTML(string=html).write_pdf()))


# --- the runs ----------------------------------------------------------------------------------


def history_generate(
    *,
    first_year: int,
    last_year: int,
    scale: object,
    seed: int = 766,
    since: date | None = None,
    procedures: int = 2000,
    now: datetime | None = None,
    progress: Progress = _quiet,
) -> GenerateReport:
    """Generate (or resume) the synthetic history of the years (from `since` in the first
    one, with its volume cut in proportion), then nothing else: the caller recomputes the
    766 facts (`quality.services.facts_rebuild`)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    years = years_check(first_year, last_year, today=today)
    factor = scale_parse(scale)
    if factor != factor.quantize(SCALE_STEP):
        raise VolumeError(_("The scale takes at most 4 decimals (0.0001 is the smallest)."))
    other = SyntheticDay.objects.exclude(seed=seed, scale=factor).first()
    if other is not None:
        raise VolumeError(
            _(
                "A synthetic history drawn with seed %(seed)s at scale %(scale)s is already "
                "here; remove it with --clean before drawing another."
            )
            % {"seed": other.seed, "scale": other.scale.normalize()}
        )
    started = clock.monotonic()
    report = GenerateReport()
    report.catalogue_created = _catalogue_ensure(date(years[0], 1, 1), procedures)
    if since is not None and since.year != years[0]:
        raise VolumeError(_("The start day must fall in the first year of the range."))
    _sample_files()
    calendar = get_calendar()
    officer = service_account_get(
        username=SERVICE_USERNAME, full_name="Dữ liệu mẫu (sinh tự động)", role=Role.LEADER
    )
    writer = _Writer(
        calendar=calendar,
        now=now,
        seed=seed,
        scale=factor,
        officer_id=officer.pk,
        agencies=_agency_picks(years, seed),
    )
    done_days = set(SyntheticDay.objects.values_list("day", "tier"))
    contexts = {
        y: _year_context(y, now=now, calendar=calendar, seed=seed, since=since) for y in years
    }
    schedule = _schedule(year_plans(years, scale=factor), contexts, calendar)
    total = sum(sum(counts.values()) for *_rest, counts in schedule)
    done = 0
    for context, plan, day, counts in schedule:
        if (day, plan.tier) in done_days:
            report.days_resumed += 1
            done += sum(counts.values())
            continue
        try:
            dossiers, events = writer.day_write(context, plan, day, counts)
        except DatabaseError as error:
            raise VolumeError(_database_message(error)) from error
        report.dossiers += dossiers
        report.events += events
        report.days_written += 1
        key = (plan.year, plan.tier)
        report.per_tier[key] = report.per_tier.get(key, 0) + dossiers
        done += dossiers
        progress(done, total)
    report.seconds = clock.monotonic() - started
    if report.days_written:
        audit_event_append(
            action="synthetic.history_generated",
            payload={
                "years": [years[0], years[-1]],
                "scale": str(factor),
                "seed": seed,
                "dossiers": report.dossiers,
            },
        )
    return report


Schedule = list[tuple[_YearContext, YearPlan, date, dict[str, int]]]


def _schedule(
    plans: Iterable[YearPlan], contexts: dict[int, _YearContext], calendar: WorkingCalendar
) -> Schedule:
    """Every (day, tier) to write with its counts per outcome, in the order of the days."""
    schedule: Schedule = []
    for whole in plans:
        context = contexts[whole.year]
        if not context.working_days:
            continue
        full_year = _year_context_days(whole.year, calendar)
        plan = _elapsed(whole, len(context.working_days) / max(1, full_year))
        late_until = (context.year_end - timedelta(days=LATE_MARGIN_DAYS)).date()
        days = receipt_days(plan, working_days=context.working_days, late_until=late_until)
        schedule.extend(
            (context, plan, day, counts) for day, counts in days.items() if sum(counts.values())
        )
    schedule.sort(key=lambda item: (item[2], item[1].tier))
    return schedule


def _year_context_days(year: int, calendar: WorkingCalendar) -> int:
    day, count = date(year, 1, 1), 0
    while day.year == year:
        count += calendar.is_working_day(day)
        day += timedelta(days=1)
    return count


def _database_message(error: DatabaseError) -> str:
    text = str(error).lower()
    if "no space" in text or "disk" in text or "full" in text:
        return _(
            "The disk is full: the day being written was rolled back, the days before it are "
            "whole. Free some space and run the same command again to resume, or remove the "
            "history with --clean."
        )
    return _(
        "The database refused a write (%(error)s): the day being written was rolled back. "
        "Run the same command again to resume, or remove the history with --clean."
    ) % {"error": str(error).strip()[:200]}


def history_clean() -> int:
    """Remove every synthetic dossier, what refers to it (at any depth) and the days' records;
    the caller recomputes the facts. Returns the number of dossiers removed."""
    ranges = list(
        SyntheticDay.objects.exclude(first_dossier_id=None).values_list(
            "first_dossier_id", "last_dossier_id"
        )
    )
    removed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for low, high in ranges:
            removed += _delete_where(cursor, Dossier, "id BETWEEN %s AND %s", [low, high])
            for model in (SyncState, SyncMessage):  # by id, not by foreign key
                _delete_where(cursor, model, "dossier_id BETWEEN %s AND %s", [low, high])
        SyntheticDay.objects.all().delete()
        if removed:
            audit_event_append(action="synthetic.history_removed", payload={"dossiers": removed})
    return removed


def _delete_where(cursor: Any, model: type[models.Model], where: str, params: list[Any]) -> int:
    """Delete the rows of `model` matching `where` and, first, every row referring to them."""
    table = model._meta.db_table
    pk = model._meta.pk.column if model._meta.pk else "id"
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        child = relation.related_model
        assert isinstance(child, type) and issubclass(child, models.Model)
        column = relation.field.column  # type: ignore[union-attr]
        if child is model:  # a row referring to a sibling: both go in this delete
            continue
        _delete_where(
            cursor,
            child,
            f"{column} IN (SELECT {pk} FROM {table} WHERE {where})",  # noqa: S608
            params,
        )
    cursor.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608
    return int(cursor.rowcount)
