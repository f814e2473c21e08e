"""Retention of the citizen's store: an entry past its kind's period leaves the store with an
audit event (the identification number's last two digits only); its file goes only when no other
row names it; a result without limit, a still-valid entry and a dry run keep everything."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from motcua.core.audit import audit_chain_verify
from motcua.core.models import AuditEvent
from motcua.core.pdf import pdf_from_html
from motcua.documents import tasks
from motcua.documents.models import RetentionRule, StoredDocument
from motcua.documents.retention import (
    retention_rule_delete,
    retention_rule_save,
    retention_years_for,
    store_retention_sweep,
)
from motcua.documents.services import document_digitise, dossier_approve_signed
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services import dossier_forward
from motcua.payments.tests.conftest import Pay

ID_NUMBER = "070190001234"  # the applicant of Pay.intake
VN = ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = datetime(2026, 3, 2, 9, 0, tzinfo=VN)  # when the entries below entered the store
ALMOST_FIVE_YEARS = datetime(2031, 3, 1, 9, 0, tzinfo=VN)
FIVE_YEARS_AND_A_DAY = datetime(2031, 3, 3, 9, 0, tzinfo=VN)
FIFTY_YEARS = datetime(2076, 3, 3, 9, 0, tzinfo=VN)
DELETED = "store.deleted_retention"


@cache
def _pdf() -> bytes:
    return pdf_from_html("<p>Giấy khai sinh</p>")


def _issued_on(entry: StoredDocument, when: datetime = ISSUED) -> StoredDocument:
    StoredDocument.objects.filter(pk=entry.pk).update(issued_at=when)
    entry.refresh_from_db()
    return entry


def _scanned_component(pay: Pay) -> StoredDocument:
    """The desk digitises a received dossier's first component: the scan enters the store."""
    dossier = pay.receive(fee_collection="after")
    component = dossier.documents.exclude(copy_kind="presented").first()
    assert component is not None
    document_digitise(actor=pay.desk, dossier_id=dossier.pk, document_id=component.pk,
                      content=ContentFile(_pdf()))  # fmt: skip
    return _issued_on(StoredDocument.objects.get(source_key=f"component:{component.pk}"))


def _lone_entry(
    pay: Pay, dossier: Dossier, *, kind: str, name: str, valid_until: date | None = None
) -> StoredDocument:
    """An entry whose file no other row names (a certified copy whose source has gone, say)."""
    stored = default_storage.save(name, ContentFile(b"%PDF-1.7 copy"))
    return StoredDocument.objects.create(
        id_number=ID_NUMBER, kind=kind, title="Bản sao chứng thực điện tử", issuer=pay.agency,
        issued_at=ISSUED, valid_until=valid_until, file=stored, sha256="0" * 64, dossier=dossier,
        source_key=f"test:{stored}",
    )  # fmt: skip


def _sweep_at(when: datetime, capture: Any, **options: Any) -> tuple[Any, list[Any]]:
    """The sweep at `when`, its on-commit work run (file removals), as after a real commit."""
    with time_machine.travel(when, tick=False), capture(execute=True) as callbacks:
        report = store_retention_sweep(**options)
    return report, callbacks


def test_an_expired_scan_leaves_the_store_audited_and_its_file_stays_with_the_dossier(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    entry = _scanned_component(pay)
    name = entry.file.name
    report, _ = _sweep_at(ALMOST_FIVE_YEARS, django_capture_on_commit_callbacks)
    assert report.of("component").examined == 0  # 5 years are not over yet
    assert StoredDocument.objects.filter(pk=entry.pk).exists()

    report, callbacks = _sweep_at(FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks)

    counts = report.of("component")
    assert (counts.years, counts.examined, counts.deleted, counts.files_removed) == (5, 1, 1, 0)
    assert not StoredDocument.objects.filter(pk=entry.pk).exists()
    event = AuditEvent.objects.get(action=DELETED)
    assert (event.object_type, event.object_id, event.actor_id) == (
        "documents.storeddocument", str(entry.pk), None
    )  # fmt: skip
    payload = dict(event.payload)
    assert datetime.fromisoformat(payload.pop("issued_at")) == ISSUED
    assert payload == {
        "entry_id": entry.pk, "kind": "component", "id_number_tail": "34", "years": 5,
        "dossier_id": entry.dossier_id, "file": name, "file_removed": False,
        "file_held_by": ["dossiers.dossierdocument"],
    }  # fmt: skip
    assert callbacks == []  # no file removal scheduled
    assert default_storage.exists(name)  # the dossier's component still is this scan
    assert DossierDocument.objects.filter(file=name).count() == 1
    assert audit_chain_verify().ok
    report, _ = _sweep_at(FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks)
    assert report.of("component").examined == 0  # a second run finds nothing
    assert AuditEvent.objects.filter(action=DELETED).count() == 1


def test_a_file_no_other_row_names_is_removed_and_a_shared_one_kept(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    dossier = pay.receive(fee_collection="after")
    lone = _lone_entry(pay, dossier, kind="certified_copy", name="store/lone.pdf")
    shared = _lone_entry(pay, dossier, kind="certified_copy", name="store/shared.pdf")
    StoredDocument.objects.create(  # a result entry (kept without limit) names the same file
        id_number=ID_NUMBER, kind="result", title="Kết quả", issuer=pay.agency, issued_at=ISSUED,
        file=shared.file.name, sha256="0" * 64, dossier=dossier, source_key="test:result",
    )  # fmt: skip
    assert default_storage.exists(lone.file.name) and default_storage.exists(shared.file.name)

    report, callbacks = _sweep_at(FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks)

    counts = report.of("certified_copy")
    assert (counts.examined, counts.deleted, counts.files_removed) == (2, 2, 1)
    assert len(callbacks) == 1
    assert not default_storage.exists(lone.file.name)
    assert default_storage.exists(shared.file.name)
    assert list(StoredDocument.objects.values_list("kind", flat=True)) == ["result"]
    by_file = {e.payload["file"]: e.payload for e in AuditEvent.objects.filter(action=DELETED)}
    assert by_file[lone.file.name]["file_removed"] is True
    assert by_file[lone.file.name]["file_held_by"] == []
    assert by_file[shared.file.name]["file_removed"] is False
    assert by_file[shared.file.name]["file_held_by"] == ["documents.storeddocument"]


def test_a_result_is_kept_without_limit_and_its_signed_file_always_stays(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    dossier = pay.receive(fee_collection="after")
    dossier_forward(actor=pay.desk, dossier_id=dossier.pk)
    dossier_forward(actor=pay.specialist, dossier_id=dossier.pk)
    dossier_approve_signed(actor=pay.leader, dossier_id=dossier.pk, form="electronic",
                           document_number="1/GXN")  # fmt: skip
    entry = _issued_on(StoredDocument.objects.get(kind="result"))
    assert retention_years_for("result") is None

    report, _ = _sweep_at(FIFTY_YEARS, django_capture_on_commit_callbacks)

    counts = report.of("result")
    assert (counts.years, counts.examined, counts.deleted) == (None, 0, 0)
    assert StoredDocument.objects.filter(pk=entry.pk).exists()
    assert not AuditEvent.objects.filter(action=DELETED).exists()

    # A province that decides otherwise: the entry goes, the signed file stays with the result.
    retention_rule_save(rule=RetentionRule(kind="result", years=10), actor_id=pay.leader.pk)
    report, callbacks = _sweep_at(FIFTY_YEARS, django_capture_on_commit_callbacks)
    assert (report.of("result").deleted, report.of("result").files_removed) == (1, 0)
    assert callbacks == [] and default_storage.exists(entry.file.name)
    held_by = AuditEvent.objects.get(action=DELETED).payload["file_held_by"]
    assert held_by == ["documents.signedresult", "dossiers.result"]


def test_a_rule_row_overrides_the_setting(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    entry = _scanned_component(pay)
    assert retention_years_for("component") == 5  # the setting's default
    rule = retention_rule_save(
        rule=RetentionRule(kind="component", years=10, note="Quyết định của UBND tỉnh"),
        actor_id=pay.leader.pk,
    )
    assert retention_years_for("component") == 10
    added = AuditEvent.objects.get(action="store.retention_rule_added")
    assert added.actor_id == pay.leader.pk
    assert added.payload == {"kind": "component", "years": 10, "note": "Quyết định của UBND tỉnh"}

    report, _ = _sweep_at(FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks)
    assert (report.of("component").years, report.of("component").deleted) == (10, 0)
    assert StoredDocument.objects.filter(pk=entry.pk).exists()

    rule.years = None  # kept without limit, whatever the setting says
    retention_rule_save(rule=rule, actor_id=pay.leader.pk)
    assert retention_years_for("component") is None
    assert AuditEvent.objects.filter(action="store.retention_rule_changed").count() == 1

    retention_rule_delete(rule=rule, actor_id=pay.leader.pk)  # the setting applies again
    settings.MOTCUA_RETENTION_YEARS = {**settings.MOTCUA_RETENTION_YEARS, "component": 3}
    assert retention_years_for("component") == 3
    report, _ = _sweep_at(ALMOST_FIVE_YEARS, django_capture_on_commit_callbacks)
    assert (report.of("component").years, report.of("component").deleted) == (3, 1)
    assert not StoredDocument.objects.filter(pk=entry.pk).exists()


def test_a_dry_run_deletes_nothing(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    scan = _scanned_component(pay)
    lone = _lone_entry(pay, scan.dossier, kind="certified_copy", name="store/lone.pdf")

    report, callbacks = _sweep_at(
        FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks, dry_run=True
    )

    assert report.dry_run
    component, copy = report.of("component"), report.of("certified_copy")
    assert (component.examined, component.deleted, component.files_removed) == (1, 1, 0)
    assert (copy.examined, copy.deleted, copy.files_removed) == (1, 1, 1)
    assert StoredDocument.objects.filter(pk__in=[scan.pk, lone.pk]).count() == 2
    assert default_storage.exists(lone.file.name)
    assert callbacks == []
    assert not AuditEvent.objects.filter(action=DELETED).exists()

    out = io.StringIO()
    with time_machine.travel(FIVE_YEARS_AND_A_DAY, tick=False), translation.override("en"):
        call_command("store_retention", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "Dry run: nothing was removed.",
        "Electronic result: kept without limit",
        "Electronic certified copy (5 years): 1 past the period, 0 still valid and kept, "
        "1 to remove, 1 files to remove",
        "Digitised document (5 years): 1 past the period, 0 still valid and kept, "
        "1 to remove, 0 files to remove",
    ]
    assert StoredDocument.objects.filter(pk__in=[scan.pk, lone.pk]).count() == 2


def test_an_entry_still_valid_stays(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    dossier = pay.receive(fee_collection="after")
    # Valid through "today" (3 March 2031), and until the day before.
    valid = _lone_entry(pay, dossier, kind="certified_copy", name="store/valid.pdf",
                        valid_until=date(2031, 3, 3))  # fmt: skip
    lapsed = _lone_entry(pay, dossier, kind="certified_copy", name="store/lapsed.pdf",
                         valid_until=date(2031, 3, 2))  # fmt: skip

    report, _ = _sweep_at(FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks)

    counts = report.of("certified_copy")
    assert (counts.examined, counts.kept_valid, counts.deleted) == (2, 1, 1)
    assert list(StoredDocument.objects.values_list("pk", flat=True)) == [valid.pk]
    assert default_storage.exists(valid.file.name)
    assert not default_storage.exists(lapsed.file.name)


def test_the_audit_never_holds_the_whole_identification_number(
    pay: Pay, signing_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    scan = _scanned_component(pay)
    _lone_entry(pay, scan.dossier, kind="certified_copy", name="store/lone.pdf")

    _sweep_at(FIVE_YEARS_AND_A_DAY, django_capture_on_commit_callbacks)

    events = list(AuditEvent.objects.filter(action=DELETED))
    assert len(events) == 2
    for event in events:
        text = json.dumps(event.payload, ensure_ascii=False)
        assert ID_NUMBER not in text and ID_NUMBER[:-2] not in text
        assert event.payload["id_number_tail"] == "34"


def test_the_daily_job_is_scheduled_and_runs_the_sweep(
    pay: Pay, signing_dir: Path, settings: Any
) -> None:
    assert ("motcua.documents.tasks.store_retention_sweep", 86400) in settings.MOTCUA_SCHEDULE
    entry = _scanned_component(pay)
    with time_machine.travel(FIVE_YEARS_AND_A_DAY, tick=False):
        result = tasks.store_retention_sweep.call()
    assert result["component"] == {
        "years": 5, "examined": 1, "kept_valid": 0, "deleted": 1, "files_removed": 0
    }  # fmt: skip
    assert result["result"]["years"] is None
    assert not StoredDocument.objects.filter(pk=entry.pk).exists()


def test_the_province_sets_a_rule_in_the_admin_and_it_is_audited(
    admin_client: Any, admin_user: Any
) -> None:
    page = admin_client.get(reverse("admin:documents_retentionrule_add"))
    assert page.status_code == 200
    answer = admin_client.post(
        reverse("admin:documents_retentionrule_add"),
        {"kind": "component", "years": "7", "note": "Quyết định của UBND tỉnh"},
    )
    assert answer.status_code == 302
    rule = RetentionRule.objects.get()
    assert (rule.kind, rule.years) == ("component", 7)
    assert retention_years_for("component") == 7
    event = AuditEvent.objects.get(action="store.retention_rule_added")
    assert event.actor_id == admin_user.pk
    refused = admin_client.post(
        reverse("admin:documents_retentionrule_add"), {"kind": "result", "years": "0"}
    )
    assert refused.status_code == 200  # the form again: at least one year, or empty
    assert not RetentionRule.objects.filter(kind="result").exists()
