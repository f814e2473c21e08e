"""Bring every current procedure's audio summary up to date, with progress in the terminal."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog import audio as audio_engine
from motcua.catalog.selectors import version_list_current
from motcua.catalog.services import procedure_audio_generate


class Command(BaseCommand):
    help = "Generate the audio summaries whose text changed (espeak-ng + lame, offline)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not audio_engine.tools_available():
            raise CommandError("Thiếu espeak-ng hoặc lame: chạy `make setup` với quyền root.")
        ids = list(version_list_current().order_by("procedure__code").values_list("pk", flat=True))
        made = current = failed = 0
        for number, version_id in enumerate(ids, start=1):
            try:
                if procedure_audio_generate(version_id=version_id):
                    made += 1
                else:
                    current += 1
            except audio_engine.AudioError as error:
                failed += 1
                self.stderr.write(f"\nPhiên bản {version_id}: {error}")
            self.stdout.write(f"\r{number}/{len(ids)} ({100 * number // len(ids)}%)", ending="")
            self.stdout.flush()
        self.stdout.write(f"\nĐã tạo {made}, đã cập nhật sẵn {current}, lỗi {failed}.")
