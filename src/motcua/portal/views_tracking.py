"""Tra cứu hồ sơ: a citizen follows a dossier by its code and the last 4 digits of the phone
number given at submission. No account needed; rate-limited per address; one message whether the
code or the digits are wrong, so the page tells nothing about which codes exist."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.core.ratelimit import rate_limit_exceeded
from motcua.dossiers.constants import PAUSED_STATUSES, DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_find_for_tracking, dossier_public_timeline
from motcua.feedback.constants import DissatisfactionReason
from motcua.feedback.selectors import rating_get
from motcua.feedback.services import RatingError, rating_record


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


class RatingForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=gettext_lazy("Were you satisfied with how your dossier was handled?"),
        choices=[("1", gettext_lazy("Satisfied")), ("0", gettext_lazy("Not satisfied"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label=gettext_lazy("If not, why? (choose one or more)"),
        choices=DissatisfactionReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything else (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


def _tracked(
    dossier: Dossier, form: TrackForm, rating_form: RatingForm | None = None
) -> dict[str, object]:
    rating = rating_get(dossier=dossier)
    can_rate = dossier.status == DossierStatus.RESULT_RETURNED and rating is None
    return {
        "dossier": dossier,
        "timeline": dossier_public_timeline(dossier=dossier),
        "paused": dossier.status in PAUSED_STATUSES,
        "result": getattr(dossier, "result", None),
        "rating": rating,
        "rating_form": (rating_form or RatingForm()) if can_rate else None,
        "track_data": form.cleaned_data,
    }


def _limited(request: HttpRequest) -> bool:
    return rate_limit_exceeded(
        key=f"track:{_client(request)}",
        limit=settings.MOTCUA_TRACKING_ATTEMPTS,
        window_seconds=settings.MOTCUA_TRACKING_WINDOW_MINUTES * 60,
    )


@require_http_methods(["POST"])
def rate(request: HttpRequest) -> HttpResponse:
    """The rating form on the tracking page: the code and digits are checked again."""
    form = TrackForm(request.POST)
    if not form.is_valid() or _limited(request):
        return redirect("portal:track")
    dossier = dossier_find_for_tracking(
        code=form.cleaned_data["ma"], phone_last_digits=form.cleaned_data["so"]
    )
    if dossier is None:
        return redirect("portal:track")
    rating_form = RatingForm(request.POST)
    context: dict[str, object] = {"form": form}
    if rating_form.is_valid():
        try:
            rating_record(
                dossier=dossier,
                satisfied=rating_form.cleaned_data["satisfied"],
                reasons=rating_form.cleaned_data["reasons"],
                comment=rating_form.cleaned_data["comment"],
            )
        except RatingError as error:
            rating_form.add_error(None, str(error))
        else:
            context["thanks"] = True
    context.update(_tracked(dossier, form, rating_form))
    response = render(request, "portal/track.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """GET shows the form (the receipt's QR code opens `?ma=<code>` with the code filled in);
    POST looks up, so the phone digits never sit in a URL, a log or the browser history."""
    asked = request.method == "POST"
    form = TrackForm(request.POST if asked else None, initial={"ma": request.GET.get("ma", "")})
    context: dict[str, object] = {"form": form}
    status = 200
    if asked and form.is_valid():
        if _limited(request):
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
                context.update(_tracked(dossier, form))
    response = render(request, "portal/track.html", context, status=status)
    response["Cache-Control"] = "no-store"  # personal data: not kept by shared caches
    # The code must not leak to other sites in a Referer header ("no-referrer" would make the
    # browser send "Origin: null" with the form, which CSRF protection rightly refuses).
    response["Referrer-Policy"] = "same-origin"
    return response
