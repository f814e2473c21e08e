"""The signed-in citizen's own data for the app: their profile and their dossiers (a bearer
access token; another person's objects are never reachable here)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from motcua.accounts.models import User
from motcua.accounts.services import AccountError, Profile, citizen_profile_save
from motcua.api.auth import bearer, citizen_of, write_counted
from motcua.api.errors import ApiError
from motcua.documents.selectors import store_entry_of_citizen, store_of_citizen
from motcua.dossiers.selectors import dossier_list_for_citizen, id_number_confirmed_for
from motcua.notifications.selectors import notification_list_for_user
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import unit_list_valid_on

router = Router(tags=["my account"], auth=bearer)
PAGE_MAX = 100


class MeOut(Schema):
    username: str
    full_name: str
    phone: str
    email: str
    role: str
    date_of_birth: date | None
    address: str
    unit_id: int | None = Field(description="The commune or ward: it decides which desk "
                                "receives the person's dossiers")  # fmt: skip
    unit_name: str
    id_number_confirmed: bool


class ProfileIn(Schema):
    """Only what is sent changes. The ID number and the phone are not changed here: the number
    is confirmed by a dossier or by single sign-on, the phone by a code (on the portal)."""

    model_config = ConfigDict(extra="forbid")

    full_name: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    date_of_birth: date | None = None
    address: str | None = Field(None, max_length=300, pattern=r"^[^\x00]*$")
    unit_id: int | None = Field(None, description="A commune or ward: GET an e-form's `unit` "
                                "options, or the portal's list")  # fmt: skip


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=PAGE_MAX)


class MyDossier(Schema):
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    status_label: str
    channel: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None


class MyDossierPage(Schema):
    count: int
    page: int
    pages: int
    results: list[MyDossier]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]  # set by the bearer authentication
    assert isinstance(user, User)
    return user


def _me(user: User) -> MeOut:
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        phone=user.phone,
        email=user.email,
        role=user.role,
        date_of_birth=user.date_of_birth,
        address=user.address,
        unit_id=user.unit_id,
        unit_name=user.unit.name if user.unit else "",
        id_number_confirmed=bool(_confirmed_id_number(user)),
    )


@router.get("", response=MeOut, url_name="me")
def me(request: HttpRequest) -> MeOut:
    return _me(_user(request))


@router.patch("/profile", response=MeOut, url_name="my_profile")
def my_profile(request: HttpRequest, data: ProfileIn) -> MeOut:
    """Name, date of birth, address and commune, as on the portal's profile page."""
    user = citizen_of(request)
    write_counted(user)
    sent = data.model_fields_set
    unit_id = data.unit_id if "unit_id" in sent else user.unit_id
    if "unit_id" in sent and (
        unit_id is None
        or not unit_list_valid_on(day=timezone.localdate(), tier=Tier.COMMUNE)
        .filter(pk=unit_id)
        .exists()
    ):
        message = _("Choose a commune or ward from the list.")
        fields = [{"field": "unit_id", "message": message}]
        raise ApiError(400, "invalid_request", _("Some fields are missing or not valid."), fields)
    profile = Profile(
        full_name=data.full_name if data.full_name is not None else user.full_name,
        date_of_birth=data.date_of_birth if "date_of_birth" in sent else user.date_of_birth,
        id_number=user.id_number or "",
        address=data.address if data.address is not None else user.address,
        unit_id=unit_id,
        organisation_name=user.organisation_name,
        tax_code=user.tax_code,
    )
    try:
        saved = citizen_profile_save(user=user, profile=profile)
    except AccountError as error:
        raise ApiError(400, "invalid_input", str(error)) from error
    return _me(saved)


@router.get("/dossiers", response=MyDossierPage, url_name="my_dossiers")
def my_dossiers(request: HttpRequest, query: Query[PageQuery]) -> MyDossierPage:
    """The dossiers submitted from this account, newest first."""
    dossiers = dossier_list_for_citizen(citizen=_user(request)).select_related(
        "procedure_version__procedure"
    )
    paginator = Paginator(dossiers, query.page_size)
    page = paginator.get_page(query.page)
    return MyDossierPage(
        count=paginator.count,
        page=page.number,
        pages=paginator.num_pages,
        results=[
            MyDossier(
                code=d.code,
                procedure_code=d.procedure_version.procedure.code,
                procedure_name=d.procedure_version.name,
                status=d.status,
                status_label=str(d.get_status_display()),
                channel=d.channel,
                submitted_at=d.submitted_at,
                received_at=d.received_at,
                due_at=d.due_at,
                resolved_at=d.resolved_at,
            )
            for d in page.object_list
        ],
    )


class MyDocument(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    issuer: str
    issued_at: datetime
    valid_until: date | None
    dossier_code: str
    download: str = Field(description="GET with the same bearer token: the PDF")


class MyDocuments(Schema):
    id_number_confirmed: bool = Field(
        description="False: the profile's ID number is not yet confirmed as the person's "
        "(a received dossier, or single sign-on with the national identity); the list is empty"
    )
    results: list[MyDocument]


def _confirmed_id_number(user: User) -> str:
    return user.id_number if id_number_confirmed_for(user=user) else ""


@router.get("/documents", response=MyDocuments, url_name="my_documents")
def my_documents(request: HttpRequest) -> MyDocuments:
    """Results, certified copies and scans the state holds under the person's confirmed ID
    number (at most 200, newest first)."""
    number = _confirmed_id_number(_user(request))
    entries = store_of_citizen(id_number=number).select_related("dossier")[:200] if number else []
    return MyDocuments(
        id_number_confirmed=bool(number),
        results=[
            MyDocument(
                id=e.pk,
                kind=e.kind,
                kind_label=str(e.get_kind_display()),
                title=e.title,
                issuer=e.issuer.name,
                issued_at=e.issued_at,
                valid_until=e.valid_until,
                dossier_code=e.dossier.code or "",
                download=f"/api/v1/me/documents/{e.pk}/file",
            )
            for e in entries
        ],
    )


@router.get("/documents/{entry_id}/file", url_name="my_document_file")
def my_document_file(request: HttpRequest, entry_id: int) -> FileResponse:
    number = _confirmed_id_number(_user(request))
    entry = store_entry_of_citizen(id_number=number, entry_id=entry_id) if number else None
    if entry is None:
        raise Http404
    return FileResponse(
        entry.file.open("rb"), as_attachment=True, filename=f"{entry.title[:60]}.pdf"
    )


class MyNotification(Schema):
    kind: str
    subject: str
    text: str
    channel: str
    status: str
    dossier_code: str | None
    created_at: datetime
    sent_at: datetime | None


class MyNotificationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[MyNotification]


@router.get("/notifications", response=MyNotificationPage, url_name="my_notifications")
def my_notifications(request: HttpRequest, query: Query[PageQuery]) -> MyNotificationPage:
    """The messages the portal wrote to the person (SMS, Zalo, e-mail), newest first."""
    paginator = Paginator(notification_list_for_user(user=_user(request)), query.page_size)
    page = paginator.get_page(query.page)
    return MyNotificationPage(
        count=paginator.count,
        page=page.number,
        pages=paginator.num_pages,
        results=[
            MyNotification(
                kind=n.kind,
                subject=n.subject,
                text=n.text_short,
                channel=n.channel,
                status=n.status,
                dossier_code=n.dossier.code if n.dossier else None,
                created_at=n.created_at,
                sent_at=n.sent_at,
            )
            for n in page.object_list
        ],
    )
