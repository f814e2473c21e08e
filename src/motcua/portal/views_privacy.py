"""Ai đã xem dữ liệu của tôi: the officers who opened the citizen's personal data (issue 14).

Rows come from `accounts.PersonalDataAccess`, matched by the account, and by the keyed hash of
the profile's ID number once a received dossier has tied that number to the person (see
`dossiers.selectors.id_number_confirmed_for`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.models import User
from motcua.accounts.selectors import personal_data_access_list_for_citizen
from motcua.dossiers.selectors import id_number_confirmed_for

PAGE_SIZE = 25


@login_required
def data_access(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    confirmed = id_number_confirmed_for(user=user)
    rows = personal_data_access_list_for_citizen(citizen=user, id_number_confirmed=confirmed)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    response = render(
        request,
        "portal/data_access.html",
        {"page": page, "id_number_pending": bool(user.id_number) and not confirmed},
    )
    response["Cache-Control"] = "no-store"  # names of officers and codes of the person's dossiers
    return response
