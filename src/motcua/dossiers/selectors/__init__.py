"""Reads of dossiers: routing, scope, queues, search, the timeline and the register.

Scope (DESIGN §5 "Access"): an officer sees a dossier if one of their agencies received it or
decides it, or a step of it is assigned to them or sits at one of their agencies (an opinion
asked of their unit). Province-wide roles see everything. Everything else reads as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, PUBLIC_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import (
    id_number_vouched_by_national_identity,
    membership_list_for_user,
)
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import delegation_in_force
from motcua.core.calendar import get_calendar
from motcua.core.money import vnd_digits
from motcua.core.text import fold
from motcua.dossiers.constants import (
    OPEN_STATUSES,
    PAUSED_STATUSES,
    DeadlineState,
    DossierStatus,
    StepKind,
    Timeliness,
)
from motcua.dossiers.deadlines import deadline_state, dossier_timeliness, step_timeliness
from motcua.dossiers.models import (
    Dossier,
    DossierAccess,
    DossierDocument,
    DossierEvent,
    OnlineDraft,
    ProcessingStep,
)
from motcua.organisation.constants import Tier
from motcua.organisation.models import AdministrativeUnit, Agency
from motcua.organisation.selectors import agency_list_by_ids, agency_list_valid_on

# --- routing ----------------------------------------------------------------------------------

_CONDITIONAL_OPENINGS = ("truong hop", "neu ", "khong phai", "doi voi")


def document_is_conditional(document: RequiredDocument) -> bool:
    """A component is required only in some cases when its note says so.

    The catalogue has no "mandatory" flag; the national records state the condition in the note
    ("Trường hợp …", "Nếu …", "(nếu có)"). Everything else is mandatory at receipt.
    """
    note = fold(document.note)
    name = fold(document.name)
    return note.startswith(_CONDITIONAL_OPENINGS) or "(neu co)" in name or "(neu co)" in note


def _delegated(agency: Agency, version: ProcedureVersion, on: date) -> Agency:
    delegation = delegation_in_force(
        procedure_id=version.procedure_id, from_agency_id=agency.pk, on=on
    )
    return delegation.to_agency if delegation else agency


def agency_competent(
    *,
    version: ProcedureVersion,
    applicant_unit: AdministrativeUnit | None,
    receiving: Agency,
    on: date,
) -> Agency | None:
    """The agency that decides a dossier, whatever desk received it (boundary-free receipt).

    Commune procedures go to the agency of the procedure's kind in the applicant's commune (the
    receiving desk's commune if the address is unknown); province procedures to the province
    agency of that kind, by name when there are several. Then delegations (phân cấp, ủy quyền)
    valid that day apply. None when no agency matches: the officer chooses.
    """
    agencies = agency_list_valid_on(day=on).filter(kind=version.executing_agency_kind)
    found: Agency | None = None
    if version.at_commune:
        unit = applicant_unit
        if unit is None or unit.tier != Tier.COMMUNE:
            unit = receiving.unit if receiving.tier == Tier.COMMUNE else None
        if unit is not None:
            found = agencies.filter(tier=Tier.COMMUNE, unit=unit).first()
    if found is None and version.at_district and applicant_unit is not None:
        district = applicant_unit.parent if applicant_unit.tier == Tier.COMMUNE else applicant_unit
        found = agencies.filter(tier=Tier.DISTRICT, unit=district).first()
    if found is None and version.at_province:
        candidates = list(agencies.filter(tier=Tier.PROVINCE))
        wanted = fold(version.executing_agency)
        named = [a for a in candidates if fold(a.name).split(" tinh ")[0] in wanted]
        if len(named) == 1:
            found = named[0]
        elif len(candidates) == 1:
            found = candidates[0]
    return _delegated(found, version, on) if found else None


def agency_choices_for(*, on: date) -> QuerySet[Agency]:
    return agency_list_valid_on(day=on).order_by("tier", "name")


# --- scope ------------------------------------------------------------------------------------


def _agency_ids(user: User) -> list[int]:
    return list(membership_list_for_user(user=user).values_list("agency_id", flat=True))


def dossier_list_visible(*, user: User) -> QuerySet[Dossier]:
    """Every dossier this officer may see; none for citizens here (their own is the portal's)."""
    if user.role in PROVINCE_WIDE_ROLES:
        return Dossier.objects.all()
    if user.role in PUBLIC_ROLES:
        return Dossier.objects.none()
    agencies = _agency_ids(user)
    step_here = ProcessingStep.objects.filter(dossier=OuterRef("pk")).filter(
        Q(assignee=user) | Q(agency_id__in=agencies)
    )
    return Dossier.objects.filter(
        Q(receiving_agency_id__in=agencies) | Q(deciding_agency_id__in=agencies) | Exists(step_here)
    )


def dossier_get_visible(*, user: User, dossier_id: int) -> Dossier | None:
    return (
        dossier_list_visible(user=user)
        .select_related(
            "procedure_version__procedure",
            "receiving_agency",
            "deciding_agency",
            "receiving_desk",
            "applicant_unit",
            "received_by",
        )
        .filter(pk=dossier_id)
        .first()
    )


def dossier_by_code(*, code: str) -> Dossier | None:
    """A dossier by its code, whoever asks (for links a citizen types, e.g. in a petition)."""
    code = code.strip()
    if not code or len(code) > 40:  # noqa: PLR2004 - longer than any code
        return None
    return (
        Dossier.objects.filter(code__in={code, code.upper()})
        .select_related("deciding_agency")
        .first()
    )


def dossier_find_by_code(*, user: User, code: str) -> Dossier | None:
    return dossier_list_visible(user=user).filter(code=code.strip().upper()).first() or (
        dossier_list_visible(user=user).filter(code=code.strip()).first()
    )


# --- queues -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueSpec:
    slug: str
    roles: frozenset[str]


QUEUES: tuple[QueueSpec, ...] = (
    QueueSpec("submitted", frozenset({Role.DESK_OFFICER})),
    QueueSpec("my_steps", frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER})),
    QueueSpec("to_approve", frozenset({Role.LEADER})),
    QueueSpec("due_today", frozenset(Role.values)),
    QueueSpec("due_soon", frozenset(Role.values)),
    QueueSpec("overdue", frozenset(Role.values)),
    QueueSpec("awaiting_supplement", frozenset(Role.values)),
    QueueSpec("to_return", frozenset({Role.DESK_OFFICER})),
    QueueSpec("opinions", frozenset({Role.SPECIALIST, Role.LEADER})),
    QueueSpec("all", frozenset(Role.values)),
)


def queue_slugs_for(user: User) -> list[str]:
    return [q.slug for q in QUEUES if user.role in q.roles]


def queue(*, user: User, slug: str, now: datetime | None = None) -> QuerySet[Dossier]:
    """The dossiers of one queue, soonest due first."""
    now = now or timezone.now()
    calendar = get_calendar()
    today = timezone.localdate(now)
    visible = dossier_list_visible(user=user)
    agencies = _agency_ids(user)
    open_ = visible.filter(status__in=[s.value for s in OPEN_STATUSES])
    running = open_.exclude(status__in=[s.value for s in PAUSED_STATUSES])
    open_steps = ProcessingStep.objects.filter(dossier=OuterRef("pk"), completed_at__isnull=True)
    mine = open_steps.filter(kind=StepKind.PROCESS).filter(
        Q(assignee=user) | Q(assignee__isnull=True, agency_id__in=agencies, role=user.role)
    )
    end_today = datetime.combine(today + timedelta(days=1), datetime.min.time(), calendar.tz)
    soon = calendar.shift_working_days(today, settings.MOTCUA_DUE_SOON_WORKING_DAYS)
    end_soon = datetime.combine(soon + timedelta(days=1), datetime.min.time(), calendar.tz)
    result: QuerySet[Dossier]
    match slug:
        case "submitted":
            result = visible.filter(
                status=DossierStatus.SUBMITTED, receiving_agency_id__in=agencies
            )
        case "my_steps":
            result = open_.filter(Exists(mine))
        case "to_approve":
            result = open_.filter(
                Exists(
                    open_steps.filter(
                        kind=StepKind.PROCESS, role=Role.LEADER, agency_id__in=agencies
                    )
                )
            )
        case "due_today":
            result = running.filter(due_at__gte=now, due_at__lt=end_today)
        case "due_soon":
            result = running.filter(due_at__gte=end_today, due_at__lt=end_soon)
        case "overdue":
            result = running.filter(due_at__lt=now)
        case "awaiting_supplement":
            result = visible.filter(status=DossierStatus.AWAITING_SUPPLEMENT)
        case "to_return":
            result = visible.filter(status=DossierStatus.RESOLVED, receiving_agency_id__in=agencies)
        case "opinions":
            result = open_.filter(
                Exists(open_steps.filter(kind=StepKind.OPINION, agency_id__in=agencies))
            )
        case "all":
            result = visible
        case _:
            raise ValueError(slug)
    return result.order_by("due_at", "pk")


def dossier_search(queryset: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """By code (or its tail), applicant name without accents, phone or ID number."""
    text = text.strip()
    if not text:
        return queryset
    compact = "".join(text.split()).replace(".", "")
    if compact.isdigit():
        match = Q(applicant_phone__endswith=compact[-10:]) | Q(applicant_id_number=compact)
        if len(compact) <= 5:  # noqa: PLR2004 - the day's number at the end of a code
            match |= Q(code__endswith=f"-{compact.zfill(4)}") | Q(code__endswith=f"-{compact}")
        return queryset.filter(match)
    if "-" in text and " " not in text:
        return queryset.filter(code__iexact=text) | queryset.filter(code__iendswith=text)
    return queryset.filter(applicant_name_folded__contains=fold(text))


def deadline_state_of(dossier: Dossier, *, now: datetime | None = None) -> DeadlineState | None:
    if dossier.status not in OPEN_STATUSES:
        return None
    return deadline_state(
        get_calendar(),
        due_at=dossier.due_at,
        now=now or timezone.now(),
        paused=dossier.status in PAUSED_STATUSES,
        soon_working_days=settings.MOTCUA_DUE_SOON_WORKING_DAYS,
    )


def timeliness_of(dossier: Dossier) -> Timeliness | None:
    """Early / on time / late for a resolved dossier (against the appointment in force)."""
    if dossier.resolved_at is None or dossier.due_at is None:
        return None
    return dossier_timeliness(
        get_calendar(), finished_at=dossier.resolved_at, due_at=dossier.due_at
    )


# --- one dossier ------------------------------------------------------------------------------


def dossier_events(*, dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("actor", "agency").order_by("sequence")


@dataclass(frozen=True)
class StepRow:
    step: ProcessingStep
    timeliness: Timeliness | None


def dossier_steps(*, dossier: Dossier) -> list[StepRow]:
    steps = dossier.steps.select_related("agency", "assignee", "handed_by", "completed_by")
    return [
        StepRow(
            step,
            step_timeliness(completed_at=step.completed_at, due_at=step.due_at)
            if step.completed_at
            else None,
        )
        for step in steps.order_by("started_at", "pk")
    ]


def dossier_current_step(*, dossier: Dossier) -> ProcessingStep | None:
    return (
        dossier.steps.filter(kind=StepKind.PROCESS, completed_at__isnull=True)
        .select_related("agency", "assignee")
        .order_by("-started_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    broken_sequence: int | None = None

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None


def dossier_chain_verify(*, dossier: Dossier) -> ChainCheck:
    """Recompute the dossier's event chain; name the first event that does not match."""
    from motcua.core.audit import GENESIS_HASH
    from motcua.dossiers.services import dossier_event_hash

    expected_prev = GENESIS_HASH
    checked = 0
    for number, event in enumerate(dossier.events.order_by("sequence"), start=1):
        if (
            event.sequence != number
            or event.prev_hash != expected_prev
            or dossier_event_hash(event) != event.hash
        ):
            return ChainCheck(checked, event.sequence)
        expected_prev = event.hash
        checked += 1
    return ChainCheck(checked)


def dossier_access_list(*, dossier: Dossier) -> QuerySet[DossierAccess]:
    return dossier.accesses.select_related("user")


@dataclass(frozen=True)
class LatenessCount:
    agency: str
    late_open: int
    late_resolved: int
    apologies: int
    explanations: int


def lateness_by_agency(*, agencies: list[int], now: datetime | None = None) -> list[LatenessCount]:
    """Per unit: late dossiers still open, resolved late, approved apology letters (by the unit
    responsible), lateness explanations. Four grouped queries, whatever the number of units."""
    from django.db.models import Count, F

    from motcua.dossiers.constants import ApologyStatus
    from motcua.dossiers.models import ApologyLetter, LatenessExplanation

    now = now or timezone.now()
    late = {
        row["deciding_agency_id"]: row
        for row in Dossier.objects.filter(deciding_agency_id__in=agencies)
        .values("deciding_agency_id")
        .annotate(
            late_open=Count(
                "pk", filter=Q(status__in=[s.value for s in OPEN_STATUSES], due_at__lt=now)
            ),
            late_resolved=Count("pk", filter=Q(resolved_at__gt=F("due_at"))),
        )
    }
    apologies = dict(
        ApologyLetter.objects.filter(
            responsible_agency_id__in=agencies, status=ApologyStatus.APPROVED
        )
        .values("responsible_agency_id")
        .annotate(n=Count("pk"))
        .values_list("responsible_agency_id", "n")
    )
    explanations = dict(
        LatenessExplanation.objects.filter(agency_id__in=agencies)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    return [
        LatenessCount(
            agency=agency.name,
            late_open=late.get(agency.pk, {}).get("late_open", 0),
            late_resolved=late.get(agency.pk, {}).get("late_resolved", 0),
            apologies=apologies.get(agency.pk, 0),
            explanations=explanations.get(agency.pk, 0),
        )
        for agency in agency_list_by_ids(agency_ids=agencies)
    ]


@dataclass(frozen=True)
class ProcessingTime:
    """How long dossiers of a procedure really took, in working days, over a recent window."""

    dossiers: int
    median_days: float
    p90_days: float


def procedure_processing_time(
    *,
    procedure_id: int,
    now: datetime | None = None,
    window_days: int = 90,
    minimum: int = 5,
    sample: int = 2000,
) -> ProcessingTime | None:
    """Median and 90th percentile from valid receipt to resolution, for dossiers resolved in
    the last `window_days`; None below `minimum` dossiers (too few to tell a citizen). The
    most recent `sample` dossiers are enough for a stable figure on the busiest procedure."""
    import statistics

    now = now or timezone.now()
    rows = list(
        Dossier.objects.filter(
            procedure_version__procedure_id=procedure_id,
            resolved_at__gte=now - timedelta(days=window_days),
            received_at__isnull=False,
        )
        .order_by("-resolved_at")
        .values_list("received_at", "resolved_at")[:sample]
    )
    if len(rows) < minimum:
        return None
    calendar = get_calendar()
    day = calendar.day_length
    days = sorted(
        calendar.working_time_between(start, end) / day
        for start, end in rows
        if start is not None and end is not None
    )
    p90 = statistics.quantiles(days, n=10, method="inclusive")[-1]
    return ProcessingTime(len(rows), statistics.median(days), p90)


# --- the citizen's view -------------------------------------------------------------------------


def dossier_find_for_tracking(*, code: str, phone_last_digits: str) -> Dossier | None:
    """The dossier with this code whose applicant's phone ends with these 4 digits, else None.

    The caller shows one message whether the code or the digits are wrong: no hint that a code
    exists. Compared in constant time.
    """
    import hmac

    digits = "".join(ch for ch in phone_last_digits if ch.isdigit())
    if len(digits) != 4 or not code.strip():  # noqa: PLR2004 - the last four digits
        return None
    dossier = (
        Dossier.objects.select_related(
            "procedure_version__procedure", "receiving_desk", "receiving_agency", "deciding_agency"
        )
        # Codes are written in capitals: an exact match on the unique index (iexact would
        # compare UPPER(code) row by row, a scan of every dossier the province ever received).
        .filter(code=code.strip().upper())
        .first()
    )
    phone_tail = (dossier.applicant_phone if dossier else "")[-4:].rjust(4, "x")
    if not hmac.compare_digest(phone_tail, digits) or dossier is None:
        return None
    return dossier


@dataclass(frozen=True)
class PublicEntry:
    at: datetime
    text: str
    detail: str = ""


def _public_detail(dossier: Dossier, event: DossierEvent) -> str:
    """The detail line under an entry: what to supplement, why refused, why late."""
    from motcua.dossiers.constants import Transition as Tr

    match event.transition:
        case Tr.REQUEST_SUPPLEMENT:
            request = dossier.supplements.filter(ordinal=event.payload.get("ordinal", 0)).first()
            reasons = request.reasons if request else []
            return "; ".join(f"{r['document']}: {r['reason']}" for r in reasons)
        case Tr.REJECT | Tr.REFUSE_RECEIPT | Tr.STOP:
            refusal = dossier.refusals.filter(details=event.note).first()
            return f"{refusal.get_reason_display()}: {event.note}" if refusal else event.note
        case Tr.EXTEND_DEADLINE:
            return event.note
    return ""


def dossier_public_timeline(*, dossier: Dossier) -> list[PublicEntry]:
    """What happened, in plain words for the applicant: no officer names, no internal steps."""
    from django.utils.translation import gettext as _

    from motcua.dossiers.constants import Transition as Tr

    plain = {
        Tr.SUBMIT: _("You submitted the dossier online."),
        Tr.REQUEST_SUPPLEMENT: _("Waiting for you: the dossier must be completed."),
        Tr.SUBMIT_SUPPLEMENT: _("Your supplement was received; processing continues."),
        Tr.REQUEST_FINANCIAL_OBLIGATION: _("Waiting for you: pay the financial obligation."),
        Tr.FULFIL_FINANCIAL_OBLIGATION: _("Your payment was recorded; processing continues."),
        Tr.APPROVE: _("The result is ready."),
        Tr.REJECT: _("The request was refused."),
        Tr.REFUSE_RECEIPT: _("The dossier could not be received."),
        Tr.STOP: _("Processing of the dossier was stopped."),
        Tr.WITHDRAW: _("The dossier was withdrawn at your request."),
        Tr.RETURN_RESULT: _("The result was handed over."),
    }
    entries: list[PublicEntry] = []
    for event in dossier.events.select_related("agency").order_by("sequence"):
        if event.transition in plain:
            text = plain[Tr(event.transition)]
        elif event.transition == Tr.RECEIVE:
            text = _("The dossier was received by %(agency)s.") % {
                "agency": event.agency.name if event.agency else ""
            }
        elif event.transition in (Tr.FORWARD, Tr.ASSIGN):
            text = _("The dossier is being processed at %(agency)s.") % {
                "agency": dossier.deciding_agency.name
            }
        elif event.transition == Tr.PAY_FEES:
            text = _("Fees of %(amount)s đồng were paid (%(method)s).") % {
                "amount": vnd_digits(int(event.payload.get("amount", 0))),
                "method": _("online") if event.payload.get("online") else _("at the desk"),
            }
        elif event.transition == Tr.EXTEND_DEADLINE:
            new = timezone.localtime(datetime.fromisoformat(event.payload["to"]))
            text = _("The agency apologised for the delay and set a new date: %(date)s.") % {
                "date": new.strftime("%H:%M %d/%m/%Y")
            }
        else:
            continue  # opinions between units are internal
        detail = _public_detail(dossier, event)
        if entries and entries[-1].text == text and not detail:
            continue  # hand-overs inside the agency read as one line
        entries.append(PublicEntry(event.occurred_at, text, detail))
    return entries


def dossier_event_get(*, event_id: int) -> DossierEvent:
    """One event with what a message about it needs."""
    return DossierEvent.objects.select_related(
        "dossier__procedure_version", "dossier__receiving_desk", "dossier__citizen"
    ).get(pk=event_id)


def unit_ids_valid(*, day: date | None = None) -> set[int]:
    """Communes and wards an address may be in today (e-form `unit` answers)."""
    from motcua.organisation.selectors import unit_list_valid_on

    day = day or timezone.localdate()
    return set(unit_list_valid_on(day=day, tier=Tier.COMMUNE).values_list("pk", flat=True))


def draft_get(*, citizen: User, draft_id: int) -> OnlineDraft | None:
    return (
        OnlineDraft.objects.select_related("version__procedure", "submitted_dossier")
        .filter(pk=draft_id, citizen=citizen)
        .first()
    )


def dossier_list_for_citizen(*, citizen: User) -> QuerySet[Dossier]:
    """The citizen's own dossiers (as applicant with this account), newest first."""
    return (
        Dossier.objects.filter(citizen=citizen)
        .select_related("procedure_version", "deciding_agency", "draft__helper")
        .order_by("-submitted_at", "-pk")
    )


def draft_list_open(*, citizen: User) -> QuerySet[OnlineDraft]:
    return OnlineDraft.objects.filter(
        citizen=citizen, submitted_dossier__isnull=True
    ).select_related("version")


def draft_get_for_helper(*, helper: User, draft_id: int) -> OnlineDraft | None:
    """A draft this helper prepares, while the citizen's consent is in force."""
    from motcua.accounts.selectors import helper_may_act_for

    draft = (
        OnlineDraft.objects.select_related("version__procedure", "submitted_dossier", "citizen")
        .filter(pk=draft_id, helper=helper)
        .first()
    )
    if draft is None or not helper_may_act_for(helper=helper, citizen=draft.citizen):
        return None
    return draft


def dossier_list_by_helper(*, helper: User) -> QuerySet[Dossier]:
    """Dossiers a helper submitted for citizens (their drafts), newest first."""
    return (
        Dossier.objects.filter(draft__helper=helper)
        .select_related("procedure_version", "citizen")
        .order_by("-submitted_at")
    )


def citizen_documents(*, citizen: User) -> QuerySet[DossierDocument]:
    """'My documents': files of the citizen's earlier dossiers that can be reused (not
    themselves reuses, not from a refused dossier), newest first."""
    return (
        DossierDocument.objects.filter(dossier__citizen=citizen, reused_from__isnull=True)
        .exclude(file="")
        .exclude(dossier__status__in=[DossierStatus.RECEIPT_REFUSED, DossierStatus.DRAFT])
        .select_related("dossier")
        .order_by("-dossier__submitted_at", "position")
    )


def dossier_get_for_citizen(*, citizen: User, dossier_id: int) -> Dossier | None:
    return (
        Dossier.objects.select_related("procedure_version", "deciding_agency", "receiving_desk")
        .filter(pk=dossier_id, citizen=citizen)
        .first()
    )


def dossier_get_by_id(*, dossier_id: int) -> Dossier:
    """One dossier with its agencies, for a service of another app (payments)."""
    return Dossier.objects.select_related("receiving_agency", "deciding_agency").get(pk=dossier_id)


# --- digitisation ----------------------------------------------------------------------------

# A component only shown at the desk (xuất trình) is not kept, so not scanned.
_NOT_SCANNED = ("presented",)


def _to_scan(documents: QuerySet[DossierDocument]) -> QuerySet[DossierDocument]:
    return documents.exclude(copy_kind__in=_NOT_SCANNED).filter(quantity__gt=0)


@dataclass(frozen=True)
class DigitisationState:
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    @property
    def label(self) -> str:
        from django.utils.translation import gettext as _

        if self.total == 0:
            return _("Nothing to digitise")
        if self.done == 0:
            return _("Not digitised")
        if self.complete:
            return _("Digitised")
        return _("Partly digitised (%(done)d of %(total)d)") % {
            "done": self.done, "total": self.total,
        }  # fmt: skip


def dossier_digitisation_state(*, dossier: Dossier) -> DigitisationState:
    documents = _to_scan(DossierDocument.objects.filter(dossier=dossier))
    total = documents.count()
    return DigitisationState(done=documents.exclude(file="").count(), total=total)


@dataclass(frozen=True)
class ToDigitise:
    dossier: Dossier
    left: int
    today: bool


def dossiers_to_digitise(*, user: User, days: int = 30) -> list[ToDigitise]:
    """Còn phải số hóa: dossiers received at the officer's desks in the last `days` days with
    components still without a scan; today's first, then the oldest."""
    agencies = list(
        membership_list_for_user(user=user)
        .filter(role=Role.DESK_OFFICER)
        .values_list("agency_id", flat=True)
    )
    today = timezone.localdate()
    since = timezone.make_aware(datetime.combine(today - timedelta(days=days), datetime.min.time()))
    gaps = _to_scan(DossierDocument.objects.filter(dossier=OuterRef("pk"), file=""))
    dossiers = (
        Dossier.objects.filter(receiving_agency_id__in=agencies, received_at__gte=since)
        .filter(Exists(gaps))
        .select_related("procedure_version")
        .order_by("received_at")[:500]
    )
    missing: dict[int, int] = {}
    for dossier_id in _to_scan(
        DossierDocument.objects.filter(dossier__in=[d.pk for d in dossiers], file="")
    ).values_list("dossier_id", flat=True):
        missing[dossier_id] = missing.get(dossier_id, 0) + 1
    rows = [
        ToDigitise(d, missing.get(d.pk, 0), timezone.localdate(d.received_at) == today)
        for d in dossiers
        if d.received_at is not None
    ]
    return sorted(rows, key=lambda r: (not r.today, r.dossier.received_at))


def store_lookups_of(*, id_number: str) -> QuerySet[DossierAccess]:
    """Who looked up this person's stored documents, from which dossier, when (for the person)."""
    if not id_number:
        return DossierAccess.objects.none()
    return (
        DossierAccess.objects.filter(
            dossier__applicant_id_number=id_number, what__startswith="store:"
        )
        .select_related("user", "dossier__deciding_agency")
        .order_by("-at")
    )


def result_document_code(dossier: Dossier) -> str:
    """Mã giấy tờ kết quả of a dossier's electronic result: its code with "KQ" (one per
    dossier). [GAP] DVCQG's own format for MaGiayToKetQua is not public."""
    return f"KQ.{dossier.code}"


def id_number_confirmed_for(*, user: User) -> bool:
    """Whether the ID number in this account's profile is known to be the person's own.

    A profile's number is typed by the citizen and proves nothing. The national identity
    vouches for it (single sign-on linked with that number); otherwise a received dossier does:
    the desk checks the applicant's papers when it receives a dossier, so a received dossier
    with this number that this account submitted, or that gave this account's verified phone
    number, ties the number to the person.
    """
    id_number = str(getattr(user, "id_number", "") or "")
    if not id_number or user.pk is None:
        return False
    if id_number_vouched_by_national_identity(user=user):
        return True  # signed in through the national identity, which verified the number
    own = Q(citizen_id=user.pk)
    if user.phone and user.phone_verified_at:
        own |= Q(applicant_phone=user.phone)
    return Dossier.objects.filter(
        own, applicant_id_number=id_number, received_at__isnull=False
    ).exists()
