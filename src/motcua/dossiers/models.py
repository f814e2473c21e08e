"""Dossiers (hồ sơ) and everything recorded about them.

Only `services.py` writes these tables, one function per transition: it locks the dossier row,
checks `workflow.RULES`, saves, and appends one `DossierEvent` in the same transaction. The
events of a dossier are hash-chained (each stores the previous one's hash), so reports, the
766 index and the national sync can be recomputed from history and history cannot be edited.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import Role
from motcua.catalog.constants import Channel, CopyKind, FeeCollection
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core.models import AppendOnlyModel, TimeStampedModel
from motcua.dossiers.constants import (
    ApologyStatus,
    DossierStatus,
    Outcome,
    RefusalReason,
    RefusalStage,
    ResultForm,
    ReturnMethod,
    StepKind,
    StepResult,
    SupplementClock,
    Transition,
)
from motcua.organisation.models import AdministrativeUnit, Agency, OneStopDesk


class Dossier(TimeStampedModel):
    """One application for one procedure, from submission to the returned result."""

    code = models.CharField(
        _("dossier code"),
        max_length=48,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Given at receipt: {agency identifier}-{YYMMDD}-{NNNN}."),
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("procedure version"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    # Bumped by every transition; a form carries the revision it was drawn from (stale forms).
    revision = models.PositiveIntegerField(_("revision"), default=0)

    # Applicant (người nộp) and, where different, the owner of the dossier (chủ hồ sơ).
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("citizen account"),
    )
    applicant_name = models.CharField(_("applicant's full name"), max_length=200)
    applicant_name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    applicant_id_number = models.CharField(_("ID number"), max_length=12, blank=True, db_index=True)
    applicant_phone = models.CharField(_("phone number"), max_length=15, blank=True, db_index=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    applicant_unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applicant's commune"),
    )
    # QĐ 766 indicator 4.5b: the applicant's details were read from the population database (the
    # chip of the căn cước, or VNeID) at receipt instead of being typed in.
    population_data_used = models.BooleanField(
        _("applicant's details taken from the national population database"), default=False
    )
    owner_name = models.CharField(_("owner of the dossier"), max_length=200, blank=True)
    owner_address = models.CharField(_("owner's address"), max_length=300, blank=True)
    subject = models.CharField(_("content of the request"), max_length=500, blank=True)
    copies = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    form_data = models.JSONField(_("online form answers"), default=dict, blank=True)
    fee_collection = models.CharField(
        _("fee collection"),
        max_length=10,
        choices=FeeCollection.choices,
        default=FeeCollection.NONE,
    )
    # The fee quote the dossier was received with (catalog.fees.QuoteLine as dicts): amounts,
    # quantities, the reduction applied and why. Later rule changes do not touch it.
    fee_lines = models.JSONField(_("fee lines"), default=list, blank=True)
    fee_total = models.PositiveBigIntegerField(_("fees due (VND)"), default=0)
    # Online: what the same dossier would cost at the desk, less what it costs (the receipt
    # shows it as the online reduction).
    fee_online_saving = models.PositiveBigIntegerField(_("saved by going online (VND)"), default=0)
    fee_claims = models.JSONField(_("reductions claimed"), default=list, blank=True)
    fees_paid_at = models.DateTimeField(_("fees paid at"), null=True, blank=True)
    return_method = models.CharField(
        _("result returned"),
        max_length=10,
        choices=ReturnMethod.choices,
        default=ReturnMethod.AT_DESK,
    )

    # Routing: the desk that receives and the agency that decides may differ (boundary-free).
    receiving_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="dossiers_received",
        verbose_name=_("receiving agency"),
    )
    receiving_desk = models.ForeignKey(
        OneStopDesk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("receiving desk"),
    )
    deciding_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="dossiers_decided",
        verbose_name=_("deciding agency"),
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )

    # Time. `submitted_at` and `received_at` are kept apart: the clock starts at valid receipt.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("original appointment"), null=True, blank=True)
    due_at = models.DateTimeField(_("appointment (due)"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(_("supplement requests"), default=0)
    extension_count = models.PositiveSmallIntegerField(_("new appointments"), default=0)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["deciding_agency", "status", "due_at"], name="dossier_decide_idx"),
            models.Index(
                fields=["receiving_agency", "status", "due_at"], name="dossier_receive_idx"
            ),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            models.Index(
                fields=["procedure_version", "resolved_at"], name="dossier_version_resolved_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"


class DossierCodeSequence(models.Model):
    """The last number given to a dossier received by an agency on a day (TT 01/2018 Art. 19)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_code_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%y%m%d}: {self.last_number}"


class DossierDocument(models.Model):
    """Thành phần hồ sơ as handed in: which required document, how many, in what form."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("document"), max_length=500)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    copy_kind = models.CharField(_("form of the copy"), max_length=30, choices=CopyKind.choices)
    file = models.FileField(_("file"), upload_to="dossiers/", blank=True, max_length=200)
    file_name = models.CharField(_("file name"), max_length=120, blank=True)
    # Tái sử dụng (QĐ 766 indicator 4.3): taken from the citizen's earlier dossier, not re-sent.
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reused_in",
        verbose_name=_("reused from"),
    )
    # Digitisation (REGULATION.md §3: DuocSoHoa, DuocTaiSuDung = 2, DuocLayTuKhoDMQG,
    # MaKetQuaThayThe): scanned at the desk, taken from an earlier result, from the national store.
    digitised_at = models.DateTimeField(_("digitised at"), null=True, blank=True)
    digitised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reused_result_code = models.CharField(_("replaced by the result"), max_length=60, blank=True)
    from_national_store = models.BooleanField(_("taken from the national store"), default=False)

    class Meta:
        ordering = ["dossier", "position"]
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")

    def __str__(self) -> str:
        return self.name


class DossierEvent(AppendOnlyModel):
    """One transition of one dossier; append-only and chained per dossier.

    `hash` = SHA-256 of the canonical content and `prev_hash` (the dossier's previous event, or
    64 zeros). `request_key` makes a double-submitted action apply once.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField()
    transition = models.CharField(_("action"), max_length=40, choices=Transition.choices)
    from_status = models.CharField(_("from"), max_length=30, choices=DossierStatus.choices)
    to_status = models.CharField(_("to"), max_length=30, choices=DossierStatus.choices)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    request_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["dossier", "sequence"]
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="dossier_event_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.sequence} {self.transition}"


class ProcessingStep(models.Model):
    """Bước xử lý: who holds the dossier, from when, until when it was due; the control sheet."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("template step"), default=0)
    kind = models.CharField(
        _("kind"), max_length=10, choices=StepKind.choices, default=StepKind.PROCESS
    )
    name = models.CharField(_("step"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="dossier_steps", verbose_name=_("agency")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossier_steps",
        verbose_name=_("assigned to"),
    )
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    started_at = models.DateTimeField(_("received at"))
    budget_hours = models.DecimalField(_("budget (working hours)"), max_digits=6, decimal_places=2)
    due_at = models.DateTimeField(_("step due"))
    completed_at = models.DateTimeField(_("handed on at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.CharField(_("result"), max_length=10, choices=StepResult.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["dossier", "started_at", "pk"]
        verbose_name = _("processing step")
        verbose_name_plural = _("processing steps")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["agency", "role", "completed_at", "due_at"], name="step_queue_idx"
            ),
            models.Index(fields=["assignee", "completed_at"], name="step_assignee_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class SupplementRequest(models.Model):
    """Mẫu 02: what is missing and why; the pause interval it caused."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    ordinal = models.PositiveSmallIntegerField(_("request number"))
    reasons = models.JSONField(
        _("missing components"), help_text=_("A list of {document, reason}.")
    )
    note = models.TextField(_("note"), blank=True)
    status_before = models.CharField(max_length=30, choices=DossierStatus.choices)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    due_at_before = models.DateTimeField(null=True, blank=True)
    resumed_at = models.DateTimeField(_("supplement received at"), null=True, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clock_rule = models.CharField(max_length=10, choices=SupplementClock.choices, blank=True)
    due_at_after = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "ordinal"]
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["dossier", "ordinal"], name="supplement_ordinal"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.ordinal}"

    @property
    def is_repeat(self) -> bool:
        """A second request: allowed, but the 766 rule counts the dossier late."""
        return self.ordinal > 1


class Refusal(models.Model):
    """A refusal to receive (Mẫu 03) or to grant; a reason from the taxonomy plus free text."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="refusals")
    stage = models.CharField(_("stage"), max_length=12, choices=RefusalStage.choices)
    reason = models.CharField(_("reason"), max_length=40, choices=RefusalReason.choices)
    details = models.TextField(_("details"))
    refused_at = models.DateTimeField(_("refused at"))
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "refused_at"]
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.reason}"


class ApologyLetter(TimeStampedModel):
    """Mẫu 04: drafted by the unit that is late, approved by its leader before the due date."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    responsible_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit responsible")
    )
    reason = models.TextField(_("reason for the delay"))
    due_at_before = models.DateTimeField(_("appointment before"))
    new_due_at = models.DateTimeField(_("new appointment"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApologyStatus.choices, default=ApologyStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "created_at"]
        verbose_name = _("apology letter")
        verbose_name_plural = _("apology letters")

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.new_due_at:%d/%m/%Y}"


class LatenessExplanation(TimeStampedModel):
    """Giải trình: the head of the unit explains why a dossier is or was late."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="explanations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("explanation"))
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "created_at"]
        verbose_name = _("lateness explanation")
        verbose_name_plural = _("lateness explanations")

    def __str__(self) -> str:
        return f"{self.dossier_id} ({self.agency_id})"


class Result(TimeStampedModel):
    """Kết quả: what the leader approved, in which form, and how it went back to the applicant."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="result")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    form = models.CharField(_("form"), max_length=12, choices=ResultForm.choices)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(_("electronic file"), upload_to="results/%Y/%m/", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_method = models.CharField(
        _("returned"), max_length=10, choices=ReturnMethod.choices, blank=True
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_by_name = models.CharField(_("received by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.outcome}"


class DossierAccess(models.Model):
    """An officer opened a dossier with personal data; the citizen may see who and when."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), db_index=True)
    what = models.CharField(_("what"), max_length=40)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("dossier access")
        verbose_name_plural = _("dossier accesses")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=~Q(what=""), name="dossier_access_what"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.dossier_id} ({self.what})"


class OnlineDraft(TimeStampedModel):
    """A dossier being prepared online: resumable on any device, submitted once."""

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="online_drafts"
    )
    version = models.ForeignKey(ProcedureVersion, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared with the help of"),
    )
    submitted_dossier = models.OneToOneField(
        Dossier, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("online draft")
        verbose_name_plural = _("online drafts")

    def __str__(self) -> str:
        return f"{self.citizen_id}: {self.version_id}"


class DraftFile(models.Model):
    """A file uploaded for one component of a draft (type checked from its content)."""

    draft = models.ForeignKey(OnlineDraft, on_delete=models.CASCADE, related_name="files")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to="drafts/", max_length=200)
    file_name = models.CharField(max_length=120)
    reused_from = models.ForeignKey(
        DossierDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The code of an earlier result used instead (DuocTaiSuDung = 2, MaKetQuaThayThe).
    reused_result_code = models.CharField(max_length=60, blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "uploaded_at"]

    def __str__(self) -> str:
        return self.file_name
