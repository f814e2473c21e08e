"""The public REST API, version 1 (`/api/v1/`): typed schemas, the OpenAPI 3 document at
`/api/v1/openapi.json` (no browsable UI: it would load scripts from a CDN)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from motcua.api.errors import install_handlers
from motcua.api.v1_catalog import router as catalog_router
from motcua.api.v1_feedback import router as feedback_router


class Utf8Renderer(JSONRenderer):
    """UTF-8 as is: Vietnamese text is half the bytes of its \\u escapes on a weak network."""

    json_dumps_params: Mapping[str, Any] = {"ensure_ascii": False}


api = NinjaAPI(
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
