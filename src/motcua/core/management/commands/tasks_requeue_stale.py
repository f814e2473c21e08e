"""Re-queue the background jobs a dead worker left RUNNING (also a scheduled job)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.core.services import tasks_requeue_stale


class Command(BaseCommand):
    help = "Put back in the queue the jobs RUNNING for longer than MOTCUA_TASK_LEASE_SECONDS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lease", type=int, default=None, help="seconds (default: setting)")

    def handle(self, *args: Any, **options: Any) -> None:
        count = tasks_requeue_stale(lease_seconds=options["lease"])
        self.stdout.write(f"Đã xếp hàng lại {count} tác vụ bị bỏ dở.")
