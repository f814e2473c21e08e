"""The signed-in citizen's own data for the app: their profile and their dossiers (a bearer
access token; another person's objects are never reachable here)."""

from __future__ import annotations

from datetime import datetime

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.accounts.models import User
from motcua.api.auth import bearer
from motcua.dossiers.selectors import dossier_list_for_citizen

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
