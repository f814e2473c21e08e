from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.core.selectors import heartbeat_get_last, task_counts_by_status


class Command(BaseCommand):
    help = "Show the background queue and the last heartbeat the worker recorded."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = task_counts_by_status()
        self.stdout.write(f"Hàng đợi tác vụ: {counts or 'trống'}")
        beat = heartbeat_get_last()
        if beat is None:
            self.stdout.write("Worker chưa ghi nhịp tim nào.")
        else:
            self.stdout.write(f"Nhịp tim gần nhất của worker: {beat.occurred_at:%d/%m/%Y %H:%M:%S}")
