from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.documents import keys, signing
from motcua.organisation.selectors import agency_list_valid_on


class Command(BaseCommand):
    help = (
        "Development only: a local root and a signing certificate for every agency in service "
        "that has none, in MOTCUA_SIGNING_DIR (never commit them). Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.MOTCUA_DEMO_USERS:
            raise CommandError("demo signing keys exist only where MOTCUA_DEMO_USERS is on")
        phrase = settings.MOTCUA_SIGNING_PASSPHRASES.get("*")
        if not phrase:
            raise CommandError("set MOTCUA_SIGNING_PASSPHRASES='*=…' for the demo keys")
        directory = signing.key_path("x").parent
        root = keys.root_load_or_create(directory)
        created = 0
        for agency in agency_list_valid_on(day=timezone.localdate()):
            identifier = agency.national_identifier
            if identifier and not signing.has_key(identifier):
                keys.agency_key_create(
                    directory, root, identifier=identifier, common_name=agency.name,
                    passphrase=phrase,
                )  # fmt: skip
                created += 1
        self.stdout.write(f"Chứng thư số thử nghiệm: +{created} cơ quan ({directory})")
