"""Remove the citizen's store entries whose retention period has ended (what the daily job
runs); `--dry-run` only counts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from motcua.documents.models import StoredDocument
from motcua.documents.retention import store_retention_sweep


class Command(BaseCommand):
    help = (
        "Remove the citizen's store entries past the retention period of their kind (a rule "
        "set in the admin, else MOTCUA_RETENTION_YEARS); a file only if nothing references it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be removed; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = store_retention_sweep(dry_run=options["dry_run"])
        if report.dry_run:
            self.stdout.write(_("Dry run: nothing was removed."))
        for counts in report.kinds:
            kind = StoredDocument.Kind(counts.kind).label
            if counts.years is None:
                self.stdout.write(_("%(kind)s: kept without limit") % {"kind": kind})
                continue
            line = (
                _(
                    "%(kind)s (%(years)s years): %(examined)s past the period, %(valid)s still "
                    "valid and kept, %(deleted)s to remove, %(files)s files to remove"
                )
                if report.dry_run
                else _(
                    "%(kind)s (%(years)s years): %(examined)s past the period, %(valid)s still "
                    "valid and kept, %(deleted)s removed, %(files)s files removed"
                )
            )
            self.stdout.write(
                line
                % {
                    "kind": kind,
                    "years": counts.years,
                    "examined": counts.examined,
                    "valid": counts.kept_valid,
                    "deleted": counts.deleted,
                    "files": counts.files_removed,
                }
            )
