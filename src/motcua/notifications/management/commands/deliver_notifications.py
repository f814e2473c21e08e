from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.notifications.services import notification_deliver_due


class Command(BaseCommand):
    help = (
        "Send every message whose time has come (first tries and retries). The worker does "
        "this as messages are queued; run this from cron as a safety net after an outage."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = notification_deliver_due()
        self.stdout.write(f"Đã gửi {sent} tin nhắn")
