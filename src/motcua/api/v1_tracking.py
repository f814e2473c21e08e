"""Following a dossier without an account, as on the portal's "Tra cứu hồ sơ": its code and the
last 4 digits of the phone given with it (in the body, not the address, so they stay out of
logs); one answer whether the code or the digits are wrong; rate-limited per connection (the
same counter as the portal). Once the result is handed over, the applicant rates the service."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from motcua.api.errors import ApiError
from motcua.core.ratelimit import rate_limit_exceeded
from motcua.dossiers.constants import PAUSED_STATUSES, DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_find_for_tracking, dossier_public_timeline
from motcua.feedback.constants import DissatisfactionReason
from motcua.feedback.selectors import rating_get
from motcua.feedback.services import RatingError, rating_record

router = Router(tags=["tracking"])


class TrackIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(
        min_length=1, max_length=48, pattern=r"^[^\x00]*$", description="The dossier's code"
    )
    phone_last_digits: str = Field(min_length=4, max_length=4, pattern=r"^\d{4}$")


class RatingIn(TrackIn):
    satisfied: bool
    reasons: list[Literal[tuple(DissatisfactionReason.values)]] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=10
    )
    comment: str = Field("", max_length=2000, pattern=r"^[^\x00]*$")


class TimelineEntry(Schema):
    at: datetime
    text: str
    detail: str


class RatingOut(Schema):
    satisfied: bool
    reasons: list[str]


class TrackedOut(Schema):
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    status_label: str
    paused: bool = Field(description="Waiting for the applicant (supplement, payment)")
    received_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    timeline: list[TimelineEntry]
    can_rate: bool
    rating: RatingOut | None


def _find(request: HttpRequest, body: TrackIn) -> Dossier:
    client = str(request.META.get("REMOTE_ADDR", "unknown"))
    if rate_limit_exceeded(
        key=f"track:{client}",
        limit=settings.MOTCUA_TRACKING_ATTEMPTS,
        window_seconds=settings.MOTCUA_TRACKING_WINDOW_MINUTES * 60,
    ):
        raise ApiError(
            429,
            "rate_limited",
            _("Too many look-ups from this connection. Try again in %(minutes)s minutes.")
            % {"minutes": settings.MOTCUA_TRACKING_WINDOW_MINUTES},
        )
    dossier = dossier_find_for_tracking(code=body.code, phone_last_digits=body.phone_last_digits)
    if dossier is None:
        raise ApiError(
            404,
            "not_found",
            _("No dossier matches this code and these digits. Check both and try again."),
        )
    return dossier


def _out(dossier: Dossier) -> TrackedOut:
    rating = rating_get(dossier=dossier)
    return TrackedOut(
        code=dossier.code or "",
        procedure_code=dossier.procedure_version.procedure.code,
        procedure_name=dossier.procedure_version.name,
        status=dossier.status,
        status_label=str(dossier.get_status_display()),
        paused=dossier.status in PAUSED_STATUSES,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        resolved_at=dossier.resolved_at,
        timeline=[
            TimelineEntry(at=e.at, text=e.text, detail=e.detail)
            for e in dossier_public_timeline(dossier=dossier)
        ],
        can_rate=dossier.status == DossierStatus.RESULT_RETURNED and rating is None,
        rating=RatingOut(satisfied=rating.satisfied, reasons=list(rating.reasons))
        if rating
        else None,
    )


@router.post("", response=TrackedOut, url_name="tracking")
def track(request: HttpRequest, body: TrackIn) -> TrackedOut:
    """Where the dossier is: its status, due date and what happened, in plain words."""
    return _out(_find(request, body))


@router.post("/rating", response={201: TrackedOut}, url_name="tracking_rating")
def rate(request: HttpRequest, body: RatingIn) -> Status[TrackedOut]:
    """Rate the service once the result is handed over (QĐ 766 indicator 5.4); once only.
    Not satisfied: at least one reason from the list."""
    dossier = _find(request, body)
    if dossier.status != DossierStatus.RESULT_RETURNED:
        raise ApiError(
            409,
            "not_possible_now",
            _("You can rate a dossier once its result has been handed over."),
        )
    if rating_get(dossier=dossier) is not None:
        raise ApiError(
            409, "not_possible_now", _("This dossier has already been rated. Thank you.")
        )
    try:
        rating_record(
            dossier=dossier,
            satisfied=body.satisfied,
            reasons=list(body.reasons),
            comment=body.comment,
        )
    except RatingError as error:
        raise ApiError(400, "invalid_input", str(error)) from error
    return Status(201, _out(dossier))
