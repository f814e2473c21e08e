"""The public REST API, version 1 (`/api/v1/`): typed schemas, the OpenAPI 3 document at
`/api/v1/openapi.json` (no browsable UI: it would load scripts from a CDN)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from motcua.api.errors import ApiError, error_body, install_handlers
from motcua.api.v1_auth import router as auth_router
from motcua.api.v1_catalog import router as catalog_router
from motcua.api.v1_drafts import router as drafts_router
from motcua.api.v1_feedback import router as feedback_router
from motcua.api.v1_me import router as me_router
from motcua.api.v1_payments import router as payments_router
from motcua.api.v1_tracking import router as tracking_router


class Utf8Renderer(JSONRenderer):
    """UTF-8 as is: Vietnamese text is half the bytes of its \\u escapes on a weak network."""

    json_dumps_params: Mapping[str, Any] = {"ensure_ascii": False}


def _unstorable(value: Any) -> bool:
    """Text PostgreSQL cannot store: a NUL, or half of a surrogate pair (from a JSON escape)."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, list | tuple):
        return any(_unstorable(v) for v in value)
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    return False


class StorableTextParser(Parser):
    """Refuses, in any field of a body, a form or a query string, text that no column could
    store: a 400 in the error shape instead of a database error further down."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if _unstorable(data):
            raise ValueError("NUL or lone surrogate")  # Ninja answers 400: body unreadable
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        if _unstorable(parsed):
            message = _("Some fields are missing or not valid.")
            raise ApiError(400, "invalid_request", message)
        return parsed


api = NinjaAPI(
    parser=StorableTextParser(),
    renderer=Utf8Renderer(),
    title="Một Cửa API",
    version="1",
    description="The API of the province's mobile app and partners (docs/api.md).",
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)
install_handlers(api)
api.add_router("/procedures", catalog_router)
api.add_router("/feedback", feedback_router)
api.add_router("/auth", auth_router)
api.add_router("/me", me_router)
api.add_router("/me/payments", payments_router)
api.add_router("/drafts", drafts_router)
api.add_router("/tracking", tracking_router)


def _json_method_not_allowed(view: Callable[..., HttpResponseBase]) -> Callable[..., Any]:
    """Ninja answers an unsupported method with plain text; the API answers in its error shape."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code == HTTPStatus.METHOD_NOT_ALLOWED and not response.get(
            "Content-Type", ""
        ).startswith("application/json"):
            body = error_body("method_not_allowed", _("This method is not allowed here."))
            allowed = response.get("Allow", "")
            response = JsonResponse(
                body,
                status=HTTPStatus.METHOD_NOT_ALLOWED,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Allow"] = allowed
        return response

    return wrapped


def api_urls() -> tuple[list[Any], str, str]:
    """The API's URL patterns, every view answering in the API's error shape."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.callback is not None:
            pattern.callback = _json_method_not_allowed(pattern.callback)
    return patterns, app_name, namespace
