"""Enqueue the periodic background jobs at their intervals (`make run` starts it).

The jobs and intervals are the setting MOTCUA_SCHEDULE: (dotted path of a task, seconds). The
worker (`db_worker`) runs them; this process only enqueues, so it stays tiny. In production a
cron line or a systemd timer calling the matching management commands does the same.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Enqueue the periodic jobs of MOTCUA_SCHEDULE at their intervals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue every job once, exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = [(import_string(path), int(seconds)) for path, seconds in settings.MOTCUA_SCHEDULE]
        due = [0.0] * len(jobs)
        while True:
            now = time.monotonic()
            for index, (job, seconds) in enumerate(jobs):
                if now >= due[index]:
                    job.enqueue()
                    due[index] = now + seconds
            if options["once"]:
                self.stdout.write(f"{len(jobs)} job(s) enqueued")
                return
            time.sleep(max(1.0, min(due) - time.monotonic()))
