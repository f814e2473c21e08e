"""The procedure catalogue: procedures, their effective-dated versions and what hangs off them.

A `Procedure` is the identity (its national code); everything the law or the province can
change lives on a `ProcedureVersion`, valid from one day to another. A dossier keeps the
version it was received under. Only `services.py` writes these tables.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import Role
from motcua.catalog.constants import (
    CODE_PATTERN,
    AudioBatchStatus,
    Beneficiary,
    Channel,
    CopyKind,
    DelegationKind,
    FeeCollection,
    FeeKind,
    FeeRuleKind,
    PublicationAction,
    ServiceLevel,
    TimeUnit,
    TranslationStatus,
    VersionStatus,
)
from motcua.core.models import TimeStampedModel
from motcua.organisation.constants import AgencyKind
from motcua.organisation.models import Agency

code_validator = RegexValidator(CODE_PATTERN, _("A procedure code looks like 1.004194."))


class Sector(models.Model):
    """Lĩnh vực: civil status, residence, land …"""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Procedure(TimeStampedModel):
    """A procedure's identity: the national code it is published under today."""

    code = models.CharField(
        _("national code"), max_length=10, unique=True, validators=[code_validator]
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return self.code


class ProcedureCodeAlias(models.Model):
    """A former national code (REGULATION.md §5.2: many codes changed in 2023–2025)."""

    code = models.CharField(
        _("former code"), max_length=10, unique=True, validators=[code_validator]
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        ordering = ["code"]
        verbose_name = _("former procedure code")
        verbose_name_plural = _("former procedure codes")

    def __str__(self) -> str:
        return f"{self.code} → {self.procedure.code}"


class ProcedureVersion(TimeStampedModel):
    """What a procedure says from `valid_from` to `valid_to` (exclusive)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    # (a) name and classification
    name = models.CharField(_("name"), max_length=500)
    name_folded = models.CharField(max_length=500, editable=False, db_index=True)
    # Code, former codes, name and sector without diacritics: the portable search column.
    search_folded = models.TextField(editable=False, default="")
    # The citizen-facing text without diacritics: PostgreSQL full-text search reads it.
    content_folded = models.TextField(editable=False, default="")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="versions", verbose_name=_("sector")
    )
    at_province = models.BooleanField(_("province tier"), default=False)
    at_district = models.BooleanField(_("district tier"), default=False)
    at_commune = models.BooleanField(_("commune tier"), default=False)
    # (g) executing agency
    executing_agency_kind = models.CharField(
        _("kind of executing agency"), max_length=30, choices=AgencyKind.choices
    )
    executing_agency = models.CharField(_("executing agency"), max_length=500, blank=True)
    deciding_authority = models.CharField(_("deciding authority"), max_length=500, blank=True)
    # (b) (c) (e) (h) (k)
    steps = models.TextField(_("steps"), blank=True)
    methods = models.TextField(_("methods"), blank=True)
    subjects = models.TextField(_("subjects"), blank=True)
    result = models.TextField(_("result"), blank=True)
    conditions = models.TextField(_("requirements and conditions"), blank=True)
    plain_summary = models.TextField(
        _("plain-language summary"),
        blank=True,
        help_text=_("Short sentences a citizen understands; read aloud in the audio summary."),
    )
    result_is_document = models.BooleanField(_("the result is a written document"), default=True)
    subject_is_citizen = models.BooleanField(_("the subject is a citizen"), default=True)
    service_level = models.CharField(
        _("online service level"), max_length=20, choices=ServiceLevel.choices
    )
    eligible_full_online = models.BooleanField(_("eligible for full online service"), default=False)
    related_procedures = models.ManyToManyField(
        Procedure, blank=True, related_name="related_from", verbose_name=_("related procedures")
    )
    bundled_procedures = models.ManyToManyField(
        Procedure,
        blank=True,
        related_name="bundled_in",
        verbose_name=_("procedures joined in this inter-agency procedure"),
    )
    assumptions = models.JSONField(_("assumptions made in the data"), default=list, blank=True)

    eform = models.JSONField(
        _("online form"),
        default=dict,
        blank=True,
        help_text=_(
            "The e-form definition (catalog/eforms.py); empty: built from the form's fields."
        ),
    )

    class Meta:
        ordering = ["procedure__code", "-number"]
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=False, valid_to__gt=models.F("valid_from")),
                name="version_valid_range",
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="draft"),
                name="version_one_draft",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "valid_from", "valid_to"], name="version_validity_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} – {self.name}"

    @property
    def tiers(self) -> list[str]:
        return [
            tier
            for tier, flag in (
                ("province", self.at_province),
                ("district", self.at_district),
                ("commune", self.at_commune),
            )
            if flag
        ]


class LegalBasis(models.Model):
    """Căn cứ pháp lý; the latest effective date decides indicator 1.1."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases"
    )
    position = models.PositiveSmallIntegerField(default=0)
    reference = models.CharField(_("number and symbol"), max_length=300)
    title = models.CharField(_("summary"), max_length=500, blank=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return self.reference


class ProcedureForm(models.Model):
    """A form (mẫu đơn, tờ khai). Until an officer uploads the real file, the portal prints a
    blank form from the field labels."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="forms")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("form code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    legal_source = models.CharField(_("issued by"), max_length=300, blank=True)
    field_labels = models.JSONField(_("fields"), default=list, blank=True)
    file = models.FileField(_("file"), upload_to="catalog/forms/%Y/", blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class RequiredDocument(models.Model):
    """Thành phần hồ sơ: one document the applicant brings, how many and in what form."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="documents"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=1000)
    quantity = models.PositiveSmallIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)]
    )
    copy_kind = models.CharField(_("form of the copy"), max_length=30, choices=CopyKind.choices)
    form = models.ForeignKey(
        ProcedureForm, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name


class ChannelTerms(models.Model):
    """Per channel: the legal time limit, its unit, the daily cut-off, and the fee lines."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    time_limit = models.DecimalField(
        _("time limit"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    time_unit = models.CharField(_("unit"), max_length=15, choices=TimeUnit.choices)
    cutoff_time = models.TimeField(
        _("cut-off time"),
        null=True,
        blank=True,
        help_text=_("Dossiers received after this time count from the next working day."),
    )
    description = models.TextField(_("time limit notes"), blank=True)
    fee_collection = models.CharField(
        _("fee collection"),
        max_length=10,
        choices=FeeCollection.choices,
        default=FeeCollection.BEFORE,
        help_text=_("When the fees are paid; without a fee line with an amount, nothing is due."),
    )

    class Meta:
        ordering = ["version", "channel"]
        verbose_name = _("channel terms")
        verbose_name_plural = _("channel terms")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["version", "channel"], name="channel_terms_unique"),
            models.CheckConstraint(
                condition=Q(time_limit__gt=0), name="channel_time_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.time_limit} {self.time_unit}"


class FeeLine(models.Model):
    """One fee, charge or service price for a channel; `amount` None = set elsewhere."""

    terms = models.ForeignKey(ChannelTerms, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=15, choices=FeeKind.choices)
    description = models.CharField(_("description"), max_length=1000)
    amount = models.PositiveBigIntegerField(_("amount (VND)"), null=True, blank=True)
    unit_label = models.CharField(
        _("charged per"),
        max_length=40,
        blank=True,
        help_text=_("Empty: once per dossier. Otherwise the unit counted, e.g. “bản”, “người”."),
    )
    exemption = models.TextField(_("exemptions and reductions"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("fee line")
        verbose_name_plural = _("fee lines")

    def __str__(self) -> str:
        return self.description


class FeeRule(models.Model):
    """A reduction or exemption of fees, effective-dated (a province resolution, a circular).

    Empty `procedure` = every procedure; empty `fee_kind` = every kind of line; empty `channel` =
    every channel. `units` limits it to applicants living in those communes (the designated
    communes of ethnic-minority policies); `max_age` to applicants younger than that.
    """

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=FeeRuleKind.choices)
    beneficiary = models.CharField(_("for"), max_length=30, choices=Beneficiary.choices)
    percent = models.PositiveSmallIntegerField(
        _("reduction (%)"), validators=[MinValueValidator(1)], help_text=_("100 for an exemption.")
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, null=True, blank=True, related_name="fee_rules"
    )
    fee_kind = models.CharField(
        _("kind of fee"), max_length=15, choices=FeeKind.choices, blank=True
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, blank=True)
    units = models.ManyToManyField(
        "organisation.AdministrativeUnit", blank=True, related_name="+", verbose_name=_("communes")
    )
    max_age = models.PositiveSmallIntegerField(_("younger than (years)"), null=True, blank=True)
    evidence = models.CharField(_("evidence required"), max_length=500, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "pk"]
        verbose_name = _("fee reduction or exemption")
        verbose_name_plural = _("fee reductions and exemptions")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100), name="fee_rule_percent_range"
            ),
            models.CheckConstraint(
                condition=~Q(kind="exemption") | Q(percent=100), name="fee_rule_exemption_whole"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="fee_rule_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProcessStepTemplate(models.Model):
    """One internal step of the process template the dossier workflow follows."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="process_steps"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("step"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    budget_hours = models.DecimalField(
        _("time budget (working hours)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")

    def __str__(self) -> str:
        return self.name


class PublishingDecision(models.Model):
    """Quyết định công bố: the decision that announces, amends or abolishes procedures."""

    number = models.CharField(_("number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=300)
    signed_on = models.DateField(_("signed on"))

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("publishing decision")
        verbose_name_plural = _("publishing decisions")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["number", "issuer"], name="decision_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class Publication(models.Model):
    """One procedure in one publishing decision, and the day it was made public.

    The inputs of 766 indicators 1.1 (decision date vs legal basis) and 1.2 (public date vs
    decision date); REGULATION.md §1.4.
    """

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="publications")
    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
    )
    decision = models.ForeignKey(
        PublishingDecision, on_delete=models.PROTECT, related_name="publications"
    )
    action = models.CharField(_("action"), max_length=10, choices=PublicationAction.choices)
    published_on = models.DateField(_("made public on"), null=True, blank=True)

    class Meta:
        ordering = ["-decision__signed_on"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["procedure", "decision"], name="publication_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id} / {self.decision_id}"


class Delegation(TimeStampedModel):
    """Phân cấp, ủy quyền: the authority to resolve a procedure handed to another agency."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="delegations")
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices)
    from_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="delegations_out", verbose_name=_("from")
    )
    to_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="delegations_in", verbose_name=_("to")
    )
    decision_number = models.CharField(_("decision"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["procedure__code", "-valid_from"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(from_agency=models.F("to_agency")), name="delegation_distinct_agencies"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="delegation_valid_range",
            ),
        ]


class ProcedureTranslation(TimeStampedModel):
    """A version's citizen-facing text in another language; empty fields fall back to Vietnamese.

    `source_hash` is the hash of the Vietnamese text it was made from, so a change in the
    Vietnamese marks it out of date.
    """

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10)
    name = models.CharField(_("name"), max_length=500, blank=True)
    plain_summary = models.TextField(_("plain-language summary"), blank=True)
    steps = models.TextField(_("steps"), blank=True)
    methods = models.TextField(_("methods"), blank=True)
    subjects = models.TextField(_("subjects"), blank=True)
    result = models.TextField(_("result"), blank=True)
    conditions = models.TextField(_("requirements and conditions"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TranslationStatus.choices,
        default=TranslationStatus.DRAFT,
    )
    source_hash = models.CharField(max_length=64)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("procedure translation")
        verbose_name_plural = _("procedure translations")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["version", "language"], name="translation_unique"),
        ]


class ProcedureAudio(models.Model):
    """The spoken summary of a version, made offline by espeak-ng; `text_hash` says which text."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="audio")
    language = models.CharField(max_length=10, default="vi")
    text_hash = models.CharField(max_length=64)
    file = models.FileField(upload_to="catalog/audio/")
    size_bytes = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("audio summary")
        verbose_name_plural = _("audio summaries")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["version", "language"], name="audio_unique"),
        ]

    def __str__(self) -> str:
        return str(self.file.name)


class AudioBatch(TimeStampedModel):
    """A background run that (re)generates audio summaries; the page polls its counters."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=AudioBatchStatus.choices, default=AudioBatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    generated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audio batch")
        verbose_name_plural = _("audio batches")

    @property
    def done(self) -> int:
        return self.generated + self.unchanged + self.failed

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
