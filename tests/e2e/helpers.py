"""Steps the browser journeys share."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from motcua.accounts.services import DEMO_PASSWORD

# The smallest file the uploads accept as a PDF.
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def signed_in(context: BrowserContext, base: str, username: str) -> Page:
    """A new page of `context`, signed in as the demo user `username`."""
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("main")).not_to_contain_text("Đăng nhập không thành công")
    return page


def received_paper(settings: Any, tmp_path: Path, procedure: str) -> str:
    """A paper dossier of `procedure` received at Phường Đồng Xoài's desk with all its
    components, for congdan, and signing keys for every agency (made for this test)."""
    from django.utils import timezone

    from motcua.accounts.models import User
    from motcua.catalog.selectors import version_get_current
    from motcua.catalog.services import catalog_seed_demo
    from motcua.documents import keys
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.services import ApplicantData, Intake, dossier_receive_new
    from motcua.organisation.selectors import agency_list_valid_on

    catalog_seed_demo()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"
    settings.MOTCUA_SIGNING_PASSPHRASES = {"*": "e2e"}
    root = keys.root_load_or_create(settings.MOTCUA_SIGNING_DIR)
    for agency in agency_list_valid_on(day=timezone.localdate()):
        if agency.national_identifier:
            keys.agency_key_create(settings.MOTCUA_SIGNING_DIR, root, passphrase="e2e",
                                   identifier=agency.national_identifier,
                                   common_name=agency.name)  # fmt: skip
    commune = agency_list_valid_on(day=date(2026, 1, 1)).get(
        tier="commune", unit__name="Phường Đồng Xoài"
    )
    citizen = User.objects.get(username="congdan")
    User.objects.filter(pk=citizen.pk).update(
        phone="0912345678", unit=commune.unit_id, id_number="070190001234"
    )
    version = version_get_current(code=procedure)
    assert version is not None
    dossier = dossier_receive_new(
        actor=User.objects.get(username="motcua"),
        intake=Intake(
            version_id=version.pk, channel="in_person",
            applicant=ApplicantData(name="Nguyễn Văn An", id_number="070190001234",
                                    phone="0912345678"),
            document_ids=[d.pk for d in version.documents.all()], fee_collection="after",
        ),
    )  # fmt: skip
    Dossier.objects.filter(pk=dossier.pk).update(citizen=citizen)
    return str(dossier.code)
