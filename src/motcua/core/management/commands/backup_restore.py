from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and the stored files with a backup's, then check them against its "
        "manifest (exit 1 on any difference). Stop the web processes and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="a directory written by backup_create")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_restore(source=options["source"])
        except (BackupError, OSError) as error:
            raise CommandError(f"Khôi phục thất bại: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục và đối chiếu: {report.tables} bảng, {report.rows} dòng, "
                f"{report.files} tệp, chuỗi nhật ký {report.audit_events} sự kiện toàn vẹn."
            )
        )
