"""The signed-in citizen's own data for the app: their profile and their dossiers (a bearer
access token; another person's objects are never reachable here)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.accounts.models import User
from motcua.api.auth import bearer
from motcua.documents.selectors import store_entry_of_citizen, store_of_citizen
from motcua.dossiers.selectors import dossier_list_for_citizen, id_number_confirmed_for
from motcua.notifications.selectors import notification_list_for_user

router = Router(tags=["my account"], auth=bearer)
PAGE_MAX = 100


class MeOut(Schema):
    username: str
    full_name: str
    phone: str
    email: str
    role: str


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


@router.get("", response=MeOut, url_name="me")
def me(request: HttpRequest) -> MeOut:
    user = _user(request)
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        phone=user.phone,
        email=user.email,
        role=user.role,
    )


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
