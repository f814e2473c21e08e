"""Single sign-on with the national identity (OpenID Connect; ADR 0019).

`sso_start` sends the person to the provider with a state, a nonce and a PKCE verifier kept in
the session; `sso_callback` checks the state, lets the client verify the code and the ID token,
then signs the person in:

1. a national identity linked before → its account;
2. an account whose ID number is confirmed as the person's (a received dossier, see
   `dossiers.selectors.id_number_confirmed_for`) → linked now, and it keeps its dossiers;
3. an account that only typed this number in → `sso_link`: prove it is yours with its password
   (then it is linked), or continue with a new account (that account loses the number);
4. nobody holds the number → a new citizen account.

Officers' accounts are never reached this way: they sign in with their password.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.constants import PUBLIC_ROLES
from motcua.accounts.models import User
from motcua.accounts.selectors import external_identity_get, user_get_by_id_number
from motcua.accounts.services import (
    LoginRefusedError,
    SsoError,
    app_sign_in_code_issue,
    external_identity_claim_number,
    external_identity_link,
    external_identity_register,
    external_identity_sign_in,
    user_authenticate,
)
from motcua.dossiers.selectors import id_number_confirmed_for
from motcua.integrations.oidc import client as oidc

logger = logging.getLogger(__name__)
PENDING = "sso_request"
APP = "sso_app_request"
APP_FLOW_SECONDS = 600  # from the app's start to the national identity's answer
APP_CODE_AFTER_SECONDS = 120  # from that answer to the code handed to the app
IDENTITY = "sso_identity"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portal:sso_callback"))


def _next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=False):
        return value
    return reverse("portal:account")


def _failed(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("accounts:login")


def sso_start(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404
    try:
        pending = oidc.authorization_request(redirect_uri=_callback_uri(request))
    except oidc.OidcError:
        logger.warning("national identity unreachable at sign-in", exc_info=True)
        return _failed(
            request,
            _("The national identity service is not answering. Try again later, or sign in "
              "with your password."),
        )  # fmt: skip
    request.session[PENDING] = {**asdict(pending), "next": _next(request, request.GET.get("next"))}
    return HttpResponseRedirect(pending.url)


def _sign_in(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """Sign in after the national identity vouched for the person; a sign-in started from the
    app is marked as done for this account (login() may start a new session: carried over)."""
    app = request.session.get(APP)
    login(request, user, backend=BACKEND)
    if app and time.time() - float(app.get("started", 0)) <= APP_FLOW_SECONDS:
        request.session[APP] = {**app, "user": user.pk, "signed_at": time.time()}
    return HttpResponseRedirect(next_url)


def sso_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404
    pending = request.session.pop(PENDING, None)
    if not pending or request.GET.get("state") != pending.get("state"):
        return _failed(request, _("This sign-in could not be completed. Start again."))
    if request.GET.get("error") or not request.GET.get("code"):
        return _failed(request, _("The national identity did not sign you in. Start again."))
    next_url = str(pending.pop("next"))
    try:
        identity = oidc.identity_from_code(
            code=request.GET["code"],
            redirect_uri=_callback_uri(request),
            request=oidc.OidcRequest(**pending),
        )
    except oidc.OidcError:
        logger.warning("national identity sign-in refused", exc_info=True)
        return _failed(request, _("This sign-in could not be completed. Start again."))
    try:
        user = _account_for(identity)
    except SsoError as error:
        return _failed(request, str(error))
    if user is not None:
        return _sign_in(request, user, next_url)
    request.session[IDENTITY] = {**asdict(identity), "next": next_url}
    return redirect("portal:sso_link")


def _account_for(identity: oidc.OidcIdentity) -> User | None:
    """The account this identity signs into (cases 1, 2 and 4), or None: ask (case 3)."""
    link = external_identity_get(issuer=identity.issuer, subject=identity.subject)
    if link is not None:
        return external_identity_sign_in(link=link)
    holder = user_get_by_id_number(id_number=identity.id_number)
    if holder is None:
        return external_identity_register(identity=identity)
    if holder.role not in PUBLIC_ROLES:
        raise SsoError(_("Officers sign in with their password."))
    if not id_number_confirmed_for(user=holder):
        return None
    return external_identity_sign_in(link=external_identity_link(user=holder, identity=identity))


@require_http_methods(["GET", "POST"])
def sso_link(request: HttpRequest) -> HttpResponse:
    """The number is in an account nothing confirms: prove it with the password, or start
    afresh (the national identity's word wins over a typed-in number)."""
    stored = request.session.get(IDENTITY)
    if not stored:
        return redirect("accounts:login")
    next_url = str(stored.get("next") or reverse("portal:account"))
    identity = oidc.OidcIdentity(**{k: v for k, v in stored.items() if k != "next"})
    holder = user_get_by_id_number(id_number=identity.id_number)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "new" and holder is not None:
                user = external_identity_claim_number(holder=holder, identity=identity)
            elif request.POST.get("action") == "new":
                user = external_identity_register(identity=identity)
            else:
                user = user_authenticate(
                    request=request,
                    username=request.POST.get("username", ""),
                    password=request.POST.get("password", ""),
                )
                if holder is None or user.pk != holder.pk:
                    raise SsoError(
                        _("That account does not hold the ID number the national identity "
                          "verified.")
                    )  # fmt: skip
                external_identity_link(user=user, identity=identity)
        except LoginRefusedError as refused:
            error = refused.message
        except SsoError as refused:
            error = str(refused)
        else:
            del request.session[IDENTITY]
            return _sign_in(request, user, next_url)
    return render(
        request,
        "portal/sso_link.html",
        {"identity": identity, "error": error},
        status=400 if error else 200,
    )


# --- The mobile app signs in with the national identity (docs/api.md) -------------------------
# The app opens the system browser at `sso_app_start` with its registered redirect address, a
# PKCE S256 challenge and its state; the person signs in as above; `sso_app_done` sends the
# browser back to the app with a one-time code, which the app exchanges for its tokens at
# POST /api/v1/auth/sso with the verifier. The code is useless without the verifier.

_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")


class _AppRedirect(HttpResponseRedirect):
    """A redirect to the app's own scheme (e.g. `vn.gov.dongnai.app:/sso`), registered in
    MOTCUA_API_APP_REDIRECT_URIS; Django allows only http(s) and ftp by default."""

    def __init__(self, url: str) -> None:
        self.allowed_schemes = [urlsplit(url).scheme]
        super().__init__(url)


def sso_app_start(request: HttpRequest) -> HttpResponse:
    redirect_uri = request.GET.get("redirect_uri", "")
    challenge = request.GET.get("code_challenge", "")
    state = request.GET.get("state", "")[:200]
    if not oidc.enabled() or redirect_uri not in settings.MOTCUA_API_APP_REDIRECT_URIS:
        raise Http404
    if not _CHALLENGE.match(challenge) or request.GET.get("code_challenge_method") != "S256":
        return _failed(request, _("This sign-in could not be completed. Start again."))
    request.session[APP] = {
        "redirect_uri": redirect_uri, "challenge": challenge, "state": state,
        "started": time.time(),
    }  # fmt: skip
    return redirect(f"{reverse('portal:sso_start')}?next={reverse('portal:sso_app_done')}")


def sso_app_done(request: HttpRequest) -> HttpResponse:
    """After the national identity signed the person in, in this flow: the code, back to the
    app. Only for the browser that started from the app, only for the account the national
    identity just signed in (an older portal session in the browser does not count)."""
    pending = request.session.pop(APP, None)
    user = request.user
    if (
        not pending
        or not isinstance(user, User)
        or user.role not in PUBLIC_ROLES
        or pending.get("user") != user.pk
        or time.time() - float(pending.get("signed_at", 0)) > APP_CODE_AFTER_SECONDS
    ):
        return _failed(request, _("This sign-in could not be completed. Start again."))
    code = app_sign_in_code_issue(user=user, code_challenge=pending["challenge"])
    query = urlencode({"code": code, "state": pending["state"]})
    return _AppRedirect(f"{pending['redirect_uri']}?{query}")
