"""Officer pages. Scope comes from accounts.selectors; out of scope reads as 404."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import PUBLIC_ROLES, Role
from motcua.accounts.models import User
from motcua.accounts.selectors import (
    agency_list_administered_by,
    agency_list_for_user,
    membership_list_for_agency,
    membership_list_for_user,
)
from motcua.backoffice.views_directives import directive_warnings
from motcua.backoffice.views_feedback import petition_warnings
from motcua.core.calendar import get_calendar
from motcua.dossiers.selectors import lateness_by_agency
from motcua.feedback.selectors import rating_list_to_follow_up
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import desk_list_for_agency, unit_list_valid_on

ROLE_PAGES = {
    Role.DESK_OFFICER: (
        _("One-stop desk"),
        _("Receive dossiers at the desk and from the portal, issue receipts, return results."),
    ),
    Role.SPECIALIST: (
        _("Specialist's desk"),
        _("Examine the dossiers assigned to you before their step deadline."),
    ),
    Role.LEADER: (
        _("Leader's desk"),
        _("Approve and sign results; see lateness before it happens."),
    ),
    Role.AGENCY_ADMIN: (
        _("Agency administration"),
        _("See your agency's officers and their roles."),
    ),
    Role.PROVINCE_MONITOR: (
        _("Province monitoring"),
        _("Follow every agency and commune of the province."),
    ),
    Role.SYSTEM_ADMIN: (
        _("System administration"),
        _("Configure the platform: calendar, units, agencies, accounts."),
    ),
}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _officer_required(request: HttpRequest) -> User:
    user = _user(request)
    if user.role in PUBLIC_ROLES:
        raise Http404
    return user


def _today_facts(today: date) -> dict[str, object]:
    calendar = get_calendar()
    return {
        "today": today,
        "today_is_working_day": calendar.is_working_day(today),
        "next_working_day": calendar.next_working_day(today),
        "working_periods": calendar.periods,
    }


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where every user lands after signing in: citizens on the portal, officers here."""
    user = _user(request)
    if user.role in PUBLIC_ROLES:
        return redirect("portal:account")
    today = timezone.localdate()
    title, description = ROLE_PAGES[Role(user.role)]
    context = {
        "role_title": title,
        "role_description": description,
        "memberships": membership_list_for_user(user=user, day=today),
        "administered": agency_list_administered_by(user=user, day=today),
        **_today_facts(today),
    }
    context["petitions"] = petition_warnings(user)
    context["directive_tasks"] = directive_warnings(user)
    if user.role in {Role.PROVINCE_MONITOR, Role.SYSTEM_ADMIN}:
        context["agency_count"] = agency_list_for_user(user=user, day=today).count()
        context["commune_count"] = unit_list_valid_on(day=today, tier=Tier.COMMUNE).count()
    if user.role in (Role.LEADER, Role.AGENCY_ADMIN):
        agencies = list(
            membership_list_for_user(user=user, day=today).values_list("agency_id", flat=True)
        )
        context["lateness"] = lateness_by_agency(agencies=agencies)
        context["ratings"] = list(rating_list_to_follow_up(user=user)[:20])
    return render(request, "backoffice/landing.html", context)


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _officer_required(request)
    agency = get_object_or_404(agency_list_for_user(user=user), pk=pk)
    return render(
        request,
        "backoffice/agency_detail.html",
        {
            "agency": agency,
            "desks": desk_list_for_agency(agency=agency),
            "can_manage": agency_list_administered_by(user=user).filter(pk=pk).exists(),
        },
    )


@login_required
def agency_manage(request: HttpRequest, pk: int) -> HttpResponse:
    user = _officer_required(request)
    agency = get_object_or_404(agency_list_administered_by(user=user), pk=pk)
    return render(
        request,
        "backoffice/agency_manage.html",
        {"agency": agency, "memberships": membership_list_for_agency(agency=agency)},
    )
