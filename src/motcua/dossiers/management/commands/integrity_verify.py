from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.integrity import integrity_verify


class Command(BaseCommand):
    help = (
        "Recompute the audit chain and every dossier's event chain, record the outcome and alert "
        "on a break (the nightly job, run now). Exit 1 if a chain is broken."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = integrity_verify()
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
