from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.organisation.selectors import unit_list_successors, unit_search

SEARCH_MAX_LENGTH = 100


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"hotline": settings.MOTCUA_HOTLINE})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    today = timezone.localdate()
    results = [
        {
            "unit": unit,
            "current": unit.is_valid_on(today),
            "successors": list(unit_list_successors(unit=unit)),
        }
        for unit in unit_search(query=query)
    ]
    return render(request, "portal/search.html", {"query": query, "results": results})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/account.html")
