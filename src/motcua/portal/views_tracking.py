"""Tra cứu hồ sơ: a citizen follows a dossier by its code and the last 4 digits of the phone
number given at submission. No account needed; rate-limited per address; one message whether the
code or the digits are wrong, so the page tells nothing about which codes exist."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.core.ratelimit import rate_limit_exceeded
from motcua.dossiers.constants import PAUSED_STATUSES
from motcua.dossiers.selectors import dossier_find_for_tracking, dossier_public_timeline


class TrackForm(forms.Form):
    ma = forms.CharField(label=gettext_lazy("Dossier code"), max_length=48)
    so = forms.CharField(
        label=gettext_lazy("Last 4 digits of the phone number given with the dossier"),
        max_length=4,
        min_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """GET shows the form (the receipt's QR code opens `?ma=<code>` with the code filled in);
    POST looks up, so the phone digits never sit in a URL, a log or the browser history."""
    asked = request.method == "POST"
    form = TrackForm(request.POST if asked else None, initial={"ma": request.GET.get("ma", "")})
    context: dict[str, object] = {"form": form}
    status = 200
    if asked and form.is_valid():
        if rate_limit_exceeded(
            key=f"track:{_client(request)}",
            limit=settings.MOTCUA_TRACKING_ATTEMPTS,
            window_seconds=settings.MOTCUA_TRACKING_WINDOW_MINUTES * 60,
        ):
            context["error"] = _(
                "Too many attempts from this connection. Wait %(minutes)s minutes and try again."
            ) % {"minutes": settings.MOTCUA_TRACKING_WINDOW_MINUTES}
            status = 429
        else:
            dossier = dossier_find_for_tracking(
                code=form.cleaned_data["ma"], phone_last_digits=form.cleaned_data["so"]
            )
            if dossier is None:
                context["error"] = _(
                    "No dossier matches this code and these digits. Check the code on your "
                    "receipt and the phone number you gave."
                )
            else:
                context.update(
                    dossier=dossier,
                    timeline=dossier_public_timeline(dossier=dossier),
                    paused=dossier.status in PAUSED_STATUSES,
                    result=getattr(dossier, "result", None),
                )
    response = render(request, "portal/track.html", context, status=status)
    response["Cache-Control"] = "no-store"  # personal data: not kept by shared caches
    # The code must not leak to other sites in a Referer header ("no-referrer" would make the
    # browser send "Origin: null" with the form, which CSRF protection rightly refuses).
    response["Referrer-Policy"] = "same-origin"
    return response
