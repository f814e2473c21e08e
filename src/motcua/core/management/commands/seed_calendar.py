from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from motcua.core.services import calendar_seed


class Command(BaseCommand):
    help = "Seed Vietnam's holidays and swapped working days (idempotent; keeps admin edits)."

    def add_arguments(self, parser: CommandParser) -> None:
        first, last = settings.MOTCUA_CALENDAR_SEED_YEARS
        parser.add_argument("--from-year", type=int, default=first)
        parser.add_argument("--to-year", type=int, default=last)

    def handle(self, *args: Any, **options: Any) -> None:
        holidays, swaps = calendar_seed(
            first_year=options["from_year"], last_year=options["to_year"]
        )
        self.stdout.write(
            f"Lịch làm việc: thêm {holidays} ngày nghỉ, {swaps} ngày làm bù "
            f"({options['from_year']}–{options['to_year']})."
        )
