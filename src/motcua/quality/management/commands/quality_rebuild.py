"""Recompute the QĐ 766 facts of a date range from history, with a progress bar.

python manage.py quality_rebuild --from 2024-01-01 --to 2024-12-31
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.quality.services import facts_rebuild

STAGES = {"dossiers": "Hồ sơ", "days": "Ngày"}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (cần dạng YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Recompute the QĐ 766 facts (per dossier and per day) for a date range."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, type=_day)
        parser.add_argument("--to", dest="end", default=None, type=_day)

    def handle(self, *args: Any, **options: Any) -> None:
        start: date = options["start"]
        end: date = options["end"] or timezone.localdate()
        if start > end:
            raise CommandError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        if start > timezone.localdate():
            raise CommandError("Không thể tính số liệu cho một kỳ trong tương lai.")
        tty = sys.stderr.isatty()
        last: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            percent = 100 * done // max(total, 1)
            if not tty and last.get(stage, -10) + 10 > percent and done != total:
                return
            last[stage] = percent
            bar = "#" * (percent // 4) + "." * (25 - percent // 4)
            end_char = "\n" if done == total else ("\r" if tty else "\n")
            sys.stderr.write(f"{STAGES[stage]:<7} [{bar}] {percent:3d}% {done}/{total}{end_char}")
            sys.stderr.flush()

        report = facts_rebuild(start=start, end=end, progress=progress)
        self.stdout.write(
            f"Đã tính lại {report.dossiers} hồ sơ và {report.days_recounted} ngày "
            f"({start:%d/%m/%Y}–{min(end, timezone.localdate()):%d/%m/%Y}) "
            f"trong {report.duration_ms} ms."
        )
