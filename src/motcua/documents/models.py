"""Electronic results signed by the deciding agency (kết quả điện tử). Only `services.py` writes
these rows; the signed file itself is never rewritten (its hash is recorded when it is made)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, Result
from motcua.organisation.models import Agency


class SignedResult(models.Model):
    """One signed electronic result: the file, its SHA-256, who signed it for which agency and
    when, and the code (mã giấy tờ kết quả) and token its verification page is found by. A
    certified electronic copy (chứng thực bản sao điện tử từ bản chính) is one too: the scan of the
    original with the certification statement, signed by the certifying agency."""

    class Kind(models.TextChoices):
        RESULT = "result", _("Electronic result")
        CERTIFIED_COPY = "certified_copy", _("Electronic certified copy")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RESULT)
    result = models.OneToOneField(Result, on_delete=models.PROTECT, related_name="signed")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="signed_results")
    code = models.CharField(_("result document code"), max_length=60, unique=True)
    token = models.CharField(max_length=32, unique=True)  # in the QR code: not guessable
    title = models.CharField(_("document"), max_length=500)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    file = models.FileField(_("signed file"), upload_to="results/signed/%Y/%m/", max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    generated = models.BooleanField(default=False)  # from the template (else uploaded)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("certificate"), max_length=200)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"))
    recipient_name = models.CharField(_("issued to"), max_length=200)
    recipient_id_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("signed electronic result")
        verbose_name_plural = _("signed electronic results")

    def __str__(self) -> str:
        return self.code


class CertificationCounter(models.Model):
    """The certification book (sổ chứng thực) of an agency for a year: the last number given to
    a certified electronic copy. Numbers restart each year (NĐ 23/2015, Art. 13 [MEM])."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "year"], name="certification_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_number}"


class StoredDocument(models.Model):
    """Kho quản lý dữ liệu điện tử của cá nhân: a document the state already holds about a
    person (by identification number), reusable in later dossiers: the results issued to them
    and the components digitised from their dossiers. The file is the source's own (the signed
    result, the scan); this row says what it is, who issued it and for how long it is valid."""

    class Kind(models.TextChoices):
        RESULT = "result", _("Electronic result")
        CERTIFIED_COPY = "certified_copy", _("Electronic certified copy")
        COMPONENT = "component", _("Digitised document")

    id_number = models.CharField(_("identification number"), max_length=20, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("document"), max_length=500)
    issuer = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("issued or digitised at"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    # One entry per source: "result:<signed id>" or "component:<dossier document id>".
    source_key = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("stored document")
        verbose_name_plural = _("stored documents")

    def __str__(self) -> str:
        return f"{self.id_number}: {self.title[:40]}"


class RetentionRule(models.Model):
    """How long an entry of the citizen's store is kept, by kind, counted from its issue (or
    digitisation); configured by the province in the admin, without a deploy. Without a row the
    setting MOTCUA_RETENTION_YEARS applies: the legal period is not known (REGULATION.md §3 [GAP]).
    Only the store's index entry expires; the file goes only when nothing else references it."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=StoredDocument.Kind.choices, unique=True
    )
    # None = kept without limit (a decision keeps its legal value); 0 would empty the store.
    years = models.PositiveSmallIntegerField(
        _("years kept"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Counted from the date of issue or digitisation. Empty: kept without limit."),
    )
    note = models.TextField(_("reason or legal basis"), blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        if self.years is None:
            return str(_("%(kind)s: no limit") % {"kind": self.get_kind_display()})
        return str(
            _("%(kind)s: %(years)s years") % {"kind": self.get_kind_display(), "years": self.years}
        )
