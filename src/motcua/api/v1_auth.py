"""Signing the app in and out: a username and password give a short-lived access token and a
refresh token; the refresh token, replaced at each use, gives new ones (ADR 0018)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from motcua.accounts.services import (
    AppSessionError,
    AppTokens,
    LoginRefusedError,
    app_session_refresh,
    app_session_revoke,
    app_session_start,
    app_sign_in_code_redeem,
    user_authenticate,
)
from motcua.api.errors import ApiError

router = Router(tags=["sign-in"])


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


# No NUL characters: PostgreSQL text cannot hold them (a 400 here, not a 500 further down).
NO_NUL = r"^[^\x00]*$"


class TokenIn(Strict):
    username: str = Field(min_length=1, max_length=150, pattern=NO_NUL)
    password: str = Field(min_length=1, max_length=200)
    device: str = Field(
        "", max_length=100, pattern=NO_NUL, description="Shown to the person among their sign-ins"
    )


class RefreshIn(Strict):
    refresh_token: str = Field(min_length=1, max_length=200)


class TokensOut(Schema):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme's name, not a secret
    expires_in: int = Field(description="Seconds the access token lasts")
    refresh_token: str


def _out(tokens: AppTokens) -> TokensOut:
    return TokensOut(
        access_token=tokens.access_token,
        expires_in=tokens.expires_in,
        refresh_token=tokens.refresh_token,
    )


@router.post("/token", response={201: TokensOut}, url_name="auth_token")
def token_create(request: HttpRequest, body: TokenIn) -> Status[TokensOut]:
    """Sign in with a portal account. Wrong passwords lock the account after a few tries, and
    too many failures from one connection block it for a while (429)."""
    try:
        user = user_authenticate(request=request, username=body.username, password=body.password)
    except LoginRefusedError as error:
        if error.code == "invalid_login":
            raise ApiError(401, "invalid_credentials", error.message) from error
        raise ApiError(429, "rate_limited", error.message) from error
    return Status(201, _out(app_session_start(user=user, device=body.device)))


@router.post("/refresh", response={200: TokensOut}, url_name="auth_refresh")
def token_refresh(request: HttpRequest, body: RefreshIn) -> TokensOut:
    """New tokens; the refresh token sent is used up. Sending a used one again ends the
    sign-in on every device that holds it."""
    try:
        return _out(app_session_refresh(refresh_token=body.refresh_token))
    except AppSessionError as error:
        raise ApiError(401, "session_ended", str(error)) from error


@router.post("/revoke", response={204: None}, url_name="auth_revoke")
def token_revoke(request: HttpRequest, body: RefreshIn) -> Status[None]:
    """Sign out: the refresh token and the access tokens of its session stop working."""
    app_session_revoke(refresh_token=body.refresh_token)
    return Status(204, None)


class SsoIn(Strict):
    code: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    code_verifier: str = Field(min_length=43, max_length=128, pattern=r"^[A-Za-z0-9._~-]+$")
    device: str = Field("", max_length=100, pattern=NO_NUL)


@router.post("/sso", response={201: TokensOut}, url_name="auth_sso")
def token_from_sso(request: HttpRequest, body: SsoIn) -> Status[TokensOut]:
    """Sign in with the national identity: the one-time code the browser brought back to the
    app (from /dang-nhap/dinh-danh/ung-dung/) and the PKCE verifier of its challenge. A code
    works once, for MOTCUA_API_SIGN_IN_CODE_SECONDS."""
    try:
        tokens = app_sign_in_code_redeem(
            code=body.code, code_verifier=body.code_verifier, device=body.device
        )
    except AppSessionError as error:
        raise ApiError(401, "sign_in_refused", str(error)) from error
    return Status(201, _out(tokens))


__all__ = ["router"]
