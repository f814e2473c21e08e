"""Single sign-on through a real OpenID Connect provider (simulators/oidc, its own process):
the portal sends the person there, the provider signs them in and sends a code back, the portal
exchanges it, checks the signed ID token and links or creates the account (issue 15)."""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import ExternalIdentity, User
from motcua.core.testing import free_port, local_server
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World

SIMULATOR = Path(__file__).resolve().parents[4] / "simulators" / "oidc" / "server.py"
CALLBACK = "http://testserver/dang-nhap/dinh-danh/ve/"
AN = "001090001234"  # the simulator's identity "an"
LAN = "070195004321"  # the simulator's identity "lan"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(SIMULATOR), "--port", str(port),
               "--client", f"motcua-test:test-secret:{CALLBACK}"]  # fmt: skip
    with local_server(command, f"{url}/.well-known/openid-configuration"):
        yield url


@pytest.fixture
def sso(provider: str, settings: Any) -> str:
    from motcua.integrations.oidc import client

    client._metadata_cache.clear()
    settings.MOTCUA_OIDC_ISSUER = provider
    settings.MOTCUA_OIDC_CLIENT_ID = "motcua-test"
    settings.MOTCUA_OIDC_CLIENT_SECRET = "test-secret"
    return provider


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _provider_signs_in(authorize_url: str, username: str, password: str = "VNeID@2026") -> str:  # noqa: S107 - the simulator's test identity
    """Open the provider's page, submit its form; the address it sends the browser back to."""
    page = urllib.request.urlopen(authorize_url, timeout=5).read().decode()  # noqa: S310 - local
    fields = dict(re.findall(r"name='([^']+)' value='([^']*)'", page))
    fields.update(username=username, password=password)
    action = urllib.parse.urljoin(authorize_url, "/authorize")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(action, urllib.parse.urlencode(fields).encode(), timeout=5)
    except urllib.error.HTTPError as answer:
        assert answer.code == 302, answer.read()
        return str(answer.headers["Location"])
    raise AssertionError("the provider did not send the browser back")


def _through_provider(client: Client, username: str) -> Any:
    start = client.get("/dang-nhap/dinh-danh/?next=/tai-khoan/")
    assert start.status_code == 302
    back = _provider_signs_in(start["Location"], username)
    assert back.startswith(CALLBACK)
    return client.get(back.removeprefix("http://testserver"))


def test_signing_in_links_the_existing_account_by_id_number_and_shows_its_dossiers(  # type: ignore[no-untyped-def]
    sso, world: World, client: Client
) -> None:
    earlier = world.receive()
    User.objects.filter(pk=world.citizen.pk).update(id_number=AN)
    Dossier.objects.filter(pk=earlier.pk).update(citizen=world.citizen, applicant_id_number=AN)

    answer = _through_provider(client, "an")

    assert answer.status_code == 302 and answer["Location"] == "/tai-khoan/"
    link = ExternalIdentity.objects.get()
    assert (link.user_id, link.id_number) == (world.citizen.pk, AN)
    account = client.get("/tai-khoan/")
    assert account.status_code == 200 and account.wsgi_request.user.pk == world.citizen.pk
    assert earlier.code in account.content.decode()
    # Next time the link alone signs in, even without the dossier.
    client.logout()
    Dossier.objects.filter(pk=earlier.pk).update(applicant_id_number="")
    again = _through_provider(client, "an")
    assert (
        again.status_code == 302
        and client.get("/tai-khoan/").wsgi_request.user.pk == world.citizen.pk
    )


def test_a_person_without_an_account_gets_one_with_the_verified_number(sso, seeded, client) -> None:  # type: ignore[no-untyped-def]
    answer = _through_provider(client, "lan")
    assert answer.status_code == 302
    user = User.objects.get(id_number=LAN)
    assert (user.full_name, user.role, user.has_usable_password()) == (
        "Điểu Thị Lan",
        "citizen",
        False,
    )
    assert user.external_identities.get().id_number == LAN
    # No password was ever chosen: none is offered for change.
    account = client.get("/tai-khoan/").content.decode()
    assert "Đổi mật khẩu" not in account and "Bạn đăng nhập bằng VNeID" in account
    change = client.get("/accounts/password/change/").content.decode()
    assert "không có mật khẩu riêng" in change and 'name="old_password"' not in change
    client.force_login(User.objects.get(username="congdan"))  # a password account still may
    assert "Đổi mật khẩu" in client.get("/tai-khoan/").content.decode()
    assert 'name="old_password"' in client.get("/accounts/password/change/").content.decode()


def test_a_typed_in_number_needs_the_accounts_password_or_is_released(
    sso, world: World, client
) -> None:  # type: ignore[no-untyped-def]
    # congdan typed AN into their profile; nothing confirms it is theirs.
    User.objects.filter(pk=world.citizen.pk).update(id_number=AN)
    asked = _through_provider(client, "an")
    assert asked["Location"] == "/dang-nhap/dinh-danh/lien-ket/"
    page = client.get(asked["Location"])
    assert page.status_code == 200 and "Nguyễn Văn An" in page.content.decode()
    assert ExternalIdentity.objects.count() == 0
    wrong = client.post(
        asked["Location"], {"action": "link", "username": "congdan", "password": "sai"}
    )
    assert wrong.status_code == 400 and ExternalIdentity.objects.count() == 0
    linked = client.post(
        asked["Location"], {"action": "link", "username": "congdan", "password": "MotCua@2026"}
    )
    assert linked.status_code == 302 and ExternalIdentity.objects.get().user_id == world.citizen.pk


def test_someone_elses_typed_in_number_is_released_to_its_verified_owner(
    sso, world: World, client
) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=world.citizen.pk).update(id_number=AN)
    asked = _through_provider(client, "an")
    fresh = client.post(asked["Location"], {"action": "new"})
    assert fresh.status_code == 302
    world.citizen.refresh_from_db()
    assert world.citizen.id_number == ""
    owner = User.objects.get(id_number=AN)
    assert owner.pk != world.citizen.pk and owner.external_identities.exists()


def test_an_officers_number_never_opens_the_officers_account(sso, world: World, client) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=world.desk.pk).update(id_number=AN)
    answer = _through_provider(client, "an")
    assert answer["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session and ExternalIdentity.objects.count() == 0


def test_a_forged_state_or_a_replayed_code_is_refused(sso, seeded, client) -> None:  # type: ignore[no-untyped-def]
    start = client.get("/dang-nhap/dinh-danh/")
    back = _provider_signs_in(start["Location"], "lan")
    forged = re.sub(r"state=[^&]+", "state=khac", back)
    assert client.get(forged.removeprefix("http://testserver"))["Location"] == "/accounts/login/"
    # The session's request is gone after one try: the real answer cannot be used either.
    assert client.get(back.removeprefix("http://testserver"))["Location"] == "/accounts/login/"
    assert User.objects.filter(id_number=LAN).count() == 0


def test_the_provider_down_gives_a_message_not_an_error(seeded, client, settings) -> None:  # type: ignore[no-untyped-def]
    from motcua.integrations.oidc import client as oidc

    oidc._metadata_cache.clear()
    settings.MOTCUA_OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"
    settings.MOTCUA_OIDC_CLIENT_ID = "motcua-test"
    answer = client.get("/dang-nhap/dinh-danh/", follow=True)
    assert answer.status_code == 200
    assert "không phản hồi" in answer.content.decode()


def test_single_sign_on_is_off_without_an_issuer(seeded, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_OIDC_ISSUER = ""
    assert client.get("/dang-nhap/dinh-danh/").status_code == 404
    assert "VNeID" not in client.get("/accounts/login/").content.decode()


APP_URI = "vn.gov.motcua.app:/sso"
VERIFIER = "k" * 20 + "-app-verifier-of-43-chars-or-more"


def _challenge(verifier: str) -> str:
    import base64
    import hashlib

    return (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )


def _app_code(client: Client, username: str, verifier: str = VERIFIER) -> str:
    """The app opens the browser at the app start page; the code the browser brings back."""
    query = urllib.parse.urlencode({
        "redirect_uri": APP_URI, "code_challenge": _challenge(verifier),
        "code_challenge_method": "S256", "state": "app-state-1",
    })  # fmt: skip
    start = client.get(f"/dang-nhap/dinh-danh/ung-dung/?{query}")
    assert start.status_code == 302
    to_provider = client.get(start["Location"])
    back = _provider_signs_in(to_provider["Location"], username)
    done = client.get(back.removeprefix("http://testserver"))
    assert done["Location"] == "/dang-nhap/dinh-danh/ung-dung/xong/"
    to_app = client.get(done["Location"])
    assert to_app.status_code == 302 and to_app["Location"].startswith(f"{APP_URI}?")
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(to_app["Location"]).query)
    assert params["state"] == ["app-state-1"]
    return params["code"][0]


def test_the_app_signs_in_with_the_national_identity_once_with_its_verifier(  # type: ignore[no-untyped-def]
    sso, seeded, client: Client, settings
) -> None:
    settings.MOTCUA_API_APP_REDIRECT_URIS = [APP_URI]
    code = _app_code(client, "an")
    api = Client()
    wrong = api.post("/api/v1/auth/sso", {"code": code, "code_verifier": "x" * 43},
                     content_type="application/json")  # fmt: skip
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "sign_in_refused"
    # A wrong verifier used the code up: not even the app can use it now.
    assert api.post("/api/v1/auth/sso", {"code": code, "code_verifier": VERIFIER},
                    content_type="application/json").status_code == 401  # fmt: skip

    code = _app_code(client, "an")
    signed = api.post("/api/v1/auth/sso", {"code": code, "code_verifier": VERIFIER,
                                           "device": "Android"},
                      content_type="application/json")  # fmt: skip
    assert signed.status_code == 201, signed.content
    me = api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {signed.json()['access_token']}")
    identity = ExternalIdentity.objects.get(id_number=AN)
    assert me.json()["username"] == identity.user.username
    replay = api.post("/api/v1/auth/sso", {"code": code, "code_verifier": VERIFIER},
                      content_type="application/json")  # fmt: skip
    assert replay.status_code == 401


def test_the_app_start_page_refuses_unknown_addresses_and_plain_challenges(  # type: ignore[no-untyped-def]
    sso, seeded, client: Client, settings
) -> None:
    settings.MOTCUA_API_APP_REDIRECT_URIS = [APP_URI]
    base = {"code_challenge": _challenge(VERIFIER), "code_challenge_method": "S256"}
    stranger = {**base, "redirect_uri": "https://attacker.example/steal"}
    assert (
        client.get(f"/dang-nhap/dinh-danh/ung-dung/?{urllib.parse.urlencode(stranger)}").status_code
        == 404
    )
    plain = {**base, "redirect_uri": APP_URI, "code_challenge_method": "plain"}
    refused = client.get(f"/dang-nhap/dinh-danh/ung-dung/?{urllib.parse.urlencode(plain)}")
    assert refused["Location"] == "/accounts/login/"
    # Straight to the end, without starting from the app: nothing is handed out.
    assert client.get("/dang-nhap/dinh-danh/ung-dung/xong/")["Location"] == "/accounts/login/"
    # A browser already signed in to the portal that skips the national identity: no code.
    client.force_login(User.objects.get(username="congdan"))
    start = {**base, "redirect_uri": APP_URI, "state": "s"}
    assert client.get(f"/dang-nhap/dinh-danh/ung-dung/?{urllib.parse.urlencode(start)}")[
        "Location"
    ].startswith("/dang-nhap/dinh-danh/?")
    skipped = client.get("/dang-nhap/dinh-danh/ung-dung/xong/")
    assert skipped["Location"] == "/accounts/login/"


def test_the_app_gets_the_account_the_national_identity_signed_in_not_the_browsers(  # type: ignore[no-untyped-def]
    sso, seeded, client: Client, settings
) -> None:
    settings.MOTCUA_API_APP_REDIRECT_URIS = [APP_URI]
    client.force_login(User.objects.get(username="congdan"))  # someone else's portal session
    code = _app_code(client, "lan")
    signed = Client().post(
        "/api/v1/auth/sso", {"code": code, "code_verifier": VERIFIER},
        content_type="application/json",
    )  # fmt: skip
    me = (
        Client()
        .get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {signed.json()['access_token']}")
        .json()
    )
    assert me["full_name"] == "Điểu Thị Lan" and me["username"] != "congdan"
