"""Write the current catalogue to a JSON or Excel file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from motcua.catalog.excel import workbook_from_document
from motcua.catalog.selectors import catalog_export


class Command(BaseCommand):
    help = "Export the procedures in force today to a .json or .xlsx file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        document = catalog_export()
        if path.suffix.lower() == ".xlsx":
            path.write_bytes(workbook_from_document(document))
        else:
            path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"Đã xuất {len(document['procedures'])} thủ tục vào {path}.")
