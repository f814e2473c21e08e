"""The nightly integrity check: intact chains pass; rows edited or removed in the database are
found, named, recorded in the audit chain and e-mailed to the alert recipients."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.core.models import AuditEvent
from motcua.dossiers.integrity import dossier_chains_verify, integrity_verify
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import dossier_forward

from .conftest import World


def _sql(statement: str, *params: object) -> None:
    """Change rows behind the services' back, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def three(world: World):  # type: ignore[no-untyped-def]
    dossiers = [world.receive() for _ in range(3)]
    dossier_forward(actor=world.desk, dossier_id=dossiers[0].pk)
    return dossiers


def test_intact_chains_pass_and_the_outcome_is_recorded(three, settings) -> None:  # type: ignore[no-untyped-def]
    report = integrity_verify()
    assert report.ok, report.summary()
    events = DossierEvent.objects.count()
    assert (report.dossiers_checked, report.events_checked) == (3, events)
    assert report.audit.checked == AuditEvent.objects.count() - 1  # the outcome comes after
    recorded = AuditEvent.objects.order_by("-pk").first()
    assert recorded is not None and recorded.action == "integrity.verified"
    assert recorded.payload["dossier_events"] == events
    assert mail.outbox == []


def test_an_edited_event_is_found_and_alerted(three, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_INTEGRITY_ALERT_EMAILS = ["ops@example.vn"]
    admin = User.objects.filter(role=Role.SYSTEM_ADMIN).first()
    assert admin is not None
    User.objects.filter(pk=admin.pk).update(email="quantri@example.vn")
    target = DossierEvent.objects.filter(dossier=three[1]).order_by("sequence").first()
    assert target is not None
    _sql("UPDATE dossiers_dossierevent SET note = %s WHERE id = %s", "sửa lén", target.pk)

    report = integrity_verify()

    assert not report.ok and report.broken_count == 1
    assert (report.broken[0].code, report.broken[0].sequence) == (three[1].code, 1)
    recorded = AuditEvent.objects.order_by("-pk").first()
    assert recorded is not None and recorded.action == "integrity.broken"
    assert recorded.payload["dossiers_broken"] == 1
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert sorted(alert.to) == ["ops@example.vn", "quantri@example.vn"]
    assert three[1].code in alert.body and "CẢNH BÁO" in str(alert.subject)


def test_a_removed_last_event_and_a_removed_middle_event_are_found(three) -> None:  # type: ignore[no-untyped-def]
    last = DossierEvent.objects.filter(dossier=three[0]).order_by("-sequence").first()
    assert last is not None and last.sequence == 2
    _sql("DELETE FROM dossiers_dossierevent WHERE id = %s", last.pk)
    report = dossier_chains_verify()
    assert [(b.code, b.sequence) for b in report.broken] == [(three[0].code, None)]

    # A dossier whose only event is gone has no record of its creation at all.
    _sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s", three[2].pk)
    report = dossier_chains_verify()
    assert {b.code for b in report.broken} == {three[0].code, three[2].code}
    assert report.dossiers_checked == 3


def test_an_edited_audit_event_fails_the_command(three) -> None:  # type: ignore[no-untyped-def]
    call_command("integrity_verify")  # intact: no error
    first = AuditEvent.objects.order_by("pk").first()
    assert first is not None
    _sql("UPDATE core_auditevent SET object_id = %s WHERE id = %s", "khác", first.pk)
    with pytest.raises(CommandError, match=f"#{first.pk}"):
        call_command("integrity_verify")


def test_the_check_runs_every_night(settings) -> None:  # type: ignore[no-untyped-def]
    assert ("motcua.dossiers.tasks.integrity_verify_job", 86400) in settings.MOTCUA_SCHEDULE
