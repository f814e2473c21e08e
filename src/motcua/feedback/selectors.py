from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from motcua.accounts.constants import PROVINCE_WIDE_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.dossiers.models import Dossier
from motcua.feedback.constants import FEEDBACK_OPEN, FeedbackAction, FeedbackKind, FeedbackStatus
from motcua.feedback.models import (
    Feedback,
    FeedbackAnswer,
    FeedbackRoutingRule,
    SatisfactionRating,
)
from motcua.organisation.models import Agency


def rating_get(*, dossier: Dossier) -> SatisfactionRating | None:
    return SatisfactionRating.objects.filter(dossier=dossier).first()


def rating_list_to_follow_up(*, user: User) -> QuerySet[SatisfactionRating]:
    """Unsatisfied ratings of the leader's agencies not yet answered, the most urgent first."""
    agencies = membership_list_for_user(user=user).filter(role=Role.LEADER).values("agency_id")
    return (
        SatisfactionRating.objects.filter(
            satisfied=False, followed_up_at__isnull=True, dossier__deciding_agency_id__in=agencies
        )
        .select_related("dossier")
        .order_by("follow_up_due", "pk")
    )


# --- for the QĐ 766 facts (indicator 5.4) -----------------------------------------------------


def dossier_ids_rated_since(since: datetime | None) -> tuple[list[int], datetime | None]:
    """Dossiers whose rating was recorded or changed, or that a petition names, after `since`,
    and the newest such time."""
    ratings = SatisfactionRating.objects.all()
    petitions = Feedback.objects.filter(dossier__isnull=False)
    if since is not None:
        ratings = ratings.filter(updated_at__gt=since)
        petitions = petitions.filter(created_at__gt=since)
    newest = [
        t
        for t in (
            ratings.aggregate(m=Max("updated_at"))["m"],
            petitions.aggregate(m=Max("created_at"))["m"],
        )
        if t is not None
    ]
    ids = set(ratings.values_list("dossier_id", flat=True))
    ids |= set(petitions.values_list("dossier_id", flat=True))
    return sorted(ids), max(newest) if newest else since


def dossier_ids_disliked(dossier_ids: Iterable[int]) -> set[int]:
    """Of these dossiers, those rated "not satisfied" or named by a petition not refused
    (766 5.4)."""
    wanted = list(dossier_ids)
    disliked = set(
        SatisfactionRating.objects.filter(dossier_id__in=wanted, satisfied=False).values_list(
            "dossier_id", flat=True
        )
    )
    petitions = Feedback.objects.filter(dossier_id__in=wanted).exclude(
        status=FeedbackStatus.REFUSED  # a refused petition is no judgement on the dossier
    )
    return disliked | set(petitions.values_list("dossier_id", flat=True))


def dossier_ids_rated(dossier_ids: Iterable[int]) -> set[int]:
    return set(
        SatisfactionRating.objects.filter(dossier_id__in=list(dossier_ids)).values_list(
            "dossier_id", flat=True
        )
    )


# --- petitions (PAKN) ---------------------------------------------------------------------------


def routing_target(
    *,
    kind: str,
    on: date,
    procedure_id: int | None = None,
    sector_id: int | None = None,
    concerned_agency_id: int | None = None,
    unit_id: int | None = None,
) -> Agency | None:
    """The agency the most specific matching active rule names (ties: the oldest rule), if it
    is in service on `on`."""
    facts = {
        "kind": kind,
        "procedure_id": procedure_id,
        "sector_id": sector_id,
        "concerned_agency_id": concerned_agency_id,
        "unit_id": unit_id,
    }
    rules = FeedbackRoutingRule.objects.filter(active=True).select_related("target")
    for name, value in facts.items():
        empty = Q(**{name: ""}) if name == "kind" else Q(**{f"{name}__isnull": True})
        rules = rules.filter(empty | Q(**{name: value})) if value else rules.filter(empty)
    best = sorted(rules, key=lambda r: (-r.specificity(), r.pk))
    for rule in best:
        target = rule.target
        if target.valid_from <= on and (target.valid_to is None or on <= target.valid_to):
            return target
    return None


def feedback_list_for_officer(*, user: User) -> QuerySet[Feedback]:
    """The petitions an officer may see: the whole province for the province office, else
    those held by the officer's agencies and the hotline calls the officer typed in."""
    rows = Feedback.objects.select_related("agency", "sector")
    if user.role in PROVINCE_WIDE_ROLES:
        return rows
    agencies = membership_list_for_user(user=user).values("agency_id")
    return rows.filter(Q(agency_id__in=agencies) | Q(entered_by=user))


def feedback_get_visible(*, user: User, feedback_id: int) -> Feedback | None:
    related = ("dossier", "citizen", "entered_by", "responsible_leader", "procedure", "unit")
    return (
        feedback_list_for_officer(user=user)
        .select_related(*related, "concerned_agency")
        .filter(pk=feedback_id)
        .first()
    )


TOKEN_MAX = 64


def feedback_get_by_token(*, token: str) -> Feedback | None:
    if not token or len(token) > TOKEN_MAX:
        return None
    return Feedback.objects.select_related("agency").filter(tracking_token=token).first()


def feedback_list_for_citizen(*, user: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(citizen=user).select_related("agency").order_by("-created_at")


def feedback_history(*, feedback: Feedback) -> list[Any]:
    return list(
        feedback.events.select_related("actor", "from_agency", "to_agency").order_by("at", "pk")
    )


def feedback_answers(*, feedback: Feedback) -> list[FeedbackAnswer]:
    return list(
        FeedbackAnswer.objects.filter(feedback=feedback)
        .select_related("drafted_by", "approved_by")
        .order_by("round")
    )


def feedback_public_list(
    *, query: str = "", sector_id: int | None = None, agency_id: int | None = None
) -> QuerySet[Feedback]:
    """Published petitions, newest first, searchable by sector, agency and keyword (in the
    public title, content and answer: never in the personal fields)."""
    rows = Feedback.objects.filter(published_at__isnull=False).select_related("agency", "sector")
    if sector_id:
        rows = rows.filter(sector_id=sector_id)
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    for word in query.split()[:8]:
        rows = rows.filter(
            Q(public_title__icontains=word)
            | Q(public_content__icontains=word)
            | Q(answers__public_text__icontains=word, answers__published_at__isnull=False)
            | Q(code__iexact=word)
        )
    return rows.distinct().order_by("-published_at", "-pk")


def feedback_public_get(*, code: str) -> Feedback | None:
    return (
        Feedback.objects.filter(published_at__isnull=False, code=code)
        .select_related("agency", "sector")
        .first()
    )


def feedback_public_answers(*, feedback: Feedback) -> list[FeedbackAnswer]:
    """The published answers (a reopened petition shows each round once it is published)."""
    return list(
        FeedbackAnswer.objects.filter(feedback=feedback, published_at__isnull=False)
        .exclude(public_text="")
        .order_by("round")
    )


def feedback_overdue(*, now: datetime, user: User | None = None) -> QuerySet[Feedback]:
    """Open petitions past their handling limit, or answered ones past their publishing limit."""
    rows = feedback_list_for_officer(user=user) if user is not None else Feedback.objects.all()
    return rows.filter(
        Q(status__in=FEEDBACK_OPEN, handle_by__lt=now)
        | Q(status=FeedbackStatus.ANSWERED, publish_by__lt=now)
    ).select_related("agency")


# --- counts: the dashboard and QĐ 766 indicators 5.1–5.3 ----------------------------------------

# Scope kinds of the quality app → the petition field they filter on.
SCOPE_FIELDS = {
    "agency": "agency_id",
    "tier": "agency__tier",
    "unit": "agency__unit_id",
    "sector": "sector_id",
    "procedure": "procedure_id",
}


@dataclass
class PetitionCounts:
    """The petitions first received in a period, as the 766 rules count them (REGULATION §1.4):
    5.1 by kind; 5.2 on time (every step in its limit; one still open is on time while within
    its limit at the period's end); 5.3 satisfied (neither late nor rated unsatisfied)."""

    total: int = 0
    regulation: int = 0
    behaviour: int = 0
    on_time: int = 0
    late: int = 0
    unsatisfied: int = 0  # an answer rated "not satisfied" (first or a reopened round)
    satisfied: int = 0
    rated: int = 0
    open: int = 0


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def petition_counts(
    *,
    start: date,
    until: date,
    now: datetime | None = None,
    filters: dict[str, Any] | None = None,
    by: str | None = None,
) -> dict[Any, PetitionCounts]:
    """Per `by` (a key of SCOPE_FIELDS, or None for one total) the counts of the petitions whose
    first receipt falls between `start` and `until` (local dates)."""
    now = now or timezone.now()
    end = _local_midnight(until + timedelta(days=1))
    at = min(now, end)
    rows = _received_between(start, until, filters)
    answers = FeedbackAnswer.objects.filter(feedback=OuterRef("pk"))
    rows = rows.annotate(
        unsatisfied=Exists(answers.filter(satisfied=False)),
        rated=Exists(answers.filter(rated_at__isnull=False)),
    )
    key = SCOPE_FIELDS[by] if by else None
    fields = ["kind", "status", "late", "handle_by", "publish_by", "unsatisfied", "rated"]
    out: dict[Any, PetitionCounts] = defaultdict(PetitionCounts)
    for row in rows.values(*fields, *([key] if key else [])):
        counts = out[row[key] if key else None]
        counts.total += 1
        counts.regulation += row["kind"] == FeedbackKind.REGULATION
        counts.behaviour += row["kind"] == FeedbackKind.BEHAVIOUR
        late = _late(late=row["late"], status=row["status"], handle_by=row["handle_by"],
                     publish_by=row["publish_by"], at=at)  # fmt: skip
        counts.late += late
        counts.on_time += not late
        counts.unsatisfied += row["unsatisfied"]
        counts.rated += row["rated"]
        counts.satisfied += not (late or row["unsatisfied"])
        counts.open += row["status"] in FEEDBACK_OPEN
    if key is None and None not in out:
        out[None] = PetitionCounts()
    return out


def feedback_message_context(*, feedback_id: int) -> dict[str, Any] | None:
    """What a message to the citizen about a petition says; `step` makes each message unique
    (the event it reports)."""
    feedback = Feedback.objects.select_related("citizen", "agency").filter(pk=feedback_id).first()
    if feedback is None:
        return None
    event = feedback.events.order_by("-at", "-pk").first()
    answer = FeedbackAnswer.objects.filter(feedback=feedback, round=feedback.round).first()
    return {
        "feedback": feedback,
        "code": feedback.code,
        "title": feedback.title,
        "agency": feedback.agency.name if feedback.agency else "",
        "note": event.note if event else "",
        "answer": answer.text if answer and answer.approved_at else "",
        "step": event.pk if event else 0,
    }


# --- the back office's petition dashboard and its workbook ---------------------------------------


def _received_between(
    start: date, until: date, filters: dict[str, Any] | None
) -> QuerySet[Feedback]:
    """The petitions petition_counts counts: first received between `start` and `until`."""
    return Feedback.objects.filter(
        created_at__gte=_local_midnight(start),
        created_at__lt=_local_midnight(until + timedelta(days=1)),
        **(filters or {}),
    )


def petition_list_received(
    *, start: date, until: date, filters: dict[str, Any] | None = None
) -> QuerySet[Feedback]:
    """The petitions first received between `start` and `until` (local dates), oldest first,
    each with `rating`: the citizen's latest rating (True, False, or None when not rated)."""
    rated = FeedbackAnswer.objects.filter(feedback=OuterRef("pk"), rated_at__isnull=False)
    return (
        _received_between(start, until, filters)
        .annotate(rating=Subquery(rated.order_by("-round").values("satisfied")[:1]))
        .select_related("agency")
        .order_by("created_at", "pk")
    )


def petition_status_counts(
    *, start: date, until: date, filters: dict[str, Any] | None = None
) -> dict[str, int]:
    """How many of the petitions first received in the period stand in each status."""
    rows = (
        _received_between(start, until, filters)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def _late(*, late: bool, status: str, handle_by: datetime, publish_by: datetime | None,
          at: datetime) -> bool:  # fmt: skip
    """The 766 5.2 rule at `at`: a step was done late, or the petition is still open past its
    handling limit, or answered and past its publishing limit."""
    if late:
        return True
    if status in FEEDBACK_OPEN:
        return at > handle_by
    return status == FeedbackStatus.ANSWERED and publish_by is not None and at > publish_by


def petition_is_late(feedback: Feedback, *, at: datetime) -> bool:
    """Late as petition_counts counts it at `at`."""
    return _late(late=feedback.late, status=feedback.status, handle_by=feedback.handle_by,
                 publish_by=feedback.publish_by, at=at)  # fmt: skip


# Steps the citizen does not see (the agency's internal drafting).
CITIZEN_HIDDEN_ACTIONS = frozenset({FeedbackAction.DRAFTED, FeedbackAction.RETURNED})


@dataclass(frozen=True)
class CitizenView:
    """What the citizen sees of a petition (portal tracking page, app API): the steps without
    the agency's drafts or officers' names, the approved answers, the question when more is
    asked, and whether the current answer can be rated."""

    events: list[Any]
    answers: list[FeedbackAnswer]
    question: str
    rateable: bool


def feedback_citizen_view(*, feedback: Feedback) -> CitizenView:
    events = [
        e for e in feedback_history(feedback=feedback) if e.action not in CITIZEN_HIDDEN_ACTIONS
    ]
    answers = [a for a in feedback_answers(feedback=feedback) if a.approved_at is not None]
    asked = [e for e in events if e.action == FeedbackAction.SUPPLEMENT_REQUESTED]
    waiting = feedback.status == FeedbackStatus.AWAITING_SUPPLEMENT
    current = next((a for a in answers if a.round == feedback.round), None)
    rateable = (
        feedback.status in (FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED)
        and current is not None
        and current.rated_at is None
    )
    return CitizenView(events, answers, str(asked[-1].note) if waiting and asked else "", rateable)
