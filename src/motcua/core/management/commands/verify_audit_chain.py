from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.audit import audit_chain_verify


class Command(BaseCommand):
    help = "Recompute the audit hash chain and report the first broken link (exit 1 if broken)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(
                f"Chuỗi nhật ký bị phá vỡ tại sự kiện #{report.broken_event_id}: {report.reason} "
                f"(đã kiểm tra hợp lệ {report.checked} sự kiện trước đó)."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Chuỗi nhật ký toàn vẹn: {report.checked} sự kiện đã kiểm tra.")
        )
