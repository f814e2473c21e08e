from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.accounts.services import user_seed_demo
from motcua.core.services import calendar_seed
from motcua.organisation.services import administrative_units_import, agency_seed_demo


class Command(BaseCommand):
    help = (
        "Load the real units, the calendar, the demo agencies and (dev only) the demo users. "
        "Idempotent: run it as often as you like."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = settings.MOTCUA_CALENDAR_SEED_YEARS
        holidays, swaps = calendar_seed(first_year=first, last_year=last)
        self.stdout.write(
            f"[1/4] Lịch làm việc {first}–{last}: +{holidays} ngày nghỉ, +{swaps} ngày làm bù"
        )
        units = administrative_units_import()
        self.stdout.write(
            f"[2/4] Đơn vị hành chính: {units.provinces} tỉnh, {units.districts} huyện, "
            f"{units.communes} xã/phường, {units.successions} liên kết kế thừa"
        )
        agencies = agency_seed_demo()
        self.stdout.write(f"[3/4] Cơ quan: {agencies.agencies}, bộ phận một cửa: {agencies.desks}")
        if settings.MOTCUA_DEMO_USERS:
            created = user_seed_demo()
            self.stdout.write(f"[4/4] Người dùng mẫu: +{created}")
        else:
            self.stdout.write("[4/4] Người dùng mẫu: bỏ qua (chỉ có ở môi trường dev)")
