from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.accounts.selectors import user_get_by_username
from motcua.accounts.services import user_seed_demo
from motcua.catalog.services import (
    audio_batch_start,
    catalog_seed_demo,
    eform_seed_demo,
    fee_rules_seed_demo,
)
from motcua.core.services import calendar_seed
from motcua.directives.services import directive_seed_demo
from motcua.dossiers.services import dossier_seed_demo
from motcua.feedback.services import feedback_seed_demo
from motcua.information.services import article_seed_demo
from motcua.organisation.services import administrative_units_import, agency_seed_demo
from motcua.payments.services import payment_accounts_seed_demo
from motcua.quality.services import facts_refresh, targets_seed_demo


class Command(BaseCommand):
    help = (
        "Load the real units, the calendar, the demo agencies, the procedure catalogue, the "
        "public pages and (dev only) the demo users. Idempotent: run it as often as you like."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = settings.MOTCUA_CALENDAR_SEED_YEARS
        holidays, swaps = calendar_seed(first_year=first, last_year=last)
        self.stdout.write(
            f"[1/8] Lịch làm việc {first}–{last}: +{holidays} ngày nghỉ, +{swaps} ngày làm bù"
        )
        units = administrative_units_import()
        self.stdout.write(
            f"[2/8] Đơn vị hành chính: {units.provinces} tỉnh, {units.districts} huyện, "
            f"{units.communes} xã/phường, {units.successions} liên kết kế thừa"
        )
        agencies = agency_seed_demo()
        self.stdout.write(f"[3/8] Cơ quan: {agencies.agencies}, bộ phận một cửa: {agencies.desks}")
        catalog = catalog_seed_demo()
        self.stdout.write(
            f"[4/8] Thủ tục hành chính: +{catalog.created} mới, {catalog.unchanged} không đổi"
        )
        if catalog.created or catalog.new_versions:
            # The background worker (make run starts one) reads the new procedures aloud.
            audio_batch_start(actor_id=None)
            self.stdout.write("      Bản đọc tóm tắt: đã xếp hàng cho tiến trình nền")
        rules, accounts = fee_rules_seed_demo(), payment_accounts_seed_demo()
        self.stdout.write(
            f"      Miễn, giảm phí: +{rules}; tài khoản thu phí trực tuyến: +{accounts}"
        )
        eforms = eform_seed_demo()
        if eforms:
            self.stdout.write(f"      Tờ khai điện tử: {eforms} thủ tục")
        articles = article_seed_demo()
        self.stdout.write(f"[5/8] Trang thông tin: +{articles}")
        if settings.MOTCUA_DEMO_USERS:
            created = user_seed_demo()
            self.stdout.write(f"[6/8] Người dùng mẫu: +{created}")
        else:
            self.stdout.write("[6/8] Người dùng mẫu: bỏ qua (chỉ có ở môi trường dev)")
        if settings.MOTCUA_DEMO_USERS:
            dossiers = dossier_seed_demo()
            self.stdout.write(f"[7/8] Hồ sơ mẫu tại Bộ phận Một cửa: +{dossiers}")
            petitions = feedback_seed_demo()
            self.stdout.write(f"      Phản ánh, kiến nghị mẫu: +{petitions}")
            tasks = directive_seed_demo()
            self.stdout.write(f"      Nhiệm vụ theo văn bản chỉ đạo 2023–2024: +{tasks}")
            monitor = user_get_by_username(username="giamsat")
            if monitor is not None:
                targets = targets_seed_demo(actor=monitor)
                self.stdout.write(f"      Chỉ tiêu thanh toán trực tuyến: +{targets}")
        else:
            self.stdout.write("[7/8] Hồ sơ mẫu: bỏ qua (chỉ có ở môi trường dev)")
        report = facts_refresh()
        self.stdout.write(f"[8/8] Số liệu chỉ số QĐ 766: {report.dossiers} hồ sơ được tính")
