"""Signing keys made for each test in a temporary directory (never committed), and the
payments' demo world (a priced procedure, its desk, specialist and leader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.documents import keys
from motcua.payments.tests.conftest import pay, simulator  # noqa: F401 - fixtures, by name

PASSPHRASE = "test-signing"


@pytest.fixture
def signing_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A root and a certificate for every agency in service, as `signing_demo_keys` makes."""
    from django.utils import timezone

    from motcua.organisation.selectors import agency_list_valid_on

    directory = tmp_path / "signing"
    settings.MOTCUA_SIGNING_DIR = directory
    settings.MOTCUA_SIGNING_PASSPHRASES = {"*": PASSPHRASE}
    settings.MEDIA_ROOT = tmp_path / "media"
    root = keys.root_load_or_create(directory)
    for agency in agency_list_valid_on(day=timezone.localdate()):
        if agency.national_identifier:
            keys.agency_key_create(directory, root, identifier=agency.national_identifier,
                                   common_name=agency.name, passphrase=PASSPHRASE)  # fmt: skip
    return directory
