"""Synthetic 766 facts for a demonstration or a benchmark (never for a real province).

    python manage.py quality_generate --from 2026-01-01 --to 2026-06-30 --pairs 40

Writes daily counts for every agency and procedure in force (services/generator.py), with known
totals, so the dashboard has months to compare. Refused unless MOTCUA_DEMO_USERS is on (dev).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.catalog.selectors import procedure_profiles
from motcua.organisation.selectors import agency_list_valid_on
from motcua.quality.services.generator import Kind, Peer, facts_generate


class Command(BaseCommand):
    help = "Write synthetic QĐ 766 daily facts (demo and benchmark only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, type=date.fromisoformat)
        parser.add_argument("--to", dest="end", required=True, type=date.fromisoformat)
        parser.add_argument("--pairs", type=int, default=40, help="agency × procedure per day")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.MOTCUA_DEMO_USERS:
            raise CommandError(
                "Chỉ dùng cho môi trường dev/demo: số liệu giả không được lẫn vào dữ liệu thật."
            )
        today = timezone.localdate()
        peers = [Peer(a.pk, a.unit_id, a.tier) for a in agency_list_valid_on(day=today)]
        kinds = [Kind(p.procedure_id, p.sector_id) for p in procedure_profiles(on=today)]
        if not peers or not kinds:
            raise CommandError("Chưa có cơ quan hoặc thủ tục: hãy chạy seed_demo trước.")

        def progress(done: int, total: int) -> None:
            sys.stderr.write(f"\rNgày {done}/{total}")
            if done == total:
                sys.stderr.write("\n")

        known = facts_generate(
            start=options["start"], end=min(options["end"], today), peers=peers, kinds=kinds,
            pairs_per_day=options["pairs"], progress=progress,
        )  # fmt: skip
        self.stdout.write(f"{known.rows} dòng, {known.totals['received']} hồ sơ tiếp nhận.")
