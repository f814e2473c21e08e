"""Add a synthetic catalogue (codes 9.xxxxxx) for scale tests, with progress in the terminal."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.catalog.exchange import parse_document
from motcua.catalog.generator import generate_document
from motcua.catalog.services import catalog_import

BATCH = 250


class Command(BaseCommand):
    help = "Generate and import COUNT synthetic procedures (default 2000)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=766)

    def handle(self, *args: Any, count: int, seed: int, **options: Any) -> None:
        records = parse_document(generate_document(count=count, seed=seed))
        created = 0
        for start in range(0, len(records), BATCH):
            report = catalog_import(records=records[start : start + BATCH])
            created += report.created
            done = min(start + BATCH, len(records))
            self.stdout.write(
                f"\r{done}/{len(records)} thủ tục ({100 * done // len(records)}%)", ending=""
            )
            self.stdout.flush()
        self.stdout.write(f"\nĐã tạo {created} thủ tục mẫu.")
