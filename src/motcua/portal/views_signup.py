"""Citizens sign up with a phone number or an e-mail address and a one-time code, then keep a
profile that pre-fills their dossiers. Works without JavaScript; every step is a plain form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts.constants import PUBLIC_ROLES
from motcua.accounts.models import User
from motcua.accounts.services import (
    AccountError,
    Contact,
    Profile,
    citizen_profile_save,
    citizen_sign_up,
    citizen_verify,
    contact_parse,
)
from motcua.notifications.channels import ChannelError, channel_for
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import unit_list_valid_on

_SESSION_KEY = "signup_otp"


class SignUpForm(forms.Form):
    contact = forms.CharField(
        label=gettext_lazy("Phone number or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
        help_text=gettext_lazy("We send a 6-digit code there to check it is yours."),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("The 6-digit code"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def send_code(contact: Contact, code: str) -> None:
    """Send a one-time code now, on the contact's own channel (no outbox: it expires soon)."""
    text = _("Một Cửa code: %(code)s. Valid 10 minutes. Never give it to anyone.") % {"code": code}
    channel_for(contact.channel).send(address=contact.address, subject=text, body=text)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _user, otp, code = citizen_sign_up(
                contact_text=form.cleaned_data["contact"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
            send_code(contact_parse(form.cleaned_data["contact"]), code)
        except AccountError as error:
            form.add_error(None, str(error))
        except ChannelError:
            form.add_error(
                None, _("The code could not be sent just now. Try again in a few minutes.")
            )
        else:
            request.session[_SESSION_KEY] = otp.pk
            return redirect("portal:sign_up_verify")
    return render(request, "portal/sign_up.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_up_verify(request: HttpRequest) -> HttpResponse:
    otp_id = request.session.get(_SESSION_KEY)
    if otp_id is None:
        return redirect("portal:sign_up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = citizen_verify(otp_id=otp_id, code=form.cleaned_data["code"])
        except AccountError as error:
            form.add_error("code", str(error))
        else:
            del request.session[_SESSION_KEY]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready. Complete your profile."))
            return redirect("portal:profile")
    return render(request, "portal/sign_up_verify.html", {"form": form})


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    date_of_birth = forms.DateField(
        label=gettext_lazy("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    id_number = forms.CharField(
        label=gettext_lazy("ID number (12 digits)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Commune or ward"), queryset=None, required=False
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisation (if you act for one)"), max_length=255, required=False
    )
    tax_code = forms.CharField(label=gettext_lazy("Tax code"), max_length=14, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].queryset = unit_list_valid_on(  # type: ignore[attr-defined]
            day=timezone.localdate(), tier=Tier.COMMUNE
        ).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.role not in PUBLIC_ROLES:
        raise Http404
    initial = {
        "full_name": user.full_name,
        "date_of_birth": user.date_of_birth,
        "id_number": user.id_number,
        "address": user.address,
        "unit": user.unit_id,
        "organisation_name": user.organisation_name,
        "tax_code": user.tax_code,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            citizen_profile_save(
                user=user,
                profile=Profile(
                    full_name=data["full_name"],
                    date_of_birth=data["date_of_birth"],
                    id_number=data["id_number"],
                    address=data["address"],
                    unit_id=data["unit"].pk if data["unit"] else None,
                    organisation_name=data["organisation_name"],
                    tax_code=data["tax_code"],
                ),
            )
        except AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("portal:account")
    return render(request, "portal/profile.html", {"form": form})
