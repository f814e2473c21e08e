"""The signed-in person's documents and messages through the app: documents only under an ID
number confirmed as theirs, downloads only of their own entries, messages only their own."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import ExternalIdentity, User
from motcua.accounts.services import app_session_start
from motcua.documents.models import StoredDocument
from motcua.dossiers.tests.conftest import World
from motcua.notifications.models import Notification

NUMBER = "001090001234"


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {app_session_start(user=user).access_token}"}


def _entry(world: World, number: str, title: str, settings: Any, tmp_path: Any) -> StoredDocument:
    settings.MEDIA_ROOT = tmp_path
    dossier = world.receive()
    entry = StoredDocument(
        id_number=number, kind="result", title=title, issuer=dossier.receiving_agency,
        issued_at=timezone.now(), sha256="0" * 64, dossier=dossier,
        source_key=f"test-{title}",
    )  # fmt: skip
    entry.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.7 " + title.encode()), save=False)
    entry.save()
    return entry


def test_documents_need_a_confirmed_number_and_open_only_the_persons_own(  # type: ignore[no-untyped-def]
    world: World, client: Client, settings, tmp_path
) -> None:
    mine = _entry(world, NUMBER, "giay-xac-nhan", settings, tmp_path)
    other = _entry(world, "070195004321", "cua-nguoi-khac", settings, tmp_path)
    User.objects.filter(pk=world.citizen.pk).update(id_number=NUMBER)
    world.citizen.refresh_from_db()
    headers = _bearer(world.citizen)

    # Typed into the profile only: nothing is shown, nothing downloads.
    unconfirmed = client.get("/api/v1/me/documents", **headers).json()
    assert unconfirmed == {"id_number_confirmed": False, "results": []}
    assert client.get(f"/api/v1/me/documents/{mine.pk}/file", **headers).status_code == 404

    now = timezone.now()
    ExternalIdentity.objects.create(
        user=world.citizen, issuer="http://idp", subject="s1", id_number=NUMBER,
        linked_at=now, last_sign_in_at=now,
    )  # fmt: skip
    listed = client.get("/api/v1/me/documents", **headers).json()
    assert listed["id_number_confirmed"] is True
    assert [r["id"] for r in listed["results"]] == [mine.pk]
    download = client.get(listed["results"][0]["download"], **headers)
    assert download.status_code == 200 and b"giay-xac-nhan" in b"".join(download.streaming_content)
    assert client.get(f"/api/v1/me/documents/{other.pk}/file", **headers).status_code == 404
    assert client.get(f"/api/v1/me/documents/{mine.pk}/file").status_code == 401


def test_messages_are_the_persons_own_newest_first(world: World, client: Client) -> None:
    now = timezone.now()
    for n, user in enumerate([world.citizen, world.citizen, world.desk]):
        Notification.objects.create(
            kind="received", source_key=f"k{n}", user=user, channel="sms", address="0912345678",
            language="vi", subject=f"Tin {n}", text_short=f"Nội dung {n}", text_long="",
            next_attempt_at=now,
        )  # fmt: skip
    page = client.get("/api/v1/me/notifications?page_size=1", **_bearer(world.citizen)).json()
    assert (page["count"], page["pages"]) == (2, 2)
    assert page["results"][0]["subject"] == "Tin 1"
    everything = client.get("/api/v1/me/notifications", **_bearer(world.citizen)).json()
    assert {r["subject"] for r in everything["results"]} == {"Tin 0", "Tin 1"}
    assert client.get("/api/v1/me/notifications").status_code == 401


def test_the_profile_changes_only_what_is_sent_and_checks_the_commune(
    world: World, client: Client
) -> None:
    headers = _bearer(world.citizen)
    commune = world.desk.memberships.get().agency.unit
    before = client.get("/api/v1/me", **headers).json()
    changed = client.patch(
        "/api/v1/me/profile", {"unit_id": commune.pk, "address": "Số 12 Phú Riềng Đỏ"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["unit_id"], body["unit_name"]) == (commune.pk, commune.name)
    assert body["address"] == "Số 12 Phú Riềng Đỏ" and body["full_name"] == before["full_name"]

    province = commune.parent
    while province.parent is not None:
        province = province.parent
    for wrong in [{"unit_id": province.pk}, {"unit_id": 10**9}, {"unit_id": None}]:
        refused = client.patch(
            "/api/v1/me/profile", wrong, content_type="application/json", **headers
        )
        assert refused.status_code == 400, wrong
        assert refused.json()["error"]["fields"][0]["field"] == "unit_id"
    assert (
        client.patch(
            "/api/v1/me/profile", {"full_name": "  "}, content_type="application/json", **headers
        ).json()["error"]["message"]
        == "Hãy nhập họ và tên."
    )
    assert client.patch(
        "/api/v1/me/profile", {"id_number": "070190001234"}, content_type="application/json",
        **headers,
    ).status_code == 400  # fmt: skip  # the number is not changed here
    officer = client.patch(
        "/api/v1/me/profile", {"address": "x"}, content_type="application/json",
        **_bearer(world.desk),
    )  # fmt: skip
    assert officer.status_code == 403
    world.citizen.refresh_from_db()
    assert (world.citizen.unit_id, world.citizen.id_number) == (commune.pk, "")
