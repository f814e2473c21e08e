"""Submitting a dossier through the app: the e-form, a draft answered and checked, files
uploaded and checked from their content, submitted once; and everything a hostile or confused
client may send refused in the error shape, with nothing written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.services import app_session_start
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier, DraftFile, OnlineDraft
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.tests.conftest import MARRIAGE, World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {app_session_start(user=user).access_token}"}


def _ready_citizen(world: World) -> User:
    """An account the desk can route to: its commune, phone and number are known."""
    citizen = world.citizen
    citizen.full_name, citizen.phone = "Nguyễn Văn An", "0912345678"
    citizen.unit_id = world.desk.memberships.get().agency.unit_id
    citizen.id_number = "070190001234"
    citizen.save()
    return citizen


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _upload(client: Client, headers: dict[str, str], draft_id: int, document_id: int, *,
            name: str = "to-khai.pdf", content: bytes = PDF) -> Any:  # fmt: skip
    return client.post(
        f"/api/v1/drafts/{draft_id}/files",
        {"document_id": str(document_id), "file": SimpleUploadedFile(name, content)},
        **headers,
    )


def _patch(client: Client, headers: dict[str, str], draft_id: int, body: dict[str, Any]) -> Any:
    return client.patch(
        f"/api/v1/drafts/{draft_id}/answers", body, content_type="application/json", **headers
    )


def test_the_eform_lists_questions_components_and_options(world: World, client: Client) -> None:
    from motcua.catalog.services import eform_seed_demo

    eform_seed_demo()
    body = client.get("/api/v1/procedures/1.004194/eform").json()
    assert body["procedure_code"] == "1.004194" and body["online"] is True
    by_name = {f["name"]: f for f in body["fields"]}
    group = by_name["nguoi_cung"]
    assert group["type"] == "group" and group["max_entries"] >= 1
    assert {s["name"] for s in group["fields"]} >= {"ho_ten", "so_dinh_danh"}
    assert group["when"] == {"field": "co_nguoi_cung", "equals": True}
    assert [o["value"] for o in by_name["co_nguoi_cung"]["options"]] == ["yes", "no"]
    assert body["documents"] and all(isinstance(d["id"], int) for d in body["documents"])
    marriage = client.get(f"/api/v1/procedures/{MARRIAGE}/eform").json()
    assert [d["name"] for d in marriage["documents"]] == [
        d.name for d in world.version.documents.all()
    ]
    missing = client.get("/api/v1/procedures/9.999999/eform")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


@time_machine.travel(NOW, tick=False)
def test_a_dossier_is_answered_uploaded_and_submitted_once(
    world: World, client: Client, media: Path
) -> None:
    citizen = _ready_citizen(world)
    headers = _bearer(citizen)
    created = client.post(
        "/api/v1/drafts", {"procedure_code": MARRIAGE}, content_type="application/json", **headers
    )
    assert created.status_code == 201, created.content
    draft = created.json()
    assert draft["revision"] == 0 and draft["ready"] is False and draft["missing_documents"]
    again = client.post(
        "/api/v1/drafts", {"procedure_code": MARRIAGE}, content_type="application/json", **headers
    )
    assert again.json()["id"] == draft["id"]  # resumed, not a second draft

    eform = client.get(f"/api/v1/procedures/{MARRIAGE}/eform").json()
    answers = {f["name"]: "Nội dung" for f in eform["fields"]}
    saved = _patch(client, headers, draft["id"], {"revision": 0, "answers": answers})
    assert saved.status_code == 200, saved.content
    assert saved.json()["revision"] == 1 and saved.json()["answer_problems"] == []
    stale = _patch(client, headers, draft["id"], {"revision": 0, "answers": answers})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_revision"

    early = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", {"revision": 1},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert early.status_code == 400 and early.json()["error"]["code"] == "draft_incomplete"
    assert {f["field"] for f in early.json()["error"]["fields"]} == {"files"}

    needed = [
        d for d in world.version.documents.all()
        if not document_is_conditional(d) and d.copy_kind != "presented"
    ]  # fmt: skip
    for document in needed:
        uploaded = _upload(client, headers, draft["id"], document.pk)
        assert uploaded.status_code == 201, uploaded.content
        assert uploaded.json()["content_type"] == "application/pdf"
    extra = _upload(client, headers, draft["id"], needed[0].pk, name="anh.pdf")
    removed = client.delete(f"/api/v1/drafts/{draft['id']}/files/{extra.json()['id']}", **headers)
    assert removed.status_code == 204
    assert DraftFile.objects.count() == len(needed)

    ready = client.get(f"/api/v1/drafts/{draft['id']}", **headers).json()
    assert ready["ready"] is True and len(ready["files"]) == len(needed)
    submit = {"revision": 1, "request_key": "lan-1"}
    sent = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", submit, content_type="application/json", **headers
    )
    assert sent.status_code == 201, sent.content
    code = sent.json()["code"]
    assert sent.json()["status"] == DossierStatus.SUBMITTED and code
    replay = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", submit, content_type="application/json", **headers
    )
    assert replay.status_code == 201 and replay.json()["code"] == code
    assert Dossier.objects.count() == 1
    dossier = Dossier.objects.get()
    assert dossier.citizen_id == citizen.pk and dossier.channel == "online"
    assert dossier.documents.filter(file__gt="").count() == len(needed)

    mine = client.get("/api/v1/me/dossiers", **headers).json()
    assert [d["code"] for d in mine["results"]] == [code]
    closed = _patch(client, headers, draft["id"], {"revision": 1, "answers": answers})
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "already_submitted"
    assert (
        client.get(f"/api/v1/drafts/{draft['id']}", **headers).json()["submitted_dossier_code"]
        == code
    )


@time_machine.travel(NOW, tick=False)
def test_bad_answers_files_and_bodies_are_refused_and_nothing_is_written(
    world: World, client: Client, media: Path, settings: Any
) -> None:
    from motcua.catalog.services import eform_seed_demo

    eform_seed_demo()
    citizen = _ready_citizen(world)
    headers = _bearer(citizen)
    draft = client.post(
        "/api/v1/drafts", {"procedure_code": "1.004194"}, content_type="application/json",
        **headers,
    ).json()  # fmt: skip
    wrong = _patch(
        client, headers, draft["id"],
        {"revision": 0, "answers": {"co_nguoi_cung": "maybe", "khong_co": "x"}},
    )  # fmt: skip
    assert wrong.status_code == 400
    error = wrong.json()["error"]
    assert error["code"] == "invalid_request"
    fields = {f["field"]: f["message"] for f in error["fields"]}
    assert fields["answers.co_nguoi_cung"] == "Hãy trả lời có hoặc không."
    assert "answers.khong_co" in fields
    group = _patch(
        client, headers, draft["id"],
        {"revision": 0, "answers": {"co_nguoi_cung": "yes", "nguoi_cung": [
            {"ho_ten": "Điểu Văn Bé", "so_dinh_danh": "123", "quan_he": "Con"}]}},
    )  # fmt: skip
    assert group.status_code == 400
    assert any("12 chữ số" in f["message"] for f in group.json()["error"]["fields"])
    assert OnlineDraft.objects.get().revision == 0 and OnlineDraft.objects.get().answers == {}

    extra = _patch(client, headers, draft["id"], {"revision": 0, "answers": {}, "admin": True})
    assert extra.status_code == 400 and extra.json()["error"]["code"] == "invalid_request"
    as_form = client.patch(
        f"/api/v1/drafts/{draft['id']}/answers", "revision=0", content_type="text/plain",
        **headers,
    )  # fmt: skip
    assert as_form.status_code == 400 and as_form.json()["error"]["code"] == "invalid_request"

    document = OnlineDraft.objects.get().version.documents.first()
    assert document is not None
    virus = _upload(
        client, headers, draft["id"], document.pk, name="x.pdf", content=b"MZ\x90\x00" + b"\0" * 99
    )
    assert virus.status_code == 400 and "PDF, JPEG hoặc PNG" in virus.json()["error"]["message"]
    settings.MOTCUA_UPLOAD_MAX_MB = 1
    big = _upload(
        client, headers, draft["id"], document.pk, name="big.pdf", content=PDF + b"0" * 1_100_000
    )
    assert big.status_code == 400 and "lớn hơn" in big.json()["error"]["message"]
    foreign = _upload(client, headers, draft["id"], world.version.documents.first().pk)  # type: ignore[union-attr]
    assert foreign.status_code == 400
    no_file = client.post(f"/api/v1/drafts/{draft['id']}/files", {"document_id": "1"}, **headers)
    assert no_file.status_code == 400 and no_file.json()["error"]["code"] == "invalid_request"
    as_json = client.post(
        f"/api/v1/drafts/{draft['id']}/files", {"document_id": document.pk},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert as_json.status_code == 400
    settings.MOTCUA_DRAFT_MAX_FILES = 1
    settings.MOTCUA_UPLOAD_MAX_MB = 10
    assert _upload(client, headers, draft["id"], document.pk).status_code == 201
    full = _upload(client, headers, draft["id"], document.pk)
    assert full.status_code == 400 and "Tối đa 1 tệp" in full.json()["error"]["message"]
    assert DraftFile.objects.count() == 1
    assert sum(1 for p in media.rglob("*") if p.is_file()) == 1  # the refused left no file

    claims = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", {"revision": 0, "fee_claims": ["ai-cung-duoc"]},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert claims.status_code == 400
    assert "fee_claims" in {f["field"] for f in claims.json()["error"]["fields"]}
    assert Dossier.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_a_person_without_a_commune_is_told_to_add_it(
    world: World, client: Client, media: Path
) -> None:
    citizen = _ready_citizen(world)
    citizen.unit_id = None
    citizen.save(update_fields=["unit"])
    headers = _bearer(citizen)
    draft = client.post(
        "/api/v1/drafts", {"procedure_code": MARRIAGE}, content_type="application/json",
        **headers,
    ).json()  # fmt: skip
    refused = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", {"revision": 0},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert refused.status_code == 400
    fields = {f["field"]: f["message"] for f in refused.json()["error"]["fields"]}
    assert "xã, phường" in fields["unit_id"] and "files" in fields
    assert Dossier.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_drafts_are_the_owners_and_citizens_only(world: World, client: Client, media: Path) -> None:
    citizen = _ready_citizen(world)
    mine = _bearer(citizen)
    draft = client.post(
        "/api/v1/drafts", {"procedure_code": MARRIAGE}, content_type="application/json", **mine
    ).json()
    document = world.version.documents.first()
    assert document is not None
    my_file = _upload(client, mine, draft["id"], document.pk).json()
    other = User.objects.create_user(username="nguoikhac", password="x", role="citizen")
    other.unit_id = citizen.unit_id
    other.save()
    theirs = _bearer(other)
    attempts = [
        client.get(f"/api/v1/drafts/{draft['id']}", **theirs),
        client.delete(f"/api/v1/drafts/{draft['id']}/files/{my_file['id']}", **theirs),
        _upload(client, theirs, draft["id"], document.pk),
        _patch(client, theirs, draft["id"], {"revision": 0, "answers": {}}),
        client.post(
            f"/api/v1/drafts/{draft['id']}/submit", {"revision": 0},
            content_type="application/json", **theirs,
        ),
    ]  # fmt: skip
    for response in attempts:
        assert response.status_code == 404, response.content
        assert "Nguyễn Văn An" not in response.content.decode()
    assert DraftFile.objects.count() == 1 and OnlineDraft.objects.get().revision == 0
    assert Dossier.objects.count() == 0
    officer = client.post(
        "/api/v1/drafts", {"procedure_code": MARRIAGE}, content_type="application/json",
        **_bearer(world.desk),
    )  # fmt: skip
    assert officer.status_code == 403 and officer.json()["error"]["code"] == "citizens_only"
    assert client.get(f"/api/v1/drafts/{draft['id']}").status_code == 401
    assert OnlineDraft.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_answers_are_checked_with_every_other_answer_and_odd_values_refused(
    world: World, client: Client
) -> None:
    from motcua.catalog.services import eform_seed_demo

    eform_seed_demo()
    citizen = _ready_citizen(world)
    headers = _bearer(citizen)
    draft = client.post(
        "/api/v1/drafts", {"procedure_code": "1.004194"}, content_type="application/json",
        **headers,
    ).json()  # fmt: skip
    # The portal stored its form's value as typed ("yes"); the phone now adds the group.
    OnlineDraft.objects.filter(pk=draft["id"]).update(answers={"co_nguoi_cung": "yes"})
    entry = {"ho_ten": "Điểu Văn Bé", "so_dinh_danh": "070220001111", "quan_he": "Con"}
    saved = _patch(
        client, headers, draft["id"], {"revision": 0, "answers": {"nguoi_cung": [entry]}}
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["answers"]["nguoi_cung"] == [entry]

    unasked = _patch(
        client, headers, draft["id"],
        {"revision": 1, "answers": {"co_nguoi_cung": "no", "nguoi_cung": [entry]}},
    )  # fmt: skip
    assert unasked.status_code == 400
    assert unasked.json()["error"]["fields"][0]["field"] == "answers.nguoi_cung"
    for odd in [
        {"nguoi_cung": ["x"]},
        {"nguoi_cung": [{"ho_ten": {"a": 1}}]},
        {"noi_tam_tru": "²"},
        {"noi_tam_tru": "9" * 5000},
        {"ho_ten": "Điểu\x00Lan"},
        {"ho_ten": "\ud800"},
        {"ho_ten": {"x": 1}},
        {"thoi_han_thang": "NaN"},
    ]:
        refused = _patch(client, headers, draft["id"], {"revision": 1, "answers": odd})
        assert refused.status_code == 400, (odd, refused.content)
        assert refused.json()["error"]["code"] == "invalid_request"
    assert OnlineDraft.objects.get().revision == 1


def test_the_hourly_limit_refuses_then_resets(world: World, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    settings.MOTCUA_API_WRITES_PER_HOUR = 2
    headers = _bearer(_ready_citizen(world))
    body = {"procedure_code": MARRIAGE}
    statuses = [
        client.post("/api/v1/drafts", body, content_type="application/json", **headers).status_code
        for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
    upload = _upload(client, headers, 1, 1)
    assert upload.status_code == 429  # every change counts, uploads too
    cache.clear()
    assert (
        client.post("/api/v1/drafts", body, content_type="application/json", **headers).status_code
        == 201
    )


def test_an_oversized_body_or_too_many_fields_get_the_error_shape(
    world: World, client: Client, settings: Any
) -> None:
    headers = _bearer(_ready_citizen(world))
    huge = '{"code": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    too_big = client.post("/api/v1/tracking", huge, content_type="application/json")
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "too_large"
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    many = client.post("/api/v1/drafts/1/files", {f"f{i}": "x" for i in range(20)}, **headers)
    assert many.status_code == 400 and many.json()["error"]["code"] == "invalid_request"
    assert OnlineDraft.objects.count() == 0


def test_text_no_column_can_store_is_a_400_in_any_body_form_or_query(client: Client) -> None:
    """A lone surrogate (a JSON escape) or a NUL would make PostgreSQL fail further down."""
    surrogate = '{"code": "\\ud800", "phone_last_digits": "1234"}'
    refused = client.post("/api/v1/tracking", surrogate, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_request"
    nul = '{"satisfied": false, "comment": "a\\u0000b"}'  # a field with no pattern of its own
    refused = client.post("/api/v1/feedback/khong-co/rating", nul, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_request"
    form = client.post("/api/v1/feedback", {"phone_token": "a\x00b", "kind": "other"})
    assert form.status_code == 400 and form.json()["error"]["code"] == "invalid_request"
    broken = client.post(
        "/api/v1/feedback/khong-co/supplement",
        b"--x\r\nnot a part",
        content_type="multipart/form-data",
    )  # no boundary: Django's multipart parser gives up
    assert broken.status_code == 400 and broken.json()["error"]["code"] == "invalid_request"
    query = client.get("/api/v1/procedures?q=a%00b")
    assert query.status_code == 400 and query.json()["error"]["code"] == "invalid_request"
