"""Bearer authentication of the app: `Authorization: Bearer <access token>` (ADR 0018)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.accounts.selectors import app_session_user
from motcua.api.errors import ApiError
from motcua.core.ratelimit import rate_limit_exceeded


class AccessToken(HttpBearer):
    """A signed-in app user; a missing, forged or expired token is a 401 in the error shape."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = app_session_user(access_token=token)
        if user is not None:
            request.user = user
        return user


bearer = AccessToken()


def citizen_of(request: HttpRequest) -> User:
    """The signed-in citizen; an officer's or helper's token gets 403 `citizens_only`."""
    user = request.auth  # type: ignore[attr-defined]  # set by the bearer authentication
    assert isinstance(user, User)
    if user.role != Role.CITIZEN:
        raise ApiError(403, "citizens_only", _("Only a citizen's account can do this here."))
    return user


def write_counted(user: User) -> None:
    """Count one change made through the app (drafts, profile, payments); 429 beyond
    `MOTCUA_API_WRITES_PER_HOUR` in the hour. Called before the request is checked, so
    refused requests count too."""
    if rate_limit_exceeded(
        key=f"api-write:{user.pk}",
        limit=settings.MOTCUA_API_WRITES_PER_HOUR,
        window_seconds=3600,
    ):
        raise ApiError(429, "rate_limited", _("Too many changes in an hour. Try again later."))
