"""Schemathesis over the whole OpenAPI document (issue 14, item 4): requests generated from the
schema — valid and invalid bodies, query strings and path parameters — through the real WSGI
application, signed in as a citizen. Zero server errors, every answer of a documented status
in its documented schema (the contract), and every refusal in the API's one error shape.

Cases per operation: 40 in CI, 150 under `make test-hard` (over 1,000 in all).
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from motcua.core.testing import hard_size

pytestmark = [pytest.mark.hard, pytest.mark.slow]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def catalogue_and_people(seeded, seed_catalogue):  # type: ignore[no-untyped-def]
    """Real sectors, procedures, agencies and units, so that valid requests reach the services.

    Requests go through the WSGI handler, whose start and end signals close the database
    connection; inside the test's transaction that would drop it (Django's own test client
    detaches the same receiver while it runs).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=hard_size(40, 150),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_no_generated_request_makes_a_server_error(  # type: ignore[no-untyped-def]
    case, catalogue_and_people, hard_figures
) -> None:
    from motcua.accounts.models import User
    from motcua.accounts.services import app_session_start

    # Signed in as a citizen, so the bearer-only operations parse and check what they get.
    token = app_session_start(user=User.objects.get(username="congdan")).access_token
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    hard_figures(cases=1, losses=int(response.status_code >= 500))
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
    if 400 <= response.status_code < 500:
        assert response.headers.get("content-type", [""])[0].startswith("application/json"), (
            response.status_code,
            case.method,
            case.path,
            response.content[:200],
        )
        body = json.loads(response.content)
        assert set(body) == {"error"}, body
        assert {"code", "message"} <= set(body["error"]), body
        assert body["error"]["message"].strip(), body
