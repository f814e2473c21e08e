"""The citizen's document store: results and scans held by identification number, seen and
downloaded by the person, looked up by the deciding agency only while it handles a dossier,
every look-up logged and shown to the person."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.core.pdf import pdf_from_html
from motcua.documents.models import StoredDocument
from motcua.documents.services import dossier_approve_signed, store_add_component
from motcua.dossiers.models import Dossier, DossierAccess
from motcua.dossiers.services import dossier_document_digitise, dossier_forward
from motcua.payments.tests.conftest import Pay

ID_NUMBER = "070190001234"  # the applicant of Pay.intake


def _at_the_leader(pay: Pay) -> Dossier:
    dossier = pay.receive(fee_collection="after")
    dossier_forward(actor=pay.desk, dossier_id=dossier.pk)
    return dossier_forward(actor=pay.specialist, dossier_id=dossier.pk)


def _issue(pay: Pay) -> Dossier:
    dossier = _at_the_leader(pay)
    return dossier_approve_signed(actor=pay.leader, dossier_id=dossier.pk, form="electronic",
                                  document_number="1/GXN")  # fmt: skip


def test_a_result_and_a_scan_reach_the_persons_store(pay: Pay, signing_dir: Path) -> None:
    issued = _issue(pay)
    result = StoredDocument.objects.get(kind="result")
    assert result.id_number == ID_NUMBER and result.dossier == issued
    assert result.sha256 == issued.signed_results.get().sha256
    received = pay.receive(fee_collection="after")
    component = received.documents.exclude(copy_kind="presented").first()
    assert component is not None
    scanned = dossier_document_digitise(actor=pay.desk, dossier_id=received.pk,
                                        document_id=component.pk,
                                        content=ContentFile(pdf_from_html("<p>1</p>")))  # fmt: skip
    entry = store_add_component(document=scanned)
    assert entry is not None and entry.kind == "component" and entry.id_number == ID_NUMBER
    assert store_add_component(document=scanned) == entry  # once per component


def test_the_person_sees_downloads_and_sees_who_looked(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    _issue(pay)
    entry = StoredDocument.objects.get()
    later = _at_the_leader(pay)  # a new dossier of the same person, at the specialist's agency
    client.force_login(pay.specialist)
    page = client.get(reverse("backoffice:dossier_detail", args=[later.pk])).content.decode()
    lookup = reverse("backoffice:store_lookup", args=[later.pk, entry.pk])
    assert lookup in page
    opened = client.get(lookup)
    assert opened.status_code == 200
    assert hashlib.sha256(b"".join(opened.streaming_content)).hexdigest() == entry.sha256
    assert DossierAccess.objects.filter(dossier=later, user=pay.specialist,
                                        what=f"store:{entry.pk}").exists()  # fmt: skip

    citizen = pay.citizen
    citizen.id_number = ID_NUMBER
    citizen.save()
    client.force_login(citizen)
    mine = client.get(reverse("portal:my_documents")).content.decode()
    assert entry.title in mine and pay.specialist.display_name in mine and later.code in mine
    download = client.get(reverse("portal:my_document", args=[entry.pk]))
    assert download.status_code == 200


def test_no_look_up_outside_the_deciding_agency_or_after_handling(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    from motcua.accounts.models import User

    _issue(pay)
    entry = StoredDocument.objects.get()
    later = _at_the_leader(pay)
    lookup = reverse("backoffice:store_lookup", args=[later.pk, entry.pk])
    client.force_login(User.objects.get(username="motcua2"))  # another commune's officer
    assert client.get(lookup).status_code == 404
    client.force_login(pay.citizen)  # a citizen is not an officer
    assert client.get(lookup).status_code == 404
    other = User.objects.create_user(username="khac", password="x", role="citizen",
                                     id_number="079099000001")  # fmt: skip
    client.force_login(other)  # another person's store
    assert client.get(reverse("portal:my_document", args=[entry.pk])).status_code == 404
    dossier_approve_signed(actor=pay.leader, dossier_id=later.pk, form="paper")
    client.force_login(pay.specialist)  # the dossier is resolved: handling is over
    assert client.get(lookup).status_code == 404
    assert not DossierAccess.objects.filter(what__startswith="store:").exists()
