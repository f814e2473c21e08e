from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from motcua.core.models import AuditEvent


class Command(BaseCommand):
    help = "Show the background queue and the last heartbeat the worker recorded."

    def handle(self, *args: Any, **options: Any) -> None:
        counts: dict[str, int] = {}
        for status in DBTaskResult.objects.values_list("status", flat=True):
            counts[status] = counts.get(status, 0) + 1
        self.stdout.write(f"Hàng đợi tác vụ: {counts or 'trống'}")
        beat = AuditEvent.objects.filter(action="system.heartbeat").order_by("-pk").first()
        if beat is None:
            self.stdout.write("Worker chưa ghi nhịp tim nào.")
        else:
            self.stdout.write(f"Nhịp tim gần nhất của worker: {beat.occurred_at:%d/%m/%Y %H:%M:%S}")
