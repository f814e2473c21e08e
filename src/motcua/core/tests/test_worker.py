"""The background worker (django-tasks database backend) runs the demo task."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from motcua.core.models import AuditEvent
from motcua.core.tasks import system_heartbeat


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_heartbeat_task() -> None:
    result = system_heartbeat.using(backend="db").enqueue(note="test")
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    call_command("db_worker", "--backend", "db", "--batch", "--no-startup-delay", "--interval", "0")

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == "SUCCESSFUL", stored.traceback
    event = AuditEvent.objects.get(action="system.heartbeat")
    assert stored.return_value == event.pk
    assert event.payload == {"note": "test"}
