"""Errors of the API: one JSON shape, a stable code for programs and a message for people
(in the request's language, Vietnamese by default):

    {"error": {"code": "invalid_input", "message": "…", "fields": [{"field": "…", "message": "…"}]}}
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ApiError(Exception):
    """A refusal with a stable code, an HTTP status and a message for people."""

    def __init__(
        self, status: int, code: str, message: str, fields: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


def error_body(
    code: str, message: str, fields: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def install_handlers(api: NinjaAPI) -> None:
    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        body = error_body(exc.code, exc.message, exc.fields)
        return api.create_response(request, body, status=exc.status)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body",
                "message": str(e.get("msg", "")),
            }
            for e in exc.errors
        ]
        message = _("Some fields are missing or not valid.")
        return api.create_response(
            request, error_body("invalid_request", message, fields), status=400
        )

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        body = error_body("not_found", _("Not found."))
        return api.create_response(request, body, status=404)

    def on_auth(request: HttpRequest, exc: Any) -> HttpResponse:
        body = error_body("unauthorised", _("Sign in again."))
        return api.create_response(request, body, status=401)

    def on_http(request: HttpRequest, exc: Any) -> HttpResponse:
        if exc.status_code == HTTPStatus.BAD_REQUEST:  # Ninja could not read the body
            message = _("The request body cannot be read: send JSON with that content type.")
            body = error_body("invalid_request", message, [{"field": "body", "message": message}])
        else:
            body = error_body("http_error", str(exc))
        return api.create_response(request, body, status=exc.status_code)

    def on_too_big(request: HttpRequest, exc: Any) -> HttpResponse:
        message = _("The request is too large. Send files one by one, each under %(mb)s MB.") % {
            "mb": settings.MOTCUA_UPLOAD_MAX_MB
        }
        return api.create_response(request, error_body("too_large", message), status=413)

    def on_suspicious(request: HttpRequest, exc: Any) -> HttpResponse:
        # Too many fields or files in one form, a broken multipart body: Django's refusals.
        message = _("Some fields are missing or not valid.")
        return api.create_response(request, error_body("invalid_request", message), status=400)

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(SuspiciousOperation, on_suspicious)
    api.add_exception_handler(MultiPartParserError, on_suspicious)  # a broken multipart body
    api.add_exception_handler(UnreadablePostError, on_suspicious)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(HttpError, on_http)
