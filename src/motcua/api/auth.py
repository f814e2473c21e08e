"""Bearer authentication of the app: `Authorization: Bearer <access token>` (ADR 0018)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from motcua.accounts.selectors import app_session_user


class AccessToken(HttpBearer):
    """A signed-in app user; a missing, forged or expired token is a 401 in the error shape."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = app_session_user(access_token=token)
        if user is not None:
            request.user = user
        return user


bearer = AccessToken()
