"""Send what the national sync's outbox holds (what the scheduled job runs), with progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.sync.selectors import sync_counts
from motcua.sync.services import SendReport, sync_send_all_due


class Command(BaseCommand):
    help = "Send the national sync's due messages to the portal (USE_DVCQG must be on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--budget", type=float, default=600.0, help="seconds to keep sending (default 600)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.USE_DVCQG:
            raise CommandError("USE_DVCQG is off: nothing is sent (the outbox keeps everything).")

        def progress(report: SendReport) -> None:
            self.stdout.write(
                f"sent {report.sent}, failed {report.failed}, stopped {report.stopped}, "
                f"requests {report.requests}"
            )

        report = sync_send_all_due(budget_seconds=options["budget"], progress=progress)
        counts = sync_counts()
        self.stdout.write(
            f"done: sent {report.sent}; outbox: {counts['pending']} waiting, {counts['sent']} "
            f"sent, {counts['dead']} stopped"
        )
