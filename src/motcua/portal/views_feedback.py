"""Phản ánh, kiến nghị (PAKN) on the portal: the published answers, the form, and the page the
citizen follows a petition on through its secret link (supplement, rating).

Who sends is known by a phone number: the account's, or one proven with a one-time code in the
last 30 minutes (kept in the session). The public pages show only the published texts
(`public_*`, masked by the service): never a name, a phone, an e-mail or the raw content."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.accounts.constants import Role
from motcua.accounts.models import OneTimeCode, User
from motcua.accounts.services import (
    AccountError,
    Contact,
    one_time_code_check,
    one_time_code_issue,
)
from motcua.catalog.selectors import sector_list
from motcua.core.identity import IdentifierInvalidError, phone_clean
from motcua.core.ratelimit import rate_limit_exceeded
from motcua.feedback.constants import FEEDBACK_OPEN, FeedbackKind, FeedbackStatus
from motcua.feedback.models import Feedback
from motcua.feedback.selectors import (
    feedback_citizen_view,
    feedback_get_by_token,
    feedback_list_for_citizen,
    feedback_public_answers,
    feedback_public_get,
    feedback_public_list,
)
from motcua.feedback.services import (
    FeedbackError,
    FeedbackInput,
    feedback_rate,
    feedback_submit,
    feedback_supplement,
)
from motcua.notifications.channels import ChannelError
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import agency_list_valid_on, unit_list_valid_on
from motcua.portal.views_signup import CodeForm, send_code

PAGE_SIZE = 20
QUERY_MAX_CHARS = 100
PHONE_VALID = timedelta(minutes=30)
_OTP_KEY = "feedback_otp"
_PHONE_KEY = "feedback_phone"
ACCEPT = "image/jpeg,image/png,application/pdf"
# Steps inside the agency the citizen does not need to see (as on the dossier tracking page).


# --- forms ----------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ServiceCheckedCharField(forms.CharField):
    """Required for the citizen, but left to the service to check, so that its Vietnamese
    message is the one shown (the page does not mark it "optional")."""

    shown_required = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)


def _files_help() -> str:
    return _("Photos or documents: JPEG, PNG or PDF, at most %(n)s files of %(mb)s MB each.") % {
        "n": settings.MOTCUA_FEEDBACK_MAX_FILES,
        "mb": settings.MOTCUA_UPLOAD_MAX_MB,
    }


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("Your mobile phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=gettext_lazy(
            "We send a 6-digit code there. The agency may call or text you about your petition."
        ),
    )


class FeedbackForm(forms.Form):
    """Input shape only: lengths, the phone and the files are checked by `feedback_submit`, whose
    refusals are already in Vietnamese (so no English `max_length` message pre-empts them)."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What is it about?"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
        help_text=gettext_lazy("In a few words. If left empty, the beginning of the content."),
    )
    content = ServiceCheckedCharField(
        label=gettext_lazy("What do you want to report or suggest?"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000, "aria-required": "true"}),
        help_text=gettext_lazy(
            "What happened, where and when. At most 5,000 characters. Do not write your ID "
            "number or bank details."
        ),
    )
    dossier_code = forms.CharField(
        label=gettext_lazy("Dossier code, if it is about a dossier"),
        required=False,
        max_length=48,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=gettext_lazy("As printed on the receipt, e.g. 000.00.00.H19-260302-0001."),
    )
    sector: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Sector"), queryset=None, required=False
    )
    concerned_agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("The agency you are writing about"), queryset=None, required=False
    )
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Commune or ward where it happened"), queryset=None, required=False
    )
    name = ServiceCheckedCharField(
        label=gettext_lazy("Full name"),
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=gettext_lazy("Not needed if you send it anonymously."),
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Send anonymously"),
        required=False,
        help_text=gettext_lazy(
            "Your name and your account are then not sent: the officers handling it do not see "
            "who you are. Your verified phone number is kept only so that the agency can reach "
            "you, and you follow the petition with its link."
        ),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy("To also receive the answer by email."),
    )
    attachments = MultipleFileField(label=gettext_lazy("Attachments"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        fields: dict[str, Any] = self.fields
        fields["sector"].queryset = sector_list()
        fields["concerned_agency"].queryset = agency_list_valid_on(day=today).order_by("name")
        fields["unit"].queryset = unit_list_valid_on(day=today, tier=Tier.COMMUNE).order_by("name")
        fields["attachments"].help_text = _files_help()
        for name in ("sector", "concerned_agency", "unit"):
            fields[name].empty_label = _("— not chosen —")


class SupplementForm(forms.Form):
    text = ServiceCheckedCharField(
        label=gettext_lazy("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
    )
    attachments = MultipleFileField(label=gettext_lazy("Attachments"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _files_help()


class FeedbackRatingForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=gettext_lazy("Are you satisfied with the answer?"),
        choices=[("1", gettext_lazy("Satisfied")), ("0", gettext_lazy("Not satisfied"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("What is missing or wrong in the answer?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=gettext_lazy(
            "Required if you are not satisfied: the petition is then handled again."
        ),
    )


# --- helpers ----------------------------------------------------------------------------------


def _int_or_none(value: str | None) -> int | None:
    """A small non-negative number typed in a URL or a header, else None ("²" is a digit too)."""
    if not value or not (value.isascii() and value.isdigit()) or len(value) >= 10:  # noqa: PLR2004
        return None
    return int(value)


def _text(value: str) -> str:
    """Browsers send a line break as CR LF; count it as the one character the citizen typed."""
    return value.replace("\r\n", "\n")


def _no_store(response: HttpResponse) -> HttpResponse:
    """Pages with personal data or the secret link: not cached, the link not sent elsewhere."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _citizen(request: HttpRequest) -> User | None:
    user = request.user
    if user.is_authenticated and isinstance(user, User) and user.role == Role.CITIZEN:
        return user
    return None


def _verified_phone(request: HttpRequest) -> str | None:
    """The phone proven with a code in this session within the last 30 minutes."""
    stored = request.session.get(_PHONE_KEY)
    if not isinstance(stored, dict):
        return None
    try:
        at = datetime.fromisoformat(str(stored.get("at", "")))
    except ValueError:
        return None
    if timezone.now() - at > PHONE_VALID:
        request.session.pop(_PHONE_KEY, None)
        return None
    phone = stored.get("phone")
    return phone if isinstance(phone, str) and phone else None


def _sender_phone(request: HttpRequest, citizen: User | None) -> tuple[str | None, bool]:
    """The phone the petition is sent with, and whether it comes from the account."""
    if citizen is not None and citizen.phone:
        return citizen.phone, True
    return _verified_phone(request), False


# --- public pages -----------------------------------------------------------------------------


@require_GET
def feedback_public(request: HttpRequest) -> HttpResponse:
    """The published answers, searchable; only the masked public texts are shown."""
    # A NUL byte cannot reach PostgreSQL (a 500): typed text never holds one.
    query = request.GET.get("q", "")[: QUERY_MAX_CHARS * 4].replace("\x00", "")
    query = query.strip()[:QUERY_MAX_CHARS]
    sectors = list(sector_list())
    agencies = list(agency_list_valid_on(day=timezone.localdate()).order_by("name"))
    sector_id = _int_or_none(request.GET.get("linh-vuc"))
    agency_id = _int_or_none(request.GET.get("co-quan"))
    sector_id = sector_id if sector_id in {s.pk for s in sectors} else None
    agency_id = agency_id if agency_id in {a.pk for a in agencies} else None
    rows = feedback_public_list(query=query, sector_id=sector_id, agency_id=agency_id)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "portal/feedback_public.html",
        {
            "query": query,
            "page": page,
            "sectors": sectors,
            "agencies": agencies,
            "sector_id": sector_id,
            "agency_id": agency_id,
            "filtered": bool(query or sector_id or agency_id),
            "page_query": params.urlencode(),
        },
    )


@require_GET
def feedback_public_detail(request: HttpRequest, code: str) -> HttpResponse:
    feedback = feedback_public_get(code=code[:40])
    if feedback is None:
        raise Http404("petition")
    return render(
        request,
        "portal/feedback_public_detail.html",
        {"feedback": feedback, "answers": feedback_public_answers(feedback=feedback)},
    )


# --- sending a petition -------------------------------------------------------------------------


def _phone_step(request: HttpRequest) -> HttpResponse:
    """No phone yet: ask for one and send it a code. A petition posted after the 30 minutes
    lands here too: it is not sent, and the page says why."""
    asked = request.method == "POST" and "phone" in request.POST
    form = PhoneForm(request.POST if asked else None)
    if asked and form.is_valid():
        try:
            contact = Contact("sms", phone_clean(form.cleaned_data["phone"]))
            if rate_limit_exceeded(
                key=f"feedback-otp-client:{request.META.get('REMOTE_ADDR', '')}",
                limit=settings.MOTCUA_OTP_PER_CLIENT_HOUR,
                window_seconds=3600,
            ):
                raise AccountError(
                    _("Too many codes were asked from this connection. Try again in an hour.")
                )
            otp, code = one_time_code_issue(purpose=OneTimeCode.Purpose.FEEDBACK, contact=contact)
            send_code(contact, code)
        except (AccountError, IdentifierInvalidError) as error:
            form.add_error("phone", str(error))
        except ChannelError:
            form.add_error(
                None, _("The code could not be sent just now. Try again in a few minutes.")
            )
        else:
            request.session[_OTP_KEY] = otp.pk
            return redirect("portal:feedback_verify")
    expired = request.method == "POST" and not asked
    return render(request, "portal/feedback_phone.html", {"form": form, "expired": expired})


def _feedback_input(form: FeedbackForm, request: HttpRequest, phone: str) -> FeedbackInput:
    data = form.cleaned_data
    anonymous = bool(data["anonymous"])
    files: list[UploadedFile] = request.FILES.getlist("attachments")
    return FeedbackInput(
        channel="portal",
        kind=data["kind"],
        title=data["title"],
        content=_text(data["content"]),
        name="" if anonymous else data["name"],
        phone=phone,
        email=data["email"],
        dossier_code=data["dossier_code"],
        anonymous=anonymous,
        sector_id=data["sector"].pk if data["sector"] else None,
        concerned_agency_id=data["concerned_agency"].pk if data["concerned_agency"] else None,
        unit_id=data["unit"].pk if data["unit"] else None,
        files=files,
    )


def _body_too_large(request: HttpRequest) -> bool:
    """All the files allowed at their largest, and some room for the text fields."""
    limit = (settings.MOTCUA_FEEDBACK_MAX_FILES * settings.MOTCUA_UPLOAD_MAX_MB + 1) * 1024**2
    length = _int_or_none(request.META.get("CONTENT_LENGTH"))
    return length is not None and length > limit


def _flooding_message() -> str:
    return _("Too many petitions were sent from this connection. Try again in an hour.")


def _feedback_flooding(request: HttpRequest) -> bool:
    """Count one petition from this connection; True past `MOTCUA_FEEDBACK_PER_CLIENT_HOUR`."""
    return rate_limit_exceeded(
        key=f"feedback-client:{request.META.get('REMOTE_ADDR', '')}",
        limit=settings.MOTCUA_FEEDBACK_PER_CLIENT_HOUR,
        window_seconds=3600,
    )


@require_http_methods(["GET", "POST"])
def feedback_new(request: HttpRequest) -> HttpResponse:
    """The petition form; first the phone step when the sender has no proven phone."""
    citizen = _citizen(request)
    phone, from_account = _sender_phone(request, citizen)
    if phone is None:
        return _no_store(_phone_step(request))
    if request.method == "POST" and "other_phone" in request.POST and not from_account:
        request.session.pop(_PHONE_KEY, None)
        return redirect("portal:feedback_new")
    initial = {"name": citizen.full_name, "email": citizen.email} if citizen else {}
    form = FeedbackForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST" and _body_too_large(request):
        form.is_valid()
        form.add_error(
            None,
            _("The files are too large all together: at most %(mb)s MB.")
            % {"mb": settings.MOTCUA_FEEDBACK_MAX_FILES * settings.MOTCUA_UPLOAD_MAX_MB},
        )
    elif request.method == "POST" and form.is_valid():
        data = _feedback_input(form, request, phone)
        try:
            if _feedback_flooding(request):
                status = 429
                raise FeedbackError(_flooding_message())
            feedback = feedback_submit(data=data, citizen=None if data.anonymous else citizen)
        except FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your petition was received under the code %(code)s. Keep the link of this "
                    "page (bookmark it): with it you follow the answer, add information and rate."
                )
                % {"code": feedback.code},
            )
            return redirect("portal:feedback_track", feedback.tracking_token)
    return _no_store(
        render(
            request,
            "portal/feedback_form.html",
            {"form": form, "phone": phone, "from_account": from_account, "citizen": citizen},
            status=status,
        )
    )


@require_http_methods(["GET", "POST"])
def feedback_verify(request: HttpRequest) -> HttpResponse:
    otp_id = request.session.get(_OTP_KEY)
    if otp_id is None:
        return redirect("portal:feedback_new")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp = one_time_code_check(
                otp_id=otp_id, code=form.cleaned_data["code"], purpose=OneTimeCode.Purpose.FEEDBACK
            )
        except AccountError as error:
            form.add_error("code", str(error))
        else:
            del request.session[_OTP_KEY]
            request.session[_PHONE_KEY] = {"phone": otp.address, "at": timezone.now().isoformat()}
            messages.success(request, _("Your phone number is confirmed for 30 minutes."))
            return redirect("portal:feedback_new")
    return _no_store(render(request, "portal/feedback_verify.html", {"form": form}))


# --- following a petition -----------------------------------------------------------------------


def _track_post(
    request: HttpRequest, feedback: Feedback, rateable: bool
) -> tuple[HttpResponse | None, SupplementForm | None, FeedbackRatingForm | None]:
    """Handle one of the two forms; a redirect when done, else the form with its errors."""
    action = request.POST.get("action")
    if action == "supplement" and feedback.status == FeedbackStatus.AWAITING_SUPPLEMENT:
        form = SupplementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                feedback_supplement(
                    feedback_id=feedback.pk,
                    text=_text(form.cleaned_data["text"]),
                    files=request.FILES.getlist("attachments"),
                )
            except FeedbackError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you. Your information was sent to the agency."))
                return redirect("portal:feedback_track", feedback.tracking_token), None, None
        return None, form, None
    if action == "rate" and rateable:
        rating = FeedbackRatingForm(request.POST)
        if rating.is_valid():
            satisfied = rating.cleaned_data["satisfied"]
            try:
                feedback = feedback_rate(
                    feedback_id=feedback.pk,
                    satisfied=satisfied,
                    comment=rating.cleaned_data["comment"],
                )
            except FeedbackError as error:
                rating.add_error(None, str(error))
            else:
                if satisfied or feedback.status not in FEEDBACK_OPEN:
                    messages.success(request, _("Thank you. Your rating was recorded."))
                else:
                    messages.success(
                        request,
                        _(
                            "Your rating was recorded. The petition is handled again; the "
                            "new time limit is %(date)s."
                        )
                        % {"date": timezone.localtime(feedback.handle_by).strftime("%d/%m/%Y")},
                    )
                return redirect("portal:feedback_track", feedback.tracking_token), None, None
        return None, None, rating
    # A form sent twice, or after the state changed (another tab): show the page as it is now.
    messages.info(request, _("This form is no longer open; the page shows where things stand."))
    return redirect("portal:feedback_track", feedback.tracking_token), None, None


@require_http_methods(["GET", "POST"])
def feedback_track(request: HttpRequest, token: str) -> HttpResponse:
    """The citizen's page of one petition, reached by its secret link (no account needed)."""
    feedback = feedback_get_by_token(token=token)
    if feedback is None:
        raise Http404("petition")
    view = feedback_citizen_view(feedback=feedback)
    supplement_form: SupplementForm | None = None
    rating_form: FeedbackRatingForm | None = None
    if request.method == "POST":
        done, supplement_form, rating_form = _track_post(request, feedback, view.rateable)
        if done is not None:
            return _no_store(done)
    waiting = feedback.status == FeedbackStatus.AWAITING_SUPPLEMENT
    context = {
        "feedback": feedback,
        "events": view.events,
        "answers": view.answers,
        "open": feedback.status in FEEDBACK_OPEN,
        "reopened": feedback.round > 1 and feedback.status in FEEDBACK_OPEN,
        "question": view.question,
        "supplement_form": (supplement_form or SupplementForm()) if waiting else None,
        "rating_form": (rating_form or FeedbackRatingForm()) if view.rateable else None,
    }
    return _no_store(render(request, "portal/feedback_track.html", context))


@login_required
@require_GET
def my_feedback(request: HttpRequest) -> HttpResponse:
    citizen = _citizen(request)
    if citizen is None:
        raise Http404
    return _no_store(
        render(
            request,
            "portal/feedback_mine.html",
            {
                "petitions": list(feedback_list_for_citizen(user=citizen)[:100]),
                "open_statuses": sorted(FEEDBACK_OPEN),
            },
        )
    )
