"""The OpenID Connect client for the national identity (VNeID / the national portal's accounts).

Authorization code flow with PKCE (S256), a state and a nonce; the code is exchanged at the
token endpoint with the client secret (client_secret_post); the ID token's RS256 signature is
checked against the provider's published keys (JWKS), then its issuer, audience, expiry, issue
time and nonce; the person's claims come from the ID token and the userinfo endpoint, whose
`sub` must match. Takes and returns dataclasses, never models.

Settings: `MOTCUA_OIDC_ISSUER` (empty: single sign-on off), `MOTCUA_OIDC_CLIENT_ID`,
`MOTCUA_OIDC_CLIENT_SECRET`, `MOTCUA_OIDC_SCOPES`, `MOTCUA_OIDC_ID_NUMBER_CLAIM`,
`MOTCUA_OIDC_TIMEOUT_SECONDS`. In development, `simulators/oidc/server.py` is the provider.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings

CLOCK_SKEW_SECONDS = 120
BODY_LIMIT = 1_000_000


class OidcError(Exception):
    """The provider could not be reached, refused, or answered something we cannot trust."""


@dataclass(frozen=True)
class OidcRequest:
    """What to keep (in the session) between sending the person away and their return."""

    url: str
    state: str
    nonce: str
    code_verifier: str


@dataclass(frozen=True)
class OidcIdentity:
    issuer: str
    subject: str
    name: str
    id_number: str
    phone: str
    birthdate: str


def enabled() -> bool:
    return bool(settings.MOTCUA_OIDC_ISSUER)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _fetch(request: urllib.request.Request | str) -> Any:
    try:
        with urllib.request.urlopen(  # noqa: S310 - the configured provider's https URLs
            request, timeout=settings.MOTCUA_OIDC_TIMEOUT_SECONDS
        ) as response:
            return json.loads(response.read(BODY_LIMIT))
    except urllib.error.HTTPError as error:
        try:
            detail = json.loads(error.read(BODY_LIMIT)).get("error", "")
        except (ValueError, AttributeError):
            detail = ""
        raise OidcError(f"the provider answered HTTP {error.code} {detail}".strip()) from error
    except (OSError, ValueError) as error:
        raise OidcError(f"the provider could not be read: {error}") from error


_metadata_cache: dict[str, tuple[float, dict[str, Any]]] = {}


def metadata() -> dict[str, Any]:
    """The provider's discovery document (cached for an hour per process)."""
    issuer = str(settings.MOTCUA_OIDC_ISSUER).rstrip("/")
    cached = _metadata_cache.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    document = _fetch(f"{issuer}/.well-known/openid-configuration")
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        raise OidcError("the discovery document names another issuer")
    _metadata_cache[issuer] = (time.monotonic() + 3600, document)
    return document


def authorization_request(*, redirect_uri: str) -> OidcRequest:
    """Where to send the person, with a fresh state, nonce and PKCE verifier."""
    state, nonce, verifier = (secrets.token_urlsafe(24) for _ in range(3))
    challenge = _b64url(hashlib.sha256(verifier.encode()).digest())
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": settings.MOTCUA_OIDC_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "scope": settings.MOTCUA_OIDC_SCOPES,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    return OidcRequest(f"{metadata()['authorization_endpoint']}?{query}", state, nonce, verifier)


def _verify_signature(token: str) -> dict[str, Any]:
    try:
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = json.loads(_b64url_decode(header_b64))
        claims = json.loads(_b64url_decode(payload_b64))
        signature = _b64url_decode(signature_b64)
    except ValueError as error:
        raise OidcError("the ID token is not a signed JWT") from error
    if header.get("alg") != "RS256":
        raise OidcError("the ID token is not signed with RS256")
    keys = _fetch(metadata()["jwks_uri"]).get("keys", [])
    candidates = [
        k for k in keys if k.get("kty") == "RSA" and k.get("kid") in (header.get("kid"), None)
    ]
    for key in candidates:
        public = rsa.RSAPublicNumbers(
            int.from_bytes(_b64url_decode(key["e"]), "big"),
            int.from_bytes(_b64url_decode(key["n"]), "big"),
        ).public_key()
        try:
            public.verify(
                signature,
                f"{header_b64}.{payload_b64}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature:
            continue
        if not isinstance(claims, dict):
            break
        return claims
    raise OidcError("the ID token's signature does not match the provider's keys")


def id_token_claims(token: str, *, nonce: str) -> dict[str, Any]:
    """The ID token's claims once signature, issuer, audience, times and nonce are right."""
    claims = _verify_signature(token)
    now = time.time()
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if str(claims.get("iss", "")).rstrip("/") != str(settings.MOTCUA_OIDC_ISSUER).rstrip("/"):
        raise OidcError("the ID token comes from another issuer")
    if settings.MOTCUA_OIDC_CLIENT_ID not in audiences:
        raise OidcError("the ID token is for another client")
    if not isinstance(claims.get("exp"), int) or claims["exp"] < now - CLOCK_SKEW_SECONDS:
        raise OidcError("the ID token has expired")
    if not isinstance(claims.get("iat"), int) or claims["iat"] > now + CLOCK_SKEW_SECONDS:
        raise OidcError("the ID token is issued in the future")
    if not nonce or claims.get("nonce") != nonce:
        raise OidcError("the ID token's nonce is not ours (replayed?)")
    if not claims.get("sub"):
        raise OidcError("the ID token names nobody")
    return claims


def identity_from_code(*, code: str, redirect_uri: str, request: OidcRequest) -> OidcIdentity:
    """Exchange the code; check the ID token; read userinfo; the person as the provider knows."""
    body = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": settings.MOTCUA_OIDC_CLIENT_ID,
            "client_secret": settings.MOTCUA_OIDC_CLIENT_SECRET,
            "code_verifier": request.code_verifier,
        }
    ).encode()
    tokens = _fetch(
        urllib.request.Request(  # noqa: S310 - the configured provider
            metadata()["token_endpoint"],
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
    )
    if not isinstance(tokens, dict) or "id_token" not in tokens:
        raise OidcError("the token answer has no ID token")
    claims = id_token_claims(str(tokens["id_token"]), nonce=request.nonce)
    if tokens.get("access_token") and metadata().get("userinfo_endpoint"):
        info = _fetch(
            urllib.request.Request(  # noqa: S310 - the configured provider
                metadata()["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {tokens['access_token']}"},
            )
        )
        if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
            raise OidcError("userinfo names another person")
        claims = {**info, **claims}
    return OidcIdentity(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        name=str(claims.get("name", "")),
        id_number=str(claims.get(settings.MOTCUA_OIDC_ID_NUMBER_CLAIM, "")),
        phone=str(claims.get("phone_number", "")),
        birthdate=str(claims.get("birthdate", "")),
    )
