"""Submitting a dossier from the app: the same server-side draft as the portal (dossiers'
OnlineDraft services), so a citizen may start on the phone and finish on the web.

    POST   /drafts                        {procedure_code}   the open draft (new or resumed)
    GET    /drafts/{id}                                      answers, files, what is missing
    PATCH  /drafts/{id}/answers           {revision, answers}  checked as the e-form says
    POST   /drafts/{id}/files             multipart: document_id, file
    DELETE /drafts/{id}/files/{file_id}
    POST   /drafts/{id}/submit            {revision, request_key, fee_claims}

Citizens' accounts only; another person's draft is a 404. Every write counts against the
account's hourly limit (`MOTCUA_API_DRAFT_WRITES_PER_HOUR`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict, Field

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.api.auth import bearer
from motcua.api.errors import ApiError
from motcua.catalog.constants import Channel
from motcua.catalog.eforms import Eform, eform_clean
from motcua.catalog.selectors import (
    eform_for_version,
    fee_claimable,
    procedure_resolve_code,
    version_get_current,
)
from motcua.core.ratelimit import rate_limit_exceeded
from motcua.dossiers.models import OnlineDraft
from motcua.dossiers.selectors import draft_get, unit_ids_valid
from motcua.dossiers.services import (
    DossierError,
    dossier_fees_outstanding_before_receipt,
    draft_attach,
    draft_detach,
    draft_missing,
    draft_save_answers,
    draft_start,
    draft_submit,
)

router = Router(tags=["online submission"], auth=bearer)
NO_NUL = r"^[^\x00]*$"


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class DraftStartIn(Strict):
    procedure_code: str = Field(min_length=1, max_length=40, pattern=NO_NUL)


class AnswersIn(Strict):
    revision: int = Field(ge=0, description="The draft's revision you last read")
    answers: dict[str, Any] = Field(
        max_length=60, description="Field name → value; merged into the answers so far"
    )


class SubmitIn(Strict):
    revision: int = Field(ge=0)
    request_key: str = Field(
        "",
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]*$",
        description="Any unique string per attempt: a retried request gives the same dossier",
    )
    fee_claims: list[str] = Field(
        default_factory=list, max_length=10, description="Codes from the e-form's fee_claims"
    )


class DraftFileOut(Schema):
    id: int
    document_id: int
    file_name: str
    content_type: str
    size: int


class FieldProblem(Schema):
    field: str
    message: str


class DraftOut(Schema):
    id: int
    procedure_code: str
    procedure_name: str
    revision: int
    answers: dict[str, Any]
    files: list[DraftFileOut]
    answer_problems: list[FieldProblem] = Field(description="Answers missing or not valid")
    missing_documents: list[str] = Field(description="Components still without a file")
    ready: bool = Field(description="Nothing is missing: the draft can be submitted")
    updated_at: datetime
    submitted_dossier_code: str | None


class SubmittedOut(Schema):
    code: str = Field(description="The dossier's code: follow it with /tracking or /me")
    status: str
    status_label: str
    receiving_agency: str
    submitted_at: datetime | None
    fee_total: int = Field(description="VND")
    pay_before_receipt: bool = Field(
        description="True: the desk receives the dossier once these fees are paid online "
        "(GET /me/dossiers/{code}/payments)"
    )


def _citizen(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]  # set by the bearer authentication
    assert isinstance(user, User)
    if user.role != Role.CITIZEN:
        raise ApiError(403, "citizens_only", _("Only a citizen's account submits dossiers here."))
    return user


def _write_allowed(user: User) -> None:
    if rate_limit_exceeded(
        key=f"api-draft-write:{user.pk}",
        limit=settings.MOTCUA_API_DRAFT_WRITES_PER_HOUR,
        window_seconds=3600,
    ):
        raise ApiError(429, "rate_limited", _("Too many changes in an hour. Try again later."))


def _draft(user: User, draft_id: int) -> OnlineDraft:
    draft = draft_get(citizen=user, draft_id=draft_id)
    if draft is None:
        raise Http404
    return draft


def _open_draft(user: User, draft_id: int) -> OnlineDraft:
    draft = _draft(user, draft_id)
    if draft.submitted_dossier_id:
        raise ApiError(409, "already_submitted", _("This draft was already submitted."))
    return draft


def _refused(error: Exception) -> ApiError:
    return ApiError(400, "invalid_input", str(error))


def _stale() -> ApiError:
    return ApiError(
        409,
        "stale_revision",
        _("This draft was changed in another tab or device. Reload to see the latest."),
    )


def _out(draft: OnlineDraft) -> DraftOut:
    draft = _draft(draft.citizen, draft.pk)  # fresh: files, revision, submission
    errors, missing = draft_missing(draft)
    dossier = draft.submitted_dossier
    return DraftOut(
        id=draft.pk,
        procedure_code=draft.version.procedure.code,
        procedure_name=draft.version.name,
        revision=draft.revision,
        answers=draft.answers,
        files=[
            DraftFileOut(
                id=f.pk,
                document_id=f.required_document_id,
                file_name=f.file_name,
                content_type=f.content_type,
                size=f.size,
            )
            for f in draft.files.order_by("pk")
        ],
        answer_problems=[FieldProblem(field=k, message=v) for k, v in errors.items()],
        missing_documents=missing,
        ready=not errors and not missing,
        updated_at=draft.updated_at,
        submitted_dossier_code=dossier.code if dossier else None,
    )


@router.post("", response={201: DraftOut}, summary="Start (or resume) a draft")
def draft_create(request: HttpRequest, data: DraftStartIn) -> Status[DraftOut]:
    """The citizen's open draft of this procedure: a new one, or the one already started (on
    the portal or another phone)."""
    user = _citizen(request)
    resolved = procedure_resolve_code(code=data.procedure_code)
    version = version_get_current(code=resolved) if resolved else None
    if version is None:
        raise Http404
    _write_allowed(user)
    try:
        draft = draft_start(citizen=user, version_id=version.pk)
    except DossierError as error:
        raise ApiError(409, "not_online", str(error)) from error
    return Status(201, _out(draft))


@router.get("/{draft_id}", response=DraftOut, summary="One draft")
def draft_read(request: HttpRequest, draft_id: int) -> DraftOut:
    return _out(_draft(_citizen(request), draft_id))


@router.patch("/{draft_id}/answers", response=DraftOut, summary="Answer questions of the form")
def draft_answers(request: HttpRequest, draft_id: int, data: AnswersIn) -> DraftOut:
    """Each answer is checked as the e-form says (with the other answers, for the questions
    asked only in some cases); one wrong answer refuses them all, listed by field."""
    user = _citizen(request)
    draft = _open_draft(user, draft_id)
    if draft.revision != data.revision:
        raise _stale()
    eform = eform_for_version(version=draft.version)
    given = [f for f in eform.fields if f.name in data.answers]
    unknown = sorted(set(data.answers) - {f.name for f in given})
    problems = [{"field": f"answers.{name}", "message": _("Unknown field.")} for name in unknown]
    merged = {**draft.answers, **data.answers}
    clean, errors = eform_clean(
        Eform(fields=tuple(given)), merged, today=timezone.localdate(), units=unit_ids_valid()
    )
    problems += [{"field": f"answers.{k}", "message": v} for k, v in errors.items()]
    if problems:
        raise ApiError(400, "invalid_request", _("Some fields are missing or not valid."), problems)
    _write_allowed(user)
    try:
        draft = draft_save_answers(
            citizen=user,
            draft_id=draft.pk,
            revision=data.revision,
            # Unasked questions (their condition is not met) keep no answer.
            answers={f.name: clean.get(f.name) for f in given},
        )
    except DossierError as error:
        raise _stale() from error
    return _out(draft)


@router.post("/{draft_id}/files", response={201: DraftFileOut}, summary="Upload one file")
def draft_file_add(
    request: HttpRequest,
    draft_id: int,
    document_id: Form[int],
    file: File[UploadedFile],
) -> Status[DraftFileOut]:
    """Multipart: `document_id` (a component of the e-form's `documents`) and `file` (PDF, JPEG
    or PNG, recognised by its content, at most MOTCUA_UPLOAD_MAX_MB)."""
    user = _citizen(request)
    draft = _open_draft(user, draft_id)
    _write_allowed(user)
    try:
        stored = draft_attach(
            citizen=user, draft_id=draft.pk, required_document_id=document_id, upload=file
        )
    except DossierError as error:
        raise _refused(error) from error
    return Status(
        201,
        DraftFileOut(
            id=stored.pk,
            document_id=stored.required_document_id,
            file_name=stored.file_name,
            content_type=stored.content_type,
            size=stored.size,
        ),
    )


@router.delete("/{draft_id}/files/{file_id}", response={204: None}, summary="Remove a file")
def draft_file_remove(request: HttpRequest, draft_id: int, file_id: int) -> Status[None]:
    user = _citizen(request)
    draft = _open_draft(user, draft_id)
    if not draft.files.filter(pk=file_id).exists():
        raise Http404
    _write_allowed(user)
    draft_detach(citizen=user, draft_id=draft.pk, file_id=file_id)
    return Status(204, None)


@router.post("/{draft_id}/submit", response={201: SubmittedOut}, summary="Submit the dossier")
def draft_send(request: HttpRequest, draft_id: int, data: SubmitIn) -> Status[SubmittedOut]:
    """Once: a retried submission (same draft) gives the same dossier. The dossier waits in
    the competent desk's queue; the account's commune decides which desk."""
    user = _citizen(request)
    draft = _draft(user, draft_id)
    if not draft.submitted_dossier_id:
        if draft.revision != data.revision:
            raise _stale()
        offered = {
            r.beneficiary
            for r in fee_claimable(
                version=draft.version, channel=Channel.ONLINE, on=timezone.localdate()
            )
        }
        unknown = [
            {
                "field": "fee_claims",
                "message": _("This reduction or exemption is not offered for this procedure."),
            }
            for claim in data.fee_claims
            if claim not in offered
        ][:1]
        errors, missing = draft_missing(draft)
        if user.unit_id is None:
            unknown.append({
                "field": "unit_id",
                "message": _("Add your commune or ward to your profile, so the dossier goes to "
                             "the right agency."),
            })  # fmt: skip
        problems = unknown + [{"field": f"answers.{k}", "message": v} for k, v in errors.items()]
        problems += [
            {"field": "files", "message": _("A file is missing: %(name)s") % {"name": name[:200]}}
            for name in missing
        ]
        if problems:
            message = _("Some answers or files are missing; the review page lists them.")
            raise ApiError(400, "draft_incomplete", message, problems)
    _write_allowed(user)
    try:
        dossier = draft_submit(
            citizen=user,
            draft_id=draft.pk,
            revision=data.revision,
            request_key=f"draft:{draft.pk}:{data.request_key}" if data.request_key else None,
            fee_claims=data.fee_claims,
        )
    except DossierError as error:
        raise _refused(error) from error
    return Status(
        201,
        SubmittedOut(
            code=dossier.code or "",
            status=dossier.status,
            status_label=str(dossier.get_status_display()),
            receiving_agency=dossier.receiving_agency.name,
            submitted_at=dossier.submitted_at,
            fee_total=dossier.fee_total,
            pay_before_receipt=dossier_fees_outstanding_before_receipt(dossier),
        ),
    )
