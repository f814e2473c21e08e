"""Community digital team members (Tổ công nghệ số cộng đồng) submit for citizens who ask for
help: the citizen consents by reading out a code sent to their own phone; the citizen stays the
applicant, gets every message and sees who helped; every act of the helper is audited."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.accounts.selectors import helper_citizens, helper_may_act_for, user_get
from motcua.accounts.services import (
    AccountError,
    helper_consent_confirm,
    helper_consent_paper,
    helper_consent_request,
)
from motcua.catalog.selectors import procedure_resolve_code, version_get_current
from motcua.dossiers.selectors import dossier_list_by_helper
from motcua.dossiers.services import DossierError, draft_start
from motcua.notifications.channels import ChannelError, channel_for

_SESSION_KEY = "helper_consent_otp"


def _helper(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if user.role != Role.COMMUNITY_HELPER:
        raise Http404
    return user


class ConsentForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("The citizen's mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    full_name = forms.CharField(label=gettext_lazy("The citizen's full name"), max_length=200)
    id_number = forms.CharField(
        label=gettext_lazy("ID number (12 digits)"), max_length=20, required=False
    )


class PaperConsentForm(ConsentForm):
    document = forms.FileField(
        label=gettext_lazy("The signed authorisation, scanned (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("The code the citizen received"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    procedure = forms.CharField(
        label=gettext_lazy("Procedure code to submit (optional)"), max_length=12, required=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def helper_home(request: HttpRequest) -> HttpResponse:
    helper = _helper(request)
    paper = PaperConsentForm(
        request.POST if "paper" in request.POST else None,
        request.FILES if "paper" in request.POST else None,
        prefix="paper",
    )
    if "paper" in request.POST and paper.is_valid():
        try:
            consent = helper_consent_paper(
                helper=helper,
                phone=paper.cleaned_data["phone"],
                full_name=paper.cleaned_data["full_name"],
                id_number=paper.cleaned_data["id_number"],
                upload=paper.cleaned_data["document"],
            )
        except AccountError as error:
            paper.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s agreed. You can submit for them until %(day)s.")
                % {
                    "name": consent.citizen.display_name,
                    "day": consent.valid_until.strftime("%d/%m/%Y"),
                },
            )
            return redirect("portal:helper_home")
    by_code = request.method == "POST" and "paper" not in request.POST
    form = ConsentForm(request.POST if by_code else None)
    if request.method == "POST" and "paper" not in request.POST and form.is_valid():
        try:
            citizen, otp, code = helper_consent_request(
                helper=helper,
                phone=form.cleaned_data["phone"],
                full_name=form.cleaned_data["full_name"],
                id_number=form.cleaned_data["id_number"],
            )
            text = _(
                "%(helper)s (community digital team) asks to submit a dossier for you. If you "
                "agree, give them this code: %(code)s. Valid 10 minutes."
            ) % {"helper": helper.display_name, "code": code}
            channel_for("sms").send(address=citizen.phone, subject=text, body=text)
        except AccountError as error:
            form.add_error(None, str(error))
        except ChannelError:
            form.add_error(None, _("The code could not be sent just now. Try again shortly."))
        else:
            request.session[_SESSION_KEY] = otp.pk
            return redirect("portal:helper_confirm")
    return render(
        request,
        "portal/helper_home.html",
        {
            "form": form,
            "paper": paper,
            "citizens": helper_citizens(helper=helper),
            "dossiers": dossier_list_by_helper(helper=helper)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def helper_confirm(request: HttpRequest) -> HttpResponse:
    helper = _helper(request)
    otp_id = request.session.get(_SESSION_KEY)
    if otp_id is None:
        return redirect("portal:helper_home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = helper_consent_confirm(
                helper=helper, otp_id=otp_id, code=form.cleaned_data["code"]
            )
        except AccountError as error:
            form.add_error("code", str(error))
        else:
            del request.session[_SESSION_KEY]
            messages.success(
                request,
                _("%(name)s agreed. You can submit for them until %(day)s.")
                % {
                    "name": consent.citizen.display_name,
                    "day": consent.valid_until.strftime("%d/%m/%Y"),
                },
            )
            code = form.cleaned_data["procedure"].strip()
            if code:
                return redirect("portal:helper_start", consent.citizen_id, code)
            return redirect("portal:helper_home")
    return render(request, "portal/helper_confirm.html", {"form": form})


@login_required
def helper_start(request: HttpRequest, citizen_id: int, code: str) -> HttpResponse:
    helper = _helper(request)
    citizen = user_get(user_id=citizen_id)
    if citizen is None or not helper_may_act_for(helper=helper, citizen=citizen):
        raise Http404
    resolved = procedure_resolve_code(code=code)
    version = version_get_current(code=resolved) if resolved else None
    if version is None:
        messages.error(request, _("No procedure in force has this code."))
        return redirect("portal:helper_home")
    try:
        draft = draft_start(citizen=citizen, version_id=version.pk, helper=helper)
    except DossierError as error:
        messages.error(request, str(error))
        return redirect("portal:helper_home")
    return redirect("portal:draft", draft.pk)


@login_required
def helper_go(request: HttpRequest) -> HttpResponse:
    """The small form on the helper's page: citizen + procedure code → the citizen's draft."""
    _helper(request)
    citizen_id = request.GET.get("citizen", "")
    code = request.GET.get("procedure", "").strip()
    if not citizen_id.isdigit() or not code:
        messages.error(request, _("Enter a procedure code, e.g. 1.004873."))
        return redirect("portal:helper_home")
    return redirect("portal:helper_start", int(citizen_id), code)
