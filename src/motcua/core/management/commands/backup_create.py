from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database, the stored files and a manifest (row counts, audit chain head, "
        "file checksums) into a new directory under --root (default MOTCUA_BACKUP_DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--root", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        root = options["root"] or Path(settings.MOTCUA_BACKUP_DIR)
        try:
            target = backup_create(root=root)
        except (BackupError, OSError) as error:
            raise CommandError(f"Sao lưu thất bại: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {target}"))
        self.stdout.write(str(target))
