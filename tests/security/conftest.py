"""The access matrix's world: one object of every kind the back office, the portal and the API
address, belonging to (own) the demo officers' commune, (peer) another commune of the same tier,
(unit) a provincial department (another administrative unit); the citizen-owned ones belong to
congdan (own), tocongnghe (peer) and a third citizen (unit). Built through the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

OWNERS = ("own", "peer", "unit")
MARRIAGE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
# The identifying data of each owner's objects: none may show where the outcome is not "ok".
APPLICANTS = {
    "own": ("Hồ Thị Mai", "070190000011", "0911000011"),
    "peer": ("Trịnh Văn Nam", "070190000022", "0911000022"),
    "unit": ("Lý Văn Ba", "070190000033", "0911000033"),
}
PETITIONERS = {
    "own": ("Kha Thị Ngọc", "0922000011"),
    "peer": ("Đàm Văn Phú", "0922000022"),
    "unit": ("Mạc Thị Quế", "0922000033"),
}
TASKS = {
    "own": "Nhiệm vụ riêng của phường Đồng Xoài KQX-OWN",
    "peer": "Nhiệm vụ riêng của phường Bình Phước KQX-PEER",
    "unit": "Nhiệm vụ riêng của Sở Tư pháp KQX-UNIT",
}


@dataclass
class Owned:
    """Everything one owner has; `secrets` must not appear where access is refused."""

    owner: str
    agency: Any
    citizen: Any
    dossier: Any = None
    document: Any = None
    store_entry: Any = None
    payment: Any = None
    draft: Any = None
    feedback: Any = None
    attachment: Any = None
    directive: Any = None
    task: Any = None
    occurrence: Any = None
    report: Any = None
    target: Any = None
    secrets: list[str] = field(default_factory=list)


@dataclass
class AccessWorld:
    users: dict[str, Any]
    owned: dict[str, Owned]
    version: Any
    article: Any
    procedure_code: str


def _member(username: str, full_name: str, role: str, agency: Any) -> Any:
    """An extra officer for the other agencies (the demo has no leader there)."""
    from motcua.accounts.models import OfficerMembership, User

    user = User.objects.create_user(
        username=username, password="x-unused-x", full_name=full_name, role=role
    )
    OfficerMembership.objects.create(
        user=user, agency=agency, role=role, valid_from=agency.valid_from,
        desk=agency.desks.first() if role == "desk_officer" else None,
    )  # fmt: skip
    return user


def access_world_build(media: Any) -> AccessWorld:  # noqa: PLR0915 - one world, built in order
    from motcua.accounts.models import User
    from motcua.accounts.services import Profile, citizen_profile_save
    from motcua.catalog.models import FeeLine
    from motcua.catalog.selectors import version_get_current
    from motcua.directives.services import (
        Deadline,
        DirectiveInput,
        TaskInput,
        directive_create,
        task_report_submit,
    )
    from motcua.documents.services import document_digitise
    from motcua.dossiers.selectors import document_is_conditional
    from motcua.dossiers.services import (
        ApplicantData,
        Intake,
        dossier_receive,
        dossier_submit,
        draft_start,
    )
    from motcua.feedback.services import FeedbackInput, feedback_route, feedback_submit
    from motcua.information.models import Article
    from motcua.information.services import article_seed_demo
    from motcua.organisation.selectors import agency_list_valid_on
    from motcua.payments.models import PaymentAccount
    from motcua.payments.services import payment_record_at_desk, payment_request_for_fees
    from motcua.quality.services.targets import target_save

    today = timezone.localdate()
    users = {u.username: u for u in User.objects.all()}
    agencies = agency_list_valid_on(day=today)
    own = users["motcua"].memberships.get().agency
    peer = users["motcua2"].memberships.get().agency
    unit = agencies.get(name__startswith="Sở Tư pháp")
    assert own.tier == peer.tier == "commune" and own.pk != peer.pk
    assert unit.tier == "province" and unit.unit_id != own.unit_id
    third = User.objects.create_user(
        username="congdan3", password="x-unused-x", full_name="Công Dân Ba", role="citizen"
    )
    extra = {
        "lanhdao2": _member("lanhdao2", "Lãnh Đạo Hai", "leader", peer),
        "lanhdao3": _member("lanhdao3", "Lãnh Đạo Ba", "leader", unit),
        "motcua3": _member("motcua3", "Một Cửa Ba", "desk_officer", unit),
    }
    users = {**users, **extra, "congdan3": third}
    owned = {
        "own": Owned("own", agency=own, citizen=users["congdan"]),
        "peer": Owned("peer", agency=peer, citizen=users["tocongnghe"]),
        "unit": Owned("unit", agency=unit, citizen=third),
    }
    desks = {"own": users["motcua"], "peer": users["motcua2"], "unit": extra["motcua3"]}
    leaders = {"own": users["lanhdao"], "peer": extra["lanhdao2"], "unit": extra["lanhdao3"]}

    # The marriage-status procedure, priced, each agency collecting.
    version = version_get_current(code=MARRIAGE)
    assert version is not None
    FeeLine.objects.filter(terms__version=version).update(amount=20_000)
    for item in owned.values():
        PaymentAccount.objects.create(
            agency=item.agency, partner_code="MOTCUA-TEST", account_number="0123456789",
            bank_code="VCB", account_name=f"{item.agency.name} – thu phí",
            valid_from=item.agency.valid_from,
        )  # fmt: skip
    mandatory = [d.pk for d in version.documents.all() if not document_is_conditional(d)]

    def received(item: Owned, owner: str) -> Any:
        name, id_number, phone = APPLICANTS[owner]
        intake = Intake(
            version_id=version.pk, channel="online", document_ids=mandatory,
            applicant=ApplicantData(name=name, id_number=id_number, phone=phone),
            fee_collection="after", deciding_agency_id=item.agency.pk,
        )  # fmt: skip
        dossier = dossier_submit(
            actor=item.citizen, intake=intake, receiving_agency_id=item.agency.pk
        )
        dossier = dossier_receive(actor=desks[owner], dossier_id=dossier.pk)
        document = dossier.documents.order_by("pk").first()
        assert document is not None
        document_digitise(
            actor=desks[owner], dossier_id=dossier.pk, document_id=document.pk,
            content=SimpleUploadedFile("ban-sao.pdf", PDF, content_type="application/pdf"),
        )  # fmt: skip
        document.refresh_from_db()
        return dossier, document

    for owner, item in owned.items():
        name, id_number, _phone = APPLICANTS[owner]
        # The citizen's profile carries the applicant's number (confirmed by the received
        # dossiers), so the citizen's document store is theirs.
        citizen_profile_save(
            user=item.citizen,
            profile=Profile(
                full_name=item.citizen.full_name, date_of_birth=None, id_number=id_number,
                address="", unit_id=None,
            ),
        )  # fmt: skip
        # An earlier dossier of the same applicant: its scan is in the store, which an officer
        # handling the later dossier may look up.
        earlier, earlier_document = received(item, owner)
        dossier, item.document = received(item, owner)
        item.dossier = dossier

        from motcua.documents.models import StoredDocument

        item.store_entry = StoredDocument.objects.get(source_key=f"component:{earlier_document.pk}")
        request = payment_request_for_fees(dossier_id=dossier.pk)
        assert request is not None
        payment_record_at_desk(
            actor=desks[owner], request_id=request.pk, method="cash", amount=request.amount
        )
        request.refresh_from_db()
        item.payment = request
        item.draft = draft_start(citizen=item.citizen, version_id=version.pk)
        item.secrets += [dossier.code, earlier.code, name, id_number]

        # A petition sent to the agency, by the owner citizen, with a file.
        p_name, p_phone = PETITIONERS[owner]
        feedback = feedback_submit(
            data=FeedbackInput(
                channel="portal", kind="regulation", title=f"Phản ánh {owner}",
                content="Hồ sơ của tôi đã quá hẹn.", name=p_name, phone=p_phone,
                files=[SimpleUploadedFile("anh.pdf", PDF, content_type="application/pdf")],
            ),
            citizen=item.citizen,
        )  # fmt: skip
        feedback_route(actor=users["giamsat"], feedback_id=feedback.pk, agency_id=item.agency.pk)
        item.feedback = feedback
        item.attachment = feedback.attachments.order_by("pk").first()
        item.secrets += [feedback.code, p_name, p_phone]

        # A directive whose one task this agency leads, reported on by its leader.
        directive = directive_create(
            actor=users["giamsat"],
            data=DirectiveInput(
                number=f"{len(owner)}{owner[:1]}/TB-UBND", kind="conclusion_notice",
                issued_on=today, issuer="UBND tỉnh", summary=f"Kết luận {owner}.",
                file=SimpleUploadedFile("ket-luan.pdf", PDF, content_type="application/pdf"),
                tasks=[
                    TaskInput(
                        content=TASKS[owner], lead_agency_id=item.agency.pk,
                        complete_by=Deadline(day=today + timedelta(days=30)),
                    )
                ],
            ),
        )  # fmt: skip
        item.directive = directive
        item.task = directive.tasks.get()
        item.occurrence = item.task.occurrences.get()
        item.report = task_report_submit(
            actor=leaders[owner], occurrence_id=item.occurrence.pk, kind="progress",
            text="Đang thực hiện.",
            file=SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf"),
        )  # fmt: skip
        item.secrets.append(TASKS[owner])

        item.target = target_save(
            actor=users["giamsat"], metric="ONLINE_PAYMENT_DOSSIERS", percent=Decimal(60),
            due_on=today.replace(month=12, day=31), agency_id=item.agency.pk,
        )  # fmt: skip

    article_seed_demo()
    article = Article.objects.order_by("pk").first()
    assert article is not None
    return AccessWorld(
        users=users, owned=owned, version=version, article=article,
        procedure_code=version.procedure.code,
    )  # fmt: skip


@pytest.fixture
def access_world(seeded, seed_catalogue, settings, tmp_path) -> AccessWorld:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return access_world_build(settings.MEDIA_ROOT)
