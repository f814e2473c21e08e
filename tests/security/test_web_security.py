"""Web security of the site as a whole: the Content-Security-Policy and templates it can hold,
CSRF on every form and state-changing view, the rate limits of the public doors (sign-in,
one-time codes, tracking, petitions) and their reset, and secrets only from the environment."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from motcua.accounts.models import OneTimeCode, User
from motcua.accounts.services import DEMO_PASSWORD
from motcua.core.models import AuditEvent
from motcua.dossiers.tests import conftest as dossier_fixtures
from motcua.dossiers.tests.conftest import World
from motcua.feedback.models import Feedback
from motcua.notifications import channels

pytestmark = pytest.mark.hard
world = dossier_fixtures.world  # the fixture, by name

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "motcua"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=VN)
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}

# Rendered by WeasyPrint on the server into PDF files; never sent to a browser as HTML.
PDF_TEMPLATES = re.compile(r"/pdf/|_pdf\.html$")


def _templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)


def _browser_templates() -> list[Path]:
    return [p for p in _templates() if not PDF_TEMPLATES.search(p.as_posix())]


# --- Content-Security-Policy -----------------------------------------------------------------


def _directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.django_db
def test_html_pages_carry_a_policy_without_inline_script_or_style(client: Client) -> None:
    for url in (reverse("portal:home"), reverse("accounts:login"), "/admin/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        # "Pay online" posts here and is redirected to the payment platform's page.
        paygov = re.match(r"https?://[^/]+", django_settings.MOTCUA_PAYGOV_URL)
        assert paygov and policy["form-action"] == ["'self'", paygov.group(0)]
    # Not on JSON (nor on PDFs: a PDF with object-src 'none' stops the browser's viewer).
    api = client.get("/api/v1/openapi.json")
    assert api.status_code == 200 and "Content-Security-Policy" not in api


def test_form_action_follows_the_payment_setting_at_request_time(settings: Any) -> None:
    from motcua.core.middleware import csp_policy

    settings.MOTCUA_PAYGOV_URL = "https://thanhtoan.example.gov.vn:8443/api/thanh-toan"
    settings.MOTCUA_CSP = "default-src 'self'; form-action 'self'"
    assert csp_policy(path="/") == (
        "default-src 'self'; form-action 'self' https://thanhtoan.example.gov.vn:8443"
    )
    settings.MOTCUA_CSP_BY_PATH = {"/admin/": "default-src 'none'"}
    assert csp_policy(path="/admin/x/") == "default-src 'none'"


INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
}


def test_templates_served_to_browsers_hold_nothing_the_policy_blocks() -> None:
    pages = _browser_templates()
    assert len(pages) > 80  # the scan sees the templates (103 when written)
    found = [
        f"{page.relative_to(SRC)}: {what}"
        for page in pages
        for what, pattern in INLINE.items()
        if pattern.search(page.read_text(encoding="utf-8"))
    ]
    assert found == []
    # The scan would see them: the WeasyPrint templates left out do have a <style> element.
    pdfs = [p for p in _templates() if PDF_TEMPLATES.search(p.as_posix())]
    assert pdfs and any(INLINE["style element"].search(p.read_text()) for p in pdfs)


def test_no_static_script_evaluates_strings() -> None:
    scripts = list((SRC / "static").rglob("*.js"))
    evaluating = [
        str(s) for s in scripts if re.search(r"\beval\(|new Function\(", s.read_text("utf-8"))
    ]
    assert evaluating == []


# --- CSRF -------------------------------------------------------------------------------------

FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
POST = re.compile(r"\bmethod\s*=\s*[\"']?post\b", re.IGNORECASE)


def test_every_post_form_carries_a_csrf_token() -> None:
    posts = 0
    missing: list[str] = []
    for page in _templates():
        text = page.read_text(encoding="utf-8")
        for match in FORM.finditer(text):
            if not POST.search(match.group(0)):
                continue
            posts += 1
            end = text.find("</form>", match.end())
            body = text[match.end() : end if end >= 0 else len(text)]
            if "{% csrf_token %}" not in body:
                missing.append(f"{page.relative_to(SRC)}: {match.group(0)[:80]}")
    assert posts >= 60  # 63 POST forms when written
    assert missing == []


def _exempt_views() -> set[str]:
    found: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif getattr(entry.callback, "csrf_exempt", False):
                found.add(prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, "")
    return found


def test_only_the_payment_callback_and_the_token_api_skip_csrf() -> None:
    exempt = _exempt_views()
    assert "thanh-toan/paygov/xac-nhan/" in exempt
    others = {path for path in exempt if not path.startswith("api/v1/")}
    # The platform's callback is machine to machine and carries the platform's signature;
    # the API (django-ninja) takes no cookie: its authority is a token in the request.
    assert others == {"thanh-toan/paygov/xac-nhan/"}
    assert not any(path.startswith(("admin/", "accounts/", "backoffice/")) for path in exempt)


@time_machine.travel(MONDAY, tick=False)
def test_sign_in_without_a_token_is_refused_and_nothing_happens(world: World) -> None:
    strict = Client(enforce_csrf_checks=True)
    url = reverse("accounts:login")
    before = AuditEvent.objects.count()
    refused = strict.post(url, {"username": "motcua", "password": DEMO_PASSWORD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in strict.session and AuditEvent.objects.count() == before
    # With the token from the form, the same request signs in: the token is what was missing.
    strict.get(url)
    token = strict.cookies["csrftoken"].value
    data = {"username": "motcua", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    assert strict.post(url, data).status_code == 302
    assert "_auth_user_id" in strict.session


@time_machine.travel(MONDAY, tick=False)
def test_a_back_office_action_without_a_token_is_refused_and_writes_nothing(
    world: World,
) -> None:
    dossier = world.receive()
    act = reverse("backoffice:dossier_act", args=[dossier.pk, "forward"])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.desk)
    assert strict.post(act, {"request_key": "f1", "revision": 1}).status_code == 403
    dossier.refresh_from_db()
    assert dossier.revision == 1
    lax = Client()
    lax.force_login(world.desk)
    assert lax.post(act, {"request_key": "f1", "revision": 1}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.revision == 2


@time_machine.travel(MONDAY, tick=False)
def test_a_petition_and_an_online_dossier_without_a_token_are_refused(world: World) -> None:
    from motcua.dossiers.models import Dossier, OnlineDraft
    from motcua.dossiers.services import draft_start

    channels.sent_messages.clear()  # the local SMS outbox is per process: other tests' messages
    strict = Client(enforce_csrf_checks=True)
    # The petition form's first step sends a code (a write, and an SMS).
    assert strict.post(reverse("portal:feedback_new"), {"phone": "0912345678"}).status_code == 403
    assert OneTimeCode.objects.count() == 0 and channels.sent_messages == []
    world.citizen.phone = "0912345678"
    world.citizen.save(update_fields=["phone"])
    strict.force_login(world.citizen)
    petition = {"kind": "regulation", "title": "Trễ hẹn", "content": "Quá hẹn 5 ngày.",
                "name": "Điểu Thị Lan", "email": ""}  # fmt: skip
    assert strict.post(reverse("portal:feedback_new"), petition).status_code == 403
    assert Feedback.objects.count() == 0
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    send = reverse("portal:draft_send", args=[draft.pk])
    assert strict.post(send, {}).status_code == 403
    assert Dossier.objects.count() == 0
    assert OnlineDraft.objects.get(pk=draft.pk).submitted_dossier_id is None
    # Without the check the same petition is taken: the token is what stopped it.
    lax = Client()
    lax.force_login(world.citizen)
    assert lax.post(reverse("portal:feedback_new"), petition).status_code == 302
    assert Feedback.objects.count() == 1


# --- rate limits ------------------------------------------------------------------------------


def _vi(message: str, **values: Any) -> str:
    from django.utils.translation import gettext

    with translation.override("vi"):
        return gettext(message) % values


@time_machine.travel(MONDAY, tick=False)
def test_wrong_sign_ins_from_one_connection_are_limited_then_reset(
    world: World, settings: Any, hard_figures: Callable[..., None]
) -> None:
    settings.MOTCUA_LOGIN_FAILURES_PER_CLIENT = 4
    settings.MOTCUA_LOGIN_CLIENT_WINDOW_MINUTES = 15
    url = reverse("accounts:login")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    usernames = ["motcua", "chuyenvien", "lanhdao", "giamsat"]  # one guess each: no lockout
    for username in usernames:
        page = attacker.post(url, {"username": username, "password": "Doan@2026x"}, **VI)
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content.decode()
    blocked = _vi(
        "Too many wrong sign-ins from this connection. Try again in %(minutes)d minutes, "
        "or reset your password.",
        minutes=15,
    )
    # The 5th attempt is refused unchecked, even with the right password.
    fifth = attacker.post(url, {"username": "quantri", "password": DEMO_PASSWORD}, **VI)
    assert fifth.status_code == 200 and blocked in fifth.content.decode()
    assert "_auth_user_id" not in attacker.session
    assert not User.objects.filter(locked_until__isnull=False).exists()  # no account locked
    # Another connection (another office) is not affected.
    office = Client(REMOTE_ADDR="198.51.100.7")
    assert office.post(url, {"username": "motcua", "password": DEMO_PASSWORD}).status_code == 302
    with time_machine.travel(MONDAY + timedelta(minutes=15, seconds=1), tick=False):
        again = attacker.post(url, {"username": "quantri", "password": DEMO_PASSWORD})
        assert again.status_code == 302
    hard_figures(cases=len(usernames) + 3)


@time_machine.travel(MONDAY, tick=False)
def test_the_admin_sign_in_goes_through_the_lockout(world: World, settings: Any) -> None:
    settings.MOTCUA_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        client.post("/admin/login/", {"username": "quantri", "password": "wrong-password-1"})
    locked = client.post("/admin/login/", {"username": "quantri", "password": DEMO_PASSWORD}, **VI)
    assert locked.status_code == 200 and "_auth_user_id" not in client.session
    assert User.objects.get(username="quantri").locked_until is not None
    assert "tạm khóa" in locked.content.decode()


@time_machine.travel(MONDAY, tick=False)
def test_tracking_lookups_are_limited_then_reset(
    world: World, settings: Any, hard_figures: Callable[..., None]
) -> None:
    settings.MOTCUA_TRACKING_ATTEMPTS = 3
    settings.MOTCUA_TRACKING_WINDOW_MINUTES = 15
    dossier = world.receive()
    url = reverse("portal:track")
    client = Client(REMOTE_ADDR="203.0.113.10")
    for digits in ("0000", "1111", "2222"):
        assert client.post(url, {"ma": dossier.code, "so": digits}).status_code == 200
    blocked = client.post(url, {"ma": dossier.code, "so": "5678"}, **VI)
    assert blocked.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in blocked.content.decode() or (
        _vi(
            "Too many attempts from this connection. Wait %(minutes)s minutes and try again.",
            minutes=15,
        )
        in blocked.content.decode()
    )
    with time_machine.travel(MONDAY + timedelta(minutes=15, seconds=1), tick=False):
        found = client.post(url, {"ma": dossier.code, "so": "5678"})
        assert found.status_code == 200 and dossier.code in found.content.decode()
    hard_figures(cases=5)


def _phone_token(client: Client, phone: str) -> str:
    asked = client.post("/api/v1/feedback/codes", {"phone": phone}, content_type="application/json")
    assert asked.status_code == 201, asked.content
    code = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert code
    checked = client.post(
        "/api/v1/feedback/codes/check",
        {"verification_id": asked.json()["verification_id"], "code": code.group(1)},
        content_type="application/json",
    )
    return str(checked.json()["phone_token"])


@pytest.fixture
def _no_messages() -> Iterator[None]:
    channels.sent_messages.clear()
    yield
    channels.sent_messages.clear()


@pytest.mark.usefixtures("_no_messages")
def test_codes_asked_from_one_connection_are_limited_with_429_then_reset(
    world: World, settings: Any, hard_figures: Callable[..., None]
) -> None:
    settings.MOTCUA_OTP_PER_CLIENT_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.11")
    with time_machine.travel(MONDAY, tick=False):
        for phone in ("0912000001", "0912000002"):
            _phone_token(client, phone)
        refused = client.post(
            "/api/v1/feedback/codes", {"phone": "0912000003"},
            content_type="application/json", **VI,
        )  # fmt: skip
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "rate_limited"
        assert "quá nhiều" in refused.json()["error"]["message"].lower()
        assert OneTimeCode.objects.count() == 2
    with time_machine.travel(MONDAY + timedelta(hours=1, seconds=1), tick=False):
        _phone_token(client, "0912000003")
    hard_figures(cases=4)


@pytest.mark.usefixtures("_no_messages")
def test_petitions_from_one_connection_are_limited_then_reset(
    world: World, settings: Any, tmp_path: Path, hard_figures: Callable[..., None]
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_FEEDBACK_PER_CLIENT_HOUR = 2
    message = _vi("Too many petitions were sent from this connection. Try again in an hour.")
    app = Client(REMOTE_ADDR="203.0.113.12")
    form = {"kind": "regulation", "title": "Trễ hẹn", "content": "Quá hẹn 5 ngày.",
            "name": "Điểu Thị Lan"}  # fmt: skip
    with time_machine.travel(MONDAY, tick=False):
        for phone in ("0913000001", "0913000002"):
            token = _phone_token(app, phone)
            assert app.post("/api/v1/feedback", {**form, "phone_token": token}).status_code == 201
        token = _phone_token(app, "0913000003")
        refused = app.post("/api/v1/feedback", {**form, "phone_token": token}, **VI)
        assert refused.status_code == 429 and refused.json()["error"]["message"] == message
        assert Feedback.objects.count() == 2
        # The portal's form shares the count of the connection.
        world.citizen.phone = "0913000009"
        world.citizen.save(update_fields=["phone"])
        portal = Client(REMOTE_ADDR="203.0.113.12")
        portal.force_login(world.citizen)
        page = portal.post(reverse("portal:feedback_new"), {**form, "email": ""}, **VI)
        assert page.status_code == 429 and message in page.content.decode()
        assert Feedback.objects.count() == 2
    with time_machine.travel(MONDAY + timedelta(hours=1, seconds=1), tick=False):
        token = _phone_token(app, "0913000004")  # the earlier proof lasts 30 minutes
        assert app.post("/api/v1/feedback", {**form, "phone_token": token}).status_code == 201
        assert Feedback.objects.count() == 3
    hard_figures(cases=5)


# --- secrets ------------------------------------------------------------------------------------

SECRET_NAME = re.compile(r"SECRET|PASSWORD|PASSPHRASE|TOKEN|_KEY\b|_KEYS\b", re.IGNORECASE)


def _env_reads(path: Path) -> list[tuple[str, ast.expr | None]]:
    """(variable, default expression or None) of every env.<cast>("NAME", ...) call."""
    reads = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            default = next((k.value for k in node.keywords if k.arg == "default"), None)
            reads.append((str(node.args[0].value), default))
    return reads


def test_shared_and_production_settings_hold_no_secret_value() -> None:
    checked = 0
    for name in ("base.py", "prod.py"):
        path = ROOT / "config" / "settings" / name
        for variable, default in _env_reads(path):
            if not SECRET_NAME.search(variable):
                continue
            checked += 1
            empty = default is None or (
                isinstance(default, ast.Constant) and default.value in ("", None)
            )
            empty = empty or (isinstance(default, ast.Dict | ast.List) and not _children(default))
            assert empty, f"{name}: {variable} has a default value"
        # No literal assigned to a secret-like setting either.
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and SECRET_NAME.search(target.id):
                        assert not isinstance(node.value, ast.Constant | ast.Dict), target.id
    assert checked >= 5  # SECRET_KEY, e-mail, signing, national portal, payment
    prod = (ROOT / "config" / "settings" / "prod.py").read_text(encoding="utf-8")
    assert 'SECRET_KEY = env.str("DJANGO_SECRET_KEY")' in prod
    assert 'env.db_url("DATABASE_URL")' in prod  # the database password: no fall-back


def _children(node: ast.expr) -> list[ast.AST]:
    return list(ast.iter_child_nodes(node))


def test_production_takes_every_secret_from_the_environment() -> None:
    given = {
        "DJANGO_SECRET_KEY": "s3cret-from-env-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "dichvucong.example.vn",
        "DATABASE_URL": "postgres://motcua:db-pass-from-env@127.0.0.1:5432/motcua",
        "EMAIL_HOST_PASSWORD": "smtp-pass-from-env",
        "MOTCUA_PAYGOV_SECRETS": "H19-STC=pay-secret-from-env",
        "MOTCUA_DVCQG_USERNAME": "dvcqg-user-from-env",
        "MOTCUA_DVCQG_PASSWORD": "dvcqg-pass-from-env",
        "MOTCUA_SIGNING_PASSPHRASES": "*=sign-pass-from-env",
    }
    probe = (
        "from django.conf import settings as s; import json; print(json.dumps(["
        "s.SECRET_KEY, s.DATABASES['default']['PASSWORD'], s.EMAIL_HOST_PASSWORD, "
        "s.MOTCUA_PAYGOV_SECRETS, s.MOTCUA_DVCQG_USERNAME, s.MOTCUA_DVCQG_PASSWORD, "
        "s.MOTCUA_SIGNING_PASSPHRASES]))"
    )
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k not in given and not k.startswith(("MOTCUA_", "EMAIL_", "DJANGO_"))
    }
    base = {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}  # fmt: skip

    def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        code = f"import django; django.setup(); {probe}"
        return subprocess.run(  # noqa: S603 - our own settings, arguments from this file
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
            check=False, timeout=120,
        )  # fmt: skip

    answer = run({**base, **given})
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip().splitlines()[-1] == (
        '["s3cret-from-env-' + "k" * 40 + '", "db-pass-from-env", "smtp-pass-from-env", '
        '{"H19-STC": "pay-secret-from-env"}, "dvcqg-user-from-env", "dvcqg-pass-from-env", '
        '{"*": "sign-pass-from-env"}]'
    )
    # Without them: the secret key and the database refuse to start; the others are empty.
    for missing in ("DJANGO_SECRET_KEY", "DATABASE_URL"):
        env = {**base, **{k: v for k, v in given.items() if k != missing}}
        refused = run(env)
        assert refused.returncode != 0 and missing in refused.stderr
    bare = run({**base, **{k: given[k] for k in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS",
                                                 "DATABASE_URL")}})  # fmt: skip
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout.strip().splitlines()[-1].endswith('"", {}, "", "", {}]')


def test_the_repository_holds_no_private_key() -> None:
    listed = subprocess.run(  # noqa: S603 - git, fixed arguments
        [shutil.which("git") or "git", "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    files = [ROOT / name for name in listed.stdout.decode().split("\0") if name]
    assert len(files) > 300
    holding = []
    for path in files:
        if path.suffix.lower() in (".p12", ".pfx", ".key", ".pem", ".jks"):
            holding.append(str(path.relative_to(ROOT)))
            continue
        try:
            text = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            continue
        if re.search(rb"-----BEGIN (?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY-----", text):
            holding.append(str(path.relative_to(ROOT)))
    assert holding == []
