"""The app's sign-in: tokens, refresh with rotation (a reused refresh token ends the sign-in),
sign-out, the bearer-only account endpoints; every refusal structured, nothing leaked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import AppSession
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World

API = "/api/v1"
PASSWORD = "MotCua@2026"


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{API}{path}", body, content_type="application/json")


def _sign_in(client: Client, username: str = "congdan") -> dict[str, Any]:
    response = _post(client, "/auth/token", {"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.content
    return response.json()


def _me(client: Client, access: str) -> Any:
    return client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {access}")


def test_sign_in_gives_tokens_that_open_only_the_persons_account(seeded, client) -> None:  # type: ignore[no-untyped-def]
    tokens = _sign_in(client)
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 15 * 60
    me = _me(client, tokens["access_token"])
    assert me.status_code == 200 and me.json()["username"] == "congdan"
    # The refresh token is stored only as its hash.
    session = AppSession.objects.get()
    assert tokens["refresh_token"] not in (session.refresh_hash, session.previous_hash)

    for header in ({}, {"HTTP_AUTHORIZATION": "Bearer " + tokens["access_token"][:-2] + "xx"},
                   {"HTTP_AUTHORIZATION": "Bearer " + tokens["refresh_token"]}):  # fmt: skip
        refused = client.get(f"{API}/me", **header)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "unauthorised"
        assert "congdan" not in refused.content.decode()


def test_a_wrong_password_is_refused_and_repeated_failures_lock(seeded, client) -> None:  # type: ignore[no-untyped-def]
    wrong = _post(client, "/auth/token", {"username": "congdan", "password": "sai"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    unknown = _post(client, "/auth/token", {"username": "khongco", "password": "sai"})
    assert unknown.json() == wrong.json()  # no account discovery
    for _ in range(5):
        _post(client, "/auth/token", {"username": "congdan", "password": "sai"})
    locked = _post(client, "/auth/token", {"username": "congdan", "password": PASSWORD})
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "rate_limited"
    assert "khóa" in locked.json()["error"]["message"]
    assert AppSession.objects.count() == 0


def test_unknown_fields_and_wrong_content_types_are_refused(seeded, client) -> None:  # type: ignore[no-untyped-def]
    extra = _post(client, "/auth/token", {"username": "congdan", "password": PASSWORD, "x": 1})
    assert extra.status_code == 400 and extra.json()["error"]["code"] == "invalid_request"
    as_text = client.post(f"{API}/auth/token", "username=congdan", content_type="text/plain")
    assert as_text.status_code == 400
    assert AppSession.objects.count() == 0


def test_an_access_token_expires_and_the_refresh_token_rotates(seeded, client) -> None:  # type: ignore[no-untyped-def]
    first = _sign_in(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _me(client, first["access_token"]).status_code == 401
        second = _post(client, "/auth/refresh", {"refresh_token": first["refresh_token"]})
        assert second.status_code == 200
        fresh = second.json()
        assert fresh["refresh_token"] != first["refresh_token"]
        assert _me(client, fresh["access_token"]).status_code == 200


def test_a_retry_within_the_grace_period_gets_new_tokens(seeded, client) -> None:  # type: ignore[no-untyped-def]
    first = _sign_in(client)
    lost = _post(client, "/auth/refresh", {"refresh_token": first["refresh_token"]}).json()
    # The answer never reached the phone: it retries with the token it still has.
    retried = _post(client, "/auth/refresh", {"refresh_token": first["refresh_token"]})
    assert retried.status_code == 200
    fresh = retried.json()
    assert _me(client, fresh["access_token"]).status_code == 200
    assert (
        _post(client, "/auth/refresh", {"refresh_token": lost["refresh_token"]}).status_code == 401
    )
    # The lost token is simply dead: it is not a copy of a live one, so nobody is signed out.
    assert AppSession.objects.get().revoked_at is None
    assert _me(client, fresh["access_token"]).status_code == 200


def test_a_reused_refresh_token_ends_the_sign_in_everywhere(seeded, client) -> None:  # type: ignore[no-untyped-def]
    first = _sign_in(client)
    fresh = _post(client, "/auth/refresh", {"refresh_token": first["refresh_token"]}).json()
    # Someone replays the old refresh token after the grace period (a copy): refused, and the
    # session is revoked.
    later = timezone.now() + timedelta(seconds=61)
    with time_machine.travel(later):
        replay = _post(client, "/auth/refresh", {"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "session_ended"
    assert AppSession.objects.get().revoked_reason == "refresh_reused"
    assert _me(client, fresh["access_token"]).status_code == 401
    again = _post(client, "/auth/refresh", {"refresh_token": fresh["refresh_token"]})
    assert again.status_code == 401


def test_sign_out_stops_both_tokens(seeded, client) -> None:  # type: ignore[no-untyped-def]
    tokens = _sign_in(client)
    assert (
        _post(client, "/auth/revoke", {"refresh_token": tokens["refresh_token"]}).status_code == 204
    )
    assert _me(client, tokens["access_token"]).status_code == 401
    assert (
        _post(client, "/auth/refresh", {"refresh_token": tokens["refresh_token"]}).status_code
        == 401
    )
    # Signing out twice is harmless.
    assert (
        _post(client, "/auth/revoke", {"refresh_token": tokens["refresh_token"]}).status_code == 204
    )


def test_my_dossiers_lists_only_mine_paginated(world: World, client) -> None:  # type: ignore[no-untyped-def]
    mine = [world.receive() for _ in range(3)]
    other = world.receive()
    Dossier.objects.filter(pk__in=[d.pk for d in mine]).update(citizen=world.citizen)
    tokens = _sign_in(client)
    page = client.get(
        f"{API}/me/dossiers?page=1&page_size=2",
        HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}",
    ).json()
    assert (page["count"], page["pages"], len(page["results"])) == (3, 2, 2)
    second = client.get(
        f"{API}/me/dossiers?page=2&page_size=2",
        HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}",
    ).json()
    codes = {r["code"] for r in page["results"] + second["results"]}
    assert codes == {d.code for d in mine} and other.code not in codes
    assert page["results"][0]["procedure_code"] == world.version.procedure.code
    assert page["results"][0]["status_label"]
    # A portal session cookie does not open the API.
    client.force_login(world.citizen)
    assert client.get(f"{API}/me/dossiers").status_code == 401


@pytest.mark.parametrize("size", [0, 101])
def test_page_size_out_of_range_is_refused(seeded, client, size: int) -> None:  # type: ignore[no-untyped-def]
    tokens = _sign_in(client)
    response = client.get(
        f"{API}/me/dossiers?page_size={size}", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_request"
