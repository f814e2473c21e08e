"""Bring the QĐ 766 facts up to date (what the scheduled job runs every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.quality.services import facts_refresh


class Command(BaseCommand):
    help = "Refresh the QĐ 766 daily facts with every event since the last run."

    def handle(self, *args: Any, **options: Any) -> None:
        report = facts_refresh()
        self.stdout.write(
            f"{report.dossiers} hồ sơ cập nhật, {report.days_recounted} ngày tính lại "
            f"({report.open_days} ngày tồn), {report.duration_ms} ms"
        )
