"""Petitions (PAKN) from the mobile app: prove a phone with a one-time code, send a petition
with attachments, follow it by its secret token, answer a question, rate the answer.

The same services and rules as the portal (feedback.services): one petition a minute per phone,
the working-day limits, anonymous tips, the citizen's view without officers' names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict, Field

from motcua.accounts.models import OneTimeCode
from motcua.accounts.services import (
    AccountError,
    Contact,
    one_time_code_check,
    one_time_code_issue,
)
from motcua.api.errors import ApiError
from motcua.core.identity import IdentifierInvalidError, phone_clean
from motcua.core.ratelimit import rate_limit_exceeded
from motcua.feedback.constants import FeedbackAction, FeedbackStatus
from motcua.feedback.models import Feedback
from motcua.feedback.selectors import feedback_citizen_view, feedback_get_by_token
from motcua.feedback.services import (
    FeedbackError,
    FeedbackInput,
    feedback_rate,
    feedback_submit,
    feedback_supplement,
)
from motcua.notifications.channels import ChannelError, channel_for

router = Router(tags=["feedback"])
PHONE_TOKEN_SALT = "motcua.api.feedback.phone"  # noqa: S105 - a namespace, not a secret
PHONE_TOKEN_MINUTES = 30
OPTIONAL_FILES: Any = File(None)  # type: ignore[type-arg]  # `attachments` may be absent from the multipart body


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class CodeRequestIn(Strict):
    phone: str = Field(max_length=20, description="The phone number to prove (10 digits).")


class CodeRequestOut(Schema):
    verification_id: int
    expires_in_minutes: int


class CodeCheckIn(Strict):
    verification_id: int
    code: str = Field(max_length=8)


class CodeCheckOut(Schema):
    phone_token: str = Field(description="Send with the petition; valid 30 minutes.")
    valid_minutes: int


class FeedbackIn(Strict):
    phone_token: str = Field(max_length=200)
    kind: Literal["regulation", "behaviour", "other"]
    content: str = Field(max_length=20000)  # the service refuses above 5,000, in Vietnamese
    title: str = Field("", max_length=1000)
    name: str = Field("", max_length=200)
    anonymous: bool = False
    email: str = Field("", max_length=254)
    dossier_code: str = Field("", max_length=40)
    sector_id: int | None = None
    agency_id: int | None = None
    unit_id: int | None = None


class EventOut(Schema):
    action: str
    label: str
    at: datetime
    agency: str = ""


class AnswerOut(Schema):
    round: int
    text: str
    answered_at: datetime | None
    satisfied: bool | None
    rated_at: datetime | None


class FeedbackOut(Schema):
    code: str
    tracking_token: str
    tracking_url: str
    kind: str
    title: str
    status: str
    status_label: str
    received_at: datetime
    answer_by: datetime
    agency: str
    round: int
    events: list[EventOut]
    answers: list[AnswerOut]
    question: str = Field(description="What the agency asks, while status is awaiting_supplement")
    can_rate: bool
    can_supplement: bool


class RatingIn(Strict):
    satisfied: bool
    comment: str = Field("", max_length=2000)


def _refused(error: Exception, code: str = "invalid_input") -> ApiError:
    return ApiError(400, code, str(error))


def _out(feedback: Feedback) -> FeedbackOut:
    view = feedback_citizen_view(feedback=feedback)
    labels = dict(FeedbackAction.choices)
    return FeedbackOut(
        code=feedback.code,
        tracking_token=feedback.tracking_token,
        tracking_url=settings.MOTCUA_FEEDBACK_TRACKING_URL.format(token=feedback.tracking_token),
        kind=feedback.kind,
        title=feedback.title,
        status=feedback.status,
        status_label=str(feedback.get_status_display()),
        received_at=feedback.created_at,
        answer_by=feedback.handle_by,
        agency=feedback.agency.name if feedback.agency else "",
        round=feedback.round,
        events=[
            EventOut(
                action=e.action,
                label=str(labels.get(e.action, e.action)),
                at=e.at,
                agency=e.to_agency.name if e.to_agency else "",
            )
            for e in view.events
        ],
        answers=[
            AnswerOut(
                round=a.round,
                text=a.text,
                answered_at=a.approved_at,
                satisfied=a.satisfied,
                rated_at=a.rated_at,
            )
            for a in view.answers
        ],
        question=view.question,
        can_rate=view.rateable,
        can_supplement=feedback.status == FeedbackStatus.AWAITING_SUPPLEMENT,
    )


def _petition(token: str) -> Feedback:
    feedback = feedback_get_by_token(token=token)
    if feedback is None:
        raise Http404
    return feedback


@router.post("/codes", response={201: CodeRequestOut}, summary="Send a code to a phone")
def code_request(request: HttpRequest, data: CodeRequestIn) -> Status[CodeRequestOut]:
    try:
        phone = phone_clean(data.phone)
    except IdentifierInvalidError as error:
        raise _refused(error) from error
    if rate_limit_exceeded(
        key=f"feedback-otp-client:{request.META.get('REMOTE_ADDR', '')}",
        limit=settings.MOTCUA_OTP_PER_CLIENT_HOUR,
        window_seconds=3600,
    ):
        raise ApiError(429, "rate_limited", _("Too many codes were asked from this connection. "
                                               "Try again in an hour."))  # fmt: skip
    contact = Contact("sms", phone)
    try:
        otp, code = one_time_code_issue(purpose=OneTimeCode.Purpose.FEEDBACK, contact=contact)
    except AccountError as error:
        raise ApiError(429, "rate_limited", str(error)) from error
    text = _("Một Cửa code: %(code)s. Valid 10 minutes. Never give it to anyone.") % {"code": code}
    try:
        channel_for("sms").send(address=phone, subject=text, body=text)
    except ChannelError as error:
        message = _("The code could not be sent just now. Try again in a few minutes.")
        raise ApiError(503, "sms_unavailable", message) from error
    return Status(
        201,
        CodeRequestOut(verification_id=otp.pk, expires_in_minutes=settings.MOTCUA_OTP_MINUTES),
    )


@router.post("/codes/check", response=CodeCheckOut, summary="Check the code; a phone token")
def code_check(request: HttpRequest, data: CodeCheckIn) -> CodeCheckOut:
    try:
        otp = one_time_code_check(
            otp_id=data.verification_id, code=data.code, purpose=OneTimeCode.Purpose.FEEDBACK
        )
    except AccountError as error:
        raise _refused(error, "code_refused") from error
    token = signing.TimestampSigner(salt=PHONE_TOKEN_SALT).sign(otp.address)
    return CodeCheckOut(phone_token=token, valid_minutes=PHONE_TOKEN_MINUTES)


def _proven_phone(token: str) -> str:
    try:
        return signing.TimestampSigner(salt=PHONE_TOKEN_SALT).unsign(
            token, max_age=PHONE_TOKEN_MINUTES * 60
        )
    except signing.SignatureExpired as error:
        message = _("The phone check has expired: ask for a new code.")
        raise ApiError(401, "phone_token_expired", message) from error
    except signing.BadSignature as error:
        message = _("The phone check is not valid: ask for a new code.")
        raise ApiError(401, "phone_token_invalid", message) from error


@router.post("", response={201: FeedbackOut}, summary="Send a petition (multipart)")
def feedback_create(
    request: HttpRequest,
    data: Form[FeedbackIn],
    attachments: list[UploadedFile] = OPTIONAL_FILES,
) -> Status[FeedbackOut]:
    phone = _proven_phone(data.phone_token)
    if rate_limit_exceeded(
        key=f"feedback-client:{request.META.get('REMOTE_ADDR', '')}",
        limit=settings.MOTCUA_FEEDBACK_PER_CLIENT_HOUR,
        window_seconds=3600,
    ):
        message = _("Too many petitions were sent from this connection. Try again in an hour.")
        raise ApiError(429, "rate_limited", message)
    try:
        feedback = feedback_submit(
            data=FeedbackInput(
                channel="app", kind=data.kind, title=data.title, content=data.content,
                name=data.name, phone=phone, email=data.email, dossier_code=data.dossier_code,
                anonymous=data.anonymous, sector_id=data.sector_id,
                concerned_agency_id=data.agency_id, unit_id=data.unit_id,
                files=list(attachments or []),
            )
        )  # fmt: skip
    except FeedbackError as error:
        raise _refused(error) from error
    return Status(201, _out(feedback))


@router.get("/{token}", response=FeedbackOut, summary="Follow a petition by its token")
def feedback_read(request: HttpRequest, token: str) -> FeedbackOut:
    return _out(_petition(token))


@router.post("/{token}/rating", response=FeedbackOut, summary="Rate the answer")
def feedback_rating(request: HttpRequest, token: str, data: RatingIn) -> FeedbackOut:
    feedback = _petition(token)
    try:
        feedback = feedback_rate(
            feedback_id=feedback.pk, satisfied=data.satisfied, comment=data.comment
        )
    except FeedbackError as error:
        raise ApiError(409, "not_possible_now", str(error)) from error
    return _out(_petition(token))


@router.post("/{token}/supplement", response=FeedbackOut, summary="Give the information asked")
def feedback_supplement_give(
    request: HttpRequest,
    token: str,
    text: Form[str] = "",
    attachments: list[UploadedFile] = OPTIONAL_FILES,
) -> FeedbackOut:
    feedback = _petition(token)
    try:
        feedback_supplement(feedback_id=feedback.pk, text=text, files=list(attachments or []))
    except FeedbackError as error:
        if feedback.status != FeedbackStatus.AWAITING_SUPPLEMENT:
            raise ApiError(409, "not_possible_now", str(error)) from error
        raise _refused(error) from error
    return _out(_petition(token))
