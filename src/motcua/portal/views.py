from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.selectors import dossier_list_for_citizen, draft_list_open
from motcua.notifications.services import (
    PreferenceError,
    notification_list_for_user,
    notification_preference_get,
    notification_preference_save,
)
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
    """The citizen's page: who they are, how they want to be told, what they were told."""
    user = request.user
    preference = notification_preference_get(user=user)
    form = PreferenceForm(
        request.POST or None,
        initial={
            "email": preference.email if preference else True,
            "sms": preference.sms if preference else True,
            "zalo": preference.zalo if preference else False,
            "language": preference.language if preference else "vi",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            notification_preference_save(user=user, **form.cleaned_data)
        except PreferenceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("portal:account")
    return render(
        request,
        "portal/account.html",
        {
            "form": form,
            "notifications": notification_list_for_user(user=user),
            "dossiers": list(
                dossier_list_for_citizen(citizen=user).prefetch_related("signed_results")[:50]
            ),
            "drafts": list(draft_list_open(citizen=user)),
        },
    )


class PreferenceForm(forms.Form):
    sms = forms.BooleanField(label=gettext_lazy("By SMS"), required=False)
    zalo = forms.BooleanField(label=gettext_lazy("By Zalo"), required=False)
    email = forms.BooleanField(label=gettext_lazy("By email"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of messages"), choices=settings.LANGUAGES
    )
