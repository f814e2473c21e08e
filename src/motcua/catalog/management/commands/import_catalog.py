"""Import procedures from a JSON or Excel file in the exchange format (docs/catalog-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.exchange import DocumentInvalidError
from motcua.catalog.files import FileRejectedError, read_catalog_file
from motcua.catalog.services import catalog_import


class Command(BaseCommand):
    help = "Import a procedure catalogue file (.json or .xlsx); nothing is written if a row is bad."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            records = read_catalog_file(path.name, path.read_bytes())
            report = catalog_import(records=records)
        except FileNotFoundError as error:
            raise CommandError(f"Không tìm thấy tệp {path}") from error
        except FileRejectedError as error:
            raise CommandError(str(error)) from error
        except DocumentInvalidError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(f"Không nhập gì: {len(error.errors)} lỗi.") from error
        self.stdout.write(
            f"Đã nhập: {report.created} thủ tục mới, {report.new_versions} phiên bản mới, "
            f"{report.unchanged} không đổi, {report.publications} lượt công bố."
        )
