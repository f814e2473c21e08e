"""Delete uploaded files no row refers to (left by a crash between the write and the commit)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.core.services import uploads_sweep_orphans


class Command(BaseCommand):
    help = "Delete uploaded files that no row refers to and are older than --older-than seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=24 * 60 * 60)

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = uploads_sweep_orphans(older_than_seconds=options["older_than"])
        self.stdout.write(f"Đã xoá {len(deleted)} tệp tải lên không thuộc hồ sơ nào.")
