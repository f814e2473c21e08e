"""The public REST API, version 1 (`/api/v1/`): typed schemas, the OpenAPI 3 document at
`/api/v1/openapi.json` (no browsable UI: it would load scripts from a CDN)."""

from __future__ import annotations

from ninja import NinjaAPI

from motcua.api.errors import install_handlers
from motcua.api.v1_feedback import router as feedback_router

api = NinjaAPI(
    title="Một Cửa API",
    version="1",
    description="The API of the province's mobile app and partners (docs/api.md).",
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)
install_handlers(api)
api.add_router("/feedback", feedback_router)
