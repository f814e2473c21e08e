"""Record a rating once per dossier; an unsatisfied one opens a follow-up for the unit's leader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.core.calendar import get_calendar, shift_working_days
from motcua.core.identity import IdentifierInvalidError, phone_clean
from motcua.core.sequences import counter_next
from motcua.core.uploads import CheckedUpload, UploadRejectedError, upload_check
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.feedback.constants import (
    DissatisfactionReason,
    FeedbackAction,
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
)
from motcua.feedback.deadlines import feedback_deadlines, publish_by
from motcua.feedback.models import (
    Feedback,
    FeedbackAnswer,
    FeedbackAttachment,
    FeedbackEvent,
    FeedbackPhoneGate,
    FeedbackSequence,
    SatisfactionRating,
)
from motcua.feedback.redact import redact
from motcua.feedback.selectors import routing_target
from motcua.feedback.signals import feedback_committed
from motcua.organisation.models import Agency


class RatingError(ValueError):
    """The rating cannot be recorded; the message is for people."""


def rating_record(
    *, dossier: Dossier, satisfied: bool, reasons: Sequence[str] = (), comment: str = ""
) -> SatisfactionRating:
    if dossier.status != DossierStatus.RESULT_RETURNED:
        raise RatingError(_("You can rate a dossier once its result has been handed over."))
    unknown = set(reasons) - set(DissatisfactionReason.values)
    if unknown:
        raise RatingError(_("Choose reasons from the list."))
    if not satisfied and not reasons:
        raise RatingError(_("Tell us at least one reason you are not satisfied."))
    today = timezone.localdate()
    try:
        with transaction.atomic():
            return SatisfactionRating.objects.create(
                dossier=dossier,
                satisfied=satisfied,
                reasons=[] if satisfied else sorted(set(reasons)),
                comment=comment.strip()[:2000],
                follow_up_due=None
                if satisfied
                else shift_working_days(today, settings.MOTCUA_RATING_FOLLOW_UP_WORKING_DAYS),
            )
    except IntegrityError:
        raise RatingError(_("This dossier has already been rated. Thank you.")) from None


def rating_follow_up(*, actor: User, rating_id: int, note: str) -> SatisfactionRating:
    """The leader of the deciding agency records what was done about an unsatisfied rating."""
    with transaction.atomic():
        rating = (
            SatisfactionRating.objects.select_for_update()
            .select_related("dossier")
            .filter(pk=rating_id, satisfied=False)
            .first()
        )
        if rating is None:
            raise RatingError(_("This rating does not need a follow-up."))
        leader_of = set(
            membership_list_for_user(user=actor)
            .filter(role=Role.LEADER)
            .values_list("agency_id", flat=True)
        )
        if rating.dossier.deciding_agency_id not in leader_of:
            raise RatingError(_("Only a leader of the agency that decided the dossier can reply."))
        if not note.strip():
            raise RatingError(_("Write what was done."))
        rating.follow_up_note = note.strip()
        rating.followed_up_by, rating.followed_up_at = actor, timezone.now()
        rating.save(
            update_fields=["follow_up_note", "followed_up_by", "followed_up_at", "updated_at"]
        )
        return rating


# --- feedback and petitions (PAKN, issue 12) -----------------------------------------------------

CONTENT_LIMIT = 5000
TITLE_LIMIT = 200
ANSWER_LIMIT = 10000
NOTE_LIMIT = 2000
REPEAT_WINDOW = timedelta(minutes=1)
# Who may act inside the agency holding a petition.
HANDLING_ROLES = frozenset({Role.SPECIALIST, Role.LEADER, Role.AGENCY_ADMIN})


class FeedbackError(Exception):
    """A petition that cannot be taken or moved; the message is for people (Vietnamese)."""


@dataclass(frozen=True)
class FeedbackInput:
    """What the portal form, the hotline officer or the app sends."""

    channel: str
    kind: str
    title: str
    content: str
    name: str = ""
    phone: str = ""
    email: str = ""
    dossier_code: str = ""
    anonymous: bool = False
    sector_id: int | None = None
    concerned_agency_id: int | None = None
    unit_id: int | None = None
    files: Sequence[File[bytes]] = field(default_factory=tuple)


def _text(value: str) -> str:
    """Typed text as stored: Windows line ends made single (a 5,000-character limit counts
    what people see), outer blanks dropped."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _feedback_code(day: date) -> str:
    number = counter_next(FeedbackSequence, day=day)
    return f"PAKN-{day:%y%m%d}-{number:04d}"


def _clean_feedback(data: FeedbackInput) -> dict[str, Any]:
    """Check what people typed; every refusal is a sentence in Vietnamese. Text is kept as it
    was typed (markup included): pages escape it when they show it."""
    title, content = " ".join(data.title.split()), _text(data.content)
    if data.channel not in FeedbackChannel.values or data.kind not in FeedbackKind.values:
        raise FeedbackError(_("Choose what the petition is about."))
    if not content:
        raise FeedbackError(_("Write what you want to report or suggest."))
    if len(content) > CONTENT_LIMIT:
        raise FeedbackError(
            _("The content is too long: at most %(n)s characters.") % {"n": f"{CONTENT_LIMIT:,}"}
        )
    if not title:
        title = " ".join(content[:80].split())
    if len(title) > TITLE_LIMIT:
        raise FeedbackError(
            _("The title is too long: at most %(n)s characters.") % {"n": TITLE_LIMIT}
        )
    phone = ""
    if data.phone.strip() or not data.anonymous:
        try:
            phone = phone_clean(data.phone)
        except IdentifierInvalidError as error:
            raise FeedbackError(str(error)) from error
    if not data.anonymous and not data.name.strip():
        raise FeedbackError(_("Write your name, or send it as an anonymous tip."))
    # An anonymous tip keeps no name; the phone only for the one-a-minute limit and questions.
    name = "" if data.anonymous else data.name.strip()[:200]
    if len(data.files) > settings.MOTCUA_FEEDBACK_MAX_FILES:
        raise FeedbackError(
            _("Attach at most %(n)s files.") % {"n": settings.MOTCUA_FEEDBACK_MAX_FILES}
        )
    email = data.email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise FeedbackError(_("The e-mail address is not valid.")) from error
    return {"title": title, "content": content, "phone": phone, "name": name, "email": email}


def _check_about(data: FeedbackInput, on: date) -> None:
    """The sector, agency and commune chosen exist (and are in service): a clear refusal, not a
    database error at the commit."""
    from motcua.catalog.selectors import sector_list
    from motcua.organisation.selectors import agency_list_valid_on, unit_list_valid_on

    checks = (
        (data.sector_id, sector_list()),
        (data.concerned_agency_id, agency_list_valid_on(day=on)),
        (data.unit_id, unit_list_valid_on(day=on)),
    )
    for value, rows in checks:
        if value is not None and not rows.filter(pk=value).exists():
            raise FeedbackError(_("Choose the sector, agency and commune from the lists."))


def _phone_gate(phone: str, now: datetime) -> None:
    """One petition a minute per phone number. The gate row is locked until the petition is
    stored, so two sent at the same moment cannot both pass (PostgreSQL: the second insert
    waits for the first to commit, then sees its time)."""
    gate = FeedbackPhoneGate.objects.select_for_update().filter(phone=phone).first()
    if gate is None:
        try:
            with transaction.atomic():
                FeedbackPhoneGate.objects.create(phone=phone, last_at=now)
            return
        except IntegrityError:
            gate = FeedbackPhoneGate.objects.select_for_update().get(phone=phone)
    if gate.last_at > now - REPEAT_WINDOW:
        raise FeedbackError(
            _("A petition from this phone number arrived less than a minute ago; wait a "
              "moment before sending another.")
        )  # fmt: skip
    gate.last_at = now
    gate.save(update_fields=["last_at"])


def _checked_files(files: Sequence[File[bytes]]) -> list[tuple[File[bytes], CheckedUpload]]:
    checked = []
    for upload in files:
        try:
            checked.append(
                (upload, upload_check(upload, name=upload.name or "", size=upload.size or 0))
            )
        except UploadRejectedError as error:
            raise FeedbackError(f"{upload.name or ''}: {error}") from error
    return checked


def _attach(
    feedback: Feedback, files: list[tuple[File[bytes], CheckedUpload]], stored: list[str]
) -> None:
    """Store the files and their rows; `stored` collects the names so that the caller deletes
    them if its transaction fails (nothing half written)."""
    for upload, checked in files:
        name = default_storage.save(checked.storage_name(f"feedback/{feedback.pk}"), upload)
        stored.append(name)
        FeedbackAttachment.objects.create(
            feedback=feedback, file=name, file_name=checked.display_name,
            content_type=checked.content_type, size=checked.size,
        )  # fmt: skip


def _forget(stored: list[str]) -> None:
    for name in stored:
        default_storage.delete(name)


def _event(
    feedback: Feedback,
    action: str,
    *,
    at: datetime,
    actor: User | None = None,
    note: str = "",
    from_agency: Agency | None = None,
    to_agency: Agency | None = None,
) -> None:
    FeedbackEvent.objects.create(
        feedback=feedback, action=action, at=at, actor=actor, note=note.strip()[:NOTE_LIMIT],
        from_agency=from_agency, to_agency=to_agency,
    )  # fmt: skip


def _notify(feedback: Feedback, kind: str) -> None:
    """Tell the citizen after the commit (notifications listens to `feedback_committed`)."""
    feedback_id = feedback.pk
    transaction.on_commit(
        lambda: feedback_committed.send(sender=Feedback, feedback_id=feedback_id, kind=kind)
    )


def _restart_clock(feedback: Feedback, now: datetime) -> list[str]:
    due = feedback_deadlines(clock_start=now, calendar=get_calendar())
    feedback.clock_started_at, feedback.refuse_by = now, due.refuse_by
    feedback.first_supplement_by, feedback.handle_by = due.first_supplement_by, due.handle_by
    return ["clock_started_at", "refuse_by", "first_supplement_by", "handle_by"]


def feedback_submit(
    *, data: FeedbackInput, citizen: User | None = None, entered_by: User | None = None
) -> Feedback:
    """Take a petition from the portal, the 1022 hotline (an officer types the call in) or the
    app. It goes at once to the agency a routing rule names (FeedbackRoutingRule), else to the
    agency deciding the linked dossier; otherwise it waits for the province office to route it.
    Anonymous tips are allowed and flagged. One phone number sends at most one petition a
    minute: a repeat is refused and nothing is stored twice.

    Legal basis: NĐ 20/2008/NĐ-CP as amended by NĐ 92/2017 (REGULATION.md §4.3).
    """
    from motcua.dossiers.selectors import dossier_by_code

    clean = _clean_feedback(data)
    files = _checked_files(data.files)
    now = timezone.now()
    _check_about(data, timezone.localdate(now))
    dossier = None
    if data.dossier_code.strip():
        dossier = dossier_by_code(code=data.dossier_code)
        if dossier is None:
            raise FeedbackError(_("No dossier has the code %(code)s: check it, or leave it empty.")
                                % {"code": data.dossier_code.strip()[:40]})  # fmt: skip
    about = {
        "sector_id": data.sector_id,
        "concerned_agency_id": data.concerned_agency_id
        or (dossier.deciding_agency_id if dossier else None),
        "unit_id": data.unit_id,
        "procedure_id": dossier.procedure_version.procedure_id if dossier else None,
    }
    if data.sector_id is None and dossier is not None:
        about["sector_id"] = dossier.procedure_version.sector_id
    agency = routing_target(kind=data.kind, on=timezone.localdate(now), **about)
    if agency is None and dossier is not None:
        agency = dossier.deciding_agency
    stored: list[str] = []
    try:
        feedback = _submit_atomic(
            data=data, clean=clean, files=files, stored=stored, dossier=dossier, about=about,
            agency=agency, now=now, citizen=citizen, entered_by=entered_by,
        )  # fmt: skip
    except Exception:
        _forget(stored)
        raise
    return feedback


def _submit_atomic(
    *,
    data: FeedbackInput,
    clean: dict[str, Any],
    files: list[tuple[File[bytes], CheckedUpload]],
    stored: list[str],
    dossier: Any,
    about: dict[str, Any],
    agency: Agency | None,
    now: datetime,
    citizen: User | None,
    entered_by: User | None,
) -> Feedback:
    with transaction.atomic():
        if clean["phone"]:
            _phone_gate(clean["phone"], now)
        due = feedback_deadlines(clock_start=now, calendar=get_calendar())
        feedback = Feedback.objects.create(
            code=_feedback_code(timezone.localdate(now)),
            channel=data.channel,
            kind=data.kind,
            dossier=dossier,
            anonymous=data.anonymous,
            citizen=None if data.anonymous else citizen,
            entered_by=entered_by,
            status=FeedbackStatus.PROCESSING if agency else FeedbackStatus.AWAITING_ROUTING,
            agency=agency,
            clock_started_at=now,
            refuse_by=due.refuse_by,
            first_supplement_by=due.first_supplement_by,
            handle_by=due.handle_by,
            **about,
            **clean,
        )
        _attach(feedback, files, stored)
        _event(feedback, FeedbackAction.SUBMITTED, at=now, actor=entered_by or citizen,
               to_agency=agency)  # fmt: skip
        _notify(feedback, "received")
    return feedback


def _load(feedback_id: int) -> Feedback:
    feedback = Feedback.objects.select_for_update().filter(pk=feedback_id).first()
    if feedback is None:
        raise FeedbackError(_("This petition does not exist."))
    return feedback


def _member_roles(actor: User, agency_id: int | None) -> set[str]:
    if agency_id is None:
        return set()
    return set(
        membership_list_for_user(user=actor)
        .filter(agency_id=agency_id)
        .values_list("role", flat=True)
    )


def _require_handler(actor: User, feedback: Feedback) -> None:
    if not _member_roles(actor, feedback.agency_id) & HANDLING_ROLES:
        raise FeedbackError(_("Only the agency handling this petition can do this."))


def _require_status(feedback: Feedback, *allowed: str) -> None:
    if feedback.status not in allowed:
        raise FeedbackError(
            _("This cannot be done now: the petition is “%(status)s”.")
            % {"status": feedback.get_status_display()}
        )


def feedback_route(*, actor: User, feedback_id: int, agency_id: int, note: str = "") -> Feedback:
    """Send a petition to the agency that must answer it, or move it to another (a transfer):
    the province office routes and re-routes; an agency holding it may pass it on. The clock
    restarts at a transfer (REGULATION §4.3: limits count from the latest transfer)."""
    from motcua.organisation.selectors import agency_list_valid_on

    now = timezone.now()
    with transaction.atomic():
        feedback = _load(feedback_id)
        holding = bool(_member_roles(actor, feedback.agency_id) & HANDLING_ROLES)
        if actor.role not in PROVINCE_WIDE_ROLES and not holding:
            raise FeedbackError(
                _("Only the province office or the agency holding it can route it.")
            )
        if feedback.status not in (FeedbackStatus.AWAITING_ROUTING, FeedbackStatus.PROCESSING):
            raise FeedbackError(_("This petition is closed: it cannot be sent elsewhere."))
        target = agency_list_valid_on(day=timezone.localdate(now)).filter(pk=agency_id).first()
        if target is None:
            raise FeedbackError(_("Choose an agency in service today."))
        if target.pk == feedback.agency_id:
            raise FeedbackError(_("The petition is already with this agency."))
        transfer = feedback.agency_id is not None
        previous = feedback.agency
        fields = ["agency", "status", "updated_at"]
        feedback.agency, feedback.status = target, FeedbackStatus.PROCESSING
        if transfer:
            fields += _restart_clock(feedback, now)
            # The leader named at a reopening answered for the former agency, not the new one.
            feedback.responsible_leader = None
            fields.append("responsible_leader")
        feedback.save(update_fields=fields)
        action = FeedbackAction.TRANSFERRED if transfer else FeedbackAction.ROUTED
        _event(feedback, action, at=now, actor=actor, from_agency=previous, to_agency=target,
               note=note)  # fmt: skip
    return feedback


def feedback_refuse(*, actor: User, feedback_id: int, reason: str) -> Feedback:
    """Refuse to take a petition (outside the rules on petitions, abusive, a duplicate …), with
    the reason told to the citizen; on time within the refusal limit (2 working days)."""
    now = timezone.now()
    if not reason.strip():
        raise FeedbackError(_("Write the reason for refusing; the citizen receives it."))
    with transaction.atomic():
        feedback = _load(feedback_id)
        if feedback.status == FeedbackStatus.AWAITING_ROUTING:
            if actor.role not in PROVINCE_WIDE_ROLES:
                raise FeedbackError(_("Only the province office can refuse a petition not yet "
                                      "sent to an agency."))  # fmt: skip
        else:
            _require_status(feedback, FeedbackStatus.PROCESSING)
            _require_handler(actor, feedback)
        feedback.status, feedback.refused_at = FeedbackStatus.REFUSED, now
        feedback.refuse_reason = reason.strip()[:NOTE_LIMIT]
        feedback.late = feedback.late or now > feedback.refuse_by
        feedback.save(update_fields=["status", "refused_at", "refuse_reason", "late", "updated_at"])
        _event(feedback, FeedbackAction.REFUSED, at=now, actor=actor, note=reason)
        _notify(feedback, "refused")
    return feedback


def feedback_request_supplement(*, actor: User, feedback_id: int, question: str) -> Feedback:
    """Ask the citizen for more information; the first request is due within 5 working days.
    The handling clock keeps running (the index's rule; REGULATION §4.3)."""
    now = timezone.now()
    if not question.strip():
        raise FeedbackError(_("Write what the citizen should add."))
    with transaction.atomic():
        feedback = _load(feedback_id)
        _require_status(feedback, FeedbackStatus.PROCESSING)
        _require_handler(actor, feedback)
        if feedback.anonymous and not (feedback.phone or feedback.email or feedback.citizen_id):
            raise FeedbackError(_("This anonymous tip left no way to reach its sender."))
        fields = ["status", "updated_at"]
        if feedback.supplement_requested_at is None:
            feedback.supplement_requested_at = now
            feedback.late = feedback.late or now > feedback.first_supplement_by
            fields += ["supplement_requested_at", "late"]
        feedback.status = FeedbackStatus.AWAITING_SUPPLEMENT
        feedback.save(update_fields=fields)
        _event(feedback, FeedbackAction.SUPPLEMENT_REQUESTED, at=now, actor=actor, note=question)
        _notify(feedback, "supplement_requested")
    return feedback


def feedback_supplement(
    *, feedback_id: int, text: str, files: Sequence[File[bytes]] = ()
) -> Feedback:
    """The citizen answers a request for more information (text and files); the petition goes
    back to the agency. The caller has checked it is the citizen (account or tracking link)."""
    now = timezone.now()
    text = _text(text)
    if not text and not files:
        raise FeedbackError(_("Write the information asked for, or attach a file."))
    if len(text) > CONTENT_LIMIT:
        raise FeedbackError(
            _("The content is too long: at most %(n)s characters.") % {"n": f"{CONTENT_LIMIT:,}"}
        )
    if len(files) > settings.MOTCUA_FEEDBACK_MAX_FILES:
        raise FeedbackError(
            _("Attach at most %(n)s files.") % {"n": settings.MOTCUA_FEEDBACK_MAX_FILES}
        )
    checked = _checked_files(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            feedback = _load(feedback_id)
            _require_status(feedback, FeedbackStatus.AWAITING_SUPPLEMENT)
            feedback.status = FeedbackStatus.PROCESSING
            feedback.save(update_fields=["status", "updated_at"])
            _attach(feedback, checked, stored)
            _event(feedback, FeedbackAction.SUPPLEMENTED, at=now, note=text)
    except Exception:
        _forget(stored)
        raise
    return feedback


def feedback_answer_draft(*, actor: User, feedback_id: int, text: str) -> FeedbackAnswer:
    """The agency's answer of the current round, sent to its leader for approval (a draft the
    leader returned is edited and sent again)."""
    now = timezone.now()
    text = text.strip()
    if not text:
        raise FeedbackError(_("Write the answer."))
    if len(text) > ANSWER_LIMIT:
        raise FeedbackError(
            _("The answer is too long: at most %(n)s characters.") % {"n": f"{ANSWER_LIMIT:,}"}
        )
    with transaction.atomic():
        feedback = _load(feedback_id)
        _require_status(feedback, FeedbackStatus.PROCESSING)
        _require_handler(actor, feedback)
        answer, _created = FeedbackAnswer.objects.update_or_create(
            feedback=feedback,
            round=feedback.round,
            defaults={"text": text, "drafted_by": actor},
        )
        feedback.status = FeedbackStatus.AWAITING_APPROVAL
        feedback.save(update_fields=["status", "updated_at"])
        _event(feedback, FeedbackAction.DRAFTED, at=now, actor=actor)
    return answer


def _require_leader(actor: User, feedback: Feedback) -> None:
    """A leader of the holding agency; for a reopened petition, the leader named, as long as
    they still lead it (otherwise any of its leaders)."""
    named = feedback.responsible_leader
    if named is not None and Role.LEADER in _member_roles(named, feedback.agency_id):
        if actor.pk != named.pk:
            raise FeedbackError(
                _("This reopened petition is answered under the leader named: %(name)s.")
                % {"name": feedback.responsible_leader.display_name}  # type: ignore[union-attr]
            )
        return
    if Role.LEADER not in _member_roles(actor, feedback.agency_id):
        raise FeedbackError(_("Only a leader of the agency handling it can approve or return."))


def _current_answer(feedback: Feedback) -> FeedbackAnswer:
    answer = FeedbackAnswer.objects.filter(feedback=feedback, round=feedback.round).first()
    if answer is None:
        raise FeedbackError(_("There is no answer to approve."))
    return answer


def feedback_answer_return(*, actor: User, feedback_id: int, note: str) -> Feedback:
    """The leader sends the draft back with remarks."""
    now = timezone.now()
    if not note.strip():
        raise FeedbackError(_("Write what should change in the answer."))
    with transaction.atomic():
        feedback = _load(feedback_id)
        _require_status(feedback, FeedbackStatus.AWAITING_APPROVAL)
        _require_leader(actor, feedback)
        answer = _current_answer(feedback)
        answer.return_note = note.strip()[:NOTE_LIMIT]
        answer.save(update_fields=["return_note", "updated_at"])
        feedback.status = FeedbackStatus.PROCESSING
        feedback.save(update_fields=["status", "updated_at"])
        _event(feedback, FeedbackAction.RETURNED, at=now, actor=actor, note=note)
    return feedback


def _public_names(feedback: Feedback) -> list[str]:
    names = [feedback.name]
    if feedback.citizen is not None:
        names.append(feedback.citizen.full_name)
    return [n for n in names if n]


def feedback_answer_approve(*, actor: User, feedback_id: int) -> Feedback:
    """The leader approves: the answer goes to the citizen, the petition is ready to publish
    ("chờ công khai", due within 2 working days), and its public texts are prepared with
    personal data removed (feedback/redact.py) for the publisher to check."""
    now = timezone.now()
    with transaction.atomic():
        feedback = _load(feedback_id)
        _require_status(feedback, FeedbackStatus.AWAITING_APPROVAL)
        _require_leader(actor, feedback)
        answer = _current_answer(feedback)
        names = _public_names(feedback)
        answer.approved_by, answer.approved_at = actor, now
        answer.public_text = redact(answer.text, names=names)
        answer.save(update_fields=["approved_by", "approved_at", "public_text", "updated_at"])
        feedback.status, feedback.ready_at = FeedbackStatus.ANSWERED, now
        feedback.publish_by = publish_by(ready_at=now, calendar=get_calendar())
        feedback.late = feedback.late or now > feedback.handle_by
        if not feedback.public_title:
            feedback.public_title = redact(feedback.title, names=names)[:TITLE_LIMIT]
            feedback.public_content = redact(feedback.content, names=names)
        feedback.save(update_fields=["status", "ready_at", "publish_by", "late", "public_title",
                                     "public_content", "updated_at"])  # fmt: skip
        _event(feedback, FeedbackAction.APPROVED, at=now, actor=actor)
        _notify(feedback, "answered")
    return feedback


def feedback_publish(
    *, actor: User, feedback_id: int, title: str, content: str, answer_text: str
) -> Feedback:
    """Publish the petition and its answer on the public page, as the publisher edited them;
    contact details, ID numbers and the citizen's name are masked again whatever was typed."""
    now = timezone.now()
    title, content, answer_text = " ".join(title.split()), content.strip(), answer_text.strip()
    if not (title and content and answer_text):
        raise FeedbackError(_("The public title, content and answer must not be empty."))
    if len(title) > TITLE_LIMIT or len(content) > CONTENT_LIMIT or len(answer_text) > ANSWER_LIMIT:
        raise FeedbackError(_("A public text is too long."))
    with transaction.atomic():
        feedback = _load(feedback_id)
        _require_status(feedback, FeedbackStatus.ANSWERED)
        if actor.role not in PROVINCE_WIDE_ROLES:
            _require_handler(actor, feedback)
        names = _public_names(feedback)
        answer = _current_answer(feedback)
        answer.public_text, answer.published_at = redact(answer_text, names=names), now
        answer.save(update_fields=["public_text", "published_at", "updated_at"])
        feedback.public_title = redact(title, names=names)[:TITLE_LIMIT]
        feedback.public_content = redact(content, names=names)
        feedback.status, feedback.published_at = FeedbackStatus.PUBLISHED, now
        due = feedback.publish_by
        feedback.late = feedback.late or (due is not None and now > due)
        feedback.save(update_fields=["public_title", "public_content", "status", "published_at",
                                     "late", "updated_at"])  # fmt: skip
        _event(feedback, FeedbackAction.PUBLISHED, at=now, actor=actor)
    return feedback


def feedback_rate(*, feedback_id: int, satisfied: bool, comment: str = "") -> Feedback:
    """The citizen rates the answer of the current round (once). "Not satisfied" reopens the
    petition, up to `MOTCUA_FEEDBACK_MAX_REOPENS` times: a new round with a new deadline, under
    the leader who approved the answer, its history kept. The caller has checked it is the
    citizen (account or tracking link)."""
    now = timezone.now()
    comment = comment.strip()
    if not satisfied and not comment:
        raise FeedbackError(_("Tell us what is missing or wrong in the answer."))
    with transaction.atomic():
        feedback = _load(feedback_id)
        _require_status(feedback, FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED)
        answer = _current_answer(feedback)
        if answer.rated_at is not None:
            raise FeedbackError(_("You have already rated this answer. Thank you."))
        answer.satisfied, answer.rated_at = satisfied, now
        answer.rating_comment = comment[:NOTE_LIMIT]
        answer.save(update_fields=["satisfied", "rated_at", "rating_comment", "updated_at"])
        _event(feedback, FeedbackAction.RATED, at=now, note=comment,
               actor=feedback.citizen)  # fmt: skip
        if not satisfied and feedback.round <= settings.MOTCUA_FEEDBACK_MAX_REOPENS:
            fields = ["round", "status", "responsible_leader", "ready_at", "publish_by",
                      "updated_at", *_restart_clock(feedback, now)]  # fmt: skip
            missed = feedback.status == FeedbackStatus.ANSWERED and feedback.publish_by is not None
            feedback.late = feedback.late or (missed and now > feedback.publish_by)  # type: ignore[operator]
            fields.append("late")
            feedback.round += 1
            feedback.status = FeedbackStatus.PROCESSING
            feedback.responsible_leader = answer.approved_by
            feedback.ready_at = feedback.publish_by = None
            feedback.save(update_fields=fields)
            _event(feedback, FeedbackAction.REOPENED, at=now, note=comment,
                   to_agency=feedback.agency)  # fmt: skip
        else:
            feedback.save(update_fields=["updated_at"])
    return feedback


# --- demo data ------------------------------------------------------------------------------------

_DEMO_PETITIONS = (
    # (working days ago, kind, title, content, what happens next)
    (0, "regulation", "Hướng dẫn thủ tục đăng ký khai sinh chưa rõ",
     "Trang hướng dẫn không nói rõ cần bản sao hay bản chính giấy chứng sinh.", "hotline"),
    (10, "behaviour", "Cán bộ tiếp nhận không hướng dẫn đầy đủ",
     "Tôi phải đi lại ba lần vì mỗi lần được yêu cầu thêm một loại giấy.", "route"),
    (17, "regulation", "Hồ sơ xác nhận tình trạng hôn nhân trễ hẹn",
     "Giấy hẹn ngày trả kết quả đã qua một tuần nhưng chưa nhận được kết quả.", "route"),
    (3, "regulation", "Phí sao y bản chính thu cao hơn quy định",
     "Tôi bị thu 5.000 đồng cho mỗi trang, cao hơn mức niêm yết.", "draft"),
    (4, "other", "Đề nghị mở thêm quầy vào sáng thứ Bảy",
     "Người lao động không thể đến nộp hồ sơ trong giờ hành chính.", "approve"),
    (8, "regulation", "Không tra cứu được hồ sơ trên Cổng dịch vụ công",
     "Nhập mã hồ sơ nhưng trang báo không tìm thấy.", "publish"),
    (9, "behaviour", "Cảm ơn và góp ý về thái độ phục vụ",
     "Cán bộ nhiệt tình nhưng thời gian chờ gọi số quá lâu.", "satisfied"),
    (12, "regulation", "Kết quả chứng thực bị sai tên",
     "Bản sao chứng thực ghi sai dấu tên của tôi, đề nghị sửa lại.", "unsatisfied"),
    (2, "other", "Nội dung không liên quan đến thủ tục hành chính",
     "Quảng cáo dịch vụ làm giấy tờ nhanh.", "refuse"),
)  # fmt: skip


def _backdate(feedback: Feedback, working_days: int) -> Feedback:
    """Move a demo petition's receipt back `working_days` (its deadlines follow)."""
    if not working_days:
        return feedback
    calendar = get_calendar()
    now = timezone.localtime()
    when = datetime.combine(
        calendar.shift_working_days(now.date(), -working_days), now.time(), tzinfo=now.tzinfo
    )
    due = feedback_deadlines(clock_start=when, calendar=calendar)
    Feedback.objects.filter(pk=feedback.pk).update(
        created_at=when, clock_started_at=when, refuse_by=due.refuse_by,
        first_supplement_by=due.first_supplement_by, handle_by=due.handle_by,
    )  # fmt: skip
    FeedbackEvent.objects.filter(feedback=feedback).update(at=when)
    feedback.refresh_from_db()
    return feedback


def feedback_seed_demo() -> int:
    """A few petitions at every stage for the demo users, only when there are none yet."""
    from motcua.accounts.selectors import user_get_by_username

    users = {n: user_get_by_username(username=n) for n in ("giamsat", "chuyenvien", "lanhdao")}
    if None in users.values() or Feedback.objects.exists():
        return 0
    monitor, specialist, leader = users["giamsat"], users["chuyenvien"], users["lanhdao"]
    assert monitor and specialist and leader
    membership = membership_list_for_user(user=leader).filter(role=Role.LEADER).first()
    if membership is None:
        return 0
    agency = membership.agency_id
    for number, (back, kind, title, content, step) in enumerate(_DEMO_PETITIONS):
        data = FeedbackInput(
            channel="hotline" if step == "hotline" else "portal", kind=kind, title=title,
            content=content, name="Người dân mẫu", phone=f"09{number:08d}",
        )  # fmt: skip
        feedback = _backdate(feedback_submit(data=data, entered_by=monitor), back)
        if step == "hotline":
            continue
        if step == "refuse":
            feedback_refuse(actor=monitor, feedback_id=feedback.pk, reason="Không phải phản "
                            "ánh, kiến nghị về quy định hành chính.")  # fmt: skip
            continue
        feedback_route(actor=monitor, feedback_id=feedback.pk, agency_id=agency)
        if step == "route":
            continue
        text = f"Trả lời: {title.lower()} đã được kiểm tra và xử lý."
        feedback_answer_draft(actor=specialist, feedback_id=feedback.pk, text=text)
        if step == "draft":
            continue
        feedback = feedback_answer_approve(actor=leader, feedback_id=feedback.pk)
        if step == "approve":
            continue
        public = (feedback.public_title, feedback.public_content, _current_answer(feedback))
        feedback_publish(actor=monitor, feedback_id=feedback.pk, title=public[0],
                         content=public[1], answer_text=public[2].public_text)  # fmt: skip
        if step in ("satisfied", "unsatisfied"):
            feedback_rate(feedback_id=feedback.pk, satisfied=step == "satisfied",
                          comment="" if step == "satisfied" else "Chưa sửa tên.")  # fmt: skip
    return len(_DEMO_PETITIONS)
