from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.organisation.services import administrative_units_import


class Command(BaseCommand):
    help = (
        "Load the real administrative units (Bình Phước to 30/06/2025, Đồng Nai from "
        "01/07/2025, with lineage). Idempotent; safe in production, unlike seed_demo."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = administrative_units_import()
        self.stdout.write(
            f"Đơn vị hành chính: {report.provinces} tỉnh, {report.districts} huyện, "
            f"{report.communes} xã/phường, {report.successions} liên kết kế thừa "
            f"(mới: {report.created})"
        )
