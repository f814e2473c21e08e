"""Every change to a dossier: one function per transition (ADR 0007).

Each one: locks the dossier row, returns at once if the same request (`request_key`) was
already applied, refuses a stale form (`revision`), checks who may act, checks the transition
table, saves with `update_fields`, appends exactly one chained `DossierEvent` in the same
transaction, and announces the event on commit (`dossier_event_committed`), where
notifications and the national sync attach. Messages of `DossierError` are for people.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_agency, membership_list_for_user
from motcua.catalog.constants import (
    ONLINE_LEVELS,
    Beneficiary,
    Channel,
    CopyKind,
    FeeCollection,
    TimeUnit,
)
from motcua.catalog.eforms import eform_clean
from motcua.catalog.fees import FeeApplicant, FeeError, FeeQuote
from motcua.catalog.models import ChannelTerms, ProcedureVersion
from motcua.catalog.selectors import fee_quote_for, version_get_in_force
from motcua.core.audit import GENESIS_HASH, canonical_payload, chain_hash
from motcua.core.calendar import get_calendar
from motcua.core.identity import IdentifierInvalidError, id_number_clean, phone_clean
from motcua.core.money import vnd_digits
from motcua.core.sequences import counter_next
from motcua.core.text import fold
from motcua.dossiers.constants import (
    ApologyStatus,
    DossierStatus,
    Outcome,
    RefusalReason,
    RefusalStage,
    ResultForm,
    ReturnMethod,
    StepKind,
    StepResult,
    SupplementClock,
    Transition,
)
from motcua.dossiers.deadlines import due_at_for, resumed_due_at, step_due_at
from motcua.dossiers.models import (
    ApologyLetter,
    Dossier,
    DossierAccess,
    DossierCodeSequence,
    DossierDocument,
    DossierEvent,
    DraftFile,
    LatenessExplanation,
    OnlineDraft,
    ProcessingStep,
    Refusal,
    Result,
    SupplementRequest,
)
from motcua.dossiers.national import dossier_sync_queue
from motcua.dossiers.selectors import agency_competent, document_is_conditional
from motcua.dossiers.workflow import TransitionNotAllowedError, next_status
from motcua.organisation.models import Agency, OneStopDesk
from motcua.organisation.selectors import (
    agency_get,
    desk_list_for_agencies,
    unit_get,
)

# Sent after the transaction that wrote a dossier event commits: sender=DossierEvent,
# event=<DossierEvent>. Notifications, the national-portal outbox and daily facts listen here.
dossier_event_committed = Signal()

# When a procedure has no internal process template: desk, specialist, leader, desk.
_DEFAULT_TEMPLATE: tuple[tuple[str, str, Decimal], ...] = (
    ("Tiếp nhận, kiểm tra hồ sơ", Role.DESK_OFFICER, Decimal(1)),
    ("Thẩm định hồ sơ", Role.SPECIALIST, Decimal(0)),  # 0: what the limit leaves
    ("Phê duyệt, ký kết quả", Role.LEADER, Decimal(4)),
    ("Trả kết quả", Role.DESK_OFFICER, Decimal(1)),
)

T = TypeVar("T")


class DossierError(Exception):
    """A change refused for a reason a person can act on (the message says it)."""


class StaleDossierError(DossierError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone changed this dossier after you opened it. Reload the page, check what "
                "changed and try again."
            )
        )


@dataclass(frozen=True)
class ApplicantData:
    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    unit_id: int | None = None
    owner_name: str = ""
    owner_address: str = ""


@dataclass(frozen=True)
class Intake:
    """What the desk (or the portal) records when a dossier enters."""

    version_id: int
    channel: str
    applicant: ApplicantData
    document_ids: Sequence[int] = ()  # the required documents handed in
    deciding_agency_id: int | None = None  # None: routed by the rules
    subject: str = ""
    copies: int = 1
    fee_collection: str | None = None  # None: as the procedure's channel says
    fee_claims: frozenset[str] = frozenset()  # reductions claimed (catalog.constants.Beneficiary)
    fee_quantities: Mapping[int, int] = field(default_factory=dict)  # fee line id → units
    birth_date: date | None = None  # the applicant's, for age-bound reductions
    return_method: str = ReturnMethod.AT_DESK
    # The desk read the applicant's details from the population database (căn cước chip,
    # VNeID) instead of typing them: QĐ 766 indicator 4.5b.
    population_data_used: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# --- small helpers -----------------------------------------------------------------------


def _now() -> datetime:
    return timezone.now()


def _existing(request_key: str | None) -> Dossier | None:
    if not request_key:
        return None
    event = DossierEvent.objects.filter(request_key=request_key).select_related("dossier").first()
    return event.dossier if event else None


def _idempotent(
    request_key: str | None, apply: Callable[[], T], found: Callable[[Dossier], T]
) -> T:
    """Run `apply` once per request key; a repeat (even a concurrent one) gets the first result."""
    try:
        with transaction.atomic():
            return apply()
    except IntegrityError:
        dossier = _existing(request_key)
        if dossier is None:
            raise
        return found(dossier)


def _locked(dossier_id: int, revision: int | None) -> Dossier:
    # `of=("self",)`: on PostgreSQL a plain FOR UPDATE also locks every joined row (the agency,
    # the procedure version), which serialised all of an agency's dossiers and deadlocked
    # concurrent receptions against the foreign-key checks of their inserts (issue 14).
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version", "receiving_agency", "deciding_agency")
        .get(pk=dossier_id)
    )
    if revision is not None and revision != dossier.revision:
        raise StaleDossierError
    return dossier


def _agency_ids(user: User, role: str | None = None) -> set[int]:
    memberships = membership_list_for_user(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return set(memberships.values_list("agency_id", flat=True))


def _require_role(user: User, agency_id: int, *roles: str) -> None:
    if user.role in PROVINCE_WIDE_ROLES:
        raise DossierError(_("Monitoring accounts do not act on dossiers."))
    agencies: set[int] = set()
    for role in roles:
        agencies |= _agency_ids(user, role)
    if agency_id not in agencies:
        raise DossierError(_("Only an officer of the agency in charge can do this."))


def _event_append(
    dossier: Dossier,
    *,
    transition: str,
    from_status: str,
    actor: User | None,
    at: datetime,
    agency: Agency | None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    request_key: str | None = None,
) -> DossierEvent:
    last = (
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    sequence, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    clean = canonical_payload(payload)
    event = DossierEvent(
        dossier=dossier,
        sequence=sequence,
        transition=transition,
        from_status=from_status,
        to_status=dossier.status,
        occurred_at=at,
        actor=actor,
        agency=agency,
        note=note,
        payload=clean,
        request_key=request_key or None,
        prev_hash=prev_hash,
    )
    event.hash = dossier_event_hash(event)
    event.save(force_insert=True)
    dossier_sync_queue(dossier, event)  # the national portal's copy, in this transaction
    transaction.on_commit(partial(dossier_event_committed.send, sender=DossierEvent, event=event))
    return event


def dossier_event_hash(event: DossierEvent) -> str:
    return dossier_event_digest(
        event.prev_hash,
        dossier_id=event.dossier_id,
        sequence=event.sequence,
        transition=event.transition,
        from_status=event.from_status,
        to_status=event.to_status,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        agency_id=event.agency_id,
        note=event.note,
        payload=event.payload,
    )


def dossier_event_digest(
    prev_hash: str,
    *,
    dossier_id: int,
    sequence: int,
    transition: str,
    from_status: str,
    to_status: str,
    occurred_at: datetime,
    actor_id: int | None,
    agency_id: int | None,
    note: str,
    payload: dict[str, Any],
) -> str:
    """The chain link of one event from its fields (bulk writers chain rows with no model)."""
    return chain_hash(
        prev_hash,
        {
            "dossier": dossier_id,
            "sequence": sequence,
            "transition": transition,
            "from": from_status,
            "to": to_status,
            "at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor_id,
            "agency": agency_id,
            "note": note,
            "payload": payload,
        },
    )


def _apply(
    dossier: Dossier,
    transition: Transition,
    *,
    actor: User | None,
    at: datetime,
    fields: Sequence[str] = (),
    agency: Agency | None = None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    request_key: str | None = None,
    resume: DossierStatus | None = None,
) -> DossierEvent:
    """Move the (locked) dossier through `transition`, save it and append its one event."""
    from_status = dossier.status
    dossier.status = next_status(DossierStatus(from_status), transition, resume=resume)
    dossier.revision += 1
    dossier.save(update_fields=sorted({*fields, "status", "revision", "updated_at"}))
    return _event_append(
        dossier,
        transition=transition,
        from_status=from_status,
        actor=actor,
        at=at,
        agency=agency,
        note=note,
        payload=payload,
        request_key=request_key,
    )


def _check_allowed(dossier: Dossier, transition: Transition) -> None:
    """Fail before any other work if the table forbids it (the message names both)."""
    from motcua.dossiers.workflow import allowed

    if not allowed(DossierStatus(dossier.status), transition):
        raise TransitionNotAllowedError(
            current=DossierStatus(dossier.status), transition=transition
        )


# --- codes and deadlines -----------------------------------------------------------------


# V1V2V3.Z1Z2.Y1Y2.MX1X2 (QCVN 102:2016), the first block of a dossier code (REGULATION §2.4).
_AGENCY_IDENTIFIER = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}")


def dossier_code_next(*, agency: Agency, day: date) -> str:
    """`{agency identifier}-{YYMMDD}-{NNNN}`, the next number of `agency` on `day`: distinct
    under concurrent receptions and without gaps (`core.sequences`). Beyond 9999 the number
    grows a digit. An identifier that is not QCVN 102's shape, or a day that is not a date, is
    refused before a number is taken (the code would not parse back, or the counter would split).
    """
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError(f"dossier codes are numbered per date, not per {type(day).__name__}")
    if not _AGENCY_IDENTIFIER.fullmatch(agency.national_identifier):
        raise DossierError(
            _(
                "The national identifier “%(identifier)s” of %(agency)s is not a QCVN 102 "
                "identifier (such as 000.00.06.H56); correct it before receiving dossiers."
            )
            % {"identifier": agency.national_identifier, "agency": agency.name}
        )
    number = counter_next(DossierCodeSequence, agency=agency, day=day)
    return f"{agency.national_identifier}-{day:%y%m%d}-{number:04d}"


def _terms(dossier: Dossier) -> ChannelTerms:
    version = dossier.procedure_version
    terms = {t.channel: t for t in version.channels.all()}
    chosen = (
        terms.get(dossier.channel)
        or terms.get(Channel.IN_PERSON)
        or next(iter(terms.values()), None)
    )
    if chosen is None:
        raise DossierError(_("This procedure has no time limit in the catalogue; fix it first."))
    return chosen


def _limit_hours(terms: ChannelTerms) -> Decimal:
    if terms.time_unit == TimeUnit.HOURS:
        return terms.time_limit
    day_hours = Decimal(get_calendar().day_length.total_seconds()) / 3600
    return terms.time_limit * day_hours


def _open_step(
    dossier: Dossier,
    *,
    position: int,
    name: str,
    role: str,
    agency: Agency,
    budget: Decimal,
    at: datetime,
    handed_by: User | None,
    assignee: User | None = None,
    kind: str = StepKind.PROCESS,
) -> ProcessingStep:
    return ProcessingStep.objects.create(
        dossier=dossier,
        position=position,
        kind=kind,
        name=name,
        role=role,
        agency=agency,
        assignee=assignee,
        handed_by=handed_by,
        started_at=at,
        budget_hours=budget,
        due_at=step_due_at(get_calendar(), start=at, budget_hours=budget),
    )


def process_template(dossier: Dossier) -> list[tuple[str, str, Decimal]]:
    """(name, role, budget hours) of each step: the catalogue's template or the default one.

    The last step is always the desk's return of the result; one is added if the catalogue's
    template stops at the leader.
    """
    steps = [
        (s.name, s.role, s.budget_hours) for s in dossier.procedure_version.process_steps.all()
    ]
    if not steps:
        total = _limit_hours(_terms(dossier))
        fixed = sum((budget for _n, _r, budget in _DEFAULT_TEMPLATE), Decimal(0))
        steps = [
            (name, role, budget or max(total - fixed, Decimal(1)))
            for name, role, budget in _DEFAULT_TEMPLATE
        ]
    if steps[-1][1] != Role.DESK_OFFICER:
        steps.append(_DEFAULT_TEMPLATE[-1])
    return steps


def _step_agency(dossier: Dossier, role: str) -> Agency:
    return dossier.receiving_agency if role == Role.DESK_OFFICER else dossier.deciding_agency


def _current_step(dossier: Dossier) -> ProcessingStep | None:
    return (
        ProcessingStep.objects.filter(
            dossier=dossier, kind=StepKind.PROCESS, completed_at__isnull=True
        )
        .order_by("-started_at", "-pk")
        .first()
    )


def _holds(user: User, step: ProcessingStep) -> bool:
    if step.assignee_id is not None:
        return step.assignee_id == user.pk
    return step.agency_id in _agency_ids(user, step.role)


def holds_step(user: User, step: ProcessingStep) -> bool:
    """Whether `user` may act on `step` (its assignee, or anyone of its role at its agency)."""
    return _holds(user, step)


def _close_step(step: ProcessingStep, *, actor: User | None, at: datetime, result: str) -> None:
    step.completed_at = at
    step.completed_by = actor
    step.result = result
    step.save(update_fields=["completed_at", "completed_by", "result"])


# --- entering the system -----------------------------------------------------------------


def _clean_applicant(applicant: ApplicantData, *, today: Any) -> dict[str, Any]:
    errors: list[str] = []
    name = " ".join(applicant.name.split())
    if not name:
        errors.append(_("Enter the applicant's full name."))
    id_number = phone = ""
    try:
        id_number = id_number_clean(applicant.id_number, today=today) if applicant.id_number else ""
    except IdentifierInvalidError as error:
        errors.append(str(error))
    try:
        phone = phone_clean(applicant.phone) if applicant.phone else ""
    except IdentifierInvalidError as error:
        errors.append(str(error))
    if errors:
        raise DossierError(" ".join(errors))
    return {
        "applicant_name": name,
        "applicant_name_folded": fold(name),
        "applicant_id_number": id_number,
        "applicant_phone": phone,
        "applicant_email": applicant.email.strip(),
        "applicant_address": applicant.address.strip(),
        "applicant_unit_id": applicant.unit_id,
        "owner_name": applicant.owner_name.strip(),
        "owner_address": applicant.owner_address.strip(),
    }


def _version_for_intake(version_id: int, day: Any) -> ProcedureVersion:
    version = version_get_in_force(version_id=version_id, on=day)
    if version is None:
        raise DossierError(_("This procedure is not in force today; choose a current one."))
    return version


def _route(intake: Intake, version: ProcedureVersion, receiving: Agency, day: Any) -> Agency:
    if intake.deciding_agency_id is not None:
        agency = agency_get(agency_id=intake.deciding_agency_id, day=day)
        if agency is None:
            raise DossierError(_("The deciding agency chosen does not exist today."))
        return agency
    unit = unit_get(unit_id=intake.applicant.unit_id) if intake.applicant.unit_id else None
    agency = agency_competent(version=version, applicant_unit=unit, receiving=receiving, on=day)
    if agency is None:
        raise DossierError(
            _(
                "No agency could be found for this procedure and address; "
                "choose the deciding agency."
            )
        )
    return agency


def _fees(intake: Intake, version: ProcedureVersion, day: date) -> tuple[FeeQuote, str]:
    """The quote (catalog.fees) and the collection mode: the desk may choose "before" or "after"
    for a fee-bearing dossier; one that owes nothing is always "none"."""
    try:
        quote = fee_quote_for(
            version=version,
            channel=intake.channel,
            on=day,
            applicant=FeeApplicant(
                unit_id=intake.applicant.unit_id,
                birth_date=intake.birth_date,
                claims=frozenset(intake.fee_claims),
            ),
            quantities=dict(intake.fee_quantities),
        )
    except FeeError as error:
        raise DossierError(str(error)) from error
    if quote.refused_claims:
        raise DossierError(
            _("No reduction or exemption of this procedure applies to: %(names)s.")
            % {"names": ", ".join(str(Beneficiary(c).label) for c in quote.refused_claims)}
        )
    if quote.total == 0:
        # Nothing priced: free, or an amount the catalogue does not hold (a resolution of the
        # provincial council); the desk's choice stands for the latter.
        if quote.unpriced:
            return quote, intake.fee_collection or quote.collection
        return quote, FeeCollection.NONE
    collection = intake.fee_collection or quote.collection
    if collection not in (FeeCollection.BEFORE, FeeCollection.AFTER):
        raise DossierError(
            _(
                "This dossier owes %(amount)s đồng in fees: choose paid at receipt or paid when "
                "the result is returned, or record the exemption that applies."
            )
            % {"amount": vnd_digits(quote.total)}
        )
    return quote, collection


def _new_dossier(
    intake: Intake,
    *,
    receiving: Agency,
    desk: OneStopDesk | None,
    at: datetime,
    actor: User | None,
    check_documents: bool,
) -> Dossier:
    day = timezone.localdate(at)
    if at > _now() + settings.MOTCUA_CLOCK_TOLERANCE:
        raise DossierError(_("The time of receipt cannot be in the future."))
    version = _version_for_intake(intake.version_id, day)
    applicant = _clean_applicant(intake.applicant, today=timezone.localdate())
    required = list(version.documents.all())
    handed = set(intake.document_ids)
    unknown = handed - {d.pk for d in required}
    if unknown:
        raise DossierError(_("A document ticked does not belong to this procedure."))
    if check_documents:
        missing = [
            d.name for d in required if not document_is_conditional(d) and d.pk not in handed
        ]
        if missing:
            raise DossierError(
                _(
                    "The dossier lacks mandatory components: %(names)s. Ask for them (supplement) "
                    "or refuse with a reason."
                )
                % {"names": "; ".join(missing)}
            )
    if intake.channel not in Channel.values:
        raise DossierError(_("Unknown channel."))
    if not 1 <= intake.copies <= 20:  # noqa: PLR2004 - a sane bound for sets of papers
        raise DossierError(_("The number of sets must be between 1 and 20."))
    deciding = _route(intake, version, receiving, day)
    quote, collection = _fees(intake, version, day)
    dossier = Dossier.objects.create(
        procedure_version=version,
        status=DossierStatus.DRAFT,
        channel=intake.channel,
        citizen=actor if actor is not None and actor.role == Role.CITIZEN else None,
        subject=intake.subject.strip() or version.name,
        copies=intake.copies,
        fee_collection=collection,
        fee_lines=quote.as_json(),
        fee_total=quote.total,
        fee_online_saving=quote.online_saving,
        fee_claims=sorted(intake.fee_claims),
        return_method=intake.return_method,
        population_data_used=intake.population_data_used,
        receiving_agency=receiving,
        receiving_desk=desk,
        deciding_agency=deciding,
        submitted_at=at,
        code=dossier_code_next(agency=receiving, day=day),
        **applicant,
    )
    DossierDocument.objects.bulk_create(
        DossierDocument(
            dossier=dossier,
            required_document=doc,
            position=doc.position,
            name=doc.name[:500],
            quantity=doc.quantity,
            copy_kind=doc.copy_kind,
        )
        for doc in required
        if doc.pk in handed
    )
    return dossier


def _start_clock(dossier: Dossier, *, at: datetime, actor: User | None) -> list[str]:
    """Valid receipt: the appointment and the first step (at the receiving desk)."""
    terms = _terms(dossier)
    due = due_at_for(
        get_calendar(),
        start=at,
        limit=terms.time_limit,
        unit=terms.time_unit,
        cutoff=terms.cutoff_time,
    )
    dossier.received_at = at
    dossier.received_by = actor
    dossier.due_at = due
    dossier.original_due_at = due
    name, role, budget = process_template(dossier)[0]
    _open_step(
        dossier,
        position=0,
        name=name,
        role=role,
        agency=_step_agency(dossier, role),
        budget=budget,
        at=at,
        handed_by=actor,
        assignee=actor,
    )
    return ["received_at", "received_by", "due_at", "original_due_at"]


def _desk_of(actor: User, desk_id: int | None) -> OneStopDesk:
    desks = desk_list_for_agencies(agency_ids=_agency_ids(actor, Role.DESK_OFFICER))
    desk = desks.filter(pk=desk_id).first() if desk_id else desks.first()
    if desk is None:
        raise DossierError(_("Only a one-stop desk officer can receive dossiers."))
    return desk


def dossier_receive_new(
    *,
    actor: User,
    intake: Intake,
    desk_id: int | None = None,
    received_at: datetime | None = None,
    request_key: str | None = None,
) -> Dossier:
    """At the desk (or from the post): enter a complete dossier and receive it in one go."""

    def apply() -> Dossier:
        if found := _existing(request_key):
            return found
        at = received_at or _now()
        desk = _desk_of(actor, desk_id)
        if intake.channel == Channel.ONLINE:
            raise DossierError(_("Online dossiers arrive through the portal, not the desk form."))
        dossier = _new_dossier(
            intake, receiving=desk.agency, desk=desk, at=at, actor=actor, check_documents=True
        )
        fields = _start_clock(dossier, at=at, actor=actor)
        _apply(
            dossier,
            Transition.RECEIVE,
            actor=actor,
            at=at,
            fields=fields,
            agency=desk.agency,
            request_key=request_key,
            payload={"channel": dossier.channel, "deciding_agency": dossier.deciding_agency_id},
        )
        return dossier

    return _idempotent(request_key, apply, lambda d: d)


def dossier_refuse_new(
    *,
    actor: User,
    intake: Intake,
    reason: str,
    details: str,
    desk_id: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """At the desk: record a dossier that cannot be received and issue the refusal (Mẫu 03)."""

    def apply() -> Dossier:
        if found := _existing(request_key):
            return found
        at = _now()
        desk = _desk_of(actor, desk_id)
        _check_reason(reason, details)
        dossier = _new_dossier(
            intake, receiving=desk.agency, desk=desk, at=at, actor=actor, check_documents=False
        )
        _refuse(
            dossier,
            actor=actor,
            at=at,
            stage=RefusalStage.RECEIPT,
            reason=reason,
            details=details,
            request_key=request_key,
            transition=Transition.REFUSE_RECEIPT,
        )
        return dossier

    return _idempotent(request_key, apply, lambda d: d)


def dossier_submit(
    *,
    actor: User | None,
    intake: Intake,
    receiving_agency_id: int,
    submitted_at: datetime | None = None,
    request_key: str | None = None,
    citizen: User | None = None,
) -> Dossier:
    """Online: the dossier waits as "submitted" in the receiving agency's desk queue.

    `citizen` is the applicant's account when someone else (a community helper) submits.
    """

    def apply() -> Dossier:
        if found := _existing(request_key):
            return found
        at = submitted_at or _now()
        receiving = agency_get(agency_id=receiving_agency_id, day=timezone.localdate(at))
        if receiving is None:
            raise DossierError(_("Choose the agency that should receive the dossier."))
        dossier = _new_dossier(
            intake,
            receiving=receiving,
            desk=receiving.desks.first(),
            at=at,
            actor=citizen or actor,  # the applicant's account, whoever submits
            check_documents=True,
        )
        _apply(
            dossier,
            Transition.SUBMIT,
            actor=actor,
            at=at,
            agency=receiving,
            request_key=request_key,
            payload={"channel": dossier.channel},
        )
        return dossier

    return _idempotent(request_key, apply, lambda d: d)


def _transition_service(
    dossier_id: int,
    revision: int | None,
    request_key: str | None,
    body: Callable[[Dossier], None],
) -> Dossier:
    """Lock, dedupe, check the revision, run `body` (which calls `_apply` once)."""

    def apply() -> Dossier:
        dossier = _locked(dossier_id, None)
        if found := _existing(request_key):
            return found
        if revision is not None and revision != dossier.revision:
            raise StaleDossierError
        body(dossier)
        return dossier

    return _idempotent(request_key, apply, lambda d: d)


def dossier_receive(
    *, actor: User, dossier_id: int, revision: int | None = None, request_key: str | None = None
) -> Dossier:
    """Receive an online (or resumed) submitted dossier: the clock starts now."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.RECEIVE)
        _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        if dossier_fees_outstanding_before_receipt(dossier):
            raise DossierError(
                _(
                    "The fees of this dossier are paid before receipt and %(amount)s đồng are "
                    "still unpaid: the applicant pays online, or record the payment at the desk."
                )
                % {"amount": vnd_digits(dossier.fee_total)}
            )
        at = _now()
        fields = _start_clock(dossier, at=at, actor=actor)
        _apply(
            dossier,
            Transition.RECEIVE,
            actor=actor,
            at=at,
            fields=fields,
            agency=dossier.receiving_agency,
            request_key=request_key,
        )

    return _transition_service(dossier_id, revision, request_key, body)


def _check_reason(reason: str, details: str) -> None:
    if reason not in RefusalReason.values:
        raise DossierError(_("Choose a reason from the list."))
    if not details.strip():
        raise DossierError(_("Explain the reason in words: the applicant will read it."))


def _refuse(
    dossier: Dossier,
    *,
    actor: User,
    at: datetime,
    stage: str,
    reason: str,
    details: str,
    request_key: str | None,
    transition: Transition,
    fields: Sequence[str] = (),
) -> None:
    Refusal.objects.create(
        dossier=dossier,
        stage=stage,
        reason=reason,
        details=details.strip(),
        refused_at=at,
        refused_by=actor,
    )
    dossier.closed_at = at
    _apply(
        dossier,
        transition,
        actor=actor,
        at=at,
        fields=[*fields, "closed_at"],
        agency=dossier.receiving_agency
        if stage == RefusalStage.RECEIPT
        else dossier.deciding_agency,
        note=details.strip(),
        payload={"reason": reason},
        request_key=request_key,
    )


def dossier_refuse_receipt(
    *,
    actor: User,
    dossier_id: int,
    reason: str,
    details: str,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.REFUSE_RECEIPT)
        _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        _check_reason(reason, details)
        _refuse(
            dossier,
            actor=actor,
            at=_now(),
            stage=RefusalStage.RECEIPT,
            reason=reason,
            details=details,
            request_key=request_key,
            transition=Transition.REFUSE_RECEIPT,
        )

    return _transition_service(dossier_id, revision, request_key, body)


# --- processing ----------------------------------------------------------------------------


def dossier_forward(
    *,
    actor: User,
    dossier_id: int,
    note: str = "",
    to_position: int | None = None,
    assignee_id: int | None = None,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Hand the dossier to the next step of its template (or back to an earlier one)."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.FORWARD)
        step = _current_step(dossier)
        if step is None or not _holds(actor, step):
            raise DossierError(_("This dossier is not at your step."))
        template = process_template(dossier)
        target = step.position + 1 if to_position is None else to_position
        # The leader approves and the desk returns: forwarding stops before the last step.
        if not 0 <= target < len(template) - 1 or target == step.position:
            raise DossierError(_("There is no such step to hand the dossier to."))
        name, role, budget = template[target]
        if role == Role.DESK_OFFICER and target == 0:
            agency = dossier.receiving_agency
        else:
            agency = _step_agency(dossier, role)
        assignee = _assignee(assignee_id, agency, role)
        at = _now()
        sent_back = target < step.position
        _close_step(
            step,
            actor=actor,
            at=at,
            result=StepResult.SENT_BACK if sent_back else StepResult.FORWARDED,
        )
        new = _open_step(
            dossier,
            position=target,
            name=name,
            role=role,
            agency=agency,
            budget=budget,
            at=at,
            handed_by=actor,
            assignee=assignee,
        )
        _apply(
            dossier,
            Transition.FORWARD,
            actor=actor,
            at=at,
            agency=step.agency,
            note=note,
            request_key=request_key,
            payload={
                "from_step": step.position,
                "to_step": target,
                "step": new.pk,
                "sent_back": sent_back,
                "assignee": assignee_id,
            },
        )

    return _transition_service(dossier_id, revision, request_key, body)


def _assignee(assignee_id: int | None, agency: Agency, role: str) -> User | None:
    if assignee_id is None:
        return None
    membership = (
        membership_list_for_agency(agency=agency).filter(user_id=assignee_id, role=role).first()
    )
    if membership is None:
        raise DossierError(_("The officer chosen does not hold that role in that agency."))
    return membership.user


def dossier_assign(
    *,
    actor: User,
    dossier_id: int,
    assignee_id: int,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """A leader (or the step's holder) gives the current step to a named officer."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.ASSIGN)
        step = _current_step(dossier)
        if step is None:
            raise DossierError(_("This dossier has no open step."))
        if not (_holds(actor, step) or step.agency_id in _agency_ids(actor, Role.LEADER)):
            raise DossierError(_("Only the holder of the step or a leader can assign it."))
        step.assignee = _assignee(assignee_id, step.agency, step.role)
        step.save(update_fields=["assignee"])
        _apply(
            dossier,
            Transition.ASSIGN,
            actor=actor,
            at=_now(),
            agency=step.agency,
            request_key=request_key,
            payload={"step": step.pk, "assignee": assignee_id},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_request_opinion(
    *,
    actor: User,
    dossier_id: int,
    agency_id: int,
    question: str,
    budget_hours: Decimal = Decimal(8),
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Ask another unit for its opinion; the dossier stays at the current step meanwhile."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.REQUEST_OPINION)
        step = _current_step(dossier)
        if step is None or not _holds(actor, step):
            raise DossierError(_("This dossier is not at your step."))
        other = agency_get(agency_id=agency_id, day=timezone.localdate())
        if other is None or other.pk == step.agency_id:
            raise DossierError(_("Choose another unit to ask."))
        if not question.strip():
            raise DossierError(_("Write the question for the other unit."))
        if not Decimal(0) < budget_hours <= Decimal(200):
            raise DossierError(_("The time for the answer must be between 1 and 200 hours."))
        at = _now()
        opinion = _open_step(
            dossier,
            position=step.position,
            name=question.strip()[:300],
            role=Role.SPECIALIST,
            agency=other,
            budget=budget_hours,
            at=at,
            handed_by=actor,
            kind=StepKind.OPINION,
        )
        _apply(
            dossier,
            Transition.REQUEST_OPINION,
            actor=actor,
            at=at,
            agency=step.agency,
            note=question.strip(),
            request_key=request_key,
            payload={"step": opinion.pk, "to_agency": other.pk},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_give_opinion(
    *,
    actor: User,
    step_id: int,
    answer: str,
    request_key: str | None = None,
) -> Dossier:
    step = ProcessingStep.objects.filter(pk=step_id, kind=StepKind.OPINION).first()
    if step is None:
        raise DossierError(_("This opinion request does not exist."))

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.GIVE_OPINION)
        locked = ProcessingStep.objects.select_for_update().get(pk=step_id)
        if locked.completed_at is not None:
            raise DossierError(_("This opinion was already given."))
        if locked.agency_id not in _agency_ids(actor, Role.SPECIALIST) | _agency_ids(
            actor, Role.LEADER
        ):
            raise DossierError(_("Only the unit that was asked can answer."))
        if not answer.strip():
            raise DossierError(_("Write the opinion."))
        at = _now()
        locked.note = answer.strip()
        locked.save(update_fields=["note"])
        _close_step(locked, actor=actor, at=at, result=StepResult.ANSWERED)
        _apply(
            dossier,
            Transition.GIVE_OPINION,
            actor=actor,
            at=at,
            agency=locked.agency,
            note=answer.strip(),
            request_key=request_key,
            payload={"step": locked.pk},
        )

    return _transition_service(step.dossier_id, None, request_key, body)


# --- pauses ---------------------------------------------------------------------------------


def _pause(dossier: Dossier, at: datetime) -> list[str]:
    if dossier.due_at is None:
        return []  # before receipt the clock has not started
    dossier.paused_at = at
    return ["paused_at"]


def _resume(dossier: Dossier, at: datetime, rule: str) -> list[str]:
    if dossier.paused_at is None or dossier.due_at is None:
        return []
    terms = _terms(dossier)
    dossier.due_at = resumed_due_at(
        get_calendar(),
        due_at=dossier.due_at,
        paused_at=dossier.paused_at,
        resumed_at=at,
        unit=terms.time_unit,
        rule=rule,
        limit=terms.time_limit,
        cutoff=terms.cutoff_time,
    )
    dossier.paused_at = None
    return ["due_at", "paused_at"]


def dossier_request_supplement(
    *,
    actor: User,
    dossier_id: int,
    reasons: Sequence[tuple[str, str]],
    note: str = "",
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Mẫu 02: list each missing or faulty component with its reason; the clock pauses."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.REQUEST_SUPPLEMENT)
        if dossier.status == DossierStatus.SUBMITTED:
            _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        else:
            _require_role(actor, dossier.deciding_agency_id, Role.SPECIALIST, Role.LEADER)
        clean = [{"document": d.strip(), "reason": r.strip()} for d, r in reasons if d.strip()]
        if not clean or any(not item["reason"] for item in clean):
            raise DossierError(_("Name each missing component and say what is wrong with it."))
        _refuse_asking_again_for_reused(dossier, [item["document"] for item in clean])
        at = _now()
        ordinal = dossier.supplement_count + 1
        SupplementRequest.objects.create(
            dossier=dossier,
            ordinal=ordinal,
            reasons=clean,
            note=note.strip(),
            status_before=dossier.status,
            requested_at=at,
            requested_by=actor,
            due_at_before=dossier.due_at,
        )
        dossier.supplement_count = ordinal
        fields = ["supplement_count", *_pause(dossier, at)]
        _apply(
            dossier,
            Transition.REQUEST_SUPPLEMENT,
            actor=actor,
            at=at,
            fields=fields,
            agency=_acting_agency(dossier),
            note=note.strip(),
            request_key=request_key,
            payload={"ordinal": ordinal, "repeat": ordinal > 1, "reasons": clean},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def _refuse_asking_again_for_reused(dossier: Dossier, names: list[str]) -> None:
    """A component the applicant provided by reuse cannot be asked for again (issue 6)."""
    reused = [fold(d.name) for d in dossier.documents.filter(reused_from__isnull=False)]
    again = [n for n in names if any(fold(n) in r or r in fold(n) for r in reused if fold(n))]
    if again:
        raise DossierError(
            _(
                "%(names)s was provided from the applicant's earlier dossier (reuse); it "
                "cannot be asked for again."
            )
            % {"names": "; ".join(again)}
        )


def _acting_agency(dossier: Dossier) -> Agency:
    if dossier.status in (DossierStatus.SUBMITTED, DossierStatus.DRAFT):
        return dossier.receiving_agency
    return dossier.deciding_agency


def dossier_submit_supplement(
    *,
    actor: User | None,
    dossier_id: int,
    note: str = "",
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """The complete supplement arrived (at the desk or online): resume where it paused."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.SUBMIT_SUPPLEMENT)
        if actor is not None and actor.role != Role.CITIZEN:
            _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        elif actor is not None and dossier.citizen_id != actor.pk:
            raise DossierError(_("Only the applicant can add to their dossier."))
        request = dossier.supplements.order_by("-ordinal").first()
        assert request is not None
        at = _now()
        rule = settings.MOTCUA_SUPPLEMENT_CLOCK
        fields = _resume(dossier, at, rule)
        request.resumed_at, request.resumed_by = at, actor
        request.clock_rule, request.due_at_after = rule, dossier.due_at
        request.save(update_fields=["resumed_at", "resumed_by", "clock_rule", "due_at_after"])
        _apply(
            dossier,
            Transition.SUBMIT_SUPPLEMENT,
            actor=actor,
            at=at,
            fields=fields,
            agency=dossier.receiving_agency,
            note=note.strip(),
            request_key=request_key,
            resume=DossierStatus(request.status_before),
            payload={
                "ordinal": request.ordinal,
                "clock": rule,
                "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
            },
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_request_financial_obligation(
    *,
    actor: User,
    dossier_id: int,
    amount: int | None,
    note: str = "",
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Status 6: the applicant owes taxes or levies (land); the clock pauses until paid."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.REQUEST_FINANCIAL_OBLIGATION)
        _require_role(actor, dossier.deciding_agency_id, Role.SPECIALIST, Role.LEADER)
        if amount is not None and amount <= 0:
            raise DossierError(_("The amount owed must be positive."))
        at = _now()
        fields = _pause(dossier, at)
        _apply(
            dossier,
            Transition.REQUEST_FINANCIAL_OBLIGATION,
            actor=actor,
            at=at,
            fields=fields,
            agency=dossier.deciding_agency,
            note=note.strip(),
            request_key=request_key,
            payload={"amount": amount},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_fulfil_financial_obligation(
    *,
    dossier_id: int,
    reference: str,
    actor: User | None = None,
    request_key: str | None = None,
    online: bool = False,
    amount: int | None = None,
) -> Dossier:
    """The hook the payment feature calls when the obligation is paid (clock resumes).

    Payment callbacks repeat: the payment reference is the request key unless one is given.
    """
    request_key = request_key or f"paid:{reference}"

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.FULFIL_FINANCIAL_OBLIGATION)
        at = _now()
        fields = _resume(dossier, at, SupplementClock.PAUSE)
        _apply(
            dossier,
            Transition.FULFIL_FINANCIAL_OBLIGATION,
            actor=actor,
            at=at,
            fields=fields,
            agency=dossier.deciding_agency,
            request_key=request_key,
            resume=DossierStatus.PROCESSING,
            payload={"reference": reference, "online": online, "amount": amount},
        )

    return _transition_service(dossier_id, None, request_key, body)


def dossier_fees_outstanding_before_receipt(dossier: Dossier) -> bool:
    """ "Thu trước" for a dossier sent online: the desk receives it once the fees are paid."""
    return (
        dossier.fee_collection == FeeCollection.BEFORE
        and dossier.fee_total > 0
        and dossier.fees_paid_at is None
    )


def dossier_pay_fees(
    *,
    dossier_id: int,
    reference: str,
    amount: int,
    online: bool,
    method: str,
    actor: User | None = None,
    request_key: str | None = None,
) -> Dossier:
    """The hook the payment feature calls once a payment of the dossier's fees is verified
    (a confirmed online payment, or cash or a transfer recorded by the desk). The status does not
    change; an online dossier paid "before receipt" can now be received. The payment reference is
    the request key, so a repeated confirmation is applied once."""
    request_key = request_key or f"fees:{reference}"

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.PAY_FEES)
        if dossier.fees_paid_at is not None:
            raise DossierError(_("The fees of this dossier are already paid."))
        if amount != dossier.fee_total or amount <= 0:
            raise DossierError(
                _("The amount paid (%(paid)s) is not the amount due (%(due)s).")
                % {"paid": amount, "due": dossier.fee_total}
            )
        at = _now()
        dossier.fees_paid_at = at
        _apply(
            dossier,
            Transition.PAY_FEES,
            actor=actor,
            at=at,
            fields=["fees_paid_at"],
            agency=dossier.receiving_agency,
            request_key=request_key,
            payload={"reference": reference, "amount": amount, "online": online, "method": method},
        )

    return _transition_service(dossier_id, None, request_key, body)


# --- lateness --------------------------------------------------------------------------------


def apology_draft(
    *,
    actor: User,
    dossier_id: int,
    reason: str,
    new_due_at: datetime,
) -> ApologyLetter:
    """Mẫu 04 drafted by the unit that holds the dossier; the leader approves it."""
    with transaction.atomic():
        dossier = _locked(dossier_id, None)
        _check_allowed(dossier, Transition.EXTEND_DEADLINE)
        step = _current_step(dossier)
        agency_id = step.agency_id if step else dossier.deciding_agency_id
        _require_role(actor, agency_id, Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER)
        if not reason.strip():
            raise DossierError(_("Say why the dossier will be late."))
        if dossier.due_at is None or new_due_at <= dossier.due_at:
            raise DossierError(_("The new appointment must be after the current one."))
        return ApologyLetter.objects.create(
            dossier=dossier,
            responsible_agency_id=agency_id,
            reason=reason.strip(),
            due_at_before=dossier.due_at,
            new_due_at=new_due_at,
            drafted_by=actor,
        )


def apology_approve(
    *, actor: User, apology_id: int, request_key: str | None = None
) -> ApologyLetter:
    """The leader approves before the due date; the new appointment is recorded."""
    letter = ApologyLetter.objects.filter(pk=apology_id).first()
    if letter is None:
        raise DossierError(_("This apology letter does not exist."))

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.EXTEND_DEADLINE)
        locked = ApologyLetter.objects.select_for_update().get(pk=apology_id)
        if locked.status != ApologyStatus.DRAFT:
            raise DossierError(_("This letter was already approved or withdrawn."))
        _require_role(actor, locked.responsible_agency_id, Role.LEADER)
        at = _now()
        assert dossier.due_at is not None
        calendar = get_calendar()
        latest = calendar.shift_working_days(
            dossier.due_at.astimezone(calendar.tz).date(),
            -settings.MOTCUA_APOLOGY_LEAD_WORKING_DAYS,
        )
        if timezone.localdate(at) > latest or at >= dossier.due_at:
            raise DossierError(
                _(
                    "An apology must be approved before the due date (at the latest on %(day)s); "
                    "it is too late: explain the lateness instead."
                )
                % {"day": latest.strftime("%d/%m/%Y")}
            )
        locked.status, locked.approved_by, locked.approved_at = ApologyStatus.APPROVED, actor, at
        locked.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        before = dossier.due_at
        dossier.due_at = locked.new_due_at
        dossier.extension_count += 1
        _apply(
            dossier,
            Transition.EXTEND_DEADLINE,
            actor=actor,
            at=at,
            fields=["due_at", "extension_count"],
            agency=locked.responsible_agency,
            note=locked.reason,
            request_key=request_key,
            payload={
                "apology": locked.pk,
                "from": before.isoformat(),
                "to": locked.new_due_at.isoformat(),
            },
        )

    _transition_service(letter.dossier_id, None, request_key, body)
    letter.refresh_from_db()
    return letter


def explanation_record(*, actor: User, dossier_id: int, text: str) -> LatenessExplanation:
    """The head of a unit explains a late dossier (giải trình)."""
    with transaction.atomic():
        dossier = _locked(dossier_id, None)
        late = dossier.due_at is not None and ((dossier.resolved_at or _now()) > dossier.due_at)
        if not late:
            raise DossierError(_("Only a late dossier needs an explanation."))
        agencies = _agency_ids(actor, Role.LEADER)
        agency_id = next(
            (a for a in (dossier.deciding_agency_id, dossier.receiving_agency_id) if a in agencies),
            None,
        )
        if agency_id is None:
            raise DossierError(_("Only the head of a unit in charge can explain the lateness."))
        if not text.strip():
            raise DossierError(_("Write the explanation."))
        return LatenessExplanation.objects.create(
            dossier=dossier, agency_id=agency_id, text=text.strip(), explained_by=actor
        )


# --- ending ----------------------------------------------------------------------------------


def dossier_withdraw(
    *,
    actor: User,
    dossier_id: int,
    reason: str,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """The applicant asked to withdraw (in writing at the desk, or online by themselves)."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.WITHDRAW)
        if actor.role == Role.CITIZEN:
            if dossier.citizen_id != actor.pk:
                raise DossierError(_("Only the applicant can withdraw their dossier."))
        else:
            _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        if not reason.strip():
            raise DossierError(_("Record the applicant's reason for withdrawing."))
        at = _now()
        dossier.closed_at = at
        _close_open_steps(dossier, actor, at)
        _apply(
            dossier,
            Transition.WITHDRAW,
            actor=actor,
            at=at,
            fields=["closed_at"],
            agency=dossier.receiving_agency,
            note=reason.strip(),
            request_key=request_key,
        )

    return _transition_service(dossier_id, revision, request_key, body)


def _close_open_steps(dossier: Dossier, actor: User | None, at: datetime) -> None:
    ProcessingStep.objects.filter(dossier=dossier, completed_at__isnull=True).update(
        completed_at=at, completed_by=actor, result=StepResult.CLOSED
    )


def dossier_stop(
    *,
    actor: User,
    dossier_id: int,
    reason: str,
    details: str,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Dừng xử lý, with a notice (Mẫu 05 of TT 03/2025), decided by the deciding agency's leader."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.STOP)
        _require_role(actor, dossier.deciding_agency_id, Role.LEADER)
        _check_reason(reason, details)
        at = _now()
        _close_open_steps(dossier, actor, at)
        _refuse(
            dossier,
            actor=actor,
            at=at,
            stage=RefusalStage.RESOLUTION,
            reason=reason,
            details=details,
            request_key=request_key,
            transition=Transition.STOP,
            fields=["paused_at"] if dossier.paused_at else (),
        )

    return _transition_service(dossier_id, revision, request_key, body)


def _leader_step(dossier: Dossier, actor: User) -> ProcessingStep:
    step = _current_step(dossier)
    if step is None or step.role != Role.LEADER or not _holds(actor, step):
        raise DossierError(_("Only the leader holding this dossier can decide it."))
    return step


def _resolve(dossier: Dossier, *, actor: User, at: datetime, step: ProcessingStep) -> list[str]:
    _close_step(step, actor=actor, at=at, result=StepResult.FORWARDED)
    template = process_template(dossier)
    name, role, budget = template[-1]
    _open_step(
        dossier,
        position=len(template) - 1,
        name=name,
        role=role,
        agency=dossier.receiving_agency,
        budget=budget,
        at=at,
        handed_by=actor,
    )
    dossier.resolved_at = at
    return ["resolved_at", "outcome"]


def dossier_approve(
    *,
    actor: User,
    dossier_id: int,
    form: str = ResultForm.PAPER,
    document_number: str = "",
    summary: str = "",
    file: File[Any] | None = None,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """The leader approves and signs; the result goes to the receiving desk for return."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.APPROVE)
        step = _leader_step(dossier, actor)
        if form not in ResultForm.values:
            raise DossierError(_("Choose the form of the result."))
        if form in (ResultForm.ELECTRONIC, ResultForm.BOTH) and file is None:
            raise DossierError(_("Attach the electronic result file."))
        at = _now()
        Result.objects.create(
            dossier=dossier,
            outcome=Outcome.GRANTED,
            form=form,
            document_number=document_number.strip(),
            summary=summary.strip(),
            file=file or "",
            approved_by=actor,
            approved_at=at,
        )
        dossier.outcome = Outcome.GRANTED
        fields = _resolve(dossier, actor=actor, at=at, step=step)
        _apply(
            dossier,
            Transition.APPROVE,
            actor=actor,
            at=at,
            fields=fields,
            agency=dossier.deciding_agency,
            request_key=request_key,
            payload={"form": form, "document_number": document_number.strip()},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_reject(
    *,
    actor: User,
    dossier_id: int,
    reason: str,
    details: str,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """Refusal of the request after examination: written reasons the applicant reads."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.REJECT)
        step = _leader_step(dossier, actor)
        _check_reason(reason, details)
        at = _now()
        Refusal.objects.create(
            dossier=dossier,
            stage=RefusalStage.RESOLUTION,
            reason=reason,
            details=details.strip(),
            refused_at=at,
            refused_by=actor,
        )
        Result.objects.create(
            dossier=dossier,
            outcome=Outcome.REFUSED,
            form=ResultForm.PAPER,
            summary=details.strip(),
            approved_by=actor,
            approved_at=at,
        )
        dossier.outcome = Outcome.REFUSED
        fields = _resolve(dossier, actor=actor, at=at, step=step)
        _apply(
            dossier,
            Transition.REJECT,
            actor=actor,
            at=at,
            fields=fields,
            agency=dossier.deciding_agency,
            note=details.strip(),
            request_key=request_key,
            payload={"reason": reason},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_return_result(
    *,
    actor: User,
    dossier_id: int,
    method: str,
    received_by_name: str,
    revision: int | None = None,
    request_key: str | None = None,
) -> Dossier:
    """The desk hands the result over: at the desk, by post or online; who received it."""

    def body(dossier: Dossier) -> None:
        _check_allowed(dossier, Transition.RETURN_RESULT)
        _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        if method not in ReturnMethod.values:
            raise DossierError(_("Choose how the result was returned."))
        if method != ReturnMethod.ONLINE and not received_by_name.strip():
            raise DossierError(_("Write the name of the person who received the result."))
        at = _now()
        result = Result.objects.select_for_update().get(dossier=dossier)
        result.returned_at, result.return_method, result.returned_by = at, method, actor
        result.received_by_name = received_by_name.strip()
        result.save(
            update_fields=[
                "returned_at",
                "return_method",
                "returned_by",
                "received_by_name",
                "updated_at",
            ]
        )
        dossier.returned_at = at
        dossier.closed_at = at
        _close_open_steps(dossier, actor, at)
        _apply(
            dossier,
            Transition.RETURN_RESULT,
            actor=actor,
            at=at,
            fields=["returned_at", "closed_at"],
            agency=dossier.receiving_agency,
            request_key=request_key,
            payload={"method": method, "received_by": received_by_name.strip()},
        )

    return _transition_service(dossier_id, revision, request_key, body)


def dossier_access_record(*, user: User, dossier: Dossier, what: str) -> None:
    """Log an officer's look at a dossier with personal data (the citizen can see the log)."""
    DossierAccess.objects.create(dossier=dossier, user=user, at=_now(), what=what)


# --- demo data -------------------------------------------------------------------------------

DEMO_PROCEDURE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân
_DEMO_APPLICANTS = (
    ("Nguyễn Thị Hoa", "070190001234", "0912345678"),
    ("Điểu Văn Khánh", "070088004321", "0987654321"),
    ("Thị Ngọc Lan", "070195007777", "0354123456"),
    ("Lê Văn Tâm", "075085002468", "0708246810"),
    ("Trần Thị Mai", "070201001357", "0399135790"),
)


def dossier_seed_demo() -> int:
    """A few dossiers at the demo desk, at every stage, so the queues are not empty.

    Runs through the services (as the demo officers) and only when the desk has none yet.
    Received on recent working days, so some are due today, some overdue.
    """
    from motcua.accounts.selectors import user_get_by_username
    from motcua.catalog.selectors import version_get_current
    from motcua.dossiers.selectors import document_is_conditional, dossier_list_visible

    desk = user_get_by_username(username="motcua")
    specialist = user_get_by_username(username="chuyenvien")
    leader = user_get_by_username(username="lanhdao")
    version = version_get_current(code=DEMO_PROCEDURE)
    if None in (desk, specialist, leader, version):
        return 0
    assert desk and specialist and leader and version
    if dossier_list_visible(user=desk).exists():
        return 0
    calendar = get_calendar()
    today = timezone.localdate()
    documents = [d.pk for d in version.documents.all() if not document_is_conditional(d)]
    created = []
    for back, (name, id_number, phone) in zip((6, 4, 3, 2, 1), _DEMO_APPLICANTS, strict=True):
        day = calendar.shift_working_days(today, -back)
        intake = Intake(
            version_id=version.pk,
            channel=Channel.IN_PERSON,
            applicant=ApplicantData(name=name, id_number=id_number, phone=phone),
            document_ids=documents,
        )
        at = calendar.opening(day).replace(hour=9)
        created.append(dossier_receive_new(actor=desk, intake=intake, received_at=at))
    oldest, second, third, fourth, _fifth = created
    for dossier in (oldest, second, third, fourth):
        dossier_forward(actor=desk, dossier_id=dossier.pk)
    for dossier in (second, third):
        dossier_forward(actor=specialist, dossier_id=dossier.pk)
    dossier_approve(actor=leader, dossier_id=third.pk, document_number="01/XN-UBND")
    return len(created)


# --- Online submission: drafts, uploads, submit (issue 6) --------------------------------------


def _draft_locked(draft_id: int, citizen: User) -> OnlineDraft:
    draft = (
        OnlineDraft.objects.select_for_update(of=("self",))  # not the procedure version's row
        .select_related("version")
        .filter(pk=draft_id, citizen=citizen)
        .first()
    )
    if draft is None:
        raise DossierError(_("This draft does not exist."))
    return draft


def dossier_document_digitise(
    *,
    actor: User,
    dossier_id: int,
    document_id: int,
    content: File[Any],
    display_name: str = "",
    from_national_store: bool = False,
) -> DossierDocument:
    """Số hóa: a received dossier's component gets its scan (one PDF), by an officer of the
    desk that received it; a new scan replaces the previous one (both are on the audit log)."""
    from motcua.core.audit import audit_event_append

    with transaction.atomic():
        dossier = _locked(dossier_id, None)
        _require_role(actor, dossier.receiving_agency_id, Role.DESK_OFFICER)
        if dossier.received_at is None:
            raise DossierError(_("Only a received dossier is digitised."))
        document = (
            DossierDocument.objects.select_for_update()
            .filter(pk=document_id, dossier=dossier)
            .first()
        )
        if document is None:
            raise DossierError(_("This component is not part of the dossier."))
        replaced = document.file.name or ""
        document.file.save(f"{uuid.uuid4().hex}.pdf", content, save=False)
        document.file_name = (display_name or f"{document.name[:100]}.pdf")[:120]
        document.digitised_at = _now()
        document.digitised_by = actor
        document.from_national_store = from_national_store
        document.save(
            update_fields=[
                "file", "file_name", "digitised_at", "digitised_by", "from_national_store",
            ]
        )  # fmt: skip
        dossier_sync_queue(dossier)  # the digitisation flags reach the national portal
        audit_event_append(
            action="dossier.document_digitised",
            actor_id=actor.pk,
            object_type="dossier",
            object_id=dossier.pk,
            payload={"document": document.pk, "replaced": replaced},
        )
    return document


def dossier_sync_resend(*, actor: User, dossier_id: int) -> None:
    """Send the dossier to the national portal again: its present state queued afresh (after the
    data that made the portal or our check refuse it was corrected), superseding its stopped
    messages. For officers of the receiving or deciding agency, or the province's accounts.

    On commit: nothing; the sender's next run takes the message. Audited.
    """
    from motcua.core.audit import audit_event_append

    with transaction.atomic():
        dossier = _locked(dossier_id, None)
        involved = {dossier.receiving_agency_id, dossier.deciding_agency_id}
        if actor.role not in PROVINCE_WIDE_ROLES and not involved & _agency_ids(actor):
            raise DossierError(_("Only an officer of the agency in charge can do this."))
        # The present state, whole: it supersedes every stopped message of the dossier.
        dossier_sync_queue(dossier)
        audit_event_append(
            action="dossier.sync_resent", actor_id=actor.pk, object_type="dossier",
            object_id=dossier.pk, payload={},
        )  # fmt: skip


def _helper_check(helper: User | None, citizen: User, action: str, draft_id: int | None) -> None:
    """A helper acts only with the citizen's consent in force; every act goes on the record."""
    from motcua.accounts.selectors import helper_may_act_for
    from motcua.core.audit import audit_event_append

    if helper is None:
        return
    if not helper_may_act_for(helper=helper, citizen=citizen):
        raise DossierError(_("The citizen's consent is missing or has expired; ask for it again."))
    audit_event_append(
        action=f"helper.{action}",
        actor_id=helper.pk,
        object_type="draft",
        object_id=draft_id or "",
        payload={"citizen": citizen.pk},
    )


def draft_start(*, citizen: User, version_id: int, helper: User | None = None) -> OnlineDraft:
    """The citizen's open draft for this procedure version, or a new one (with the helper who
    prepares it, if any)."""
    _helper_check(helper, citizen, "draft_started", None)
    version = _version_for_intake(version_id, timezone.localdate())
    if version.service_level not in ONLINE_LEVELS:
        raise DossierError(_("This procedure cannot be submitted online; see where to go."))
    with transaction.atomic():
        existing = (
            OnlineDraft.objects.select_for_update()
            .filter(citizen=citizen, version=version, submitted_dossier__isnull=True)
            .first()
        )
        if existing is not None:
            return existing
        return OnlineDraft.objects.create(
            citizen=citizen, version=version, answers={}, helper=helper
        )


def draft_save_answers(
    *,
    citizen: User,
    draft_id: int,
    revision: int,
    answers: dict[str, Any],
    helper: User | None = None,
) -> OnlineDraft:
    """Merge the answers of one page; a draft changed meanwhile (another tab) is refused."""
    _helper_check(helper, citizen, "answers_saved", draft_id)
    with transaction.atomic():
        draft = _draft_locked(draft_id, citizen)
        if draft.submitted_dossier_id:
            raise DossierError(_("This draft was already submitted."))
        if draft.revision != revision:
            raise DossierError(
                _("This draft was changed in another tab or device. Reload to see the latest.")
            )
        draft.answers = {**draft.answers, **answers}
        draft.revision += 1
        draft.save(update_fields=["answers", "revision", "updated_at"])
        return draft


def draft_attach(
    *,
    citizen: User,
    draft_id: int,
    required_document_id: int,
    upload: File[bytes],
    helper: User | None = None,
) -> DraftFile:
    """Store one file for one component, type checked from its content."""
    _helper_check(helper, citizen, "file_attached", draft_id)
    from django.core.files.storage import default_storage

    from motcua.core.uploads import UploadRejectedError, upload_check

    with transaction.atomic():
        draft = _draft_open_for(draft_id, citizen, required_document_id)
        if draft.files.count() >= settings.MOTCUA_DRAFT_MAX_FILES:
            raise DossierError(
                _("At most %(n)s files in one dossier: remove one first.")
                % {"n": settings.MOTCUA_DRAFT_MAX_FILES}
            )
        try:
            checked = upload_check(upload, name=upload.name or "", size=upload.size or 0)
            stored = checked.store(upload, f"drafts/{draft.pk}")
        except UploadRejectedError as error:
            raise DossierError(str(error)) from error
        try:
            return DraftFile.objects.create(
                draft=draft,
                required_document_id=required_document_id,
                file=stored,
                file_name=checked.display_name,
                content_type=checked.content_type,
                size=checked.size,
            )
        except Exception:
            default_storage.delete(stored)  # nothing half written
            raise


def _draft_open_for(draft_id: int, citizen: User, required_document_id: int) -> OnlineDraft:
    """The citizen's draft, locked, still open, and asking for this component."""
    draft = _draft_locked(draft_id, citizen)
    if draft.submitted_dossier_id:
        raise DossierError(_("This draft was already submitted."))
    if not draft.version.documents.filter(pk=required_document_id).exists():
        raise DossierError(_("This component does not belong to the procedure."))
    return draft


def draft_reuse(
    *,
    citizen: User,
    draft_id: int,
    required_document_id: int,
    document_id: int,
    helper: User | None = None,
) -> DraftFile:
    """Use a document the citizen already gave in an earlier dossier instead of sending it
    again (tái sử dụng); the dossier records the reuse."""
    from motcua.dossiers.selectors import citizen_documents

    _helper_check(helper, citizen, "document_reused", draft_id)
    with transaction.atomic():
        draft = _draft_open_for(draft_id, citizen, required_document_id)
        source = citizen_documents(citizen=citizen).filter(pk=document_id).first()
        if source is None:
            raise DossierError(_("This document is not among your documents."))
        return DraftFile.objects.create(
            draft=draft,
            required_document_id=required_document_id,
            file=source.file.name,  # the same stored file: nothing is copied or re-sent
            file_name=source.file_name or source.name[:120],
            content_type="",
            size=source.file.size if source.file.storage.exists(source.file.name) else 0,
            reused_from=source,
        )


def draft_reuse_result(
    *,
    citizen: User,
    draft_id: int,
    required_document_id: int,
    result_dossier_id: int,
    helper: User | None = None,
) -> DraftFile:
    """Use an electronic result issued to this person earlier instead of a paper (tái sử dụng
    kết quả, DuocTaiSuDung = 2): the result must be granted, have its file, and have been
    issued to the citizen's identification number."""
    from motcua.dossiers.selectors import id_number_confirmed_for, result_document_code

    _helper_check(helper, citizen, "result_reused", draft_id)
    with transaction.atomic():
        draft = _draft_open_for(draft_id, citizen, required_document_id)
        source = (
            Result.objects.select_related("dossier")
            .filter(dossier_id=result_dossier_id, outcome=Outcome.GRANTED)
            .exclude(file="")
            .first()
        )
        if (
            source is None
            or not citizen.id_number
            or source.dossier.applicant_id_number != citizen.id_number
            or not id_number_confirmed_for(user=citizen)  # a typed number proves nothing
        ):
            raise DossierError(_("This result is not among your documents."))
        return DraftFile.objects.create(
            draft=draft,
            required_document_id=required_document_id,
            file=source.file.name,  # the result's own file: nothing is copied
            file_name=f"{result_document_code(source.dossier)}.pdf",
            content_type="application/pdf",
            size=source.file.size if source.file.storage.exists(source.file.name) else 0,
            reused_result_code=result_document_code(source.dossier),
        )


def draft_detach(*, citizen: User, draft_id: int, file_id: int, helper: User | None = None) -> None:
    _helper_check(helper, citizen, "file_removed", draft_id)
    from django.core.files.storage import default_storage

    with transaction.atomic():
        draft = _draft_locked(draft_id, citizen)
        stored = draft.files.filter(pk=file_id).first()
        if stored is None or draft.submitted_dossier_id:
            return
        name = stored.file.name
        reused = stored.reused_from_id is not None or bool(stored.reused_result_code)
        stored.delete()
        if not reused:  # a reused file still belongs to the earlier dossier
            transaction.on_commit(partial(default_storage.delete, name))


def draft_missing(draft: OnlineDraft) -> tuple[dict[str, str], list[str]]:
    """What stops the submission: answer errors by field, and components without a file."""
    from motcua.catalog.selectors import eform_for_version
    from motcua.dossiers.selectors import document_is_conditional, unit_ids_valid

    eform = eform_for_version(version=draft.version)
    _clean, errors = eform_clean(
        eform, draft.answers, today=timezone.localdate(), units=unit_ids_valid()
    )
    attached = set(draft.files.values_list("required_document_id", flat=True))
    missing = [
        d.name
        for d in draft.version.documents.all()
        if not document_is_conditional(d)
        and d.copy_kind != CopyKind.PRESENTED
        and d.pk not in attached
    ]
    return errors, missing


def draft_submit(
    *,
    citizen: User,
    draft_id: int,
    revision: int,
    request_key: str | None = None,
    helper: User | None = None,
    fee_claims: Collection[str] = (),
) -> Dossier:
    """Submit once: the dossier waits in the competent desk's "submitted online" queue. With a
    helper, the helper is the actor on the record and the citizen stays the applicant.
    `fee_claims`: the reductions or exemptions the citizen claims (the desk checks the papers)."""
    _helper_check(helper, citizen, "draft_submitted", draft_id)
    from django.core.files.base import ContentFile

    from motcua.catalog.selectors import eform_for_version
    from motcua.dossiers.selectors import unit_ids_valid

    with transaction.atomic():
        draft = _draft_locked(draft_id, citizen)
        if draft.submitted_dossier_id:
            assert draft.submitted_dossier is not None
            return draft.submitted_dossier  # a replayed submission
        if draft.revision != revision:
            raise DossierError(
                _("This draft was changed in another tab or device. Reload to see the latest.")
            )
        errors, missing = draft_missing(draft)
        if errors or missing:
            raise DossierError(_("Some answers or files are missing; the review page lists them."))
        eform = eform_for_version(version=draft.version)
        clean, _errors = eform_clean(
            eform,
            draft.answers,
            today=timezone.localdate(),
            units=unit_ids_valid(),
        )
        files = list(draft.files.select_related("required_document"))
        unit = citizen.unit
        receiving = (
            agency_competent(
                version=draft.version,
                applicant_unit=unit,
                receiving=_any_province_agency(),
                on=timezone.localdate(),
            )
            if unit
            else None
        )
        if unit is None:
            raise DossierError(
                _(
                    "Add your commune or ward to your profile, so the dossier goes to the right "
                    "agency."
                )
            )
        if receiving is None:
            raise DossierError(
                _(
                    "No agency for %(unit)s receives this procedure online yet: submit it at "
                    "the one-stop desk, or ask the province office."
                )
                % {"unit": unit.name}
            )
        intake = Intake(
            version_id=draft.version_id,
            channel=Channel.ONLINE,
            applicant=ApplicantData(
                name=citizen.full_name,
                id_number=citizen.id_number or _answer_of_type(eform, clean, "id_number"),
                # The account's phone, else the one the form asked for: tracking and SMS need it.
                phone=citizen.phone or _answer_of_type(eform, clean, "phone"),
                email=citizen.email,
                address=citizen.address,
                unit_id=citizen.unit_id,
            ),
            document_ids=sorted({f.required_document_id for f in files}),
            fee_claims=frozenset(fee_claims),
            birth_date=citizen.date_of_birth,
        )
        dossier = dossier_submit(
            actor=helper or citizen,
            intake=intake,
            receiving_agency_id=receiving.pk,
            request_key=request_key,
            citizen=citizen,
        )
        dossier.form_data = clean
        dossier.save(update_fields=["form_data", "updated_at"])
        documents = {d.required_document_id: d for d in dossier.documents.all()}
        for stored in files:
            document = documents[stored.required_document_id]
            if (stored.reused_from_id or stored.reused_result_code) and not document.file:
                document.file, document.file_name = stored.file.name, stored.file_name
                document.reused_from_id = stored.reused_from_id
                document.reused_result_code = stored.reused_result_code
                document.save(
                    update_fields=["file", "file_name", "reused_from", "reused_result_code"]
                )
                continue
            if not document.file:
                with stored.file.open("rb") as handle:
                    document.file.save(
                        f"{dossier.pk}-{stored.pk}.{stored.file.name.rsplit('.', 1)[-1]}",
                        ContentFile(handle.read()),
                        save=False,
                    )
                document.file_name = stored.file_name
                document.save(update_fields=["file", "file_name"])
        draft.submitted_dossier = dossier
        draft.save(update_fields=["submitted_dossier", "updated_at"])
        return dossier


def _answer_of_type(eform: Any, answers: dict[str, Any], kind: str) -> str:
    """The first answer to a field of this type (e.g. the phone the form asked for), or ""."""
    for item in eform.fields:
        if item.type == kind and answers.get(item.name):
            return str(answers[item.name])
    return ""


def _any_province_agency() -> Agency:
    """Routing needs a 'receiving' agency only to guess a commune when the address is unknown;
    online the citizen's commune is known, so any agency will do."""
    from motcua.organisation.selectors import agency_list_valid_on

    agency = agency_list_valid_on(day=timezone.localdate()).first()
    assert agency is not None
    return agency


def dossier_supplement_attach(
    *, citizen: User, dossier_id: int, required_document_id: int, upload: File[bytes]
) -> DossierDocument:
    """Online supplement: the applicant sends a file for a component while the dossier waits
    for the supplement (checked like any upload); the desk sees it on the dossier."""

    from motcua.core.uploads import UploadRejectedError, upload_check

    with transaction.atomic():
        dossier = _locked(dossier_id, None)
        if dossier.citizen_id != citizen.pk:
            raise DossierError(_("Only the applicant can add to their dossier."))
        if dossier.status != DossierStatus.AWAITING_SUPPLEMENT:
            raise DossierError(_("This dossier is not waiting for a supplement."))
        required = dossier.procedure_version.documents.filter(pk=required_document_id).first()
        if required is None:
            raise DossierError(_("This component does not belong to the procedure."))
        try:
            checked = upload_check(upload, name=upload.name or "", size=upload.size or 0)
            stored = checked.store(upload, f"dossiers/{dossier.pk}")
        except UploadRejectedError as error:
            raise DossierError(str(error)) from error
        return DossierDocument.objects.create(
            dossier=dossier,
            required_document=required,
            position=required.position,
            name=required.name[:500],
            quantity=required.quantity,
            copy_kind=required.copy_kind,
            file=stored,
            file_name=checked.display_name,
        )
