"""The hash-chained audit log detects any change to a stored row."""

from __future__ import annotations

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from motcua.core.audit import GENESIS_HASH, audit_chain_verify, audit_event_append
from motcua.core.models import AppendOnlyError, AuditChainHead, AuditEvent


@pytest.mark.django_db
def test_appended_events_form_a_chain_that_verifies() -> None:
    first = audit_event_append(action="test.one", payload={"n": 1, "text": "Đồng Xoài"})
    second = audit_event_append(action="test.two", object_type="x", object_id=7)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    report = audit_chain_verify()
    assert report.ok
    assert report.checked == 2


@pytest.mark.django_db
def test_a_modified_row_is_reported_as_the_first_broken_link() -> None:
    events = [audit_event_append(action="test", payload={"i": i}) for i in range(5)]
    # An attacker edits a stored payload with SQL (QuerySet.update bypasses the model guard).
    AuditEvent.objects.filter(pk=events[2].pk).update(payload={"i": 99})
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_event_id == events[2].pk
    assert report.checked == 2


@pytest.mark.django_db
def test_a_deleted_middle_row_breaks_the_next_link() -> None:
    events = [audit_event_append(action="test", payload={"i": i}) for i in range(4)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    assert audit_chain_verify().broken_event_id == events[2].pk


@pytest.mark.django_db
def test_deleted_last_rows_are_caught_by_the_chain_head() -> None:
    events = [audit_event_append(action="test", payload={"i": i}) for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[2].pk])
    report = audit_chain_verify()
    assert not report.ok
    assert "head" in report.reason


@pytest.mark.django_db
def test_the_orm_refuses_to_change_or_delete_an_event() -> None:
    event = audit_event_append(action="test")
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.django_db
def test_verify_command_exits_non_zero_and_names_the_row() -> None:
    events = [audit_event_append(action="test", payload={"i": i}) for i in range(3)]
    call_command("verify_audit_chain")
    AuditEvent.objects.filter(pk=events[1].pk).update(action="forged")
    with pytest.raises(CommandError, match=f"#{events[1].pk}"):
        call_command("verify_audit_chain")


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_linear_chain() -> None:
    """Eight writers at once on PostgreSQL (SQLite serialises writers by itself)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                audit_event_append(action="race", payload={"writer": n, "i": i})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = audit_chain_verify()
    assert report.ok, report
    assert report.checked == 80
    assert AuditChainHead.objects.get().length == 80
