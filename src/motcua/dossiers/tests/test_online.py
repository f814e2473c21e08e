"""Online submission: a draft resumed anywhere, files checked from their content, submitted once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from motcua.dossiers.constants import DossierStatus as S
from motcua.dossiers.models import Dossier, DraftFile
from motcua.dossiers.selectors import document_is_conditional, queue
from motcua.dossiers.services import (
    DossierError,
    draft_attach,
    draft_missing,
    draft_save_answers,
    draft_start,
    draft_submit,
)

from .conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _citizen(world: World) -> None:
    agency = world.desk.memberships.get().agency
    citizen = world.citizen
    citizen.full_name, citizen.phone, citizen.unit_id = (
        "Nguyễn Văn An",
        "0912345678",
        agency.unit_id,
    )
    citizen.id_number = "070190001234"
    citizen.save()


def _answers(world: World) -> dict[str, str]:
    from motcua.catalog.selectors import eform_for_version

    return {f.name: "Nội dung" for f in eform_for_version(version=world.version).fields}


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@time_machine.travel(NOW, tick=False)
def test_a_draft_is_filled_uploaded_submitted_once_and_reaches_the_desk(
    world: World, media: Path
) -> None:
    _citizen(world)
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    assert draft_start(citizen=world.citizen, version_id=world.version.pk).pk == draft.pk
    draft = draft_save_answers(
        citizen=world.citizen, draft_id=draft.pk, revision=0, answers=_answers(world)
    )
    errors, missing = draft_missing(draft)
    assert errors == {} and missing  # the form is done, the files are not
    for document in world.version.documents.all():
        if not document_is_conditional(document) and document.copy_kind != "presented":
            draft_attach(
                citizen=world.citizen,
                draft_id=draft.pk,
                required_document_id=document.pk,
                upload=SimpleUploadedFile("../../tờ khai.pdf", PDF),
            )
    stored = DraftFile.objects.get()
    assert stored.file_name == "tờ khai.pdf"
    assert Path(stored.file.path).resolve().is_relative_to(media.resolve())
    dossier = draft_submit(citizen=world.citizen, draft_id=draft.pk, revision=1)
    again = draft_submit(citizen=world.citizen, draft_id=draft.pk, revision=1)  # replayed
    assert again.pk == dossier.pk and Dossier.objects.count() == 1
    assert dossier.status == S.SUBMITTED and dossier.channel == "online"
    assert dossier.form_data == _answers(world)
    document = dossier.documents.get(file__gt="")
    assert document.file.read() == PDF
    assert dossier in queue(user=world.desk, slug="submitted")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, "PDF, JPEG hoặc PNG"),
        ("empty.pdf", b"", "rỗng"),
        ("big.pdf", PDF + b"0" * (1024 * 1024 + 10), "lớn hơn"),
    ],
)
@override_settings(MOTCUA_UPLOAD_MAX_MB=1)
def test_bad_files_are_refused_and_nothing_is_stored(
    world: World, media: Path, name: str, content: bytes, message: str
) -> None:
    _citizen(world)
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    document = world.version.documents.first()
    assert document is not None
    with pytest.raises(DossierError, match=message):
        draft_attach(
            citizen=world.citizen,
            draft_id=draft.pk,
            required_document_id=document.pk,
            upload=SimpleUploadedFile(name, content),
        )
    assert not DraftFile.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@time_machine.travel(NOW, tick=False)
def test_two_tabs_and_an_incomplete_draft_are_refused(world: World, media: Path) -> None:
    _citizen(world)
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    draft_save_answers(citizen=world.citizen, draft_id=draft.pk, revision=0, answers={})
    with pytest.raises(DossierError, match="thiết bị khác"):
        draft_save_answers(citizen=world.citizen, draft_id=draft.pk, revision=0, answers={})
    with pytest.raises(DossierError, match="Còn thiếu"):
        draft_submit(citizen=world.citizen, draft_id=draft.pk, revision=1)
    with pytest.raises(DossierError):
        draft_save_answers(citizen=world.other_desk, draft_id=draft.pk, revision=1, answers={})
    assert Dossier.objects.count() == 0


def _submitted(world: World) -> Dossier:
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    draft = draft_save_answers(
        citizen=world.citizen, draft_id=draft.pk, revision=draft.revision, answers=_answers(world)
    )
    for document in world.version.documents.all():
        if not document_is_conditional(document) and document.copy_kind != "presented":
            draft_attach(
                citizen=world.citizen,
                draft_id=draft.pk,
                required_document_id=document.pk,
                upload=SimpleUploadedFile("to-khai.pdf", PDF),
            )
    return draft_submit(citizen=world.citizen, draft_id=draft.pk, revision=draft.revision)


@time_machine.travel(NOW, tick=False)
@pytest.mark.usefixtures("media")
def test_a_document_is_reused_and_cannot_be_asked_for_again(world: World) -> None:
    from motcua.dossiers.selectors import citizen_documents
    from motcua.dossiers.services import (
        dossier_forward,
        dossier_receive,
        dossier_request_supplement,
        draft_reuse,
    )

    _citizen(world)
    first = _submitted(world)
    (earlier,) = citizen_documents(citizen=world.citizen)
    assert earlier.dossier == first
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    draft = draft_save_answers(
        citizen=world.citizen, draft_id=draft.pk, revision=0, answers=_answers(world)
    )
    reused = draft_reuse(
        citizen=world.citizen,
        draft_id=draft.pk,
        required_document_id=earlier.required_document_id,
        document_id=earlier.pk,
    )
    assert reused.file.name == earlier.file.name  # the same file, not sent again
    second = draft_submit(citizen=world.citizen, draft_id=draft.pk, revision=1)
    document = second.documents.get(reused_from__isnull=False)
    assert document.reused_from == earlier and document.file.read() == PDF
    dossier_receive(actor=world.desk, dossier_id=second.pk)
    dossier_forward(actor=world.desk, dossier_id=second.pk)
    with pytest.raises(DossierError, match="tái sử dụng"):
        dossier_request_supplement(
            actor=world.specialist, dossier_id=second.pk, reasons=[(document.name, "Bản mờ")]
        )
    third = draft_start(citizen=world.citizen, version_id=world.version.pk)
    with pytest.raises(DossierError, match="không có trong"):
        draft_reuse(  # itself a reuse: the original is what can be reused
            citizen=world.citizen,
            draft_id=third.pk,
            required_document_id=earlier.required_document_id,
            document_id=document.pk,
        )


@time_machine.travel(NOW, tick=False)
@pytest.mark.usefixtures("media")
def test_the_applicant_completes_the_dossier_online(world: World, client) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from motcua.dossiers.services import (
        dossier_forward,
        dossier_receive,
        dossier_request_supplement,
    )

    _citizen(world)
    dossier = _submitted(world)
    dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    dossier_forward(actor=world.desk, dossier_id=dossier.pk)
    dossier_request_supplement(
        actor=world.specialist,
        dossier_id=dossier.pk,
        reasons=[("Giấy xác nhận cũ", "Cần nộp bản chính")],
    )
    url = reverse("portal:supplement", args=[dossier.pk])
    client.force_login(world.citizen)
    page = client.get(url).content.decode()
    assert "Giấy xác nhận cũ" in page and "Cần nộp bản chính" in page
    required = world.version.documents.last()
    assert required is not None
    bad = client.post(
        url,
        {"document": required.pk, "file": SimpleUploadedFile("x.pdf", b"MZ" + b"0" * 50)},
        follow=True,
    )
    assert "PDF, JPEG hoặc PNG" in bad.content.decode()
    client.post(url, {"document": required.pk, "file": SimpleUploadedFile("cu.pdf", PDF)})
    dossier.refresh_from_db()
    assert dossier.documents.filter(file_name="cu.pdf").exists()
    client.post(url, {"send": "1", "revision": dossier.revision, "note": "Đã bổ sung"})
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    last = dossier.events.order_by("-sequence").first()
    assert last is not None and last.actor == world.citizen
    client.force_login(world.other_desk)
    assert client.get(url).status_code == 404
