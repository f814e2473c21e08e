"""Record a rating once per dossier; an unsatisfied one opens a follow-up for the unit's leader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.core.calendar import shift_working_days
from motcua.core.identity import IdentifierInvalidError, phone_clean
from motcua.core.sequences import counter_next
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.feedback.constants import (
    DissatisfactionReason,
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
)
from motcua.feedback.deadlines import feedback_deadlines
from motcua.feedback.models import Feedback, FeedbackEvent, FeedbackSequence, SatisfactionRating


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
REPEAT_WINDOW = timedelta(minutes=1)


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


def _feedback_code(day: date) -> str:
    number = counter_next(FeedbackSequence, day=day)
    return f"PAKN-{day:%y%m%d}-{number:04d}"


def _clean_feedback(data: FeedbackInput) -> dict[str, Any]:
    """Check what people typed; every refusal is a sentence in Vietnamese. Text is kept as it
    was typed (markup included): pages escape it when they show it."""
    title, content = " ".join(data.title.split()), data.content.strip()
    if data.channel not in FeedbackChannel.values or data.kind not in FeedbackKind.values:
        raise FeedbackError(_("Choose what the petition is about."))
    if not content:
        raise FeedbackError(_("Write what you want to report or suggest."))
    if len(content) > CONTENT_LIMIT:
        raise FeedbackError(
            _("The content is too long: at most %(n)s characters.") % {"n": f"{CONTENT_LIMIT:,}"}
        )
    if not title:
        title = content[:80]
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
    return {"title": title, "content": content, "phone": phone, "name": data.name.strip()[:200]}


def feedback_submit(
    *, data: FeedbackInput, citizen: User | None = None, entered_by: User | None = None
) -> Feedback:
    """Take a petition from the portal, the 1022 hotline (an officer types the call in) or the
    app. Linked to a dossier when its code is given, and then routed to the agency deciding it;
    otherwise it waits for the province office to route it. Anonymous tips are allowed and
    flagged. One phone number sends at most one petition a minute: a repeat is refused and
    nothing is stored twice.

    Legal basis: NĐ 20/2008/NĐ-CP as amended by NĐ 92/2017 (REGULATION.md §4.3).
    """
    from motcua.core.calendar import get_calendar
    from motcua.dossiers.selectors import dossier_by_code

    clean = _clean_feedback(data)
    now = timezone.now()
    dossier = None
    if data.dossier_code.strip():
        dossier = dossier_by_code(code=data.dossier_code)
        if dossier is None:
            raise FeedbackError(_("No dossier has the code %(code)s: check it, or leave it empty.")
                                % {"code": data.dossier_code.strip()[:40]})  # fmt: skip
    with transaction.atomic():
        if (
            clean["phone"]
            and Feedback.objects.filter(
                phone=clean["phone"], created_at__gte=now - REPEAT_WINDOW
            ).exists()
        ):
            raise FeedbackError(
                _("A petition from this phone number arrived less than a minute ago; wait a "
                  "moment before sending another.")
            )  # fmt: skip
        due = feedback_deadlines(clock_start=now, calendar=get_calendar())
        agency = dossier.deciding_agency if dossier is not None else None
        feedback = Feedback.objects.create(
            code=_feedback_code(timezone.localdate(now)),
            channel=data.channel,
            kind=data.kind,
            dossier=dossier,
            anonymous=data.anonymous,
            email=data.email.strip()[:254],
            citizen=citizen,
            entered_by=entered_by,
            status=FeedbackStatus.PROCESSING if agency else FeedbackStatus.AWAITING_ROUTING,
            agency=agency,
            clock_started_at=now,
            refuse_by=due.refuse_by,
            first_supplement_by=due.first_supplement_by,
            handle_by=due.handle_by,
            **clean,
        )
        FeedbackEvent.objects.create(feedback=feedback, action="submitted", at=now,
                                     actor=entered_by or citizen, to_agency=agency)  # fmt: skip
    return feedback


def feedback_route(*, actor: User, feedback_id: int, agency_id: int, note: str = "") -> Feedback:
    """Send a petition to the agency that must answer it, or move it to another (a transfer):
    the province office routes and re-routes; an agency holding it may pass it on. The clock
    restarts at a transfer (REGULATION §4.3: limits count from the latest transfer)."""
    from motcua.core.calendar import get_calendar
    from motcua.organisation.selectors import agency_list_valid_on

    now = timezone.now()
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().filter(pk=feedback_id).first()
        if feedback is None:
            raise FeedbackError(_("This petition does not exist."))
        holding = (
            feedback.agency_id is not None
            and membership_list_for_user(user=actor).filter(agency_id=feedback.agency_id).exists()
        )
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
            due = feedback_deadlines(clock_start=now, calendar=get_calendar())
            feedback.clock_started_at, feedback.refuse_by = now, due.refuse_by
            feedback.first_supplement_by, feedback.handle_by = (
                due.first_supplement_by,
                due.handle_by,
            )
            fields += ["clock_started_at", "refuse_by", "first_supplement_by", "handle_by"]
        feedback.save(update_fields=fields)
        FeedbackEvent.objects.create(
            feedback=feedback, action="transferred" if transfer else "routed", at=now, actor=actor,
            from_agency=previous, to_agency=target, note=note.strip()[:2000],
        )  # fmt: skip
    return feedback
