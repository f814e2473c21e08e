from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.core.tasks import system_heartbeat


class Command(BaseCommand):
    help = "Enqueue the demo task that proves the background worker runs."

    def handle(self, *args: Any, **options: Any) -> None:
        result = system_heartbeat.enqueue(note="make run")
        self.stdout.write(f"Đã xếp hàng tác vụ kiểm tra worker: {result.id}")
