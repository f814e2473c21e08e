"""Submitting a dossier from the app: the same server-side draft as the portal (dossiers'
OnlineDraft services), so a citizen may start on the phone and finish on the web.

    POST   /drafts                        {procedure_code}   the open draft (new or resumed)
    GET    /drafts/{id}                                      answers, files, what is missing
    PATCH  /drafts/{id}/answers           {revision, answers}  checked as the e-form says
    POST   /drafts/{id}/files             multipart: document_id, file
    DELETE /drafts/{id}/files/{file_id}
    POST   /drafts/{id}/submit            {revision, request_key, fee_claims}

Citizens' accounts only; another person's draft is a 404. Every write counts against the
account's hourly limit (`MOTCUA_API_WRITES_PER_HOUR`), refused ones too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict, Field

from motcua.accounts.models import User
from motcua.api.auth import bearer, citizen_of, write_counted
from motcua.api.errors import ApiError
from motcua.catalog.constants import Channel
from motcua.catalog.eforms import eform_clean, is_asked
from motcua.catalog.selectors import (
    eform_for_version,
    fee_claimable,
    procedure_resolve_code,
    version_get_current,
)
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


def _draft(user: User, draft_id: int) -> OnlineDraft:
    draft = draft_get(citizen=user, draft_id=draft_id)
    if draft is None:
        raise Http404
    return draft


def _already_submitted() -> ApiError:
    return ApiError(409, "already_submitted", _("This draft was already submitted."))


def _open_draft(user: User, draft_id: int) -> OnlineDraft:
    draft = _draft(user, draft_id)
    if draft.submitted_dossier_id:
        raise _already_submitted()
    return draft


def _stale() -> ApiError:
    return ApiError(
        409,
        "stale_revision",
        _("This draft was changed in another tab or device. Reload to see the latest."),
    )


def _refusal(user: User, draft_id: int, revision: int | None, error: DossierError) -> ApiError:
    """What a service refusal means, from the draft as it is now: another phone or the portal
    got there first (submitted it, or changed it), or the rule in the message."""
    draft = _draft(user, draft_id)
    if draft.submitted_dossier_id:
        return _already_submitted()
    if revision is not None and draft.revision != revision:
        return _stale()
    return ApiError(400, "invalid_input", str(error))


def _plain_text(value: str) -> bool:
    """Storable text: no NUL and no lone surrogate (PostgreSQL's jsonb refuses both)."""
    return "\x00" not in value and not any("\ud800" <= c <= "\udfff" for c in value)


def _storable(value: Any, *, in_group: bool = False) -> bool:
    """An answer the e-form can check: a scalar, or for a group a list of flat objects."""
    if isinstance(value, str):
        return _plain_text(value)
    if value is None or isinstance(value, bool | int | float):
        return True
    if isinstance(value, list) and not in_group:
        return all(
            isinstance(entry, dict)
            and all(_plain_text(k) and _storable(v, in_group=True) for k, v in entry.items())
            for entry in value
        )
    return False


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
    user = citizen_of(request)
    write_counted(user)
    resolved = procedure_resolve_code(code=data.procedure_code)
    version = version_get_current(code=resolved) if resolved else None
    if version is None:
        raise Http404
    try:
        draft = draft_start(citizen=user, version_id=version.pk)
    except DossierError as error:
        raise ApiError(409, "not_online", str(error)) from error
    return Status(201, _out(draft))


@router.get("/{draft_id}", response=DraftOut, summary="One draft")
def draft_read(request: HttpRequest, draft_id: int) -> DraftOut:
    return _out(_draft(citizen_of(request), draft_id))


@router.patch("/{draft_id}/answers", response=DraftOut, summary="Answer questions of the form")
def draft_answers(request: HttpRequest, draft_id: int, data: AnswersIn) -> DraftOut:
    """Each answer is checked as the e-form says, with every other answer (a question asked
    only in some cases); one wrong answer refuses them all, listed by field."""
    user = citizen_of(request)
    write_counted(user)
    draft = _open_draft(user, draft_id)
    if draft.revision != data.revision:
        raise _stale()
    eform = eform_for_version(version=draft.version)
    names = {f.name for f in eform.fields}
    invalid = _("This value is not valid.")
    bad = {n for n, v in data.answers.items() if n not in names or not _storable(v)}
    problems = [
        {"field": f"answers.{n}", "message": invalid if n in names else _("Unknown field.")}
        for n in sorted(bad)
    ]
    given = {n: v for n, v in data.answers.items() if n not in bad}
    # The whole form, with the answers saved before (from the portal too, as typed there):
    # conditions see every answer cleaned the same way.
    merged = {**draft.answers, **given}
    clean, errors = eform_clean(eform, merged, today=timezone.localdate(), units=unit_ids_valid())
    sent = [f for f in eform.fields if f.name in given]
    problems += [
        {"field": f"answers.{key}", "message": message}
        for key, message in errors.items()
        if key.split(".", 1)[0] in given
    ]
    problems += [
        {
            "field": f"answers.{f.name}",
            "message": _("This question is not asked with your other answers."),
        }
        for f in sent
        if not is_asked(f, {**merged, **clean}) and given[f.name] not in (None, "", [])
    ]
    if problems:
        raise ApiError(400, "invalid_request", _("Some fields are missing or not valid."), problems)
    try:
        draft = draft_save_answers(
            citizen=user,
            draft_id=draft.pk,
            revision=data.revision,
            answers={f.name: clean.get(f.name) for f in sent},
        )
    except DossierError as error:
        raise _refusal(user, draft.pk, data.revision, error) from error
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
    user = citizen_of(request)
    write_counted(user)
    draft = _open_draft(user, draft_id)
    try:
        stored = draft_attach(
            citizen=user, draft_id=draft.pk, required_document_id=document_id, upload=file
        )
    except DossierError as error:
        raise _refusal(user, draft.pk, None, error) from error
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
    user = citizen_of(request)
    write_counted(user)
    draft = _open_draft(user, draft_id)
    if not draft.files.filter(pk=file_id).exists():
        raise Http404
    draft_detach(citizen=user, draft_id=draft.pk, file_id=file_id)
    return Status(204, None)


@router.post("/{draft_id}/submit", response={201: SubmittedOut}, summary="Submit the dossier")
def draft_send(request: HttpRequest, draft_id: int, data: SubmitIn) -> Status[SubmittedOut]:
    """Once: a retried submission (same draft) gives the same dossier. The dossier waits in
    the competent desk's queue; the account's commune decides which desk."""
    user = citizen_of(request)
    write_counted(user)
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
        problems = [
            {
                "field": "fee_claims",
                "message": _("This reduction or exemption is not offered for this procedure."),
            }
            for claim in data.fee_claims
            if claim not in offered
        ][:1]
        if user.unit_id is None:
            problems.append({
                "field": "unit_id",
                "message": _("Add your commune or ward to your profile, so the dossier goes to "
                             "the right agency."),
            })  # fmt: skip
        errors, missing = draft_missing(draft)
        problems += [{"field": f"answers.{k}", "message": v} for k, v in errors.items()]
        problems += [
            {"field": "files", "message": _("A file is missing: %(name)s") % {"name": name[:200]}}
            for name in missing
        ]
        if problems:
            message = _("Some answers or files are missing; the review page lists them.")
            raise ApiError(400, "draft_incomplete", message, problems)
    try:
        dossier = draft_submit(
            citizen=user,
            draft_id=draft.pk,
            revision=data.revision,
            request_key=f"draft:{draft.pk}:{data.request_key}" if data.request_key else None,
            fee_claims=data.fee_claims,
        )
    except DossierError as error:
        refusal = _refusal(user, draft.pk, data.revision, error)
        if refusal.code == "already_submitted":  # another phone submitted it meanwhile
            dossier = draft_submit(
                citizen=user, draft_id=draft.pk, revision=data.revision, fee_claims=()
            )
        else:
            raise refusal from error
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
