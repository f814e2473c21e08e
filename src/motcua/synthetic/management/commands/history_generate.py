"""`manage.py history_generate`: a synthetic history of dossiers, then its 766 facts."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.quality.services import facts_rebuild
from motcua.synthetic.services import history_clean, history_generate
from motcua.synthetic.volumes import VolumeError

YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


class _Bar:
    """One line redrawn in place: done / total, percent, rate and time left."""

    def __init__(self, out: Any, unit: str) -> None:
        self.out, self.unit = out, unit
        self.started: float | None = None
        self.shown = 0.0
        # Redrawn twice a second in a terminal; in a log (make run's, CI's) every 20 s.
        self.every = 0.5 if out.isatty() else 20.0

    def __call__(self, done: int, total: int, *, label: str = "") -> None:
        now = time.monotonic()
        if self.started is None:
            self.started = self.shown = now
        if now - self.shown < self.every and done < total:
            return
        self.shown = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        self.out.write(
            f"\r  {label}{done:,}/{total:,} {self.unit} ({100 * done // max(total, 1)}%) · "
            f"{rate:,.0f} {self.unit}/giây · còn khoảng {timedelta(seconds=round(left))}   ",
            ending="" if self.every < 1 else "\n",
        )
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Generate a synthetic history of dossiers (scale 1 = Bình Phước 2022, 4 = Đồng Nai), "
        "resumable, then rebuild the QĐ 766 facts. --clean removes it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--years", default="", help="2022 or 2022-2024")
        parser.add_argument(
            "--since", default="", help="YYYY-MM-DD, or a number of days back (365)"
        )
        parser.add_argument("--scale", default="1")
        parser.add_argument("--seed", type=int, default=766)
        parser.add_argument("--procedures", type=int, default=2000)
        parser.add_argument("--no-facts", action="store_true", help="skip the 766 facts")
        parser.add_argument("--clean", action="store_true", help="remove the synthetic history")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="write into a database whose settings have no demo data (never a live one)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.MOTCUA_DEMO_USERS or options["allow_production"]):
            raise CommandError(
                "Dữ liệu mẫu chỉ được sinh ở môi trường dev, thử nghiệm và đo tải "
                "(MOTCUA_DEMO_USERS); thêm --allow-production nếu đây chắc chắn không phải "
                "cơ sở dữ liệu thật."
            )
        if options["clean"]:
            removed = history_clean()
            self.stdout.write(f"Đã xoá {removed:,} hồ sơ mẫu.")
            self._facts(None)
            return
        today = timezone.localdate()
        since = self._since(options["since"], today)
        first, last = self._years(options["years"], since, today)
        bar = _Bar(self.stdout, "hồ sơ")
        try:
            report = history_generate(
                first_year=first,
                last_year=last,
                scale=options["scale"],
                seed=options["seed"],
                since=since,
                procedures=options["procedures"],
                progress=bar,
            )
        except VolumeError as error:
            raise CommandError(str(error)) from error
        except KeyboardInterrupt:
            self.stdout.write("\nĐã dừng. Chạy lại đúng lệnh này để viết tiếp từ ngày dừng.")
            raise SystemExit(130) from None
        self.stdout.write("")
        if report.catalogue_created:
            self.stdout.write(f"Danh mục thủ tục mẫu: +{report.catalogue_created}")
        self.stdout.write(
            f"Đã sinh {report.dossiers:,} hồ sơ, {report.events:,} sự kiện trong "
            f"{report.seconds:.1f} giây ({report.rate:,.0f} hồ sơ/giây); "
            f"{report.days_resumed} ngày đã có từ lần chạy trước."
        )
        if report.days_written and not options["no_facts"]:
            self._facts(date(first, 1, 1) if since is None else since)

    def _facts(self, start: date | None) -> None:
        from motcua.quality.services import fill_state_get

        state = fill_state_get()
        start = min(d for d in (start, state.filled_from, timezone.localdate()) if d)
        bars = {"dossiers": _Bar(self.stdout, "hồ sơ"), "days": _Bar(self.stdout, "ngày")}

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "days" and done == 1:
                self.stdout.write("")
            bars[stage](done, total, label="Số liệu QĐ 766: ")

        report = facts_rebuild(start=start, end=timezone.localdate(), progress=progress)
        self.stdout.write(
            f"\nSố liệu QĐ 766: {report.dossiers:,} hồ sơ, {report.days_recounted} ngày, "
            f"{report.duration_ms / 1000:.1f} giây."
        )

    def _since(self, value: str, today: date) -> date | None:
        if not value:
            return None
        if value.isdigit():
            return today - timedelta(days=int(value))
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"Ngày bắt đầu không hợp lệ: {value!r} (YYYY-MM-DD).") from None

    def _years(self, value: str, since: date | None, today: date) -> tuple[int, int]:
        if not value:
            if since is None:
                raise CommandError("Cần --years (ví dụ 2022 hoặc 2022-2024) hoặc --since.")
            return since.year, today.year
        match = YEARS.match(value.strip())
        if not match:
            raise CommandError(f"Khoảng năm không hợp lệ: {value!r} (ví dụ 2022 hoặc 2022-2024).")
        first = int(match.group(1))
        return first, int(match.group(2) or first)
