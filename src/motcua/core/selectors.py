"""Kernel reads: worker health for operators."""

from __future__ import annotations

from collections import Counter

from django_tasks_db.models import DBTaskResult

from motcua.core.models import AuditEvent


def heartbeat_get_last() -> AuditEvent | None:
    return AuditEvent.objects.filter(action="system.heartbeat").order_by("-pk").first()


def task_counts_by_status() -> dict[str, int]:
    return dict(Counter(DBTaskResult.objects.values_list("status", flat=True)))
