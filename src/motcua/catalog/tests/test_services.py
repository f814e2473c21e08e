"""Versioning, publishing, translations, audio summaries, the publication register."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine

from motcua.catalog import audio as audio_engine
from motcua.catalog.constants import AudioBatchStatus, VersionStatus
from motcua.catalog.files import read_catalog_file
from motcua.catalog.models import ProcedureAudio
from motcua.catalog.selectors import (
    publication_register,
    version_audio_text,
    version_get_current,
    version_localise,
    version_missing_components,
)
from motcua.catalog.services import (
    CatalogError,
    audio_batch_run,
    audio_batch_start,
    catalog_import,
    procedure_audio_generate,
    translation_save,
    version_draft_create,
    version_draft_update,
    version_publish,
)
from motcua.catalog.tests.conftest import document, procedure_dict
from motcua.core.models import AuditEvent
from motcua.core.services import calendar_seed

pytestmark = pytest.mark.django_db


def import_docs(*procedures: dict[str, object]) -> None:
    doc = document(*procedures)
    catalog_import(records=read_catalog_file("c.json", json.dumps(doc).encode()))


@pytest.fixture
def officers(django_user_model):  # type: ignore[no-untyped-def]
    return (
        django_user_model.objects.create_user(username="translator", password="x"),
        django_user_model.objects.create_user(username="reviewer", password="x"),
    )


def test_draft_copies_the_current_version_and_publishing_supersedes_it(
    officers, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    import_docs(procedure_dict("1.004194", "Đăng ký tạm trú"))
    current = version_get_current(code="1.004194")
    assert current is not None
    draft = version_draft_create(procedure_id=current.procedure_id, actor_id=officers[0].pk)
    assert draft.status == VersionStatus.DRAFT
    assert draft.number == 2
    assert draft.documents.count() == current.documents.count()
    assert version_draft_create(procedure_id=current.procedure_id, actor_id=officers[0].pk) == draft
    version_draft_update(
        version_id=draft.pk, fields={"result": "Kết quả mới"}, actor_id=officers[0].pk
    )
    with django_capture_on_commit_callbacks() as callbacks:
        version_publish(version_id=draft.pk, valid_from=date(2026, 1, 1), actor_id=officers[0].pk)
    assert len(callbacks) == 1  # the audio summary is regenerated after commit
    current.refresh_from_db()
    assert (current.status, current.valid_to) == (VersionStatus.SUPERSEDED, date(2026, 1, 1))
    assert version_get_current(code="1.004194", on=date(2026, 1, 1)).result == "Kết quả mới"  # type: ignore[union-attr]
    assert AuditEvent.objects.filter(action="catalog.version_published").count() == 1


def test_a_published_version_cannot_be_edited_or_published_again(officers) -> None:  # type: ignore[no-untyped-def]
    import_docs(procedure_dict("1.004194", "Đăng ký tạm trú"))
    current = version_get_current(code="1.004194")
    assert current is not None
    with pytest.raises(CatalogError):
        version_draft_update(version_id=current.pk, fields={"name": "X"}, actor_id=officers[0].pk)
    with pytest.raises(CatalogError):
        version_publish(version_id=current.pk, valid_from=date(2030, 1, 1), actor_id=officers[0].pk)


def test_a_new_version_cannot_start_before_the_current_one(officers) -> None:  # type: ignore[no-untyped-def]
    import_docs(procedure_dict("1.004194", "Đăng ký tạm trú"))
    current = version_get_current(code="1.004194")
    assert current is not None
    draft = version_draft_create(procedure_id=current.procedure_id, actor_id=officers[0].pk)
    with pytest.raises(CatalogError):
        version_publish(version_id=draft.pk, valid_from=date(2023, 3, 1), actor_id=officers[0].pk)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_translation_needs_a_second_person_to_review_and_goes_stale(officers) -> None:  # type: ignore[no-untyped-def]
    translator, reviewer = officers
    import_docs(procedure_dict("1.004194", "Đăng ký tạm trú"))
    version = version_get_current(code="1.004194")
    assert version is not None
    translation_save(
        version_id=version.pk,
        language="en",
        texts={"name": "Temporary residence registration"},
        reviewed=False,
        actor_id=translator.pk,
    )
    with pytest.raises(CatalogError):
        translation_save(
            version_id=version.pk,
            language="en",
            texts={"name": "Temporary residence registration"},
            reviewed=True,
            actor_id=translator.pk,
        )
    reviewed = translation_save(
        version_id=version.pk,
        language="en",
        texts={"name": "Temporary residence registration"},
        reviewed=True,
        actor_id=reviewer.pk,
    )
    assert (reviewed.status, reviewed.translated_by_id, reviewed.reviewed_by_id) == (
        "reviewed",
        translator.pk,
        reviewer.pk,
    )
    localised = version_localise(version=version, language="en")
    assert localised.texts["name"] == "Temporary residence registration"
    assert "steps" in localised.fallback
    assert not localised.outdated
    with pytest.raises(CatalogError):
        translation_save(
            version_id=version.pk, language="fr", texts={}, reviewed=False, actor_id=translator.pk
        )


def test_missing_components_are_listed(officers) -> None:  # type: ignore[no-untyped-def]
    import_docs(
        procedure_dict("1.004194", "Đăng ký tạm trú", DoiTuongThucHien="", TrinhTuThucHien="")
    )
    version = version_get_current(code="1.004194")
    assert version is not None
    assert version_missing_components(version) == ["trình tự thực hiện", "đối tượng thực hiện"]


def test_register_applies_the_working_day_rules_of_indicators_1_1_and_1_2() -> None:
    calendar_seed(first_year=2025, last_year=2025)
    basis = [{"SoKyHieu": "Nghị định X", "TrichYeu": "", "NgayHieuLuc": "2025-02-10"}]  # Monday
    import_docs(
        # 5 working days before Mon 10/02/2025 is Mon 03/02: signed that day -> on time.
        procedure_dict(
            "1.000001",
            "Đúng hạn",
            CanCuPhapLy=basis,
            QuyetDinhCongBo=[
                {
                    "So": "1/QĐ",
                    "CoQuanBanHanh": "UBND",
                    "NgayBanHanh": "2025-02-03",
                    "HanhDong": "announce",
                    "NgayCongKhai": "2025-02-10",
                }
            ],
        ),
        # signed Tue 04/02 -> late for 1.1; public 8 working days later -> late for 1.2.
        procedure_dict(
            "1.000002",
            "Trễ hạn",
            CanCuPhapLy=basis,
            QuyetDinhCongBo=[
                {
                    "So": "2/QĐ",
                    "CoQuanBanHanh": "UBND",
                    "NgayBanHanh": "2025-02-04",
                    "HanhDong": "announce",
                    "NgayCongKhai": "2025-02-14",
                }
            ],
        ),
        # Tết 2025 (27–31/01) is not counted: signed Fri 24/01, public Thu 06/02 = 4 working days.
        procedure_dict(
            "1.000003",
            "Qua Tết",
            CanCuPhapLy=[],
            QuyetDinhCongBo=[
                {
                    "So": "3/QĐ",
                    "CoQuanBanHanh": "UBND",
                    "NgayBanHanh": "2025-01-24",
                    "HanhDong": "announce",
                    "NgayCongKhai": "2025-02-06",
                }
            ],
        ),
    )
    rows = {r.code: r for r in publication_register()}
    assert (rows["1.000001"].published_on_time, rows["1.000001"].public_on_time) == (True, True)
    assert (rows["1.000002"].published_on_time, rows["1.000002"].public_on_time) == (False, False)
    assert (rows["1.000003"].published_on_time, rows["1.000003"].public_on_time) == (None, True)
    assert [r.code for r in publication_register(only_problems=True)] == ["1.000002"]


def test_register_counts_a_decision_never_made_public_as_late_once_the_days_pass() -> None:
    import_docs(
        procedure_dict(
            "1.000001",
            "Chưa công khai",
            QuyetDinhCongBo=[
                {
                    "So": "1/QĐ",
                    "CoQuanBanHanh": "UBND",
                    "NgayBanHanh": "2025-03-03",
                    "HanhDong": "announce",
                    "NgayCongKhai": None,
                }
            ],
        )
    )
    with time_machine.travel(date(2025, 3, 5), tick=False):
        assert publication_register()[0].public_on_time is None
    with time_machine.travel(date(2025, 3, 20), tick=False):
        assert publication_register()[0].public_on_time is False


needs_speech = pytest.mark.skipif(
    not audio_engine.tools_available(), reason="espeak-ng and lame are installed by make"
)


def test_audio_text_reads_limits_fees_and_documents() -> None:
    import_docs(procedure_dict("1.004194", "Đăng ký tạm trú"))
    version = version_get_current(code="1.004194")
    assert version is not None
    text = version_audio_text(version)
    assert "Thủ tục Đăng ký tạm trú." in text
    assert "giải quyết trong 3 ngày làm việc, phí, lệ phí 15.000 đồng" in text
    assert "1. Tờ khai thay đổi thông tin cư trú." in text


@needs_speech
def test_audio_is_generated_cached_and_regenerated_when_the_text_changes(
    officers, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    import_docs(procedure_dict("1.004194", "Đăng ký tạm trú"))
    version = version_get_current(code="1.004194")
    assert version is not None
    assert procedure_audio_generate(version_id=version.pk) is True
    audio = ProcedureAudio.objects.get(version=version)
    data = audio.file.read()
    assert data[:3] == b"ID3" or data[0] == 0xFF  # an MP3 stream
    assert audio.size_bytes == len(data) > 5_000
    assert procedure_audio_generate(version_id=version.pk) is False  # cached
    draft = version_draft_create(procedure_id=version.procedure_id, actor_id=officers[0].pk)
    version_draft_update(
        version_id=draft.pk,
        fields={"plain_summary": "Đăng ký nơi ở mới trong ba ngày."},
        actor_id=officers[0].pk,
    )
    assert procedure_audio_generate(version_id=draft.pk) is True


@needs_speech
def test_audio_batch_counts_progress(
    tmp_path, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    import_docs(
        procedure_dict("1.004194", "Đăng ký tạm trú"),
        procedure_dict("1.004222", "Đăng ký thường trú"),
    )
    with django_capture_on_commit_callbacks() as callbacks:
        batch = audio_batch_start(actor_id=None)
    assert len(callbacks) == 1
    batch = audio_batch_run(batch_id=batch.pk)
    assert (batch.status, batch.total, batch.generated, batch.unchanged, batch.failed) == (
        AudioBatchStatus.FINISHED,
        2,
        2,
        0,
        0,
    )
    again = audio_batch_run(batch_id=audio_batch_start(actor_id=None).pk)
    assert (again.generated, again.unchanged) == (0, 2)


def test_delegations_to_one_agency_may_not_overlap(seeded) -> None:  # type: ignore[no-untyped-def]
    from motcua.catalog.models import Delegation, Procedure
    from motcua.catalog.services import delegation_save
    from motcua.organisation.models import Agency

    import_docs(procedure_dict("3.000346", "Cấp giấy phép lái xe"))
    procedure = Procedure.objects.get(code="3.000346")
    source, target = Agency.objects.filter(tier="province", valid_from__gte=date(2025, 7, 1))[:2]
    first = Delegation(
        procedure=procedure,
        kind="authorisation",
        from_agency=source,
        to_agency=target,
        decision_number="1/QĐ",
        decision_date=date(2025, 7, 1),
        valid_from=date(2025, 7, 1),
        valid_to=date(2026, 1, 1),
    )
    delegation_save(delegation=first, actor_id=None)
    overlapping = Delegation(
        procedure=procedure,
        kind="authorisation",
        from_agency=source,
        to_agency=target,
        decision_number="2/QĐ",
        decision_date=date(2025, 12, 1),
        valid_from=date(2025, 12, 1),
    )
    with pytest.raises(CatalogError):
        delegation_save(delegation=overlapping, actor_id=None)
    overlapping.valid_from = date(2026, 1, 1)
    delegation_save(delegation=overlapping, actor_id=None)
    assert Delegation.objects.count() == 2
