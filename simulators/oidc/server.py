"""A local OpenID Connect provider standing in for the national identity (VNeID / the national
portal's accounts), for development and tests. Its own process; see simulators/README.md.

A real, if small, implementation of OpenID Connect Core 1.0 and OAuth 2.0 (RFC 6749) with PKCE
(RFC 7636): discovery (`/.well-known/openid-configuration`), the authorization code flow with a
sign-in page, the token endpoint (client_secret_post or client_secret_basic), RS256-signed ID
tokens whose key is published at `/jwks`, and `/userinfo`. Codes are single-use and expire in
60 s; redirect URIs must match a registered one exactly. The key pair is generated at start-up
(nothing is downloaded). Uses `cryptography` (RSA) besides the standard library.

    python simulators/oidc/server.py --port 9400 \
        --client motcua-local:local-secret:http://127.0.0.1:8000/accounts/oidc/callback/
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

CODE_SECONDS = 60
MAX_FORM = 100_000
TOKEN_SECONDS = 300
SCOPES = ("openid", "profile", "phone", "citizen")
# Test identities: sign in with username and password on the provider's page.
IDENTITIES: list[dict[str, str]] = [
    {
        "username": "an", "password": "VNeID@2026", "sub": "vneid-7f3a01",
        "name": "Nguyễn Văn An", "identification_number": "001090001234",
        "phone_number": "0912345678", "birthdate": "1990-03-14",
    },
    {
        "username": "lan", "password": "VNeID@2026", "sub": "vneid-9c21b4",
        "name": "Điểu Thị Lan", "identification_number": "070195004321",
        "phone_number": "0987654321", "birthdate": "1995-07-02",
    },
]  # fmt: skip


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Client:
    client_id: str
    secret: str
    redirect_uris: set[str]


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    identity: dict[str, str]
    scopes: list[str]
    nonce: str
    challenge: str
    method: str
    expires: float
    used: bool = False


@dataclass
class Provider:
    issuer: str
    clients: dict[str, Client]
    identities: list[dict[str, str]]
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    kid: str = field(default_factory=lambda: secrets.token_hex(8))
    codes: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, tuple[dict[str, str], list[str], float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": list(SCOPES),
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub",
                "name",
                "birthdate",
                "phone_number",
                "identification_number",
            ],
        }

    def jwks(self) -> dict[str, Any]:
        numbers = self.key.public_key().public_numbers()

        def as_bytes(value: int) -> bytes:
            return value.to_bytes((value.bit_length() + 7) // 8, "big")

        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self.kid,
                    "n": b64url(as_bytes(numbers.n)),
                    "e": b64url(as_bytes(numbers.e)),
                }
            ]
        }

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = (
            b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + b64url(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
        )
        signature = self.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)

    def claims_for(self, identity: dict[str, str], scopes: list[str]) -> dict[str, Any]:
        claims: dict[str, Any] = {"sub": identity["sub"]}
        if "profile" in scopes:
            claims.update(name=identity["name"], birthdate=identity["birthdate"])
        if "phone" in scopes:
            claims.update(phone_number=identity["phone_number"], phone_number_verified=True)
        if "citizen" in scopes:
            claims["identification_number"] = identity["identification_number"]
        return claims


def _page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"{body}</body></html>"
    ).encode()


def make_handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload: dict[str, Any], **headers: str) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            self._send(status, body, "application/json; charset=utf-8", **headers)

        def _oauth_error(self, error: str, description: str, status: int = 400) -> None:
            self._json(status, {"error": error, "error_description": description})

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_FORM:
                return {}
            raw = self.rfile.read(length).decode("utf-8", "replace")
            return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}

        # --- GET --------------------------------------------------------------------------
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.metadata())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                self._authorize(query, identity=None)
            elif url.path == "/userinfo":
                self._userinfo()
            else:
                self._send(404, _page("Không tìm thấy", ""), "text/html; charset=utf-8")

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            form = self._form()
            if url.path == "/authorize":
                identity = next(
                    (
                        i for i in provider.identities
                        if i["username"] == form.get("username")
                        and hmac.compare_digest(i["password"], form.get("password", ""))
                    ),
                    None,
                )  # fmt: skip
                self._authorize(form, identity=identity, attempted=True)
            elif url.path == "/token":
                self._token(form)
            else:
                self._send(404, _page("Không tìm thấy", ""), "text/html; charset=utf-8")

        # --- the authorization endpoint ------------------------------------------------------
        def _authorize(
            self,
            params: dict[str, str],
            *,
            identity: dict[str, str] | None,
            attempted: bool = False,
        ) -> None:
            client = provider.clients.get(params.get("client_id", ""))
            redirect_uri = params.get("redirect_uri", "")
            if client is None or redirect_uri not in client.redirect_uris:
                # Never redirect to an unregistered address (RFC 6749 §4.1.2.1).
                refused = _page(
                    "Yêu cầu không hợp lệ",
                    "<p>Ứng dụng hoặc địa chỉ chuyển hướng chưa đăng ký.</p>",
                )
                self._send(400, refused, "text/html; charset=utf-8")
                return
            state = params.get("state", "")
            scopes = params.get("scope", "").split()
            problem = ""
            if params.get("response_type") != "code":
                problem = "unsupported_response_type"
            elif "openid" not in scopes:
                problem = "invalid_scope"
            elif params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
                problem = "invalid_request"
            if problem:
                target = redirect_uri + "?" + urlencode({"error": problem, "state": state})
                self._send(302, b"", "text/plain", Location=target)
                return
            if identity is None:
                hidden = "".join(
                    f"<input type='hidden' name='{html.escape(k)}' value='{html.escape(v)}'>"
                    for k, v in params.items()
                    if k not in ("username", "password")
                )
                error = "<p role='alert'>Sai tên đăng nhập hoặc mật khẩu.</p>" if attempted else ""
                body = (
                    f"{error}<form method='post' action='/authorize'>{hidden}"
                    "<label>Tên đăng nhập <input name='username' autocomplete='username'></label>"
                    "<label>Mật khẩu <input name='password' type='password'></label>"
                    "<button type='submit'>Đăng nhập</button></form>"
                )
                status = 401 if attempted else 200
                self._send(status, _page("Định danh điện tử (mô phỏng)", body),
                           "text/html; charset=utf-8")  # fmt: skip
                return
            code = secrets.token_urlsafe(24)
            with provider.lock:
                provider.codes[code] = Grant(
                    client_id=client.client_id,
                    redirect_uri=redirect_uri,
                    identity=identity,
                    scopes=scopes,
                    nonce=params.get("nonce", ""),
                    challenge=params["code_challenge"],
                    method="S256",
                    expires=time.time() + CODE_SECONDS,
                )
            target = redirect_uri + "?" + urlencode({"code": code, "state": state})
            self._send(302, b"", "text/plain", Location=target)

        # --- the token endpoint --------------------------------------------------------------
        def _client_from(self, form: dict[str, str]) -> Client | None:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
            basic = self.headers.get("Authorization", "")
            if basic.startswith("Basic "):
                try:
                    client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
                except (ValueError, UnicodeDecodeError):
                    return None
            client = provider.clients.get(client_id)
            if client is None or not hmac.compare_digest(client.secret, secret):
                return None
            return client

        def _token(self, form: dict[str, str]) -> None:
            client = self._client_from(form)
            if client is None:
                self._oauth_error("invalid_client", "unknown client or wrong secret", 401)
                return
            if form.get("grant_type") != "authorization_code":
                self._oauth_error("unsupported_grant_type", "only authorization_code")
                return
            with provider.lock:
                grant = provider.codes.get(form.get("code", ""))
                usable = grant is not None and not grant.used and grant.expires > time.time()
                if grant is not None:
                    grant.used = True  # single use, even when this attempt fails
            if not usable or grant is None:
                self._oauth_error("invalid_grant", "unknown, used or expired code")
                return
            verifier = form.get("code_verifier", "")
            expected = b64url(hashlib.sha256(verifier.encode()).digest())
            if grant.client_id != client.client_id or grant.redirect_uri != form.get(
                "redirect_uri"
            ):
                self._oauth_error("invalid_grant", "code issued to another client or address")
                return
            if not hmac.compare_digest(expected, grant.challenge):
                self._oauth_error("invalid_grant", "PKCE verifier does not match")
                return
            now = int(time.time())
            claims = {
                "iss": provider.issuer,
                "aud": client.client_id,
                "iat": now,
                "exp": now + TOKEN_SECONDS,
                "auth_time": now,
                **provider.claims_for(grant.identity, grant.scopes),
            }
            if grant.nonce:
                claims["nonce"] = grant.nonce
            access = secrets.token_urlsafe(24)
            with provider.lock:
                provider.tokens[access] = (grant.identity, grant.scopes, now + TOKEN_SECONDS)
            self._json(
                200,
                {
                    "access_token": access,
                    "token_type": "Bearer",
                    "expires_in": TOKEN_SECONDS,
                    "id_token": provider.sign(claims),
                    "scope": " ".join(grant.scopes),
                },
                Pragma="no-cache",
            )

        def _userinfo(self) -> None:
            auth = self.headers.get("Authorization", "")
            entry = provider.tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
            if entry is None or entry[2] < time.time():
                self._json(401, {"error": "invalid_token"},
                           WWW_Authenticate='Bearer error="invalid_token"')  # fmt: skip
                return
            self._json(200, provider.claims_for(entry[0], entry[1]))

    return Handler


def parse_client(spec: str) -> Client:
    """`client_id:secret:redirect_uri[,redirect_uri…]` (the URIs may contain colons)."""
    client_id, secret, uris = spec.split(":", 2)
    return Client(client_id, secret, set(uris.split(",")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9400)
    parser.add_argument("--issuer", default="", help="default http://HOST:PORT")
    parser.add_argument(
        "--client",
        action="append",
        default=[],
        help="client_id:secret:redirect_uri[,redirect_uri]; repeatable",
    )
    parser.add_argument("--identities", default="", help="a JSON file of identities")
    args = parser.parse_args()
    issuer = args.issuer or f"http://{args.host}:{args.port}"
    clients = {c.client_id: c for c in map(parse_client, args.client)}
    identities = IDENTITIES
    if args.identities:
        with open(args.identities, encoding="utf-8") as source:
            identities = json.load(source)
    provider = Provider(issuer=issuer, clients=clients, identities=identities)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(provider))
    print(f"OpenID Connect provider (simulated) at {issuer}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
