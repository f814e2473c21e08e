"""The citizen's document store: results and scans held by identification number, seen and
downloaded by the person, looked up by the deciding agency only while it handles a dossier,
every look-up logged and shown to the person."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.catalog.selectors import eform_for_version
from motcua.core.pdf import pdf_from_html
from motcua.documents.models import StoredDocument
from motcua.documents.services import dossier_approve_signed, store_add_component
from motcua.dossiers.models import Dossier, DossierAccess
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.selectors.facts import dossier_fact_inputs
from motcua.dossiers.services import (
    dossier_document_digitise,
    dossier_forward,
    dossier_receive,
    draft_save_answers,
    draft_start,
    draft_submit,
)
from motcua.payments.services import payment_record_at_desk, payment_request_for_fees
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
    # The certificate of marital status is valid 6 months (MOTCUA_RESULT_VALIDITY_MONTHS).
    issued_on = timezone.localdate(result.issued_at)
    assert result.valid_until is not None and result.valid_until > issued_on
    assert (result.valid_until - issued_on).days in range(180, 185)
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
    citizen.id_number = ID_NUMBER  # typed into the profile: proves nothing yet
    citizen.save()
    client.force_login(citizen)
    unproven = client.get(reverse("portal:my_documents")).content.decode()
    assert entry.title not in unproven and later.code not in unproven
    assert client.get(reverse("portal:my_document", args=[entry.pk])).status_code == 404
    # The phone given with the received dossiers, verified by the account: the number is theirs.
    citizen.phone, citizen.phone_verified_at = "0912345678", timezone.now()
    citizen.save()
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


def _submit_reusing(pay: Pay, client: Any, result_dossier: Dossier, title: str) -> Dossier:
    """The citizen submits a later dossier online, choosing the earlier result from the store for
    its first component and sending files for the others; the desk receives it."""
    citizen = pay.citizen
    citizen.full_name, citizen.phone, citizen.id_number = "Điểu Thị Lan", "0912345678", ID_NUMBER
    citizen.phone_verified_at = timezone.now()  # the phone given at the desk: the number is theirs
    citizen.unit_id = pay.agency.unit_id
    citizen.save()
    draft = draft_start(citizen=citizen, version_id=pay.version.pk)
    answers = {f.name: "Nội dung" for f in eform_for_version(version=pay.version).fields}
    draft = draft_save_answers(citizen=citizen, draft_id=draft.pk, revision=0, answers=answers)
    needed = [d for d in pay.version.documents.all()
              if not document_is_conditional(d) and d.copy_kind != "presented"]  # fmt: skip
    client.force_login(citizen)
    files = reverse("portal:draft_files", args=[draft.pk])
    assert title in client.get(files).content.decode()  # offered from the store
    client.post(files, {"document": needed[0].pk, "reuse_result": result_dossier.pk})
    for document in needed[1:]:
        upload = SimpleUploadedFile("a.pdf", pdf_from_html("<p>a</p>"))
        client.post(files, {"document": document.pk, "file": upload})
    draft.refresh_from_db()
    later = draft_submit(citizen=citizen, draft_id=draft.pk, revision=draft.revision)
    fees = payment_request_for_fees(dossier_id=later.pk)
    assert fees is not None
    payment_record_at_desk(actor=pay.desk, request_id=fees.pk, method="cash", amount=fees.amount)
    return dossier_receive(actor=pay.desk, dossier_id=later.pk)


def test_a_stored_result_is_used_in_a_later_dossier_with_the_reuse_flag(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    first = _issue(pay)
    signed = first.signed_results.get()
    later = _submit_reusing(pay, client, first, signed.title)
    reused = later.documents.exclude(reused_result_code="").get()
    assert reused.reused_result_code == signed.code and reused.file.name == signed.file.name
    assert dossier_fact_inputs([later.pk])[0].reused  # 766 indicator 4.3 counts it
    other = StoredDocument.objects.get(kind="result")
    pay.citizen.id_number = "079099000001"  # someone else's result cannot be used
    pay.citizen.save()
    draft = draft_start(citizen=pay.citizen, version_id=pay.version.pk)
    choice = {"document": reused.required_document_id, "reuse_result": other.dossier_id}
    answer = client.post(reverse("portal:draft_files", args=[draft.pk]), choice, follow=True)
    assert "Kết quả này không có trong giấy tờ của bạn" in answer.content.decode()
    assert not draft.files.exists()


def test_a_number_typed_into_a_profile_does_not_open_the_persons_store(
    pay: Pay, signing_dir: Path, client: Any
) -> None:
    """Someone who types another person's ID number into their profile sees none of that
    person's store: not the page, not the download, not the results offered for reuse."""
    first = _issue(pay)
    signed = first.signed_results.get()
    entry = StoredDocument.objects.get()
    citizen = pay.citizen
    citizen.full_name, citizen.phone, citizen.id_number = "Điểu Thị Lan", "0912345678", ID_NUMBER
    citizen.unit_id = pay.agency.unit_id  # the phone is the person's, but this account never
    citizen.save()  # proved it (no code read back): nothing ties the number to the account
    client.force_login(citizen)
    assert signed.title not in client.get(reverse("portal:my_documents")).content.decode()
    assert client.get(reverse("portal:my_document", args=[entry.pk])).status_code == 404
    draft = draft_start(citizen=citizen, version_id=pay.version.pk)
    files = reverse("portal:draft_files", args=[draft.pk])
    assert 'name="reuse_result"' not in client.get(files).content.decode()  # nothing offered
    needed = next(d for d in pay.version.documents.all()
                  if not document_is_conditional(d) and d.copy_kind != "presented")  # fmt: skip
    client.post(files, {"document": needed.pk, "reuse_result": first.pk})
    assert not draft.files.exists()
